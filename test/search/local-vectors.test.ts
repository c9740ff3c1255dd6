import { beforeAll, describe, expect, it } from "vitest";
import { featureWeight, LOCAL_EMBEDDER, sparseVector } from "../../src/search/local-vectors.js";
import { TermIndex } from "../../src/search/term-index.js";
import { createTextAnalyzer, type TextAnalyzer } from "../../src/search/text.js";

const dot = (a: Map<string, number>, b: Map<string, number>) => [...a].reduce((s, [t, w]) => s + w * (b.get(t) ?? 0), 0);
const norm = (a: Map<string, number>) => Math.sqrt(dot(a, a));

let analyzer: TextAnalyzer;
beforeAll(() => {
  analyzer = createTextAnalyzer(["供水报装", "接电"]);
});

describe("the local embedder's sparse vectors", () => {
  it("is named, and sparse (0 dimensions)", () => {
    expect(LOCAL_EMBEDDER).toEqual({ name: "local-sparse-v1", dimensions: 0 });
  });

  it("weighs jieba words by general IDF and character pairs at half", () => {
    expect(featureWeight(analyzer, "报装")).toBe(analyzer.idf("报装"));
    expect(featureWeight(analyzer, "~报装")).toBe(0.5 * analyzer.idf("报装"));
    const v = sparseVector(analyzer, "供水报装 供水报装");
    // Every term twice: (1 + ln 2)·weight before normalisation, so ratios follow the weights.
    expect(v.get("~报装")! / v.get("报装")!).toBeCloseTo(0.5, 10);
  });

  it("is deterministic and L2-normalised; an empty text is an empty vector", () => {
    const text = "小微企业供电报装办理周期压缩至2日";
    const a = sparseVector(analyzer, text);
    expect(sparseVector(createTextAnalyzer(["供水报装", "接电"]), text)).toEqual(a);
    expect(norm(a)).toBeCloseTo(1, 10);
    expect(sparseVector(analyzer, "吗？")).toEqual(new Map());
  });

  it("puts similar texts closer than unrelated ones", () => {
    const measure = sparseVector(analyzer, "进一步优化工作流程,实现容缺受理,将供水报装办理周期压缩至12个工作日以内");
    const question = sparseVector(analyzer, "供水报装要多少个工作日");
    const unrelated = sparseVector(analyzer, "鼓励辖区银行业金融机构提供信用贷款、知识产权质押贷款");
    expect(dot(measure, question)).toBeGreaterThan(0.2);
    expect(dot(measure, question)).toBeGreaterThan(dot(measure, unrelated));
  });

  it("the term index's cosine column scores exactly the dot product of the two vectors", () => {
    const texts = ["将供水报装办理周期压缩至12个工作日以内", "低压小微企业供电报装办理周期压缩至2日", "鼓励银行提供信用贷款"];
    const index = TermIndex.build(texts.map((t) => analyzer.terms(t)), (t) => featureWeight(analyzer, t));
    const q = sparseVector(analyzer, "供水报装几天");
    const hits = index.cosine(q, 3);
    expect(hits[0]!.index).toBe(0);
    for (const h of hits) expect(h.score).toBeCloseTo(dot(q, sparseVector(analyzer, texts[h.index]!)), 6);
  });
});
