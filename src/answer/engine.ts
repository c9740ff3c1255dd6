import type { Measure } from "../policy/measure.js";
import type { Answer } from "./types.js";

/** An earlier question of the same conversation and the reply it got. */
export interface Turn {
  question: string;
  answer: Answer;
}

/** What front ends (terminal chat, Telegram bot, eval, bench) need from the policy engine. */
export interface PolicyEngine {
  /** Answer a question from the policy only; never throws on bad input. `history`: earlier turns, oldest first (may be ignored). */
  ask(question: string, history?: readonly Turn[]): Promise<Answer>;
  /** All measures in number order. */
  measures(): readonly Measure[];
  measure(n: number): Measure | undefined;
  /** A department (full name or a short form) and every measure naming it, in number order. */
  measuresOf(department: string): { department: string; measures: Measure[] } | undefined;
  /** e.g. 2022年优化营商环境提升服务效能42项措施 */
  documentTitle(): string;
}
