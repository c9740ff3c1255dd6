import { Embeddings } from "@langchain/core/embeddings";
import type { TextAnalyzer } from "./text.js";
import { fnv1a } from "./hash.js";

/**
 * An embedder that needs no model weights: jieba words and character bigrams,
 * weighted by general-language IDF and sublinear term frequency, hashed into a
 * fixed number of signed buckets and L2-normalized.
 */
export class LocalHashEmbeddings extends Embeddings {
  static readonly NAME = "local-hash-v1";
  readonly name = LocalHashEmbeddings.NAME;

  constructor(
    private readonly analyzer: TextAnalyzer,
    readonly dimensions = 1024,
  ) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  embed(text: string): number[] {
    const weights = new Map<string, number>();
    for (const w of this.analyzer.words(text)) weights.set(w, (weights.get(w) ?? 0) + 1);
    for (const b of this.analyzer.bigrams(text)) weights.set(`~${b}`, (weights.get(`~${b}`) ?? 0) + 1);
    const vector = new Float64Array(this.dimensions);
    for (const [feature, tf] of weights) {
      const isBigram = feature.startsWith("~");
      const idf = isBigram ? 0.5 * this.analyzer.idf(feature.slice(1)) : this.analyzer.idf(feature);
      const h = fnv1a(feature);
      // The top bit picks the sign, so collisions cancel out instead of piling up.
      vector[h % this.dimensions]! += (h & 0x80000000 ? -1 : 1) * (1 + Math.log(tf)) * idf;
    }
    const norm = Math.hypot(...vector) || 1;
    return Array.from(vector, (v) => v / norm);
  }
}
