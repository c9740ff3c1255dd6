/**
 * The store implementations the behaviour and contract tests run on: SQLite always, PostgreSQL when
 * the global setup found it (each test in a schema of its own). A test file parameterizes over
 * `storeBackends()` with describe.each and gets, per test, a `TestStorage`: where the stores live,
 * how to open each store (or the handoff service) on them, and the backend's own way to hold a
 * store's write lock or to fail like a full disk.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { PgConversationStore } from "../../src/conversation/pg-store.js";
import { CONVERSATIONS_DB_FILE, SqliteConversationStore } from "../../src/conversation/sqlite-store.js";
import type { ConversationStore } from "../../src/conversation/store.js";
import { PgFaqStore } from "../../src/faq/pg-store.js";
import { FAQ_DB_FILE, SqliteFaqStore } from "../../src/faq/sqlite-store.js";
import type { FaqStore } from "../../src/faq/store.js";
import { PgHandoffStore } from "../../src/handoff/pg-store.js";
import { HandoffService, type HandoffOptions } from "../../src/handoff/service.js";
import { SqliteHandoffStore, TICKETS_DB_FILE } from "../../src/handoff/sqlite-store.js";
import type { HandoffStore } from "../../src/handoff/store.js";
import { PgPolicyVersionStore } from "../../src/policy/pg-version-store.js";
import { POLICY_VERSIONS_DB_FILE, SqlitePolicyVersionStore } from "../../src/policy/sqlite-version-store.js";
import type { PolicyVersionStore } from "../../src/policy/version-store.js";
import { PgQuestionLogStore } from "../../src/question-log/pg-store.js";
import { QUESTION_LOG_DB_FILE, SqliteQuestionLogStore } from "../../src/question-log/sqlite-store.js";
import type { QuestionLogStore } from "../../src/question-log/store.js";
import { toPgStoreError } from "../../src/store/pg/errors.js";
import { withDefaultUser } from "../../src/store/pg/pool.js";
import { toStoreError } from "../../src/store/sqlite.js";
import { openStores, type Stores } from "../../src/stores.js";
import { PgUserStore } from "../../src/users/pg-store.js";
import { CONSOLE_DB_FILE, SqliteUserStore } from "../../src/users/sqlite-store.js";
import type { UserStore } from "../../src/users/store.js";
import { dropIdleSchemas, takeMigratedSchema } from "./pg-schema.js";

export type BackendName = "sqlite" | "postgres";
export type InjectedFault = "full" | "busy";
/** One store's data: a file of its own with SQLite, a group of tables with PostgreSQL. */
export type StoreName = "tickets" | "faq" | "questions" | "conversations" | "console" | "policy-versions";

export interface StoreTuning {
  lockWaitMs?: number;
  bestEffortWaitMs?: number;
}

/** What the composition root (and so a spawned process) needs to reach this storage. */
export interface OpenTarget {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

export interface TestStorage {
  readonly backend: BackendName;
  /** A fresh folder: the SQLite files live here; with PostgreSQL it holds only what else a test puts there. */
  readonly dataDir: string;
  readonly target: OpenTarget;
  /** Environment for a process started with this storage (DATA_DIR, and DATABASE_URL with the schema). */
  readonly env: Record<string, string>;
  /** The composition root's chooser on this storage. */
  openStores(tuning?: StoreTuning): Promise<Stores>;
  openStore(tuning?: StoreTuning): Promise<HandoffStore>;
  /** A handoff service on a store of its own, as a process of the bot would have. */
  openService(opts: HandoffOptions & StoreTuning): Promise<HandoffService>;
  openFaqStore(tuning?: StoreTuning): Promise<FaqStore>;
  openQuestionLogStore(tuning?: StoreTuning): Promise<QuestionLogStore>;
  openConversationStore(tuning?: StoreTuning): Promise<ConversationStore>;
  openUserStore(tuning?: StoreTuning): Promise<UserStore>;
  openPolicyVersionStore(tuning?: StoreTuning): Promise<PolicyVersionStore>;
  /** Take a store's write lock from a connection of another "process" until release(); reads still work. */
  holdWriteLock(store?: StoreName): Promise<() => Promise<void>>;
  /** Run SQL on a plain connection of its own, outside any store (SQLite: in that store's file). */
  exec(sql: string, store?: StoreName): Promise<void>;
  /** Read rows the same way, as another process would see them. */
  query<R = Record<string, unknown>>(sql: string, store?: StoreName): Promise<R[]>;
  /** The driver error a store of this backend meets for the fault, already mapped as the store maps it. */
  faultError(fault: InjectedFault, database?: string): unknown;
  destroy(): Promise<void>;
}

export interface TestBackend {
  readonly name: BackendName;
  create(dataDir?: string): Promise<TestStorage>;
}

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "store-"));

const SQLITE_FILES: Record<StoreName, string> = {
  tickets: TICKETS_DB_FILE,
  faq: FAQ_DB_FILE,
  questions: QUESTION_LOG_DB_FILE,
  conversations: CONVERSATIONS_DB_FILE,
  console: CONSOLE_DB_FILE,
  "policy-versions": POLICY_VERSIONS_DB_FILE,
};

const SQLITE_DRIVER_ERRORS = {
  full: ["database or disk is full", "SQLITE_FULL"],
  busy: ["database is locked", "SQLITE_BUSY"],
} as const;

export const sqliteFaultError = (fault: InjectedFault, database = "tickets database"): unknown => {
  const [message, code] = SQLITE_DRIVER_ERRORS[fault];
  return toStoreError(new Database.SqliteError(message, code), database);
};

const PG_DRIVER_ERRORS = {
  full: ["could not extend file \"base/16384/16420\": No space left on device", "53100"],
  busy: ["canceling statement due to lock timeout", "55P03"],
} as const;

export const pgFaultError = (fault: InjectedFault, database = "tickets database"): unknown => {
  const [message, code] = PG_DRIVER_ERRORS[fault];
  return toPgStoreError(Object.assign(new pg.DatabaseError(message, message.length, "error"), { code, severity: "ERROR" }), database);
};

const tuned = (t: StoreTuning) => ({
  ...(t.lockWaitMs !== undefined ? { lockWaitMs: t.lockWaitMs } : {}),
  ...(t.bestEffortWaitMs !== undefined ? { bestEffortWaitMs: t.bestEffortWaitMs } : {}),
});

export const sqliteBackend: TestBackend = {
  name: "sqlite",
  async create(dataDir = tmpDir()) {
    const owned = dataDir;
    const fileOf = (store: StoreName) => path.join(dataDir, SQLITE_FILES[store]);
    return {
      backend: "sqlite",
      dataDir,
      target: { dataDir },
      env: { DATA_DIR: dataDir },
      openStores: (tuning = {}) => openStores({ dataDir, ...tuned(tuning) }),
      openStore: async (tuning = {}) => SqliteHandoffStore.open(dataDir, tuning),
      openService: (opts) => HandoffService.open({ dataDir, ...opts }),
      openFaqStore: async (tuning = {}) => SqliteFaqStore.open(dataDir, tuning),
      openQuestionLogStore: async (tuning = {}) => SqliteQuestionLogStore.open(dataDir, tuning),
      openConversationStore: async (tuning = {}) =>
        SqliteConversationStore.open(dataDir, tuning.bestEffortWaitMs !== undefined ? { writeWaitMs: tuning.bestEffortWaitMs } : {}),
      openUserStore: async (tuning = {}) => SqliteUserStore.open(dataDir, tuning),
      openPolicyVersionStore: async (tuning = {}) => SqlitePolicyVersionStore.open(dataDir, tuning),
      async holdWriteLock(store = "tickets") {
        const holder = new Database(fileOf(store));
        holder.exec("BEGIN IMMEDIATE");
        return async () => {
          holder.exec("ROLLBACK");
          holder.close();
        };
      },
      async exec(sql, store = "tickets") {
        const raw = new Database(fileOf(store));
        try {
          raw.exec(sql);
        } finally {
          raw.close();
        }
      },
      async query<R>(sql: string, store: StoreName = "tickets") {
        const raw = new Database(fileOf(store), { readonly: true });
        try {
          return raw.prepare(sql).all() as R[];
        } finally {
          raw.close();
        }
      },
      faultError: sqliteFaultError,
      destroy: async () => fs.rmSync(owned, { recursive: true, force: true }),
    };
  },
};

/** Every table a store writes: locking them EXCLUSIVE blocks writes and row locks, not plain reads (as SQLite's WAL). */
const PG_TABLES: Record<StoreName, string> = {
  tickets: "tickets, ticket_events, staff_messages, deliveries, processed_updates, answer_outcomes",
  faq: "faq_entries, faq_reviews, faq_meta",
  questions: "questions",
  conversations: "turns",
  console: "console_users, console_sessions, console_audit",
  "policy-versions": "policy_versions",
};

let cleanupRegistered = false;
/** Called while a file's suites are collected (storeBackends in describe.each): its emptied schemas are dropped after its last test. */
function registerIdleSchemaCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  afterAll(dropIdleSchemas);
}

export function pgBackend(url: string): TestBackend {
  registerIdleSchemaCleanup();
  return {
    name: "postgres",
    async create(dataDir = tmpDir()) {
      // The schema's tables exist before a lock is taken on them.
      const schema = await takeMigratedSchema(url, async (fresh) => (await PgHandoffStore.open({ url, schema: fresh.name })).close());
      const on = (tuning: StoreTuning = {}) => ({ url, schema: schema.name, ...tuned(tuning) });
      return {
        backend: "postgres",
        dataDir,
        target: { dataDir, databaseUrl: url, databaseSchema: schema.name },
        env: { DATA_DIR: dataDir, DATABASE_URL: schema.urlWithSchema },
        openStores: (tuning = {}) => openStores({ dataDir, databaseUrl: url, databaseSchema: schema.name, ...tuned(tuning) }),
        openStore: (tuning) => PgHandoffStore.open(on(tuning)),
        // As a process of one instance sees it: the behaviour tests are the SQLite ones, on this store.
        openService: async ({ lockWaitMs, bestEffortWaitMs, ...opts }) =>
          new HandoffService(await PgHandoffStore.open(on({ ...(lockWaitMs !== undefined ? { lockWaitMs } : {}), ...(bestEffortWaitMs !== undefined ? { bestEffortWaitMs } : {}) })), opts),
        openFaqStore: (tuning) => PgFaqStore.open(on(tuning)),
        openQuestionLogStore: (tuning) => PgQuestionLogStore.open(on(tuning)),
        openConversationStore: (tuning) => PgConversationStore.open(on(tuning)),
        openUserStore: (tuning) => PgUserStore.open(on(tuning)),
        openPolicyVersionStore: (tuning) => PgPolicyVersionStore.open(on(tuning)),
        async holdWriteLock(store = "tickets") {
          const client = new pg.Client({ connectionString: withDefaultUser(url), options: `-c search_path=${schema.name}` });
          await client.connect();
          await client.query("BEGIN");
          await client.query(`LOCK TABLE ${PG_TABLES[store]} IN EXCLUSIVE MODE`);
          return async () => {
            await client.query("ROLLBACK");
            await client.end();
          };
        },
        exec: async (sql) => void (await schema.query(sql)),
        query: async <R>(sql: string) => (await schema.query(sql)) as R[],
        faultError: pgFaultError,
        async destroy() {
          await schema.release();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** SQLite, and PostgreSQL when the global setup reached it. */
export function storeBackends(): TestBackend[] {
  const url = inject("services").postgres;
  return url ? [sqliteBackend, pgBackend(url)] : [sqliteBackend];
}

/** The PostgreSQL URL for suites that only make sense there; null: skip them (the global setup printed why). */
export const testPostgresUrl = (): string | null => inject("services").postgres;
export const testRedisUrl = (): string | null => inject("services").redis;
