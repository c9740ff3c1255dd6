/**
 * Persistence for handoff tickets, as an interface: SQLite (sqlite-store.ts, one process per
 * DATA_DIR) and PostgreSQL (pg-store.ts, shared by several instances). Every method is async;
 * nothing here names a driver. Business rules stay in HandoffService; SQL stays in the implementations.
 */
import type { Citation } from "../policy/measure.js";
import type { Asker, Channel, Delivery, DeliveryKind, DeliveryState, Staff, StaffMessageRef, Ticket, TicketEvent, TicketEventKind, TicketStatus } from "./types.js";

export interface NewTicket {
  asker: Asker;
  question: string;
  candidates: Citation[];
  at: number;
}

export interface NewEvent {
  ticketId: number;
  at: number;
  kind: TicketEventKind;
  actor: string;
  body: string | null;
}

export interface NewDelivery {
  ticketId: number;
  kind: DeliveryKind;
  channel: Channel;
  chatId: string;
  body: string | null;
  at: number;
  /** Queue it at most once under this key (a message another feature asks for, which may ask twice after a crash). */
  key?: string;
}

/** A message the bot posted in the staff chat, and whether it is the ticket's card. */
export interface StaffMessage extends StaffMessageRef {
  ticketId: number;
  isCard: boolean;
}

export interface LeaseRequest {
  owner: string;
  channel: Channel;
  /** Only this chat's deliveries (the terminal chat delivers to its own user only). */
  chatId?: string;
  now: number;
  /** The lease expires then; another owner may take a leased row after it. */
  until: number;
  limit: number;
}

/**
 * A guarded state change of one delivery: applied only when the row is in one of `from`
 * (and leased by `owner`, when given). This is how two senders never both own a row.
 */
export interface DeliveryTransition {
  from: readonly DeliveryState[];
  owner?: string;
  to: DeliveryState;
  at: number;
  /** Set the lease (for leased / sending); other target states clear it. */
  lease?: { owner: string; until: number };
  notBefore?: number;
  /** Count this as one more attempt. */
  attempted?: boolean;
  /** Replace last_error (null clears it); undefined keeps it. */
  error?: string | null;
  partsSent?: number;
}

export interface DeliveryFilter {
  states: readonly DeliveryState[];
  channel?: Channel;
  /** Only rows whose backoff has passed by then. */
  dueBy?: number;
  limit?: number;
}

/** Reads: allowed inside and outside transactions. */
export interface HandoffReads {
  ticket(id: number): Promise<Ticket | null>;
  /** The asker chat's newest open or claimed ticket. */
  latestActiveTicketOf(askerChatId: string): Promise<Ticket | null>;
  /** Oldest first; null means every status. */
  ticketsByStatus(statuses: readonly TicketStatus[] | null): Promise<Ticket[]>;
  /** Newest first. */
  ticketsOfAsker(askerChatId: string): Promise<Ticket[]>;
  eventsOf(ticketId: number): Promise<TicketEvent[]>;
  /**
   * Events of one kind with an id above `afterId`, oldest first: how other features catch up on what
   * happened. Events of one kind become visible in id order, so a reader that remembers the last id
   * it saw never skips one (PostgreSQL: appending an event takes a lock per kind until commit).
   */
  eventsOfKindSince(kind: TicketEventKind, afterId: number, limit: number): Promise<TicketEvent[]>;
  ticketIdForStaffMessage(chatId: string, messageId: number): Promise<number | null>;
  /** The latest card recorded for the ticket. */
  cardOf(ticketId: number): Promise<StaffMessageRef | null>;
  delivery(id: number): Promise<Delivery | null>;
  /** Oldest first. */
  deliveriesOfTicket(ticketId: number): Promise<Delivery[]>;
  /** Oldest first. */
  deliveriesInStates(filter: DeliveryFilter): Promise<Delivery[]>;
  statusCounts(): Promise<Array<{ status: TicketStatus; n: number }>>;
  /** Creation-to-first-reply durations in ms, ascending; only tickets created at or after `createdSince` when given. */
  firstReplyDurations(createdSince?: number): Promise<number[]>;
}

/** Writes, only inside `transaction`. */
export interface HandoffTx extends HandoffReads {
  insertTicket(t: NewTicket): Promise<number>;
  /** The atomic claim: only an open ticket can be taken; false if someone else got there first. */
  claimIfOpen(id: number, staff: Staff, at: number): Promise<boolean>;
  /** Status answered; the first replier holds an unheld ticket; first_reply_at is set once. */
  recordReply(id: number, staff: Staff, at: number): Promise<void>;
  setClosed(id: number, at: number): Promise<void>;
  /** Back to the open queue, unheld; past reply times stay for the stats. */
  setReopened(id: number, at: number): Promise<void>;
  /** Returns whether the flag changed. */
  setAskerBlocked(id: number, blocked: boolean, at: number): Promise<boolean>;
  /** The new event's id. */
  appendEvent(e: NewEvent): Promise<number>;
  recordStaffMessage(m: StaffMessage): Promise<void>;
  /** The new row's id; null when `d.key` was queued before (nothing is added). */
  enqueueDelivery(d: NewDelivery): Promise<number | null>;
  /**
   * Lease up to `limit` deliveries of the channel, oldest first: pending ones past their backoff,
   * and leased ones whose lease expired or that this owner already holds. A row is skipped while an
   * earlier row of the same chat waits out a backoff or is held by another owner (order per chat).
   * (PostgreSQL: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING *.)
   */
  leaseDeliveries(req: LeaseRequest): Promise<Delivery[]>;
  /** Returns whether the row was in an allowed state (and owned) and so changed. */
  transitionDelivery(id: number, t: DeliveryTransition): Promise<boolean>;
}

/** What a claim on an update says: handle it ("mine"), or drop it ("done", "own"), or have it delivered again later ("busy"). */
export type UpdateClaim = "mine" | "done" | "own" | "busy";

/** A claim that is neither new nor taken over: handled already, held by `owner` itself, or by another live owner. */
export const claimVerdict = (done: boolean, holder: string, owner: string): UpdateClaim => (done ? "done" : holder === owner ? "own" : "busy");

export interface HandoffStore extends HandoffReads {
  /**
   * Run fn atomically: every write inside goes through `tx`; a throw rolls everything back.
   * SQLite: one in-process queue plus BEGIN IMMEDIATE, so a read-then-write never races another process.
   * PostgreSQL: reads of a ticket or delivery inside `tx` lock that row, and looking up an asker's
   * active ticket locks that asker, so the same holds across instances.
   */
  transaction<T>(fn: (tx: HandoffTx) => Promise<T>): Promise<T>;
  // Best-effort writes outside any transaction, with a short wait: callers go on without them.
  /**
   * Claim an update for `owner` before handling it: "mine" the first time, or when another owner's
   * claim is at least `staleAfterMs` old and not done (that owner died mid-update); "done" when it was
   * handled; "own" when `owner` already holds it; "busy" when another owner's claim is fresh.
   */
  claimUpdate(updateId: number, owner: string, now: number, staleAfterMs: number): Promise<UpdateClaim>;
  /** The update was handled (or its handling failed and was reported): no one handles it again. */
  finishUpdate(updateId: number): Promise<void>;
  pruneProcessedUpdates(olderThan: number): Promise<number>;
  close(): Promise<void>;
}

// Store faults are shared by every store; re-exported here for the handoff's callers.
export { StoreUnavailableError, hintFor, isStoreFault, storeFaultHint, type StoreFaultReason } from "../store/errors.js";
