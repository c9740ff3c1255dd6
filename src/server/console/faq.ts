/**
 * FAQ review (maintainers): the candidates staff answers filed, and every other entry by status;
 * approve (with the variants, answer and measures as edited), reject, or mark out of scope, through
 * the same FaqService as npm run faq and the staff chat's buttons (its card is updated too).
 */
import type { FastifyInstance } from "fastify";
import { FaqError } from "../../faq/service.js";
import type { FaqContent } from "../../faq/store.js";
import { FAQ_STATUSES, type FaqDecision, type FaqEntry, type FaqStatus } from "../../faq/types.js";
import type { FaqFlag } from "../../faq/flags.js";
import type { User } from "../../users/types.js";
import { ConsoleProblem, type ConsoleContext } from "./context.js";
import { html } from "./html.js";
import { formatTime } from "./layout.js";
import { formField } from "./plugin.js";

const STATUS: Record<FaqStatus, string> = { pending: "待审核", approved: "已通过", rejected: "已驳回", "out-of-scope": "不属于政策范围" };
const DECISIONS: Record<string, { decision: FaqDecision; done: string; action: string }> = {
  approve: { decision: "approve", done: "已通过，机器人将用这条答复回答同类问题。", action: "faq-approve" },
  reject: { decision: "reject", done: "已驳回，这条不会用于回答。", action: "faq-reject" },
  "out-of-scope": { decision: "out-of-scope", done: "已标为不属于政策范围：同类问题将得到“政策未涉及”的答复。", action: "faq-out-of-scope" },
};
const REVIEW_ACTION: Record<string, string> = { filed: "提交候选", updated: "更新候选", approve: "通过", reject: "驳回", "out-of-scope": "标为不属于政策范围", edit: "编辑", import: "导入" };

const flagText = (f: FaqFlag) =>
  f.kind === "unused" ? `已 ${f.days} 天没有命中` : f.kind === "measure-changed" ? `相关措施已修改：第 ${f.measures.join("、")} 条，请复核` : `政策中已没有第 ${f.measures.join("、")} 条`;

type Form = Record<string, string | undefined>;

export async function faqRoutes(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  app.get<{ Querystring: { status?: string } }>("/faq", async (req, reply) => {
    ctx.maintainer(req);
    const { faq } = ctx.app();
    const status = FAQ_STATUSES.includes(req.query.status as FaqStatus) ? (req.query.status as FaqStatus) : "pending";
    const entries = await faq.list([status]);
    const body = html`<nav class="filters">${FAQ_STATUSES.map((s) => html`<a href="/console/faq?status=${s}"${s === status ? html` aria-current="page"` : ""}>${STATUS[s]}</a>`)}</nav>
${
  entries.length === 0
    ? html`<p class="muted">没有${STATUS[status]}的条目。${status === "pending" ? "工作人员答复工单后，答复会成为候选。" : ""}</p>`
    : html`<table class="grid faq"><thead><tr><th>编号</th><th>问题</th><th>答复</th><th>来源</th><th>提交时间</th><th>提示</th></tr></thead>
<tbody>${entries.map(
        (e) => html`<tr data-faq="${e.id}"><td><a href="/console/faq/${e.id}">#${e.id}</a></td><td><a href="/console/faq/${e.id}">${e.questions[0] ?? ""}</a>${e.questions.length > 1 ? html` <span class="muted">（另 ${e.questions.length - 1} 种问法）</span>` : ""}</td>
<td>${[...e.answer].slice(0, 60).join("")}${[...e.answer].length > 60 ? "…" : ""}</td><td>${e.source ? html`<a href="/console/tickets/${e.source.ticketId}">工单 #${e.source.ticketId}</a>（${e.source.staff.name}）` : "导入"}</td>
<td>${formatTime(e.createdAt)}</td><td>${faq.flags(e).map(flagText).join("；")}</td></tr>`,
      )}</tbody></table>`
}`;
    return ctx.page(req, reply, { title: `FAQ 审核 · ${STATUS[status]}（${entries.length}）`, section: "faq", body });
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>("/faq/:id", async (req, reply) => {
    ctx.maintainer(req);
    const done = req.query.done && DECISIONS[req.query.done] ? { kind: "done" as const, text: DECISIONS[req.query.done]!.done } : null;
    return entryPage(ctx, req, reply, entryId(req.params.id), done, 200);
  });

  for (const [path, { decision, action }] of Object.entries(DECISIONS)) {
    app.post<{ Params: { id: string } }>(`/faq/:id/${path}`, async (req, reply) => {
      const user = ctx.maintainer(req);
      const id = entryId(req.params.id);
      const { faq } = ctx.app();
      const before = await faq.get(id);
      if (!before) throw new ConsoleProblem(404, "not_found", `没有 FAQ #${id}`);
      const edit = editOf(req.body as Form, before);
      try {
        await faq.review(id, decision, actorOf(user), edit ? { edit } : {});
      } catch (err) {
        if (err instanceof FaqError && err.code === "invalid") return entryPage(ctx, req, reply, id, { kind: "problem", text: `没有保存：${err.message}` }, 400);
        throw err;
      }
      await ctx.audit(req, action, `faq:${id}`, edit ? JSON.stringify(edit).slice(0, 300) : null);
      ctx.deps.kickDeliveries?.();
      return ctx.seeOther(reply, `/console/faq/${id}?done=${path}`);
    });
  }
}

const actorOf = (user: User) => ({ id: `console:${user.name}`, name: user.name });

function entryId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new ConsoleProblem(404, "not_found", `FAQ 编号应为正整数：${raw}`);
  return Number(raw);
}

/** The form's content when it differs from the entry (null: taken as it is). Measures: numbers separated by commas or spaces. */
function editOf(form: Form, before: FaqEntry): FaqContent | null {
  const questionsField = formField(form, "questions");
  const answerField = formField(form, "answer");
  const measuresField = formField(form, "measures");
  if (questionsField === undefined && answerField === undefined && measuresField === undefined) return null;
  const questions = (questionsField ?? before.questions.join("\n")).split(/\r?\n/).map((q) => q.trim()).filter(Boolean);
  const answer = (answerField ?? before.answer).replace(/\r\n/g, "\n").trim();
  const measureTokens = (measuresField ?? before.measures.join(", ")).split(/[\s,，、]+/).filter(Boolean);
  const measures = measureTokens.map((t) => (/^\d{1,4}$/.test(t) ? Number(t) : Number.NaN));
  if (measures.some((n) => Number.isNaN(n))) throw new ConsoleProblem(400, "bad_request", `相关措施请填写条目编号（数字），用逗号分隔：收到“${measuresField}”`);
  const same = JSON.stringify(questions) === JSON.stringify(before.questions) && answer === before.answer && JSON.stringify(measures) === JSON.stringify(before.measures);
  return same ? null : { questions, answer, measures };
}

async function entryPage(
  ctx: ConsoleContext,
  req: Parameters<ConsoleContext["page"]>[0],
  reply: Parameters<ConsoleContext["page"]>[1],
  id: number,
  notice: { kind: "done" | "problem"; text: string } | null,
  status: number,
) {
  const { faq, policy } = ctx.app();
  const e = await faq.get(id);
  if (!e) throw new ConsoleProblem(404, "not_found", `没有 FAQ #${id}`);
  const reviews = await faq.reviews(id);
  const form = req.body && status !== 200 ? (req.body as Form) : {};
  const csrf = html`<input type="hidden" name="_csrf" value="${req.consoleCsrf ?? ""}">`;
  const measureLines = e.measures.map((n) => {
    const m = policy.measure(n);
    return html`<li>第 ${n} 条 ${m ? m.title : "（政策中已没有这一条）"}</li>`;
  });
  const body = html`<section class="card" data-faq-status="${e.status}">
<dl class="facts">
<dt>状态</dt><dd>${STATUS[e.status]}</dd>
<dt>来源</dt><dd>${e.source ? html`<a href="/console/tickets/${e.source.ticketId}">工单 #${e.source.ticketId}</a>，${e.source.staff.name} 于 ${formatTime(e.source.answeredAt)} 答复` : "导入"}</dd>
<dt>命中</dt><dd>${e.hits} 次${e.lastHitAt ? `，最近 ${formatTime(e.lastHitAt)}` : ""}</dd>
${e.review ? html`<dt>审核</dt><dd>${e.review.by.name}，${formatTime(e.review.at)}</dd>` : ""}
</dl>
${faq.flags(e).map((f) => html`<p class="notice problem">${flagText(f)}</p>`)}
<h2>相关措施</h2>
${measureLines.length > 0 ? html`<ul>${measureLines}</ul>` : html`<p class="muted">（无）</p>`}
<form method="post" action="/console/faq/${id}/approve" class="faq-edit">${csrf}
<label for="faq-questions">问法（每行一种，第一行为展示的问题）</label>
<textarea id="faq-questions" name="questions" rows="4">${formField(form, "questions") ?? e.questions.join("\n")}</textarea>
<label for="faq-answer">答复</label>
<textarea id="faq-answer" name="answer" rows="6">${formField(form, "answer") ?? e.answer}</textarea>
<label>相关措施（条目编号，逗号分隔）<input name="measures" value="${formField(form, "measures") ?? e.measures.join(", ")}"></label>
<div class="actions">
<button type="submit" formaction="/console/faq/${id}/approve">通过（按以上内容）</button>
<button type="submit" class="secondary" formaction="/console/faq/${id}/reject">驳回</button>
<button type="submit" class="secondary" formaction="/console/faq/${id}/out-of-scope">不属于政策范围</button>
</div>
</form>
</section>
<section class="card"><h2>审核记录</h2>
<ol class="history">${reviews.map((r) => html`<li><time>${formatTime(r.at)}</time> <strong>${REVIEW_ACTION[r.action] ?? r.action}</strong> <span class="muted">${r.actor.name}</span>${r.detail ? html`<div class="body">${r.detail}</div>` : ""}</li>`)}</ol>
</section>`;
  return ctx.page(req, reply, { title: `FAQ #${id}`, section: "faq", notice, body }, { status });
}
