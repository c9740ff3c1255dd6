/**
 * The PostgreSQL connection pool every store shares: BIGINT columns (epoch ms, ids) read as
 * numbers, timeouts so a lock held elsewhere or a hung server surfaces as a store fault instead of
 * a frozen bot, and an error listener so a connection the server drops never crashes the process.
 */
import { userInfo } from "node:os";
import pg from "pg";

/** pg reads BIGINT (int8) as a string; every BIGINT here is an epoch-ms time, an id or a count, all below 2^53. */
const INT8_OID = 20;
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

export interface PgPoolOptions {
  url: string;
  /** Tables live in this schema (search_path); default: the URL's or the server's (public). Tests use one each. */
  schema?: string;
  max?: number;
  /** Wait at most this long for a connection (pool full, or server slow to accept). */
  connectTimeoutMs?: number;
  /** A statement waits at most this long for a row or table lock another session holds. */
  lockTimeoutMs?: number;
  /** A statement runs at most this long. */
  statementTimeoutMs?: number;
  /** Give up on a reply after this long on the client side (a server that stopped answering). */
  queryTimeoutMs?: number;
  /** Told about errors on idle connections (the server restarted or went away). */
  onIdleError?: (err: Error) => void;
}

/** A schema name safe to put into search_path without quoting: what tests and operators use. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** As libpq does: a URL without a user name logs in as PGUSER, else as the operating-system user (pg would send none). */
export function withDefaultUser(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // pg reports what is wrong with it
  }
  if (parsed.username || process.env.PGUSER || process.env.USER || !parsed.host) return url;
  parsed.username = encodeURIComponent(userInfo().username);
  return parsed.toString();
}

export function createPgPool(o: PgPoolOptions): pg.Pool {
  if (o.schema !== undefined && !SCHEMA_NAME.test(o.schema)) {
    throw new Error(`PostgreSQL schema name "${o.schema}" is not allowed: use lower-case letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: withDefaultUser(o.url),
    max: o.max ?? 10,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    ...(o.lockTimeoutMs !== undefined ? { lock_timeout: o.lockTimeoutMs } : {}),
    statement_timeout: o.statementTimeoutMs ?? 30_000,
    ...(o.queryTimeoutMs !== undefined ? { query_timeout: o.queryTimeoutMs } : {}),
    // A crashed or stuck client never holds row locks for long.
    idle_in_transaction_session_timeout: 60_000,
    application_name: "karamay-policy-bot",
    ...(o.schema !== undefined ? { options: `-c search_path=${o.schema}` } : {}),
    types: TYPES,
  });
  pool.on("error", (err) => o.onIdleError?.(err));
  return pool;
}
