import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config.js";
import { openEngine } from "../../src/answer/open-engine.js";
import type { PolicyEngine, Turn } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import type { Measure } from "../../src/policy/measure.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS_DIR = path.join(REPO, "corpus");

export interface TestEngine {
  engine: PolicyEngine;
  dataDir: string;
  /** Log lines the engine wrote (e.g. "ask failed: …"); a test can assert there are none. */
  logs: string[];
  cleanup: () => void;
}

/** The real engine over the real corpus, with its index built into a fresh temporary DATA_DIR. */
export async function openTestEngine(prefix: string): Promise<TestEngine> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const logs: string[] = [];
  const config = loadConfig({ DATA_DIR: dataDir, CORPUS_DIR }, { dotenvFile: false });
  const engine = await openEngine(config, { log: (m) => logs.push(m) });
  return { engine, dataDir, logs, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export const cited = (a: Answer): number[] => a.citations.map((c) => c.measure);
export const relatedTo = (a: Answer): number[] => a.related.map((c) => c.measure);

/** Measures whose responsible departments include this full name, in number order. */
export const measuresOf = (measures: readonly Measure[], department: string): number[] =>
  measures.filter((m) => m.departments.includes(department)).map((m) => m.number);

/** Ask a conversation's questions in turn, each with the turns before it; the answers. */
export async function conversation(engine: PolicyEngine, ...questions: string[]): Promise<Answer[]> {
  const history: Turn[] = [];
  const answers: Answer[] = [];
  for (const question of questions) {
    const answer = await engine.ask(question, [...history]);
    history.push({ question, answer });
    answers.push(answer);
  }
  return answers;
}
