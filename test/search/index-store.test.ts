import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Embeddings } from "@langchain/core/embeddings";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { corpusVocabulary, loadCorpus, type Corpus } from "../../src/policy/corpus.js";
import type { Measure } from "../../src/policy/measure.js";
import { buildIndex, diffMeasures, indexDir, isFresh, loadIndex, readManifest, searchableText } from "../../src/search/index-store.js";
import { LocalHashEmbeddings } from "../../src/search/local-embeddings.js";
import type { EmbedderId } from "../../src/search/manifest.js";
import { createTextAnalyzer, type TextAnalyzer } from "../../src/search/text.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY_NAME = "karamay-2022-business-environment-42-measures.txt";

/** An embedding service that is down. */
class RejectingEmbeddings extends Embeddings {
  constructor() {
    super({});
  }
  async embedDocuments(): Promise<number[][]> {
    throw new Error("embedding service unavailable");
  }
  async embedQuery(): Promise<number[]> {
    throw new Error("embedding service unavailable");
  }
}

let analyzer: TextAnalyzer;
let embeddings: LocalHashEmbeddings;
let embedder: EmbedderId;
let root: string;
let corpusDir: string;
let dataDir: string;

const policyPath = () => path.join(corpusDir, "policy", POLICY_NAME);
const editPolicy = (change: (text: string) => string) => fs.writeFileSync(policyPath(), change(fs.readFileSync(policyPath(), "utf8")));
const build = (corpus: Corpus, opts: { embeddings?: Embeddings; embedder?: EmbedderId } = {}) =>
  buildIndex({ dataDir, corpus, embeddings: opts.embeddings ?? embeddings, embedder: opts.embedder ?? embedder, analyzer });
/** Every file of the index folder with its bytes, to prove a failed build changed nothing. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f)).toString("base64")]),
  );

beforeAll(() => {
  const corpus = loadCorpus(path.join(REPO, "corpus"));
  analyzer = createTextAnalyzer(corpusVocabulary(corpus));
  embeddings = new LocalHashEmbeddings(analyzer);
  embedder = { name: embeddings.name, dimensions: embeddings.dimensions };
});

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "index-store-"));
  corpusDir = path.join(root, "corpus");
  dataDir = path.join(root, "data");
  fs.cpSync(path.join(REPO, "corpus"), corpusDir, { recursive: true });
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("buildIndex / loadIndex", () => {
  it("builds the real corpus into DATA_DIR/index with a manifest", async () => {
    const corpus = loadCorpus(corpusDir);
    expect(await readManifest(dataDir)).toBeNull();
    const { manifest, changes } = await build(corpus);

    expect(changes).toEqual({ added: Array.from({ length: 42 }, (_, i) => i + 1), changed: [], removed: [], previous: "none" });
    expect(manifest.format).toBe(1);
    expect(manifest.corpusHash).toBe(corpus.hash);
    expect(manifest.embedder).toEqual({ name: "local-hash-v1", dimensions: 1024 });
    expect(manifest.counts).toEqual({
      documents: 1,
      measures: 42,
      lexiconGroups: corpus.lexicon.length,
      departmentNames: corpus.departmentNames.size,
    });
    expect(manifest.documents).toHaveLength(1);
    expect(manifest.documents[0]).toMatchObject({ title: "2022年优化营商环境提升服务效能42项措施", year: 2022, measures: 42 });
    expect(Number.isNaN(Date.parse(manifest.builtAt))).toBe(false);

    expect(await readManifest(dataDir)).toEqual(manifest);
    expect(fs.readdirSync(dataDir)).toEqual(["index"]);
    expect(fs.readdirSync(indexDir(dataDir)).sort()).toEqual(["docstore.json", "hnsw.bin", "manifest.json", "measures.json", "terms.json"]);

    const loaded = await loadIndex(dataDir, embeddings);
    expect(loaded.manifest).toEqual(manifest);
    expect(loaded.corpus.measures).toEqual(corpus.measures);
    expect(loaded.corpus.lexicon).toEqual(corpus.lexicon);
    expect(new Map(loaded.corpus.departmentNames)).toEqual(corpus.departmentNames);
    expect(loaded.terms).toHaveLength(42);
    expect(loaded.terms[11]).toEqual(analyzer.terms(searchableText(corpus.measures[11]!)));
    expect(loaded.store.size).toBe(42);

    // The stored vector of measure 12 is its own nearest neighbour.
    const [nearest] = await loaded.store.similaritySearchVectorWithScore(await embeddings.embedQuery(searchableText(corpus.measures[11]!)), 1);
    expect(nearest![0].metadata).toEqual({ measure: 12 });
    expect(nearest![1]).toBeCloseTo(1, 4);
  });

  it("searchable text has the title, the text and the departments", () => {
    const m = loadCorpus(corpusDir).measures[10]!;
    const text = searchableText(m);
    expect(text.startsWith(`${m.title}。`)).toBe(true);
    expect(text).toContain(m.text);
    expect(text.endsWith("（国网克拉玛依供电有限公司、市发改委）")).toBe(true);
  });

  it("a rebuild with one measure's text changed reports that measure and nothing else", async () => {
    await build(loadCorpus(corpusDir));
    editPolicy((t) => t.replace("将供水报装办理周期压缩至12个工作日以内", "将供水报装办理周期压缩至10个工作日以内"));
    const changed = loadCorpus(corpusDir);
    const { changes, manifest } = await build(changed);
    expect(changes).toEqual({ added: [], changed: [12], removed: [], previous: "same-embedder" });
    expect(manifest.corpusHash).toBe(changed.hash);
    const loaded = await loadIndex(dataDir, embeddings);
    expect(loaded.corpus.measures[11]!.text).toContain("10个工作日以内");
  });

  it("a rebuild with a measure's departments changed reports it as changed", async () => {
    await build(loadCorpus(corpusDir));
    editPolicy((t) => t.replace("办理周期压缩至12个工作日以内(市住建局负责)", "办理周期压缩至12个工作日以内(市住建局、市发改委负责)"));
    const { changes } = await build(loadCorpus(corpusDir));
    expect(changes).toEqual({ added: [], changed: [12], removed: [], previous: "same-embedder" });
  });

  it("a rebuild of the same corpus reports no change", async () => {
    await build(loadCorpus(corpusDir));
    const { changes } = await build(loadCorpus(corpusDir));
    expect(changes).toEqual({ added: [], changed: [], removed: [], previous: "same-embedder" });
  });

  it("removing the last measure reports it removed; restoring it reports it added", async () => {
    const original = fs.readFileSync(policyPath(), "utf8");
    await build(loadCorpus(corpusDir));
    editPolicy((t) =>
      t
        .split("\n")
        .filter((l) => !l.startsWith("42、"))
        .join("\n"),
    );
    const shorter = loadCorpus(corpusDir);
    expect(shorter.measures).toHaveLength(41);
    const removed = await build(shorter);
    expect(removed.changes).toEqual({ added: [], changed: [], removed: [42], previous: "same-embedder" });
    expect(removed.manifest.counts.measures).toBe(41);
    expect((await loadIndex(dataDir, embeddings)).store.size).toBe(41);

    fs.writeFileSync(policyPath(), original);
    const restored = await build(loadCorpus(corpusDir));
    expect(restored.changes).toEqual({ added: [42], changed: [], removed: [], previous: "same-embedder" });
  });

  it("a rebuild with another embedder says so", async () => {
    await build(loadCorpus(corpusDir));
    const small = new LocalHashEmbeddings(analyzer, 256);
    const { changes, manifest } = await build(loadCorpus(corpusDir), { embeddings: small, embedder: { name: small.name, dimensions: 256 } });
    expect(changes.previous).toBe("other-embedder");
    expect(manifest.embedder).toEqual({ name: "local-hash-v1", dimensions: 256 });
    const loaded = await loadIndex(dataDir, small);
    expect((await loaded.store.similaritySearchVectorWithScore(await small.embedQuery("供水报装"), 1))).toHaveLength(1);
  });

  it("a build that throws midway leaves the previous index loadable and unchanged", async () => {
    const corpus = loadCorpus(corpusDir);
    const first = await build(corpus);
    const before = snapshot(indexDir(dataDir));

    editPolicy((t) => t.replace("将供水报装办理周期压缩至12个工作日以内", "将供水报装办理周期压缩至10个工作日以内"));
    const changed = loadCorpus(corpusDir);
    await expect(build(changed, { embeddings: new RejectingEmbeddings() })).rejects.toThrow("embedding service unavailable");

    expect(snapshot(indexDir(dataDir))).toEqual(before);
    expect(fs.readdirSync(dataDir)).toEqual(["index"]); // no temp folder left behind
    expect(await readManifest(dataDir)).toEqual(first.manifest);
    const loaded = await loadIndex(dataDir, embeddings);
    expect(loaded.manifest.corpusHash).toBe(corpus.hash);
    expect(loaded.corpus.measures[11]!.text).toContain("12个工作日以内");
    expect(loaded.store.size).toBe(42);
    // The stale index is still recognised as stale for the changed corpus.
    expect(isFresh(await readManifest(dataDir), changed, embedder)).toBe(false);

    // And the next good build still diffs against the index that survived.
    const { changes } = await build(changed);
    expect(changes.changed).toEqual([12]);
  });

  it("a first build that throws leaves no index and no temp folder", async () => {
    await expect(build(loadCorpus(corpusDir), { embeddings: new RejectingEmbeddings() })).rejects.toThrow();
    expect(await readManifest(dataDir)).toBeNull();
    expect(fs.existsSync(indexDir(dataDir))).toBe(false);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe("isFresh", () => {
  it("is true for the corpus and embedder the index was built with, false otherwise", async () => {
    const corpus = loadCorpus(corpusDir);
    expect(isFresh(await readManifest(dataDir), corpus, embedder)).toBe(false); // no index yet
    await build(corpus);
    const manifest = await readManifest(dataDir);
    expect(isFresh(manifest, corpus, embedder)).toBe(true);
    expect(isFresh(manifest, loadCorpus(corpusDir), embedder)).toBe(true);

    expect(isFresh(manifest, corpus, { name: "other-embedder", dimensions: 1024 })).toBe(false);
    expect(isFresh(manifest, corpus, { name: embedder.name, dimensions: 512 })).toBe(false);

    editPolicy((t) => t.replace("将供水报装办理周期压缩至12个工作日以内", "将供水报装办理周期压缩至10个工作日以内"));
    expect(isFresh(manifest, loadCorpus(corpusDir), embedder)).toBe(false);
  });

  it("goes stale when only the lexicon or the department aliases change", async () => {
    await build(loadCorpus(corpusDir));
    const manifest = await readManifest(dataDir);
    fs.appendFileSync(path.join(corpusDir, "lexicon.txt"), "\n停车 ~ 车位\n");
    expect(isFresh(manifest, loadCorpus(corpusDir), embedder)).toBe(false);
    await build(loadCorpus(corpusDir));
    const rebuilt = await readManifest(dataDir);
    expect(isFresh(rebuilt, loadCorpus(corpusDir), embedder)).toBe(true);
    fs.appendFileSync(path.join(corpusDir, "departments.txt"), "\n市税务局: 税局\n");
    expect(isFresh(rebuilt, loadCorpus(corpusDir), embedder)).toBe(false);
  });

  it("readManifest is null for an unreadable manifest", async () => {
    fs.mkdirSync(indexDir(dataDir), { recursive: true });
    fs.writeFileSync(path.join(indexDir(dataDir), "manifest.json"), "{not json");
    expect(await readManifest(dataDir)).toBeNull();
    fs.writeFileSync(path.join(indexDir(dataDir), "manifest.json"), JSON.stringify({ format: 99 }));
    expect(await readManifest(dataDir)).toBeNull();
  });
});

describe("diffMeasures", () => {
  const m = (number: number, text: string, departments = ["市住建局"]): Measure => ({
    number,
    title: text.slice(0, 5),
    text,
    sentences: [text],
    departments,
    document: "doc",
    year: 2022,
    source: { file: "f.txt", line: number + 2 },
  });

  it("with no previous index everything is added", () => {
    expect(diffMeasures(null, [m(1, "甲。"), m(2, "乙。")])).toEqual({ added: [1, 2], changed: [], removed: [], previous: "none" });
  });

  it("compares by number: text and departments count, the source line does not", () => {
    const before = [m(1, "甲。"), m(2, "乙。"), m(3, "丙。")];
    const after = [{ ...m(1, "甲。"), source: { file: "f.txt", line: 99 } }, m(2, "乙。", ["市财政局"]), m(4, "丁。")];
    expect(diffMeasures(before, after)).toEqual({ added: [4], changed: [2], removed: [3], previous: "same-embedder" });
  });
});
