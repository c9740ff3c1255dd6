/**
 * The bench measures in child processes (a fresh heap each, so peak RSS belongs to one job).
 * This module is shared by both sides: the job arguments and results, and how the parent runs a job.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AskedText } from "./bot-texts.js";
import type { BuildResult, DenseResult, HandoffStoreResult, MemoryResult, ServeResult } from "./report.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The folder holding package.json: the repository, whether this runs from src/ (tsx) or compiled from dist/. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`bench: no package.json above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(HERE);
/** child.ts under tsx, child.js when compiled: the same file as this one. */
const COMPILED = extname(fileURLToPath(import.meta.url)) !== ".ts";
const entry = (name: string) => join(HERE, `${name}${COMPILED ? ".js" : ".ts"}`);
/**
 * The open job has its own entry importing only what production imports, so its start-up is production's:
 * compiled, it runs bundled (dist/bin/bench-open.cjs, built by npm run build) as npm start does.
 */
const ENTRY = (job: JobName) => (job !== "open" ? entry("child") : COMPILED ? join(REPO_ROOT, "dist", "bin", "bench-open.cjs") : entry("open-child"));
const RESULT_PREFIX = "BENCH_RESULT ";

export interface CorpusJob {
  corpusDir: string;
  dataDir: string;
}

export interface QueryJob extends CorpusJob {
  questionsFile: string;
  /** Real measure number → number in this corpus; null for the real corpus. */
  mapping: Array<[number, number]> | null;
  /** Unique generated questions per answer path. */
  perPath: number;
  seed: number;
}

/** One handoff store under load: SQLite in dataDir, or PostgreSQL at url in schema. */
export interface HandoffJob {
  store: "sqlite" | "postgres";
  dataDir: string;
  url?: string;
  schema?: string;
  lifecycles: number;
  /** Askers whose tickets go through their lifecycles at once. */
  concurrency: number;
  outboxTickets: number;
  /** Questions whose store writes are timed, one after another. */
  questions: number;
}

/** One of several instances on one PostgreSQL schema: ticket lifecycles only, all instances starting at `startAt` (epoch ms). */
export interface HandoffInstanceJob extends HandoffJob {
  /** Which instance (its askers are its own). */
  instance: number;
  startAt: number;
}

export interface HandoffInstanceResult {
  lifecycles: number;
  /** Epoch ms of the measured run's start and end, to line the instances up. */
  startedAt: number;
  endedAt: number;
  transactionMs: number[];
}

export interface JobArgs {
  build: CorpusJob;
  serve: QueryJob;
  /** Node's start → engine ready, with a built index. */
  open: CorpusJob;
  /** HNSW on dense stand-in vectors: build, then recall and latency for each ef. */
  dense: CorpusJob & { perPath: number; seed: number; dimensions: number; efs: number[] };
  memory: CorpusJob & { questionsFile: string; asks: number };
  /** How the engine answers each text of a JSON file (an array of strings) alone: the bot load's pool. */
  outcomes: CorpusJob & { textsFile: string };
  /** Runs the bot until "stop" arrives on stdin; env as the production process would see it. */
  bot: { env: Record<string, string> };
  /** The baseline beside the bot: grammY and its runner alone, replying with each message's text; the same env and stdin. */
  "echo-bot": { env: Record<string, string> };
  handoff: HandoffJob;
  "handoff-instance": HandoffInstanceJob;
}

export interface JobResults {
  build: BuildResult & { measures: number };
  serve: ServeResult & { questions: string[] };
  open: { readyMs: number; openMs: number };
  dense: DenseResult;
  memory: MemoryResult;
  outcomes: AskedText[];
  /** lapsCpuMs: CPU time of each stretch between "mark" lines, the last ending at "stop"; lapsOffMainThreadCpuMs: of it, off the main thread (null without /proc). */
  bot: BotLaps;
  "echo-bot": BotLaps;
  handoff: HandoffStoreResult;
  "handoff-instance": HandoffInstanceResult;
}

interface BotLaps {
  peakRssMB: number;
  rssMB: number;
  lapsCpuMs: number[];
  lapsOffMainThreadCpuMs: Array<number | null>;
}

export type JobName = keyof JobArgs;

export interface RunningJob<J extends JobName> {
  pid: number;
  /** Write a line to the child's stdin (the bot job stops on "stop"). */
  send(line: string): void;
  result: Promise<JobResults[J]>;
}

/** Start the child entry with a job; the result is the child's last BENCH_RESULT line. */
export function startJob<J extends JobName>(job: J, args: JobArgs[J], opts: { timeoutMs: number; nodeFlags?: string[] }): RunningJob<J> {
  const file = ENTRY(job);
  if (!existsSync(file)) throw new Error(`bench child entry not found: ${file}`);
  const loader = COMPILED ? [] : ["--import", "tsx"];
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), ...loader, file, job, JSON.stringify(args)], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  // Writing to a child that already exited fails with EPIPE: nothing to tell it then.
  child.stdin.on("error", () => undefined);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr = (stderr + d).slice(-8_000); // keep the tail for error messages
  });
  const result = new Promise<JobResults[J]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`bench job "${job}" timed out after ${opts.timeoutMs} ms\n${stderr}`));
    }, opts.timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").reverse().find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as JobResults[J]);
      else reject(new Error(`bench job "${job}" failed (exit ${code ?? signal})\n${stderr.trim()}`));
    });
  });
  return {
    pid: child.pid ?? -1,
    send: (line) => {
      if (child.exitCode === null && child.signalCode === null && child.stdin.writable) child.stdin.write(`${line}\n`);
    },
    result,
  };
}

export function runJob<J extends JobName>(job: J, args: JobArgs[J], opts: { timeoutMs: number; nodeFlags?: string[] }): Promise<JobResults[J]> {
  return startJob(job, args, opts).result;
}

/** Child side: print the result where the parent looks for it. */
export function reportResult(value: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(value)}\n`);
}
