import { createHash } from "node:crypto";
import type { Measure } from "../policy/measure.js";
import type { FaqEntry } from "./types.js";

/** The corpus as the FAQ needs it: measures by number (the engine provides it). */
export interface MeasureLookup {
  measure(n: number): Measure | undefined;
}

/** An approved entry nobody was served in this many days is flagged for review. */
export const UNUSED_AFTER_DAYS = 90;
const DAY_MS = 24 * 60 * 60_000;

/** Why an entry needs a maintainer's look. */
export type FaqFlag = { kind: "unused"; days: number } | { kind: "measure-changed"; measures: number[] } | { kind: "measure-missing"; measures: number[] };

/** A measure's text as it was when an entry was approved: title, text and departments. */
export function measureDigest(m: Measure): string {
  return createHash("sha256").update(`${m.title}\n${m.text}\n${m.departments.join("、")}`).digest("hex").slice(0, 16);
}

export function digestsOf(measures: readonly number[], corpus: MeasureLookup): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of measures) {
    const m = corpus.measure(n);
    if (m) out[String(n)] = measureDigest(m);
  }
  return out;
}

/** Flags of a served entry: not hit for a long time (approved or out of scope); a related measure changed or is gone (approved). */
export function flagsOf(entry: FaqEntry, corpus: MeasureLookup, now: number, unusedAfterDays = UNUSED_AFTER_DAYS): FaqFlag[] {
  if (entry.status !== "approved" && entry.status !== "out-of-scope") return [];
  const flags: FaqFlag[] = [];
  const since = Math.max(entry.lastHitAt ?? 0, entry.review?.at ?? entry.createdAt);
  const idle = Math.floor((now - since) / DAY_MS);
  if (idle >= unusedAfterDays) flags.push({ kind: "unused", days: idle });
  // Out of scope: no answer is served, so its measures are shown to nobody.
  if (entry.status !== "approved") return flags;
  const changed: number[] = [];
  const missing: number[] = [];
  for (const n of entry.measures) {
    const m = corpus.measure(n);
    if (!m) missing.push(n);
    else if (entry.measureDigests[String(n)] !== measureDigest(m)) changed.push(n);
  }
  if (changed.length > 0) flags.push({ kind: "measure-changed", measures: changed });
  if (missing.length > 0) flags.push({ kind: "measure-missing", measures: missing });
  return flags;
}
