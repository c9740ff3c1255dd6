/**
 * Two policy documents side by side: the real 2022 set and a small made-up 2023 test document
 * (test/fixtures/test-2023-second-document.txt, not real policy) that numbers its measures from 1
 * again and revises one 2022 measure (供水报装 in 8 instead of 12 working days).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { Documents } from "../../src/answer/documents.js";
import { checkReply } from "../../src/answer/guard.js";
import type { Assessed, Candidate } from "../../src/answer/record.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { citedOrOffered } from "../../src/cli/eval.js";
import { score } from "../../src/cli/score.js";
import { loadConfig } from "../../src/config.js";
import { loadCorpus } from "../../src/policy/corpus.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SECOND_DOCUMENT = path.join(REPO, "test/fixtures/test-2023-second-document.txt");
const KEY_2022 = "karamay-2022-business-environment-42-measures";
const KEY_2023 = "test-2023-second-document";
const TITLE_2022 = "2022年优化营商环境提升服务效能42项措施";
const TITLE_2023 = "2023年优化营商环境测试措施";

let root: string;
let engine: PolicyEngine;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "two-documents-"));
  fs.cpSync(path.join(REPO, "corpus"), path.join(root, "corpus"), { recursive: true });
  fs.copyFileSync(SECOND_DOCUMENT, path.join(root, "corpus/policy", path.basename(SECOND_DOCUMENT)));
  engine = await openEngine(loadConfig({ DATA_DIR: path.join(root, "data"), CORPUS_DIR: path.join(root, "corpus") }, { dotenvFile: false }), { log: () => undefined });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const cited = (a: { citations: Array<{ measure: number; document?: { key: string } }> }) => a.citations.map((c) => `${c.document?.key ?? "-"}#${c.measure}`);

describe("a corpus of two documents", () => {
  it("loads both; measure numbers repeat across documents, each measure carries its document's key", () => {
    const corpus = loadCorpus(path.join(root, "corpus"));
    expect(corpus.documents.map((d) => [d.key, d.title, d.year, d.measures.length])).toEqual([
      [KEY_2022, TITLE_2022, 2022, 42],
      [KEY_2023, TITLE_2023, 2023, 3],
    ]);
    expect(corpus.measures.filter((m) => m.number === 1).map((m) => m.doc)).toEqual([KEY_2022, KEY_2023]);
    expect(engine.documents()).toEqual([
      { key: KEY_2022, title: TITLE_2022, year: 2022 },
      { key: KEY_2023, title: TITLE_2023, year: 2023 },
    ]);
  });

  it("第2条 means the current (latest) document's, and the answer names it", async () => {
    const a = await engine.ask("第2条");
    expect(cited(a)).toEqual([`${KEY_2023}#2`]);
    expect(a.text).toContain(`根据《${TITLE_2023}》：`);
    expect(a.text).toContain(`《${TITLE_2023}》第2条 推行夜市摊位线上登记`);
    expect(a.citations[0]!.document).toEqual({ key: KEY_2023, title: TITLE_2023, year: 2023 });
  });

  it("最后一条 with two documents names no measure (which document's is not said)", async () => {
    const { record } = await engine.explain("最后一条讲什么");
    expect(record.understood.intent.kind).toBe("question");
  });

  it("a question naming a year means that year's document: 2022年第2条", async () => {
    const a = await engine.ask("2022年的第2条是什么");
    expect(cited(a)).toEqual([`${KEY_2022}#2`]);
    expect(a.text).toContain(`《${TITLE_2022}》第2条`);
  });

  it("第40条 exists only in 2022: taken from there, named; 2023年第40条 does not exist and says so for that document", async () => {
    expect(cited(await engine.ask("第40条"))).toEqual([`${KEY_2022}#40`]);
    const none = await engine.ask("2023年第40条");
    expect(none.outcome).toBe("handoff");
    expect(none.handoffReason).toBe("unclear");
    expect(none.text).toBe(`《${TITLE_2023}》共3条，没有第40条。请输入1到3之间的条号，例如“第1条”。`);
    expect((await engine.ask("第50条")).text).toContain(`《${TITLE_2023}》共3条，《${TITLE_2022}》共42条，都没有第50条`);
  });

  it("a search answer prefers the current document's measure; naming 2022 gives 2022's alone", async () => {
    const now = await engine.ask("供水报装要几天");
    expect(cited(now)[0]).toBe(`${KEY_2023}#1`);
    expect(now.text).toContain("8个工作日");
    const then = await engine.ask("2022年供水报装要几天");
    expect(cited(then)).toEqual([`${KEY_2022}#12`]);
    expect(then.text).toContain("12个工作日");
    expect(then.text).not.toContain("8个工作日");
  });

  it("a topic only the 2023 document has is answered from it", async () => {
    expect(cited(await engine.ask("夜市摆摊怎么登记摊位"))).toEqual([`${KEY_2023}#2`]);
  });

  it("a department's listing spans the documents and names each measure's", async () => {
    const a = await engine.ask("市住建局负责哪些措施");
    expect(cited(a)).toContain(`${KEY_2022}#12`);
    expect(cited(a)).toContain(`${KEY_2023}#1`);
    expect(a.text).toContain(`《${TITLE_2023}》第1条 压缩供水报装时间（市住建局）`);
    expect(a.text).toContain(`《${TITLE_2022}》第12条`);
  });

  it("measure(n) reads a bare number as the current document's (else the latest that has it); a key picks the document", () => {
    expect(engine.measure(2)?.doc).toBe(KEY_2023);
    expect(engine.measure(2, KEY_2022)?.title).toBe("深化“证照分离”改革");
    expect(engine.measure(40)?.doc).toBe(KEY_2022);
    expect(engine.measure(40, KEY_2023)).toBeUndefined();
    expect(engine.measure(1, "no-such-document")).toBeUndefined();
  });

  it("answerFrom answers from the document's measure asked for", async () => {
    const a = await engine.answerFrom("供水报装要几天", 12, KEY_2022);
    expect(cited(a)).toEqual([`${KEY_2022}#12`]);
    const b = await engine.answerFrom("供水报装要几天", 1, KEY_2023);
    expect(cited(b)).toEqual([`${KEY_2023}#1`]);
  });

  it("a follow-up picking the second measure cited picks it with its document", async () => {
    // Its second citation is 2022's 第3条, and 2023 has a 第3条 too: a bare number would pick that one.
    const first = await engine.ask("登记要几天");
    expect(first.citations.length).toBeGreaterThan(1);
    const second = first.citations[1]!;
    expect(second).toMatchObject({ measure: 3, document: { key: KEY_2022 } });
    const pick = await engine.ask("第二个呢", [{ question: "登记要几天", answer: first }]);
    expect(cited(pick)).toEqual([`${second.document!.key}#${second.measure}`]);
  });

  it("evaluation answer lines name the document ('key#n'); an expected bare number matches it in any document", async () => {
    const a = await engine.ask("第2条");
    expect(citedOrOffered(a)).toEqual([`${KEY_2023}#2`]);
    const answers = [{ id: "q", outcome: "answered" as const, citations: citedOrOffered(a) }];
    expect(score([{ id: "q", q: "第2条", expect: [`${KEY_2023}#2`] }], answers).top1).toBe(1);
    expect(score([{ id: "q", q: "第2条", expect: [`${KEY_2022}#2`] }], answers).top1).toBe(0);
    expect(score([{ id: "q", q: "第2条", expect: [2] }], answers).top1).toBe(1);
  });

  it("the LLM guard refuses a bare number two documents it was shown share", () => {
    const measures = loadCorpus(path.join(root, "corpus")).measures;
    const twelve = measures.find((m) => m.number === 1 && m.doc === KEY_2023)!;
    const one = measures.find((m) => m.number === 1 && m.doc === KEY_2022)!;
    const verdict = checkReply({ answerable: true, answer: "供水报装8个工作日以内办结。", citations: [1] }, { retrieved: [twelve, one], departmentNames: new Map(), systemPrompt: "" });
    expect(verdict).toEqual({ ok: false, reason: "it cites 第1条, which more than one of the documents it was given has" });
    expect(checkReply({ answerable: true, answer: "供水报装8个工作日以内办结。", citations: [1] }, { retrieved: [twelve], departmentNames: new Map(), systemPrompt: "" }).ok).toBe(true);
  });

  it("of two near-equal candidates, the current document's goes first; with one document nothing is reordered", () => {
    const corpus = loadCorpus(path.join(root, "corpus"));
    const docs = new Documents(corpus.documents.map(({ key, title, year }) => ({ key, title, year })), corpus.measures);
    const old = corpus.measures.find((m) => m.doc === KEY_2022 && m.number === 12)!;
    const current = corpus.measures.find((m) => m.doc === KEY_2023 && m.number === 1)!;
    const candidate = (measure: typeof old, score: number) => ({ measure, score }) as unknown as Candidate;
    const assessed = (text: string) => ({ text, candidates: [candidate(old, 0.8), candidate(current, 0.78)] }) as unknown as Assessed;
    expect(docs.prefer(assessed("供水报装要几天")).candidates.map((c) => c.measure)).toEqual([current, old]);
    expect(docs.prefer(assessed("2022年供水报装要几天")).candidates.map((c) => c.measure)).toEqual([old]);
    const single = new Documents([{ key: KEY_2022, title: TITLE_2022, year: 2022 }], corpus.measures.filter((m) => m.doc === KEY_2022));
    const a = assessed("供水报装要几天");
    expect(single.prefer(a)).toBe(a);
  });
});
