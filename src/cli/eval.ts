import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { PolicyEngine } from "../answer/engine.js";
import { score, type EvalAnswer, type EvalQuestion } from "./score.js";

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), lineNo: i + 1 }))
    .filter(({ line }) => line)
    .map(({ line, lineNo }) => {
      try {
        const q = JSON.parse(line) as EvalQuestion;
        if (typeof q.id !== "string" || typeof q.q !== "string") throw new Error('needs "id" and "q" strings');
        return q;
      } catch (err) {
        throw new Error(`${file}:${lineNo}: not a question line (${(err as Error).message})`);
      }
    });
}

/** Ask every question; answer lines as ../shared/eval/README.md specifies. */
export async function runEval(engine: PolicyEngine, questions: EvalQuestion[]): Promise<EvalAnswer[]> {
  const answers: EvalAnswer[] = [];
  for (const q of questions) {
    const start = performance.now();
    const a = await engine.ask(q.q);
    const latency = performance.now() - start;
    answers.push({ id: q.id, outcome: a.outcome, citations: a.citations.map((c) => c.measure), latency_ms: Math.round(latency * 100) / 100 });
  }
  return answers;
}

export { score };
