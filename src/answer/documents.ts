import { currentDocument } from "../policy/corpus.js";
import { measureKey, refOf, type DocumentRef, type Measure, type MeasureRef } from "../policy/measure.js";
import type { Assessed } from "./record.js";
import type { Numbering } from "./strings.js";
import { matchesOf } from "./matches.js";

// 2023年的…, 2023年第5条: a year the question names.
const YEAR = /(20\d{2})\s*年/g;
/** A candidate from the document the question means is preferred over a near-equal one from another (a 2023 set revising 2022). */
const PREFERRED_DOCUMENT_BONUS = 0.05;

/**
 * The documents an engine answers from and which one a question means: the one whose year it names,
 * else the current one (the latest). With one document every question means it, and nothing here
 * changes an answer.
 */
export class Documents {
  private readonly byKey = new Map<string, Measure>();
  private readonly current: DocumentRef | undefined;

  constructor(
    readonly list: readonly DocumentRef[],
    private readonly measures: readonly Measure[],
  ) {
    for (const m of measures) this.byKey.set(measureKey(refOf(m)), m);
    this.current = currentDocument(list);
  }

  get several(): boolean {
    return this.list.length > 1;
  }

  /** The measure a reference names; a bare number with several documents means the current document's, else the latest holding it. */
  measure(ref: MeasureRef): Measure | undefined {
    if (!this.several || ref.doc) return this.byKey.get(measureKey(this.several ? ref : { number: ref.number }));
    return this.latestFirst().map((d) => this.byKey.get(measureKey({ number: ref.number, doc: d.key }))).find((m) => m !== undefined);
  }

  /** The document a question names by its year, when exactly one document has that year. */
  named(question: string): DocumentRef | undefined {
    if (!this.several) return undefined;
    const years = new Set(matchesOf(question.normalize("NFKC"), YEAR).map((m) => Number(m[1])));
    const docs = this.list.filter((d) => years.has(d.year));
    return docs.length === 1 ? docs[0] : undefined;
  }

  /** 第N条 as the question means it: in the document whose year it names, else as measure() reads a bare number. */
  numbered(n: number, question: string): Measure | undefined {
    const named = this.named(question);
    return named ? this.byKey.get(measureKey({ number: n, doc: named.key })) : this.measure({ number: n });
  }

  /** The measures of the document a question means (the one whose year it names, else the current one), in number order. */
  catalogue(question: string): Measure[] {
    if (!this.several) return [...this.measures];
    const doc = this.named(question) ?? this.current;
    return this.measures.filter((m) => m.doc === doc?.key);
  }

  /** How each document numbers its measures (the named one alone when the question names one). */
  numberings(question = ""): Array<Numbering & { title?: string }> {
    if (!this.several) return [numberingOf(this.measures)];
    const named = this.named(question);
    return (named ? [named] : this.latestFirst()).map((d) => ({ ...numberingOf(this.measures.filter((m) => m.doc === d.key)), title: d.title, year: d.year }));
  }

  /**
   * With several documents, candidates from the document the question names are the only ones (when it
   * has any); with none named, a candidate of the current document goes before a near-equal one of an older.
   */
  prefer(a: Assessed): Assessed {
    if (!this.several) return a;
    const named = this.named(a.text);
    if (named) {
      const own = a.candidates.filter((c) => c.measure.doc === named.key);
      return own.length ? { ...a, candidates: own } : a;
    }
    const current = this.current?.key;
    const candidates = a.candidates
      .map((c) => (c.measure.doc === current ? { ...c, score: c.score + PREFERRED_DOCUMENT_BONUS } : c))
      .sort((x, y) => y.score - x.score);
    return { ...a, candidates };
  }

  private latestFirst(): DocumentRef[] {
    const current = this.current;
    const others = [...this.list].filter((d) => d !== current).sort((a, b) => b.year - a.year);
    return current ? [current, ...others] : others;
  }
}

/** How many measures there are and their first and last numbers. */
export function numberingOf(measures: readonly Measure[]): Numbering {
  const numbers = measures.map((m) => m.number);
  return { count: numbers.length, first: Math.min(...numbers), last: Math.max(...numbers) };
}
