/** The plain texts of FAQ replies (the terminal prints them; the bot formats its own from the same fields). Chinese first. */
import type { Citation } from "../policy/measure.js";

/** YYYY-MM-DD in the server's time zone. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const faqText = {
  /** The label every FAQ reply carries: a person wrote it, a maintainer approved it on that date. */
  label: (approvedAt: number) => `工作人员答复（${formatDate(approvedAt)} 审核）`,
  related: "相关措施：",
  relatedLine: (c: Citation) => `· 第${c.measure}条 ${c.title}（负责部门：${c.departments.join("、")}）`,
  outOfScope: "工作人员已确认：这类问题不在《措施》的范围内，我无法根据政策原文回答。如确需人工帮助，请发送 /human 加上您的问题。",
};

/** The terminal's text of a staff answer: label, the answer as approved, then the related measures from the corpus. */
export function renderFaqAnswer(approvedAt: number, answer: string, related: readonly Citation[]): string {
  const lines = [`【${faqText.label(approvedAt)}】`, answer];
  if (related.length > 0) lines.push("", faqText.related, ...related.map(faqText.relatedLine));
  return lines.join("\n");
}
