import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Embeddings } from "@langchain/core/embeddings";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { corpusVocabulary, loadCorpus, type Corpus } from "../../src/policy/corpus.js";
import type { Measure } from "../../src/policy/measure.js";
import { BUILD_LOCK_FILE, withBuildLock } from "../../src/search/build-lock.js";
import type { Embedder } from "../../src/search/embedder.js";
import { IndexDamagedError } from "../../src/search/index-damage.js";
import { buildIndex, diffMeasures, indexDir, indexRoot, isFresh, loadIndex, readManifest, searchableText, storedVocabulary } from "../../src/search/index-store.js";
import { featureWeight, LOCAL_EMBEDDER, sparseVector } from "../../src/search/local-vectors.js";
import { analyzerFingerprint, createTextAnalyzer, type TextAnalyzer } from "../../src/search/text.js";

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

/** Dense vectors by character, so an endpoint's path can be built without one. */
class CharEmbeddings extends Embeddings {
  constructor() {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }
  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }
  private vector(text: string): number[] {
    const v = new Array<number>(16).fill(0);
    for (const c of text) v[c.charCodeAt(0) % 16]! += 1;
    return v;
  }
}

const local: Embedder = { kind: "local", id: LOCAL_EMBEDDER };
const dense = (embeddings: Embeddings = new CharEmbeddings()): Embedder => ({ kind: "dense", id: { name: "test-dense", dimensions: 16 }, embeddings });

let analyzer: TextAnalyzer;
let root: string;
let corpusDir: string;
let dataDir: string;

const policyPath = () => path.join(corpusDir, "policy", POLICY_NAME);
const editPolicy = (change: (text: string) => string) => fs.writeFileSync(policyPath(), change(fs.readFileSync(policyPath(), "utf8")));
const build = (corpus: Corpus, embedder: Embedder = local) => withBuildLock(dataDir, (lock) => buildIndex({ lock, corpus, embedder, analyzer }));
/** Every file of the index folder with its bytes, to prove a failed build changed nothing. */
/** DATA_DIR's entries but the build lock, which stays once a build has run. */
const dataEntries = () => fs.readdirSync(dataDir).filter((f) => f !== BUILD_LOCK_FILE);
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

    expect(changes).toEqual({ added: Array.from({ length: 42 }, (_, i) => ({ number: i + 1 })), changed: [], removed: [], previous: "none" });
    expect(manifest.format).toBe(4);
    expect(manifest.corpusHash).toBe(corpus.hash);
    expect(manifest.embedder).toEqual({ name: "local-sparse-v1", dimensions: 0 });
    expect(manifest.counts).toEqual({
      documents: 1,
      measures: 42,
      lexiconGroups: corpus.lexicon.length,
      departmentNames: corpus.departmentNames.size,
      terms: expect.any(Number),
      postings: expect.any(Number),
      idfWords: analyzer.idfTable.size,
      dictionaryWords: 349_045,
    });
    expect(manifest.documents).toHaveLength(1);
    expect(manifest.documents[0]).toMatchObject({ key: "karamay-2022-business-environment-42-measures", title: "2022年优化营商环境提升服务效能42项措施", year: 2022, measures: 42 });
    expect(Number.isNaN(Date.parse(manifest.builtAt))).toBe(false);

    expect(await readManifest(dataDir)).toEqual(manifest);
    expect(dataEntries()).toEqual(["index"]);
    // One version folder, named by `current`.
    expect(fs.readdirSync(indexRoot(dataDir)).sort()).toEqual([path.basename(indexDir(dataDir)), "current"].sort());
    const files = fs.readdirSync(indexDir(dataDir)).sort();
    expect(files).toEqual(["dictionary.bin", "idf.bin", "manifest.json", "measures.json", "terms.bin"]);
    for (const f of files.filter((f) => f !== "manifest.json")) expect(manifest.files[f]).toBe(fs.statSync(path.join(indexDir(dataDir), f)).size);

    const loaded = await loadIndex(dataDir, local);
    expect(loaded.manifest).toEqual(manifest);
    expect(loaded.corpus.measures).toEqual(corpus.measures);
    expect(loaded.corpus.lexicon).toEqual(corpus.lexicon);
    expect(new Map(loaded.corpus.departmentNames)).toEqual(corpus.departmentNames);
    expect(storedVocabulary(loaded.corpus)).toEqual(corpusVocabulary(corpus));
    expect(loaded.dense).toBeNull();
    expect(loaded.idf.size).toBe(analyzer.idfTable.size);
    expect(loaded.idf.get("企业")).toBe(analyzer.idf("企业"));

    // Measure 12 analysed once: every one of its terms is indexed, and its own vector finds it first with cosine 1.
    const terms = analyzer.terms(searchableText(corpus.measures[11]!));
    expect(loaded.terms.documents).toBe(42);
    for (const t of terms) expect(loaded.terms.has(t)).toBe(true);
    const [nearest] = loaded.terms.cosine(sparseVector(analyzer, searchableText(corpus.measures[11]!)), 1);
    expect(nearest!.index).toBe(11);
    expect(nearest!.score).toBeCloseTo(1, 5);
    expect(featureWeight(analyzer, "~供水")).toBeGreaterThan(0);
  });

  it("with an endpoint's embedder, the HNSW store is built beside the term index", async () => {
    const corpus = loadCorpus(corpusDir);
    const { manifest } = await build(corpus, dense());
    expect(manifest.embedder).toEqual({ name: "test-dense", dimensions: 16 });
    expect(fs.readdirSync(indexDir(dataDir)).sort()).toEqual(["dictionary.bin", "docstore.json", "hnsw.bin", "idf.bin", "manifest.json", "measures.json", "terms.bin"]);
    const loaded = await loadIndex(dataDir, dense());
    expect(loaded.dense?.store.size).toBe(42);
    const [hit] = await loaded.dense!.search(searchableText(corpus.measures[11]!), 1);
    expect(hit).toEqual({ index: 11, score: expect.closeTo(1, 4) });
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
    expect(changes).toEqual({ added: [], changed: [{ number: 12 }], removed: [], previous: "same-embedder" });
    expect(manifest.corpusHash).toBe(changed.hash);
    const loaded = await loadIndex(dataDir, local);
    expect(loaded.corpus.measures[11]!.text).toContain("10个工作日以内");
  });

  it("a rebuild with a measure's departments changed reports it as changed", async () => {
    await build(loadCorpus(corpusDir));
    editPolicy((t) => t.replace("办理周期压缩至12个工作日以内(市住建局负责)", "办理周期压缩至12个工作日以内(市住建局、市发改委负责)"));
    const { changes } = await build(loadCorpus(corpusDir));
    expect(changes).toEqual({ added: [], changed: [{ number: 12 }], removed: [], previous: "same-embedder" });
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
    expect(removed.changes).toEqual({ added: [], changed: [], removed: [{ number: 42 }], previous: "same-embedder" });
    expect(removed.manifest.counts.measures).toBe(41);
    expect((await loadIndex(dataDir, local)).terms.documents).toBe(41);

    fs.writeFileSync(policyPath(), original);
    const restored = await build(loadCorpus(corpusDir));
    expect(restored.changes).toEqual({ added: [{ number: 42 }], changed: [], removed: [], previous: "same-embedder" });
  });

  it("a rebuild with another embedder says so", async () => {
    await build(loadCorpus(corpusDir));
    const { changes, manifest } = await build(loadCorpus(corpusDir), dense());
    expect(changes.previous).toBe("other-embedder");
    expect(manifest.embedder).toEqual({ name: "test-dense", dimensions: 16 });
    expect(await (await loadIndex(dataDir, dense())).dense!.search("供水报装", 1)).toHaveLength(1);
    await expect(loadIndex(dataDir, local)).rejects.toThrow(/built with test-dense/);
  });

  it("a build that throws midway leaves the previous index loadable and unchanged", async () => {
    const corpus = loadCorpus(corpusDir);
    const first = await build(corpus);
    const before = snapshot(indexDir(dataDir));

    editPolicy((t) => t.replace("将供水报装办理周期压缩至12个工作日以内", "将供水报装办理周期压缩至10个工作日以内"));
    const changed = loadCorpus(corpusDir);
    await expect(build(changed, dense(new RejectingEmbeddings()))).rejects.toThrow("embedding service unavailable");

    expect(snapshot(indexDir(dataDir))).toEqual(before);
    expect(dataEntries()).toEqual(["index"]);
    expect(fs.readdirSync(indexRoot(dataDir)).sort()).toEqual([path.basename(indexDir(dataDir)), "current"].sort()); // no temp folder left behind
    expect(await readManifest(dataDir)).toEqual(first.manifest);
    const loaded = await loadIndex(dataDir, local);
    expect(loaded.manifest.corpusHash).toBe(corpus.hash);
    expect(loaded.corpus.measures[11]!.text).toContain("12个工作日以内");
    expect(loaded.terms.documents).toBe(42);
    // The stale index is still recognised as stale for the changed corpus.
    expect(isFresh(await readManifest(dataDir), changed, LOCAL_EMBEDDER)).toBe(false);

    // And the next good build still diffs against the index that survived.
    const { changes } = await build(changed);
    expect(changes.changed).toEqual([{ number: 12 }]);
  });

  it("a first build that throws leaves no index and no temp folder", async () => {
    await expect(build(loadCorpus(corpusDir), dense(new RejectingEmbeddings()))).rejects.toThrow();
    expect(await readManifest(dataDir)).toBeNull();
    expect(fs.existsSync(indexDir(dataDir))).toBe(false);
    expect(dataEntries()).toEqual([]);
  });
});

describe("versions beside each other", () => {
  it("a rebuild publishes a new version folder and removes the old one; an engine loaded before keeps working from memory", async () => {
    await build(loadCorpus(corpusDir));
    const first = indexDir(dataDir);
    const loadedBefore = await loadIndex(dataDir, local);
    const query = new Map(analyzer.terms("供水报装").map((t) => [t, 1]));
    const hitsBefore = loadedBefore.terms.bm25(query, 3);

    editPolicy((t) => t.replace("将供水报装办理周期压缩至12个工作日以内", "将供水报装办理周期压缩至10个工作日以内"));
    await build(loadCorpus(corpusDir));
    const second = indexDir(dataDir);
    expect(second).not.toBe(first);
    expect(fs.existsSync(first)).toBe(false);
    expect(fs.readdirSync(indexRoot(dataDir)).sort()).toEqual([path.basename(second), "current"].sort());
    // Nothing of the old version is read from disk after loading: its folder is gone and it still searches.
    expect(loadedBefore.terms.bm25(query, 3)).toEqual(hitsBefore);
    expect(hitsBefore[0]!.index).toBe(11);
    expect((await loadIndex(dataDir, local)).corpus.measures[11]!.text).toContain("10个工作日");
  });

  it("builds in one data folder wait for each other; the last one started is the one in use", async () => {
    const corpus = loadCorpus(corpusDir);
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstMayFinish = new Promise<void>((r) => (releaseFirst = r));
    const waits: string[] = [];
    const first = withBuildLock(dataDir, async (lock) => {
      order.push("first starts");
      await firstMayFinish;
      const built = await buildIndex({ lock, corpus, embedder: local, analyzer });
      order.push("first done");
      return built;
    });
    const second = withBuildLock(
      dataDir,
      async (lock) => {
        order.push("second starts");
        return buildIndex({ lock, corpus, embedder: local, analyzer });
      },
      { onWait: () => (waits.push("second waits"), releaseFirst()) },
    );
    const [a, b] = await Promise.all([first, second]);
    expect(order).toEqual(["first starts", "first done", "second starts"]);
    expect(waits).toEqual(["second waits"]);
    expect(a.manifest.builtAt <= b.manifest.builtAt).toBe(true);
    expect(await readManifest(dataDir)).toEqual(b.manifest);
    expect(fs.readdirSync(indexRoot(dataDir))).toHaveLength(2); // current and the second's version
  });

  it("a pointer naming a folder that is gone is a damaged index, not a hang", async () => {
    await build(loadCorpus(corpusDir));
    fs.rmSync(indexDir(dataDir), { recursive: true });
    await expect(loadIndex(dataDir, local)).rejects.toThrow(IndexDamagedError);
    expect(await readManifest(dataDir)).toBeNull();
  });

  it("an index of the old single-folder layout is not taken for one, and the next build clears it", async () => {
    await build(loadCorpus(corpusDir));
    const version = indexDir(dataDir);
    for (const f of fs.readdirSync(version)) fs.copyFileSync(path.join(version, f), path.join(indexRoot(dataDir), f));
    fs.rmSync(path.join(indexRoot(dataDir), "current"));
    fs.rmSync(version, { recursive: true });
    expect(await readManifest(dataDir)).toBeNull();
    await build(loadCorpus(corpusDir));
    expect(fs.readdirSync(indexRoot(dataDir)).sort()).toEqual([path.basename(indexDir(dataDir)), "current"].sort());
  });
});

describe("isFresh", () => {
  it("is true for the corpus and embedder the index was built with, false otherwise", async () => {
    const corpus = loadCorpus(corpusDir);
    expect(isFresh(await readManifest(dataDir), corpus, LOCAL_EMBEDDER)).toBe(false); // no index yet
    await build(corpus);
    const manifest = await readManifest(dataDir);
    expect(isFresh(manifest, corpus, LOCAL_EMBEDDER)).toBe(true);
    expect(isFresh(manifest, loadCorpus(corpusDir), LOCAL_EMBEDDER)).toBe(true);

    expect(isFresh(manifest, corpus, { name: "other-embedder", dimensions: 0 })).toBe(false);
    expect(isFresh(manifest, corpus, { name: LOCAL_EMBEDDER.name, dimensions: 512 })).toBe(false);

    editPolicy((t) => t.replace("将供水报装办理周期压缩至12个工作日以内", "将供水报装办理周期压缩至10个工作日以内"));
    expect(isFresh(manifest, loadCorpus(corpusDir), LOCAL_EMBEDDER)).toBe(false);
  });

  it("goes stale when only the lexicon or the department aliases change", async () => {
    await build(loadCorpus(corpusDir));
    const manifest = await readManifest(dataDir);
    fs.appendFileSync(path.join(corpusDir, "lexicon.txt"), "\n停车 ~ 车位\n");
    expect(isFresh(manifest, loadCorpus(corpusDir), LOCAL_EMBEDDER)).toBe(false);
    await build(loadCorpus(corpusDir));
    const rebuilt = await readManifest(dataDir);
    expect(isFresh(rebuilt, loadCorpus(corpusDir), LOCAL_EMBEDDER)).toBe(true);
    fs.appendFileSync(path.join(corpusDir, "departments.txt"), "\n市税务局: 税局\n");
    expect(isFresh(rebuilt, loadCorpus(corpusDir), LOCAL_EMBEDDER)).toBe(false);
  });

  it("goes stale when the index was built under other analyzer settings, or before they were kept (rebuilt once after an upgrade)", async () => {
    const corpus = loadCorpus(corpusDir);
    await build(corpus);
    const manifest = (await readManifest(dataDir))!;
    expect(manifest.analyzer).toBe(analyzerFingerprint());
    expect(isFresh({ ...manifest, analyzer: `${manifest.analyzer}x` }, corpus, LOCAL_EMBEDDER)).toBe(false);
    const { analyzer: _, ...older } = manifest;
    expect(isFresh(older, corpus, LOCAL_EMBEDDER)).toBe(false);
  });

  it("readManifest is null for an unreadable manifest", async () => {
    await build(loadCorpus(corpusDir));
    fs.writeFileSync(path.join(indexDir(dataDir), "manifest.json"), "{not json");
    expect(await readManifest(dataDir)).toBeNull();
    fs.writeFileSync(path.join(indexDir(dataDir), "manifest.json"), JSON.stringify({ format: 99 }));
    expect(await readManifest(dataDir)).toBeNull();
  });
});

describe("loadIndex checks what it loads against the manifest", () => {
  const file = (name: string) => path.join(indexDir(dataDir), name);
  const damage = async (change: () => void) => {
    await build(loadCorpus(corpusDir));
    change();
    return loadIndex(dataDir, local).then(
      () => null,
      (err: unknown) => err,
    );
  };

  it.each(["terms.bin", "idf.bin", "dictionary.bin", "measures.json"])("%s cut short: IndexDamagedError naming the file", async (name) => {
    const err = await damage(() => fs.truncateSync(file(name), Math.floor(fs.statSync(file(name)).size / 2)));
    expect(err).toBeInstanceOf(IndexDamagedError);
    expect((err as IndexDamagedError).file).toBe(file(name));
    expect((err as Error).message).toMatch(/bytes, the manifest says/);
  });

  it("a file missing, or the manifest unreadable: IndexDamagedError", async () => {
    expect(await damage(() => fs.rmSync(file("terms.bin")))).toBeInstanceOf(IndexDamagedError);
    expect(await damage(() => fs.writeFileSync(file("manifest.json"), "{\"format\": 2, "))).toBeInstanceOf(IndexDamagedError);
  });

  it("same size but other contents: the counts or the structure give it away", async () => {
    const sameSize = (name: string, edit: (text: string) => string) => () => {
      const text = fs.readFileSync(file(name), "utf8");
      const edited = edit(text);
      expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
      fs.writeFileSync(file(name), edited);
    };
    // JSON whose end was lost, the same length of zeros in its place.
    const cut = await damage(() => {
      const bytes = fs.readFileSync(file("measures.json"));
      bytes.fill(0, bytes.length - 40);
      fs.writeFileSync(file("measures.json"), bytes);
    });
    expect(cut).toBeInstanceOf(IndexDamagedError);
    // A valid JSON with one measure fewer, padded to the same length.
    const fewer = await damage(
      sameSize("measures.json", (t) => {
        const stored = JSON.parse(t) as { measures: unknown[] };
        stored.measures.pop();
        const json = JSON.stringify(stored);
        return json + " ".repeat(Buffer.byteLength(t) - Buffer.byteLength(json));
      }),
    );
    expect((fewer as Error).message).toMatch(/measures differ from the manifest's 42/);
    // A binary file's header overwritten.
    const header = await damage(() => {
      const bytes = fs.readFileSync(file("terms.bin"));
      bytes.write("XXXX", 0, "latin1");
      fs.writeFileSync(file("terms.bin"), bytes);
    });
    expect((header as Error).message).toMatch(/terms\.bin: not an index file/);
  });

  it("a cut HNSW graph is caught by its size before hnswlib reads it", async () => {
    await build(loadCorpus(corpusDir), dense());
    fs.truncateSync(file("hnsw.bin"), 100);
    await expect(loadIndex(dataDir, dense())).rejects.toThrow(IndexDamagedError);
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
    expect(diffMeasures(null, [m(1, "甲。"), m(2, "乙。")])).toEqual({ added: [{ number: 1 }, { number: 2 }], changed: [], removed: [], previous: "none" });
  });

  it("compares by number: text and departments count, the source line does not", () => {
    const before = [m(1, "甲。"), m(2, "乙。"), m(3, "丙。")];
    const after = [{ ...m(1, "甲。"), source: { file: "f.txt", line: 99 } }, m(2, "乙。", ["市财政局"]), m(4, "丁。")];
    expect(diffMeasures(before, after)).toEqual({ added: [{ number: 4 }], changed: [{ number: 2 }], removed: [{ number: 3 }], previous: "same-embedder" });
  });

  it("with several documents a measure is its document and number, and changes name the document", () => {
    const of = (doc: string, title: string, year: number) => (x: Measure): Measure => ({ ...x, doc, document: title, year, source: { file: `policy/${doc}.txt`, line: x.source.line } });
    const a = of("a-2022", "2022年甲", 2022);
    const b = of("b-2023", "2023年乙", 2023);
    const before = [a(m(1, "甲。")), a(m(2, "乙。"))];
    // Document b numbers its measures from 1 too: its 第1条 is new, not a change of a's.
    const after = [a(m(1, "甲。")), a(m(2, "乙乙。")), b(m(1, "丙。"))];
    expect(diffMeasures(before, after)).toEqual({
      added: [{ number: 1, document: "2023年乙" }],
      changed: [{ number: 2, document: "2022年甲" }],
      removed: [],
      previous: "same-embedder",
    });
    // A second document added beside a corpus of one: the first one's measures are the same measures.
    const single = [m(1, "甲。"), m(2, "乙。")].map((x) => ({ ...x, source: { file: "policy/a-2022.txt", line: 1 } }));
    expect(diffMeasures(single, [a(m(1, "甲。")), a(m(2, "乙。")), b(m(1, "丙。"))]).added).toEqual([{ number: 1, document: "2023年乙" }]);
  });
});
