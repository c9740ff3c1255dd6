/**
 * Unique questions for latency, one of each, so no answer is timed warm from an earlier identical one:
 * repeating a small set hides the cold tail. Seeded, built from the corpus itself, and sorted by the path
 * ask() takes for them (detectIntent), so each path's latency is reported on its own.
 */
import { detectIntent } from "../../answer/intent.js";
import type { Measure } from "../../policy/measure.js";
import { mulberry32 } from "./synthetic-corpus.js";

export type QuestionPath = "search" | "department" | "measure";

const SEARCH_TEMPLATES = [
  (c: string) => `${c}要多久？`,
  (c: string) => `请问${c}是怎么规定的`,
  (c: string) => `${c}，需要准备什么`,
  (c: string) => `我想了解一下${c}`,
  (c: string) => `${c}能在网上办吗`,
  (c: string) => `关于${c}有没有新政策？`,
];
const DEPARTMENT_TEMPLATES = [
  (d: string, t: string) => `${d}负责哪些${t}的事？`,
  (d: string, t: string) => `${t}方面${d}管哪些`,
  (d: string) => `${d}负责哪些措施？`,
];
const MEASURE_TEMPLATES = [(n: number) => `第${n}条`, (n: number) => `第${n}条是什么内容`, (n: number) => `措施${n}讲的啥`];

/**
 * @param each how many questions per path (fewer when the corpus cannot give that many distinct ones)
 * @param departmentNames every way of writing a department → its full name (as the engine detects them)
 */
export function uniqueQuestions(measures: readonly Measure[], departmentNames: Map<string, string>, each: number, seed: number): Record<QuestionPath, string[]> {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const clauses = [...new Set(measures.flatMap((m) => m.text.split(/[，,。；;、（）()“”]/)).map((c) => c.trim()).filter((c) => c.length >= 4 && c.length <= 16))];
  const names = [...departmentNames.keys()];
  const out: Record<QuestionPath, Set<string>> = { search: new Set(), department: new Set(), measure: new Set() };
  const pathOf = (q: string): QuestionPath | null => {
    const kind = detectIntent(q, departmentNames).kind;
    return kind === "question" ? "search" : kind === "department" ? "department" : kind === "measure-number" ? "measure" : null;
  };
  const offer = (q: string, wanted: QuestionPath) => {
    if (out[wanted].size < each && pathOf(q) === wanted) out[wanted].add(q);
  };
  // Bounded attempts: a small corpus has fewer distinct combinations than asked for.
  for (let tries = 0; tries < each * 20 && out.search.size < each && clauses.length; tries++) offer(pick(SEARCH_TEMPLATES)(pick(clauses)), "search");
  for (let tries = 0; tries < each * 20 && out.department.size < each && names.length; tries++)
    offer(pick(DEPARTMENT_TEMPLATES)(pick(names), pick(clauses).slice(0, 2 + Math.floor(rand() * 3))), "department");
  for (let tries = 0; tries < each * 20 && out.measure.size < each; tries++) offer(pick(MEASURE_TEMPLATES)(pick(measures).number), "measure");
  return { search: [...out.search], department: [...out.department], measure: [...out.measure] };
}
