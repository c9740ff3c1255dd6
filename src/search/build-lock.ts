/**
 * One index build at a time per data folder, across processes (the running bot reloading and
 * `npm run index`): builds are serialized, so the version published last is built from the corpus
 * read last. The lock is an SQLite file held in an exclusive transaction: the operating system
 * drops it when the process ends, however it ends, so a killed build never blocks the next one.
 * Loading an index needs no lock (published versions are never rewritten).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type Database from "better-sqlite3";

/** In DATA_DIR beside index/ (not inside: nothing is created there before a build has something to publish). */
export const BUILD_LOCK_FILE = "index-build.lock";

const POLL_MS = 100;
/** A build of 50,000 measures takes seconds; with an embeddings endpoint, minutes. */
const DEFAULT_WAIT_MS = 10 * 60_000;

export class BuildLockTimeoutError extends Error {
  constructor(readonly file: string, waitedMs: number) {
    super(`another process has been building the index for ${Math.round(waitedMs / 1000)} s (lock ${file}): wait for it, or stop it and run npm run index again`);
    this.name = "BuildLockTimeoutError";
  }
}

declare const held: unique symbol;
/** Proof that the build lock of `dataDir` is held: buildIndex takes one, so no build goes unserialized. */
export interface BuildLock {
  readonly dataDir: string;
  readonly [held]: true;
}

export interface BuildLockOptions {
  /** Told once when the lock is held by another build and this one waits. */
  onWait?: () => void;
  waitMs?: number;
}

/** Run `build` holding the data folder's build lock, waiting for another build to finish first. */
export async function withBuildLock<T>(dataDir: string, build: (lock: BuildLock) => Promise<T>, opts: BuildLockOptions = {}): Promise<T> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, BUILD_LOCK_FILE);
  // Loaded here, not at start-up: answering from a built index takes no lock. Required, not import()ed:
  // the commands run as CommonJS bundles under V8's code cache, where import() fails (src/cli/launch.ts).
  const Sqlite = createRequire(import.meta.url)("better-sqlite3") as typeof import("better-sqlite3");
  const started = Date.now();
  let told = false;
  for (;;) {
    const db = tryLock(Sqlite, file);
    if (db) {
      try {
        return await build({ dataDir } as BuildLock);
      } finally {
        db.close(); // ends the transaction: the lock is free
      }
    }
    if (!told) opts.onWait?.();
    told = true;
    if (Date.now() - started > (opts.waitMs ?? DEFAULT_WAIT_MS)) throw new BuildLockTimeoutError(file, Date.now() - started);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The connection holding the lock, or null when another holds it. */
function tryLock(Sqlite: typeof Database, file: string): Database.Database | null {
  const db = new Sqlite(file);
  try {
    db.pragma("busy_timeout = 0");
    // An exclusive transaction takes the file's exclusive lock without writing anything.
    db.exec("BEGIN EXCLUSIVE");
    return db;
  } catch (err) {
    db.close();
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) return null;
    throw err;
  }
}
