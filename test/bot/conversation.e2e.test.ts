/**
 * Conversations through the whole bot (runner, features, delivery) against the fake Telegram server
 * and the real engine: follow-ups read with the chat's last question (per chat, within
 * FOLLOW_UP_WINDOW_MINUTES, across a restart), and clarify offers as buttons (the pick answered,
 * 都不是 a ticket, an old button after a restart, a button pressed by someone else, an expired one).
 * Time is a manual clock where the window matters: nothing waits for real minutes. On every store
 * backend: with PostgreSQL the turns (and so old buttons) live in the database all instances share.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { byteLength, CALLBACK_DATA_MAX_BYTES } from "../../src/bot/keyboards.js";
import { S } from "../../src/bot/strings.js";
import { OFFER_LIFETIME_MS } from "../../src/conversation/service.js";
import { CONVERSATIONS_DB_FILE } from "../../src/conversation/sqlite-store.js";
import { openTestEngine, type TestEngine } from "../answer/engine-fixture.js";
import { ASKER, BotHarness, buttonData, has, isAnswerCb, STAFF_CHAT } from "../support/bot-harness.js";
import type { SentMessage } from "../support/fake-telegram.js";
import { ManualClock } from "../support/manual-clock.js";
import { storeBackends } from "../support/store-backends.js";

const OTHER_ASKER = 1002;
const MINUTE = 60_000;
// Questions that reliably follow up / clarify with the engine (checked with npm run ask -- --explain):
// 哪个部门负责？ alone is too short to answer (asked to rephrase); after 开公司要几天？ it names 第1条's department.
const COMPANY = "开公司要几天？";
const WHO = "哪个部门负责？";
// 贷款 alone: three loan measures (16, 18, 19) hold it in different senses; the bot must offer them in the engine's order.
const LOAN = "贷款";
let LOAN_MEASURES: number[] = [];

describe.each(storeBackends())("conversations on $name", (backend) => {
  let t: TestEngine;
  let h: BotHarness;

  beforeAll(async () => {
    t = await openTestEngine("bot-conversation");
    h = await BotHarness.open(t.engine, {}, backend);
    LOAN_MEASURES = (await t.engine.ask(LOAN)).choices!.map((c) => c.measure);
    expect([...LOAN_MEASURES].sort((a, b) => a - b)).toEqual([16, 18, 19]);
  });

  afterEach(async () => {
    await h.stopBot();
    // Nothing a user did reached bot.catch or failed a delivery.
    expect(h.logged("error")).toEqual([]);
  });

  afterAll(async () => {
    await h?.close();
    t?.cleanup();
  });

  /** Send a question; the bot's reply to it. */
  async function ask(text: string, chatId = ASKER): Promise<SentMessage> {
    const q = h.tg.sendText({ chatId, text });
    return h.tg.waitForMessage(chatId, (m) => m.reply_to_message_id === q.message!.message_id);
  }

  const lastMessageId = (chatId = ASKER) => h.tg.sentMessages(chatId).at(-1)?.message_id ?? 0;

  /** Press a button under a bot message; the first message the bot sends to the chat after it that matches. */
  async function press(message: SentMessage, data: string, expect: (m: SentMessage) => boolean, userId?: number): Promise<SentMessage> {
    const after = lastMessageId(message.chat_id);
    h.tg.clickButton({ chatId: message.chat_id, messageId: message.message_id, data, ...(userId ? { userId } : {}) });
    return h.tg.waitForMessage(message.chat_id, (m) => m.message_id > after && expect(m));
  }

  const buttons = (m: SentMessage) =>
    ((m.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard ?? []).flat();
  const offerKey = (clarify: SentMessage) => /^c:([\w-]+):/.exec(buttonData(clarify)[0] ?? "")?.[1] ?? "";
  const isRephrase = (m: SentMessage) => m.plain_text.endsWith(S.unclearHint);

  describe("follow-ups", () => {
    it("a message that cannot stand alone is read with the chat's last question; one that can starts afresh; per chat", async () => {
      await h.startBot();
      expect((await ask(COMPANY)).plain_text).toContain("第1条");
      const who = await ask(WHO);
      expect(who.plain_text).toContain("第1条 深化企业开办“一件事”改革");
      expect(who.plain_text).toContain("负责部门：市市场监管局");
      // A question with a topic of its own is not read with the last one.
      const power = await ask("小微企业办电要几天");
      expect(power.plain_text).toContain("第11条");
      expect(power.plain_text).not.toContain("第1条 ");
      // Another chat has no context: there the same words are too short to answer.
      expect(isRephrase(await ask(WHO, OTHER_ASKER))).toBe(true);
      expect(await h.handoff.list()).toEqual([]);
    });

    it("the window: FOLLOW_UP_WINDOW_MINUTES after the last question the context still counts, a moment later it does not", async () => {
      const clock = new ManualClock();
      await h.startBot({ clock, env: { FOLLOW_UP_WINDOW_MINUTES: "3" } });
      await ask(COMPANY);
      clock.advance(3 * MINUTE);
      expect((await ask(WHO)).plain_text).toContain("负责部门：市市场监管局");
      // The follow-up is now the chat's last turn; past the window from it, the chat starts afresh.
      clock.advance(3 * MINUTE + 1);
      expect(isRephrase(await ask(WHO))).toBe(true);
    });

    it("a real restart in between (bot stopped, new services on the same DATA_DIR): the follow-up is still read with it, and its 转人工 gives staff both", async () => {
      await h.startBot();
      await ask(COMPANY);
      await h.stopBot();
      await h.start();
      const who = await ask(WHO);
      expect(who.plain_text).toContain("负责部门：市市场监管局");
      await press(who, buttonData(who).at(-1)!, has("已为您创建工单 #1"));
      const [ticket] = await h.handoff.list();
      expect(ticket!.question).toBe(`${WHO}\n（接上文：${COMPANY}）`);
      expect(ticket!.candidates.map((c) => c.measure)).toEqual([1]);
      // A ticket ends the context: after it, the same words stand alone again.
      h.tg.sendText({ chatId: ASKER, text: "/cancel" });
      await h.tg.waitForMessage(ASKER, has("已结束人工服务"));
      expect(isRephrase(await ask(WHO))).toBe(true);
    });
  });

  describe("several questions in one message", () => {
    it("one the policy cannot answer: the other is answered, the reply names the one left, and 转人工 gives staff the whole message", async () => {
      await h.startBot();
      const asked = "接电要几天？乌鲁木齐接电要几天";
      const reply = await ask(asked);
      expect(reply.plain_text).toContain("第11条 全面提升“获得电力”服务水平");
      expect(reply.plain_text).toContain("另：关于“乌鲁木齐接电要几天”，《措施》只适用于克拉玛依市");
      expect(reply.plain_text).toContain("如需工作人员解答，请回复“转人工”");
      // Answered: no ticket until the asker wants one.
      expect(await h.handoff.list()).toEqual([]);
      await ask("转人工");
      const [ticket] = await h.handoff.list();
      expect(ticket!.question).toBe(S.questionWithContext(asked, "转人工"));
    });
  });

  describe("clarify", () => {
    it("asks with a button per measure (title and what it covers) and 都不是; the pick is answered like any answer and becomes the context", async () => {
      await h.startBot();
      const clarify = await ask(LOAN);
      const lines = clarify.plain_text.split("\n");
      expect(lines[0]).toBe(S.clarify.zh.prompt);
      expect(lines.at(-1)).toBe(S.clarify.zh.noneHint);
      const key = offerKey(clarify);
      expect(key).toMatch(/^[\w-]{8}$/);
      expect(buttonData(clarify)).toEqual([...LOAN_MEASURES.map((m) => `c:${key}:${m}`), `c:${key}:x`]);
      for (const d of buttonData(clarify)) expect(byteLength(d)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      const labels = buttons(clarify).map((b) => b.text);
      LOAN_MEASURES.forEach((m, i) => {
        const title = t.engine.measure(m)!.title;
        expect(clarify.plain_text).toContain(`${i + 1}. 第${m}条 ${title}`);
        expect(labels[i]!.startsWith(`${i + 1}. ${title.slice(0, 10)}`)).toBe(true);
        expect(Array.from(labels[i]!).length).toBeLessThanOrEqual(40);
      });
      expect(labels.at(-1)).toBe("都不是 / 转人工");

      const picked = await press(clarify, `c:${key}:19`, has("第19条"));
      expect(picked.plain_text).toContain("负责部门：金融办、市科技局");
      expect(picked.plain_text).toContain("摘自《2022年优化营商环境提升服务效能42项措施》");
      expect(buttonData(picked)).toEqual(["m:19", "fb:up", "fb:down", expect.stringMatching(/^h:human:[\w-]{8}$/)]);
      expect(buttonData(picked).at(-1)).not.toBe(`h:human:${key}`);
      expect(h.tg.calls.filter(isAnswerCb)).toHaveLength(1);
      // The next follow-up is about the measure picked.
      const who = await ask(WHO);
      expect(who.plain_text).toContain("第19条");
      expect(who.plain_text).not.toContain("第16条");
      expect(await h.handoff.list()).toEqual([]);
    });

    it("a choice's number typed instead of pressed picks it too", async () => {
      await h.startBot();
      await ask(LOAN);
      const picked = await ask("3");
      expect(picked.plain_text).toContain(`第${LOAN_MEASURES[2]}条`);
      expect(picked.plain_text).not.toContain(`第${LOAN_MEASURES[0]}条`);
    });

    it("an English question is asked back in English, and the pick answered in English", async () => {
      await h.startBot();
      const clarify = await ask("loan");
      expect(clarify.plain_text.split("\n")[0]).toBe(S.clarify.en.prompt);
      const first = (await t.engine.ask("loan")).choices![0]!.measure;
      expect(clarify.plain_text).toContain(`1. Measure ${first} (第${first}条)`);
      expect(buttons(clarify).at(-1)!.text).toBe("None of these / talk to a person");
      const picked = await press(clarify, `c:${offerKey(clarify)}:16`, has("Measure 16 (第16条)"));
      expect(picked.plain_text).toContain("Responsible: 金融办 (Financial Affairs Office)");
    });

    it("都不是 opens a ticket with the question and the measures offered, stored before the asker is told; typed 都不是 does the same", async () => {
      await h.startBot();
      const clarify = await ask(LOAN);
      // Hold the reply to the press: the ticket must already be stored when it goes out.
      const held = h.tg.hold("sendMessage", { where: (p) => String(p.text ?? "").includes(S.clarify.zh.handedOff), stage: "before" });
      h.tg.clickButton({ chatId: ASKER, messageId: clarify.message_id, data: `c:${offerKey(clarify)}:x` });
      await held.reached;
      const [ticket] = await h.handoff.list();
      expect(ticket).toMatchObject({ id: 1, status: "open", question: S.noneOfTheseTicket(LOAN) });
      expect(ticket!.candidates.map((c) => c.measure)).toEqual(LOAN_MEASURES);
      held.release();
      await h.tg.waitForMessage(ASKER, has(S.clarify.zh.handedOff));
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      const card = await h.tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
      expect(card.plain_text).toContain("第19条");
      expect(h.count(ASKER, "已为您创建工单")).toBe(1);

      // While the ticket is open, text goes to staff; after /cancel, a typed 都不是 after a new clarify opens ticket #2.
      h.tg.sendText({ chatId: ASKER, text: "/cancel" });
      await h.tg.waitForMessage(ASKER, has("已结束人工服务"));
      await ask(LOAN);
      h.tg.sendText({ chatId: ASKER, text: "都不是" });
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #2"));
      expect((await h.handoff.get(2))?.question).toBe(S.noneOfTheseTicket(LOAN));
    });

    it("an old button after a restart still works: the offer is stored", async () => {
      await h.startBot();
      const clarify = await ask(LOAN);
      await h.stopBot();
      await h.start();
      const picked = await press(clarify, `c:${offerKey(clarify)}:18`, has("第18条"));
      expect(picked.plain_text).toContain("市人民银行");
    });

    it("a button pressed by another user is refused with an alert, and nothing is sent; the asker's own press works", async () => {
      await h.startBot();
      const clarify = await ask(LOAN);
      const data = `c:${offerKey(clarify)}:16`;
      const before = h.tg.sentMessages(ASKER).length;
      h.tg.clickButton({ chatId: ASKER, messageId: clarify.message_id, data, userId: 2002 });
      const alert = await h.tg.waitFor(isAnswerCb);
      expect(alert.params).toMatchObject({ text: S.pickNotYours, show_alert: true });
      expect(h.logged("info")).toContain("clarify button pressed by someone other than the asker: refused");
      expect(h.tg.sentMessages(ASKER)).toHaveLength(before);
      await press(clarify, data, has("第16条"));
    });

    it("past OFFER_LIFETIME_MS, or with a key the bot never gave, a button says the choices expired", async () => {
      const clock = new ManualClock();
      await h.startBot({ clock });
      const clarify = await ask(LOAN);
      clock.advance(OFFER_LIFETIME_MS + 1);
      await press(clarify, `c:${offerKey(clarify)}:19`, has(S.clarify.zh.expired));
      const after = lastMessageId();
      h.tg.clickButton({ chatId: ASKER, messageId: clarify.message_id, data: "c:AAAAAAAA:19", allowUnknownData: true });
      await h.tg.waitForMessage(ASKER, (m) => m.message_id > after && m.plain_text === S.clarify.zh.expired);
      // Nothing but the two notices followed the offer.
      expect(h.tg.sentMessages(ASKER).filter((m) => m.message_id > clarify.message_id).map((m) => m.plain_text)).toEqual([S.clarify.zh.expired, S.clarify.zh.expired]);
      expect(await h.handoff.list()).toEqual([]);
    });
  });

  describe("when the conversation database cannot be written", () => {
    it("answers go on, follow-ups and buttons use what the process remembers, and it is logged once", async () => {
      await h.startBot();
      const release = await h.storage!.holdWriteLock("conversations");
      try {
        await ask(COMPANY);
        expect((await ask(WHO)).plain_text).toContain("负责部门：市市场监管局");
        const clarify = await ask(LOAN);
        await press(clarify, `c:${offerKey(clarify)}:19`, has("第19条"));
      } finally {
        await release();
      }
      expect(h.logged("warn").filter((m) => m.startsWith("conversation database"))).toEqual([
        "conversation database cannot be written: answering goes on; follow-ups and buttons use what this process remembers",
      ]);
      expect(fs.existsSync(path.join(h.dataDir, CONVERSATIONS_DB_FILE))).toBe(backend.name === "sqlite");
    });
  });
});
