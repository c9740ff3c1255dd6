/** Faults any store (tickets, FAQ, question log) reports the same way, whatever the database behind it. */
export type StoreFaultReason = "busy" | "full" | "io" | "read-only" | "closed";

/** The store cannot be written (or read) right now: a lock held too long, a full disk, an I/O error. */
export class StoreUnavailableError extends Error {
  readonly reason: StoreFaultReason;
  /** Which database, in an operator's words ("tickets database", "FAQ database", "question log"). */
  readonly database: string;
  constructor(reason: StoreFaultReason, message: string, options?: { cause?: unknown; database?: string }) {
    super(message, options);
    this.name = "StoreUnavailableError";
    this.reason = reason;
    this.database = options?.database ?? "tickets database";
  }
}

export const isStoreFault = (err: unknown): err is StoreUnavailableError => err instanceof StoreUnavailableError;

/** What an operator should do about a store fault, for log lines. */
export function storeFaultHint(reason: StoreFaultReason, database = "tickets database"): string {
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
  }
}
