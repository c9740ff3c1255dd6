/**
 * The PostgreSQL plumbing every store shares (tickets, FAQ, question log, conversations), the
 * counterpart of src/store/sqlite.ts: one database and schema for all of them, one pool for reads
 * and transactions and a small quick pool for writes callers can do without, the numbered
 * migrations run once at open (under an advisory lock), transactions retried when PostgreSQL
 * aborts one side of a race, and driver errors mapped to StoreUnavailableError with the store's name.
 * Stores hold a share of it; the pools end when the last share is released.
 */
import type pg from "pg";
import { StoreUnavailableError } from "../errors.js";
import { isRetryableConflict, toPgStoreError } from "./errors.js";
import { migrate } from "./migrate.js";
import { createPgPool } from "./pool.js";

/** How long a transaction's statement waits for a lock another instance holds (as SQLite's lockWaitMs). */
export const DEFAULT_PG_LOCK_WAIT_MS = 5_000;
/** Best-effort writes give up after this; a network round trip is part of it. */
export const DEFAULT_PG_BEST_EFFORT_WAIT_MS = 250;
export const DEFAULT_PG_POOL_SIZE = 10;
/** Deadlocks and serialization failures: PostgreSQL aborts one side; run it again this many times in all. */
const MAX_TX_ATTEMPTS = 4;

export interface PgDatabaseOptions {
  url: string;
  /** Tables in this schema (search_path) instead of the URL's or the server's default; tests use one each. */
  schema?: string;
  lockWaitMs?: number;
  bestEffortWaitMs?: number;
  /** Connections for reads and transactions (DATABASE_POOL_SIZE, default 10); the quick pool has at most 4. */
  poolSize?: number;
  /** Errors on idle connections (the server restarted); they are not otherwise reported. */
  onIdleError?: (err: Error) => void;
}

/** What a store's statements run on: the pool, or one transaction's connection. */
export type Queryable = Pick<pg.Pool, "query">;

export class PgDatabase {
  private shares = 1;
  private ending: Promise<void> | null = null;

  private constructor(
    /** Reads and transactions. */
    readonly pool: pg.Pool,
    /** Writes callers can do without, and cheap polled reads: short waits, and never behind a transaction for a connection. */
    readonly quick: pg.Pool,
  ) {}

  /** Connect, and create or update the schema of every store (migrations under an advisory lock). */
  static async open({ url, schema, lockWaitMs = DEFAULT_PG_LOCK_WAIT_MS, bestEffortWaitMs = DEFAULT_PG_BEST_EFFORT_WAIT_MS, poolSize, onIdleError }: PgDatabaseOptions, label = "tickets database"): Promise<PgDatabase> {
    const common = { url, ...(schema !== undefined ? { schema } : {}), ...(onIdleError ? { onIdleError } : {}) };
    const size = poolSize ?? DEFAULT_PG_POOL_SIZE;
    const pool = createPgPool({ ...common, max: size, lockTimeoutMs: lockWaitMs, queryTimeoutMs: 35_000 });
    const quick = createPgPool({
      ...common,
      max: Math.min(4, size),
      connectTimeoutMs: Math.max(1_000, bestEffortWaitMs),
      lockTimeoutMs: bestEffortWaitMs,
      statementTimeoutMs: Math.max(1_000, bestEffortWaitMs * 4),
      queryTimeoutMs: Math.max(2_000, bestEffortWaitMs * 8),
    });
    try {
      await migrate(pool);
    } catch (err) {
      await Promise.allSettled([pool.end(), quick.end()]);
      throw toPgStoreError(err, label);
    }
    return new PgDatabase(pool, quick);
  }

  /** One more holder of these pools (a store); each holder calls release() once. */
  share(): PgDatabase {
    if (this.shares === 0) throw new StoreUnavailableError("closed", "the PostgreSQL connection pools were closed", { backend: "postgres" });
    this.shares++;
    return this;
  }

  /** Give up one share; the last one waits for connections in use to come back, then disconnects. */
  async release(): Promise<void> {
    if (this.shares === 0) return this.ending ?? undefined;
    this.shares--;
    if (this.shares === 0) this.ending = Promise.all([this.pool.end(), this.quick.end()]).then(() => undefined);
    return this.ending ?? undefined;
  }

  async query<R extends pg.QueryResultRow>(label: string, sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<pg.QueryResult<R>> {
    try {
      return await on.query<R>(sql, params);
    } catch (err) {
      throw toPgStoreError(err, label);
    }
  }

  /** On the quick pool: a short wait at most. */
  quickQuery<R extends pg.QueryResultRow>(label: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.query<R>(label, sql, params, this.quick);
  }

  /**
   * Run fn in a transaction on a connection of its own; a throw rolls it back. A deadlock or
   * serialization failure runs fn again (a few times). `quick`: on the quick pool, with its short
   * lock wait (writes callers can do without).
   */
  async transaction<T>(label: string, fn: (client: pg.PoolClient) => Promise<T>, { quick = false }: { quick?: boolean } = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(quick ? this.quick : this.pool, fn);
      } catch (err) {
        const conflict = isRetryableConflict(err) || (err instanceof StoreUnavailableError && isRetryableConflict(err.cause));
        if (conflict && attempt < MAX_TX_ATTEMPTS) continue;
        throw toPgStoreError(err, label);
      }
    }
  }

  private async attempt<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    // A checked-out client whose connection dies emits "error"; unheard, that would crash the process.
    const onLost = (err: Error) => void (broken ??= err);
    client.on("error", onLost);
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackErr) {
        // The connection is gone (the server rolls back by itself); never hand it out again. The original error says more.
        broken = rollbackErr as Error;
      }
      throw err;
    } finally {
      client.off("error", onLost);
      client.release(broken);
    }
  }
}

/** A store's own handle on the shared database: its name for errors, and refusing work once the store is closed. */
export class PgStoreHandle {
  private closed = false;

  constructor(
    readonly db: PgDatabase,
    /** The store in an operator's words ("FAQ database"). */
    readonly label: string,
  ) {}

  private check(): void {
    if (this.closed) throw new StoreUnavailableError("closed", `the ${this.label} is closed`, { database: this.label, backend: "postgres" });
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], on?: Queryable): Promise<pg.QueryResult<R>> {
    this.check();
    return this.db.query<R>(this.label, sql, params, on);
  }

  async rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], on?: Queryable): Promise<R[]> {
    return (await this.query<R>(sql, params, on)).rows;
  }

  async quickQuery<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    this.check();
    return this.db.quickQuery<R>(this.label, sql, params);
  }

  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, options?: { quick?: boolean }): Promise<T> {
    this.check();
    return this.db.transaction(this.label, fn, options);
  }

  /** Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.release();
  }
}

/** PostgreSQL text cannot hold U+0000; it becomes U+FFFD so the rest of the text is stored as written. */
export const pgText = (s: string): string => (s.includes("\u0000") ? s.replaceAll("\u0000", "\uFFFD") : s);
export const pgTextOrNull = (s: string | null): string | null => (s === null ? null : pgText(s));
