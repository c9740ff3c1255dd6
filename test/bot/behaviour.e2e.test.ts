/**
 * What askers rely on, through the whole bot (real runner, link, rate limiter, features, delivery)
 * against the fake Telegram server and the real engine: the rate limit's minute ends, 👍 is
 * thanked, "typing…" only for slow answers, measure numbers that do not exist, and the bot without
 * a staff chat. Time is a manual clock: nothing here waits for a real minute or half-second.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import { TYPING_AFTER_MS, TYPING_REPEAT_MS } from "../../src/bot/features/ask.js";
import { S } from "../../src/bot/strings.js";
import { openTestEngine, type TestEngine } from "../answer/engine-fixture.js";
import { ASKER, BotHarness, buttonData, has, isAnswerCb, isSend, STAFF_CHAT } from "../support/bot-harness.js";
import { awaited, ManualClock } from "../support/manual-clock.js";

let t: TestEngine;
let h: BotHarness;

beforeAll(async () => {
  t = await openTestEngine("bot-behaviour");
  h = await BotHarness.open(t.engine);
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

const typingCalls = (chatId: number) => h.tg.callsTo("sendChatAction").filter((c) => c.params.chat_id === chatId && c.params.action === "typing");

describe("the rate limit", () => {
  it("tells a flooding user once, drops the rest, and answers again when the minute is over", async () => {
    const clock = new ManualClock();
    await h.startBot({ env: { RATE_LIMIT_PER_MINUTE: "2" }, clock });
    for (let i = 0; i < 4; i++) h.tg.sendText({ chatId: ASKER, text: "/help" });
    await h.tg.waitForMessage(ASKER, has("发送得太快"));
    await vi.waitFor(() => expect(h.logs.filter((l) => l.message === "rate limited, dropped")).toHaveLength(1));
    expect(h.tg.sentMessages(ASKER).map((m) => m.plain_text.split("\n")[0])).toEqual([
      "使用帮助（依据《2022年优化营商环境提升服务效能42项措施》）",
      "使用帮助（依据《2022年优化营商环境提升服务效能42项措施》）",
      "您发送得太快了（每分钟最多 2 条），请稍后再试。",
    ]);

    // Still within the minute: dropped silently.
    clock.advance(59_999);
    h.tg.sendText({ chatId: ASKER, text: "/help" });
    await vi.waitFor(() => expect(h.logs.filter((l) => l.message === "rate limited, dropped")).toHaveLength(2));

    // A new minute: answered.
    clock.advance(1);
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
    const answer = await h.tg.waitForMessage(ASKER, has("第11条"));
    expect(answer.plain_text).toContain("实现小微企业和个体工商户供电报装办理周期压缩至2日");
    expect(h.tg.sentMessages(ASKER).filter(has("发送得太快"))).toHaveLength(1);
  });
});

describe("feedback buttons", () => {
  it("thanks for 👍 with a toast and sends nothing else", async () => {
    await h.startBot();
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
    const answer = await h.tg.waitForMessage(ASKER, has("第11条"));
    expect(buttonData(answer)).toEqual(["m:11", "fb:up", "fb:down", expect.stringMatching(/^h:human:[\w-]{8}$/)]);
    h.tg.clickButton({ chatId: ASKER, messageId: answer.message_id, data: "fb:up" });
    const toast = await h.tg.waitFor(isAnswerCb);
    expect(toast.params.text).toBe("感谢您的反馈！");
    expect(toast.params.show_alert).toBe(false);
    // A later exchange in the same chat is handled after the click: nothing was sent in between.
    h.tg.sendText({ chatId: ASKER, text: "/help" });
    await h.tg.waitForMessage(ASKER, has("使用帮助"));
    expect(h.tg.sentMessages(ASKER).map((m) => m.message_id)).toHaveLength(2);
  });
});

describe("the typing indicator", () => {
  it("is not sent for an answer that is ready at once", async () => {
    const clock = new ManualClock();
    await h.startBot({ clock });
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
    await h.tg.waitForMessage(ASKER, has("第11条"));
    h.tg.sendText({ chatId: ASKER, text: "/help" });
    await h.tg.waitForMessage(ASKER, has("使用帮助"));
    // It was scheduled after TYPING_AFTER_MS and cancelled by the answer.
    expect(clock.scheduled.filter(awaited).map((x) => x.ms)).toEqual([TYPING_AFTER_MS]);
    expect(clock.pending().filter(awaited)).toEqual([]);
    clock.advance(60_000);
    expect(h.tg.callsTo("sendChatAction")).toEqual([]);
  });

  it("is shown while a slow answer is written, repeated, and stopped by the answer", async () => {
    const clock = new ManualClock();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: PolicyEngine = Object.assign(Object.create(t.engine) as PolicyEngine, {
      ask: async (q: string): Promise<Answer> => (await gate, t.engine.ask(q)),
    });
    await h.startBot({ clock, engine: slow });
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });

    await clock.waitForTimer((x) => x.ms === TYPING_AFTER_MS);
    expect(typingCalls(ASKER)).toHaveLength(0);
    clock.advance(TYPING_AFTER_MS);
    await vi.waitFor(() => expect(typingCalls(ASKER)).toHaveLength(1));
    clock.advance(TYPING_REPEAT_MS);
    await vi.waitFor(() => expect(typingCalls(ASKER)).toHaveLength(2));

    release();
    await h.tg.waitForMessage(ASKER, has("第11条"));
    clock.advance(10 * TYPING_REPEAT_MS);
    h.tg.sendText({ chatId: ASKER, text: "/help" });
    await h.tg.waitForMessage(ASKER, has("使用帮助"));
    expect(typingCalls(ASKER)).toHaveLength(2);
  });
});

describe("measure numbers that do not exist", () => {
  it.each([
    ["第43条", "《措施》共42条，没有第43条。请输入1到42之间的条号，例如“第11条”。"],
    ["第0条", "《措施》共42条，没有第0条。请输入1到42之间的条号，例如“第11条”。"],
    ["第-1条", "《措施》共42条，没有第-1条。请输入1到42之间的条号，例如“第11条”。"],
    ["第4.5条", "“第4.5条”不是有效的条号：《措施》共42条，条号是1到42之间的整数。请输入条号，例如“第11条”，或直接描述您的问题。"],
  ])("%s: says what exists, offers a person, opens no ticket", async (question, lead) => {
    await h.startBot();
    const q = h.tg.sendText({ chatId: ASKER, text: question });
    const reply = await h.tg.waitForMessage(ASKER, (m) => m.reply_to_message_id === q.message!.message_id);
    expect(reply.plain_text).toBe(`${lead}\n\n${S.unclearHint}`);
    expect(buttonData(reply)).toEqual([expect.stringMatching(/^h:human:[\w-]{8}$/)]);
    h.tg.sendText({ chatId: ASKER, text: "/help" });
    await h.tg.waitForMessage(ASKER, has("使用帮助"));
    expect(await h.handoff.list()).toEqual([]);
    expect(h.tg.sentMessages(ASKER).some(has("已为您创建工单"))).toBe(false);
    expect(h.tg.sentMessages(STAFF_CHAT)).toEqual([]);
  });
});

describe("inputs that are not questions", () => {
  it("a lone stray word opens no ticket: the asker is asked to say what they want, and how to reach a person", async () => {
    await h.startBot();
    for (const word of ["测试", "asdf"]) {
      h.tg.sendText({ chatId: ASKER, text: word });
      const reply = await h.tg.waitForMessage(ASKER, has(`我没能从“${word}”看出您想问什么`));
      expect(reply.plain_text).toContain("/human");
    }
    expect(await h.handoff.list()).toEqual([]);
    expect(h.tg.sentMessages(STAFF_CHAT)).toEqual([]);
  });

  it("/start is a fresh start: the next message is not read with the question before it", async () => {
    await h.startBot();
    h.tg.sendText({ chatId: ASKER, text: "开公司要几天？" });
    await h.tg.waitForMessage(ASKER, has("第1条"));
    h.tg.sendText({ chatId: ASKER, text: "/start" });
    await h.tg.waitForMessage(ASKER, has("您好！我是克拉玛依市营商环境政策助手"));
    h.tg.sendText({ chatId: ASKER, text: "哪个部门负责？" });
    const reply = await h.tg.waitForMessage(ASKER, (m) => m.plain_text.includes(S.unclearHint));
    expect(reply.plain_text).not.toContain("第1条");
  });
});

describe("without STAFF_CHAT_ID", () => {
  it("warns at start, still stores the ticket and tells the asker a person will follow up", async () => {
    await h.startBot({ env: { STAFF_CHAT_ID: "" } });
    expect(h.logged("warn")).toEqual([S.staffChatNotSet]);

    h.tg.sendText({ chatId: ASKER, text: "市住建局的电话是多少" });
    const told = await h.tg.waitForMessage(ASKER, has("已为您创建工单"));
    expect(told.plain_text).toBe(
      "已为您创建工单 #1，工作人员会尽快回复您。\n在此期间您发送的文字会补充到工单中；如不再需要，请点击“结束人工服务”或发送 /cancel。",
    );
    const [ticket] = await h.handoff.list();
    expect(ticket).toMatchObject({ id: 1, status: "open", question: "市住建局的电话是多少" });
    // The measures the engine pointed to (the 市住建局 measures on connections), for staff.
    expect(ticket!.candidates.map((c) => c.measure)).toEqual([12, 13, 14]);
    // No staff chat: nothing is sent anywhere but to the asker, and nothing was refused.
    expect(new Set(h.tg.calls.filter(isSend).map((c) => c.params.chat_id))).toEqual(new Set([ASKER]));
    expect(h.refusedCalls()).toEqual([]);
  });
});
