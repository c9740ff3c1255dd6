/**
 * Deterministic synthetic policy corpora for the scale benchmark: new measures recombined from the
 * clauses, numbers and departments of the real text, in the same "N、text（departments负责）。" format,
 * with the real measures hidden among them at random positions (renumbered).
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEPARTMENT_ALIASES_FILE, LEXICON_FILE, POLICY_DIR } from "../../policy/corpus.js";

/** mulberry32: a tiny seeded PRNG with good enough statistics for sampling; returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCorpus {
  /** The policy text, ready to write as corpus/policy/*.txt. */
  text: string;
  /** Number of measures in the text. */
  measures: number;
  /** Real measure number → its number in the synthetic text. */
  mapping: Map<number, number>;
}

export interface SyntheticOptions {
  measures: number;
  seed: number;
}

interface RealMeasure {
  number: number;
  /** Everything after "N、", departments included, exactly as published. */
  content: string;
  /** The body's sentences, without the closing departments. */
  sentences: string[];
}

const MEASURE_LINE = /^(\d+)\s*[、.．]\s*(.+)$/;
const DEPARTMENTS_AT_END = /[（(]([^（）()]+)[）)]\s*[。.]?\s*$/;
const CLAUSE_SPLIT = /[,，;；]/;

/** Split the published text into intro lines, measures and trailer lines (the generator keeps intro and trailer as they are). */
function splitRealText(realText: string) {
  const lines = realText.replace(/^\uFEFF/, "").split(/\r?\n/);
  const intro: string[] = [];
  const trailer: string[] = [];
  const measures: RealMeasure[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const m = MEASURE_LINE.exec(line);
    if (m) {
      const content = m[2]!;
      const dept = DEPARTMENTS_AT_END.exec(content);
      if (!dept) throw new Error(`synthetic corpus: measure ${m[1]} has no closing departments`);
      const body = content.slice(0, dept.index);
      const sentences = (body.match(/[^。；！？]+[。；！？]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
      measures.push({ number: Number(m[1]), content, sentences });
    } else if (measures.length === 0) intro.push(raw);
    else trailer.push(raw);
  }
  if (measures.length === 0) throw new Error("synthetic corpus: the real text has no measures");
  return { intro, measures, trailer };
}

/** Pools the recombination draws from. */
function poolsOf(measures: RealMeasure[], realText: string) {
  const clauses: string[] = [];
  // Body clauses only: the real titles stay unique to the real measures.
  for (const m of measures)
    for (const s of m.sentences.slice(1))
      for (const c of s.replace(/[。；！？]$/, "").split(CLAUSE_SPLIT)) if (c.trim().length >= 4) clauses.push(c.trim());
  const departments = new Set<string>();
  for (const m of measures) {
    const inside = DEPARTMENTS_AT_END.exec(m.content)![1]!.replace(/(共同)?(牵头)?负责$|牵头$/, "");
    for (const d of inside.split(/[、，,；;]/)) if (d.trim()) departments.add(d.replace(/(牵头)?负责$/, "").trim());
  }
  const numbers = [...new Set(realText.match(/\d+/g) ?? [])].filter((n) => n.length <= 4);
  return { clauses, departments: [...departments].sort(), numbers };
}

/**
 * Build a corpus of `measures` measures (at least the real ones). Same seed → byte-identical text.
 * Each synthetic measure: a clause of the real text as its topic sentence, then one to three sentences
 * of two to five clauses drawn from anywhere in the bodies, numbers swapped for other numbers of the text,
 * and one to three real departments.
 */
export function generateSyntheticCorpus(realText: string, opts: SyntheticOptions): SyntheticCorpus {
  const { intro, measures: real, trailer } = splitRealText(realText);
  const n = opts.measures;
  if (!Number.isInteger(n) || n < real.length) throw new Error(`synthetic corpus: need at least ${real.length} measures, got ${n}`);
  const rand = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pools = poolsOf(real, realText);
  const realContents = new Set(real.map((m) => m.content));

  // Positions of the real measures: the first real.length entries of a seeded shuffle, kept in their original order.
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const positions = order.slice(0, real.length).sort((a, b) => a - b);
  const realAt = new Map(positions.map((pos, i) => [pos, real[i]!]));

  const withNumbers = (text: string) => text.replace(/\d+/g, () => pick(pools.numbers));
  const synthetic = (): string => {
    // A real title would make hundreds of measures share it: the topic sentence is a clause instead.
    const sentences = [withNumbers(pick(pools.clauses))];
    for (let s = between(1, 3); s > 0; s--) sentences.push(withNumbers(Array.from({ length: between(2, 5) }, () => pick(pools.clauses)).join(",")));
    const departments = new Set<string>();
    for (let d = between(1, 3); d > 0; d--) departments.add(pick(pools.departments));
    return `${sentences.join("。")}(${[...departments].join("、")}负责)。`;
  };

  const mapping = new Map<number, number>();
  const lines: string[] = [];
  for (let pos = 0; pos < n; pos++) {
    const number = pos + 1;
    const r = realAt.get(pos);
    if (r) {
      mapping.set(r.number, number);
      lines.push(`${number}、${r.content}`);
      continue;
    }
    let content = synthetic();
    while (realContents.has(content)) content = synthetic(); // never a second copy of a real measure
    lines.push(`${number}、${content}`);
  }
  const text = [...intro, ...lines, ...trailer].join("\n");
  return { text, measures: n, mapping };
}

/** Write a corpus folder (policy text plus the real lexicon and department aliases) that loadCorpus reads. */
export function writeCorpusDir(dir: string, text: string, realCorpusDir: string, file = "synthetic.txt"): void {
  mkdirSync(join(dir, POLICY_DIR), { recursive: true });
  writeFileSync(join(dir, POLICY_DIR, file), text);
  for (const f of [LEXICON_FILE, DEPARTMENT_ALIASES_FILE]) copyFileSync(join(realCorpusDir, f), join(dir, f));
}
