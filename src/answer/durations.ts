import { chineseNumber, CN_NUMERAL } from "./chinese-numbers.js";
import { matchesOf } from "./matches.js";

/**
 * Time limits put on one scale, to rank them (哪个办得最快) or bound them (两天以内能办完的有哪些). A limit spans calendar days:
 * 14日 is 14, 一小时 1/24, N个工作日 N days and the weekends it must or may cross (2个工作日 from 2 to 4 days, 10个工作日 from
 * 12 to 14). Two limits in one unit compare by their numbers; across units a limit is within a bound if it may be (2个工作日
 * within 两天), and beyond it only if it surely is (14日 is not beyond 10个工作日).
 */
export interface TimeLimit {
  said: string;
  n: number;
  unit: string;
  from: number;
  to: number;
}

// Calendar days per unit, least and most.
const UNIT_DAYS: Record<string, readonly [number, number]> = {
  分钟: [1 / 1440, 1 / 1440],
  小时: [1 / 24, 1 / 24],
  天: [1, 1],
  日: [1, 1],
  周: [7, 7],
  星期: [7, 7],
  月: [28, 31],
};
const AMOUNT = `(\\d+(?:\\.\\d+)?|${CN_NUMERAL}|半)`;
const UNIT = "(?:个)?(工作日|小时|分钟|天|日|周|星期|(?<=个)月)";
// (3月1日 is a date; 由45天压减为20天: the figure cut from is no limit of today; 24小时自助 is opening hours.)
const STATED = new RegExp(`(?<![\\d.零〇一二两三四五六七八九十百])${AMOUNT}\\s*${UNIT}(?!(?:压减|压缩|缩短|减少|降低|减)(?:为|至|到))(?!自助|不打烊|营业|值守|在线|服务)`, "g");

export function limitOf(said: string, amount: string, unit: string): TimeLimit | undefined {
  const n = amount === "半" ? 0.5 : /^\d/.test(amount) ? Number(amount) : chineseNumber(amount);
  if (n === undefined) return undefined;
  // (Working days: a weekend after each five surely, and one more may fall before the last.)
  if (unit === "工作日") return { said, n, unit, from: n + 2 * Math.floor(Math.max(0, Math.ceil(n) - 1) / 5), to: n + 2 * Math.ceil(n / 5) };
  const days = UNIT_DAYS[unit];
  return days && { said, n, unit: unit === "天" ? "日" : unit, from: n * days[0], to: n * days[1] };
}

/** The time limits a passage states, as it words them; a date (3月1日) is none. */
export function limitsStated(passage: string): TimeLimit[] {
  return matchesOf(passage, STATED).flatMap((m) => {
    if (m[2] === "日" && passage[m.index! - 1] === "月") return [];
    const limit = limitOf(m[0], m[1]!, m[2]!);
    return limit ? [limit] : [];
  });
}

// How long a limit is, to rank it: the middle of its span.
const lengthOf = (t: TimeLimit) => (t.from + t.to) / 2;

/**
 * What a question asks of time limits: the shortest or longest of them, or those within, beyond or between bounds it names
 * (以上 and 以内 count the bound itself, as the law reads them; 超过 does not; between two, bound is the upper end).
 */
export type TimeAsked =
  | { order: "shortest" | "longest"; said: string }
  | { order: "within" | "beyond"; said: string; bound: TimeLimit; inclusive: boolean }
  | { order: "between"; said: string; bound: TimeLimit; low: TimeLimit };

// 哪个最快, 时限最短的是哪项, 最慢的报装要几天; 最短, 最长, 最久 only beside a word of time (创业担保贷款最长能贷几年 asks a loan's term).
const OF_TIME = "(时限|时间|时长|周期|天数|用时|工作日|多久|几天|多少天|办|批|装|登记)";
const SHORTEST = new RegExp(`最快|最省时|用时最少|哪(个|项|一项|样)?(更|比较)?快|${OF_TIME}[^，。？?]{0,6}最短|最短的?${OF_TIME}`);
const LONGEST = new RegExp(`最慢|最费时|用时最多|哪(个|项|一项|样)?(更|比较)?慢|${OF_TIME}[^，。？?]{0,6}最(长|久)|最(长|久)的?${OF_TIME}`);
// 两天以内, 一天之内, 不超过5个工作日; 超过10个工作日, 十天以上; 当天 is within a day.
const LIMIT = `${AMOUNT}\\s*${UNIT}`;
// (Each holds two limits of which one matched: its amount and unit are the first pair of groups found.)
const WITHIN = new RegExp(`(?:不超过|不到|少于|低于|在)?${LIMIT}(?:之内|以内|内|以下|及以下|不到)|(?:不超过|不到|少于|低于)${LIMIT}`);
const BEYOND = new RegExp(`(?<!不)(?:超过|多于|大于|长于|超出)${LIMIT}|${LIMIT}(?:以上|及以上|开外)`);
const SAME_DAY = /(当天|当日)[^，。？?]{0,4}(办|拿|完|结|好|下来)/;
// 10天到15天之间, 一到两周: both ends count.
const BETWEEN = new RegExp(`${AMOUNT}\\s*${UNIT}?(?:到|至|~|-|—)${AMOUNT}\\s*${UNIT}(?:之间|以内|内)?`);
// A bound names a set of things, asked which (有哪些, 有没有…的), not whether one thing is done in time (两天以内能办完吗).
const ASKS_WHICH = /哪|有没有|(是|有)(什么|啥)(?!时候)|什么(业务|事项|事情|手续)/;
// (3个工作日内哪个部门会联系我: who or where is asked, not which things are done in the time.)
const ASKS_WHO_OR_WHERE = /(哪个|哪些|哪家|什么|啥)(部门|单位|机构|窗口)|哪里|哪儿|找谁|谁/;

// Every order and bound asked holds one of these (most questions hold none, and are read no further).
const TIME_HINT = /[快慢短长久省费天日时周月星钟]/;

/**
 * The order or bound a question asks of time limits, if any.
 * @param which whether it asks which things (a follow-up, 那两天以内的呢, asks it of what the question before asked)
 */
export function timeAsked(question: string, which = ASKS_WHICH.test(question)): TimeAsked | undefined {
  if (!TIME_HINT.test(question)) return undefined;
  // (A bound asked which meet it comes first: 最快当天能办的有哪些 asks those done the same day.)
  const bounded = (order: "within" | "beyond", m: RegExpExecArray | null): TimeAsked | undefined => {
    if (!m) return undefined;
    const [amount, unit] = m[1] !== undefined ? [m[1], m[2]!] : [m[3]!, m[4]!];
    const bound = limitOf(m[0], amount, unit);
    return bound && { order, bound, said: m[0], inclusive: order === "within" || /以上$/.test(m[0]) };
  };
  const sameDay = SAME_DAY.exec(question);
  if (which && !ASKS_WHO_OR_WHERE.test(question)) {
    const between = BETWEEN.exec(question);
    const low = between && limitOf(between[0], between[1]!, between[2] ?? between[4]!);
    const high = between && limitOf(between[0], between[3]!, between[4]!);
    if (between && low && high) return { order: "between", bound: high, low, said: between[0] };
    if (sameDay) return { order: "within", bound: limitOf("一日", "一", "日")!, said: sameDay[0], inclusive: true };
    const bound = bounded("beyond", BEYOND.exec(question)) ?? bounded("within", WITHIN.exec(question));
    if (bound) return bound;
  }
  const shortest = SHORTEST.exec(question);
  if (shortest) return { order: "shortest", said: shortest[0] };
  const longest = LONGEST.exec(question);
  if (longest) return { order: "longest", said: longest[0] };
  return undefined;
}

/** Whether a question ranks the policy's time limits (哪个办得最快): a fact of the text, no opinion of providers. */
export const ranksTimeLimits = (question: string) => SHORTEST.test(question) || LONGEST.test(question);

/** The question asks which things (有哪些, 哪项), not how long one takes (施工许可最快多少天). */
export const asksWhich = (question: string) => ASKS_WHICH.test(question);

/** The limit meets the bound asked: in one unit by number, across units as the span allows (see TimeLimit). */
export function meets(asked: TimeAsked, t: TimeLimit): boolean {
  if (!("bound" in asked)) return true;
  const within = (bound: TimeLimit) => (t.unit === bound.unit ? t.n <= bound.n : t.from <= bound.to);
  const beyond = (bound: TimeLimit, inclusive: boolean) => {
    const [limit, line] = t.unit === bound.unit ? [t.n, bound.n] : [t.from, bound.to];
    return inclusive ? limit >= line : limit > line;
  };
  if (asked.order === "between") return within(asked.bound) && beyond(asked.low, true);
  return asked.order === "within" ? within(asked.bound) : beyond(asked.bound, asked.inclusive);
}

/** A passage states a limit meeting what is asked. */
export const statesLimitAsked = (asked: TimeAsked, passage: string) => limitsStated(passage).some((t) => meets(asked, t));

/** Limits in the order asked: the longest first when the longest is asked, else the shortest. */
export const inOrderAsked = (asked: TimeAsked) => (x: TimeLimit, y: TimeLimit) => (asked.order === "longest" ? lengthOf(y) - lengthOf(x) : lengthOf(x) - lengthOf(y));

/** The limit that ranks a measure: the shortest of its passages' asked the shortest, else the longest. */
export function rankingLimit(asked: TimeAsked, passages: readonly string[]): TimeLimit | undefined {
  return passages.flatMap(limitsStated).sort(inOrderAsked(asked))[0];
}
