import { describe, expect, it } from "vitest";
import { namesIn, namesInOnceReplaced } from "../../src/answer/names-in.js";
import { FARTHER_PLACES, HOME_NAMES, OTHER_PLACES, XINJIANG_PLACES } from "../../src/answer/places.js";
import { distinctTexts, evalQuestionFiles } from "../../src/cli/bench/bot-texts.js";

const TEXTS = distinctTexts(evalQuestionFiles(), 1);
// Names that overlap, nest, repeat, start alike, hold a surrogate pair, and one empty.
const AWKWARD = ["市场监管局", "市场", "监管", "场监", "局", "市场", "𠮷野家", "", "a.b", "市市"];

/** Replacing each name of the list in turn, as the callers did before: every name tried. */
function replacedEach(text: string, names: readonly string[], replacement: string): string {
  let rest = text;
  for (const name of names) if (name) rest = rest.split(name).join(replacement);
  return rest;
}

describe("namesIn", () => {
  it("is the list filtered by what the text includes, in the list's order, over the eval files' texts", () => {
    for (const names of [OTHER_PLACES, XINJIANG_PLACES, FARTHER_PLACES, [...HOME_NAMES, ...OTHER_PLACES], AWKWARD]) {
      for (const text of [...TEXTS, "", "市市场监管局𠮷野家a.b", "局"]) expect(namesIn(text, names), text).toEqual(names.filter((n) => text.includes(n)));
    }
  });

  it("reads a list again from its index, and a changed list as new", () => {
    const names = ["开公司", "公司"];
    expect(namesIn("开公司要几天", names)).toEqual(["开公司", "公司"]);
    expect(namesIn("开公司要几天", [...names, "几天"])).toEqual(["开公司", "公司", "几天"]);
  });
});

describe("namesInOnceReplaced", () => {
  it("holds every name a replacement can leave or make, so replacing only those gives the same text", () => {
    const names = ["住建局", "某部", "部门门", "税务局", "门"];
    for (const replacement of ["某部门", "，", "　"]) {
      for (const text of ["住建局门", "问住建局和税务局", "部门", "没有部门的", ...TEXTS.slice(0, 2000)]) {
        const candidates = namesInOnceReplaced(text, names, replacement);
        expect(replacedEach(text, candidates, replacement), `${text} / ${replacement}`).toBe(replacedEach(text, names, replacement));
      }
    }
    // (住建局门 → 某部门门: 某部 and 部门门 were not in the text; the replacement made them.)
    expect(namesInOnceReplaced("住建局门", names, "某部门")).toEqual(["住建局", "某部", "部门门", "门"]);
    expect(namesInOnceReplaced("住建局门", names, "，")).toEqual(["住建局", "门"]);
    // (Names taken out with nothing put in their place join what was around them: 住税务局建局 → 住建局.)
    const joined = ["税务局", "住建局"];
    expect(replacedEach("住税务局建局", namesInOnceReplaced("住税务局建局", joined, ""), "")).toBe("");
  });
});
