import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Citation } from "../policy/measure.js";
import type { Outcome } from "../answer/types.js";
import type {
  Asker,
  Channel,
  Delivery,
  DeliveryKind,
  StaffMessageRef,
  Staff,
  Ticket,
  TicketEvent,
  TicketEventKind,
  TicketStatus,
} from "./types.js";

/** The SQLite file under Config.dataDir that holds tickets, the outbox and dedupe state. */
export const TICKETS_DB_FILE = "tickets.sqlite";

/** The bot and the CLI may write at the same moment; wait this long for the other writer. */
const BUSY_TIMEOUT_MS = 5_000;

/** Schema versions, applied in order; PRAGMA user_version records how many have run. */
const MIGRATIONS: readonly string[] = [
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
];

interface TicketRow {
  id: number;
  asker_channel: string;
  asker_chat_id: string;
  asker_user_id: string;
  asker_name: string;
  question: string;
  candidates: string;
  status: string;
  staff_user_id: string | null;
  staff_name: string | null;
  asker_blocked: number;
  created_at: number;
  claimed_at: number | null;
  first_reply_at: number | null;
  answered_at: number | null;
  closed_at: number | null;
  updated_at: number;
}

interface EventRow {
  id: number;
  ticket_id: number;
  at: number;
  kind: string;
  actor: string;
  body: string | null;
}

interface DeliveryRow {
  id: number;
  ticket_id: number;
  kind: string;
  chat_id: string;
  body: string | null;
  created_at: number;
  attempts: number;
  delivered_at: number | null;
  failed_permanently: number;
}

/** The one place a ticket row becomes a Ticket. */
function rowToTicket(row: TicketRow): Ticket {
  const staff: Staff | null =
    row.staff_user_id === null ? null : { userId: row.staff_user_id, displayName: row.staff_name ?? "" };
  return {
    id: row.id,
    asker: {
      channel: row.asker_channel as Channel,
      chatId: row.asker_chat_id,
      userId: row.asker_user_id,
      displayName: row.asker_name,
    },
    question: row.question,
    candidates: JSON.parse(row.candidates) as Citation[],
    status: row.status as TicketStatus,
    staff,
    askerBlocked: row.asker_blocked === 1,
    createdAt: row.created_at,
    claimedAt: row.claimed_at,
    firstReplyAt: row.first_reply_at,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
  };
}

function rowToEvent(row: EventRow): TicketEvent {
  return { id: row.id, ticketId: row.ticket_id, at: row.at, kind: row.kind as TicketEventKind, actor: row.actor, body: row.body };
}

function rowToDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind as DeliveryKind,
    chatId: row.chat_id,
    body: row.body,
    createdAt: row.created_at,
    attempts: row.attempts,
  };
}

/** A delivery row with the outbox bookkeeping the service needs to decide on a failure. */
export interface DeliveryState extends Delivery {
  delivered: boolean;
  failedPermanently: boolean;
}

export interface NewTicket {
  asker: Asker;
  question: string;
  candidates: Citation[];
  at: number;
}

export interface NewDelivery {
  ticketId: number;
  kind: DeliveryKind;
  channel: Channel;
  chatId: string;
  body: string | null;
  at: number;
}

/**
 * SQLite persistence for handoff tickets: plain reads and single-purpose writes.
 * Business rules (who may do what, which deliveries follow) live in HandoffService.
 */
export class TicketStore {
  readonly db: Database.Database;
  private readonly sql;

  private constructor(db: Database.Database) {
    this.db = db;
    this.sql = prepareStatements(db);
  }

  /** Open (creating the directory and schema as needed) `${dataDir}/tickets.sqlite`. */
  static open(dataDir: string): TicketStore {
    fs.mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, TICKETS_DB_FILE));
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`); // first: WAL switch and migration may meet another writer
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL"); // WAL + NORMAL survives a process crash; only a power cut may lose the last commits
      db.pragma("foreign_keys = ON");
      migrate(db);
      return new TicketStore(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** Run fn in a write transaction taken up front, so a read-then-write never races another process. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- tickets

  insertTicket(t: NewTicket): number {
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
  }

  ticket(id: number): Ticket | null {
    const row = this.sql.ticket.get(id);
    return row ? rowToTicket(row) : null;
  }

  latestActiveTicketOf(askerChatId: string): Ticket | null {
    const row = this.sql.latestActive.get(askerChatId);
    return row ? rowToTicket(row) : null;
  }

  /** Oldest first; null means every status. */
  ticketsByStatus(statuses: readonly TicketStatus[] | null): Ticket[] {
    return this.sql.byStatus.all({ statuses: statuses === null ? null : JSON.stringify(statuses) }).map(rowToTicket);
  }

  /** Newest first. */
  ticketsOfAsker(askerChatId: string): Ticket[] {
    return this.sql.ofAsker.all(askerChatId).map(rowToTicket);
  }

  /** The atomic claim: only an open ticket can be taken; returns false if someone else got there first. */
  claimIfOpen(id: number, staff: Staff, at: number): boolean {
    return this.sql.claimIfOpen.run({ id, userId: staff.userId, name: staff.displayName, at }).changes === 1;
  }

  /** Status answered; the first replier becomes holder of an unheld ticket; first_reply_at is set once. */
  recordReply(id: number, staff: Staff, at: number): void {
    this.sql.recordReply.run({ id, userId: staff.userId, name: staff.displayName, at });
  }

  setClosed(id: number, at: number): void {
    this.sql.setClosed.run({ id, at });
  }

  /** Back to the open queue, unheld; timestamps of past replies stay for the stats. */
  setReopened(id: number, at: number): void {
    this.sql.setReopened.run({ id, at });
  }

  /** Returns whether the flag changed. */
  setAskerBlocked(id: number, blocked: boolean, at: number): boolean {
    return this.sql.setAskerBlocked.run({ id, blocked: blocked ? 1 : 0, at }).changes === 1;
  }

  // --- events

  appendEvent(ticketId: number, at: number, kind: TicketEventKind, actor: string, body: string | null): void {
    this.sql.appendEvent.run({ ticketId, at, kind, actor, body });
  }

  eventsOf(ticketId: number): TicketEvent[] {
    return this.sql.eventsOf.all(ticketId).map(rowToEvent);
  }

  // --- staff messages

  recordStaffMessage(ticketId: number, chatId: string, messageId: number, isCard: boolean): void {
    this.sql.recordStaffMessage.run({ ticketId, chatId, messageId, isCard: isCard ? 1 : 0 });
  }

  ticketIdForStaffMessage(chatId: string, messageId: number): number | null {
    return this.sql.ticketForStaffMessage.get(chatId, messageId)?.ticket_id ?? null;
  }

  cardOf(ticketId: number): StaffMessageRef | null {
    const row = this.sql.cardOf.get(ticketId);
    return row ? { chatId: row.chat_id, messageId: row.message_id } : null;
  }

  // --- deliveries (outbox)

  enqueueDelivery(d: NewDelivery): number {
    const info = this.sql.enqueue.run({
      ticketId: d.ticketId,
      kind: d.kind,
      channel: d.channel,
      chatId: d.chatId,
      body: d.body,
      at: d.at,
    });
    return Number(info.lastInsertRowid);
  }

  /** Undelivered, not given up, past any backoff; oldest first. */
  pendingDeliveries(limit: number, channel: Channel | null, now: number): Delivery[] {
    return this.sql.pending.all({ limit, channel, now }).map(rowToDelivery);
  }

  delivery(id: number): DeliveryState | null {
    const row = this.sql.delivery.get(id);
    if (!row) return null;
    return { ...rowToDelivery(row), delivered: row.delivered_at !== null, failedPermanently: row.failed_permanently === 1 };
  }

  /** Returns false when it was already delivered (a second mark is harmless). */
  markDelivered(id: number, at: number): boolean {
    return this.sql.markDelivered.run({ id, at }).changes === 1;
  }

  markFailed(id: number, error: string, permanent: boolean, notBefore: number): void {
    this.sql.markFailed.run({ id, error, permanent: permanent ? 1 : 0, notBefore });
  }

  // --- update dedupe

  /** True if this update id was not recorded before. */
  insertProcessedUpdate(updateId: number, at: number): boolean {
    return this.sql.insertUpdate.run({ updateId, at }).changes === 1;
  }

  pruneProcessedUpdates(olderThan: number): number {
    return this.sql.pruneUpdates.run(olderThan).changes;
  }

  // --- stats

  insertOutcome(outcome: Outcome, at: number): void {
    this.sql.insertOutcome.run({ outcome, at });
  }

  statusCounts(): Array<{ status: TicketStatus; n: number }> {
    return this.sql.statusCounts.all() as Array<{ status: TicketStatus; n: number }>;
  }

  /** Creation-to-first-reply durations in ms, ascending. */
  firstReplyDurations(): number[] {
    return this.sql.firstReplyDurations.all().map((r) => r.ms);
  }

  outcomeCounts(): Array<{ outcome: Outcome; n: number }> {
    return this.sql.outcomeCounts.all() as Array<{ outcome: Outcome; n: number }>;
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening a fresh file must not both run the same migration.
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `tickets.sqlite has schema version ${version}, newer than this program knows (${MIGRATIONS.length}); update the program`,
      );
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? "");
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
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
    enqueue: db.prepare<
      { ticketId: number; kind: string; channel: string; chatId: string; body: string | null; at: number },
      never
    >(
      `INSERT INTO deliveries (ticket_id, kind, channel, chat_id, body, created_at)
       VALUES (@ticketId, @kind, @channel, @chatId, @body, @at)`,
    ),
    pending: db.prepare<{ limit: number; channel: string | null; now: number }, DeliveryRow>(
      `SELECT * FROM deliveries
       WHERE delivered_at IS NULL AND failed_permanently = 0
         AND (@channel IS NULL OR channel = @channel)
         AND not_before <= @now
       ORDER BY id
       LIMIT @limit`,
    ),
    delivery: db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE id = ?`),
    markDelivered: db.prepare<{ id: number; at: number }, never>(
      `UPDATE deliveries SET delivered_at = @at, attempts = attempts + 1 WHERE id = @id AND delivered_at IS NULL`,
    ),
    markFailed: db.prepare<{ id: number; error: string; permanent: number; notBefore: number }, never>(
      `UPDATE deliveries SET attempts = attempts + 1, last_error = @error, failed_permanently = @permanent, not_before = @notBefore
       WHERE id = @id AND delivered_at IS NULL`,
    ),
    insertUpdate: db.prepare<{ updateId: number; at: number }, never>(
      `INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (@updateId, @at)`,
    ),
    pruneUpdates: db.prepare<[number], never>(`DELETE FROM processed_updates WHERE at < ?`),
    insertOutcome: db.prepare<{ outcome: string; at: number }, never>(
      `INSERT INTO answer_outcomes (at, outcome) VALUES (@at, @outcome)`,
    ),
    statusCounts: db.prepare<[], { status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM tickets GROUP BY status`),
    firstReplyDurations: db.prepare<[], { ms: number }>(
      `SELECT first_reply_at - created_at AS ms FROM tickets WHERE first_reply_at IS NOT NULL ORDER BY ms`,
    ),
    outcomeCounts: db.prepare<[], { outcome: string; n: number }>(
      `SELECT outcome, COUNT(*) AS n FROM answer_outcomes GROUP BY outcome`,
    ),
  };
}
