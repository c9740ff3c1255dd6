import { describe, expect, it } from "vitest";
import { CsvError, faqRowsOf, formatFaqCsv, parseCsv } from "../../src/faq/csv.js";
import type { FaqEntry } from "../../src/faq/types.js";

const rows = (text: string) => faqRowsOf(parseCsv(text));

function csvError(text: string): string {
  try {
    rows(text);
  } catch (err) {
    if (err instanceof CsvError) return err.message;
    throw err;
  }
  throw new Error("expected a CsvError");
}

describe("CSV import", () => {
  it("reads columns by name, quoted fields with commas, quotes and line breaks, variants by | or line break, a BOM and CRLF", () => {
    const text = '\ufeffanswer,questions,measures,note\r\n"电话：0990-1，""工作日""",市住建局电话|住建局联系电话,"11, 12",x\r\n"友谊路 1 号\n二楼","政务大厅在哪\n政务中心地址",第4条;5,\r\n';
    expect(rows(text)).toEqual([
      { line: 2, questions: ["市住建局电话", "住建局联系电话"], answer: '电话：0990-1，"工作日"', measures: [11, 12], status: "approved" },
      { line: 3, questions: ["政务大厅在哪", "政务中心地址"], answer: "友谊路 1 号\n二楼", measures: [4, 5], status: "approved" },
    ]);
  });

  it("takes a status column (approved, out-of-scope, pending) and skips blank lines", () => {
    expect(rows("questions,answer,status\n天气,-,out-of-scope\n\nq,a,\n").map((r) => [r.line, r.status])).toEqual([
      [2, "out-of-scope"],
      [4, "approved"],
    ]);
  });

  it("says which line is wrong and what to write", () => {
    expect(csvError("")).toMatch(/the file is empty/);
    expect(csvError("question,answer\nq,a\n")).toBe('line 1: no "questions" column: the first line must name the columns, e.g. questions,answer,measures');
    expect(csvError("questions,answer\nq,\n")).toBe("line 2: answer is empty: write the answer askers should get");
    expect(csvError("questions,answer\n|,a\n")).toBe("line 2: questions is empty: write at least one question");
    expect(csvError("questions,answer,measures\nq,a,十一\n")).toBe('line 2: measures: "十一" is not a measure number (write e.g. 11 or 11;12)');
    expect(csvError("questions,answer,status\nq,a,approve\n")).toBe('line 2: status "approve": use approved, out-of-scope or pending');
    expect(csvError('questions,answer\nq,"never closed\n')).toBe('line 2: a quoted field is never closed: end it with " (write "" for a quote inside)');
  });
});

describe("CSV export", () => {
  it("writes what import reads back: variants, answer, measures and status, quoted where needed", () => {
    const entry: FaqEntry = {
      id: 3,
      status: "approved",
      questions: ["市住建局电话", "住建局, 电话"],
      answer: '说"你好"',
      measures: [11, 12],
      measureDigests: {},
      source: null,
      createdAt: 0,
      review: { by: { id: "cli:a", name: "a" }, at: Date.UTC(2026, 10, 30) },
      hits: 5,
      lastHitAt: null,
      cardQueued: false,
      card: null,
    };
    const csv = formatFaqCsv([entry]);
    expect(csv.startsWith("\ufeffid,status,questions,answer,measures,ticket,approved_at,hits,last_hit_at\r\n")).toBe(true);
    expect(csv).toContain('3,approved,"市住建局电话\n住建局, 电话","说""你好""",11;12,,2026-11-30T00:00:00.000Z,5,');
    expect(rows(csv)).toEqual([{ line: 2, questions: ["市住建局电话", "住建局, 电话"], answer: '说"你好"', measures: [11, 12], status: "approved" }]);
  });
});
