import type { Embeddings } from "@langchain/core/embeddings";
import type { Config } from "../config.js";
import { LocalHashEmbeddings } from "./local-embeddings.js";
import type { EmbedderId } from "./manifest.js";
import type { TextAnalyzer } from "./text.js";

export interface Embedder {
  embeddings: Embeddings;
  id: EmbedderId;
}

/** The local embedder unless an embeddings endpoint is configured. */
export function createEmbedder(config: Config, analyzer: TextAnalyzer): Embedder {
  const local = new LocalHashEmbeddings(analyzer);
  return { embeddings: local, id: { name: local.name, dimensions: local.dimensions } };
}
