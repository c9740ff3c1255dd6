/**
 * `npm run migrate`: copy an office's SQLite stores into PostgreSQL, keeping every id, so ticket
 * numbers, staff-chat replies, FAQ numbers, clarify buttons and 👍/👎 still match:
 * - tickets.sqlite: tickets, their events, the staff-chat message mapping, the outbox, processed
 *   update ids and the old answer outcomes;
 * - faq.sqlite: entries, their review history, the serving version and how far replies were filed;
 * - questions.sqlite: the question log, and the askers' hash salt from DATA_DIR/question-log.salt
 *   (unless QUESTION_LOG_SALT is set), so old hashes still match;
 * - conversations.sqlite: each chat's recent turns (clarify offers, follow-up context);
 * - policy-versions.sqlite: the published policy versions (which corpus version to serve);
 * - console.sqlite: the web console's accounts and audit log (not the sessions: people log in again).
 * Only tickets.sqlite must exist. Idempotent: each batch is one transaction that inserts what is
 * missing (ON CONFLICT DO NOTHING) and moves the id sequences past what it copied, so a second run
 * copies nothing and an interrupted run resumes where it stopped. A row already in PostgreSQL under
 * the same key but with other content (another office's database) stops the copy with what differs.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { CONVERSATION_SCHEMA_VERSION, CONVERSATIONS_DB_FILE, SqliteConversationStore } from "../../conversation/sqlite-store.js";
import { FAQ_DB_FILE, FAQ_SCHEMA_VERSION, SqliteFaqStore } from "../../faq/sqlite-store.js";
import { SCHEMA_VERSION, SqliteHandoffStore, TICKETS_DB_FILE } from "../../handoff/sqlite-store.js";
import { SALT_FILE } from "../../question-log/salt.js";
import { POLICY_VERSIONS_DB_FILE, POLICY_VERSIONS_SCHEMA_VERSION, SqlitePolicyVersionStore } from "../../policy/sqlite-version-store.js";
import { QUESTION_LOG_DB_FILE, QUESTION_LOG_SCHEMA_VERSION, SqliteQuestionLogStore } from "../../question-log/sqlite-store.js";
import { CONSOLE_DB_FILE, CONSOLE_SCHEMA_VERSION, SqliteUserStore } from "../../users/sqlite-store.js";
import { PgDatabase } from "./database.js";
import { toPgStoreError } from "./errors.js";
import { createPgPool } from "./pool.js";

export interface CopyOptions {
  dataDir: string;
  databaseUrl: string;
  /** PostgreSQL schema other than the URL's or the server's default (tests). */
  databaseSchema?: string;
  /** QUESTION_LOG_SALT: when set, the instances hash with it and the data folder's salt file is not copied. */
  questionLogSalt?: string | null;
  /** Rows per transaction. */
  batchSize?: number;
  /** Called after each committed batch (progress; tests stop a run part-way here). */
  afterBatch?: (table: string, copiedSoFar: number) => void | Promise<void>;
}

export interface TableReport {
  /** The SQLite file it came from. */
  file: string;
  table: string;
  /** Rows in the SQLite file. */
  source: number;
  /** Inserted (or, for counters, raised) by this run. */
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
  /** A counter row (key, value): raised to the SQLite value, never lowered, instead of inserted once. */
  counter?: boolean;
}

/** One SQLite file of the data folder and what is copied from it. */
interface SourceFile {
  file: string;
  /** Whether the office must have it (tickets) or may never have used that feature. */
  required: boolean;
  schemaVersion: number;
  /** Open and close the store once: brings an older file to the current schema (this writes to it, once). */
  upgrade(dataDir: string): Promise<void>;
  tables: TableCopy[];
}

const nul = (v: unknown) => (typeof v === "string" && v.includes("\u0000") ? v.replaceAll("\u0000", "\uFFFD") : v);
const byId = (table: string) => `SELECT * FROM ${table} WHERE id > :after ORDER BY id LIMIT :limit`;
const idSequence = (table: string) => `pg_get_serial_sequence('${table}', 'id')`;

const TICKETS: SourceFile = {
  file: TICKETS_DB_FILE,
  required: true,
  schemaVersion: SCHEMA_VERSION,
  upgrade: (dataDir) => SqliteHandoffStore.open(dataDir).close(),
  tables: [
    {
      table: "tickets",
      select: byId("tickets"),
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
      select: byId("ticket_events"),
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
      sequence: idSequence("ticket_events"),
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
      select: byId("deliveries"),
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
        ["dedupe_key", "text"],
      ],
      key: ["id"],
      identity: ["ticket_id", "kind", "chat_id", "created_at"],
      sequence: idSequence("deliveries"),
    },
    {
      table: "processed_updates",
      select: `SELECT * FROM processed_updates WHERE update_id > :after ORDER BY update_id LIMIT :limit`,
      cursor: "update_id",
      columns: [
        ["update_id", "bigint"],
        ["at", "bigint"],
        ["owner", "text"],
        ["claimed_at", "bigint"],
        ["done", "boolean"],
      ],
      key: ["update_id"],
      identity: [],
      sequence: null,
    },
    {
      table: "answer_outcomes",
      select: byId("answer_outcomes"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["at", "bigint"],
        ["outcome", "text"],
      ],
      key: ["id"],
      identity: ["at", "outcome"],
      sequence: idSequence("answer_outcomes"),
    },
  ],
};

const FAQ: SourceFile = {
  file: FAQ_DB_FILE,
  required: false,
  schemaVersion: FAQ_SCHEMA_VERSION,
  upgrade: (dataDir) => SqliteFaqStore.open(dataDir).close(),
  tables: [
    {
      table: "faq_entries",
      select: byId("faq_entries"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["status", "text"],
        ["questions", "json"],
        ["answer", "text"],
        ["measures", "json"],
        ["measure_digests", "json"],
        ["ticket_id", "bigint"],
        ["reply_event_id", "bigint"],
        ["staff_id", "text"],
        ["staff_name", "text"],
        ["answered_at", "bigint"],
        ["candidates", "json"],
        ["created_at", "bigint"],
        ["reviewed_by", "text"],
        ["reviewed_by_name", "text"],
        ["reviewed_at", "bigint"],
        ["hits", "integer"],
        ["last_hit_at", "bigint"],
        ["card_queued", "boolean"],
        ["card_chat_id", "text"],
        ["card_message_id", "bigint"],
        ["updated_at", "bigint"],
      ],
      key: ["id"],
      identity: ["ticket_id", "created_at"],
      sequence: idSequence("faq_entries"),
    },
    {
      table: "faq_reviews",
      select: byId("faq_reviews"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["entry_id", "bigint"],
        ["at", "bigint"],
        ["actor", "text"],
        ["actor_name", "text"],
        ["action", "text"],
        ["detail", "text"],
      ],
      key: ["id"],
      identity: ["entry_id", "at", "actor", "action"],
      sequence: idSequence("faq_reviews"),
    },
    {
      table: "faq_meta",
      select: `SELECT key, value FROM faq_meta WHERE key > :after ORDER BY key LIMIT :limit`,
      cursor: "key",
      columns: [
        ["key", "text"],
        ["value", "bigint"],
      ],
      key: ["key"],
      identity: [],
      sequence: null,
      counter: true,
    },
  ],
};

const QUESTION_LOG: SourceFile = {
  file: QUESTION_LOG_DB_FILE,
  required: false,
  schemaVersion: QUESTION_LOG_SCHEMA_VERSION,
  upgrade: (dataDir) => SqliteQuestionLogStore.open(dataDir).close(),
  tables: [
    {
      table: "questions",
      select: byId("questions"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["at", "bigint"],
        ["asker_hash", "text"],
        ["channel", "text"],
        ["question", "text"],
        ["outcome", "text"],
        ["handoff_reason", "text"],
        ["source", "text"],
        ["faq_entry_id", "bigint"],
        ["cited", "json"],
        ["latency_ms", "double precision"],
        ["feedback", "text"],
        ["feedback_at", "bigint"],
        ["ticket_id", "bigint"],
      ],
      key: ["id"],
      identity: ["at", "channel", "outcome", "source"],
      sequence: idSequence("questions"),
    },
  ],
};

const CONVERSATIONS: SourceFile = {
  file: CONVERSATIONS_DB_FILE,
  required: false,
  schemaVersion: CONVERSATION_SCHEMA_VERSION,
  upgrade: (dataDir) => SqliteConversationStore.open(dataDir).close(),
  tables: [
    {
      table: "turns",
      select: byId("turns"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["channel", "text"],
        ["chat_id", "text"],
        ["user_id", "text"],
        ["turn_key", "text"],
        ["at", "bigint"],
        ["question", "text"],
        ["context", "text"],
        ["outcome", "text"],
        ["handoff_reason", "text"],
        ["understood", "text"],
        ["language", "text"],
        ["citations", "json"],
        ["related", "json"],
        ["choices", "json"],
        ["in_context", "boolean"],
      ],
      key: ["id"],
      identity: ["channel", "chat_id", "turn_key", "at"],
      sequence: idSequence("turns"),
    },
  ],
};

const POLICY_VERSIONS: SourceFile = {
  file: POLICY_VERSIONS_DB_FILE,
  required: false,
  schemaVersion: POLICY_VERSIONS_SCHEMA_VERSION,
  upgrade: (dataDir) => SqlitePolicyVersionStore.open(dataDir).close(),
  tables: [
    {
      table: "policy_versions",
      select: byId("policy_versions"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["version", "text"],
        ["published_at", "bigint"],
        ["published_by", "text"],
        ["measures", "integer"],
        ["diff", "json"],
      ],
      key: ["id"],
      identity: ["version", "published_at", "published_by"],
      sequence: idSequence("policy_versions"),
    },
  ],
};

const CONSOLE: SourceFile = {
  file: CONSOLE_DB_FILE,
  required: false,
  schemaVersion: CONSOLE_SCHEMA_VERSION,
  upgrade: (dataDir) => SqliteUserStore.open(dataDir).close(),
  tables: [
    {
      table: "console_users",
      select: byId("users"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["name", "text"],
        ["role", "text"],
        ["password_hash", "text"],
        ["created_at", "bigint"],
        ["password_set_at", "bigint"],
      ],
      key: ["id"],
      identity: ["name", "created_at"],
      sequence: idSequence("console_users"),
    },
    {
      table: "console_audit",
      select: byId("audit"),
      cursor: "id",
      columns: [
        ["id", "bigint"],
        ["at", "bigint"],
        ["actor", "text"],
        ["action", "text"],
        ["target", "text"],
        ["detail", "text"],
      ],
      key: ["id"],
      identity: ["at", "actor", "action"],
      sequence: idSequence("console_audit"),
    },
  ],
};

export const SOURCE_FILES: readonly SourceFile[] = [TICKETS, FAQ, QUESTION_LOG, CONVERSATIONS, POLICY_VERSIONS, CONSOLE];

/** SQLite's 0/1 flags become booleans; everything else as stored. */
function pgValue(row: Row, [name, cast]: [string, string]): unknown {
  const v = row[name];
  if (cast === "boolean") return v === null ? null : v === 1 || v === true;
  return nul(v);
}

/** Copy everything; returns what was found and copied per table (a file the office never had: no rows). */
export async function copySqliteToPostgres({ dataDir, databaseUrl, databaseSchema, questionLogSalt, batchSize = 500, afterBatch }: CopyOptions): Promise<TableReport[]> {
  if (!fs.existsSync(path.join(dataDir, TICKETS_DB_FILE))) throw new CopyConflictError(`no ${TICKETS_DB_FILE} in ${dataDir}: set DATA_DIR to the office's data folder`);
  const schema = databaseSchema !== undefined ? { schema: databaseSchema } : {};
  // The PostgreSQL schema first: every store's tables, at the current version.
  await (await PgDatabase.open({ url: databaseUrl, ...schema })).release();
  const pool = createPgPool({ url: databaseUrl, ...schema, max: 1 });
  try {
    const reports: TableReport[] = [];
    for (const source of SOURCE_FILES) reports.push(...(await copyFile(dataDir, source, pool, batchSize, afterBatch)));
    if (!questionLogSalt) reports.push(...(await copySalt(dataDir, pool)));
    return reports;
  } catch (err) {
    throw toPgStoreError(err);
  } finally {
    await pool.end();
  }
}

async function copyFile(dataDir: string, source: SourceFile, pool: pg.Pool, batchSize: number, afterBatch: CopyOptions["afterBatch"]): Promise<TableReport[]> {
  const file = path.join(dataDir, source.file);
  if (!source.required && !fs.existsSync(file)) return source.tables.map((t) => ({ file: source.file, table: t.table, source: 0, copied: 0, present: 0 }));
  await source.upgrade(dataDir);
  const db = new Database(file, { readonly: true });
  try {
    const version = db.pragma("user_version", { simple: true });
    if (version !== source.schemaVersion) throw new CopyConflictError(`${file} has schema version ${String(version)}, this program copies version ${source.schemaVersion}`);
    const reports: TableReport[] = [];
    for (const t of source.tables) reports.push(await copyTable(db, source.file, pool, t, batchSize, afterBatch));
    return reports;
  } finally {
    db.close();
  }
}

async function copyTable(source: Database.Database, file: string, pool: pg.Pool, t: TableCopy, batchSize: number, afterBatch: CopyOptions["afterBatch"]): Promise<TableReport> {
  const report: TableReport = { file, table: t.table, source: 0, copied: 0, present: 0 };
  const select = source.prepare<{ after: unknown; limit: number }, Row>(t.select);
  let after: unknown = t.cursor === "key" ? "" : -9_007_199_254_740_991;
  for (;;) {
    const rows = select.all({ after, limit: batchSize });
    if (rows.length === 0) return report;
    after = rows[rows.length - 1]![t.cursor];
    const inserted = await insertBatch(pool, t, rows);
    report.source += rows.length;
    report.copied += inserted;
    report.present += rows.length - inserted;
    await afterBatch?.(t.table, report.copied + report.present);
  }
}

/** One transaction: insert what is missing, check what was there, move the sequence on. Returns rows inserted (or raised). */
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
    // A counter (faq_meta) only ever rises: the copy raises it to the SQLite value, a second run leaves it.
    const onConflict = t.counter ? `DO UPDATE SET value = EXCLUDED.value WHERE ${t.table}.value < EXCLUDED.value` : "DO NOTHING";
    const inserted = await client
      .query<Row>(`INSERT INTO ${t.table} (${names}) VALUES ${tuples.join(", ")} ON CONFLICT (${t.key.join(", ")}) ${onConflict} RETURNING ${t.key.join(", ")}`, values)
      .catch((err: unknown) => {
        // Another unique key than the conflict target (one FAQ entry per ticket): the same verdict as a differing row.
        if ((err as { code?: unknown }).code === "23505") throw new CopyConflictError(`${t.table}: ${(err as Error).message}: PostgreSQL already holds other rows. Copy into an empty database (or schema), before any instance runs on it.`);
        throw err;
      });
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
        `${t.table} ${what} is already in PostgreSQL with other ${differs.join(", ")}: it holds another office's data or was written before the copy. ` +
          `Copy into an empty database (or schema), before any instance runs on it.`,
      );
    }
  }
}

/** The data folder's salt for askers' hashes, so 👍/👎 on copied questions still match their askers. */
async function copySalt(dataDir: string, pool: pg.Pool): Promise<TableReport[]> {
  const file = path.join(dataDir, SALT_FILE);
  if (!fs.existsSync(file)) return [];
  const salt = fs.readFileSync(file, "utf8").trim();
  const inserted = await pool.query(`INSERT INTO question_log_salt (salt) VALUES ($1) ON CONFLICT (only_one) DO NOTHING`, [salt]);
  const { rows } = await pool.query<{ salt: string }>(`SELECT salt FROM question_log_salt`);
  if (rows[0]?.salt !== salt) {
    throw new CopyConflictError(
      `question_log_salt: PostgreSQL already holds another askers' salt than ${file}: an instance ran on it before the copy, or it holds another office's data. ` +
        `Copy into an empty database (or schema), before any instance runs on it.`,
    );
  }
  const copied = inserted.rowCount ?? 0;
  return [{ file: SALT_FILE, table: "question_log_salt", source: 1, copied, present: 1 - copied }];
}
