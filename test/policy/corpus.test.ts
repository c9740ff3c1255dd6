import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CorpusError } from "../../src/policy/corpus-error.js";
import { corpusVocabulary, loadCorpus, parseLexicon } from "../../src/policy/corpus.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY_NAME = "karamay-2022-business-environment-42-measures.txt";

let dir: string;
const policyPath = () => path.join(dir, "policy", POLICY_NAME);
const lexiconPath = () => path.join(dir, "lexicon.txt");
const aliasesPath = () => path.join(dir, "departments.txt");
const edit = (file: string, change: (text: string) => string) => fs.writeFileSync(file, change(fs.readFileSync(file, "utf8")));
const lineCount = (file: string) => fs.readFileSync(file, "utf8").split("\n").length;

function corpusError(fn: () => unknown): CorpusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CorpusError) return err;
    throw err;
  }
  throw new Error("expected a CorpusError");
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corpus-test-"));
  fs.cpSync(path.join(REPO, "corpus"), dir, { recursive: true });
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("loadCorpus on a copy of corpus/", () => {
  it("parses the one policy document into 42 measures", () => {
    const corpus = loadCorpus(dir);
    expect(corpus.documents).toHaveLength(1);
    expect(corpus.documents[0]!.title).toBe("2022年优化营商环境提升服务效能42项措施");
    expect(corpus.measures.map((m) => m.number)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(corpus.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("parses the lexicon into synonym groups, skipping comments and blank lines", () => {
    const { lexicon } = loadCorpus(dir);
    const meaningful = fs
      .readFileSync(lexiconPath(), "utf8")
      .split("\n")
      .map((l) => l.replace(/#.*$/, "").trim())
      .filter(Boolean);
    expect(lexicon).toHaveLength(meaningful.length);
    expect(lexicon[0]).toEqual(["开公司", "开店", "开办企业", "企业开办", "注册公司", "注册登记", "办执照", "新开", "创办", "开张"]);
    expect(lexicon).toContainEqual(["医保", "医疗保险"]);
    expect(lexicon).toContainEqual(["loan", "贷款"]);
    for (const group of lexicon) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const term of group) {
        expect(term).toBe(term.trim());
        expect(term).not.toMatch(/[~#]/);
      }
    }
  });

  it("maps short forms and aliases of departments to the full names in the text", () => {
    const { departmentNames } = loadCorpus(dir);
    expect(departmentNames.get("住建局")).toBe("市住建局");
    expect(departmentNames.get("市中院")).toBe("市中级人民法院");
    expect(departmentNames.get("供电公司")).toBe("国网克拉玛依供电有限公司");
    expect(departmentNames.get("市场监管局")).toBe("市市场监管局");
    expect(departmentNames.get("财政局")).toBe("市财政局");
    expect(departmentNames.get("发改委")).toBe("市发改委");
    expect(departmentNames.get("政务服务中心")).toBe("市政务服务和公共资源交易中心");
    // Full names map to themselves; a name that is no department is absent.
    expect(departmentNames.get("市市场监管局")).toBe("市市场监管局");
    expect(departmentNames.get("金融办")).toBe("金融办");
    expect(departmentNames.has("教育局")).toBe(false);
    // Every target is a department some measure names.
    const full = new Set(loadCorpus(dir).measures.flatMap((m) => m.departments));
    for (const target of departmentNames.values()) expect(full.has(target)).toBe(true);
  });

  it("the vocabulary for the segmenter has lexicon terms and department names", () => {
    const vocabulary = corpusVocabulary(loadCorpus(dir));
    expect(vocabulary).toContain("接电");
    expect(vocabulary).toContain("开公司");
    expect(vocabulary).toContain("市中院");
    expect(vocabulary).toContain("住建局");
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
  });

  it("the hash is stable and changes when the policy text changes", () => {
    const before = loadCorpus(dir).hash;
    expect(loadCorpus(dir).hash).toBe(before);
    edit(policyPath(), (t) => t.replace("将供水报装办理周期压缩至12个工作日以内", "将供水报装办理周期压缩至10个工作日以内"));
    const after = loadCorpus(dir).hash;
    expect(after).not.toBe(before);
    edit(policyPath(), (t) => t.replace("将供水报装办理周期压缩至10个工作日以内", "将供水报装办理周期压缩至12个工作日以内"));
    expect(loadCorpus(dir).hash).toBe(before);
  });

  it("the hash changes when the lexicon changes", () => {
    const before = loadCorpus(dir).hash;
    edit(lexiconPath(), (t) => `${t}\n停车 ~ 车位\n`);
    expect(loadCorpus(dir).hash).not.toBe(before);
  });

  it("the hash changes when the department aliases change", () => {
    const before = loadCorpus(dir).hash;
    edit(aliasesPath(), (t) => `${t}\n市税务局: 税局\n`);
    const corpus = loadCorpus(dir);
    expect(corpus.hash).not.toBe(before);
    expect(corpus.departmentNames.get("税局")).toBe("市税务局");
  });

  it("the hash changes when a policy file is renamed", () => {
    const before = loadCorpus(dir).hash;
    fs.renameSync(policyPath(), path.join(dir, "policy", "renamed.txt"));
    expect(loadCorpus(dir).hash).not.toBe(before);
  });

  it("rejects a lexicon line with a single term, at its file:line", () => {
    edit(lexiconPath(), (t) => `${t.replace(/\n*$/, "")}\n开公司\n`);
    const line = lineCount(lexiconPath()) - 1;
    const err = corpusError(() => loadCorpus(dir));
    expect(err.file).toBe(lexiconPath());
    expect(err.line).toBe(line);
    expect(err.message.startsWith(`${lexiconPath()}:${line}: `)).toBe(true);
    expect(err.message).toContain("at least two terms");
  });

  it("rejects an alias for a department the policy text does not name, at its file:line", () => {
    edit(aliasesPath(), (t) => `${t.replace(/\n*$/, "")}\n市教育局: 教育局, 教委\n`);
    const line = lineCount(aliasesPath()) - 1;
    const err = corpusError(() => loadCorpus(dir));
    expect(err.file).toBe(aliasesPath());
    expect(err.line).toBe(line);
    expect(err.message.startsWith(`${aliasesPath()}:${line}: `)).toBe(true);
    expect(err.message).toContain("市教育局");
    expect(err.message).toContain("not a department named in the policy text");
  });

  it("rejects an alias line without a colon", () => {
    edit(aliasesPath(), (t) => `${t.replace(/\n*$/, "")}\n市税务局 税局\n`);
    const err = corpusError(() => loadCorpus(dir));
    expect(err.file).toBe(aliasesPath());
    expect(err.line).toBe(lineCount(aliasesPath()) - 1);
  });

  it("reports a broken policy text at its line", () => {
    const line = fs.readFileSync(policyPath(), "utf8").split("\n").findIndex((l) => l.startsWith("12、")) + 1;
    edit(policyPath(), (t) => t.replace("(市住建局负责)。\n13、", "。\n13、"));
    const err = corpusError(() => loadCorpus(dir));
    expect(err.file.endsWith(POLICY_NAME)).toBe(true);
    expect(line).toBeGreaterThan(0);
    expect(err.line).toBe(line);
    expect(err.message).toContain("measure 12");
  });

  it("rejects the same document twice (a copy left behind), naming both files", () => {
    fs.copyFileSync(policyPath(), path.join(dir, "policy", "copy.txt"));
    const err = corpusError(() => loadCorpus(dir));
    expect(err.file.endsWith(POLICY_NAME)).toBe(true);
    expect(err.line).toBe(1);
    expect(err.message).toContain(`《2022年优化营商环境提升服务效能42项措施》 is also in`);
    expect(err.message).toContain("copy.txt");
  });

  it("rejects a corpus with no policy folder or no policy text", () => {
    fs.rmSync(policyPath());
    expect(corpusError(() => loadCorpus(dir)).message).toContain("no policy text");
    fs.rmSync(path.join(dir, "policy"), { recursive: true });
    expect(corpusError(() => loadCorpus(dir)).message).toContain("policy folder not found");
  });
});

describe("parseLexicon", () => {
  it("splits on ~, trims, ignores comments, and reports the line number of a bad group", () => {
    expect(parseLexicon("# c\n\na ~ b ~ c # trailing\n x~y \n", "lex.txt")).toEqual([
      ["a", "b", "c"],
      ["x", "y"],
    ]);
    const err = corpusError(() => parseLexicon("a ~ b\n# c\nonly ~  \n", "lex.txt"));
    expect(err.message).toMatch(/^lex\.txt:3: /);
  });
});
