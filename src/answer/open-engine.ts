import type { Config } from "../config.js";
import { corpusHash, corpusVocabulary, loadCorpus, type Corpus } from "../policy/corpus.js";
import { CorpusError } from "../policy/corpus-error.js";
import { resolveEmbedder, type Embedder } from "../search/embedder.js";
import { IdfTable } from "../search/idf-table.js";
import { IndexDamagedError } from "../search/index-damage.js";
import { buildIndex, isFresh, loadIndex, readManifest, storedVocabulary, type IndexChanges, type LoadedIndex } from "../search/index-store.js";
import { Lexicon } from "../search/lexicon.js";
import { sameEmbedder } from "../search/manifest.js";
import { LocalVectorSearch } from "../search/local-vectors.js";
import { Retriever } from "../search/retriever.js";
import { createTextAnalyzer, type TextAnalyzer } from "../search/text.js";
import { LocalPolicyEngine, type AnswerComposer } from "./ask.js";
import type { PolicyEngine } from "./engine.js";
import { Glossary } from "./glossary.js";

export interface OpenEngineOptions {
  /** Told when the index had to be (re)built. */
  onBuild?: (changes: IndexChanges) => void;
  composer?: AnswerComposer;
  log?: (message: string) => void;
}

/**
 * Load the index for the current corpus, building it first when missing, stale or damaged.
 * A fresh index is opened without parsing the corpus (its hash is enough) and without jieba's IDF file.
 * A corpus that does not parse leaves the previous index serving, with the error logged.
 */
export async function openEngine(config: Config, opts: OpenEngineOptions = {}): Promise<PolicyEngine> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const embedder = await resolveEmbedder(config);
  const hash = corpusHash(config.corpusDir);
  const manifest = await readManifest(config.dataDir);
  if (isFresh(manifest, { hash }, embedder.id)) {
    try {
      const index = await loadIndex(config.dataDir, embedder);
      return assemble(index, createTextAnalyzer(storedVocabulary(index.corpus), index.idf), embedder, opts, Glossary.load(config.corpusDir));
    } catch (err) {
      if (!(err instanceof IndexDamagedError)) throw err;
      log(`index damaged: ${err.message}; rebuilding it from ${config.corpusDir}`);
    }
  }
  let corpus: Corpus;
  try {
    corpus = loadCorpus(config.corpusDir);
  } catch (err) {
    if (!(err instanceof CorpusError)) throw err;
    return servePrevious(config, embedder, err, log, opts);
  }
  const analyzer = createTextAnalyzer(corpusVocabulary(corpus), IdfTable.fromJieba());
  const { changes } = await buildIndex({ dataDir: config.dataDir, corpus, embedder, analyzer });
  opts.onBuild?.(changes);
  return assemble(await loadIndex(config.dataDir, embedder), analyzer, embedder, opts, Glossary.load(config.corpusDir));
}

/** The corpus is malformed: keep answering from the last good index if there is one, else stop with file:line and what to do. */
async function servePrevious(config: Config, embedder: Embedder, error: CorpusError, log: (m: string) => void, opts: OpenEngineOptions): Promise<PolicyEngine> {
  let index: LoadedIndex | null = null;
  const manifest = await readManifest(config.dataDir);
  if (manifest && sameEmbedder(manifest.embedder, embedder.id)) {
    index = await loadIndex(config.dataDir, embedder).catch((err: unknown) => {
      if (err instanceof IndexDamagedError) return null;
      throw err;
    });
  }
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
  return assemble(index, createTextAnalyzer(storedVocabulary(index.corpus), index.idf), embedder, opts, loadGlossary(config.corpusDir, log));
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

function assemble(index: LoadedIndex, analyzer: TextAnalyzer, embedder: Embedder, opts: OpenEngineOptions, glossary: Glossary): PolicyEngine {
  const { measures, lexicon, departmentNames } = index.corpus;
  const vectors = embedder.kind === "dense" ? index.dense! : new LocalVectorSearch(analyzer, index.terms);
  const retriever = new Retriever(measures, index.terms, vectors, analyzer, new Lexicon([...lexicon, ...departmentGroups(departmentNames)]));
  return new LocalPolicyEngine({
    retriever,
    measures,
    departmentNames: new Map(departmentNames),
    documentTitle: index.manifest.documents.map((d) => d.title).join("》《"),
    documentYears: index.manifest.documents.map((d) => d.year),
    glossary,
    lexiconTerms: new Set(lexicon.flat().map((t) => t.toLowerCase())),
    composer: opts.composer,
    log: opts.log,
  });
}

/** A department's short forms are synonyms of its full name (供电公司 ~ 国网克拉玛依供电有限公司). */
function departmentGroups(names: Array<[string, string]>): string[][] {
  const byFull = new Map<string, string[]>();
  for (const [alias, full] of names) if (alias !== full) byFull.set(full, [...(byFull.get(full) ?? [full]), alias]);
  return [...byFull.values()];
}
