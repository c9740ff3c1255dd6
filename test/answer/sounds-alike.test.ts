import { describe, expect, it } from "vitest";
import { pinyin } from "@napi-rs/pinyin";
import { runSyllables, SoundsAlike, soundOf } from "../../src/answer/sounds-alike.js";

// Slips of a pinyin input method: words of the vocabulary that sound like a piece of the question.
const vocabulary = new SoundsAlike(["注销", "燃气", "暖气", "信易贷", "公证", "不动产", "开公司", "几天", "容缺受理", "公示"]);

describe("SoundsAlike", () => {
  it("blurs the sounds many speakers and input methods do not tell apart", () => {
    expect(soundOf("破惨")).toBe(soundOf("破产")); // c / ch
    expect(soundOf("公正")).toBe(soundOf("公证"));
    expect(soundOf("注消")).not.toBe(soundOf("住宿"));
  });

  it.each([
    ["注消", ["注销"]],
    ["然气", ["燃气"]],
    ["信异贷", ["信易贷"]],
    ["公正", ["公证"]],
    ["公式", ["公示"]],
  ])("%s sounds like %j", (piece, words) => {
    expect(vocabulary.alike(piece)).toEqual(words);
  });

  it("a word of the vocabulary is no slip, and a piece sounding like nothing has no guess", () => {
    expect(vocabulary.alike("燃气")).toEqual([]);
    expect(vocabulary.alike("拌面")).toEqual([]);
  });

  it("a slip may span the characters around the word jieba cut (不懂产 → 不动产, 容缺受里 → 容缺受理)", () => {
    expect(vocabulary.forWord("懂产", "不懂产登记几天")).toEqual(["不动产"]);
    expect(vocabulary.forWord("受里", "哪些事项可以容缺受里")).toEqual(["容缺受理"]);
  });

  it("reads a question typed in pinyin as the vocabulary words it spells", () => {
    expect(vocabulary.readSpelling("kai gongsi yao ji tian")).toBe("开公司 几天");
    expect(vocabulary.readSpelling("zhuxiao")).toBe("注销");
    expect(vocabulary.readSpelling("hello world")).toBeNull();
    // (A word no syllable spells, even one every JavaScript object holds, negates nothing after it.)
    expect(vocabulary.readSpelling("constructor kai gongsi yao ji tian")).toBe("开公司 几天");
  });

  it("keeps a negation spelled right before a word on it (meiyou, mei you, bu), and drops one before no word", () => {
    const loans = new SoundsAlike(["贷款", "抵押", "收费", "注销"]);
    expect(loans.readSpelling("daikuan meiyou diya neng ban ma")).toBe("贷款 没有抵押");
    expect(loans.readSpelling("mei you diya neng daikuan ma")).toBe("没有抵押 贷款");
    expect(loans.readSpelling("zhuxiao bu shoufei ma")).toBe("注销 不收费");
    expect(loans.readSpelling("daikuan yao diya ma")).toBe("贷款 抵押");
    expect(loans.readSpelling("meiyou ren daikuan ma")).toBe("贷款");
  });

  it("spells a term longer than a slip is looked for in, typed whole or a syllable apart, but never guesses it as a slip", () => {
    const long = new SoundsAlike(["行政许可事项清单", "许可事项"]);
    expect(long.readSpelling("xingzheng xuke shixiang qingdan li you sha")).toBe("行政许可事项清单");
    expect(long.readSpelling("xing zheng xu ke shi xiang qing dan")).toBe("行政许可事项清单");
    expect(long.readSpelling("xuke shixiang")).toBe("许可事项");
    expect(long.alike("行政许可事项清丹")).toEqual([]);
  });

  it("words given for slips only are guessed in Chinese text but never spelled from English (立刻 is spelled like)", () => {
    const withAspects = new SoundsAlike(["开公司"], ["办结", "立刻"]);
    expect(withAspects.alike("半结")).toEqual(["办结"]);
    expect(withAspects.readSpelling("what is it like")).toBeNull();
    expect(withAspects.readSpelling("kai gongsi")).toBe("开公司");
  });
});

describe("runSyllables", () => {
  it("reads a run of CJK characters as pinyin reads it, character by character (no phrase readings; characters without a sound joined)", () => {
    let block = "";
    for (let c = 0x4e00; c <= 0x9fff; c++) block += String.fromCharCode(c);
    // The whole block holds characters pinyin has no sound for, some of them in a row: pinyin joins those into one element.
    expect((pinyin(block) as string[]).length).toBeLessThan(block.length);
    for (const run of [block, "银行行长", "重庆长大的行长还有都市音乐", "瓰瓱瓦", "瓦瓰瓱", "瓰", "克拉马依", block.slice(9960, 9990)]) expect(runSyllables(run)).toEqual(pinyin(run));
  });
});

describe("SoundsAlike.readInitials", () => {
  const s = new SoundsAlike(["营业执照", "公积金", "不动产登记"]);

  it("reads a run of consonants as the one vocabulary word it abbreviates", () => {
    expect(s.readInitials("yyzz几天能下来")).toBe("营业执照几天能下来");
    expect(s.readInitials("GJJ怎么开户")).toBe("公积金怎么开户");
  });

  it("leaves English words, shared initials and short runs as they are", () => {
    // 公积金 and 国家局 are both gjj: neither is meant.
    expect(new SoundsAlike(["公积金", "国家局"]).readInitials("gjj怎么开户")).toBe("gjj怎么开户");
    expect(s.readInitials("app上能办吗 ok vip")).toBe("app上能办吗 ok vip");
    expect(s.readInitials("yy")).toBe("yy");
  });
});
