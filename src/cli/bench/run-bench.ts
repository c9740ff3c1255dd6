/**
 * `npm run bench`: latency per answer path, scale, build, memory, dense vectors, bot capacity and start-up
 * in one run. Every measurement that allocates runs in a child process of its own, one at a time.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { POLICY_DIR } from "../../policy/corpus.js";
import { readQuestions } from "../eval.js";
import { runBotLoad } from "./bot-load.js";
import { distinctTexts, evalQuestionFiles, type AskedText } from "./bot-texts.js";
import { REPO_ROOT, runJob, startJob } from "./children.js";
import { measureStartup, servingRss } from "./processes.js";
import { BENCH_SCHEMA_VERSION, BenchReportSchema, evaluateTargets, type BenchMeta, type BenchReport, type BotLoadRun, type BotRun, type DenseResult, type HandoffBench, type HandoffStoreResult, type InstancesResult, type ScaleResult } from "./report.js";
import { median, percentiles, round } from "./stats.js";
import { generateSyntheticCorpus, writeCorpusDir } from "./synthetic-corpus.js";

export interface BenchOptions {
  mode: BenchMeta["mode"];
  corpusDir: string;
  /** JSONL questions with expectations (the project's eval format): quality, and the question start-up asks. */
  questionsFile: string;
  seed: number;
  /** Synthetic corpus sizes (the real corpus is always measured first). */
  scales: number[];
  /** Unique generated questions per answer path and corpus (each asked once). */
  perPath: number;
  /** Measures and dimensions of the dense-vector (HNSW) sweep, and the efs tried. */
  dense: { measures: number; dimensions: number; efs: number[] };
  /** JSONL question files whose distinct texts the bot's users ask, each once in a load (see bot-texts.ts). */
  botQuestionFiles: string[];
  /** Each load run `runs` times, each in a fresh bot process: the run with the median CPU per update is reported, with every run's. */
  bot: Array<{ users: number; questionsPerUser: number; responseDelayMs: number; warmupUpdates: number; runs?: number }>;
  memoryAsks: number;
  /** Store load: ticket lifecycles, askers at once, tickets whose outbox latency is timed, questions whose store work is timed. */
  handoff: { lifecycles: number; concurrency: number; outboxTickets: number; questions: number };
  /** PostgreSQL for the handoff row (a schema of its own, dropped after); null: SQLite only. */
  postgresUrl: string | null;
  /** Instances (processes) at once on one PostgreSQL schema for the several-instances row. */
  instances: number;
  /** Runs of each start-up figure (the median is reported). */
  startupRuns: number;
  /** Runs of the serving process per corpus: its peak RSS is sampled and moves by several MB between runs (the median is reported). */
  servingRssRuns: number;
  /** Per child process. */
  jobTimeoutMs: number;
  log: (message: string) => void;
}

/** The project's own question set: the bench never reads anything outside the repository. */
export const DEFAULT_QUESTIONS = join(REPO_ROOT, "eval", "questions.jsonl");

const defaults = {
  corpusDir: join(REPO_ROOT, "corpus"),
  questionsFile: DEFAULT_QUESTIONS,
  botQuestionFiles: evalQuestionFiles(),
  seed: 20220,
  jobTimeoutMs: 20 * 60_000,
  startupRuns: 5,
  servingRssRuns: 3,
  // The test server's database, never DATABASE_URL: the bench does not write into a production database.
  postgresUrl: "postgres://localhost:5432/test",
  instances: 3,
  log: (m: string) => console.error(m),
};

export const FULL: BenchOptions = {
  ...defaults,
  mode: "full",
  scales: [1_000, 10_000, 50_000],
  perPath: 2_000,
  dense: { measures: 10_000, dimensions: 256, efs: [16, 32, 64, 128, 256] },
  // 12,000 warm-up updates: after 4,000, V8 still optimised some 50 functions (and deoptimised several) during the measured load.
  bot: [
    { users: 200, questionsPerUser: 10, responseDelayMs: 0, warmupUpdates: 12_000, runs: 3 },
    { users: 200, questionsPerUser: 10, responseDelayMs: 50, warmupUpdates: 12_000, runs: 3 },
  ],
  memoryAsks: 10_000,
  handoff: { lifecycles: 400, concurrency: 8, outboxTickets: 100, questions: 300 },
};

/** Every target measured at a smaller size: the 50,000-measure ones at 10,000 (see targetPlan). */
export const QUICK: BenchOptions = {
  ...defaults,
  mode: "quick",
  scales: [10_000],
  perPath: 300,
  dense: { measures: 2_000, dimensions: 256, efs: [32, 64, 128, 256] },
  bot: [{ users: 100, questionsPerUser: 2, responseDelayMs: 0, warmupUpdates: 600 }],
  memoryAsks: 2_000,
  handoff: { lifecycles: 100, concurrency: 8, outboxTickets: 30, questions: 100 },
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

/** The 1-minute load average, sampled while the bench runs. */
function watchLoad() {
  const samples = [os.loadavg()[0] ?? 0];
  const timer = setInterval(() => samples.push(os.loadavg()[0] ?? 0), 2_000);
  timer.unref();
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(os.loadavg()[0] ?? 0);
      return { start: r(samples[0]!), end: r(samples.at(-1)!), max: r(Math.max(...samples)) };
    },
  };
}

/** A warning when the load average went past the core count: other processes then shared the CPU with the bench. */
export function loadWarningFor(load: { max: number }, cores: number): string | null {
  return load.max > cores
    ? `the load average reached ${load.max} on ${cores} cores during the run: other processes competed for the CPU, so times are pessimistic (CPU-time figures are not affected).`
    : null;
}

/** Time for the instances to start, open the database and warm up before they run together. */
const INSTANCES_START_MS = 5_000;

/** `instances` processes on one fresh schema, the same lifecycles in each, lined up to start together. */
async function measureInstances(o: BenchOptions, root: string, url: string, schema: string): Promise<InstancesResult> {
  const startAt = Date.now() + INSTANCES_START_MS;
  const runs = await Promise.all(
    Array.from({ length: o.instances }, (_, instance) =>
      startJob(
        "handoff-instance",
        { store: "postgres", dataDir: join(root, `handoff-instance-${instance}`), url, schema, ...o.handoff, instance, startAt },
        { timeoutMs: o.jobTimeoutMs },
      ).result,
    ),
  );
  const elapsedMs = Math.max(...runs.map((r) => r.endedAt)) - Math.min(...runs.map((r) => r.startedAt));
  const lifecycles = runs.reduce((n, r) => n + r.lifecycles, 0);
  return {
    instances: o.instances,
    lifecycles,
    concurrency: o.handoff.concurrency,
    elapsedMs,
    lifecyclesPerSecond: round((lifecycles / elapsedMs) * 1000, 1),
    transactionsPerSecond: round(((4 * lifecycles) / elapsedMs) * 1000, 1),
    transaction: percentiles(runs.flatMap((r) => r.transactionMs)),
  };
}

/** The stores row: SQLite, then PostgreSQL in a schema of its own when the server answers, then several instances on another. */
async function measureHandoff(o: BenchOptions, root: string): Promise<HandoffBench> {
  const jobOpts = { timeoutMs: o.jobTimeoutMs };
  const load = { ...o.handoff, outboxTickets: o.handoff.outboxTickets };
  const stores: HandoffStoreResult[] = [];
  const report = (r: HandoffStoreResult) =>
    o.log(`  ${r.store}: ${r.lifecyclesPerSecond} lifecycles/s (${r.transactionsPerSecond} transactions/s, p95 ${r.transaction.p95} ms), outbox p95 ${r.outbox.p95} ms, per question p95 ${r.question.p95} ms`);
  const sqlite = await runJob("handoff", { store: "sqlite", dataDir: join(root, "handoff-sqlite"), ...load }, jobOpts);
  report(sqlite);
  stores.push(sqlite);
  if (!o.postgresUrl) return { stores, instances: null, postgresSkipped: "no PostgreSQL URL given", postgresAt: "–" };
  const at = new URL(o.postgresUrl);
  const postgresAt = `${at.hostname}:${at.port || 5432}/${at.pathname.slice(1)}`;
  const { adminQuery } = await import("../../store/pg/admin.js");
  const schema = `bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  const shared = `${schema}_instances`;
  try {
    await adminQuery(o.postgresUrl, `CREATE SCHEMA ${schema}`);
  } catch (err) {
    const why = `PostgreSQL at ${postgresAt} not reachable (${(err as Error).message})`;
    o.log(`  ${why}: PostgreSQL row skipped`);
    return { stores, instances: null, postgresSkipped: why, postgresAt };
  }
  try {
    const pg = await runJob("handoff", { store: "postgres", dataDir: join(root, "handoff-pg"), url: o.postgresUrl, schema, ...load }, jobOpts);
    report(pg);
    stores.push(pg);
    await adminQuery(o.postgresUrl, `CREATE SCHEMA ${shared}`);
    const instances = await measureInstances(o, root, o.postgresUrl, shared);
    o.log(`  postgres, ${instances.instances} instances: ${instances.lifecyclesPerSecond} lifecycles/s (${instances.transactionsPerSecond} transactions/s, p95 ${instances.transaction.p95} ms)`);
    return { stores, instances, postgresSkipped: null, postgresAt };
  } finally {
    await adminQuery(o.postgresUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await adminQuery(o.postgresUrl, `DROP SCHEMA IF EXISTS ${shared} CASCADE`).catch(() => undefined);
  }
}

/** Build, serve and serving-process RSS of one corpus, each in a fresh process. */
async function measureCorpus(
  o: BenchOptions,
  c: { corpusDir: string; dataDir: string; mapping: Array<[number, number]> | null; seed: number | null; servingRss: boolean },
): Promise<ScaleResult> {
  const jobOpts = { timeoutMs: o.jobTimeoutMs };
  const { measures, ...build } = await runJob("build", { corpusDir: c.corpusDir, dataDir: c.dataDir }, jobOpts);
  o.log(`  built ${measures} measures in ${(build.totalMs / 1000).toFixed(2)} s, peak RSS ${build.peakRssMB} MB`);
  const { questions, ...serve } = await runJob(
    "serve",
    { corpusDir: c.corpusDir, dataDir: c.dataDir, questionsFile: o.questionsFile, mapping: c.mapping, perPath: o.perPath, seed: o.seed },
    jobOpts,
  );
  const p = serve.paths;
  o.log(`  ask p95: search ${p.search.ask.p95} ms, department ${p.department.ask.p95} ms, measure ${p.measure.ask.p95} ms; top1 ${serve.quality.top1}`);
  const rssRuns: number[] = [];
  for (let i = 0; c.servingRss && i < o.servingRssRuns; i++) rssRuns.push(await servingRss({ indexFrom: c.dataDir, corpusDir: c.corpusDir, questions }));
  const rss = rssRuns.length ? median(rssRuns) : null;
  if (rss !== null) o.log(`  serving process (npm start, ${questions.length} questions piped): peak RSS ${rss} MB (median of ${rssRuns.join(", ")})`);
  return { measures, corpus: c.mapping ? "synthetic" : "real", seed: c.seed, build, serve, servingRssMB: rss, servingRssRunsMB: rssRuns };
}

/** The bot load's texts, as many as its largest load needs (measured and warm-up), with how the engine answers each alone. */
async function botPool(o: BenchOptions, root: string, dataDir: string): Promise<AskedText[]> {
  const texts = distinctTexts(o.botQuestionFiles, o.seed).slice(0, Math.max(0, ...o.bot.map((b) => b.users * b.questionsPerUser + b.warmupUpdates)));
  const textsFile = join(root, "bot-texts.json");
  writeFileSync(textsFile, JSON.stringify(texts));
  o.log(`[5/7] bot: how the engine answers each of ${texts.length.toLocaleString("en-US")} distinct texts of ${o.botQuestionFiles.length} question files (which open a ticket)`);
  return runJob("outcomes", { corpusDir: o.corpusDir, dataDir, textsFile }, { timeoutMs: o.jobTimeoutMs });
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const load = watchLoad();
  const { commit, dirty } = gitCommit();
  if (!existsSync(o.questionsFile)) throw new Error(`bench: no questions file at ${o.questionsFile}; pass --questions FILE (JSONL, the eval format)`);
  const questions = readQuestions(o.questionsFile);
  const root = mkdtempSync(join(os.tmpdir(), "policy-bench-"));
  try {
    // A snapshot: the corpus may be edited while the bench runs, and every job must see the same one.
    const corpusDir = join(root, "corpus");
    cpSync(o.corpusDir, corpusDir, { recursive: true });
    o = { ...o, corpusDir };
    const realText = realPolicyText(o.corpusDir);
    const jobOpts = { timeoutMs: o.jobTimeoutMs };

    o.log(`[1/7] real corpus (42 measures): build, ${o.perPath} unique questions per path, ${questions.length} from ${basename(o.questionsFile)}`);
    const realData = join(root, "real-data");
    const real = await measureCorpus(o, { corpusDir: o.corpusDir, dataDir: realData, mapping: null, seed: null, servingRss: true });

    const scales: ScaleResult[] = [real];
    let dense: DenseResult | null = null;
    const denseRun = async (job: { corpusDir: string; dataDir: string }) => {
      o.log(`[3/7] dense vectors: HNSW on ${o.dense.measures.toLocaleString("en-US")} measures, ${o.dense.dimensions} dimensions`);
      const result = await runJob("dense", { ...job, perPath: Math.min(o.perPath, 1_000), seed: o.seed, ...o.dense }, jobOpts);
      o.log(`  chosen ef ${result.chosenEf}, configured ef ${result.configuredEf} (recall@20 ${result.configuredRecallAt20})`);
      return result;
    };
    for (const n of o.scales) {
      o.log(`[2/7] scale: ${n.toLocaleString("en-US")} measures`);
      const dir = join(root, `scale-${n}`);
      mkdirSync(dir, { recursive: true });
      const synthetic = generateSyntheticCorpus(realText, { measures: n, seed: o.seed });
      writeCorpusDir(join(dir, "corpus"), synthetic.text, o.corpusDir, `synthetic-${n}.txt`);
      const corpus = { corpusDir: join(dir, "corpus"), dataDir: join(dir, "data"), mapping: [...synthetic.mapping], seed: o.seed };
      const result = await measureCorpus(o, { ...corpus, servingRss: n <= 10_000 });
      scales.push(result);
      // The dense sweep reuses a scale's built index when the sizes match.
      if (n === o.dense.measures && !dense) dense = await denseRun(corpus);
      rmSync(dir, { recursive: true, force: true });
    }

    if (!dense) {
      const denseDir = join(root, "dense");
      const denseCorpus = generateSyntheticCorpus(realText, { measures: o.dense.measures, seed: o.seed });
      writeCorpusDir(join(denseDir, "corpus"), denseCorpus.text, o.corpusDir, "synthetic-dense.txt");
      const denseJob = { corpusDir: join(denseDir, "corpus"), dataDir: join(denseDir, "data") };
      await runJob("build", denseJob, jobOpts);
      dense = await denseRun(denseJob);
      rmSync(denseDir, { recursive: true, force: true });
    }

    o.log(`[4/7] memory: ${o.memoryAsks} ask() calls`);
    const memory = await runJob("memory", { corpusDir: o.corpusDir, dataDir: realData, questionsFile: o.questionsFile, asks: o.memoryAsks }, { ...jobOpts, nodeFlags: ["--expose-gc"] });

    const bot: BotRun[] = [];
    const pool = await botPool(o, root, realData);
    for (const b of o.bot) {
      const runs: BotLoadRun[] = [];
      const baselineRuns: BotLoadRun[] = [];
      for (let i = 0; i < (b.runs ?? 1); i++) {
        o.log(`[5/7] bot: ${b.warmupUpdates} warm-up updates, then ${b.users} users × ${b.questionsPerUser} questions, API delay ${b.responseDelayMs} ms (run ${i + 1} of ${b.runs ?? 1})`);
        const load = { ...b, pool, indexFrom: realData, corpusDir: o.corpusDir, jobTimeoutMs: o.jobTimeoutMs };
        const run = await runBotLoad(load);
        o.log(`  ${run.updatesPerSecond} updates/s, ${run.botCpuMsPerUpdate} ms CPU per update (warm-up ${run.warmupCpuMsPerUpdate} ms), reply p95 ${run.replyLatency.p95} ms, ${run.timeouts} timeouts`);
        runs.push(run);
        // The baseline right after, so both see the machine in the same state.
        const echo = await runBotLoad({ ...load, job: "echo-bot" });
        o.log(`  baseline (grammY alone, echoing): ${echo.botCpuMsPerUpdate} ms CPU per update`);
        baselineRuns.push(echo);
      }
      const baseline = medianRun(baselineRuns);
      bot.push({ ...medianRun(runs), baseline: { cpuMsPerUpdate: baseline.botCpuMsPerUpdate, cpuMsPerUpdateRuns: baseline.cpuMsPerUpdateRuns } });
    }

    o.log(`[6/7] stores: ${o.handoff.lifecycles} ticket lifecycles, ${o.handoff.concurrency} askers at once (and in each of ${o.instances} instances on PostgreSQL); outbox latency on ${o.handoff.outboxTickets} tickets; store work of ${o.handoff.questions} questions`);
    const handoff = await measureHandoff(o, root);

    o.log(`[7/7] start-up: ${o.startupRuns} runs each of node -e 0, npm run ask, npm start (terminal; again, and a first start), open; npm start (Telegram)`);
    const startup = await measureStartup({ indexFrom: realData, corpusDir: o.corpusDir, question: questions[0]!.q, runs: o.startupRuns, timeoutMs: o.jobTimeoutMs });

    const cpus = os.cpus();
    const loadAverage = load.stop();
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
      questionsFile: basename(o.questionsFile),
      questions: questions.length,
      durationMs: Math.round(performance.now() - started),
      loadAverage,
      loadWarning: loadWarningFor(loadAverage, cpus.length),
    };
    if (meta.loadWarning) o.log(`warning: ${meta.loadWarning}`);
    const partial = { meta, scales, dense, bot, startup, memory, handoff };
    return BenchReportSchema.parse({ ...partial, targets: evaluateTargets(partial) });
  } finally {
    load.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The run with the median CPU per update (the lower middle one of an even count), holding every run's CPU per update. */
export function medianRun(runs: BotLoadRun[]): BotLoadRun {
  const sorted = [...runs].sort((a, b) => a.botCpuMsPerUpdate - b.botCpuMsPerUpdate);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, cpuMsPerUpdateRuns: runs.map((r) => r.botCpuMsPerUpdate) };
}
