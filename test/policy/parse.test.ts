import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { CorpusError } from "../../src/policy/corpus-error.js";
import { MeasureSchema } from "../../src/policy/measure.js";
import { parsePolicyText, type PolicyDocument } from "../../src/policy/parse.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY_FILE = path.join(REPO, "corpus/policy/karamay-2022-business-environment-42-measures.txt");
const TITLE = "2022年优化营商环境提升服务效能42项措施";

const 市场 = "市市场监管局";
const 政务 = "市政务服务和公共资源交易中心";
const 住建 = "市住建局";
const 自然 = "市自然资源局";
const 财政 = "市财政局";
const 发改 = "市发改委";
const 供电 = "国网克拉玛依供电有限公司";
const 金融 = "金融办";
const 税务 = "市税务局";
const 人行 = "市人民银行";
const 银保监 = "市银保监分局";
const 科技 = "市科技局";
const 司法 = "市司法局";
const 商务 = "市商务局";
const 工信 = "市工信局";
const 中院 = "市中级人民法院";
const 政府办 = "市政府办";

/**
 * Read off the corpus text by hand: the last parenthesis of each measure line, split on 、,
 * 负责 dropped; bare 财政局 (10) and 发改委 (21) are the city-level ones named elsewhere;
 * 29 has no 负责; 3's inner (上市股份有限公司除外) is not a department. Order as in the text.
 */
const EXPECTED_DEPARTMENTS: Record<number, string[]> = {
  1: [市场],
  2: [市场],
  3: [市场],
  4: [政务],
  5: [住建, 自然],
  6: [市场, 财政, 住建, 发改],
  7: [财政],
  8: [财政],
  9: [政务],
  10: [住建, 财政],
  11: [供电, 发改],
  12: [住建],
  13: [住建],
  14: [住建],
  15: [自然],
  16: [金融, 发改],
  17: [金融, 税务],
  18: [金融, 人行, 银保监],
  19: [金融, 科技],
  20: [司法, 市场, 商务],
  21: [财政, 发改, 市场, 工信],
  22: [商务, 财政],
  23: [商务, 发改, 工信],
  24: [司法],
  25: [发改],
  26: [市场],
  27: [税务],
  28: [司法, 中院],
  29: [中院],
  30: [中院],
  31: [市场],
  32: [市场, 发改],
  33: [政府办, 市场, 司法],
  34: [司法],
  35: [政务],
  36: [政务],
  37: [政务, 工信],
  38: [政务],
  39: [政务],
  40: [政务],
  41: [政务],
  42: [政务],
};

let raw: string;
let doc: PolicyDocument;
const measure = (n: number) => {
  const m = doc.measures.find((x) => x.number === n);
  if (!m) throw new Error(`measure ${n} not parsed`);
  return m;
};
/** The corpus line of measure n, as published. */
const lineOf = (n: number) => {
  const line = raw.split(/\r?\n/).find((l) => l.startsWith(`${n}、`));
  if (!line) throw new Error(`no line for measure ${n}`);
  return line;
};

beforeAll(() => {
  raw = fs.readFileSync(POLICY_FILE, "utf8");
  doc = parsePolicyText(raw, "corpus/policy/karamay.txt");
});

describe("parsePolicyText on the published 42 measures", () => {
  it("finds exactly 42 measures numbered 1..42 in order", () => {
    expect(doc.measures).toHaveLength(42);
    expect(doc.measures.map((m) => m.number)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
  });

  it("reads the document title and year from the opening paragraph", () => {
    expect(doc.title).toBe(TITLE);
    expect(doc.year).toBe(2022);
    expect(doc.file).toBe("corpus/policy/karamay.txt");
    for (const m of doc.measures) {
      expect(m.document).toBe(TITLE);
      expect(m.year).toBe(2022);
    }
  });

  it("every measure satisfies the schema and points at its own line of the file", () => {
    const lines = raw.split(/\r?\n/);
    for (const m of doc.measures) {
      expect(MeasureSchema.safeParse(m).success).toBe(true);
      expect(m.source.file).toBe("corpus/policy/karamay.txt");
      expect(lines[m.source.line - 1]!.startsWith(`${m.number}、`)).toBe(true);
    }
  });

  it("does not turn the opening paragraphs or the 本期来源/本期编辑 trailer into measures", () => {
    const all = doc.measures.map((m) => `${m.title}\n${m.text}\n${m.sentences.join("")}\n${m.departments.join()}`).join("\n");
    for (const fragment of ["为进一步优化我市营商环境", "具体涉及以下内容", "本期来源", "本期编辑", "唐艺洁", "工作领导小组办公室"])
      expect(all).not.toContain(fragment);
    expect(measure(1).text.startsWith("深化企业开办“一件事”改革。将注册登记")).toBe(true);
    expect(measure(42).text.endsWith("转变工作作风。")).toBe(true);
    const trailerLine = raw.split(/\r?\n/).findIndex((l) => l.startsWith("本期来源")) + 1;
    expect(trailerLine).toBeGreaterThan(0);
    expect(Math.max(...doc.measures.map((m) => m.source.line))).toBeLessThan(trailerLine);
  });

  it("names every measure's departments exactly as the text does (independent table for all 42)", () => {
    expect(Object.keys(EXPECTED_DEPARTMENTS)).toHaveLength(42);
    const actual = Object.fromEntries(doc.measures.map((m) => [m.number, m.departments]));
    expect(actual).toEqual(EXPECTED_DEPARTMENTS);
  });

  it("normalizes bare 财政局 (10) and 发改委 (21) but keeps the rest as written", () => {
    expect(lineOf(10)).toContain("(市住建局、财政局负责)");
    expect(measure(10).departments).toEqual(["市住建局", "市财政局"]);
    expect(lineOf(21)).toContain("、发改委、");
    expect(measure(21).departments).toEqual(["市财政局", "市发改委", "市市场监管局", "市工信局"]);
    const everyName = new Set(doc.measures.flatMap((m) => m.departments));
    expect(everyName.has("财政局")).toBe(false);
    expect(everyName.has("发改委")).toBe(false);
    for (const name of everyName) expect(name).not.toMatch(/负责|牵头|[()（）、]/);
  });

  it("takes measure 29's parenthesis without 负责 as its department", () => {
    expect(lineOf(29).endsWith("(市中级人民法院)。")).toBe(true);
    expect(measure(29).departments).toEqual(["市中级人民法院"]);
    expect(measure(29).text).not.toContain("市中级人民法院)");
  });

  it("does not mistake measure 3's inner (上市股份有限公司除外) for a department and keeps it in the text", () => {
    expect(measure(3).departments).toEqual(["市市场监管局"]);
    expect(measure(3).text).toContain("(上市股份有限公司除外)");
    expect(measure(3).text).not.toContain("市市场监管局");
  });

  it("gives measures short titles from their opening", () => {
    expect(measure(1).title).toBe("深化企业开办“一件事”改革");
    expect(measure(11).title).toBe("全面提升“获得电力”服务水平");
    // 8 opens with a 根据《…》 condition; the title skips it.
    expect(measure(8).title.startsWith("加强对集采机构的考核工作")).toBe(true);
    expect(measure(8).title).not.toContain("根据");
    expect(measure(15).title).toBe("加快推进不动产登记制度改革");
    for (const m of doc.measures) {
      expect(m.title.length, `title of ${m.number}: ${m.title}`).toBeGreaterThan(0);
      expect(m.title.length, `title of ${m.number}: ${m.title}`).toBeLessThanOrEqual(30);
    }
  });

  it("keeps each measure's text as published minus the closing department parenthesis", () => {
    for (const m of doc.measures) {
      const line = lineOf(m.number);
      const content = line.slice(line.indexOf("、") + 1).trim();
      const expected = `${content.slice(0, content.lastIndexOf("("))}。`;
      expect(m.text, `text of ${m.number}`).toBe(expected);
      expect(m.text).not.toContain("负责)");
    }
  });

  it("splits measure 15 into its several sentences, none empty, none with the departments", () => {
    const { sentences, text } = measure(15);
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toBe("加快推进不动产登记制度改革。");
    expect(sentences[1]!.startsWith("按照“申请人只跑一次")).toBe(true);
    expect(sentences[1]!.endsWith("不收取费用。")).toBe(true);
    expect(sentences[2]!.startsWith("推行不动产登记线上线下服务全面融合")).toBe(true);
    expect(sentences[2]!.endsWith("企业间存量非住宅不动产转移登记一小时内办结。")).toBe(true);
    for (const s of sentences) {
      expect(s.trim().length).toBeGreaterThan(1);
      expect(s).not.toContain("市自然资源局");
      expect(s).not.toContain("负责");
    }
    expect(sentences.join("")).toBe(text);
  });

  it("every measure's sentences are non-empty and together make its text", () => {
    for (const m of doc.measures) {
      expect(m.sentences.length).toBeGreaterThan(0);
      for (const s of m.sentences) expect(s.trim()).not.toBe("");
      expect(m.sentences.join("")).toBe(m.text);
    }
  });
});

describe("parsePolicyText rejects malformed texts with file:line and what is wrong", () => {
  const INTRO = "近日,克拉玛依市制定出台《2022年优化营商环境提升服务效能42项措施》,具体涉及以下内容:";

  function corpusError(text: string, file = "corpus/policy/bad.txt"): CorpusError {
    try {
      parsePolicyText(text, file);
    } catch (err) {
      if (err instanceof CorpusError) return err;
      throw err;
    }
    throw new Error("expected a CorpusError");
  }

  it("accepts a minimal well-formed text (control for the cases below)", () => {
    const d = parsePolicyText(`${INTRO}\n1、深化改革。(市财政局负责)\n2、加强监管(市住建局负责)。\n本期编辑:某某\n`, "ok.txt");
    expect(d.measures.map((m) => [m.number, m.text, m.departments])).toEqual([
      [1, "深化改革。", ["市财政局"]],
      [2, "加强监管。", ["市住建局"]],
    ]);
  });

  it("a missing number (1、 then 3、)", () => {
    const err = corpusError(`${INTRO}\n1、深化改革(市财政局负责)。\n3、加强监管(市住建局负责)。\n`);
    expect(err.file).toBe("corpus/policy/bad.txt");
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:3: /);
    expect(err.message).toContain("measure 2 is missing");
  });

  it("a duplicate number", () => {
    const err = corpusError(`${INTRO}\n1、深化改革(市财政局负责)。\n2、加强监管(市住建局负责)。\n2、再次加强(市住建局负责)。\n`);
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:4: /);
    expect(err.message).toMatch(/duplicate measure number 2/);
  });

  it("a measure with no closing department parenthesis", () => {
    const err = corpusError(`${INTRO}\n1、深化改革(市财政局负责)。\n2、加强监管,提升效能。\n3、优化服务(市住建局负责)。\n`);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:3: /);
    expect(err.message).toMatch(/measure 2 .*departments/);
  });

  it("an unparseable line between measures", () => {
    const err = corpusError(`${INTRO}\n1、深化改革(市财政局负责)。\n附:以上措施自发布之日起施行\n2、加强监管(市住建局负责)。\n`);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:3: /);
    expect(err.message).toContain("unparseable line");
    expect(err.message).toContain("附:以上措施");
  });

  it("a measure after the trailer", () => {
    const err = corpusError(`${INTRO}\n1、深化改革(市财政局负责)。\n本期来源:办公室\n本期编辑:某某\n2、加强监管(市住建局负责)。\n`);
    expect(err.line).toBe(5);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:5: /);
    expect(err.message).toContain("after the trailing");
  });

  it("an empty file", () => {
    const err = corpusError("");
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:1: /);
    expect(err.message).toContain("no numbered measures");
  });

  it("a closing parenthesis that names no department", () => {
    const err = corpusError(`${INTRO}\n1、深化改革(负责)。\n`);
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:2: .*names no department/);
  });

  it("measures with no 《title》 in the opening", () => {
    const err = corpusError(`具体涉及以下内容:\n1、深化改革(市财政局负责)。\n`);
    expect(err.message).toMatch(/^corpus\/policy\/bad\.txt:1: .*title/);
  });

  it("the real corpus with one line dropped, at that line", () => {
    const lines = raw.split("\n");
    const at = lines.findIndex((l) => l.startsWith("20、"));
    lines.splice(at, 1);
    const err = corpusError(lines.join("\n"), "k.txt");
    expect(err.line).toBe(at + 1);
    expect(err.message).toBe(`k.txt:${at + 1}: measure 20 is missing (found 21 after 19)`);
  });
});
