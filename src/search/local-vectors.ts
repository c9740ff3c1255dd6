import type { EmbedderId } from "./manifest.js";
import type { Scored, TermIndex } from "./term-index.js";
import type { TextAnalyzer } from "./text.js";
import type { VectorSearch } from "./vector-search.js";

/**
 * The local embedder needs no model weights: a text's vector is its jieba words and character bigrams,
 * weighted by general-language IDF and sublinear term frequency, L2-normalised. The vectors are sparse,
 * so they are stored in the term index and searched exactly (a pruned sum) rather than hashed into a
 * fixed number of dimensions for an approximate graph: no HNSW build, recall 1.
 * Dimensions 0 in its id means "sparse: one dimension per term".
 */
export const LOCAL_EMBEDDER: EmbedderId = { name: "local-sparse-v1", dimensions: 0 };

/** A term's weight in the local vectors; a character pair (~ab) counts half of the same pair as a word. */
export function featureWeight(analyzer: TextAnalyzer, term: string): number {
  return term.startsWith("~") ? 0.5 * analyzer.idf(term.slice(1)) : analyzer.idf(term);
}

/** The L2-normalised sparse vector of a text, term → weight (as the term index stores a measure's). */
export function sparseVector(analyzer: TextAnalyzer, text: string): Map<string, number> {
  // Counts, then weights, then normalised weights, in one map (each key set again, none added), in terms()'s order: words, then pairs.
  const vector = new Map<string, number>();
  // Each term's feature weight, in the map's order (a pair's read from the pair itself, not from its "~" key cut again).
  const weights: number[] = [];
  for (const w of analyzer.words(text)) {
    const n = vector.get(w);
    if (n === undefined) weights.push(featureWeight(analyzer, w));
    vector.set(w, (n ?? 0) + 1);
  }
  for (const b of analyzer.bigrams(text)) {
    const t = `~${b}`;
    const n = vector.get(t);
    if (n === undefined) weights.push(0.5 * analyzer.idf(b));
    vector.set(t, (n ?? 0) + 1);
  }
  let squares = 0;
  let i = 0;
  for (const [t, n] of vector) {
    const w = (1 + Math.log(n)) * weights[i++]!;
    vector.set(t, w);
    squares += w * w;
  }
  const length = Math.sqrt(squares) || 1;
  for (const [t, w] of vector) vector.set(t, w / length);
  return vector;
}

export class LocalVectorSearch implements VectorSearch {
  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly terms: TermIndex,
  ) {}

  async search(text: string, k: number): Promise<Scored[]> {
    return this.terms.cosine(sparseVector(this.analyzer, text), k);
  }
}
