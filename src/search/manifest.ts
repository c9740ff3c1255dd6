import { z } from "zod";

export const MANIFEST_FILE = "manifest.json";
/** 2: term index and IDF table in binary, local vectors sparse (format 1 indexes are rebuilt). */
export const INDEX_FORMAT = 2;

const count = z.number().int().nonnegative();

export const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  corpusHash: z.string(),
  /** dimensions 0: sparse vectors (one dimension per term), the local embedder. */
  embedder: z.object({ name: z.string(), dimensions: count }),
  counts: z.object({
    documents: count,
    measures: count,
    lexiconGroups: count,
    departmentNames: count,
    terms: count,
    postings: count,
    idfWords: count,
  }),
  documents: z.array(z.object({ title: z.string(), year: z.number(), file: z.string(), measures: count })),
  /** Every file of the index with its size in bytes: a file cut short is caught before it is read. */
  files: z.record(z.string(), count),
  builtAt: z.string(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Identifies the embedder, so a query is never searched with another embedder's vectors. */
export interface EmbedderId {
  name: string;
  dimensions: number;
}

export const sameEmbedder = (a: EmbedderId, b: EmbedderId) => a.name === b.name && a.dimensions === b.dimensions;
