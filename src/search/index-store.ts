import { existsSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Corpus } from "../policy/corpus.js";
import type { Measure } from "../policy/measure.js";
import type { DenseVectorSearch } from "./dense-vectors.js";
import type { Embedder } from "./embedder.js";
import { IdfTable } from "./idf-table.js";
import { IndexDamagedError } from "./index-damage.js";
import { featureWeight } from "./local-vectors.js";
import { INDEX_FORMAT, MANIFEST_FILE, ManifestSchema, sameEmbedder, type EmbedderId, type Manifest } from "./manifest.js";
import { TermIndex } from "./term-index.js";
import type { TextAnalyzer } from "./text.js";

const INDEX_DIR = "index";
const MEASURES_FILE = "measures.json";
const TERMS_FILE = "terms.bin";
const IDF_FILE = "idf.bin";

/** What a built index holds besides the vectors: the corpus as parsed. */
export interface StoredCorpus {
  measures: Measure[];
  lexicon: string[][];
  departmentNames: Array<[string, string]>;
}

export interface LoadedIndex {
  manifest: Manifest;
  corpus: StoredCorpus;
  /** Every measure's terms: BM25 and the local embedder's sparse vectors. */
  terms: TermIndex;
  /** Jieba's general IDF table, as the analyzer needs it. */
  idf: IdfTable;
  /** The HNSW store, for an endpoint's dense vectors; null with the local embedder. */
  dense: DenseVectorSearch | null;
}

export interface IndexChanges {
  added: number[];
  changed: number[];
  removed: number[];
  /** What the comparison is against: no previous index, or one built with the same or another embedder (whose vectors were all replaced). */
  previous: "none" | "same-embedder" | "other-embedder";
}

export const indexDir = (dataDir: string) => join(dataDir, INDEX_DIR);

/** The manifest of the index in DATA_DIR, or null when there is none or it is unreadable (another format, damaged). */
export async function readManifest(dataDir: string): Promise<Manifest | null> {
  try {
    return ManifestSchema.parse(JSON.parse(await readFile(join(indexDir(dataDir), MANIFEST_FILE), "utf8")));
  } catch {
    return null;
  }
}

export function isFresh(manifest: Manifest | null, corpus: Pick<Corpus, "hash">, embedder: EmbedderId): boolean {
  return !!manifest && manifest.corpusHash === corpus.hash && sameEmbedder(manifest.embedder, embedder);
}

/** The corpus's vocabulary for the word segmenter, as corpusVocabulary() gives it for the parsed corpus. */
export const storedVocabulary = (c: StoredCorpus): string[] => [...new Set([...c.lexicon.flat(), ...c.departmentNames.map(([name]) => name)])];

/**
 * Build into a temporary folder and swap it in with a rename, so a failed build leaves the previous
 * index serving. Each measure is analysed once; its terms feed both BM25 and the local vectors.
 */
export async function buildIndex(opts: { dataDir: string; corpus: Corpus; embedder: Embedder; analyzer: TextAnalyzer }): Promise<{ manifest: Manifest; changes: IndexChanges }> {
  const { dataDir, corpus, embedder, analyzer } = opts;
  const target = indexDir(dataDir);
  await mkdir(dataDir, { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    const previousManifest = await readManifest(dataDir);
    const previous = await readPreviousMeasures(dataDir);
    const texts = corpus.measures.map(searchableText);
    const builder = TermIndex.builder((term) => featureWeight(analyzer, term));
    for (const text of texts) builder.add(analyzer.terms(text));
    const terms = builder.finish();
    if (embedder.kind === "dense") {
      const { buildDenseVectors } = await import("./dense-vectors.js");
      await buildDenseVectors(tmp, corpus.measures, texts, embedder.embeddings, embedder.id.dimensions);
    }
    const stored: StoredCorpus = { measures: corpus.measures, lexicon: corpus.lexicon, departmentNames: [...corpus.departmentNames] };
    await writeDurably(join(tmp, MEASURES_FILE), JSON.stringify(stored));
    await writeDurably(join(tmp, TERMS_FILE), terms.encode());
    await writeDurably(join(tmp, IDF_FILE), analyzer.idfTable.encode());
    const files: Record<string, number> = {};
    for (const f of (await readdir(tmp)).sort()) files[f] = (await stat(join(tmp, f))).size;
    const manifest: Manifest = {
      format: INDEX_FORMAT,
      corpusHash: corpus.hash,
      embedder: embedder.id,
      counts: {
        documents: corpus.documents.length,
        measures: corpus.measures.length,
        lexiconGroups: corpus.lexicon.length,
        departmentNames: corpus.departmentNames.size,
        terms: terms.vocabularySize,
        postings: terms.postings,
        idfWords: analyzer.idfTable.size,
      },
      documents: corpus.documents.map((d) => ({ title: d.title, year: d.year, file: d.file, measures: d.measures.length })),
      files,
      builtAt: new Date().toISOString(),
    };
    // Written last: a folder without a manifest is never taken for an index.
    await writeDurably(join(tmp, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await syncDir(tmp);
    await swapIn(tmp, target);
    await syncDir(dataDir);
    const changes = diffMeasures(previous, corpus.measures);
    if (previousManifest && !sameEmbedder(previousManifest.embedder, embedder.id)) changes.previous = "other-embedder";
    return { manifest, changes };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Load the index and check it against its manifest: every file present with the size recorded,
 * counts equal. Anything else is an IndexDamagedError (the caller rebuilds from the corpus).
 */
export async function loadIndex(dataDir: string, embedder: Embedder): Promise<LoadedIndex> {
  const dir = indexDir(dataDir);
  const manifestPath = join(dir, MANIFEST_FILE);
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(await readFile(manifestPath, "utf8")));
  } catch (err) {
    throw new IndexDamagedError(manifestPath, existsSync(manifestPath) ? `unreadable (${(err as Error).message.split("\n")[0]})` : "missing");
  }
  if (!sameEmbedder(manifest.embedder, embedder.id)) throw new Error(`loadIndex: the index was built with ${manifest.embedder.name}, not ${embedder.id.name}`);
  for (const [file, bytes] of Object.entries(manifest.files)) {
    const path = join(dir, file);
    const size = await stat(path).then((s) => s.size, () => -1);
    if (size !== bytes) throw new IndexDamagedError(path, size < 0 ? "missing" : `${size} bytes, the manifest says ${bytes}`);
  }
  const damagedUnless = (ok: boolean, file: string, problem: string) => {
    if (!ok) throw new IndexDamagedError(join(dir, file), problem);
  };
  const { counts } = manifest;

  const corpus = await readJson<StoredCorpus>(join(dir, MEASURES_FILE));
  damagedUnless(Array.isArray(corpus.measures) && corpus.measures.length === counts.measures, MEASURES_FILE, `measures differ from the manifest's ${counts.measures}`);
  damagedUnless(Array.isArray(corpus.lexicon) && corpus.lexicon.length === counts.lexiconGroups, MEASURES_FILE, "lexicon groups differ from the manifest");
  damagedUnless(Array.isArray(corpus.departmentNames) && corpus.departmentNames.length === counts.departmentNames, MEASURES_FILE, "department names differ from the manifest");

  const terms = TermIndex.decode(await readFile(join(dir, TERMS_FILE)), join(dir, TERMS_FILE));
  damagedUnless(terms.documents === counts.measures && terms.vocabularySize === counts.terms && terms.postings === counts.postings, TERMS_FILE, "counts differ from the manifest");
  const idf = IdfTable.decode(await readFile(join(dir, IDF_FILE)), join(dir, IDF_FILE));
  damagedUnless(idf.size === counts.idfWords, IDF_FILE, "word count differs from the manifest");

  let dense: DenseVectorSearch | null = null;
  if (embedder.kind === "dense") {
    const { DENSE_FILES, loadDenseVectors } = await import("./dense-vectors.js");
    for (const f of DENSE_FILES) damagedUnless(f in manifest.files, f, "not listed in the manifest");
    dense = await loadDenseVectors(dir, embedder.embeddings, corpus.measures);
  }
  return { manifest, corpus, terms, idf, dense };
}

async function readJson<T>(path: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch (err) {
    throw new IndexDamagedError(path, `unreadable (${(err as Error).message})`);
  }
}

/** Titles and department names are searchable too (a question may name either). */
export const searchableText = (m: Measure) => `${m.title}。${m.text}（${m.departments.join("、")}）`;

/** On disk before the rename that publishes it: a crash leaves either the old index or the whole new one. */
async function writeDurably(path: string, data: string | Buffer) {
  const file = await open(path, "w");
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function syncDir(path: string) {
  const dir = await open(path, "r");
  try {
    await dir.sync();
  } catch {
    // Some file systems cannot sync a directory; the files themselves are synced.
  } finally {
    await dir.close();
  }
}

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
    const measures = (JSON.parse(await readFile(join(indexDir(dataDir), MEASURES_FILE), "utf8")) as StoredCorpus).measures;
    return Array.isArray(measures) ? measures : null;
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
