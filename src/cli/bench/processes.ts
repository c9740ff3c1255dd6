/**
 * Whole processes, timed from outside as a user meets them: `node -e 0` (the floor), `npm run ask`,
 * `echo … | npm start`, the open job, and `npm start` against the fake Bot API; and the serving
 * process's peak RSS. The floor runs between the others, so a busy moment weighs on both.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { FakeTelegram } from "../../../test/support/fake-telegram.js";
import { ConfigSchema } from "../../config.js";
import { freshDataDir, isCall } from "./bot-load.js";
import { REPO_ROOT, runJob } from "./children.js";
import type { StartupResult } from "./report.js";
import { median, round } from "./stats.js";

const FIRST_CHAT_ID = 499_999;

/** The environment `npm start` gets: ours, minus anything the bot's config reads (no LLM, no real Telegram). */
function startEnv(extra: Record<string, string>): Record<string, string> {
  const configKeys = new Set(Object.keys(ConfigSchema.shape));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !configKeys.has(k) && !k.startsWith("npm_")) env[k] = v;
  return { ...env, ...extra };
}

/** Processes of a process group, with their RSS and peak RSS (VmHWM) in MB. */
function groupMembers(pgid: number): Array<{ pid: number; rssMB: number; peakMB: number }> {
  const members: Array<{ pid: number; rssMB: number; peakMB: number }> = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid || fields[0] === "Z") continue; // fields: state, ppid, pgrp, ...
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
      members.push({ pid: Number(entry), rssMB: kb("VmRSS") / 1024, peakMB: kb("VmHWM") / 1024 });
    } catch {
      // the process ended meanwhile
    }
  }
  return members;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ProcessRun {
  ms: number;
  /** Highest VmHWM seen among the group's processes (npm → sh → node: the program is the largest). */
  peakRssMB: number;
  stdout: string;
}

/**
 * Run a command in its own process group to its exit, stdin given and closed. Peak RSS is sampled
 * from /proc while it runs (VmHWM only grows, so the last sample is within a few ms of the true peak).
 */
function runProcess(command: string, args: string[], opts: { env: Record<string, string>; input?: string; timeoutMs?: number; sampleRss?: boolean }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: REPO_ROOT, env: opts.env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peak = 0;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-4_000)));
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.input ?? "");
    const sampler = opts.sampleRss
      ? setInterval(() => {
          for (const m of groupMembers(child.pid!)) peak = Math.max(peak, m.peakMB);
        }, 20)
      : null;
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, opts.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const ms = performance.now() - start;
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} failed (${code ?? signal}):\n${stderr}`));
      else resolve({ ms, peakRssMB: round(peak, 1), stdout });
    });
  });
}

const runsOf = (xs: number[]) => ({ runs: xs.map((x) => round(x, 1)), median: round(median(xs), 1) });

/** The serving process: `npm start` in terminal mode with these questions piped in; its peak RSS. */
export async function servingRss(o: { indexFrom: string; corpusDir: string; questions: string[] }): Promise<number> {
  const { root, dataDir } = freshDataDir(o.indexFrom);
  try {
    const env = startEnv({ DATA_DIR: dataDir, CORPUS_DIR: o.corpusDir });
    const run = await runProcess("npm", ["start", "--silent"], { env, input: `${o.questions.join("\n")}\n`, sampleRss: true, timeoutMs: 600_000 });
    if (!run.stdout.trim()) throw new Error("npm start answered nothing");
    return run.peakRssMB;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `npm start` → the fake Bot API's first getUpdates (Telegram mode). */
async function botStartup(o: { indexFrom: string | null; corpusDir: string }): Promise<number> {
  const { root, dataDir } = freshDataDir(o.indexFrom);
  const tg = await FakeTelegram.start();
  const env = startEnv({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, DATA_DIR: dataDir, CORPUS_DIR: o.corpusDir });
  // A queued update makes the first getUpdates return at once: the fake records a call when it answers it.
  tg.sendText({ chatId: FIRST_CHAT_ID, text: "/start" });
  const start = performance.now();
  const child = spawn("npm", ["start"], { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString("utf8")).slice(-4_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    await Promise.race([
      tg.waitFor(isCall("getUpdates"), { timeoutMs: 120_000 }),
      exited.then(() => Promise.reject(new Error(`npm start exited before polling:\n${output}`))),
    ]);
    return round(performance.now() - start, 1);
  } finally {
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, s);
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const deadline = Date.now() + 15_000;
    while (groupMembers(child.pid!).length > 0 && Date.now() < deadline) await sleep(100);
    if (groupMembers(child.pid!).length > 0) signal("SIGKILL");
    await exited;
    await tg.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Start-up, each figure the median of `runs` runs, `node -e 0` between them.
 * @param question asked by `npm run ask` and piped to `npm start`
 */
export async function measureStartup(o: { indexFrom: string; corpusDir: string; question: string; runs: number; timeoutMs: number }): Promise<StartupResult> {
  const { root, dataDir } = freshDataDir(o.indexFrom);
  // The folder a bot started before leaves (index and stores): where every start but the very first begins.
  const restart = freshDataDir(o.indexFrom);
  const node: number[] = [];
  const ask: number[] = [];
  const start: number[] = [];
  const firstStart: number[] = [];
  const open: number[] = [];
  try {
    const plain = startEnv({});
    const env = startEnv({ DATA_DIR: dataDir, CORPUS_DIR: o.corpusDir });
    const floor = async () => node.push((await runProcess(process.execPath, ["-e", "0"], { env: plain })).ms);
    const chat = async (chatDir: string) => {
      const started = await runProcess("npm", ["start", "--silent"], { env: startEnv({ DATA_DIR: chatDir, CORPUS_DIR: o.corpusDir }), input: `${o.question}\n` });
      if (!started.stdout.trim()) throw new Error("npm start printed no answer");
      return started.ms;
    };
    await chat(restart.dataDir); // untimed: creates the stores
    for (let i = 0; i < o.runs; i++) {
      await floor();
      const answered = await runProcess("npm", ["run", "--silent", "ask", "--", "--json", o.question], { env });
      if (!/"outcome"/.test(answered.stdout)) throw new Error(`npm run ask printed no answer: ${answered.stdout.slice(0, 200)}`);
      ask.push(answered.ms);
      await floor();
      start.push(await chat(restart.dataDir));
      await floor();
      // A fresh DATA_DIR holding only the index: the first start also creates the stores.
      const first = freshDataDir(o.indexFrom);
      try {
        firstStart.push(await chat(first.dataDir));
      } finally {
        rmSync(first.root, { recursive: true, force: true });
      }
      await floor();
      open.push((await runJob("open", { corpusDir: o.corpusDir, dataDir }, { timeoutMs: o.timeoutMs })).readyMs);
    }
    const rss = await runProcess(process.execPath, ["-e", "process.stdout.write(String(process.resourceUsage().maxRSS))"], { env: plain });
    return {
      node: runsOf(node),
      nodeRssMB: round(Number(rss.stdout) / 1024, 1),
      ask: runsOf(ask),
      start: runsOf(start),
      firstStart: runsOf(firstStart),
      open: runsOf(open),
      botWithIndexMs: await botStartup({ indexFrom: o.indexFrom, corpusDir: o.corpusDir }),
      botWithoutIndexMs: await botStartup({ indexFrom: null, corpusDir: o.corpusDir }),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(restart.root, { recursive: true, force: true });
  }
}
