/**
 * The engine exactly as production opens it (openEngine), with the parts the bench times separately
 * (the retriever, its vector store and embedder) reached inside it. Reaching in, rather than assembling
 * a copy, keeps the bench measuring what `npm start` runs; the checks below fail loudly if the shape changes.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { performance } from "node:perf_hooks";
import { LocalPolicyEngine } from "../../answer/ask.js";
import type { PolicyEngine } from "../../answer/engine.js";
import { openEngine } from "../../answer/open-engine.js";
import type { Config } from "../../config.js";
import { HnswStore } from "../../search/hnsw-store.js";
import { Retriever } from "../../search/retriever.js";

export interface EngineParts {
  engine: PolicyEngine;
  retriever: Retriever;
  store: HnswStore;
  embeddings: EmbeddingsInterface;
}

const shapeChanged = (what: string) =>
  new Error(`bench: cannot find ${what} inside the engine openEngine() returns; update src/cli/bench/engine.ts to the new shape`);

/** The retriever, store and embedder of an engine from openEngine() (private fields, checked at run time). */
export function partsOf(engine: PolicyEngine): EngineParts {
  if (!(engine instanceof LocalPolicyEngine)) throw shapeChanged("a LocalPolicyEngine");
  const retriever = (engine as unknown as { deps?: { retriever?: unknown } }).deps?.retriever;
  if (!(retriever instanceof Retriever)) throw shapeChanged("deps.retriever");
  const inner = retriever as unknown as { store?: unknown; embeddings?: { embedQuery?: unknown } };
  if (!(inner.store instanceof HnswStore)) throw shapeChanged("retriever.store (an HnswStore)");
  if (typeof inner.embeddings?.embedQuery !== "function") throw shapeChanged("retriever.embeddings");
  return { engine, retriever, store: inner.store, embeddings: inner.embeddings as EmbeddingsInterface };
}

export interface OpenedEngine extends EngineParts {
  /** The index was missing or stale and openEngine() built it. */
  built: boolean;
  /** openEngine() start → index written (only when built). */
  buildMs: number | null;
  /** openEngine() start → engine ready. */
  openMs: number;
}

export async function openBenchEngine(config: Config): Promise<OpenedEngine> {
  const start = performance.now();
  let builtAt: number | null = null;
  const engine = await openEngine(config, { onBuild: () => (builtAt = performance.now()) });
  const openMs = performance.now() - start;
  const buildMs = builtAt === null ? null : (builtAt as number) - start;
  return { ...partsOf(engine), built: buildMs !== null, buildMs, openMs };
}

/** The vectors the HNSW index holds (as stored: normalized float32), with the measure number of each label. */
export function storedVectors(store: HnswStore): { vectors: number[][]; measureOf: number[] } {
  const inner = store as unknown as { index?: { getPoint?: unknown; getCurrentCount?: unknown } | null; docs?: Array<{ metadata?: { measure?: unknown } }> };
  const index = inner.index;
  if (!index || typeof index.getPoint !== "function" || typeof index.getCurrentCount !== "function" || !Array.isArray(inner.docs)) {
    throw shapeChanged("the hnswlib index and documents of the HnswStore");
  }
  const hnsw = index as { getPoint(label: number): number[]; getCurrentCount(): number };
  const docs = inner.docs;
  const count = hnsw.getCurrentCount();
  const vectors: number[][] = [];
  const measureOf: number[] = [];
  for (let label = 0; label < count; label++) {
    vectors.push(hnsw.getPoint(label));
    const n = docs[label]?.metadata?.measure;
    if (typeof n !== "number") throw shapeChanged(`the measure number of vector ${label}`);
    measureOf.push(n);
  }
  return { vectors, measureOf };
}
