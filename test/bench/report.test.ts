/**
 * The bench end to end on a tiny configuration (the real jobs, child processes, bot and npm start,
 * but 300 synthetic measures and a handful of repetitions): every figure of the JSON report is there.
 * No assertion is on a wall-clock time.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BenchReportSchema, renderMarkdown, type BenchReport } from "../../src/cli/bench/report.js";
import { QUICK, runBench } from "../../src/cli/bench/run-bench.js";

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

describe("npm run bench -- --quick --json (tiny configuration)", () => {
  it(
    "reports every figure, in the documented shape",
    async () => {
      const report = await runBench({
        ...QUICK,
        latency: { warmup: 1, repetitions: 1 },
        scale: { measures: [300], warmup: 1, repetitions: 1 },
        bot: [{ users: 5, questionsPerUser: 2, responseDelayMs: 0 }],
        memoryAsks: 50,
        log: () => undefined,
      });
      // What --json prints, read back.
      const json = JSON.parse(JSON.stringify(report)) as unknown;
      const parsed: BenchReport = BenchReportSchema.parse(json); // strict objects: no key missing, none unknown

      // Every key of the type has a value. Null only where documented: targets not measured (10,000 measures
      // not run), the real corpus's seed, and a ratio or score without a denominator.
      const mayBeNull = /^targets\[\]\.(value|pass)$|^latency\.seed$|\.ratios\.|quality\.(top1|hit3|noneOk)$/;
      for (const path of leafPaths(BenchReportSchema)) {
        const values = valuesAt(parsed, path);
        expect(values.length, path).toBeGreaterThan(0);
        for (const v of values) {
          if (v === null && mayBeNull.test(path)) continue;
          expect(v, path).not.toBeUndefined();
          expect(v, path).not.toBeNull();
          if (typeof v === "number") expect(Number.isFinite(v), path).toBe(true);
        }
      }

      expect(parsed.meta.mode).toBe("quick");
      expect(parsed.meta.commit).toMatch(/^[0-9a-f]{4,}(\+dirty)?$|^unknown$/);
      expect(parsed.latency.measures).toBe(42);
      expect(parsed.latency.corpus).toBe("real");
      expect(parsed.scale.map((s) => [s.measures, s.corpus])).toEqual([[300, "synthetic"]]);
      expect(parsed.latency.serve.ask.n).toBe(parsed.meta.questions);
      expect(parsed.bot[0]!.updates).toBe(10);
      expect(parsed.bot[0]!.replied + parsed.bot[0]!.timeouts).toBe(10);
      expect(parsed.memory.asks).toBe(50);
      expect(parsed.targets.map((t) => t.id)).toEqual(["ask-p95-42", "ask-p95-10k", "build-10k", "bot-throughput", "rss-10k", "startup-built"]);
      expect(parsed.targets.find((t) => t.id === "ask-p95-10k")!.value).toBeNull();
      expect(parsed.targets.find((t) => t.id === "ask-p95-42")!.pass).toBeTypeOf("boolean");

      const md = renderMarkdown(parsed);
      for (const heading of ["## Targets", "## 1. Answer latency", "## 2. Scale", "## 3. Bot throughput", "## 4. Start-up and memory"]) expect(md).toContain(heading);
      expect(md).toContain(parsed.meta.commit);
      expect(md).toMatch(/PASS|MISS/);
    },
    300_000,
  );
});
