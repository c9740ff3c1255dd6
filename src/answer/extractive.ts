import type { Measure } from "../policy/measure.js";
import { citationOf, type Citation } from "../policy/measure.js";
import type { AnswerSection } from "./types.js";
import { BoundedMemo } from "../search/bounded-memo.js";
import { creditOf, pairFilter, type PairFilter, type QuestionTerms } from "./evidence.js";
import { matchesOf } from "./matches.js";

/**
 * A section: the citation and the sentences quoted from it, in one literal (a citation spread and then added to is a new kind of
 * object to V8 every time, and the code reading sections would meet a new one with every answer).
 */
export const sectionOf = (c: Citation, sentences: string[]): AnswerSection =>
  c.document
    ? { measure: c.measure, title: c.title, departments: c.departments, document: c.document, sentences }
    : { measure: c.measure, title: c.title, departments: c.departments, sentences };

const PASSAGE_MAX = 90; // a sentence longer than this is quoted by its clauses
const MAX_CHOSEN = 3;
const FACT_BOOST = 3;
const FIGURE_BOOST = 1.5;
const SECOND_PASSAGE_SHARE = 0.7; // quote another clause only if it answers nearly as well
const NEAR_TIE = 0.9; // among more such clauses than are quoted, one holding a word the others lack goes first when it scores this near
const FIGURE_KEEP_SHARE = 0.5; // a clause stating the figure asked is kept at half the best score
const FIGURE = /\d+(\.\d+)?\s*(个工作日|工作日|日|天|小时|%|项|千瓦|千伏|个月|月|年)|一小时/;
const ASKS_FIGURE = /几|多少|多久|多长|多快|什么时候|何时|比例|时限|期限|周期/;
// A clause opening with one of these is the setting of the next one (对小微企业客户，开展…): never quoted without it.
const LEAD = /^(对于|对|针对|按照|根据|依据|依照|通过|依托|为了|为|围绕|结合|在)/;
// A clause saying when the next one holds (申请材料若需复印留存，由受理部门…): quoted with it. (A passage of its own still: the fee the
// next one waives is the copies', which is no fee of what else the clause names.)
const CONDITION = /^[^，,]{0,6}(若|如需|如果|假如)/;
const MIN_CLAUSE = 6;

/** A piece of a measure that can be quoted on its own: a sentence, or clauses of a long one, with where it sits. */
interface Unit {
  text: string;
  sentence: number;
  start: number;
  end: number;
}

/** A unit's text as scored: lower-cased, with its character pairs (a word whose first pair it lacks is not looked for). */
interface ScoredText {
  text: string;
  pairs: PairFilter;
}

interface Units {
  units: Unit[];
  texts: string[];
  /** Made when the measure is first quoted (a listing of facts reads every measure's passages, and quotes few). */
  scored: ScoredText[] | undefined;
}

// The measures cited are quoted for question after question: each is cut, and lower-cased when quoted, once while recent.
const recentUnits = new BoundedMemo<Measure, Units>(256);
function unitsOf(measure: Measure): Units {
  return recentUnits.get(measure, (m) => {
    const units = cutUnits(m);
    return { units, texts: units.map((u) => u.text), scored: undefined };
  });
}
const scoredText = (passage: string): ScoredText => {
  const text = passage.toLowerCase();
  return { text, pairs: pairFilter(text) };
};

/** The units of a measure: its sentences (cut at 。；！？); a long one cut at commas into clauses, a leading setting kept with what follows. */
function cutUnits(measure: Measure): Unit[] {
  return measure.sentences.flatMap((sentence, s) => {
    if (sentence.length <= PASSAGE_MAX) return [{ text: sentence, sentence: s, start: 0, end: sentence.length }];
    const units: Unit[] = [];
    let start = 0;
    for (const m of matchesOf(sentence, /[^，,]+[，,]?/g)) {
      const end = m.index! + m[0].length;
      const segment = m[0].replace(/[，,]$/, "");
      const last = end >= sentence.length;
      // A setting (对…客户，) or a fragment too short to stand goes with the next clause.
      if (!last && ((LEAD.test(segment) && !FIGURE.test(segment)) || segment.length < MIN_CLAUSE)) continue;
      units.push({ text: sentence.slice(start, end), sentence: s, start, end });
      start = end;
    }
    if (start < sentence.length) units.push({ text: sentence.slice(start), sentence: s, start, end: sentence.length });
    // A short last clause (…，不收取费用。) completes the one before it.
    const final = units.at(-1);
    if (units.length > 1 && final && final.text.replace(/[。；！？”’」]+$/, "").length < MIN_CLAUSE) {
      units.pop();
      const before = units.pop()!;
      units.push({ text: sentence.slice(before.start), sentence: s, start: before.start, end: sentence.length });
    }
    return units;
  });
}

/** Passages of a measure, as quoted: sentences, long ones by their clauses (shared while recent: read, never changed). */
export function passagesOf(measure: Measure): readonly string[] {
  return unitsOf(measure).texts;
}

/** Score a passage for a question: weighted words it contains, plus figures when the question asks for one. */
function passageScore(terms: QuestionTerms, passage: string, lower: ScoredText, question: string): number {
  let score = 0;
  for (const w of terms.words) score += w.weight * creditOf(w, lower.text, lower.pairs);
  if (ASKS_FIGURE.test(question) && FIGURE.test(passage)) score *= FIGURE_BOOST;
  return score;
}

/**
 * The passages of a measure that answer the question, in the text's order: the best clauses, every clause
 * stating a figure asked about (土地、房屋一般登记业务4个工作日内办结 with 抵押登记…2个工作日内办结), and a
 * quote never starts inside a run of such figures. Quotes are cut at sentence ends and semicolons; within a
 * long sentence, at commas between whole clauses.
 */
export function quoteMeasure(measure: Measure, terms: QuestionTerms, question: string, statesAskedFact: (passage: string) => boolean = () => false): AnswerSection {
  const cut = unitsOf(measure);
  const { units } = cut;
  const scored = (cut.scored ??= cut.texts.map(scoredText));
  const scores = units.map((u, i) => passageScore(terms, u.text, scored[i]!, question) * (statesAskedFact(u.text) ? FACT_BOOST : 1));
  const top = Math.max(0, ...scores);
  if (top <= 0) return sectionOf(citationOf(measure), [tidy(measure.sentences[0]!)]);
  const qualified = scores
    .map((score, i) => ({ score, i }))
    .filter((x) => x.score >= top * SECOND_PASSAGE_SHARE)
    .sort((a, b) => b.score - a.score);
  const kept = new Set(qualified.length > MAX_CHOSEN ? diverse(qualified, terms, scored) : qualified.map((x) => x.i));
  const asksFigure = ASKS_FIGURE.test(question);
  units.forEach((u, i) => {
    if (asksFigure && FIGURE.test(u.text) && scores[i]! >= top * FIGURE_KEEP_SHARE) kept.add(i);
  });
  for (const i of [...kept]) if (CONDITION.test(units[i]!.text) && units[i + 1]?.sentence === units[i]!.sentence) kept.add(i + 1);
  // Never start inside a run of figures (…4个工作日内办结，抵押登记业务2个工作日内办结): quote from the run's first clause.
  for (const i of [...kept].sort((a, b) => b - a)) {
    let j = i;
    while (j > 0 && units[j - 1]!.sentence === units[j]!.sentence && FIGURE.test(units[j]!.text) && FIGURE.test(units[j - 1]!.text)) kept.add(--j);
  }
  return sectionOf(citationOf(measure), joinRuns([...kept].sort((a, b) => a - b), units, measure));
}

/**
 * More clauses answering about as well than can be quoted (接电 in seven clauses of 第11条, 夜市 in one): each next one is the best
 * scoring nearly as well as the best left that holds a word of the question the ones before it do not, else the best left.
 */
function diverse(qualified: ReadonlyArray<{ score: number; i: number }>, terms: QuestionTerms, scored: readonly ScoredText[]): number[] {
  const chosen: number[] = [];
  const held = new Set<string>();
  const wordsIn = (i: number) => terms.words.filter((w) => creditOf(w, scored[i]!.text, scored[i]!.pairs) > 0).map((w) => w.word);
  while (chosen.length < MAX_CHOSEN) {
    const left = qualified.filter((x) => !chosen.includes(x.i));
    const next = left.find((x) => x.score >= left[0]!.score * NEAR_TIE && wordsIn(x.i).some((w) => !held.has(w))) ?? left[0]!;
    chosen.push(next.i);
    for (const w of wordsIn(next.i)) held.add(w);
  }
  return chosen;
}

/** The passages of a measure that state a fact (a list of the measures stating it quotes each so), as quoteMeasure cuts them. */
export function quoteStating(measure: Measure, states: (passage: string) => boolean): AnswerSection {
  const { units } = unitsOf(measure);
  const kept = units.flatMap((u, i) => (states(u.text) ? [i] : []));
  return sectionOf(citationOf(measure), kept.length ? joinRuns(kept, units, measure) : [tidy(measure.sentences[0]!)]);
}

/** Adjacent kept clauses of one sentence are quoted as one passage, exactly as the text has them. */
function joinRuns(kept: number[], units: Unit[], measure: Measure): string[] {
  const passages: string[] = [];
  let run: Unit[] = [];
  const flush = () => {
    if (!run.length) return;
    const first = run[0]!;
    passages.push(tidy(measure.sentences[first.sentence]!.slice(first.start, run.at(-1)!.end)));
    run = [];
  };
  for (const i of kept) {
    const u = units[i]!;
    const previous = run.at(-1);
    if (previous && (previous.sentence !== u.sentence || previous.end !== u.start)) flush();
    run.push(u);
  }
  flush();
  return passages;
}

/** A passage cut at a comma ends with the comma; end it like a sentence. */
const tidy = (p: string) => p.trim().replace(/[，,；;]$/, "。");

export function wholeMeasure(measure: Measure): AnswerSection {
  return sectionOf(citationOf(measure), measure.sentences);
}
