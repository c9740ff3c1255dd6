import { describe, expect, it } from "vitest";
import { userQuestions, warmupQuestions } from "../../src/cli/bench/bot-load.js";
import type { BotLoadRun } from "../../src/cli/bench/report.js";
import { medianRun } from "../../src/cli/bench/run-bench.js";
import type { QuestionOutcome } from "../../src/cli/bench/children.js";
import type { EvalQuestion } from "../../src/cli/score.js";

const q = (id: string, text: string, context?: string[]): EvalQuestion => ({ id, q: text, expect: [1], kind: "inscope", ...(context ? { context } : {}) }) as EvalQuestion;
const outcome = (id: string, o: QuestionOutcome["outcome"], handoffReason: string | null = null): QuestionOutcome => ({ id, outcome: o, handoffReason });

describe("the bot load's plan", () => {
  const questions = [q("a", "开公司要几天"), q("b", "那注销呢", ["开公司要几天"]), q("c", "市住建局电话"), q("d", "小微企业办电要几天")];
  const outcomes = [outcome("a", "answered"), outcome("b", "answered"), outcome("c", "handoff", "not-in-policy"), outcome("d", "answered")];

  it("leaves follow-ups out, and only a user's last question may open a ticket", () => {
    const plan = userQuestions(questions, outcomes, 3, 3);
    expect(plan).toHaveLength(3);
    for (const texts of plan) {
      expect(texts).toHaveLength(3);
      expect(texts).not.toContain("那注销呢");
      expect(texts.slice(0, -1)).not.toContain("市住建局电话");
    }
    expect(plan.map((texts) => texts.at(-1))).toEqual(["开公司要几天", "市住建局电话", "小微企业办电要几天"]);
  });
});

describe("the bot load's warm-up and runs", () => {
  it("asks the same questions politely, English ones in English, keeping their ids", () => {
    const warm = warmupQuestions([q("a", "开公司要几天"), q("e", "How long does a water connection take?")]);
    expect(warm.map((w) => [w.id, w.q])).toEqual([
      ["a", "请问开公司要几天"],
      ["e", "Please, How long does a water connection take?"],
    ]);
  });

  it("reports the run with the median CPU per update, every run's beside it", () => {
    const run = (cpu: number, updatesPerSecond: number) => ({ botCpuMsPerUpdate: cpu, cpuMsPerUpdateRuns: [cpu], updatesPerSecond }) as BotLoadRun;
    const median = medianRun([run(1.3, 700), run(1.1, 900), run(1.2, 800)]);
    expect(median.botCpuMsPerUpdate).toBe(1.2);
    expect(median.updatesPerSecond).toBe(800);
    expect(median.cpuMsPerUpdateRuns).toEqual([1.3, 1.1, 1.2]);
  });
});
