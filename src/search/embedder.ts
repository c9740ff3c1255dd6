import type { Embeddings } from "@langchain/core/embeddings";
import { ConfigError, type Config } from "../config.js";
import { CachedEmbeddings, EmbeddingCache } from "./embedding-cache.js";
import { LocalHashEmbeddings } from "./local-embeddings.js";
import type { EmbedderId } from "./manifest.js";
import { RemoteEmbeddings } from "./remote-embeddings.js";
import type { TextAnalyzer } from "./text.js";

export interface Embedder {
  embeddings: Embeddings;
  id: EmbedderId;
}

/** Embedded once to learn a model's vector size when EMBEDDINGS_DIMENSIONS is not set. */
const PROBE_TEXT = "克拉玛依营商环境";

/**
 * The local embedder unless EMBEDDINGS_MODEL is set; then the endpoint's embeddings behind a disk cache.
 *
 * The index needs the vector size before the first vector is fetched, and this function is synchronous,
 * so the size is EMBEDDINGS_DIMENSIONS, or the size remembered in the cache from an earlier probe.
 * When neither is known it throws; resolveEmbedder() probes instead.
 */
export function createEmbedder(config: Config, analyzer: TextAnalyzer): Embedder {
  if (!config.embeddings.model) return localEmbedder(analyzer);
  const remote = remoteEmbedder(config, config.embeddings.model);
  const dimensions = config.embeddings.dimensions ?? remote.cache.nativeDimensions();
  if (!dimensions) {
    throw new ConfigError(
      `EMBEDDINGS_DIMENSIONS: the vector size of ${config.embeddings.model} is not known yet; set it (e.g. 1536 for text-embedding-3-small, 1024 for text-embedding-v3 or bge-m3, 768 for nomic-embed-text)`,
    );
  }
  return { embeddings: remote.embeddings, id: { name: remote.name, dimensions } };
}

/** As createEmbedder, but learns an unknown vector size by embedding one probe text (once: the cache remembers it). */
export async function resolveEmbedder(config: Config, analyzer: TextAnalyzer): Promise<Embedder> {
  if (!config.embeddings.model) return localEmbedder(analyzer);
  const remote = remoteEmbedder(config, config.embeddings.model);
  let dimensions = config.embeddings.dimensions ?? remote.cache.nativeDimensions();
  if (!dimensions) dimensions = (await remote.embeddings.embedDocuments([PROBE_TEXT]))[0]!.length;
  return { embeddings: remote.embeddings, id: { name: remote.name, dimensions } };
}

/** Names the model and the host serving it: the same model name on another server may embed differently. */
export function remoteEmbedderName(model: string, baseURL: string): string {
  return `openai-compatible:${model}@${new URL(baseURL).host}`;
}

function localEmbedder(analyzer: TextAnalyzer): Embedder {
  const local = new LocalHashEmbeddings(analyzer);
  return { embeddings: local, id: { name: local.name, dimensions: local.dimensions } };
}

function remoteEmbedder(config: Config, model: string) {
  const { baseURL, apiKey, dimensions } = config.embeddings;
  const name = remoteEmbedderName(model, baseURL);
  const cache = EmbeddingCache.open(config.dataDir, name, dimensions);
  const embeddings = new CachedEmbeddings(new RemoteEmbeddings({ baseURL, apiKey, model, dimensions }), cache);
  return { name, cache, embeddings };
}
