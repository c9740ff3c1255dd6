import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bigramTerms } from "../../src/cli/bench/baselines.js";
import { remapQuestions } from "../../src/cli/bench/quality.js";
import { percentiles } from "../../src/cli/bench/stats.js";
import { generateSyntheticCorpus, mulberry32, writeCorpusDir } from "../../src/cli/bench/synthetic-corpus.js";
import { loadCorpus } from "../../src/policy/corpus.js";
import { parsePolicyText } from "../../src/policy/parse.js";

const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
const POLICY_DIR = path.join(CORPUS_DIR, "policy");
const realFile = fs.readdirSync(POLICY_DIR).find((f) => f.endsWith(".txt"))!;
const realText = fs.readFileSync(path.join(POLICY_DIR, realFile), "utf8");
const real = parsePolicyText(realText, realFile);
const tmpRoots: string[] = [];

afterAll(() => {
  for (const dir of tmpRoots) fs.rmSync(dir, { recursive: true, force: true });
});

describe("mulberry32", () => {
  it("is a deterministic stream in [0, 1)", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});

describe("generateSyntheticCorpus", () => {
  it("gives byte-identical text for the same seed, and different text for another seed", () => {
    const a = generateSyntheticCorpus(realText, { measures: 500, seed: 1 });
    const b = generateSyntheticCorpus(realText, { measures: 500, seed: 1 });
    const c = generateSyntheticCorpus(realText, { measures: 500, seed: 2 });
    expect(Buffer.from(b.text).equals(Buffer.from(a.text))).toBe(true);
    expect([...b.mapping]).toEqual([...a.mapping]);
    expect(c.text).not.toBe(a.text);
    expect([...c.mapping]).not.toEqual([...a.mapping]);
  });

  it("parses into N measures with the real ones, verbatim, at the mapped numbers", () => {
    for (const n of [42, 300, 2_000]) {
      const s = generateSyntheticCorpus(realText, { measures: n, seed: 20220 });
      const doc = parsePolicyText(s.text, "synthetic.txt");
      expect(doc.measures).toHaveLength(n);
      expect(doc.measures.map((m) => m.number)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(doc.title).toBe(real.title);
      expect(s.mapping.size).toBe(real.measures.length);
      expect(new Set(s.mapping.values()).size).toBe(real.measures.length);
      for (const r of real.measures) {
        const at = s.mapping.get(r.number)!;
        const m = doc.measures[at - 1]!;
        expect(m.number).toBe(at);
        expect(m.text).toBe(r.text);
        expect(m.departments).toEqual(r.departments);
      }
      // Nothing else is a copy of a real measure.
      const realTexts = new Set(real.measures.map((m) => m.text));
      expect(doc.measures.filter((m) => realTexts.has(m.text))).toHaveLength(real.measures.length);
    }
  });

  it("keeps the real measures in their order, at spread-out positions", () => {
    const s = generateSyntheticCorpus(realText, { measures: 10_000, seed: 3 });
    const positions = real.measures.map((r) => s.mapping.get(r.number)!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions[0]!).toBeLessThan(2_000);
    expect(positions.at(-1)!).toBeGreaterThan(8_000);
  });

  it("refuses fewer measures than the real text has", () => {
    expect(() => generateSyntheticCorpus(realText, { measures: 41, seed: 1 })).toThrow(/at least 42/);
  });

  it("writes a corpus folder that loadCorpus accepts (lexicon and department aliases copied)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synthetic-"));
    tmpRoots.push(dir);
    const s = generateSyntheticCorpus(realText, { measures: 300, seed: 5 });
    writeCorpusDir(dir, s.text, CORPUS_DIR);
    const corpus = loadCorpus(dir);
    expect(corpus.measures).toHaveLength(300);
    expect(corpus.lexicon.length).toBeGreaterThan(0);
    expect(corpus.departmentNames.get("市中院")).toBe("市中级人民法院");
  });
});

describe("bench helpers", () => {
  it("remaps dev-set expectations to the new numbers", () => {
    const mapping: Array<[number, number]> = [
      [1, 17],
      [2, 93],
    ];
    const [a, b, c] = remapQuestions(
      [
        { id: "a", q: "x", expect: [1] },
        { id: "b", q: "y", expect_all: [1, 2] },
        { id: "c", q: "z", expect: "none" },
      ],
      mapping,
    );
    expect(a!.expect).toEqual([17]);
    expect(b!.expect_all).toEqual([17, 93]);
    expect(c!.expect).toBe("none");
  });

  it("splits text into character bigrams and Latin words, without a segmenter", () => {
    expect(bigramTerms("办电2天 OK，电")).toEqual(["办电", "天", "电", "2", "ok"]);
  });

  it("computes nearest-rank percentiles", () => {
    const p = percentiles(Array.from({ length: 100 }, (_, i) => i + 1));
    expect([p.p50, p.p95, p.p99, p.max, p.n]).toEqual([50, 95, 99, 100, 100]);
  });
});
