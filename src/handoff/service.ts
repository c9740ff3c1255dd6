import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Citation } from "../policy/measure.js";
import { BestEffort } from "../store/best-effort.js";
import type { Metrics } from "../metrics.js";
import { SqliteHandoffStore, type SqliteStoreOptions } from "./sqlite-store.js";
import { isStoreFault, storeFaultHint, type HandoffStore, type HandoffTx, type StaffMessage, type StoreFaultReason, type UpdateClaim } from "./store.js";
import type {
  Asker,
  Channel,
  ClaimResult,
  Delivery,
  DeliveryKind,
  DeliveryState,
  HandoffStats,
  Staff,
  StaffMessageRef,
  Ticket,
  TicketAnswered,
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

/** Where the service reports what it could not do but went on without (best-effort writes). */
export type HandoffWarn = (message: string, meta: Record<string, unknown>) => void;

export interface HandoffOptions {
  /** Telegram staff group; null means no staff chat, so nothing is queued for staff. */
  staffChatId: string | null;
  now?: () => number;
  onWarning?: HandoffWarn;
  /** Told of each new ticket (a handoff), by the asker's channel. */
  metrics?: Pick<Metrics, "ticketOpened">;
  /**
   * Several instances use the store at once (PostgreSQL): a starting outbox worker must not take
   * what another live instance holds, only leases that expired. Default false (one process per DATA_DIR).
   */
  sharedStore?: boolean;
  /** How long a leased or sending outbox row belongs to its sender (OUTBOX_LEASE_SECONDS); default DEFAULT_LEASE_MS. */
  leaseMs?: number;
  /** How long an update's claim keeps other instances off it (UPDATE_CLAIM_SECONDS); default DEFAULT_UPDATE_CLAIM_MS. */
  updateClaimMs?: number;
  /** Who claims updates: unique to this process (a restarted process must not pass for its predecessor); default random. */
  updateOwner?: string;
}

/** Whether the tickets store takes writes now, and if not why and what to do. */
export type StoreHealth = { ok: true } | { ok: false; reason: StoreFaultReason | "error"; error: string; hint: string };

/** Outbox rows by channel and state, delivered ones left out. */
export type OutboxCounts = Array<{ channel: Channel; state: Exclude<DeliveryState, "delivered">; n: number }>;

const OPEN_STATES: readonly Exclude<DeliveryState, "delivered">[] = ["pending", "leased", "sending", "failed", "uncertain"];

export interface OpenHandoffOptions extends HandoffOptions, SqliteStoreOptions {
  dataDir: string;
  /** PostgreSQL (DATABASE_URL) instead of tickets.sqlite in dataDir; the store is then shared by every instance. */
  databaseUrl?: string | null;
  /** The PostgreSQL schema to use instead of the URL's or the server's default (tests). */
  databaseSchema?: string;
  /** Connections per PostgreSQL pool (DATABASE_POOL_SIZE). */
  databasePoolSize?: number;
}

export interface ClaimDeliveriesRequest {
  /** Who sends: a lease holder id unique to this process. */
  owner: string;
  /** Asker deliveries go by the asker's channel; staff ones are "telegram". */
  channel: Channel;
  /** Only this chat (the terminal chat sends to its own user only). */
  chatId?: string;
  limit?: number;
  leaseMs?: number;
}

export interface MarkFailedOptions {
  /** Stop retrying (e.g. Telegram said 400/403). */
  permanent?: boolean;
  /** The asker blocked the bot: flag the ticket, tell staff, stop retrying. */
  askerBlocked?: boolean;
  /** Wait at least this long before the next attempt (e.g. Telegram's retry_after); default is exponential backoff. */
  retryAfterMs?: number;
  /** Messages of the delivery that did go out before the failure; a retry continues after them. */
  partsSent?: number;
  /** Staff-chat messages that went out before the failure, so replies to them still reach the ticket. */
  staffMessages?: StaffMessage[];
}

export interface OpenTicketResult {
  ticket: Ticket;
  /** False when the asker already had an open or claimed ticket: that one is returned and nothing new is queued. */
  created: boolean;
}

export const STAFF_DELIVERY_KINDS: readonly DeliveryKind[] = ["staff-card", "card-update", "follow-up", "delivery-alert", "faq-card", "faq-card-update"];
export const isStaffDelivery = (kind: DeliveryKind): boolean => STAFF_DELIVERY_KINDS.includes(kind);
/** Editing a message twice shows the same thing: safe to repeat after a crash. Every other kind posts a new message. */
export const isIdempotentDelivery = (kind: DeliveryKind): boolean => kind === "card-update" || kind === "faq-card-update";

/** What another feature may post in the staff chat about a ticket, through the outbox. */
export type StaffNoticeKind = Extract<DeliveryKind, "faq-card" | "faq-card-update">;

export type TicketAnsweredListener = (event: TicketAnswered) => Promise<void> | void;
export const PROBLEM_STATES: readonly DeliveryState[] = ["failed", "uncertain"];

export const askerActor = (asker: Asker): string => `asker:${asker.userId}`;
export const staffActor = (staff: Staff): string => `staff:${staff.userId}`;
const SYSTEM_ACTOR = "system";

const ACTIVE_STATUSES: readonly TicketStatus[] = ["open", "claimed"];
const DEFAULT_PENDING_LIMIT = 50;
/** A leased or sending row belongs to its owner this long; after it, another sender may take it over. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
/** Give up on a delivery after this many failures (about two hours with the backoff below). */
const MAX_DELIVERY_ATTEMPTS = 30;
const MAX_BACKOFF_MS = 5 * 60_000;
const UPDATE_RETENTION_MS = 7 * 24 * 60 * 60_000;
/** An update's claim outlives any handling (the LLM's 20 s timeout, Telegram's back-off) with room to spare. */
export const DEFAULT_UPDATE_CLAIM_MS = 60_000;
/** Pruning processed_updates on every call would be wasted work; once an hour is plenty. */
const UPDATE_PRUNE_INTERVAL_MS = 60 * 60_000;
/** Update ids remembered in memory, so duplicates are dropped even while the store cannot be written. */
const RECENT_UPDATES = 10_000;

/** This process's name on the updates it claims: host and pid for the logs, random so a restart is someone else. */
const newUpdateOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const backoffMs = (attempts: number): number => Math.min(1_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

/**
 * Tickets for questions the bot hands to people, plus the outbox that tells askers and staff about them.
 * Transport-agnostic: the Telegram bot and the terminal chat both drive it and render its deliveries.
 */
export class HandoffService {
  private lastUpdatePruneAt = Number.NEGATIVE_INFINITY;
  /** Update id → when it was seen; insertion order is age order. */
  /** Updates this process claimed (and whether it finished them), by id: a duplicate is dropped without the store. */
  private readonly recentUpdates = new Map<number, { at: number; done: boolean }>();
  private readonly bestEffort: BestEffort;
  private readonly staffChatId: string | null;
  private readonly now: () => number;
  private readonly warn: HandoffWarn;
  private readonly answeredListeners: TicketAnsweredListener[] = [];
  /** Listener calls still running, so shutdown (and tests) can wait for them. */
  private readonly listening = new Set<Promise<void>>();
  private readonly metrics: Pick<Metrics, "ticketOpened"> | null;
  /** Several instances use the store (PostgreSQL): see HandoffOptions.sharedStore. */
  readonly sharedStore: boolean;
  /** How long a sender's lease on an outbox row lasts; after it, another instance takes over. */
  readonly leaseMs: number;
  /** This process's name on the updates it claims, and how long a claim keeps others off. */
  readonly updateOwner: string;
  readonly updateClaimMs: number;

  constructor(
    private readonly store: HandoffStore,
    { staffChatId, now = Date.now, onWarning = () => undefined, metrics, sharedStore = false, leaseMs = DEFAULT_LEASE_MS, updateClaimMs = DEFAULT_UPDATE_CLAIM_MS, updateOwner = newUpdateOwner() }: HandoffOptions,
  ) {
    this.staffChatId = staffChatId;
    this.leaseMs = leaseMs;
    this.updateClaimMs = updateClaimMs;
    this.updateOwner = updateOwner;
    this.now = now;
    this.warn = onWarning;
    this.metrics = metrics ?? null;
    this.sharedStore = sharedStore;
    this.bestEffort = new BestEffort(onWarning, now, {
      down: "tickets database not writable: update de-duplication is skipped; answering goes on",
      up: "tickets database writable again: update de-duplication resumed",
    });
  }

  /** PostgreSQL when `databaseUrl` is set (shared by instances), otherwise the SQLite store in `${dataDir}/tickets.sqlite`. */
  static async open({ dataDir, databaseUrl, databaseSchema, databasePoolSize, lockWaitMs, bestEffortWaitMs, ...opts }: OpenHandoffOptions): Promise<HandoffService> {
    const storeOptions: SqliteStoreOptions = {
      ...(lockWaitMs !== undefined ? { lockWaitMs } : {}),
      ...(bestEffortWaitMs !== undefined ? { bestEffortWaitMs } : {}),
    };
    if (databaseUrl) {
      // Loaded only here: an SQLite deployment never pays for the pg driver at start-up.
      const { PgHandoffStore } = await import("./pg-store.js");
      const warn = opts.onWarning;
      const store = await PgHandoffStore.open({
        url: databaseUrl,
        ...storeOptions,
        ...(databaseSchema !== undefined ? { schema: databaseSchema } : {}),
        ...(databasePoolSize !== undefined ? { poolSize: databasePoolSize } : {}),
        ...(warn ? { onIdleError: (err: Error) => warn("a PostgreSQL connection was lost while idle; the pool reconnects by itself", { error: err.message }) } : {}),
      });
      return new HandoffService(store, { sharedStore: true, ...opts });
    }
    return new HandoffService(SqliteHandoffStore.open(dataDir, storeOptions), opts);
  }

  /** Waits for listeners still running, then closes the store. */
  async shutdown(): Promise<void> {
    await this.whenListenersIdle();
    await this.store.close();
  }

  // --- events (other features subscribe in the composition root; handoff imports none of them)

  /** Called after a staff reply is stored, never inside its transaction; a listener's failure is logged and never fails the reply. */
  onTicketAnswered(listener: TicketAnsweredListener): () => void {
    this.answeredListeners.push(listener);
    return () => {
      const i = this.answeredListeners.indexOf(listener);
      if (i >= 0) this.answeredListeners.splice(i, 1);
    };
  }

  /** Resolves when no listener call is running. */
  async whenListenersIdle(): Promise<void> {
    while (this.listening.size > 0) await Promise.allSettled([...this.listening]);
  }

  /**
   * Staff replies stored after `afterEventId`, oldest first, as the events emitted for them:
   * a listener catches up on replies made by another process (npm run tickets) or before a crash.
   */
  async answersSince(afterEventId: number, limit = 100): Promise<TicketAnswered[]> {
    const events = await this.store.eventsOfKindSince("staff-reply", afterEventId, limit);
    const answers: TicketAnswered[] = [];
    for (const e of events) {
      const ticket = await this.store.ticket(e.ticketId);
      if (!ticket) continue;
      const userId = e.actor.startsWith("staff:") ? e.actor.slice("staff:".length) : e.actor;
      // The event keeps the replier's id; their name is on the ticket when they hold it.
      const displayName = ticket.staff?.userId === userId ? ticket.staff.displayName : userId;
      answers.push({ eventId: e.id, ticket, staff: { userId, displayName }, reply: e.body ?? "", at: e.at });
    }
    return answers;
  }

  private emitAnswered(event: TicketAnswered): void {
    for (const listener of this.answeredListeners) {
      const call = (async () => {
        try {
          await listener(event);
        } catch (err) {
          this.warn("a ticket-answered listener failed; it can catch up from the stored replies", {
            ticket: event.ticket.id,
            event: event.eventId,
            error: err instanceof Error ? err.message : String(err),
          });
        }
      })();
      this.listening.add(call);
      void call.finally(() => this.listening.delete(call));
    }
  }

  // --- asker side

  /** Open a ticket, unless the asker already has an open or claimed one (then that one, created: false). */
  async openTicket({ asker, question, candidates }: { asker: Asker; question: string; candidates: Citation[] }): Promise<OpenTicketResult> {
    requireText(question, "the question is empty: ask the user to type their question");
    const result = await this.store.transaction(async (tx) => {
      const active = await tx.latestActiveTicketOf(asker.chatId);
      if (active) return { ticket: active, created: false };
      const at = this.now();
      const id = await tx.insertTicket({ asker, question, candidates, at });
      await tx.appendEvent({ ticketId: id, at, kind: "opened", actor: askerActor(asker), body: null });
      const ticket = await load(tx, id);
      await this.toAsker(tx, ticket, "ticket-opened", null, at);
      await this.toStaff(tx, id, "staff-card", null, at);
      return { ticket, created: true };
    });
    if (result.created) this.metrics?.ticketOpened(asker.channel);
    return result;
  }

  /** The asker's latest open or claimed ticket: their next messages are follow-ups, not bot questions. */
  activeTicketOf(askerChatId: string): Promise<Ticket | null> {
    return this.store.latestActiveTicketOf(askerChatId);
  }

  async addFollowUp(ticketId: number, asker: Asker, text: string): Promise<Ticket> {
    requireText(text, "the follow-up is empty: nothing to forward");
    return this.store.transaction(async (tx) => {
      const ticket = await loadOwnedBy(tx, ticketId, asker);
      if (!ACTIVE_STATUSES.includes(ticket.status)) {
        throw new TicketError(
          "bad-state",
          `ticket #${ticketId} is ${ticket.status}: follow-ups go only to open or claimed tickets; open a new ticket instead`,
        );
      }
      const at = this.now();
      // Writing to the bot again means they no longer block it.
      if (ticket.askerBlocked && (await tx.setAskerBlocked(ticketId, false, at))) await this.toStaff(tx, ticketId, "card-update", null, at);
      await tx.appendEvent({ ticketId, at, kind: "follow-up", actor: askerActor(asker), body: text });
      await this.toStaff(tx, ticketId, "follow-up", text, at);
      return load(tx, ticketId);
    });
  }

  /** The asker withdraws the ticket. */
  async cancelTicket(ticketId: number, asker: Asker): Promise<Ticket> {
    return this.store.transaction(async (tx) => {
      const ticket = await loadOwnedBy(tx, ticketId, asker);
      if (ticket.status === "closed") throw new TicketError("bad-state", `ticket #${ticketId} is already closed: nothing to cancel`);
      const at = this.now();
      await tx.setClosed(ticketId, at);
      await tx.appendEvent({ ticketId, at, kind: "cancelled", actor: askerActor(asker), body: null });
      await this.toStaff(tx, ticketId, "card-update", null, at);
      return load(tx, ticketId);
    });
  }

  // --- staff side

  /** Take an open ticket. Atomic across processes: of two racing claims exactly one wins. */
  async claimTicket(ticketId: number, staff: Staff): Promise<ClaimResult> {
    return this.store.transaction(async (tx): Promise<ClaimResult> => {
      const at = this.now();
      if (await tx.claimIfOpen(ticketId, staff, at)) {
        await tx.appendEvent({ ticketId, at, kind: "claimed", actor: staffActor(staff), body: staff.displayName });
        const ticket = await load(tx, ticketId);
        await this.toAsker(tx, ticket, "ticket-claimed", null, at);
        await this.toStaff(tx, ticketId, "card-update", null, at);
        return { ok: true, ticket };
      }
      const ticket = await tx.ticket(ticketId);
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
  async replyToTicket(ticketId: number, staff: Staff, text: string): Promise<Ticket> {
    requireText(text, "the reply is empty: write the answer text");
    const { updated, eventId, at } = await this.store.transaction(async (tx) => {
      const ticket = await load(tx, ticketId);
      if (ticket.status === "closed") {
        throw new TicketError("bad-state", `ticket #${ticketId} is closed: reopen it first, then reply`);
      }
      const at = this.now();
      if (ticket.staff === null) await tx.appendEvent({ ticketId, at, kind: "claimed", actor: staffActor(staff), body: staff.displayName });
      await tx.recordReply(ticketId, staff, at);
      const eventId = await tx.appendEvent({ ticketId, at, kind: "staff-reply", actor: staffActor(staff), body: text });
      const updated = await load(tx, ticketId);
      await this.toAsker(tx, updated, "staff-reply", text, at);
      await this.toStaff(tx, ticketId, "card-update", null, at);
      return { updated, eventId, at };
    });
    this.emitAnswered({ eventId, ticket: updated, staff, reply: text, at });
    return updated;
  }

  async closeTicket(ticketId: number, actor: string): Promise<Ticket> {
    return this.store.transaction(async (tx) => {
      const ticket = await load(tx, ticketId);
      if (ticket.status === "closed") throw new TicketError("bad-state", `ticket #${ticketId} is already closed`);
      const at = this.now();
      await tx.setClosed(ticketId, at);
      await tx.appendEvent({ ticketId, at, kind: "closed", actor, body: null });
      const updated = await load(tx, ticketId);
      await this.toAsker(tx, updated, "ticket-closed", null, at);
      await this.toStaff(tx, ticketId, "card-update", null, at);
      return updated;
    });
  }

  /** Answered or closed → open and unheld again; the event history keeps everything that happened. */
  async reopenTicket(ticketId: number, actor: string): Promise<Ticket> {
    return this.store.transaction(async (tx) => {
      const ticket = await load(tx, ticketId);
      if (ticket.status !== "answered" && ticket.status !== "closed") {
        throw new TicketError("bad-state", `ticket #${ticketId} is ${ticket.status}: only answered or closed tickets can be reopened`);
      }
      const at = this.now();
      await tx.setReopened(ticketId, at);
      await tx.appendEvent({ ticketId, at, kind: "reopened", actor, body: null });
      const updated = await load(tx, ticketId);
      await this.toAsker(tx, updated, "ticket-reopened", null, at);
      await this.toStaff(tx, ticketId, "card-update", null, at);
      return updated;
    });
  }

  /**
   * Staff decided to send the ticket's failed and uncertain messages again (an uncertain one may
   * then arrive twice: that is the person's call). Returns how many were queued again.
   */
  async resendUndelivered(ticketId: number, actor: string): Promise<number> {
    return this.store.transaction(async (tx) => {
      const ticket = await load(tx, ticketId);
      const problems = (await tx.deliveriesOfTicket(ticketId)).filter((d) => PROBLEM_STATES.includes(d.state));
      if (problems.length === 0) return 0;
      const at = this.now();
      for (const d of problems) {
        await tx.transitionDelivery(d.id, { from: PROBLEM_STATES, to: "pending", at, notBefore: 0 });
      }
      // A resent message to a blocked asker fails again and flags the ticket again; until then, assume they are back.
      if (ticket.askerBlocked && problems.some((d) => !isStaffDelivery(d.kind))) await tx.setAskerBlocked(ticketId, false, at);
      await tx.appendEvent({ ticketId, at, kind: "resent", actor, body: problems.map((d) => d.kind).join(", ") });
      await this.toStaff(tx, ticketId, "card-update", null, at);
      return problems.length;
    });
  }

  /**
   * Another feature's message about a ticket for the staff chat (an FAQ candidate's card), sent
   * by the same outbox, so it goes out once. With a key it is queued at most once however often
   * it is asked for. False when there is no staff chat or the key was queued before.
   */
  async queueStaffNotice({ ticketId, kind, body, key }: { ticketId: number; kind: StaffNoticeKind; body: string; key?: string }): Promise<boolean> {
    if (this.staffChatId === null) return false;
    const staffChatId = this.staffChatId;
    return this.store.transaction(async (tx) => {
      await load(tx, ticketId);
      const id = await tx.enqueueDelivery({ ticketId, kind, channel: "telegram", chatId: staffChatId, body, at: this.now(), ...(key !== undefined ? { key } : {}) });
      return id !== null;
    });
  }

  // --- reading

  get(ticketId: number): Promise<Ticket | null> {
    return this.store.ticket(ticketId);
  }

  /** The ticket's history, oldest first (empty for an unknown ticket). */
  events(ticketId: number): Promise<TicketEvent[]> {
    return this.store.eventsOf(ticketId);
  }

  /** Oldest first, so the queue reads in the order people asked. */
  list({ status }: { status?: TicketStatus | TicketStatus[] } = {}): Promise<Ticket[]> {
    const statuses = status === undefined ? null : Array.isArray(status) ? status : [status];
    return this.store.ticketsByStatus(statuses);
  }

  /** Newest first. */
  ticketsOf(askerChatId: string): Promise<Ticket[]> {
    return this.store.ticketsOfAsker(askerChatId);
  }

  /** Every outbox row of the ticket, oldest first. */
  deliveriesOf(ticketId: number): Promise<Delivery[]> {
    return this.store.deliveriesOfTicket(ticketId);
  }

  /** The ticket's messages that failed for good or may not have arrived, oldest first. */
  async deliveryProblems(ticketId: number): Promise<Delivery[]> {
    return (await this.store.deliveriesOfTicket(ticketId)).filter((d) => PROBLEM_STATES.includes(d.state));
  }

  /**
   * Problems staff can still act on, by ticket: tickets not closed, without the failures to an
   * asker who blocked the bot (the card says so already).
   */
  async openDeliveryProblems(): Promise<Map<number, Delivery[]>> {
    const rows = await this.store.deliveriesInStates({ states: PROBLEM_STATES });
    const byTicket = new Map<number, Delivery[]>();
    const tickets = new Map<number, Ticket | null>();
    for (const d of rows) {
      if (!tickets.has(d.ticketId)) tickets.set(d.ticketId, await this.store.ticket(d.ticketId));
      const t = tickets.get(d.ticketId);
      if (!t || t.status === "closed") continue;
      if (t.askerBlocked && d.state === "failed" && !isStaffDelivery(d.kind)) continue;
      byTicket.set(d.ticketId, [...(byTicket.get(d.ticketId) ?? []), d]);
    }
    return byTicket;
  }

  // --- staff-chat message mapping

  /** Remember which ticket a staff-chat message belongs to; pass card: true for the ticket card itself. */
  async recordStaffMessage(ticketId: number, chatId: string, messageId: number, { card = false }: { card?: boolean } = {}): Promise<void> {
    await this.store.transaction(async (tx) => {
      await load(tx, ticketId);
      await tx.recordStaffMessage({ ticketId, chatId, messageId, isCard: card });
    });
  }

  /** The ticket a staff member replied to, by the replied-to message's ids (never by parsing its text). */
  async ticketForStaffMessage(chatId: string, messageId: number): Promise<Ticket | null> {
    const id = await this.store.ticketIdForStaffMessage(chatId, messageId);
    return id === null ? null : this.store.ticket(id);
  }

  /** The latest card posted for the ticket, to edit on a card-update; null if none was recorded. */
  cardMessageOf(ticketId: number): Promise<StaffMessageRef | null> {
    return this.store.cardOf(ticketId);
  }

  // --- outbox

  /** Undelivered rows waiting to be sent (not leased, past any backoff); oldest first. For inspection and tests. */
  pendingDeliveries({ limit = DEFAULT_PENDING_LIMIT, channel }: { limit?: number; channel?: Channel } = {}): Promise<Delivery[]> {
    return this.store.deliveriesInStates({ states: ["pending"], dueBy: this.now(), limit, ...(channel ? { channel } : {}) });
  }

  /**
   * Lease deliveries for `owner` to send. First, rows another sender left in "sending" past their
   * lease become uncertain (their own leased rows simply expire back into the queue).
   */
  async claimDeliveries({ owner, channel, chatId, limit = DEFAULT_PENDING_LIMIT, leaseMs = this.leaseMs }: ClaimDeliveriesRequest): Promise<Delivery[]> {
    return this.store.transaction(async (tx) => {
      const at = this.now();
      await this.settleAbandoned(tx, { owner, channel, at, expiredOnly: true });
      return tx.leaseDeliveries({ owner, channel, ...(chatId !== undefined ? { chatId } : {}), now: at, until: at + leaseMs, limit });
    });
  }

  /**
   * At start, with one process per data folder (the instance lock), every row another owner left
   * leased or sending is from a process that died: leased ones go back to the queue, sending ones
   * become uncertain (a card edit is simply repeated). Returns the rows made uncertain.
   */
  async recoverAbandoned({ owner, channel }: { owner: string; channel: Channel }): Promise<Delivery[]> {
    return this.store.transaction((tx) => this.settleAbandoned(tx, { owner, channel, at: this.now(), expiredOnly: false }));
  }

  /** Leased → sending, written before the API call. False when the lease was lost: do not send. */
  async beginSending(deliveryId: number, owner: string, leaseMs = this.leaseMs): Promise<boolean> {
    return this.store.transaction(async (tx) => {
      const at = this.now();
      return tx.transitionDelivery(deliveryId, { from: ["leased"], owner, to: "sending", at, lease: { owner, until: at + leaseMs } });
    });
  }

  /** Leased rows this owner will not send now (e.g. an earlier message to the same chat must wait) go back to the queue. */
  async releaseDeliveries(deliveryIds: readonly number[], owner: string): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.store.transaction(async (tx) => {
      const at = this.now();
      for (const id of deliveryIds) await tx.transitionDelivery(id, { from: ["leased"], owner, to: "pending", at });
    });
  }

  /** Sent: record it with the staff-chat messages it created. Marking twice is harmless. */
  async markDelivered(deliveryId: number, { staffMessages = [] }: { staffMessages?: StaffMessage[] } = {}): Promise<void> {
    await this.store.transaction(async (tx) => {
      const delivery = await loadDelivery(tx, deliveryId);
      for (const m of staffMessages) await tx.recordStaffMessage(m);
      if (delivery.state === "delivered") return;
      const at = this.now();
      await tx.transitionDelivery(deliveryId, { from: [delivery.state], to: "delivered", at, error: null });
      // It was shown to staff as a problem: take the warning off the card.
      if (PROBLEM_STATES.includes(delivery.state)) await this.toStaff(tx, delivery.ticketId, "card-update", null, at);
    });
  }

  /** Returns whether it will be retried. */
  /** Sent, perhaps: the request may have reached the transport without an answer. Not retried; staff are told (like a crash mid-send). */
  async markUncertain(deliveryId: number, error: string, { partsSent, staffMessages = [] }: { partsSent?: number; staffMessages?: StaffMessage[] } = {}): Promise<void> {
    await this.store.transaction(async (tx) => {
      const delivery = await loadDelivery(tx, deliveryId);
      for (const m of staffMessages) await tx.recordStaffMessage(m);
      if (delivery.state !== "sending" && delivery.state !== "leased") return;
      const at = this.now();
      await tx.transitionDelivery(deliveryId, { from: [delivery.state], to: "uncertain", at, attempted: true, error, ...(partsSent !== undefined ? { partsSent } : {}) });
      await this.noteProblem(tx, delivery, "uncertain", error, at);
    });
  }

  async markFailed(
    deliveryId: number,
    error: string,
    { permanent = false, askerBlocked = false, retryAfterMs, partsSent, staffMessages = [] }: MarkFailedOptions = {},
  ): Promise<{ retry: boolean }> {
    return this.store.transaction(async (tx) => {
      const delivery = await loadDelivery(tx, deliveryId);
      for (const m of staffMessages) await tx.recordStaffMessage(m);
      if (delivery.state === "delivered" || delivery.state === "failed") return { retry: false };
      const at = this.now();
      const attempts = delivery.attempts + 1;
      const giveUp = permanent || askerBlocked || attempts >= MAX_DELIVERY_ATTEMPTS;
      const common = { from: [delivery.state], at, attempted: true, error, ...(partsSent !== undefined ? { partsSent } : {}) };
      if (!giveUp) {
        await tx.transitionDelivery(deliveryId, { ...common, to: "pending", notBefore: at + (retryAfterMs ?? backoffMs(attempts)) });
        return { retry: true };
      }
      await tx.transitionDelivery(deliveryId, { ...common, to: "failed" });
      if (askerBlocked) {
        // Only the first blocked delivery flags the ticket, so staff get one card update, not one per message.
        if (await tx.setAskerBlocked(delivery.ticketId, true, at)) {
          await tx.appendEvent({ ticketId: delivery.ticketId, at, kind: "asker-blocked", actor: SYSTEM_ACTOR, body: error });
          await this.toStaff(tx, delivery.ticketId, "card-update", null, at);
        }
      } else {
        await this.noteProblem(tx, delivery, "failed", error, at);
      }
      return { retry: false };
    });
  }

  // --- askers who poll (channel "api-poll"): the poll is their transport

  /**
   * The asker's messages on a ticket after `afterId`, for an asker who polls. Like Telegram's
   * getUpdates offset: passing `afterId` confirms every message up to it, which is then recorded
   * as delivered and never returned again; the rest stay pending until a later poll confirms them.
   */
  async pollAskerMessages(ticketId: number, afterId: number): Promise<Delivery[]> {
    return this.store.transaction(async (tx) => {
      const ticket = await load(tx, ticketId);
      if (ticket.asker.channel !== "api-poll") {
        throw new TicketError("bad-state", `ticket #${ticketId} is on the ${ticket.asker.channel} channel: its messages are sent, not polled`);
      }
      const mine = (await tx.deliveriesOfTicket(ticketId)).filter((d) => d.channel === "api-poll" && d.state === "pending");
      const at = this.now();
      const waiting: Delivery[] = [];
      for (const d of mine) {
        if (d.id <= afterId) await tx.transitionDelivery(d.id, { from: ["pending"], to: "delivered", at, error: null });
        else waiting.push(d);
      }
      return waiting;
    });
  }

  // --- health and monitoring

  /** Takes the write lock and lets go: a locked, read-only or closed store says so, with what to do. */
  async checkWritable(): Promise<StoreHealth> {
    try {
      await this.store.transaction(async () => undefined);
      return { ok: true };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (isStoreFault(err)) return { ok: false, reason: err.reason, error, hint: storeFaultHint(err.reason) };
      return { ok: false, reason: "error", error, hint: "see the log for the error; check DATA_DIR and the disk" };
    }
  }

  /** Undelivered outbox rows by channel and state. */
  async outboxCounts(): Promise<OutboxCounts> {
    const counts = new Map<string, number>();
    for (const d of await this.store.deliveriesInStates({ states: OPEN_STATES })) {
      const key = `${d.channel} ${d.state}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, n]) => {
      const [channel, state] = key.split(" ") as [Channel, Exclude<DeliveryState, "delivered">];
      return { channel, state, n };
    });
  }

  /** Creation-to-first-staff-reply durations in ms, ascending. */
  firstReplyDurations(): Promise<number[]> {
    return this.store.firstReplyDurations();
  }

  // --- update dedupe (best effort: answering never waits for it) and stats

  /**
   * Claim an update before handling it (Telegram may deliver one twice): "mine" → handle it, then
   * finishUpdate; "done" / "own" → drop it; "busy" → another live instance is handling it, have
   * Telegram deliver it again later. `takeOver`: any unfinished claim of another owner is a dead
   * process's (long polling: one instance per token), taken over at once. Never throws: a store that
   * cannot be read lets the update through ("mine").
   */
  async claimUpdate(updateId: number, { takeOver = false }: { takeOver?: boolean } = {}): Promise<UpdateClaim> {
    const at = this.now();
    const seen = this.recentUpdates.get(updateId);
    if (seen !== undefined && at - seen.at < UPDATE_RETENTION_MS) return seen.done ? "done" : "own";
    if (at - this.lastUpdatePruneAt >= UPDATE_PRUNE_INTERVAL_MS) {
      this.lastUpdatePruneAt = at;
      await this.bestEffort.run("prune processed updates", () => this.store.pruneProcessedUpdates(at - UPDATE_RETENTION_MS), 0);
    }
    // Claimed before a restart or by another instance, per the store; if it cannot tell, the memory is all there is.
    const staleAfterMs = takeOver ? 0 : this.updateClaimMs;
    const verdict = await this.bestEffort.run("update de-duplication", () => this.store.claimUpdate(updateId, this.updateOwner, at, staleAfterMs), "mine" as UpdateClaim);
    // Busy: not ours; the next delivery asks the store again.
    if (verdict !== "busy") this.remember(updateId, { at, done: verdict === "done" });
    return verdict;
  }

  /** The update was handled (its failure reported included): no instance handles it again. Never throws. */
  async finishUpdate(updateId: number): Promise<void> {
    const seen = this.recentUpdates.get(updateId);
    if (seen) seen.done = true;
    await this.bestEffort.run("update de-duplication", () => this.store.finishUpdate(updateId), undefined);
  }

  private remember(updateId: number, state: { at: number; done: boolean }): void {
    this.recentUpdates.delete(updateId);
    this.recentUpdates.set(updateId, state);
    if (this.recentUpdates.size > RECENT_UPDATES) this.recentUpdates.delete(this.recentUpdates.keys().next().value as number);
  }

  async stats(): Promise<HandoffStats> {
    const stats: HandoffStats = { open: 0, claimed: 0, answered: 0, closed: 0, medianFirstReplyMs: median(await this.store.firstReplyDurations()) };
    for (const { status, n } of await this.store.statusCounts()) stats[status] = n;
    return stats;
  }

  /** Median ms from creation to the first staff reply of tickets created at or after `since`, and how many had one. */
  async firstReplyTimes(since: number): Promise<{ medianMs: number | null; replied: number }> {
    const durations = await this.store.firstReplyDurations(since);
    return { medianMs: median(durations), replied: durations.length };
  }

  // --- internals

  private async settleAbandoned(
    tx: HandoffTx,
    { owner, channel, at, expiredOnly }: { owner: string; channel: Channel; at: number; expiredOnly: boolean },
  ): Promise<Delivery[]> {
    const held = await tx.deliveriesInStates({ states: ["leased", "sending"], channel });
    const uncertain: Delivery[] = [];
    for (const d of held) {
      if (d.leaseOwner === owner) continue;
      if (expiredOnly && (d.leaseUntil ?? 0) > at) continue;
      // Guarded by the old owner too: with several instances, another may have just leased the row afresh.
      const held = { from: [d.state], ...(d.leaseOwner !== null ? { owner: d.leaseOwner } : {}), at };
      if (d.state === "leased" || isIdempotentDelivery(d.kind)) {
        await tx.transitionDelivery(d.id, { ...held, to: "pending" });
        continue;
      }
      // Telegram has no idempotency key: it may have arrived. A person decides whether to resend.
      if (await tx.transitionDelivery(d.id, { ...held, to: "uncertain", error: "interrupted while sending: it may or may not have arrived" })) {
        await this.noteProblem(tx, d, "uncertain", null, at);
        uncertain.push(d);
      }
    }
    return uncertain;
  }

  /** Record a delivery problem and tell staff: on the card, or by an alert when the card itself is what failed. */
  private async noteProblem(tx: HandoffTx, d: Delivery, state: "failed" | "uncertain", error: string | null, at: number): Promise<void> {
    await tx.appendEvent({
      ticketId: d.ticketId,
      at,
      kind: state === "failed" ? "delivery-failed" : "delivery-uncertain",
      actor: SYSTEM_ACTOR,
      body: error === null ? d.kind : `${d.kind}: ${error}`,
    });
    // Never alert about an alert, so a broken staff chat cannot loop.
    if (d.kind === "delivery-alert") return;
    if (d.kind === "staff-card" || d.kind === "card-update") await this.toStaff(tx, d.ticketId, "delivery-alert", `${state} ${d.kind}`, at);
    else await this.toStaff(tx, d.ticketId, "card-update", null, at);
  }

  private async toAsker(tx: HandoffTx, ticket: Ticket, kind: DeliveryKind, body: string | null, at: number): Promise<void> {
    await tx.enqueueDelivery({ ticketId: ticket.id, kind, channel: ticket.asker.channel, chatId: ticket.asker.chatId, body, at });
  }

  /** Staff deliveries exist only when a staff chat is configured; the Telegram side sends them. */
  private async toStaff(tx: HandoffTx, ticketId: number, kind: DeliveryKind, body: string | null, at: number): Promise<void> {
    if (this.staffChatId === null) return;
    await tx.enqueueDelivery({ ticketId, kind, channel: "telegram", chatId: this.staffChatId, body, at });
  }
}

async function load(tx: HandoffTx, ticketId: number): Promise<Ticket> {
  const ticket = await tx.ticket(ticketId);
  if (!ticket) throw new TicketError("not-found", `ticket #${ticketId} does not exist: check the number against the ticket list`);
  return ticket;
}

async function loadOwnedBy(tx: HandoffTx, ticketId: number, asker: Asker): Promise<Ticket> {
  const ticket = await load(tx, ticketId);
  if (ticket.asker.channel !== asker.channel || ticket.asker.userId !== asker.userId) {
    throw new TicketError("forbidden", `ticket #${ticketId} belongs to another user: only its own asker can change it`);
  }
  return ticket;
}

async function loadDelivery(tx: HandoffTx, deliveryId: number): Promise<Delivery> {
  const delivery = await tx.delivery(deliveryId);
  if (!delivery) throw new TicketError("not-found", `delivery ${deliveryId} does not exist: take ids from claimDeliveries()`);
  return delivery;
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
