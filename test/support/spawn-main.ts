/**
 * `npm start` as a user runs it, in its own process: the one place that knows how (switch it
 * here when the scripts run compiled JS). Node itself rather than npm, so a signal reaches the bot.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { DIST_MAIN, REPO_ROOT } from "./run-command.js";
import { OFFLINE_ENV } from "./offline-env.js";

export const MAIN_COMMAND = [process.execPath, DIST_MAIN] as const;


export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class MainProcess {
  stderr = "";
  stdout = "";
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private readonly listeners = new Set<() => void>();

  constructor(env: Record<string, string>) {
    // Every config variable blank unless given: neither the shell nor a developer's .env reaches the process.
    const full: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_ENV, ...env };
    this.child = spawn(MAIN_COMMAND[0], MAIN_COMMAND.slice(1), { cwd: REPO_ROOT, env: full, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => ((this.stdout += d.toString()), this.notify()));
    this.child.stderr!.on("data", (d: Buffer) => ((this.stderr += d.toString()), this.notify()));
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first stderr line matching `pattern`, past or future. */
  waitForLog(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = this.stderr.split("\n").find((l) => pattern.test(l));
        if (line === undefined) return;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(line);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; stderr so far:\n${this.stderr}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Send `signal`; resolves with how the process exited, or rejects (and kills it) if it still runs after `withinMs`. */
  async stop(signal: NodeJS.Signals, withinMs: number): Promise<Exit> {
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`still running ${withinMs} ms after ${signal}; stderr:\n${this.stderr}`));
      }, withinMs);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (this.running) this.child.kill("SIGKILL");
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
