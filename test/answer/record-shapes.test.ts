import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/run-command.js";
import { CORPUS_DIR, openTestEngine, type TestEngine } from "./engine-fixture.js";

// Each stage builds its record from the one before, and an answer its sections from citations. Node 20's V8 gives an object spread
// from another and then added to a new map (kind of object) every time; built from a template naming every field, or as one literal,
// every question's record is one kind (README, Performance). So are a question's words, read again as the scene, a setting or who
// asks, and a measure's match, read down. V8 tells only with --allow-natives-syntax: asked in a child process.
// (The last four have words read again as the scene, a setting, who asks, or shared by the parts: copies of question words.)
const QUESTIONS = ["小微企业接电要几天？", "开公司要几天？注销呢？", "没有抵押物能贷款吗", "施工许可证多久能拿到", "公证要带什么材料", "How long does it take to register a company?", "企业开办全流程收费吗", "水电气报装能一起办吗", "我是做装修的，听同行讲开公司两天就能办完，真的吗", "开个面馆要办哪些手续", "退休护士开诊所要几天", "新车间要接电也要接燃气，用电报装几天、燃气报装又几天"];
const CHILD = `
const { loadConfig } = await import(${JSON.stringify(path.join(REPO_ROOT, "dist/src/config.js"))});
const { openEngine } = await import(${JSON.stringify(path.join(REPO_ROOT, "dist/src/answer/open-engine.js"))});
const engine = await openEngine(loadConfig({ DATA_DIR: process.env.DATA_DIR, CORPUS_DIR: process.env.CORPUS_DIR }, { dotenvFile: false }), {});
const kinds = (objects) => { const seen = []; for (const o of objects) if (!seen.some((s) => %HaveSameMap(s, o))) seen.push(o); return seen.length; };
const explained = [];
for (const q of ${JSON.stringify(QUESTIONS)}) explained.push(await engine.explain(q), await engine.explain("那要花钱吗", [{ question: q, answer: { outcome: "answered", citations: [] } }]));
const assessed = explained.map((e) => e.record.assessed).filter(Boolean);
const sections = explained.flatMap((e) => e.answer.sections);
const words = assessed.flatMap((a) => [a.terms, ...a.partTerms].flatMap((t) => t.words));
const matches = assessed.flatMap((a) => a.candidates.map((c) => c.match));
console.log(JSON.stringify({ assessed: assessed.length, assessedKinds: kinds(assessed), sections: sections.length, sectionKinds: kinds(sections), words: words.length, wordKinds: kinds(words), matches: matches.length, matchKinds: kinds(matches) }));
`;

let t: TestEngine;
beforeAll(async () => {
  t = await openTestEngine("kpb-record-shapes");
});
afterAll(() => t?.cleanup());

describe("stage records, question words, matches and answer sections", () => {
  it("are a kind or two of object to V8 over many questions, not one per question", () => {
    const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", CHILD], { env: { ...process.env, DATA_DIR: t.dataDir, CORPUS_DIR }, encoding: "utf8" });
    const shapes = JSON.parse(out.trim().split("\n").at(-1)!) as Record<"assessed" | "assessedKinds" | "sections" | "sectionKinds" | "words" | "wordKinds" | "matches" | "matchKinds", number>;
    expect(shapes.assessed).toBeGreaterThan(10);
    expect(shapes.sections).toBeGreaterThan(10);
    expect(shapes.words).toBeGreaterThan(50);
    expect(shapes.matches).toBeGreaterThan(50);
    expect(shapes.assessedKinds).toBeLessThanOrEqual(2);
    expect(shapes.sectionKinds).toBeLessThanOrEqual(2);
    expect(shapes.wordKinds).toBeLessThanOrEqual(2);
    expect(shapes.matchKinds).toBeLessThanOrEqual(2);
  });
});
