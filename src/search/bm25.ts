/** Okapi BM25 over pre-analyzed terms, with weighted query terms (synonyms weigh less). */
export interface Scored {
  index: number;
  score: number;
}

/** One term's postings: the documents holding it and their precomputed BM25 term-frequency parts. */
interface Postings {
  docs: Int32Array;
  weights: Float32Array;
  idf: number;
}

export class Bm25 {
  // Typed arrays: tens of thousands of documents stay compact and fast to score.
  private readonly postings = new Map<string, Postings>();
  private readonly scores: Float64Array;
  private readonly touched: Uint8Array;
  readonly size: number;

  constructor(docs: string[][], k1 = 1.2, b = 0.75) {
    this.size = docs.length;
    this.scores = new Float64Array(docs.length);
    this.touched = new Uint8Array(docs.length);
    const avgLength = docs.reduce((a, d) => a + d.length, 0) / Math.max(1, docs.length);
    const lists = new Map<string, { docs: number[]; weights: number[] }>();
    docs.forEach((terms, doc) => {
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      const norm = k1 * (1 - b + (b * terms.length) / avgLength);
      for (const [t, tf] of counts) {
        let list = lists.get(t);
        if (!list) lists.set(t, (list = { docs: [], weights: [] }));
        list.docs.push(doc);
        list.weights.push((tf * (k1 + 1)) / (tf + norm));
      }
    });
    for (const [t, list] of lists) {
      const df = list.docs.length;
      this.postings.set(t, {
        docs: Int32Array.from(list.docs),
        weights: Float32Array.from(list.weights),
        idf: Math.log(1 + (this.size - df + 0.5) / (df + 0.5)),
      });
    }
  }

  idf(term: string): number {
    return this.postings.get(term)?.idf ?? Math.log(1 + (this.size + 0.5) / 0.5);
  }

  search(query: Map<string, number>, k: number): Scored[] {
    const hit: number[] = [];
    for (const [term, weight] of query) {
      const p = this.postings.get(term);
      if (!p) continue;
      const w = p.idf * weight;
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i]!;
        if (!this.touched[doc]) {
          this.touched[doc] = 1;
          hit.push(doc);
        }
        this.scores[doc]! += w * p.weights[i]!;
      }
    }
    const best = new TopK(k);
    for (const doc of hit) {
      best.offer(doc, this.scores[doc]!);
      this.scores[doc] = 0;
      this.touched[doc] = 0;
    }
    return best.sorted();
  }
}

/** The k best scores without sorting every candidate; ties go to the lower index. */
class TopK {
  private readonly items: Scored[] = [];
  constructor(private readonly k: number) {}

  offer(index: number, score: number) {
    if (this.k <= 0) return;
    if (this.items.length === this.k && !better(index, score, this.items[this.k - 1]!)) return;
    let i = Math.min(this.items.length, this.k - 1);
    if (this.items.length < this.k) this.items.push({ index, score });
    while (i > 0 && better(index, score, this.items[i - 1]!)) {
      this.items[i] = this.items[i - 1]!;
      i--;
    }
    this.items[i] = { index, score };
  }

  sorted(): Scored[] {
    return this.items;
  }
}

const better = (index: number, score: number, than: Scored) => score > than.score || (score === than.score && index < than.index);

export function topK(scores: Map<number, number>, k: number): Scored[] {
  const best = new TopK(k);
  for (const [index, score] of scores) best.offer(index, score);
  return best.sorted();
}
