import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Settings from the developer's shell that would switch the CLIs to Telegram or an LLM.
const SWITCHES = ["TELEGRAM_BOT_TOKEN", "LLM_MODEL", "EMBEDDINGS_MODEL", "STAFF_CHAT_ID"];

/** Run a command in the repository as a user would, with its output collected; `input` is piped to stdin. */
export function runCommand(command: string, args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of SWITCHES) delete env[key];
    Object.assign(env, opts.env);
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}
