import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../src/cli/bench/children.js";
import { renderMarkdown } from "../src/cli/bench/report.js";
import { FULL, QUICK, runBench } from "../src/cli/bench/run-bench.js";
import { runCli, UsageError } from "../src/cli/run-cli.js";

// npm run bench [-- --quick] [-- --json] [-- --questions FILE] [-- --postgres URL] [-- --write]: prints the table (or the JSON report);
// writes bench/results.{md,json} only with --write, so a plain run changes no tracked file.
await runCli("npm run bench [-- --quick] [-- --json] [-- --write] [-- --questions FILE] [-- --scales 1000,10000] [-- --postgres URL]", async ({ log }) => {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      write: { type: "boolean", default: false },
      questions: { type: "string" },
      scales: { type: "string" },
      // The handoff row's PostgreSQL (a schema of its own, dropped after); default the test server's.
      postgres: { type: "string" },
    },
  });
  const preset = values.quick ? QUICK : FULL;
  const scales = values.scales?.split(",").map((s) => Number(s.trim()));
  if (scales?.some((n) => !Number.isInteger(n) || n < 42)) throw new UsageError("--scales takes measure counts of at least 42, comma-separated");
  const report = await runBench({
    ...preset,
    ...(values.questions ? { questionsFile: resolve(values.questions) } : {}),
    ...(scales ? { mode: "custom", scales } : {}),
    ...(values.postgres ? { postgresUrl: values.postgres } : {}),
    log,
  });
  const markdown = renderMarkdown(report);
  console.log(values.json ? JSON.stringify(report, null, 2) : markdown);
  if (values.write) {
    const dir = join(REPO_ROOT, "bench");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "results.md"), markdown);
    writeFileSync(join(dir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
    log("wrote bench/results.md and bench/results.json");
  }
});
