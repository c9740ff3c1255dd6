import { ConfigError, type Config } from "../config.js";
import type { ProxiedFetch } from "../proxy.js";
import type { Embedder } from "./embedder.js";
import { remoteEmbedderName } from "./embedder.js";
import { CachedEmbeddings, EmbeddingCache } from "./embedding-cache.js";
import { RemoteEmbeddings } from "./remote-embeddings.js";

/** Embedded once to learn a model's vector size when EMBEDDINGS_DIMENSIONS is not set. */
const PROBE_TEXT = "克拉玛依营商环境";

/**
 * The endpoint's embeddings behind a disk cache, when the vector size is known: EMBEDDINGS_DIMENSIONS,
 * or the size remembered in the cache from an earlier probe. Throws when neither is; resolveRemoteEmbedder probes instead.
 */
export function createRemoteEmbedder(config: Config, model: string): Embedder {
  const remote = remoteEmbedder(config, model);
  const dimensions = config.embeddings.dimensions ?? remote.cache.nativeDimensions();
  if (!dimensions) {
    throw new ConfigError(
      `EMBEDDINGS_DIMENSIONS: the vector size of ${model} is not known yet; set it (e.g. 1536 for text-embedding-3-small, 1024 for text-embedding-v3 or bge-m3, 768 for nomic-embed-text)`,
    );
  }
  return { kind: "dense", embeddings: remote.embeddings, id: { name: remote.name, dimensions } };
}

/** As createRemoteEmbedder, but learns an unknown vector size by embedding one probe text (once: the cache remembers it). */
export async function resolveRemoteEmbedder(config: Config, model: string): Promise<Embedder> {
  // The embeddings endpoint is reached like the LLM's: through LLM_PROXY when set.
  const proxy = config.llm.proxy ? await (await import("../proxy.js")).fetchThroughProxy(config.llm.proxy) : undefined;
  const remote = remoteEmbedder(config, model, proxy);
  let dimensions = config.embeddings.dimensions ?? remote.cache.nativeDimensions();
  if (!dimensions) dimensions = (await remote.embeddings.embedDocuments([PROBE_TEXT]))[0]!.length;
  return { kind: "dense", embeddings: remote.embeddings, id: { name: remote.name, dimensions } };
}

function remoteEmbedder(config: Config, model: string, proxy?: ProxiedFetch) {
  const { baseURL, apiKey, dimensions } = config.embeddings;
  const name = remoteEmbedderName(model, baseURL);
  const cache = EmbeddingCache.open(config.dataDir, name, dimensions);
  const embeddings = new CachedEmbeddings(new RemoteEmbeddings({ baseURL, apiKey, model, dimensions, ...(proxy ? { proxy } : {}) }), cache);
  return { name, cache, embeddings };
}
