import type { Explained, PolicyEngine, Turn } from "../answer/engine.js";
import type { Answer } from "../answer/types.js";
import type { Citation, DocumentRef, Measure } from "../policy/measure.js";
import { citationOf } from "../policy/measure.js";
import type { StoreWarn } from "../store/best-effort.js";
import type { FaqLibrary } from "./library.js";
import type { FaqMatch } from "./matcher.js";
import { faqText, renderFaqAnswer } from "./strings.js";

/**
 * The policy engine with approved FAQ entries in front of its handoffs: every question goes to
 * the policy first; an approved entry similar enough to the question answers it instead when the
 * policy could not, or covers less of the question than the entry does (serving rule: README,
 * "FAQ matching"). The reply says it is a staff answer and when it was approved; its related
 * measures' numbers, titles and departments come from the corpus.
 */
export class FaqAnsweringEngine implements PolicyEngine {
  constructor(
    private readonly policy: PolicyEngine,
    private readonly library: FaqLibrary,
    private readonly onWarning: StoreWarn = () => undefined,
    /** Told of every question an entry answered (the metrics' FAQ hits). */
    private readonly onHit: () => void = () => undefined,
  ) {}

  async ask(question: string, history?: readonly Turn[]): Promise<Answer> {
    const answer = await this.policy.ask(question, history);
    if (!mayBeReplaced(answer)) return answer;
    let match: FaqMatch | null;
    try {
      // A follow-up is matched as the engine completed it from its context (那注销呢 → 注销要几天).
      match = await this.library.match(answer.understood ?? question);
    } catch (err) {
      this.onWarning("FAQ matching failed; answering from the policy", { error: err instanceof Error ? err.message : String(err) });
      return answer;
    }
    if (!match || !faqWins(match, answer)) return answer;
    await this.library.recordHit(match.entry.id);
    this.onHit();
    return this.fromEntry(match);
  }

  /** A pick from a clarify answers from the measure picked: the asker chose the policy. */
  answerFrom(question: string, measure: number, document?: string): Promise<Answer> {
    return this.policy.answerFrom(question, measure, document);
  }

  /** The policy's stage records, for maintainers (`--explain`); the FAQ is not one of its stages. */
  explain(question: string, history?: readonly Turn[]): Promise<Explained> {
    return this.policy.explain(question, history);
  }

  measures(): readonly Measure[] {
    return this.policy.measures();
  }

  measure(n: number, document?: string): Measure | undefined {
    return this.policy.measure(n, document);
  }

  measuresOf(department: string): { department: string; measures: Measure[] } | undefined {
    return this.policy.measuresOf(department);
  }

  documentTitle(): string {
    return this.policy.documentTitle();
  }

  documents(): readonly DocumentRef[] {
    return this.policy.documents();
  }

  private fromEntry({ entry }: FaqMatch): Answer {
    const approvedAt = entry.review?.at ?? entry.createdAt;
    const mark = { entryId: entry.id, approvedAt, answer: entry.answer };
    if (entry.status === "out-of-scope") {
      return { outcome: "handoff", handoffReason: "out-of-scope", text: faqText.outOfScope, citations: [], sections: [], related: [], source: "faq", faq: { ...mark, kind: "out-of-scope" } };
    }
    // Numbers, titles and departments as the corpus has them now; a measure it no longer has is left out.
    const related: Citation[] = entry.measures.map((n) => this.policy.measure(n)).filter((m): m is Measure => !!m).map(citationOf);
    return {
      outcome: "answered",
      text: renderFaqAnswer(approvedAt, entry.answer, related),
      citations: related,
      sections: [],
      related: [],
      source: "faq",
      faq: { ...mark, kind: "answer" },
    };
  }
}

/** Small talk, a request for a person and an unreadable message stay the policy's; clarify and later outcomes may be replaced. */
function mayBeReplaced(answer: Answer): boolean {
  if (answer.outcome === "smalltalk") return false;
  if (answer.outcome === "handoff") return answer.handoffReason !== "asked-for-person" && answer.handoffReason !== "unclear";
  return true;
}

/**
 * A policy answer that covers the question at least as well as the entry contains it still wins;
 * one without a coverage (by measure number, a department listing) was asked for explicitly and always wins.
 */
function faqWins(match: FaqMatch, answer: Answer): boolean {
  return answer.outcome !== "answered" || match.similarity.forward > (answer.coverage ?? 1);
}
