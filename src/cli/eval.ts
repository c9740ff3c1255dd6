import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { PolicyEngine, Turn } from "../answer/engine.js";
import { score, type EvalAnswer, type EvalQuestion } from "./score.js";

/** The project's own question set, used when `npm run eval` is given no --file. */
export const DEFAULT_QUESTIONS = "eval/questions.jsonl";

const REPLY_KINDS = ["none", "escalate", "greeting"];

/** Read a question file (one JSON object a line, blank lines skipped); a bad line throws with file:line and what is wrong. */
export function readQuestions(file: string): EvalQuestion[] {
  const seen = new Set<string>();
  const questions: EvalQuestion[] = [];
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      try {
        const q = checkQuestion(JSON.parse(line));
        if (seen.has(q.id)) throw new Error(`id "${q.id}" is used twice`);
        seen.add(q.id);
        questions.push(q);
      } catch (err) {
        throw new Error(`${file}:${i + 1}: not a question line (${(err as Error).message})`);
      }
    });
  return questions;
}

function checkQuestion(value: unknown): EvalQuestion {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("expected a JSON object");
  const q = value as Record<string, unknown>;
  if (typeof q.id !== "string" || !q.id.trim()) throw new Error('needs "id", a non-empty string');
  if (typeof q.q !== "string") throw new Error('needs "q", the question as a string');
  if ((q.expect === undefined) === (q.expect_all === undefined)) throw new Error('needs exactly one of "expect" and "expect_all"');
  if (q.expect !== undefined && !REPLY_KINDS.includes(q.expect as string) && !isMeasureList(q.expect)) {
    throw new Error(`"expect" must be a non-empty list of measure numbers or one of ${REPLY_KINDS.map((k) => `"${k}"`).join(", ")}`);
  }
  if (q.expect_all !== undefined && !isMeasureList(q.expect_all)) throw new Error('"expect_all" must be a non-empty list of measure numbers');
  if (q.kind !== undefined && (typeof q.kind !== "string" || !q.kind.trim())) throw new Error('"kind" must be a non-empty string');
  if (q.context !== undefined && !(Array.isArray(q.context) && q.context.length > 0 && q.context.every((c) => typeof c === "string" && c.trim()))) {
    throw new Error('"context" must be a non-empty list of the earlier questions, as non-empty strings');
  }
  return q as unknown as EvalQuestion;
}

const isMeasureList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n) && (n as number) >= 1);

/**
 * Ask every question; answer lines in the evaluation format. A question with `context` is the last
 * turn of a conversation: the earlier questions are asked first, each with the turns before it.
 */
export async function runEval(engine: PolicyEngine, questions: EvalQuestion[]): Promise<EvalAnswer[]> {
  const answers: EvalAnswer[] = [];
  for (const q of questions) {
    const history: Turn[] = [];
    for (const earlier of q.context ?? []) history.push({ question: earlier, answer: await engine.ask(earlier, [...history]) });
    const start = performance.now();
    const a = await engine.ask(q.q, history);
    const latency = performance.now() - start;
    answers.push({ id: q.id, outcome: a.outcome, citations: a.citations.map((c) => c.measure), latency_ms: Math.round(latency * 100) / 100 });
  }
  return answers;
}

export { score };
