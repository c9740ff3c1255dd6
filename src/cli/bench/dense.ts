/**
 * The dense-vector path (an embeddings endpoint) cannot be measured offline with a real model, so the bench
 * stands in for it: the local sparse vectors of the measures and questions, projected to `dimensions`
 * dense dimensions by a seeded Gaussian random projection (cosines are preserved up to small noise).
 * Random projections of sparse text vectors have a high intrinsic dimension, which is hard for a graph
 * index: the ef chosen on them is a conservative choice for a real model's embeddings.
 */
import hnswlib from "hnswlib-node";
import { fnv1a } from "../../search/hash.js";
import type { TermIndex } from "../../search/term-index.js";
import { mulberry32 } from "./synthetic-corpus.js";

const { BruteforceSearch, HierarchicalNSW } = hnswlib;

/** Standard normal from two uniforms (Box–Muller). */
function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export class RandomProjection {
  private readonly rows = new Map<string, Float32Array>();

  constructor(
    readonly dimensions: number,
    private readonly seed: number,
  ) {}

  /** The term's row of the projection matrix, the same for every run with this seed. */
  row(term: string): Float32Array {
    let r = this.rows.get(term);
    if (!r) {
      const rand = mulberry32((fnv1a(term) ^ this.seed) >>> 0);
      r = Float32Array.from({ length: this.dimensions }, () => gaussian(rand));
      this.rows.set(term, r);
    }
    return r;
  }

  project(vector: ReadonlyMap<string, number>): number[] {
    const out = new Float64Array(this.dimensions);
    for (const [term, w] of vector) {
      const r = this.row(term);
      for (let j = 0; j < this.dimensions; j++) out[j]! += w * r[j]!;
    }
    return Array.from(out);
  }

  /** Every document's projected vector, from the term index's cosine column. */
  documents(terms: TermIndex): number[][] {
    const out = Array.from({ length: terms.documents }, () => new Float64Array(this.dimensions));
    for (const [term, docs, weights] of terms.entries("cosine")) {
      const r = this.row(term);
      for (let i = 0; i < docs.length; i++) {
        const v = out[docs[i]!]!;
        const w = weights[i]!;
        for (let j = 0; j < this.dimensions; j++) v[j]! += w * r[j]!;
      }
    }
    return out.map((v) => Array.from(v));
  }
}

export interface DenseIndexes {
  hnsw: InstanceType<typeof HierarchicalNSW>;
  brute: InstanceType<typeof BruteforceSearch>;
  buildMs: number;
}

export function buildDenseIndexes(vectors: number[][], dimensions: number, params: { M: number; efConstruction: number }): DenseIndexes {
  const start = performance.now();
  const hnsw = new HierarchicalNSW("cosine", dimensions);
  hnsw.initIndex(Math.max(1, vectors.length), params.M, params.efConstruction, 100);
  vectors.forEach((v, label) => hnsw.addPoint(v, label));
  const buildMs = performance.now() - start;
  const brute = new BruteforceSearch("cosine", dimensions);
  brute.initIndex(Math.max(1, vectors.length));
  vectors.forEach((v, label) => brute.addPoint(v, label));
  return { hnsw, brute, buildMs };
}
