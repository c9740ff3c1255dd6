import type { Citation } from "../policy/measure.js";
import type { Outcome } from "../answer/types.js";

/** open → claimed → answered → closed; closed/answered can be reopened (back to open). */
export type TicketStatus = "open" | "claimed" | "answered" | "closed";

/** Where the asker is; "terminal" tickets come from the terminal chat. */
export type Channel = "telegram" | "terminal";

export interface Asker {
  channel: Channel;
  chatId: string;
  userId: string;
  displayName: string;
}

export interface Staff {
  userId: string;
  displayName: string;
}

export interface Ticket {
  id: number;
  asker: Asker;
  question: string;
  /** The bot's candidate measures, with departments from the corpus. */
  candidates: Citation[];
  status: TicketStatus;
  staff: Staff | null;
  askerBlocked: boolean;
  createdAt: number; // epoch ms
  claimedAt: number | null;
  firstReplyAt: number | null;
  answeredAt: number | null;
  closedAt: number | null;
}

export type TicketEventKind =
  | "opened"
  | "follow-up"
  | "claimed"
  | "staff-reply"
  | "closed"
  | "reopened"
  | "cancelled"
  | "asker-blocked";

export interface TicketEvent {
  id: number;
  ticketId: number;
  at: number;
  kind: TicketEventKind;
  actor: string; // "asker:<userId>", "staff:<userId>", "cli", "system"
  body: string | null;
}

/**
 * Something the transport must deliver. Stored first (outbox), so it survives a restart;
 * the transport renders it (strings live with the transport) and marks it delivered.
 */
export type DeliveryKind =
  | "ticket-opened" // to asker: your ticket #N
  | "ticket-claimed" // to asker: staff took it
  | "staff-reply" // to asker: the staff answer (body)
  | "ticket-closed" // to asker
  | "ticket-reopened" // to asker: staff reopened the ticket, a person will follow up again
  | "staff-card" // to staff chat: post the card for a new ticket
  | "card-update" // to staff chat: edit the card (status, holder, blocked)
  | "follow-up"; // to staff chat: the asker's follow-up (body), as a reply to the card

export interface Delivery {
  id: number;
  ticketId: number;
  kind: DeliveryKind;
  /** Asker's chat for asker deliveries; the staff chat id (or "" when none is configured) for staff ones. */
  chatId: string;
  body: string | null;
  createdAt: number;
  attempts: number;
}

export interface HandoffStats {
  open: number;
  claimed: number;
  answered: number;
  closed: number;
  /** Median ms from ticket creation to the first staff reply, over tickets that have one; null if none. */
  medianFirstReplyMs: number | null;
  outcomes: Record<Outcome, number>;
}

export type ClaimResult = { ok: true; ticket: Ticket } | { ok: false; ticket: Ticket; reason: "held"; heldBy: Staff } | { ok: false; reason: "not-found" | "not-claimable"; ticket?: Ticket };

/** A message the bot posted in the staff chat (the card or a forwarded follow-up). */
export interface StaffMessageRef {
  chatId: string;
  messageId: number;
}
