import type { Scored } from "./term-index.js";

/** Nearest measures to a text by embedding: positions in number order, scored by cosine similarity. */
export interface VectorSearch {
  search(text: string, k: number): Promise<Scored[]>;
}

/**
 * An endpoint's vector search that, when the endpoint fails, answers with no neighbours (word matching
 * answers alone) and says so in the log once per outage, and once when it is back.
 */
export class OutageReportingVectorSearch implements VectorSearch {
  private failing = false;

  constructor(
    private readonly inner: VectorSearch,
    private readonly log: (message: string) => void,
  ) {}

  async search(text: string, k: number): Promise<Scored[]> {
    try {
      const hits = await this.inner.search(text, k);
      if (this.failing) this.log("embeddings endpoint answers again: questions are matched by meaning and by words again");
      this.failing = false;
      return hits;
    } catch (err) {
      if (!this.failing) {
        this.log(
          `${err instanceof Error ? err.message : String(err)}; answering by word matching alone until it is back ` +
            "(check EMBEDDINGS_BASE_URL, EMBEDDINGS_API_KEY, LLM_PROXY and the endpoint's server)",
        );
      }
      this.failing = true;
      return [];
    }
  }
}
