import { CorpusError } from "./corpus-error.js";
import { documentKey, MeasureSchema, type Measure } from "./measure.js";
import { normalizeDepartments } from "./departments.js";

export interface PolicyDocument {
  /** Its file name without .txt (see documentKey). */
  key: string;
  title: string;
  year: number;
  file: string;
  measures: Measure[];
}

const MEASURE_LINE = /^(\d+)\s*[、.．]\s*(.+)$/;
// The responsible departments close each measure: （市住建局、市自然资源局负责）。
const DEPARTMENTS_AT_END = /[（(]([^（）()]+)[）)]\s*[。.]?\s*$/;
const TRAILER_LINE = /^本期(来源|编辑)\s*[:：]/;
const TITLE_MAX = 30;
const LEADING_CONDITION = /^(根据|按照|依据|依托|通过|为了)/;
// Without 负责, a closing parenthesis is a department list only if every name looks like an organisation.
const ORGANISATION = /(局|委|办|院|中心|公司|分局|行|所|厅|部|会|室|处)$/;

/** Parse one published policy text into its measures; throws CorpusError with file:line. */
export function parsePolicyText(text: string, file: string): PolicyDocument {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const intro: string[] = [];
  const drafts: Array<{ number: number; body: string; departments: string[]; line: number }> = [];
  const numbers = new Set<number>();
  let trailerStarted = false;

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.trim();
    if (!line || /^\|?$/.test(line)) return;
    if (TRAILER_LINE.test(line)) {
      trailerStarted = true;
      return;
    }
    const m = MEASURE_LINE.exec(line);
    if (!m) {
      if (drafts.length === 0 && !trailerStarted) return void intro.push(line);
      throw new CorpusError(file, lineNo, `unparseable line (expected "N、measure text（departments负责）。"): ${line.slice(0, 40)}`);
    }
    if (trailerStarted) throw new CorpusError(file, lineNo, "a measure after the trailing 本期来源/本期编辑 lines");
    const number = Number(m[1]);
    const expected = (drafts.at(-1)?.number ?? 0) + 1;
    if (numbers.has(number)) throw new CorpusError(file, lineNo, `duplicate measure number ${number}`);
    if (number !== expected) throw new CorpusError(file, lineNo, `measure ${expected} is missing (found ${number} after ${expected - 1})`);
    const content = m[2]!;
    const dept = DEPARTMENTS_AT_END.exec(content);
    if (!dept) throw new CorpusError(file, lineNo, `measure ${number} has no responsible departments in a closing parenthesis`);
    const departments = splitDepartments(dept[1]!);
    if (!/负责|牵头/.test(dept[1]!) && !departments.every((d) => ORGANISATION.test(d)))
      throw new CorpusError(file, lineNo, `measure ${number}: the closing parenthesis "${dept[1]}" does not name responsible departments`);
    if (departments.length === 0) throw new CorpusError(file, lineNo, `measure ${number}: the closing parenthesis names no department`);
    const body = content.slice(0, dept.index).replace(/[，,；;]\s*$/, "").trim();
    drafts.push({ number, body: body.endsWith("。") ? body : `${body}。`, departments, line: lineNo });
    numbers.add(number);
  });

  if (drafts.length === 0) throw new CorpusError(file, 1, "no numbered measures found");
  const title = documentTitle(intro.join(""));
  if (!title) throw new CorpusError(file, 1, "the opening paragraphs name no document title in 《…》");
  const year = Number(/(\d{4})年/.exec(title)?.[1] ?? /(\d{4})年/.exec(intro.join(""))?.[1]);
  if (!year) throw new CorpusError(file, 1, `cannot find the year in the title 《${title}》`);

  const departmentLists = normalizeDepartments(drafts.map((d) => d.departments));
  const measures = drafts.map((d, i) => {
    const parsed = MeasureSchema.safeParse({
      number: d.number,
      title: measureTitle(d.body),
      text: d.body,
      sentences: sentencesOf(d.body),
      departments: departmentLists[i],
      document: title,
      year,
      source: { file, line: d.line },
    });
    if (!parsed.success) throw new CorpusError(file, d.line, `measure ${d.number}: ${parsed.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("; ")}`);
    return parsed.data;
  });
  return { key: documentKey(file), title, year, file, measures };
}

function splitDepartments(inside: string): string[] {
  return inside
    .replace(/(共同)?(牵头)?负责$|牵头$/, "")
    .split(/[、，,；;]/)
    .map((s) => s.replace(/(牵头)?负责$/, "").trim())
    .filter(Boolean);
}

function documentTitle(intro: string): string | undefined {
  const titles = [...intro.matchAll(/《([^》]+)》/g)].map((m) => m[1]!);
  return titles.find((t) => /措施|办法|意见|方案|规定|通知/.test(t)) ?? titles[0];
}

/** Sentences end with 。；！？; quotes stay with their sentence. */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^。；！？]+[。；！？]?[”’」]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
}

/** The measure's topic: its short opening sentence, else its first substantive clause. */
export function measureTitle(body: string): string {
  const first = body.split("。")[0]!;
  if (first.length <= TITLE_MAX) return first;
  const clause = first.split(/[，,；;]/).find((c) => c.length >= 6 && !LEADING_CONDITION.test(c)) ?? first;
  return clause.length <= TITLE_MAX ? clause : `${clause.slice(0, TITLE_MAX - 1)}…`;
}
