import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import { cited, openTestEngine, relatedTo, type TestEngine } from "./engine-fixture.js";

// Whether the policy answers at all: the questions are this file's own wording, not the eval set's.
let t: TestEngine;
let engine: PolicyEngine;

beforeAll(async () => {
  t = await openTestEngine("kpb-answerability");
  engine = t.engine;
});
afterAll(() => t?.cleanup());

function expectHandoff(a: Answer, reason: Answer["handoffReason"]) {
  expect(a.outcome).toBe("handoff");
  expect(a.handoffReason).toBe(reason);
  expect(a.citations).toEqual([]);
  expect(a.sections).toEqual([]);
}

describe("facts the policy does not state are handed off, with a pointer to the related measure", () => {
  it.each([
    // [question, related measure expected among the pointers, what the reply says is missing]
    ["供水报装的收费标准是多少钱", 12, "具体收费金额"],
    ["办电的咨询电话是多少", 11, "电话号码"],
    ["供水报装的联系电话", 12, "电话号码"],
    ["企业开办窗口在哪里办公", 1, "地址"],
    ["企业开办的办事大厅几点开门", 1, "办公时间"],
    ["政务服务中心周六上班吗", 36, "办公时间"],
    ["信用贷款的利率是多少", 16, "利率"],
    ["税费优惠政策的税率是多少", 27, "税率"],
    ["自来水报装要带哪些材料", 12, "材料"],
    ["办理供暖报装需要准备哪些材料", 13, "材料"],
    ["供气报装要交多少钱", 14, "具体收费金额"],
    ["信易贷最多能贷多少", 16, "具体金额"],
  ])("%s → fact-missing, related includes %d", async (q, measure, missing) => {
    const a = await engine.ask(q);
    expectHandoff(a, "fact-missing");
    expect(relatedTo(a)).toContain(measure);
    expect(a.text).toContain(missing);
    // The pointer names the measure and its departments so the asker can follow up.
    expect(a.text).toContain(`第${measure}条`);
  });

  // intent.ts reads the 管 of 市场监管局 as "is responsible for", so this phone question is
  // "answered" with the list of the bureau's ten measures instead of being handed off.
  it("市场监管局的电话是多少 → handed off (fact-missing), not a list of measures", async () => {
    const a = await engine.ask("市场监管局的电话是多少");
    expectHandoff(a, "fact-missing");
  });

  // A department's short form (供电公司) finds the measures naming its full name.
  it("供电公司的客服电话是多少 → fact-missing, pointing to measure 11", async () => {
    const a = await engine.ask("供电公司的客服电话是多少");
    expectHandoff(a, "fact-missing");
    expect(relatedTo(a)).toContain(11);
  });

  it("国家电网电话多少 → fact-missing, pointing to measure 11", async () => {
    const a = await engine.ask("国家电网电话多少");
    expectHandoff(a, "fact-missing");
    expect(relatedTo(a)).toContain(11);
  });

  it("a fee question the policy does answer (零成本) is answered from measure 1", async () => {
    const a = await engine.ask("开办企业要交多少费用");
    expect(a.outcome).toBe("answered");
    expect(cited(a)[0]).toBe(1);
    expect(a.text).toContain("零成本");
  });

  it("a cost question the policy answers with 不收取费用 is answered from measure 15", async () => {
    const a = await engine.ask("不动产登记复印材料要花多少钱");
    expect(a.outcome).toBe("answered");
    expect(cited(a)[0]).toBe(15);
  });

  // The fact check passes because a passage of 15 says 不收取费用, but the quote picks other
  // passages of the same long sentence (cut at commas), so the reply never states the fee.
  it("…and the quote includes the passage that states the fee (不收取费用)", async () => {
    const a = await engine.ask("不动产登记复印材料要花多少钱");
    expect(a.text).toContain("不收取费用");
  });
});

describe("questions outside the policy's scope", () => {
  it.each([
    ["在喀什开公司要几天", "克拉玛依"],
    ["在乌鲁木齐办电要多久", "克拉玛依"],
    ["北京的企业开办要几天", "克拉玛依"],
  ])("another city: %s → out-of-scope", async (q, says) => {
    const a = await engine.ask(q);
    expectHandoff(a, "out-of-scope");
    expect(a.text).toContain(says);
  });

  it.each(["明年开公司还是两个工作日吗", "2025年的营商环境措施有哪些"])("another year: %s → out-of-scope", async (q) => {
    const a = await engine.ask(q);
    expectHandoff(a, "out-of-scope");
    expect(a.text).toContain("其他年份");
  });

  it.each(["帮我查一下我公司的执照批下来没", "我的供水报装申请办到哪一步了"])("a personal case: %s → out-of-scope", async (q) => {
    const a = await engine.ask(q);
    expectHandoff(a, "out-of-scope");
    expect(a.text).toContain("无法查询");
  });

  it.each(["帮我写一份不动产抵押登记的申请书", "请替我起草一份信用修复申请"])("a writing task: %s → out-of-scope", async (q) => {
    const a = await engine.ask(q);
    expectHandoff(a, "out-of-scope");
    expect(a.text).toContain("代写");
  });

  it.each([
    "今天克拉玛依气温多少度",
    "克拉玛依有什么好玩的景点",
    "推荐一家好吃的大盘鸡",
    "克拉玛依到乌鲁木齐的火车几点",
    "公司起名有什么讲究",
  ])("unrelated: %s → not-in-policy", async (q) => {
    const a = await engine.ask(q);
    expectHandoff(a, "not-in-policy");
  });

  it("one's own tax is a personal matter → out-of-scope", async () => {
    expectHandoff(await engine.ask("个人所得税怎么算"), "out-of-scope");
  });
});

describe("in-scope paraphrases are answered, citing the right measure first", () => {
  it.each([
    ["自来水报装多久能办好", 12],
    ["抵押登记几天", 15],
    ["政府采购电子招投标系统什么时候上线", 7],
    ["12345热线回访率要求", 42],
    ["注销企业要公示几天", 3],
    ["小型社会投资项目拿施工许可要多久", 5],
    ["暖气报装要多少个工作日", 13],
    ["老百姓家里燃气管道改线多久办好", 14],
    ["二手房买卖过户有没有线上套餐", 41],
    ["全市统一的基层办事清单几月份前公布", 38],
    ["中小企业法治体检收费吗", 24],
    ["惠企政策免申即享怎么实现", 22],
    ["大中型企业接电要多少天", 11],
    ["双随机检查的公示率要求是多少", 31],
    ["证照分离涉及多少项许可事项", 2],
    ["银税互动是什么", 17],
    ["僵尸企业怎么处理", 30],
    ["轻微违法会不会罚款", 34],
    ["网上办理比例年底要到多少", 39],
    ["跨省通办要推动多少项", 40],
  ])("%s → %d", async (q, measure) => {
    const a = await engine.ask(q);
    expect(a.outcome).toBe("answered");
    expect(cited(a)[0]).toBe(measure);
    expect(a.citations.length).toBeLessThanOrEqual(3);
  });

  // A one-character verb (接) must not outweigh the topic (天然气 → 供气, measure 14).
  it("工商项目接天然气要几天 → 14 (the gas measure, not electricity)", async () => {
    const a = await engine.ask("工商项目接天然气要几天");
    expect(a.outcome).toBe("answered");
    expect(cited(a)[0]).toBe(14);
  });

  // 领发票要几个工作日 asks for a duration, not a sum of money.
  it("开个小超市从注册到领发票要几个工作日 → answered from 1, not fact-missing", async () => {
    const a = await engine.ask("开个小超市从注册到领发票要几个工作日");
    expect(a.outcome).toBe("answered");
    expect(cited(a)[0]).toBe(1);
  });
});
