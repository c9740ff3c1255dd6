/**
 * Answer-quality metrics over a question set and the answers to it. The definitions follow the
 * evaluation format the project shares with its independent reference scorer, number for number:
 * the same metrics, the same exact mean, the same rounding (see README, "Answer quality").
 */
/**
 * A measure as the evaluation names it: its number; with several documents in the corpus, answers
 * name it "<document key>#<number>" (test-2023-sample#2). An expected bare number matches that number
 * in any document; an expected "key#n" only that document's.
 */
export type EvalRef = number | string;
export type Expectation = EvalRef[] | "none" | "escalate" | "greeting";

export interface EvalQuestion {
  id: string;
  q: string;
  /** Measures any one of which is a right first citation, or what kind of reply is right instead. */
  expect?: Expectation;
  /** Measures the reply must all cite (department and multi-part questions). */
  expect_all?: EvalRef[];
  kind?: string;
  /** Earlier questions of the same conversation, oldest first; `q` follows them. */
  context?: string[];
}

export type EvalOutcome = "answered" | "clarify" | "handoff" | "smalltalk";

export interface EvalAnswer {
  id: string;
  outcome: EvalOutcome;
  /** Measures relied on, most relevant first; for "clarify", the measures offered to choose from. */
  citations: EvalRef[];
  latency_ms?: number;
}

/** Whether a cited measure is the expected one (see EvalRef). */
export function sameRef(expected: EvalRef, cited: EvalRef): boolean {
  if (expected === cited) return true;
  const number = (r: EvalRef) => (typeof r === "number" ? r : Number(r.slice(r.lastIndexOf("#") + 1)));
  return typeof expected === "number" && number(cited) === expected;
}

/** One form per measure, to compare sets: the plain number when the reference has no document. */
const refKey = (r: EvalRef) => (typeof r === "number" ? String(r) : /^\d+$/.test(r) ? String(Number(r)) : r);

export const METRICS = [
  "top1",
  "hit3",
  "precision",
  "set_recall",
  "set_precision",
  "none_ok",
  "greeting_ok",
  "english_top1",
  "clarify_ok",
  "wrong_first",
] as const;
export type Metric = (typeof METRICS)[number];

export type Scores = Record<Metric, number | null> & { missing: number; n: Record<Metric, number> };

export function score(questions: EvalQuestion[], answers: EvalAnswer[]): Scores {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const m = Object.fromEntries(METRICS.map((k) => [k, [] as number[]])) as Record<Metric, number[]>;
  const push = (metric: Metric, value: boolean | number) => m[metric].push(Number(value));
  let missing = 0;
  for (const q of questions) {
    const a = byId.get(q.id);
    if (!a) missing++;
    const answered = a?.outcome === "answered";
    const cites = answered ? a!.citations.map(asRef) : [];
    const offered = a?.outcome === "clarify" ? a.citations.map(asRef) : [];
    const exp = q.expect;
    const right = (c: EvalRef | undefined) => Array.isArray(exp) && c !== undefined && exp.some((e) => sameRef(e, c));
    if (a?.outcome === "clarify" && Array.isArray(exp)) push("clarify_ok", offered.some(right));
    // A confident answer whose first citation is wrong, or that should not have answered at all.
    if (answered && q.expect_all === undefined) push("wrong_first", !right(cites[0]));
    if (q.expect_all !== undefined) {
      const gold = new Set(q.expect_all.map(refKey));
      const got = new Set(cites.map(refKey));
      const both = [...gold].filter((g) => [...got].some((c) => sameRef(asRef(g), asRef(c)))).length;
      push("set_recall", both / gold.size);
      push("set_precision", got.size ? both / got.size : 0);
    } else if (Array.isArray(exp)) {
      if (q.kind === "english") {
        push("english_top1", right(cites[0]));
        continue;
      }
      push("top1", right(cites[0]));
      push("hit3", cites.slice(0, 3).some(right));
      push("precision", cites.length ? cites.filter(right).length / cites.length : 0);
    } else if (exp === "none" || exp === "escalate") {
      push("none_ok", !answered);
    } else if (exp === "greeting") {
      push("greeting_ok", a?.outcome === "smalltalk");
    }
  }
  const out = Object.fromEntries(METRICS.map((k) => [k, m[k].length ? round3(exactMean(m[k])) : null])) as Record<Metric, number | null>;
  return { ...out, missing, n: Object.fromEntries(METRICS.map((k) => [k, m[k].length])) as Record<Metric, number> };
}

/** Numbers as numbers (answer lines written by other tools may quote them), references with a document as they are. */
function asRef(r: EvalRef): EvalRef {
  return typeof r === "string" && /^\s*\d+\s*$/.test(r) ? Number(r) : r;
}

/**
 * The mean as Python's statistics.mean computes it: the exact sum of the doubles, divided exactly,
 * rounded once. Summing in floating point can land one unit below a tie (3/4 + 3 × 2/3 over 4
 * gives 0.6874999999999999, not 0.6875) and then round to a different third decimal.
 */
export function exactMean(values: number[]): number {
  const SCALE = 1074; // every finite double is an integer multiple of 2^-1074
  let sum = 0n;
  for (const v of values) {
    const { mantissa, exponent } = decompose(v);
    sum += mantissa << BigInt(exponent + SCALE);
  }
  return ratioToNumber(sum, BigInt(values.length) << BigInt(SCALE));
}

/** A non-negative finite double as mantissa × 2^exponent, exactly. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`metric values are finite and non-negative, got ${x}`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** num / den correctly rounded to a double (ties to even), for quotients well inside the normal range. */
function ratioToNumber(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const bits = (b: bigint) => b.toString(2).length;
  // Scale so the integer quotient has at least 55 bits; a sticky bit below it stands for any remainder,
  // so BigInt → Number, which rounds to nearest with ties to even, rounds the exact quotient.
  const shift = 55 - (bits(num) - bits(den));
  const [n, d] = shift >= 0 ? [num << BigInt(shift), den] : [num, den << BigInt(-shift)];
  const sticky = n % d === 0n ? 0n : 1n;
  return Number(((n / d) << 1n) | sticky) / 2 ** (shift + 1);
}

/** Python's round(x, 3): correctly rounded from the exact binary value, ties to even. */
export function round3(x: number): number {
  // toFixed(30) shows enough of the exact value to tell a true tie (…xxx5 exactly) from a near one.
  const exact = x.toFixed(30);
  const tie = /\.\d{3}50*$/.test(exact);
  if (!tie) return Number(x.toFixed(3));
  const down = Number(exact.slice(0, exact.indexOf(".") + 4));
  const lastDigit = Number(exact[exact.indexOf(".") + 3]);
  return lastDigit % 2 === 0 ? down : Number((down + 0.001).toFixed(3));
}
