/**
 * A PostgreSQL schema of its own for one test: created empty, named in search_path of every
 * connection the test opens (through the store option or the URL), dropped after.
 */
import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import pg from "pg";
import { withDefaultUser } from "../../src/store/pg/pool.js";

export interface TestSchema {
  readonly name: string;
  /** The server URL (without the schema). */
  readonly url: string;
  /** The URL with the schema in its search_path, for processes that only take DATABASE_URL. */
  readonly urlWithSchema: string;
  /** Run SQL on a connection of its own, in the schema. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = [], schema?: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: withDefaultUser(url), ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function createTestSchema(url: string, prefix = "t"): Promise<TestSchema> {
  const name = `${prefix}_${process.pid}_${randomBytes(5).toString("hex")}`;
  await adminQuery(url, `CREATE SCHEMA ${name}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set("options", `-c search_path=${name}`);
  // A process started with it may have another USER (the tickets CLI's staff name): name the role.
  if (!withSchema.username) withSchema.username = process.env.PGUSER || userInfo().username;
  return {
    name,
    url,
    urlWithSchema: withSchema.toString(),
    query: (sql, params) => adminQuery(url, sql, params, name),
    drop: async () => void (await adminQuery(url, `DROP SCHEMA IF EXISTS ${name} CASCADE`)),
  };
}

/**
 * What makes a migrated schema the same as a fresh one: its tables, columns, constraints, indexes and
 * triggers (with whether each is enabled), and the rows the migrations wrote.
 */
interface Pristine {
  shape: string;
  rows: Record<string, unknown[]>;
}

const SHAPE_SQL = `
  SELECT md5(coalesce((SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || coalesce(a.cols, ''), ';' ORDER BY c.relname)
      FROM pg_class c
      LEFT JOIN LATERAL (SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN '!' ELSE '' END, ',' ORDER BY attnum) AS cols
        FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped) a ON true
      WHERE c.relnamespace = $1::regnamespace), '')
    || coalesce((SELECT string_agg(conname || ':' || pg_get_constraintdef(oid), ';' ORDER BY conname) FROM pg_constraint WHERE connamespace = $1::regnamespace), '')
    || coalesce((SELECT string_agg(t.tgname || ':' || t.tgenabled::text, ';' ORDER BY t.tgname) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = $1::regnamespace AND NOT t.tgisinternal), '')) AS shape`;

const tablesOf = async (client: pg.Client, schema: string) =>
  (await client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [schema])).rows.map((r) => r.t);

async function readPristine(client: pg.Client, schema: string): Promise<Pristine> {
  const shape = (await client.query<{ shape: string }>(SHAPE_SQL, [schema])).rows[0]!.shape;
  const rows: Record<string, unknown[]> = {};
  for (const t of await tablesOf(client, schema)) rows[t] = (await client.query(`SELECT * FROM ${schema}.${t}`)).rows;
  return { shape, rows };
}

/**
 * Empties a schema back to its just-migrated rows when nothing else about it changed and no other
 * session holds a lock in it; false when it cannot be reused (the caller drops it instead).
 */
async function restorePristine(url: string, schema: string, pristine: Pristine): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  try {
    await client.query("SET lock_timeout = '1s'");
    // Skips the append-only and foreign-key triggers while emptying (needs a superuser, as the test server's trust login is).
    await client.query("SET session_replication_role = replica");
    await client.query("BEGIN");
    const held = await client.query(
      `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relnamespace = $1::regnamespace AND l.pid <> pg_backend_pid() LIMIT 1`,
      [schema],
    );
    if (held.rowCount) return false;
    if ((await client.query<{ shape: string }>(SHAPE_SQL, [schema])).rows[0]!.shape !== pristine.shape) return false;
    for (const t of await tablesOf(client, schema)) {
      await client.query(`DELETE FROM ${schema}.${t}`);
      const rows = pristine.rows[t] ?? [];
      if (rows.length) await client.query(`INSERT INTO ${schema}.${t} SELECT * FROM json_populate_recordset(null::${schema}.${t}, $1)`, [JSON.stringify(rows)]);
    }
    const sequences = await client.query<{ s: string }>(`SELECT sequencename AS s FROM pg_sequences WHERE schemaname = $1`, [schema]);
    for (const { s } of sequences.rows) await client.query(`ALTER SEQUENCE ${schema}.${s} RESTART`);
    await client.query("COMMIT");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface ReusableSchema extends TestSchema {
  /** The test is over: the schema is emptied for the next test of this file, or dropped when it cannot be. */
  release(): Promise<void>;
}

/** Emptied schemas waiting for the next test, by server URL; dropped when the file's tests are over. */
const idle = new Map<string, { schema: TestSchema; pristine: Pristine }[]>();

/**
 * A schema holding every store's tables, just migrated, for one test. Creating a schema and running
 * every migration costs the server about 0.3 s, which each of some 300 PostgreSQL tests paid; a
 * released schema is instead emptied back to its migrated state (a few ms) and handed to the next
 * test of the same file. No two tests ever hold the same schema at once.
 */
export async function takeMigratedSchema(url: string, runMigrations: (schema: TestSchema) => Promise<void>): Promise<ReusableSchema> {
  let entry = idle.get(url)?.pop();
  if (!entry) {
    const schema = await createTestSchema(url);
    const client = new pg.Client({ connectionString: withDefaultUser(url) });
    try {
      await runMigrations(schema);
      await client.connect();
      entry = { schema, pristine: await readPristine(client, schema.name) };
    } catch (err) {
      await schema.drop();
      throw err;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const { schema, pristine } = entry;
  let released = false;
  return {
    ...schema,
    async release() {
      if (released) return;
      released = true;
      if (await restorePristine(url, schema.name, pristine)) idle.set(url, [...(idle.get(url) ?? []), { schema, pristine }]);
      else await schema.drop();
    },
  };
}

/** Drop the schemas left waiting (after a file's last test). */
export async function dropIdleSchemas(): Promise<void> {
  const all = [...idle.values()].flat();
  idle.clear();
  for (const { schema } of all) await schema.drop();
}
