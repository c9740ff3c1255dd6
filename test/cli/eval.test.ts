import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT as REPO, runCommand, type Run } from "../support/run-command.js";
import { loadConfig } from "../../src/config.js";
import { openEngine } from "../../src/answer/open-engine.js";
import type { PolicyEngine, Turn } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import { DEFAULT_QUESTIONS, readQuestions, runEval } from "../../src/cli/eval.js";
import { METRICS, score, type EvalAnswer } from "../../src/cli/score.js";

// `npm run eval`: the project's own question set by default, answer lines and summary; --file; mistakes.
const SPAWN_TIMEOUT = 60_000;
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;

let dataDir: string;

const evalCli = (...args: string[]) => runCommand("npm", ["run", "--silent", "eval", "--", ...args], { env: { DATA_DIR: dataDir } });
const lines = (text: string) => text.split("\n").filter((l) => l.trim());
const write = (name: string, content: string) => {
  const file = path.join(dataDir, name);
  writeFileSync(file, content);
  return file;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "kpb-eval-cli-"));
  await openEngine(loadConfig({ DATA_DIR: dataDir }, { dotenvFile: false }));
}, SPAWN_TIMEOUT);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm run eval without --file: the project's own set", () => {
  let json: Run;
  let summary: Run;
  const questions = readQuestions(path.join(REPO, DEFAULT_QUESTIONS));

  beforeAll(async () => {
    [json, summary] = await Promise.all([evalCli("--json"), evalCli()]);
  }, 2 * SPAWN_TIMEOUT);

  it("--json prints one answer line per question of eval/questions.jsonl, in order, with id/outcome/citations/latency_ms", () => {
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).not.toMatch(STACK_FRAME);
    const answers = lines(json.stdout).map((l) => JSON.parse(l) as EvalAnswer);
    expect(answers.map((a) => a.id)).toEqual(questions.map((q) => q.id));
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual(["citations", "id", "latency_ms", "outcome"]);
      expect(["answered", "clarify", "handoff", "smalltalk"]).toContain(a.outcome);
      // One document: plain numbers, as the evaluation format has them.
      for (const c of a.citations) expect(typeof c === "number" && Number.isInteger(c) && c >= 1 && c <= 42).toBe(true);
      if (a.outcome === "handoff" || a.outcome === "smalltalk") expect(a.citations).toEqual([]);
      expect(a.latency_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it("the summary is the score of those answers, then the count and median latency", () => {
    expect(summary.code, summary.stderr).toBe(0);
    const [first, second, ...rest] = lines(summary.stdout);
    expect(rest).toEqual([]);
    const answers = lines(json.stdout).map((l) => JSON.parse(l) as EvalAnswer);
    expect(JSON.parse(first!)).toEqual(score(questions, answers));
    expect(Object.keys(JSON.parse(first!) as object)).toEqual([...METRICS, "missing", "n"]);
    expect(second).toMatch(new RegExp(`^${questions.length} questions, median [\\d.]+ ms$`));
  });
});

describe("npm run eval --file", () => {
  it(
    "scores another file, follow-ups included",
    async () => {
      const file = write(
        "small.jsonl",
        [
          '{"id": "s1", "q": "小微企业办电要几天", "expect": [11], "kind": "inscope"}',
          '{"id": "s2", "q": "明天克拉玛依刮风吗", "expect": "none", "kind": "oos"}',
          '{"id": "s3", "q": "那注销呢？", "expect": [3], "kind": "followup", "context": ["开公司要几天？"]}',
        ].join("\n"),
      );
      const r = await evalCli("--file", file, "--json");
      expect(r.code, r.stderr).toBe(0);
      const answers = lines(r.stdout).map((l) => JSON.parse(l) as EvalAnswer);
      expect(answers.map((a) => a.id)).toEqual(["s1", "s2", "s3"]);
      expect(answers[0]).toMatchObject({ outcome: "answered", citations: [11] });
      expect(answers[1]!.outcome).not.toBe("answered");
    },
    SPAWN_TIMEOUT,
  );
});

describe("npm run eval --explain", () => {
  it(
    "prints each miss with what was expected and got and the stage records, then the summary",
    async () => {
      const file = write(
        "explain.jsonl",
        [
          '{"id": "e1", "q": "小微企业办电要几天", "expect": [11], "kind": "inscope"}',
          // Labelled wrongly on purpose: the explain output must show why the engine chose 14.
          '{"id": "e2", "q": "燃气报装要几天", "expect": [12], "kind": "inscope"}',
          '{"id": "e3", "q": "那注销呢？", "expect": [1], "kind": "followup", "context": ["开公司要几天？"]}',
        ].join("\n"),
      );
      const r = await evalCli("--file", file, "--explain");
      expect(r.code, r.stderr).toBe(0);
      const blocks = r.stdout.split(/^── /m).slice(1);
      expect(blocks.map((b) => b.split(" ")[0])).toEqual(["e2", "e3"]);
      expect(blocks[0]).toContain("expected 12; got answered 14");
      expect(blocks[0]).toMatch(/第14条 coverage [\d.]+ topic/);
      expect(blocks[0]).toContain("decide: answer 第14条");
      expect(blocks[1]).toContain("(after: 开公司要几天？)");
      expect(blocks[1]).toContain("follow-up swap");
      const summary = r.stdout.trim().split("\n").at(-2)!;
      expect(JSON.parse(summary)).toMatchObject({ top1: 0.333, n: { top1: 3 } });
    },
    SPAWN_TIMEOUT,
  );

  it(
    "--json and --explain together → exit 2",
    async () => {
      const r = await evalCli("--json", "--explain");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("do not go together");
    },
    SPAWN_TIMEOUT,
  );
});

describe("runEval and clarify", () => {
  it("a clarify's answer line lists the measures offered", async () => {
    const engine: PolicyEngine = {
      async ask() {
        const choices = [16, 19].map((measure) => ({ measure, title: "", departments: [], covers: "" }));
        return { outcome: "clarify", text: "", citations: [], sections: [], related: [], choices } satisfies Answer;
      },
      measures: () => [],
      measure: () => undefined,
      measuresOf: () => undefined,
      documentTitle: () => "",
      documents: () => [],
      answerFrom: () => Promise.reject(new Error("not used")),
      explain: () => Promise.reject(new Error("not used")),
    };
    const answers = await runEval(engine, [{ id: "c1", q: "贷款", expect: [16] }]);
    expect(answers[0]).toMatchObject({ id: "c1", outcome: "clarify", citations: [16, 19] });
    expect(score([{ id: "c1", q: "贷款", expect: [16] }], answers)).toMatchObject({ top1: 0, clarify_ok: 1, wrong_first: null });
  });
});

describe("npm run eval: mistakes", () => {
  it(
    "a malformed question file → exit 1 naming file:line and what is wrong, no stack trace",
    async () => {
      const file = write("broken.jsonl", ['{"id": "a1", "q": "小微企业办电要几天", "expect": [11]}', "", '{"id": "a2", "q": "第二个呢", "expect": [3], "context": "开公司"}', ""].join("\n"));
      const r = await evalCli("--file", file);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file}:3`);
      expect(r.stderr).toContain('"context" must be a non-empty list');
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stdout).toBe("");
    },
    SPAWN_TIMEOUT,
  );

  it(
    "a missing file → exit 1 naming it; an empty one → exit 2 with the usage",
    async () => {
      const missing = path.join(dataDir, "no-such.jsonl");
      const empty = write("empty.jsonl", "\n\n");
      const [r1, r2] = await Promise.all([evalCli("--file", missing), evalCli("--file", empty)]);
      expect(r1.code).toBe(1);
      expect(r1.stderr).toContain(missing);
      expect(r1.stderr).not.toMatch(STACK_FRAME);
      expect(r2.code).toBe(2);
      expect(r2.stderr).toContain("holds no questions");
      expect(r2.stderr).toContain("usage:");
    },
    SPAWN_TIMEOUT,
  );
});

describe("readQuestions", () => {
  it("skips blank lines and keeps every field, context included", () => {
    const file = write("ok.jsonl", '\n{"id": "x1", "q": "你好", "expect": "greeting"}\r\n\n{"id": "x2", "q": "那注销呢", "expect_all": [3], "kind": "followup", "context": ["开公司要几天", "要钱吗"]}\n');
    expect(readQuestions(file)).toEqual([
      { id: "x1", q: "你好", expect: "greeting" },
      { id: "x2", q: "那注销呢", expect_all: [3], kind: "followup", context: ["开公司要几天", "要钱吗"] },
    ]);
  });

  it.each([
    ["不是JSON", "not a question line"],
    ["[1, 2]", "expected a JSON object"],
    ['{"q": "办电", "expect": [11]}', 'needs "id"'],
    ['{"id": 7, "q": "办电", "expect": [11]}', 'needs "id"'],
    ['{"id": "b", "expect": [11]}', 'needs "q"'],
    ['{"id": "b", "q": "办电"}', 'exactly one of "expect" and "expect_all"'],
    ['{"id": "b", "q": "办电", "expect": [11], "expect_all": [11]}', 'exactly one of "expect" and "expect_all"'],
    ['{"id": "b", "q": "办电", "expect": []}', '"expect" must be'],
    ['{"id": "b", "q": "办电", "expect": ["11"]}', '"expect" must be'],
    ['{"id": "b", "q": "办电", "expect": [0]}', '"expect" must be'],
    ['{"id": "b", "q": "办电", "expect": "nothing"}', '"expect" must be'],
    ['{"id": "b", "q": "办电", "expect_all": [2.5]}', '"expect_all" must be'],
    ['{"id": "b", "q": "办电", "expect": [11], "kind": ""}', '"kind" must be'],
    ['{"id": "b", "q": "办电", "expect": [11], "context": []}', '"context" must be'],
    ['{"id": "b", "q": "办电", "expect": [11], "context": ["开公司", 3]}', '"context" must be'],
    ['{"id": "b", "q": "办电", "expect": [11], "context": ["  "]}', '"context" must be'],
    ['{"id": "a", "q": "又是a", "expect": [11]}', 'id "a" is used twice'],
  ])("line 2 = %s → file:2 and %j", (line, message) => {
    const file = write("bad.jsonl", `{"id": "a", "q": "办电", "expect": [11]}\n${line}\n`);
    expect(() => readQuestions(file)).toThrow(`${file}:2: not a question line`);
    expect(() => readQuestions(file)).toThrow(message);
  });
});

describe("runEval", () => {
  /** Records every call; answers citing the number of words in the question so answers are told apart. */
  function recordingEngine() {
    const calls: Array<{ question: string; history: Turn[] | undefined }> = [];
    const engine: PolicyEngine = {
      async ask(question, history) {
        calls.push({ question, history: history && [...history] });
        const n = question.length;
        return { outcome: "answered", text: question, citations: [{ measure: n, title: "", departments: [] }], sections: [], related: [] } satisfies Answer;
      },
      measures: () => [],
      measure: () => undefined,
      measuresOf: () => undefined,
      documentTitle: () => "",
      documents: () => [],
      answerFrom: () => Promise.reject(new Error("not used")),
      explain: () => Promise.reject(new Error("not used")),
    };
    return { engine, calls };
  }

  it("asks the context questions first, each with the turns before it, and records only the last answer", async () => {
    const { engine, calls } = recordingEngine();
    const answers = await runEval(engine, [
      { id: "f1", q: "第三", expect: [2], context: ["一", "第二问"] },
      { id: "p1", q: "单独的问题", expect: [5] },
    ]);
    expect(calls.map((c) => [c.question, c.history?.map((t) => t.question)])).toEqual([
      ["一", []],
      ["第二问", ["一"]],
      ["第三", ["一", "第二问"]],
      ["单独的问题", []],
    ]);
    // The earlier turns carry the answers they got.
    expect(calls[2]!.history!.map((t) => t.answer.citations[0]!.measure)).toEqual([1, 3]);
    expect(answers.map(({ id, outcome, citations }) => ({ id, outcome, citations }))).toEqual([
      { id: "f1", outcome: "answered", citations: [2] },
      { id: "p1", outcome: "answered", citations: [5] },
    ]);
    for (const a of answers) expect(a.latency_ms).toBeGreaterThanOrEqual(0);
  });
});
