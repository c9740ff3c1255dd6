import type Database from "better-sqlite3";
import { SqliteDatabase, type SqliteStoreOptions } from "../store/sqlite.js";
import { entryOf, rowToReview, type EntryRow as StoredEntryRow, type ReviewRow } from "./rows.js";
import type { FaqContent, FaqReads, FaqStore, FaqTx, NewFaqEntry, NewFaqReview } from "./store.js";
import type { FaqActor, FaqEntry, FaqReview, FaqSource, FaqStatus } from "./types.js";

/**
 * The SQLite file under DATA_DIR holding FAQ entries. Its own file, like the question log: hit
 * counts and reviews never wait for a ticket transaction (SQLite has one writer per file), and
 * each store migrates on its own.
 */
export const FAQ_DB_FILE = "faq.sqlite";
const LABEL = "FAQ database";

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE faq_entries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'out-of-scope')),
    questions        TEXT    NOT NULL, -- JSON string[], first shown
    answer           TEXT    NOT NULL,
    measures         TEXT    NOT NULL DEFAULT '[]', -- JSON number[]
    measure_digests  TEXT    NOT NULL DEFAULT '{}', -- JSON {measure: digest} at approval
    ticket_id        INTEGER UNIQUE,   -- one candidate per ticket; NULL for imported entries
    reply_event_id   INTEGER,
    staff_id         TEXT,
    staff_name       TEXT,
    answered_at      INTEGER,
    candidates       TEXT,             -- JSON Citation[] the bot had
    created_at       INTEGER NOT NULL,
    reviewed_by      TEXT,
    reviewed_by_name TEXT,
    reviewed_at      INTEGER,
    hits             INTEGER NOT NULL DEFAULT 0,
    last_hit_at      INTEGER,
    card_queued      INTEGER NOT NULL DEFAULT 0 CHECK (card_queued IN (0, 1)),
    card_chat_id     TEXT,
    card_message_id  INTEGER,
    updated_at       INTEGER NOT NULL
  );
  CREATE INDEX faq_entries_by_status ON faq_entries (status, id);

  CREATE TABLE faq_reviews (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id   INTEGER NOT NULL REFERENCES faq_entries (id),
    at         INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    actor_name TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    detail     TEXT
  );
  CREATE INDEX faq_reviews_by_entry ON faq_reviews (entry_id, id);
  -- Who decided what, and when: an audit trail, never rewritten.
  CREATE TRIGGER faq_reviews_no_update BEFORE UPDATE ON faq_reviews
  BEGIN SELECT RAISE(ABORT, 'faq_reviews is append-only'); END;
  CREATE TRIGGER faq_reviews_no_delete BEFORE DELETE ON faq_reviews
  BEGIN SELECT RAISE(ABORT, 'faq_reviews is append-only'); END;

  CREATE TABLE faq_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  INSERT INTO faq_meta (key, value) VALUES ('serving_version', 0), ('replies_seen', 0);
  `,
];

export const FAQ_SCHEMA_VERSION = MIGRATIONS.length;



/** SQLite keeps the JSON columns as text and the flag as 0 or 1. */
type EntryRow = StoredEntryRow<string, number>;
const rowToEntry = (r: EntryRow): FaqEntry =>
  entryOf(r, {
    questions: JSON.parse(r.questions) as string[],
    measures: JSON.parse(r.measures) as number[],
    measureDigests: JSON.parse(r.measure_digests) as Record<string, string>,
    candidates: JSON.parse(r.candidates ?? "[]") as FaqSource["candidates"],
    cardQueued: r.card_queued === 1,
  });


type Statements = ReturnType<typeof prepare>;

class SqliteFaqReads implements FaqReads {
  constructor(
    protected readonly sqlite: SqliteDatabase,
    protected readonly sql: Statements,
  ) {}

  entry(id: number): Promise<FaqEntry | null> {
    return this.sqlite.call(() => {
      const row = this.sql.entry.get(id);
      return row ? rowToEntry(row) : null;
    });
  }

  entryForTicket(ticketId: number): Promise<FaqEntry | null> {
    return this.sqlite.call(() => {
      const row = this.sql.entryForTicket.get(ticketId);
      return row ? rowToEntry(row) : null;
    });
  }

  entries(statuses: readonly FaqStatus[] | null): Promise<FaqEntry[]> {
    return this.sqlite.call(() => this.sql.entries.all({ statuses: statuses === null ? null : JSON.stringify(statuses) }).map(rowToEntry));
  }

  reviewsOf(entryId: number): Promise<FaqReview[]> {
    return this.sqlite.call(() => this.sql.reviewsOf.all(entryId).map(rowToReview));
  }

  repliesSeen(): Promise<number> {
    return this.sqlite.call(() => this.sql.meta.get("replies_seen")?.value ?? 0);
  }

  servingVersion(): Promise<number> {
    return this.sqlite.call(() => this.sql.meta.get("serving_version")?.value ?? 0);
  }
}

class SqliteFaqTx extends SqliteFaqReads implements FaqTx {
  constructor(
    sqlite: SqliteDatabase,
    sql: Statements,
    private readonly isActive: () => boolean,
  ) {
    super(sqlite, sql);
  }

  private write<T>(fn: () => T): Promise<T> {
    if (!this.isActive()) return Promise.reject(new Error("store transaction already finished: write inside the transaction callback only"));
    return this.sqlite.call(fn);
  }

  insertEntry(e: NewFaqEntry): Promise<number> {
    return this.write(() =>
      Number(
        this.sql.insert.run({
          status: e.status,
          questions: JSON.stringify(e.questions),
          answer: e.answer,
          measures: JSON.stringify(e.measures),
          digests: JSON.stringify(e.measureDigests),
          ...sourceParams(e.source),
          at: e.at,
          reviewedBy: e.review?.by.id ?? null,
          reviewedByName: e.review?.by.name ?? null,
          reviewedAt: e.review?.at ?? null,
        }).lastInsertRowid,
      ),
    );
  }

  updateCandidate(id: number, source: FaqSource, answer: string): Promise<void> {
    return this.write(() => void this.sql.updateCandidate.run({ id, answer, ...sourceParams(source) }));
  }

  setReviewed(id: number, c: { status: FaqStatus; content: FaqContent; measureDigests: Record<string, string>; by: FaqActor; at: number }): Promise<void> {
    return this.write(
      () =>
        void this.sql.setReviewed.run({
          id,
          status: c.status,
          questions: JSON.stringify(c.content.questions),
          answer: c.content.answer,
          measures: JSON.stringify(c.content.measures),
          digests: JSON.stringify(c.measureDigests),
          by: c.by.id,
          byName: c.by.name,
          at: c.at,
        }),
    );
  }

  appendReview(r: NewFaqReview): Promise<void> {
    return this.write(() => void this.sql.appendReview.run({ entryId: r.entryId, at: r.at, actor: r.actor.id, actorName: r.actor.name, action: r.action, detail: r.detail }));
  }

  setCardQueued(id: number): Promise<void> {
    return this.write(() => void this.sql.setCardQueued.run(id));
  }

  markRepliesSeen(eventId: number): Promise<void> {
    return this.write(() => void this.sql.markRepliesSeen.run(eventId));
  }

  bumpServingVersion(): Promise<void> {
    return this.write(() => void this.sql.bumpVersion.run());
  }
}

function sourceParams(source: FaqSource | null) {
  return {
    ticketId: source?.ticketId ?? null,
    replyEventId: source?.replyEventId ?? null,
    staffId: source?.staff.id ?? null,
    staffName: source?.staff.name ?? null,
    answeredAt: source?.answeredAt ?? null,
    candidates: source ? JSON.stringify(source.candidates) : null,
  };
}

export class SqliteFaqStore extends SqliteFaqReads implements FaqStore {
  private readonly bestEffortSql: ReturnType<typeof prepareBestEffort>;

  private constructor(sqlite: SqliteDatabase) {
    super(sqlite, prepare(sqlite.db));
    this.bestEffortSql = prepareBestEffort(sqlite.bestEffort);
  }

  static open(dataDir: string, options: SqliteStoreOptions = {}): SqliteFaqStore {
    return new SqliteFaqStore(SqliteDatabase.open(dataDir, { file: FAQ_DB_FILE, label: LABEL, migrations: MIGRATIONS }, options));
  }

  /** The main connection (tests inspect it). */
  get db(): Database.Database {
    return this.sqlite.db;
  }

  transaction<T>(fn: (tx: FaqTx) => Promise<T>): Promise<T> {
    return this.sqlite.transaction((isActive) => fn(new SqliteFaqTx(this.sqlite, this.sql, isActive)));
  }

  recordHit(entryId: number, at: number): Promise<void> {
    return this.sqlite.call(() => void this.bestEffortSql.hit.run({ id: entryId, at }));
  }

  recordCard(entryId: number, card: { chatId: string; messageId: number }): Promise<void> {
    // Waits for another process's lock like a transaction: without it the card can no longer be edited.
    return this.sqlite.transaction(async () => void this.sql.card.run({ id: entryId, chatId: card.chatId, messageId: card.messageId }));
  }

  close(): Promise<void> {
    return this.sqlite.close();
  }
}

type SourceParams = ReturnType<typeof sourceParams>;

function prepare(db: Database.Database) {
  return {
    entry: db.prepare<[number], EntryRow>(`SELECT * FROM faq_entries WHERE id = ?`),
    entryForTicket: db.prepare<[number], EntryRow>(`SELECT * FROM faq_entries WHERE ticket_id = ?`),
    entries: db.prepare<{ statuses: string | null }, EntryRow>(
      `SELECT * FROM faq_entries WHERE @statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)) ORDER BY id`,
    ),
    reviewsOf: db.prepare<[number], ReviewRow>(`SELECT * FROM faq_reviews WHERE entry_id = ? ORDER BY id`),
    meta: db.prepare<[string], { value: number }>(`SELECT value FROM faq_meta WHERE key = ?`),
    insert: db.prepare<
      SourceParams & { status: string; questions: string; answer: string; measures: string; digests: string; at: number; reviewedBy: string | null; reviewedByName: string | null; reviewedAt: number | null },
      never
    >(
      `INSERT INTO faq_entries (status, questions, answer, measures, measure_digests, ticket_id, reply_event_id, staff_id, staff_name, answered_at,
                                candidates, created_at, reviewed_by, reviewed_by_name, reviewed_at, updated_at)
       VALUES (@status, @questions, @answer, @measures, @digests, @ticketId, @replyEventId, @staffId, @staffName, @answeredAt,
               @candidates, @at, @reviewedBy, @reviewedByName, @reviewedAt, @at)`,
    ),
    updateCandidate: db.prepare<SourceParams & { id: number; answer: string }, never>(
      `UPDATE faq_entries SET answer = @answer, reply_event_id = @replyEventId, staff_id = @staffId, staff_name = @staffName,
         answered_at = @answeredAt, candidates = @candidates, updated_at = @answeredAt
       WHERE id = @id AND status = 'pending'`,
    ),
    setReviewed: db.prepare<
      { id: number; status: string; questions: string; answer: string; measures: string; digests: string; by: string; byName: string; at: number },
      never
    >(
      `UPDATE faq_entries SET status = @status, questions = @questions, answer = @answer, measures = @measures, measure_digests = @digests,
         reviewed_by = @by, reviewed_by_name = @byName, reviewed_at = @at, updated_at = @at
       WHERE id = @id`,
    ),
    appendReview: db.prepare<{ entryId: number; at: number; actor: string; actorName: string; action: string; detail: string | null }, never>(
      `INSERT INTO faq_reviews (entry_id, at, actor, actor_name, action, detail) VALUES (@entryId, @at, @actor, @actorName, @action, @detail)`,
    ),
    setCardQueued: db.prepare<[number], never>(`UPDATE faq_entries SET card_queued = 1 WHERE id = ?`),
    markRepliesSeen: db.prepare<[number], never>(`UPDATE faq_meta SET value = MAX(value, ?) WHERE key = 'replies_seen'`),
    bumpVersion: db.prepare<[], never>(`UPDATE faq_meta SET value = value + 1 WHERE key = 'serving_version'`),
    card: db.prepare<{ id: number; chatId: string; messageId: number }, never>(
      `UPDATE faq_entries SET card_chat_id = @chatId, card_message_id = @messageId WHERE id = @id`,
    ),
  };
}

function prepareBestEffort(db: Database.Database) {
  return {
    hit: db.prepare<{ id: number; at: number }, never>(`UPDATE faq_entries SET hits = hits + 1, last_hit_at = @at WHERE id = @id`),
  };
}
