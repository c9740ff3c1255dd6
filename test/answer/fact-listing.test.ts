import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { MAX_LISTED } from "../../src/answer/decide.js";
import { passagesOf } from "../../src/answer/extractive.js";
import { factListed, statesFact, statesFigure, type FactKind } from "../../src/answer/facts.js";
import type { Answer } from "../../src/answer/types.js";
import { cited, conversation, openTestEngine, type TestEngine } from "./engine-fixture.js";

/**
 * 哪几条写明了免费, 有具体天数的是哪几条, 哪几条给了截止日期: a list of measures asked by a kind of fact they state, not
 * by a topic, is every measure stating it, in number order. What each list must be is read from the corpus here, with
 * the fact kinds' own patterns (statesFact, statesFigure), never written down.
 */
let t: TestEngine;
let engine: PolicyEngine;

beforeAll(async () => {
  t = await openTestEngine("kpb-fact-listing");
  engine = t.engine;
});
afterAll(() => t?.cleanup());

/** The numbers of the measures, in order, one of whose passages passes the test. */
const stating = (test: (passage: string) => boolean): number[] =>
  engine
    .measures()
    .filter((m) => passagesOf(m).some(test))
    .map((m) => m.number);

const ofKind = (kind: FactKind) => (p: string) => statesFact(kind, p);
const withDuration = (p: string) => statesFact("time-limit", p) && statesFigure("duration", p);

/** Answered with the first of these measures quoted, each at a passage stating the fact, and a note naming all of them. */
async function expectListing(q: string, kind: FactKind, expected: number[], answer?: Answer): Promise<void> {
  // A list, of some measures and not all: else the question tells nothing apart.
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(engine.measures().length);
  const a = answer ?? (await engine.ask(q));
  expect(a.outcome, a.text).toBe("answered");
  expect(cited(a)).toEqual(expected.slice(0, MAX_LISTED));
  for (const s of a.sections) expect(s.sentences.some((p) => statesFact(kind, p)), `${s.measure}: ${s.sentences.join("")}`).toBe(true);
  expect(a.note).toContain(`共${expected.length}条`);
  expect(a.note).toContain(`第${expected.join("、")}条`);
}

describe("the reader: a kind of fact asked for, read from the words that name it", () => {
  it.each([
    ["哪些措施写明了不收费", "fee"],
    ["有哪些条款注明了免费", "fee"],
    ["哪几条是不要钱的", "fee"],
    ["哪几条规定了办理时限", "time-limit"],
    ["写了几天办完的是哪几条", "time-limit"],
    ["以工作日计算时限的有哪几条", "time-limit"],
    ["写了截止日期的措施有哪几条", "date"],
    ["哪几条有年底前完成的要求", "date"],
    ["哪几项措施给出了具体比例", "share"],
  ])("%s → %s", (q, kind) => {
    expect(factListed(q)?.kind).toBe(kind);
  });

  it("facts named together are one span (免费或者不收钱), so none of their words is read as a topic", () => {
    expect(factListed("哪几条明确写了免费或者不收钱")?.said).toEqual(["免费或者不收钱"]);
  });

  it("a number of days asks for a figure, a unit for that unit (以工作日计算), a bare time limit for neither", () => {
    expect(factListed("写了几天办完的是哪几条")).toMatchObject({ kind: "time-limit", figure: "duration" });
    expect(factListed("写了几天办完的是哪几条")?.unit).toBeUndefined();
    expect(factListed("以工作日计算时限的有哪几条")).toMatchObject({ kind: "time-limit", figure: "duration", unit: "工作日" });
    expect(factListed("哪几条规定了办理时限")?.figure).toBeUndefined();
  });

  it.each(["跟贷款有关的是哪几条", "哪几条提到了中小企业", "哪几条写了时限和收费"])("%s names no one kind of fact", (q) => {
    expect(factListed(q)).toBeUndefined();
  });
});

describe("a list asked by a kind of fact: every measure stating it, in number order", () => {
  it.each(["哪些措施写明了不收费", "有哪些条款注明了免费", "哪几条是不要钱的"])("%s: every measure stating a fee or none", async (q) => {
    await expectListing(q, "fee", stating(ofKind("fee")));
  });

  it.each(["写了截止日期的措施有哪几条", "哪几条有年底前完成的要求"])("%s: every measure dating what it does", async (q) => {
    await expectListing(q, "date", stating(ofKind("date")));
  });

  it("哪几项措施给出了具体比例: every measure stating a share", async () => {
    await expectListing("哪几项措施给出了具体比例", "share", stating(ofKind("share")));
  });

  it("写了几天办完的是哪几条: every measure stating a time limit as a figure (not 一次 or 年底)", async () => {
    const expected = stating(withDuration);
    expect(expected.length).toBeLessThan(stating(ofKind("time-limit")).length);
    await expectListing("写了几天办完的是哪几条", "time-limit", expected);
  });

  it("以工作日计算时限的有哪几条: only the measures giving it in working days", async () => {
    const expected = stating((p) => withDuration(p) && p.includes("工作日"));
    expect(expected.length).toBeLessThan(stating(withDuration).length);
    await expectListing("以工作日计算时限的有哪几条", "time-limit", expected);
  });

  it("哪几条规定了办理时限: more than a reply quotes; the note names them all, 还有别的吗 quotes the next ones, then says there are no more", async () => {
    const expected = stating(ofKind("time-limit"));
    expect(expected.length).toBeGreaterThan(MAX_LISTED);
    const pages = Math.ceil(expected.length / MAX_LISTED);
    const answers = await conversation(engine, "哪几条规定了办理时限", ...Array<string>(pages).fill("还有别的吗"));
    await expectListing("哪几条规定了办理时限", "time-limit", expected, answers[0]);
    for (let page = 1; page < pages; page++) {
      const a = answers[page]!;
      expect(a.outcome, a.text).toBe("answered");
      expect(cited(a)).toEqual(expected.slice(page * MAX_LISTED, (page + 1) * MAX_LISTED));
      expect(a.note).toContain(`共${expected.length}条`);
    }
    expect(answers[pages]!.outcome).toBe("handoff");
    expect(answers[pages]!.citations).toEqual([]);
  });

  it("那截止日期呢 after such a list asks the same of another fact", async () => {
    const [fees, dates] = await conversation(engine, "哪些措施写明了不收费", "那截止日期呢");
    await expectListing("哪些措施写明了不收费", "fee", stating(ofKind("fee")), fees);
    await expectListing("那截止日期呢", "date", stating(ofKind("date")), dates);
  });

  it("asked in English (which measures are free of charge), the same list", async () => {
    const a = await engine.ask("Which measures are free of charge?");
    expect(a.outcome, a.text).toBe("answered");
    expect(cited(a)).toEqual(stating(ofKind("fee")).slice(0, MAX_LISTED));
  });

  it("哪几条写了具体金额: a kind no measure states is said to be missing, not answered from one", async () => {
    expect(stating(ofKind("amount"))).toEqual([]);
    const { answer, record } = await engine.explain("哪几条写了具体金额");
    expect(answer.outcome, answer.text).toBe("handoff");
    expect(answer.handoffReason).toBe("fact-missing");
    expect(record.decision.kind === "handoff" ? record.decision.missing : undefined).toEqual(["amount"]);
  });
});

describe("controls: a list by topic or by who, and a single fact, are answered as before", () => {
  /** Searched and answered (or handed off) without a list by fact. */
  async function notByFact(q: string) {
    const { answer, record } = await engine.explain(q);
    const d = record.decision;
    expect(d.kind === "answer" ? d.stating : undefined).toBeUndefined();
    expect(answer.note ?? "").not.toContain("写明");
    return { answer, why: d.kind === "answer" ? d.why : "" };
  }

  it("跟贷款有关的是哪几条: the measures holding the topic", async () => {
    const { answer, why } = await notByFact("跟贷款有关的是哪几条");
    expect(why).toMatch(/^asks which measures: \d+ hold its topic/);
    expect(cited(answer).length).toBeGreaterThan(1);
    for (const n of cited(answer)) expect(engine.measure(n)!.text).toContain("贷款");
  });

  it("哪几条提到了中小企业: the measures naming who", async () => {
    const { answer, why } = await notByFact("哪几条提到了中小企业");
    expect(why).toMatch(/^asks which measures name 中小企业/);
    for (const n of cited(answer)) expect(engine.measure(n)!.text).toContain("中小企业");
  });

  it("开公司要几天: the one measure on opening a business, its time limit quoted", async () => {
    const { answer } = await notByFact("开公司要几天");
    expect(answer.outcome, answer.text).toBe("answered");
    expect(cited(answer)).toHaveLength(1);
    expect(engine.measure(cited(answer)[0]!)!.text).toContain("企业开办");
    expect(answer.sections[0]!.sentences.some(withDuration)).toBe(true);
  });

  it("接电收费吗: the fee asked of one topic the policy does not state", async () => {
    const { answer } = await notByFact("接电收费吗");
    expect(answer.handoffReason).toBe("fact-missing");
  });

  it.each([
    ["收费标准要公开的是哪几条", "收费标准"],
    ["开公司哪几条写了时限", "企业开办"],
  ])("%s: a topic beside the fact word (%s), listed by the topic", async (q, topic) => {
    const { answer } = await notByFact(q);
    expect(answer.outcome, answer.text).toBe("answered");
    for (const n of cited(answer)) expect(engine.measure(n)!.text).toContain(topic);
  });
});

describe("a list asked as 42条里有哪些… or …都列出来, with the policy's count beside it", () => {
  it("这42项措施中哪些写了按工作日算的时限: every measure giving a time in working days", async () => {
    const expected = stating((p) => withDuration(p) && p.includes("工作日"));
    await expectListing("这42项措施中哪些写了按工作日算的时限", "time-limit", expected);
  });

  it("把不收费的条款都列出来: every measure stating no fee", async () => {
    await expectListing("把不收费的条款都列出来", "fee", stating(ofKind("fee")));
  });
});
