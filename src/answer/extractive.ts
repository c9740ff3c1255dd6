import type { Measure } from "../policy/measure.js";
import { citationOf } from "../policy/measure.js";
import type { AnswerSection } from "./types.js";
import { creditOf, type QuestionTerms } from "./evidence.js";

const PASSAGE_MAX = 90;
const MAX_PASSAGES = 2;
const FACT_BOOST = 3;
const SECOND_PASSAGE_SHARE = 0.7; // quote a second passage only if it answers nearly as well
const HAS_FIGURE = /\d+(\.\d+)?\s*(个工作日|日|天|小时|%|项|千瓦|千伏|月|年)/;
const ASKS_FIGURE = /几|多少|多久|多长|多快|什么时候|何时|比例|时限|期限/;

/** Passages of a measure: its sentences, long ones cut at commas into pieces of readable length. */
export function passagesOf(measure: Measure): string[] {
  return measure.sentences.flatMap((sentence) => {
    if (sentence.length <= PASSAGE_MAX) return [sentence];
    const clauses = sentence.match(/[^，,]+[，,]?/g) ?? [sentence];
    const pieces: string[] = [];
    let current = "";
    for (const clause of clauses) {
      if (current && current.length + clause.length > PASSAGE_MAX) {
        pieces.push(current);
        current = "";
      }
      current += clause;
    }
    if (current) pieces.push(current);
    return pieces;
  });
}

/** Score a passage for a question: weighted words it contains, plus figures when the question asks for one. */
export function passageScore(terms: QuestionTerms, passage: string, question: string): number {
  let score = 0;
  const lower = passage.toLowerCase();
  for (const w of terms.words) score += w.weight * creditOf(w, lower);
  if (ASKS_FIGURE.test(question) && HAS_FIGURE.test(passage)) score *= 1.5;
  return score;
}

/** The passages of a measure that answer the question, in the text's order (never the whole measure unless it is short). */
export function quoteMeasure(measure: Measure, terms: QuestionTerms, question: string, statesAskedFact: (passage: string) => boolean = () => false): AnswerSection {
  const passages = passagesOf(measure);
  const ranked = passages
    // The passage that states the fact asked for (不收取费用 for a fee question) must be quoted.
    .map((p, i) => ({ p, i, score: passageScore(terms, p, question) * (statesAskedFact(p) ? FACT_BOOST : 1) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
  const top = ranked[0]?.score ?? 0;
  const kept = ranked
    .filter((x) => x.score >= top * SECOND_PASSAGE_SHARE)
    .slice(0, MAX_PASSAGES)
    .sort((a, b) => a.i - b.i);
  const chosen = kept.length ? kept.map((x) => x.p) : passages.slice(0, 1);
  return { ...citationOf(measure), sentences: chosen.map(tidyPassage) };
}

/** A passage cut at a comma ends with the comma; end it like a sentence. */
const tidyPassage = (p: string) => p.replace(/[，,；;]$/, "。");

export function wholeMeasure(measure: Measure): AnswerSection {
  return { ...citationOf(measure), sentences: measure.sentences };
}
