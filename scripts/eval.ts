import { parseArgs } from "node:util";
import { openEngine } from "../src/answer/open-engine.js";
import { DEFAULT_QUESTIONS, explainMisses, readQuestions, runEval, score } from "../src/cli/eval.js";
import { runCli, UsageError } from "../src/cli/run-cli.js";

// npm run eval [-- --file QUESTIONS.jsonl] [-- --json | --explain]: the summary (metrics, then count and median latency),
// one answer line per question, or every miss with the stage records that led to it.
void runCli(`npm run eval -- [--file QUESTIONS.jsonl (default ${DEFAULT_QUESTIONS})] [--json | --explain]`, async ({ config, log }) => {
  const { values } = parseArgs({
    options: { file: { type: "string", default: DEFAULT_QUESTIONS }, json: { type: "boolean", default: false }, explain: { type: "boolean", default: false } },
  });
  if (values.json && values.explain) throw new UsageError("--json and --explain do not go together");
  const questions = readQuestions(values.file);
  if (questions.length === 0) throw new UsageError(`${values.file} holds no questions`);
  const engine = await openEngine(config, { onBuild: () => log("index built") });
  const answers = await runEval(engine, questions);
  if (values.json) for (const a of answers) console.log(JSON.stringify(a));
  else {
    if (values.explain) for (const miss of await explainMisses(engine, questions, answers)) console.log(`${miss}\n`);
    const latencies = answers.map((a) => a.latency_ms ?? 0).sort((a, b) => a - b);
    console.log(JSON.stringify(score(questions, answers)));
    console.log(`${answers.length} questions, median ${latencies[Math.floor(latencies.length / 2)]} ms`);
  }
});
