import type { EvalAnswer, EvalQuestion, EvalRef } from "../score.js";
import { score } from "../score.js";
import type { Quality } from "./report.js";

/** Expectations name real measure numbers; in a synthetic corpus they moved. */
export function remapQuestions(questions: EvalQuestion[], mapping: Array<[number, number]> | null): EvalQuestion[] {
  if (!mapping) return questions;
  const to = new Map(mapping);
  const move = (ref: EvalRef) => {
    const n = Number(ref);
    const moved = to.get(n);
    if (moved === undefined) throw new Error(`no mapping for measure ${n}`);
    return moved;
  };
  return questions.map((q) => ({
    ...q,
    ...(Array.isArray(q.expect) ? { expect: q.expect.map(move) } : {}),
    ...(q.expect_all ? { expect_all: q.expect_all.map(move) } : {}),
  }));
}

export function qualityOf(questions: EvalQuestion[], answers: EvalAnswer[]): Quality {
  const s = score(questions, answers);
  return { questions: questions.length, top1: s.top1, hit3: s.hit3, noneOk: s.none_ok };
}

