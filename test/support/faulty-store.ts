/**
 * A HandoffStore that fails its writes on demand the way its driver does when the disk is full or a
 * lock is held (the real store's own error mapping turns the driver error into the store fault),
 * and passes everything else to a real store, SQLite or PostgreSQL. For machines where a small
 * tmpfs cannot be mounted, and for a PostgreSQL server whose disk cannot be filled in a test.
 */
import type { DeliveryFilter, HandoffStore, HandoffTx, UpdateClaim } from "../../src/handoff/store.js";
import type { Delivery, StaffMessageRef, Ticket, TicketEvent, TicketEventKind, TicketStatus } from "../../src/handoff/types.js";
import { sqliteFaultError, type InjectedFault } from "./store-backends.js";

export class FaultyStore implements HandoffStore {
  /** While set, every write (transactions and best-effort writes) fails with this. */
  fault: InjectedFault | null = null;
  /** Write attempts refused so far. */
  refused = 0;

  /** `driverError`: the inner store's backend's error for a fault (SQLite's by default; a TestStorage's faultError). */
  constructor(
    private readonly inner: HandoffStore,
    private readonly driverError: (fault: InjectedFault) => unknown = sqliteFaultError,
  ) {}

  private async check(): Promise<void> {
    if (this.fault === null) return;
    this.refused++;
    throw this.driverError(this.fault);
  }

  async transaction<T>(fn: (tx: HandoffTx) => Promise<T>): Promise<T> {
    await this.check();
    return this.inner.transaction(fn);
  }
  async claimUpdate(updateId: number, owner: string, now: number, staleAfterMs: number): Promise<UpdateClaim> {
    await this.check();
    return this.inner.claimUpdate(updateId, owner, now, staleAfterMs);
  }
  async finishUpdate(updateId: number): Promise<void> {
    await this.check();
    return this.inner.finishUpdate(updateId);
  }
  async pruneProcessedUpdates(olderThan: number): Promise<number> {
    await this.check();
    return this.inner.pruneProcessedUpdates(olderThan);
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  // Reads work on a full disk and under a held lock (WAL; PostgreSQL's MVCC).
  ticket(id: number): Promise<Ticket | null> {
    return this.inner.ticket(id);
  }
  latestActiveTicketOf(askerChatId: string): Promise<Ticket | null> {
    return this.inner.latestActiveTicketOf(askerChatId);
  }
  ticketsByStatus(statuses: readonly TicketStatus[] | null): Promise<Ticket[]> {
    return this.inner.ticketsByStatus(statuses);
  }
  ticketsOfAsker(askerChatId: string): Promise<Ticket[]> {
    return this.inner.ticketsOfAsker(askerChatId);
  }
  eventsOf(ticketId: number): Promise<TicketEvent[]> {
    return this.inner.eventsOf(ticketId);
  }
  eventsOfKindSince(kind: TicketEventKind, afterId: number, limit: number): Promise<TicketEvent[]> {
    return this.inner.eventsOfKindSince(kind, afterId, limit);
  }
  ticketIdForStaffMessage(chatId: string, messageId: number): Promise<number | null> {
    return this.inner.ticketIdForStaffMessage(chatId, messageId);
  }
  cardOf(ticketId: number): Promise<StaffMessageRef | null> {
    return this.inner.cardOf(ticketId);
  }
  delivery(id: number): Promise<Delivery | null> {
    return this.inner.delivery(id);
  }
  deliveriesOfTicket(ticketId: number): Promise<Delivery[]> {
    return this.inner.deliveriesOfTicket(ticketId);
  }
  deliveriesInStates(filter: DeliveryFilter): Promise<Delivery[]> {
    return this.inner.deliveriesInStates(filter);
  }
  statusCounts(): Promise<Array<{ status: TicketStatus; n: number }>> {
    return this.inner.statusCounts();
  }
  firstReplyDurations(createdSince?: number): Promise<number[]> {
    return this.inner.firstReplyDurations(createdSince);
  }
}
