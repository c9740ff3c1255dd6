/**
 * What maintainers read to see where the bot fails (npm run report, /stats): computed from the
 * question log, the tickets' first-reply times and the FAQ entries, over a period.
 */
import type { LoggedQuestion } from "../question-log/types.js";
import type { QuestionGroup } from "./group.js";

/** Handoffs that mean the policy lacks an answer (not a request for a person, not an unreadable message). */
export const UNANSWERED_REASONS = ["not-in-policy", "fact-missing", "out-of-scope"] as const;
const TOP_MEASURES = 10;
const TOP_FAQ = 10;
const HOUR = 60 * 60_000;

export interface Report {
  since: number;
  until: number;
  questions: number;
  perDay: Array<{ day: string; questions: number }>;
  /** Count and share of each outcome (answered, clarify, handoff, smalltalk, and any other the log holds). */
  outcomes: Record<string, { count: number; share: number }>;
  /** Answered from an approved FAQ entry (part of answered). */
  faqAnswered: number;
  /** Handoffs that opened (or joined) a ticket. */
  tickets: number;
  feedback: { up: number; down: number; downRate: number | null };
  latencyMs: { median: number | null; p95: number | null };
  topMeasures: Array<{ measure: number; title: string | null; count: number }>;
  /** Questions the policy did not answer, wholly or in part, grouped by similarity; the text of questions past the retention is gone and not counted here. */
  unanswered: { total: number; withoutText: number; groups: QuestionGroup[] };
  firstReply: { medianMs: number | null; replied: number };
  faqHits: Array<{ entryId: number; question: string | null; hits: number; down: number }>;
}

export interface ReportInput {
  since: number;
  until: number;
  questions: readonly LoggedQuestion[];
  firstReply: { medianMs: number | null; replied: number };
  /** Measure titles from the corpus. */
  measureTitle: (n: number) => string | null;
  /** FAQ entries' shown question. */
  faqQuestion: (id: number) => string | null;
  group: (questions: string[]) => QuestionGroup[];
  /** Day of a time, YYYY-MM-DD (local time by default). */
  dayOf?: (ms: number) => string;
}

export function localDay(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function buildReport({ since, until, questions, firstReply, measureTitle, faqQuestion, group, dayOf = localDay }: ReportInput): Report {
  const rows = questions.filter((q) => q.at >= since && q.at <= until);
  const n = rows.length;
  const count = (pred: (q: LoggedQuestion) => boolean) => rows.filter(pred).length;

  const perDayMap = new Map<string, number>();
  // Every day of the period, empty ones too, in the given time zone (hour steps: no day is skipped).
  for (let t = since; t < until + HOUR; t += HOUR) perDayMap.set(dayOf(Math.min(t, until)), 0);
  for (const q of rows) perDayMap.set(dayOf(q.at), (perDayMap.get(dayOf(q.at)) ?? 0) + 1);

  const outcomes: Report["outcomes"] = {};
  for (const o of ["answered", "clarify", "handoff", "smalltalk", ...new Set(rows.map((q) => q.outcome))]) {
    if (outcomes[o]) continue;
    const c = count((q) => q.outcome === o);
    outcomes[o] = { count: c, share: n === 0 ? 0 : c / n };
  }

  const up = count((q) => q.feedback === "up");
  const down = count((q) => q.feedback === "down");

  const cited = new Map<number, number>();
  for (const q of rows) for (const m of q.cited) cited.set(m, (cited.get(m) ?? 0) + 1);
  const topMeasures = [...cited]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, TOP_MEASURES)
    .map(([measure, c]) => ({ measure, title: measureTitle(measure), count: c }));

  // (Answered rows with such a reason left part of the message unanswered: 接电要几天？乌鲁木齐接电要几天.)
  const unansweredRows = rows.filter((q) => (q.outcome === "handoff" || q.outcome === "answered") && q.source === "policy" && (UNANSWERED_REASONS as readonly string[]).includes(q.handoffReason ?? ""));
  const texts = unansweredRows.map((q) => q.question).filter((t): t is string => t !== null);

  const hits = new Map<number, { hits: number; down: number }>();
  for (const q of rows) {
    if (q.source !== "faq" || q.faqEntryId === null) continue;
    const h = hits.get(q.faqEntryId) ?? { hits: 0, down: 0 };
    h.hits++;
    if (q.feedback === "down") h.down++;
    hits.set(q.faqEntryId, h);
  }

  const latencies = rows.map((q) => q.latencyMs).sort((a, b) => a - b);
  return {
    since,
    until,
    questions: n,
    perDay: [...perDayMap].map(([day, c]) => ({ day, questions: c })),
    outcomes,
    faqAnswered: count((q) => q.source === "faq" && q.outcome === "answered"),
    tickets: count((q) => q.ticketId !== null),
    feedback: { up, down, downRate: up + down === 0 ? null : down / (up + down) },
    latencyMs: { median: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) },
    topMeasures,
    unanswered: { total: unansweredRows.length, withoutText: unansweredRows.length - texts.length, groups: group(texts) },
    firstReply,
    faqHits: [...hits]
      .sort((a, b) => b[1].hits - a[1].hits || a[0] - b[0])
      .slice(0, TOP_FAQ)
      .map(([entryId, h]) => ({ entryId, question: faqQuestion(entryId), ...h })),
  };
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
}
