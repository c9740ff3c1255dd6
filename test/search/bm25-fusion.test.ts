import { describe, expect, it } from "vitest";
import { Bm25, topK } from "../../src/search/bm25.js";
import { reciprocalRankFusion } from "../../src/search/fusion.js";

// A toy corpus: 0 and 3 mention 供水 (3 three times), 1 is about 供电, 2 about 贷款.
const DOCS = [
  ["供水", "报装", "周期"],
  ["供电", "报装", "报装", "周期"],
  ["贷款", "信用"],
  ["供水", "供水", "供水", "热线"],
];
const q = (entries: Array<[string, number]>) => new Map(entries);

describe("Bm25", () => {
  const bm25 = new Bm25(DOCS);

  it("ranks by term frequency and returns only documents that match", () => {
    const hits = bm25.search(q([["供水", 1]]), 10);
    expect(hits.map((h) => h.index)).toEqual([3, 0]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(bm25.size).toBe(4);
  });

  it("computes Okapi BM25 (k1 1.2, b 0.75) by the formula", () => {
    const n = 4;
    const avg = (3 + 4 + 2 + 4) / 4;
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const score = (tf: number, len: number, df: number) => (idf(df) * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * len) / avg));
    const hits = bm25.search(q([["供水", 1]]), 10);
    // Term-frequency parts are stored as float32 to keep large indexes small.
    expect(hits[0]!.score).toBeCloseTo(score(3, 4, 2), 6);
    expect(hits[1]!.score).toBeCloseTo(score(1, 3, 2), 6);
    expect(bm25.idf("贷款")).toBeCloseTo(idf(1), 10);
    expect(bm25.idf("报装")).toBeLessThan(bm25.idf("贷款"));
  });

  it("weights query terms: scores scale with the weight and the heavier term wins", () => {
    const full = bm25.search(q([["供水", 1]]), 10);
    const half = bm25.search(q([["供水", 0.5]]), 10);
    expect(half.map((h) => h.index)).toEqual(full.map((h) => h.index));
    half.forEach((h, i) => expect(h.score).toBeCloseTo(full[i]!.score / 2, 10));
    expect(bm25.search(q([["供水", 1], ["信用", 0.1]]), 10)[0]!.index).toBe(3);
    expect(bm25.search(q([["供水", 0.1], ["信用", 1]]), 10)[0]!.index).toBe(2);
  });

  it("unknown terms score 0: no hits alone, no effect in a mixed query", () => {
    expect(bm25.search(q([["不存在", 1]]), 10)).toEqual([]);
    expect(bm25.search(q([["供水", 1], ["不存在", 5]]), 10)).toEqual(bm25.search(q([["供水", 1]]), 10));
  });

  it("sums the terms and cuts at k", () => {
    const both = bm25.search(q([["报装", 1], ["周期", 1]]), 10);
    expect(both.map((h) => h.index).sort()).toEqual([0, 1]);
    expect(bm25.search(q([["报装", 1], ["周期", 1], ["供水", 1]]), 1)).toHaveLength(1);
  });

  it("an empty corpus finds nothing", () => {
    expect(new Bm25([]).search(q([["供水", 1]]), 5)).toEqual([]);
  });

  it("topK sorts by score, ties by index", () => {
    expect(topK(new Map([[5, 1], [2, 3], [1, 1], [4, 2]]), 3)).toEqual([
      { index: 2, score: 3 },
      { index: 4, score: 2 },
      { index: 1, score: 1 },
    ]);
  });
});

describe("reciprocalRankFusion", () => {
  const lexical = [{ index: 0, score: 9 }, { index: 1, score: 5 }, { index: 2, score: 1 }];
  const vector = [{ index: 2, score: 0.9 }, { index: 0, score: 0.1 }];

  it("sums 1/(k + rank) over the rankings (k = 60)", () => {
    const fused = reciprocalRankFusion([lexical, vector]);
    expect(fused.map((f) => f.index)).toEqual([0, 2, 1]);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[2]!.score).toBeCloseTo(1 / 62, 12);
  });

  it("a small k and weights, computed by hand", () => {
    // k = 0: ranks score 1, 1/2, 1/3. doc0 = 1 + 1/2, doc2 = 1/3 + 1, doc1 = 1/2.
    expect(reciprocalRankFusion([lexical, vector], 0)).toEqual([
      { index: 0, score: 1.5 },
      { index: 2, score: 1 / 3 + 1 },
      { index: 1, score: 0.5 },
    ]);
    // Weights 1 and 3: doc2 = 1/3 + 3 overtakes doc0 = 1 + 3/2.
    const weighted = reciprocalRankFusion([lexical, vector], 0, [1, 3]);
    expect(weighted.map((f) => f.index)).toEqual([2, 0, 1]);
    expect(weighted[0]!.score).toBeCloseTo(1 / 3 + 3, 12);
    expect(weighted[1]!.score).toBeCloseTo(2.5, 12);
  });

  it("ignores the rankers' raw scores and breaks ties by index", () => {
    const a = reciprocalRankFusion([[{ index: 7, score: 1000 }], [{ index: 3, score: 0.001 }]]);
    expect(a).toEqual([
      { index: 3, score: 1 / 61 },
      { index: 7, score: 1 / 61 },
    ]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});
