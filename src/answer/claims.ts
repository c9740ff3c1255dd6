import { matchesOf } from "./matches.js";

/**
 * Details a model may invent that an asker would act on: where to go or whom to call (a web
 * address, an e-mail, a phone number, a QQ or WeChat id), what it costs (a money amount), and
 * whether the policy still holds. Each must be in the cited text, or the reply is rejected.
 */

/** A reason to reject the answer, or undefined when every such detail is in `source` (the cited measures). */
export function inventedDetail(answer: string, source: string): string | undefined {
  const text = answer.normalize("NFKC");
  const cited = source.normalize("NFKC");
  return (
    notIn("a web address", webAddresses(text), webAddresses(cited)) ??
    notIn("an e-mail address", emails(text), emails(cited)) ??
    notIn("a phone number", phoneNumbers(text), digitRuns(cited)) ??
    notIn("a QQ or WeChat id", chatIds(text), chatIds(cited), cited) ??
    notIn("a money amount", moneyAmounts(text), moneyAmounts(cited), cited) ??
    policyStatusClaim(text, cited)
  );
}

/** The first of `found` that is neither among `known` nor (when given) written in `verbatim`. */
function notIn(what: string, found: string[], known: Set<string> | string[], verbatim?: string): string | undefined {
  const have = new Set(known);
  const invented = found.find((f) => !have.has(f) && !(verbatim !== undefined && verbatim.includes(f)));
  return invented === undefined ? undefined : `it gives ${what} (${invented}) that is not in the cited measures`;
}

// ---------------------------------------------------------------------------
// Contacts

const URL_LIKE = /\b(?:https?:\/\/|www\.)[^\s，。；、）)"“”'<>]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.cn|com\.cn|org\.cn|net\.cn|edu\.cn|cn|com|net|org|gov)\b(?:\/[^\s，。；、）)"“”'<>]*)?/gi;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

function webAddresses(text: string): string[] {
  const withoutEmails = text.replace(EMAIL, " ");
  return matchesOf(withoutEmails, URL_LIKE).map((m) => m[0].toLowerCase().replace(/^https?:\/\//, "").replace(/[/.]+$/, ""));
}

function emails(text: string): string[] {
  return matchesOf(text, EMAIL).map((m) => m[0].toLowerCase());
}

// Mobile (138 1234 5678), landline with area code (0990-1234567), 400/800 numbers, and short
// service lines (12345) when the text calls them a phone or hotline.
const PHONE =
  /(?<![\d.])(?:1[3-9]\d(?:[\s-]?\d{4}){2}|0\d{2,3}[\s-]?\d{7,8}|[48]00[\s-]?\d{3}[\s-]?\d{4}|\d{7,8}(?=\s*[）)]?\s*(?:咨询|联系|热线|电话))|(?<=(?:电话|热线|拨打|致电|联系)[^0-9]{0,4})\d{5,8})(?![\d.])/g;

function phoneNumbers(text: string): string[] {
  return matchesOf(text, PHONE).map((m) => m[0].replace(/\D/g, ""));
}

/** Every run of digits in the text, separators between digits removed, and each of their substrings that a phone number could be. */
function digitRuns(text: string): string[] {
  const runs = text.match(/\d(?:[\d\s-]*\d)?/g) ?? [];
  return runs.map((r) => r.replace(/\D/g, "")).flatMap((r) => substrings(r));
}

function substrings(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < digits.length; i++) for (let j = i + 5; j <= digits.length; j++) out.push(digits.slice(i, j));
  return out;
}

// QQ 123456789, QQ群：123456789, 微信号 abc_123, 加微信“abc123”, 关注公众号“某某发布”.
const QQ = /(?:QQ|qq|扣扣)\s*(?:号|群|群号)?\s*[:：是为]?\s*(\d{5,12})/g;
const WECHAT_ID = /(?:微信|weixin|wechat|vx|VX|Vx)\s*(?:号|ID|id)?\s*[:：是为]?\s*([A-Za-z][-_A-Za-z0-9]{5,19})/gi;
const QUOTED_ACCOUNT = /(?:微信|公众号|小程序|QQ群|微信群)[^。；，,\n]{0,6}?[“"「『‘]([^”"」』’]{2,24})[”"」』’]/g;
const ACCOUNT_THEN_KIND = /[“"「『‘]([^”"」』’]{2,24})[”"」』’]\s*(?:微信公众号|公众号|小程序|微信群|QQ群)/g;

function chatIds(text: string): string[] {
  return [QQ, WECHAT_ID, QUOTED_ACCOUNT, ACCOUNT_THEN_KIND].flatMap((pattern) => matchesOf(text, pattern).map((m) => m[1]!));
}

// ---------------------------------------------------------------------------
// Money

const MULTIPLIER: Record<string, number> = { 十: 10, 百: 100, 千: 1_000, 万: 10_000, 亿: 100_000_000 };
const DIGIT_MONEY = /([￥¥]\s*)?(\d+(?:,\d{3})*(?:\.\d+)?)\s*(多|余)?\s*(万亿|十|百|千|万|亿)?\s*(元|块|圆|人民币)?/g;
// 块 alone is also "together" (一块办理), so Chinese numerals count as money only before 元 or 块钱.
const CN_MONEY = /([零〇一二两三四五六七八九十百千万亿]+)\s*(?:多|余)?\s*(元|块钱)/g;

/** Amounts of money, as yuan ("5万元" and "50000元" are the same amount); Chinese numerals as written. */
function moneyAmounts(text: string): string[] {
  const out: string[] = [];
  for (const m of matchesOf(text, DIGIT_MONEY)) {
    const [, yuanSign, number, , multiplier, unit] = m;
    if (!yuanSign && !unit) continue;
    const scale = [...(multiplier ?? "")].reduce((acc, c) => acc * (MULTIPLIER[c] ?? 1), 1);
    out.push(`${Number(number!.replace(/,/g, "")) * scale}元`);
  }
  for (const m of matchesOf(text, CN_MONEY)) out.push(`${m[1]}${m[2]}`);
  return out;
}

// ---------------------------------------------------------------------------
// Whether the policy still holds: the corpus is the policy in force, so the model may not say otherwise.

// The policy itself, not something it regulates: 该措施, 这项政策, 《…》, 第11条, 本条, 该规定.
const POLICY = "(?:(?:本|该|此|这|这项|这些|这份|上述|整个)?(?:政策|措施|文件)|》|第[0-9零〇一二两三四五六七八九十百]+条|(?:本|该|此|这)(?:条|项|规定|办法))";
const VOIDED = "(?:废止|失效|作废|撤销|撤回|停止执行|停止实施|不再执行|不再实施|不再有效|不再适用|无效|过期|到期|过时|取代|替代|代替|替换|取消)";
const CLAUSE = "[^。；！？!?\\n，,]";
// "第2条规定审批已被取消" is about the approvals, not the measure: no verb of content between subject and 已.
const SUBJECT_GAP = `(?:(?!规定|要求|明确|提出|提到|指出|对)${CLAUSE}){0,10}?`;
const STATUS_CLAIMS = [
  // 该措施已于……废止, 本政策现已失效, 这条已被新规定取代
  new RegExp(`${POLICY}${SUBJECT_GAP}(?:已经?|已被|被|均已|都已|现已|早已|已由)${CLAUSE}{0,20}?${VOIDED}`),
  // 该政策失效了, 措施作废了
  new RegExp(`${POLICY}${SUBJECT_GAP}${VOIDED}了`),
  // 有效期已过, 有效期届满
  new RegExp(`有效期${CLAUSE}{0,6}(?:已过|届满|已满|结束)`),
  // 新出台的……取代了它
  new RegExp(`(?:新出台|新发布|新版|新的)${CLAUSE}{0,20}(?:取代|替代|代替)`),
];

function policyStatusClaim(text: string, cited: string): string | undefined {
  for (const pattern of STATUS_CLAIMS) {
    const claim = pattern.exec(text)?.[0];
    if (claim && !cited.includes(claim)) return `it says the policy no longer applies (${claim}), which the cited measures do not say`;
  }
  return undefined;
}
