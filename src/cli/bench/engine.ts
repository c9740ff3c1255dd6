/**
 * The engine as openEngine() assembles it, with its parts exposed so the bench can time
 * retrieval alone and reuse the same vectors for the baselines. Keep in step with src/answer/open-engine.ts.
 */
import { performance } from "node:perf_hooks";
import { LocalPolicyEngine } from "../../answer/ask.js";
import type { Config } from "../../config.js";
import { corpusVocabulary, loadCorpus, type Corpus } from "../../policy/corpus.js";
import { createEmbedder, type Embedder } from "../../search/embedder.js";
import { buildIndex, isFresh, loadIndex, readManifest, type LoadedIndex } from "../../search/index-store.js";
import { Lexicon } from "../../search/lexicon.js";
import { Retriever } from "../../search/retriever.js";
import { createTextAnalyzer, type TextAnalyzer } from "../../search/text.js";

export interface BuildTiming {
  /** Parse the corpus and set up the segmenter with its vocabulary. */
  loadCorpusMs: number;
  /** buildIndex(): embed, insert into hnswlib, write the index files. */
  buildIndexMs: number;
}

/** Build the index exactly as openEngine() does when it is missing or stale. */
export async function buildBenchIndex(config: Config): Promise<BuildTiming & { measures: number }> {
  const t0 = performance.now();
  const corpus = loadCorpus(config.corpusDir);
  const analyzer = createTextAnalyzer(corpusVocabulary(corpus));
  const embedder = createEmbedder(config, analyzer);
  const t1 = performance.now();
  await buildIndex({ dataDir: config.dataDir, corpus, embeddings: embedder.embeddings, embedder: embedder.id, analyzer });
  return { loadCorpusMs: t1 - t0, buildIndexMs: performance.now() - t1, measures: corpus.measures.length };
}

export interface BenchEngine {
  engine: LocalPolicyEngine;
  retriever: Retriever;
  index: LoadedIndex;
  embedder: Embedder;
  analyzer: TextAnalyzer;
  corpus: Corpus;
  /** True when the index had to be built first. */
  built: boolean;
  openMs: number;
}

/** openEngine(), keeping hold of the retriever and the loaded index. */
export async function openBenchEngine(config: Config): Promise<BenchEngine> {
  const t0 = performance.now();
  const corpus = loadCorpus(config.corpusDir);
  const analyzer = createTextAnalyzer(corpusVocabulary(corpus));
  const embedder = createEmbedder(config, analyzer);
  let built = false;
  if (!isFresh(await readManifest(config.dataDir), corpus, embedder.id)) {
    await buildIndex({ dataDir: config.dataDir, corpus, embeddings: embedder.embeddings, embedder: embedder.id, analyzer });
    built = true;
  }
  const index = await loadIndex(config.dataDir, embedder.embeddings);
  const { measures, lexicon, departmentNames } = index.corpus;
  const retriever = new Retriever(measures, index.terms, index.store, embedder.embeddings, analyzer, new Lexicon(lexicon));
  const engine = new LocalPolicyEngine({
    retriever,
    measures,
    departmentNames: new Map(departmentNames),
    documentTitle: index.manifest.documents.map((d) => d.title).join("》《"),
    documentYears: index.manifest.documents.map((d) => d.year),
  });
  return { engine, retriever, index, embedder, analyzer, corpus, built, openMs: performance.now() - t0 };
}
