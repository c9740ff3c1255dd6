import type { DocumentRef, Measure } from "../policy/measure.js";
import type { Explained, PolicyEngine, Turn } from "./engine.js";
import type { ServedEngine } from "./open-engine.js";
import type { Answer } from "./types.js";

/**
 * The one live index holder: owns the engine that answers now and swaps it whole after a successful
 * rebuild. Everything that answers holds this object, so a reload needs no restart and no caller
 * changes. Each call reads the current engine once: a question in flight when a swap happens
 * finishes on the engine it started on (which keeps its index in memory until it is collected).
 */
export class LiveEngine implements PolicyEngine {
  private served: ServedEngine;

  constructor(initial: ServedEngine) {
    this.served = initial;
  }

  /** The engine answering now and the version of the corpus it answers from. */
  get current(): ServedEngine {
    return this.served;
  }

  /** Put `next` in place (one assignment: callers see the old engine or the new one); returns the one replaced. */
  swap(next: ServedEngine): ServedEngine {
    const previous = this.served;
    this.served = next;
    return previous;
  }

  ask(question: string, history?: readonly Turn[]): Promise<Answer> {
    return this.served.engine.ask(question, history);
  }

  answerFrom(question: string, measure: number, document?: string): Promise<Answer> {
    return this.served.engine.answerFrom(question, measure, document);
  }

  explain(question: string, history?: readonly Turn[]): Promise<Explained> {
    return this.served.engine.explain(question, history);
  }

  measures(): readonly Measure[] {
    return this.served.engine.measures();
  }

  measure(n: number, document?: string): Measure | undefined {
    return this.served.engine.measure(n, document);
  }

  measuresOf(department: string): { department: string; measures: Measure[] } | undefined {
    return this.served.engine.measuresOf(department);
  }

  documentTitle(): string {
    return this.served.engine.documentTitle();
  }

  documents(): readonly DocumentRef[] {
    return this.served.engine.documents();
  }
}
