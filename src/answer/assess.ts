import { measureKey, refOf, type Measure, type MeasureRef } from "../policy/measure.js";
import type { TextAnalyzer } from "../search/text.js";
import { isTopic, match, measureMatch, type Match } from "./evidence.js";
import { factsAsked, figureAsked, statesFigure } from "./facts.js";
import type { Assessed, Candidate, Retrieved } from "./record.js";
import { outOfScope } from "./scope.js";

export interface AssessDeps {
  analyzer: TextAnalyzer;
  measure: (ref: MeasureRef) => Measure | undefined;
  documentYears: number[];
}

// Jieba's tags for names of things: nouns, proper nouns, fixed phrases, verbal nouns, abbreviations.
const NOUN = /^(n|nr|ns|nt|nz|nl|ng|l|vn|j)$/;
const RANK_WEIGHT = 0.1; // the fused search rank only breaks near-ties of coverage
/** Below this coverage a match is not confident: close alternatives are asked about (decide). */
export const CONFIDENT_COVERAGE = 0.5;
const FIGURE_BONUS = 0.1; // asked 几天, a measure stating a duration about the question answers better than one that does not

/** Stage 3: how well each candidate covers the question (and each part), which facts it asks for, whether it is in scope. */
export function assess(r: Retrieved, deps: AssessDeps): Assessed {
  const top = r.hits[0]?.score || 1;
  const rankOf = new Map(r.hits.map((h) => [measureKey(refOf(h.measure)), h.score / top]));
  const pool = r.restrictTo ? r.restrictTo.map((ref) => deps.measure(ref)).filter((m): m is Measure => !!m) : r.hits.map((h) => h.measure);
  const figure = figureAsked(`${r.text} ${r.context ?? ""}`);
  const candidates: Candidate[] = pool
    .map((measure) => {
      const whole = topical(measureMatch(r.terms, measure));
      const rank = rankOf.get(measureKey(refOf(measure))) ?? 0;
      // Judged by whole sentences: 注册登记…纳入全流程管理，实现…2个工作日内办结 is one statement.
      const statesAsked = !!figure && whole.topic > 0 && measure.sentences.some((p) => statesFigure(figure, p) && match(r.terms, p).topic > 0);
      const score = whole.coverage + RANK_WEIGHT * rank + (statesAsked ? FIGURE_BONUS : 0);
      return { measure, match: whole, parts: r.partTerms.map((t) => topical(measureMatch(t, measure))), statesFigure: statesAsked, rank, score };
    })
    .sort((a, b) => b.score - a.score);
  return {
    ...r,
    candidates,
    factsAsked: factsAsked(`${r.text} ${r.context ?? ""}`.trim()),
    scope: outOfScope(r.text, deps.analyzer, deps.documentYears),
    hasTopic: r.terms.words.some(isTopic),
    // Tagging costs a pass of jieba: only for a question no measure covers well, where decide may need it.
    nouns: (candidates[0]?.match.coverage ?? 1) < CONFIDENT_COVERAGE ? deps.analyzer.tag(r.text).filter((t) => NOUN.test(t.tag)).map((t) => t.word.toLowerCase()) : [],
  };
}

/** A measure sharing no topic word with the question (only 手续, 办理, 多久…) does not answer it. */
const topical = (m: Match): Match => (m.topic > 0 ? m : { ...m, coverage: 0 });
