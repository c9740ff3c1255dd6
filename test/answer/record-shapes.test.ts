import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/run-command.js";
import { CORPUS_DIR, openTestEngine, type TestEngine } from "./engine-fixture.js";

// Each stage builds its record from the one before, and an answer its sections from citations. Node 20's V8 gives an object spread
// from another and then added to a new map (kind of object) every time; built from a template naming every field, or as one literal,
// every question's record is one kind (README, Performance). V8 tells only with --allow-natives-syntax: asked in a child process.
const QUESTIONS = ["小微企业接电要几天？", "开公司要几天？注销呢？", "没有抵押物能贷款吗", "施工许可证多久能拿到", "公证要带什么材料", "How long does it take to register a company?", "企业开办全流程收费吗", "水电气报装能一起办吗"];
const CHILD = `
const { loadConfig } = await import(${JSON.stringify(path.join(REPO_ROOT, "dist/src/config.js"))});
const { openEngine } = await import(${JSON.stringify(path.join(REPO_ROOT, "dist/src/answer/open-engine.js"))});
const engine = await openEngine(loadConfig({ DATA_DIR: process.env.DATA_DIR, CORPUS_DIR: process.env.CORPUS_DIR }, { dotenvFile: false }), {});
const kinds = (objects) => { const seen = []; for (const o of objects) if (!seen.some((s) => %HaveSameMap(s, o))) seen.push(o); return seen.length; };
const explained = [];
for (const q of ${JSON.stringify(QUESTIONS)}) explained.push(await engine.explain(q), await engine.explain("那要花钱吗", [{ question: q, answer: { outcome: "answered", citations: [] } }]));
const assessed = explained.map((e) => e.record.assessed).filter(Boolean);
const sections = explained.flatMap((e) => e.answer.sections);
console.log(JSON.stringify({ assessed: assessed.length, assessedKinds: kinds(assessed), sections: sections.length, sectionKinds: kinds(sections) }));
`;

let t: TestEngine;
beforeAll(async () => {
  t = await openTestEngine("kpb-record-shapes");
});
afterAll(() => t?.cleanup());

describe("stage records and answer sections", () => {
  it("are a kind or two of object to V8 over many questions, not one per question", () => {
    const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", CHILD], { env: { ...process.env, DATA_DIR: t.dataDir, CORPUS_DIR }, encoding: "utf8" });
    const shapes = JSON.parse(out.trim().split("\n").at(-1)!) as { assessed: number; assessedKinds: number; sections: number; sectionKinds: number };
    expect(shapes.assessed).toBeGreaterThan(10);
    expect(shapes.sections).toBeGreaterThan(10);
    expect(shapes.assessedKinds).toBeLessThanOrEqual(2);
    expect(shapes.sectionKinds).toBeLessThanOrEqual(2);
  });
});
