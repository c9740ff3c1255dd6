/**
 * npm run migrate: copy this office's stores (DATA_DIR/tickets.sqlite, faq.sqlite, questions.sqlite,
 * conversations.sqlite, policy-versions.sqlite, console.sqlite and the askers' salt) into the PostgreSQL database in DATABASE_URL, before the
 * instances are started on it. Safe to run again; an interrupted run resumes. The bot must not be
 * running on DATA_DIR meanwhile (the instance lock).
 */
import type { Config } from "../config.js";
import { acquireInstanceLock } from "../handoff/instance-lock.js";
import { hintFor, isStoreFault } from "../store/errors.js";
import { copySqliteToPostgres, CopyConflictError, type TableReport } from "../store/pg/copy-from-sqlite.js";
import { UsageError } from "./run-cli.js";

export const MIGRATE_USAGE = "DATABASE_URL=postgres://… npm run migrate   (copies DATA_DIR's SQLite stores — tickets, FAQ, question log, conversations, published policy versions, console accounts — into PostgreSQL)";

export function formatReport(reports: readonly TableReport[]): string[] {
  return reports.map(
    (r) =>
      `${`${r.file} ${r.table}`.padEnd(40)} ${String(r.source).padStart(7)} in SQLite, ${String(r.copied).padStart(7)} copied now, ${String(r.present).padStart(7)} already there`,
  );
}

/** Resolves to the exit code; every line goes through `out` / `err`. */
export async function runMigrate(config: Config, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const databaseUrl = config.database.url;
  if (!databaseUrl) throw new UsageError("DATABASE_URL is not set: put the PostgreSQL URL in .env or the environment");
  // The bot writing to the SQLite files meanwhile would leave rows behind.
  const lock = acquireInstanceLock(config.dataDir);
  try {
    out(`copying the stores in ${config.dataDir} into PostgreSQL …`);
    const reports = await copySqliteToPostgres({ dataDir: config.dataDir, databaseUrl, questionLogSalt: config.questionLog.salt });
    for (const line of formatReport(reports)) out(line);
    out("done. Start the instances with DATABASE_URL set; the SQLite files are left as they were (keep them as a backup).");
    return 0;
  } catch (e) {
    if (e instanceof CopyConflictError) {
      err(`error: ${e.message}`);
      return 1;
    }
    if (isStoreFault(e)) {
      err(`error: ${e.message}`);
      err(`what to do: ${hintFor(e)}; then run npm run migrate again (it goes on where it stopped)`);
      return 1;
    }
    throw e;
  } finally {
    lock.release();
  }
}
