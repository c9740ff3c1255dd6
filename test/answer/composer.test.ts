import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import { cited, measuresOf, openTestEngine, type TestEngine } from "./engine-fixture.js";

// What the extractive answers say: quoted passages only, with the corpus's citations.
let t: TestEngine;
let engine: PolicyEngine;

beforeAll(async () => {
  t = await openTestEngine("kpb-composer");
  engine = t.engine;
});
afterAll(() => t?.cleanup());

const GRID = "国网克拉玛依供电有限公司";

/** Citations and sections carry exactly what the corpus says about each measure. */
function expectFaithful(a: Answer) {
  expect(a.sections.map((s) => s.measure)).toEqual(cited(a));
  for (const c of a.citations) {
    const m = engine.measure(c.measure);
    expect(m, `measure ${c.measure} exists`).toBeDefined();
    expect(c.departments).toEqual(m!.departments);
    expect(c.title).toBe(m!.title);
    expect(a.text).toContain(`第${c.measure}条`);
    expect(a.text).toContain(m!.departments.join("、"));
  }
  for (const s of a.sections) {
    const text = engine.measure(s.measure)!.text;
    expect(s.sentences.length).toBeGreaterThan(0);
    for (const sentence of s.sentences) {
      // A passage cut at a comma is closed with 。; nothing else may differ from the corpus.
      const body = sentence.replace(/。$/, "");
      expect(text, `sentence of 第${s.measure}条 not in the corpus: ${sentence}`).toContain(body);
      expect(a.text).toContain(sentence);
    }
  }
}

describe("quoting", () => {
  const SMALL_BUSINESS_POWER = "个体户开店接电最快几天能通";

  it("quotes the sentences of measure 11 that answer, not the whole measure", async () => {
    const a = await engine.ask(SMALL_BUSINESS_POWER);
    expect(a.outcome).toBe("answered");
    expect(cited(a)[0]).toBe(11);
    expect(a.text).toContain("2日");
    const quoted = a.sections[0]!.sentences.join("");
    const measureText = engine.measure(11)!.text;
    expect(quoted).toContain("2日");
    expect(quoted.length).toBeLessThan(measureText.length / 2);
    expect(a.text.length).toBeLessThan(measureText.length);
  });

  it("cites measure 11 with its departments exactly as the corpus names them", async () => {
    const a = await engine.ask(SMALL_BUSINESS_POWER);
    expect(a.citations[0]).toEqual({ measure: 11, title: engine.measure(11)!.title, departments: [GRID, "市发改委"] });
    expect(a.text).toContain("第11条");
    expect(a.text).toContain(`${GRID}、市发改委`);
    expect(a.composer).toBe("extractive");
  });

  it.each([
    "小微企业办电要几天",
    "自来水报装多久能办好",
    "抵押登记几天",
    "政府采购电子招投标系统什么时候上线",
    "12345热线回访率要求",
    "注销企业要公示几天",
    "小型社会投资项目拿施工许可要多久",
    "开办企业要交多少费用",
    "证照分离涉及多少项许可事项",
    "僵尸企业怎么处理",
    "注销公司公示几天？不动产抵押登记又要几天？",
    "第15条",
    "第三十一条",
  ])("nothing in the answer to %s is outside the corpus", async (q) => {
    const a = await engine.ask(q);
    expect(a.outcome).toBe("answered");
    expectFaithful(a);
  });
});

describe("multi-part questions", () => {
  it.each([
    ["注销公司公示几天？不动产抵押登记又要几天？", [3, 15]],
    ["暖气报装几天？供水报装又要几天？", [13, 12]],
    ["小微企业办电几天，不动产抵押登记几天？", [11, 15]],
  ])("%s cites both measures, in this order", async (q, both) => {
    const a = await engine.ask(q);
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toEqual(both);
    expectFaithful(a);
  });

  // Starting a company and getting water: no electricity measure (接 alone is not a topic).
  it("开公司要几天？接自来水又要多久？ cites 1 then 12, in the question's order, not electricity", async () => {
    const a = await engine.ask("开公司要几天？接自来水又要多久？");
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toEqual([1, 12]);
    expectFaithful(a);
  });
});

describe("measure numbers", () => {
  it.each([
    ["第15条", 15],
    ["第三十一条", 31],
    ["措施42", 42],
    ["第 7 条", 7],
  ])("%s gives the whole measure", async (q, n) => {
    const a = await engine.ask(q);
    const m = engine.measure(n)!;
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toEqual([n]);
    expect(a.sections[0]!.sentences).toEqual(m.sentences);
    for (const sentence of m.sentences) expect(a.text).toContain(sentence);
    expect(a.text).toContain(m.departments.join("、"));
  });

  it("第43条 says there are 42 measures", async () => {
    const a = await engine.ask("第43条");
    expect(a.outcome).toBe("handoff");
    expect(a.handoffReason).toBe("unclear");
    expect(a.citations).toEqual([]);
    expect(engine.measures()).toHaveLength(42);
    expect(a.text).toContain("42条");
    expect(a.text).toContain("第43条");
  });

  it.each([
    ["第0条", "《措施》共42条，没有第0条。请输入1到42之间的条号，例如“第11条”。"],
    ["第43条", "《措施》共42条，没有第43条。请输入1到42之间的条号，例如“第11条”。"],
    ["第-1条", "《措施》共42条，没有第-1条。请输入1到42之间的条号，例如“第11条”。"],
    ["第4.5条", "“第4.5条”不是有效的条号：《措施》共42条，条号是1到42之间的整数。请输入条号，例如“第11条”，或直接描述您的问题。"],
  ])("%s asks again (no ticket), with the count from the corpus", async (q, text) => {
    const a = await engine.ask(q);
    expect(a).toEqual({ outcome: "handoff", text, citations: [], sections: [], related: [], handoffReason: "unclear" });
  });

  it("an existing and a missing number: answers the one, notes the other", async () => {
    const a = await engine.ask("第11条和第50条");
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toEqual([11]);
    expect(a.text).toContain("第50条");
    expect(a.text).toContain("42条");
  });
});

describe("department answers", () => {
  it("市财政局 → every measure naming it: 6, 7, 8, 10, 21, 22", async () => {
    const a = await engine.ask("市财政局负责哪些措施？");
    expect(a.outcome).toBe("answered");
    expect(cited(a)).toEqual([6, 7, 8, 10, 21, 22]);
    for (const n of [6, 7, 8, 10, 21, 22]) expect(a.text).toContain(`第${n}条`);
    expect(a.text).toContain("6条");
  });

  it("a short form (住建局) lists the full name's measures", async () => {
    const a = await engine.ask("住建局负责哪些？");
    expect(cited(a)).toEqual([5, 6, 10, 12, 13, 14]);
    expect(a.text).toContain("市住建局");
  });

  it("every department in the corpus: the answer lists exactly the measures naming it", async () => {
    const departments = [...new Set(engine.measures().flatMap((m) => m.departments))];
    expect(departments.length).toBeGreaterThan(10);
    for (const d of departments) {
      const a = await engine.ask(`${d}负责哪些措施？`);
      expect(a.outcome, d).toBe("answered");
      expect(cited(a), d).toEqual(measuresOf(engine.measures(), d));
      for (const c of a.citations) expect(c.departments, d).toEqual(engine.measure(c.measure)!.departments);
    }
  });
});
