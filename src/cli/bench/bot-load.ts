/**
 * The real bot against the fake Bot API server (test/support/fake-telegram.ts): the bot in a child
 * process, the fake server and the simulated users (the load generator) in this one.
 *
 * A bot runs for weeks, so its capacity is its CPU per update once V8 has compiled the hot code: the
 * first few thousand updates after start spend about as much CPU again on V8's compiler threads. A
 * warm-up goes first, its CPU reported on its own: askers of its own asking questions of the same pool as the
 * measured users (several each, so a chat's history is read as in the load), never a text a measured user
 * asks, and every measured text is asked once (bot-texts.ts): no measured text is in the analyzer's memos.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeTelegram, type RecordedCall } from "../../../test/support/fake-telegram.js";
import { loadConfig } from "../../config.js";
import { indexRoot } from "../../search/index-store.js";
import { opensTicket, planUsers, warmupPool, type AskedText } from "./bot-texts.js";
import { startJob } from "./children.js";
import { startScriptFlags } from "./start-flags.js";
import type { BotLoadRun } from "./report.js";
import { percentiles, round } from "./stats.js";

const STAFF_CHAT_ID = "-1009001";
const FIRST_CHAT_ID = 500_000;
// Warm-up askers get chat ids of their own, so none of them is a measured user.
const FIRST_WARMUP_CHAT_ID = 900_000;

export interface BotLoadOptions {
  users: number;
  questionsPerUser: number;
  responseDelayMs: number;
  /** Distinct texts with how the engine answers each alone (bot-texts.ts): the measured users' are taken first. */
  pool: AskedText[];
  /** Updates before the measured load, from askers of their own asking questionsPerUser each (see warmupPool). */
  warmupUpdates: number;
  /** A DATA_DIR holding a built index of corpusDir (copied, so the bot's tickets go to a fresh folder). */
  indexFrom: string;
  corpusDir: string;
  replyTimeoutMs?: number;
  jobTimeoutMs?: number;
  /** The bot measured: ours (runBot), or the baseline, grammY alone replying with each text (the echo-bot job). */
  job?: "bot" | "echo-bot";
  /** Node flags for the bot process besides npm start's (e.g. --cpu-prof when profiling). */
  nodeFlags?: string[];
}

export function freshDataDir(indexFrom: string | null): { root: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), "policy-bench-bot-"));
  const dataDir = join(root, "data");
  if (indexFrom) cpSync(indexRoot(indexFrom), indexRoot(dataDir), { recursive: true });
  return { root, dataDir };
}

export const isCall = (method: string) => (c: RecordedCall) => c.method.toLowerCase() === method.toLowerCase();

/**
 * The bot's messages matched to what waits for them as they arrive, in a map: a wait that looked through every
 * earlier call (FakeTelegram.waitFor) would slow the load generator more the longer the run, and the bot, sent
 * fewer updates per poll, would spend more per update.
 */
class ReplyWatch {
  private readonly waiting = new Map<string, (call: RecordedCall) => void>();
  readonly close: () => void;

  constructor(tg: FakeTelegram) {
    this.close = tg.onCall((call) => {
      const m = call.message;
      if (!m || !isCall("sendMessage")(call)) return;
      this.settle(`${m.chat_id}:${m.reply_to_message_id}`, call);
      this.settle(`${m.chat_id}:any`, call);
    });
  }

  /** The bot's reply to message `messageId` of chat `chatId`, or (messageId "any") its next message there. */
  next(chatId: number, messageId: number | "any", timeoutMs: number): Promise<RecordedCall> {
    const key = `${chatId}:${messageId}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`bot load: no reply in chat ${chatId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(key, (call) => {
        clearTimeout(timer);
        resolve(call);
      });
    });
  }

  private settle(key: string, call: RecordedCall): void {
    const resolve = this.waiting.get(key);
    if (!resolve) return;
    this.waiting.delete(key);
    resolve(call);
  }
}

/**
 * Each warm-up asker sends its questions one after another, each once the bot's next message in its chat came
 * (an answer, a handoff notice, or the note that a follow-up went to the open ticket), `concurrency` askers at a time.
 */
async function warmUp(tg: FakeTelegram, replies: ReplyWatch, plan: string[][], concurrency: number, timeoutMs: number): Promise<number> {
  let next = 0;
  let unanswered = 0;
  const asker = async () => {
    for (let u = next++; u < plan.length; u = next++) {
      const chatId = FIRST_WARMUP_CHAT_ID + u;
      for (const text of plan[u]!) {
        const reply = replies.next(chatId, "any", timeoutMs);
        tg.sendText({ chatId, text });
        await reply.catch(() => unanswered++);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, asker));
  return unanswered;
}

export async function runBotLoad(o: BotLoadOptions): Promise<BotLoadRun> {
  const { root, dataDir } = freshDataDir(o.indexFrom);
  const tg = await FakeTelegram.start({ responseDelayMs: o.responseDelayMs });
  const env = {
    DATA_DIR: dataDir,
    CORPUS_DIR: o.corpusDir,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    STAFF_CHAT_ID,
  };
  // The production limiter: nothing overrides RATE_LIMIT_PER_MINUTE.
  const rateLimitPerMinute = loadConfig(env, { dotenvFile: false }).telegram.rateLimitPerMinute;
  if (o.questionsPerUser > rateLimitPerMinute) throw new Error(`bot load: ${o.questionsPerUser} questions per user would hit the ${rateLimitPerMinute}/min limit`);
  const job = startJob(o.job ?? "bot", { env }, { timeoutMs: o.jobTimeoutMs ?? 600_000, nodeFlags: [...startScriptFlags(), ...(o.nodeFlags ?? [])] });
  const replies = new ReplyWatch(tg);
  try {
    // Ready when it answers a first message (the fake records a long poll only when it answers it).
    const warmupChat = FIRST_CHAT_ID - 1;
    tg.sendText({ chatId: warmupChat, text: "/start" });
    await Promise.race([
      tg.waitFor((c) => isCall("sendMessage")(c) && c.message?.chat_id === warmupChat, { timeoutMs: 120_000 }),
      job.result.then(() => Promise.reject(new Error("bot exited before answering"))),
    ]);

    const { plan, unused } = planUsers(o.pool, o.users, o.questionsPerUser);
    const ticketTexts = new Set(o.pool.filter(opensTicket).map((t) => t.text));
    job.send("mark");
    const warmupPlan = planUsers(warmupPool(o.pool, unused), Math.ceil(o.warmupUpdates / o.questionsPerUser), o.questionsPerUser).plan;
    const warmupUpdates = warmupPlan.reduce((n, texts) => n + texts.length, 0);
    const warmupUnanswered = await warmUp(tg, replies, warmupPlan, o.users, o.replyTimeoutMs ?? 30_000);
    if (warmupUnanswered > 0) throw new Error(`bot load: ${warmupUnanswered} of ${warmupUpdates} warm-up questions got no reply`);
    job.send("mark");
    const callsBefore = tg.calls.length;
    const latencies: number[] = [];
    let timeouts = 0;
    let lastReplyAt = 0;
    const started = Date.now();
    await Promise.all(
      plan.map(async (texts, u) => {
        const chatId = FIRST_CHAT_ID + u;
        for (const text of texts) {
          const pushedAt = Date.now();
          // Its next message in the chat: an answer quoting it, or (where a question read with the chat's history opened a ticket) the note that it went to staff.
          const next = replies.next(chatId, "any", o.replyTimeoutMs ?? 30_000);
          tg.sendText({ chatId, text });
          try {
            const reply = await next;
            latencies.push(reply.at - pushedAt);
            lastReplyAt = Math.max(lastReplyAt, reply.at);
          } catch {
            timeouts++;
          }
        }
      }),
    );
    const elapsedMs = Math.max(1, lastReplyAt - started);
    const apiCalls = tg.calls.length - callsBefore;
    job.send("stop"); // the CPU clock stops when the child reads this: a few ms after the last reply
    const bot = await job.result;
    const updates = o.users * o.questionsPerUser;
    // Two marks were sent: one lap for the warm-up, one for the measured load.
    const [warmupCpuMs = 0, cpuMs = 0] = bot.lapsCpuMs;
    const offMainThreadCpuMs = bot.lapsOffMainThreadCpuMs[1] ?? null;
    return {
      users: o.users,
      questionsPerUser: o.questionsPerUser,
      updates,
      replied: latencies.length,
      timeouts,
      ticketQuestions: plan.filter((texts) => ticketTexts.has(texts.at(-1)!)).length,
      responseDelayMs: o.responseDelayMs,
      rateLimitPerMinute,
      elapsedMs,
      updatesPerSecond: round(latencies.length / (elapsedMs / 1000), 1),
      replyLatency: percentiles(latencies),
      warmupUpdates,
      warmupCpuMsPerUpdate: warmupUpdates > 0 ? round(warmupCpuMs / warmupUpdates, 2) : null,
      botCpuMsPerUpdate: round(cpuMs / updates, 2),
      offMainThreadCpuMsPerUpdate: offMainThreadCpuMs === null ? null : round(offMainThreadCpuMs / updates, 2),
      cpuMsPerUpdateRuns: [round(cpuMs / updates, 2)],
      updatesPerCpuSecond: round(cpuMs > 0 ? (1000 * updates) / cpuMs : 0, 0),
      apiCallsPerUpdate: round(apiCalls / updates, 2),
      botPeakRssMB: bot.peakRssMB,
      botRssAfterMB: bot.rssMB,
    };
  } finally {
    replies.close();
    job.send("stop");
    await job.result.catch(() => undefined);
    await tg.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
