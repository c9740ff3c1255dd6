import { loadConfig, ConfigError, type Config } from "../config.js";
import { CorpusError } from "../policy/corpus-error.js";

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** What a command-line front end reads and writes, so tests can drive it without a process of its own. */
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  now: () => number;
}

export const processIO = (): CliIO => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  now: Date.now,
});

/** Run a command-line front end: errors a person can act on are one clear line, never a stack trace. Never rejects: it sets the exit code. */
export async function runCli(usage: string, main: (ctx: { config: Config; log: (m: string) => void }) => Promise<void>): Promise<void> {
  const log = (m: string) => console.error(m);
  // A reader that stops early (npm run eval | head) is not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  try {
    await main({ config: loadConfig(), log });
  } catch (err) {
    if (err instanceof UsageError || String((err as { code?: string })?.code).startsWith("ERR_PARSE_ARGS")) {
      log(`error: ${(err as Error).message}\nusage: ${usage}`);
      process.exitCode = 2;
    } else if (err instanceof ConfigError || err instanceof CorpusError) {
      log(`error: ${err.message}`);
      process.exitCode = 1;
    } else if (err instanceof Error && /ENOENT|not a question line/.test(err.message)) {
      log(`error: ${err.message}`);
      process.exitCode = 1;
    } else {
      log(`unexpected error: ${(err as Error)?.stack ?? err}`);
      process.exitCode = 1;
    }
  }
}
