// A namespace import: esbuild then leaves zod's 64 locales out of the bundle (dist/bin/).
import * as z from "zod";

export const MANIFEST_FILE = "manifest.json";
/**
 * 2: term index and IDF table in binary, local vectors sparse. 3: documents have keys and measures of
 * several documents carry theirs; dense vectors are found by position. 4: jieba's dictionary grouped by first
 * character. Indexes of another format are rebuilt.
 */
export const INDEX_FORMAT = 4;

const count = z.number().int().nonnegative();

export const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  corpusHash: z.string(),
  /** The analyzer settings the terms were made with (analyzerFingerprint); absent in indexes built before it was kept. */
  analyzer: z.string().optional(),
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
    dictionaryWords: count,
  }),
  /** key: the file name without .txt, which identifies the document's measures when there are several. */
  documents: z.array(z.object({ key: z.string(), title: z.string(), year: z.number(), file: z.string(), measures: count })),
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
