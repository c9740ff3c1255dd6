/**
 * The shape of `npm run bench -- --json` (stable within a schema version: add fields, never rename) and its
 * Markdown rendering. All latencies are milliseconds, all memory figures MiB (1024²), sizes bytes.
 */
// A namespace import: esbuild then leaves zod's 64 locales out of the bundle (dist/bin/).
import * as z from "zod";

export const BENCH_SCHEMA_VERSION = 8;

const num = z.number();
const int = z.number().int();
const nullableNum = z.number().nullable();

/** Nearest-rank percentiles of a latency sample, in ms. */
export const PercentilesSchema = z.strictObject({ n: int, mean: num, p50: num, p95: num, p99: num, max: num });

/** Scores of the questions file (score() of src/cli/score.ts); null when the set has no question of that kind. */
export const QualitySchema = z.strictObject({ questions: int, top1: nullableNum, hit3: nullableNum, noneOk: nullableNum });

const RatioSchema = z.strictObject({ p50: nullableNum, p95: nullableNum });

/** One answer path, each question asked once, the baseline timed right after it on the same question. */
export const PathLatencySchema = z.strictObject({
  questions: int,
  ask: PercentilesSchema,
  /** CPU time (user + system) of each ask(): what the wall time would be without other processes. */
  askCpu: PercentilesSchema,
  /** Plain BM25 over character bigrams on the same question, interleaved. */
  baseline: PercentilesSchema,
  /** ask ÷ baseline, same percentile. */
  ratio: RatioSchema,
});

export const BuildSchema = z.strictObject({
  /** openEngine() with an empty DATA_DIR, start → index written: parse, segmenter, analysis, term index, files. */
  totalMs: num,
  /** Everything under DATA_DIR/index. */
  indexBytes: int,
  /** Peak RSS of that process (build, then load of the new index). */
  peakRssMB: num,
  /** The baseline's index (bigram BM25 over the same measures), built in the same process. */
  baselineMs: num,
});

export const ServeSchema = z.strictObject({
  /** openEngine() with a built index, in-process (a restart's cost without Node's own start). */
  openMs: num,
  rssAfterOpenMB: num,
  /** Peak RSS of this serving process (open, every question, the baseline). */
  peakRssMB: num,
  /** Unique questions per answer path: search (BM25 + vectors + answerability), department listing, measure lookup. */
  paths: z.strictObject({ search: PathLatencySchema, department: PathLatencySchema, measure: PathLatencySchema }),
  /** CPU time (user + system) per ask() over all paths: unlike wall time, not inflated by other processes. */
  askCpuMeanMs: num,
  /** The questions file, remapped onto the synthetic corpus. */
  quality: QualitySchema,
  baselineQuality: QualitySchema,
  /**
   * The pruned search against the exhaustive sum on the search path's questions (BM25 and vectors, top 20,
   * interleaved): queries whose results differ (bit for bit), latency of both, how many of the pruned searches
   * took the cut and the share of postings it left unread.
   */
  pruning: z.strictObject({ queries: int, differing: int, pruned: PercentilesSchema, exhaustive: PercentilesSchema, searches: int, cut: int, postingsSkippedShare: num }),
});

export const ScaleResultSchema = z.strictObject({
  measures: int,
  corpus: z.enum(["real", "synthetic"]),
  /** Seed of the synthetic generator; null for the real corpus. */
  seed: int.nullable(),
  build: BuildSchema,
  serve: ServeSchema,
  /** `npm start` in terminal mode with the serve questions piped in: the whole serving process, peak RSS (VmHWM), median of the runs. */
  servingRssMB: nullableNum,
  /** Each run's peak RSS (empty when the serving process was not measured). */
  servingRssRunsMB: z.array(num),
});

export const DenseSchema = z.strictObject({
  measures: int,
  dimensions: int,
  M: int,
  efConstruction: int,
  buildMs: num,
  queries: int,
  bruteForce: PercentilesSchema,
  sweep: z.array(z.strictObject({ ef: int, recallAt20: num, latency: PercentilesSchema, p95VsBruteForce: nullableNum })),
  /** The smallest ef with recall@20 ≥ 0.98, and the one the code uses (HNSW.efSearch). */
  chosenEf: int.nullable(),
  configuredEf: int,
  configuredRecallAt20: nullableNum,
});

export const BotRunSchema = z.strictObject({
  users: int,
  questionsPerUser: int,
  updates: int,
  /** Updates the bot sent its next message in the chat for (the answer, or the note that a question went to staff) before the timeout. */
  replied: int,
  timeouts: int,
  /** Questions that open a ticket (one per user at most, sent last). */
  ticketQuestions: int,
  /** Latency the fake Bot API adds to every response. */
  responseDelayMs: num,
  /** The per-user limit in force (production default). */
  rateLimitPerMinute: int,
  /** First update queued → last reply received. */
  elapsedMs: num,
  updatesPerSecond: num,
  /** Update queued on the fake server → the bot's reply received by it. */
  replyLatency: PercentilesSchema,
  /** Updates sent before the measured load (texts no measured user asks, from askers of their own, as many each as a measured user): V8 compiles the hot code. */
  warmupUpdates: int,
  /** CPU time of the bot process per update during the warm-up (null without one). */
  warmupCpuMsPerUpdate: num.nullable(),
  /** CPU time of the bot process (all its threads) per update during the measured load, user + system. */
  botCpuMsPerUpdate: num,
  /** Of it, on threads other than the main one: V8's compilers still optimising the long tail of rules, libuv's pool (null without /proc). */
  offMainThreadCpuMsPerUpdate: num.nullable(),
  /** CPU per update of each run of this load, in run order (this one is the median run's). */
  cpuMsPerUpdateRuns: z.array(num),
  /** The baseline, run right after each run in the same way: grammY and its runner alone, replying with each text (its CPU per update, the median run's, and every run's). */
  baseline: z.strictObject({ cpuMsPerUpdate: num, cpuMsPerUpdateRuns: z.array(num) }),
  /** Updates per second one core could serve at that CPU cost (1000 ÷ CPU per update). */
  updatesPerCpuSecond: num,
  /** Bot API requests per update, all methods. */
  apiCallsPerUpdate: num,
  botPeakRssMB: num,
  botRssAfterMB: num,
});

/** One handoff store under load (src/cli/bench/handoff-store.ts). */
export const HandoffStoreResultSchema = z.strictObject({
  store: z.enum(["sqlite", "postgres"]),
  /** Tickets taken through open → claim → reply → close (four transactions each). */
  lifecycles: int,
  /** Askers at once. */
  concurrency: int,
  elapsedMs: num,
  lifecyclesPerSecond: num,
  transactionsPerSecond: num,
  /** Each of those transactions, as the service's caller waits for it. */
  transaction: PercentilesSchema,
  /** Outbox: a committed ticket → each of its messages handed to the transport by a drain right after. */
  outboxMessages: int,
  outbox: PercentilesSchema,
  /** What answering one question writes and reads in the stores (update dedupe, recent turns, the log row, the turn), one after another. */
  questions: int,
  question: PercentilesSchema,
});

/**
 * Several instances (processes) at once on one PostgreSQL schema, the same lifecycles in each,
 * started together: `lifecycles` in all, `concurrency` askers at once in each, `elapsedMs` from the
 * first instance's start to the last one's end.
 */
export const InstancesResultSchema = HandoffStoreResultSchema.pick({
  lifecycles: true,
  concurrency: true,
  elapsedMs: true,
  lifecyclesPerSecond: true,
  transactionsPerSecond: true,
  transaction: true,
}).extend({ instances: int });

export const HandoffBenchSchema = z.strictObject({
  stores: z.array(HandoffStoreResultSchema),
  /** Three instances on one PostgreSQL schema; null when PostgreSQL was not measured. */
  instances: InstancesResultSchema.nullable(),
  /** Why PostgreSQL was not measured (not reachable); null when it was. */
  postgresSkipped: z.string().nullable(),
  /** Where PostgreSQL ran (host:port, password left out). */
  postgresAt: z.string(),
});

const RunsSchema = z.strictObject({ runs: z.array(num), median: num });

export const StartupSchema = z.strictObject({
  /** `node -e 0`, run between the others: the machine's floor for a Node process. */
  node: RunsSchema,
  nodeRssMB: num,
  /** `npm run --silent ask -- --json Q`, the whole process, built index. */
  ask: RunsSchema,
  /** `echo Q | npm start` (terminal chat), spawn → its answer and exit, in the folder an earlier start left (index and stores). */
  start: RunsSchema,
  /** The same in a folder holding only the index: the very first start, which also creates the stores. */
  firstStart: RunsSchema,
  /** A process opening the engine: Node's start → engine ready (process.uptime), built index. */
  open: RunsSchema,
  /** `npm start` → the fake Bot API's first getUpdates, built index, and with none (built first). */
  botWithIndexMs: num,
  botWithoutIndexMs: num,
});

export const MemorySchema = z.strictObject({
  asks: int,
  rssAfterOpenMB: num,
  rssAfterAsksMB: num,
  rssAfterGcMB: num,
  rssGrowthMB: num,
  heapUsedAfterOpenMB: num,
  heapUsedAfterGcMB: num,
  heapGrowthMB: num,
  peakRssMB: num,
});

export const TargetSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  goal: z.string(),
  limit: num,
  unit: z.string(),
  kind: z.enum(["max", "min"]),
  /** The corpus size it was measured at (quick runs measure the large-corpus targets at a smaller size). */
  measuredAt: int.nullable(),
  value: nullableNum,
  pass: z.boolean().nullable(),
  /** What the figure is compared with in the same run, and the ratio value ÷ baseline. */
  baseline: z.strictObject({ label: z.string(), value: num }).nullable(),
  ratio: nullableNum,
});

export const BenchMetaSchema = z.strictObject({
  schemaVersion: z.literal(BENCH_SCHEMA_VERSION),
  date: z.string(),
  commit: z.string(),
  dirty: z.boolean(),
  cpu: z.string(),
  cores: int,
  memoryGB: num,
  node: z.string(),
  platform: z.string(),
  mode: z.enum(["full", "quick", "custom"]),
  seed: int,
  /** The questions file (its name) and how many questions it holds. */
  questionsFile: z.string(),
  questions: int,
  durationMs: num,
  /** 1-minute load average at the start, at the end, and the highest seen (sampled every 2 s). */
  loadAverage: z.strictObject({ start: num, end: num, max: num }),
  /** Set when the load average exceeded the core count: other processes competed for the CPU. */
  loadWarning: z.string().nullable(),
});

export const BenchReportSchema = z.strictObject({
  meta: BenchMetaSchema,
  /** The real corpus, then the synthetic sizes. */
  scales: z.array(ScaleResultSchema),
  dense: DenseSchema,
  bot: z.array(BotRunSchema),
  startup: StartupSchema,
  memory: MemorySchema,
  handoff: HandoffBenchSchema,
  targets: z.array(TargetSchema),
});

export type Percentiles = z.infer<typeof PercentilesSchema>;
export type Quality = z.infer<typeof QualitySchema>;
export type PathLatency = z.infer<typeof PathLatencySchema>;
export type BuildResult = z.infer<typeof BuildSchema>;
export type ServeResult = z.infer<typeof ServeSchema>;
export type ScaleResult = z.infer<typeof ScaleResultSchema>;
export type DenseResult = z.infer<typeof DenseSchema>;
export type BotRun = z.infer<typeof BotRunSchema>;
/** One run of a load, before its baseline is put beside it. */
export type BotLoadRun = Omit<BotRun, "baseline">;
export type StartupResult = z.infer<typeof StartupSchema>;
export type MemoryResult = z.infer<typeof MemorySchema>;
export type HandoffStoreResult = z.infer<typeof HandoffStoreResultSchema>;
export type HandoffBench = z.infer<typeof HandoffBenchSchema>;
export type InstancesResult = z.infer<typeof InstancesResultSchema>;
export type Target = z.infer<typeof TargetSchema>;
export type BenchMeta = z.infer<typeof BenchMetaSchema>;
export type BenchReport = z.infer<typeof BenchReportSchema>;

// ---------------------------------------------------------------------------
// Targets

/** Where a target is judged: its corpus size, and the limit there. */
export interface TargetPlan {
  id: string;
  label: string;
  goal: string;
  limit: number;
  unit: string;
  kind: "max" | "min";
  measures: number | null;
}

/**
 * The goals, at the sizes they are set for. A quick run has no 50,000-measure corpus: it judges those
 * targets at its largest size, time limits scaled down in proportion, memory and latency limits as they are
 * (a weaker check, but one that can fail).
 */
export function targetPlan(largest: number): TargetPlan[] {
  const big = Math.min(50_000, largest);
  const scale = big / 50_000;
  const mid = Math.min(10_000, largest);
  const at = (n: number) => (n === 50_000 ? "50,000" : n.toLocaleString("en-US"));
  return [
    { id: "open-42", label: "open: Node start → engine ready, 42 measures (median of the runs)", goal: "≤ 0.5 s", limit: 0.5, unit: "s", kind: "max", measures: 42 },
    { id: "ask-process", label: "`npm run --silent ask -- --json …`, whole process", goal: "≤ 8× `node -e 0`", limit: 8, unit: "× node", kind: "max", measures: 42 },
    { id: "start-process", label: "`echo … | npm start` → answer and exit (stores already there)", goal: "≤ 8× `node -e 0`", limit: 8, unit: "× node", kind: "max", measures: 42 },
    { id: "rss-42", label: "RSS of the serving process, 42 measures", goal: "≤ 150 MB", limit: 150, unit: "MB", kind: "max", measures: 42 },
    { id: "rss-10k", label: `RSS of the serving process, ${at(mid)} measures`, goal: "≤ 250 MB", limit: 250, unit: "MB", kind: "max", measures: mid },
    { id: "build-10k", label: `index build, ${at(mid)} measures`, goal: `≤ ${round(8 * (mid / 10_000), 2)} s`, limit: round(8 * (mid / 10_000), 2), unit: "s", kind: "max", measures: mid },
    { id: "build-50k", label: `index build, ${at(big)} measures`, goal: `≤ ${round(45 * scale, 2)} s`, limit: round(45 * scale, 2), unit: "s", kind: "max", measures: big },
    { id: "build-rss-50k", label: `peak RSS building ${at(big)} measures`, goal: "≤ 1024 MB", limit: 1024, unit: "MB", kind: "max", measures: big },
    { id: "ask-p95-search-10k", label: `ask() p95, search path, ${at(mid)} measures`, goal: "≤ 3 ms", limit: 3, unit: "ms", kind: "max", measures: mid },
    { id: "ask-p95-search-50k", label: `ask() p95, search path, ${at(big)} measures`, goal: "≤ 10 ms", limit: 10, unit: "ms", kind: "max", measures: big },
    { id: "hnsw-recall", label: "HNSW recall@20 at the configured ef (dense vectors)", goal: "≥ 0.98", limit: 0.98, unit: "", kind: "min", measures: null },
    { id: "pruning-exact", label: "queries where the pruned top 20 differ from the exhaustive sum", goal: "0", limit: 0, unit: "queries", kind: "max", measures: null },
    { id: "bot-cpu", label: "bot CPU per update, after the warm-up (section 4, the first load: no API delay; the median run)", goal: "≤ 1.2 ms", limit: 1.2, unit: "ms", kind: "max", measures: null },
  ];
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export function evaluateTargets(r: Omit<BenchReport, "targets">): Target[] {
  const largest = Math.max(...r.scales.map((s) => s.measures));
  const at = (n: number | null) => r.scales.find((s) => s.measures === n);
  const nodeS = r.startup.node.median / 1000;
  return targetPlan(largest).map((plan) => {
    const s = at(plan.measures);
    let value: number | null = null;
    let baseline: Target["baseline"] = null;
    if (plan.id === "open-42") [value, baseline] = [r.startup.open.median / 1000, { label: "node -e 0 (s)", value: nodeS }];
    else if (plan.id === "ask-process") [value, baseline] = [r.startup.ask.median / r.startup.node.median, { label: "node -e 0 (s)", value: nodeS }];
    else if (plan.id === "start-process") [value, baseline] = [r.startup.start.median / r.startup.node.median, { label: "node -e 0 (s)", value: nodeS }];
    else if (plan.id.startsWith("rss-")) [value, baseline] = [s?.servingRssMB ?? null, { label: "node -e 0 RSS (MB)", value: r.startup.nodeRssMB }];
    else if (plan.id.startsWith("build-rss-")) [value, baseline] = [s?.build.peakRssMB ?? null, { label: "node -e 0 RSS (MB)", value: r.startup.nodeRssMB }];
    else if (plan.id.startsWith("build-")) [value, baseline] = [s ? s.build.totalMs / 1000 : null, s ? { label: "bigram BM25 build (s)", value: s.build.baselineMs / 1000 } : null];
    else if (plan.id.startsWith("ask-p95-search-"))
      [value, baseline] = [s?.serve.paths.search.ask.p95 ?? null, s ? { label: "bigram BM25 p95 (ms)", value: s.serve.paths.search.baseline.p95 } : null];
    else if (plan.id === "hnsw-recall") [value, baseline] = [r.dense.configuredRecallAt20, null];
    else if (plan.id === "pruning-exact") value = r.scales.reduce((a, x) => a + x.serve.pruning.differing, 0);
    else if (plan.id === "bot-cpu")
      [value, baseline] = [r.bot[0]?.botCpuMsPerUpdate ?? null, r.bot[0] ? { label: "grammY alone, echoing (ms)", value: r.bot[0].baseline.cpuMsPerUpdate } : null];
    if (value !== null) value = round(value);
    const ratio = value !== null && baseline && baseline.value > 0 ? round(plan.id.endsWith("-process") ? value : value / baseline.value, 2) : null;
    return {
      id: plan.id,
      label: plan.label,
      goal: plan.goal,
      limit: plan.limit,
      unit: plan.unit,
      kind: plan.kind,
      measuredAt: plan.measures,
      value,
      pass: value === null ? null : plan.kind === "max" ? value <= plan.limit : value >= plan.limit,
      baseline: baseline && { label: baseline.label, value: round(baseline.value) },
      ratio,
    };
  });
}

// ---------------------------------------------------------------------------
// Markdown

const f = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "–" : v.toFixed(digits));
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const x = (r: number | null) => (r === null ? "–" : `${r.toFixed(2)}×`);
/** The median run's figure, with every run's beside it when there were several. */
const msWithRuns = (v: number, runs: number[]) => (runs.length > 1 ? `${ms(v)} ms (runs ${runs.map(ms).join(", ")})` : `${ms(v)} ms`);
const sec = (msValue: number) => `${(msValue / 1000).toFixed(msValue < 10_000 ? 2 : 1)} s`;
const mb = (v: number | null) => (v === null ? "–" : `${v.toFixed(0)} MB`);
const bytes = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(0)} KB`);
const row = (cells: Array<string | number>) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: Array<Array<string | number>>) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const valueOf = (t: Target) => (t.value === null ? "not measured" : t.unit === "× node" ? `${t.value.toFixed(2)}×` : `${t.value} ${t.unit}`.trim());

export function renderMarkdown(r: BenchReport): string {
  const m = r.meta;
  const out: string[] = [];
  const command = m.mode === "quick" ? "npm run bench -- --quick" : m.mode === "full" ? "npm run bench" : "npm run bench, custom options";
  out.push(`# Performance (\`${command}\`)`, "");
  out.push(
    `Measured ${m.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGB.toFixed(0)} GB), Node ${m.node}, ${m.platform}; ` +
      `commit \`${m.commit}\`; ${m.mode} run, seed ${m.seed}, ${m.questions} questions from \`${m.questionsFile}\`, ${sec(m.durationMs)} in all; ` +
      `load average ${m.loadAverage.start.toFixed(1)} at the start, ${m.loadAverage.end.toFixed(1)} at the end, ${m.loadAverage.max.toFixed(1)} at most.`,
  );
  if (m.loadWarning) out.push("", `**Warning:** ${m.loadWarning}`);
  out.push("", "## Targets", "");
  out.push(
    table(
      ["Target", "Goal", "Measured", "Baseline (same run)", "Ratio", ""],
      r.targets.map((t) => [
        t.label,
        t.goal,
        valueOf(t),
        t.baseline ? `${t.baseline.label}: ${t.baseline.value}` : "–",
        t.ratio === null ? "–" : `${t.ratio}×`,
        t.pass === null ? "–" : t.pass ? "PASS" : "**MISS**",
      ]),
    ),
  );

  out.push("", "## 1. Answer latency per path, unique questions", "");
  out.push(
    "Each question is asked once (generated from the corpus, seeded, and sorted by the path ask() takes); the baseline " +
      "(plain BM25 over character bigrams, same code) answers the same question right after, in the same process. " +
      "Ratios divide by the baseline's same percentile. CPU is each ask()'s own CPU time, which other processes do not inflate. " +
      "Quality is on the questions file (expectations remapped into the synthetic corpora).",
  );
  out.push("");
  const pathRows: Array<Array<string | number>> = [];
  for (const s of r.scales)
    for (const [path, p] of Object.entries(s.serve.paths) as Array<[string, PathLatency]>)
      pathRows.push([s.measures.toLocaleString("en-US"), path, p.questions, ms(p.ask.p50), ms(p.ask.p95), ms(p.ask.p99), ms(p.ask.max), ms(p.askCpu.p50), ms(p.askCpu.p95), ms(p.baseline.p50), ms(p.baseline.p95), x(p.ratio.p50), x(p.ratio.p95)]);
  out.push(table(["Measures", "Path", "Questions", "ask p50", "ask p95", "ask p99", "ask max", "CPU p50", "CPU p95", "BM25-bigram p50", "BM25-bigram p95", "p50 ratio", "p95 ratio"], pathRows));

  out.push("", "## 2. Scale: build, memory, quality", "");
  out.push(
    "Synthetic corpora recombine clauses, numbers and departments of the real text (seeded), with the 42 real measures hidden inside. " +
      "Build, serving and the serving process each run in a fresh process (peak RSS is per process); the serving process's peak RSS, sampled and a few MB apart from run to run, is the median of its runs (each in results.json). " +
      "Pruning: the search path's questions through the pruned search and through the exhaustive sum, BM25 and vectors, top 20; " +
      "\"cut\" counts the pruned searches that stopped reading lists, and the share of postings they left unread.",
  );
  out.push("");
  out.push(
    table(
      ["Measures", "Build", "BM25-bigram build", "Index on disk", "Build peak RSS", "Open (in-process)", "Serve peak RSS", "Serving process RSS", "ask CPU mean", "top1", "BM25-bigram top1", "none_ok", "pruned p95", "exhaustive p95", "top-20 differing", "cut (postings unread)"],
      r.scales.map((s) => [
        s.measures.toLocaleString("en-US"),
        sec(s.build.totalMs),
        sec(s.build.baselineMs),
        bytes(s.build.indexBytes),
        mb(s.build.peakRssMB),
        sec(s.serve.openMs),
        mb(s.serve.peakRssMB),
        mb(s.servingRssMB),
        ms(s.serve.askCpuMeanMs),
        f(s.serve.quality.top1, 3),
        f(s.serve.baselineQuality.top1, 3),
        f(s.serve.quality.noneOk, 3),
        ms(s.serve.pruning.pruned.p95),
        ms(s.serve.pruning.exhaustive.p95),
        `${s.serve.pruning.differing} of ${s.serve.pruning.queries}`,
        `${s.serve.pruning.cut} of ${s.serve.pruning.searches} (${(100 * s.serve.pruning.postingsSkippedShare).toFixed(1)}%)`,
      ]),
    ),
  );

  const d = r.dense;
  out.push("", `## 3. HNSW for an endpoint's dense vectors (${d.measures.toLocaleString("en-US")} measures, ${d.dimensions} dimensions)`, "");
  out.push(
    `Stand-in vectors: the local sparse vectors under a seeded Gaussian random projection. Graph M ${d.M}, efConstruction ${d.efConstruction}, built in ${sec(d.buildMs)}; ` +
      `${d.queries} queries, recall@20 against hnswlib's brute force (p95 ${ms(d.bruteForce.p95)} ms). The code uses ef ${d.configuredEf}` +
      `${d.chosenEf === null ? "; no ef reached recall 0.98" : `; the smallest ef reaching recall 0.98 here is ${d.chosenEf}`}.`,
  );
  out.push("");
  out.push(table(["ef", "recall@20", "p50 ms", "p95 ms", "p95 vs brute force"], d.sweep.map((s) => [s.ef, f(s.recallAt20, 3), ms(s.latency.p50), ms(s.latency.p95), x(s.p95VsBruteForce)])));

  out.push("", "## 4. Bot: CPU per update and updates per second", "");
  out.push(
    "The real bot (runBot, production rate limiter) in its own process on the built real index; the fake Bot API and the simulated " +
      "users (the load generator) run in the bench's process. Each user sends its next question when the bot's previous message to it came. " +
      "The users ask the distinct questions of the project's eval files, each text once in a load, as real askers word theirs each their own way " +
      "(a text asked again would be read from the analyzer's memos). " +
      "CPU is the bot process's own (user + system, all its threads); updates per CPU second is what one core could sustain at that cost. " +
      "Of it, what was spent off the main thread (the process's CPU less the main thread's, from /proc/self/task/<pid>/schedstat): V8's compiler threads, still optimising code the load reaches, and libuv's pool. " +
      "A warm-up goes first (texts no measured user asks, from askers of its own asking as many each " +
      "as a measured user, so chats with history are read as in the load): right after start " +
      "V8's compiler threads spend about as much CPU again, which a bot running for weeks pays once; its CPU per update is in its own column. " +
      "CPU per update moves by a tenth or more from run to run on a shared machine: each load runs several times, each in a fresh bot process, and the row is the median run's, every run's figure beside it. " +
      "The baseline runs right after each run, the same load and warm-up in the same way: grammY and its runner alone, answering each message with its own text " +
      "(no engine, stores or middleware of ours), the floor of the framework and the Bot API client on this machine at that time.",
  );
  out.push("");
  out.push(
    table(
      ["Users", "Updates", "API delay", "Updates/s", "Warm-up: updates, CPU/update", "Bot CPU/update", "Of it, off the main thread", "Baseline CPU/update (× it)", "Updates per CPU second", "Reply p50", "Reply p95", "Timeouts", "API calls/update", "Bot peak RSS"],
      r.bot.map((o) => [
        o.users,
        o.updates,
        `${o.responseDelayMs} ms`,
        o.updatesPerSecond.toFixed(0),
        o.warmupCpuMsPerUpdate === null ? "none" : `${o.warmupUpdates}, ${ms(o.warmupCpuMsPerUpdate)} ms`,
        msWithRuns(o.botCpuMsPerUpdate, o.cpuMsPerUpdateRuns),
        o.offMainThreadCpuMsPerUpdate === null ? "–" : `${ms(o.offMainThreadCpuMsPerUpdate)} ms`,
        `${msWithRuns(o.baseline.cpuMsPerUpdate, o.baseline.cpuMsPerUpdateRuns)} (${x(o.baseline.cpuMsPerUpdate > 0 ? o.botCpuMsPerUpdate / o.baseline.cpuMsPerUpdate : null)})`,
        o.updatesPerCpuSecond.toFixed(0),
        `${ms(o.replyLatency.p50)} ms`,
        `${ms(o.replyLatency.p95)} ms`,
        o.timeouts,
        o.apiCallsPerUpdate.toFixed(2),
        mb(o.botPeakRssMB),
      ]),
    ),
  );

  const st = r.startup;
  const runs = (x: { runs: number[]; median: number }) => `${sec(x.median)} (${x.runs.map((v) => (v / 1000).toFixed(2)).join(", ")})`;
  const mem = r.memory;
  out.push("", "## 5. Start-up and memory (42 measures, built index)", "");
  out.push(
    table(
      ["Figure", "Median (runs, s)", "× node -e 0"],
      [
        ["`node -e 0`", runs(st.node), "1×"],
        ["`npm run --silent ask -- --json …`, whole process", runs(st.ask), x(round(st.ask.median / st.node.median, 2))],
        ["`echo … | npm start`, to its answer and exit (stores already there)", runs(st.start), x(round(st.start.median / st.node.median, 2))],
        ["the same, first start (creates the stores)", runs(st.firstStart), x(round(st.firstStart.median / st.node.median, 2))],
        ["open: Node start → engine ready (in the process)", runs(st.open), x(round(st.open.median / st.node.median, 2))],
        ["`npm start` → first getUpdates (Telegram), built index", sec(st.botWithIndexMs), x(round(st.botWithIndexMs / st.node.median, 2))],
        ["`npm start` → first getUpdates, no index (built first)", sec(st.botWithoutIndexMs), x(round(st.botWithoutIndexMs / st.node.median, 2))],
      ],
    ),
  );
  out.push("");
  out.push(
    table(
      ["Memory", "Value"],
      [
        ["RSS of `node -e 0`", mb(st.nodeRssMB)],
        ["RSS in-process after opening the engine", mb(mem.rssAfterOpenMB)],
        [`RSS after ${mem.asks.toLocaleString("en-US")} ask() calls`, mb(mem.rssAfterAsksMB)],
        ["RSS after those calls and a full GC (growth)", `${mb(mem.rssAfterGcMB)} (${mem.rssGrowthMB >= 0 ? "+" : ""}${mem.rssGrowthMB.toFixed(1)} MB)`],
        ["JS heap used after open → after calls and GC", `${mem.heapUsedAfterOpenMB.toFixed(1)} → ${mem.heapUsedAfterGcMB.toFixed(1)} MB (${mem.heapGrowthMB >= 0 ? "+" : ""}${mem.heapGrowthMB.toFixed(1)} MB)`],
      ],
    ),
  );
  out.push("");

  const h = r.handoff;
  out.push("## 6. The stores: SQLite and PostgreSQL", "");
  out.push(
    "Each store in a process of its own (PostgreSQL in a schema of its own on " + h.postgresAt + ", over the network stack; SQLite in a temporary folder). " +
      "Lifecycles: open → claim → reply → close, four transactions each, from several askers at once (the service as the bot calls it). " +
      "Outbox: a committed ticket → each of its two messages handed to the transport by a drain right after (lease, sending, delivered: the send does nothing). " +
      "Per question: what answering one question reads and writes besides the answer (update de-duplication, the chat's recent turns, the question log row, the turn stored), one question after another. " +
      "Several instances: that many processes on one PostgreSQL schema, each running the same lifecycles, started together (the machine's cores are shared by the instances and the database).",
  );
  if (h.postgresSkipped) out.push("", `PostgreSQL not measured: ${h.postgresSkipped}`);
  out.push("");
  out.push(
    table(
      ["Store", "Lifecycles × askers at once", "Lifecycles/s", "Transactions/s", "Transaction p50", "Transaction p95", "Outbox messages", "Outbox p50", "Outbox p95", "Per question p50", "Per question p95"],
      h.stores.map((st) => [
        st.store === "sqlite" ? "SQLite (one process)" : "PostgreSQL (pool of 10)",
        `${st.lifecycles} × ${st.concurrency}`,
        st.lifecyclesPerSecond,
        st.transactionsPerSecond,
        ms(st.transaction.p50),
        ms(st.transaction.p95),
        st.outboxMessages,
        ms(st.outbox.p50),
        ms(st.outbox.p95),
        ms(st.question.p50),
        ms(st.question.p95),
      ]).concat(
        h.instances
          ? [
              [
                `PostgreSQL, ${h.instances.instances} instances (processes)`,
                `${h.instances.lifecycles} × ${h.instances.concurrency} per instance`,
                h.instances.lifecyclesPerSecond,
                h.instances.transactionsPerSecond,
                ms(h.instances.transaction.p50),
                ms(h.instances.transaction.p95),
                "–",
                "–",
                "–",
                "–",
                "–",
              ],
            ]
          : [],
      ),
    ),
  );
  out.push("");
  return out.join("\n");
}
