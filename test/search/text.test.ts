import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/policy/corpus.js";
import { Lexicon } from "../../src/search/lexicon.js";
import { createTextAnalyzer, isContentWord, type TextAnalyzer } from "../../src/search/text.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let plain: TextAnalyzer;
let withWords: TextAnalyzer;

beforeAll(() => {
  plain = createTextAnalyzer();
  withWords = createTextAnalyzer(["接电", "开公司", "公证"]);
});

describe("TextAnalyzer", () => {
  it("words drop stop words, question words and punctuation", () => {
    expect(plain.words("的了吗，。！？ 请问 怎么 什么 the a how")).toEqual([]);
    const words = plain.words("请问，供水报装要多久？");
    expect(words).toContain("供水");
    expect(words).toContain("报装");
    for (const stop of ["请问", "要", "，", "？", "?"]) expect(words).not.toContain(stop);
    for (const w of words) expect(w).toMatch(/[\u4e00-\u9fffA-Za-z0-9]/);
  });

  it("words are lower-cased and keep latin words and numbers", () => {
    expect(plain.words("Hello, World! 12345")).toEqual(["hello", "world", "12345"]);
  });

  it("a number written in Chinese is a figure, not a word; digits and words holding a numeral stay", () => {
    const words = plain.words("我今年六十八了，12345能打通吗，一网通办");
    expect(words).not.toContain("六十八");
    expect(words).toContain("12345");
    expect(words.some((w) => w.includes("一网"))).toBe(true);
  });

  it("words of a text with spaces are the words of each piece, and a result is the caller's own", () => {
    const pieces = ["小微企业办电要几天", "开公司 注册登记", "English words"];
    expect(plain.words(pieces.join(" "))).toEqual(pieces.flatMap((p) => plain.words(p)));
    const first = plain.words("小微企业办电");
    first.push("changed");
    expect(plain.words("小微企业办电")).not.toContain("changed");
  });

  it("bigrams are the overlapping character pairs inside CJK runs only", () => {
    expect(plain.bigrams("供水报装")).toEqual(["供水", "水报", "报装"]);
    expect(plain.bigrams("办电, 2日 ABC 接")).toEqual(["办电"]);
    expect(plain.bigrams("abc")).toEqual([]);
  });

  it("terms are words plus ~-prefixed bigrams", () => {
    expect(plain.terms("供水报装")).toEqual(["供水", "报装", "~供水", "~水报", "~报装"]);
  });

  it("user words stay whole: 接电, and words jieba would otherwise split", () => {
    expect(withWords.words("小微企业怎么接电？")).toContain("接电");
    expect(withWords.keywords("小微企业怎么接电？")).toContain("接电");
    expect(withWords.words("接电的流程")).toEqual(["接电", "流程"]);
    // Without the corpus vocabulary jieba cuts 办公|证 and 开|公司.
    expect(plain.words("去哪办公证")).not.toContain("公证");
    expect(withWords.words("去哪办公证")).toContain("公证");
    expect(plain.keywords("开公司")).not.toContain("开公司");
    expect(withWords.keywords("开公司")).toEqual(["开公司"]);
  });

  it("keywords are jieba's cut of the whole text, though a text is cut piece by piece between its punctuation and spaces", () => {
    const texts = ["注册资本4.3亿元，增资后？a-b公司 c%d；税务登记：要几天!", "营业执照、税务登记,社保登记;公积金 开户"];
    for (const f of readdirSync(path.join(REPO, "eval")).filter((f) => f.endsWith(".jsonl")))
      for (const line of readFileSync(path.join(REPO, "eval", f), "utf8").split("\n").filter(Boolean)) {
        const { q } = JSON.parse(line) as { q?: unknown };
        if (typeof q === "string") texts.push(q);
      }
    const whole = Jieba.withDict(dict);
    const differing = texts.filter((t) => JSON.stringify(plain.keywords(t)) !== JSON.stringify(whole.cut(t.toLowerCase(), true).map((w) => w.trim()).filter((w) => w.length > 0 && isContentWord(w))));
    expect(texts.length).toBeGreaterThan(5_000);
    expect(differing).toEqual([]);
    // (4.3 is one word: the text is not cut apart at a full stop between digits.)
    expect(plain.keywords(texts[0]!)).toContain("4.3");
  });

  it("keywords (precise mode) do not repeat overlapping sub-words", () => {
    const analyzer = createTextAnalyzer(["小微企业"]);
    expect(analyzer.keywords("小微企业")).toEqual(["小微企业"]);
    expect(analyzer.words("小微企业").length).toBeGreaterThan(1);
  });

  it("idf weighs rare words more and gives unknown words a default", () => {
    expect(plain.knows("企业")).toBe(true);
    expect(plain.idf("企业")).toBeLessThan(plain.idf("报装"));
    expect(plain.knows("zzqx不存在词")).toBe(false);
    expect(plain.idf("zzqx不存在词")).toBe(7);
  });
});

describe("Lexicon.expand", () => {
  let lexicon: Lexicon;
  beforeAll(() => {
    lexicon = new Lexicon(loadCorpus(path.join(REPO, "corpus")).lexicon);
  });

  it("开公司 adds 企业开办 and the rest of its group", () => {
    const { text, synonymsOf } = lexicon.expand("开公司要多久");
    expect(text.startsWith("开公司要多久 ")).toBe(true);
    expect(text).toContain("企业开办");
    expect(synonymsOf.get("开公司")).toContain("企业开办");
    expect(synonymsOf.get("开公司")).toContain("注册公司");
    expect(synonymsOf.get("开公司")).not.toContain("开公司");
  });

  it("leaves a query with no lexicon term unchanged", () => {
    const { text, synonymsOf } = lexicon.expand("zzz");
    expect(text).toBe("zzz");
    expect(synonymsOf.size).toBe(0);
  });

  it("finds every term the query holds, overlapping ones too, in the lexicon's order; a one-character term only as a word", () => {
    const small = new Lexicon([
      ["信用贷款", "无抵押贷款"],
      ["贷款", "借钱"],
      ["查", "查询"],
      ["用电", "接电"],
    ]);
    const { synonymsOf, text } = small.expand("用电企业的信用贷款怎么查", ["用电", "企业", "信用", "贷款", "信用贷款", "查"]);
    expect([...synonymsOf.keys()]).toEqual(["信用贷款", "贷款", "查", "用电"]);
    expect(text).toBe("用电企业的信用贷款怎么查 无抵押贷款 借钱 查询 接电");
    expect(small.expand("检查用电", ["检查", "用电"]).synonymsOf.has("查")).toBe(false);
  });

  it("finds terms sharing their first characters, and a term ending the query", () => {
    const small = new Lexicon([
      ["信用", "征信"],
      ["信用贷款", "无抵押贷款"],
      ["贷款", "借钱"],
    ]);
    expect([...small.expand("想办信用贷款").synonymsOf.keys()]).toEqual(["信用", "信用贷款", "贷款"]);
    expect([...small.expand("贷").synonymsOf.keys()]).toEqual([]);
  });

  it("matches case-insensitively and merges every group a term is in", () => {
    const small = new Lexicon([
      ["Loan", "贷款"],
      ["贷款", "借钱"],
      ["信用贷款", "无抵押贷款"],
    ]);
    const { synonymsOf, text } = small.expand("LOAN rates");
    expect(synonymsOf.get("loan")).toEqual(["贷款"]);
    expect(text).toBe("LOAN rates 贷款");
    // Synonyms come lower-cased, as the lower-cased texts they are looked for in.
    expect(small.expand("贷款").synonymsOf.get("贷款")).toEqual(["loan", "借钱"]);
  });
});
