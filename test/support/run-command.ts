import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OFFLINE_ENV } from "./offline-env.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The bundled entry point of `npm run <name>` (vitest's global setup builds dist/ before the tests). */
export const distScript = (name: string) => path.join(REPO_ROOT, "dist", "bin", `${name}.cjs`);
export const DIST_MAIN = path.join(REPO_ROOT, "dist", "bin", "main.cjs");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Set on top of the offline environment. */
  env?: Record<string, string>;
  /** Piped to stdin; stdin is closed at once when absent. */
  input?: string;
  /** Defaults to the repository, where a user runs the npm scripts. */
  cwd?: string;
  /** Replaces `process.env` + every config variable blanked; only for tests of that isolation itself. */
  baseEnv?: NodeJS.ProcessEnv;
}

/**
 * Run a command as a user would, with its output collected. Every config variable is blank unless
 * `env` sets it, so a developer's .env or shell never sends a test to Telegram or an LLM.
 */
export function runCommand(command: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...(opts.baseEnv ?? { ...process.env, ...OFFLINE_ENV }), ...opts.env };
    const child = spawn(command, args, { cwd: opts.cwd ?? REPO_ROOT, env, stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}
