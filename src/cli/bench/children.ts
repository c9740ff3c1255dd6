/**
 * The bench measures in child processes (a fresh heap each, so peak RSS belongs to one job).
 * This module is shared by both sides: the job arguments and results, and how the parent runs a job.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BaselinesResult, BuildResult, MemoryResult, ServeResult } from "./report.js";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const CHILD_ENTRY = join(dirname(fileURLToPath(import.meta.url)), "child.ts");
const RESULT_PREFIX = "BENCH_RESULT ";

export interface CorpusJob {
  corpusDir: string;
  dataDir: string;
}

export interface QueryJob extends CorpusJob {
  questionsFile: string;
  /** Real measure number → number in this corpus; null for the real corpus. */
  mapping: Array<[number, number]> | null;
  warmup: number;
  repetitions: number;
}

export interface QuestionOutcome {
  id: string;
  outcome: "answered" | "clarify" | "handoff" | "smalltalk";
  handoffReason: string | null;
}

export interface JobArgs {
  build: CorpusJob;
  serve: QueryJob;
  baseline: QueryJob;
  memory: CorpusJob & { questionsFile: string; asks: number };
  /** Runs the bot until "stop" arrives on stdin; env as the production process would see it. */
  bot: { env: Record<string, string> };
}

export interface JobResults {
  build: BuildResult & { measures: number };
  serve: ServeResult & { outcomes: QuestionOutcome[] };
  baseline: BaselinesResult;
  memory: MemoryResult;
  /** cpuMs: CPU time since the last "mark" line. */
  bot: { peakRssMB: number; rssMB: number; cpuMs: number };
}

export type JobName = keyof JobArgs;

export interface RunningJob<J extends JobName> {
  pid: number;
  /** Write a line to the child's stdin (the bot job stops on "stop"). */
  send(line: string): void;
  result: Promise<JobResults[J]>;
}

/** Start `node --import tsx child.ts <job> <args>`; the result is the child's last BENCH_RESULT line. */
export function startJob<J extends JobName>(job: J, args: JobArgs[J], opts: { timeoutMs: number; nodeFlags?: string[] }): RunningJob<J> {
  if (!existsSync(CHILD_ENTRY)) throw new Error(`bench child entry not found: ${CHILD_ENTRY}`);
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), "--import", "tsx", CHILD_ENTRY, job, JSON.stringify(args)], {
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
