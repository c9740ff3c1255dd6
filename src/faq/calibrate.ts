/**
 * Measuring the FAQ match threshold on a set of FAQ questions, paraphrases that must match them,
 * and near-misses and unrelated questions that must not (eval/faq-paraphrases*.jsonl).
 */
import { readFileSync } from "node:fs";
import { FaqMatcher } from "./matcher.js";
import type { TextTools } from "./similarity.js";
import type { FaqEntry } from "./types.js";

export interface FaqCase {
  id: string;
  faq: string;
  paraphrases: string[];
  nearMisses: string[];
}

export interface CalibrationSet {
  faqs: FaqCase[];
  /** Questions no FAQ answers. */
  unrelated: string[];
}

/** One question of the set and its best match. */
export interface Trial {
  question: string;
  /** The FAQ it must match, or null when it must match none. */
  expected: string | null;
  kind: "paraphrase" | "near-miss" | "unrelated";
  best: { faq: string; score: number } | null;
}

export interface ThresholdResult {
  threshold: number;
  matched: number;
  correct: number;
  /** Paraphrases matched to another FAQ. */
  wrongEntry: number;
  /** Near-misses and unrelated questions matched to any FAQ. */
  falseMatches: number;
  precision: number;
  recall: number;
}

export class CalibrationFileError extends Error {}

/** Lines: {"id","faq","paraphrases":[…],"near_misses":[…]} or {"id","q","expect":"none"}. A bad line stops with file:line. */
export function readCalibrationSet(file: string): CalibrationSet {
  const set: CalibrationSet = { faqs: [], unrelated: [] };
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === "") return;
      const where = `${file}:${i + 1}`;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new CalibrationFileError(`${where}: not a JSON object`);
      }
      const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string" && x.trim() !== "");
      if (typeof row.faq === "string" && strings(row.paraphrases) && strings(row.near_misses ?? [])) {
        set.faqs.push({ id: String(row.id ?? where), faq: row.faq, paraphrases: row.paraphrases as string[], nearMisses: (row.near_misses ?? []) as string[] });
      } else if (typeof row.q === "string" && row.expect === "none") {
        set.unrelated.push(row.q);
      } else {
        throw new CalibrationFileError(`${where}: expected {"faq", "paraphrases": [...], "near_misses": [...]} or {"q", "expect": "none"}`);
      }
    });
  return set;
}

/** Every question of the set against a matcher holding the set's FAQ questions (one variant each). */
export function runTrials(set: CalibrationSet, tools: TextTools): Trial[] {
  const entries: FaqEntry[] = set.faqs.map((f, i) => ({
    id: i + 1,
    status: "approved",
    questions: [f.faq],
    answer: f.id, // the case id rides in the answer, so a match names the FAQ it found
    measures: [],
    measureDigests: {},
    source: null,
    createdAt: 0,
    review: null,
    hits: 0,
    lastHitAt: null,
    cardQueued: false,
    card: null,
  }));
  const matcher = FaqMatcher.build(entries, tools);
  const trial = (question: string, expected: string | null, kind: Trial["kind"]): Trial => {
    const best = matcher.best(question);
    return { question, expected, kind, best: best ? { faq: best.entry.answer, score: best.similarity.score } : null };
  };
  return [
    ...set.faqs.flatMap((f) => [...f.paraphrases.map((q) => trial(q, f.id, "paraphrase")), ...f.nearMisses.map((q) => trial(q, null, "near-miss"))]),
    ...set.unrelated.map((q) => trial(q, null, "unrelated")),
  ];
}

export function atThreshold(trials: readonly Trial[], threshold: number): ThresholdResult {
  let matched = 0;
  let correct = 0;
  let wrongEntry = 0;
  let falseMatches = 0;
  for (const t of trials) {
    if (!t.best || t.best.score < threshold) continue;
    matched++;
    if (t.expected === null) falseMatches++;
    else if (t.best.faq === t.expected) correct++;
    else wrongEntry++;
  }
  const positives = trials.filter((t) => t.expected !== null).length;
  return { threshold, matched, correct, wrongEntry, falseMatches, precision: matched === 0 ? 1 : correct / matched, recall: positives === 0 ? 0 : correct / positives };
}

export function sweep(trials: readonly Trial[], thresholds: readonly number[] = range(0.4, 0.95, 0.05)): ThresholdResult[] {
  return thresholds.map((t) => atThreshold(trials, t));
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let x = from; x <= to + 1e-9; x += step) out.push(Math.round(x * 100) / 100);
  return out;
}
