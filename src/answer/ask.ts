import type { Citation, Measure } from "../policy/measure.js";
import { citationOf } from "../policy/measure.js";
import type { Retriever, Hit } from "../search/retriever.js";
import type { PolicyEngine } from "./engine.js";
import { coverage, matchCredit, questionTerms, type QuestionTerms } from "./evidence.js";
import { quoteMeasure, passagesOf, wholeMeasure } from "./extractive.js";
import { factsAsked, statesFact, type FactKind } from "./facts.js";
import { detectIntent } from "./intent.js";
import { outOfScope } from "./scope.js";
import { engineText, renderPointers, renderSections } from "./strings.js";
import type { Answer, AnswerSection, HandoffReason } from "./types.js";

/** Answers that an LLM may rewrite; it gets the retrieved measures and the extractive answer to fall back to. */
export interface AnswerComposer {
  compose(question: string, retrieved: Measure[], extractive: Answer): Promise<Answer>;
}

export interface EngineDeps {
  retriever: Retriever;
  measures: Measure[];
  departmentNames: Map<string, string>;
  documentTitle: string;
  documentYears: number[];
  composer?: AnswerComposer;
  log?: (message: string) => void;
}

// Thresholds on coverage: the weighted share of the question's content words a measure contains.
const MIN_COVERAGE = 0.22;
const RANK_WEIGHT = 0.1;
const CO_CITE_COVERAGE = 0.6; // a second measure is cited only if it covers the question nearly as well
const CO_CITE_RATIO = 0.95;
const RESIDUAL_SHARE = 0.2; // what is left uncovered must be a real part of the question
const RESIDUAL_MIN_GAIN = 0.4; // and another measure must cover most of it
const RELATED_MIN_COVERAGE = 0.25;
const MAX_QUESTION_CHARS = 1000;
const MAX_CITED = 3;
const FULL_MATCH = 0.5; // a word only partly matched by character pairs is still open
const DEPARTMENT_LIST_MAX = 20; // a longer listing shows the most relevant and says how to page through the rest

export class LocalPolicyEngine implements PolicyEngine {
  private readonly byNumber: Map<number, Measure>;
  /** Full department name → positions of the measures naming it, in number order. */
  private readonly byDepartment = new Map<string, number[]>();

  constructor(private readonly deps: EngineDeps) {
    this.byNumber = new Map(deps.measures.map((m) => [m.number, m]));
    deps.measures.forEach((m, i) => {
      for (const d of m.departments) {
        const positions = this.byDepartment.get(d);
        if (positions) positions.push(i);
        else this.byDepartment.set(d, [i]);
      }
    });
  }

  measuresOf(department: string): { department: string; measures: Measure[] } | undefined {
    const full = this.deps.departmentNames.get(department.trim()) ?? department.trim();
    const positions = this.byDepartment.get(full);
    return positions && { department: full, measures: positions.map((p) => this.deps.measures[p]!) };
  }

  measures(): readonly Measure[] {
    return this.deps.measures;
  }

  measure(n: number): Measure | undefined {
    return this.byNumber.get(n);
  }

  documentTitle(): string {
    return this.deps.documentTitle;
  }

  async ask(question: string): Promise<Answer> {
    try {
      return await this.answer(String(question ?? "").slice(0, MAX_QUESTION_CHARS));
    } catch (err) {
      this.deps.log?.(`ask failed: ${(err as Error).stack ?? err}`);
      return handoff(engineText.failed, "not-in-policy", []);
    }
  }

  private async answer(question: string): Promise<Answer> {
    const doc = this.deps.documentTitle;
    const intent = detectIntent(question, this.deps.departmentNames);
    switch (intent.kind) {
      case "empty":
        return handoff(engineText.empty, "unclear", []);
      case "unclear":
        return handoff(engineText.unclear, "unclear", []);
      case "smalltalk":
        return { outcome: "smalltalk", text: engineText.smalltalk[intent.topic](doc), citations: [], sections: [], related: [] };
      case "human":
        return handoff(engineText.askedForPerson, "asked-for-person", []);
      case "injection":
        return handoff(engineText.injection(doc), "out-of-scope", []);
      case "measure-number":
        return this.byNumbers(intent.numbers);
      case "department":
        return this.byDepartments(question, intent.departments);
      case "question":
        return this.fromSearch(question);
    }
  }

  private byNumbers(numbers: number[]): Answer {
    const found = numbers.map((n) => this.byNumber.get(n)).filter((m): m is Measure => !!m);
    const missing = numbers.filter((n) => !this.byNumber.has(n));
    if (!found.length) return handoff(engineText.noSuchMeasure(missing, this.deps.measures.length), "unclear", []);
    const sections = found.map(wholeMeasure);
    const note = missing.length ? `\n\n${engineText.noSuchMeasure(missing, this.deps.measures.length)}` : "";
    return answered(renderSections(engineText.answerIntro(this.deps.documentTitle), sections) + note, sections);
  }

  /** Every measure naming the departments, in number order; past DEPARTMENT_LIST_MAX, the most relevant to the question and the total. */
  private byDepartments(question: string, departments: string[]): Answer {
    const lists = departments.map((d) => this.byDepartment.get(d) ?? []);
    const positions = lists.length === 1 ? lists[0]! : [...new Set(lists.flat())].sort((a, b) => a - b);
    const shown = positions.length <= DEPARTMENT_LIST_MAX ? positions : this.mostRelevant(question, positions);
    const measures = shown.map((p) => this.deps.measures[p]!);
    const sections = measures.map((m) => ({ ...citationOf(m), sentences: [] }));
    const lines = measures.map((m) => `第${m.number}条 ${m.title}（${m.departments.join("、")}）`);
    const capped = shown.length < positions.length;
    const more = capped ? [engineText.departmentMore(positions.length, shown.length, departments)] : [];
    const answer = answered([engineText.departmentIntro(departments, positions.length), ...lines, ...more].join("\n"), sections);
    return capped ? { ...answer, listing: { departments, total: positions.length } } : answer;
  }

  /** BM25 of the question within the department's measures; measures sharing no word with it follow in number order. */
  private mostRelevant(question: string, positions: number[]): number[] {
    const ranked = this.deps.retriever.rankWithin(question, positions, DEPARTMENT_LIST_MAX).map((s) => s.index);
    const chosen = new Set(ranked);
    for (const p of positions) {
      if (ranked.length >= DEPARTMENT_LIST_MAX) break;
      if (!chosen.has(p)) ranked.push(p);
    }
    return ranked;
  }

  private async fromSearch(question: string): Promise<Answer> {
    const { retriever } = this.deps;
    const { hits, expansion } = await retriever.search(question, 8);
    const terms = questionTerms(question, retriever.analyzer, expansion, (w) => retriever.inCorpus(w));
    const scored = rerank(hits.map((hit) => ({ hit, coverage: coverage(terms, searchable(hit.measure)) })));
    const related = scored.filter((s) => s.coverage >= RELATED_MIN_COVERAGE).slice(0, 2).map((s) => citationOf(s.hit.measure));

    const scope = outOfScope(question, retriever.analyzer, this.deps.documentYears);
    if (scope) return handoff(renderPointers(engineText.outOfScope(scope), related), "out-of-scope", related);

    const best = scored[0];
    if (!best || best.coverage < MIN_COVERAGE) return handoff(renderPointers(engineText.notInPolicy, related), "not-in-policy", related);

    const cited = [best.hit, ...this.coCited(scored, best.coverage), ...this.otherTopics(terms, best.hit, scored)];
    const unique = [...new Map(cited.map((h) => [h.measure.number, h])).values()].slice(0, MAX_CITED);

    const missing = this.missingFacts(question, terms, unique);
    if (missing.length) return handoff(renderPointers(engineText.factMissing(missing), related), "fact-missing", related);

    const asked = factsAsked(question);
    const sections = unique.map((h) => quoteMeasure(h.measure, terms, question, (p) => asked.some((k) => statesFact(k, p))));
    const extractive = answered(renderSections(engineText.answerIntro(this.deps.documentTitle), sections), sections);
    // The best coverage travels with the answer, so an approved FAQ entry can be weighed against it.
    const composed = this.deps.composer ? await this.deps.composer.compose(question, hits.map((h) => h.measure), extractive) : extractive;
    return { ...composed, coverage: best.coverage };
  }

  /** Measures that answer the question about as well as the best one (e.g. two measures on fees). */
  private coCited(scored: Array<{ hit: Hit; coverage: number }>, top: number): Hit[] {
    return scored
      .slice(1, MAX_CITED)
      .filter((s) => s.coverage >= CO_CITE_COVERAGE && s.coverage >= top * CO_CITE_RATIO)
      .map((s) => s.hit);
  }

  /**
   * A question about several things (开公司要几天，接水接电又各要几天): while important words
   * remain that no cited measure contains, cite the measure that covers most of them.
   */
  private otherTopics(terms: QuestionTerms, best: Hit, scored: Array<{ hit: Hit; coverage: number }>): Hit[] {
    const cited = [best];
    const uncovered = () => terms.words.filter((w) => cited.every((h) => matchCredit(w.word, w.synonyms, searchable(h.measure).toLowerCase()) < FULL_MATCH));
    while (cited.length < MAX_CITED) {
      const rest = uncovered();
      const restWeight = rest.reduce((a, w) => a + w.weight, 0);
      if (restWeight < terms.total * RESIDUAL_SHARE) break;
      const residual: QuestionTerms = { words: rest, total: restWeight };
      const next = scored
        .filter((s) => !cited.includes(s.hit))
        .map((s) => ({ hit: s.hit, gain: coverage(residual, searchable(s.hit.measure)) }))
        .sort((a, b) => b.gain - a.gain)[0];
      if (!next || next.gain < RESIDUAL_MIN_GAIN) break;
      cited.push(next.hit);
    }
    return cited.slice(1);
  }

  /** Fact kinds the question asks for that no passage of the cited measures states. */
  private missingFacts(question: string, terms: QuestionTerms, cited: Hit[]): FactKind[] {
    const passages = cited.flatMap((h) => passagesOf(h.measure));
    return factsAsked(question).filter((kind) => !passages.some((p) => statesFact(kind, p) && coverage(terms, p) > 0));
  }
}

/** Order by how much of the question a measure covers; the fused search rank breaks near-ties. */
function rerank(scored: Array<{ hit: Hit; coverage: number }>) {
  const top = scored[0]?.hit.score || 1;
  const key = (s: { hit: Hit; coverage: number }) => s.coverage + RANK_WEIGHT * (s.hit.score / top);
  return [...scored].sort((a, b) => key(b) - key(a));
}

const searchable = (m: Measure) => `${m.title}。${m.text}${m.departments.join("、")}`;

function answered(text: string, sections: AnswerSection[]): Answer {
  const citations: Citation[] = sections.map(({ measure, title, departments }) => ({ measure, title, departments }));
  return { outcome: "answered", text, citations, sections, related: [], composer: "extractive" };
}

function handoff(text: string, reason: HandoffReason, related: Citation[]): Answer {
  return { outcome: "handoff", text, citations: [], sections: [], related, handoffReason: reason };
}
