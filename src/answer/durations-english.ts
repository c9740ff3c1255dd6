import { limitOf, type TimeAsked, type TimeLimit } from "./durations.js";

// English questions of the policy's time limits, read as durations.ts reads Chinese ones (its TimeAsked, its limits).
const NUMBERS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30 };
const UNITS: Readonly<Record<string, string>> = { "working day": "工作日", "business day": "工作日", day: "日", hour: "小时", minute: "分钟", week: "周", month: "月" };
const LIMIT = String.raw`(\d+(?:\.\d+)?|half an?|${Object.keys(NUMBERS).join("|")})\s+(working day|business day|day|hour|minute|week|month)s?`;
const WITHIN = new RegExp(String.raw`\b(?:within|in|under|in less than|less than|no more than|at most|up to)\s+${LIMIT}\b`, "i");
const BEYOND = new RegExp(String.raw`\b(?:more than|over|longer than|beyond|at least)\s+${LIMIT}\b`, "i");
const BETWEEN = new RegExp(String.raw`\bbetween\s+(\d+|${Object.keys(NUMBERS).join("|")})\s+and\s+${LIMIT}\b`, "i");
const SAME_DAY = /\b(on the )?same day\b/i;
const SHORTEST = /\b(fastest|quickest|soonest|speediest|faster|quicker|sooner)\b|\b(shortest|least)\s+(time|processing|turnaround|wait)\b|\btakes?\s+the\s+(least|shortest)\s+time\b/i;
const LONGEST = /\b(slowest|slower)\b|\btakes? longer\b|\b(longest|most)\s+(time|processing|turnaround|wait)\b|\btakes?\s+the\s+(longest|most\s+time)\b/i;
// Which things are asked, not how long one takes (how fast can I open a company); a bound, which things meet it (what can be done
// within two days), not what follows when one thing misses it (what happens if…within 12 working days).
const ASKS_WHICH = /\bwhich\b|\bwhat\s+(procedures?|services?|things|matters|items|steps|applications?|tasks?|approvals?|can|could)\b|\b(are|is) there any(thing)?\b|\banything\s+(that\s+)?can\b/i;
// A ranking asked with what (what is the fastest, what takes the longest): the policy's own fastest or slowest.
const ASKS_WHAT = /\bwhat\b/i;
// (Which bank lends fastest, which window is quickest: who serves is ranked, no limit of the policy.)
const WHO_OR_WHERE = /\b(banks?|departments?|offices?|windows?|agenc(y|ies)|bureaus?|counters?|staff|who|where)\b/i;

/** An amount as durations.ts reads one: digits, or 半 for half an hour. */
const amountOf = (word: string) => (/^half/i.test(word) ? "半" : /^\d/.test(word) ? word : String(NUMBERS[word.toLowerCase()]));

/** The limit a match of LIMIT names, its amount at group `at` and its unit after it. */
const limitIn = (m: RegExpExecArray, at: number): TimeLimit | undefined => limitOf(m[0], amountOf(m[at]!), UNITS[m[at + 1]!.toLowerCase()]!);

/**
 * What an English question asks of the policy's time limits: which procedure is the fastest, what can be done within two days,
 * which take more than 10 working days. Only a question asking which things (which, what procedures, are there any) is ranked or
 * bounded: how long one thing takes is answered from its measure.
 */
export function timeAskedInEnglish(question: string): TimeAsked | undefined {
  if (WHO_OR_WHERE.test(question)) return undefined;
  if (!ASKS_WHICH.test(question)) return ASKS_WHAT.test(question) ? ranking(question) : undefined;
  const between = BETWEEN.exec(question);
  if (between) {
    const high = limitIn(between, 2);
    const low = high && limitOf(between[0], amountOf(between[1]!), high.unit);
    if (high && low) return { order: "between", bound: high, low, said: between[0] };
  }
  const sameDay = SAME_DAY.exec(question);
  if (sameDay) return { order: "within", bound: limitOf("一日", "一", "日")!, said: sameDay[0], inclusive: true };
  const beyond = BEYOND.exec(question);
  const beyondLimit = beyond && limitIn(beyond, 1);
  if (beyond && beyondLimit) return { order: "beyond", bound: beyondLimit, said: beyond[0], inclusive: /^at least/i.test(beyond[0]) };
  const within = WITHIN.exec(question);
  const withinLimit = within && limitIn(within, 1);
  if (within && withinLimit) return { order: "within", bound: withinLimit, said: within[0], inclusive: true };
  return ranking(question);
}

function ranking(question: string): TimeAsked | undefined {
  const shortest = SHORTEST.exec(question);
  if (shortest) return { order: "shortest", said: shortest[0] };
  const longest = LONGEST.exec(question);
  if (longest) return { order: "longest", said: longest[0] };
  return undefined;
}

// The words a ranking or bound is asked in (which services are finished in the least time): no thing named, left unread by the glossary.
const ASKING_WORDS = /^(procedures?|services?|things?|matters?|items?|steps?|applications?|tasks?|approvals?|process(es)?|finished|completed|processed|handled|done|takes?|taking|fastest|quickest|soonest|speediest|faster|quicker|sooner|slowest|slower|longest|shortest|least|same|days?|hours?|weeks?|minutes?|months?|working|business|longer|less|more|most|over|under|between|beyond)$/i;

/** An English word that only says how the time limits are asked about, not what of. */
export const asksOnly = (word: string) => ASKING_WORDS.test(word);
