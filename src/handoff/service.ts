import type { Citation } from "../policy/measure.js";
import type { Outcome } from "../answer/types.js";
import { TicketStore } from "./ticket-store.js";
import type {
  Asker,
  Channel,
  ClaimResult,
  Delivery,
  DeliveryKind,
  HandoffStats,
  Staff,
  StaffMessageRef,
  Ticket,
  TicketEvent,
  TicketStatus,
} from "./types.js";

export type TicketErrorCode = "not-found" | "bad-state" | "forbidden";

/** Misuse of the handoff API; the message says what is wrong and what to do instead. */
export class TicketError extends Error {
  readonly code: TicketErrorCode;
  constructor(code: TicketErrorCode, message: string) {
    super(message);
    this.name = "TicketError";
    this.code = code;
  }
}

export interface HandoffOptions {
  dataDir: string;
  /** Telegram staff group; null means no staff chat, so nothing is queued for staff. */
  staffChatId: string | null;
  now?: () => number;
}

export interface PendingDeliveryQuery {
  limit?: number;
  /** Only deliveries this transport sends: asker deliveries go by the asker's channel, staff ones are "telegram". */
  channel?: Channel;
}

export interface MarkFailedOptions {
  /** Stop retrying (e.g. Telegram said 400/403). */
  permanent?: boolean;
  /** The asker blocked the bot: flag the ticket, tell staff, stop retrying. */
  askerBlocked?: boolean;
  /** Wait at least this long before the next attempt (e.g. Telegram's retry_after); default is exponential backoff. */
  retryAfterMs?: number;
}

export const STAFF_DELIVERY_KINDS: readonly DeliveryKind[] = ["staff-card", "card-update", "follow-up"];
export const isStaffDelivery = (kind: DeliveryKind): boolean => STAFF_DELIVERY_KINDS.includes(kind);

export const askerActor = (asker: Asker): string => `asker:${asker.userId}`;
export const staffActor = (staff: Staff): string => `staff:${staff.userId}`;
const SYSTEM_ACTOR = "system";

const ACTIVE_STATUSES: readonly TicketStatus[] = ["open", "claimed"];
const DEFAULT_PENDING_LIMIT = 50;
/** Give up on a delivery after this many failures (about two hours with the backoff below). */
const MAX_DELIVERY_ATTEMPTS = 30;
const MAX_BACKOFF_MS = 5 * 60_000;
const UPDATE_RETENTION_MS = 7 * 24 * 60 * 60_000;
/** Pruning processed_updates on every call would be wasted work; once an hour is plenty. */
const UPDATE_PRUNE_INTERVAL_MS = 60 * 60_000;

const backoffMs = (attempts: number): number => Math.min(1_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/**
 * Tickets for questions the bot hands to people, plus the outbox that tells askers and staff about them.
 * Transport-agnostic: the Telegram bot and the terminal chat both drive it and render its deliveries.
 */
export class HandoffService {
  private lastUpdatePruneAt = Number.NEGATIVE_INFINITY;

  private constructor(
    private readonly store: TicketStore,
    private readonly staffChatId: string | null,
    private readonly now: () => number,
  ) {}

  static open({ dataDir, staffChatId, now = Date.now }: HandoffOptions): HandoffService {
    return new HandoffService(TicketStore.open(dataDir), staffChatId, now);
  }

  shutdown(): void {
    this.store.close();
  }

  // --- asker side

  openTicket({ asker, question, candidates }: { asker: Asker; question: string; candidates: Citation[] }): Ticket {
    requireText(question, "the question is empty: ask the user to type their question");
    return this.store.write(() => {
      const at = this.now();
      const id = this.store.insertTicket({ asker, question, candidates, at });
      this.store.appendEvent(id, at, "opened", askerActor(asker), null);
      const ticket = this.load(id);
      this.toAsker(ticket, "ticket-opened", null, at);
      this.toStaff(id, "staff-card", null, at);
      return ticket;
    });
  }

  /** The asker's latest open or claimed ticket: their next messages are follow-ups, not bot questions. */
  activeTicketOf(askerChatId: string): Ticket | null {
    return this.store.latestActiveTicketOf(askerChatId);
  }

  addFollowUp(ticketId: number, asker: Asker, text: string): Ticket {
    requireText(text, "the follow-up is empty: nothing to forward");
    return this.store.write(() => {
      const ticket = this.loadOwnedBy(ticketId, asker);
      if (!ACTIVE_STATUSES.includes(ticket.status)) {
        throw new TicketError(
          "bad-state",
          `ticket #${ticketId} is ${ticket.status}: follow-ups go only to open or claimed tickets; open a new ticket instead`,
        );
      }
      const at = this.now();
      // Writing to the bot again means they no longer block it.
      if (ticket.askerBlocked && this.store.setAskerBlocked(ticketId, false, at)) this.toStaff(ticketId, "card-update", null, at);
      this.store.appendEvent(ticketId, at, "follow-up", askerActor(asker), text);
      this.toStaff(ticketId, "follow-up", text, at);
      return this.load(ticketId);
    });
  }

  /** The asker withdraws the ticket. */
  cancelTicket(ticketId: number, asker: Asker): Ticket {
    return this.store.write(() => {
      const ticket = this.loadOwnedBy(ticketId, asker);
      if (ticket.status === "closed") throw new TicketError("bad-state", `ticket #${ticketId} is already closed: nothing to cancel`);
      const at = this.now();
      this.store.setClosed(ticketId, at);
      this.store.appendEvent(ticketId, at, "cancelled", askerActor(asker), null);
      this.toStaff(ticketId, "card-update", null, at);
      return this.load(ticketId);
    });
  }

  // --- staff side

  /** Take an open ticket. Atomic across processes: of two racing claims exactly one wins. */
  claimTicket(ticketId: number, staff: Staff): ClaimResult {
    return this.store.write((): ClaimResult => {
      const at = this.now();
      if (this.store.claimIfOpen(ticketId, staff, at)) {
        this.store.appendEvent(ticketId, at, "claimed", staffActor(staff), staff.displayName);
        const ticket = this.load(ticketId);
        this.toAsker(ticket, "ticket-claimed", null, at);
        this.toStaff(ticketId, "card-update", null, at);
        return { ok: true, ticket };
      }
      const ticket = this.store.ticket(ticketId);
      if (!ticket) return { ok: false, reason: "not-found" };
      if (ticket.status === "claimed" && ticket.staff) {
        // Pressing "claim" twice is not an error.
        if (ticket.staff.userId === staff.userId) return { ok: true, ticket };
        return { ok: false, ticket, reason: "held", heldBy: ticket.staff };
      }
      return { ok: false, ticket, reason: "not-claimable" };
    });
  }

  /**
   * Send the asker a staff answer. An unclaimed ticket is claimed by the replier; a ticket held by
   * someone else keeps its holder (the event records who replied), so a colleague can step in.
   */
  replyToTicket(ticketId: number, staff: Staff, text: string): Ticket {
    requireText(text, "the reply is empty: write the answer text");
    return this.store.write(() => {
      const ticket = this.load(ticketId);
      if (ticket.status === "closed") {
        throw new TicketError("bad-state", `ticket #${ticketId} is closed: reopen it first, then reply`);
      }
      const at = this.now();
      if (ticket.staff === null) this.store.appendEvent(ticketId, at, "claimed", staffActor(staff), staff.displayName);
      this.store.recordReply(ticketId, staff, at);
      this.store.appendEvent(ticketId, at, "staff-reply", staffActor(staff), text);
      const updated = this.load(ticketId);
      this.toAsker(updated, "staff-reply", text, at);
      this.toStaff(ticketId, "card-update", null, at);
      return updated;
    });
  }

  closeTicket(ticketId: number, actor: string): Ticket {
    return this.store.write(() => {
      const ticket = this.load(ticketId);
      if (ticket.status === "closed") throw new TicketError("bad-state", `ticket #${ticketId} is already closed`);
      const at = this.now();
      this.store.setClosed(ticketId, at);
      this.store.appendEvent(ticketId, at, "closed", actor, null);
      const updated = this.load(ticketId);
      this.toAsker(updated, "ticket-closed", null, at);
      this.toStaff(ticketId, "card-update", null, at);
      return updated;
    });
  }

  /** Answered or closed → open and unheld again; the event history keeps everything that happened. */
  reopenTicket(ticketId: number, actor: string): Ticket {
    return this.store.write(() => {
      const ticket = this.load(ticketId);
      if (ticket.status !== "answered" && ticket.status !== "closed") {
        throw new TicketError(
          "bad-state",
          `ticket #${ticketId} is ${ticket.status}: only answered or closed tickets can be reopened`,
        );
      }
      const at = this.now();
      this.store.setReopened(ticketId, at);
      this.store.appendEvent(ticketId, at, "reopened", actor, null);
      const updated = this.load(ticketId);
      this.toAsker(updated, "ticket-reopened", null, at);
      this.toStaff(ticketId, "card-update", null, at);
      return updated;
    });
  }

  // --- reading

  get(ticketId: number): Ticket | null {
    return this.store.ticket(ticketId);
  }

  /** The ticket's history, oldest first (empty for an unknown ticket). */
  events(ticketId: number): TicketEvent[] {
    return this.store.eventsOf(ticketId);
  }

  /** Oldest first, so the queue reads in the order people asked. */
  list({ status }: { status?: TicketStatus | TicketStatus[] } = {}): Ticket[] {
    const statuses = status === undefined ? null : Array.isArray(status) ? status : [status];
    return this.store.ticketsByStatus(statuses);
  }

  /** Newest first. */
  ticketsOf(askerChatId: string): Ticket[] {
    return this.store.ticketsOfAsker(askerChatId);
  }

  // --- staff-chat message mapping

  /** Remember which ticket a staff-chat message belongs to; pass card: true for the ticket card itself. */
  recordStaffMessage(ticketId: number, chatId: string, messageId: number, { card = false }: { card?: boolean } = {}): void {
    this.store.write(() => {
      this.load(ticketId);
      this.store.recordStaffMessage(ticketId, chatId, messageId, card);
    });
  }

  /** The ticket a staff member replied to, by the replied-to message's ids (never by parsing its text). */
  ticketForStaffMessage(chatId: string, messageId: number): Ticket | null {
    const id = this.store.ticketIdForStaffMessage(chatId, messageId);
    return id === null ? null : this.store.ticket(id);
  }

  /** The latest card posted for the ticket, to edit on a card-update; null if none was recorded. */
  cardMessageOf(ticketId: number): StaffMessageRef | null {
    return this.store.cardOf(ticketId);
  }

  // --- outbox

  /** Undelivered, not given up and not waiting out a backoff; oldest first. */
  pendingDeliveries({ limit = DEFAULT_PENDING_LIMIT, channel }: PendingDeliveryQuery = {}): Delivery[] {
    return this.store.pendingDeliveries(limit, channel ?? null, this.now());
  }

  /** Marking twice is harmless. */
  markDelivered(deliveryId: number): void {
    this.store.write(() => {
      this.loadDelivery(deliveryId);
      this.store.markDelivered(deliveryId, this.now());
    });
  }

  markFailed(deliveryId: number, error: string, { permanent = false, askerBlocked = false, retryAfterMs }: MarkFailedOptions = {}): void {
    this.store.write(() => {
      const delivery = this.loadDelivery(deliveryId);
      if (delivery.delivered) return;
      const at = this.now();
      const attempts = delivery.attempts + 1;
      const giveUp = permanent || askerBlocked || attempts >= MAX_DELIVERY_ATTEMPTS;
      this.store.markFailed(deliveryId, error, giveUp, at + (retryAfterMs ?? backoffMs(attempts)));
      // Only the first blocked delivery flags the ticket, so staff get one card update, not one per message.
      if (askerBlocked && this.store.setAskerBlocked(delivery.ticketId, true, at)) {
        this.store.appendEvent(delivery.ticketId, at, "asker-blocked", SYSTEM_ACTOR, error);
        this.toStaff(delivery.ticketId, "card-update", null, at);
      }
    });
  }

  // --- update dedupe and stats

  /** True the first time an update id is seen; Telegram may deliver an update twice. */
  firstSeen(updateId: number): boolean {
    const at = this.now();
    if (at - this.lastUpdatePruneAt >= UPDATE_PRUNE_INTERVAL_MS) {
      this.store.pruneProcessedUpdates(at - UPDATE_RETENTION_MS);
      this.lastUpdatePruneAt = at;
    }
    return this.store.insertProcessedUpdate(updateId, at);
  }

  recordOutcome(outcome: Outcome): void {
    this.store.insertOutcome(outcome, this.now());
  }

  stats(): HandoffStats {
    const stats: HandoffStats = {
      open: 0,
      claimed: 0,
      answered: 0,
      closed: 0,
      medianFirstReplyMs: median(this.store.firstReplyDurations()),
      outcomes: { answered: 0, clarify: 0, handoff: 0, smalltalk: 0 },
    };
    for (const { status, n } of this.store.statusCounts()) stats[status] = n;
    for (const { outcome, n } of this.store.outcomeCounts()) stats.outcomes[outcome] = n;
    return stats;
  }

  // --- internals

  private load(ticketId: number): Ticket {
    const ticket = this.store.ticket(ticketId);
    if (!ticket) throw new TicketError("not-found", `ticket #${ticketId} does not exist: check the number against the ticket list`);
    return ticket;
  }

  private loadOwnedBy(ticketId: number, asker: Asker): Ticket {
    const ticket = this.load(ticketId);
    if (ticket.asker.channel !== asker.channel || ticket.asker.userId !== asker.userId) {
      throw new TicketError("forbidden", `ticket #${ticketId} belongs to another user: only its own asker can change it`);
    }
    return ticket;
  }

  private loadDelivery(deliveryId: number) {
    const delivery = this.store.delivery(deliveryId);
    if (!delivery) throw new TicketError("not-found", `delivery ${deliveryId} does not exist: take ids from pendingDeliveries()`);
    return delivery;
  }

  private toAsker(ticket: Ticket, kind: DeliveryKind, body: string | null, at: number): void {
    this.store.enqueueDelivery({ ticketId: ticket.id, kind, channel: ticket.asker.channel, chatId: ticket.asker.chatId, body, at });
  }

  /** Staff deliveries exist only when a staff chat is configured; the Telegram side sends them. */
  private toStaff(ticketId: number, kind: DeliveryKind, body: string | null, at: number): void {
    if (this.staffChatId === null) return;
    this.store.enqueueDelivery({ ticketId, kind, channel: "telegram", chatId: this.staffChatId, body, at });
  }
}

function requireText(text: string, problem: string): void {
  if (text.trim() === "") throw new TicketError("bad-state", problem);
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}
