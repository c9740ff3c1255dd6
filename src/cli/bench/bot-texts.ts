/**
 * What the bot load's users say: questions of the project's eval files, each text once in a whole load. A text
 * asked again would be answered from the analyzer's memos (jieba's cut of it, its tags), which real askers,
 * who word their questions each their own way, rarely get: the load would measure its own repetition.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Answer } from "../../answer/types.js";
import { readQuestions } from "../eval.js";
import { REPO_ROOT } from "./children.js";
import { mulberry32 } from "./synthetic-corpus.js";

/** A text of the pool and how the engine answers it alone (the outcomes job), to tell which ones open a ticket. */
export interface AskedText {
  text: string;
  outcome: Answer["outcome"];
  handoffReason: string | null;
}

/** Every question file of the project's eval folder (faq-* hold paraphrase sets for FAQ matching): some 12,800 distinct texts. */
export const evalQuestionFiles = (): string[] =>
  readdirSync(join(REPO_ROOT, "eval"))
    .filter((f) => f.endsWith(".jsonl") && !f.startsWith("faq-"))
    .sort()
    .map((f) => join(REPO_ROOT, "eval", f));

/**
 * The distinct texts of the files' questions, shuffled by the seed (so any slice mixes every file's kinds).
 * Follow-ups (那注销呢？) are left out: after another user's questions they are not the question they were written as.
 */
export function distinctTexts(files: readonly string[], seed: number): string[] {
  const texts = [...new Set(files.flatMap((f) => readQuestions(f).filter((q) => !q.context?.length).map((q) => q.q.trim())))].filter(Boolean);
  const rand = mulberry32(seed);
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [texts[i], texts[j]] = [texts[j]!, texts[i]!];
  }
  return texts;
}

/** An answer that opens a ticket: a user's later messages would go to staff as follow-ups, not to the bot. */
export const opensTicket = (t: AskedText) => t.outcome === "handoff" && t.handoffReason !== "unclear";

/**
 * Each user asks perUser texts of the pool, in pool order, none asked by anyone before: its last is the pool's next
 * text, whatever it is, so the share of last questions that open a ticket is the pool's; the others are the next
 * that do not (those skipped are left for the warm-up). Returns the plan and the texts left.
 */
export function planUsers(pool: readonly AskedText[], users: number, perUser: number): { plan: string[][]; unused: AskedText[] } {
  const used = new Uint8Array(pool.length);
  let at = 0;
  const take = (ok: (t: AskedText) => boolean): string => {
    while (at < pool.length && !ok(pool[at]!)) at++;
    if (at >= pool.length) throw new Error(`bot load: ${users} users × ${perUser} questions need more distinct texts than the ${pool.length} of the pool (add question files, or fewer users)`);
    used[at] = 1;
    return pool[at++]!.text;
  };
  const plan = Array.from({ length: users }, () => [...Array.from({ length: perUser - 1 }, () => take((t) => !opensTicket(t))), take(() => true)]);
  return { plan, unused: pool.filter((_, i) => !used[i]) };
}

// Please, … keeps an English question English (请问 before it would make it mixed, and handed off).
const politely = (q: string) => (/^[\x00-\x7f]+$/.test(q) ? `Please, ${q}` : `请问${q}`);

/**
 * The warm-up's texts: the pool's texts the measured users do not ask, then (when the warm-up needs more) every
 * pool text prefixed 请问 or Please, with its outcome: none is a measured text.
 */
export const warmupPool = (pool: readonly AskedText[], unused: readonly AskedText[]): AskedText[] => [...unused, ...pool.map((t) => ({ ...t, text: politely(t.text) }))];
