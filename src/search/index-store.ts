import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Corpus } from "../policy/corpus.js";
import type { BuildLock } from "./build-lock.js";
import { documentKeyOf, measureKey, type Measure } from "../policy/measure.js";
import type { DenseVectorSearch } from "./dense-vectors.js";
import type { Embedder } from "./embedder.js";
import { IdfTable } from "./idf-table.js";
import { JiebaDictionary } from "./jieba-dictionary.js";
import { IndexDamagedError } from "./index-damage.js";
import { featureWeight } from "./local-vectors.js";
import { INDEX_FORMAT, MANIFEST_FILE, ManifestSchema, sameEmbedder, type EmbedderId, type Manifest } from "./manifest.js";
import { TermIndex } from "./term-index.js";
import { analyzerFingerprint, type TextAnalyzer } from "./text.js";

const INDEX_DIR = "index";
/** Names the version folder in use; replaced with a rename, so a reader sees the old version or the new one. */
export const CURRENT_FILE = "current";
const TMP_PREFIX = ".tmp-";
// A manifest is parsed once per load: compiling zod's fast path for it would cost more than it saves.
const ONCE = { jitless: true } as const;
const MEASURES_FILE = "measures.json";
const TERMS_FILE = "terms.bin";
const IDF_FILE = "idf.bin";
const DICTIONARY_FILE = "dictionary.bin";

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
  /** Jieba's dictionary, grouped as the analyzer loads it. */
  dictionary: JiebaDictionary;
  /** The HNSW store, for an endpoint's dense vectors; null with the local embedder. */
  dense: DenseVectorSearch | null;
}

/** A measure named in a change report: its number, and its document's title when the corpus holds several. */
export interface ChangedMeasure {
  number: number;
  document?: string;
}

export interface IndexChanges {
  added: ChangedMeasure[];
  changed: ChangedMeasure[];
  removed: ChangedMeasure[];
  /** What the comparison is against: no previous index, or one built with the same or another embedder (whose vectors were all replaced). */
  previous: "none" | "same-embedder" | "other-embedder";
}

/**
 * DATA_DIR/index holds one folder per built version and the `current` file naming the one in use.
 * A version folder is never written after it is published, so a process loading it never reads a
 * half-replaced index; versions other than the current one are removed after each publish (a process
 * still loading one then finds it gone, reads `current` again and loads the new one).
 */
export const indexRoot = (dataDir: string) => join(dataDir, INDEX_DIR);

/** The folder of the index in use (the root itself when there is none yet). */
export function indexDir(dataDir: string): string {
  const version = readCurrentSync(dataDir);
  return version ? join(indexRoot(dataDir), version) : indexRoot(dataDir);
}

function readCurrentSync(dataDir: string): string | null {
  try {
    return validVersion(readFileSync(join(indexRoot(dataDir), CURRENT_FILE), "utf8"));
  } catch {
    return null;
  }
}

async function readCurrent(dataDir: string): Promise<string | null> {
  try {
    return validVersion(await readFile(join(indexRoot(dataDir), CURRENT_FILE), "utf8"));
  } catch {
    return null;
  }
}

/** A version is a plain folder name: a pointer naming anything else is ignored (no index). */
const validVersion = (text: string): string | null => {
  const name = text.trim();
  return /^[0-9a-z-]+$/i.test(name) ? name : null;
};

/** The manifest of the index in DATA_DIR, or null when there is none or it is unreadable (another format, damaged). */
export async function readManifest(dataDir: string): Promise<Manifest | null> {
  const version = await readCurrent(dataDir);
  if (!version) return null;
  try {
    return ManifestSchema.parse(JSON.parse(await readFile(join(indexRoot(dataDir), version, MANIFEST_FILE), "utf8")), ONCE);
  } catch {
    return null;
  }
}

export function isFresh(manifest: Manifest | null, corpus: Pick<Corpus, "hash">, embedder: EmbedderId): boolean {
  return !!manifest && manifest.corpusHash === corpus.hash && manifest.analyzer === analyzerFingerprint() && sameEmbedder(manifest.embedder, embedder);
}

/** The corpus's vocabulary for the word segmenter, as corpusVocabulary() gives it for the parsed corpus. */
export const storedVocabulary = (c: StoredCorpus): string[] => [...new Set([...c.lexicon.flat(), ...c.departmentNames.map(([name]) => name)])];

/**
 * Build a new version beside the one in use: into a temporary folder (files fsynced), renamed to its
 * version name, then published by replacing `current` with a rename. A failed build leaves the previous
 * index serving and nothing behind. Builds hold the data folder's build lock (withBuildLock), so they
 * publish one after another, and every build has a folder of its own (pid and random in its name).
 * Each measure is analysed once; its terms feed both BM25 and the local vectors.
 */
export async function buildIndex(opts: { lock: BuildLock; corpus: Corpus; embedder: Embedder; analyzer: TextAnalyzer }): Promise<{ manifest: Manifest; changes: IndexChanges }> {
  const { corpus, embedder, analyzer } = opts;
  const dataDir = opts.lock.dataDir;
  const root = indexRoot(dataDir);
  const hadRoot = existsSync(root);
  await mkdir(root, { recursive: true });
  const version = `${corpus.hash}-${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const tmp = join(root, `${TMP_PREFIX}${version}`);
  await mkdir(tmp);
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
    await writeDurably(join(tmp, DICTIONARY_FILE), analyzer.dictionary.encode());
    const files: Record<string, number> = {};
    for (const f of (await readdir(tmp)).sort()) files[f] = (await stat(join(tmp, f))).size;
    const manifest: Manifest = {
      format: INDEX_FORMAT,
      corpusHash: corpus.hash,
      analyzer: analyzerFingerprint(),
      embedder: embedder.id,
      counts: {
        documents: corpus.documents.length,
        measures: corpus.measures.length,
        lexiconGroups: corpus.lexicon.length,
        departmentNames: corpus.departmentNames.size,
        terms: terms.vocabularySize,
        postings: terms.postings,
        idfWords: analyzer.idfTable.size,
        dictionaryWords: analyzer.dictionary.words,
      },
      documents: corpus.documents.map((d) => ({ key: d.key, title: d.title, year: d.year, file: d.file, measures: d.measures.length })),
      files,
      builtAt: new Date().toISOString(),
    };
    // Written last: a folder without a manifest is never taken for an index.
    await writeDurably(join(tmp, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await syncDir(tmp);
    await rename(tmp, join(root, version));
    await syncDir(root);
    await publish(root, version);
    await removeOldVersions(root, version);
    const changes = diffMeasures(previous, corpus.measures);
    if (previousManifest && !sameEmbedder(previousManifest.embedder, embedder.id)) changes.previous = "other-embedder";
    return { manifest, changes };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (!hadRoot) await rmdir(root).catch(() => undefined); // a first build that failed leaves nothing
    throw err;
  }
}

/** Point `current` at the version: written beside it, fsynced, renamed over it (atomic on POSIX file systems). */
async function publish(root: string, version: string) {
  const pending = join(root, `${TMP_PREFIX}${CURRENT_FILE}-${process.pid}-${randomBytes(3).toString("hex")}`);
  await writeDurably(pending, `${version}\n`);
  await rename(pending, join(root, CURRENT_FILE));
  await syncDir(root);
}

/**
 * Remove every version but the current one, files of the old single-folder layout, and temporary
 * folders of builds whose process is gone. A running engine holds its index in memory, so no
 * question needs the old folder; a process still loading it reads `current` again (loadIndex).
 */
async function removeOldVersions(root: string, current: string) {
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const name = entry.name;
    if (name === current || name === CURRENT_FILE) continue;
    if (name.startsWith(TMP_PREFIX) && builderAlive(name)) continue;
    await rm(join(root, name), { recursive: true, force: true });
  }
}

/** A temporary folder or pointer names its builder's pid after the hash and time: is that process still running? */
function builderAlive(tmpName: string): boolean {
  const pid = Number(/-(\d+)-[0-9a-f]{6}$/.exec(tmpName)?.[1]);
  if (!pid) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads of a version that was replaced meanwhile, before giving up. */
const LOAD_ATTEMPTS = 3;

/**
 * Load the index in use and check it against its manifest: every file present with the size recorded,
 * counts equal. Anything else is an IndexDamagedError (the caller rebuilds from the corpus), unless
 * another process published a new version meanwhile (and removed this one): then the new one is loaded.
 */
export async function loadIndex(dataDir: string, embedder: Embedder): Promise<LoadedIndex> {
  for (let attempt = 1; ; attempt++) {
    const version = await readCurrent(dataDir);
    if (!version) throw new IndexDamagedError(join(indexRoot(dataDir), CURRENT_FILE), "missing");
    try {
      return await loadVersion(join(indexRoot(dataDir), version), embedder);
    } catch (err) {
      if (!(err instanceof IndexDamagedError) || attempt >= LOAD_ATTEMPTS || (await readCurrent(dataDir)) === version) throw err;
    }
  }
}

async function loadVersion(dir: string, embedder: Embedder): Promise<LoadedIndex> {
  const manifestPath = join(dir, MANIFEST_FILE);
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(await readFile(manifestPath, "utf8")), ONCE);
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
  const dictionary = JiebaDictionary.decode(await readFile(join(dir, DICTIONARY_FILE)), join(dir, DICTIONARY_FILE));
  damagedUnless(dictionary.words === counts.dictionaryWords, DICTIONARY_FILE, "word count differs from the manifest");

  let dense: DenseVectorSearch | null = null;
  if (embedder.kind === "dense") {
    const { DENSE_FILES, loadDenseVectors } = await import("./dense-vectors.js");
    for (const f of DENSE_FILES) damagedUnless(f in manifest.files, f, "not listed in the manifest");
    dense = await loadDenseVectors(dir, embedder.embeddings, corpus.measures);
  }
  return { manifest, corpus, terms, idf, dictionary, dense };
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

async function readPreviousMeasures(dataDir: string): Promise<Measure[] | null> {
  const version = await readCurrent(dataDir);
  if (!version) return null;
  try {
    const measures = (JSON.parse(await readFile(join(indexRoot(dataDir), version, MEASURES_FILE), "utf8")) as StoredCorpus).measures;
    return Array.isArray(measures) ? measures : null;
  } catch {
    return null;
  }
}

/**
 * What changed between two versions of the corpus, measure by measure: a measure is its document
 * (by file) and number. Measures are named with their document's title when either version holds several.
 */
export function diffMeasures(previous: readonly Measure[] | null, next: readonly Measure[]): IndexChanges {
  const several = new Set([...(previous ?? []), ...next].map(documentKeyOf)).size > 1;
  const named = (m: Measure): ChangedMeasure => (several ? { number: m.number, document: m.document } : { number: m.number });
  if (!previous) return { added: next.map(named), changed: [], removed: [], previous: "none" };
  const key = (m: Measure) => measureKey({ number: m.number, doc: documentKeyOf(m) });
  const before = new Map(previous.map((m) => [key(m), m]));
  const after = new Set(next.map(key));
  const same = (a: Measure, b: Measure) => a.text === b.text && a.departments.join() === b.departments.join() && a.document === b.document;
  return {
    added: next.filter((m) => !before.has(key(m))).map(named),
    changed: next.filter((m) => before.has(key(m)) && !same(before.get(key(m))!, m)).map(named),
    removed: previous.filter((m) => !after.has(key(m))).map(named),
    previous: "same-embedder",
  };
}
