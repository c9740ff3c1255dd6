/**
 * What the domain reports for monitoring, as a small interface: the server implements it with
 * prom-client (src/server/prometheus.ts, loaded only in server mode); everywhere else it is a
 * no-op. answer/ and handoff/ see only this, never a metrics library.
 */
import type { PolicyEngine, Turn } from "./answer/engine.js";
import type { Answer, Outcome } from "./answer/types.js";

/** Where a question or ticket came from: telegram, api (another system), web (the /chat page), terminal. */
export type Source = string;

export interface Metrics {
  /** A question got a reply (any outcome) after `seconds` in the engine. */
  questionAnswered(source: Source, outcome: Outcome, seconds: number): void;
  /** A new ticket was opened for a person (a handoff). */
  ticketOpened(source: Source): void;
  /** The Bot API refused a call (its error code) or could not be reached ("network"). */
  telegramApiError(method: string, code: string): void;
  /** A question was answered from an approved FAQ entry (for the FAQ feature to call). */
  faqHit(): void;
}

export const noMetrics: Metrics = {
  questionAnswered() {},
  ticketOpened() {},
  telegramApiError() {},
  faqHit() {},
};

/** The engine with every ask() timed and counted under `source`; every other member passes through (whatever the interface grows). */
export function instrumentEngine(engine: PolicyEngine, metrics: Metrics, source: Source, now: () => number = () => performance.now()): PolicyEngine {
  if (metrics === noMetrics) return engine;
  const ask = async (question: string, history?: readonly Turn[]): Promise<Answer> => {
    const started = now();
    const answer = await engine.ask(question, history);
    metrics.questionAnswered(source, answer.outcome, (now() - started) / 1000);
    return answer;
  };
  return new Proxy(engine, {
    get(target, prop) {
      if (prop === "ask") return ask;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
