/**
 * The handoff store implementations the behaviour tests run on: SQLite always, PostgreSQL when the
 * global setup found it (each test in a schema of its own). A test file parameterizes over
 * `handoffBackends()` with describe.each and gets, per test, a `HandoffStorage`: where the tickets
 * live, how to open a store or service on them, and the backend's own way to hold a write lock or
 * to fail like a full disk.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { inject } from "vitest";
import { HandoffService, type HandoffOptions } from "../../src/handoff/service.js";
import { PgHandoffStore } from "../../src/handoff/pg-store.js";
import { SqliteHandoffStore, TICKETS_DB_FILE, toStoreError } from "../../src/handoff/sqlite-store.js";
import type { HandoffStore } from "../../src/handoff/store.js";
import { toPgStoreError } from "../../src/store/pg/errors.js";
import { withDefaultUser } from "../../src/store/pg/pool.js";
import { createTestSchema, type TestSchema } from "./pg-schema.js";

export type BackendName = "sqlite" | "postgres";
export type InjectedFault = "full" | "busy";

export interface StoreTuning {
  lockWaitMs?: number;
  bestEffortWaitMs?: number;
}

/** What `HandoffService.open` (and so a spawned process) needs to reach this storage. */
export interface OpenTarget {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

export interface HandoffStorage {
  readonly backend: BackendName;
  /** A fresh folder: SQLite's tickets.sqlite lives here; with PostgreSQL it holds only what else a test puts there. */
  readonly dataDir: string;
  readonly target: OpenTarget;
  /** Environment for a process started with this storage (DATA_DIR, and DATABASE_URL with the schema). */
  readonly env: Record<string, string>;
  openStore(tuning?: StoreTuning): Promise<HandoffStore>;
  /** A service on a store of its own, as a process of the bot would have. */
  openService(opts: HandoffOptions & StoreTuning): Promise<HandoffService>;
  /** Take the write lock from a connection of another "process" until release(); reads still work. */
  holdWriteLock(): Promise<() => Promise<void>>;
  /** Run SQL on a plain connection of its own, outside any store. */
  exec(sql: string): Promise<void>;
  /** The driver error a store of this backend meets for the fault, already mapped as the store maps it. */
  faultError(fault: InjectedFault): unknown;
  destroy(): Promise<void>;
}

export interface HandoffBackend {
  readonly name: BackendName;
  create(dataDir?: string): Promise<HandoffStorage>;
}

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "handoff-store-"));

const SQLITE_DRIVER_ERRORS = {
  full: ["database or disk is full", "SQLITE_FULL"],
  busy: ["database is locked", "SQLITE_BUSY"],
} as const;

export const sqliteFaultError = (fault: InjectedFault): unknown => {
  const [message, code] = SQLITE_DRIVER_ERRORS[fault];
  return toStoreError(new Database.SqliteError(message, code));
};

const PG_DRIVER_ERRORS = {
  full: ["could not extend file \"base/16384/16420\": No space left on device", "53100"],
  busy: ["canceling statement due to lock timeout", "55P03"],
} as const;

export const pgFaultError = (fault: InjectedFault): unknown => {
  const [message, code] = PG_DRIVER_ERRORS[fault];
  return toPgStoreError(Object.assign(new pg.DatabaseError(message, message.length, "error"), { code, severity: "ERROR" }));
};

export const sqliteBackend: HandoffBackend = {
  name: "sqlite",
  async create(dataDir = tmpDir()) {
    const owned = dataDir;
    return {
      backend: "sqlite",
      dataDir,
      target: { dataDir },
      env: { DATA_DIR: dataDir },
      openStore: async (tuning = {}) => SqliteHandoffStore.open(dataDir, tuning),
      openService: (opts) => HandoffService.open({ dataDir, ...opts }),
      async holdWriteLock() {
        const holder = new Database(path.join(dataDir, TICKETS_DB_FILE));
        holder.exec("BEGIN IMMEDIATE");
        return async () => {
          holder.exec("ROLLBACK");
          holder.close();
        };
      },
      async exec(sql) {
        const raw = new Database(path.join(dataDir, TICKETS_DB_FILE));
        try {
          raw.exec(sql);
        } finally {
          raw.close();
        }
      },
      faultError: sqliteFaultError,
      destroy: async () => fs.rmSync(owned, { recursive: true, force: true }),
    };
  },
};

/** Every table the handoff store writes: locking them EXCLUSIVE blocks writes and row locks, not plain reads (as SQLite's WAL). */
const HANDOFF_TABLES = "tickets, ticket_events, staff_messages, deliveries, processed_updates, answer_outcomes";

export function pgBackend(url: string): HandoffBackend {
  return {
    name: "postgres",
    async create(dataDir = tmpDir()) {
      const schema: TestSchema = await createTestSchema(url);
      // The schema's tables exist before a lock is taken on them.
      await (await PgHandoffStore.open({ url, schema: schema.name })).close();
      return {
        backend: "postgres",
        dataDir,
        target: { dataDir, databaseUrl: url, databaseSchema: schema.name },
        env: { DATA_DIR: dataDir, DATABASE_URL: schema.urlWithSchema },
        openStore: (tuning = {}) => PgHandoffStore.open({ url, schema: schema.name, ...tuning }),
        // As a process of one instance sees it: the behaviour tests are the SQLite ones, on this store.
        openService: async ({ lockWaitMs, bestEffortWaitMs, ...opts }) =>
          new HandoffService(
            await PgHandoffStore.open({
              url,
              schema: schema.name,
              ...(lockWaitMs !== undefined ? { lockWaitMs } : {}),
              ...(bestEffortWaitMs !== undefined ? { bestEffortWaitMs } : {}),
            }),
            opts,
          ),
        async holdWriteLock() {
          const client = new pg.Client({ connectionString: withDefaultUser(url), options: `-c search_path=${schema.name}` });
          await client.connect();
          await client.query("BEGIN");
          await client.query(`LOCK TABLE ${HANDOFF_TABLES} IN EXCLUSIVE MODE`);
          return async () => {
            await client.query("ROLLBACK");
            await client.end();
          };
        },
        exec: async (sql) => void (await schema.query(sql)),
        faultError: pgFaultError,
        async destroy() {
          await schema.drop();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** SQLite, and PostgreSQL when the global setup reached it. */
export function handoffBackends(): HandoffBackend[] {
  const url = inject("services").postgres;
  return url ? [sqliteBackend, pgBackend(url)] : [sqliteBackend];
}

/** The PostgreSQL URL for suites that only make sense there; null: skip them (the global setup printed why). */
export const testPostgresUrl = (): string | null => inject("services").postgres;
export const testRedisUrl = (): string | null => inject("services").redis;
