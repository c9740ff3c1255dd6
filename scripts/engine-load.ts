import { parseArgs } from "node:util";
import type { Turn } from "../src/answer/engine.js";
import { distinctTexts, evalQuestionFiles } from "../src/cli/bench/bot-texts.js";
import { openBenchEngine } from "../src/cli/bench/engine.js";
import { runCli, UsageError } from "../src/cli/run-cli.js";

// npm run engine-load [-- --alone] [-- --chats 200] [-- --texts N]: the engine's CPU per unseen question, without Telegram.
// The eval files' distinct texts, in chats of 10 questions (each read with its chat's last three turns), `chats` at a time
// asked in turn as the bot's load interleaves them; the first half warms V8 up, the second is measured. It prints "measuring"
// when the second half starts, so a profiler can be switched on there (callgrind_control -i on; README, Performance); --pause MS
// waits that long first, so every measured question is counted whenever the profiler is switched on.
const PER_CHAT = 10;
const HISTORY = 3;

await runCli("npm run engine-load [-- --alone] [-- --chats 200] [-- --texts N] [-- --pause MS]", async ({ config, log }) => {
  const { values } = parseArgs({ options: { alone: { type: "boolean", default: false }, pause: { type: "string", default: "0" }, chats: { type: "string", default: "200" }, texts: { type: "string" } } });
  const chats = Number(values.chats);
  if (!Number.isInteger(chats) || chats < 1) throw new UsageError("--chats takes a positive whole number");
  const count = values.texts === undefined ? undefined : Number(values.texts);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new UsageError("--texts takes a positive whole number");
  const all = distinctTexts(evalQuestionFiles(), 20220);
  const texts = count === undefined ? all : all.slice(0, count);
  if (texts.length < 2 * PER_CHAT) throw new UsageError(`--texts: at least ${2 * PER_CHAT}`);
  const { engine } = await openBenchEngine(config);

  const ask = async (group: string[]) => {
    for (let at = 0; at < group.length; at += chats * PER_CHAT) {
      const batch = group.slice(at, at + chats * PER_CHAT);
      const open = Array.from({ length: Math.ceil(batch.length / PER_CHAT) }, (_, c) => ({ texts: batch.slice(c * PER_CHAT, (c + 1) * PER_CHAT), history: [] as Turn[] }));
      for (let turn = 0; turn < PER_CHAT; turn++)
        for (const chat of open) {
          const text = chat.texts[turn];
          if (text === undefined) continue;
          const a = await engine.ask(text, values.alone ? [] : chat.history.slice(-HISTORY));
          chat.history.push({ question: text, answer: { outcome: a.outcome, citations: a.citations, understood: a.understood, ...(a.choices ? { choices: a.choices } : {}) } });
        }
    }
  };
  const half = Math.floor(texts.length / 2);
  await ask(texts.slice(0, half));
  log("measuring");
  const pauseMs = Number(values.pause);
  if (!(pauseMs >= 0)) throw new UsageError("--pause takes a number of milliseconds");
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const cpu = process.cpuUsage();
  const started = performance.now();
  await ask(texts.slice(half));
  const used = process.cpuUsage(cpu);
  const n = texts.length - half;
  console.log(`${n} unseen questions ${values.alone ? "alone" : `in chats (${chats} at a time, each read with its last ${HISTORY} turns)`}: ` + `${((used.user + used.system) / 1000 / n).toFixed(3)} ms CPU, ${((performance.now() - started) / n).toFixed(3)} ms wall per question`);
});
