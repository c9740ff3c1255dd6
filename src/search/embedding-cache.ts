import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Embeddings } from "@langchain/core/embeddings";

/** Beside DATA_DIR/index, not inside it: the index folder is replaced wholesale on every rebuild. */
export const CACHE_DIR = "embedding-cache";

/** One JSON line per vector: content hash, the dimensions requested (null = the model's own size), the vector. */
interface CacheLine {
  k: string;
  d: number | null;
  v: number[];
}

/**
 * Document vectors by sha256(embedder + dimensions + text), appended to
 * DATA_DIR/embedding-cache/<embedder>.jsonl, so re-indexing embeds only new or changed texts.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, number[]>();
  private native: number | null = null;

  private constructor(
    readonly file: string,
    private readonly embedderName: string,
    private readonly dimensions: number | null,
  ) {}

  /** Read synchronously: the embedder is created synchronously and may need the remembered vector size. */
  static open(dataDir: string, embedderName: string, dimensions: number | null): EmbeddingCache {
    const dir = join(dataDir, CACHE_DIR);
    const cache = new EmbeddingCache(join(dir, `${safeFileName(embedderName)}.jsonl`), embedderName, dimensions);
    cache.load();
    return cache;
  }

  key(text: string): string {
    return createHash("sha256").update(`${this.embedderName}\n${this.dimensions ?? "native"}\n${text}`).digest("hex");
  }

  get(text: string): number[] | undefined {
    return this.vectors.get(this.key(text));
  }

  get size(): number {
    return this.vectors.size;
  }

  /** The model's own vector size, known once any vector was fetched without a dimensions parameter. */
  nativeDimensions(): number | null {
    return this.native;
  }

  async put(entries: Array<[text: string, vector: number[]]>): Promise<void> {
    const fresh = entries.filter(([text]) => !this.vectors.has(this.key(text)));
    if (!fresh.length) return;
    const lines = fresh.map(([text, v]) => {
      const line: CacheLine = { k: this.key(text), d: this.dimensions, v };
      this.remember(line);
      return JSON.stringify(line);
    });
    await mkdir(join(this.file, ".."), { recursive: true });
    await appendFile(this.file, `${lines.join("\n")}\n`);
  }

  private load(): void {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch {
      return; // no cache yet
    }
    for (const raw of text.split("\n")) {
      const line = parseLine(raw);
      if (line) this.remember(line);
    }
  }

  private remember(line: CacheLine): void {
    this.vectors.set(line.k, line.v);
    if (line.d === null) this.native = line.v.length;
  }
}

/** A torn or hand-edited line is skipped, not fatal: the text is simply embedded again. */
function parseLine(raw: string): CacheLine | null {
  if (!raw.trim()) return null;
  try {
    const line = JSON.parse(raw) as Partial<CacheLine>;
    const valid = typeof line.k === "string" && (line.d === null || typeof line.d === "number") && Array.isArray(line.v) && line.v.length > 0 && line.v.every((x) => typeof x === "number");
    return valid ? (line as CacheLine) : null;
  } catch {
    return null;
  }
}

export const safeFileName = (name: string) => name.replace(/[^\w.-]+/g, "_").slice(0, 120);

/** Wraps any Embeddings: documents go through the disk cache, queries through a small in-memory one. */
export class CachedEmbeddings extends Embeddings {
  private readonly queries = new Map<string, number[]>();

  constructor(
    private readonly inner: Embeddings,
    private readonly cache: EmbeddingCache,
    private readonly maxQueries = 500,
  ) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const missing = [...new Set(texts.filter((t) => !this.cache.get(t)))];
    if (missing.length) {
      const vectors = await this.inner.embedDocuments(missing);
      await this.cache.put(missing.map((t, i) => [t, vectors[i]!]));
    }
    return texts.map((t) => this.cache.get(t)!);
  }

  /** Questions are personal data and rarely repeat: kept in memory only, least recently used dropped first. */
  async embedQuery(text: string): Promise<number[]> {
    const hit = this.queries.get(text);
    if (hit) {
      this.queries.delete(text);
      this.queries.set(text, hit);
      return hit;
    }
    const vector = await this.inner.embedQuery(text);
    this.queries.set(text, vector);
    if (this.queries.size > this.maxQueries) this.queries.delete(this.queries.keys().next().value!);
    return vector;
  }
}
