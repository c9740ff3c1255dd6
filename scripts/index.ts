import { corpusVocabulary } from "../src/policy/corpus.js";
import { readSnapshot } from "../src/answer/open-engine.js";
import { withBuildLock } from "../src/search/build-lock.js";
import { buildIndex } from "../src/search/index-store.js";
import { createTextAnalyzer } from "../src/search/text.js";
import { resolveEmbedder } from "../src/search/embedder.js";
import { describeChanges } from "../src/cli/index-report.js";
import { runCli } from "../src/cli/run-cli.js";
import { signalRunningInstance } from "../src/reload/running.js";

// npm run index: rebuild from corpus/, print what changed, and tell a bot running on DATA_DIR to load it.
void runCli("npm run index", async ({ config, log }) => {
  const embedder = await resolveEmbedder(config);
  const started = performance.now();
  // One build at a time per data folder (the running bot may be rebuilding after the same edit).
  const { manifest, changes } = await withBuildLock(
    config.dataDir,
    async (lock) => {
      const { corpus } = await readSnapshot(config.corpusDir);
      return buildIndex({ lock, corpus, embedder, analyzer: createTextAnalyzer(corpusVocabulary(corpus)) });
    },
    { onWait: () => log(`another process is building the index in ${config.dataDir}; waiting for it`) },
  );
  const dimensions = manifest.embedder.dimensions ? `${manifest.embedder.dimensions} dimensions` : "sparse vectors";
  console.log(`Indexed ${manifest.counts.measures} measures from ${manifest.documents.map((d) => `《${d.title}》`).join("")} into ${config.dataDir}/index in ${Math.round(performance.now() - started)} ms`);
  console.log(`embedder ${manifest.embedder.name} (${dimensions}), corpus ${manifest.corpusHash}`);
  console.log(`changes: ${describeChanges(changes)}`);
  const told = signalRunningInstance(config.dataDir);
  if (told.kind === "signalled") console.log(`told the running bot (pid ${told.pid}) to reload; staff see what changed in the staff chat`);
  else if (told.kind === "not-running") console.log(`no bot is running on ${config.dataDir}; it loads this index when it starts`);
  else log(`could not tell the running bot (pid ${told.pid}) to reload: ${told.why}. Send /reindex in the staff chat, or restart it`);
});
