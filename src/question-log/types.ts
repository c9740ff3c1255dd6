/** 👍 or 👎 on an answer. */
export type Vote = "up" | "down";

/** Where the answer came from: the policy text, or an approved FAQ entry. */
export type AnswerSource = "policy" | "faq";

/** One question as it is written to the log. */
export interface NewLoggedQuestion {
  at: number;
  /** Salted hash of the asker's channel and id; never the id itself. */
  askerHash: string;
  channel: string;
  question: string;
  /** The engine's outcome (answered, clarify, handoff, smalltalk, and whatever it adds later). */
  outcome: string;
  /** Why it went to a person; on an answered question, why a part of the message was not answered (a fact the policy does not state, another question out of it). */
  handoffReason: string | null;
  source: AnswerSource;
  faqEntryId: number | null;
  /** Measures the answer cites, most relevant first. */
  cited: number[];
  latencyMs: number;
}

export interface LoggedQuestion extends Omit<NewLoggedQuestion, "question" | "askerHash"> {
  id: number;
  /** Null once the retention period has passed. */
  question: string | null;
  askerHash: string | null;
  feedback: Vote | null;
  ticketId: number | null;
}

/** Counts over a period, for /stats. */
export interface LogSummary {
  questions: number;
  /** By outcome (answered, clarify, handoff, smalltalk, …). */
  outcomes: Record<string, number>;
  /** Answered from an approved FAQ entry. */
  faqAnswers: number;
  up: number;
  down: number;
}
