/**
 * One bench job in its own process: `node --import tsx src/cli/bench/child.ts <job> '<json args>'`.
 * Prints one BENCH_RESULT line (see children.ts) and exits.
 */
import { performance } from "node:perf_hooks";
import { openEngine } from "../../answer/open-engine.js";
import { loadConfig, type Config } from "../../config.js";
import { HandoffService } from "../../handoff/service.js";
import { indexDir } from "../../search/index-store.js";
import { readQuestions } from "../eval.js";
import type { EvalAnswer } from "../score.js";
import { BigramBm25Baseline, BruteForceCosine } from "./baselines.js";
import { du } from "./disk.js";
import { reportResult, type CorpusJob, type JobArgs, type JobName, type JobResults, type QueryJob, type QuestionOutcome } from "./children.js";
import { openBenchEngine, storedVectors } from "./engine.js";
import { qualityOf, remapQuestions } from "./quality.js";
import { peakRssMB, percentiles, round, rssMB, toMB } from "./stats.js";

const configOf = (job: CorpusJob): Config => loadConfig({ DATA_DIR: job.dataDir, CORPUS_DIR: job.corpusDir }, { dotenvFile: false });

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function build(job: JobArgs["build"]): Promise<JobResults["build"]> {
  const e = await openBenchEngine(configOf(job));
  if (!e.built || e.buildMs === null) throw new Error(`build: ${job.dataDir} already held a fresh index`);
  return {
    totalMs: round(e.buildMs, 1),
    indexBytes: du(indexDir(job.dataDir)),
    peakRssMB: peakRssMB(),
    measures: e.engine.measures().length,
  };
}

async function serve(job: QueryJob): Promise<JobResults["serve"]> {
  const e = await openBenchEngine(configOf(job));
  if (e.built) throw new Error(`serve: no fresh index in ${job.dataDir} (run the build job first)`);
  const rssAfterOpenMB = rssMB();
  const questions = remapQuestions(readQuestions(job.questionsFile), job.mapping);

  // The first pass is scored and doubles as warm-up.
  const answers: EvalAnswer[] = [];
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) {
    await e.retriever.search(q.q, 8);
    const a = await e.engine.ask(q.q);
    answers.push({ id: q.id, outcome: a.outcome, citations: a.citations.map((c) => c.measure) });
    outcomes.push({ id: q.id, outcome: a.outcome, handoffReason: a.handoffReason ?? null });
  }
  for (let w = 1; w < job.warmup; w++)
    for (const q of questions) {
      await e.retriever.search(q.q, 8);
      await e.engine.ask(q.q);
    }

  const retrieval: number[] = [];
  const ask: number[] = [];
  let askCpuMicros = 0;
  for (let r = 0; r < job.repetitions; r++) {
    for (const q of questions) retrieval.push(await time(() => e.retriever.search(q.q, 8)));
    const cpu = process.cpuUsage();
    for (const q of questions) ask.push(await time(() => e.engine.ask(q.q)));
    const used = process.cpuUsage(cpu);
    askCpuMicros += used.user + used.system;
  }
  return {
    openMs: round(e.openMs, 1),
    rssAfterOpenMB,
    peakRssMB: peakRssMB(),
    retrieval: percentiles(retrieval),
    ask: percentiles(ask),
    askCpuMeanMs: round(askCpuMicros / 1000 / Math.max(1, ask.length)),
    quality: qualityOf(questions, answers),
    outcomes,
  };
}

async function baseline(job: QueryJob): Promise<JobResults["baseline"]> {
  const e = await openBenchEngine(configOf(job));
  if (e.built) throw new Error(`baseline: no fresh index in ${job.dataDir} (run the build job first)`);
  const measures = [...e.engine.measures()];
  const byNumber = new Map(measures.map((m) => [m.number, m]));
  const questions = remapQuestions(readQuestions(job.questionsFile), job.mapping);

  let start = performance.now();
  const bm25 = new BigramBm25Baseline(measures);
  const bm25BuildMs = performance.now() - start;
  // Exactly the vectors the HNSW index holds.
  const { vectors, measureOf } = storedVectors(e.store);
  if (measureOf.some((n) => !byNumber.has(n))) throw new Error("baseline: the index holds a vector of an unknown measure");
  start = performance.now();
  const brute = new BruteForceCosine(vectors[0]?.length ?? 1, vectors);
  const bruteBuildMs = performance.now() - start;
  vectors.length = 0;

  const embedSamples: number[] = [];
  const queryVectors: number[][] = [];
  for (const q of questions) {
    const t = performance.now();
    queryVectors.push(await e.embeddings.embedQuery(q.q));
    embedSamples.push(performance.now() - t);
  }

  const bm25Answers: EvalAnswer[] = [];
  const bruteAnswers: EvalAnswer[] = [];
  let recall = 0;
  for (const [i, q] of questions.entries()) {
    const hits = bm25.search(q.q, 3);
    bm25Answers.push({ id: q.id, outcome: hits.length ? "answered" : "handoff", citations: hits.map((h) => h.measure.number) });
    const exact = brute.search(queryVectors[i]!, 20).map((n) => measureOf[n.label]!);
    bruteAnswers.push({ id: q.id, outcome: "answered", citations: exact.slice(0, 3) });
    const approx = new Set((await e.store.similaritySearchVectorWithScore(queryVectors[i]!, 20)).map(([d]) => d.metadata.measure as number));
    recall += exact.length ? exact.filter((n) => approx.has(n)).length / exact.length : 1;
  }

  const bm25Samples: number[] = [];
  const bruteSamples: number[] = [];
  const hnswSamples: number[] = [];
  for (let r = 0; r < job.warmup + job.repetitions; r++) {
    const keep = r >= job.warmup;
    for (const q of questions) {
      const ms = await time(() => bm25.search(q.q, 8));
      if (keep) bm25Samples.push(ms);
    }
    for (const v of queryVectors) {
      const ms = await time(() => brute.search(v, 20));
      if (keep) bruteSamples.push(ms);
    }
    for (const v of queryVectors) {
      const ms = await time(() => e.store.similaritySearchVectorWithScore(v, 20));
      if (keep) hnswSamples.push(ms);
    }
  }
  return {
    bm25Bigram: { buildMs: round(bm25BuildMs, 1), latency: percentiles(bm25Samples), quality: qualityOf(questions, bm25Answers) },
    bruteForceCosine: { buildMs: round(bruteBuildMs, 1), latency: percentiles(bruteSamples), quality: qualityOf(questions, bruteAnswers) },
    hnswVector: { latency: percentiles(hnswSamples), recallAt20: round(recall / Math.max(1, questions.length), 3) },
    embedQuery: percentiles(embedSamples),
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

async function bot(job: JobArgs["bot"]): Promise<JobResults["bot"]> {
  const config = loadConfig(job.env, { dotenvFile: false });
  const engine = await openEngine(config);
  const handoff = await HandoffService.open({ dataDir: config.dataDir, staffChatId: config.telegram.staffChatId });
  // Imported here so the other jobs do not depend on the bot's modules.
  const { runBot } = await import("../../bot/run.js");
  const running = await runBot(config, { engine, handoff }, { handleSignals: false });
  // "mark" starts the CPU clock (the load begins), "stop" ends the job.
  let mark = process.cpuUsage();
  await new Promise<void>((resolve) => {
    let buffered = "";
    process.stdin.setEncoding("utf8").on("data", (d: string) => {
      buffered += d;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (line.trim() === "mark") mark = process.cpuUsage();
        if (line.trim() === "stop") resolve();
      }
    });
    process.stdin.on("end", () => resolve());
  });
  const used = process.cpuUsage(mark);
  const result = { peakRssMB: peakRssMB(), rssMB: rssMB(), cpuMs: round((used.user + used.system) / 1000, 1) };
  await running.stop();
  return result;
}

const jobs: { [J in JobName]: (args: JobArgs[J]) => Promise<JobResults[J]> } = { build, serve, baseline, memory, bot };

async function main() {
  const [name, raw] = process.argv.slice(2);
  if (!name || !(name in jobs) || !raw) throw new Error(`usage: child.ts <${Object.keys(jobs).join("|")}> '<json args>'`);
  const run = jobs[name as JobName] as (args: unknown) => Promise<unknown>;
  const result = await run(JSON.parse(raw));
  reportResult(result);
}

main().then(
  () => process.stdout.write("", () => process.exit(0)),
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`, () => process.exit(1));
  },
);
