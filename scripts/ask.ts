import { parseArgs } from "node:util";
import { openEngine } from "../src/answer/open-engine.js";
import { createLlmComposerIfConfigured } from "../src/answer/composer.js";
import { explainRecord } from "../src/answer/explain.js";
import { runCli, UsageError } from "../src/cli/run-cli.js";
import { describeChanges } from "../src/cli/index-report.js";

// npm run ask -- "问题"   |   npm run --silent ask -- --json "问题"   |   npm run ask -- --explain "问题"
void runCli('npm run ask -- [--json | --explain] "问题"', async ({ config, log }) => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, explain: { type: "boolean", default: false } },
  });
  if (positionals.length === 0) throw new UsageError("give the question as an argument");
  if (values.json && values.explain) throw new UsageError("--json and --explain do not go together");
  const engine = await openEngine(config, {
    composer: await createLlmComposerIfConfigured(config, log),
    onBuild: (c) => log(`index built: ${describeChanges(c)}`),
    log,
  });
  const { answer, record } = await engine.explain(positionals.join(" "));
  if (values.json) {
    const choices = answer.choices ? { choices: answer.choices } : {};
    console.log(JSON.stringify({ outcome: answer.outcome, text: answer.text, citations: answer.citations, ...choices }));
  } else {
    console.log(answer.text);
    if (values.explain) console.log(`\n${explainRecord(record)}`);
  }
});
