import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT as REPO, runCommand, type Run } from "../support/run-command.js";
import { loadConfig } from "../../src/config.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { readQuestions } from "../../src/cli/eval.js";
import { score, type EvalAnswer, type EvalQuestion } from "../../src/cli/score.js";

// `npm run eval` against ../shared/eval: its answer lines and its summary, which must equal score.py's.
const DEV = path.resolve(REPO, "../shared/eval/dev.jsonl");
const SCORE_PY = path.resolve(REPO, "../shared/eval/score.py");
const SPAWN_TIMEOUT = 60_000;
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;
const METRICS = ["top1", "hit3", "precision", "set_recall", "set_precision", "none_ok", "greeting_ok", "english_top1"] as const;

let dataDir: string;



const evalCli = (...args: string[]) => runCommand("npm", ["run", "--silent", "eval", "--", ...args], { env: { DATA_DIR: dataDir } });
const scorePy = (questions: string, answers: string) => runCommand("python3", [SCORE_PY, questions, answers]);

const lines = (text: string) => text.split("\n").filter((l) => l.trim());

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "kpb-eval-cli-"));
  await openEngine(loadConfig({ DATA_DIR: dataDir }, { dotenvFile: false }));
}, SPAWN_TIMEOUT);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm run eval on the dev set", () => {
  let json: Run;
  let summary: Run;
  const questions = readQuestions(DEV);

  beforeAll(async () => {
    [json, summary] = await Promise.all([evalCli("--file", DEV, "--json"), evalCli("--file", DEV)]);
  }, 2 * SPAWN_TIMEOUT);

  it("--json prints one answer line per question, in order, with id/outcome/citations/latency_ms", () => {
    expect(json.code).toBe(0);
    expect(json.stderr).not.toMatch(STACK_FRAME);
    const answers = lines(json.stdout).map((l) => JSON.parse(l) as EvalAnswer);
    expect(answers).toHaveLength(questions.length);
    expect(answers.map((a) => a.id)).toEqual(questions.map((q) => q.id));
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual(["citations", "id", "latency_ms", "outcome"]);
      expect(["answered", "handoff", "smalltalk"]).toContain(a.outcome);
      expect(Array.isArray(a.citations)).toBe(true);
      for (const c of a.citations) expect(Number.isInteger(c) && c >= 1 && c <= 42).toBe(true);
      if (a.outcome !== "answered") expect(a.citations).toEqual([]);
      expect(typeof a.latency_ms).toBe("number");
      expect(a.latency_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it("the summary equals score.py's metrics on the --json output", async () => {
    expect(summary.code).toBe(0);
    const [first, second] = lines(summary.stdout);
    const ours = JSON.parse(first!) as Record<string, unknown>;
    expect(second).toMatch(new RegExp(`^${questions.length} questions, median [\\d.]+ ms$`));

    const answersFile = path.join(dataDir, "answers.jsonl");
    writeFileSync(answersFile, json.stdout);
    const py = await scorePy(DEV, answersFile);
    expect(py.code, py.stderr).toBe(0);
    const theirs = JSON.parse(py.stdout) as Record<string, unknown>;
    for (const k of METRICS) expect(ours[k], k).toEqual(theirs[k]);
    expect(ours.n).toEqual(theirs.n);
    expect(ours.missing).toBe(0);
    expect(theirs.missing).toBe(0);
    // The same numbers computed in-process from the same answers.
    const answers = lines(json.stdout).map((l) => JSON.parse(l) as EvalAnswer);
    expect(score(questions, answers)).toEqual(theirs);
  }, SPAWN_TIMEOUT);
});

describe("npm run eval: mistakes", () => {
  it(
    "no --file → exit 2 with the usage",
    async () => {
      const r = await evalCli("--json");
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--file");
      expect(r.stderr).toContain("usage:");
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stdout).toBe("");
    },
    SPAWN_TIMEOUT,
  );

  it(
    "a malformed question file → exit 1 naming file:line",
    async () => {
      const file = path.join(dataDir, "broken.jsonl");
      writeFileSync(file, ['{"id": "a1", "q": "小微企业办电要几天", "expect": [11]}', "", '{"id": "a2", "q": 不是JSON}', ""].join("\n"));
      const r = await evalCli("--file", file);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file}:3`);
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stdout).toBe("");
    },
    SPAWN_TIMEOUT,
  );
});

describe("readQuestions", () => {
  it("skips blank lines and names the file and line of a bad one", () => {
    const file = path.join(dataDir, "questions.jsonl");
    writeFileSync(file, '\n{"id": "x1", "q": "你好", "expect": "greeting"}\r\n\n{"id": 7, "q": "id is a number"}\n');
    expect(() => readQuestions(file)).toThrow(`${file}:4`);
    writeFileSync(file, '\n{"id": "x1", "q": "你好", "expect": "greeting"}\r\n');
    expect(readQuestions(file)).toEqual([{ id: "x1", q: "你好", expect: "greeting" }]);
  });
});

describe("score (src/cli/score.ts)", () => {
  const questions: EvalQuestion[] = [
    { id: "a", q: "", expect: [11], kind: "inscope" },
    { id: "b", q: "", expect: [12, 13], kind: "inscope" },
    { id: "c", q: "", expect: [1], kind: "inscope" },
    { id: "d", q: "", expect_all: [6, 7, 8], kind: "department" },
    { id: "e", q: "", expect: "none", kind: "oos" },
    { id: "f", q: "", expect: "none", kind: "oos" },
    { id: "g", q: "", expect: "greeting", kind: "adversarial" },
    { id: "h", q: "", expect: [3], kind: "english" },
    { id: "i", q: "", expect: "escalate", kind: "oos" },
  ];
  const answers: EvalAnswer[] = [
    { id: "a", outcome: "answered", citations: [11, 5] }, // top1, hit3, precision 1/2
    { id: "b", outcome: "answered", citations: [4, 13, 9] }, // hit3 only, precision 1/3
    { id: "c", outcome: "handoff", citations: [1] }, // not answered: its citations do not count
    { id: "d", outcome: "answered", citations: [6, 7, 9, 10] }, // recall 2/3, precision 2/4
    { id: "e", outcome: "handoff", citations: [] }, // none ok
    { id: "f", outcome: "answered", citations: [2] }, // answered an unanswerable question
    { id: "g", outcome: "smalltalk", citations: [] },
    { id: "h", outcome: "answered", citations: [3] }, // English counts apart from top1
    // "i" has no answer: missing, and counts as not answered
  ];

  it("computes every metric as score.py defines it", () => {
    expect(score(questions, answers)).toEqual({
      top1: 0.333, // 1 of 3
      hit3: 0.667, // 2 of 3
      precision: 0.278, // (1/2 + 1/3 + 0) / 3
      set_recall: 0.667,
      set_precision: 0.5,
      none_ok: 0.667, // e ok, f not, i (missing) ok
      greeting_ok: 1,
      english_top1: 1,
      missing: 1,
      n: { top1: 3, hit3: 3, precision: 3, set_recall: 1, set_precision: 1, none_ok: 3, greeting_ok: 1, english_top1: 1 },
    });
  });

  it("an empty set gives null metrics, like score.py's None", () => {
    const s = score([], []);
    for (const k of METRICS) expect(s[k]).toBeNull();
    expect(s.missing).toBe(0);
  });

  it("an answered department question with no citations scores 0 set_precision", () => {
    const s = score([{ id: "d", q: "", expect_all: [1] }], [{ id: "d", outcome: "answered", citations: [] }]);
    expect(s.set_recall).toBe(0);
    expect(s.set_precision).toBe(0);
  });

  it("score.py agrees on the hand-made case", async () => {
    const qFile = path.join(dataDir, "tiny-q.jsonl");
    const aFile = path.join(dataDir, "tiny-a.jsonl");
    writeFileSync(qFile, questions.map((q) => JSON.stringify(q)).join("\n"));
    writeFileSync(aFile, answers.map((a) => JSON.stringify(a)).join("\n"));
    const py = await scorePy(qFile, aFile);
    expect(py.code, py.stderr).toBe(0);
    expect(score(questions, answers)).toEqual(JSON.parse(py.stdout));
  }, SPAWN_TIMEOUT);

  describe("rounding when the mean is not exactly representable (71 of 80 correct)", () => {
    const qs: EvalQuestion[] = Array.from({ length: 80 }, (_, i) => ({ id: `q${i}`, q: "", expect: [1] }));
    const as: EvalAnswer[] = qs.map((q, i) => ({ id: q.id, outcome: "answered", citations: [i < 71 ? 1 : 2] }));

    it("score.py says 0.887", async () => {
      const qFile = path.join(dataDir, "round-q.jsonl");
      const aFile = path.join(dataDir, "round-a.jsonl");
      writeFileSync(qFile, qs.map((q) => JSON.stringify(q)).join("\n"));
      writeFileSync(aFile, as.map((a) => JSON.stringify(a)).join("\n"));
      const py = await scorePy(qFile, aFile);
      expect(py.code, py.stderr).toBe(0);
      expect((JSON.parse(py.stdout) as { top1: number }).top1).toBe(0.887);
    }, SPAWN_TIMEOUT);

    // Python's round(0.8875, 3) is 0.887: the double nearest 0.8875 lies just below it.
    it("score.ts says the same", () => {
      expect(score(qs, as).top1).toBe(0.887);
    });
  });
});
