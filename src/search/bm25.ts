import { TermIndex, TopK, type Scored } from "./term-index.js";

export type { Scored };

/** Okapi BM25 (k1 1.2, b 0.75) over documents given as term lists, held in memory: baselines and small uses. */
export class Bm25 {
  private readonly index: TermIndex;

  constructor(docs: readonly string[][]) {
    this.index = TermIndex.build(docs);
  }

  get size(): number {
    return this.index.documents;
  }

  idf(term: string): number {
    return this.index.idf(term);
  }

  search(query: ReadonlyMap<string, number>, k: number): Scored[] {
    return this.index.bm25(query, k);
  }
}

export function topK(scores: Map<number, number>, k: number): Scored[] {
  const best = new TopK(k);
  for (const [index, score] of scores) best.offer(index, score);
  return best.sorted();
}
