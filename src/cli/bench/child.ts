/**
 * One bench job in its own process: `node child.js <job> '<json args>'` (or child.ts under tsx).
 * Prints one BENCH_RESULT line (see children.ts) and exits.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { openEngine } from "../../answer/open-engine.js";
import { loadConfig, type Config } from "../../config.js";
import { HandoffService } from "../../handoff/service.js";
import { HNSW } from "../../search/hnsw-store.js";
import { indexDir } from "../../search/index-store.js";
import { sparseVector } from "../../search/local-vectors.js";
import type { Scored } from "../../search/term-index.js";
import { readQuestions } from "../eval.js";
import type { EvalAnswer } from "../score.js";
import { BigramBm25Baseline } from "./baselines.js";
import { reportResult, type CorpusJob, type JobArgs, type JobName, type JobResults, type QueryJob } from "./children.js";
import { buildDenseIndexes, RandomProjection } from "./dense.js";
import { du } from "./disk.js";
import { handoffInstanceJob, handoffStoreJob } from "./handoff-store.js";
import { openBenchEngine } from "./engine.js";
import { qualityOf, remapQuestions } from "./quality.js";
import { uniqueQuestions, type QuestionPath } from "./questions.js";
import type { PathLatency } from "./report.js";
import { peakRssMB, percentiles, ratio, round, rssMB, toMB } from "./stats.js";
import { mulberry32 } from "./synthetic-corpus.js";

const configOf = (job: CorpusJob): Config => loadConfig({ DATA_DIR: job.dataDir, CORPUS_DIR: job.corpusDir }, { dotenvFile: false });

function timed<T>(work: () => T): [number, T] {
  const start = performance.now();
  const value = work();
  return [performance.now() - start, value];
}

async function build(job: JobArgs["build"]): Promise<JobResults["build"]> {
  const e = await openBenchEngine(configOf(job));
  if (!e.built || e.buildMs === null) throw new Error(`build: ${job.dataDir} already held a fresh index`);
  const [baselineMs] = timed(() => new BigramBm25Baseline(e.engine.measures()));
  return {
    totalMs: round(e.buildMs, 1),
    indexBytes: du(indexDir(job.dataDir)),
    peakRssMB: peakRssMB(),
    baselineMs: round(baselineMs, 1),
    measures: e.engine.measures().length,
  };
}

/** Same top 20 in the same order with bit-identical scores. */
const sameRanking = (a: Scored[], b: Scored[]) => a.length === b.length && a.every((s, i) => s.index === b[i]!.index && s.score === b[i]!.score);

async function serve(job: QueryJob): Promise<JobResults["serve"]> {
  const e = await openBenchEngine(configOf(job));
  if (e.built) throw new Error(`serve: no fresh index in ${job.dataDir} (run the build job first)`);
  const rssAfterOpenMB = rssMB();
  const measures = [...e.engine.measures()];
  const baseline = new BigramBm25Baseline(measures);

  // Quality on the questions file, engine and baseline; this pass also warms the code up.
  const evalQuestions = remapQuestions(readQuestions(job.questionsFile), job.mapping);
  const answers: EvalAnswer[] = [];
  const baselineAnswers: EvalAnswer[] = [];
  for (const q of evalQuestions) {
    const a = await e.engine.ask(q.q);
    answers.push({ id: q.id, outcome: a.outcome, citations: a.citations.map((c) => c.measure) });
    const hits = baseline.search(q.q, 3);
    baselineAnswers.push({ id: q.id, outcome: hits.length ? "answered" : "handoff", citations: hits.map((h) => h.measure.number) });
  }

  // Latency: unique questions, each asked once, paths shuffled together, the baseline right after each.
  const generated = uniqueQuestions(measures, e.departmentNames, job.perPath, job.seed);
  const order = (Object.entries(generated) as Array<[QuestionPath, string[]]>).flatMap(([path, qs]) => qs.map((q) => ({ path, q })));
  const rand = mulberry32(job.seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const samples: Record<QuestionPath, { ask: number[]; cpu: number[]; baseline: number[] }> = {
    search: { ask: [], cpu: [], baseline: [] },
    department: { ask: [], cpu: [], baseline: [] },
    measure: { ask: [], cpu: [], baseline: [] },
  };
  let cpuMicros = 0;
  for (const { path, q } of order) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await e.engine.ask(q);
    samples[path].ask.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    samples[path].cpu.push((used.user + used.system) / 1000);
    samples[path].baseline.push(timed(() => baseline.search(q, 8))[0]);
  }
  const pathLatency = (path: QuestionPath): PathLatency => {
    const ask = percentiles(samples[path].ask);
    const base = percentiles(samples[path].baseline);
    return { questions: samples[path].ask.length, ask, askCpu: percentiles(samples[path].cpu), baseline: base, ratio: { p50: ratio(ask.p50, base.p50), p95: ratio(ask.p95, base.p95) } };
  };

  // The pruned search against the exhaustive sum, BM25 and vectors, on the search path's questions, interleaved.
  const pruned: number[] = [];
  const exhaustive: number[] = [];
  let differing = 0;
  const before = { ...e.terms.stats };
  for (const q of generated.search) {
    const { lexical, vectorText } = e.retriever.queryOf(q);
    const vector = sparseVector(e.retriever.analyzer, vectorText);
    const [p1, fastLexical] = timed(() => e.terms.bm25(lexical, 20));
    const [p2, fastVector] = timed(() => e.terms.cosine(vector, 20));
    const [x1, slowLexical] = timed(() => e.terms.exhaustive("bm25", lexical, 20));
    const [x2, slowVector] = timed(() => e.terms.exhaustive("cosine", vector, 20));
    pruned.push(p1 + p2);
    exhaustive.push(x1 + x2);
    if (!sameRanking(fastLexical, slowLexical) || !sameRanking(fastVector, slowVector)) differing++;
  }

  return {
    openMs: round(e.openMs, 1),
    rssAfterOpenMB,
    peakRssMB: peakRssMB(),
    paths: { search: pathLatency("search"), department: pathLatency("department"), measure: pathLatency("measure") },
    askCpuMeanMs: round(cpuMicros / 1000 / Math.max(1, order.length)),
    quality: qualityOf(evalQuestions, answers),
    baselineQuality: qualityOf(evalQuestions, baselineAnswers),
    pruning: {
      queries: generated.search.length,
      differing,
      pruned: percentiles(pruned),
      exhaustive: percentiles(exhaustive),
      searches: e.terms.stats.searches - before.searches,
      cut: e.terms.stats.cut - before.cut,
      postingsSkippedShare: round((e.terms.stats.skipped - before.skipped) / Math.max(1, e.terms.stats.postings - before.postings)),
    },
    questions: order.map((o) => o.q),
  };
}

async function dense(job: JobArgs["dense"]): Promise<JobResults["dense"]> {
  const e = await openBenchEngine(configOf(job));
  if (e.built) throw new Error(`dense: no fresh index in ${job.dataDir} (run the build job first)`);
  const projection = new RandomProjection(job.dimensions, job.seed);
  const vectors = projection.documents(e.terms);
  const queries = uniqueQuestions(e.engine.measures(), e.departmentNames, job.perPath, job.seed).search.map((q) => projection.project(sparseVector(e.retriever.analyzer, q)));
  const k = Math.min(20, vectors.length);
  const { hnsw, brute, buildMs } = buildDenseIndexes(vectors, job.dimensions, HNSW);
  const bruteTimes: number[] = [];
  const exact = queries.map((q) => {
    const [ms, found] = timed(() => brute.searchKnn(q, k));
    bruteTimes.push(ms);
    return new Set(found.neighbors);
  });
  const bruteForce = percentiles(bruteTimes);
  const efs = [...new Set([...job.efs, HNSW.efSearch])].sort((a, b) => a - b);
  const sweep = efs.map((ef) => {
    hnsw.setEf(ef);
    const times: number[] = [];
    let recall = 0;
    queries.forEach((q, i) => {
      const [ms, found] = timed(() => hnsw.searchKnn(q, k));
      times.push(ms);
      recall += found.neighbors.filter((n) => exact[i]!.has(n)).length / Math.max(1, exact[i]!.size);
    });
    const latency = percentiles(times);
    return { ef, recallAt20: round(recall / Math.max(1, queries.length)), latency, p95VsBruteForce: ratio(latency.p95, bruteForce.p95) };
  });
  return {
    measures: vectors.length,
    dimensions: job.dimensions,
    M: HNSW.M,
    efConstruction: HNSW.efConstruction,
    buildMs: round(buildMs, 1),
    queries: queries.length,
    bruteForce,
    sweep,
    chosenEf: sweep.find((s) => s.recallAt20 >= 0.98)?.ef ?? null,
    configuredEf: HNSW.efSearch,
    configuredRecallAt20: sweep.find((s) => s.ef === HNSW.efSearch)?.recallAt20 ?? null,
  };
}

async function memory(job: JobArgs["memory"]): Promise<JobResults["memory"]> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const engine = await openEngine(configOf(job));
  const questions = readQuestions(job.questionsFile);
  gc();
  const rssAfterOpenMB = rssMB();
  const heapUsedAfterOpenMB = toMB(process.memoryUsage().heapUsed);
  for (let i = 0; i < job.asks; i++) await engine.ask(questions[i % questions.length]!.q);
  const rssAfterAsksMB = rssMB();
  gc();
  gc();
  const rssAfterGcMB = rssMB();
  const heapUsedAfterGcMB = toMB(process.memoryUsage().heapUsed);
  // Use the engine after measuring: V8 frees a local after its last use, and the figures must include it.
  if (engine.measures().length === 0) throw new Error("memory: the engine has no measures");
  return {
    asks: job.asks,
    rssAfterOpenMB,
    rssAfterAsksMB,
    rssAfterGcMB,
    rssGrowthMB: round(rssAfterGcMB - rssAfterOpenMB, 1),
    heapUsedAfterOpenMB,
    heapUsedAfterGcMB,
    heapGrowthMB: round(heapUsedAfterGcMB - heapUsedAfterOpenMB, 1),
    peakRssMB: peakRssMB(),
  };
}

async function outcomes(job: JobArgs["outcomes"]): Promise<JobResults["outcomes"]> {
  const e = await openBenchEngine(configOf(job));
  const texts = JSON.parse(readFileSync(job.textsFile, "utf8")) as string[];
  const asked: JobResults["outcomes"] = [];
  for (const text of texts) {
    const a = await e.engine.ask(text);
    asked.push({ text, outcome: a.outcome, handoffReason: a.handoffReason ?? null });
  }
  return asked;
}

async function bot(job: JobArgs["bot"]): Promise<JobResults["bot"]> {
  const config = loadConfig(job.env, { dotenvFile: false });
  const engine = await openEngine(config);
  const handoff = await HandoffService.open({ dataDir: config.dataDir, databaseUrl: config.database.url, staffChatId: config.telegram.staffChatId });
  // Imported here so the other jobs do not depend on the bot's modules.
  const { runBot } = await import("../../bot/run.js");
  const { ConversationService } = await import("../../conversation/service.js");
  const conversation = ConversationService.open({ dataDir: config.dataDir, windowMs: config.followUpWindowMinutes * 60_000 });
  const running = await runBot(config, { engine, handoff, conversation }, { handleSignals: false });
  const laps = await cpuLapsUntilStop();
  const result = { peakRssMB: peakRssMB(), rssMB: rssMB(), ...laps };
  await running.stop();
  return result;
}

/**
 * The bot's baseline: what grammY, its runner and the Bot API client cost per update on this machine in this run,
 * with no engine, stores or middleware of ours (each text message answered with its own text, quoting it).
 */
async function echoBot(job: JobArgs["echo-bot"]): Promise<JobResults["echo-bot"]> {
  const config = loadConfig(job.env, { dotenvFile: false });
  const { Bot } = await import("grammy");
  const { run } = await import("@grammyjs/runner");
  if (!config.telegram.token) throw new Error("echo-bot: no TELEGRAM_BOT_TOKEN in its env");
  const bot = new Bot(config.telegram.token, { client: { apiRoot: config.telegram.apiRoot } });
  bot.on("message:text", (ctx) => ctx.reply(ctx.msg.text, { reply_parameters: { message_id: ctx.msg.message_id } }));
  const runner = run(bot, { runner: { fetch: { timeout: 30 }, silent: true } });
  const laps = await cpuLapsUntilStop();
  const result = { peakRssMB: peakRssMB(), rssMB: rssMB(), ...laps };
  if (runner.isRunning()) await runner.stop();
  return result;
}

/**
 * Each "mark" on stdin starts a lap of the CPU clock (a pass of the load begins), "stop" ends the last lap: the laps' CPU ms,
 * and how much of each went to threads other than the main one (V8's compilers, libuv's pool; null where /proc is missing).
 */
async function cpuLapsUntilStop(): Promise<{ lapsCpuMs: number[]; lapsOffMainThreadCpuMs: Array<number | null> }> {
  let mark: { cpu: NodeJS.CpuUsage; mainNs: number | null } | null = null;
  const lapsCpuMs: number[] = [];
  const lapsOffMainThreadCpuMs: Array<number | null> = [];
  const lap = () => {
    if (!mark) return;
    const used = process.cpuUsage(mark.cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const mainNs = mainThreadCpuNs();
    lapsCpuMs.push(round(cpuMs, 1));
    // (Two clocks: the scheduler's for the main thread, getrusage's for the process; a lap of the main thread alone may come out a hair below 0.)
    lapsOffMainThreadCpuMs.push(mainNs === null || mark.mainNs === null ? null : round(Math.max(0, cpuMs - (mainNs - mark.mainNs) / 1e6), 1));
  };
  await new Promise<void>((resolve) => {
    let buffered = "";
    process.stdin.setEncoding("utf8").on("data", (d: string) => {
      buffered += d;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (line.trim() === "mark") {
          lap();
          mark = { cpu: process.cpuUsage(), mainNs: mainThreadCpuNs() };
        }
        if (line.trim() === "stop") resolve();
      }
    });
    process.stdin.on("end", () => resolve());
  });
  lap();
  return { lapsCpuMs, lapsOffMainThreadCpuMs };
}

/** The main thread's CPU time so far in ns (the scheduler's count; the main thread's id is the process's), or null without /proc. */
function mainThreadCpuNs(): number | null {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]);
    return Number.isFinite(ns) ? ns : null;
  } catch {
    return null;
  }
}

const jobs: { [J in Exclude<JobName, "open">]: (args: JobArgs[J]) => Promise<JobResults[J]> } = { build, serve, dense, memory, outcomes, bot, "echo-bot": echoBot, handoff: handoffStoreJob, "handoff-instance": handoffInstanceJob };

async function main() {
  const [name, raw] = process.argv.slice(2);
  if (!name || !(name in jobs) || !raw) throw new Error(`usage: child <${Object.keys(jobs).join("|")}> '<json args>'`);
  const run = jobs[name as keyof typeof jobs] as (args: unknown) => Promise<unknown>;
  const result = await run(JSON.parse(raw));
  reportResult(result);
}

main().then(
  () => process.stdout.write("", () => process.exit(0)),
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`, () => process.exit(1));
  },
);
