import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Document } from "@langchain/core/documents";
import { Embeddings } from "@langchain/core/embeddings";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HnswStore } from "../../src/search/hnsw-store.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Embeds by table lookup, so the expected neighbours are known exactly. */
class TableEmbeddings extends Embeddings {
  constructor(private readonly table: Record<string, number[]>) {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.lookup(t));
  }
  async embedQuery(text: string): Promise<number[]> {
    return this.lookup(text);
  }
  private lookup(text: string): number[] {
    const v = this.table[text];
    if (!v) throw new Error(`no vector for ${text}`);
    return v;
  }
}

const TABLE: Record<string, number[]> = {
  east: [1, 0, 0],
  northeast: [0.6, 0.8, 0],
  north: [0, 1, 0],
  west: [-1, 0, 0],
  up: [0, 0, 1],
  // Not unit length: cosine must not care.
  "far east": [5, 0.5, 0],
};
const embeddings = new TableEmbeddings(TABLE);
const doc = (name: string) => new Document({ pageContent: name, metadata: { name } });

async function filled(): Promise<HnswStore> {
  const store = new HnswStore(embeddings, 3);
  await store.addDocuments(["east", "northeast", "north", "west", "up"].map(doc));
  return store;
}

const summary = (results: Array<[{ pageContent: string }, number]>) => results.map(([d, s]) => [d.pageContent, Number(s.toFixed(4))]);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hnsw-store-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("HnswStore", () => {
  it("an empty store finds nothing and cannot be saved", async () => {
    const store = new HnswStore(embeddings, 3);
    expect(store.size).toBe(0);
    expect(await store.similaritySearchVectorWithScore([1, 0, 0], 3)).toEqual([]);
    await expect(store.save(path.join(dir, "empty"))).rejects.toThrow(/empty/);
    expect(store._vectorstoreType()).toBe("hnswlib-node");
  });

  it("returns nearest first with the cosine similarity as score", async () => {
    const store = await filled();
    expect(store.size).toBe(5);
    const results = await store.similaritySearchVectorWithScore([1, 0, 0], 5);
    expect(results.map(([d]) => d.pageContent)).toEqual(["east", "northeast", results[2]![0].pageContent, results[3]![0].pageContent, "west"]);
    expect(results[0]![1]).toBeCloseTo(1, 5);
    expect(results[1]![1]).toBeCloseTo(0.6, 5);
    expect(results[2]![1]).toBeCloseTo(0, 5);
    expect(results[3]![1]).toBeCloseTo(0, 5);
    expect(results[4]![1]).toBeCloseTo(-1, 5);
    expect(results[0]![0].metadata).toEqual({ name: "east" });
    for (let i = 1; i < results.length; i++) expect(results[i - 1]![1]).toBeGreaterThanOrEqual(results[i]![1]);
  });

  it("searches by text through the embeddings, ignoring vector length, and caps k at the store size", async () => {
    const store = await filled();
    const [best] = await store.similaritySearchWithScore("far east", 1);
    expect(best![0].pageContent).toBe("east");
    expect(best![1]).toBeCloseTo(5 / Math.hypot(5, 0.5), 5);
    expect(await store.similaritySearchVectorWithScore([0, 1, 0], 50)).toHaveLength(5);
    const docs = await store.similaritySearch("north", 2);
    expect(docs.map((d) => d.pageContent)).toEqual(["north", "northeast"]);
  });

  it("grows past its initial capacity", async () => {
    const store = new HnswStore(embeddings, 3);
    const vectors = Array.from({ length: 40 }, (_, i) => [Math.cos(i / 10), Math.sin(i / 10), 0]);
    const docs = vectors.map((_, i) => new Document({ pageContent: `p${i}`, metadata: { i } }));
    await store.addVectors(vectors.slice(0, 10), docs.slice(0, 10));
    await store.addVectors(vectors.slice(10), docs.slice(10));
    expect(store.size).toBe(40);
    const [hit] = await store.similaritySearchVectorWithScore(vectors[33]!, 1);
    expect(hit![0].metadata).toEqual({ i: 33 });
    expect(hit![1]).toBeCloseTo(1, 5);
  });

  it("rejects vectors of the wrong dimension or count", async () => {
    const store = new HnswStore(embeddings, 3);
    await expect(store.addVectors([[1, 0]], [doc("x")])).rejects.toThrow(/dimensions/);
    await expect(store.addVectors([[1, 0, 0]], [doc("x"), doc("y")])).rejects.toThrow(/vectors for/);
    expect(store.size).toBe(0);
  });

  it("save → load gives the same results", async () => {
    const store = await filled();
    const target = path.join(dir, "saved");
    await store.save(target);
    expect(fs.existsSync(path.join(target, "hnsw.bin"))).toBe(true);
    expect(fs.existsSync(path.join(target, "docstore.json"))).toBe(true);
    const loaded = await HnswStore.load(target, embeddings);
    expect(loaded).toBeInstanceOf(HnswStore);
    expect(loaded.size).toBe(5);
    for (const query of [[1, 0, 0], [0, 1, 0], [0.3, 0.3, 0.9], [-1, 0.1, 0]]) {
      const before = await store.similaritySearchVectorWithScore(query, 3);
      const after = await loaded.similaritySearchVectorWithScore(query, 3);
      expect(summary(after)).toEqual(summary(before));
      expect(after.map(([d]) => d.metadata)).toEqual(before.map(([d]) => d.metadata));
    }
    // A loaded store keeps accepting documents.
    await loaded.addDocuments([doc("far east")]);
    expect(loaded.size).toBe(6);
  });

  it("applies a filter", async () => {
    const store = await filled();
    const results = await store.similaritySearchVectorWithScore([1, 0, 0], 5, (d) => d.pageContent !== "east");
    expect(results[0]![0].pageContent).toBe("northeast");
    expect(results.map(([d]) => d.pageContent)).not.toContain("east");
  });

  // hnswlib-node calls the filter from native code: an uncaught throw there aborts node (SIGABRT),
  // so this runs in a child process and a regression fails this test instead of killing the worker.
  it("a filter that throws does not crash the process, and excludes the documents it threw on", () => {
    const script = path.join(dir, "throwing-filter.mts");
    const storeUrl = pathToFileURL(path.join(REPO, "src/search/hnsw-store.ts")).href;
    fs.writeFileSync(
      script,
      `import { HnswStore } from ${JSON.stringify(storeUrl)};
const embeddings = { embedDocuments: async () => [], embedQuery: async () => [] };
const store = new HnswStore(embeddings, 3);
await store.addVectors([[1, 0, 0], [0.6, 0.8, 0], [0, 0, 1]], ["a", "b", "c"].map((pageContent) => ({ pageContent, metadata: {} })));
const results = await store.similaritySearchVectorWithScore([1, 0, 0], 3, () => { throw new Error("boom"); });
const partial = await store.similaritySearchVectorWithScore([1, 0, 0], 3, (d) => { if (d.pageContent === "a") throw new Error("boom"); return true; });
console.log(JSON.stringify({ all: results.length, partial: partial.map(([d]) => d.pageContent) }));
`,
    );
    const run = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: REPO, encoding: "utf8", timeout: 25_000 });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toEqual({ all: 0, partial: ["b", "c"] });
  });
});
