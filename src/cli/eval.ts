import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { PolicyEngine, Turn } from "../answer/engine.js";
import { explainRecord } from "../answer/explain.js";
import type { Answer } from "../answer/types.js";
import { measureKey, refOfCitation, type Citation } from "../policy/measure.js";
import { sameRef, score, type EvalAnswer, type EvalQuestion, type EvalRef } from "./score.js";

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
    throw new Error(`"expect" must be a non-empty list of measure numbers ("key#n" for a document's) or one of ${REPLY_KINDS.map((k) => `"${k}"`).join(", ")}`);
  }
  if (q.expect_all !== undefined && !isMeasureList(q.expect_all)) throw new Error('"expect_all" must be a non-empty list of measure numbers ("key#n" for a document\'s)');
  if (q.kind !== undefined && (typeof q.kind !== "string" || !q.kind.trim())) throw new Error('"kind" must be a non-empty string');
  if (q.context !== undefined && !(Array.isArray(q.context) && q.context.length > 0 && q.context.every((c) => typeof c === "string" && c.trim()))) {
    throw new Error('"context" must be a non-empty list of the earlier questions, as non-empty strings');
  }
  return q as unknown as EvalQuestion;
}

const isMeasureRef = (n: unknown) => (Number.isInteger(n) && (n as number) >= 1) || (typeof n === "string" && /^.+#[1-9]\d*$/.test(n));
const isMeasureList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(isMeasureRef);

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
    answers.push({ id: q.id, outcome: a.outcome, citations: citedOrOffered(a), latency_ms: Math.round(latency * 100) / 100 });
  }
  return answers;
}

/** Whether an answer is right for its question, by the rules the scorer uses (a clarify is never right here). */
export function isRight(q: EvalQuestion, a: EvalAnswer | undefined): boolean {
  if (!a) return false;
  const cites = a.outcome === "answered" ? a.citations : [];
  const cited = (e: EvalRef) => cites.some((c) => sameRef(e, c));
  if (q.expect_all !== undefined) return q.expect_all.every(cited) && cites.every((c) => q.expect_all!.some((e) => sameRef(e, c)));
  if (Array.isArray(q.expect)) return cites[0] !== undefined && q.expect.some((e) => sameRef(e, cites[0]!));
  if (q.expect === "greeting") return a.outcome === "smalltalk";
  return a.outcome !== "answered";
}

/** For every question answered wrongly (or not fully): what was expected and got, and the stage records that led there. */
export async function explainMisses(engine: PolicyEngine, questions: EvalQuestion[], answers: EvalAnswer[]): Promise<string[]> {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const out: string[] = [];
  for (const q of questions) {
    const a = byId.get(q.id);
    if (isRight(q, a)) continue;
    const history: Turn[] = [];
    for (const earlier of q.context ?? []) history.push({ question: earlier, answer: await engine.ask(earlier, [...history]) });
    const { record } = await engine.explain(q.q, history);
    const expected = q.expect_all ? `all of ${q.expect_all.join(",")}` : Array.isArray(q.expect) ? q.expect.join("|") : q.expect;
    const context = q.context ? `  (after: ${q.context.join(" / ")})` : "";
    out.push(`── ${q.id} [${q.kind ?? "?"}] ${q.q}${context}
   expected ${expected}; got ${a?.outcome ?? "nothing"} ${a?.citations.join(",") ?? ""}
${indent(explainRecord(record))}`);
  }
  return out;
}

const indent = (text: string) => text.split("\n").map((l) => `   ${l}`).join("\n");

/** The measures an answer relies on, or for a clarify the measures it offers: numbers, "key#n" when the corpus holds several documents. */
export const citedOrOffered = (a: Answer): EvalRef[] => (a.outcome === "clarify" ? (a.choices ?? []) : a.citations).map(evalRef);
const evalRef = (c: Citation): EvalRef => (c.document ? measureKey(refOfCitation(c)) : c.measure);

export { score };
