import { measureKey, refOf, type Measure, type MeasureRef } from "../policy/measure.js";
import type { TextAnalyzer } from "../search/text.js";
import { ASPECT_WORDS, GENERIC_WORDS } from "./generic-words.js";
import { isTopic, match, measureMatch, narrowedBySubject, SYNONYM_CREDIT, withCoverage, type Match, type QuestionWord } from "./evidence.js";
import { asksWhetherFee, factsAsked, factsAskedInEnglish, figureAsked, namesSize, statesFigure, type FactKind } from "./facts.js";
import { ASSESSED_FIELDS, type Assessed, type Candidate, type Retrieved } from "./record.js";
import { askingClauses, storySpans } from "./question-text.js";
import { outOfScope } from "./scope.js";

export interface AssessDeps {
  analyzer: TextAnalyzer;
  measure: (ref: MeasureRef) => Measure | undefined;
  documentYears: number[];
  /** A measure's title as weighed topic words (the engine remembers them: titles do not change). */
  titleWords?: (measure: Measure) => TitleWord[];
}

export interface TitleWord {
  word: string;
  weight: number;
}

// Jieba's tags for names of things: nouns, proper nouns, fixed phrases, verbal nouns, adjectival nouns (安全 of 安全许可), abbreviations.
export const NOUN = /^(n|nr|ns|nt|nz|nl|ng|l|vn|an|j)$/;
const RANK_WEIGHT = 0.1; // the fused search rank only breaks near-ties of coverage
/** Below this coverage a match is not confident: close alternatives are asked about (decide). */
export const CONFIDENT_COVERAGE = 0.5;
const FIGURE_BONUS = 0.1; // asked 几天, a measure stating a duration about the question answers better than one that does not
const MAX_TITLE_WEIGHT = 12;
const TITLE_WEIGHT = 0.05; // like the rank, it orders near-ties: the measure about what is asked first
const TIED = 0.03; // scores this close, on equal coverage, are a tie the measure saying the asked thing more than once breaks

/** Stage 3: how well each candidate covers the question (and each part), which facts it asks for, whether it is in scope. */
export function assess(r: Retrieved, deps: AssessDeps): Assessed {
  const top = r.hits[0]?.score || 1;
  const rankOf = new Map(r.hits.map((h) => [measureKey(refOf(h.measure)), h.score / top]));
  const pool = r.restrictTo ? r.restrictTo.map((ref) => deps.measure(ref)).filter((m): m is Measure => !!m) : r.hits.map((h) => h.measure);
  const figure = figureAsked(`${r.text} ${r.context ?? ""}`);
  const wholes = narrowedBySubject(pool.map((m) => measureMatch(r.terms, m)), r.terms.total).map(topical);
  const partsOf = r.partTerms.map((t) => narrowedBySubject(pool.map((m) => measureMatch(t, m)), t.total).map(topical));
  const partFiguresAsked = r.partTerms.length ? r.parts.map((p) => figureAsked(p)) : [];
  const named = namedWords(r);
  const candidates: Candidate[] = pool
    .map((measure, i) => {
      const whole = wholes[i]!;
      const rank = rankOf.get(measureKey(refOf(measure))) ?? 0;
      // Judged by whole sentences: 注册登记…纳入全流程管理，实现…2个工作日内办结 is one statement.
      const statesAsked = !!figure && whole.topic > 0 && measure.sentences.some((p) => statesFigure(figure, p) && match(r.terms, p).topic > 0);
      const score = whole.coverage + RANK_WEIGHT * rank + (statesAsked ? FIGURE_BONUS : 0) + (whole.topic > 0 ? TITLE_WEIGHT * titleFit((deps.titleWords ?? ((m) => titleWordsOf(m, deps.analyzer)))(measure), r, named) : 0);
      const parts = partsOf.map((p) => p[i]!);
      // (把仓库押给信用社办登记几天能好？另外…: a part's measure states its duration, 抵押登记业务2个工作日内办结, as the whole's would.)
      const partFigures = partFiguresAsked.map((f, k) => !!f && parts[k]!.topic > 0 && measure.sentences.some((p) => statesFigure(f, p) && match(r.partTerms[k]!, p).topic > 0));
      return { measure, match: whole, parts, statesFigure: statesAsked, rank, score, partFigures: partFigures.some(Boolean) ? partFigures : undefined };
    })
    .sort((a, b) => b.score - a.score);
  // (第16条 is about 信用贷款, saying it twice; 第19条 lists it once among its products, its title naming it: the tie goes to 第16条.)
  // (Counted only for candidates that tie, holding some of what is asked: most questions have none.)
  const shares = new Map<Candidate, number>();
  const repeated = (c: Candidate) => shares.get(c) ?? shares.set(c, repeatedShare(r, c.measure)).get(c)!;
  const tied = (a: Candidate, b: Candidate) => a.match.coverage > 0 && Math.abs(a.match.coverage - b.match.coverage) < 1e-9 && Math.abs(a.score - b.score) <= TIED;
  candidates.sort((a, b) => (tied(a, b) ? repeated(b) - repeated(a) : 0) || b.score - a.score);
  return {
    ...ASSESSED_FIELDS,
    ...r,
    candidates,
    factsAsked: asked(r),
    scope: outOfScope(r.text, deps.analyzer, deps.documentYears, r.question, askedBeyondStory(r), r.context),
    hasTopic: r.terms.words.some(isTopic),
    // Tagging costs a pass of jieba: only for a question no measure covers well, where decide may need it.
    nouns: (candidates[0]?.match.coverage ?? 1) < CONFIDENT_COVERAGE ? deps.analyzer.tag(r.text).filter((t) => NOUN.test(t.tag)).map((t) => t.word.toLowerCase()) : [],
  };
}

/** The clauses that ask, when the message tells a story around them and they name a topic of their own; else the whole text. */
function askedBeyondStory(r: Retrieved): string {
  const story = storySpans(r.text);
  if (!story.length) return r.text;
  const asking = askingClauses(r.text, story);
  return r.terms.words.some((w) => isTopic(w) && !w.foreign && asking.includes(w.word)) ? asking : r.text;
}

// (疆内通办呢，得实现几项 after …比例要达到多少: a message asking a question of its own carries none over.)
const ASKS_ITS_OWN = /[几吗么]|多少|多久|多长|哪|什么|啥|怎么|如何|是否|能否|有没有|能不能/;

/**
 * The facts the question asks for. Whether there is a fee, carried over from the earlier question of a swap
 * (法治体检收费吗 → 公证呢), does not stop an answer about the new topic: its measure is quoted, free of charge
 * where it says so. How much (多少钱) does.
 */
function asked(r: Retrieved): FactKind[] {
  // How long, carried to a new topic (开公司要几天？→ 那变更呢), asks for the new measure, not a figure it must state.
  // (A line drawn at the size asked, carried to 单电源呢 after 10千伏双电源要多少天, is judged of a size the follow-up does not name: not carried.)
  const carried = r.context && !ASKS_ITS_OWN.test(r.text) ? factsAsked(r.context).filter((k) => k !== "time-limit" && k !== "date" && (k !== "fee" || !asksWhetherFee(r.context!)) && (k !== "threshold" || namesSize(r.text))) : [];
  const english = r.language === "en" && !r.inEnglish ? factsAskedInEnglish(r.question) : [];
  return [...new Set([...factsAsked(r.text), ...english, ...carried])];
}

/**
 * How much of what a measure is about (its title's topic words) the question names: 工程建设项目审批 fits
 * 第5条 (深化工程建设项目审批制度改革) wholly, 第13条 (将暖气报装纳入工程建设项目并联审批程序) only in part.
 * It orders measures that cover the question alike.
 */
function titleFit(title: TitleWord[], r: Retrieved, named: ReadonlySet<string>): number {
  const said = (w: string) => named.has(w) || r.text.includes(w);
  let total = 0;
  let held = 0;
  for (const { word, weight } of title) {
    total += weight;
    if (said(word)) held += weight;
  }
  return total ? held / total : 0;
}

/** The words the question names, as written or by a full synonym (not the earlier question's): gathered once, read for every title word of every candidate. */
function namedWords(r: Retrieved): Set<string> {
  const named = new Set<string>();
  for (const q of r.terms.words) {
    if (q.context) continue;
    named.add(q.word);
    for (const s of q.synonyms) if (!s.guessed) named.add(s.text);
  }
  return named;
}

/** The share of the question's topic weight that a measure's text says twice or more, as written or by a full synonym: what the measure is about throughout. */
function repeatedShare(r: Retrieved, measure: Measure): number {
  const text = measure.text.toLowerCase();
  const topics = r.terms.words.filter(isTopic);
  const total = topics.reduce((sum, w) => sum + w.weight, 0);
  const repeated = topics.filter((w) => sayings(w).some((form) => timesIn(text, form) >= 2)).reduce((sum, w) => sum + w.weight, 0);
  return total ? repeated / total : 0;
}

// A word counts as written (信用贷款, not 贷款 of its synonyms: 第19条 says 质押贷款 twice); a lacked one, 没有抵押物, by its synonyms, 信用贷款 (抵押 requires it).
const sayings = (w: QuestionWord) => (w.negated ? w.synonyms.filter((s) => !s.guessed && !s.rest && s.credit >= SYNONYM_CREDIT && s.text.length > 1).map((s) => s.text) : [w.word]);
const timesIn = (text: string, form: string) => text.split(form).length - 1;

/** The topic words of a measure's title, weighed by jieba's IDF. */
export function titleWordsOf(measure: Measure, analyzer: TextAnalyzer): TitleWord[] {
  return analyzer
    .keywords(measure.title.replace(/…$/, ""))
    .filter((w) => w.length > 1 && !GENERIC_WORDS.has(w) && !ASPECT_WORDS.has(w))
    .map((word) => ({ word, weight: Math.min(MAX_TITLE_WEIGHT, analyzer.idf(word)) }));
}

/** A measure sharing no topic word with the question (only 手续, 办理, 多久…) does not answer it. */
const topical = (m: Match): Match => (m.topic > 0 ? m : withCoverage(m, 0));
