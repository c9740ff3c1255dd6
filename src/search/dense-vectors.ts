/**
 * Dense vectors from an embeddings endpoint, in hnswlib-node behind a LangChain vector store.
 * Imported only when EMBEDDINGS_MODEL is set: the local default never loads LangChain or hnswlib.
 */
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { join } from "node:path";
import type { Measure } from "../policy/measure.js";
import { DOCS_FILE, HnswStore, INDEX_FILE } from "./hnsw-store.js";
import { IndexDamagedError } from "./index-damage.js";
import type { Scored } from "./term-index.js";
import type { VectorSearch } from "./vector-search.js";

export const DENSE_FILES = [INDEX_FILE, DOCS_FILE];

/** Embed every measure and save the HNSW index into dir. */
export async function buildDenseVectors(dir: string, measures: Measure[], texts: string[], embeddings: EmbeddingsInterface, dimensions: number): Promise<void> {
  const store = new HnswStore(embeddings, dimensions);
  await store.addDocuments(measures.map((m, i) => new Document({ pageContent: texts[i]!, metadata: { measure: m.number, position: i } })));
  await store.save(dir);
}

/** Load and check against the manifest's count (a short graph file would crash hnswlib, so sizes are checked first by the caller). */
export async function loadDenseVectors(dir: string, embeddings: EmbeddingsInterface, measures: Measure[]): Promise<DenseVectorSearch> {
  let store: HnswStore;
  try {
    store = await HnswStore.load(dir, embeddings);
  } catch (err) {
    throw new IndexDamagedError(join(dir, DOCS_FILE), `cannot load the vector store (${(err as Error).message})`);
  }
  if (store.size !== measures.length || store.count !== measures.length)
    throw new IndexDamagedError(join(dir, INDEX_FILE), `${store.count} vectors for ${measures.length} measures`);
  return new DenseVectorSearch(store, embeddings);
}

export class DenseVectorSearch implements VectorSearch {
  constructor(
    readonly store: HnswStore,
    readonly embeddings: EmbeddingsInterface,
  ) {}

  async search(text: string, k: number): Promise<Scored[]> {
    const hits = await this.store.similaritySearchVectorWithScore(await this.embeddings.embedQuery(text), k);
    // By position: measure numbers repeat when the corpus holds several documents.
    return hits.map(([doc, cosine]) => ({ index: doc.metadata.position as number, score: cosine }));
  }
}
