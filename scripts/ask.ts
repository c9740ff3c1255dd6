import { parseArgs } from "node:util";
import { openEngine } from "../src/answer/open-engine.js";
import { createLlmComposerIfConfigured } from "../src/answer/composer.js";
import { runCli, UsageError } from "../src/cli/run-cli.js";
import { describeChanges } from "../src/cli/index-report.js";

// npm run ask -- "问题"   |   npm run --silent ask -- --json "问题"
await runCli('npm run ask -- [--json] "问题"', async ({ config, log }) => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  if (positionals.length === 0) throw new UsageError("give the question as an argument");
  const engine = await openEngine(config, {
    composer: await createLlmComposerIfConfigured(config, log),
    onBuild: (c) => log(`index built: ${describeChanges(c)}`),
    log,
  });
  const answer = await engine.ask(positionals.join(" "));
  if (values.json) console.log(JSON.stringify({ outcome: answer.outcome, text: answer.text, citations: answer.citations }));
  else console.log(answer.text);
});
