/**
 * Where the stores live, chosen once for a process (part of the composition root): one SQLite file
 * per store in DATA_DIR by default, or, with DATABASE_URL, one PostgreSQL database and schema that
 * every instance shares (tickets and outbox, FAQ, question log, conversations, published policy versions, console
 * accounts), on one pair of
 * connection pools and one numbered set of migrations. The pg driver is loaded only then.
 */
import type { ConversationStore } from "./conversation/store.js";
import { sqliteConversationStoreOrNone } from "./conversation/service.js";
import { SqliteFaqStore } from "./faq/sqlite-store.js";
import type { FaqStore } from "./faq/store.js";
import { SqliteHandoffStore } from "./handoff/sqlite-store.js";
import type { HandoffStore } from "./handoff/store.js";
import { SqlitePolicyVersionStore } from "./policy/sqlite-version-store.js";
import type { PolicyVersionStore } from "./policy/version-store.js";
import { loadSalt, newSalt } from "./question-log/salt.js";
import { SqliteQuestionLogStore } from "./question-log/sqlite-store.js";
import type { QuestionLogStore } from "./question-log/store.js";
import type { StoreWarn } from "./store/best-effort.js";
import type { StoreBackend } from "./store/errors.js";
import type { SqliteStoreOptions } from "./store/sqlite.js";
import { SqliteUserStore } from "./users/sqlite-store.js";
import type { UserStore } from "./users/store.js";

export interface StoreLocation extends SqliteStoreOptions {
  dataDir: string;
  /** PostgreSQL (DATABASE_URL) instead of the SQLite files in dataDir. */
  databaseUrl?: string | null;
  /** The PostgreSQL schema instead of the URL's or the server's default (tests). */
  databaseSchema?: string;
  /** Connections per PostgreSQL pool (DATABASE_POOL_SIZE). */
  databasePoolSize?: number;
  onWarning?: StoreWarn;
}

/** Opens each store on the chosen backend; each store is closed by its owner (its service). */
export interface Stores {
  readonly backend: StoreBackend;
  /** Several instances may use these stores at once (PostgreSQL). */
  readonly shared: boolean;
  handoff(): HandoffStore;
  faq(): FaqStore;
  questionLog(): QuestionLogStore;
  conversation(): ConversationStore;
  /** Web console accounts, sessions and the audit log. */
  users(): UserStore;
  /** The record of published policy versions (which corpus version every instance should serve). */
  policyVersions(): PolicyVersionStore;
  /** The askers' hash salt: QUESTION_LOG_SALT, else one generated once into the data folder (SQLite) or the database (PostgreSQL, so every instance hashes alike). */
  questionLogSalt(configured: string | null): Promise<string>;
  /** Gives up this chooser's own hold on the backend; the stores it opened stay open until closed. */
  close(): Promise<void>;
}

export async function openStores(loc: StoreLocation): Promise<Stores> {
  const sqliteOptions: SqliteStoreOptions = {
    ...(loc.lockWaitMs !== undefined ? { lockWaitMs: loc.lockWaitMs } : {}),
    ...(loc.bestEffortWaitMs !== undefined ? { bestEffortWaitMs: loc.bestEffortWaitMs } : {}),
  };
  if (loc.databaseUrl) return openPostgresStores(loc.databaseUrl, loc, sqliteOptions);
  return {
    backend: "sqlite",
    shared: false,
    handoff: () => SqliteHandoffStore.open(loc.dataDir, sqliteOptions),
    faq: () => SqliteFaqStore.open(loc.dataDir, sqliteOptions),
    questionLog: () => SqliteQuestionLogStore.open(loc.dataDir, sqliteOptions),
    conversation: () => sqliteConversationStoreOrNone(loc.dataDir, loc.onWarning),
    users: () => SqliteUserStore.open(loc.dataDir, sqliteOptions),
    policyVersions: () => SqlitePolicyVersionStore.open(loc.dataDir, sqliteOptions),
    questionLogSalt: async (configured) => loadSalt(loc.dataDir, configured),
    close: async () => undefined,
  };
}

async function openPostgresStores(url: string, loc: StoreLocation, tuning: SqliteStoreOptions): Promise<Stores> {
  const [{ PgDatabase }, { PgHandoffStore }, { PgFaqStore }, { PgQuestionLogStore }, { PgConversationStore }, { PgUserStore }, { PgPolicyVersionStore }] = await Promise.all([
    import("./store/pg/database.js"),
    import("./handoff/pg-store.js"),
    import("./faq/pg-store.js"),
    import("./question-log/pg-store.js"),
    import("./conversation/pg-store.js"),
    import("./users/pg-store.js"),
    import("./policy/pg-version-store.js"),
  ]);
  const warn = loc.onWarning;
  const db = await PgDatabase.open({
    url,
    ...tuning,
    ...(loc.databaseSchema !== undefined ? { schema: loc.databaseSchema } : {}),
    ...(loc.databasePoolSize !== undefined ? { poolSize: loc.databasePoolSize } : {}),
    ...(warn ? { onIdleError: (err: Error) => warn("a PostgreSQL connection was lost while idle; the pool reconnects by itself", { error: err.message }) } : {}),
  });
  return {
    backend: "postgres",
    shared: true,
    handoff: () => new PgHandoffStore(db.share()),
    faq: () => new PgFaqStore(db.share()),
    questionLog: () => new PgQuestionLogStore(db.share()),
    conversation: () => new PgConversationStore(db.share()),
    users: () => new PgUserStore(db.share()),
    policyVersions: () => new PgPolicyVersionStore(db.share()),
    async questionLogSalt(configured) {
      if (configured) return configured;
      const log = new PgQuestionLogStore(db.share());
      try {
        return await log.sharedSalt(newSalt());
      } finally {
        await log.close();
      }
    },
    close: () => db.release(),
  };
}
