/**
 * Persistence for FAQ entries, as an interface: SQLite today (sqlite-store.ts), PostgreSQL later.
 * Every method is async; nothing here names a driver, and SQL stays in the implementations.
 */
import type { FaqActor, FaqEntry, FaqReview, FaqSource, FaqStatus } from "./types.js";

export interface NewFaqEntry {
  status: FaqStatus;
  questions: string[];
  answer: string;
  measures: number[];
  measureDigests: Record<string, string>;
  source: FaqSource | null;
  at: number;
  review: { by: FaqActor; at: number } | null;
}

export interface FaqContent {
  questions: string[];
  answer: string;
  measures: number[];
}

export interface NewFaqReview {
  entryId: number;
  at: number;
  actor: FaqActor;
  action: FaqReview["action"];
  detail: string | null;
}

/** Reads: allowed inside and outside transactions. */
export interface FaqReads {
  entry(id: number): Promise<FaqEntry | null>;
  entryForTicket(ticketId: number): Promise<FaqEntry | null>;
  /** Oldest first; null means every status. */
  entries(statuses: readonly FaqStatus[] | null): Promise<FaqEntry[]>;
  /** Oldest first. */
  reviewsOf(entryId: number): Promise<FaqReview[]>;
  /** The highest staff-reply event id already filed (0 if none): where catching up goes on from. */
  repliesSeen(): Promise<number>;
  /** Changes whenever what askers may be served changes (a review, an edit, an import). Cheap: polled. */
  servingVersion(): Promise<number>;
}

/** Writes, only inside `transaction`. */
export interface FaqTx extends FaqReads {
  insertEntry(e: NewFaqEntry): Promise<number>;
  /** A pending candidate takes a later staff reply of the same ticket. */
  updateCandidate(id: number, source: FaqSource, answer: string): Promise<void>;
  /** Set status, content and digests after a review. */
  setReviewed(id: number, change: { status: FaqStatus; content: FaqContent; measureDigests: Record<string, string>; by: FaqActor; at: number }): Promise<void>;
  appendReview(r: NewFaqReview): Promise<void>;
  setCardQueued(id: number): Promise<void>;
  /** Raise repliesSeen to at least this event id. */
  markRepliesSeen(eventId: number): Promise<void>;
  bumpServingVersion(): Promise<void>;
}

export interface FaqStore extends FaqReads {
  /** Run fn atomically; a throw rolls everything back. */
  transaction<T>(fn: (tx: FaqTx) => Promise<T>): Promise<T>;
  /** Best effort, with a short wait: serving goes on without it. */
  recordHit(entryId: number, at: number): Promise<void>;
  /** Which staff-chat message is the entry's card (so a review can edit it). */
  recordCard(entryId: number, card: { chatId: string; messageId: number }): Promise<void>;
  close(): Promise<void>;
}
