import type { Citation } from "../policy/measure.js";

/** open → claimed → answered → closed; closed/answered can be reopened (back to open). */
export type TicketStatus = "open" | "claimed" | "answered" | "closed";

/**
 * Where the asker is, which is also how their messages reach them: "terminal" tickets come from
 * the terminal chat; "api" from another system over the HTTP API, its replies POSTed to the
 * caller's callback URL; "api-poll" from an API caller without a callback (and the web chat),
 * its replies collected from the poll endpoint.
 */
export type Channel = "telegram" | "terminal" | "api" | "api-poll";

export const CHANNELS: readonly Channel[] = ["telegram", "terminal", "api", "api-poll"];

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
  | "asker-blocked"
  | "delivery-failed" // a message could not be delivered for good (body: kind and error)
  | "delivery-uncertain" // a message was being sent when the bot stopped; it may or may not have arrived
  | "resent"; // staff asked to send the failed or uncertain messages again

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
 * the transport renders it (strings live with the transport) and records what happened.
 */
export type DeliveryKind =
  | "ticket-opened" // to asker: your ticket #N
  | "ticket-claimed" // to asker: staff took it
  | "staff-reply" // to asker: the staff answer (body)
  | "ticket-closed" // to asker
  | "ticket-reopened" // to asker: staff reopened the ticket, a person will follow up again
  | "staff-card" // to staff chat: post the card for a new ticket
  | "card-update" // to staff chat: edit the card (status, holder, blocked, undelivered messages)
  | "follow-up" // to staff chat: the asker's follow-up (body), as a reply to the card
  | "delivery-alert" // to staff chat: a ticket's card may be missing (it failed or was interrupted); body says why
  | "faq-card" // to staff chat: another feature's card about the ticket (an FAQ candidate from its answer); body: that feature's id
  | "faq-card-update"; // to staff chat: edit that card (the candidate was reviewed); body: the same id

/**
 * Outbox states. pending → leased (owner, expiry) → sending (written before the API call) →
 * delivered | failed (for good) | uncertain (the process stopped mid-send: never resent by itself).
 * A transient failure goes back to pending with a not-before time; staff may resend failed and uncertain ones.
 */
export type DeliveryState = "pending" | "leased" | "sending" | "delivered" | "failed" | "uncertain";

export interface Delivery {
  id: number;
  ticketId: number;
  kind: DeliveryKind;
  /** Which transport sends it: the asker's channel for asker deliveries, "telegram" for staff ones. */
  channel: Channel;
  /** Asker's chat for asker deliveries; the staff chat id for staff ones. */
  chatId: string;
  body: string | null;
  createdAt: number;
  state: DeliveryState;
  attempts: number;
  /** Messages of a multi-message delivery already sent (a retry continues after them). */
  partsSent: number;
  lastError: string | null;
  /** Not sent again before this time (backoff after a transient failure). */
  notBefore: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  deliveredAt: number | null;
}

export interface HandoffStats {
  open: number;
  claimed: number;
  answered: number;
  closed: number;
  /** Median ms from ticket creation to the first staff reply, over tickets that have one; null if none. */
  medianFirstReplyMs: number | null;
}

/**
 * A staff member answered a ticket: emitted by HandoffService after the reply is stored, and
 * rebuilt from the stored history for listeners that catch up (another process answered, or
 * this one stopped before a listener finished). `eventId` orders them and makes them idempotent.
 */
export interface TicketAnswered {
  eventId: number;
  ticket: Ticket;
  staff: Staff;
  reply: string;
  at: number;
}

export type ClaimResult = { ok: true; ticket: Ticket } | { ok: false; ticket: Ticket; reason: "held"; heldBy: Staff } | { ok: false; reason: "not-found" | "not-claimable"; ticket?: Ticket };

/** A message the bot posted in the staff chat (the card or a forwarded follow-up). */
export interface StaffMessageRef {
  chatId: string;
  messageId: number;
}
