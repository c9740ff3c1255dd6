import type { Citation } from "../policy/measure.js";

/** answered: from the policy; clarify: the bot asks which of a few measures is meant; handoff: to a person (or ask to rephrase); smalltalk. */
export type Outcome = "answered" | "clarify" | "handoff" | "smalltalk";

/** The language a question was asked in; the reply's frame follows it (policy quotes stay in Chinese). */
export type Language = "zh" | "en";

/** Why a question goes to a person instead of being answered from the policy. */
export type HandoffReason =
  | "asked-for-person" // the user asked for a human
  | "not-in-policy" // nothing in the policy answers it well enough
  | "fact-missing" // the related measure lacks the kind of fact asked (phone, fee, rate, address, hours...)
  | "out-of-scope" // another city or year, a personal case, a task, an instruction to the bot
  | "unclear"; // empty, emoji only, gibberish: ask to rephrase rather than open a ticket

/** A passage of a measure quoted in an answer. */
export interface AnswerSection extends Citation {
  sentences: string[];
}

/** One measure offered when the bot asks back: its citation and what it covers, in the corpus's words. */
export type Choice = Citation & { covers: string };

export interface Answer {
  outcome: Outcome;
  /** Plain text for the terminal; the bot formats from the structured fields. */
  text: string;
  /** Measures the answer relies on, most relevant first (empty unless answered). */
  citations: Citation[];
  /** The quoted passages, one per cited measure (empty unless answered). */
  sections: AnswerSection[];
  /** Related measures shown as pointers on a handoff, and given to staff as candidates. */
  related: Citation[];
  handoffReason?: HandoffReason;
  /** On clarify: one choice per candidate measure; the pick is answered with PolicyEngine.answerFrom. */
  choices?: Choice[];
  /** The question as the engine read it: a follow-up completed from its context, an English question in the policy's words. */
  understood?: string;
  /** Set when the message could not stand alone and was read with the chat's last turn: how (a pick, an aspect of it, its question about something else). */
  followUp?: "pick" | "aspect" | "swap";
  /** The language of the reply's frame (Chinese unless the question was in English). */
  language?: Language;
  /** A department listing cut at its most relevant measures: the departments and how many measures name them in all. */
  listing?: { departments: string[]; total: number };
  /** Which composer wrote the text. */
  composer?: "extractive" | "llm";
}
