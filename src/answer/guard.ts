import type { Measure } from "../policy/measure.js";
import { citationOf, refOfCitation, sameMeasure } from "../policy/measure.js";
import { chineseNumber, CN_NUMERAL, parseNumber, percentsAsDigits } from "./chinese-numbers.js";
import { inventedDetail } from "./claims.js";
import { departmentsIn } from "./intent.js";
import { departmentLine, engineText, measureHeading, renderPointers } from "./strings.js";
import type { Answer, AnswerSection } from "./types.js";
import { matchesOf } from "./matches.js";

/**
 * Checks a model's reply before anything reaches a user. The model only writes prose;
 * what it cites must be measures it was shown, every figure, contact and amount must be in
 * those measures, it may not say the policy no longer applies,
 * and titles and departments shown to the user come from the corpus, never from the model.
 */

/** The model's reply after JSON parsing and schema validation. */
export interface ModelReply {
  answerable: boolean;
  answer: string;
  citations: number[];
}

export interface GuardContext {
  /** The measures the model was shown. */
  retrieved: Measure[];
  /** Every way of writing a department (corpus names and aliases) → its full name. */
  departmentNames: Map<string, string>;
  /** The system prompt as sent, which the answer must not repeat. */
  systemPrompt: string;
}

export type Verdict = { ok: true; cited: Measure[] } | { ok: false; reason: string };

export const MAX_ANSWER_CHARS = 1000;
export const SOURCES_LABEL = "出处：";

export function checkReply(reply: ModelReply, ctx: GuardContext): Verdict {
  const answer = reply.answer.trim();
  if (!answer) return fail("the answer is empty");
  const length = [...answer].length;
  if (length > MAX_ANSWER_CHARS) return fail(`the answer is ${length} characters long (limit ${MAX_ANSWER_CHARS})`);

  const byNumber = new Map(ctx.retrieved.map((m) => [m.number, m]));
  const numbers = [...new Set(reply.citations)];
  if (!numbers.length) return fail("the answer cites no measure");
  const notGiven = numbers.filter((n) => !byNumber.has(n));
  if (notGiven.length) return fail(`it cites 第${notGiven.join("、")}条, which the model was not given`);
  // Two documents may both have a 第5条: a bare number then does not say which the model meant.
  const ambiguous = numbers.filter((n) => ctx.retrieved.filter((m) => m.number === n).length > 1);
  if (ambiguous.length) return fail(`it cites 第${ambiguous.join("、")}条, which more than one of the documents it was given has`);
  const cited = numbers.map((n) => byNumber.get(n)!);

  const reason =
    uncitedReference(answer, numbers) ??
    inventedDetail(answer, cited.map((m) => `${m.title}\n${m.text}`).join("\n")) ??
    unsupportedFigure(answer, cited) ??
    foreignDepartment(answer, cited, ctx.departmentNames) ??
    promptEcho(answer, ctx.systemPrompt, cited[0]?.document ?? "");
  return reason ? fail(reason) : { ok: true, cited };
}

const fail = (reason: string): Verdict => ({ ok: false, reason });

// ---------------------------------------------------------------------------
// Measure references: a 第N条 in the prose must be one of the citations.

const REFERENCE = /第\s*([0-9]+|[零〇一二两三四五六七八九十百]+)\s*条/g;

function uncitedReference(answer: string, cited: number[]): string | undefined {
  const referenced = matchesOf(answer.normalize("NFKC"), REFERENCE).map((m) => parseNumber(m[1] ?? ""));
  const uncited = referenced.filter((n): n is number => n !== undefined && !cited.includes(n));
  return uncited.length ? `the text mentions 第${[...new Set(uncited)].join("、")}条 without citing it` : undefined;
}

// ---------------------------------------------------------------------------
// Figures: every number with a unit must occur, with that unit, in a cited measure.

// Longest first, so “2个工作日” reads as 2 + 工作日 and never as 2 + 日.
const UNITS = ["个工作日", "工作日", "个小时", "小时", "分钟", "个月", "千瓦", "千伏", "万元", "亿元", "元", "月", "周", "天", "日", "年", "%", "项", "倍", "家", "户"];
// Spellings of one quantity; 日 and 工作日 stay distinct on purpose (2日 ≠ 2个工作日).
const CANONICAL_UNIT: Record<string, string> = { 个工作日: "工作日", 个小时: "小时", 天: "日" };
const UNIT = UNITS.map((u) => u.replace(/[%]/g, "\\$&")).join("|");
const CN_FIGURE = new RegExp(`(${CN_NUMERAL})(?=\\s*(${UNIT}))`, "g");
// Not part of a longer number, and not an ordinal (第3项).
const FIGURE = new RegExp(`(?<![\\d.]|第\\s*)(\\d+(?:\\.\\d+)?)\\s*(${UNIT})`, "g");
// Numbers of three or more digits without a unit (phone numbers, amounts) are checked as well.
const LONG_NUMBER = /(?<![\d.]|第\s*)\d{3,}(?:\.\d+)?(?![\d.])/g;
// 一 before these units is usually an article (一项改革), not a figure.
const ARTICLE_UNITS = new Set(["项", "家", "户"]);

/** Full-width digits to ASCII, 百分之五十 to 50%, 两个工作日 to 2个工作日; applied to answer and corpus alike. */
export function normalizeFigures(text: string): string {
  return percentsAsDigits(text.normalize("NFKC"))
    .replace(CN_FIGURE, (_, numeral: string, unit: string) => {
      if (numeral === "一" && ARTICLE_UNITS.has(unit)) return numeral;
      return String(chineseNumber(numeral) ?? numeral);
    });
}

/** Figure strings such as 2日, 2工作日, 160千瓦, 50%, in one canonical spelling. */
export function figuresIn(text: string): Set<string> {
  const normal = normalizeFigures(text);
  const figures = new Set<string>();
  for (const m of matchesOf(normal, FIGURE)) {
    const unit = m[2] ?? "";
    figures.add(`${Number(m[1])}${CANONICAL_UNIT[unit] ?? unit}`);
  }
  return figures;
}

function longNumbersIn(text: string): Set<string> {
  return new Set(matchesOf(normalizeFigures(text), LONG_NUMBER).map((m) => String(Number(m[0]))));
}

function unsupportedFigure(answer: string, cited: Measure[]): string | undefined {
  const source = cited.map((m) => `${m.title}\n${m.text}\n${m.document}`).join("\n");
  const figures = figuresIn(source);
  const invented = [...figuresIn(answer)].filter((f) => !figures.has(f));
  if (invented.length) return `the figure(s) ${invented.join("、")} are not in the cited measures`;
  const numbers = longNumbersIn(source);
  const inventedNumbers = [...longNumbersIn(answer)].filter((n) => !numbers.has(n));
  return inventedNumbers.length ? `the number(s) ${inventedNumbers.join("、")} are not in the cited measures` : undefined;
}

// ---------------------------------------------------------------------------
// Departments: any department the prose names must be responsible for a cited measure.

// A government prefix, a few characters, an office suffix (局 and 委 not starting another word: 局面, 委托).
const DEPARTMENT_LIKE =
  /(?:国网|自治区|克拉玛依市?|市|区|县)[\u4e00-\u9fff]{0,12}?(?:委员会|办公室|管理局|分局|法院|检察院|有限公司|局(?![面限部势])|委(?![托屈婉派任员]))/g;
const NOT_A_DEPARTMENT = /(?:布|格|大|全|结|当|开|僵|变|出|棋|骗)局$/;
// Two-character aliases (人行, 国网) also occur inside ordinary words, so free-text lookup starts at three.
const MIN_FREE_ALIAS = 3;

function foreignDepartment(answer: string, cited: Measure[], names: Map<string, string>): string | undefined {
  const responsible = new Set(cited.flatMap((m) => m.departments));
  const citedText = cited.map((m) => m.text).join("\n");
  const known = new Map([...names].filter(([alias]) => alias.length >= MIN_FREE_ALIAS));
  for (const full of departmentsIn(answer, known)) {
    if (!responsible.has(full)) return `it names ${full}, which is not responsible for the cited measures`;
  }
  for (const [mention] of matchesOf(answer, DEPARTMENT_LIKE)) {
    if (NOT_A_DEPARTMENT.test(mention) || citedText.includes(mention)) continue;
    const full = departmentEndingWith(mention, names);
    if (!full) return `it names a department the policy does not: ${mention}`;
    if (!responsible.has(full)) return `it names ${full}, which is not responsible for the cited measures`;
  }
  return undefined;
}

/** The department a mention ends with (克拉玛依市住建局 → 市住建局), longest alias first. */
function departmentEndingWith(mention: string, names: Map<string, string>): string | undefined {
  let best: [string, string] | undefined;
  for (const [alias, full] of names) if (mention.endsWith(alias) && (!best || alias.length > best[0].length)) best = [alias, full];
  return best?.[1];
}

// ---------------------------------------------------------------------------
// Prompt leaks: the answer must not contain the fences or repeat the instructions.

const FENCE_TEXT = /<<<|>>>|MEASURES|QUESTION/i;
const ECHO_WINDOW = 16;

function promptEcho(answer: string, systemPrompt: string, documentTitle: string): string | undefined {
  if (FENCE_TEXT.test(answer)) return "the answer contains the prompt's fence markers";
  const flat = answer.replace(/\s+/g, "");
  // The document title may be quoted legitimately, so it is cut out of the instructions first.
  const instructions = (documentTitle ? systemPrompt.split(documentTitle).join("\n") : systemPrompt).split("\n").map((l) => l.replace(/\s+/g, ""));
  for (const line of instructions) {
    const chars = [...line];
    for (let i = 0; i + ECHO_WINDOW <= chars.length; i++) {
      if (flat.includes(chars.slice(i, i + ECHO_WINDOW).join(""))) return "the answer repeats the system prompt";
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Answers built from a reply that passed, with titles and departments from the corpus.

/** The model's prose, then a 出处 block rendered from the Measure objects. */
export function llmAnswer(prose: string, cited: Measure[], extractive: Answer): Answer {
  const citations = cited.map(citationOf);
  // Keep the extractive engine's quoted passages where it cited the same measure: they are corpus text.
  const sections: AnswerSection[] = citations.map((c) => ({ ...c, sentences: extractive.sections.find((s) => sameMeasure(refOfCitation(s), refOfCitation(c)))?.sentences ?? [] }));
  const sources = citations.map((c) => `${measureHeading(c)}\n  ${departmentLine(c)}`).join("\n");
  // The extractive answer's note (a part the policy does not state) stays: the model was not asked to say it.
  const note = extractive.note ? `\n\n${extractive.note}` : "";
  const text = `${prose.trim().replace(/\n{3,}/g, "\n\n")}\n\n${SOURCES_LABEL}\n${sources}${note}`;
  const partly = extractive.partlyUnanswered ? { partlyUnanswered: extractive.partlyUnanswered } : {};
  return { outcome: "answered", text, citations, sections, related: [], composer: "llm", ...(extractive.note ? { note: extractive.note } : {}), ...partly };
}

/** The model judged the measures do not answer the question: hand off, pointing at what the engine found. */
export function notInPolicyAnswer(extractive: Answer): Answer {
  const related = extractive.citations;
  return { outcome: "handoff", text: renderPointers(engineText.notInPolicy, related), citations: [], sections: [], related, handoffReason: "not-in-policy" };
}
