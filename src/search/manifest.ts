import { z } from "zod";

export const MANIFEST_FILE = "manifest.json";
export const INDEX_FORMAT = 1;

export const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  corpusHash: z.string(),
  embedder: z.object({ name: z.string(), dimensions: z.number().int().positive() }),
  counts: z.object({ documents: z.number(), measures: z.number(), lexiconGroups: z.number(), departmentNames: z.number() }),
  documents: z.array(z.object({ title: z.string(), year: z.number(), file: z.string(), measures: z.number() })),
  builtAt: z.string(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Identifies the embedder, so a query is never searched with another embedder's vectors. */
export interface EmbedderId {
  name: string;
  dimensions: number;
}

export const sameEmbedder = (a: EmbedderId, b: EmbedderId) => a.name === b.name && a.dimensions === b.dimensions;
