import type { Measure } from "../policy/measure.js";
import { reciprocalRankFusion } from "./fusion.js";
import type { Expansion, Lexicon } from "./lexicon.js";
import type { Scored, TermIndex } from "./term-index.js";
import type { TextAnalyzer } from "./text.js";
import type { VectorSearch } from "./vector-search.js";

export interface Hit {
  measure: Measure;
  /** Fused rank score (RRF). */
  score: number;
  bm25: number;
  /** Cosine similarity, 0 when the vector search did not return this measure. */
  cosine: number;
}

export interface SearchResult {
  hits: Hit[];
  expansion: Expansion;
}

const SYNONYM_WEIGHT = 0.6;
const CANDIDATES = 20;

/** Hybrid search: BM25 on jieba words and bigrams and the embedder's vectors, fused by reciprocal rank. */
export class Retriever {
  private readonly byNumber: Map<number, Measure>;

  constructor(
    private readonly measures: Measure[],
    /** The measures' terms, in the same order as measures. */
    readonly terms: TermIndex,
    readonly vectors: VectorSearch,
    readonly analyzer: TextAnalyzer,
    readonly lexicon: Lexicon,
  ) {
    if (terms.documents !== measures.length) throw new Error(`Retriever: ${terms.documents} indexed documents for ${measures.length} measures`);
    this.byNumber = new Map(measures.map((m) => [m.number, m]));
  }

  async search(query: string, k = 5): Promise<SearchResult> {
    const expansion = this.expand(query);
    const weights = this.queryWeights(query, expansion);
    const lexical = this.terms.bm25(weights, CANDIDATES);
    const vectorRanked = await this.vectors.search(expansion.text, CANDIDATES);
    const fused = reciprocalRankFusion([lexical, vectorRanked]);
    const bm25ByIndex = new Map(lexical.map((s) => [s.index, s.score]));
    const cosineByIndex = new Map(vectorRanked.map((s) => [s.index, s.score]));
    const hits = fused
      .filter((f) => bm25ByIndex.has(f.index)) // a vector neighbour sharing no term with the question is noise
      .slice(0, k)
      .map((f) => ({ measure: this.measures[f.index]!, score: f.score, bm25: bm25ByIndex.get(f.index) ?? 0, cosine: cosineByIndex.get(f.index) ?? 0 }));
    return { hits, expansion };
  }

  /** BM25 alone (for baselines and diagnostics). */
  lexicalSearch(query: string, k = 5) {
    return this.terms.bm25(this.queryWeights(query, this.expand(query)), k).map((s) => ({ measure: this.measures[s.index]!, score: s.score }));
  }

  /** The k measures among the given ones (positions in number order) that BM25 ranks best for the question; those sharing no term are left out. */
  rankWithin(query: string, positions: readonly number[], k: number): Scored[] {
    return this.terms.bm25(this.queryWeights(query, this.expand(query)), k, positions);
  }

  /** What search() sends to its two rankers: BM25's weighted terms, and the text the vector is embedded from. */
  queryOf(query: string): { lexical: Map<string, number>; vectorText: string } {
    const expansion = this.expand(query);
    return { lexical: this.queryWeights(query, expansion), vectorText: expansion.text };
  }

  /** Whether any measure contains this word. */
  inCorpus(word: string): boolean {
    return this.terms.has(word);
  }

  measure(n: number): Measure | undefined {
    return this.byNumber.get(n);
  }

  private expand(query: string) {
    return this.lexicon.expand(query, this.analyzer.words(query));
  }

  private queryWeights(query: string, expansion: Expansion): Map<string, number> {
    const weights = new Map<string, number>();
    for (const t of this.analyzer.terms(query)) weights.set(t, 1);
    for (const synonyms of expansion.synonymsOf.values())
      for (const t of this.analyzer.terms(synonyms.join(" "))) if (!weights.has(t)) weights.set(t, SYNONYM_WEIGHT);
    return weights;
  }
}
