import { parseArgs } from "node:util";
import { openEngine } from "../src/answer/open-engine.js";
import { DEFAULT_QUESTIONS, readQuestions, runEval, score } from "../src/cli/eval.js";
import { runCli, UsageError } from "../src/cli/run-cli.js";

// npm run eval [-- --file QUESTIONS.jsonl] [-- --json]: the summary (metrics, then count and median latency), or one answer line per question.
await runCli(`npm run eval -- [--file QUESTIONS.jsonl (default ${DEFAULT_QUESTIONS})] [--json]`, async ({ config, log }) => {
  const { values } = parseArgs({ options: { file: { type: "string", default: DEFAULT_QUESTIONS }, json: { type: "boolean", default: false } } });
  const questions = readQuestions(values.file);
  if (questions.length === 0) throw new UsageError(`${values.file} holds no questions`);
  const engine = await openEngine(config, { onBuild: () => log("index built") });
  const answers = await runEval(engine, questions);
  if (values.json) for (const a of answers) console.log(JSON.stringify(a));
  else {
    const latencies = answers.map((a) => a.latency_ms ?? 0).sort((a, b) => a - b);
    console.log(JSON.stringify(score(questions, answers)));
    console.log(`${answers.length} questions, median ${latencies[Math.floor(latencies.length / 2)]} ms`);
  }
});
