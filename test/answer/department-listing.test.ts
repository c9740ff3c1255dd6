/**
 * Department answers on a corpus where a department names far more than 20 measures (a synthetic
 * corpus of 400, the 42 real measures inside): the 20 most relevant to the question, and the total.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { generateSyntheticCorpus, writeCorpusDir } from "../../src/cli/bench/synthetic-corpus.js";
import { loadConfig } from "../../src/config.js";
import { CORPUS_DIR, cited } from "./engine-fixture.js";

let root: string;
let engine: PolicyEngine;
const DEPARTMENT = "市住建局";

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "department-listing-"));
  const policy = fs.readdirSync(path.join(CORPUS_DIR, "policy")).find((f) => f.endsWith(".txt"))!;
  const synthetic = generateSyntheticCorpus(fs.readFileSync(path.join(CORPUS_DIR, "policy", policy), "utf8"), { measures: 400, seed: 7 });
  writeCorpusDir(path.join(root, "corpus"), synthetic.text, CORPUS_DIR);
  engine = await openEngine(loadConfig({ DATA_DIR: path.join(root, "data"), CORPUS_DIR: path.join(root, "corpus") }, { dotenvFile: false }), { log: () => undefined });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const naming = (department: string) => engine.measures().filter((m) => m.departments.includes(department));

describe("a department naming more than 20 measures", () => {
  it("the answer cites 20 of them and gives the total and how to see all", async () => {
    const all = naming(DEPARTMENT);
    expect(all.length).toBeGreaterThan(20);
    const a = await engine.ask("住建局负责哪些？");
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toHaveLength(20);
    for (const n of cited(a)) expect(engine.measure(n)!.departments).toContain(DEPARTMENT);
    expect(new Set(cited(a)).size).toBe(20);
    expect(a.listing).toEqual({ departments: [DEPARTMENT], total: all.length });
    expect(a.text).toContain(`共${all.length}条`);
    expect(a.text).toContain(`/measures ${DEPARTMENT}`);
    expect(a.text.split("\n").filter((l) => /^第\d+条/.test(l))).toHaveLength(20);
  });

  it("the 20 are the most relevant to what the question adds (供水 first)", async () => {
    const a = await engine.ask("住建局负责哪些供水报装的措施？");
    const first = engine.measure(cited(a)[0]!)!;
    expect(`${first.title}${first.text}`).toContain("供水");
    const mentioning = naming(DEPARTMENT).filter((m) => m.text.includes("供水报装")).length;
    // Every measure of the department mentioning 供水报装 comes before any that does not (up to 20).
    const flags = cited(a).map((n) => engine.measure(n)!.text.includes("供水报装"));
    expect(flags.slice(0, Math.min(20, mentioning)).every(Boolean)).toBe(true);
  });

  it("measuresOf resolves a short form and lists every measure in number order", () => {
    const listed = engine.measuresOf("住建局");
    expect(listed?.department).toBe(DEPARTMENT);
    expect(listed?.measures.map((m) => m.number)).toEqual(naming(DEPARTMENT).map((m) => m.number));
    expect(engine.measuresOf("不存在的局")).toBeUndefined();
  });
});
