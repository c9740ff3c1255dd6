import { decodeSections, encodeSections } from "./binary-file.js";
import { IndexDamagedError } from "./index-damage.js";
import { StringTable } from "./string-table.js";

/** A document position in the index (the measure's position in number order) and its score. */
export interface Scored {
  index: number;
  score: number;
}

/** Which per-posting weight a search sums. */
export type Column = "bm25" | "cosine";

const KIND = "term-index";
const K1 = 1.2;
const B = 0.75;
// Pruning compares sums taken in different orders: keep a margin far above rounding error, far below any real gap.
const EPSILON = 1e-9;

/**
 * The inverted index of every measure's analysed terms (jieba words and ~bigrams), built once at index time:
 * per term, the measures holding it (ascending), with two weights each:
 * - bm25: Okapi BM25's term-frequency part, tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen));
 * - cosine: the measure's L2-normalised sparse vector, (1 + ln tf)·weight(term) / ‖d‖ (the local embedder).
 * Searches are exact top-k with MaxScore pruning: long lists of common bigrams are probed, not scanned.
 */
export class TermIndex {
  private constructor(
    readonly documents: number,
    private readonly terms: StringTable,
    private readonly offsets: Uint32Array,
    private readonly docs: Int32Array,
    private readonly columns: Record<Column, Float32Array>,
    private readonly maxima: Record<Column, Float32Array>,
  ) {}

  /** @param featureWeight the cosine column's weight of a term (the local embedder's IDF); 1 when only BM25 is wanted. */
  static builder(featureWeight: (term: string) => number = () => 1): TermIndexBuilder {
    return new TermIndexBuilder(featureWeight);
  }

  static build(docs: readonly string[][], featureWeight?: (term: string) => number): TermIndex {
    const b = TermIndex.builder(featureWeight);
    for (const d of docs) b.add(d);
    return b.finish();
  }

  /** @internal the builder's result */
  static of(documents: number, keys: string[], offsets: Uint32Array, docs: Int32Array, bm25: Float32Array, cosine: Float32Array): TermIndex {
    const maxOf = (column: Float32Array) => {
      const max = new Float32Array(keys.length);
      for (let t = 0; t < keys.length; t++) for (let p = offsets[t]!; p < offsets[t + 1]!; p++) if (column[p]! > max[t]!) max[t] = column[p]!;
      return max;
    };
    return new TermIndex(documents, StringTable.build(keys), offsets, docs, { bm25, cosine }, { bm25: maxOf(bm25), cosine: maxOf(cosine) });
  }

  encode(): Buffer {
    return encodeSections(
      KIND,
      { documents: this.documents, terms: this.terms.size, postings: this.docs.length },
      {
        ...this.terms.sections("terms"),
        offsets: this.offsets,
        docs: this.docs,
        bm25: this.columns.bm25,
        cosine: this.columns.cosine,
        bm25Max: this.maxima.bm25,
        cosineMax: this.maxima.cosine,
      },
    );
  }

  /** Read and check: counts, offsets and document numbers in range (a damaged file must not crash a search). */
  static decode(raw: Buffer, file: string): TermIndex {
    const s = decodeSections(raw, KIND, file);
    const terms = StringTable.fromSections(s, "terms", file);
    const offsets = s.get("offsets", "u32");
    const docs = s.get("docs", "i32");
    const columns = { bm25: s.get("bm25", "f32"), cosine: s.get("cosine", "f32") };
    const maxima = { bm25: s.get("bm25Max", "f32"), cosine: s.get("cosineMax", "f32") };
    const documents = s.meta.documents ?? -1;
    const damaged = (problem: string) => new IndexDamagedError(file, problem);
    if (s.meta.terms !== terms.size || offsets.length !== terms.size + 1 || maxima.bm25.length !== terms.size || maxima.cosine.length !== terms.size)
      throw damaged("term counts differ");
    if (s.meta.postings !== docs.length || columns.bm25.length !== docs.length || columns.cosine.length !== docs.length || offsets[terms.size] !== docs.length)
      throw damaged("posting counts differ");
    for (let t = 0; t < terms.size; t++) if (offsets[t]! > offsets[t + 1]!) throw damaged("posting offsets out of order");
    for (let p = 0; p < docs.length; p++) if (docs[p]! < 0 || docs[p]! >= documents) throw damaged("a posting names a document out of range");
    return new TermIndex(documents, terms, offsets, docs, columns, maxima);
  }

  get vocabularySize(): number {
    return this.terms.size;
  }

  get postings(): number {
    return this.docs.length;
  }

  has(term: string): boolean {
    return this.terms.id(term) >= 0;
  }

  /** Measures holding the term. */
  df(term: string): number {
    const t = this.terms.id(term);
    return t < 0 ? 0 : this.offsets[t + 1]! - this.offsets[t]!;
  }

  /** BM25's IDF (Lucene's form, never negative); a term no measure holds gets the rarest value. */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }

  /**
   * The k best measures by BM25 for weighted query terms (a synonym weighs less than a word of the question).
   * @param within only these document positions (a mask by position), when given
   */
  bm25(query: ReadonlyMap<string, number>, k: number, within?: Uint8Array): Scored[] {
    return this.search("bm25", query, k, false, within);
  }

  /** The k nearest measures by cosine, for a query vector given as term → weight (already normalised). */
  cosine(query: ReadonlyMap<string, number>, k: number): Scored[] {
    return this.search("cosine", query, k, false);
  }

  /** The same scores without pruning, every posting of every term summed: the reference the pruned search must equal. */
  exhaustive(column: Column, query: ReadonlyMap<string, number>, k: number, within?: Uint8Array): Scored[] {
    return this.search(column, query, k, true, within);
  }

  private search(column: Column, query: ReadonlyMap<string, number>, k: number, exhaustive: boolean, within?: Uint8Array): Scored[] {
    if (k <= 0) return [];
    const lists: Array<{ term: number; weight: number }> = [];
    for (const [text, w] of query) {
      const term = this.terms.id(text);
      if (term < 0 || !(w > 0) || this.offsets[term] === this.offsets[term + 1]) continue;
      lists.push({ term, weight: column === "bm25" ? w * this.idfOf(term) : w });
    }
    if (!lists.length) return [];
    return exhaustive ? this.scanAll(column, lists, k, within) : this.maxScore(column, lists, k, within);
  }

  private idfOf(term: number): number {
    const df = this.offsets[term + 1]! - this.offsets[term]!;
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }

  private scanAll(column: Column, lists: Array<{ term: number; weight: number }>, k: number, within?: Uint8Array): Scored[] {
    const scores = new Map<number, number>();
    const values = this.columns[column];
    for (const { term, weight } of lists)
      for (let p = this.offsets[term]!; p < this.offsets[term + 1]!; p++) {
        const doc = this.docs[p]!;
        if (!within || within[doc]) scores.set(doc, (scores.get(doc) ?? 0) + weight * values[p]!);
      }
    const best = new TopK(k);
    for (const [index, score] of scores) best.offer(index, score);
    return best.sorted();
  }

  /**
   * MaxScore (Turtle & Flood), document at a time. Lists are ordered by their upper bound (weight × the
   * largest posting); once the k-th best score θ exceeds the sum of the smallest bounds, a measure found
   * only in those lists cannot enter the top k, so they are no longer scanned, only probed for the
   * measures the other lists bring, and not even probed once the bound left cannot lift a measure past θ.
   * Exact: the top k and their scores are those of the exhaustive sum (up to summation order).
   */
  private maxScore(column: Column, lists: Array<{ term: number; weight: number }>, k: number, within?: Uint8Array): Scored[] {
    const values = this.columns[column];
    const maxima = this.maxima[column];
    const docs = this.docs;
    const ordered = lists.map((l) => ({ ...l, bound: l.weight * maxima[l.term]! })).sort((a, b) => a.bound - b.bound);
    const n = ordered.length;
    const pos = new Int32Array(n);
    const end = new Int32Array(n);
    const weight = new Float64Array(n);
    const below = new Float64Array(n); // below[i]: the bounds of lists 0..i summed
    ordered.forEach((l, i) => {
      pos[i] = this.offsets[l.term]!;
      end[i] = this.offsets[l.term + 1]!;
      weight[i] = l.weight;
      below[i] = (i ? below[i - 1]! : 0) + l.bound;
    });
    const best = new TopK(k);
    let theta = -Infinity;
    let essential = 0; // lists before this one are only probed
    for (;;) {
      let doc = 0x7fffffff;
      for (let i = essential; i < n; i++) if (pos[i]! < end[i]! && docs[pos[i]!]! < doc) doc = docs[pos[i]!]!;
      if (doc === 0x7fffffff) break;
      if (within && !within[doc]) {
        for (let i = essential; i < n; i++) if (pos[i]! < end[i]! && docs[pos[i]!] === doc) pos[i]!++;
        continue;
      }
      let score = 0;
      for (let i = essential; i < n; i++) {
        const p = pos[i]!;
        if (p < end[i]! && docs[p] === doc) {
          score += weight[i]! * values[p]!;
          pos[i] = p + 1;
        }
      }
      for (let i = essential - 1; i >= 0; i--) {
        if (score + below[i]! < theta * (1 - EPSILON)) break;
        const p = seek(docs, pos[i]!, end[i]!, doc);
        pos[i] = p;
        if (p < end[i]! && docs[p] === doc) {
          score += weight[i]! * values[p]!;
          pos[i] = p + 1;
        }
      }
      if (best.offer(doc, score) && best.full) {
        theta = best.worst;
        while (essential < n && below[essential]! < theta * (1 - EPSILON)) essential++;
      }
    }
    return best.sorted();
  }
}

/** First position in docs[from, to) holding a document ≥ doc (galloping, then binary search). */
function seek(docs: Int32Array, from: number, to: number, doc: number): number {
  if (from >= to || docs[from]! >= doc) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < to && docs[hi]! < doc) {
    lo = hi;
    step *= 2;
    hi = Math.min(to, hi + step);
  }
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Collects the documents one at a time, keeping only term ids and counts (strings are dropped as they come). */
export class TermIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private df = new Uint32Array(1024);
  private termIds = new Int32Array(1 << 16);
  private counts = new Uint16Array(1 << 16);
  private used = 0;
  private readonly docStarts: number[] = [0];
  private readonly lengths: number[] = [];

  constructor(private readonly featureWeight: (term: string) => number) {}

  get documents(): number {
    return this.lengths.length;
  }

  add(terms: readonly string[]): void {
    const tf = new Map<number, number>();
    for (const text of terms) {
      let id = this.ids.get(text);
      if (id === undefined) {
        id = this.keys.length;
        this.ids.set(text, id);
        this.keys.push(text);
        if (id >= this.df.length) this.df = grow(this.df, this.df.length * 2);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    if (this.used + tf.size > this.termIds.length) {
      const size = Math.max(this.termIds.length * 2, this.used + tf.size);
      this.termIds = grow(this.termIds, size);
      this.counts = grow(this.counts, size);
    }
    for (const [id, count] of tf) {
      this.termIds[this.used] = id;
      this.counts[this.used++] = Math.min(count, 0xffff);
      this.df[id]!++;
    }
    this.docStarts.push(this.used);
    this.lengths.push(terms.length);
  }

  finish(): TermIndex {
    const n = this.lengths.length;
    const terms = this.keys.length;
    const offsets = new Uint32Array(terms + 1);
    for (let t = 0; t < terms; t++) offsets[t + 1] = offsets[t]! + this.df[t]!;
    const fill = offsets.slice(0, terms);
    const docs = new Int32Array(this.used);
    const bm25 = new Float32Array(this.used);
    const cosine = new Float32Array(this.used);
    const featureWeight = Float64Array.from(this.keys, (k) => this.featureWeight(k));
    const avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
    for (let d = 0; d < n; d++) {
      const from = this.docStarts[d]!;
      const to = this.docStarts[d + 1]!;
      const norm = K1 * (1 - B + (B * this.lengths[d]!) / avgLength);
      let squares = 0;
      for (let i = from; i < to; i++) squares += ((1 + Math.log(this.counts[i]!)) * featureWeight[this.termIds[i]!]!) ** 2;
      const length = Math.sqrt(squares) || 1;
      for (let i = from; i < to; i++) {
        const t = this.termIds[i]!;
        const tf = this.counts[i]!;
        const p = fill[t]!++;
        docs[p] = d;
        bm25[p] = (tf * (K1 + 1)) / (tf + norm);
        cosine[p] = ((1 + Math.log(tf)) * featureWeight[t]!) / length;
      }
    }
    return TermIndex.of(n, this.keys, offsets, docs, bm25, cosine);
  }
}

function grow<T extends Uint32Array | Int32Array | Uint16Array>(a: T, size: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(size);
  bigger.set(a);
  return bigger;
}

/** Ranks below: a lower score, or the same score and a higher index (ties go to the lower index). */
const ranksBelow = (index: number, score: number, otherIndex: number, otherScore: number) => score < otherScore || (score === otherScore && index > otherIndex);

/** The k best scores without sorting every candidate: a binary heap with the k-th best at the root. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(Math.max(0, k));
    this.indices = new Int32Array(Math.max(0, k));
  }

  get full(): boolean {
    return this.size === this.k;
  }

  /** The k-th best score so far. */
  get worst(): number {
    return this.scores[0]!;
  }

  /** Whether the document entered the top k. */
  offer(index: number, score: number): boolean {
    if (this.k <= 0) return false;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!ranksBelow(index, score, this.indices[parent]!, this.scores[parent]!)) break;
        this.move(parent, i);
        i = parent;
      }
      this.put(i, index, score);
      return true;
    }
    if (!ranksBelow(this.indices[0]!, this.scores[0]!, index, score)) return false;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const lower = right < this.size && ranksBelow(this.indices[right]!, this.scores[right]!, this.indices[left]!, this.scores[left]!) ? right : left;
      if (!ranksBelow(this.indices[lower]!, this.scores[lower]!, index, score)) break;
      this.move(lower, i);
      i = lower;
    }
    this.put(i, index, score);
    return true;
  }

  /** Best first. */
  sorted(): Scored[] {
    const out: Scored[] = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.indices[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }

  private put(slot: number, index: number, score: number) {
    this.scores[slot] = score;
    this.indices[slot] = index;
  }

  private move(from: number, to: number) {
    this.put(to, this.indices[from]!, this.scores[from]!);
  }
}
