import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import { corpusHash, corpusVocabulary, loadCorpus, type Corpus } from "../policy/corpus.js";
import { CorpusError } from "../policy/corpus-error.js";
import { withBuildLock } from "../search/build-lock.js";
import { resolveEmbedder, type Embedder } from "../search/embedder.js";
import { EmbeddingsEndpointError } from "../search/embeddings-endpoint-error.js";
import { IdfTable } from "../search/idf-table.js";
import { IndexDamagedError } from "../search/index-damage.js";
import { buildIndex, isFresh, loadIndex, readManifest, storedVocabulary, type IndexChanges, type LoadedIndex } from "../search/index-store.js";
import { Lexicon } from "../search/lexicon.js";
import { sameEmbedder, type Manifest } from "../search/manifest.js";
import { LOCAL_EMBEDDER, LocalVectorSearch } from "../search/local-vectors.js";
import { Retriever } from "../search/retriever.js";
import { OutageReportingVectorSearch } from "../search/vector-search.js";
import { createTextAnalyzer, type TextAnalyzer } from "../search/text.js";
import { LocalPolicyEngine, type AnswerComposer } from "./ask.js";
import type { PolicyEngine } from "./engine.js";
import { Glossary, GLOSSARY_FILE } from "./glossary.js";

/** The engine's text analysis, for features that compare texts the way the engine reads them (FAQ matching). */
export interface EngineText {
  analyzer: TextAnalyzer;
  lexicon: Lexicon;
}

export interface OpenEngineOptions {
  /** Told when the index had to be (re)built. */
  onBuild?: (changes: IndexChanges) => void;
  composer?: AnswerComposer;
  log?: (message: string) => void;
}

/** An engine, its text analysis, and the version of the corpus and the index it answers from. */
export interface ServedEngine {
  engine: PolicyEngine;
  /** The analyzer and lexicon it answers with (one jieba dictionary in memory, shared with the FAQ). */
  text: EngineText;
  /** The manifest of the index it answers from (what /readyz and /metrics report as served). */
  manifest: Manifest;
  /** sourceVersion() of the files it was built from: the same version gives the same answers. */
  source: string;
  /** When the corpus did not parse at start-up: the engine answers from the previous index. */
  problem?: CorpusError;
}

/** Reads of the corpus that found it changing underneath (an editor still saving) before giving up. */
const SNAPSHOT_ATTEMPTS = 5;
const SNAPSHOT_PAUSE_MS = 200;

/**
 * The version of everything the engine reads from the corpus folder (the indexed files and the glossary),
 * without parsing anything: equal versions give equal engines.
 */
export function sourceVersion(corpusDir: string): string {
  const file = join(corpusDir, GLOSSARY_FILE);
  const glossary = existsSync(file) ? readFileSync(file, "utf8") : "";
  return `${corpusHash(corpusDir)}-${createHash("sha256").update(glossary).digest("hex").slice(0, 8)}`;
}
const corpusPart = (source: string) => source.split("-")[0]!;

/**
 * Load the index for the current corpus, building it first when missing, stale or damaged.
 * A fresh index is opened without parsing the corpus (its hash is enough) and without jieba's IDF file.
 * A corpus that does not parse leaves the previous index serving, with the error logged.
 */
export async function openEngine(config: Config, opts: OpenEngineOptions = {}): Promise<PolicyEngine> {
  return (await openServedEngine(config, opts)).engine;
}

/** openEngine, with its text analysis and the version it serves (start-up of a process that reloads later, the FAQ). */
export async function openServedEngine(config: Config, opts: OpenEngineOptions = {}): Promise<ServedEngine> {
  const log = opts.log ?? ((m: string) => console.error(m));
  return withLocalFallback(config, log, async (embedder) => {
    try {
      return await openCurrent(config, embedder, opts, log);
    } catch (err) {
      if (!(err instanceof CorpusError)) throw err;
      return servePrevious(config, embedder, err, log, opts);
    }
  });
}

/**
 * The engine for the corpus as it is now, for a reload: the index is built beside the one in use
 * (or taken as it is when another process built it already). A malformed corpus throws its
 * CorpusError (file:line) and builds nothing; the caller keeps its engine.
 */
export async function rebuildEngine(config: Config, opts: OpenEngineOptions = {}): Promise<ServedEngine> {
  const log = opts.log ?? ((m: string) => console.error(m));
  return withLocalFallback(config, log, (embedder) => openCurrent(config, embedder, opts, log));
}

/**
 * Open with the configured embedder; when its endpoint cannot be reached to build the index (or to learn
 * the vector size), open with the local embedder instead, said in the log: answering beats waiting.
 */
async function withLocalFallback(config: Config, log: (m: string) => void, open: (embedder: Embedder) => Promise<ServedEngine>): Promise<ServedEngine> {
  try {
    return await open(await resolveEmbedder(config));
  } catch (err) {
    if (!(err instanceof EmbeddingsEndpointError)) throw err;
    log(
      `${err.message}\n  answering with the local embedder's index meanwhile; when the endpoint is back, reload ` +
        "(/reindex, npm run index or a restart). Check EMBEDDINGS_BASE_URL, EMBEDDINGS_API_KEY and LLM_PROXY.",
    );
    return open({ kind: "local", id: LOCAL_EMBEDDER });
  }
}

async function openCurrent(config: Config, embedder: Embedder, opts: OpenEngineOptions, log: (m: string) => void): Promise<ServedEngine> {
  const fresh = await openFresh(config, embedder, opts, log);
  if (fresh) return fresh;
  // One build at a time per data folder: another process may be building the same corpus right now.
  return withBuildLock(
    config.dataDir,
    async (lock) => {
      const { corpus, glossary, source } = await readSnapshot(config.corpusDir);
      // Built by the process whose build this one waited for?
      if (isFresh(await readManifest(config.dataDir), corpus, embedder.id)) {
        const index = await loadIndex(config.dataDir, embedder).catch(unlessDamaged);
        if (index) return { ...assemble(index, createTextAnalyzer(storedVocabulary(index.corpus), index.idf, index.dictionary), embedder, opts, glossary), source };
      }
      const analyzer = createTextAnalyzer(corpusVocabulary(corpus), IdfTable.fromJieba());
      const { changes } = await buildIndex({ lock, corpus, embedder, analyzer });
      opts.onBuild?.(changes);
      return { ...assemble(await loadIndex(config.dataDir, embedder), analyzer, embedder, opts, glossary), source };
    },
    { onWait: () => log(`another process is building the index in ${config.dataDir}; waiting for it`) },
  );
}

/** A fresh index, opened without parsing the corpus; null when there is none (or it is damaged: logged, then rebuilt). */
async function openFresh(config: Config, embedder: Embedder, opts: OpenEngineOptions, log: (m: string) => void): Promise<ServedEngine | null> {
  for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
    const source = sourceVersion(config.corpusDir);
    if (!isFresh(await readManifest(config.dataDir), { hash: corpusPart(source) }, embedder.id)) return null;
    let index: LoadedIndex;
    try {
      index = await loadIndex(config.dataDir, embedder);
    } catch (err) {
      if (!(err instanceof IndexDamagedError)) throw err;
      log(`index damaged: ${err.message}; rebuilding it from ${config.corpusDir}`);
      return null;
    }
    const glossary = Glossary.load(config.corpusDir);
    // The glossary (or the corpus) changed while it was read: read them again.
    if (sourceVersion(config.corpusDir) !== source) {
      await pause(SNAPSHOT_PAUSE_MS);
      continue;
    }
    return { ...assemble(index, createTextAnalyzer(storedVocabulary(index.corpus), index.idf, index.dictionary), embedder, opts, glossary), source };
  }
  return null;
}

export interface SnapshotDeps {
  load?: (corpusDir: string) => { corpus: Corpus; glossary: Glossary };
  pause?: (ms: number) => Promise<void>;
}

/**
 * The corpus and glossary as one consistent version: read, parsed, then the files' version read again.
 * A file written while it was read (an editor saving) gives another version: the corpus is read again
 * rather than half-parsed or refused for a half-written line.
 */
export async function readSnapshot(corpusDir: string, deps: SnapshotDeps = {}): Promise<{ corpus: Corpus; glossary: Glossary; source: string }> {
  const load = deps.load ?? ((dir: string) => ({ corpus: loadCorpus(dir), glossary: Glossary.load(dir) }));
  for (let attempt = 1; ; attempt++) {
    const before = sourceVersion(corpusDir);
    let read: { corpus: Corpus; glossary: Glossary } | null = null;
    let error: CorpusError | null = null;
    try {
      read = load(corpusDir);
    } catch (err) {
      if (!(err instanceof CorpusError)) throw err;
      error = err;
    }
    const after = sourceVersion(corpusDir);
    if (before === after && (!read || read.corpus.hash === corpusPart(after))) {
      if (error) throw error;
      return { ...read!, source: after };
    }
    if (attempt >= SNAPSHOT_ATTEMPTS) throw new CorpusError(corpusDir, 1, `the corpus kept changing while it was read (${attempt} times): save the files, then reload`);
    await (deps.pause ?? pause)(SNAPSHOT_PAUSE_MS);
  }
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const unlessDamaged = (err: unknown): null => {
  if (err instanceof IndexDamagedError) return null;
  throw err;
};

/** The corpus is malformed: keep answering from the last good index if there is one, else stop with file:line and what to do. */
async function servePrevious(config: Config, embedder: Embedder, error: CorpusError, log: (m: string) => void, opts: OpenEngineOptions): Promise<ServedEngine> {
  let index: LoadedIndex | null = null;
  const manifest = await readManifest(config.dataDir);
  if (manifest && sameEmbedder(manifest.embedder, embedder.id)) index = await loadIndex(config.dataDir, embedder).catch(unlessDamaged);
  if (!index) {
    throw new CorpusError(
      error.file,
      error.line,
      `${error.problem}. There is no earlier index to answer from meanwhile: fix this line, then start again (npm run index checks the corpus).`,
    );
  }
  log(
    `corpus error: ${error.message}\n` +
      `  still answering from the previous index (${index.manifest.counts.measures} measures, built ${index.manifest.builtAt}); ` +
      `fix the file, then restart or run npm run index`,
  );
  const served = assemble(index, createTextAnalyzer(storedVocabulary(index.corpus), index.idf, index.dictionary), embedder, opts, loadGlossary(config.corpusDir, log));
  return { ...served, source: `${index.manifest.corpusHash}-previous`, problem: error };
}

/** Serving from the previous index because the corpus is malformed: a malformed glossary too is logged, not fatal. */
function loadGlossary(corpusDir: string, log: (m: string) => void): Glossary {
  try {
    return Glossary.load(corpusDir);
  } catch (err) {
    if (!(err instanceof CorpusError)) throw err;
    log(`glossary error: ${err.message}; English questions are read without it`);
    return Glossary.empty();
  }
}

function assemble(index: LoadedIndex, analyzer: TextAnalyzer, embedder: Embedder, opts: OpenEngineOptions, glossary: Glossary): Omit<ServedEngine, "source" | "problem"> {
  const { measures, lexicon, departmentNames } = index.corpus;
  const vectors =
    embedder.kind === "dense" ? new OutageReportingVectorSearch(index.dense!, opts.log ?? ((m) => console.error(m))) : new LocalVectorSearch(analyzer, index.terms);
  const retriever = new Retriever(measures, index.terms, vectors, analyzer, new Lexicon([...lexicon, ...departmentGroups(departmentNames)]));
  const engine = new LocalPolicyEngine({
    retriever,
    measures,
    departmentNames: new Map(departmentNames),
    documents: index.manifest.documents.map(({ key, title, year }) => ({ key, title, year })),
    glossary,
    lexiconTerms: new Set(lexicon.flat().map((t) => t.toLowerCase())),
    composer: opts.composer,
    log: opts.log,
  });
  return { engine, text: { analyzer, lexicon: retriever.lexicon }, manifest: index.manifest };
}

/** A department's short forms are synonyms of its full name (供电公司 ~ 国网克拉玛依供电有限公司). */
function departmentGroups(names: Array<[string, string]>): string[][] {
  const byFull = new Map<string, string[]>();
  for (const [alias, full] of names) if (alias !== full) byFull.set(full, [...(byFull.get(full) ?? [full]), alias]);
  return [...byFull.values()];
}
