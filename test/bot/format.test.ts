import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import type { Ticket } from "../../src/handoff/types.js";
import {
  escapeHtml,
  formatAnswer,
  formatCard,
  formatFullQuestion,
  formatMeasuresPage,
  MESSAGE_LIMIT,
  splitMessage,
  TELEGRAM_MAX_TEXT,
} from "../../src/bot/format.js";
import { parseTelegramHtml } from "../support/fake-telegram.js";

const visible = (html: string) => parseTelegramHtml(html).text;
const noSpace = (s: string) => s.replace(/\s+/g, "");

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 12,
    asker: { channel: "telegram", chatId: "1001", userId: "1001", displayName: "张三 <b>&" },
    question: "市住建局的电话是多少 <script>alert(1)</script> & 其他",
    candidates: [{ measure: 12, title: "进一步优化工作流程", departments: ["市住建局"] }],
    status: "open",
    staff: null,
    askerBlocked: false,
    createdAt: 0,
    claimedAt: null,
    firstReplyAt: null,
    answeredAt: null,
    closedAt: null,
    ...over,
  };
}

describe("escapeHtml", () => {
  it("escapes the characters Telegram's HTML mode treats specially", () => {
    expect(escapeHtml("<b>x</b> & <script>alert(1)</script>")).toBe("&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;");
  });
  it("round-trips through Telegram's HTML parser as the literal text", () => {
    const s = `<b>粗体</b> & <script>x</script> "quoted" &amp; already`;
    expect(visible(escapeHtml(s))).toBe(s);
  });
});

describe("formatAnswer", () => {
  const answered: Answer = {
    outcome: "answered",
    text: "plain",
    citations: [{ measure: 11, title: "全面提升“获得电力”服务水平", departments: ["国网克拉玛依供电有限公司", "市发改委"] }],
    sections: [
      {
        measure: 11,
        title: "全面提升“获得电力”服务水平",
        departments: ["国网克拉玛依供电有限公司", "市发改委"],
        sentences: ["实现小微企业和个体工商户供电报装办理周期压缩至2日 <&>。"],
      },
    ],
    related: [],
    composer: "extractive",
  };

  it("renders a heading, the quoted sentences and the departments per section", () => {
    const html = formatAnswer(answered, "2022年优化营商环境提升服务效能42项措施");
    expect(html).toContain("<b>第11条 全面提升“获得电力”服务水平</b>");
    expect(html).toContain("负责部门：国网克拉玛依供电有限公司、市发改委");
    expect(html).toContain("2日 &lt;&amp;&gt;。");
    expect(() => parseTelegramHtml(html)).not.toThrow();
  });

  it("shows the engine's note after the quotes (a part the policy does not state), escaped, for extractive and LLM answers", () => {
    const note = "另：您问的电话号码，《措施》中没有写明 <b>。";
    for (const a of [{ ...answered, note }, { ...answered, note, composer: "llm" as const, text: "模型 <i>\n\n出处：\n第11条" }]) {
      const html = formatAnswer(a, "T");
      const shown = visible(html);
      expect(shown).toContain(note);
      expect(shown.indexOf(note)).toBeGreaterThan(shown.indexOf("负责部门") >= 0 ? shown.indexOf("负责部门") : shown.indexOf("第11条"));
    }
    expect(visible(formatAnswer(answered, "T"))).not.toContain("另：");
  });

  it("escapes corpus and engine text on handoff and small talk", () => {
    const handoff: Answer = {
      ...answered,
      outcome: "handoff",
      handoffReason: "not-in-policy",
      text: "没有 <b>答案</b> & 转人工\n\n相关条款",
      sections: [],
      citations: [],
      related: [{ measure: 12, title: "A<B", departments: ["市住建局&"] }],
    };
    const html = formatAnswer(handoff, "T");
    expect(html).toContain("没有 &lt;b&gt;答案&lt;/b&gt; &amp; 转人工");
    expect(html).toContain("A&lt;B");
    expect(html).toContain("市住建局&amp;");
    expect(() => parseTelegramHtml(html)).not.toThrow();
    expect(formatAnswer({ ...handoff, outcome: "smalltalk", handoffReason: undefined, text: "<i>hi</i>" }, "T")).toBe("&lt;i&gt;hi&lt;/i&gt;");
  });
});

describe("splitMessage", () => {
  it("keeps a short message whole", () => {
    expect(splitMessage("<b>hi</b>")).toEqual(["<b>hi</b>"]);
  });

  it("splits long multi-line HTML on line boundaries, every chunk valid and ≤ 4096, nothing lost", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `<b>第${i}条</b> ${escapeHtml("内容 & <script> ".repeat(3))}${i}`);
    const html = lines.join("\n");
    const chunks = splitMessage(html);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
      expect(() => parseTelegramHtml(c)).not.toThrow();
    }
    // Split at newlines: joining with newlines restores the original exactly.
    expect(chunks.join("\n")).toBe(html);
  });

  it("hard-splits a single huge line without cutting entities, surrogate pairs or tags", () => {
    const text = "办电&要几天😀<>".repeat(1200); // ~10k chars, one line
    const html = `<i>${escapeHtml(text)}</i>`;
    const chunks = splitMessage(html);
    expect(chunks.length).toBeGreaterThan(2);
    let seen = "";
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      const parsed = parseTelegramHtml(c);
      expect(parsed.entities[0]?.type).toBe("italic");
      seen += parsed.text;
    }
    expect(seen).toBe(text);
  });

  it("closes and reopens a tag that spans a split point", () => {
    const html = `<blockquote>${Array.from({ length: 300 }, (_, i) => `第${i}行 ${"字".repeat(20)}`).join("\n")}</blockquote>`;
    const chunks = splitMessage(html);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.startsWith("<blockquote>")).toBe(true);
      expect(c.endsWith("</blockquote>")).toBe(true);
      expect(() => parseTelegramHtml(c)).not.toThrow();
    }
    expect(noSpace(chunks.map(visible).join(""))).toBe(noSpace(visible(html)));
  });

  it("never returns an empty chunk", () => {
    expect(splitMessage("")).toEqual([]);
    const html = "a".repeat(3990) + "\n\n\n\n" + "b".repeat(100);
    for (const c of splitMessage(html)) expect(c.trim()).not.toBe("");
  });
});

describe("formatCard", () => {
  it("shows number, asker, question, candidates with departments, status, all escaped", () => {
    const html = formatCard(ticket());
    const text = visible(html);
    expect(text).toContain("工单 #12");
    expect(text).toContain("张三 <b>&");
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("第12条 进一步优化工作流程（市住建局）");
    expect(text).toContain("待处理");
  });

  it("shows the holder and a blocked asker", () => {
    const text = visible(formatCard(ticket({ status: "claimed", staff: { userId: "7", displayName: "李四" }, askerBlocked: true })));
    expect(text).toContain("认领人：李四");
    expect(text).toContain("已屏蔽机器人");
  });

  it("stays one message for a very long question, which follows in full separately", () => {
    const question = "很长的问题<&>".repeat(1000);
    const t = ticket({ question });
    const card = formatCard(t);
    expect(card.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    expect(() => parseTelegramHtml(card)).not.toThrow();
    const parts = formatFullQuestion(t);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    const body = parts.map((p) => visible(p).split("\n").slice(1).join("\n")).join("");
    expect(noSpace(body)).toBe(noSpace(question));
  });
});

describe("formatMeasuresPage", () => {
  it("lists ten titles per page and clamps the page", () => {
    const measures = Array.from({ length: 42 }, (_, i) => ({
      number: i + 1,
      title: `措施<${i + 1}>`,
      text: "t",
      sentences: ["t"],
      departments: ["d"],
      document: "doc",
      year: 2022,
      source: { file: "f", line: 1 },
    }));
    const p1 = visible(formatMeasuresPage(measures, 1, "文件"));
    expect(p1).toContain("1. 措施<1>");
    expect(p1).toContain("10. 措施<10>");
    expect(p1).not.toContain("11. ");
    const last = visible(formatMeasuresPage(measures, 99, "文件"));
    expect(last).toContain("5/5");
    expect(last).toContain("42. 措施<42>");
  });
});
