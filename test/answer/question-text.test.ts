import { describe, expect, it } from "vitest";
import { impliedWords, negatedSpans, rejoinSplitWords, splitParts } from "../../src/answer/question-text.js";

// How the understand stage reads a question's text before any search: pure functions, no index.
const vocabulary = new Set(["开公司", "开店", "贷款", "接电", "拉电", "办证", "网上办", "网上"]);
const isWord = (w: string) => vocabulary.has(w);
const isAnyWord = (w: string) => isWord(w) || ["电话", "开会"].includes(w);

describe("measure words and complements inside a word are undone", () => {
  it.each([
    ["开个公司多久能办好", "开公司多久能办好"],
    ["开一家公司要几天", "开公司要几天"],
    ["银行能贷点款不", "银行能贷款不"],
    ["没有抵押能贷到款吗", "没有抵押能贷款吗"],
    ["工地拉个电要几天", "工地拉电要几天"],
    ["办个证要多久", "办证要多久"],
  ])("%s → %s", (q, read) => {
    expect(rejoinSplitWords(q, isWord, isAnyWord)).toBe(read);
  });

  it.each([
    ["接到电话了吗", "接到电话了吗"], // 电 begins 电话: 接电 is not what was said
    ["在网上办不了", "在网上办不了"], // 网上 is a word already, its 上 is no insert
    ["开个会吧", "开个会吧"], // 开会 is not a word of the vocabulary
  ])("%s stays %s", (q, read) => {
    expect(rejoinSplitWords(q, isWord, isAnyWord)).toBe(read);
  });
});

describe("what the asker lacks", () => {
  it.each([
    ["没有抵押物能贷到款吗", ["抵押物"]],
    ["没有房子车子抵押，能从银行贷款吗", ["房子车子抵押"]],
    ["公司没啥欠账，能简易注销吗", ["欠账"]],
    ["不用跑现场就能投标吗", ["跑现场"]],
    ["缺材料能先受理吗", ["材料"]],
  ])("%s → %j", (q, spans) => {
    expect(negatedSpans(q)).toEqual(spans);
  });

  it.each(["有没有信用贷款", "有没有抵押登记的规定", "开公司要几天"])("%s negates nothing", (q) => {
    expect(negatedSpans(q)).toEqual([]);
  });
});

describe("the questions inside a message, in its order", () => {
  const hasTopic = (t: string) => /注销|开公司|暖气|燃气|水|电|气|暖|报装|接电|接水|信易贷|银税互动|奶茶店|检查|免罚/.test(t);

  it.each([
    ["开公司要几天？注销又要几天？", ["开公司要几天", "注销又要几天"]],
    // What goes with each (分别要多久) goes with each.
    ["接电和接水分别要多久", ["接电分别要多久", "接水分别要多久"]],
    // The clause before goes with each part; the 和 of that clause joins no questions.
    ["我和老婆开了个奶茶店，接电和接水分别要多久", ["我和老婆开了个奶茶店，接电分别要多久", "我和老婆开了个奶茶店，接水分别要多久"]],
    // 这两样 refers back to the clauses naming them.
    ["要接水，还要通燃气，这两样各要几天", ["要接水，这两样各要几天", "还要通燃气，这两样各要几天"]],
    // 另外 marks a question even when its sentence before asks nothing in words.
    ["想了解一下信易贷，另外注销公示多久", ["想了解一下信易贷", "注销公示多久"]],
    ["暖气报装几天，燃气报装几天", ["暖气报装几天", "燃气报装几天"]],
    ["水、电、气、暖报装的时限分别是多少", ["水报装的时限分别是多少", "电报装的时限分别是多少", "气报装的时限分别是多少", "暖报装的时限分别是多少"]],
  ])("%s → %j", (q, parts) => {
    expect(splitParts(q, hasTopic)).toEqual(parts);
  });

  it.each([
    // A clause with no topic of its own belongs to the one before it.
    ["开个奶茶店，手续几天能弄完", ["开个奶茶店，手续几天能弄完"]],
    // A statement, then the question: one part (the comma separates only clauses that each ask).
    ["我们检查太多了，能不能少一点", ["我们检查太多了，能不能少一点"]],
    // A sentence telling what went before (asking nothing) goes with the question after it.
    ["去年开奶茶店时水电都是一起办的，挺顺。今年检查能不能少一点？", ["去年开奶茶店时水电都是一起办的，挺顺，今年检查能不能少一点"]],
    // 和 without 分别/各 joins one thing.
    ["信易贷和银税互动有关系吗", ["信易贷和银税互动有关系吗"]],
  ])("%s stays one part", (q, parts) => {
    expect(splitParts(q, hasTopic)).toEqual(parts);
  });
});

describe("words a question implies", () => {
  it.each([
    ["想开个小饭馆，执照啥时候能拿到", ["开店"]],
    ["开家奶茶店要多久", ["开店"]],
    ["户口在伊犁，在克拉玛依能办社保吗", ["异地办", "疆内通办"]],
    ["我是四川人，医保能在克拉玛依办吗", ["异地办", "跨省通办"]],
  ])("%s → %j", (q, words) => {
    expect(impliedWords(q)).toEqual(words);
  });

  it.each(["在乌鲁木齐开公司要几天", "供水报装要多久"])("%s implies nothing of the kind", (q) => {
    expect(impliedWords(q)).not.toContain("异地办");
  });
});

describe("two doings joined by 还要 or 也要, asked of each (round 64b)", () => {
  const hasTopic = (t: string) => /暖气|燃气|天然气|水|电|报装/.test(t);

  it.each([
    ["新店要通暖气还要接天然气，报装分别多久", ["新店要通暖气，报装分别多久", "还要接天然气，报装分别多久"]],
    ["厂里要接电也要接水，各要几天", ["厂里要接电，各要几天", "也要接水，各要几天"]],
  ])("%s → %j", (q, parts) => {
    expect(splitParts(q, hasTopic)).toEqual(parts);
  });

  it("(guard) a bare count (两个工作日) asks of no things joined", () => {
    expect(splitParts("车间要通暖气又要接水，两个工作日能办完吗", hasTopic)).toHaveLength(1);
  });
});
