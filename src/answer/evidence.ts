import type { Expansion } from "../search/lexicon.js";
import type { TextAnalyzer } from "../search/text.js";

/** A question's content words with their weights, and the synonyms that may stand for each. */
export interface QuestionTerms {
  words: Array<{ word: string; weight: number; synonyms: string[] }>;
  total: number;
}

const MIN_WEIGHT = 2;
const MAX_WEIGHT = 12;
const SYNONYM_CREDIT = 0.85;
const BIGRAM_CREDIT = 0.5;

/**
 * @param inCorpus whether the policy uses a word: a word general Chinese does not know
 *   but the policy does (信易贷, 惠企) is a domain term and weighs the most.
 */
export function questionTerms(question: string, analyzer: TextAnalyzer, expansion: Expansion, inCorpus: (word: string) => boolean): QuestionTerms {
  const words = [...new Set(analyzer.keywords(question))]
    .map((word) => ({
      word,
      weight: weightOf(word, analyzer, inCorpus),
      synonyms: [...expansion.synonymsOf].filter(([term]) => term.includes(word) || word.includes(term)).flatMap(([, s]) => s),
    }));
  return { words, total: words.reduce((a, w) => a + w.weight, 0) };
}

function weightOf(word: string, analyzer: TextAnalyzer, inCorpus: (word: string) => boolean): number {
  // Bare numbers and single characters (接, 办) say little about the topic.
  if (/^\d+$/.test(word) || word.length === 1) return MIN_WEIGHT;
  if (!analyzer.knows(word) && inCorpus(word)) return MAX_WEIGHT;
  return Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, analyzer.idf(word)));
}

/** Share of the question's weighted content words a passage contains (directly, by synonym, or by bigrams). */
export function coverage(terms: QuestionTerms, passage: string): number {
  if (terms.total === 0) return 0;
  const lower = passage.toLowerCase();
  let found = 0;
  for (const { word, weight, synonyms } of terms.words) found += weight * matchCredit(word, synonyms, lower);
  return found / terms.total;
}

export function matchCredit(word: string, synonyms: string[], passage: string): number {
  if (passage.includes(word)) return 1;
  if (synonyms.some((s) => passage.includes(s.toLowerCase()))) return SYNONYM_CREDIT;
  if (word.length < 3) return 0;
  // Typos and odd splits: count the word's character pairs found in the passage.
  const pairs = [...word].slice(0, -1).map((c, i) => c + word[i + 1]!);
  const share = pairs.filter((p) => passage.includes(p)).length / pairs.length;
  return share >= 0.5 ? BIGRAM_CREDIT * share : 0;
}
