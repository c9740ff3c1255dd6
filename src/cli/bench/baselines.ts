/**
 * What the engine is compared with, on the same measures and the same questions, in the same process:
 * plain BM25 over character bigrams (no jieba, no lexicon, no vectors, no answerability): what a generic
 * knowledge base does out of the box. It uses the same BM25 code (pruned top-k), so a ratio shows what
 * segmentation, vectors, fusion and answerability cost on top of a lexical search.
 */
import type { Measure } from "../../policy/measure.js";
import { Bm25 } from "../../search/bm25.js";
import { searchableText } from "../../search/index-store.js";

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
