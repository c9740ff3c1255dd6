import type { Citation, Measure } from "../policy/measure.js";
import { citationOf } from "../policy/measure.js";
import { match, type QuestionTerms } from "./evidence.js";
import { quoteMeasure, quoteStating, sectionOf, wholeMeasure } from "./extractive.js";
import { statesLimitAsked } from "./durations.js";
import { statesFact, statesListed } from "./facts.js";
import type { Glossary } from "./glossary.js";
import type { Documents } from "./documents.js";
import { extended, type Candidate, type Decided, type Decision } from "./record.js";
import {
  engineText,
  englishText,
  renderClarify,
  renderEnglishClarify,
  renderEnglishPointers,
  renderEnglishSections,
  renderPointers,
  renderSections,
  measureLabel,
} from "./strings.js";
import type { Answer, AnswerSection, Choice, Language } from "./types.js";

export interface ComposeDeps {
  /** Every document's title, joined by 》《 (one title with one document). */
  documentTitle: string;
  /** The documents: which measure 第N条 means, how they number their measures. */
  documents: Documents;
  /** The measures naming the departments (the most relevant when there are many) and how many there are in all. */
  departmentListing: (question: string, departments: string[]) => { measures: Measure[]; total: number; kind?: string };
  glossary: Glossary;
}

const COVERS_MAX = 40;

/** Stage 5: the reply, in the asker's language, from the corpus's words only. */
export function compose(d: Decided, deps: ComposeDeps): Answer {
  const lang = d.understood.language;
  const answer = write(d, deps);
  const followUp = d.understood.followUp.kind;
  return {
    ...answer,
    ...(lang === "en" ? { language: lang } : {}),
    // (A department asked for by pointing, 这个局负责哪几条, is read as named: a swap after it, 那市财政局呢, needs the name.)
    ...(d.assessed || d.understood.intent.kind === "department" ? { understood: understoodText(d) } : {}),
    ...(followUp !== "none" ? { followUp } : {}),
  };
}

/** What a later follow-up reads as this turn's question. */
function understoodText(d: Decided): string {
  const u = d.understood;
  return u.carried ?? (u.context ? `${u.text}，${u.context}` : u.text);
}

function write(d: Decided, deps: ComposeDeps): Answer {
  const decision = d.decision;
  const lang = d.understood.language;
  const doc = deps.documentTitle;
  switch (decision.kind) {
    case "smalltalk": {
      const text = lang === "en" ? englishText[decision.topic](doc) : engineText.smalltalk[decision.topic](doc);
      return { outcome: "smalltalk", text, citations: [], sections: [], related: [] };
    }
    case "measures":
      return byNumbers(decision.numbers, d.understood.text, lang, deps);
    case "department":
      return byDepartments(d.understood.text, decision.departments, lang, deps);
    case "overview":
      return overview(d.understood.text, lang, deps);
    case "handoff":
      return handoff(decision, d, deps);
    case "clarify": {
      const choices = decision.options.map((c) => choiceOf(c, d.assessed!.terms));
      const text = lang === "en" ? renderEnglishClarify(choices) : renderClarify(choices);
      return { outcome: "clarify", text, citations: [], sections: [], related: [], choices };
    }
    case "answer": {
      const a = d.assessed!;
      if (decision.stating) return stating(decision.stating, decision.cited, lang, deps);
      if (decision.timed) return timed(decision.timed, decision.cited, lang, deps);
      const sections = decision.cited.map((c) =>
        quoteMeasure(c.measure, a.terms, a.text, (p) => a.factsAsked.some((k) => statesFact(k, p, a.text))),
      );
      const text = lang === "en" ? englishText : engineText;
      // 说简单点, 举个例子: the reply quotes the policy again, and says so.
      const again = d.understood.explainAgain ? text.quotedAgain : "";
      const notes = [decision.misnamed?.length ? text.misnamed(decision.misnamed) : "", decision.unstated?.length ? text.partlyUnstated(decision.unstated) : "", decision.unanswered?.length ? text.partsUnanswered(decision.unanswered) : "", again];
      const answer = answered(sections, lang, deps, notes.filter(Boolean).join("\n"));
      const left = decision.unstated?.length ? "fact-missing" : decision.unanswered?.length ? (decision.unanswered.some((u) => u.scope) ? "out-of-scope" : "not-in-policy") : undefined;
      return left ? { ...answer, partlyUnanswered: left } : answer;
    }
  }
}

function answered(sections: AnswerSection[], lang: Language, deps: ComposeDeps, note = ""): Answer {
  const gloss = (name: string) => deps.glossary.gloss(name);
  const doc = citedDocuments(sections) ?? deps.documentTitle;
  const text =
    lang === "en"
      ? renderEnglishSections(englishText.answerIntro(doc), sections, gloss)
      : renderSections(engineText.answerIntro(doc), sections);
  const citations: Citation[] = sections.map(citationOfSection);
  return { outcome: "answered", text: note ? `${text}\n\n${note}` : text, citations, sections, related: [], composer: "extractive", ...(note ? { note } : {}) };
}

/** 哪几条写明了免费: the passages stating the fact in the first measures, and a note of every measure stating it. */
function stating(listed: NonNullable<Extract<Decision, { kind: "answer" }>["stating"]>, cited: Candidate[], lang: Language, deps: ComposeDeps): Answer {
  const sections = cited.map((c) => quoteStating(c.measure, (p) => statesListed(listed.fact, p)));
  const numbers = listed.measures.map((m) => m.number);
  return answered(sections, lang, deps, (lang === "en" ? englishText : engineText).stating(listed.fact, numbers, cited.map((c) => c.measure.number)));
}

/** 哪个办得最快, 两天以内能办完的有哪些: the passages stating the limits in the first measures, and every measure's limit in order. */
function timed(listed: NonNullable<Extract<Decision, { kind: "answer" }>["timed"]>, cited: Candidate[], lang: Language, deps: ComposeDeps): Answer {
  const { asked, measures } = listed;
  const sections = cited.map((c) => quoteStating(c.measure, (p) => statesLimitAsked(asked, p)));
  const units = new Set([...measures.map((p) => p.limit.unit), ...("bound" in asked ? [asked.bound.unit] : [])]);
  const placed = measures.map((p) => ({ measure: p.measure.number, said: p.limit.said }));
  return answered(sections, lang, deps, (lang === "en" ? englishText : engineText).timed(asked, placed, cited.map((c) => c.measure.number), units.has("工作日") && units.size > 1));
}

/** With several documents, the titles of the documents an answer quotes (the headings name each measure's). */
function citedDocuments(sections: AnswerSection[]): string | undefined {
  const titles = [...new Set(sections.flatMap((s) => (s.document ? [s.document.title] : [])))];
  return titles.length ? titles.join("》《") : undefined;
}

/** 第N条: of the document whose year the question names, else of the current one (the answer names which). */
function byNumbers(numbers: number[], question: string, lang: Language, deps: ComposeDeps): Answer {
  const docs = deps.documents;
  const found = numbers.map((n) => docs.numbered(n, question)).filter((m): m is Measure => !!m);
  const missing = numbers.filter((n) => !docs.numbered(n, question));
  const numberings = docs.numberings(question);
  const none = () => (numberings.length > 1 ? engineText.noSuchMeasureIn(missing, numberings) : engineText.noSuchMeasure(missing, numberings[0]!));
  if (!found.length) return handoffAnswer(none(), "unclear", []);
  const note = missing.length ? none() : "";
  return answered(found.map(wholeMeasure), lang, deps, note);
}

function byDepartments(question: string, departments: string[], lang: Language, deps: ComposeDeps): Answer {
  const { measures, total, kind } = deps.departmentListing(question, departments);
  const sections = measures.map((m) => sectionOf(citationOf(m), []));
  const lines = measures.map((m) => `${measureLabel(m)} ${m.title}（${m.departments.join("、")}）`);
  const capped = measures.length < total;
  const more = capped ? [engineText.departmentMore(total, measures.length, departments)] : [];
  const intro =
    lang === "en"
      ? englishText.departmentIntro(departments.map((n) => englishText.department(n, deps.glossary.gloss(n))), total)
      : kind
        ? engineText.departmentKindIntro(departments, kind, total)
        : engineText.departmentIntro(departments, total);
  const citations: Citation[] = sections.map(citationOfSection);
  const answer: Answer = { outcome: "answered", text: [intro, ...lines, ...more].join("\n"), citations, sections, related: [], composer: "extractive" };
  return capped ? extended(answer, { listing: { departments, total } }) : answer;
}

/** 42条都讲了啥: every measure of the document meant, by title and departments (the Telegram bot pages it with /measures). */
function overview(question: string, lang: Language, deps: ComposeDeps): Answer {
  const measures = deps.documents.catalogue(question);
  const doc = measures[0]?.doc ? (deps.documents.list.find((d) => d.key === measures[0]!.doc)?.title ?? deps.documentTitle) : deps.documentTitle;
  const sections = measures.map((m) => sectionOf(citationOf(m), []));
  const lines = measures.map((m) => `${measureLabel(m)} ${m.title}（${m.departments.join("、")}）`);
  const intro = lang === "en" ? englishText.overviewIntro(doc, measures.length) : engineText.overviewIntro(doc, measures.length);
  return { outcome: "answered", text: [intro, ...lines].join("\n"), citations: sections.map(citationOfSection), sections, related: [], composer: "extractive", overview: true };
}

function handoff(decision: Extract<Decision, { kind: "handoff" }>, d: Decided, deps: ComposeDeps): Answer {
  const doc = deps.documentTitle;
  const en = d.understood.language === "en";
  const pointers = (lead: string) => (en ? renderEnglishPointers(lead, decision.related, (n) => deps.glossary.gloss(n)) : renderPointers(lead, decision.related));
  const related = decision.related;
  switch (decision.say) {
    case "empty":
      return handoffAnswer(engineText.empty, decision.reason, []);
    case "unclear":
      return handoffAnswer(engineText.unclear, decision.reason, []);
    case "no-topic":
      return handoffAnswer(en ? englishText.noTopic : engineText.noTopic, decision.reason, related);
    case "injection":
      return handoffAnswer(en ? englishText.injection(doc) : engineText.injection(doc), decision.reason, []);
    case "asked-for-person":
      return handoffAnswer(en ? englishText.askedForPerson : engineText.askedForPerson, decision.reason, []);
    case "not-a-measure-number": {
      const intent = d.understood.intent;
      const written = intent.kind === "not-a-measure-number" ? intent.written : d.understood.question;
      const numberings = deps.documents.numberings();
      const text = deps.documents.several ? engineText.notAMeasureNumberIn(written, numberings) : engineText.notAMeasureNumber(written, numberings[0]!);
      return handoffAnswer(text, decision.reason, []);
    }
    case "out-of-scope":
      return handoffAnswer(pointers(en ? englishText.outOfScope(decision.scope!) : engineText.outOfScope(decision.scope!)), decision.reason, related);
    case "fact-missing":
      return handoffAnswer(pointers(en ? englishText.factMissing(decision.missing!) : engineText.factMissing(decision.missing!)), decision.reason, related);
    case "not-in-policy": {
      // 还有别的吗 with nothing more: the measures already given are all the policy has on it.
      const given = d.understood.besides?.map((ref) => ref.number);
      const text = given?.length ? (en ? englishText.nothingMore(given) : engineText.nothingMore(given)) : en ? englishText.notInPolicy : engineText.notInPolicy;
      return handoffAnswer(given?.length ? text : pointers(text), decision.reason, given?.length ? [] : related);
    }
  }
}

/** A quoted section's citation: the measure, its departments, and its document when the corpus holds several. */
function citationOfSection({ measure, title, departments, document }: AnswerSection): Citation {
  return document ? { measure, title, departments, document } : { measure, title, departments };
}

function handoffAnswer(text: string, reason: Answer["handoffReason"], related: Citation[]): Answer {
  return { outcome: "handoff", text, citations: [], sections: [], related, handoffReason: reason };
}

/** A clarify choice: the measure and the clause of it that best matches the question, as the text says it. */
function choiceOf(c: Candidate, terms: QuestionTerms): Choice {
  return { ...citationOf(c.measure), covers: coversOf(c.measure, terms) };
}

export function coversOf(measure: Measure, terms: QuestionTerms): string {
  const title = measure.title.replace(/…$/, "");
  // Clauses that say more than the title does; the title itself is shown beside the covers.
  const clauses = measure.text
    .split(/[，,。；;]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 4 && !title.includes(s) && !s.startsWith(title));
  let best = { clause: clauses[0] ?? measure.title, score: 0 };
  for (const clause of clauses) {
    const score = match(terms, clause).coverage;
    if (score > best.score || (score === best.score && score > 0 && clause.length < best.clause.length)) best = { clause, score };
  }
  const chars = [...best.clause];
  return chars.length <= COVERS_MAX ? best.clause : `${chars.slice(0, COVERS_MAX - 1).join("")}…`;
}
