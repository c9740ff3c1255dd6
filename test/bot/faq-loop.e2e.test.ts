/**
 * The loop, end to end with the real bot against the fake Bot API: an out-of-policy question →
 * ticket → staff reply → pending FAQ card → approval (a button, or `npm run faq` in another
 * process) → the same question and a paraphrase from other askers are answered from the FAQ,
 * labelled, without a ticket; an unrelated question is not. Plus 👍/👎 in the log and /stats.
 * On every store backend: the whole composition opens its stores as npm start does.
 */
import fs from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { formatDate } from "../../src/faq/strings.js";
import { ASKER, BotHarness, buttonData, CORPUS_DIR, has, isAnswerCb, isEdit, STAFF_A, STAFF_CHAT } from "../support/bot-harness.js";
import type { SentMessage } from "../support/fake-telegram.js";
import { storeBackends } from "../support/store-backends.js";
import { distScript, runCommand } from "../support/run-command.js";

describe.each(storeBackends())("the FAQ loop on $name", (backend) => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await BotHarness.create("faq-loop-", backend);
  });

  afterEach(async () => {
    await h.stopBot();
    h.tg.reset();
    expect(h.errors()).toEqual([]);
  });

  afterAll(async () => {
    await h?.close();
  });

  const QUESTION = "市住建局的联系电话是多少";
  const PARAPHRASE = "住建局电话多少";
  const UNRELATED = "市住建局的办公地址在哪里";
  const REPLY = "市住建局咨询电话：0990-6888888（工作日 9:30–19:30）。";
  const faqCard = (id: number) => (m: SentMessage) => m.plain_text.startsWith(`FAQ 候选 #${id}`);

  /** An asker's question → ticket → a staff reply to the card → the FAQ card for it. */
  async function answeredByStaff(chatId: number, question: string, reply: string, faqId: number): Promise<SentMessage> {
    const { card, id } = await h.openTicketVia(chatId, question);
    h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: reply, replyToMessageId: card.message_id });
    await h.tg.waitForMessage(chatId, has(`工作人员回复（工单 #${id}）`));
    return h.tg.waitForMessage(STAFF_CHAT, faqCard(faqId));
  }

  describe("staff answers become reviewed FAQ", () => {
    it("question → ticket → reply → pending card → approved by a button → the question and a paraphrase answered from the FAQ, the unrelated one not", async () => {
      h.fresh();
      await h.start({ app: true });
      // The stores are where the backend says: with PostgreSQL, no SQLite file in the data folder.
      expect(h.app!.storeBackend).toBe(backend.name);
      const card = await answeredByStaff(ASKER, QUESTION, REPLY, 1);
      if (backend.name === "postgres") expect(fs.readdirSync(h.dataDir).filter((f) => f.endsWith(".sqlite"))).toEqual([]);
      expect(card.plain_text).toContain(`（来自工单 #1）`);
      expect(card.plain_text).toContain(QUESTION);
      expect(card.plain_text).toContain(REPLY);
      expect(card.plain_text).toContain("答复人：王五");
      expect(card.plain_text).toContain("状态：待审核");
      expect(buttonData(card)).toEqual(["f:ok:1", "f:no:1", "f:oos:1"]);
      expect(await h.app!.faq.get(1)).toMatchObject({ status: "pending", source: { ticketId: 1, staff: { id: `staff:${STAFF_A.userId}`, name: "王五" } } });

      // Nothing reaches askers unreviewed.
      h.tg.sendText({ chatId: ASKER + 1, text: QUESTION });
      await h.tg.waitForMessage(ASKER + 1, has("已为您创建工单 #2"));

      // Only staff may review.
      const stranger = ASKER + 9;
      h.tg.sendText({ chatId: stranger, text: "/help" });
      const help = await h.tg.waitForMessage(stranger, has("使用帮助"));
      h.tg.clickButton({ chatId: stranger, messageId: help.message_id, data: "f:ok:1", allowUnknownData: true });
      await h.tg.waitFor((c) => isAnswerCb(c) && c.params.text === "此功能仅限工作人员使用。");
      expect((await h.app!.faq.get(1))?.status).toBe("pending");

      h.tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_A, messageId: card.message_id, data: "f:ok:1" });
      await h.tg.waitFor((c) => isAnswerCb(c) && c.params.text === "FAQ #1 已采纳。");
      const edited = await h.tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("状态：已采纳"));
      expect(buttonData(edited.message!)).toEqual([]);
      expect(edited.message!.plain_text).toContain(`审核人：王五 · ${formatDate(Date.now())}`);
      h.tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_A, messageId: card.message_id, data: "f:ok:1", allowUnknownData: true });
      await h.tg.waitFor((c) => isAnswerCb(c) && c.params.text === "FAQ #1 已由 王五 审核（已采纳）。");

      const tickets = (await h.handoff.list()).length;
      for (const [chatId, q] of [
        [ASKER + 2, QUESTION],
        [ASKER + 3, PARAPHRASE],
      ] as const) {
        h.tg.sendText({ chatId, text: q });
        const answer = await h.tg.waitForMessage(chatId, has(REPLY));
        expect(answer.plain_text.split("\n")[0]).toBe(`工作人员答复（${formatDate(Date.now())} 审核）`);
        expect(answer.text.startsWith("<b>工作人员答复（")).toBe(true);
        expect(answer.plain_text).toContain("相关措施：");
        expect(answer.plain_text).toContain("市住建局");
        expect(buttonData(answer)).toEqual(expect.arrayContaining([expect.stringMatching(/^fb:up:\d+$/), expect.stringMatching(/^fb:down:\d+$/), expect.stringMatching(/^h:human:[\w-]{8}$/)]));
      }
      expect(await h.handoff.list()).toHaveLength(tickets);
      expect(h.count(ASKER + 2, "已为您创建工单")).toBe(0);
      expect(h.count(ASKER + 3, "已为您创建工单")).toBe(0);
      expect((await h.app!.faq.get(1))?.hits).toBe(2);

      h.tg.sendText({ chatId: ASKER + 4, text: UNRELATED });
      await h.tg.waitForMessage(ASKER + 4, has("已为您创建工单 #3"));
      expect(h.count(ASKER + 4, REPLY)).toBe(0);

      const logged = await h.app!.questionLog.questionsSince(0);
      expect(logged.map((q) => [q.question, q.outcome, q.source, q.faqEntryId, q.ticketId])).toEqual([
        [QUESTION, "handoff", "policy", null, 1],
        [QUESTION, "handoff", "policy", null, 2],
        [QUESTION, "answered", "faq", 1, null],
        [PARAPHRASE, "answered", "faq", 1, null],
        [UNRELATED, "handoff", "policy", null, 3],
      ]);
    });

    it("an approval made with npm run faq in another process is served by the running bot without a restart, and updates the card", async () => {
      h.fresh();
      await h.start({ app: true });
      const card = await answeredByStaff(ASKER, QUESTION, REPLY, 1);
      const run = await runCommand(process.execPath, [distScript("faq"), "approve", "1"], { env: { ...h.storage!.env, CORPUS_DIR, STAFF_CHAT_ID: String(STAFF_CHAT), USER: "维护员" } });
      expect(run.stderr.split("\n").filter((l) => l && !l.startsWith("index built"))).toEqual([]);
      expect(run.code).toBe(0);
      h.tg.sendText({ chatId: ASKER + 1, text: PARAPHRASE });
      await h.tg.waitForMessage(ASKER + 1, has(REPLY));
      const edited = await h.tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("状态：已采纳"));
      expect(edited.message!.plain_text).toContain("审核人：维护员");

      // A reply to an FAQ card is not an answer to the asker: staff get the hint.
      const reply = h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "补充一句", replyToMessageId: card.message_id });
      const hint = await h.tg.waitForMessage(STAFF_CHAT, has("这条消息不是工单卡片"));
      expect(hint.reply_to_message_id).toBe(reply.message!.message_id);
      expect(h.count(ASKER, "补充一句")).toBe(0);

      // Exactly once: a restart does not post the card again.
      await h.stopBot();
      await h.start({ app: true });
      await h.app!.catchUp();
      await h.bot!.bot.delivery.drain();
      expect(h.tg.sentMessages(STAFF_CHAT).filter(faqCard(1))).toHaveLength(1);
    });

    it("不在政策范围: later askers get the canned reply and a 转人工 button, no ticket", async () => {
      h.fresh();
      await h.start({ app: true });
      const card = await answeredByStaff(ASKER, "克拉玛依今天天气怎么样", "请查看天气预报。", 1);
      h.tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_A, messageId: card.message_id, data: "f:oos:1" });
      await h.tg.waitFor((c) => isAnswerCb(c) && c.params.text === "FAQ #1 已标记为不在政策范围。");
      h.tg.sendText({ chatId: ASKER + 1, text: "今天天气怎么样" });
      const reply = await h.tg.waitForMessage(ASKER + 1, has("不在《措施》的范围内"));
      expect(reply.plain_text).not.toContain("请查看天气预报");
      expect(buttonData(reply)).toEqual([expect.stringMatching(/^h:human:[\w-]{8}$/)]);
      expect(await h.handoff.list()).toHaveLength(1);
    });
  });

  describe("feedback and /stats from the question log", () => {
    it("👍/👎 are stored with the asker's question; a forged button for someone else's question is refused", async () => {
      h.fresh();
      await h.start({ app: true });
      h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
      const answer = await h.tg.waitForMessage(ASKER, has("第11条"));
      const down = buttonData(answer).find((d) => d.startsWith("fb:down:"))!;
      const logId = Number(down.split(":")[2]);
      h.tg.sendText({ chatId: ASKER + 1, text: "开公司要几天" });
      const other = await h.tg.waitForMessage(ASKER + 1, has("第1条"));
      h.tg.clickButton({ chatId: ASKER + 1, messageId: other.message_id, data: `fb:up:${logId}`, allowUnknownData: true });
      await h.tg.waitFor((c) => isAnswerCb(c) && c.params.text === "只有提问人可以评价这条回答。");
      h.tg.clickButton({ chatId: ASKER, messageId: answer.message_id, data: down });
      await h.tg.waitForMessage(ASKER, has("抱歉没能帮到您"));
      await vi.waitFor(async () => expect((await h.app!.questionLog.questionsSince(0)).map((q) => q.feedback)).toEqual(["down", null]));

      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/stats" });
      const stats = await h.tg.waitForMessage(STAFF_CHAT, has("统计"));
      expect(stats.plain_text).toContain("近 7 天提问：2");
      expect(stats.plain_text).toContain("机器人直接回答：2（其中 FAQ 0）");
      expect(stats.plain_text).toContain("👍 0 · 👎 1");
      expect(stats.plain_text).toContain("FAQ 待审核：0，需复核：0");
    });
  });
});
