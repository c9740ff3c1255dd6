import type { Citation } from "../policy/measure.js";

export type Outcome = "answered" | "handoff" | "smalltalk";

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
  /** A department listing cut at its most relevant measures: the departments and how many measures name them in all. */
  listing?: { departments: string[]; total: number };
  /** Which composer wrote the text. */
  composer?: "extractive" | "llm";
  /** How much of the question the best measure covers (search answers only): an approved FAQ entry must beat it. */
  coverage?: number;
  /** Where the reply comes from: the policy text (the default) or a staff answer a maintainer approved. */
  source?: "policy" | "faq";
  /** Set when source is "faq": front ends label the reply with the approval date. */
  faq?: FaqMark;
}

/** Which approved FAQ entry a reply is, for its label and the question log. */
export interface FaqMark {
  entryId: number;
  /** "answer": the staff answer; "out-of-scope": staff marked such questions as outside the policy (a canned reply, no ticket). */
  kind: "answer" | "out-of-scope";
  /** When a maintainer approved it (epoch ms). */
  approvedAt: number;
  /** The staff answer as written, for the front end to show under its label (kind "answer"). */
  answer: string;
}
