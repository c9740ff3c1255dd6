import { describe, expect, it } from "vitest";
import { horizontalBars, rateLine, stackedBars } from "../../src/server/console/charts.js";
import { html } from "../../src/server/console/html.js";
import { lineDiff } from "../../src/server/console/line-diff.js";
import { hashPassword, verifyPassword } from "../../src/users/password.js";

// The console's small pure parts: escaping in templates, the line diff shown before publishing,
// the SVG charts' numbers and escaping, and the password hash format.
describe("html templates", () => {
  it("escape every value unless it is a nested template", () => {
    const hostile = '<script>alert(1)</script>"&';
    const out = html`<p title="${hostile}">${hostile}${html`<b>${hostile}</b>`}${[hostile, html`<i>ok</i>`]}${null}${false}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;<b>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;</b>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;<i>ok</i></p>',
    );
  });
});

describe("line diff", () => {
  it("shows removed then added lines with their numbers and two lines of context; nothing for equal texts", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h"].join("\n");
    const after = ["a", "b", "c", "D", "e", "f", "g", "h", "i"].join("\n");
    expect(lineDiff(before, after)).toEqual([
      { kind: "same", text: "b", line: 2 },
      { kind: "same", text: "c", line: 3 },
      { kind: "del", text: "d", line: 4 },
      { kind: "add", text: "D", line: 4 },
      { kind: "same", text: "e", line: 5 },
      { kind: "same", text: "f", line: 6 },
      { kind: "same", text: "g", line: 7 },
      { kind: "same", text: "h", line: 8 },
      { kind: "add", text: "i", line: 9 },
    ]);
    expect(lineDiff("x\ny", "x\r\ny")).toEqual([]);
    expect(lineDiff("", "new")).toEqual([
      { kind: "del", text: "", line: 1 },
      { kind: "add", text: "new", line: 1 },
    ]);
  });
});

describe("charts", () => {
  it("stack each day's values, and escape labels", () => {
    const svg = stackedBars("t<", ["2026-11-01", "2026-11-02"], [{ key: "answered", label: "答" }, { key: "handoff", label: "<转>" }], (i, k) => (i === 0 ? (k === "answered" ? 3 : 1) : 0));
    const values = [...svg.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(values).toEqual([3, 1]);
    expect(svg).not.toContain("<转>");
    expect(svg).toContain("&lt;转&gt;");
    expect(svg).toContain('aria-label="t&lt;"');
  });

  it("draw a bar per row and a point per day with data (gaps where a day had none)", () => {
    expect([...horizontalBars("m", [{ label: "第1条", value: 5 }, { label: "第2条", value: 2 }]).matchAll(/class="bar"/g)]).toHaveLength(2);
    expect(horizontalBars("m", [])).toContain("暂无数据");
    const line = rateLine("r", ["2026-11-01", "2026-11-02", "2026-11-03"], [0.5, null, 0.25]);
    expect([...line.matchAll(/data-value="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([0.5, 0.25]);
    expect(line).toMatch(/d="M[\d.,]+M[\d.,]+"/);
  });
});

describe("password hashes", () => {
  it("verify the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "scrypt$0$8$1$c2FsdA$aGFzaA")).toBe(false);
  });
});
