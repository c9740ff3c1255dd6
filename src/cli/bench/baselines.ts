/**
 * What the engine is compared with, on the same measures and the same questions:
 * - plain BM25 over character bigrams (no jieba, no lexicon): what a generic knowledge base does out of the box;
 * - exhaustive cosine over the same vectors (hnswlib's BruteforceSearch): what the HNSW graph saves.
 */
import hnswlib from "hnswlib-node";
import type { Measure } from "../../policy/measure.js";
import { Bm25 } from "../../search/bm25.js";
import { searchableText } from "../../search/index-store.js";

const { BruteforceSearch } = hnswlib;

/** Character bigrams inside CJK runs (a lone character stands for itself), plus Latin/digit words. */
export function bigramTerms(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  for (const word of lower.match(/[a-z0-9]+/g) ?? []) out.push(word);
  return out;
}

export interface BaselineHit {
  measure: Measure;
  score: number;
}

export class BigramBm25Baseline {
  private readonly bm25: Bm25;

  constructor(private readonly measures: readonly Measure[]) {
    this.bm25 = new Bm25(measures.map((m) => bigramTerms(searchableText(m))));
  }

  /** A query bigram that occurs twice counts twice, as in plain BM25. */
  search(query: string, k: number): BaselineHit[] {
    const weights = new Map<string, number>();
    for (const t of bigramTerms(query)) weights.set(t, (weights.get(t) ?? 0) + 1);
    return this.bm25.search(weights, k).map((s) => ({ measure: this.measures[s.index]!, score: s.score }));
  }
}

/** Exact nearest neighbours by cosine, in the same native code (and float32 storage) as the HNSW index. */
export class BruteForceCosine {
  private readonly index: InstanceType<typeof BruteforceSearch>;

  constructor(dimensions: number, vectors: readonly number[][]) {
    this.index = new BruteforceSearch("cosine", dimensions);
    this.index.initIndex(Math.max(1, vectors.length));
    vectors.forEach((v, label) => this.index.addPoint(v, label));
  }

  /** Labels (positions in the vectors given) of the k nearest, nearest first, with cosine similarity. */
  search(query: number[], k: number): Array<{ label: number; cosine: number }> {
    const { neighbors, distances } = this.index.searchKnn(query, k);
    return neighbors.map((label, i) => ({ label, cosine: 1 - distances[i]! })).sort((a, b) => b.cosine - a.cosine || a.label - b.label);
  }
}
