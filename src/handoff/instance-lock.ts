/**
 * One bot per data folder. Two processes on the same DATA_DIR would both send every card and
 * notice. The lock is an SQLite database held in exclusive locking mode: the operating system
 * drops it when the process ends, however it ends, so a kill -9 never blocks the next start.
 * A small JSON file beside it names the holder for the refusal message.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export const INSTANCE_LOCK_FILE = "instance.lock";
export const INSTANCE_HOLDER_FILE = "instance.json";

const START_WAIT_MS = 100;

export interface InstanceHolder {
  pid: number;
  host: string;
  startedAt: number;
}

/** Another process holds the data folder. */
export class InstanceLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: InstanceHolder | null,
  ) {
    const who = holder
      ? `pid ${holder.pid} on ${holder.host}, started ${new Date(holder.startedAt).toISOString()}`
      : "its pid is unknown";
    const stop = holder ? `stop it first (kill ${holder.pid})` : "stop it first";
    super(`another npm start is already running on the data folder ${dataDir} (${who}): ${stop}, or give this one another DATA_DIR`);
    this.name = "InstanceLockedError";
  }
}

export interface InstanceLock {
  readonly dataDir: string;
  release(): void;
}

/** Take the data folder for this process, or throw InstanceLockedError naming the one that has it. */
export function acquireInstanceLock(dataDir: string, now: () => number = Date.now): InstanceLock {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, INSTANCE_LOCK_FILE));
  const holder: InstanceHolder = { pid: process.pid, host: os.hostname(), startedAt: now() };
  try {
    // A moment's wait: runningHolder() (npm run index looking for the bot) reads the file for an instant.
    db.pragma(`busy_timeout = ${START_WAIT_MS}`);
    // After the first write the connection keeps its exclusive file lock until it closes (or the process dies).
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec(`CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, started_at INTEGER NOT NULL)`);
    db.prepare(`INSERT OR REPLACE INTO holder (id, pid, started_at) VALUES (1, ?, ?)`).run(holder.pid, holder.startedAt);
  } catch (err) {
    db.close();
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) throw new InstanceLockedError(dir, readHolder(dir));
    throw err;
  }
  const holderFile = path.join(dir, INSTANCE_HOLDER_FILE);
  fs.writeFileSync(holderFile, `${JSON.stringify(holder)}\n`);
  let released = false;
  return {
    dataDir: dir,
    release() {
      if (released) return;
      released = true;
      if (readHolder(dir)?.pid === holder.pid) fs.rmSync(holderFile, { force: true });
      db.close();
    },
  };
}

/**
 * The process holding the data folder right now, or null when none does (a holder file left by a
 * process killed with kill -9 names nobody: the operating system dropped its lock). Looking does not
 * take the lock, so a bot starting at that moment is not refused.
 */
export function runningHolder(dataDir: string): InstanceHolder | null {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, INSTANCE_LOCK_FILE);
  if (!fs.existsSync(file)) return null;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return null;
  }
  try {
    db.pragma("busy_timeout = 0");
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    return null; // readable: nobody holds the exclusive lock
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return readHolder(dir);
    return null;
  } finally {
    db.close();
  }
}

function readHolder(dir: string): InstanceHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, INSTANCE_HOLDER_FILE), "utf8")) as Partial<InstanceHolder>;
    if (typeof parsed.pid !== "number") return null;
    return { pid: parsed.pid, host: String(parsed.host ?? "?"), startedAt: Number(parsed.startedAt ?? 0) };
  } catch {
    return null;
  }
}
