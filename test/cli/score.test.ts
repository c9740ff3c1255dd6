import { describe, expect, it } from "vitest";
import { exactMean, METRICS, round3, score, type EvalAnswer, type EvalQuestion } from "../../src/cli/score.js";

// Hand-made question/answer sets; every expected number is worked out in the comments.
const ask = (id: string, rest: Omit<EvalQuestion, "id" | "q">): EvalQuestion => ({ id, q: "", ...rest });
const reply = (id: string, outcome: EvalAnswer["outcome"], citations: number[]): EvalAnswer => ({ id, outcome, citations });

describe("score: every metric on one hand-made set", () => {
  const questions: EvalQuestion[] = [
    ask("a", { expect: [11], kind: "inscope" }),
    ask("b", { expect: [12, 13], kind: "inscope" }),
    ask("c", { expect: [1], kind: "inscope" }),
    ask("d", { expect_all: [6, 7, 8], kind: "department" }),
    ask("e", { expect: "none", kind: "oos" }),
    ask("f", { expect: "none", kind: "oos" }),
    ask("g", { expect: "greeting", kind: "smalltalk" }),
    ask("h", { expect: [3], kind: "english" }),
    ask("i", { expect: "escalate", kind: "human" }),
    ask("j", { expect: [20, 21], kind: "inscope" }),
    ask("k", { expect: [5], kind: "inscope" }),
    ask("l", { expect: "greeting", kind: "smalltalk" }),
    ask("m", { expect: "none", kind: "oos" }),
    ask("n", { expect: [3], kind: "english" }),
    ask("o", { expect_all: [1, 3], kind: "multipart" }),
  ];
  const answers: EvalAnswer[] = [
    reply("a", "answered", [11, 5]), // top1 ✓, hit3 ✓, precision 1/2, wrong_first ✗
    reply("b", "answered", [4, 13, 9]), // top1 ✗, hit3 ✓, precision 1/3, wrong_first ✓
    reply("c", "handoff", [1]), // not answered: its citations do not count; 0 everywhere, no wrong_first
    reply("d", "answered", [6, 7, 9, 10]), // set_recall 2/3, set_precision 2/4, no wrong_first (expect_all)
    reply("e", "handoff", []), // none_ok ✓
    reply("f", "answered", [2]), // none_ok ✗, wrong_first ✓ (should not have answered)
    reply("g", "smalltalk", []), // greeting_ok ✓
    reply("h", "answered", [3]), // english_top1 ✓ (not top1), wrong_first ✗
    // "i" has no answer: missing, and it did not answer, so none_ok ✓
    reply("j", "clarify", [21, 30]), // clarify_ok ✓; a clarify never counts toward top1: top1/hit3/precision 0
    reply("k", "clarify", [6, 7]), // clarify_ok ✗; top1/hit3/precision 0
    reply("l", "answered", [9]), // greeting_ok ✗, wrong_first ✓
    reply("m", "clarify", [4, 5]), // none_ok ✓ (it did not answer); no clarify_ok (nothing right to offer)
    reply("n", "clarify", [3]), // clarify_ok ✓ (English too), english_top1 ✗
    reply("o", "clarify", [1, 3]), // set_recall 0, set_precision 0; no clarify_ok (no "expect" list)
  ];

  it("gives the values computed by hand", () => {
    expect(score(questions, answers)).toEqual({
      top1: 0.2, // a of a b c j k
      hit3: 0.4, // a, b
      precision: 0.167, // (1/2 + 1/3 + 0 + 0 + 0) / 5 = 1/6
      set_recall: 0.333, // (2/3 + 0) / 2
      set_precision: 0.25, // (1/2 + 0) / 2
      none_ok: 0.75, // e, i, m of e f i m
      greeting_ok: 0.5, // g of g l
      english_top1: 0.5, // h of h n
      clarify_ok: 0.667, // j, n of j k n
      wrong_first: 0.6, // b, f, l of a b f h l
      missing: 1,
      n: { top1: 5, hit3: 5, precision: 5, set_recall: 2, set_precision: 2, none_ok: 4, greeting_ok: 2, english_top1: 2, clarify_ok: 3, wrong_first: 5 },
    });
  });

  it("an empty set gives null for every metric and n 0", () => {
    const s = score([], []);
    for (const k of METRICS) {
      expect(s[k], k).toBeNull();
      expect(s.n[k], k).toBe(0);
    }
    expect(s.missing).toBe(0);
  });

  it("citations given as strings count as numbers; answers to unknown ids are ignored", () => {
    const s = score([ask("a", { expect: [11] })], [{ id: "a", outcome: "answered", citations: ["11"] as unknown as number[] }, reply("zz", "answered", [1])]);
    expect(s.top1).toBe(1);
    expect(s.n.top1).toBe(1);
    expect(s.missing).toBe(0);
  });
});

describe("score: the mean and its rounding", () => {
  // Precision 3/4 once and 2/3 three times. Exactly, (0.75 + 3 × 2/3) / 4 is 0.6875 to within
  // the error of the double 2/3, so the mean is the double 0.6875, a tie, which rounds to even:
  // 0.688. Summed in floating point it comes to 0.6874999999999999 and would round to 0.687.
  it("averages exactly: 3/4, 2/3, 2/3, 2/3 → 0.688", () => {
    const qs = [ask("p1", { expect: [1, 2, 3] }), ask("p2", { expect: [1, 2] }), ask("p3", { expect: [1, 2] }), ask("p4", { expect: [1, 2] })];
    const as = [reply("p1", "answered", [1, 2, 3, 9]), reply("p2", "answered", [1, 2, 9]), reply("p3", "answered", [1, 2, 9]), reply("p4", "answered", [1, 2, 9])];
    expect((0.75 + 2 / 3 + 2 / 3 + 2 / 3) / 4).toBe(0.6874999999999999);
    expect(score(qs, as)).toMatchObject({ precision: 0.688, top1: 1, hit3: 1, wrong_first: 0 });
  });

  const topOf = (right: number, of: number) => {
    const qs = Array.from({ length: of }, (_, i) => ask(`t${i}`, { expect: [1] }));
    const as = qs.map((q, i) => reply(q.id, "answered", [i < right ? 1 : 2]));
    return score(qs, as).top1;
  };

  // 1/16 = 0.0625 and 3/16 = 0.1875 are exact doubles, true ties: Python rounds them to even.
  it("a true tie rounds to even: 1 of 16 → 0.062, 3 of 16 → 0.188", () => {
    expect(topOf(1, 16)).toBe(0.062);
    expect(topOf(3, 16)).toBe(0.188);
  });

  // 71/80 = 0.8875 is not a double; the nearest one lies just below it, so it rounds down.
  it("a near tie rounds by the exact binary value: 71 of 80 → 0.887", () => {
    expect(topOf(71, 80)).toBe(0.887);
  });

  it("exactMean and round3 on their own", () => {
    expect(exactMean([1, 0, 0])).toBe(1 / 3);
    // The exact mean of the doubles 0.1 and 0.2 lies halfway between two doubles; ties go to the even one.
    expect(exactMean([0.1, 0.2])).toBe(0.15000000000000002);
    expect(exactMean([0])).toBe(0);
    expect([0.0625, 0.1875, 0.3125, 0.6875, 0.9375].map(round3)).toEqual([0.062, 0.188, 0.312, 0.688, 0.938]);
    expect([0.8875, 0.1234, 1, 0].map(round3)).toEqual([0.887, 0.123, 1, 0]);
  });
});
