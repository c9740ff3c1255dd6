const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 42, 四十二, 三十一, 十五, 一百零三, 一千 → number; undefined if not a number (几十 is no number). */
export function parseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return undefined;
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    const unit = UNITS[ch];
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else digit = DIGITS[ch]!;
  }
  return total + digit;
}

/** 十二 → 12, and digit by digit when there is no 十 or 百 (二〇二二 → 2022). */
export function chineseNumber(numeral: string): number | undefined {
  if (numeral.length > 1 && !/[十百千]/.test(numeral)) {
    const digits = [...numeral].map((c) => parseNumber(c));
    return digits.every((d) => d !== undefined) ? Number(digits.join("")) : undefined;
  }
  return parseNumber(numeral);
}

export const CN_NUMERAL = "[零〇一二两三四五六七八九十百]+";
// 百分之九十, 百分之99.5, 百分百: a share in words, as the policy writes it (90%).
const PERCENT_WORDS = new RegExp(`百分之(${CN_NUMERAL}|\\d+(?:\\.\\d+)?)|百分百`, "g");

/** 百分之五十 → 50%, 百分百 → 100%. */
export function percentsAsDigits(text: string): string {
  return text.replace(PERCENT_WORDS, (_, n: string | undefined) => (n === undefined ? "100%" : `${chineseNumber(n) ?? n}%`));
}

// 一百零四项, 二十二个工作日, 一百六十千瓦: a number with 十 or 百 before the unit of a figure the policy gives in digits (not 第十一条, a measure's
// number read elsewhere; not 十几天 or 几十项, no figure).
const FIGURE_WORDS = /(?<![第几多零〇一二两三四五六七八九十百])[零〇一二两三四五六七八九]*[十百][零〇一二两三四五六七八九十百]*(?=个?(项|工作日|天|日|小时|千瓦|千伏))/g;

/** A question's shares and figures of ten and more in words (百分之九十, 一百零四项, 四十五天) in digits, as the policy writes them. */
export function figuresAsDigits(text: string): string {
  return percentsAsDigits(text).replace(FIGURE_WORDS, (n) => String(chineseNumber(n) ?? n));
}
