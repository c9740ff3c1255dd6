/**
 * Persistence for the question log, as an interface: SQLite today (sqlite-store.ts), PostgreSQL
 * later. Every method is async; nothing here names a driver, and SQL stays in the implementations.
 */
import type { LoggedQuestion, LogSummary, NewLoggedQuestion, Vote } from "./types.js";

export interface QuestionLogStore {
  // Best-effort writes, with a short wait: answering never waits on the log.
  /** The new row's id. */
  append(q: NewLoggedQuestion): Promise<number>;
  /** Only the asker of that question (same hash) may vote; false when the row is not theirs or is gone. */
  setFeedback(id: number, askerHash: string, vote: Vote, at: number): Promise<boolean>;
  setTicket(id: number, ticketId: number): Promise<void>;

  /** The retention: forget the text and the asker hash of questions asked before `before`; returns how many. */
  forgetBefore(before: number): Promise<number>;

  /** Oldest first. */
  questionsSince(since: number): Promise<LoggedQuestion[]>;
  summarySince(since: number): Promise<LogSummary>;
  close(): Promise<void>;
}
