/** Faults any store (tickets, FAQ, question log, conversations) reports the same way, whatever the database behind it. */
export type StoreFaultReason = "busy" | "full" | "io" | "read-only" | "closed" | "unreachable";

/** Where the store's data lives: a file in DATA_DIR, or the PostgreSQL server in DATABASE_URL. */
export type StoreBackend = "sqlite" | "postgres";

/** The store cannot be written (or read) right now: a lock held too long, a full disk, an I/O error, a database server down. */
export class StoreUnavailableError extends Error {
  readonly reason: StoreFaultReason;
  /** Which database, in an operator's words ("tickets database", "FAQ database", "question log"). */
  readonly database: string;
  readonly backend: StoreBackend;
  constructor(reason: StoreFaultReason, message: string, options?: { cause?: unknown; database?: string; backend?: StoreBackend }) {
    super(message, options);
    this.name = "StoreUnavailableError";
    this.reason = reason;
    this.database = options?.database ?? "tickets database";
    this.backend = options?.backend ?? "sqlite";
  }
}

export const isStoreFault = (err: unknown): err is StoreUnavailableError => err instanceof StoreUnavailableError;

/** What an operator should do about a store fault, for log lines. */
export function storeFaultHint(reason: StoreFaultReason, database = "tickets database", backend: StoreBackend = "sqlite"): string {
  if (backend === "postgres") return postgresHint(reason, database);
  switch (reason) {
    case "busy":
      return database === "tickets database"
        ? "another process holds the write lock on the tickets database: finish or stop it (e.g. a stuck `npm run tickets`)"
        : `another process holds the write lock on the ${database}: finish or stop it (e.g. a stuck \`npm run faq\`)`;
    case "full":
      return "the disk holding DATA_DIR is full: free space; the bot retries by itself";
    case "read-only":
      return `the ${database} is read-only: check the permissions of DATA_DIR`;
    case "closed":
      return `the ${database} was closed: the bot is shutting down`;
    case "io":
      return `the ${database} could not be read or written: check the disk and DATA_DIR`;
    case "unreachable":
      return `the ${database} cannot be reached: check DATA_DIR`;
  }
}

function postgresHint(reason: StoreFaultReason, database: string): string {
  switch (reason) {
    case "busy":
      return `another session holds a lock on the ${database} in PostgreSQL too long, or the server is overloaded: see pg_stat_activity (e.g. a stuck \`npm run tickets\`); the bot retries by itself`;
    case "full":
      return "the PostgreSQL server's disk is full: free space on it; the bot retries by itself";
    case "read-only":
      return "DATABASE_URL names a PostgreSQL server that only reads (a standby?): point it at the primary";
    case "closed":
      return `the ${database} was closed: the bot is shutting down`;
    case "io":
      return `PostgreSQL could not read or write the ${database}: check the PostgreSQL server's log`;
    case "unreachable":
      return "the PostgreSQL server in DATABASE_URL cannot be reached or refuses the login: start it, check the network and DATABASE_URL; the bot retries by itself";
  }
}

/** The hint for a fault as it was raised (its reason, database and backend). */
export const hintFor = (err: StoreUnavailableError): string => storeFaultHint(err.reason, err.database, err.backend);
