/**
 * `npm run migrate`: copy an office's tickets.sqlite into PostgreSQL — tickets, their events, the
 * staff-chat message mapping, the outbox, processed update ids and answer outcomes — keeping every
 * id, so ticket numbers and staff-chat replies still match. Idempotent: each batch is one
 * transaction that inserts what is missing (ON CONFLICT DO NOTHING) and moves the id sequences past
 * what it copied, so a second run copies nothing and an interrupted run resumes where it stopped.
 * A row already in PostgreSQL under the same key but with other content (another office's
 * database) stops the copy with what differs.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { PgHandoffStore } from "../../handoff/pg-store.js";
import { SCHEMA_VERSION, SqliteHandoffStore, TICKETS_DB_FILE } from "../../handoff/sqlite-store.js";
import { toPgStoreError } from "./errors.js";
import { createPgPool } from "./pool.js";

export interface CopyOptions {
  dataDir: string;
  databaseUrl: string;
  /** PostgreSQL schema other than the URL's or the server's default (tests). */
  databaseSchema?: string;
  /** Rows per transaction. */
  batchSize?: number;
  /** Called after each committed batch (progress; tests stop a run part-way here). */
  afterBatch?: (table: string, copiedSoFar: number) => void | Promise<void>;
}

export interface TableReport {
  table: string;
  /** Rows in tickets.sqlite. */
  source: number;
  /** Inserted by this run. */
  copied: number;
  /** Found in PostgreSQL already (an earlier run), with the same content. */
  present: number;
}

/** The copy found PostgreSQL holding something else under the same key: nothing more is copied. */
export class CopyConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyConflictError";
  }
}

type Row = Record<string, unknown>;

interface TableCopy {
  table: string;
  /** SELECT from SQLite, ordered, with `:after` (exclusive) and `:limit` for batches over `cursor`. */
  select: string;
  cursor: string;
  /** Columns written to PostgreSQL, in order, with a cast each. */
  columns: Array<[name: string, cast: string]>;
  /** The conflict target (primary or unique key). */
  key: string[];
  /** Columns that must agree for a conflicting row to be "the same row" (immutable facts, not state that moves on later). */
  identity: string[];
  /** SQL naming the sequence behind `id`, moved past the largest copied id (null: no sequence). */
  sequence: string | null;
}

const nul = (v: unknown) => (typeof v === "string" && v.includes("\u0000") ? v.replaceAll("\u0000", "\uFFFD") : v);

const TABLES: TableCopy[] = [
  {
    table: "tickets",
    select: `SELECT * FROM tickets WHERE id > :after ORDER BY id LIMIT :limit`,
    cursor: "id",
    columns: [
      ["id", "bigint"],
      ["asker_channel", "text"],
      ["asker_chat_id", "text"],
      ["asker_user_id", "text"],
      ["asker_name", "text"],
      ["question", "text"],
      ["candidates", "json"],
      ["status", "text"],
      ["staff_user_id", "text"],
      ["staff_name", "text"],
      ["asker_blocked", "boolean"],
      ["created_at", "bigint"],
      ["claimed_at", "bigint"],
      ["first_reply_at", "bigint"],
      ["answered_at", "bigint"],
      ["closed_at", "bigint"],
      ["updated_at", "bigint"],
    ],
    key: ["id"],
    identity: ["asker_chat_id", "asker_user_id", "question", "created_at"],
    sequence: "'ticket_numbers'",
  },
  {
    table: "ticket_events",
    select: `SELECT * FROM ticket_events WHERE id > :after ORDER BY id LIMIT :limit`,
    cursor: "id",
    columns: [
      ["id", "bigint"],
      ["ticket_id", "bigint"],
      ["at", "bigint"],
      ["kind", "text"],
      ["actor", "text"],
      ["body", "text"],
    ],
    key: ["id"],
    identity: ["ticket_id", "at", "kind", "actor", "body"],
    sequence: "pg_get_serial_sequence('ticket_events', 'id')",
  },
  {
    // rowid order is recording order: the latest card is the last one copied (PostgreSQL numbers them as they come).
    table: "staff_messages",
    select: `SELECT rowid AS rowid, chat_id, message_id, ticket_id, is_card FROM staff_messages WHERE rowid > :after ORDER BY rowid LIMIT :limit`,
    cursor: "rowid",
    columns: [
      ["chat_id", "text"],
      ["message_id", "bigint"],
      ["ticket_id", "bigint"],
      ["is_card", "boolean"],
    ],
    key: ["chat_id", "message_id"],
    identity: ["ticket_id"],
    sequence: null,
  },
  {
    table: "deliveries",
    select: `SELECT * FROM deliveries WHERE id > :after ORDER BY id LIMIT :limit`,
    cursor: "id",
    columns: [
      ["id", "bigint"],
      ["ticket_id", "bigint"],
      ["kind", "text"],
      ["channel", "text"],
      ["chat_id", "text"],
      ["body", "text"],
      ["created_at", "bigint"],
      ["state", "text"],
      ["lease_owner", "text"],
      ["lease_until", "bigint"],
      ["attempts", "integer"],
      ["parts_sent", "integer"],
      ["last_error", "text"],
      ["not_before", "bigint"],
      ["delivered_at", "bigint"],
      ["updated_at", "bigint"],
    ],
    key: ["id"],
    identity: ["ticket_id", "kind", "chat_id", "created_at"],
    sequence: "pg_get_serial_sequence('deliveries', 'id')",
  },
  {
    table: "processed_updates",
    select: `SELECT * FROM processed_updates WHERE update_id > :after ORDER BY update_id LIMIT :limit`,
    cursor: "update_id",
    columns: [
      ["update_id", "bigint"],
      ["at", "bigint"],
    ],
    key: ["update_id"],
    identity: [],
    sequence: null,
  },
  {
    table: "answer_outcomes",
    select: `SELECT * FROM answer_outcomes WHERE id > :after ORDER BY id LIMIT :limit`,
    cursor: "id",
    columns: [
      ["id", "bigint"],
      ["at", "bigint"],
      ["outcome", "text"],
    ],
    key: ["id"],
    identity: ["at", "outcome"],
    sequence: "pg_get_serial_sequence('answer_outcomes', 'id')",
  },
];

/** SQLite's 0/1 flags become booleans; everything else as stored. */
function pgValue(row: Row, [name, cast]: [string, string]): unknown {
  const v = row[name];
  if (cast === "boolean") return v === null ? null : v === 1 || v === true;
  return nul(v);
}

/** Copy everything; returns what was found and copied per table. */
export async function copySqliteToPostgres({ dataDir, databaseUrl, databaseSchema, batchSize = 500, afterBatch }: CopyOptions): Promise<TableReport[]> {
  const file = path.join(dataDir, TICKETS_DB_FILE);
  if (!fs.existsSync(file)) throw new CopyConflictError(`no ${TICKETS_DB_FILE} in ${dataDir}: set DATA_DIR to the office's data folder`);
  // Bring an old file to the current schema first (this writes to it, once), and the PostgreSQL schema too.
  await SqliteHandoffStore.open(dataDir).close();
  const schema = databaseSchema !== undefined ? { schema: databaseSchema } : {};
  await (await PgHandoffStore.open({ url: databaseUrl, ...schema })).close();

  const source = new Database(file, { readonly: true });
  const pool = createPgPool({ url: databaseUrl, ...schema, max: 1 });
  try {
    const version = source.pragma("user_version", { simple: true });
    if (version !== SCHEMA_VERSION) throw new CopyConflictError(`${file} has schema version ${String(version)}, this program copies version ${SCHEMA_VERSION}`);
    const reports: TableReport[] = [];
    for (const t of TABLES) reports.push(await copyTable(source, pool, t, batchSize, afterBatch));
    return reports;
  } catch (err) {
    throw toPgStoreError(err);
  } finally {
    source.close();
    await pool.end();
  }
}

async function copyTable(source: Database.Database, pool: pg.Pool, t: TableCopy, batchSize: number, afterBatch: CopyOptions["afterBatch"]): Promise<TableReport> {
  const report: TableReport = { table: t.table, source: 0, copied: 0, present: 0 };
  const select = source.prepare<{ after: number; limit: number }, Row>(t.select);
  let after = -Infinity;
  for (;;) {
    const rows = select.all({ after: after === -Infinity ? -9_007_199_254_740_991 : after, limit: batchSize });
    if (rows.length === 0) return report;
    after = Number(rows[rows.length - 1]![t.cursor]);
    const inserted = await insertBatch(pool, t, rows);
    report.source += rows.length;
    report.copied += inserted;
    report.present += rows.length - inserted;
    await afterBatch?.(t.table, report.copied + report.present);
  }
}

/** One transaction: insert what is missing, check what was there, move the sequence on. Returns rows inserted. */
async function insertBatch(pool: pg.Pool, t: TableCopy, rows: Row[]): Promise<number> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onLost = (err: Error) => void (broken ??= err);
  client.on("error", onLost);
  try {
    await client.query("BEGIN");
    const width = t.columns.length;
    const tuples = rows.map((_, r) => `(${t.columns.map(([, cast], c) => `$${r * width + c + 1}::${cast}`).join(", ")})`);
    const values = rows.flatMap((row) => t.columns.map((col) => pgValue(row, col)));
    const names = t.columns.map(([n]) => n).join(", ");
    const inserted = await client.query<Row>(
      `INSERT INTO ${t.table} (${names}) VALUES ${tuples.join(", ")} ON CONFLICT (${t.key.join(", ")}) DO NOTHING RETURNING ${t.key.join(", ")}`,
      values,
    );
    const keyOf = (row: Row) => t.key.map((k) => String(row[k])).join("\u0001");
    const fresh = new Set(inserted.rows.map(keyOf));
    const existing = rows.filter((row) => !fresh.has(keyOf(row)));
    if (existing.length > 0 && t.identity.length > 0) await checkSame(client, t, existing);
    if (t.sequence) {
      // Past the largest id now in the table, never backwards: rows written after the copy get new numbers.
      await client.query(
        `SELECT setval(${t.sequence}, m) FROM (SELECT MAX(id) AS m FROM ${t.table}) x
         WHERE m IS NOT NULL AND m > COALESCE(pg_sequence_last_value(${t.sequence}::regclass), 0)`,
      );
    }
    await client.query("COMMIT");
    return inserted.rowCount ?? 0;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: Error) => void (broken ??= e));
    throw err;
  } finally {
    client.off("error", onLost);
    client.release(broken);
  }
}

/** Rows that were already in PostgreSQL: the same facts, or a conflict worth stopping for. */
async function checkSame(client: pg.PoolClient, t: TableCopy, rows: Row[]): Promise<void> {
  const keyCols = t.key;
  const conditions = rows.map((_, r) => `(${keyCols.map((k, c) => `${k} = $${r * keyCols.length + c + 1}`).join(" AND ")})`);
  const params = rows.flatMap((row) => keyCols.map((k) => row[k]));
  const { rows: there } = await client.query<Row>(`SELECT ${[...keyCols, ...t.identity].join(", ")} FROM ${t.table} WHERE ${conditions.join(" OR ")}`, params);
  const byKey = new Map(there.map((row) => [keyCols.map((k) => String(row[k])).join("\u0001"), row]));
  for (const row of rows) {
    const key = keyCols.map((k) => String(row[k])).join("\u0001");
    const other = byKey.get(key);
    const differs = other ? t.identity.filter((c) => String(nul(row[c]) ?? "") !== String(other[c] ?? "")) : [];
    if (differs.length > 0) {
      const what = keyCols.map((k) => `${k} ${String(row[k])}`).join(", ");
      throw new CopyConflictError(
        `${t.table} ${what} is already in PostgreSQL with other ${differs.join(", ")}: it holds another office's tickets or was written before the copy. ` +
          `Copy into an empty database (or schema), before any instance runs on it.`,
      );
    }
  }
}
