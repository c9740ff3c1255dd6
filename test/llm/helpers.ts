import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../../src/config.js";

/** A config from exactly these variables: no .env file, no process environment. */
export const configFrom = (env: Record<string, string | undefined>): Config => loadConfig({ ...env }, { dotenvFile: false });

const made: string[] = [];

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** A chat reply whose content is this object as JSON. */
export const jsonReply = (reply: object) => ({ content: JSON.stringify(reply) });
