import type { Citation } from "../policy/measure.js";

/**
 * pending: a staff answer waiting for review; approved: served to askers; rejected: never served;
 * out-of-scope: such questions get a canned "not in the policy" reply (no ticket).
 */
export type FaqStatus = "pending" | "approved" | "rejected" | "out-of-scope";

export const FAQ_STATUSES: readonly FaqStatus[] = ["pending", "approved", "rejected", "out-of-scope"];

/** A maintainer's decision on an entry. */
export type FaqDecision = "approve" | "reject" | "out-of-scope";

/** Who did something, as shown to staff: "staff:777" / "cli:alice" and a display name. */
export interface FaqActor {
  id: string;
  name: string;
}

/** The ticket a candidate came from. */
export interface FaqSource {
  ticketId: number;
  /** The staff reply's event id in the ticket history (the latest reply used). */
  replyEventId: number;
  staff: FaqActor;
  answeredAt: number;
  /** The measures the bot had found for the question. */
  candidates: Citation[];
}

export interface FaqEntry {
  id: number;
  status: FaqStatus;
  /** Question variants; the first is the one shown. */
  questions: string[];
  answer: string;
  /** Related measures (numbers); their titles and departments are read from the corpus when shown. */
  measures: number[];
  /** Each related measure's text digest when the entry was approved: a change flags the entry for review. */
  measureDigests: Record<string, string>;
  source: FaqSource | null;
  createdAt: number;
  /** The latest review decision. */
  review: { by: FaqActor; at: number } | null;
  hits: number;
  lastHitAt: number | null;
  /** Whether the staff-chat card was queued (or there was no chat to queue it for). */
  cardQueued: boolean;
  /** The card in the staff chat, once posted. */
  card: { chatId: string; messageId: number } | null;
}

/** One line of an entry's review history (append-only). */
export interface FaqReview {
  id: number;
  entryId: number;
  at: number;
  actor: FaqActor;
  action: "filed" | "updated" | "approve" | "reject" | "out-of-scope" | "edit" | "import";
  /** What changed (JSON of the edited fields), or null. */
  detail: string | null;
}
