/**
 * Serving approved FAQ entries through the engine, with the real policy engine (built once for the
 * file) and the matching threshold measured on the paraphrase sets in eval/.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { openServedEngine, type EngineText } from "../../src/answer/open-engine.js";
import { loadConfig } from "../../src/config.js";
import { atThreshold, readCalibrationSet, runTrials } from "../../src/faq/calibrate.js";
import { FaqAnsweringEngine } from "../../src/faq/engine.js";
import { FaqLibrary } from "../../src/faq/library.js";
import { FAQ_MATCH_THRESHOLD } from "../../src/faq/matcher.js";
import { FaqService, type ImportRow } from "../../src/faq/service.js";
import { formatDate } from "../../src/faq/strings.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const maintainer = { id: "cli:alice", name: "alice" };

let tmpRoot: string;
let policy: PolicyEngine;
let text: EngineText;
let dir: string;
let faq: FaqService;
let warnings: string[];
let clock: number;

beforeAll(async () => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "faq-engine-"));
  ({ engine: policy, text } = await openServedEngine(loadConfig({ DATA_DIR: path.join(tmpRoot, "engine"), CORPUS_DIR: path.join(REPO, "corpus") }, { dotenvFile: false })));
});

afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(tmpRoot, "data-"));
  clock = Date.UTC(2026, 10, 30, 4);
  warnings = [];
  faq = FaqService.open({ dataDir: dir, corpus: policy, now: () => clock });
});

afterEach(async () => {
  await faq.close();
});

function served(): { engine: FaqAnsweringEngine; library: FaqLibrary } {
  const library = new FaqLibrary(faq, text, { refreshMs: 0, now: () => clock, onWarning: (m) => warnings.push(m) });
  return { engine: new FaqAnsweringEngine(policy, library), library };
}

const row = (questions: string[], answer: string, measures: number[] = [], status: ImportRow["status"] = "approved"): ImportRow => ({ line: 2, questions, answer, measures, status });

describe("the match threshold, measured on paraphrases", () => {
  it("on the tuning set: no false or wrong match at the threshold, and 17 of 42 paraphrases matched", () => {
    const r = atThreshold(runTrials(readCalibrationSet(path.join(REPO, "eval/faq-paraphrases.jsonl")), text), FAQ_MATCH_THRESHOLD);
    expect({ wrong: r.wrongEntry, falseMatches: r.falseMatches, correct: r.correct }).toEqual({ wrong: 0, falseMatches: 0, correct: 17 });
  });

  it("on the held-out set (measured, never tuned on): precision at least 0.9, and some paraphrases matched", () => {
    const r = atThreshold(runTrials(readCalibrationSet(path.join(REPO, "eval/faq-paraphrases-held-out.jsonl")), text), FAQ_MATCH_THRESHOLD);
    expect(r.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.recall).toBeGreaterThanOrEqual(0.25);
  });
});

describe("serving approved entries", () => {
  it("answers the question and a paraphrase with the staff answer, labelled with its approval date, and the related measures from the corpus", async () => {
    await faq.importEntries([row(["市住建局的联系电话是多少"], "市住建局咨询电话 0990-6888888", [12])], maintainer);
    const { engine } = served();
    for (const q of ["市住建局的联系电话是多少", "住房和城乡建设局的咨询电话"]) {
      const a = await engine.ask(q);
      expect(a).toMatchObject({ outcome: "answered", source: "faq", faq: { entryId: 1, kind: "answer", approvedAt: clock, answer: "市住建局咨询电话 0990-6888888" } });
      expect(a.citations).toEqual([{ measure: 12, title: policy.measure(12)!.title, departments: policy.measure(12)!.departments }]);
      expect(a.text.split("\n")[0]).toBe(`【工作人员答复（${formatDate(clock)} 审核）】`);
      expect(a.text).toContain(`第12条 ${policy.measure(12)!.title}（负责部门：${policy.measure(12)!.departments.join("、")}）`);
    }
    expect((await faq.get(1))?.hits).toBe(2);
  });

  it("does not answer a near-miss or an unrelated question from it", async () => {
    await faq.importEntries([row(["市住建局的联系电话是多少"], "0990-6888888")], maintainer);
    const { engine } = served();
    for (const q of ["市住建局的办公地址在哪里", "政务服务中心的电话是多少", "今天天气怎么样"]) {
      const a = await engine.ask(q);
      expect(a.source).toBeUndefined();
      expect(a).toEqual(await policy.ask(q));
    }
    expect((await faq.get(1))?.hits).toBe(0);
  });

  it("a policy answer covering the question at least as well wins; one covering it less loses to a closer entry", async () => {
    await faq.importEntries([row(["小微企业办电要几天"], "员工答复一"), row(["个体户办电要跑几趟"], "一趟都不用跑，可网上申请。")], maintainer);
    const { engine } = served();
    const policyAnswer = await policy.ask("小微企业办电要几天");
    expect(policyAnswer.coverage).toBe(1);
    expect(await engine.ask("小微企业办电要几天")).toEqual(policyAnswer);
    const partial = await policy.ask("个体户办电要跑几趟");
    expect(partial).toMatchObject({ outcome: "answered" });
    expect(partial.coverage).toBeLessThan(1);
    expect(await engine.ask("个体户办电要跑几趟")).toMatchObject({ source: "faq", faq: { entryId: 2 } });
  });

  it("never replaces small talk, a request for a person, or an answer by measure number or department", async () => {
    await faq.importEntries([row(["你好"], "x"), row(["第11条"], "x"), row(["市住建局负责哪些措施"], "x"), row(["我要找人工"], "x")], maintainer);
    const { engine } = served();
    for (const q of ["你好", "第11条", "市住建局负责哪些措施", "我要找人工"]) expect(await engine.ask(q)).toEqual(await policy.ask(q));
  });

  it("an out-of-scope entry gives the canned reply (a handoff the front ends do not ticket), never the staff text", async () => {
    await faq.importEntries([row(["克拉玛依今天天气怎么样"], "staff text that must not show", [], "out-of-scope")], maintainer);
    const { engine } = served();
    const a = await engine.ask("今天天气怎么样？");
    expect(a).toMatchObject({ outcome: "handoff", handoffReason: "out-of-scope", source: "faq", faq: { entryId: 1, kind: "out-of-scope" } });
    expect(a.text).toMatch(/不在《措施》的范围内/);
    expect(a.text).not.toContain("staff text");
  });

  it("serves nothing pending or rejected; an approval made by another process is served without a restart", async () => {
    const other = FaqService.open({ dataDir: dir, corpus: policy, now: () => clock });
    try {
      await other.fileCandidate({
        source: { ticketId: 1, replyEventId: 5, staff: { id: "staff:1", name: "王五" }, answeredAt: clock, candidates: [] },
        question: "政务服务中心周末上班吗",
        answer: "周六上午 10:00–14:00 有值班窗口。",
      });
      const { engine } = served();
      expect((await engine.ask("政务服务中心周末上班吗")).source).toBeUndefined();
      await other.review(1, "reject", maintainer);
      expect((await engine.ask("政务服务中心周末上班吗")).source).toBeUndefined();
      await other.review(1, "approve", maintainer);
      expect(await engine.ask("政务服务中心周末上班吗")).toMatchObject({ source: "faq", faq: { entryId: 1 } });
    } finally {
      await other.close();
    }
  });

  it("looks at the store at most every refreshMs", async () => {
    const library = new FaqLibrary(faq, text, { refreshMs: 2_000, now: () => clock });
    const engine = new FaqAnsweringEngine(policy, library);
    expect((await engine.ask("政务服务中心周末上班吗")).source).toBeUndefined();
    await faq.importEntries([row(["政务服务中心周末上班吗"], "周六上午值班")], maintainer);
    clock += 1_000;
    expect((await engine.ask("政务服务中心周末上班吗")).source).toBeUndefined();
    clock += 1_000;
    expect((await engine.ask("政务服务中心周末上班吗")).source).toBe("faq");
  });

  it("keeps serving what it loaded when the FAQ database cannot be read, and says so once", async () => {
    await faq.importEntries([row(["政务服务中心周末上班吗"], "周六上午值班")], maintainer);
    const { engine } = served();
    expect((await engine.ask("政务服务中心周末上班吗")).source).toBe("faq");
    const version = vi.spyOn(faq, "servingVersion").mockRejectedValue(new Error("FAQ database: disk I/O error (SQLITE_IOERR)"));
    expect((await engine.ask("政务服务中心周末上班吗")).source).toBe("faq");
    expect((await engine.ask("小微企业办电要几天")).citations[0]?.measure).toBe(11);
    expect(warnings).toEqual(["could not read the FAQ database: serving the FAQ entries loaded before"]);
    version.mockRestore();
    await engine.ask("市住建局的电话是多少");
    expect(warnings.at(-1)).toBe("FAQ database readable again: approved FAQ entries are served");
  });
});
