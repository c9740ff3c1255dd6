import type { Scored } from "./term-index.js";

/** Nearest measures to a text by embedding: positions in number order, scored by cosine similarity. */
export interface VectorSearch {
  search(text: string, k: number): Promise<Scored[]>;
}
