import { describe, expect, it } from "vitest";
import {
  answerKeyboard,
  byteLength,
  CALLBACK_DATA_MAX_BYTES,
  callbackDataOf,
  CB,
  CB_PATTERN,
  cardKeyboard,
  clarifyKeyboard,
  endHumanKeyboard,
  faqCardKeyboard,
  humanKeyboard,
  measuresPageKeyboard,
  relatedKeyboard,
  turnKeyOf,
} from "../../src/bot/keyboards.js";

const longTitle = "全面提升“获得电力”服务水平".repeat(10);
const cites = Array.from({ length: 8 }, (_, i) => ({ measure: 40 + i, title: longTitle, departments: ["国网克拉玛依供电有限公司"] }));
const listed = (...numbers: number[]) => numbers.map((measure) => ({ measure }));
/** A document key as long as a file name gets (Chinese, 3 bytes a character). */
const LONG_KEY = "克拉玛依市2023年优化营商环境提升服务效能若干措施（征求意见稿）-final-v2";
const document = { key: LONG_KEY, title: "2023年优化营商环境措施", year: 2023 };

describe("keyboards", () => {
  const all = [
    answerKeyboard(cites),
    relatedKeyboard(cites)!,
    humanKeyboard(),
    humanKeyboard("AbCdEfGhIjKlMn_-"),
    clarifyKeyboard("AbCdEfGhIjKlMn_-", cites.slice(0, 3).map((c) => ({ ...c, measure: 9950 + c.measure, covers: longTitle }))),
    clarifyKeyboard("AbCdEfGh", cites.slice(0, 2).map((c) => ({ ...c, covers: "供电报装办理周期压缩至2日" })), "en"),
    endHumanKeyboard(),
    measuresPageKeyboard(listed(41, 42), 5, 5),
    measuresPageKeyboard(listed(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 1, 5),
    answerKeyboard(cites.map((c) => ({ ...c, measure: 9999, document }))),
    measuresPageKeyboard(listed(9999).map((m) => ({ ...m, document })), 1, 5),
    cardKeyboard({ id: 999_999_999_999, status: "open" }),
    cardKeyboard({ id: 999_999_999_999, status: "claimed" }),
    cardKeyboard({ id: 999_999_999_999, status: "closed" }),
    answerKeyboard(cites, "abcdefgh", 999_999_999_999),
    faqCardKeyboard({ id: 999_999_999_999, status: "pending" })!,
  ];

  it("keeps every callback_data within Telegram's 64 bytes", () => {
    const data = all.flatMap(callbackDataOf);
    expect(data.length).toBeGreaterThan(20);
    for (const d of data) expect(byteLength(d)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    for (const d of [CB.measure(9999), CB.measuresPage(9999), CB.claim(Number.MAX_SAFE_INTEGER), CB.close(Number.MAX_SAFE_INTEGER)]) {
      expect(byteLength(d)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    }
  });

  it("puts measure buttons, 👍/👎 and 转人工 under an answer", () => {
    const data = callbackDataOf(answerKeyboard(cites.slice(0, 2)));
    expect(data).toEqual(["m:40", "m:41", "fb:up", "fb:down", "h:human"]);
    expect(callbackDataOf(answerKeyboard(cites.slice(0, 1), "AbC-_123")).at(-1)).toBe("h:human:AbC-_123");
  });

  it("puts a button per choice (title and what it covers) and 都不是 / 转人工 under a clarify, in the question's language", () => {
    const choices = cites.slice(0, 2).map((c) => ({ ...c, title: "供电", covers: "报装周期压缩至2日" }));
    const zh = clarifyKeyboard("k1", choices);
    expect(callbackDataOf(zh)).toEqual(["c:k1:40", "c:k1:41", "c:k1:x"]);
    expect(zh.inline_keyboard.flat().map((b) => b.text)).toEqual(["1. 供电：报装周期压缩至2日", "2. 供电：报装周期压缩至2日", "都不是 / 转人工"]);
    const en = clarifyKeyboard("k1", choices, "en");
    expect(en.inline_keyboard.flat().map((b) => b.text)).toEqual(["1. 供电: 报装周期压缩至2日", "2. 供电: 报装周期压缩至2日", "None of these / talk to a person"]);
    // A long title and covers are cut to a label a phone can show.
    for (const b of clarifyKeyboard("k1", cites.slice(0, 1).map((c) => ({ ...c, covers: longTitle }))).inline_keyboard.flat()) expect(Array.from(b.text).length).toBeLessThanOrEqual(40);
  });

  it("reads the turn key from a message's own 转人工 button (none on an old button)", () => {
    expect(turnKeyOf({ reply_markup: answerKeyboard(cites.slice(0, 1), "Xy_-1234") })).toBe("Xy_-1234");
    expect(turnKeyOf({ reply_markup: answerKeyboard(cites.slice(0, 1)) })).toBeUndefined();
    expect(turnKeyOf(undefined)).toBeUndefined();
  });

  it("ties 👍/👎 to the logged question when there is one", () => {
    expect(callbackDataOf(answerKeyboard(cites.slice(0, 1), undefined, 42))).toEqual(["m:40", "fb:up:42", "fb:down:42", "h:human"]);
    expect(CB_PATTERN.feedback.exec("fb:down:42")?.slice(1)).toEqual(["down", "42"]);
    expect(CB_PATTERN.feedback.exec("fb:up")?.slice(1)).toEqual(["up", undefined]);
  });

  it("FAQ cards have 采纳 / 拒绝 / 不在政策范围 while pending, no buttons after review", () => {
    expect(callbackDataOf(faqCardKeyboard({ id: 7, status: "pending" })!)).toEqual(["f:ok:7", "f:no:7", "f:oos:7"]);
    for (const status of ["approved", "rejected", "out-of-scope"] as const) expect(faqCardKeyboard({ id: 7, status })).toBeUndefined();
  });

  it("with several documents a measure button names its document: a short tag of its key, and the year on the label", () => {
    const kb = answerKeyboard([{ ...cites[0]!, measure: 5, document }]);
    const [data] = callbackDataOf(kb);
    expect(data).toMatch(/^m:5:[0-9a-f]{8}$/);
    expect(CB_PATTERN.measure.exec(data!)?.slice(1, 3)).toEqual(["5", data!.slice(4)]);
    expect(kb.inline_keyboard[0]![0]!.text.startsWith("2023年第5条")).toBe(true);
    // The same key always gives the same tag (a button survives a reload); another key another tag.
    expect(CB.measure(5, LONG_KEY)).toBe(data);
    expect(CB.measure(5, "karamay-2022")).not.toBe(data);
    const page = measuresPageKeyboard([{ measure: 3, document }, { measure: 3 }], 1, 1);
    expect(page.inline_keyboard[0]!.map((b) => b.text)).toEqual(["2023·3", "3"]);
  });

  it("pages with ◀ ▶ and short data", () => {
    expect(callbackDataOf(measuresPageKeyboard(listed(11, 12), 2, 5))).toContain("m:p:1");
    expect(callbackDataOf(measuresPageKeyboard(listed(11, 12), 2, 5))).toContain("m:p:3");
    expect(callbackDataOf(measuresPageKeyboard(listed(1), 1, 5))).not.toContain("m:p:0");
  });

  it("card buttons follow the status, and every data matches its handler's pattern", () => {
    expect(callbackDataOf(cardKeyboard({ id: 12, status: "open" }))).toEqual(["t:claim:12", "t:close:12"]);
    expect(callbackDataOf(cardKeyboard({ id: 12, status: "answered" }))).toEqual(["t:close:12"]);
    expect(callbackDataOf(cardKeyboard({ id: 12, status: "closed" }))).toEqual(["t:reopen:12"]);
    const patterns = Object.values(CB_PATTERN);
    for (const d of all.flatMap(callbackDataOf)) expect(patterns.some((p) => p.test(d)), d).toBe(true);
  });
});
