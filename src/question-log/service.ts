import type { Answer } from "../answer/types.js";
import { BestEffort, type StoreWarn } from "../store/best-effort.js";
import type { SqliteStoreOptions } from "../store/sqlite.js";
import { askerHash, loadSalt } from "./salt.js";
import { SqliteQuestionLogStore } from "./sqlite-store.js";
import type { QuestionLogStore } from "./store.js";
import type { LoggedQuestion, LogSummary, Vote } from "./types.js";

const DAY_MS = 24 * 60 * 60_000;
export const DEFAULT_RETENTION_DAYS = 180;

/** Who asked, as the front end knows them; only a salted hash of it is stored. */
export interface LogAsker {
  channel: string;
  userId: string;
}

export interface QuestionLogOptions {
  salt: string;
  retentionDays?: number;
  now?: () => number;
  onWarning?: StoreWarn;
}

export interface OpenQuestionLogOptions extends Omit<QuestionLogOptions, "salt">, SqliteStoreOptions {
  dataDir: string;
  /** QUESTION_LOG_SALT; null: generated once into the data folder. */
  salt: string | null;
}

export type FeedbackResult = "recorded" | "not-yours" | "unavailable";

/**
 * Every question, its outcome, cited measures, latency, 👍/👎 and ticket. Writing is best effort:
 * it never fails or holds up an answer (a locked or full database is reported once and skipped).
 * Askers are stored as salted hashes; question text is forgotten after the retention period.
 */
export class QuestionLog {
  private readonly salt: string;
  private readonly now: () => number;
  private readonly bestEffort: BestEffort;
  readonly retentionDays: number;

  constructor(
    private readonly store: QuestionLogStore,
    { salt, retentionDays = DEFAULT_RETENTION_DAYS, now = Date.now, onWarning = () => undefined }: QuestionLogOptions,
  ) {
    this.salt = salt;
    this.now = now;
    this.retentionDays = retentionDays;
    this.bestEffort = new BestEffort(onWarning, now, {
      down: "question log not writable: questions and feedback are not logged for now; answering goes on",
      up: "question log writable again",
    });
  }

  static open({ dataDir, salt, lockWaitMs, bestEffortWaitMs, ...opts }: OpenQuestionLogOptions): QuestionLog {
    const store = SqliteQuestionLogStore.open(dataDir, {
      ...(lockWaitMs !== undefined ? { lockWaitMs } : {}),
      ...(bestEffortWaitMs !== undefined ? { bestEffortWaitMs } : {}),
    });
    return new QuestionLog(store, { ...opts, salt: loadSalt(dataDir, salt) });
  }

  hashOf(asker: LogAsker): string {
    return askerHash(this.salt, asker.channel, asker.userId);
  }

  /** Log a question and its answer; the row id (for 👍/👎 and the ticket), or null when the log could not be written. Never throws. */
  record({ asker, question, answer, latencyMs }: { asker: LogAsker; question: string; answer: Answer; latencyMs: number }): Promise<number | null> {
    return this.bestEffort.run(
      "log a question",
      () =>
        this.store.append({
          at: this.now(),
          askerHash: this.hashOf(asker),
          channel: asker.channel,
          question,
          outcome: answer.outcome,
          // (An answer leaving part of the message unanswered is logged with why, so the report counts it among what the bot cannot answer.)
          handoffReason: answer.handoffReason ?? answer.partlyUnanswered ?? null,
          source: answer.source === "faq" ? "faq" : "policy",
          faqEntryId: answer.faq?.entryId ?? null,
          cited: answer.citations.map((c) => c.measure),
          latencyMs: Math.round(latencyMs * 100) / 100,
        }),
      null,
    );
  }

  /** 👍/👎 from whoever pressed the button: recorded only when they asked that question. Never throws. */
  feedback(id: number, presser: LogAsker, vote: Vote): Promise<FeedbackResult> {
    return this.bestEffort.run(
      "record feedback",
      async () => ((await this.store.setFeedback(id, this.hashOf(presser), vote, this.now())) ? "recorded" : "not-yours"),
      "unavailable" as FeedbackResult,
    );
  }

  /** The question went to staff as this ticket. Never throws. */
  async linkTicket(id: number, ticketId: number): Promise<void> {
    await this.bestEffort.run("link a ticket", () => this.store.setTicket(id, ticketId), undefined);
  }

  /** Forget the text (and asker hash) of questions older than the retention period; how many. Throws on a store fault (the caller logs it). */
  applyRetention(): Promise<number> {
    return this.store.forgetBefore(this.now() - this.retentionDays * DAY_MS);
  }

  questionsSince(since: number): Promise<LoggedQuestion[]> {
    return this.store.questionsSince(since);
  }

  summarySince(since: number): Promise<LogSummary> {
    return this.store.summarySince(since);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
