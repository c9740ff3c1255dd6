/**
 * The PostgreSQL HandoffStore, for several instances sharing tickets and the outbox (DATABASE_URL).
 * Coordination lives in the database: a claim is a conditional UPDATE, the outbox is leased with
 * FOR UPDATE SKIP LOCKED and lease expiry, update de-duplication is a primary key, ticket numbers
 * come from a sequence. Reads of a ticket or delivery inside a transaction lock that row, so the
 * service's read-then-write steps never interleave across instances (SQLite gets the same from
 * its single writer). The schema is created by numbered migrations under an advisory lock.
 */
import type pg from "pg";
import type { Citation } from "../policy/measure.js";
import { PgDatabase, PgStoreHandle, pgText as text, pgTextOrNull as textOrNull, type PgDatabaseOptions, type Queryable } from "../store/pg/database.js";
import type {
  DeliveryFilter,
  DeliveryTransition,
  HandoffReads,
  HandoffStore,
  HandoffTx,
  LeaseRequest,
  NewDelivery,
  NewEvent,
  NewTicket,
  StaffMessage,
  UpdateClaim,
} from "./store.js";
import { rowToDelivery, rowToEvent, ticketOf, type DeliveryRow, type EventRow, type TicketRow as StoredTicketRow } from "./rows.js";
import { claimVerdict } from "./store.js";
import type { Delivery, Staff, StaffMessageRef, Ticket, TicketEvent, TicketEventKind, TicketStatus } from "./types.js";

/** Second key of pg_advisory_xact_lock for "this asker opens a ticket" (first key: hash of the chat id). */
const ASKER_LOCK_CLASS = 0x4b504b41; // "KPKA"
/** Second key of pg_advisory_xact_lock for "an event of this kind is appended" (first key: hash of the kind). */
const EVENT_KIND_LOCK_CLASS = 0x4b504b45; // "KPKE"
const LABEL = "tickets database";

export type PgStoreOptions = PgDatabaseOptions;




/** JSON and booleans come back decoded from PostgreSQL. */
type TicketRow = StoredTicketRow<Citation[], boolean>;
const rowToTicket = (row: TicketRow): Ticket => ticketOf(row, row.candidates, row.asker_blocked);



const TICKET = `SELECT * FROM tickets WHERE id = $1`;
const DELIVERY = `SELECT * FROM deliveries WHERE id = $1`;
const LATEST_ACTIVE = `SELECT * FROM tickets WHERE asker_chat_id = $1 AND status IN ('open', 'claimed') ORDER BY id DESC LIMIT 1`;

/** Reads shared by the store (on the pool) and its transactions (on their connection). */
class PgReads implements HandoffReads {
  constructor(
    protected readonly handle: PgStoreHandle,
    private readonly connection: () => Queryable | undefined,
  ) {}

  protected async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.run<R>(sql, params)).rows;
  }

  protected run<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    return this.handle.query<R>(sql, params, this.connection());
  }

  async ticket(id: number): Promise<Ticket | null> {
    const [row] = await this.rows<TicketRow>(TICKET, [id]);
    return row ? rowToTicket(row) : null;
  }

  async latestActiveTicketOf(askerChatId: string): Promise<Ticket | null> {
    const [row] = await this.rows<TicketRow>(LATEST_ACTIVE, [askerChatId]);
    return row ? rowToTicket(row) : null;
  }

  async ticketsByStatus(statuses: readonly TicketStatus[] | null): Promise<Ticket[]> {
    const rows = await this.rows<TicketRow>(`SELECT * FROM tickets WHERE $1::text[] IS NULL OR status = ANY($1::text[]) ORDER BY created_at, id`, [statuses]);
    return rows.map(rowToTicket);
  }

  async ticketsOfAsker(askerChatId: string): Promise<Ticket[]> {
    return (await this.rows<TicketRow>(`SELECT * FROM tickets WHERE asker_chat_id = $1 ORDER BY id DESC`, [askerChatId])).map(rowToTicket);
  }

  async eventsOf(ticketId: number): Promise<TicketEvent[]> {
    return (await this.rows<EventRow>(`SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticketId])).map(rowToEvent);
  }

  async eventsOfKindSince(kind: TicketEventKind, afterId: number, limit: number): Promise<TicketEvent[]> {
    const rows = await this.rows<EventRow>(`SELECT * FROM ticket_events WHERE kind = $1 AND id > $2 ORDER BY id LIMIT $3`, [kind, afterId, limit]);
    return rows.map(rowToEvent);
  }

  async ticketIdForStaffMessage(chatId: string, messageId: number): Promise<number | null> {
    const [row] = await this.rows<{ ticket_id: number }>(`SELECT ticket_id FROM staff_messages WHERE chat_id = $1 AND message_id = $2`, [chatId, messageId]);
    return row?.ticket_id ?? null;
  }

  async cardOf(ticketId: number): Promise<StaffMessageRef | null> {
    const [row] = await this.rows<{ chat_id: string; message_id: number }>(
      `SELECT chat_id, message_id FROM staff_messages WHERE ticket_id = $1 AND is_card ORDER BY id DESC LIMIT 1`,
      [ticketId],
    );
    return row ? { chatId: row.chat_id, messageId: row.message_id } : null;
  }

  async delivery(id: number): Promise<Delivery | null> {
    const [row] = await this.rows<DeliveryRow>(DELIVERY, [id]);
    return row ? rowToDelivery(row) : null;
  }

  async deliveriesOfTicket(ticketId: number): Promise<Delivery[]> {
    return (await this.rows<DeliveryRow>(`SELECT * FROM deliveries WHERE ticket_id = $1 ORDER BY id`, [ticketId])).map(rowToDelivery);
  }

  async deliveriesInStates({ states, channel, dueBy, limit }: DeliveryFilter): Promise<Delivery[]> {
    const rows = await this.rows<DeliveryRow>(
      `SELECT * FROM deliveries
       WHERE state = ANY($1::text[])
         AND ($2::text IS NULL OR channel = $2::text)
         AND ($3::bigint IS NULL OR not_before <= $3::bigint)
       ORDER BY id
       LIMIT $4::bigint`,
      [states, channel ?? null, dueBy ?? null, limit ?? null],
    );
    return rows.map(rowToDelivery);
  }

  async statusCounts(): Promise<Array<{ status: TicketStatus; n: number }>> {
    return this.rows<{ status: TicketStatus; n: number }>(`SELECT status, COUNT(*)::int AS n FROM tickets GROUP BY status`);
  }

  async firstReplyDurations(createdSince?: number): Promise<number[]> {
    const rows = await this.rows<{ ms: number }>(
      `SELECT first_reply_at - created_at AS ms FROM tickets
       WHERE first_reply_at IS NOT NULL AND ($1::bigint IS NULL OR created_at >= $1::bigint) ORDER BY ms`,
      [createdSince ?? null],
    );
    return rows.map((r) => r.ms);
  }
}

/** The statements of one transaction, on its own connection; refuses writes after the transaction ended. */
class PgTx extends PgReads implements HandoffTx {
  active = true;

  constructor(handle: PgStoreHandle, client: pg.PoolClient) {
    // After the end the connection may serve another transaction: late reads go to the pool.
    super(handle, () => (this.active ? client : undefined));
  }

  private async write<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    if (!this.active) throw new Error("store transaction already finished: write inside the transaction callback only");
    return this.run<R>(sql, params);
  }

  // Locking reads: what a transaction reads before it writes cannot change under it.
  override async ticket(id: number): Promise<Ticket | null> {
    if (!this.active) return super.ticket(id);
    const [row] = await this.rows<TicketRow>(`${TICKET} FOR NO KEY UPDATE`, [id]);
    return row ? rowToTicket(row) : null;
  }

  override async delivery(id: number): Promise<Delivery | null> {
    if (!this.active) return super.delivery(id);
    const [row] = await this.rows<DeliveryRow>(`${DELIVERY} FOR NO KEY UPDATE`, [id]);
    return row ? rowToDelivery(row) : null;
  }

  /** Also takes the asker's lock until commit, so two instances cannot both open a first ticket for one chat. */
  override async latestActiveTicketOf(askerChatId: string): Promise<Ticket | null> {
    if (this.active) await this.rows(`SELECT pg_advisory_xact_lock(hashtext($1), $2)`, [askerChatId, ASKER_LOCK_CLASS]);
    return super.latestActiveTicketOf(askerChatId);
  }

  async insertTicket(t: NewTicket): Promise<number> {
    const { rows } = await this.write<{ id: number }>(
      `INSERT INTO tickets (asker_channel, asker_chat_id, asker_user_id, asker_name, question, candidates, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::json, 'open', $7, $7)
       RETURNING id`,
      [t.asker.channel, t.asker.chatId, t.asker.userId, text(t.asker.displayName), text(t.question), JSON.stringify(t.candidates), t.at],
    );
    return rows[0]!.id;
  }

  async claimIfOpen(id: number, staff: Staff, at: number): Promise<boolean> {
    // The atomic claim: of two racing UPDATEs the second re-reads the row after the first commits and finds it claimed.
    const { rowCount } = await this.write(
      `UPDATE tickets SET status = 'claimed', staff_user_id = $2, staff_name = $3, claimed_at = $4, updated_at = $4
       WHERE id = $1 AND status = 'open'`,
      [id, staff.userId, text(staff.displayName), at],
    );
    return rowCount === 1;
  }

  async recordReply(id: number, staff: Staff, at: number): Promise<void> {
    await this.write(
      `UPDATE tickets SET
         status = 'answered',
         staff_user_id = COALESCE(staff_user_id, $2),
         staff_name = CASE WHEN staff_user_id IS NULL THEN $3 ELSE staff_name END,
         claimed_at = COALESCE(claimed_at, $4),
         first_reply_at = COALESCE(first_reply_at, $4),
         answered_at = $4,
         updated_at = $4
       WHERE id = $1`,
      [id, staff.userId, text(staff.displayName), at],
    );
  }

  async setClosed(id: number, at: number): Promise<void> {
    await this.write(`UPDATE tickets SET status = 'closed', closed_at = $2, updated_at = $2 WHERE id = $1`, [id, at]);
  }

  async setReopened(id: number, at: number): Promise<void> {
    await this.write(
      `UPDATE tickets SET status = 'open', staff_user_id = NULL, staff_name = NULL, claimed_at = NULL, closed_at = NULL, updated_at = $2 WHERE id = $1`,
      [id, at],
    );
  }

  async setAskerBlocked(id: number, blocked: boolean, at: number): Promise<boolean> {
    const { rowCount } = await this.write(`UPDATE tickets SET asker_blocked = $2, updated_at = $3 WHERE id = $1 AND asker_blocked <> $2`, [id, blocked, at]);
    return rowCount === 1;
  }

  /**
   * The kind's lock, held until commit, comes before the id: events of one kind are committed in id
   * order, so a reader catching up by id (eventsOfKindSince) never passes one still being written.
   */
  async appendEvent(e: NewEvent): Promise<number> {
    await this.write(`SELECT pg_advisory_xact_lock(hashtext($1), $2)`, [e.kind, EVENT_KIND_LOCK_CLASS]);
    const { rows } = await this.write<{ id: number }>(`INSERT INTO ticket_events (ticket_id, at, kind, actor, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      e.ticketId,
      e.at,
      e.kind,
      text(e.actor),
      textOrNull(e.body),
    ]);
    return rows[0]!.id;
  }

  async recordStaffMessage(m: StaffMessage): Promise<void> {
    await this.write(
      `INSERT INTO staff_messages (chat_id, message_id, ticket_id, is_card) VALUES ($1, $2, $3, $4)
       ON CONFLICT (chat_id, message_id) DO UPDATE SET ticket_id = excluded.ticket_id, is_card = excluded.is_card`,
      [m.chatId, m.messageId, m.ticketId, m.isCard],
    );
  }

  async enqueueDelivery(d: NewDelivery): Promise<number | null> {
    // A second insert under the same key waits for the first to commit, then adds nothing.
    const { rows } = await this.write<{ id: number }>(
      `INSERT INTO deliveries (ticket_id, kind, channel, chat_id, body, created_at, updated_at, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [d.ticketId, d.kind, d.channel, d.chatId, textOrNull(d.body), d.at, d.key === undefined ? null : text(d.key)],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Candidates (due pending rows, and leased rows whose lease expired or that this owner holds) are
   * locked with SKIP LOCKED, so instances leasing at once take different rows and never wait on each
   * other. A candidate is leased only if every earlier unfinished row of its chat is a candidate too or
   * already this owner's: a row another instance is leasing right now (skipped), holds, or that waits
   * out a backoff keeps the chat's later rows back, so a chat's messages go out in order.
   */
  async leaseDeliveries(req: LeaseRequest): Promise<Delivery[]> {
    const { rows } = await this.write<DeliveryRow>(
      `WITH candidates AS (
         SELECT d.id, d.channel, d.chat_id FROM deliveries d
         WHERE d.channel = $2::text
           AND ($3::text IS NULL OR d.chat_id = $3::text)
           AND ((d.state = 'pending' AND d.not_before <= $4::bigint)
             OR (d.state = 'leased' AND (d.lease_until <= $4::bigint OR d.lease_owner = $1::text)))
         ORDER BY d.id
         LIMIT $6::bigint
         FOR UPDATE SKIP LOCKED
       ), ready AS (
         SELECT c.id FROM candidates c
         WHERE NOT EXISTS (
           SELECT 1 FROM deliveries e
           WHERE e.channel = c.channel AND e.chat_id = c.chat_id AND e.id < c.id
             AND e.state IN ('pending', 'leased', 'sending')
             AND e.id NOT IN (SELECT id FROM candidates)
             AND NOT (e.state IN ('leased', 'sending') AND e.lease_owner = $1::text))
       )
       UPDATE deliveries SET state = 'leased', lease_owner = $1::text, lease_until = $5::bigint, updated_at = $4::bigint
       WHERE id IN (SELECT id FROM ready)
       RETURNING *`,
      [req.owner, req.channel, req.chatId ?? null, req.now, req.until, req.limit],
    );
    return rows.map(rowToDelivery).sort((a, b) => a.id - b.id);
  }

  async transitionDelivery(id: number, t: DeliveryTransition): Promise<boolean> {
    const { rowCount } = await this.write(
      `UPDATE deliveries SET
         state        = $4::text,
         lease_owner  = CASE WHEN $6::text IS NOT NULL THEN $6::text
                             WHEN $4::text IN ('leased', 'sending') THEN lease_owner ELSE NULL END,
         lease_until  = CASE WHEN $6::text IS NOT NULL THEN $7::bigint
                             WHEN $4::text IN ('leased', 'sending') THEN lease_until ELSE NULL END,
         not_before   = COALESCE($8::bigint, not_before),
         attempts     = attempts + $9::int,
         last_error   = CASE WHEN $10::boolean THEN $11::text ELSE last_error END,
         parts_sent   = COALESCE($12::int, parts_sent),
         delivered_at = CASE WHEN $4::text = 'delivered' THEN COALESCE(delivered_at, $5::bigint) ELSE delivered_at END,
         updated_at   = $5::bigint
       WHERE id = $1 AND state = ANY($2::text[]) AND ($3::text IS NULL OR lease_owner = $3::text)`,
      [
        id,
        t.from,
        t.owner ?? null,
        t.to,
        t.at,
        t.lease?.owner ?? null,
        t.lease?.until ?? null,
        t.notBefore ?? null,
        t.attempted ? 1 : 0,
        t.error !== undefined,
        t.error === undefined || t.error === null ? null : text(t.error),
        t.partsSent ?? null,
      ],
    );
    return rowCount === 1;
  }
}

export class PgHandoffStore extends PgReads implements HandoffStore {
  /** On a share of `db`, released by close(). */
  constructor(db: PgDatabase) {
    super(new PgStoreHandle(db, LABEL), () => undefined);
  }

  /** Connect (a database of its own), and create or update the schema (migrations under an advisory lock). */
  static async open(options: PgStoreOptions): Promise<PgHandoffStore> {
    return new PgHandoffStore(await PgDatabase.open(options, LABEL));
  }

  transaction<T>(fn: (tx: HandoffTx) => Promise<T>): Promise<T> {
    return this.handle.transaction(async (client) => {
      const tx = new PgTx(this.handle, client);
      try {
        return await fn(tx);
      } finally {
        tx.active = false;
      }
    });
  }

  async claimUpdate(updateId: number, owner: string, now: number, staleAfterMs: number): Promise<UpdateClaim> {
    const inserted = await this.handle.quickQuery(
      `INSERT INTO processed_updates (update_id, at, owner, claimed_at, done) VALUES ($1, $2, $3, $2, false) ON CONFLICT (update_id) DO NOTHING`,
      [updateId, now, owner],
    );
    if (inserted.rowCount === 1) return "mine";
    // Of two instances taking over the same stale claim, the second re-checks claimed_at after the first commits: one wins.
    const taken = await this.handle.quickQuery(
      `UPDATE processed_updates SET owner = $2, claimed_at = $3
       WHERE update_id = $1 AND NOT done AND owner <> $2 AND claimed_at <= $4 RETURNING update_id`,
      [updateId, owner, now, now - staleAfterMs],
    );
    if (taken.rowCount === 1) return "mine";
    const { rows } = await this.handle.quickQuery<{ owner: string; done: boolean }>(`SELECT owner, done FROM processed_updates WHERE update_id = $1`, [updateId]);
    return rows[0] ? claimVerdict(rows[0].done, rows[0].owner, owner) : "mine";
  }

  async finishUpdate(updateId: number): Promise<void> {
    await this.handle.quickQuery(`UPDATE processed_updates SET done = true WHERE update_id = $1`, [updateId]);
  }

  async pruneProcessedUpdates(olderThan: number): Promise<number> {
    return (await this.handle.quickQuery(`DELETE FROM processed_updates WHERE at < $1`, [olderThan])).rowCount ?? 0;
  }

  /** Stops new work; the pools end (waiting for connections in use) when no other store shares them. */
  close(): Promise<void> {
    return this.handle.close();
  }
}
