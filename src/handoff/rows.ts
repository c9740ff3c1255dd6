/** The handoff tables' rows as both stores read them, and the one place each becomes a domain object. */
import type { Citation } from "../policy/measure.js";
import type { Channel, Delivery, DeliveryKind, DeliveryState, Ticket, TicketEvent, TicketEventKind, TicketStatus } from "./types.js";

/** A ticket row; `candidates` and `asker_blocked` are stored as each database stores JSON and booleans. */
export interface TicketRow<Candidates, Blocked> {
  id: number;
  asker_channel: string;
  asker_chat_id: string;
  asker_user_id: string;
  asker_name: string;
  question: string;
  candidates: Candidates;
  status: string;
  staff_user_id: string | null;
  staff_name: string | null;
  asker_blocked: Blocked;
  created_at: number;
  claimed_at: number | null;
  first_reply_at: number | null;
  answered_at: number | null;
  closed_at: number | null;
}

export interface EventRow {
  id: number;
  ticket_id: number;
  at: number;
  kind: string;
  actor: string;
  body: string | null;
}

export interface DeliveryRow {
  id: number;
  ticket_id: number;
  kind: string;
  channel: string;
  chat_id: string;
  body: string | null;
  created_at: number;
  state: string;
  lease_owner: string | null;
  lease_until: number | null;
  attempts: number;
  parts_sent: number;
  last_error: string | null;
  not_before: number;
  delivered_at: number | null;
}

/** A ticket row, its candidates and blocked flag already decoded by the store that read it. */
export function ticketOf(row: TicketRow<unknown, unknown>, candidates: Citation[], askerBlocked: boolean): Ticket {
  return {
    id: row.id,
    asker: { channel: row.asker_channel as Channel, chatId: row.asker_chat_id, userId: row.asker_user_id, displayName: row.asker_name },
    question: row.question,
    candidates,
    status: row.status as TicketStatus,
    staff: row.staff_user_id === null ? null : { userId: row.staff_user_id, displayName: row.staff_name ?? "" },
    askerBlocked,
    createdAt: row.created_at,
    claimedAt: row.claimed_at,
    firstReplyAt: row.first_reply_at,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
  };
}

export const rowToEvent = (row: EventRow): TicketEvent => ({
  id: row.id,
  ticketId: row.ticket_id,
  at: row.at,
  kind: row.kind as TicketEventKind,
  actor: row.actor,
  body: row.body,
});

export const rowToDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id,
  ticketId: row.ticket_id,
  kind: row.kind as DeliveryKind,
  channel: row.channel as Channel,
  chatId: row.chat_id,
  body: row.body,
  createdAt: row.created_at,
  state: row.state as DeliveryState,
  attempts: row.attempts,
  partsSent: row.parts_sent,
  lastError: row.last_error,
  notBefore: row.not_before,
  leaseOwner: row.lease_owner,
  leaseUntil: row.lease_until,
  deliveredAt: row.delivered_at,
});
