/**
 * The question's content words (contentWords): where jieba's general dictionary cuts a policy word apart, the policy's
 * reading wins. The words here are this file's own examples, not the eval sets'.
 */
import { describe, expect, it } from "vitest";
import { contentWords } from "../../src/answer/evidence.js";
import { createTextAnalyzer } from "../../src/search/text.js";

const analyzer = createTextAnalyzer();
const policyWords = new Set(["报装", "用电", "燃气", "登记"]);
const known = (w: string) => policyWords.has(w);

describe("contentWords", () => {
  it("takes back a policy word jieba glued a character of into the word before it (新报|装 → 报装)", () => {
    // jieba alone reads 新报 (a newspaper's name) and 装.
    expect(analyzer.keywords("新报装燃气多久")).toEqual(["新报", "装", "燃气"]);
    expect(contentWords("新报装燃气多久", analyzer, known)).toEqual(["报装", "燃气"]);
    expect(contentWords("个体户新报装用电几天能通上", analyzer, known)).toEqual(expect.arrayContaining(["报装", "用电"]));
    expect(contentWords("个体户新报装用电几天能通上", analyzer, known)).not.toContain("新报");
  });

  it("leaves jieba's words where the pieces make no policy word, or the word before is one", () => {
    expect(contentWords("新报纸上说的", analyzer, known)).toEqual(["新", "报纸"]);
    expect(contentWords("报装用电要几天", analyzer, known)).toEqual(["报装", "用电"]);
    expect(contentWords("重新登记要几天", analyzer, known)).toEqual(["重新", "登记"]);
  });
});
