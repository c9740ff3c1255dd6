import { describe, expect, it } from "vitest";
import { firstChars, piecesByFirstChar } from "../../src/answer/first-chars.js";

describe("firstChars: what a pattern's non-empty match can begin with", () => {
  it("reads alternatives, optional parts and counted repeats", () => {
    expect(firstChars(/^(你好|您好|hi)/)).toEqual(new Set(["h", "你", "您"]));
    expect(firstChars(/^(你|您)?(们)?好/)).toEqual(new Set(["们", "你", "好", "您"]));
    expect(firstChars(/^(请|麻烦){0,2}问/)).toEqual(new Set(["问", "请", "麻"]));
    expect(firstChars(/^(请|麻烦){1,2}问/)).toEqual(new Set(["请", "麻"]));
    expect(firstChars(/^(谢)+(你)/)).toEqual(new Set(["谢"]));
  });

  it("skips what consumes nothing: anchors, lookarounds, word boundaries", () => {
    expect(firstChars(/^(?=谢)(?<!不)\b谢谢$/)).toEqual(new Set(["谢"]));
    expect(firstChars(/^(?:(?![吗么])好)的/)).toEqual(new Set(["好"]));
  });

  it("reads plain classes and escapes; both cases with the i flag", () => {
    expect(firstChars(/^[嗯哦]\./)).toEqual(new Set(["哦", "嗯"]));
    expect(firstChars(/^\u4f60好/)).toEqual(new Set(["你"]));
    expect(firstChars(/^(ok|thx)/i)).toEqual(new Set(["O", "T", "o", "t"]));
  });

  it("gives up (any character) where it does not follow the source", () => {
    expect(firstChars(/^[\u4e00-\u9fff]好/)).toBeNull();
    expect(firstChars(/^[^吗]好/)).toBeNull();
    expect(firstChars(/^.好/)).toBeNull();
    expect(firstChars(/^\s*好/)).toBeNull();
    expect(firstChars(/^(?<name>好)/)).toBeNull();
    // (Without the u flag a class of emoji holds their halves.)
    expect(firstChars(/^[👋🤝]/)).toBeNull();
  });

  it("keeps an emoji whole", () => {
    expect(firstChars(/^(👋|你好)/u)).toEqual(new Set(["你", "👋"]));
    expect(firstChars(/^[👋🤝]/u)).toEqual(new Set(["👋", "🤝"]));
  });

  it("never leaves out a character a real match begins with", () => {
    const patterns = [/^(你|您)?(们)?(好|早)(啊|呀)*/, /^(谢谢|多谢|感谢)(你|您)?(们)?(的)?(帮助|解答)?/, /^((我|俺)(是)?)?(第一次|头一回)(来|用)?/, /^(ok|好的|收到)+/i, /^(?:(?!人工)(真人|人))(吗|呢)?/];
    const chars = [..."你您们好早啊呀谢多感的帮助解答我俺是第一次头回来用ok好收到真人工吗呢OK"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let checked = 0;
    for (let n = 0; n < 4000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 6) }, () => chars[Math.floor(random() * chars.length)]).join("");
      for (const p of patterns) {
        const m = p.exec(text);
        if (!m?.[0]) continue;
        checked++;
        expect(firstChars(p)!.has(text[0]!)).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe("piecesByFirstChar", () => {
  it("lists, in order, the patterns that can begin with the text's first character, and those that can begin with any", () => {
    const firsts = [/^你好/, /^[\u4e00-\u9fff]+/, /^(您|你)们/, /^谢/].map(firstChars);
    const candidates = piecesByFirstChar(firsts);
    expect(candidates("你好啊")).toEqual([0, 1, 2]);
    expect(candidates("谢谢")).toEqual([1, 3]);
    expect(candidates("hello")).toEqual([1]);
  });
});
