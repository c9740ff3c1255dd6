/**
 * The FAQ's CSV files (npm run faq -- import / export): RFC 4180 (comma-separated, fields with
 * commas, quotes or line breaks in double quotes, "" for a quote), UTF-8 with or without a BOM.
 * Columns by header name, any order, unknown ones ignored:
 *   questions  question variants, separated by | or line breaks (the first is the one shown)
 *   answer     the answer askers get
 *   measures   related measure numbers, separated by spaces, ; 、 or commas (may be empty)
 *   status     approved (default), out-of-scope or pending
 * Export adds id, ticket, approved_at, hits and last_hit_at, which import ignores.
 */
import type { FaqContent } from "./store.js";
import type { FaqEntry } from "./types.js";

export class CsvError extends Error {}

export interface CsvRecord {
  /** The file line the record starts on (1-based). */
  line: number;
  fields: string[];
}

export const IMPORT_STATUSES = ["approved", "out-of-scope", "pending"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface CsvFaqRow extends FaqContent {
  line: number;
  status: ImportStatus;
}

/** Split CSV text into records; a quote left open says where it started. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith("\ufeff") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    atFieldStart = true;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      atFieldStart = true;
    } else if (ch === "\r" && src[i + 1] === "\n") {
      continue;
    } else if (ch === "\n") {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (quoted) throw new CsvError(`line ${quoteLine}: a quoted field is never closed: end it with " (write "" for a quote inside)`);
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

const splitQuestions = (cell: string) => cell.split(/\r?\n|[|｜]/).map((q) => q.trim()).filter(Boolean);

function parseMeasures(cell: string, line: number): number[] {
  const parts = cell.split(/[\s,，;；、]+/).filter(Boolean);
  return parts.map((p) => {
    const m = /^第?(\d{1,4})条?$/.exec(p);
    if (!m) throw new CsvError(`line ${line}: measures: "${p}" is not a measure number (write e.g. 11 or 11;12)`);
    return Number(m[1]);
  });
}

/** Records → FAQ rows; a missing column or a bad cell stops with the line and what to write. */
export function faqRowsOf(records: readonly CsvRecord[]): CsvFaqRow[] {
  const [header, ...rows] = records;
  if (!header) throw new CsvError("the file is empty: the first line must name the columns, e.g. questions,answer,measures");
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  for (const required of ["questions", "answer"]) {
    if (col(required) < 0) throw new CsvError(`line ${header.line}: no "${required}" column: the first line must name the columns, e.g. questions,answer,measures`);
  }
  const cell = (r: CsvRecord, name: string) => (col(name) >= 0 ? (r.fields[col(name)] ?? "") : "");
  return rows.map((r) => {
    const questions = splitQuestions(cell(r, "questions"));
    const answer = cell(r, "answer").trim();
    if (questions.length === 0) throw new CsvError(`line ${r.line}: questions is empty: write at least one question`);
    if (answer === "") throw new CsvError(`line ${r.line}: answer is empty: write the answer askers should get`);
    const status = (cell(r, "status").trim() || "approved") as ImportStatus;
    if (!IMPORT_STATUSES.includes(status)) throw new CsvError(`line ${r.line}: status "${status}": use approved, out-of-scope or pending`);
    return { line: r.line, questions, answer, measures: parseMeasures(cell(r, "measures"), r.line), status };
  });
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const isoDate = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());

export const EXPORT_COLUMNS = ["id", "status", "questions", "answer", "measures", "ticket", "approved_at", "hits", "last_hit_at"] as const;

/** The entries as CSV (with a BOM, so spreadsheet programs read the Chinese right), one per line, variants separated by line breaks. */
export function formatFaqCsv(entries: readonly FaqEntry[]): string {
  const lines = [EXPORT_COLUMNS.join(",")];
  for (const e of entries) {
    const row = [
      String(e.id),
      e.status,
      e.questions.join("\n"),
      e.answer,
      e.measures.join(";"),
      e.source ? String(e.source.ticketId) : "",
      e.status === "approved" || e.status === "out-of-scope" ? isoDate(e.review?.at ?? null) : "",
      String(e.hits),
      isoDate(e.lastHitAt),
    ];
    lines.push(row.map(quote).join(","));
  }
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
