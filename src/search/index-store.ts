import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Corpus } from "../policy/corpus.js";
import type { Measure } from "../policy/measure.js";
import { HnswStore } from "./hnsw-store.js";
import { INDEX_FORMAT, MANIFEST_FILE, ManifestSchema, sameEmbedder, type EmbedderId, type Manifest } from "./manifest.js";
import type { TextAnalyzer } from "./text.js";

const INDEX_DIR = "index";
const MEASURES_FILE = "measures.json";
const TERMS_FILE = "terms.json";

/** What a built index holds besides the vectors: the corpus as parsed, and its analyzed terms for BM25. */
export interface StoredCorpus {
  measures: Measure[];
  lexicon: string[][];
  departmentNames: Array<[string, string]>;
}

export interface LoadedIndex {
  manifest: Manifest;
  corpus: StoredCorpus;
  terms: string[][];
  store: HnswStore;
}

export interface IndexChanges {
  added: number[];
  changed: number[];
  removed: number[];
  /** What the comparison is against: no previous index, or one built with the same or another embedder (whose vectors were all replaced). */
  previous: "none" | "same-embedder" | "other-embedder";
}

export const indexDir = (dataDir: string) => join(dataDir, INDEX_DIR);

export async function readManifest(dataDir: string): Promise<Manifest | null> {
  try {
    return ManifestSchema.parse(JSON.parse(await readFile(join(indexDir(dataDir), MANIFEST_FILE), "utf8")));
  } catch {
    return null;
  }
}

export function isFresh(manifest: Manifest | null, corpus: Corpus, embedder: EmbedderId): boolean {
  return !!manifest && manifest.corpusHash === corpus.hash && sameEmbedder(manifest.embedder, embedder);
}

/**
 * Build into a temporary folder and swap it in with a rename,
 * so a failed build leaves the previous index serving.
 */
export async function buildIndex(opts: {
  dataDir: string;
  corpus: Corpus;
  embeddings: Embeddings;
  embedder: EmbedderId;
  analyzer: TextAnalyzer;
}): Promise<{ manifest: Manifest; changes: IndexChanges }> {
  const { dataDir, corpus, embeddings, embedder, analyzer } = opts;
  const target = indexDir(dataDir);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    const previousManifest = await readManifest(dataDir);
    const previous = await readPreviousMeasures(dataDir);
    const store = new HnswStore(embeddings, embedder.dimensions);
    const docs = corpus.measures.map((m) => new Document({ pageContent: searchableText(m), metadata: { measure: m.number } }));
    await store.addDocuments(docs);
    await store.save(tmp);
    const stored: StoredCorpus = { measures: corpus.measures, lexicon: corpus.lexicon, departmentNames: [...corpus.departmentNames] };
    await writeFile(join(tmp, MEASURES_FILE), JSON.stringify(stored));
    await writeFile(join(tmp, TERMS_FILE), JSON.stringify(corpus.measures.map((m) => analyzer.terms(searchableText(m)))));
    const manifest: Manifest = {
      format: INDEX_FORMAT,
      corpusHash: corpus.hash,
      embedder,
      counts: {
        documents: corpus.documents.length,
        measures: corpus.measures.length,
        lexiconGroups: corpus.lexicon.length,
        departmentNames: corpus.departmentNames.size,
      },
      documents: corpus.documents.map((d) => ({ title: d.title, year: d.year, file: d.file, measures: d.measures.length })),
      builtAt: new Date().toISOString(),
    };
    await writeFile(join(tmp, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await swapIn(tmp, target);
    const changes = diffMeasures(previous, corpus.measures);
    if (previousManifest && !sameEmbedder(previousManifest.embedder, embedder)) changes.previous = "other-embedder";
    return { manifest, changes };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

export async function loadIndex(dataDir: string, embeddings: Embeddings): Promise<LoadedIndex> {
  const dir = indexDir(dataDir);
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8")));
  const corpus = JSON.parse(await readFile(join(dir, MEASURES_FILE), "utf8")) as StoredCorpus;
  const terms = JSON.parse(await readFile(join(dir, TERMS_FILE), "utf8")) as string[][];
  const store = await HnswStore.load(dir, embeddings);
  return { manifest, corpus, terms, store };
}

/** Titles and department names are searchable too (a question may name either). */
export const searchableText = (m: Measure) => `${m.title}。${m.text}（${m.departments.join("、")}）`;

async function swapIn(tmp: string, target: string) {
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  const hadOld = existsSync(target);
  if (hadOld) await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (err) {
    if (hadOld) await rename(old, target);
    throw err;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

async function readPreviousMeasures(dataDir: string): Promise<Measure[] | null> {
  try {
    return (JSON.parse(await readFile(join(indexDir(dataDir), MEASURES_FILE), "utf8")) as StoredCorpus).measures;
  } catch {
    return null;
  }
}

export function diffMeasures(previous: Measure[] | null, next: Measure[]): IndexChanges {
  if (!previous) return { added: next.map((m) => m.number), changed: [], removed: [], previous: "none" };
  const before = new Map(previous.map((m) => [m.number, m]));
  const after = new Map(next.map((m) => [m.number, m]));
  const same = (a: Measure, b: Measure) => a.text === b.text && a.departments.join() === b.departments.join() && a.document === b.document;
  return {
    added: next.filter((m) => !before.has(m.number)).map((m) => m.number),
    changed: next.filter((m) => before.has(m.number) && !same(before.get(m.number)!, m)).map((m) => m.number),
    removed: previous.filter((m) => !after.has(m.number)).map((m) => m.number),
    previous: "same-embedder",
  };
}
