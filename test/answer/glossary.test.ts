import path from "node:path";
import { describe, expect, it } from "vitest";
import { isEnglish, readEnglish } from "../../src/answer/english.js";
import { Glossary, stem } from "../../src/answer/glossary.js";
import { CorpusError } from "../../src/policy/corpus-error.js";
import { loadCorpus } from "../../src/policy/corpus.js";
import { CORPUS_DIR } from "./engine-fixture.js";

// The bilingual glossary (corpus/glossary.txt) and how English questions are read through it.
const corpus = loadCorpus(CORPUS_DIR);
const glossary = Glossary.load(CORPUS_DIR);
const departmentsIn = (zh: string) => [...new Set(corpus.measures.flatMap((m) => m.departments))].filter((d) => zh.includes(d));

describe("corpus/glossary.txt", () => {
  it("maps every policy term onto a word the policy text or the lexicon uses", () => {
    const text = corpus.measures.map((m) => `${m.title}${m.text}`).join("");
    const lexicon = new Set(corpus.lexicon.flat());
    const terms = glossary.entries.filter((e) => e.section === "terms");
    expect(terms.length).toBeGreaterThan(50);
    for (const e of terms) expect(text.includes(e.chinese) || lexicon.has(e.chinese), `glossary line ${e.line}: ${e.chinese}`).toBe(true);
  });

  it("glosses every department exactly as the policy names it", () => {
    const departments = new Set(corpus.measures.flatMap((m) => m.departments));
    for (const d of departments) expect(glossary.gloss(d), d).toMatch(/^[A-Z]/);
    for (const e of glossary.entries.filter((x) => x.section === "departments")) expect(departments.has(e.chinese), e.chinese).toBe(true);
  });

  it.each([
    ["[terms]\n企业开办 company registration\n", 2, "expected"],
    ["[terms]\n= company\n", 2, "expected"],
    ["[terms]\n企业开办 = 开公司\n", 2, "English"],
    ["企业开办 = company\n", 1, "before any section"],
    ["[words]\n", 1, "unknown section"],
  ])("a malformed file is a CorpusError naming the line: %j", (text, line, says) => {
    const parse = () => Glossary.parse(text, "glossary.txt");
    expect(parse).toThrow(CorpusError);
    expect(parse).toThrow(`glossary.txt:${line}:`);
    expect(parse).toThrow(says);
  });

  it("is read without a file (English questions then find no terms)", () => {
    expect(Glossary.load(path.join(CORPUS_DIR, "no-such-dir")).entries).toEqual([]);
  });
});

describe("reading English", () => {
  it("stems alike: fees = fee, registering = register, licences = licence", () => {
    expect(stem("fees")).toBe(stem("fee"));
    expect(stem("registering")).toBe(stem("register"));
    expect(stem("registered")).toBe(stem("register"));
    expect(stem("licences")).toBe(stem("licence"));
    expect(stem("inspections")).toBe(stem("inspection"));
  });

  it("takes the longest phrase the glossary knows, in the question's order, and notes what it cannot read", () => {
    const { chinese, unread } = glossary.translate("How long does a mortgage registration take for my Tesla?");
    expect(chinese).toEqual(["多久", "抵押登记"]);
    expect(unread).toEqual(["tesla"]);
  });

  it("a year becomes a year the scope check reads; a measure number becomes 第N条", () => {
    expect(readEnglish("What did the 2023 measures say?", glossary, departmentsIn).chinese).toContain("2023年");
    expect(readEnglish("What does measure 11 say?", glossary, departmentsIn).chinese).toContain("第11条");
  });

  it("which measures a department is responsible for reads as a department question", () => {
    expect(readEnglish("Which measures is the tax bureau responsible for?", glossary, departmentsIn).chinese).toBe("市税务局负责哪些措施");
  });

  it.each([
    ["How long does it take?", true],
    ["hello", true],
    ["12345", false],
    ["开公司要几天", false],
    ["Is 12345 热线 free?", false],
  ])("isEnglish(%j) = %s", (text, english) => {
    expect(isEnglish(text)).toBe(english);
  });
});
