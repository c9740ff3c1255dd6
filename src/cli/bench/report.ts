/**
 * The shape of `npm run bench -- --json` (stable: add fields, never rename) and its Markdown rendering.
 * All latencies are milliseconds, all memory figures MiB (1024²), sizes bytes.
 */
import { z } from "zod";

export const BENCH_SCHEMA_VERSION = 1;

const num = z.number();
const nullableNum = z.number().nullable();

/** Nearest-rank percentiles of a latency sample, in ms. */
export const PercentilesSchema = z.strictObject({ n: z.number().int(), mean: num, p50: num, p95: num, p99: num, max: num });

/** Dev-set scores (score() of src/cli/score.ts); null when the set has no question of that kind. */
export const QualitySchema = z.strictObject({
  questions: z.number().int(),
  top1: nullableNum,
  hit3: nullableNum,
  noneOk: nullableNum,
});

export const BuildSchema = z.strictObject({
  /** openEngine() with an empty DATA_DIR, start → index written: parse, segmenter, embed, HNSW insert, files. */
  totalMs: num,
  /** Everything under DATA_DIR/index. */
  indexBytes: z.number().int(),
  /** Peak RSS of that first start (build, then load of the new index). */
  peakRssMB: num,
});

export const ServeSchema = z.strictObject({
  /** openEngine() with a built index: load it and assemble the engine (a restart's cost). */
  openMs: num,
  rssAfterOpenMB: num,
  /** Peak RSS of the serving process (open + all queries), measured in its own process. */
  peakRssMB: num,
  /** retriever.search(question, 8), as ask() calls it. */
  retrieval: PercentilesSchema,
  /** engine.ask(question), the whole answer. */
  ask: PercentilesSchema,
  /** CPU time (user + system) per ask(), averaged over the timed passes: unlike wall time, not inflated by other processes. */
  askCpuMeanMs: num,
  quality: QualitySchema,
});

export const BaselinesSchema = z.strictObject({
  /** Plain BM25 over character bigrams, no jieba, no lexicon; cites its 3 best matches. */
  bm25Bigram: z.strictObject({ buildMs: num, latency: PercentilesSchema, quality: QualitySchema }),
  /** Exhaustive cosine over the same vectors (hnswlib BruteforceSearch, k = 20); cites the 3 nearest. */
  bruteForceCosine: z.strictObject({ buildMs: num, latency: PercentilesSchema, quality: QualitySchema }),
  /** The engine's HNSW search alone on the same query vectors (k = 20); recall@20 against the exhaustive search. */
  hnswVector: z.strictObject({ latency: PercentilesSchema, recallAt20: num }),
  /** Embedding the question (the same cost for both vector searches, not included above). */
  embedQuery: PercentilesSchema,
});

const RatioSchema = z.strictObject({ p50: nullableNum, p95: nullableNum });
/** Our latency divided by the baseline's (same percentile). */
export const RatiosSchema = z.strictObject({
  retrievalVsBm25Bigram: RatioSchema,
  askVsBm25Bigram: RatioSchema,
  hnswVsBruteForce: RatioSchema,
});

export const ScaleResultSchema = z.strictObject({
  measures: z.number().int(),
  corpus: z.enum(["real", "synthetic"]),
  /** Seed of the synthetic generator; null for the real corpus. */
  seed: z.number().int().nullable(),
  /** Query passes over the dev set after warm-up. */
  repetitions: z.number().int(),
  build: BuildSchema,
  serve: ServeSchema,
  baselines: BaselinesSchema,
  ratios: RatiosSchema,
});

export const BotRunSchema = z.strictObject({
  users: z.number().int(),
  questionsPerUser: z.number().int(),
  updates: z.number().int(),
  /** Updates that got their reply (a message replying to them) before the timeout. */
  replied: z.number().int(),
  timeouts: z.number().int(),
  /** Questions that open a ticket (one per user at most, sent last). */
  ticketQuestions: z.number().int(),
  /** Latency the fake Bot API adds to every response. */
  responseDelayMs: num,
  /** The per-user limit in force (production default). */
  rateLimitPerMinute: z.number().int(),
  /** First update queued → last reply received. */
  elapsedMs: num,
  updatesPerSecond: num,
  /** Update queued on the fake server → the bot's reply received by it. */
  replyLatency: PercentilesSchema,
  /** CPU time of the bot process (all its threads, GC helpers included) per update during the load, user + system. */
  botCpuMsPerUpdate: num,
  /** Bot API requests per update, all methods (getUpdates, sendChatAction, sendMessage, staff cards…). */
  apiCallsPerUpdate: num,
  botPeakRssMB: num,
  botRssAfterMB: num,
});

export const StartupSchema = z.strictObject({
  /** Spawning `npm start` → the fake Bot API sees the first getUpdates, index already built. */
  withIndexMs: num,
  /** The same with an empty DATA_DIR (the index is built first). */
  withoutIndexMs: num,
  /** RSS of the bot's node process right after its first getUpdates (built index). */
  rssAfterStartMB: num,
});

export const MemorySchema = z.strictObject({
  asks: z.number().int(),
  rssAfterOpenMB: num,
  rssAfterAsksMB: num,
  /** After a full GC: what stays. */
  rssAfterGcMB: num,
  /** rssAfterGcMB − rssAfterOpenMB. */
  rssGrowthMB: num,
  heapUsedAfterOpenMB: num,
  heapUsedAfterGcMB: num,
  heapGrowthMB: num,
  peakRssMB: num,
});

export const TargetSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  /** e.g. "≤ 2 ms" */
  goal: z.string(),
  limit: num,
  unit: z.string(),
  /** "max": the value must not exceed the limit; "min": must reach it. */
  kind: z.enum(["max", "min"]),
  /** null when not measured in this run (e.g. --quick skips 10,000 measures). */
  value: nullableNum,
  pass: z.boolean().nullable(),
});

export const MetaSchema = z.strictObject({
  schemaVersion: z.literal(BENCH_SCHEMA_VERSION),
  date: z.string(),
  /** `git rev-parse --short HEAD`, plus "+dirty" when the tree has changes. */
  commit: z.string(),
  dirty: z.boolean(),
  cpu: z.string(),
  cores: z.number().int(),
  memoryGB: num,
  node: z.string(),
  platform: z.string(),
  mode: z.enum(["full", "quick", "custom"]),
  seed: z.number().int(),
  questions: z.number().int(),
  durationMs: num,
  /** 1-minute load average when the run started and ended: other work on the machine skews every timing. */
  loadAverage: z.strictObject({ start: num, end: num }),
});

export const BenchReportSchema = z.strictObject({
  meta: MetaSchema,
  /** Part 1: the real 42 measures, many repetitions. */
  latency: ScaleResultSchema,
  /** Part 2: synthetic corpora with the real measures hidden inside. */
  scale: z.array(ScaleResultSchema),
  /** Part 3: the real bot against the fake Bot API. */
  bot: z.array(BotRunSchema),
  startup: StartupSchema,
  memory: MemorySchema,
  targets: z.array(TargetSchema),
});

export type Percentiles = z.infer<typeof PercentilesSchema>;
export type Quality = z.infer<typeof QualitySchema>;
export type BuildResult = z.infer<typeof BuildSchema>;
export type ServeResult = z.infer<typeof ServeSchema>;
export type BaselinesResult = z.infer<typeof BaselinesSchema>;
export type Ratios = z.infer<typeof RatiosSchema>;
export type ScaleResult = z.infer<typeof ScaleResultSchema>;
export type BotRun = z.infer<typeof BotRunSchema>;
export type StartupResult = z.infer<typeof StartupSchema>;
export type MemoryResult = z.infer<typeof MemorySchema>;
export type Target = z.infer<typeof TargetSchema>;
export type BenchMeta = z.infer<typeof MetaSchema>;
/** What `npm run bench -- --json` prints. */
export type BenchReport = z.infer<typeof BenchReportSchema>;

// ---------------------------------------------------------------------------
// Targets

export function evaluateTargets(r: Omit<BenchReport, "targets">): Target[] {
  const at = (n: number) => [r.latency, ...r.scale].find((s) => s.measures === n);
  const bot = r.bot.find((b) => b.responseDelayMs === 0) ?? r.bot[0];
  const t = (id: string, label: string, goal: string, limit: number, unit: string, kind: "max" | "min", value: number | null | undefined): Target => {
    const v = value ?? null;
    return { id, label, goal, limit, unit, kind, value: v, pass: v === null ? null : kind === "max" ? v <= limit : v >= limit };
  };
  const build10k = at(10_000)?.build.totalMs;
  return [
    t("ask-p95-42", "ask() p95, 42 measures", "≤ 2 ms", 2, "ms", "max", r.latency.serve.ask.p95),
    t("ask-p95-10k", "ask() p95, 10,000 measures", "≤ 20 ms", 20, "ms", "max", at(10_000)?.serve.ask.p95),
    t("build-10k", "index build, 10,000 measures", "≤ 30 s", 30, "s", "max", build10k === undefined ? null : Math.round(build10k / 100) / 10),
    t("bot-throughput", "bot throughput, end to end", "≥ 500 updates/s", 500, "updates/s", "min", bot?.updatesPerSecond),
    t("rss-10k", "peak RSS serving 10,000 measures", "≤ 250 MB", 250, "MB", "max", at(10_000)?.serve.peakRssMB),
    t("startup-built", "start-up with a built index", "≤ 2 s", 2, "s", "max", Math.round(r.startup.withIndexMs / 10) / 100),
  ];
}

// ---------------------------------------------------------------------------
// Markdown

const f = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "–" : x.toFixed(digits));
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const x = (r: number | null) => (r === null ? "–" : `${r.toFixed(2)}×`);
const sec = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
const mb = (v: number) => `${v.toFixed(0)} MB`;
const bytes = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} KB`);
const row = (cells: Array<string | number>) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

export function renderMarkdown(r: BenchReport): string {
  const m = r.meta;
  const L = r.latency;
  const out: string[] = [];
  const command = m.mode === "quick" ? "npm run bench -- --quick" : m.mode === "full" ? "npm run bench" : "npm run bench, custom options";
  out.push(`# Performance (\`${command}\`)`);
  out.push("");
  out.push(
    `Measured ${m.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGB.toFixed(0)} GB), Node ${m.node}, ${m.platform}; ` +
      `commit \`${m.commit}\`; ${m.mode} run, seed ${m.seed}, ${m.questions} dev-set questions, ${sec(m.durationMs)} in all; ` +
      `load average ${m.loadAverage.start.toFixed(1)} at the start, ${m.loadAverage.end.toFixed(1)} at the end.`,
  );
  out.push("");
  out.push("## Targets");
  out.push("");
  out.push(
    table(
      ["Target", "Goal", "Measured", ""],
      r.targets.map((t) => [t.label, t.goal, t.value === null ? "not measured" : `${t.value} ${t.unit}`, t.pass === null ? "–" : t.pass ? "PASS" : "**MISS**"]),
    ),
  );
  out.push("");
  out.push(`## 1. Answer latency, ${L.measures} real measures, in-process`);
  out.push("");
  out.push(
    `${L.repetitions} passes over the dev set after a warm-up (${L.serve.ask.n} samples each), in a fresh process. ` +
      "Ratios divide by the baseline's same percentile.",
  );
  out.push("");
  const b = L.baselines;
  out.push(
    table(
      ["Operation", "p50 ms", "p95 ms", "p99 ms", "p50 vs baseline", "p95 vs baseline", "Dev top1"],
      [
        ["`engine.ask()`", ms(L.serve.ask.p50), ms(L.serve.ask.p95), ms(L.serve.ask.p99), x(L.ratios.askVsBm25Bigram.p50), x(L.ratios.askVsBm25Bigram.p95), f(L.serve.quality.top1, 3)],
        ["`retriever.search()` (jieba BM25 + HNSW, fused)", ms(L.serve.retrieval.p50), ms(L.serve.retrieval.p95), ms(L.serve.retrieval.p99), x(L.ratios.retrievalVsBm25Bigram.p50), x(L.ratios.retrievalVsBm25Bigram.p95), "–"],
        ["baseline: BM25 over character bigrams", ms(b.bm25Bigram.latency.p50), ms(b.bm25Bigram.latency.p95), ms(b.bm25Bigram.latency.p99), "1×", "1×", f(b.bm25Bigram.quality.top1, 3)],
        ["HNSW vector search, k=20", ms(b.hnswVector.latency.p50), ms(b.hnswVector.latency.p95), ms(b.hnswVector.latency.p99), x(L.ratios.hnswVsBruteForce.p50), x(L.ratios.hnswVsBruteForce.p95), "–"],
        ["baseline: brute-force cosine, k=20", ms(b.bruteForceCosine.latency.p50), ms(b.bruteForceCosine.latency.p95), ms(b.bruteForceCosine.latency.p99), "1×", "1×", f(b.bruteForceCosine.quality.top1, 3)],
        ["(query embedding, both vector searches)", ms(b.embedQuery.p50), ms(b.embedQuery.p95), ms(b.embedQuery.p99), "", "", ""],
      ],
    ),
  );
  out.push("");
  out.push(`CPU time per \`ask()\` (mean, user + system): ${ms(L.serve.askCpuMeanMs)} ms; wall-clock percentiles above that include time the process waited for a core.`);
  out.push("");
  out.push("## 2. Scale: synthetic corpora with the 42 real measures hidden inside");
  out.push("");
  out.push(
    "Each corpus recombines clauses, numbers and departments of the real text (seeded, deterministic), built with the real " +
      "pipeline; build, serving and baselines each run in a fresh child process (peak RSS is per process). Dev-set " +
      "expectations are remapped to the real measures' new numbers. The 42-measure row is the real corpus (part 1).",
  );
  out.push("");
  const rows = [L, ...r.scale];
  out.push(
    table(
      ["Measures", "Build", "Index on disk", "Build peak RSS", "Open", "Serve peak RSS", "ask p50", "ask p95", "ask CPU mean", "search p95", "BM25-bigram p95", "ask p95 vs BM25", "HNSW p95 vs brute", "HNSW recall@20", "top1", "BM25 top1", "cosine top1"],
      rows.map((s) => [
        s.measures.toLocaleString("en-US"),
        sec(s.build.totalMs),
        bytes(s.build.indexBytes),
        mb(s.build.peakRssMB),
        sec(s.serve.openMs),
        mb(s.serve.peakRssMB),
        ms(s.serve.ask.p50),
        ms(s.serve.ask.p95),
        ms(s.serve.askCpuMeanMs),
        ms(s.serve.retrieval.p95),
        ms(s.baselines.bm25Bigram.latency.p95),
        x(s.ratios.askVsBm25Bigram.p95),
        x(s.ratios.hnswVsBruteForce.p95),
        f(s.baselines.hnswVector.recallAt20, 3),
        f(s.serve.quality.top1, 3),
        f(s.baselines.bm25Bigram.quality.top1, 3),
        f(s.baselines.bruteForceCosine.quality.top1, 3),
      ]),
    ),
  );
  out.push("");
  out.push("## 3. Bot throughput: the real bot against the fake Bot API");
  out.push("");
  out.push(
    "The bot (runBot, production rate limiter) runs in its own process on the built real index; the fake server and the " +
      "simulated users run in the parent. Each user sends its next dev-set question as soon as the previous one is answered.",
  );
  out.push("");
  out.push(
    table(
      ["Users", "Updates", "API delay", "Rate limit", "Updates/s", "Reply p50", "Reply p95", "Reply p99", "Timeouts", "Ticket questions", "API calls/update", "Bot CPU/update", "Bot peak RSS"],
      r.bot.map((o) => [
        o.users,
        o.updates,
        `${o.responseDelayMs} ms`,
        `${o.rateLimitPerMinute}/min/user`,
        o.updatesPerSecond.toFixed(0),
        `${ms(o.replyLatency.p50)} ms`,
        `${ms(o.replyLatency.p95)} ms`,
        `${ms(o.replyLatency.p99)} ms`,
        o.timeouts,
        o.ticketQuestions,
        o.apiCallsPerUpdate.toFixed(2),
        `${ms(o.botCpuMsPerUpdate)} ms`,
        mb(o.botPeakRssMB),
      ]),
    ),
  );
  out.push("");
  out.push("## 4. Start-up and memory");
  out.push("");
  const mem = r.memory;
  out.push(
    table(
      ["Figure", "Value"],
      [
        ["`npm start` → first getUpdates, built index", sec(r.startup.withIndexMs)],
        ["`npm start` → first getUpdates, no index (built first)", sec(r.startup.withoutIndexMs)],
        ["RSS of the bot process after start", mb(r.startup.rssAfterStartMB)],
        [`RSS in-process after opening the engine`, mb(mem.rssAfterOpenMB)],
        [`RSS after ${mem.asks.toLocaleString("en-US")} ask() calls`, mb(mem.rssAfterAsksMB)],
        [`RSS after those calls and a full GC (growth)`, `${mb(mem.rssAfterGcMB)} (${mem.rssGrowthMB >= 0 ? "+" : ""}${mem.rssGrowthMB.toFixed(1)} MB)`],
        [`JS heap used after open → after calls and GC`, `${mem.heapUsedAfterOpenMB.toFixed(1)} → ${mem.heapUsedAfterGcMB.toFixed(1)} MB (${mem.heapGrowthMB >= 0 ? "+" : ""}${mem.heapGrowthMB.toFixed(1)} MB)`],
      ],
    ),
  );
  out.push("");
  return out.join("\n");
}
