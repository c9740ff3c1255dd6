/**
 * The SQLite plumbing every store shares (tickets, FAQ, question log), so each store file holds
 * only its schema and its SQL: open with pragmas, versioned migrations through PRAGMA user_version,
 * one write transaction at a time per process with BEGIN IMMEDIATE (another process's write lock is
 * waited for without blocking the event loop), driver errors mapped to StoreUnavailableError, and a
 * second connection with a short busy timeout for best-effort writes.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { StoreUnavailableError } from "./errors.js";
import { Mutex } from "./mutex.js";

/** How long a write transaction waits for another process's write lock, retried without blocking the event loop. */
export const DEFAULT_LOCK_WAIT_MS = 5_000;
/** Best-effort writes give up after this: better-sqlite3 blocks the event loop while it waits. */
export const DEFAULT_BEST_EFFORT_WAIT_MS = 50;
/** Opening and migrating may meet another process doing the same; this blocks, but only at start. */
const OPEN_BUSY_TIMEOUT_MS = 5_000;
/** Statements of the main connection wait this long at most (WAL readers almost never wait). */
const STATEMENT_BUSY_TIMEOUT_MS = 20;
const LOCK_RETRY_MS = 25;

export interface SqliteStoreOptions {
  lockWaitMs?: number;
  bestEffortWaitMs?: number;
}

export interface SqliteDatabaseSpec {
  /** File name under the data folder, e.g. tickets.sqlite. */
  file: string;
  /** The database in an operator's words, for errors and hints: "tickets database". */
  label: string;
  /** Schema versions, applied in order; PRAGMA user_version records how many have run. */
  migrations: readonly string[];
}

/** better-sqlite3's error codes → the store's fault reasons; anything else (a constraint, a bug) passes through. */
export function toStoreError(err: unknown, label = "tickets database"): unknown {
  if (err instanceof StoreUnavailableError) return err;
  if (err instanceof TypeError && /database connection is not open/i.test(err.message)) {
    return new StoreUnavailableError("closed", `the ${label} is closed`, { cause: err, database: label });
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (!(err instanceof Database.SqliteError) || typeof code !== "string") return err;
  const what = `${label}: ${err.message} (${code})`;
  const fault = (reason: StoreUnavailableError["reason"]) => new StoreUnavailableError(reason, what, { cause: err, database: label });
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return fault("busy");
  if (code === "SQLITE_FULL") return fault("full");
  if (code.startsWith("SQLITE_READONLY")) return fault("read-only");
  if (/^SQLITE_(IOERR|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/.test(code)) return fault("io");
  return err;
}

const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One SQLite file opened for a store: `db` for reads and transactions, `bestEffort` for writes
 * callers can do without. Stores build their statements on these and run them through `call`,
 * `transaction` and `bestEffortCall`.
 */
export class SqliteDatabase {
  private readonly mutex = new Mutex();
  // Prepared once: exec() would parse them again for every transaction.
  private readonly control: Record<"begin" | "commit" | "rollback", Database.Statement>;

  private constructor(
    readonly db: Database.Database,
    readonly bestEffort: Database.Database,
    readonly label: string,
    private readonly lockWaitMs: number,
  ) {
    this.control = { begin: db.prepare("BEGIN IMMEDIATE"), commit: db.prepare("COMMIT"), rollback: db.prepare("ROLLBACK") };
  }

  /** Open (creating the directory and schema as needed) `${dataDir}/${spec.file}`. */
  static open(dataDir: string, spec: SqliteDatabaseSpec, { lockWaitMs = DEFAULT_LOCK_WAIT_MS, bestEffortWaitMs = DEFAULT_BEST_EFFORT_WAIT_MS }: SqliteStoreOptions = {}): SqliteDatabase {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, spec.file);
    let db: Database.Database | null = null;
    let bestEffort: Database.Database | null = null;
    try {
      db = new Database(file);
      db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`); // first: WAL switch and migration may meet another writer
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL"); // WAL + NORMAL survives a process crash; only a power cut may lose the last commits
      db.pragma("foreign_keys = ON");
      migrate(db, spec);
      db.pragma(`busy_timeout = ${STATEMENT_BUSY_TIMEOUT_MS}`);
      bestEffort = new Database(file);
      bestEffort.pragma(`busy_timeout = ${bestEffortWaitMs}`);
      return new SqliteDatabase(db, bestEffort, spec.label, lockWaitMs);
    } catch (err) {
      bestEffort?.close();
      db?.close();
      throw toStoreError(err, spec.label);
    }
  }

  /** Run a synchronous driver call as the store's async API, with faults mapped. */
  async call<T>(fn: () => T): Promise<T> {
    try {
      return fn();
    } catch (err) {
      throw toStoreError(err, this.label);
    }
  }

  /**
   * Run fn atomically: one transaction at a time in this process, BEGIN IMMEDIATE so a
   * read-then-write never races another process; a throw rolls everything back. `fn` gets a
   * guard that is false once the transaction ended, so a store can refuse writes made too late.
   */
  transaction<T>(fn: (isActive: () => boolean) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      await this.begin();
      let active = true;
      try {
        const result = await fn(() => active);
        this.control.commit.run();
        return result;
      } catch (err) {
        // A failed COMMIT (e.g. SQLITE_FULL) may have rolled back already.
        try {
          if (this.db.open && this.db.inTransaction) this.control.rollback.run();
        } catch {
          // The original error says more; SQLite rolls back an unfinished transaction on its own.
        }
        throw toStoreError(err, this.label);
      } finally {
        active = false;
      }
    });
  }

  /** BEGIN IMMEDIATE takes the write lock up front; while another process holds it, wait without blocking the event loop. */
  private async begin(): Promise<void> {
    const deadline = Date.now() + this.lockWaitMs;
    for (;;) {
      try {
        this.control.begin.run();
        return;
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw toStoreError(err, this.label);
      }
      await sleep(LOCK_RETRY_MS);
    }
  }

  /** Waits for a transaction in progress, then closes both connections. Closing twice is harmless. */
  async close(): Promise<void> {
    await this.mutex.run(async () => {
      if (this.bestEffort.open) this.bestEffort.close();
      if (this.db.open) this.db.close();
    });
  }
}

function migrate(db: Database.Database, { file, migrations }: SqliteDatabaseSpec): void {
  const current = () => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > migrations.length) {
      throw new Error(`${file} has schema version ${version}, newer than this program knows (${migrations.length}); update the program`);
    }
    return version;
  };
  // Up to date: no write lock needed, so opening never waits for another process's transaction.
  if (current() === migrations.length) return;
  // Tables are rebuilt to change constraints: foreign keys off meanwhile (only outside a transaction), checked before commit.
  db.pragma("foreign_keys = OFF");
  try {
    // IMMEDIATE: two processes opening a fresh file must not both run the same migration.
    db.transaction(() => {
      const version = current();
      for (let v = version; v < migrations.length; v++) {
        db.exec(migrations[v] ?? "");
        db.pragma(`user_version = ${v + 1}`);
      }
      const broken = db.pragma("foreign_key_check") as unknown[];
      if (broken.length > 0) throw new Error(`${file}: migration left ${broken.length} rows pointing at missing rows; nothing was changed`);
    }).immediate();
  } finally {
    db.pragma("foreign_keys = ON");
  }
}
