/**
 * The bench end to end on a tiny configuration (the real jobs, child processes, bot and npm start,
 * but 300 synthetic measures and a handful of repetitions): every figure of the JSON report is there.
 * No assertion is on a wall-clock time.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { BenchReportSchema, renderMarkdown, type BenchReport } from "../../src/cli/bench/report.js";
import { loadWarningFor, QUICK, runBench } from "../../src/cli/bench/run-bench.js";

/** Every leaf of a zod object schema, as dotted paths (arrays as []). */
function leafPaths(schema: z.ZodType, prefix = ""): string[] {
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape).flatMap(([k, v]) => leafPaths(v as z.ZodType, prefix ? `${prefix}.${k}` : k));
  if (schema instanceof z.ZodArray) return leafPaths(schema.element as z.ZodType, `${prefix}[]`);
  return [prefix];
}

function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const part of path.split(".")) {
    const isArray = part.endsWith("[]");
    const key = isArray ? part.slice(0, -2) : part;
    current = current.flatMap((v) => {
      const next = (v as Record<string, unknown>)[key];
      return isArray ? (next as unknown[]) : [next];
    });
  }
  return current;
}

/** A small questions file of the project's format, written here: the test reads nothing outside the repository. */
const QUESTIONS = [
  { id: "t1", q: "小微企业办电要几天", expect: [11], kind: "inscope" },
  { id: "t2", q: "供水报装要多少个工作日", expect: [12], kind: "inscope" },
  { id: "t3", q: "市住建局负责哪些事？", expect_all: [5, 6, 10, 12, 13, 14], kind: "department" },
  { id: "t4", q: "明天克拉玛依会下雪吗", expect: "none", kind: "oos" },
  { id: "t5", q: "你好", expect: "greeting", kind: "adversarial" },
];

/** What the tiny load's users ask: more distinct texts than its 10 measured updates (each text is asked once). */
const BOT_QUESTIONS = [
  "小饭馆接电要几天",
  "开公司最快几天办完",
  "供水报装要多少个工作日",
  "不动产登记多久能办好",
  "税务部门负责哪些事",
  "第11条讲的什么",
  "办施工许可要多久",
  "企业注销要跑几趟",
  "用气报装几天能通",
  "明天会下雪吗",
  "你好",
  "政府采购的保证金怎么退",
].map((q, i) => ({ id: `b${i}`, q, expect: "none", kind: "oos" }));

let root: string;
let tiny: BenchReport | undefined;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
  fs.writeFileSync(path.join(root, "questions.jsonl"), QUESTIONS.map((q) => JSON.stringify(q)).join("\n"));
  fs.writeFileSync(path.join(root, "bot-questions.jsonl"), BOT_QUESTIONS.map((q) => JSON.stringify(q)).join("\n"));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("npm run bench -- --quick --json (tiny configuration)", () => {
  it(
    "reports every figure, in the documented shape, and judges every target",
    async () => {
      const report = await runBench({
        ...QUICK,
        questionsFile: path.join(root, "questions.jsonl"),
        scales: [300],
        perPath: 20,
        dense: { measures: 300, dimensions: 16, efs: [16, 64] }, // on the 300-measure scale's index

        botQuestionFiles: [path.join(root, "bot-questions.jsonl")],
        bot: [{ users: 5, questionsPerUser: 2, responseDelayMs: 0, warmupUpdates: 8 }],
        memoryAsks: 50,
        handoff: { lifecycles: 12, concurrency: 3, outboxTickets: 4, questions: 6 },
        postgresUrl: inject("services").postgres,
        startupRuns: 1,
        servingRssRuns: 1,
        log: () => undefined,
      });
      // What --json prints, read back.
      const json = JSON.parse(JSON.stringify(report)) as unknown;
      const parsed: BenchReport = BenchReportSchema.parse(json); // strict objects: no key missing, none unknown
      tiny = parsed;

      // Every key of the type has a value. Null only where documented: the real corpus's seed, a ratio or score
      // without a denominator, the serving RSS of a size not run as a process, a target without a baseline.
      const mayBeNull = /^scales\[\]\.seed$|ratio|quality\.(top1|hit3|noneOk)$|Quality\.(top1|hit3|noneOk)$|^targets\[\]\.(baseline|measuredAt)$|p95VsBruteForce|loadWarning|chosenEf|postgresSkipped|^handoff\.instances$/;
      for (const p of leafPaths(BenchReportSchema)) {
        const values = valuesAt(parsed, p);
        expect(values.length, p).toBeGreaterThan(0);
        for (const v of values) {
          if (v === null && mayBeNull.test(p)) continue;
          expect(v, p).not.toBeUndefined();
          expect(v, p).not.toBeNull();
          if (typeof v === "number") expect(Number.isFinite(v), p).toBe(true);
        }
      }

      expect(parsed.meta.mode).toBe("quick");
      expect(parsed.meta.questionsFile).toBe("questions.jsonl");
      expect(parsed.meta.questions).toBe(QUESTIONS.length);
      expect(parsed.meta.commit).toMatch(/^[0-9a-f]{4,}(\+dirty)?$|^unknown$/);
      expect(parsed.scales.map((s) => [s.measures, s.corpus])).toEqual([
        [42, "real"],
        [300, "synthetic"],
      ]);
      for (const s of parsed.scales) {
        // Unique questions on every path, each timed once, the baseline beside each.
        for (const p of Object.values(s.serve.paths)) {
          expect(p.questions).toBeGreaterThan(0);
          expect(p.ask.n).toBe(p.questions);
          expect(p.baseline.n).toBe(p.questions);
        }
        expect(s.serve.quality.questions).toBe(QUESTIONS.length);
        expect(s.serve.pruning.differing).toBe(0);
        expect(s.servingRssMB).toBeGreaterThan(0);
        expect(s.servingRssRunsMB).toEqual([s.servingRssMB]);
      }
      expect(parsed.scales[0]!.serve.quality.top1).toBe(1);
      expect(parsed.startup.ask.runs).toHaveLength(1);
      expect(parsed.startup.start.runs).toHaveLength(1);
      expect(parsed.startup.firstStart.runs).toHaveLength(1);
      expect(parsed.startup.node.runs).toHaveLength(4); // between the others
      expect(parsed.dense.sweep.map((s) => s.ef)).toEqual([16, 64, parsed.dense.configuredEf].filter((e, i, a) => a.indexOf(e) === i).sort((a, b) => a - b));
      expect(parsed.bot[0]!.updates).toBe(10);
      expect(parsed.bot[0]!.replied + parsed.bot[0]!.timeouts).toBe(10);
      // The warm-up is its own lap of the CPU clock: both laps spent CPU, and the measured one is per measured update.
      expect(parsed.bot[0]!.warmupUpdates).toBe(8);
      expect(parsed.bot[0]!.warmupCpuMsPerUpdate).toBeGreaterThan(0);
      expect(parsed.bot[0]!.botCpuMsPerUpdate).toBeGreaterThan(0);
      // Of it, the share off the main thread (read from /proc on Linux, where the tests run): part of the whole, never more.
      expect(parsed.bot[0]!.offMainThreadCpuMsPerUpdate).toBeGreaterThanOrEqual(0);
      expect(parsed.bot[0]!.offMainThreadCpuMsPerUpdate).toBeLessThanOrEqual(parsed.bot[0]!.botCpuMsPerUpdate);
      // Beside it, grammY alone under the same load (one run each in a quick run), and the target's ratio to it.
      expect(parsed.bot[0]!.baseline.cpuMsPerUpdateRuns).toHaveLength(1);
      expect(parsed.bot[0]!.baseline.cpuMsPerUpdate).toBeGreaterThan(0);
      const botTarget = parsed.targets.find((t) => t.id === "bot-cpu")!;
      expect(botTarget.baseline?.value).toBe(parsed.bot[0]!.baseline.cpuMsPerUpdate);
      expect(botTarget.ratio).toBeCloseTo(botTarget.value! / parsed.bot[0]!.baseline.cpuMsPerUpdate, 1);
      expect(parsed.memory.asks).toBe(50);
      // The handoff row: SQLite always, PostgreSQL beside it when the test server answers; every lifecycle and outbox message counted.
      const reachable = inject("services").postgres !== null;
      expect(parsed.handoff.stores.map((st) => st.store)).toEqual(reachable ? ["sqlite", "postgres"] : ["sqlite"]);
      expect(parsed.handoff.postgresSkipped === null).toBe(reachable);
      for (const st of parsed.handoff.stores) {
        expect(st.transaction.n).toBe(4 * 12);
        expect(st.outboxMessages).toBe(2 * 4);
        expect(st.question.n).toBe(6);
        expect(st.lifecyclesPerSecond).toBeGreaterThan(0);
      }
      // Three instances on one PostgreSQL schema: each ran every lifecycle, every transaction counted.
      if (reachable) {
        expect(parsed.handoff.instances).toMatchObject({ instances: 3, lifecycles: 3 * 12, concurrency: 3 });
        expect(parsed.handoff.instances!.transaction.n).toBe(4 * 3 * 12);
        expect(parsed.handoff.instances!.lifecyclesPerSecond).toBeGreaterThan(0);
      } else expect(parsed.handoff.instances).toBeNull();
      // Every target is judged: a quick run measures the large-corpus ones at its largest size.
      expect(parsed.targets.map((t) => t.id)).toEqual([
        "open-42",
        "ask-process",
        "start-process",
        "rss-42",
        "rss-10k",
        "build-10k",
        "build-50k",
        "build-rss-50k",
        "ask-p95-search-10k",
        "ask-p95-search-50k",
        "hnsw-recall",
        "pruning-exact",
        "bot-cpu",
      ]);
      for (const t of parsed.targets) {
        expect(t.value, t.id).not.toBeNull();
        expect(t.pass, t.id).toBeTypeOf("boolean");
      }
      expect(parsed.targets.find((t) => t.id === "build-50k")!.measuredAt).toBe(300);

      const md = renderMarkdown(parsed);
      for (const heading of ["## Targets", "## 1. Answer latency per path", "## 2. Scale", "## 3. HNSW", "## 4. Bot", "## 5. Start-up and memory", "## 6. The stores"]) expect(md).toContain(heading);
      expect(md).toContain(parsed.meta.commit);
      if (reachable) expect(md).toMatch(/\| PostgreSQL, 3 instances \(processes\) \| 36 × 3 per instance \|/);
      expect(md).toMatch(/PASS|MISS/);
    },
    300_000,
  );

  it("warns when the load average exceeded the cores, and the report shows the warning", () => {
    expect(loadWarningFor({ max: 2 }, 2)).toBeNull();
    const warning = loadWarningFor({ max: 5.5 }, 2);
    expect(warning).toMatch(/^the load average reached 5.5 on 2 cores during the run/);
    const md = renderMarkdown({ ...tiny!, meta: { ...tiny!.meta, loadWarning: warning } });
    expect(md).toContain(`**Warning:** ${warning}`);
    expect(renderMarkdown({ ...tiny!, meta: { ...tiny!.meta, loadWarning: null } })).not.toContain("**Warning:**");
  });
});
