/**
 * kill -9 at each step of a handoff: the bot runs as its own process (`node src/main.ts`, as
 * `npm start` does) against the fake Bot API in this process, which holds a call at the exact
 * point to kill at. One data folder for the file; the tests run in order, each starting the bot
 * again after the previous one killed it. Counts are of what the asker and staff received.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadConfig } from "../../src/config.js";
import { TICKETS_DB_FILE } from "../../src/handoff/sqlite-store.js";
import { CORPUS_DIR, STAFF_A, STAFF_CHAT } from "../support/bot-harness.js";
import { FakeTelegram, type SentMessage } from "../support/fake-telegram.js";
import { DIST_MAIN, REPO_ROOT } from "../support/run-command.js";

const START_TIMEOUT = 90_000;
const ASKERS = { first: 2001, second: 2002, third: 2003, fourth: 2004 };

let tg: FakeTelegram;
let tmp: string;
let dataDir: string;
let bot: { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } | null = null;
/** Whether the first kill caught ticket #1's notice in flight (the delivery timer may get there first). */
let firstNoticeInFlight = false;

const has = (s: string) => (m: SentMessage) => m.plain_text.includes(s);
const count = (chatId: number, text: string) => tg.sentMessages(chatId).filter(has(text)).length;
const cards = (id: number) => tg.sentMessages(STAFF_CHAT).filter((m) => m.plain_text.startsWith(`工单 #${id}\n`));

/** `npm start` with a token, in its own process; resolves once it has set its command menu (it polls right after). */
async function startBot(): Promise<NonNullable<typeof bot>> {
  const from = tg.calls.length;
  const child = spawn(process.execPath, [DIST_MAIN], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      STAFF_CHAT_ID: String(STAFF_CHAT),
      STAFF_USER_IDS: "",
      DATA_DIR: dataDir,
      CORPUS_DIR,
      LLM_MODEL: "",
      EMBEDDINGS_MODEL: "",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await Promise.race([
    tg.waitFor((c) => tg.calls.indexOf(c) >= from && c.method === "setMyCommands" && c.params.scope !== undefined && JSON.stringify(c.params.scope).includes("chat"), {
      timeoutMs: START_TIMEOUT,
    }),
    exited.then((code) => Promise.reject(new Error(`bot exited (${code}) before it was ready:\n${stderr}`))),
  ]);
  bot = { child, stderr: () => stderr, exited };
  return bot;
}

async function kill9(): Promise<void> {
  if (!bot) return;
  bot.child.kill("SIGKILL");
  await bot.exited;
  bot = null;
}

/** Read the bot's database as another process would. */
function query<T>(sql: string): T[] {
  const db = new Database(path.join(dataDir, TICKETS_DB_FILE), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Nothing left to send or in flight in the outbox. */
const outboxIdle = () =>
  vi.waitFor(() => expect(query(`SELECT id, kind, state FROM deliveries WHERE state IN ('pending', 'leased', 'sending')`)).toEqual([]), {
    timeout: 20_000,
    interval: 100,
  });

const deliveryStates = (ticketId: number) =>
  query<{ kind: string; state: string }>(`SELECT kind, state FROM deliveries WHERE ticket_id = ${ticketId} ORDER BY id`).map((d) => `${d.kind}:${d.state}`);

/** No message reached a chat twice (unless staff resent it on purpose, which the tests count themselves). */
function noDuplicates(chatId: number): void {
  const texts = tg.sentMessages(chatId).map((m) => m.plain_text);
  expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "handoff-crash-"));
  dataDir = path.join(tmp, "data");
  tg = await FakeTelegram.start();
  // Build the index once, here, so each bot start only opens it.
  await openEngine(loadConfig({ DATA_DIR: dataDir, CORPUS_DIR }, { dotenvFile: false }));
}, START_TIMEOUT);

afterAll(async () => {
  await kill9();
  await tg?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("kill -9 during a handoff", { timeout: 3 * START_TIMEOUT }, () => {
  it("between storing the ticket and telling the asker: after the restart the ticket number arrives once, the card once", async () => {
    await startBot();
    const asker = ASKERS.first;
    const held = tg.hold("sendMessage", { where: (p) => p.chat_id === asker, stage: "before" });
    tg.sendText({ chatId: asker, text: "市住建局的电话是多少" });
    await held.reached;
    // The ticket was stored before the first word to the asker.
    expect(query(`SELECT id, status FROM tickets`)).toEqual([{ id: 1, status: "open" }]);
    await kill9();
    await held.callerGone; // the server has seen the dead connection: the held call is never processed
    held.release();
    // The delivery timer may have picked up the ticket notice in the same instant: then it counts as in flight.
    const inFlight = query<{ kind: string }>(`SELECT kind FROM deliveries WHERE state = 'sending'`).map((d) => d.kind);
    firstNoticeInFlight = inFlight.includes("ticket-opened");

    await startBot();
    await vi.waitFor(() => expect(cards(1)).toHaveLength(1), { timeout: 20_000 });
    await outboxIdle();
    expect(query(`SELECT id FROM tickets`)).toEqual([{ id: 1 }]);
    if (inFlight.includes("ticket-opened")) {
      expect(count(asker, "已为您创建工单")).toBe(0);
      expect(cards(1)[0]!.plain_text).toContain("1 条消息未能送达或可能未送达");
    } else {
      expect(count(asker, "已为您创建工单 #1")).toBe(1);
    }
    expect(cards(1)).toHaveLength(1);
    noDuplicates(asker);
  });

  it("after Telegram accepted the ticket notice, before it was recorded: not sent again; the card tells staff", async () => {
    const asker = ASKERS.second;
    const held = tg.hold("sendMessage", { where: (p) => p.chat_id === asker && String(p.text).includes("已为您创建工单"), stage: "after" });
    tg.sendText({ chatId: asker, text: "供水报装的收费标准是多少钱" });
    await held.reached;
    await kill9();
    held.release();
    expect(deliveryStates(2).slice(0, 1)).toEqual(["ticket-opened:sending"]);

    await startBot();
    await vi.waitFor(() => expect(cards(2)).toHaveLength(1), { timeout: 20_000 });
    await outboxIdle();
    expect(count(asker, "已为您创建工单 #2")).toBe(1);
    expect(cards(2)[0]!.plain_text).toContain("⚠️ 本工单有 1 条消息未能送达或可能未送达");
    expect(deliveryStates(2)).toEqual(["ticket-opened:uncertain", "staff-card:delivered", "card-update:delivered"]);
    expect(query<{ kind: string }>(`SELECT kind FROM ticket_events WHERE ticket_id = 2 ORDER BY id`).map((e) => e.kind)).toEqual(["opened", "delivery-uncertain"]);
    noDuplicates(asker);
  });

  it("while a staff reply was on its way (not yet accepted): not resent by itself; the card says so; /resend delivers it once", async () => {
    const asker = ASKERS.first;
    const [card] = cards(1);
    const held = tg.hold("sendMessage", { where: (p) => p.chat_id === asker && String(p.text).includes("工作人员回复"), stage: "before" });
    tg.sendText({ chatId: STAFF_CHAT, userId: STAFF_A.userId, firstName: STAFF_A.firstName, text: "电话请见政务服务网", replyToMessageId: card!.message_id });
    await held.reached;
    await kill9();
    await held.callerGone; // the server has seen the dead connection: the held call is never processed
    held.release();

    await startBot();
    await tg.waitFor((c) => c.method === "editMessageText" && c.ok && c.message!.message_id === card!.message_id && c.message!.plain_text.includes("未能送达或可能未送达"), {
      timeoutMs: 20_000,
    });
    await outboxIdle();
    expect(count(asker, "电话请见政务服务网")).toBe(0);

    tg.sendText({ chatId: STAFF_CHAT, userId: STAFF_A.userId, firstName: STAFF_A.firstName, text: "/resend 1" });
    await tg.waitForMessage(STAFF_CHAT, has(`工单 #1：已重新排队发送 ${firstNoticeInFlight ? 2 : 1} 条消息`), { timeoutMs: 10_000 });
    await tg.waitForMessage(asker, has("电话请见政务服务网"), { timeoutMs: 10_000 });
    await outboxIdle();
    expect(count(asker, "电话请见政务服务网")).toBe(1);
    expect(count(asker, "已为您创建工单 #1")).toBe(1);
    noDuplicates(asker);
  });

  it("after Telegram accepted a card: an alert, not a second card; after /resend, replies to either card reach the asker", async () => {
    const asker = ASKERS.third;
    const held = tg.hold("sendMessage", { where: (p) => p.chat_id === STAFF_CHAT && String(p.text).startsWith("<b>工单 #3</b>"), stage: "after" });
    tg.sendText({ chatId: asker, text: "市财政局的办公地址在哪里" });
    await held.reached;
    await kill9();
    held.release();

    await startBot();
    const alert = await tg.waitForMessage(STAFF_CHAT, has("⚠️ 工单 #3：机器人重启时一条工单卡片正在发送"), { timeoutMs: 20_000 });
    expect(alert.plain_text).toContain("/resend 3");
    await outboxIdle();
    expect(cards(3)).toHaveLength(1);

    tg.sendText({ chatId: STAFF_CHAT, userId: STAFF_A.userId, firstName: STAFF_A.firstName, text: "/resend 3" });
    await vi.waitFor(() => expect(cards(3)).toHaveLength(2), { timeout: 10_000 });
    const [lost, again] = cards(3);
    tg.sendText({ chatId: STAFF_CHAT, userId: STAFF_A.userId, firstName: STAFF_A.firstName, text: "地址见官网", replyToMessageId: lost!.message_id });
    await tg.waitForMessage(asker, has("地址见官网"), { timeoutMs: 10_000 });
    tg.sendText({ chatId: STAFF_CHAT, userId: STAFF_A.userId, firstName: STAFF_A.firstName, text: "补充：周一至周五办公", replyToMessageId: again!.message_id });
    await tg.waitForMessage(asker, has("补充：周一至周五办公"), { timeoutMs: 10_000 });
    await outboxIdle();
    expect(count(asker, "已为您创建工单 #3")).toBe(1);
    expect(count(asker, "地址见官网")).toBe(1);
    expect(count(asker, "补充：周一至周五办公")).toBe(1);
    noDuplicates(asker);
  });

  it("a second npm start on the same data folder refuses, naming the folder and the running process", async () => {
    const running = bot!;
    const second = spawn(process.execPath, [DIST_MAIN], {
      cwd: REPO_ROOT,
      env: { ...process.env, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, STAFF_CHAT_ID: String(STAFF_CHAT), DATA_DIR: dataDir, LLM_MODEL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    second.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.once("exit", (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      new RegExp(`^error: another npm start is already running on the data folder ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(pid ${running.child.pid} on `),
    );
    expect(stderr).toContain(`kill ${running.child.pid}`);
    // The first one goes on answering, and nothing was sent twice.
    tg.sendText({ chatId: ASKERS.fourth, text: "小微企业办电要几天" });
    await tg.waitForMessage(ASKERS.fourth, has("第11条"), { timeoutMs: 10_000 });
    expect(count(ASKERS.fourth, "第11条")).toBe(1);
  });

  it("a bot killed with -9 leaves no lock behind: the next start runs, and stops cleanly on SIGTERM", async () => {
    await kill9();
    const next = await startBot();
    tg.sendText({ chatId: ASKERS.fourth, text: "企业开办需要多长时间" });
    await tg.waitForMessage(ASKERS.fourth, has("第1条"), { timeoutMs: 10_000 });
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
    bot = null;
    expect(next.stderr()).not.toMatch(/unexpected error|TypeError/);
    for (const chat of Object.values(ASKERS)) noDuplicates(chat);
  });
});
