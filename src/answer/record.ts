import type { Citation, Measure, MeasureRef } from "../policy/measure.js";
import type { Expansion } from "../search/lexicon.js";
import type { Hit } from "../search/retriever.js";
import type { Match, QuestionTerms } from "./evidence.js";
import type { TimeAsked, TimeLimit } from "./durations.js";
import type { FactKind, ListedFact } from "./facts.js";
import type { SmallTalkTopic } from "./small-talk.js";
import type { FollowUp } from "./follow-up.js";
import type { Intent } from "./intent.js";
import type { OutOfScope } from "./scope.js";
import type { HandoffReason, Language } from "./types.js";

/**
 * The records a question passes through, one way: understand → retrieve → assess → decide → compose.
 * Each stage takes the previous one's record and adds its own, so --explain can print them all.
 */

/** understand: what the message is (intent, language) and what it asks, completed from the chat's context. */
export interface Understood {
  /** The message as typed (trimmed, capped), in simplified characters, a measure counted from the end (最后一条) by its number. */
  question: string;
  language: Language;
  intent: Intent;
  followUp: FollowUp;
  /** What the later stages read: Chinese, split words rejoined, a follow-up completed. */
  text: string;
  /** The questions inside it, in its order (one unless it asks several things: 开公司要几天？注销呢？). */
  parts: string[];
  /** A follow-up's earlier question, read at a lower weight. */
  context?: string;
  /** What a later follow-up reads as this turn's question, when not the text itself (哪个部门负责？ carries the topic before it). */
  carried?: string;
  /** Words it implies in the lexicon's terms (开个小饭馆 → 开店). */
  implied: string[];
  /** Spans the question says it lacks (没有抵押物…). */
  negatedSpans: string[];
  /** English words the glossary did not know. */
  unread: string[];
  /** Only these measures may answer (a pick, a follow-up about the last answer, answerFrom). */
  restrictTo?: MeasureRef[];
  /** The asker chose this measure (a clarify choice, 第二个): answer from it unless it lacks the fact asked. */
  picked?: MeasureRef;
  /**
   * The message read on its own, when it has a topic of its own but was read as a follow-up (or, for more of a kind, 还有什么制度,
   * read of the measures just cited): tried when the follow-up reading answers nothing.
   */
  alone?: Understood;
  /** A message that seemed to stand alone, read as asking about the last answer: tried when it answers nothing alone. */
  inContext?: Understood;
  /** Measures the last answer gave that a request for more (还有别的吗) wants others than. */
  besides?: MeasureRef[];
  /** It asks to have the last answer told again in other words (说简单点, 举个例子, 没看懂): the reply quotes the policy again and says so. */
  explainAgain?: boolean;
  /** It asks for the last answer in English (English please): the message names no fact of its own. */
  inEnglish?: boolean;
}

// Every field of Understood, in one order (the compiler checks that it names them all).
export const UNDERSTOOD_FIELDS: { [K in keyof Required<Understood>]: undefined } = {
  question: undefined,
  language: undefined,
  intent: undefined,
  followUp: undefined,
  text: undefined,
  parts: undefined,
  context: undefined,
  carried: undefined,
  implied: undefined,
  negatedSpans: undefined,
  unread: undefined,
  restrictTo: undefined,
  picked: undefined,
  alone: undefined,
  inContext: undefined,
  besides: undefined,
  explainAgain: undefined,
  inEnglish: undefined,
};

/**
 * The same record with every field present, in one order: the later stages then see one kind of object (one V8 map), not
 * one per mix of the optional fields it was read with, and their optimised code checks for one (README, Performance).
 */
export const oneShape = (u: Understood): Understood => ({ ...UNDERSTOOD_FIELDS, ...u });

/**
 * { ...o, ...more } where `more` adds keys `o` lacks. Node 20's V8 gives an object spread from another and then added to a new map
 * (kind of object) every time, so code reading such objects never settles; Object.assign onto {} adds the keys along shared ones.
 * (A spread that only sets keys the object has, or one that starts from a template naming every key, as oneShape, is one map.)
 */
export const extended = <T extends object, U extends object>(o: T, more: U): T & U => Object.assign({}, o, more);

/** retrieve: the candidate measures and the question's weighted words. */
export interface Retrieved extends Understood {
  hits: Hit[];
  expansion: Expansion;
  terms: QuestionTerms;
  /** Each part's words, when there are several parts. */
  partTerms: QuestionTerms[];
}

// Every field of Retrieved, in one order.
export const RETRIEVED_FIELDS: { [K in keyof Required<Retrieved>]: undefined } = { ...UNDERSTOOD_FIELDS, hits: undefined, expansion: undefined, terms: undefined, partTerms: undefined };

/** A measure that might answer, with how it matches the question. */
export interface Candidate {
  measure: Measure;
  match: Match;
  /** How it matches each part, when there are several. */
  parts: Match[];
  /** It states a figure of the kind asked (a duration for 几天), in a passage about the question. */
  statesFigure: boolean;
  /** For each part, whether it states a figure of the kind that part asks (a duration for its 几天), in a passage about the part. */
  partFigures?: boolean[];
  /** Fused search score relative to the best hit (0–1). */
  rank: number;
  /** coverage plus a little of the rank: the order of candidates. */
  score: number;
}

/** assess: candidates ranked by coverage, the facts asked for, whether the question is in scope. */
export interface Assessed extends Retrieved {
  candidates: Candidate[];
  factsAsked: FactKind[];
  scope: OutOfScope | null;
  /** Whether the question names a topic at all (a word that is not a process or question word). */
  hasTopic: boolean;
  /** The question's words that name a thing (jieba tags them nouns): a thing no close measure mentions is what the question is about. */
  nouns: string[];
}

// Every field of Assessed, in one order.
export const ASSESSED_FIELDS: { [K in keyof Required<Assessed>]: undefined } = { ...RETRIEVED_FIELDS, candidates: undefined, factsAsked: undefined, scope: undefined, hasTopic: undefined, nouns: undefined };

/** What a handoff tells the asker. */
export type HandoffSay =
  | "empty"
  | "unclear"
  | "no-topic"
  | "injection"
  | "asked-for-person"
  | "not-a-measure-number"
  | "not-in-policy"
  | "fact-missing"
  | "out-of-scope";

/** A question of the message the policy has nothing for, as asked (its opening 还有 or 另外 left out), and why when it is out of scope. */
export interface Unanswered {
  asked: string;
  scope?: OutOfScope;
}

export type Decision =
  | {
      kind: "answer";
      cited: Candidate[];
      why: string;
      /** Facts another part of the message asks that the policy does not state (开公司几天？市场监管局电话多少). */
      unstated?: FactKind[];
      /** Other questions of the message the policy has nothing for (乌鲁木齐接电要几天 beside 接电要几天), as asked: the reply names them. */
      unanswered?: Unanswered[];
      /** Measures the asker named that hold nothing of what they asked (第20条讲的燃气报装多少天): the reply says so. */
      misnamed?: Measure[];
      /** Asked which measures state a kind of fact (哪几条写明了免费): the fact, and every measure stating it (the first are cited). */
      stating?: { fact: ListedFact; measures: Measure[] };
      /** Asked the quickest or slowest, or which are done within or beyond a time (两天以内能办完的有哪些): every measure stating such a limit, ranked or in number order, each with the limit that places it. */
      timed?: { asked: TimeAsked; measures: Array<{ measure: Measure; limit: TimeLimit }> };
    }
  | { kind: "clarify"; options: Candidate[]; why: string }
  | { kind: "handoff"; reason: HandoffReason; say: HandoffSay; related: Citation[]; why: string; missing?: FactKind[]; scope?: OutOfScope }
  | { kind: "smalltalk"; topic: SmallTalkTopic }
  | { kind: "measures"; numbers: number[] }
  | { kind: "department"; departments: string[] }
  | { kind: "overview" };

/** decide: answer, clarify or hand off, and why. */
export interface Decided {
  understood: Understood;
  /** Present when the question was searched (not for small talk, measure numbers, department listings). */
  assessed?: Assessed;
  decision: Decision;
}

/** Everything --explain prints. */
export type QuestionRecord = Decided;
