import type { Config } from "../config.js";
import { corpusVocabulary, loadCorpus } from "../policy/corpus.js";
import { resolveEmbedder } from "../search/embedder.js";
import { buildIndex, isFresh, loadIndex, readManifest, type IndexChanges } from "../search/index-store.js";
import { Lexicon } from "../search/lexicon.js";
import { Retriever } from "../search/retriever.js";
import { createTextAnalyzer, type TextAnalyzer } from "../search/text.js";
import { LocalPolicyEngine, type AnswerComposer } from "./ask.js";
import type { PolicyEngine } from "./engine.js";

export interface OpenEngineOptions {
  /** Told when the index had to be (re)built. */
  onBuild?: (changes: IndexChanges) => void;
  composer?: AnswerComposer;
  analyzer?: TextAnalyzer;
  log?: (message: string) => void;
}

/** Load the index for the current corpus, building it first when missing or stale. */
export async function openEngine(config: Config, opts: OpenEngineOptions = {}): Promise<PolicyEngine> {
  const corpus = loadCorpus(config.corpusDir);
  const analyzer = opts.analyzer ?? createTextAnalyzer(corpusVocabulary(corpus));
  const embedder = await resolveEmbedder(config, analyzer);
  if (!isFresh(await readManifest(config.dataDir), corpus, embedder.id)) {
    const { changes } = await buildIndex({ dataDir: config.dataDir, corpus, embeddings: embedder.embeddings, embedder: embedder.id, analyzer });
    opts.onBuild?.(changes);
  }
  const index = await loadIndex(config.dataDir, embedder.embeddings);
  const { measures, lexicon, departmentNames } = index.corpus;
  const retriever = new Retriever(measures, index.terms, index.store, embedder.embeddings, analyzer, new Lexicon([...lexicon, ...departmentGroups(departmentNames)]));
  return new LocalPolicyEngine({
    retriever,
    measures,
    departmentNames: new Map(departmentNames),
    documentTitle: index.manifest.documents.map((d) => d.title).join("》《"),
    documentYears: index.manifest.documents.map((d) => d.year),
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
