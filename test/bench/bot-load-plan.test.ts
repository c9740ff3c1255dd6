import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { distinctTexts, planUsers, warmupPool, type AskedText } from "../../src/cli/bench/bot-texts.js";
import type { BotLoadRun } from "../../src/cli/bench/report.js";
import { medianRun } from "../../src/cli/bench/run-bench.js";

const asked = (text: string, outcome: AskedText["outcome"] = "answered", handoffReason: string | null = null): AskedText => ({ text, outcome, handoffReason });

describe("the bot load's texts", () => {
  it("are the files' distinct questions, follow-ups left out, in an order the seed sets", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bot-texts-"));
    try {
      const write = (name: string, qs: object[]) => fs.writeFileSync(path.join(dir, name), qs.map((q) => JSON.stringify(q)).join("\n"));
      write("a.jsonl", [
        { id: "a1", q: "开公司要几天", expect: [1], kind: "inscope" },
        { id: "a2", q: "那注销呢", context: ["开公司要几天"], expect: [1], kind: "inscope" },
      ]);
      write("b.jsonl", [
        { id: "a1", q: "开公司要几天", expect: [1], kind: "inscope" },
        { id: "b2", q: "市住建局电话", expect: "none", kind: "oos" },
        { id: "b3", q: "小微企业办电要几天", expect: [11], kind: "inscope" },
      ]);
      const files = ["a.jsonl", "b.jsonl"].map((f) => path.join(dir, f));
      const texts = distinctTexts(files, 7);
      expect([...texts].sort()).toEqual(["小微企业办电要几天", "市住建局电话", "开公司要几天"].sort());
      expect(distinctTexts(files, 7)).toEqual(texts);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const pool = [asked("开公司要几天"), asked("市住建局电话", "handoff", "not-in-policy"), asked("小微企业办电要几天"), asked("我想注销公司", "clarify"), asked("你好", "smalltalk"), asked("明天下雪吗", "handoff", "not-in-policy"), asked("供水报装多久")];

  it("gives each text to one user only, and only a user's last question may open a ticket", () => {
    const { plan, unused } = planUsers(pool, 3, 2);
    expect(plan).toEqual([
      ["开公司要几天", "市住建局电话"],
      ["小微企业办电要几天", "我想注销公司"],
      ["你好", "明天下雪吗"],
    ]);
    expect(unused.map((t) => t.text)).toEqual(["供水报装多久"]);
  });

  it("says so when the pool has too few texts for the load", () => {
    expect(() => planUsers(pool, 4, 2)).toThrow(/more distinct texts than the 7 of the pool/);
  });

  it("warms up on the texts left, then on every text asked politely, English in English: never a measured text", () => {
    const withEnglish = [...pool, asked("How long does a water connection take?")];
    const { plan, unused } = planUsers(withEnglish, 2, 2);
    const warm = warmupPool(withEnglish, unused);
    expect(warm.slice(0, unused.length)).toEqual(unused);
    expect(warm.map((t) => t.text)).toContain("请问开公司要几天");
    expect(warm.map((t) => t.text)).toContain("Please, How long does a water connection take?");
    const measured = new Set(plan.flat());
    expect(planUsers(warm, 6, 2).plan.flat().some((t) => measured.has(t))).toBe(false);
  });
});

describe("the bot load's runs", () => {
  it("reports the run with the median CPU per update, every run's beside it", () => {
    const run = (cpu: number, updatesPerSecond: number) => ({ botCpuMsPerUpdate: cpu, cpuMsPerUpdateRuns: [cpu], updatesPerSecond }) as BotLoadRun;
    const median = medianRun([run(1.3, 700), run(1.1, 900), run(1.2, 800)]);
    expect(median.botCpuMsPerUpdate).toBe(1.2);
    expect(median.updatesPerSecond).toBe(800);
    expect(median.cpuMsPerUpdateRuns).toEqual([1.3, 1.1, 1.2]);
  });
});
