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
  humanKeyboard,
  measuresPageKeyboard,
  relatedKeyboard,
  turnKeyOf,
} from "../../src/bot/keyboards.js";

const longTitle = "全面提升“获得电力”服务水平".repeat(10);
const cites = Array.from({ length: 8 }, (_, i) => ({ measure: 40 + i, title: longTitle, departments: ["国网克拉玛依供电有限公司"] }));

describe("keyboards", () => {
  const all = [
    answerKeyboard(cites),
    relatedKeyboard(cites)!,
    humanKeyboard(),
    humanKeyboard("AbCdEfGhIjKlMn_-"),
    clarifyKeyboard("AbCdEfGhIjKlMn_-", cites.slice(0, 3).map((c) => ({ ...c, measure: 9950 + c.measure, covers: longTitle }))),
    clarifyKeyboard("AbCdEfGh", cites.slice(0, 2).map((c) => ({ ...c, covers: "供电报装办理周期压缩至2日" })), "en"),
    endHumanKeyboard(),
    measuresPageKeyboard([41, 42], 5, 5),
    measuresPageKeyboard([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, 5),
    cardKeyboard({ id: 999_999_999_999, status: "open" }),
    cardKeyboard({ id: 999_999_999_999, status: "claimed" }),
    cardKeyboard({ id: 999_999_999_999, status: "closed" }),
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

  it("pages with ◀ ▶ and short data", () => {
    expect(callbackDataOf(measuresPageKeyboard([11, 12], 2, 5))).toContain("m:p:1");
    expect(callbackDataOf(measuresPageKeyboard([11, 12], 2, 5))).toContain("m:p:3");
    expect(callbackDataOf(measuresPageKeyboard([1], 1, 5))).not.toContain("m:p:0");
  });

  it("card buttons follow the status, and every data matches its handler's pattern", () => {
    expect(callbackDataOf(cardKeyboard({ id: 12, status: "open" }))).toEqual(["t:claim:12", "t:close:12"]);
    expect(callbackDataOf(cardKeyboard({ id: 12, status: "answered" }))).toEqual(["t:close:12"]);
    expect(callbackDataOf(cardKeyboard({ id: 12, status: "closed" }))).toEqual(["t:reopen:12"]);
    const patterns = Object.values(CB_PATTERN);
    for (const d of all.flatMap(callbackDataOf)) expect(patterns.some((p) => p.test(d)), d).toBe(true);
  });
});
