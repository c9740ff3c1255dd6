import { beforeAll, describe, expect, it } from "vitest";
import { LocalHashEmbeddings } from "../../src/search/local-embeddings.js";
import { createTextAnalyzer, type TextAnalyzer } from "../../src/search/text.js";

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

let analyzer: TextAnalyzer;
beforeAll(() => {
  analyzer = createTextAnalyzer(["供水报装", "接电"]);
});

describe("LocalHashEmbeddings", () => {
  it("is named and has 1024 dimensions by default", async () => {
    const e = new LocalHashEmbeddings(analyzer);
    expect(e.name).toBe("local-hash-v1");
    expect(LocalHashEmbeddings.NAME).toBe("local-hash-v1");
    expect(e.dimensions).toBe(1024);
    expect(await e.embedQuery("供水报装")).toHaveLength(1024);
    expect(await new LocalHashEmbeddings(analyzer, 64).embedQuery("供水报装")).toHaveLength(64);
  });

  it("is deterministic across calls, instances and analyzers", async () => {
    const text = "小微企业供电报装办理周期压缩至2日";
    const a = await new LocalHashEmbeddings(analyzer).embedQuery(text);
    const b = await new LocalHashEmbeddings(analyzer).embedQuery(text);
    const c = await new LocalHashEmbeddings(createTextAnalyzer(["供水报装", "接电"])).embedQuery(text);
    const [d] = await new LocalHashEmbeddings(analyzer).embedDocuments([text]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(d).toEqual(a);
  });

  it("L2-normalises every vector", async () => {
    const vectors = await new LocalHashEmbeddings(analyzer).embedDocuments(["供水报装", "一件事一次办主题套餐", "知识产权质押贷款 loan"]);
    for (const v of vectors) {
      expect(norm(v)).toBeCloseTo(1, 10);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(vectors[0]).not.toEqual(vectors[1]);
  });

  it("puts similar texts closer than unrelated ones", async () => {
    const e = new LocalHashEmbeddings(analyzer);
    const [measure, question, unrelated] = await e.embedDocuments([
      "进一步优化工作流程,实现容缺受理,将供水报装办理周期压缩至12个工作日以内",
      "供水报装要多少个工作日",
      "鼓励辖区银行业金融机构提供信用贷款、知识产权质押贷款",
    ]);
    expect(dot(measure!, question!)).toBeGreaterThan(dot(measure!, unrelated!));
    expect(dot(measure!, question!)).toBeGreaterThan(0.2);
    expect(dot(measure!, measure!)).toBeCloseTo(1, 10);
  });
});
