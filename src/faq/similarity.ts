import type { Lexicon } from "../search/lexicon.js";
import type { TextAnalyzer } from "../search/text.js";
import { findAspects, type Aspect } from "./aspects.js";

/** The engine's own text analysis (jieba with the corpus vocabulary, and the lexicon with department aliases). */
export interface TextTools {
  analyzer: TextAnalyzer;
  lexicon: Lexicon;
}

interface Term {
  word: string;
  weight: number;
  synonyms: string[];
}

/** A question read for comparison with another question. */
export interface QuestionProfile {
  /** Normalised text (NFKC, lower case) that words are looked for in. */
  text: string;
  terms: Term[];
  aspects: Set<Aspect>;
  total: number;
}

export interface Similarity {
  /** How much of the asked question the other contains (IDF-weighted, like the engine's coverage). */
  forward: number;
  /** How much of the other question the asked one contains. */
  backward: number;
  /** 1, or less when only one of the two says what it asks. */
  aspects: number;
  /** Weighted Jaccard (the weight both share over the weight of either), times the aspect agreement. */
  score: number;
}

// Weights as the engine weighs a question's words: general-language IDF, clipped.
const MIN_WEIGHT = 2;
const MAX_WEIGHT = 12;
const SYNONYM_CREDIT = 0.85;
const BIGRAM_CREDIT = 0.5;

/** How aspects count; chosen on eval/faq-paraphrases.jsonl with the threshold (npm run faq -- calibrate). */
export interface AspectWeights {
  /** An aspect (how long, how much, which phone) counts as a word of this weight. */
  weight: number;
  /** One asks a particular thing (电话, 几天), the other does not say what it asks. */
  oneSided: number;
}

/** A factor for two questions asking different things (几天 / 多少钱) was tried too: it changed no match on the tuning set, so there is none. */
export const ASPECT_WEIGHTS: AspectWeights = { weight: 8, oneSided: 0.85 };

export function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** The question's topic words (its aspect words set apart) with their weights and synonyms. */
export function profileOf(question: string, { analyzer, lexicon }: TextTools): QuestionProfile {
  const text = normalise(question);
  const { aspects, rest } = findAspects(text);
  const words = [...new Set(analyzer.keywords(rest))];
  const expansion = lexicon.expand(text, analyzer.words(text));
  const terms = words.map((word) => ({
    word,
    weight: /^\d+$/.test(word) || word.length === 1 ? MIN_WEIGHT : Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, analyzer.idf(word))),
    synonyms: [...expansion.synonymsOf].filter(([term]) => term.includes(word) || word.includes(term)).flatMap(([, s]) => s.map(normalise)),
  }));
  return { text, terms, aspects, total: terms.reduce((a, t) => a + t.weight, 0) };
}

/** Weight of `a`'s topic words and aspects found in `b` (words directly, through a synonym, or by character pairs), and a's whole weight. */
function found(a: QuestionProfile, b: QuestionProfile, w: AspectWeights): { found: number; total: number } {
  let sum = 0;
  for (const t of a.terms) sum += t.weight * credit(t, b.text);
  for (const x of a.aspects) if (b.aspects.has(x)) sum += w.weight;
  return { found: sum, total: a.total + a.aspects.size * w.weight };
}

/** Share of `a`'s weighted words and aspects found in `b`; 0 when `a` has no topic word (多少钱？ alone matches nothing). */
export function containment(a: QuestionProfile, b: QuestionProfile, w: AspectWeights = ASPECT_WEIGHTS): number {
  if (a.total === 0) return 0;
  const f = found(a, b, w);
  return f.found / f.total;
}

/** 1 unless exactly one of the two says what it asks (then the other may ask anything). */
export function aspectAgreement(a: QuestionProfile, b: QuestionProfile, w: AspectWeights = ASPECT_WEIGHTS): number {
  return (a.aspects.size === 0) === (b.aspects.size === 0) ? 1 : w.oneSided;
}

export function similarity(asked: QuestionProfile, other: QuestionProfile, w: AspectWeights = ASPECT_WEIGHTS): Similarity {
  if (asked.total === 0 || other.total === 0) return { forward: 0, backward: 0, aspects: 0, score: 0 };
  const a = found(asked, other, w);
  const b = found(other, asked, w);
  const shared = (a.found + b.found) / 2;
  const aspects = aspectAgreement(asked, other, w);
  return { forward: a.found / a.total, backward: b.found / b.total, aspects, score: (shared / (a.total + b.total - shared)) * aspects };
}

function credit({ word, synonyms }: Term, text: string): number {
  if (text.includes(word)) return 1;
  if (synonyms.some((s) => text.includes(s))) return SYNONYM_CREDIT;
  if (word.length < 3) return 0;
  const pairs = [...word].slice(0, -1).map((c, i) => c + word[i + 1]!);
  const share = pairs.filter((p) => text.includes(p)).length / pairs.length;
  return share >= 0.5 ? BIGRAM_CREDIT * share : 0;
}
