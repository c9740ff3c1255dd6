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
  followUp?: "pick" | "aspect" | "swap" | "more";
  /** The language of the reply's frame (Chinese unless the question was in English). */
  language?: Language;
  /** A department listing cut at its most relevant measures: the departments and how many measures name them in all. */
  listing?: { departments: string[]; total: number };
  /** The policy's table of contents (42条都讲了啥): every measure by title; the Telegram bot shows it paged, as /measures. */
  overview?: true;
  /** Which composer wrote the text. */
  composer?: "extractive" | "llm";
  /** What the engine says beside the quotes (a part the policy does not state, a measure number it does not have): in the text, and shown after the quotes by front ends that format from the sections. */
  note?: string;
  /** Answered, but a part of the message was not (a fact the policy does not state, a question out of it): why, for the question log's report of what the bot cannot answer. */
  partlyUnanswered?: Extract<HandoffReason, "fact-missing" | "out-of-scope" | "not-in-policy">;
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
