/**
 * `npm run bench`: latency, scale, baselines, bot throughput, start-up and memory in one run.
 * Every measurement that allocates runs in a child process of its own (children.ts), one at a time.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { POLICY_DIR } from "../../policy/corpus.js";
import { readQuestions } from "../eval.js";
import { measureStartup, runBotLoad } from "./bot-load.js";
import { REPO_ROOT, runJob, type QuestionOutcome } from "./children.js";
import { BENCH_SCHEMA_VERSION, BenchReportSchema, evaluateTargets, type BenchMeta, type BenchReport, type BotRun, type ScaleResult } from "./report.js";
import { ratio } from "./stats.js";
import { generateSyntheticCorpus, writeCorpusDir } from "./synthetic-corpus.js";

export interface BenchOptions {
  mode: BenchMeta["mode"];
  corpusDir: string;
  questionsFile: string;
  seed: number;
  /** Part 1 (real corpus): dev-set passes after warm-up. */
  latency: { warmup: number; repetitions: number };
  /** Part 2: synthetic corpus sizes, and passes per size. */
  scale: { measures: number[]; warmup: number; repetitions: number };
  bot: Array<{ users: number; questionsPerUser: number; responseDelayMs: number }>;
  memoryAsks: number;
  /** Per child process. */
  jobTimeoutMs: number;
  log: (message: string) => void;
}

const defaults = {
  corpusDir: join(REPO_ROOT, "corpus"),
  questionsFile: join(REPO_ROOT, "..", "shared", "eval", "dev.jsonl"),
  seed: 20220,
  jobTimeoutMs: 20 * 60_000,
  log: (m: string) => console.error(m),
};

export const FULL: BenchOptions = {
  ...defaults,
  mode: "full",
  latency: { warmup: 3, repetitions: 50 },
  scale: { measures: [1_000, 10_000, 50_000], warmup: 1, repetitions: 3 },
  bot: [
    { users: 200, questionsPerUser: 10, responseDelayMs: 0 },
    { users: 200, questionsPerUser: 10, responseDelayMs: 50 },
  ],
  memoryAsks: 10_000,
};

export const QUICK: BenchOptions = {
  ...defaults,
  mode: "quick",
  latency: { warmup: 2, repetitions: 10 },
  scale: { measures: [1_000], warmup: 1, repetitions: 2 },
  bot: [{ users: 200, questionsPerUser: 2, responseDelayMs: 0 }],
  memoryAsks: 2_000,
};

function gitCommit(): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  try {
    const dirty = git("status", "--porcelain").length > 0;
    return { commit: `${git("rev-parse", "--short", "HEAD")}${dirty ? "+dirty" : ""}`, dirty };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

function realPolicyText(corpusDir: string): string {
  const dir = join(corpusDir, POLICY_DIR);
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
  if (files.length !== 1) throw new Error(`bench: expected one policy text in ${dir}, found ${files.length}`);
  return readFileSync(join(dir, files[0]!), "utf8");
}

/** Build, serve and baselines of one corpus, each in a fresh process. */
async function measureCorpus(
  o: BenchOptions,
  c: { corpusDir: string; dataDir: string; mapping: Array<[number, number]> | null; seed: number | null; warmup: number; repetitions: number },
): Promise<{ result: ScaleResult; outcomes: QuestionOutcome[] }> {
  const jobOpts = { timeoutMs: o.jobTimeoutMs };
  const { measures, ...build } = await runJob("build", { corpusDir: c.corpusDir, dataDir: c.dataDir }, jobOpts);
  o.log(`  built ${measures} measures in ${(build.totalMs / 1000).toFixed(1)} s`);
  const query = { corpusDir: c.corpusDir, dataDir: c.dataDir, questionsFile: o.questionsFile, mapping: c.mapping, warmup: c.warmup, repetitions: c.repetitions };
  const { outcomes, ...serve } = await runJob("serve", query, jobOpts);
  o.log(`  ask() p50 ${serve.ask.p50} ms, p95 ${serve.ask.p95} ms, top1 ${serve.quality.top1}`);
  const baselines = await runJob("baseline", query, jobOpts);
  o.log(`  baselines: BM25-bigram p95 ${baselines.bm25Bigram.latency.p95} ms, brute-force p95 ${baselines.bruteForceCosine.latency.p95} ms`);
  const both = (a: { p50: number; p95: number }, b: { p50: number; p95: number }) => ({ p50: ratio(a.p50, b.p50), p95: ratio(a.p95, b.p95) });
  return {
    outcomes,
    result: {
      measures,
      corpus: c.mapping ? "synthetic" : "real",
      seed: c.seed,
      repetitions: c.repetitions,
      build,
      serve,
      baselines,
      ratios: {
        retrievalVsBm25Bigram: both(serve.retrieval, baselines.bm25Bigram.latency),
        askVsBm25Bigram: both(serve.ask, baselines.bm25Bigram.latency),
        hnswVsBruteForce: both(baselines.hnswVector.latency, baselines.bruteForceCosine.latency),
      },
    },
  };
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const { commit, dirty } = gitCommit();
  const root = mkdtempSync(join(os.tmpdir(), "policy-bench-"));
  const questions = readQuestions(o.questionsFile);
  try {
    // A snapshot: the corpus may be edited while the bench runs, and every job must see the same one.
    const corpusDir = join(root, "corpus");
    cpSync(o.corpusDir, corpusDir, { recursive: true });
    o = { ...o, corpusDir };

    o.log(`[1/5] latency: ${o.latency.repetitions} passes over ${questions.length} questions, real corpus`);
    const realData = join(root, "real-data");
    const real = await measureCorpus(o, { corpusDir: o.corpusDir, dataDir: realData, mapping: null, seed: null, ...o.latency });

    const scale: ScaleResult[] = [];
    const realText = realPolicyText(o.corpusDir);
    for (const n of o.scale.measures) {
      o.log(`[2/5] scale: ${n.toLocaleString("en-US")} measures`);
      const dir = join(root, `scale-${n}`);
      mkdirSync(dir, { recursive: true });
      const synthetic = generateSyntheticCorpus(realText, { measures: n, seed: o.seed });
      writeCorpusDir(join(dir, "corpus"), synthetic.text, o.corpusDir, `synthetic-${n}.txt`);
      const { result } = await measureCorpus(o, {
        corpusDir: join(dir, "corpus"),
        dataDir: join(dir, "data"),
        mapping: [...synthetic.mapping],
        seed: o.seed,
        ...o.scale,
      });
      scale.push(result);
      rmSync(dir, { recursive: true, force: true });
    }

    o.log(`[3/5] memory: ${o.memoryAsks} ask() calls`);
    const memory = await runJob("memory", { corpusDir: o.corpusDir, dataDir: realData, questionsFile: o.questionsFile, asks: o.memoryAsks }, { timeoutMs: o.jobTimeoutMs, nodeFlags: ["--expose-gc"] });

    const bot: BotRun[] = [];
    for (const b of o.bot) {
      o.log(`[4/5] bot: ${b.users} users × ${b.questionsPerUser} questions, API delay ${b.responseDelayMs} ms`);
      const run = await runBotLoad({ ...b, questions, outcomes: real.outcomes, indexFrom: realData, corpusDir: o.corpusDir, jobTimeoutMs: o.jobTimeoutMs });
      o.log(`  ${run.updatesPerSecond} updates/s, reply p95 ${run.replyLatency.p95} ms, ${run.timeouts} timeouts`);
      bot.push(run);
    }

    o.log("[5/5] start-up: npm start with and without a built index");
    const startup = await measureStartup({ indexFrom: realData, corpusDir: o.corpusDir });

    const cpus = os.cpus();
    const meta: BenchMeta = {
      schemaVersion: BENCH_SCHEMA_VERSION,
      date: new Date().toISOString(),
      commit,
      dirty,
      cpu: cpus[0]?.model.trim() ?? "unknown",
      cores: cpus.length,
      memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      mode: o.mode,
      seed: o.seed,
      questions: questions.length,
      durationMs: Math.round(performance.now() - started),
      loadAverage: { start: Math.round(loadAtStart * 100) / 100, end: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 },
    };
    const partial = { meta, latency: real.result, scale, bot, startup, memory };
    return BenchReportSchema.parse({ ...partial, targets: evaluateTargets(partial) });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
