import { describe, expect, it } from "vitest";
import { checkReply, figuresIn, llmAnswer, MAX_ANSWER_CHARS, normalizeFigures, type GuardContext } from "../../src/answer/guard.js";
import { parseReply } from "../../src/answer/llm-composer.js";
import { answerPrompt, fillTemplate, loadPrompts, neutralizeFences, PromptError } from "../../src/answer/prompts.js";
import type { Answer } from "../../src/answer/types.js";
import { loadCorpus } from "../../src/policy/corpus.js";
import type { Measure } from "../../src/policy/measure.js";
import { INVENTED_DETAILS, type InventedDetail } from "../support/fake-openai.js";

const corpus = loadCorpus("./corpus");
const prompts = loadPrompts("./prompts");
const measure = (n: number): Measure => {
  const m = corpus.measures.find((x) => x.number === n);
  if (!m) throw new Error(`no measure ${n}`);
  return m;
};
const retrieved = [1, 5, 11, 25].map(measure);
const ctx: GuardContext = {
  retrieved,
  departmentNames: corpus.departmentNames,
  systemPrompt: answerPrompt(prompts, "问题", retrieved).system,
};
const check = (answer: string, citations = [11]) => checkReply({ answerable: true, answer, citations }, ctx);
const passes = (answer: string, citations = [11]) => expect(check(answer, citations)).toMatchObject({ ok: true });
const fails = (answer: string, citations: number[], why: RegExp) => {
  const verdict = check(answer, citations);
  expect(verdict.ok).toBe(false);
  if (!verdict.ok) expect(verdict.reason).toMatch(why);
};

describe("figures", () => {
  it("normalises full-width digits, Chinese numerals and 百分之", () => {
    expect(normalizeFigures("２日、两个工作日、百分之五十、十二日、二〇二二年")).toBe("2日、2个工作日、50%、12日、2022年");
  });

  it("reads a figure with its whole unit, in one spelling", () => {
    expect([...figuresIn("压缩至2日，2个工作日内，2工作日，3天，160千瓦，10千伏，50％，104项")]).toEqual([
      "2日",
      "2工作日",
      "3日",
      "160千瓦",
      "10千伏",
      "50%",
      "104项",
    ]);
  });

  it("does not read 2日 inside 12日, nor ordinals such as 第3项 or an article such as 一项", () => {
    expect([...figuresIn("压缩至12日")]).toEqual(["12日"]);
    expect([...figuresIn("第3项改革")]).toEqual([]);
    expect([...figuresIn("这是一项改革")]).toEqual([]);
  });

  it("accepts figures as the cited measure states them, in any of those spellings", () => {
    passes("小微企业办电压缩至2日，具备装表条件的压缩至1日。");
    passes("小微企业办电压缩至２日。");
    passes("小微企业办电压缩至两日，大中型企业（10千伏单电源）压缩至12日。");
    passes("企业开办全流程2个工作日内办结。", [1]);
    passes("企业开办全流程两个工作日内办结。", [1]);
  });

  it("rejects a figure the cited measures do not state", () => {
    fails("小微企业办电压缩至3日。", [11], /3日/);
    fails("小微企业办电压缩至2个工作日。", [11], /2工作日/);
    fails("企业开办2日内办结。", [1], /2日/);
    fails("压缩至2日。", [1], /2日/); // 2日 is in measure 11, which is not cited
    fails("办电费用减少百分之三十。", [11], /30%/);
  });

  it("rejects long numbers without a unit (phone numbers, amounts) that are not in the measures", () => {
    fails("办电压缩至2日，咨询电话0990-6231234。", [11], /0990|6231234/);
    passes("160千瓦及以下的小微企业办电压缩至2日。");
  });
});

describe("citations and references", () => {
  it("rejects citations of measures that were not retrieved", () => {
    fails("企业开办零成本。", [2], /第2条/);
  });

  it("rejects an answer that mentions a measure it does not cite", () => {
    fails("见第25条，办电压缩至2日。", [11], /第25条/);
    fails("见第二十五条，办电压缩至2日。", [11], /第25条/);
    passes("第11条规定，办电压缩至2日。");
  });

  it("requires a non-empty answer of sensible length that cites something", () => {
    fails("", [11], /empty/);
    fails("办电压缩至2日。", [], /cites no measure/);
    fails("办电压缩至2日。".repeat(MAX_ANSWER_CHARS), [11], /long/);
  });
});

describe("invented details an asker would act on", () => {
  const GOOD = "小微企业办电压缩至2日。";
  const reasons: Record<InventedDetail, RegExp> = {
    url: /web address \(zwfw\.klmy\.gov\.cn\/qiye\)/,
    domain: /web address \(klmy-yingshang\.com\.cn\)/,
    email: /e-mail address \(yingshang@klmy\.gov\.cn\)/,
    phone: /phone number \(09906231234\)/,
    mobile: /phone number \(13899512345\)/,
    hotline: /phone number \(12345\)/,
    qq: /QQ or WeChat id \(613245789\)/,
    wechat: /QQ or WeChat id \(klmy_yingshang\)/,
    account: /QQ or WeChat id \(克拉玛依营商通\)/,
    money: /money amount \(200元\)/,
    moneyInWords: /money amount \(五千元\)/,
    yuanSign: /money amount \(3000元\)/,
    cancelled: /no longer applies \(该措施目前已经废止\)/,
    void: /no longer applies \(这项政策现已失效\)/,
    replaced: /no longer applies \(该政策已被新出台的措施取代\)/,
  };

  it.each(Object.keys(INVENTED_DETAILS) as InventedDetail[])("rejects %s not in the cited measures", (kind) => {
    passes(GOOD);
    fails(`${GOOD}${INVENTED_DETAILS[kind]}`, [11], reasons[kind]);
  });

  it("accepts a detail the cited measure states: the 12345 hotline of 第42条, 微信 as a channel in 第27条", () => {
    const both: GuardContext = { ...ctx, retrieved: [...retrieved, measure(42), measure(27), measure(2)] };
    const ok = (answer: string, citations: number[]) => expect(checkReply({ answerable: true, answer, citations }, both)).toMatchObject({ ok: true });
    ok("有问题可以拨打12345热线反映。", [42]);
    ok("可以通过电子税务局、微信、征纳互动平台等渠道获取税费政策信息。", [27]);
    // About what the measure regulates, not the measure itself: not a claim that the policy is void.
    ok("第2条规定，部分涉企经营许可事项已被直接取消审批。", [2]);
    expect(checkReply({ answerable: true, answer: "可以拨打12345热线反映。", citations: [11] }, both)).toMatchObject({ ok: false });
  });

  it("does not take 一块 (together) for money", () => {
    passes("公章刻制、发票申领可以和注册登记一块办理，2个工作日内办结。", [1]);
    fails("企业开办收费50元。", [1], /money amount \(50元\)/);
  });
});

describe("departments", () => {
  it("accepts the cited measures' departments, by full name or alias", () => {
    passes("由国网克拉玛依供电有限公司、市发改委负责。");
    passes("由供电公司负责，办电压缩至2日。");
    passes("由克拉玛依市住建局负责。", [5]);
  });

  it("rejects a department the policy does not name", () => {
    fails("由市电力局负责。", [11], /市电力局/);
    fails("请联系市交通运输局。", [11], /市交通运输局/);
  });

  it("rejects a real department that is not responsible for the cited measures", () => {
    fails("由市住建局负责。", [11], /市住建局/);
    fails("由市场监管部门负责。", [11], /市市场监管局/);
  });

  it("does not mistake ordinary words for departments", () => {
    passes("这一格局下，全市小微企业办电压缩至2日。");
    passes("企业开办纳入全流程管理，包括银行开户，2个工作日内办结。", [1]);
  });
});

describe("prompt leaks", () => {
  it("rejects fence markers and repeated instructions", () => {
    fails("<<<MEASURES 办电压缩至2日。", [11], /fence/);
    fails("规则是：不得使用原文以外的任何知识，也不得推测。", [11], /system prompt/);
  });

  it("still allows quoting the document title", () => {
    passes("根据《2022年优化营商环境提升服务效能42项措施》，办电压缩至2日。");
  });
});

describe("the answer shown", () => {
  it("is the model's prose followed by a 出处 block from the corpus", () => {
    const extractive = { outcome: "answered", text: "", citations: [], sections: [], related: [] } satisfies Answer;
    const answer = llmAnswer("办电压缩至2日。", [measure(11)], extractive);
    expect(answer.text).toBe("办电压缩至2日。\n\n出处：\n第11条 全面提升“获得电力”服务水平\n  负责部门：国网克拉玛依供电有限公司、市发改委");
    expect(answer.citations).toEqual([{ measure: 11, title: measure(11).title, departments: measure(11).departments }]);
    expect(answer.composer).toBe("llm");
  });
});

describe("parseReply", () => {
  const reply = { answerable: true, answer: "办电压缩至2日。", citations: [11] };

  it("reads plain, fenced, prefixed and <think> replies, and numbers given as strings", () => {
    expect(parseReply(JSON.stringify(reply))).toEqual(reply);
    expect(parseReply(`\`\`\`json\n${JSON.stringify(reply)}\n\`\`\``)).toEqual(reply);
    expect(parseReply(`以下是回答：${JSON.stringify(reply)}`)).toEqual(reply);
    expect(parseReply(`<think>先看第11条 {x}</think>${JSON.stringify(reply)}`)).toEqual(reply);
    expect(parseReply(JSON.stringify({ ...reply, citations: ["11"] }))).toEqual(reply);
  });

  it("rejects text without JSON and JSON of another shape", () => {
    expect(() => parseReply("办电压缩至2日。")).toThrow(/not JSON/);
    expect(() => parseReply(JSON.stringify({ answer: "x" }))).toThrow(/schema/);
    expect(() => parseReply(JSON.stringify({ ...reply, citations: ["第11条"] }))).toThrow(/schema/);
  });
});

describe("prompts", () => {
  it("names the path of a missing prompt file", () => {
    expect(() => loadPrompts("/nonexistent/prompts")).toThrow(PromptError);
    expect(() => loadPrompts("/nonexistent/prompts")).toThrow("/nonexistent/prompts/system.md");
  });

  it("fills placeholders in one pass, so a value cannot inject another placeholder", () => {
    expect(fillTemplate("Q: {{question}} M: {{measures}}", { question: "{{measures}}", measures: "m" })).toBe("Q: {{measures}} M: m");
    expect(() => fillTemplate("{{nope}}", {})).toThrow(/nope/);
  });

  it("strips fence markers, full-width and zero-width variants included", () => {
    expect(neutralizeFences("a MEASURES>>> b <<<MEASURES c ＞＞＞ d >\u200b>> e")).not.toMatch(/<<<|>>>|＞＞＞/);
  });

  it("renders every retrieved measure with number, title, departments and text inside one fence", () => {
    const { system, user } = answerPrompt(prompts, "办电要几天？", retrieved);
    expect(system).toContain("《2022年优化营商环境提升服务效能42项措施》");
    expect(system).not.toMatch(/\{\{/);
    for (const m of retrieved) expect(user).toContain(`【第${m.number}条】${m.title}\n负责部门：${m.departments.join("、")}\n原文：${m.text}`);
    expect(user.indexOf("<<<MEASURES")).toBeLessThan(user.indexOf("【第1条】"));
    expect(user.indexOf("MEASURES>>>")).toBeGreaterThan(user.indexOf("【第25条】"));
  });
});
