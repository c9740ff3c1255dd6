/**
 * The bench's start-up job: a process that only opens the engine, as production does (config, then
 * openEngine on a built index), and reports Node's start → engine ready. Nothing else is imported,
 * so the figure is not inflated by the bench's own modules.
 */
import { openEngine } from "../../answer/open-engine.js";
import { loadConfig } from "../../config.js";

const [, raw] = process.argv.slice(2);
const job = JSON.parse(raw ?? "{}") as { corpusDir: string; dataDir: string };
const start = performance.now();
// No top-level await: the job is bundled as CommonJS, as the commands are.
void openEngine(loadConfig({ DATA_DIR: job.dataDir, CORPUS_DIR: job.corpusDir }, { dotenvFile: false })).then((engine) => {
  const openMs = performance.now() - start;
  const readyMs = process.uptime() * 1000;
  if (engine.measures().length === 0) throw new Error("open: the engine has no measures");
  // The same result line as children.ts's reportResult, without importing it.
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ readyMs: Math.round(readyMs * 10) / 10, openMs: Math.round(openMs * 10) / 10 })}\n`);
});
