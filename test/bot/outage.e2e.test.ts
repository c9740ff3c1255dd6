/**
 * Telegram unreachable, through the real bot: at start-up and while running, an API root that
 * refuses connections and one that accepts them and never answers. In-process with a manual
 * clock (an outage of minutes counted in milliseconds), and as spawned `npm start` processes
 * that must stop on SIGINT/SIGTERM within the grace period even mid-outage.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HandoffService } from "../../src/handoff/service.js";
import { openTestEngine, type TestEngine } from "../answer/engine-fixture.js";
import { ASKER, BotHarness, has, STAFF_CHAT } from "../support/bot-harness.js";
import { closedPort, FlakyProxy } from "../support/flaky-proxy.js";
import { awaited, ManualClock, type ManualTimer } from "../support/manual-clock.js";
import { MainProcess } from "../support/spawn-main.js";

const HINT = "Check the network, proxy and firewall, and TELEGRAM_API_ROOT; retrying with a growing back-off (at most 1 min).";
// What the requirement allows for a stop after SIGINT/SIGTERM.
const STOP_WITHIN_MS = 10_000;

let t: TestEngine;
let h: BotHarness;
let proxy: FlakyProxy;

beforeAll(async () => {
  t = await openTestEngine("bot-outage");
  h = await BotHarness.open(t.engine);
  proxy = await FlakyProxy.start(h.tg.apiRoot);
});

afterEach(async () => {
  await h.stopBot();
  await proxy.setMode("forward");
});

afterAll(async () => {
  await proxy?.stop();
  await h?.close();
  t?.cleanup();
});

/** Live through back-off waits on the manual clock until `minutes` of outage were reminded; returns the pending wait. */
async function liveThrough(clock: ManualClock, minutes: number): Promise<ManualTimer> {
  const reminded = () => h.logged("error").filter((m) => m.startsWith("still cannot reach")).length;
  for (;;) {
    // The next wait is scheduled once the attempt before it has failed.
    const backoff = await clock.waitForTimer(awaited);
    if (reminded() >= minutes) return backoff;
    clock.advance(backoff.ms);
  }
}

describe("while running", () => {
  it("logs the outage at once with the API root, every minute while it lasts, and the recovery; then answers again", async () => {
    const clock = new ManualClock();
    await h.startBot({ clock, env: { TELEGRAM_API_ROOT: proxy.url } });
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
    await h.tg.waitForMessage(ASKER, has("第11条"));
    await h.bot!.bot.whenIdle(); // the reply's response is in, not cut off by the outage

    await proxy.setMode("closed");
    await vi.waitFor(() => expect(h.logged("error")).toHaveLength(1));
    // The poll's connection was dropped (reset), and a new one is refused: which one is reported depends on the OS.
    expect(h.logged("error")[0]).toMatch(new RegExp(`^cannot reach the Telegram Bot API at ${proxy.url}: connection (refused \\(ECONNREFUSED\\)|reset \\(ECONNRESET\\))\\. `));
    expect(h.logged("error")[0]!.endsWith(HINT)).toBe(true);

    const pending = await liveThrough(clock, 3);
    const reminders = h.logged("error").slice(1);
    expect(reminders.map((m) => m.replace(/ \(.*$/, ""))).toEqual([1, 2, 3].map((n) => `still cannot reach the Telegram Bot API at ${proxy.url} after ${n} min`));
    expect(reminders.at(-1)).toMatch(/\(\d+ failed attempts, last: connection refused \(ECONNREFUSED\); next attempt in \d+ s\)$/);

    // Back: the next attempt gets through, the log says so, and questions are answered again.
    await proxy.setMode("forward");
    clock.advance(pending.ms);
    // A question wakes the long poll, whose answer is the first sign of life.
    h.tg.sendText({ chatId: ASKER, text: "企业开办要几天" });
    await h.tg.waitForMessage(ASKER, has("第1条"));
    // The long poll dropped, then attempts after 1, 2, 4 … 32 s and every 60 s: 183 s, and back at 243 s.
    expect(h.logged("info").filter((m) => m.includes("reachable again"))).toEqual([
      `the Telegram Bot API at ${proxy.url} is reachable again after 4 min (9 failed attempts)`,
    ]);
    // The first line and a reminder at 1, 2, 3 and 4 min (the last one just before the attempt that got through).
    expect(h.logged("error"), h.logText()).toHaveLength(5);
    expect(h.logText()).not.toContain(h.tg.token);
    h.logs.length = 0; // the outage lines are this test's subject, not a failure
  });

  it("holds a staff reply written during the outage and delivers it once when Telegram is back", async () => {
    const clock = new ManualClock();
    await h.startBot({ clock, env: { TELEGRAM_API_ROOT: proxy.url } });
    h.tg.sendText({ chatId: ASKER, text: "市住建局的电话是多少" });
    await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
    await h.tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
    await h.bot!.bot.whenIdle();
    await h.bot!.bot.delivery.drain();

    await proxy.setMode("closed");
    await vi.waitFor(() => expect(h.logged("error")).toHaveLength(1));
    // Staff answer from the command line meanwhile: the delivery waits for Telegram.
    const cli = await HandoffService.open({ dataDir: h.dataDir, staffChatId: String(STAFF_CHAT) });
    await cli.replyToTicket(1, { userId: "cli", displayName: "值班员" }, "电话请拨 0990-1234567");
    await cli.shutdown();
    for (let i = 0; i < 3; i++) clock.advance((await clock.waitForTimer(awaited)).ms);

    await proxy.setMode("forward");
    // Every wait is at most a minute: a minute later everything has tried again.
    clock.advance(60_000);
    h.tg.sendText({ chatId: ASKER, text: "/help" });
    const reply = await h.tg.waitForMessage(ASKER, has("工作人员回复（工单 #1）"));
    expect(reply.plain_text).toContain("电话请拨 0990-1234567");
    await h.tg.waitFor((c) => c.method === "editMessageText" && c.ok && c.message!.plain_text.includes("已回复"));
    expect(h.tg.sentMessages(ASKER).filter(has("工作人员回复（工单 #1）"))).toHaveLength(1);
    expect(h.logged("warn")).toEqual([]);
    h.logs.length = 0;
  });

  it("stops at once mid-outage, ending a reply that waits on an API root that never answers", async () => {
    let release!: () => void;
    let asked!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const askedNow = new Promise<void>((r) => (asked = r));
    const slow = Object.assign(Object.create(t.engine) as typeof t.engine, {
      ask: async (q: string) => (asked(), await gate, t.engine.ask(q)),
    });
    // Without the shutdown, the reply below would wait ten minutes for its deadline.
    await h.startBot({ engine: slow, env: { TELEGRAM_API_ROOT: proxy.url }, link: { requestTimeoutMs: 600_000 } });
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
    await askedNow;
    // Down (logged), then an API root that accepts connections and never answers.
    await proxy.setMode("closed");
    await vi.waitFor(() => expect(h.logged("error")).toHaveLength(1));
    await proxy.setMode("blackhole");
    release();
    // The answer is written and its reply sent: it waits on a connection that never answers.
    await vi.waitFor(() => expect(h.logs.map((l) => l.message)).toContain("answered"));
    await h.stopBot();
    expect(h.logged("info").at(-1)).toBe("bot stopped");
    // No grace period was waited out (Telegram was known to be unreachable); the reply was ended, and said so.
    expect(h.logged("warn"), h.logText()).toEqual(["update cut short: the bot is stopping"]);
    expect(h.logs.find((l) => l.level === "warn")?.meta).toMatchObject({ chat: ASKER, error: "Network request for 'sendMessage' failed!" });
    expect(h.tg.sentMessages(ASKER)).toEqual([]);
    h.logs.length = 0;
  });
});

describe("at start-up", () => {
  it("waits for the API, logging at once and every minute, and starts when it is back", async () => {
    const clock = new ManualClock();
    await proxy.setMode("closed");
    const starting = h.startBot({ clock, askGetMe: true, env: { TELEGRAM_API_ROOT: proxy.url } });
    await vi.waitFor(() => expect(h.logged("error")).toEqual([`cannot reach the Telegram Bot API at ${proxy.url}: connection refused (ECONNREFUSED). ${HINT}`]));
    const pending = await liveThrough(clock, 2);
    expect(h.logged("error")).toHaveLength(3);

    await proxy.setMode("forward");
    clock.advance(pending.ms);
    const running = await starting;
    expect(running.bot.botInfo.username).toBe(h.tg.botInfo.username);
    // Attempts at 0, 1, 3, 7 … 63, 123 s (two reminders), then back at 183 s.
    expect(h.logged("info")).toEqual([`the Telegram Bot API at ${proxy.url} is reachable again after 3 min (8 failed attempts)`, "bot started"]);
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
    await h.tg.waitForMessage(ASKER, has("第11条"));
    h.logs.length = 0;
  });
});

describe("npm start, stopped by a signal", () => {
  // Shaped like a real token, so both the exact value and the shape must stay out of the log.
  const TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";
  let main: MainProcess | undefined;

  afterEach(() => main?.kill());

  it("SIGINT while the API root refuses connections at start-up", async () => {
    const root = `http://127.0.0.1:${await closedPort()}`;
    main = new MainProcess({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: root, DATA_DIR: t.dataDir, STAFF_CHAT_ID: String(STAFF_CHAT) });
    expect(await main.waitForLog(/ERROR \[bot\] cannot reach/)).toMatch(new RegExp(`ERROR \\[bot\\] cannot reach the Telegram Bot API at ${root}: connection refused \\(ECONNREFUSED\\)\\. `));
    expect(await main.stop("SIGINT", STOP_WITHIN_MS)).toEqual({ code: 0, signal: null });
    expect(main.stderr).toMatch(/INFO \[bot\] SIGINT received: stopping\n.*INFO \[bot\] bot stopped\n$/);
    expect(main.stderr).not.toContain(TOKEN);
    expect(main.stderr).not.toContain(TOKEN.split(":")[1]);
  }, 90_000);

  it("SIGTERM while getMe waits on an API root that never answers", async () => {
    await proxy.setMode("blackhole");
    const before = proxy.connections;
    main = new MainProcess({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: proxy.url, DATA_DIR: t.dataDir, STAFF_CHAT_ID: String(STAFF_CHAT) });
    // The request is out and unanswered (its own deadline is far off): stop now.
    await vi.waitFor(() => expect(proxy.connections).toBeGreaterThan(before), { timeout: 60_000, interval: 100 });
    expect(await main.stop("SIGTERM", STOP_WITHIN_MS)).toEqual({ code: 0, signal: null });
    expect(main.stderr).toMatch(/INFO \[bot\] SIGTERM received: stopping\n.*INFO \[bot\] bot stopped\n$/);
    expect(main.stderr).not.toContain(TOKEN);
  }, 90_000);

  it("a token Telegram refuses ends start-up with what to do, not a retry loop", async () => {
    const wrong = "111111:not-the-right-token";
    main = new MainProcess({ TELEGRAM_BOT_TOKEN: wrong, TELEGRAM_API_ROOT: h.tg.apiRoot, DATA_DIR: t.dataDir, STAFF_CHAT_ID: String(STAFF_CHAT) });
    expect(await main.exited).toEqual({ code: 1, signal: null });
    expect(main.stderr).toMatch(/INFO \[bot\] bot stopped\nerror: Telegram refused TELEGRAM_BOT_TOKEN \(401 Unauthorized\): get the token again from @BotFather and put it in \.env\n$/);
    expect(main.stderr).not.toContain(wrong);
  }, 90_000);

  it("SIGTERM while running, mid-outage", async () => {
    h.tg.reset();
    main = new MainProcess({ TELEGRAM_BOT_TOKEN: h.tg.token, TELEGRAM_API_ROOT: proxy.url, DATA_DIR: t.dataDir, STAFF_CHAT_ID: String(STAFF_CHAT) });
    await main.waitForLog(/bot started/);
    h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
    await h.tg.waitForMessage(ASKER, has("第11条"), { timeoutMs: 30_000 });

    await proxy.setMode("closed");
    expect(await main.waitForLog(/cannot reach/, 30_000)).toMatch(new RegExp(`ERROR \\[bot\\] cannot reach the Telegram Bot API at ${proxy.url}: connection (refused \\(ECONNREFUSED\\)|reset \\(ECONNRESET\\))\\. `));
    expect(await main.stop("SIGTERM", STOP_WITHIN_MS)).toEqual({ code: 0, signal: null });
    // The outage may have cut off the response to the answer just sent: that update is "cut short" on the way out.
    expect(main.stderr).toMatch(/INFO \[bot\] SIGTERM received: stopping\n(.* WARN \[bot\] update cut short: the bot is stopping .*\n)?.*INFO \[bot\] bot stopped\n$/);
    expect(main.stderr).not.toContain(h.tg.token);
  }, 90_000);
});
