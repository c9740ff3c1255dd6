/** The FAQ tables' rows as both stores read them, and the one place each becomes a domain object. */
import type { FaqEntry, FaqReview, FaqSource, FaqStatus } from "./types.js";

/** An entry row; its JSON columns and flag are decoded by the store that read it (SQLite: text and 0/1). */
export interface EntryRow<Json, Flag> {
  id: number;
  status: string;
  questions: Json;
  answer: string;
  measures: Json;
  measure_digests: Json;
  ticket_id: number | null;
  reply_event_id: number | null;
  staff_id: string | null;
  staff_name: string | null;
  answered_at: number | null;
  candidates: Json | null;
  created_at: number;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: number | null;
  hits: number;
  last_hit_at: number | null;
  card_queued: Flag;
  card_chat_id: string | null;
  card_message_id: number | null;
}

export interface ReviewRow {
  id: number;
  entry_id: number;
  at: number;
  actor: string;
  actor_name: string;
  action: string;
  detail: string | null;
}

export interface DecodedEntryColumns {
  questions: string[];
  measures: number[];
  measureDigests: Record<string, string>;
  candidates: FaqSource["candidates"];
  cardQueued: boolean;
}

export function entryOf(r: EntryRow<unknown, unknown>, decoded: DecodedEntryColumns): FaqEntry {
  const source: FaqSource | null =
    r.ticket_id === null
      ? null
      : {
          ticketId: r.ticket_id,
          replyEventId: r.reply_event_id ?? 0,
          staff: { id: r.staff_id ?? "", name: r.staff_name ?? "" },
          answeredAt: r.answered_at ?? r.created_at,
          candidates: decoded.candidates,
        };
  return {
    id: r.id,
    status: r.status as FaqStatus,
    questions: decoded.questions,
    answer: r.answer,
    measures: decoded.measures,
    measureDigests: decoded.measureDigests,
    source,
    createdAt: r.created_at,
    review: r.reviewed_at === null ? null : { by: { id: r.reviewed_by ?? "", name: r.reviewed_by_name ?? "" }, at: r.reviewed_at },
    hits: r.hits,
    lastHitAt: r.last_hit_at,
    cardQueued: decoded.cardQueued,
    card: r.card_chat_id === null || r.card_message_id === null ? null : { chatId: r.card_chat_id, messageId: r.card_message_id },
  };
}

export const rowToReview = (r: ReviewRow): FaqReview => ({
  id: r.id,
  entryId: r.entry_id,
  at: r.at,
  actor: { id: r.actor, name: r.actor_name },
  action: r.action as FaqReview["action"],
  detail: r.detail,
});
