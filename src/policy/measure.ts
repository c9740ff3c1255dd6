import { createHash } from "node:crypto";
// A namespace import: esbuild then leaves zod's 64 locales out of the bundle (dist/bin/).
import * as z from "zod";

/** One numbered item of a policy document, as published. */
export const MeasureSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  text: z.string().min(1),
  sentences: z.array(z.string().min(1)).min(1),
  departments: z.array(z.string().min(1)).min(1),
  /** The document's title. */
  document: z.string().min(1),
  year: z.number().int(),
  /** The document's key (its file name without .txt), set when the corpus holds several documents: numbers repeat across them. */
  doc: z.string().min(1).optional(),
  source: z.object({ file: z.string(), line: z.number().int().positive() }),
});
export type Measure = z.infer<typeof MeasureSchema>;

/** A policy document as replies name it. */
export interface DocumentRef {
  /** Its file name without .txt: stable while the file keeps its name. */
  key: string;
  title: string;
  year: number;
}

/**
 * Which measure: its number, and its document's key when the corpus holds several documents
 * (with one document the number alone identifies it, as it always did).
 */
export interface MeasureRef {
  number: number;
  doc?: string;
}

/** What a reply cites: the measure and its responsible departments, exactly as the corpus names them; the document when there are several. */
export interface Citation {
  measure: number;
  title: string;
  departments: string[];
  document?: DocumentRef;
}

export const citationOf = (m: Measure): Citation => ({
  measure: m.number,
  title: m.title,
  departments: m.departments,
  ...(m.doc ? { document: { key: m.doc, title: m.document, year: m.year } } : {}),
});

export const refOf = (m: Measure): MeasureRef => (m.doc ? { number: m.number, doc: m.doc } : { number: m.number });
export const refOfCitation = (c: Citation): MeasureRef => (c.document ? { number: c.measure, doc: c.document.key } : { number: c.measure });
/** One string per measure, for maps and sets: "12", or "<document key>#12" with several documents. */
export const measureKey = (r: MeasureRef): string => (r.doc ? `${r.doc}#${r.number}` : String(r.number));
export const sameMeasure = (a: MeasureRef, b: MeasureRef): boolean => a.number === b.number && (a.doc ?? "") === (b.doc ?? "");

/** A document's key: its file name without the folder and .txt. */
export const documentKey = (file: string): string => file.replace(/^.*[\\/]/, "").replace(/\.txt$/i, "");
/** The key of a measure's document, whether or not the corpus qualifies it (for comparing two versions of the corpus). */
export const documentKeyOf = (m: Measure): string => m.doc ?? documentKey(m.source.file);

/** A short, stable tag for a document key, where room is scarce (a Telegram button's 64 bytes of data). */
export const documentTag = (key: string): string => createHash("sha256").update(key).digest("hex").slice(0, 8);
