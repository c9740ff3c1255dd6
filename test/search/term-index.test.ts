import { describe, expect, it } from "vitest";
import { IndexDamagedError } from "../../src/search/index-damage.js";
import { TermIndex, TopK, type Column, type Scored } from "../../src/search/term-index.js";
import { mulberry32 } from "../../src/cli/bench/synthetic-corpus.js";

/**
 * A corpus shaped like the real one at scale: a few very common terms (bigrams like ~企业 in most measures),
 * a middle band, and a long tail of rare words, with repeated terms; plus exact duplicates, for ties.
 */
function corpus(documents: number, seed: number): string[][] {
  const rand = mulberry32(seed);
  const docs: string[][] = [];
  for (let d = 0; d < documents; d++) {
    if (d % 97 === 5 && d > 0) {
      docs.push([...docs[d - 1]!]); // a duplicate: equal scores, ties broken by position
      continue;
    }
    const terms: string[] = [];
    const length = 20 + Math.floor(rand() * 60);
    for (let i = 0; i < length; i++) {
      const r = rand();
      terms.push(r < 0.3 ? `common${Math.floor(rand() * 4)}` : r < 0.7 ? `mid${Math.floor(rand() * 60)}` : `rare${Math.floor(rand() ** 3 * 5000)}`);
    }
    docs.push(terms);
  }
  return docs;
}

function queries(count: number, seed: number): Array<Map<string, number>> {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const q = new Map<string, number>();
    const size = 1 + Math.floor(rand() * 25);
    for (let i = 0; i < size; i++) {
      const r = rand();
      const term = r < 0.35 ? `common${Math.floor(rand() * 4)}` : r < 0.7 ? `mid${Math.floor(rand() * 60)}` : `rare${Math.floor(rand() * 5000)}`;
      q.set(term, rand() < 0.3 ? 0.6 : 1);
    }
    return q;
  });
}

/** Same documents in the same order, scores equal up to summation order. */
function expectSameRanking(pruned: Scored[], exact: Scored[]) {
  expect(pruned.map((s) => s.index)).toEqual(exact.map((s) => s.index));
  pruned.forEach((s, i) => expect(Math.abs(s.score - exact[i]!.score)).toBeLessThan(1e-9 * Math.max(1, exact[i]!.score)));
}

const weight = (term: string) => (term.startsWith("common") ? 0.5 : term.startsWith("mid") ? 2 : 6);

describe("TermIndex search with MaxScore pruning", () => {
  const docs = corpus(3000, 7);
  const index = TermIndex.build(docs, weight);

  it.each<[Column, number]>([
    ["bm25", 20],
    ["bm25", 1],
    ["bm25", 8],
    ["cosine", 20],
    ["cosine", 3],
  ])("%s top %i equals the exhaustive sum on 300 random queries", (column, k) => {
    for (const q of queries(300, 11 + k)) {
      const pruned = column === "bm25" ? index.bm25(q, k) : index.cosine(q, k);
      expectSameRanking(pruned, index.exhaustive(column, q, k));
    }
  });

  it("restricted to some documents, it equals the exhaustive sum over those documents", () => {
    const within = new Uint8Array(docs.length);
    for (let d = 0; d < docs.length; d += 3) within[d] = 1;
    for (const q of queries(100, 5)) {
      const pruned = index.bm25(q, 20, within);
      for (const s of pruned) expect(within[s.index]).toBe(1);
      expectSameRanking(pruned, index.exhaustive("bm25", q, 20, within));
    }
  });

  it("a duplicate document ties with its original, which comes first", () => {
    const original = docs[101]!;
    expect(docs[102]).toEqual(original);
    const q = new Map(original.slice(0, 10).map((t) => [t, 1]));
    const hits = index.bm25(q, 50);
    const at = hits.findIndex((h) => h.index === 101);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(hits[at + 1]).toEqual({ index: 102, score: hits[at]!.score });
  });

  it("fewer matching documents than k: all of them; unknown terms and k = 0: nothing", () => {
    const rare = docs.findIndex((d) => d.includes("rare4999"));
    const q = new Map([["rare4999", 1]]);
    const hits = index.bm25(q, 20);
    expect(hits.length).toBe(docs.filter((d) => d.includes("rare4999")).length);
    if (rare >= 0) expect(hits.map((h) => h.index)).toContain(rare);
    expect(index.bm25(new Map([["absent", 1]]), 20)).toEqual([]);
    expect(index.bm25(new Map([["common0", 1]]), 0)).toEqual([]);
  });
});

describe("TermIndex weights", () => {
  const docs = [
    ["供水", "报装", "周期"],
    ["供电", "报装", "报装", "周期"],
    ["贷款", "信用"],
    ["供水", "供水", "供水", "热线"],
  ];
  const index = TermIndex.build(docs, (t) => (t === "供水" ? 2 : 1));

  it("BM25 by the formula (k1 1.2, b 0.75), weights stored as float32", () => {
    const avg = 13 / 4;
    const idf = (df: number) => Math.log(1 + (4 - df + 0.5) / (df + 0.5));
    const score = (tf: number, len: number, df: number) => (idf(df) * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * len) / avg));
    const hits = index.bm25(new Map([["供水", 1]]), 10);
    expect(hits.map((h) => h.index)).toEqual([3, 0]);
    expect(hits[0]!.score).toBeCloseTo(score(3, 4, 2), 6);
    expect(hits[1]!.score).toBeCloseTo(score(1, 3, 2), 6);
    expect(index.idf("贷款")).toBeCloseTo(idf(1), 10);
    expect(index.df("报装")).toBe(2);
  });

  it("cosine: each document an L2-normalised (1 + ln tf)·weight vector", () => {
    // Document 3: 供水 tf 3 weight 2, 热线 tf 1 weight 1.
    const a = (1 + Math.log(3)) * 2;
    const norm = Math.hypot(a, 1);
    const [hit] = index.cosine(new Map([["热线", 1]]), 1);
    expect(hit!.index).toBe(3);
    expect(hit!.score).toBeCloseTo(1 / norm, 6);
    const self = index.cosine(new Map([["供水", a / norm], ["热线", 1 / norm]]), 1);
    expect(self[0]!.score).toBeCloseTo(1, 6);
  });

  it("encodes and decodes to the same searches", () => {
    const back = TermIndex.decode(index.encode(), "terms.bin");
    expect(back.documents).toBe(4);
    expect(back.vocabularySize).toBe(index.vocabularySize);
    expect(back.has("热线")).toBe(true);
    expect(back.has("不存在")).toBe(false);
    const q = new Map([["供水", 1], ["报装", 0.6]]);
    expect(back.bm25(q, 4)).toEqual(index.bm25(q, 4));
    expect(back.cosine(q, 4)).toEqual(index.cosine(q, 4));
  });

  it("a truncated, appended-to or foreign file is an IndexDamagedError naming the file", () => {
    const bytes = index.encode();
    expect(() => TermIndex.decode(bytes.subarray(0, bytes.length - 9), "x/terms.bin")).toThrow(IndexDamagedError);
    expect(() => TermIndex.decode(bytes.subarray(0, 5), "x/terms.bin")).toThrow(/x\/terms\.bin: not an index file/);
    expect(() => TermIndex.decode(Buffer.concat([bytes, Buffer.alloc(8)]), "x/terms.bin")).toThrow(/truncated or appended/);
    expect(() => TermIndex.decode(Buffer.from('{"json": true}'), "x/terms.bin")).toThrow(IndexDamagedError);
  });

  it("a posting naming a document out of range is refused, not searched", () => {
    const bytes = Buffer.from(index.encode());
    const back = TermIndex.decode(bytes, "terms.bin");
    // Find the docs section through a decoded view and corrupt one entry in the copy's memory.
    const docs = (back as unknown as { docs: Int32Array }).docs;
    docs[0] = 99;
    expect(() => TermIndex.decode(bytes, "terms.bin")).toThrow(/out of range/);
  });
});

describe("TopK", () => {
  it("keeps the k best, ties to the lower index, best first", () => {
    const top = new TopK(3);
    for (const [i, s] of [[5, 1], [2, 3], [1, 1], [4, 2], [0, 0.5], [3, 3]] as const) top.offer(i, s);
    expect(top.sorted()).toEqual([
      { index: 2, score: 3 },
      { index: 3, score: 3 },
      { index: 4, score: 2 },
    ]);
  });
});
