import { featureWeight, sparseVector } from "../search/local-vectors.js";
import { reciprocalRankFusion } from "../search/fusion.js";
import { TermIndex } from "../search/term-index.js";
import { normalise, profileOf, similarity, type QuestionProfile, type Similarity, type TextTools } from "./similarity.js";
import type { FaqEntry } from "./types.js";

/**
 * A question must be at least this similar to an approved variant to be answered with it (both
 * ways: see similarity.ts). Chosen on eval/faq-paraphrases.jsonl, checked once on
 * eval/faq-paraphrases-held-out.jsonl (npm run faq -- calibrate; README: "FAQ matching").
 */
export const FAQ_MATCH_THRESHOLD = 0.65;

/** Variants the index proposes for scoring. */
const CANDIDATES = 20;
const SYNONYM_WEIGHT = 0.6;

export interface FaqMatch {
  entry: FaqEntry;
  /** The variant that matched best. */
  variant: string;
  similarity: Similarity;
}

interface Variant {
  entry: FaqEntry;
  text: string;
  profile: QuestionProfile;
}

/**
 * The served FAQ entries' question variants in their own index (a namespace apart from the
 * measures, built with the engine's analyzer): BM25 and the local vectors propose variants,
 * the question similarity decides.
 */
export class FaqMatcher {
  private constructor(
    private readonly variants: Variant[],
    private readonly index: TermIndex,
    private readonly tools: TextTools,
  ) {}

  static build(entries: readonly FaqEntry[], tools: TextTools): FaqMatcher {
    const variants: Variant[] = entries.flatMap((entry) =>
      entry.questions.map((text) => ({ entry, text, profile: profileOf(text, tools) })),
    );
    const index = TermIndex.build(
      variants.map((v) => tools.analyzer.terms(normalise(v.text))),
      (t) => featureWeight(tools.analyzer, t),
    );
    return new FaqMatcher(variants, index, tools);
  }

  static empty(tools: TextTools): FaqMatcher {
    return FaqMatcher.build([], tools);
  }

  /** How many entries it serves. */
  get entries(): number {
    return new Set(this.variants.map((v) => v.entry.id)).size;
  }

  /** Every proposed entry with its best variant, most similar first. */
  ranked(question: string): FaqMatch[] {
    if (this.variants.length === 0) return [];
    const text = normalise(question);
    const asked = profileOf(text, this.tools);
    const bestByEntry = new Map<number, FaqMatch>();
    for (const i of this.propose(text)) {
      const v = this.variants[i]!;
      const sim = similarity(asked, v.profile);
      const held = bestByEntry.get(v.entry.id);
      if (!held || sim.score > held.similarity.score) bestByEntry.set(v.entry.id, { entry: v.entry, variant: v.text, similarity: sim });
    }
    return [...bestByEntry.values()].sort((a, b) => b.similarity.score - a.similarity.score || a.entry.id - b.entry.id);
  }

  /** The most similar entry, or null when none shares a word with the question. */
  best(question: string): FaqMatch | null {
    return this.ranked(question)[0] ?? null;
  }

  private propose(text: string): number[] {
    const { analyzer, lexicon } = this.tools;
    const weights = new Map<string, number>();
    for (const t of analyzer.terms(text)) weights.set(t, 1);
    const expansion = lexicon.expand(text, analyzer.words(text));
    for (const synonyms of expansion.synonymsOf.values())
      for (const t of analyzer.terms(synonyms.join(" "))) if (!weights.has(t)) weights.set(t, SYNONYM_WEIGHT);
    const lexical = this.index.bm25(weights, CANDIDATES);
    const vector = this.index.cosine(sparseVector(analyzer, expansion.text), CANDIDATES);
    return reciprocalRankFusion([lexical, vector]).map((s) => s.index);
  }
}
