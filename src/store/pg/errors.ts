/**
 * PostgreSQL and connection errors → the store's fault reasons, so the bot treats a database that is
 * down, full or locked as it treats SQLite in that state: it keeps answering, and says what to do.
 * Anything else (a constraint, a bug) passes through unchanged.
 */
import { StoreUnavailableError, type StoreFaultReason } from "../errors.js";

/** Node socket errors: the server is not there or the connection broke. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

/** pg's own errors carry no code; these messages mean the connection is gone or never came. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i, // the pool waited connectionTimeoutMillis for a connection
  /^Query read timeout/i,
  /not queryable/i,
  /^Client was closed and is not queryable/i,
];
const CLOSED_MESSAGES = [/Cannot use a pool after calling end/i, /called end on the pool more than once/i];

/** The reason for a SQLSTATE (https://www.postgresql.org/docs/15/errcodes-appendix.html), or null if it is not a fault of the store. */
export function reasonForSqlState(code: string): StoreFaultReason | null {
  if (code === "53100") return "full"; // disk_full
  if (code.startsWith("53")) return "busy"; // out of memory, too many connections
  if (code === "55P03" || code === "57014" || code === "40001" || code === "40P01") return "busy"; // lock_timeout, statement_timeout, serialization, deadlock
  if (code === "25006") return "read-only"; // a standby, or default_transaction_read_only
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return "unreachable"; // connection lost, server shutting down or starting
  if (code.startsWith("28") || code === "3D000") return "unreachable"; // login refused, no such database: DATABASE_URL is wrong
  if (code.startsWith("58") || code.startsWith("XX")) return "io"; // I/O error, corrupted data
  return null;
}

function reasonOf(err: unknown): StoreFaultReason | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code)) return "unreachable";
    if (/^[0-9A-Z]{5}$/.test(code)) return reasonForSqlState(code);
  }
  // A failed connect wraps the socket error (AggregateError for several addresses).
  const nested = err instanceof AggregateError ? err.errors : err.cause !== undefined ? [err.cause] : [];
  for (const inner of nested) {
    const reason = reasonOf(inner);
    if (reason) return reason;
  }
  if (CONNECTION_MESSAGES.some((re) => re.test(err.message))) return "unreachable";
  if (CLOSED_MESSAGES.some((re) => re.test(err.message))) return "closed";
  return null;
}

/** A store fault for what PostgreSQL (or the way to it) refused; anything else unchanged. `database`: the store, in an operator's words. */
export function toPgStoreError(err: unknown, database = "tickets database"): unknown {
  if (err instanceof StoreUnavailableError) return err;
  const reason = reasonOf(err);
  if (!reason) return err;
  const e = err as Error & { code?: string };
  const code = e.code ? ` (${e.code})` : "";
  const message = e.message || (err instanceof AggregateError ? err.errors.map((x: Error) => x.message).join("; ") : e.name);
  return new StoreUnavailableError(reason, `${database} (PostgreSQL): ${message}${code}`, { cause: err, database, backend: "postgres" });
}

/** Worth running the whole transaction again: another transaction won a race PostgreSQL could not order. */
export const isRetryableConflict = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "40001" || code === "40P01";
};
