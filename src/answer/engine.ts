import type { DocumentRef, Measure } from "../policy/measure.js";
import type { QuestionRecord } from "./record.js";
import type { Answer } from "./types.js";

/**
 * An earlier question of the same conversation and what the reply was: only the fields a follow-up
 * is read with (a full Answer fits; a chat's stored turns keep just these).
 */
export interface Turn {
  question: string;
  answer: TurnAnswer;
}

/** What reading a follow-up needs of the last reply: its outcome, the measures it cited or offered, and the question as read. */
export type TurnAnswer = Pick<Answer, "outcome" | "citations" | "choices" | "understood">;

/** An answer and the stage records that led to it (for --explain). */
export interface Explained {
  answer: Answer;
  record: QuestionRecord;
}

/** What front ends (terminal chat, Telegram bot, eval, bench) need from the policy engine. */
export interface PolicyEngine {
  /**
   * Answer a question from the policy only; never throws on bad input. `history`: the same chat's
   * earlier turns, oldest first: a message that cannot stand alone (那注销呢？, 哪个部门负责？, 第二个呢？)
   * is read with the last of them; one that stands alone starts afresh.
   */
  ask(question: string, history?: readonly Turn[]): Promise<Answer>;
  /**
   * The asker picked `measure` from a clarify reply: answer the original question from that measure
   * (of `document`, a document key, when the corpus holds several; see measure()).
   */
  answerFrom(question: string, measure: number, document?: string): Promise<Answer>;
  /** ask(), with the records of every stage (understand → retrieve → assess → decide → compose). */
  explain(question: string, history?: readonly Turn[]): Promise<Explained>;
  /** All measures, document by document, in number order. */
  measures(): readonly Measure[];
  /**
   * Measure n of the document with that key; without a key, of the current (latest) document, or of
   * the latest other document that has an n. With one document, the key is ignored.
   */
  measure(n: number, document?: string): Measure | undefined;
  /** A department (full name or a short form) and every measure naming it, in number order. */
  measuresOf(department: string): { department: string; measures: Measure[] } | undefined;
  /** e.g. 2022年优化营商环境提升服务效能42项措施; with several documents their titles joined by 》《 */
  documentTitle(): string;
  /** The policy documents, in the corpus's order; answers name a measure's document when there are several. */
  documents(): readonly DocumentRef[];
}
