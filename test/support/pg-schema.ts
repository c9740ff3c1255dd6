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
