/**
 * End to end: the real bot (runBot → createBot + @grammyjs/runner + auto-retry) against the fake
 * Telegram server, with the real policy engine (built from the repo's corpus into a temp DATA_DIR)
 * and real stores on every backend (a temp directory; with PostgreSQL a schema of its own per bot).
 * Assertions are on what the fake server recorded.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import type { BotLogger } from "../../src/bot/logger.js";
import { runBot, type RunningBot } from "../../src/bot/run.js";
import { loadConfig, type Config } from "../../src/config.js";
import { ConversationService } from "../../src/conversation/service.js";
import type { HandoffService } from "../../src/handoff/service.js";
import { QuestionLog } from "../../src/question-log/service.js";
import { FakeTelegram, type RecordedCall, type SentMessage } from "../support/fake-telegram.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
const STAFF_CHAT = -1009001;
const STAFF_A = { userId: 777, firstName: "王五" };
const STAFF_B = { userId: 778, firstName: "赵六" };
const ASKER = 1001;

describe.each(storeBackends())("on $name", (backend) => {
  let tg: FakeTelegram;
  let engine: PolicyEngine;
  let tmpRoot: string;
  let bot: RunningBot | undefined;
  let handoff: HandoffService;
  let questionLog: QuestionLog;
  let dataDir: string;
  /** The stores of the current data folder, made by the next startBot() after freshDir(). */
  let storage: TestStorage | undefined;
  let fresh = false;
  const storages: TestStorage[] = [];
  let logs: Array<{ level: string; message: string; meta?: Record<string, unknown> }>;

  const logger: BotLogger = {
    debug: (message, meta) => logs.push({ level: "debug", message, ...(meta ? { meta } : {}) }),
    info: (message, meta) => logs.push({ level: "info", message, ...(meta ? { meta } : {}) }),
    warn: (message, meta) => logs.push({ level: "warn", message, ...(meta ? { meta } : {}) }),
    error: (message, meta) => logs.push({ level: "error", message, ...(meta ? { meta } : {}) }),
  };

  function makeConfig(dir: string, env: Record<string, string> = {}): Config {
    return loadConfig(
      {
        DATA_DIR: dir,
        CORPUS_DIR,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        STAFF_CHAT_ID: String(STAFF_CHAT),
        STAFF_USER_IDS: String(STAFF_A.userId),
        RATE_LIMIT_PER_MINUTE: "1000",
        ...env,
      },
      { dotenvFile: false },
    );
  }

  async function startBot(env: Record<string, string> = {}): Promise<RunningBot> {
    if (fresh) {
      storage = await backend.create(dataDir);
      storages.push(storage);
      fresh = false;
    }
    handoff = await storage!.openService({ staffChatId: String(STAFF_CHAT) });
    const conversation = new ConversationService(await storage!.openConversationStore(), { windowMs: 10 * 60_000 });
    questionLog = new QuestionLog(await storage!.openQuestionLogStore(), { salt: "bot-e2e-asker-salt-0001" });
    bot = await runBot(makeConfig(dataDir, env), { engine, handoff, conversation, questionLog, botInfo: tg.botInfo, logger }, { handleSignals: false, deliveryIntervalMs: 250, pollTimeoutSeconds: 5 });
    return bot;
  }

  /** How many logged questions had this outcome. */
  const logged = async (outcome: string) => (await questionLog.summarySince(0)).outcomes[outcome] ?? 0;

  beforeAll(async () => {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "bot-e2e-"));
    tg = await FakeTelegram.start();
    engine = await openEngine(loadConfig({ DATA_DIR: path.join(tmpRoot, "engine"), CORPUS_DIR }, { dotenvFile: false }));
  });

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await questionLog?.close();
    tg.reset();
    // Every update is handled without an error reaching bot.catch or the delivery loop.
    expect(logs.filter((l) => l.level === "error")).toEqual([]);
  });

  afterAll(async () => {
    await bot?.stop();
    await tg?.stop();
    for (const s of storages.splice(0)) await s.destroy();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  function freshDir(): void {
    dataDir = fs.mkdtempSync(path.join(tmpRoot, "data-"));
    fresh = true;
    logs = [];
  }

  const isSend = (c: RecordedCall) => c.method.toLowerCase() === "sendmessage";
  const isEdit = (c: RecordedCall) => c.method.toLowerCase() === "editmessagetext";
  const isAnswerCb = (c: RecordedCall) => c.method.toLowerCase() === "answercallbackquery";
  const has = (s: string) => (m: SentMessage) => m.plain_text.includes(s);
  /** Calls the fake server refused (Telegram would have too), other than polling conflicts. */
  const refusedCalls = () => tg.calls.filter((c) => !c.ok && c.method.toLowerCase() !== "getupdates");
  const buttonData = (m: SentMessage): string[] =>
    ((m.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? [])
      .flat()
      .map((b) => b.callback_data)
      .filter((d): d is string => typeof d === "string");

  /** An asker's unanswerable question → ticket-opened for the asker and the card in the staff chat. */
  async function openTicketVia(chatId: number, text = "市住建局的电话是多少"): Promise<{ card: SentMessage; id: number }> {
    tg.sendText({ chatId, text });
    const opened = await tg.waitForMessage(chatId, has("已为您创建工单"));
    const id = Number(/#(\d+)/.exec(opened.plain_text)?.[1]);
    const card = await tg.waitForMessage(STAFF_CHAT, has(`工单 #${id}`));
    return { card, id };
  }

  describe("Telegram bot end to end", () => {
    it("answers a policy question with the cited measure, its departments and buttons", async () => {
      freshDir();
      await startBot();
      const q = tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
      const reply = await tg.waitForMessage(ASKER, has("第11条"));
      expect(reply.plain_text).toContain("全面提升“获得电力”服务水平");
      expect(reply.plain_text).toContain("2日");
      expect(reply.plain_text).toContain("负责部门：国网克拉玛依供电有限公司、市发改委");
      expect(reply.text).toContain("<b>第11条 全面提升“获得电力”服务水平</b>");
      expect(reply.reply_to_message_id).toBe(q.message!.message_id);
      expect(buttonData(reply)).toEqual(expect.arrayContaining(["m:11", "fb:up:1", "fb:down:1", expect.stringMatching(/^h:human:[\w-]{8}$/)]));
      // No ticket for an answered question.
      expect(await handoff.list()).toHaveLength(0);
      expect(await logged("answered")).toBe(1);

      // The measure button shows the full text.
      tg.clickButton({ chatId: ASKER, messageId: reply.message_id, data: "m:11" });
      const full = await tg.waitForMessage(ASKER, (m) => m.message_id > reply.message_id && m.plain_text.includes("负责部门"));
      expect(full.plain_text).toContain("大中型企业");
      expect(refusedCalls()).toEqual([]);
    });

    it("hands an unanswerable question to staff; a reply to the card reaches the asker labelled with the ticket", async () => {
      freshDir();
      await startBot();
      const { card, id } = await openTicketVia(ASKER);
      expect(id).toBe(1);
      // The asker was told why, with pointers, and got the ticket number once.
      expect(tg.sentMessages(ASKER).filter(has("已为您创建工单"))).toHaveLength(1);
      expect(tg.sentMessages(ASKER).some(has("第12条"))).toBe(true);
      // The card: number, asker, question, candidates with departments, status, buttons.
      expect(card.plain_text).toContain(`User${ASKER}`);
      expect(card.plain_text).toContain("市住建局的电话是多少");
      expect(card.plain_text).toMatch(/第1[24]条.*（市住建局）/);
      expect(card.plain_text).toContain("待处理");
      expect(buttonData(card)).toEqual(["t:claim:1", "t:close:1"]);

      tg.sendText({ chatId: STAFF_CHAT, ...STAFF_B, text: "您好，市住建局电话 0990-1234567 <请核实> & 谢谢", replyToMessageId: card.message_id });
      const answer = await tg.waitForMessage(ASKER, has("工作人员回复（工单 #1）"));
      expect(answer.plain_text).toContain("您好，市住建局电话 0990-1234567 <请核实> & 谢谢");
      // Staff get an acknowledgement and the card shows the new state and who answered.
      await tg.waitForMessage(STAFF_CHAT, has("已将回复发送给工单 #1"));
      await tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("已回复"));
      const edited = tg.sentMessages(STAFF_CHAT).find((m) => m.message_id === card.message_id)!;
      expect(edited.plain_text).toContain("认领人：赵六");
      expect((await handoff.get(1))?.status).toBe("answered");
      expect(refusedCalls()).toEqual([]);
    });

    it("lets exactly one of two staff claim a ticket and tells the other who holds it", async () => {
      freshDir();
      await startBot();
      const { card } = await openTicketVia(ASKER);
      tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_A, messageId: card.message_id, data: "t:claim:1" });
      tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_B, messageId: card.message_id, data: "t:claim:1" });
      const won = await tg.waitFor((c) => isAnswerCb(c) && String(c.params.text ?? "").includes("已认领工单 #1"));
      const lost = await tg.waitFor((c) => isAnswerCb(c) && String(c.params.text ?? "").includes("已由"));
      expect(won).not.toBe(lost);
      const holder = (await handoff.get(1))?.staff?.displayName;
      expect(["王五", "赵六"]).toContain(holder);
      expect(String(lost.params.text)).toBe(`工单 #1 已由 ${holder} 认领。`);
      expect(lost.params.show_alert).toBe(true);
      // The card shows the holder; the asker is told a person took it.
      await tg.waitFor((c) => isEdit(c) && c.ok && c.message!.plain_text.includes(`认领人：${holder}`));
      await tg.waitForMessage(ASKER, has("工作人员已受理您的工单 #1"));
      expect(tg.callsTo("answerCallbackQuery").filter((c) => String(c.params.text ?? "").includes("已认领工单"))).toHaveLength(1);
    });

    it("refuses staff commands and buttons to everyone else without revealing ticket data", async () => {
      freshDir();
      await startBot();
      await openTicketVia(ASKER);
      const stranger = 3003;
      for (const cmd of ["/queue", "/stats", "/reply 1 你好", "/close 1"]) tg.sendText({ chatId: stranger, text: cmd });
      await vi.waitFor(() => expect(tg.sentMessages(stranger)).toHaveLength(4), { timeout: 5_000 });
      for (const m of tg.sentMessages(stranger)) {
        expect(m.plain_text).toBe("此功能仅限工作人员使用。");
      }
      const anyMsg = tg.sentMessages(stranger)[0]!;
      tg.clickButton({ chatId: stranger, messageId: anyMsg.message_id, data: "t:claim:1", allowUnknownData: true });
      tg.clickButton({ chatId: stranger, messageId: anyMsg.message_id, data: "t:close:1", allowUnknownData: true });
      await vi.waitFor(() => expect(tg.calls.filter((c) => isAnswerCb(c) && c.params.text === "此功能仅限工作人员使用。")).toHaveLength(2), {
        timeout: 5_000,
      });
      expect((await handoff.get(1))?.status).toBe("open");
      expect(tg.sentMessages(ASKER).some(has("工作人员回复"))).toBe(false);
      const leaked = tg.calls.filter((c) => c.params.chat_id === stranger && /#1|市住建局|电话/.test(String(c.params.text ?? "")));
      expect(leaked).toEqual([]);

      // A listed staff user may use the staff commands in a private chat.
      tg.sendText({ chatId: STAFF_A.userId, firstName: STAFF_A.firstName, text: "/queue" });
      const queue = await tg.waitForMessage(STAFF_A.userId, has("#1"));
      expect(queue.plain_text).toContain("市住建局的电话是多少");
    });

    it("delivers a staff reply to an old card after a restart on the same data directory", async () => {
      freshDir();
      await startBot();
      const { card } = await openTicketVia(ASKER);
      await bot!.stop(); // also closes the handoff store
      bot = undefined;

      await startBot();
      tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "重启后的回复", replyToMessageId: card.message_id });
      const answer = await tg.waitForMessage(ASKER, has("工作人员回复（工单 #1）"));
      expect(answer.plain_text).toContain("重启后的回复");
      // Updates the first bot had not confirmed were dropped as duplicates, not answered twice.
      expect(tg.sentMessages(ASKER).filter(has("已为您创建工单"))).toHaveLength(1);
    });

    it("answers user text containing <b>, & and <script> without Telegram rejecting anything", async () => {
      freshDir();
      await startBot();
      const nasty = "<b>企业开办</b> & <script>alert(1)</script> 要几天？";
      const q = tg.sendText({ chatId: ASKER, text: nasty });
      await tg.waitForMessage(ASKER, (m) => m.reply_to_message_id === q.message!.message_id);
      tg.sendText({ chatId: ASKER, text: `/human ${nasty}` });
      await tg.waitForMessage(ASKER, has("已为您创建工单"));
      const card = await tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
      expect(card.plain_text).toContain(nasty);
      tg.sendText({ chatId: ASKER, text: "补充 <i>说明</i> && </b>" });
      const followUp = await tg.waitForMessage(STAFF_CHAT, has("补充 <i>说明</i> && </b>"));
      expect(followUp.reply_to_message_id).toBe(card.message_id);
      tg.sendText({ chatId: ASKER + 1, text: "小微企业办电要几天 <b>&amp;</b>" });
      await tg.waitForMessage(ASKER + 1, has("第11条"));
      expect(refusedCalls()).toEqual([]);
    });

    it("handles a 5,000-character question and a 5,000-character ticket", async () => {
      freshDir();
      await startBot();
      const long = "小微企业办电要几天？".repeat(500);
      expect(long.length).toBe(5000);
      tg.sendText({ chatId: ASKER, text: long });
      await tg.waitForMessage(ASKER, has("第11条"));

      const longTicket = "我的问题是：" + "企业开办<需要>哪些材料&费用？".repeat(300);
      tg.sendText({ chatId: ASKER + 1, text: `/human ${longTicket}` });
      await tg.waitForMessage(ASKER + 1, has("已为您创建工单"));
      const card = await tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
      expect(card.plain_text).toContain("全文见下方消息");
      await vi.waitFor(
        () => {
          const parts = tg.sentMessages(STAFF_CHAT).filter(has("问题全文"));
          const body = parts.map((m) => m.plain_text.split("\n").slice(1).join("")).join("");
          expect(body.replace(/\s/g, "")).toBe(longTicket.replace(/\s/g, ""));
        },
        { timeout: 5_000 },
      );
      // Staff can reply to any part of the question as well as the card.
      const part = tg.sentMessages(STAFF_CHAT).find(has("问题全文"))!;
      // The parts are recorded once the last is sent; a person replies seconds later, a test at once, so it waits for that.
      await vi.waitFor(async () => expect((await handoff.ticketForStaffMessage(String(STAFF_CHAT), part.message_id))?.id).toBe(1), { timeout: 5_000 });
      tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "材料清单见政务服务网", replyToMessageId: part.message_id });
      await tg.waitForMessage(ASKER + 1, has("材料清单见政务服务网"));
      for (const c of tg.calls.filter((c) => isSend(c) || isEdit(c))) expect(String(c.params.text).length).toBeLessThanOrEqual(4096);
      expect(refusedCalls()).toEqual([]);
    });

    it("asks for text when it gets a sticker, a photo or a voice message", async () => {
      freshDir();
      await startBot();
      tg.sendSticker({ chatId: ASKER });
      tg.sendPhoto({ chatId: ASKER, caption: "看图" });
      tg.sendVoice({ chatId: ASKER });
      await vi.waitFor(() => expect(tg.sentMessages(ASKER).filter(has("请用文字输入您的问题"))).toHaveLength(3), { timeout: 5_000 });
      expect(await handoff.list()).toHaveLength(0);
    });

    it("handles an update delivered twice only once", async () => {
      freshDir();
      await startBot();
      const u = tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
      await tg.waitForMessage(ASKER, has("第11条"));
      tg.pushRawUpdate(u); // same update_id again
      tg.sendText({ chatId: ASKER, text: "/help" }); // a later update in the same chat: handled after the duplicate
      await tg.waitForMessage(ASKER, has("使用帮助"));
      const answers = tg.sentMessages(ASKER).filter((m) => m.reply_to_message_id === u.message!.message_id);
      expect(answers).toHaveLength(1);
      expect(await logged("answered")).toBe(1);
    });

    it("an update whose handling failed is done too: one apology, and a copy Telegram sends again is dropped", async () => {
      freshDir();
      await startBot();
      const ask = vi.spyOn(engine, "ask").mockRejectedValueOnce(new Error("index on fire"));
      try {
        const u = tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
        await tg.waitForMessage(ASKER, has("抱歉，出了点问题"));
        // Done in the store, not only in this process's memory: another instance (or a restart) drops it as well.
        const other = await storage!.openService({ staffChatId: String(STAFF_CHAT) });
        try {
          await vi.waitFor(async () => expect(await other.claimUpdate(u.update_id)).toBe("done"), { timeout: 5_000 });
        } finally {
          await other.shutdown();
        }
        tg.pushRawUpdate(u);
        tg.sendText({ chatId: ASKER, text: "/help" });
        await tg.waitForMessage(ASKER, has("使用帮助"));
        expect(tg.sentMessages(ASKER).filter(has("抱歉，出了点问题"))).toHaveLength(1);
        expect(tg.sentMessages(ASKER).some(has("第11条"))).toBe(false);
      } finally {
        ask.mockRestore();
      }
      expect(logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual(["update failed"]);
      logs = logs.filter((l) => l.message !== "update failed");
    });

    it("retries a sendMessage that got 429, for replies and for outbox deliveries", async () => {
      freshDir();
      await startBot();
      tg.failNext("sendMessage", 1, { status: 429, retryAfter: 1 });
      tg.sendText({ chatId: ASKER, text: "/start" });
      const welcome = await tg.waitForMessage(ASKER, has("克拉玛依"));
      expect(welcome.plain_text).toContain("2022年优化营商环境提升服务效能42项措施");
      const sends = tg.callsTo("sendMessage");
      expect(sends[0]).toMatchObject({ status: 429, ok: false });
      expect(sends[1]).toMatchObject({ ok: true });
      expect(sends[1]!.params.chat_id).toBe(ASKER);

      // Outbox deliveries survive a 429 too: only the delivery loop edits cards.
      const { card } = await openTicketVia(ASKER);
      tg.failNext("editMessageText", 1, { status: 429, retryAfter: 1 });
      tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_A, messageId: card.message_id, data: "t:claim:1" });
      await tg.waitFor((c) => isEdit(c) && c.ok && c.message!.plain_text.includes("认领人：王五"));
      expect(tg.callsTo("editMessageText")[0]).toMatchObject({ status: 429, ok: false });
    });

    it("marks the card when the asker blocked the bot", async () => {
      freshDir();
      await startBot();
      const { card } = await openTicketVia(ASKER);
      tg.blockChat(ASKER);
      tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好，请提供营业执照号。", replyToMessageId: card.message_id });
      await tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("已屏蔽机器人"));
      expect((await handoff.get(1))?.askerBlocked).toBe(true);
      expect(tg.calls.some((c) => isSend(c) && c.params.chat_id === ASKER && c.status === 403)).toBe(true);
    });

    it("forwards follow-ups while a ticket is active, ends with /cancel, and lists only one's own tickets", async () => {
      freshDir();
      await startBot();
      tg.sendText({ chatId: ASKER, text: "/human 想咨询厂房报建" });
      await tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      const card = await tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
      tg.sendText({ chatId: ASKER, text: "补充：企业在白碱滩区" });
      await tg.waitForMessage(ASKER, has("已补充到工单 #1"));
      const fwd = await tg.waitForMessage(STAFF_CHAT, has("企业在白碱滩区"));
      expect(fwd.reply_to_message_id).toBe(card.message_id);
      // Another user's ticket.
      tg.sendText({ chatId: 2002, text: "/human 另一个人的问题" });
      await tg.waitForMessage(2002, has("已为您创建工单 #2"));

      tg.sendText({ chatId: ASKER, text: "/mytickets" });
      const mine = await tg.waitForMessage(ASKER, has("您的工单"));
      expect(mine.plain_text).toContain("#1");
      expect(mine.plain_text).not.toContain("#2");
      expect(mine.plain_text).not.toContain("另一个人");

      tg.sendText({ chatId: ASKER, text: "/cancel" });
      await tg.waitForMessage(ASKER, has("已结束人工服务"));
      expect((await handoff.get(1))?.status).toBe("closed");
      await tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("已关闭"));
      // Back to the bot.
      tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
      await tg.waitForMessage(ASKER, has("第11条"));
    });

    it("asks to rephrase an unclear message without a ticket; 👎 then 转人工 opens one with the question", async () => {
      freshDir();
      await startBot();
      tg.sendText({ chatId: ASKER, text: "😀😀" });
      const unclear = await tg.waitForMessage(ASKER, has("转人工"));
      expect(buttonData(unclear)).toEqual([expect.stringMatching(/^h:human:[\w-]{8}$/)]);

      tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
      const answer = await tg.waitForMessage(ASKER, has("第11条"));
      expect(await handoff.list()).toHaveLength(0);
      tg.clickButton({ chatId: ASKER, messageId: answer.message_id, data: buttonData(answer).find((d) => d.startsWith("fb:down"))! });
      const sorry = await tg.waitForMessage(ASKER, has("抱歉没能帮到您"));
      // Its 转人工 is for the answer's question (the same turn as the answer's own button).
      expect(buttonData(sorry)).toEqual([buttonData(answer).at(-1)]);
      tg.clickButton({ chatId: ASKER, messageId: sorry.message_id, data: buttonData(sorry)[0]! });
      const card = await tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
      expect(card.plain_text).toContain("小微企业办电要几天");
      expect(card.plain_text).toContain("第11条 全面提升“获得电力”服务水平（国网克拉玛依供电有限公司、市发改委）");
      await tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
    });

    it("opens a ticket with the earlier question when the user asks for a person", async () => {
      freshDir();
      await startBot();
      tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
      await tg.waitForMessage(ASKER, has("第11条"));
      tg.sendText({ chatId: ASKER, text: "我要找人工" });
      await tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      const card = await tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
      expect(card.plain_text).toContain("小微企业办电要几天");
      expect(card.plain_text).toContain("我要找人工");
      expect(card.plain_text).toContain("第11条");
    });

    it("delivers answers written by another process (the tickets CLI) on the timer, and reports /stats", async () => {
      freshDir();
      await startBot();
      const { id } = await openTicketVia(ASKER);
      const cli = await storage!.openService({ staffChatId: String(STAFF_CHAT) });
      try {
        await cli.replyToTicket(id, { userId: "cli", displayName: "值班员" }, "来自命令行的答复");
      } finally {
        await cli.shutdown();
      }
      const answer = await tg.waitForMessage(ASKER, has("来自命令行的答复"));
      expect(answer.plain_text).toContain(`工单 #${id}`);
      await tg.waitFor((c) => isEdit(c) && c.ok && c.message!.plain_text.includes("认领人：值班员"));

      tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/stats" });
      const stats = await tg.waitForMessage(STAFF_CHAT, has("统计"));
      expect(stats.plain_text).toContain("已回复：1");
      expect(stats.plain_text).toContain("转人工：1");
      expect(stats.plain_text).not.toContain("首次人工回复中位时长：暂无");
      tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: `/close ${id}` });
      await tg.waitForMessage(ASKER, has(`您的工单 #${id} 已关闭`));
      tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/queue" });
      await tg.waitForMessage(STAFF_CHAT, has("当前没有待处理的工单"));
    });

    it("pages the measure list, shows a measure, and explains a bad number", async () => {
      freshDir();
      await startBot();
      tg.sendText({ chatId: ASKER, text: "/measures" });
      const list = await tg.waitForMessage(ASKER, has("第 1/5 页"));
      expect(list.plain_text).toContain("1. 深化企业开办“一件事”改革");
      expect(buttonData(list)).toContain("m:p:2");
      tg.clickButton({ chatId: ASKER, messageId: list.message_id, data: "m:p:2" });
      await tg.waitFor((c) => isEdit(c) && c.ok && c.message!.plain_text.includes("11. 全面提升“获得电力”服务水平"));
      tg.sendText({ chatId: ASKER, text: "/measure 11" });
      const m = await tg.waitForMessage(ASKER, has("第11条 全面提升"));
      expect(m.plain_text).toContain("负责部门：国网克拉玛依供电有限公司、市发改委");
      tg.sendText({ chatId: ASKER, text: "/measure 99" });
      await tg.waitForMessage(ASKER, has("1–42"));
      // A question asking what the policy covers gets the same catalogue, paged by the same buttons.
      const before = tg.sentMessages(ASKER).filter(has("第 1/5 页")).length;
      tg.sendText({ chatId: ASKER, text: "这个政策都讲了些啥？" });
      await vi.waitFor(() => expect(tg.sentMessages(ASKER).filter(has("第 1/5 页"))).toHaveLength(before + 1), { timeout: 5_000 });
      expect(buttonData(tg.sentMessages(ASKER).filter(has("第 1/5 页")).at(-1)!)).toContain("m:p:2");
      expect(refusedCalls()).toEqual([]);
    });

    it("rate-limits a flooding user and says so once per window", async () => {
      freshDir();
      await startBot({ RATE_LIMIT_PER_MINUTE: "3" });
      for (let i = 0; i < 6; i++) tg.sendText({ chatId: ASKER, text: "/help" });
      await tg.waitForMessage(ASKER, has("发送得太快"));
      await vi.waitFor(() => expect(logs.filter((l) => l.message === "rate limited, dropped")).toHaveLength(2), { timeout: 5_000 });
      expect(tg.sentMessages(ASKER).filter(has("使用帮助"))).toHaveLength(3);
      expect(tg.sentMessages(ASKER).filter(has("发送得太快"))).toHaveLength(1);
      // Staff are not limited.
      for (let i = 0; i < 5; i++) tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/stats" });
      await vi.waitFor(() => expect(tg.sentMessages(STAFF_CHAT).filter(has("统计"))).toHaveLength(5), { timeout: 5_000 });
    });
  });
});
