import { z } from "zod";

/** One numbered item of a policy document, as published. */
export const MeasureSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  text: z.string().min(1),
  sentences: z.array(z.string().min(1)).min(1),
  departments: z.array(z.string().min(1)).min(1),
  document: z.string().min(1),
  year: z.number().int(),
  source: z.object({ file: z.string(), line: z.number().int().positive() }),
});
export type Measure = z.infer<typeof MeasureSchema>;

/** What a reply cites: the measure and its responsible departments, exactly as the corpus names them. */
export interface Citation {
  measure: number;
  title: string;
  departments: string[];
}

export const citationOf = (m: Measure): Citation => ({
  measure: m.number,
  title: m.title,
  departments: m.departments,
});
