// Its own module: the local default catches it without loading the openai client.
/** The embeddings endpoint could not be reached or refused the request (after the client's retries). */
export class EmbeddingsEndpointError extends Error {
  constructor(
    readonly endpoint: string,
    cause: unknown,
  ) {
    super(`embeddings endpoint ${endpoint}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "EmbeddingsEndpointError";
  }
}
