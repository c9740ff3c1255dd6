import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { limitsStated, meets, timeAsked, type TimeAsked } from "../../src/answer/durations.js";
import { timeAskedInEnglish } from "../../src/answer/durations-english.js";
import { cited, conversation, openTestEngine, type TestEngine } from "./engine-fixture.js";

/**
 * 哪个办得最快, 报装里哪个最慢, 两天以内能办完的有哪些, 超过两周的有哪些: the time limits the measures state, ranked or bounded.
 * The first part reads limits and bounds from sentences written here; the second asks the engine about the real corpus,
 * where 第15条 states 一小时, 第11条 1日 to 14日, 第5条 22 and 37个工作日, 第3条 a notice cut from 45天 to 20天.
 */
describe("time limits read from a passage", () => {
  it("reads each limit as worded, in digits or words", () => {
    expect(limitsStated("抵押登记业务2个工作日内办结,企业间存量非住宅不动产转移登记一小时内办结").map((t) => [t.said, t.n, t.unit])).toEqual([
      ["2个工作日", 2, "工作日"],
      ["一小时", 1, "小时"],
    ]);
  });

  it("leaves out the figure a limit was cut from, a date, and opening hours", () => {
    expect(limitsStated("将公示时间由45天压减为20天").map((t) => t.said)).toEqual(["20天"]);
    expect(limitsStated("2022年3月1日前完成")).toEqual([]);
    expect(limitsStated("提供24小时自助服务")).toEqual([]);
  });

  it("puts working days on the calendar with the weekends they must or may cross", () => {
    const span = (s: string) => limitsStated(s).map((t) => [t.from, t.to])[0];
    expect(span("2个工作日")).toEqual([2, 4]);
    expect(span("5个工作日")).toEqual([5, 7]);
    expect(span("10个工作日")).toEqual([12, 14]);
  });
});

describe("what a question asks of time limits", () => {
  it.each([
    ["哪项业务的办理时限最短", "shortest"],
    ["办起来最慢的是哪个", "longest"],
    ["用时最多的是什么业务", "longest"],
  ])("%s ranks them (%s)", (q, order) => {
    expect(timeAsked(q)?.order).toBe(order);
  });

  it.each([
    ["三天以内能办好的有哪些", "within", 3],
    ["不超过5个工作日的事项有哪些", "within", 5],
    ["有没有当天就能办完的", "within", 1],
    ["超过两周的有哪些", "beyond", 2],
    ["十天以上的是哪几项", "beyond", 10],
    ["最快当天能办的有哪些业务", "within", 1],
    ["时限在10天到15天之间的有哪些", "between", 15],
    ["两星期以内能办完的有哪些", "within", 2],
    ["30分钟内能办好的有哪些", "within", 30],
  ])("%s bounds them (%s %i)", (q, order, n) => {
    const asked = timeAsked(q);
    expect(asked?.order).toBe(order);
    expect(asked && "bound" in asked ? asked.bound.n : undefined).toBe(n);
  });

  it.each(["创业担保贷款最长能贷几年", "两天以内能办完吗", "开公司要几天", "营业执照有效期多长", "3个工作日内哪个部门会联系我", "申请当天找谁"])("%s asks no ranking or bound", (q) => {
    expect(timeAsked(q)).toBeUndefined();
  });

  const bound = (q: string) => timeAsked(q) as TimeAsked;
  const limit = (s: string) => limitsStated(s)[0]!;
  it("compares in one unit by number, across units as a working day may fall", () => {
    expect(meets(bound("超过10个工作日的有哪些"), limit("12个工作日"))).toBe(true);
    // 14 calendar days are at most 10 working days: not surely beyond them.
    expect(meets(bound("超过10个工作日的有哪些"), limit("14日"))).toBe(false);
    expect(meets(bound("超过10个工作日的有哪些"), limit("20天"))).toBe(true);
    // Two working days may be done in two days.
    expect(meets(bound("两天以内能办完的有哪些"), limit("2个工作日"))).toBe(true);
    expect(meets(bound("两天以内能办完的有哪些"), limit("4个工作日"))).toBe(false);
    expect(meets(bound("一天之内能办完的有哪些"), limit("一小时"))).toBe(true);
    // 12 working days cross two weekends at least: surely beyond two weeks.
    expect(meets(bound("超过两周的有哪些"), limit("12个工作日"))).toBe(true);
  });

  it("counts the bound itself with 以上 and 以内, not with 超过", () => {
    expect(meets(bound("20天以上的有哪些"), limit("20天"))).toBe(true);
    expect(meets(bound("超过20天的有哪些"), limit("20天"))).toBe(false);
    expect(meets(bound("20天以内的有哪些"), limit("20天"))).toBe(true);
  });

  it("between two bounds, both ends count", () => {
    const asked = bound("一到两周的有哪些");
    expect(["6日", "7日", "14日", "15日", "12个工作日"].map((s) => meets(asked, limit(s)))).toEqual([false, true, true, false, false]);
  });
});

describe("what an English question asks of time limits", () => {
  it.each([
    ["Which procedure is the fastest?", "shortest"],
    ["Which of these takes the longest time?", "longest"],
    ["Which is slower, water or gas?", "longest"],
    ["What can be done within two days?", "within"],
    ["Which procedures take more than 10 working days?", "beyond"],
    ["What services are finished on the same day?", "within"],
    ["Which take between ten and fifteen days?", "between"],
    ["What's the shortest processing time?", "shortest"],
    ["What takes the longest of all the procedures?", "longest"],
  ])("%s → %s", (q, order) => {
    expect(timeAskedInEnglish(q)?.order).toBe(order);
  });

  it("reads the bound's amount and unit in words or digits", () => {
    const asked = timeAskedInEnglish("Which procedures take more than ten working days?");
    expect(asked && "inclusive" in asked ? [asked.bound.n, asked.bound.unit, asked.inclusive] : null).toEqual([10, "工作日", false]);
    const half = timeAskedInEnglish("What can be done in less than half an hour?");
    expect(half && "bound" in half ? [half.bound.n, half.bound.unit] : null).toEqual([0.5, "小时"]);
  });

  it.each(["How fast can I open a company?", "Can the water connection be done within two days?", "What happens if the connection is not done within 12 working days?", "Which bank gives loans fastest?", "Which window is quickest?"])(
    "%s: no which things asked, or who serves ranked: no ranking",
    (q) => {
      expect(timeAskedInEnglish(q)).toBeUndefined();
    },
  );
});

describe("the engine, asked to rank or bound the policy's time limits", () => {
  let t: TestEngine;
  let engine: PolicyEngine;
  beforeAll(async () => {
    t = await openTestEngine("kpb-time-limits");
    engine = t.engine;
  });
  afterAll(() => t?.cleanup());

  it.each([
    ["哪项业务的办理时限最短", 15, "一小时"],
    ["办起来最慢的是哪个", 5, "37个工作日"],
    ["用时最少的是哪一项", 15, "一小时"],
  ])("%s → 第%i条, quoting %s, the rest ranked after it", async (q, measure, said) => {
    const { answer, record } = await engine.explain(q);
    expect(answer.outcome, answer.text).toBe("answered");
    expect(cited(answer)[0]).toBe(measure);
    expect(answer.text).toContain(said);
    expect(record.decision.kind === "answer" && record.decision.timed?.measures.length).toBeGreaterThan(3);
  });

  it("ranks only the measures on the topic named beside (报装: 第11–14条)", async () => {
    const a = await engine.ask("报装类的哪个最慢");
    expect(a.outcome, a.text).toBe("answered");
    expect(cited(a)[0]).toBe(13);
    expect([...cited(a)].sort((x, y) => x - y)).toEqual([11, 12, 13, 14]);
  });

  it.each([
    ["三天以内能办好的有哪些", [1, 11, 14, 15]],
    ["十个工作日以内能办完的有哪些", [1, 11, 14, 15]],
    ["超过两周的有哪些", [3, 5, 12, 13]],
    ["哪些要一到两周", [11, 14]],
  ])("%s → every measure stating such a limit, in number order: %j", async (q, expected) => {
    const a = await engine.ask(q);
    expect(a.outcome, a.text).toBe("answered");
    expect(cited(a)).toEqual(expected);
  });

  it.each([
    ["最慢的两项是什么", 5],
    ["哪件事情办得最快", 15],
  ])("%s: a count asked or 哪件 names no topic, the whole document is ranked → 第%i条", async (q, measure) => {
    const a = await engine.ask(q);
    expect(a.outcome, a.text).toBe("answered");
    expect(cited(a)[0]).toBe(measure);
  });

  it("things named apart are each their own measure, ranked", async () => {
    const a = await engine.ask("用水报装跟燃气报装哪个慢");
    expect(a.outcome, a.text).toBe("answered");
    expect(cited(a)).toEqual([12, 14]);
  });

  it("which things are counted in hours lists the measures stating hours", async () => {
    const a = await engine.ask("哪些事是以小时计的");
    expect(a.outcome, a.text).toBe("answered");
    expect(cited(a)).toEqual([15]);
  });

  it("a bound no limit of the policy meets is what the policy lacks", async () => {
    const a = await engine.ask("半小时内能办完的有哪些");
    expect(a.outcome, a.text).toBe("handoff");
    expect(a.handoffReason).toBe("not-in-policy");
  });

  it.each(["哪家银行放款最快", "哪个窗口办得最快", "哪个部门办事最快"])("%s: a ranking of who serves is still no fact of the policy", async (q) => {
    const { answer, record } = await engine.explain(q);
    expect(answer.outcome, answer.text).toBe("handoff");
    expect(record.assessed?.scope).toBe("opinion");
  });

  it("another order asked right after a ranking ranks the same things again: the whole document, or the topic named before", async () => {
    const [, slowest] = await conversation(engine, "所有业务里哪个办得最快", "最慢的呢");
    expect(slowest!.outcome, slowest!.text).toBe("answered");
    expect(cited(slowest!)[0]).toBe(5);
    const [, slowestConnection, withinTwoDays] = await conversation(engine, "报装里哪个最快", "那最慢的呢", "那两天以内的呢");
    expect(cited(slowestConnection!)).toEqual([13, 12, 11, 14]);
    expect(withinTwoDays!.outcome, withinTwoDays!.text).toBe("answered");
    expect(cited(withinTwoDays!)).toEqual([11, 14]);
  });

  it("a bound asked right after a bound lists the measures meeting the new one", async () => {
    const [, beyond] = await conversation(engine, "两天以内能办完的有哪些", "超过两周的呢");
    expect(cited(beyond!)).toEqual([3, 5, 12, 13]);
  });

  it("after one thing's time (施工许可最快多少天), 那最慢呢 is still about that thing, no ranking", async () => {
    const first = await engine.ask("施工许可最快多少天");
    const { answer, record } = await engine.explain("那最慢呢", [{ question: "施工许可最快多少天", answer: first }]);
    expect(cited(answer)[0]).toBe(5);
    expect(record.decision.kind === "answer" && record.decision.timed).toBeFalsy();
  });

  it.each([
    ["Which procedure is the fastest?", [15, 11, 14]],
    ["What can be done within two days?", [1, 11, 14, 15]],
    ["Which is slower, the water connection or the gas connection?", [12, 14]],
  ])("in English, %s → %j, the reply in English", async (q, expected) => {
    const a = await engine.ask(q);
    expect(a.outcome, a.text).toBe("answered");
    expect(cited(a)).toEqual(expected);
    expect(a.text).toMatch(/The time limits the measures state|time limit/);
  });

  it("in English, a thing named that the glossary cannot read is not ranked over the whole document", async () => {
    const a = await engine.ask("Which of the utility connections takes the longest?");
    expect(a.outcome, a.text).toBe("handoff");
  });

  it("one measure's limits, asked how long, are answered from it as before", async () => {
    const { answer, record } = await engine.explain("施工许可最快多少天");
    expect(cited(answer)[0]).toBe(5);
    expect(record.decision.kind === "answer" && record.decision.timed).toBeFalsy();
  });
});
