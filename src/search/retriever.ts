import type { Embeddings } from "@langchain/core/embeddings";
import type { Measure } from "../policy/measure.js";
import { Bm25 } from "./bm25.js";
import { reciprocalRankFusion } from "./fusion.js";
import type { HnswStore } from "./hnsw-store.js";
import type { Expansion, Lexicon } from "./lexicon.js";
import type { TextAnalyzer } from "./text.js";

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

/** Hybrid search: BM25 on jieba words and bigrams, hnswlib vectors, fused by reciprocal rank. */
export class Retriever {
  private readonly bm25: Bm25;
  private readonly byNumber: Map<number, Measure>;
  private readonly positionOf: Map<number, number>;
  private readonly vocabulary: Set<string>;

  constructor(
    private readonly measures: Measure[],
    terms: string[][],
    private readonly store: HnswStore,
    private readonly embeddings: Embeddings,
    readonly analyzer: TextAnalyzer,
    readonly lexicon: Lexicon,
  ) {
    this.bm25 = new Bm25(terms);
    this.byNumber = new Map(measures.map((m) => [m.number, m]));
    this.positionOf = new Map(measures.map((m, i) => [m.number, i]));
    this.vocabulary = new Set(terms.flat());
  }

  async search(query: string, k = 5): Promise<SearchResult> {
    const expansion = this.expand(query);
    const weights = this.queryWeights(query, expansion);
    const lexical = this.bm25.search(weights, CANDIDATES);
    const vector = await this.vectorSearch(expansion.text);
    const vectorRanked = vector.map(([doc, cosine]) => ({ index: this.indexOf(doc.metadata.measure as number), score: cosine }));
    const fused = reciprocalRankFusion([lexical, vectorRanked]);
    const bm25ByIndex = new Map(lexical.map((s) => [s.index, s.score]));
    const cosineByIndex = new Map(vectorRanked.map((s) => [s.index, s.score]));
    const hits = fused
      .filter((f) => bm25ByIndex.has(f.index)) // a vector neighbour sharing no term with the question is noise
      .slice(0, k)
      .map((f) => ({ measure: this.measures[f.index]!, score: f.score, bm25: bm25ByIndex.get(f.index) ?? 0, cosine: cosineByIndex.get(f.index) ?? 0 }));
    return { hits, expansion };
  }

  /** Nearest measures by embedding; an embeddings endpoint that is down leaves BM25 to answer alone. */
  private async vectorSearch(text: string) {
    try {
      return await this.store.similaritySearchVectorWithScore(await this.embeddings.embedQuery(text), CANDIDATES);
    } catch {
      return [];
    }
  }

  /** BM25 alone (for baselines and diagnostics). */
  lexicalSearch(query: string, k = 5) {
    return this.bm25.search(this.queryWeights(query, this.expand(query)), k).map((s) => ({ measure: this.measures[s.index]!, score: s.score }));
  }

  /** Whether any measure contains this word. */
  inCorpus(word: string): boolean {
    return this.vocabulary.has(word);
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

  private indexOf(number: number): number {
    return this.positionOf.get(number)!;
  }
}
