import { buildIndex } from "../src/search/index-store.js";
import { corpusVocabulary, loadCorpus } from "../src/policy/corpus.js";
import { createTextAnalyzer } from "../src/search/text.js";
import { resolveEmbedder } from "../src/search/embedder.js";
import { describeChanges } from "../src/cli/index-report.js";
import { runCli } from "../src/cli/run-cli.js";

// npm run index: rebuild from corpus/ and print what changed.
await runCli("npm run index", async ({ config }) => {
  const corpus = loadCorpus(config.corpusDir);
  const analyzer = createTextAnalyzer(corpusVocabulary(corpus));
  const embedder = await resolveEmbedder(config);
  const started = performance.now();
  const { manifest, changes } = await buildIndex({ dataDir: config.dataDir, corpus, embedder, analyzer });
  const dimensions = manifest.embedder.dimensions ? `${manifest.embedder.dimensions} dimensions` : "sparse vectors";
  console.log(`Indexed ${manifest.counts.measures} measures from ${manifest.documents.map((d) => `《${d.title}》`).join("")} into ${config.dataDir}/index in ${Math.round(performance.now() - started)} ms`);
  console.log(`embedder ${manifest.embedder.name} (${dimensions}), corpus ${manifest.corpusHash}`);
  console.log(`changes: ${describeChanges(changes)}`);
});
