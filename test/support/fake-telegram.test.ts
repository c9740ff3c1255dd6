import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Bot, GrammyError, HttpError, InlineKeyboard } from "grammy";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { autoRetry } from "@grammyjs/auto-retry";
import { FakeTelegram, parseTelegramHtml } from "./fake-telegram.js";

let tg: FakeTelegram;
let handle: RunnerHandle | undefined;

beforeAll(async () => {
  tg = await FakeTelegram.start();
});

afterEach(async () => {
  // Stop the runner before reset so no unconfirmed update leaks into the next test.
  if (handle?.isRunning()) await handle.stop();
  handle = undefined;
  tg.reset();
});

afterAll(async () => {
  await tg.stop();
});

function makeBot(): Bot {
  return new Bot(tg.token, { botInfo: tg.botInfo, client: { apiRoot: tg.apiRoot } });
}

function start(bot: Bot): RunnerHandle {
  handle = run(bot, { runner: { fetch: { timeout: 2 } } });
  return handle;
}

/** Raw HTTP call, for protocol details grammY hides. */
async function rawCall(method: string, body: unknown, token = tg.token): Promise<{ status: number; json: any }> {
  const res = await fetch(`${tg.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

describe("FakeTelegram with the real grammY client", () => {
  it("answers getMe with the configured bot", async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
    await bot.init();
    expect(bot.botInfo).toMatchObject({ id: 42424242, is_bot: true, username: "karamay_policy_bot" });
    expect(tg.callsTo("getMe")).toHaveLength(1);
  });

  it("delivers a user message to a runner-driven echo bot and records the reply", async () => {
    const bot = makeBot();
    bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
    start(bot);

    const update = tg.sendText({ chatId: 1001, firstName: "阿依古丽", text: "营业执照怎么办？" });
    const reply = await tg.waitForMessage(1001, (m) => m.text === "营业执照怎么办？");

    expect(reply.message_id).toBeGreaterThan(update.message!.message_id);
    const call = tg.callsTo("sendMessage")[0]!;
    expect(call.response).toMatchObject({ ok: true, result: { chat: { id: 1001, type: "private" }, from: { is_bot: true } } });
  });

  it("hands each answered call to onCall listeners until they unsubscribe", async () => {
    const bot = makeBot();
    bot.on("message:text", (ctx) => ctx.reply(`re: ${ctx.message.text}`));
    start(bot);
    const seen: string[] = [];
    const unsubscribe = tg.onCall((call) => {
      if (call.method === "sendMessage" && call.message?.chat_id === 1003) seen.push(call.message.text);
    });
    tg.sendText({ chatId: 1003, text: "一" });
    await tg.waitForMessage(1003, (m) => m.text === "re: 一");
    unsubscribe();
    tg.sendText({ chatId: 1003, text: "二" });
    await tg.waitForMessage(1003, (m) => m.text === "re: 二");
    expect(seen).toEqual(["re: 一"]);
  });

  it("adds a bot_command entity so bot.command fires", async () => {
    const bot = makeBot();
    bot.command("start", (ctx) => ctx.reply(`welcome ${ctx.match}`));
    start(bot);

    const update = tg.sendText({ chatId: 1002, text: "/start ref_42" });
    expect(update.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const reply = await tg.waitForMessage(1002);
    expect(reply.text).toBe("welcome ref_42");
  });

  it("gives a reply to a bot card a reply_to_message, in a supergroup", async () => {
    const bot = makeBot();
    bot.on("message:text", async (ctx) => {
      const target = ctx.message.reply_to_message;
      if (target?.from?.id !== ctx.me.id) return;
      await ctx.reply(`reply to ${target.message_id}: ${target.text}`, {
        reply_parameters: { message_id: ctx.message.message_id },
      });
    });
    start(bot);

    const card = await bot.api.sendMessage(-100777, "工单 #1");
    expect(card.chat).toMatchObject({ id: -100777, type: "supergroup" });
    const staff = tg.sendText({ chatId: -100777, userId: 555, text: "已处理", replyToMessageId: card.message_id });
    expect(staff.message?.reply_to_message?.message_id).toBe(card.message_id);

    const reply = await tg.waitForMessage(-100777, (m) => m.text.startsWith("reply to"));
    expect(reply.text).toBe(`reply to ${card.message_id}: 工单 #1`);
    expect(reply.reply_to_message_id).toBe(staff.message?.message_id);
    const result = tg.callsTo("sendMessage").at(-1)?.response as { result: { reply_to_message?: { text?: string } } };
    expect(result.result.reply_to_message?.text).toBe("已处理");
  });

  it("delivers a button click to callback_query:data and applies the edit", async () => {
    const bot = makeBot();
    bot.on("callback_query:data", async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(`已选择 ${ctx.callbackQuery.data}`);
    });
    start(bot);

    const card = await bot.api.sendMessage(1003, "选择部门", {
      reply_markup: new InlineKeyboard().text("税务", "dept:tax").text("市场监管", "dept:samr"),
    });
    tg.clickButton({ chatId: 1003, messageId: card.message_id, data: "dept:tax" });

    await tg.waitFor((c) => c.method === "editMessageText" && c.ok);
    expect(tg.callsTo("answerCallbackQuery")[0]?.ok).toBe(true);
    const [stored] = tg.sentMessages(1003);
    expect(stored?.text).toBe("已选择 dept:tax");
    // Editing text without reply_markup removes the keyboard, as on Telegram.
    expect(stored?.reply_markup).toBeUndefined();
    expect(() => tg.clickButton({ chatId: 1003, messageId: card.message_id, data: "dept:nope" })).toThrow(/no button/);
  });

  it("marks non-text messages realistically", async () => {
    const bot = makeBot();
    bot.on("message:sticker", (ctx) => ctx.reply(`sticker ${ctx.message.sticker.emoji}`));
    bot.on("message:photo", (ctx) => ctx.reply(`photo ${ctx.message.photo.length} ${ctx.message.caption}`));
    bot.on("message:voice", (ctx) => ctx.reply(`voice ${ctx.message.voice.duration}s`));
    start(bot);

    tg.sendSticker({ chatId: 1004 });
    tg.sendPhoto({ chatId: 1004, caption: "执照" });
    tg.sendVoice({ chatId: 1004, duration: 7 });

    await tg.waitFor(() => tg.sentMessages(1004).length === 3);
    expect(tg.sentMessages(1004).map((m) => m.text).sort()).toEqual(["photo 3 执照", "sticker 👍", "voice 7s"]);
  });

  it("redelivers a re-pushed update (duplicate delivery)", async () => {
    const bot = makeBot();
    const seen: number[] = [];
    bot.on("message", (ctx) => {
      seen.push(ctx.update.update_id);
    });
    start(bot);

    const update = tg.sendText({ chatId: 1005, text: "hello" });
    await tg.waitFor((c) => c.method === "getUpdates" && JSON.stringify(c.response).includes(`"update_id":${update.update_id}`));
    tg.pushRawUpdate(update);
    await expect.poll(() => seen).toEqual([update.update_id, update.update_id]);
  });
});

describe("validation like Telegram", () => {
  const bot = () => makeBot();

  it("rejects unsupported tags and a bare ampersand, accepts escaped HTML", async () => {
    const script = await apiError(bot().api.sendMessage(1, "<script>alert(1)</script>", { parse_mode: "HTML" }));
    expect(script.error_code).toBe(400);
    expect(script.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 0');

    const amp = await apiError(bot().api.sendMessage(1, "税务 & 社保", { parse_mode: "HTML" }));
    expect(amp.description).toMatch(/^Bad Request: can't parse entities: Bare "&".* at byte offset 7$/);

    const good = await bot().api.sendMessage(1, "<b>a &amp; b</b>", { parse_mode: "HTML" });
    expect(good.text).toBe("a & b");
    expect(good.entities).toEqual([{ type: "bold", offset: 0, length: 5 }]);
    expect(tg.sentMessages(1)[0]).toMatchObject({ text: "<b>a &amp; b</b>", plain_text: "a & b", parse_mode: "HTML" });
  });

  it("rejects badly nested or unclosed markup", async () => {
    const nested = await apiError(bot().api.sendMessage(1, "<b><i>x</b></i>", { parse_mode: "HTML" }));
    expect(nested.description).toContain("Unmatched end tag");
    const unclosed = await apiError(bot().api.sendMessage(1, "<b>x", { parse_mode: "HTML" }));
    expect(unclosed.description).toContain('Can\'t find end tag corresponding to start tag "b"');
    const lt = await apiError(bot().api.sendMessage(1, "1 < 2", { parse_mode: "HTML" }));
    expect(lt.description).toContain('Unsupported start tag ""');
  });

  it("parses the full Telegram tag set into entities", () => {
    const parsed = parseTelegramHtml(
      '<a href="https://example.com/?a=1&amp;b=2">link</a> <span class="tg-spoiler">s</span> ' +
        '<blockquote expandable>q</blockquote> <pre><code class="language-ts">x</code></pre> &#22909;&lt;',
    );
    expect(parsed.text).toBe("link s q x 好<");
    expect(parsed.entities).toEqual([
      { type: "text_link", offset: 0, length: 4, url: "https://example.com/?a=1&b=2" },
      { type: "spoiler", offset: 5, length: 1 },
      { type: "expandable_blockquote", offset: 7, length: 1 },
      { type: "pre", offset: 9, length: 1, language: "ts" },
    ]);
    expect(() => parseTelegramHtml('<span class="x">a</span>')).toThrow(/tg-spoiler/);
    expect(parseTelegramHtml("AT&T", false).text).toBe("AT&T"); // real Telegram's lenient behaviour
  });

  it("enforces the 4096 character limit after entity parsing", async () => {
    await bot().api.sendMessage(1, "a".repeat(4096));
    await bot().api.sendMessage(1, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" });
    const tooLong = await apiError(bot().api.sendMessage(1, "a".repeat(4097)));
    expect(tooLong.description).toBe("Bad Request: message is too long");
    const empty = await apiError(bot().api.sendMessage(1, "  \n "));
    expect(empty.description).toBe("Bad Request: message text is empty");
  });

  it("limits callback_data to 64 UTF-8 bytes", async () => {
    const ok64 = "a" + "政".repeat(21); // 1 + 21×3 = 64 bytes
    const bad65 = "ab" + "政".repeat(21); // 65 bytes, only 23 characters
    await bot().api.sendMessage(1, "ok", { reply_markup: new InlineKeyboard().text("x", ok64) });
    const error = await apiError(
      bot().api.sendMessage(1, "bad", { reply_markup: new InlineKeyboard().text("x", bad65) }),
    );
    expect(error.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("fails edits of unknown messages and no-op edits", async () => {
    const b = bot();
    const missing = await apiError(b.api.editMessageText(1, 999, "x"));
    expect(missing.description).toBe("Bad Request: message to edit not found");

    const msg = await b.api.sendMessage(1, "<b>same</b>", { parse_mode: "HTML" });
    const same = await apiError(b.api.editMessageText(1, msg.message_id, "<b>same</b>", { parse_mode: "HTML" }));
    expect(same.description).toMatch(/^Bad Request: message is not modified:/);
    const edited = await b.api.editMessageText(1, msg.message_id, "<i>changed</i>", { parse_mode: "HTML" });
    expect(edited).toMatchObject({ text: "changed", entities: [{ type: "italic", offset: 0, length: 7 }] });
  });
});

describe("faults", () => {
  it("answers 429 with retry_after, which auto-retry waits out", async () => {
    const b = makeBot();
    // Sees each attempt auto-retry makes, and tells when one has its answer.
    let attempts = 0;
    let answered!: () => void;
    const firstAnswered = new Promise<void>((r) => (answered = r));
    b.api.config.use(async (prev, method, payload, signal) => {
      attempts++;
      const result = await prev(method, payload, signal);
      answered();
      return result;
    });
    b.api.config.use(autoRetry());
    tg.failNext("sendMessage", 1, { status: 429, retryAfter: 1 });

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const sending = b.api.sendMessage(1001, "after the storm");
      await firstAnswered;
      await new Promise((r) => setImmediate(r)); // auto-retry has read the 429 and is waiting
      vi.advanceTimersByTime(999);
      await new Promise((r) => setImmediate(r));
      expect(attempts).toBe(1);
      vi.advanceTimersByTime(1);
      const sent = await sending;
      expect(attempts).toBe(2);
      expect(sent.text).toBe("after the storm");
    } finally {
      vi.useRealTimers();
    }

    const [limited, passed] = tg.callsTo("sendMessage");
    expect(limited?.response).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    expect(limited?.status).toBe(429);
    expect(passed?.ok).toBe(true);
  });

  it("surfaces 429 and 502 as GrammyError without auto-retry", async () => {
    tg.failNext("sendMessage", 1, { retryAfter: 3 });
    tg.failNext("sendMessage", 1, { status: 502 });
    const limited = await apiError(makeBot().api.sendMessage(1, "x"));
    expect(limited).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
    const gateway = await apiError(makeBot().api.sendMessage(1, "x"));
    expect(gateway).toMatchObject({ error_code: 502, description: "Bad Gateway" });
    await makeBot().api.sendMessage(1, "now fine");
  });

  it("rejects sends to a blocked chat with 403", async () => {
    tg.blockChat(2002);
    const error = await apiError(makeBot().api.sendMessage(2002, "hi"));
    expect(error.error_code).toBe(403);
    expect(error.description).toBe("Forbidden: bot was blocked by the user");
    tg.unblockChat(2002);
    await expect(makeBot().api.sendMessage(2002, "hi again")).resolves.toMatchObject({ text: "hi again" });
  });
});

describe("holding a call, dropped connections, targeted failures", () => {
  it("holds a call before it is processed: nothing exists until it is released", async () => {
    const bot = makeBot();
    const held = tg.hold("sendMessage", { where: (p) => p.chat_id === 5, stage: "before" });
    const other = await bot.api.sendMessage(6, "not held");
    const sending = bot.api.sendMessage(5, "held");
    expect(await held.reached).toMatchObject({ chat_id: 5, text: "held" });
    expect(tg.sentMessages(5)).toEqual([]);
    held.release();
    expect((await sending).text).toBe("held");
    expect(tg.sentMessages(5).map((m) => m.text)).toEqual(["held"]);
    expect(other.text).toBe("not held");
  });

  it("a call held before processing whose client goes away: callerGone says so, and once released it is never processed", async () => {
    const held = tg.hold("sendMessage", { where: (p) => p.chat_id === 7, stage: "before" });
    const abort = new AbortController();
    const sending = fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: 7, text: "never seen" }),
      signal: abort.signal,
    }).catch((e: Error) => e.name);
    await held.reached;
    abort.abort();
    await held.callerGone;
    held.release();
    expect(await sending).toBe("AbortError");
    await new Promise((r) => setImmediate(r)); // a turn for the released call to run, were it to be processed
    expect(tg.sentMessages(7)).toEqual([]);
  });

  it("holds the answer after a call is processed: the message exists while the client still waits", async () => {
    const bot = makeBot();
    const held = tg.hold("sendMessage", { stage: "after" });
    let answered = false;
    const sending = bot.api.sendMessage(5, "accepted").then((m) => ((answered = true), m));
    await held.reached;
    expect(tg.sentMessages(5).map((m) => m.text)).toEqual(["accepted"]);
    expect(answered).toBe(false);
    held.release();
    expect((await sending).message_id).toBe(1);
  });

  it("drops the connection instead of answering, and fails only calls that match `where`", async () => {
    const bot = makeBot();
    tg.failNext("sendMessage", 1, { dropConnection: true, where: (p) => p.chat_id === 7 });
    await bot.api.sendMessage(8, "fine");
    const error = await bot.api.sendMessage(7, "lost").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(tg.sentMessages(7)).toEqual([]);
    await bot.api.sendMessage(7, "again");
    expect(tg.sentMessages(7).map((m) => m.text)).toEqual(["again"]);
  });

  it("lets someone in the chat delete a bot message: an edit then fails like Telegram's", async () => {
    const bot = makeBot();
    const m = await bot.api.sendMessage(-100, "card");
    tg.deleteMessageAsUser(-100, m.message_id);
    expect(tg.sentMessages(-100)).toEqual([]);
    const error = await apiError(bot.api.editMessageText(-100, m.message_id, "edited"));
    expect(error.description).toBe("Bad Request: message to edit not found");
  });
});

describe("protocol details", () => {
  it("long-polls until an update arrives, honours offset and redelivers unconfirmed updates", async () => {
    // An empty poll is held for its timeout (on fake time), then answered with no updates.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const waiting = rawCall("getUpdates", { timeout: 1 });
      // (vi.waitFor would advance the fake time itself)
      while (!tg.pollPending) await new Promise((r) => setImmediate(r));
      vi.advanceTimersByTime(999);
      expect(tg.pollPending).toBe(true);
      vi.advanceTimersByTime(1);
      expect((await waiting).json).toEqual({ ok: true, result: [] });
    } finally {
      vi.useRealTimers();
    }

    // A held poll is answered as soon as an update arrives.
    const polling = rawCall("getUpdates", { timeout: 3600 });
    await vi.waitFor(() => expect(tg.pollPending).toBe(true));
    tg.sendText({ chatId: 7, text: "wake" });
    const woken = await polling;
    const id = woken.json.result[0].update_id as number;
    expect(woken.json.result[0].message.text).toBe("wake");

    const again = await rawCall("getUpdates", { timeout: 0 });
    expect(again.json.result.map((u: { update_id: number }) => u.update_id)).toEqual([id]);
    const confirmed = await rawCall("getUpdates", { offset: id + 1, timeout: 0 });
    expect(confirmed.json.result).toEqual([]);
  });

  it("speaks form-urlencoded, 401 for a wrong token and 404 for unknown methods", async () => {
    const form = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ chat_id: "9", text: "123", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] }) }),
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { chat: { id: 9 }, text: "123", reply_markup: { inline_keyboard: [[{ callback_data: "b" }]] } } });

    expect(await rawCall("getMe", {}, "999:wrong")).toEqual({ status: 401, json: { ok: false, error_code: 401, description: "Unauthorized" } });
    expect(await rawCall("sendTelepathy", {})).toEqual({
      status: 404,
      json: { ok: false, error_code: 404, description: "Not Found: method not found" },
    });
    expect((await rawCall("setMyCommands", { commands: [{ command: "start", description: "开始" }] })).json.result).toBe(true);
    expect((await rawCall("getMyCommands", {})).json.result).toEqual([{ command: "start", description: "开始" }]);
  });

  it("explains a waitFor timeout with the recent calls", async () => {
    await makeBot().api.sendMessage(1, "the only call");
    await expect(tg.waitFor((c) => c.method === "deleteMessage", { timeoutMs: 100 })).rejects.toThrow(
      /no matching call within 100ms[\s\S]*sendMessage 200 chat=1 text="the only call"/,
    );
  });

  it("answers a pending long poll when stopped", async () => {
    const own = await FakeTelegram.start();
    // An hour-long poll: only stop() can answer it within the test.
    const poll = fetch(`${own.apiRoot}/bot${own.token}/getUpdates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeout: 3600 }),
    });
    await vi.waitFor(() => expect(own.pollPending).toBe(true));
    await own.stop();
    expect(own.pollPending).toBe(false);
    expect(await (await poll).json()).toEqual({ ok: true, result: [] });
  });
});
