import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../config.js";
import { LOCAL_EMBEDDER } from "./local-vectors.js";
import type { EmbedderId } from "./manifest.js";

/** Local sparse vectors (the default), or dense vectors from an OpenAI-compatible endpoint. */
export type Embedder = { kind: "local"; id: EmbedderId } | { kind: "dense"; id: EmbedderId; embeddings: EmbeddingsInterface };

/** The local embedder unless EMBEDDINGS_MODEL is set; the endpoint's client (openai, LangChain) is loaded only then. */
export async function resolveEmbedder(config: Config): Promise<Embedder> {
  if (!config.embeddings.model) return { kind: "local", id: LOCAL_EMBEDDER };
  const { resolveRemoteEmbedder } = await import("./remote-embedder.js");
  return resolveRemoteEmbedder(config, config.embeddings.model);
}

/** Names the model and the host serving it: the same model name on another server may embed differently. */
export function remoteEmbedderName(model: string, baseURL: string): string {
  return `openai-compatible:${model}@${new URL(baseURL).host}`;
}
