/**
 * The PostgreSQL FaqStore (DATABASE_URL), beside the tickets in the same database and schema.
 * FAQ writes are rare (a review, a candidate filed, an import), and every instance catches up on
 * the same staff replies: each transaction takes one advisory lock until it commits, so FAQ writes
 * run one at a time across instances as SQLite's single writer runs them. The serving version is
 * one row read by key on the quick pool, so every instance can poll it before matching.
 */
import type pg from "pg";
import { PgDatabase, PgStoreHandle, pgText as text, pgTextOrNull as textOrNull, type PgDatabaseOptions, type Queryable } from "../store/pg/database.js";
import { entryOf, rowToReview, type EntryRow as StoredEntryRow, type ReviewRow } from "./rows.js";
import type { FaqContent, FaqReads, FaqStore, FaqTx, NewFaqEntry, NewFaqReview } from "./store.js";
import type { FaqActor, FaqEntry, FaqReview, FaqSource, FaqStatus } from "./types.js";

const LABEL = "FAQ database";
/** pg_advisory_xact_lock key of "an FAQ transaction runs". */
const FAQ_WRITER_LOCK = 0x4b504651; // "KPFQ"



/** PostgreSQL gives JSON and booleans back decoded. */
type EntryRow = StoredEntryRow<unknown, boolean>;
const rowToEntry = (r: EntryRow): FaqEntry =>
  entryOf(r, {
    questions: r.questions as string[],
    measures: r.measures as number[],
    measureDigests: r.measure_digests as Record<string, string>,
    candidates: (r.candidates ?? []) as FaqSource["candidates"],
    cardQueued: r.card_queued,
  });


/** JSON text for a json column: U+0000 cannot be stored, as in text columns. */
const json = (value: unknown): string => text(JSON.stringify(value));

class PgFaqReads implements FaqReads {
  constructor(
    protected readonly handle: PgStoreHandle,
    protected readonly connection: () => Queryable | undefined,
  ) {}

  protected rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.handle.rows<R>(sql, params, this.connection());
  }

  async entry(id: number): Promise<FaqEntry | null> {
    const [row] = await this.rows<EntryRow>(`SELECT * FROM faq_entries WHERE id = $1`, [id]);
    return row ? rowToEntry(row) : null;
  }

  async entryForTicket(ticketId: number): Promise<FaqEntry | null> {
    const [row] = await this.rows<EntryRow>(`SELECT * FROM faq_entries WHERE ticket_id = $1`, [ticketId]);
    return row ? rowToEntry(row) : null;
  }

  async entries(statuses: readonly FaqStatus[] | null): Promise<FaqEntry[]> {
    const rows = await this.rows<EntryRow>(`SELECT * FROM faq_entries WHERE $1::text[] IS NULL OR status = ANY($1::text[]) ORDER BY id`, [statuses]);
    return rows.map(rowToEntry);
  }

  async reviewsOf(entryId: number): Promise<FaqReview[]> {
    return (await this.rows<ReviewRow>(`SELECT * FROM faq_reviews WHERE entry_id = $1 ORDER BY id`, [entryId])).map(rowToReview);
  }

  async repliesSeen(): Promise<number> {
    return (await this.rows<{ value: number }>(`SELECT value FROM faq_meta WHERE key = 'replies_seen'`))[0]?.value ?? 0;
  }

  async servingVersion(): Promise<number> {
    return (await this.rows<{ value: number }>(`SELECT value FROM faq_meta WHERE key = 'serving_version'`))[0]?.value ?? 0;
  }
}

class PgFaqTx extends PgFaqReads implements FaqTx {
  active = true;

  constructor(handle: PgStoreHandle, client: pg.PoolClient) {
    super(handle, () => (this.active ? client : undefined));
  }

  private async write(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    if (!this.active) throw new Error("store transaction already finished: write inside the transaction callback only");
    return this.handle.query(sql, params, this.connection());
  }

  async insertEntry(e: NewFaqEntry): Promise<number> {
    const s = sourceParams(e.source);
    const { rows } = await this.write(
      `INSERT INTO faq_entries (status, questions, answer, measures, measure_digests, ticket_id, reply_event_id, staff_id, staff_name, answered_at,
                                candidates, created_at, reviewed_by, reviewed_by_name, reviewed_at, updated_at)
       VALUES ($1, $2::json, $3, $4::json, $5::json, $6, $7, $8, $9, $10, $11::json, $12, $13, $14, $15, $12)
       RETURNING id`,
      [
        e.status,
        json(e.questions),
        text(e.answer),
        json(e.measures),
        json(e.measureDigests),
        s.ticketId,
        s.replyEventId,
        s.staffId,
        s.staffName,
        s.answeredAt,
        s.candidates,
        e.at,
        textOrNull(e.review?.by.id ?? null),
        textOrNull(e.review?.by.name ?? null),
        e.review?.at ?? null,
      ],
    );
    return (rows[0] as { id: number }).id;
  }

  async updateCandidate(id: number, source: FaqSource, answer: string): Promise<void> {
    const s = sourceParams(source);
    await this.write(
      `UPDATE faq_entries SET answer = $2, reply_event_id = $3, staff_id = $4, staff_name = $5, answered_at = $6, candidates = $7::json, updated_at = $6
       WHERE id = $1 AND status = 'pending'`,
      [id, text(answer), s.replyEventId, s.staffId, s.staffName, s.answeredAt, s.candidates],
    );
  }

  async setReviewed(id: number, c: { status: FaqStatus; content: FaqContent; measureDigests: Record<string, string>; by: FaqActor; at: number }): Promise<void> {
    await this.write(
      `UPDATE faq_entries SET status = $2, questions = $3::json, answer = $4, measures = $5::json, measure_digests = $6::json,
         reviewed_by = $7, reviewed_by_name = $8, reviewed_at = $9, updated_at = $9
       WHERE id = $1`,
      [id, c.status, json(c.content.questions), text(c.content.answer), json(c.content.measures), json(c.measureDigests), text(c.by.id), text(c.by.name), c.at],
    );
  }

  async appendReview(r: NewFaqReview): Promise<void> {
    await this.write(`INSERT INTO faq_reviews (entry_id, at, actor, actor_name, action, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [
      r.entryId,
      r.at,
      text(r.actor.id),
      text(r.actor.name),
      r.action,
      textOrNull(r.detail),
    ]);
  }

  async setCardQueued(id: number): Promise<void> {
    await this.write(`UPDATE faq_entries SET card_queued = true WHERE id = $1`, [id]);
  }

  async markRepliesSeen(eventId: number): Promise<void> {
    await this.write(`UPDATE faq_meta SET value = GREATEST(value, $1) WHERE key = 'replies_seen'`, [eventId]);
  }

  async bumpServingVersion(): Promise<void> {
    await this.write(`UPDATE faq_meta SET value = value + 1 WHERE key = 'serving_version'`, []);
  }
}

function sourceParams(source: FaqSource | null) {
  return {
    ticketId: source?.ticketId ?? null,
    replyEventId: source?.replyEventId ?? null,
    staffId: textOrNull(source?.staff.id ?? null),
    staffName: textOrNull(source?.staff.name ?? null),
    answeredAt: source?.answeredAt ?? null,
    candidates: source ? json(source.candidates) : null,
  };
}

export class PgFaqStore extends PgFaqReads implements FaqStore {
  /** On a share of `db`, released by close(). */
  constructor(db: PgDatabase) {
    super(new PgStoreHandle(db, LABEL), () => undefined);
  }

  /** Connect (a database of its own), and create or update the schema. */
  static async open(options: PgDatabaseOptions): Promise<PgFaqStore> {
    return new PgFaqStore(await PgDatabase.open(options, LABEL));
  }

  transaction<T>(fn: (tx: FaqTx) => Promise<T>): Promise<T> {
    return this.handle.transaction(async (client) => {
      // One FAQ writer at a time across instances: a candidate is filed once even when two instances catch up together.
      await client.query(`SELECT pg_advisory_xact_lock($1)`, [FAQ_WRITER_LOCK]);
      const tx = new PgFaqTx(this.handle, client);
      try {
        return await fn(tx);
      } finally {
        tx.active = false;
      }
    });
  }

  /** One row by key on the quick pool: polled before matching, it never waits behind a transaction for a connection. */
  override async servingVersion(): Promise<number> {
    const { rows } = await this.handle.quickQuery<{ value: number }>(`SELECT value FROM faq_meta WHERE key = 'serving_version'`);
    return rows[0]?.value ?? 0;
  }

  async recordHit(entryId: number, at: number): Promise<void> {
    await this.handle.quickQuery(`UPDATE faq_entries SET hits = hits + 1, last_hit_at = $2 WHERE id = $1`, [entryId, at]);
  }

  async recordCard(entryId: number, card: { chatId: string; messageId: number }): Promise<void> {
    // Waits for a lock like a transaction: without it the card can no longer be edited.
    await this.handle.query(`UPDATE faq_entries SET card_chat_id = $2, card_message_id = $3 WHERE id = $1`, [entryId, card.chatId, card.messageId]);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
