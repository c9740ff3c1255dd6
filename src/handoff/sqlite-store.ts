import type Database from "better-sqlite3";
import type { Citation } from "../policy/measure.js";
import { CommitBatch } from "../store/commit-batch.js";
import { SqliteDatabase, toStoreError as mapStoreError, type SqliteStoreOptions } from "../store/sqlite.js";
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

export type { SqliteStoreOptions };

/** The SQLite file under Config.dataDir that holds tickets, the outbox and dedupe state. */
export const TICKETS_DB_FILE = "tickets.sqlite";
const LABEL = "tickets database";

/** Schema versions, applied in order; PRAGMA user_version records how many have run. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tickets (
    id             INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: a ticket number is never reused
    asker_channel  TEXT    NOT NULL CHECK (asker_channel IN ('telegram', 'terminal')),
    asker_chat_id  TEXT    NOT NULL,
    asker_user_id  TEXT    NOT NULL,
    asker_name     TEXT    NOT NULL,
    question       TEXT    NOT NULL,
    candidates     TEXT    NOT NULL DEFAULT '[]', -- JSON Citation[]
    status         TEXT    NOT NULL CHECK (status IN ('open', 'claimed', 'answered', 'closed')),
    staff_user_id  TEXT,
    staff_name     TEXT,
    asker_blocked  INTEGER NOT NULL DEFAULT 0 CHECK (asker_blocked IN (0, 1)),
    created_at     INTEGER NOT NULL,
    claimed_at     INTEGER,
    first_reply_at INTEGER,
    answered_at    INTEGER,
    closed_at      INTEGER,
    updated_at     INTEGER NOT NULL
  );
  CREATE INDEX tickets_by_asker  ON tickets (asker_chat_id, id);
  CREATE INDEX tickets_by_status ON tickets (status, created_at, id);

  CREATE TABLE ticket_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    at        INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    body      TEXT
  );
  CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);
  -- The history is an audit trail: refuse any rewrite, whoever issues it.
  CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
  CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

  CREATE TABLE staff_messages (
    chat_id    TEXT    NOT NULL,
    message_id INTEGER NOT NULL,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    is_card    INTEGER NOT NULL DEFAULT 0 CHECK (is_card IN (0, 1)),
    PRIMARY KEY (chat_id, message_id)
  );
  CREATE INDEX staff_messages_by_ticket ON staff_messages (ticket_id, is_card);

  CREATE TABLE deliveries (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id          INTEGER NOT NULL REFERENCES tickets (id),
    kind               TEXT    NOT NULL,
    channel            TEXT    NOT NULL CHECK (channel IN ('telegram', 'terminal')), -- which transport sends it
    chat_id            TEXT    NOT NULL,
    body               TEXT,
    created_at         INTEGER NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    not_before         INTEGER NOT NULL DEFAULT 0, -- retry backoff after a failure
    delivered_at       INTEGER,
    failed_permanently INTEGER NOT NULL DEFAULT 0 CHECK (failed_permanently IN (0, 1))
  );
  CREATE INDEX deliveries_pending ON deliveries (channel, id)
    WHERE delivered_at IS NULL AND failed_permanently = 0;

  CREATE TABLE processed_updates (
    update_id INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL
  );
  CREATE INDEX processed_updates_by_at ON processed_updates (at);

  CREATE TABLE answer_outcomes (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    outcome TEXT    NOT NULL CHECK (outcome IN ('answered', 'handoff', 'smalltalk'))
  );
  `,
  // 2: the outbox as a state machine with leases, so a message Telegram accepted is never sent again.
  `
  CREATE TABLE deliveries_v2 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id    INTEGER NOT NULL REFERENCES tickets (id),
    kind         TEXT    NOT NULL,
    channel      TEXT    NOT NULL CHECK (channel IN ('telegram', 'terminal')),
    chat_id      TEXT    NOT NULL,
    body         TEXT,
    created_at   INTEGER NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'leased', 'sending', 'delivered', 'failed', 'uncertain')),
    lease_owner  TEXT,
    lease_until  INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    parts_sent   INTEGER NOT NULL DEFAULT 0, -- messages of a multi-message delivery already sent
    last_error   TEXT,
    not_before   INTEGER NOT NULL DEFAULT 0,
    delivered_at INTEGER,
    updated_at   INTEGER NOT NULL,
    -- A lease exactly while leased or sending.
    CHECK ((state IN ('leased', 'sending')) = (lease_owner IS NOT NULL AND lease_until IS NOT NULL))
  );
  INSERT INTO deliveries_v2 (id, ticket_id, kind, channel, chat_id, body, created_at, state, attempts, last_error, not_before, delivered_at, updated_at)
    SELECT id, ticket_id, kind, channel, chat_id, body, created_at,
           CASE WHEN delivered_at IS NOT NULL THEN 'delivered' WHEN failed_permanently = 1 THEN 'failed' ELSE 'pending' END,
           attempts, last_error, not_before, delivered_at, COALESCE(delivered_at, created_at)
    FROM deliveries;
  DROP TABLE deliveries;
  ALTER TABLE deliveries_v2 RENAME TO deliveries;
  CREATE INDEX deliveries_by_state  ON deliveries (state, channel, id);
  CREATE INDEX deliveries_by_chat   ON deliveries (channel, chat_id, state, id);
  CREATE INDEX deliveries_by_ticket ON deliveries (ticket_id, id);
  `,
  // 3: a message another feature asks for (an FAQ candidate's card) is queued at most once per key.
  //    answer_outcomes is no longer written (the question log replaced it) but kept: nothing is lost.
  `
  ALTER TABLE deliveries ADD COLUMN dedupe_key TEXT;
  CREATE UNIQUE INDEX deliveries_by_key ON deliveries (dedupe_key) WHERE dedupe_key IS NOT NULL;
  CREATE INDEX ticket_events_by_kind ON ticket_events (kind, id);
  `,
  // 4: askers over the HTTP API ('api': replies POSTed to a callback; 'api-poll': collected by polling).
  // SQLite cannot change a CHECK in place: both tables are rebuilt (foreign keys are off while migrating).
  `
  CREATE TABLE tickets_v4 (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    asker_channel  TEXT    NOT NULL CHECK (asker_channel IN ('telegram', 'terminal', 'api', 'api-poll')),
    asker_chat_id  TEXT    NOT NULL,
    asker_user_id  TEXT    NOT NULL,
    asker_name     TEXT    NOT NULL,
    question       TEXT    NOT NULL,
    candidates     TEXT    NOT NULL DEFAULT '[]',
    status         TEXT    NOT NULL CHECK (status IN ('open', 'claimed', 'answered', 'closed')),
    staff_user_id  TEXT,
    staff_name     TEXT,
    asker_blocked  INTEGER NOT NULL DEFAULT 0 CHECK (asker_blocked IN (0, 1)),
    created_at     INTEGER NOT NULL,
    claimed_at     INTEGER,
    first_reply_at INTEGER,
    answered_at    INTEGER,
    closed_at      INTEGER,
    updated_at     INTEGER NOT NULL
  );
  INSERT INTO tickets_v4 SELECT id, asker_channel, asker_chat_id, asker_user_id, asker_name, question, candidates, status,
    staff_user_id, staff_name, asker_blocked, created_at, claimed_at, first_reply_at, answered_at, closed_at, updated_at FROM tickets;
  -- A ticket number is never reused: carry the counter over, not just the highest id.
  UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'tickets') WHERE name = 'tickets_v4';
  DROP TABLE tickets;
  ALTER TABLE tickets_v4 RENAME TO tickets;
  CREATE INDEX tickets_by_asker  ON tickets (asker_chat_id, id);
  CREATE INDEX tickets_by_status ON tickets (status, created_at, id);

  CREATE TABLE deliveries_v4 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id    INTEGER NOT NULL REFERENCES tickets (id),
    kind         TEXT    NOT NULL,
    channel      TEXT    NOT NULL CHECK (channel IN ('telegram', 'terminal', 'api', 'api-poll')),
    chat_id      TEXT    NOT NULL,
    body         TEXT,
    created_at   INTEGER NOT NULL,
    state        TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'leased', 'sending', 'delivered', 'failed', 'uncertain')),
    lease_owner  TEXT,
    lease_until  INTEGER,
    attempts     INTEGER NOT NULL DEFAULT 0,
    parts_sent   INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    not_before   INTEGER NOT NULL DEFAULT 0,
    delivered_at INTEGER,
    updated_at   INTEGER NOT NULL,
    dedupe_key   TEXT,
    CHECK ((state IN ('leased', 'sending')) = (lease_owner IS NOT NULL AND lease_until IS NOT NULL))
  );
  INSERT INTO deliveries_v4 SELECT id, ticket_id, kind, channel, chat_id, body, created_at, state, lease_owner, lease_until,
    attempts, parts_sent, last_error, not_before, delivered_at, updated_at, dedupe_key FROM deliveries;
  UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'deliveries') WHERE name = 'deliveries_v4';
  DROP TABLE deliveries;
  ALTER TABLE deliveries_v4 RENAME TO deliveries;
  CREATE INDEX deliveries_by_state  ON deliveries (state, channel, id);
  CREATE INDEX deliveries_by_chat   ON deliveries (channel, chat_id, state, id);
  CREATE INDEX deliveries_by_ticket ON deliveries (ticket_id, id);
  CREATE UNIQUE INDEX deliveries_by_key ON deliveries (dedupe_key) WHERE dedupe_key IS NOT NULL;
  `,
  // 5: an update is claimed by the process handling it and marked done after, so one a killed process
  //    had taken is handled by another once the claim is stale. Rows from before were handled: done.
  `
  ALTER TABLE processed_updates ADD COLUMN owner TEXT NOT NULL DEFAULT '';
  ALTER TABLE processed_updates ADD COLUMN claimed_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE processed_updates ADD COLUMN done INTEGER NOT NULL DEFAULT 1 CHECK (done IN (0, 1));
  UPDATE processed_updates SET claimed_at = at;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;




/** SQLite keeps the candidates as JSON text and the flag as 0 or 1. */
type TicketRow = StoredTicketRow<string, number> & { updated_at: number };
const rowToTicket = (row: TicketRow): Ticket => ticketOf(row, JSON.parse(row.candidates) as Citation[], row.asker_blocked === 1);



/** better-sqlite3's error codes → the store's fault reasons (tickets database wording). */
export const toStoreError = (err: unknown): unknown => mapStoreError(err, LABEL);

type Statements = ReturnType<typeof prepareStatements>;

/** Reads shared by the store and its transactions. */
class SqliteReads implements HandoffReads {
  constructor(
    protected readonly sqlite: SqliteDatabase,
    protected readonly sql: Statements,
  ) {}

  protected call<T>(fn: () => T): Promise<T> {
    return this.sqlite.call(fn);
  }

  ticket(id: number): Promise<Ticket | null> {
    return this.call(() => {
      const row = this.sql.ticket.get(id);
      return row ? rowToTicket(row) : null;
    });
  }

  latestActiveTicketOf(askerChatId: string): Promise<Ticket | null> {
    return this.call(() => {
      const row = this.sql.latestActive.get(askerChatId);
      return row ? rowToTicket(row) : null;
    });
  }

  ticketsByStatus(statuses: readonly TicketStatus[] | null): Promise<Ticket[]> {
    return this.call(() => this.sql.byStatus.all({ statuses: statuses === null ? null : JSON.stringify(statuses) }).map(rowToTicket));
  }

  ticketsOfAsker(askerChatId: string): Promise<Ticket[]> {
    return this.call(() => this.sql.ofAsker.all(askerChatId).map(rowToTicket));
  }

  eventsOf(ticketId: number): Promise<TicketEvent[]> {
    return this.call(() => this.sql.eventsOf.all(ticketId).map(rowToEvent));
  }

  eventsOfKindSince(kind: TicketEventKind, afterId: number, limit: number): Promise<TicketEvent[]> {
    return this.call(() => this.sql.eventsOfKindSince.all({ kind, afterId, limit }).map(rowToEvent));
  }

  ticketIdForStaffMessage(chatId: string, messageId: number): Promise<number | null> {
    return this.call(() => this.sql.ticketForStaffMessage.get(chatId, messageId)?.ticket_id ?? null);
  }

  cardOf(ticketId: number): Promise<StaffMessageRef | null> {
    return this.call(() => {
      const row = this.sql.cardOf.get(ticketId);
      return row ? { chatId: row.chat_id, messageId: row.message_id } : null;
    });
  }

  delivery(id: number): Promise<Delivery | null> {
    return this.call(() => {
      const row = this.sql.delivery.get(id);
      return row ? rowToDelivery(row) : null;
    });
  }

  deliveriesOfTicket(ticketId: number): Promise<Delivery[]> {
    return this.call(() => this.sql.deliveriesOfTicket.all(ticketId).map(rowToDelivery));
  }

  deliveriesInStates({ states, channel, dueBy, limit }: DeliveryFilter): Promise<Delivery[]> {
    return this.call(() =>
      this.sql.deliveriesInStates
        .all({ states: JSON.stringify(states), channel: channel ?? null, dueBy: dueBy ?? null, limit: limit ?? -1 })
        .map(rowToDelivery),
    );
  }

  statusCounts(): Promise<Array<{ status: TicketStatus; n: number }>> {
    return this.call(() => this.sql.statusCounts.all() as Array<{ status: TicketStatus; n: number }>);
  }

  firstReplyDurations(createdSince?: number): Promise<number[]> {
    return this.call(() => this.sql.firstReplyDurations.all({ since: createdSince ?? null }).map((r) => r.ms));
  }
}

/** The writes of one open transaction; refuses use after the transaction ended. */
class SqliteTx extends SqliteReads implements HandoffTx {
  constructor(
    sqlite: SqliteDatabase,
    sql: Statements,
    private readonly isActive: () => boolean,
  ) {
    super(sqlite, sql);
  }

  private write<T>(fn: () => T): Promise<T> {
    if (!this.isActive()) return Promise.reject(new Error("store transaction already finished: write inside the transaction callback only"));
    return this.call(fn);
  }

  insertTicket(t: NewTicket): Promise<number> {
    return this.write(() => {
      const info = this.sql.insertTicket.run({
        channel: t.asker.channel,
        chatId: t.asker.chatId,
        userId: t.asker.userId,
        name: t.asker.displayName,
        question: t.question,
        candidates: JSON.stringify(t.candidates),
        at: t.at,
      });
      return Number(info.lastInsertRowid);
    });
  }

  claimIfOpen(id: number, staff: Staff, at: number): Promise<boolean> {
    return this.write(() => this.sql.claimIfOpen.run({ id, userId: staff.userId, name: staff.displayName, at }).changes === 1);
  }

  recordReply(id: number, staff: Staff, at: number): Promise<void> {
    return this.write(() => void this.sql.recordReply.run({ id, userId: staff.userId, name: staff.displayName, at }));
  }

  setClosed(id: number, at: number): Promise<void> {
    return this.write(() => void this.sql.setClosed.run({ id, at }));
  }

  setReopened(id: number, at: number): Promise<void> {
    return this.write(() => void this.sql.setReopened.run({ id, at }));
  }

  setAskerBlocked(id: number, blocked: boolean, at: number): Promise<boolean> {
    return this.write(() => this.sql.setAskerBlocked.run({ id, blocked: blocked ? 1 : 0, at }).changes === 1);
  }

  appendEvent(e: NewEvent): Promise<number> {
    return this.write(() => Number(this.sql.appendEvent.run({ ...e }).lastInsertRowid));
  }

  recordStaffMessage(m: StaffMessage): Promise<void> {
    return this.write(
      () => void this.sql.recordStaffMessage.run({ ticketId: m.ticketId, chatId: m.chatId, messageId: m.messageId, isCard: m.isCard ? 1 : 0 }),
    );
  }

  enqueueDelivery(d: NewDelivery): Promise<number | null> {
    return this.write(() => {
      const { key, ...row } = d;
      const info = this.sql.enqueue.run({ ...row, key: key ?? null });
      return info.changes === 1 ? Number(info.lastInsertRowid) : null;
    });
  }

  leaseDeliveries(req: LeaseRequest): Promise<Delivery[]> {
    return this.write(() =>
      this.sql.lease
        .all({ owner: req.owner, channel: req.channel, chatId: req.chatId ?? null, now: req.now, until: req.until, limit: req.limit })
        .map(rowToDelivery)
        .sort((a, b) => a.id - b.id),
    );
  }

  transitionDelivery(id: number, t: DeliveryTransition): Promise<boolean> {
    return this.write(
      () =>
        this.sql.transition.run({
          id,
          from: JSON.stringify(t.from),
          owner: t.owner ?? null,
          to: t.to,
          at: t.at,
          leaseOwner: t.lease?.owner ?? null,
          leaseUntil: t.lease?.until ?? null,
          notBefore: t.notBefore ?? null,
          attempted: t.attempted ? 1 : 0,
          setError: t.error === undefined ? 0 : 1,
          error: t.error ?? null,
          partsSent: t.partsSent ?? null,
        }).changes === 1,
    );
  }
}

/**
 * The SQLite HandoffStore: one file under DATA_DIR, WAL, a main connection for reads and
 * transactions (serialized in-process, BEGIN IMMEDIATE, waits for another process's lock
 * asynchronously) and a second connection with a short busy timeout for best-effort writes.
 * Update claims, and finished updates, of one turn of the event loop share a commit (each call still
 * resolves only once its row is committed): Telegram's updates come in bursts.
 */
export class SqliteHandoffStore extends SqliteReads implements HandoffStore {
  private readonly claims: CommitBatch<ClaimRequest, UpdateClaim>;
  private readonly finishes: CommitBatch<number>;

  private constructor(
    sqlite: SqliteDatabase,
    private readonly bestEffortSql: ReturnType<typeof prepareBestEffort>,
  ) {
    super(sqlite, prepareStatements(sqlite.db));
    this.claims = inOneCommit(sqlite.bestEffort, (c) => claimOne(bestEffortSql, c));
    this.finishes = inOneCommit<number, void>(sqlite.bestEffort, (id) => {
      bestEffortSql.finishUpdate.run(id);
    });
  }

  /** The main connection (tests inspect pragmas through it). */
  get db(): Database.Database {
    return this.sqlite.db;
  }

  /** Open (creating the directory and schema as needed) `${dataDir}/tickets.sqlite`. */
  static open(dataDir: string, options: SqliteStoreOptions = {}): SqliteHandoffStore {
    const sqlite = SqliteDatabase.open(dataDir, { file: TICKETS_DB_FILE, label: LABEL, migrations: MIGRATIONS }, options);
    return new SqliteHandoffStore(sqlite, prepareBestEffort(sqlite.bestEffort));
  }

  transaction<T>(fn: (tx: HandoffTx) => Promise<T>): Promise<T> {
    return this.sqlite.transaction((isActive) => fn(new SqliteTx(this.sqlite, this.sql, isActive)));
  }

  claimUpdate(updateId: number, owner: string, now: number, staleAfterMs: number): Promise<UpdateClaim> {
    return this.claims.add({ updateId, owner, now, staleAfterMs });
  }

  finishUpdate(updateId: number): Promise<void> {
    return this.finishes.add(updateId);
  }

  pruneProcessedUpdates(olderThan: number): Promise<number> {
    return this.call(() => this.bestEffortSql.pruneUpdates.run(olderThan).changes);
  }

  /** Commits the claims and finished updates waiting, waits for a transaction in progress, then closes both connections. */
  close(): Promise<void> {
    this.claims.flush();
    this.finishes.flush();
    return this.sqlite.close();
  }
}

interface ClaimRequest {
  updateId: number;
  owner: string;
  now: number;
  staleAfterMs: number;
}

function claimOne(q: ReturnType<typeof prepareBestEffort>, { updateId, owner, now, staleAfterMs }: ClaimRequest): UpdateClaim {
  // Each statement is atomic; the same steps as on PostgreSQL.
  if (q.insertClaim.run({ updateId, owner, now }).changes === 1) return "mine";
  if (q.takeOverClaim.run({ updateId, owner, now, stale: now - staleAfterMs }).changes === 1) return "mine";
  const row = q.claimOf.get(updateId);
  return row ? claimVerdict(row.done === 1, row.owner, owner) : "mine";
}

/** Best-effort writes on `db` batched per turn of the event loop: one alone as before, several in one IMMEDIATE transaction, in order. */
function inOneCommit<T, R>(db: Database.Database, write: (item: T) => R): CommitBatch<T, R> {
  const all = db.transaction((items: T[]) => items.map(write));
  return new CommitBatch<T, R>((items) => {
    try {
      return items.length === 1 ? [write(items[0]!)] : all.immediate(items);
    } catch (err) {
      throw toStoreError(err);
    }
  });
}

function prepareBestEffort(db: Database.Database) {
  return {
    insertClaim: db.prepare<{ updateId: number; owner: string; now: number }, never>(
      `INSERT OR IGNORE INTO processed_updates (update_id, at, owner, claimed_at, done) VALUES (@updateId, @now, @owner, @now, 0)`,
    ),
    takeOverClaim: db.prepare<{ updateId: number; owner: string; now: number; stale: number }, never>(
      `UPDATE processed_updates SET owner = @owner, claimed_at = @now
       WHERE update_id = @updateId AND done = 0 AND owner <> @owner AND claimed_at <= @stale`,
    ),
    claimOf: db.prepare<[number], { owner: string; done: number }>(`SELECT owner, done FROM processed_updates WHERE update_id = ?`),
    finishUpdate: db.prepare<[number], never>(`UPDATE processed_updates SET done = 1 WHERE update_id = ?`),
    pruneUpdates: db.prepare<[number], never>(`DELETE FROM processed_updates WHERE at < ?`),
  };
}

function prepareStatements(db: Database.Database) {
  return {
    insertTicket: db.prepare<
      { channel: string; chatId: string; userId: string; name: string; question: string; candidates: string; at: number },
      never
    >(
      `INSERT INTO tickets (asker_channel, asker_chat_id, asker_user_id, asker_name, question, candidates, status, created_at, updated_at)
       VALUES (@channel, @chatId, @userId, @name, @question, @candidates, 'open', @at, @at)`,
    ),
    ticket: db.prepare<[number], TicketRow>(`SELECT * FROM tickets WHERE id = ?`),
    latestActive: db.prepare<[string], TicketRow>(
      `SELECT * FROM tickets WHERE asker_chat_id = ? AND status IN ('open', 'claimed') ORDER BY id DESC LIMIT 1`,
    ),
    byStatus: db.prepare<{ statuses: string | null }, TicketRow>(
      `SELECT * FROM tickets
       WHERE @statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses))
       ORDER BY created_at, id`,
    ),
    ofAsker: db.prepare<[string], TicketRow>(`SELECT * FROM tickets WHERE asker_chat_id = ? ORDER BY id DESC`),
    claimIfOpen: db.prepare<{ id: number; userId: string; name: string; at: number }, never>(
      `UPDATE tickets SET status = 'claimed', staff_user_id = @userId, staff_name = @name, claimed_at = @at, updated_at = @at
       WHERE id = @id AND status = 'open'`,
    ),
    recordReply: db.prepare<{ id: number; userId: string; name: string; at: number }, never>(
      `UPDATE tickets SET
         status = 'answered',
         staff_user_id = COALESCE(staff_user_id, @userId),
         staff_name = CASE WHEN staff_user_id IS NULL THEN @name ELSE staff_name END,
         claimed_at = COALESCE(claimed_at, @at),
         first_reply_at = COALESCE(first_reply_at, @at),
         answered_at = @at,
         updated_at = @at
       WHERE id = @id`,
    ),
    setClosed: db.prepare<{ id: number; at: number }, never>(
      `UPDATE tickets SET status = 'closed', closed_at = @at, updated_at = @at WHERE id = @id`,
    ),
    setReopened: db.prepare<{ id: number; at: number }, never>(
      `UPDATE tickets SET status = 'open', staff_user_id = NULL, staff_name = NULL, claimed_at = NULL, closed_at = NULL, updated_at = @at
       WHERE id = @id`,
    ),
    setAskerBlocked: db.prepare<{ id: number; blocked: number; at: number }, never>(
      `UPDATE tickets SET asker_blocked = @blocked, updated_at = @at WHERE id = @id AND asker_blocked <> @blocked`,
    ),
    appendEvent: db.prepare<{ ticketId: number; at: number; kind: string; actor: string; body: string | null }, never>(
      `INSERT INTO ticket_events (ticket_id, at, kind, actor, body) VALUES (@ticketId, @at, @kind, @actor, @body)`,
    ),
    eventsOf: db.prepare<[number], EventRow>(`SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id`),
    eventsOfKindSince: db.prepare<{ kind: string; afterId: number; limit: number }, EventRow>(
      `SELECT * FROM ticket_events WHERE kind = @kind AND id > @afterId ORDER BY id LIMIT @limit`,
    ),
    recordStaffMessage: db.prepare<{ ticketId: number; chatId: string; messageId: number; isCard: number }, never>(
      `INSERT INTO staff_messages (chat_id, message_id, ticket_id, is_card) VALUES (@chatId, @messageId, @ticketId, @isCard)
       ON CONFLICT (chat_id, message_id) DO UPDATE SET ticket_id = excluded.ticket_id, is_card = excluded.is_card`,
    ),
    ticketForStaffMessage: db.prepare<[string, number], { ticket_id: number }>(
      `SELECT ticket_id FROM staff_messages WHERE chat_id = ? AND message_id = ?`,
    ),
    cardOf: db.prepare<[number], { chat_id: string; message_id: number }>(
      `SELECT chat_id, message_id FROM staff_messages WHERE ticket_id = ? AND is_card = 1 ORDER BY rowid DESC LIMIT 1`,
    ),
    enqueue: db.prepare<{ ticketId: number; kind: string; channel: string; chatId: string; body: string | null; at: number; key: string | null }, never>(
      `INSERT INTO deliveries (ticket_id, kind, channel, chat_id, body, created_at, updated_at, dedupe_key)
       VALUES (@ticketId, @kind, @channel, @chatId, @body, @at, @at, @key)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
    ),
    delivery: db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE id = ?`),
    deliveriesOfTicket: db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE ticket_id = ? ORDER BY id`),
    deliveriesInStates: db.prepare<{ states: string; channel: string | null; dueBy: number | null; limit: number }, DeliveryRow>(
      `SELECT * FROM deliveries
       WHERE state IN (SELECT value FROM json_each(@states))
         AND (@channel IS NULL OR channel = @channel)
         AND (@dueBy IS NULL OR not_before <= @dueBy)
       ORDER BY id
       LIMIT @limit`,
    ),
    lease: db.prepare<{ owner: string; channel: string; chatId: string | null; now: number; until: number; limit: number }, DeliveryRow>(
      `UPDATE deliveries SET state = 'leased', lease_owner = @owner, lease_until = @until, updated_at = @now
       WHERE id IN (
         SELECT d.id FROM deliveries d
         WHERE d.channel = @channel
           AND (@chatId IS NULL OR d.chat_id = @chatId)
           AND ((d.state = 'pending' AND d.not_before <= @now)
             OR (d.state = 'leased' AND (d.lease_until <= @now OR d.lease_owner = @owner)))
           -- in order per chat: not past an earlier message that waits out a backoff or that another sender holds
           AND NOT EXISTS (SELECT 1 FROM deliveries e
                           WHERE e.channel = d.channel AND e.chat_id = d.chat_id AND e.state = 'pending'
                             AND e.id < d.id AND e.not_before > @now)
           AND NOT EXISTS (SELECT 1 FROM deliveries e
                           WHERE e.channel = d.channel AND e.chat_id = d.chat_id AND e.state IN ('leased', 'sending')
                             AND e.id < d.id AND e.lease_owner <> @owner AND e.lease_until > @now)
         ORDER BY d.id
         LIMIT @limit)
       RETURNING *`,
    ),
    transition: db.prepare<
      {
        id: number;
        from: string;
        owner: string | null;
        to: string;
        at: number;
        leaseOwner: string | null;
        leaseUntil: number | null;
        notBefore: number | null;
        attempted: number;
        setError: number;
        error: string | null;
        partsSent: number | null;
      },
      never
    >(
      `UPDATE deliveries SET
         state        = @to,
         lease_owner  = CASE WHEN @leaseOwner IS NOT NULL THEN @leaseOwner
                             WHEN @to IN ('leased', 'sending') THEN lease_owner ELSE NULL END,
         lease_until  = CASE WHEN @leaseOwner IS NOT NULL THEN @leaseUntil
                             WHEN @to IN ('leased', 'sending') THEN lease_until ELSE NULL END,
         not_before   = COALESCE(@notBefore, not_before),
         attempts     = attempts + @attempted,
         last_error   = CASE WHEN @setError = 1 THEN @error ELSE last_error END,
         parts_sent   = COALESCE(@partsSent, parts_sent),
         delivered_at = CASE WHEN @to = 'delivered' THEN COALESCE(delivered_at, @at) ELSE delivered_at END,
         updated_at   = @at
       WHERE id = @id
         AND state IN (SELECT value FROM json_each(@from))
         AND (@owner IS NULL OR lease_owner = @owner)`,
    ),
    statusCounts: db.prepare<[], { status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM tickets GROUP BY status`),
    firstReplyDurations: db.prepare<{ since: number | null }, { ms: number }>(
      `SELECT first_reply_at - created_at AS ms FROM tickets
       WHERE first_reply_at IS NOT NULL AND (@since IS NULL OR created_at >= @since) ORDER BY ms`,
    ),
  };
}
