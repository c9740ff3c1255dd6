import { describe, expect, it } from "vitest";
import { matchesOf } from "../../src/answer/matches.js";

const asArrays = (ms: RegExpExecArray[]) => ms.map((m) => ({ found: [...m], index: m.index, groups: m.groups }));

describe("matchesOf", () => {
  it("finds what String.prototype.matchAll finds: groups, positions, empty matches (by code point under u), from the regexp's lastIndex", () => {
    const cases: Array<[string, RegExp]> = [
      ["第3条和第12条，第40条", /第(\d+)条/g],
      ["开公司要几天？办电要几天？", /(?<what>[^？]+?)要几天/g],
      ["a𠀀b", /(?:)/gu],
      ["a𠀀b", /(?:)/g],
      ["", /x*/g],
      ["没有房产，也没有抵押", /没有([\u4e00-\u9fff]{1,2})/g],
    ];
    for (const [text, re] of cases) expect(asArrays(matchesOf(text, re))).toEqual(asArrays([...text.matchAll(re)]));
    const started = /\d/g;
    started.lastIndex = 2;
    expect(matchesOf("1234", started).map((m) => m[0])).toEqual([..."1234".matchAll(started)].map((m) => m[0]));
    expect(matchesOf("1234", started).map((m) => m[0])).toEqual(["3", "4"]);
  });

  it("leaves the regexp's lastIndex as it was, and refuses one that is not global", () => {
    const re = /办/g;
    re.lastIndex = 1;
    matchesOf("办电办水", re);
    expect(re.lastIndex).toBe(1);
    expect(() => matchesOf("办电", /办/)).toThrow(TypeError);
  });
});
