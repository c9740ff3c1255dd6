/**
 * Schema migrations for PostgreSQL: numbered .sql files (0001_handoff.sql, 0002_…) in
 * src/store/pg/migrations/, applied in order at start-up, each in its own transaction, recorded in
 * schema_migrations. Several instances starting at once take turns on an advisory lock (per
 * schema), so each file runs exactly once.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Advisory lock key space of this program (first key); the second key is the schema's hash. */
const LOCK_CLASS = 0x4b505342; // "KPSB"
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The folder holding package.json: this runs from src/ (tsx) or from dist/src/ (compiled), and the .sql files stay in src/. */
function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: cannot find the PostgreSQL migrations`);
  }
}

export const MIGRATIONS_DIR = join(repoRoot(dirname(fileURLToPath(import.meta.url))), "src", "store", "pg", "migrations");

/** The migrations in a folder, checked: numbered 0001, 0002, … without gaps or repeats. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".sql")).sort();
  return files.map((file, i) => {
    const m = FILE_NAME.exec(file);
    if (!m) throw new Error(`${join(dir, file)}: a migration file is named NNNN_name.sql (four digits, lower-case name)`);
    const version = Number(m[1]);
    if (version !== i + 1) throw new Error(`${join(dir, file)}: expected migration number ${String(i + 1).padStart(4, "0")} here (no gaps, no repeats)`);
    return { version, name: m[2] ?? "", sql: readFileSync(join(dir, file), "utf8") };
  });
}

export interface MigrateResult {
  /** Versions applied by this call (empty when another instance, or an earlier start, did them). */
  applied: number[];
  version: number;
}

/**
 * Bring the schema up to date. Creates the schema named first in search_path if it does not exist.
 * Refuses a database migrated by a newer program (a version it does not know).
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = readMigrations()): Promise<MigrateResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client whose connection dies emits "error"; unheard, that would crash the process.
  const onLost = (err: Error) => void (broken ??= err);
  client.on("error", onLost);
  try {
    await ensureSchema(client);
    await client.query("SELECT pg_advisory_lock($1, hashtext(current_schema()))", [LOCK_CLASS]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
      const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
      const newest = Math.max(0, ...done);
      if (newest > migrations.length) {
        throw new Error(`the PostgreSQL database has schema version ${newest}, newer than this program knows (${migrations.length}); update the program`);
      }
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw annotate(err, m);
        }
        applied.push(m.version);
      }
      return { applied, version: migrations.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext(current_schema()))", [LOCK_CLASS]).catch(() => undefined);
    }
  } catch (err) {
    broken = err as Error;
    throw err;
  } finally {
    // A connection that failed mid-way is not handed out again (the server drops its advisory lock with it).
    client.off("error", onLost);
    client.release(broken);
  }
}

/** With search_path naming a schema that does not exist yet, current_schema() is null and CREATE TABLE would fail. */
async function ensureSchema(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ current: string | null; path: string }>("SELECT current_schema() AS current, current_setting('search_path') AS path");
  if (rows[0]?.current) return;
  const first = (rows[0]?.path ?? "")
    .split(",")
    .map((s) => s.trim().replace(/^"(.*)"$/, "$1"))
    .find((s) => s !== "" && s !== "$user");
  if (!first) throw new Error("PostgreSQL search_path names no schema to create the tables in");
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(first)}`);
}

function annotate(err: unknown, m: Migration): unknown {
  if (!(err instanceof Error)) return err;
  // Keep the original error (its code decides whether it is a store fault); say which file failed.
  err.message = `migration ${String(m.version).padStart(4, "0")}_${m.name}.sql failed: ${err.message}`;
  return err;
}
