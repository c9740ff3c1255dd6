import type { MeasureLookup } from "../../src/faq/flags.js";
import type { FaqSource } from "../../src/faq/types.js";
import type { Measure } from "../../src/policy/measure.js";

export const measure = (number: number, text = `第${number}条的内容。`, departments = ["市住建局"]): Measure => ({
  number,
  title: `措施${number}`,
  text,
  sentences: [text],
  departments,
  document: "测试措施",
  year: 2022,
  source: { file: "test.txt", line: number },
});

/** A corpus of measures 1–5 that a test may change. */
export class TestCorpus implements MeasureLookup {
  readonly byNumber = new Map([1, 2, 3, 4, 5].map((n) => [n, measure(n)]));
  measure(n: number): Measure | undefined {
    return this.byNumber.get(n);
  }
}

export const source = (ticketId: number, replyEventId: number, over: Partial<FaqSource> = {}): FaqSource => ({
  ticketId,
  replyEventId,
  staff: { id: "staff:777", name: "王五" },
  answeredAt: 1_000 * replyEventId,
  candidates: [{ measure: 2, title: "措施2", departments: ["市住建局"] }],
  ...over,
});
