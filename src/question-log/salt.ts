import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Generated once into the data folder when QUESTION_LOG_SALT is not set. */
export const SALT_FILE = "question-log.salt";

/** A fresh salt: 32 random bytes as hex. */
export const newSalt = (): string => randomBytes(32).toString("hex");

/**
 * The salt for askers' hashes: the configured one, else the data folder's (written once, readable
 * by its owner only). Losing it only means old and new hashes of one asker no longer match.
 */
export function loadSalt(dataDir: string, configured: string | null): string {
  if (configured) return configured;
  const file = path.join(dataDir, SALT_FILE);
  try {
    return readSalt(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // wx: two processes starting at once must not write two salts.
    fs.writeFileSync(file, `${newSalt()}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return readSalt(file);
}

function readSalt(file: string): string {
  const salt = fs.readFileSync(file, "utf8").trim();
  if (salt.length < 16) throw new Error(`${file} holds no usable salt (fewer than 16 characters): delete it to have a new one generated, or set QUESTION_LOG_SALT`);
  return salt;
}

/** Keyed hash of who asked: the same asker always gets the same value under one salt; the id cannot be read back. */
export function askerHash(salt: string, channel: string, userId: string): string {
  return createHmac("sha256", salt).update(`${channel}:${userId}`).digest("hex").slice(0, 32);
}
