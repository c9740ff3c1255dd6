import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/run-command.js";
import { loadCorpus } from "../../src/policy/corpus.js";
import { readQuestions } from "../../src/cli/eval.js";

// The project's own question sets (eval/README in the main README): well-formed, independent, labelled within the corpus.
const questions = readQuestions(path.join(REPO_ROOT, "eval", "questions.jsonl"));
const heldOut = readQuestions(path.join(REPO_ROOT, "eval", "held-out.jsonl"));
const measureNumbers = new Set(loadCorpus(path.join(REPO_ROOT, "corpus")).measures.map((m) => m.number));

// The kinds the README documents.
const KINDS = ["inscope", "colloquial", "typo", "short", "english", "multipart", "department", "measure", "oos", "smalltalk", "adversarial", "human", "followup"];

describe.each([
  ["eval/questions.jsonl", questions, 300],
  ["eval/held-out.jsonl", heldOut, 80],
] as const)("%s", (_name, set, minimum) => {
  it(`holds at least ${minimum} questions`, () => {
    expect(set.length).toBeGreaterThanOrEqual(minimum);
  });

  it("uses only documented kinds, and a kind on every line", () => {
    for (const q of set) expect(KINDS, q.id).toContain(q.kind);
  });

  it("expects only measures the corpus has", () => {
    for (const q of set) for (const n of [...(Array.isArray(q.expect) ? q.expect : []), ...(q.expect_all ?? [])]) expect(measureNumbers.has(n as number), `${q.id}: 第${n}条`).toBe(true);
  });

  it("gives context exactly to the follow-ups", () => {
    for (const q of set) expect(q.context !== undefined, q.id).toBe(q.kind === "followup");
  });

  it("labels small talk as greeting and requests for a person as escalate", () => {
    for (const q of set.filter((x) => x.kind === "smalltalk")) expect(q.expect, q.id).toBe("greeting");
    for (const q of set.filter((x) => x.kind === "human")) expect(q.expect, q.id).toBe("escalate");
  });
});

describe("the two sets", () => {
  it("the main set covers every kind", () => {
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(KINDS));
  });

  it("share no id and no question", () => {
    const ids = new Set(questions.map((q) => q.id));
    for (const q of heldOut) expect(ids.has(q.id), q.id).toBe(false);
    const texts = new Set(questions.map((q) => q.q.trim()));
    for (const q of heldOut) expect(texts.has(q.q.trim()), q.q).toBe(false);
  });
});
