import { Embeddings } from "@langchain/core/embeddings";
import OpenAI, { APIError, BadRequestError, type ClientOptions } from "openai";
import type { ProxiedFetch } from "../proxy.js";
import { EmbeddingsEndpointError } from "./embeddings-endpoint-error.js";

export interface RemoteEmbeddingsOptions {
  baseURL: string;
  apiKey: string | null;
  model: string;
  /** Sent as `dimensions` only when set: models without Matryoshka support reject the parameter. */
  dimensions?: number | null;
  /** Inputs per request; 10 is DashScope's limit and fine everywhere else. */
  batchSize?: number;
  timeoutMs?: number;
  /** Client retries per request (429 with retry-after, 5xx, timeouts, dropped connections). */
  maxRetries?: number;
  /** LLM_PROXY: undici's fetch and its proxy dispatcher. */
  proxy?: ProxiedFetch;
}

export const MAX_BATCH = 10;

/** A question waits on its query vector: fail fast rather than hold the user for minutes of retries. */
const QUERY_REQUEST = { timeout: 10_000, maxRetries: 1 };

/** LangChain embeddings over any OpenAI-compatible /embeddings endpoint. */
export class RemoteEmbeddings extends Embeddings {
  readonly model: string;
  private readonly client: OpenAI;
  private readonly batchSize: number;
  private readonly dimensions: number | null;
  private readonly endpoint: string;

  constructor(opts: RemoteEmbeddingsOptions) {
    super({});
    this.model = opts.model;
    this.dimensions = opts.dimensions ?? null;
    this.endpoint = `${opts.baseURL} (${opts.model})`;
    this.batchSize = Math.max(1, Math.min(opts.batchSize ?? MAX_BATCH, MAX_BATCH));
    this.client = new OpenAI({
      baseURL: opts.baseURL,
      apiKey: opts.apiKey ?? "not-needed", // local servers ignore the key, the client requires one
      timeout: opts.timeoutMs ?? 60_000,
      maxRetries: opts.maxRetries ?? 3,
      ...(opts.proxy ? { fetch: opts.proxy.fetch, fetchOptions: opts.proxy.fetchOptions as ClientOptions["fetchOptions"] } : {}),
    });
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    // One batch at a time: indexing 42 measures is not worth tripping a provider's rate limit.
    for (let i = 0; i < texts.length; i += this.batchSize) vectors.push(...(await this.embedBatch(texts.slice(i, i + this.batchSize))));
    return vectors;
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.request([text], QUERY_REQUEST);
    return vector!;
  }

  /** A batch the endpoint refuses as too large is split in two, for servers with a smaller limit than ours. */
  private async embedBatch(texts: string[]): Promise<number[][]> {
    try {
      return await this.request(texts);
    } catch (err) {
      if (texts.length < 2 || !refusesBatchSize(err)) throw err;
      const half = Math.ceil(texts.length / 2);
      return [...(await this.embedBatch(texts.slice(0, half))), ...(await this.embedBatch(texts.slice(half)))];
    }
  }

  private async request(texts: string[], options?: typeof QUERY_REQUEST): Promise<number[][]> {
    const body = {
      model: this.model,
      // Every provider rejects empty strings; a space embeds as "nothing" without failing the batch.
      input: texts.map((t) => (t.trim() ? t : " ")),
      // Floats, not the client's default base64: Ollama and some vLLM builds only speak floats.
      encoding_format: "float" as const,
      ...(this.dimensions ? { dimensions: this.dimensions } : {}),
    };
    const response = await this.client.embeddings.create(body, options).catch((err: unknown) => {
      // A refused batch stays a BadRequestError: embedBatch splits it.
      if (err instanceof APIError && !refusesBatchSize(err)) throw new EmbeddingsEndpointError(this.endpoint, err);
      throw err;
    });
    const data = [...response.data].sort((a, b) => a.index - b.index);
    if (data.length !== texts.length) throw new Error(`embeddings endpoint returned ${data.length} vectors for ${texts.length} texts`);
    return data.map(({ embedding }) => {
      const vector = Array.from(embedding, Number);
      if (this.dimensions && vector.length !== this.dimensions) {
        throw new Error(`${this.model} returned ${vector.length}-dimensional vectors but EMBEDDINGS_DIMENSIONS is ${this.dimensions}; the endpoint may ignore the dimensions parameter`);
      }
      return vector;
    });
  }
}

function refusesBatchSize(err: unknown): boolean {
  return err instanceof BadRequestError && /batch|too many|too large|larger than|exceed|at most|maximum/i.test(err.message);
}
