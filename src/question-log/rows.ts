/** A question-log row as both stores read it, and the one place it becomes a LoggedQuestion. */
import type { AnswerSource, LoggedQuestion, Vote } from "./types.js";

/** `Cited`: the measure numbers, as JSON text (SQLite) or decoded (PostgreSQL). */
export interface QuestionRow<Cited> {
  id: number;
  at: number;
  asker_hash: string | null;
  channel: string;
  question: string | null;
  outcome: string;
  handoff_reason: string | null;
  source: string;
  faq_entry_id: number | null;
  cited: Cited;
  latency_ms: number;
  feedback: string | null;
  ticket_id: number | null;
}

export const questionOf = (r: QuestionRow<unknown>, cited: number[]): LoggedQuestion => ({
  id: r.id,
  at: r.at,
  askerHash: r.asker_hash,
  channel: r.channel,
  question: r.question,
  outcome: r.outcome,
  handoffReason: r.handoff_reason,
  source: r.source as AnswerSource,
  faqEntryId: r.faq_entry_id,
  cited,
  latencyMs: r.latency_ms,
  feedback: r.feedback as Vote | null,
  ticketId: r.ticket_id,
});
