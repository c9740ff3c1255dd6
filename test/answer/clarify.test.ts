import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import { cited, openTestEngine, type TestEngine } from "./engine-fixture.js";

// Asking back instead of guessing, and answering the asker's pick (engine API for the bot and the terminal chat).
let t: TestEngine;
let engine: PolicyEngine;

beforeAll(async () => {
  t = await openTestEngine("kpb-clarify");
  engine = t.engine;
});
afterAll(() => t?.cleanup());

const offered = (a: Answer) => (a.choices ?? []).map((c) => c.measure);

function expectClarify(a: Answer) {
  expect(a.outcome).toBe("clarify");
  // Nothing is cited or quoted until the asker picks.
  expect(a.citations).toEqual([]);
  expect(a.sections).toEqual([]);
  expect(a.choices!.length).toBeGreaterThanOrEqual(2);
  expect(a.choices!.length).toBeLessThanOrEqual(3);
  for (const [i, c] of a.choices!.entries()) {
    const m = engine.measure(c.measure)!;
    // Title and departments as the corpus gives them; what it covers is the corpus's own words.
    expect(c.title).toBe(m.title);
    expect(c.departments).toEqual(m.departments);
    expect(c.covers.length).toBeGreaterThan(0);
    expect(m.text).toContain(c.covers.replace(/…$/, ""));
    expect(a.text).toContain(`${i + 1}. 第${c.measure}条`);
  }
}

describe("a bare term several measures hold in different senses is asked about", () => {
  it("贷款 → a choice per loan measure (credit loans, small-business loans, pledge loans)", async () => {
    const a = await engine.ask("贷款");
    expectClarify(a);
    expect(offered(a).sort()).toEqual([16, 18, 19]);
  });

  it("办证 → which licence or certificate", async () => {
    const a = await engine.ask("办证");
    expectClarify(a);
    expect(offered(a)).toEqual(expect.arrayContaining([1, 2]));
  });

  it("a bare term two measures hold as the very same words is answered from both, not asked about", async () => {
    const a = await engine.ask("电子证照");
    expect(a.outcome).toBe("answered");
    expect(cited(a).sort()).toEqual([2, 37]);
  });

  it("a bare term only one measure holds is answered", async () => {
    const a = await engine.ask("燃气");
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toEqual([14]);
  });
});

describe("close candidates that no measure clearly wins are asked about", () => {
  it("a specific thing none of them mentions (a tobacco licence: only 许可证 is found) is asked about, not answered", async () => {
    const a = await engine.ask("酒类零售许可证怎么领");
    expect(a.outcome).not.toBe("answered");
  });

  it("the reply says how to get a person when none of the choices fits", async () => {
    const a = await engine.ask("贷款");
    expect(a.text).toContain("转人工");
  });
});

describe("answerFrom: the asker's pick answers the original question", () => {
  it("answers from the chosen measure only, quoting it", async () => {
    const a = await engine.answerFrom("贷款", 18);
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toEqual([18]);
    expect(a.sections[0]!.sentences.join("")).toContain("贷款");
    expect(a.text).toContain("金融办、市人民银行、市银保监分局");
  });

  it("every choice of a clarify can be answered", async () => {
    const ask = await engine.ask("贷款");
    for (const n of offered(ask)) {
      const a = await engine.answerFrom("贷款", n);
      expect(cited(a)).toEqual([n]);
    }
  });

  it("a fact the chosen measure does not state is handed off with it as a pointer", async () => {
    const a = await engine.answerFrom("贷款利率是多少", 16);
    expect(a.outcome).toBe("handoff");
    expect(a.handoffReason).toBe("fact-missing");
    expect(a.related.map((c) => c.measure)).toEqual([16]);
  });

  it("a measure that does not exist is refused with the valid range, no ticket", async () => {
    const a = await engine.answerFrom("贷款", 99);
    expect(a.outcome).toBe("handoff");
    expect(a.handoffReason).toBe("unclear");
    expect(a.text).toContain("42条");
  });

  it("an English question picked from is answered in English", async () => {
    const a = await engine.answerFrom("loan", 19);
    expect(cited(a)).toEqual([19]);
    expect(a.text).toContain("Measure 19 (第19条)");
  });
});

describe("explain: the stage records say why", () => {
  it("a clarify's record names the close candidates and the reason", async () => {
    const { answer, record } = await engine.explain("贷款");
    expect(answer.outcome).toBe("clarify");
    expect(record.decision.kind).toBe("clarify");
    expect(record.assessed!.candidates.slice(0, 3).map((c) => c.measure.number).sort()).toEqual([16, 18, 19]);
    if (record.decision.kind === "clarify") expect(record.decision.why).toMatch(/bare term/);
  });
});
