import { describe, expect, it } from "vitest";
import { unheldMatter } from "../../src/answer/unheld.js";

const permitsWay = "食品经营许可算告知承诺还是备案";

describe("unheldMatter with a follow-up's own words", () => {
  it("which way a named permit falls in is unheld, alone or read with any follow-up", () => {
    expect(unheldMatter(permitsWay)).toBeDefined();
    expect(unheldMatter(`要几天，${permitsWay}`, "要几天")).toBeDefined();
  });

  it.each(["那它归哪个局管", "牵头的是谁", "这个是哪个部门在搞"])("who leads it, asked after it (%s), is the measure's to say", (own) => {
    expect(unheldMatter(`${own}，${permitsWay}`, own)).toBeUndefined();
  });

  it("(guard) a matter wholly foreign stays unheld whoever is asked after", () => {
    const own = "这事归哪个部门管";
    expect(unheldMatter(`${own}，冬天歇业三个月，执照要不要重新办`, own)).toBeDefined();
  });
});
