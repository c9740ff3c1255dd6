/** The scoring of ../shared/eval/score.py, so `npm run eval` prints the same numbers. */
export interface EvalQuestion {
  id: string;
  q: string;
  expect?: number[] | "none" | "escalate" | "greeting";
  expect_all?: number[];
  kind?: string;
}

export interface EvalAnswer {
  id: string;
  outcome: "answered" | "handoff" | "smalltalk";
  citations: number[];
  latency_ms?: number;
}

const METRICS = ["top1", "hit3", "precision", "set_recall", "set_precision", "none_ok", "greeting_ok", "english_top1"] as const;
type Metric = (typeof METRICS)[number];

export type Scores = Record<Metric, number | null> & { missing: number; n: Record<Metric, number> };

export function score(questions: EvalQuestion[], answers: EvalAnswer[]): Scores {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const m = Object.fromEntries(METRICS.map((k) => [k, [] as number[]])) as Record<Metric, number[]>;
  let missing = 0;
  for (const q of questions) {
    const a = byId.get(q.id);
    if (!a) missing++;
    const isAnswered = a?.outcome === "answered";
    const cites = isAnswered ? a!.citations.map(Number) : [];
    const exp = q.expect;
    if (q.expect_all) {
      const gold = new Set(q.expect_all);
      const got = new Set(cites);
      const both = [...gold].filter((g) => got.has(g)).length;
      m.set_recall.push(both / gold.size);
      m.set_precision.push(got.size ? both / got.size : 0);
    } else if (Array.isArray(exp)) {
      const top1 = cites.length > 0 && exp.includes(cites[0]!);
      if (q.kind === "english") {
        m.english_top1.push(top1 ? 1 : 0);
        continue;
      }
      m.top1.push(top1 ? 1 : 0);
      m.hit3.push(cites.slice(0, 3).some((c) => exp.includes(c)) ? 1 : 0);
      m.precision.push(cites.length ? cites.filter((c) => exp.includes(c)).length / cites.length : 0);
    } else if (exp === "none" || exp === "escalate") {
      m.none_ok.push(isAnswered ? 0 : 1);
    } else if (exp === "greeting") {
      m.greeting_ok.push(a?.outcome === "smalltalk" ? 1 : 0);
    }
  }
  const out = Object.fromEntries(METRICS.map((k) => [k, m[k].length ? round3(mean(m[k])) : null])) as Record<Metric, number | null>;
  return { ...out, missing, n: Object.fromEntries(METRICS.map((k) => [k, m[k].length])) as Record<Metric, number> };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Python's round(x, 3): correctly rounded from the exact binary value, ties to even. */
function round3(x: number): number {
  const exact = x.toFixed(30);
  const tie = /\.\d{3}50*$/.test(exact);
  if (!tie) return Number(x.toFixed(3));
  const down = Number(exact.slice(0, exact.indexOf(".") + 4));
  const lastDigit = Number(exact[exact.indexOf(".") + 3]);
  return lastDigit % 2 === 0 ? down : Number((down + 0.001).toFixed(3));
}
