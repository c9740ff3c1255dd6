/**
 * The real bot against the fake Bot API server (test/support/fake-telegram.ts): the bot in a child
 * process, the fake server and the simulated users (the load generator) in this one.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeTelegram, type RecordedCall } from "../../../test/support/fake-telegram.js";
import { loadConfig } from "../../config.js";
import { indexRoot } from "../../search/index-store.js";
import type { EvalQuestion } from "../score.js";
import { startJob, type QuestionOutcome } from "./children.js";
import type { BotRun } from "./report.js";
import { percentiles, round } from "./stats.js";

const STAFF_CHAT_ID = "-1009001";
const FIRST_CHAT_ID = 500_000;

export interface BotLoadOptions {
  users: number;
  questionsPerUser: number;
  responseDelayMs: number;
  questions: EvalQuestion[];
  /** How the engine answers each question (from the serve job), to tell which ones open a ticket. */
  outcomes: QuestionOutcome[];
  /** A DATA_DIR holding a built index of corpusDir (copied, so the bot's tickets go to a fresh folder). */
  indexFrom: string;
  corpusDir: string;
  replyTimeoutMs?: number;
  jobTimeoutMs?: number;
  /** Extra node flags for the bot process (e.g. --cpu-prof when profiling). */
  nodeFlags?: string[];
}

/** An answer that opens a ticket: a user's later messages would go to staff as follow-ups, not to the bot. */
const opensTicket = (o: QuestionOutcome | undefined) => o?.outcome === "handoff" && o.handoffReason !== "unclear";

/**
 * Each user asks questionsPerUser questions; the last may open a ticket, the others never do, so every
 * message gets a reply that quotes it (reply_to_message_id) and can be matched to it. Follow-up questions
 * of the file are left out: in another conversation they may open a ticket and leave the rest unanswered.
 */
export function userQuestions(all: EvalQuestion[], outcomes: QuestionOutcome[], users: number, perUser: number): string[][] {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  // A follow-up (那注销呢？) asked after another user's questions is not the question it was written as.
  const questions = all.filter((q) => !q.context?.length);
  const plain = questions.filter((q) => !opensTicket(byId.get(q.id)));
  if (plain.length === 0) throw new Error("bot load: every question opens a ticket");
  return Array.from({ length: users }, (_, u) => [
    ...Array.from({ length: perUser - 1 }, (_, j) => plain[(u * (perUser - 1) + j) % plain.length]!.q),
    questions[u % questions.length]!.q,
  ]);
}

export function freshDataDir(indexFrom: string | null): { root: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), "policy-bench-bot-"));
  const dataDir = join(root, "data");
  if (indexFrom) cpSync(indexRoot(indexFrom), indexRoot(dataDir), { recursive: true });
  return { root, dataDir };
}

export const isCall = (method: string) => (c: RecordedCall) => c.method.toLowerCase() === method.toLowerCase();

export async function runBotLoad(o: BotLoadOptions): Promise<BotRun> {
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
  const job = startJob("bot", { env }, { timeoutMs: o.jobTimeoutMs ?? 600_000, nodeFlags: o.nodeFlags ?? [] });
  try {
    // Ready when it answers a first message (the fake records a long poll only when it answers it).
    const warmupChat = FIRST_CHAT_ID - 1;
    tg.sendText({ chatId: warmupChat, text: "/start" });
    await Promise.race([
      tg.waitFor((c) => isCall("sendMessage")(c) && c.message?.chat_id === warmupChat, { timeoutMs: 120_000 }),
      job.result.then(() => Promise.reject(new Error("bot exited before answering"))),
    ]);

    const plan = userQuestions(o.questions, o.outcomes, o.users, o.questionsPerUser);
    const byId = new Map(o.outcomes.map((x) => [x.id, x]));
    const ticketTexts = new Set(o.questions.filter((q) => opensTicket(byId.get(q.id))).map((q) => q.q));
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
          const messageId = tg.sendText({ chatId, text }).message!.message_id;
          try {
            const reply = await tg.waitFor(
              (c) => c.message?.chat_id === chatId && c.message.reply_to_message_id === messageId && isCall("sendMessage")(c),
              { timeoutMs: o.replyTimeoutMs ?? 30_000 },
            );
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
      botCpuMsPerUpdate: round(bot.cpuMs / updates, 2),
      updatesPerCpuSecond: round(bot.cpuMs > 0 ? (1000 * updates) / bot.cpuMs : 0, 0),
      apiCallsPerUpdate: round(apiCalls / updates, 2),
      botPeakRssMB: bot.peakRssMB,
      botRssAfterMB: bot.rssMB,
    };
  } finally {
    job.send("stop");
    await job.result.catch(() => undefined);
    await tg.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
