import { SaveableVectorStore } from "@langchain/core/vectorstores";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import hnswlib from "hnswlib-node";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export const INDEX_FILE = "hnsw.bin";
export const DOCS_FILE = "docstore.json";
/**
 * Graph and search parameters, chosen on the bench's dense-vector sweep (npm run bench, part 2b):
 * the smallest ef reaching recall@20 ≥ 0.98 against brute force at 10,000 vectors.
 */
export const HNSW = { M: 16, efConstruction: 200, efSearch: 128 };

/** A LangChain vector store over hnswlib-node (cosine), saved as the index file plus its documents. */
export class HnswStore extends SaveableVectorStore {
  declare FilterType: (doc: DocumentInterface) => boolean;
  private index: Hnsw | null = null;
  private docs: DocumentInterface[] = [];

  constructor(
    embeddings: EmbeddingsInterface,
    private readonly dimensions: number,
  ) {
    super(embeddings, {});
  }

  _vectorstoreType(): string {
    return "hnswlib-node";
  }

  get size(): number {
    return this.docs.length;
  }

  /** Vectors in the graph (equals size for a sound index). */
  get count(): number {
    return this.index?.getCurrentCount() ?? 0;
  }

  /** Candidates examined per search: higher is slower and finds more of the true nearest neighbours. */
  setEf(ef: number): void {
    this.index?.setEf(ef);
  }

  async addDocuments(documents: DocumentInterface[]): Promise<void> {
    await this.addVectors(await this.embeddings.embedDocuments(documents.map((d) => d.pageContent)), documents);
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void> {
    if (vectors.length !== documents.length) throw new Error(`addVectors: ${vectors.length} vectors for ${documents.length} documents`);
    for (const v of vectors) if (v.length !== this.dimensions) throw new Error(`addVectors: vector of ${v.length} dimensions, store has ${this.dimensions}`);
    const index = this.ensureCapacity(this.docs.length + vectors.length);
    vectors.forEach((v, i) => index.addPoint(v, this.docs.length + i));
    this.docs.push(...documents);
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[DocumentInterface, number][]> {
    if (!this.index || this.docs.length === 0) return [];
    const n = Math.min(k, this.docs.length);
    // The filter runs inside native code, where a throw would kill the process.
    const safeFilter = filter ? (label: number) => { try { return filter(this.docs[label]!); } catch { return false; } } : undefined;
    const { neighbors, distances } = this.index.searchKnn(query, n, safeFilter);
    return neighbors.map((label, i) => [this.docs[label]!, 1 - distances[i]!]);
  }

  async save(directory: string): Promise<void> {
    if (!this.index) throw new Error("save: the store is empty");
    await mkdir(directory, { recursive: true });
    await this.index.writeIndex(join(directory, INDEX_FILE));
    const docs = this.docs.map((d) => ({ pageContent: d.pageContent, metadata: d.metadata }));
    await writeFile(join(directory, DOCS_FILE), JSON.stringify({ dimensions: this.dimensions, docs }));
  }

  static override async load(directory: string, embeddings: EmbeddingsInterface): Promise<HnswStore> {
    const { dimensions, docs } = JSON.parse(await readFile(join(directory, DOCS_FILE), "utf8")) as {
      dimensions: number;
      docs: Array<{ pageContent: string; metadata: Record<string, unknown> }>;
    };
    const store = new HnswStore(embeddings, dimensions);
    const index = new HierarchicalNSW("cosine", dimensions);
    await index.readIndex(join(directory, INDEX_FILE));
    index.setEf(HNSW.efSearch); // ef is not saved with the index
    store.index = index;
    store.docs = docs.map((d) => new Document(d));
    return store;
  }

  private ensureCapacity(needed: number): Hnsw {
    if (!this.index) {
      this.index = new HierarchicalNSW("cosine", this.dimensions);
      this.index.initIndex(Math.max(needed, 16), HNSW.M, HNSW.efConstruction, 100);
      this.index.setEf(HNSW.efSearch);
    } else if (needed > this.index.getMaxElements()) {
      this.index.resizeIndex(Math.max(needed, this.index.getMaxElements() * 2));
    }
    return this.index;
  }
}
