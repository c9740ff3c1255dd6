import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusVocabulary, loadCorpus } from "../../src/policy/corpus.js";
import type { Embedder } from "../../src/search/embedder.js";
import { withBuildLock } from "../../src/search/build-lock.js";
import { buildIndex, loadIndex, searchableText } from "../../src/search/index-store.js";
import { Lexicon } from "../../src/search/lexicon.js";
import { LOCAL_EMBEDDER, LocalVectorSearch } from "../../src/search/local-vectors.js";
import { Retriever } from "../../src/search/retriever.js";
import { createTextAnalyzer } from "../../src/search/text.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let dataDir: string;
let retriever: Retriever;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "retriever-"));
  const corpus = loadCorpus(path.join(REPO, "corpus"));
  const analyzer = createTextAnalyzer(corpusVocabulary(corpus));
  const embedder: Embedder = { kind: "local", id: LOCAL_EMBEDDER };
  await withBuildLock(dataDir, (lock) => buildIndex({ lock, corpus, embedder, analyzer }));
  const index = await loadIndex(dataDir, embedder);
  retriever = new Retriever(index.corpus.measures, index.terms, new LocalVectorSearch(analyzer, index.terms), analyzer, new Lexicon(index.corpus.lexicon));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const top = async (query: string) => (await retriever.search(query)).hits.map((h) => h.measure.number);

describe("Retriever.search on the real corpus", () => {
  it("小微企业办电要几天 → 11 (获得电力) first", async () => {
    const { hits, expansion } = await retriever.search("小微企业办电要几天");
    expect(hits[0]!.measure.number).toBe(11);
    expect(hits[0]!.measure.title).toBe("全面提升“获得电力”服务水平");
    expect(expansion.synonymsOf.get("办电")).toContain("供电报装");
    expect(hits[0]!.bm25).toBeGreaterThan(hits[1]?.bm25 ?? 0);
    expect(hits[0]!.cosine).toBeGreaterThan(0);
  });

  it("供水报装 → 12 first", async () => {
    const { hits } = await retriever.search("供水报装");
    expect(hits[0]!.measure.number).toBe(12);
    expect(hits[0]!.measure.departments).toEqual(["市住建局"]);
  });

  it("other plain questions find their measure first", async () => {
    expect((await top("开公司要多久"))[0]).toBe(1);
    expect((await top("暖气报装"))[0]).toBe(13);
    expect((await top("不动产登记几天办完"))[0]).toBe(15);
  });

  it("hits are ranked by fused score, capped at k, and every hit shares a term with the question", async () => {
    const { hits } = await retriever.search("供水报装", 3);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    for (const h of hits) expect(h.bm25).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.measure.number)).size).toBe(hits.length);
  });

  it("a question with no content words finds nothing", async () => {
    expect((await retriever.search("吗？")).hits).toEqual([]);
    expect((await retriever.search("")).hits).toEqual([]);
  });

  it("the vector ranking is the exact nearest measures by the local embedder's cosine", async () => {
    const ranked = await retriever.vectors.search("供水报装要几个工作日", 42);
    expect(ranked[0]!.index).toBe(11);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
    expect(ranked[0]!.score).toBeLessThanOrEqual(1);
  });

  it("rankWithin ranks only the given measures, by BM25 of the question", () => {
    const within = [0, 4, 11, 12]; // measures 1, 5, 12, 13
    const ranked = retriever.rankWithin("供水报装", within, 20);
    expect(ranked[0]!.index).toBe(11);
    for (const r of ranked) expect(within).toContain(r.index);
    expect(retriever.rankWithin("供水报装", [0], 20).every((r) => r.index === 0)).toBe(true);
    expect(searchableText(retriever.measure(12)!)).toContain("供水");
  });

  it("lexicalSearch, inCorpus and measure lookups", () => {
    expect(retriever.lexicalSearch("供水报装", 1)[0]!.measure.number).toBe(12);
    expect(retriever.inCorpus("供水")).toBe(true);
    expect(retriever.inCorpus("火箭发射")).toBe(false);
    expect(retriever.measure(29)?.departments).toEqual(["市中级人民法院"]);
    expect(retriever.measure(43)).toBeUndefined();
  });
});
