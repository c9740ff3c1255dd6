/**
 * The ticket pages: the queue with filters (status, channel), one ticket's question, history and
 * messages, and claim / answer / close / reopen through the same HandoffService as the staff group
 * and npm run tickets, so all stay in step and an answer reaches the asker through the outbox once.
 */
import type { FastifyInstance } from "fastify";
import { CHANNELS, type Channel, type Staff, type Ticket, type TicketStatus } from "../../handoff/types.js";
import type { ConsoleContext } from "./context.js";
import { ConsoleProblem } from "./context.js";
import { html } from "./html.js";
import { formatTime } from "./layout.js";
import { formField } from "./plugin.js";
import { CS } from "./strings.js";

const STATUSES: readonly TicketStatus[] = ["open", "claimed", "answered", "closed"];
const ACTIVE: TicketStatus[] = ["open", "claimed"];
/** Longer answers are refused: Telegram's message limit with room for the ticket header. */
export const MAX_ANSWER_CHARS = 3_500;
const PREVIEW_CHARS = 60;

type Query = { status?: string; channel?: string; done?: string };

const preview = (s: string) => {
  const chars = [...s];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join("")}…` : s;
};

export async function ticketRoutes(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  app.get<{ Querystring: Query }>("/tickets", async (req, reply) => {
    const { handoff } = ctx.app();
    const status = STATUSES.includes(req.query.status as TicketStatus) ? (req.query.status as TicketStatus) : req.query.status === "all" ? "all" : "active";
    const channel = CHANNELS.includes(req.query.channel as Channel) ? (req.query.channel as Channel) : "all";
    const tickets = (await handoff.list(status === "all" ? {} : { status: status === "active" ? ACTIVE : status })).filter((t) => channel === "all" || t.asker.channel === channel);
    const problems = await handoff.openDeliveryProblems();
    const option = (value: string, label: string, current: string) => html`<option value="${value}"${value === current ? html` selected` : ""}>${label}</option>`;
    const body = html`<form class="filters" method="get" action="/console/tickets">
  <label>${CS.tickets.filterStatus}<select name="status">${option("active", CS.tickets.active, status)}${STATUSES.map((s) => option(s, CS.status[s], status))}${option("all", CS.tickets.all, status)}</select></label>
  <label>${CS.tickets.filterChannel}<select name="channel">${option("all", CS.tickets.all, channel)}${CHANNELS.map((c) => option(c, CS.channel[c], channel))}</select></label>
  <button type="submit">${CS.tickets.apply}</button>
</form>
${
  tickets.length === 0
    ? html`<p class="muted">${CS.tickets.empty}</p>`
    : html`<table class="grid tickets">
<thead><tr>${CS.tickets.cols.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>${tickets.map(
        (t) => html`<tr data-ticket="${t.id}">
<td><a href="/console/tickets/${t.id}">#${t.id}</a></td><td><span class="status ${t.status}">${CS.status[t.status]}</span></td><td>${CS.channel[t.asker.channel]}</td>
<td>${t.asker.displayName}${t.askerBlocked ? html` <span class="status open">已屏蔽机器人</span>` : ""}</td><td><a href="/console/tickets/${t.id}">${preview(t.question)}</a>${problems.has(t.id) ? html` <span class="status open" data-undelivered="${problems.get(t.id)!.length}">${problems.get(t.id)!.length} 条消息未送达</span>` : ""}</td><td>${t.staff?.displayName ?? CS.tickets.unheld}</td><td>${formatTime(t.createdAt)}</td></tr>`,
      )}</tbody></table>`
}`;
    return ctx.page(req, reply, { title: `${CS.tickets.title}（${tickets.length}）`, section: "tickets", body });
  });

  app.get<{ Params: { id: string }; Querystring: Query }>("/tickets/:id", async (req, reply) => {
    const id = ticketId(req.params.id);
    const done = req.query.done && CS.ticket.done[req.query.done] ? { kind: "done" as const, text: CS.ticket.done[req.query.done]! } : null;
    return ticketPage(ctx, id, done, 200, req, reply);
  });

  /**
   * A ticket action: a form with the session's CSRF token (checked before this runs). The ticket must
   * exist; `run` does the work through the handoff service, or refuses with a reason shown on the ticket
   * page (409); then an audit line, the outbox told to send at once, and back to the ticket (303).
   */
  const action = (name: string, run: (c: { ticket: Ticket; staff: Staff; actor: string; form: Record<string, string> }) => Promise<{ refused: string; status?: number } | { audit: string | null }>) =>
    app.post<{ Params: { id: string } }>(`/tickets/:id/${name}`, async (req, reply) => {
      const id = ticketId(req.params.id);
      const staff = ctx.staffOf(ctx.user(req));
      const ticket = await ctx.app().handoff.get(id);
      if (!ticket) throw new ConsoleProblem(404, "not_found", `没有工单 #${id}`);
      const result = await run({ ticket, staff, actor: `staff:${staff.userId}`, form: (req.body ?? {}) as Record<string, string> });
      if ("refused" in result) return ticketPage(ctx, id, { kind: "problem", text: result.refused }, result.status ?? 409, req, reply);
      await ctx.audit(req, `ticket-${name}`, `ticket:${id}`, result.audit);
      ctx.deps.kickDeliveries?.();
      return ctx.seeOther(reply, `/console/tickets/${id}?done=${DONE[name]}`);
    });

  action("claim", async ({ ticket, staff }) => {
    const result = await ctx.app().handoff.claimTicket(ticket.id, staff);
    if (result.ok) return { audit: null };
    return { refused: result.reason === "held" ? CS.ticket.heldBy(result.heldBy.displayName) : CS.ticket.notClaimable };
  });

  action("answer", async ({ ticket, staff, form }) => {
    const text = (formField(form, "text") ?? "").replace(/\r\n/g, "\n").trim();
    if (!text) return { refused: "答复内容为空：请写上答复再发送。", status: 400 };
    if ([...text].length > MAX_ANSWER_CHARS) return { refused: `答复太长（上限 ${MAX_ANSWER_CHARS} 字），请精简后再发送。`, status: 400 };
    if (ticket.status === "closed") return { refused: "工单已关闭，不能答复；请先重新打开。" };
    await ctx.app().handoff.replyToTicket(ticket.id, staff, text);
    return { audit: text.slice(0, 200) };
  });

  action("close", async ({ ticket, actor }) => {
    if (ticket.status === "closed") return { refused: "工单已经是关闭状态。" };
    await ctx.app().handoff.closeTicket(ticket.id, actor);
    return { audit: null };
  });

  action("reopen", async ({ ticket, actor }) => {
    if (ticket.status !== "answered" && ticket.status !== "closed") return { refused: `工单当前为“${CS.status[ticket.status]}”，只有已答复或已关闭的工单可以重新打开。` };
    await ctx.app().handoff.reopenTicket(ticket.id, actor);
    return { audit: null };
  });

  // Failed or possibly-undelivered messages, sent again when a person decides so (an uncertain one may then arrive twice).
  action("resend", async ({ ticket, actor }) => {
    const n = await ctx.app().handoff.resendUndelivered(ticket.id, actor);
    return n === 0 ? { refused: "没有未送达的消息，无需重发。" } : { audit: String(n) };
  });
}

/** The notice shown back on the ticket after each action. */
const DONE: Record<string, string> = { claim: "claimed", answer: "answered", close: "closed", reopen: "reopened", resend: "resent" };

function ticketId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new ConsoleProblem(404, "not_found", `工单编号应为正整数：${raw}`);
  return Number(raw);
}

async function ticketPage(
  ctx: ConsoleContext,
  id: number,
  notice: { kind: "done" | "problem"; text: string } | null,
  status: number,
  req: Parameters<ConsoleContext["page"]>[0],
  reply: Parameters<ConsoleContext["page"]>[1],
) {
  const { handoff } = ctx.app();
  const t = await handoff.get(id);
  if (!t) throw new ConsoleProblem(404, "not_found", `没有工单 #${id}（可能编号有误）`);
  const [events, deliveries] = await Promise.all([handoff.events(id), handoff.deliveriesOf(id)]);
  const askerDeliveries = deliveries.filter((d) => d.channel === t.asker.channel && d.chatId === t.asker.chatId);
  const undelivered = deliveries.filter((d) => d.state === "failed" || d.state === "uncertain");
  const csrf = html`<input type="hidden" name="_csrf" value="${req.consoleCsrf ?? ""}">`;
  const action = (name: string, label: string, cls = "") => html`<form method="post" action="/console/tickets/${id}/${name}" class="inline">${csrf}<button type="submit" class="${cls}">${label}</button></form>`;
  const body = html`<section class="card ticket" data-status="${t.status}">
<dl class="facts">
<dt>状态</dt><dd><span class="status ${t.status}">${CS.status[t.status]}</span></dd>
<dt>${CS.ticket.asker}</dt><dd>${t.asker.displayName}</dd>
<dt>${CS.ticket.channel}</dt><dd>${CS.channel[t.asker.channel]}</dd>
<dt>${CS.ticket.holder}</dt><dd>${t.staff?.displayName ?? CS.tickets.unheld}</dd>
<dt>创建时间</dt><dd>${formatTime(t.createdAt)}</dd>
<dt>首次答复</dt><dd>${formatTime(t.firstReplyAt)}</dd>
</dl>
${t.askerBlocked ? html`<p class="notice problem">${CS.ticket.blocked}</p>` : ""}
<h2>${CS.ticket.question}</h2>
<blockquote class="question">${t.question}</blockquote>
<h2>${CS.ticket.candidates}</h2>
${
  t.candidates.length === 0
    ? html`<p class="muted">${CS.ticket.noCandidates}</p>`
    : html`<ul>${t.candidates.map((c) => html`<li>${c.document ? `《${c.document}》` : ""}第 ${c.measure} 条 ${c.title}（${c.departments.join("、") || "未注明部门"}）</li>`)}</ul>`
}
<div class="actions">
${t.status === "open" ? action("claim", CS.ticket.claim) : ""}
${t.status !== "closed" ? action("close", CS.ticket.close, "secondary") : ""}
${t.status === "answered" || t.status === "closed" ? action("reopen", CS.ticket.reopen, "secondary") : ""}
${undelivered.length > 0 ? action("resend", `重发未送达的消息（${undelivered.length} 条）`, "secondary") : ""}
</div>
${undelivered.length > 0 ? html`<p class="notice problem">有 ${undelivered.length} 条消息发送失败或可能未送达（见下方“消息送达”）。核实后可重发；“可能未送达”的消息重发后提问者可能收到两次。</p>` : ""}
${
  t.status !== "closed"
    ? html`<form method="post" action="/console/tickets/${id}/answer" class="answer">${csrf}
<label for="answer-text">${CS.ticket.answerLabel}</label>
<textarea id="answer-text" name="text" rows="5" required maxlength="${MAX_ANSWER_CHARS}"></textarea>
<button type="submit">${CS.ticket.answer}</button>
</form>`
    : ""
}
</section>
<section class="card">
<h2>${CS.ticket.history}</h2>
<ol class="history">${events.map(
    (e) => html`<li data-kind="${e.kind}"><time>${formatTime(e.at)}</time> <strong>${CS.event[e.kind]}</strong> <span class="muted">${actorName(e.actor, t)}</span>${e.body && e.kind !== "claimed" ? html`<div class="body">${e.body}</div>` : ""}</li>`,
  )}</ol>
<h2>${CS.ticket.deliveries}</h2>
<table class="grid"><thead><tr><th>时间</th><th>消息</th><th>状态</th></tr></thead>
<tbody>${[...askerDeliveries, ...undelivered.filter((d) => !askerDeliveries.includes(d))].map((d) => html`<tr data-delivery="${d.kind}"><td>${formatTime(d.createdAt)}</td><td>${CS.delivery[d.kind]}</td><td>${CS.deliveryState[d.state] ?? d.state}${d.lastError ? html` <span class="muted">${d.lastError}</span>` : ""}</td></tr>`)}</tbody></table>
</section>`;
  return ctx.page(req, reply, { title: CS.ticket.title(id), section: "tickets", notice, body }, { status });
}

/** "asker:…" is the asker; "staff:console:alice" is alice in the console; a Telegram staff id stays a number. */
function actorName(actor: string, t: Ticket): string {
  if (actor.startsWith("asker:")) return t.asker.displayName;
  if (actor.startsWith("staff:console:")) return `${actor.slice("staff:console:".length)}（控制台）`;
  if (actor.startsWith("staff:")) return t.staff && `staff:${t.staff.userId}` === actor ? t.staff.displayName : `工作人员 ${actor.slice("staff:".length)}`;
  if (actor === "cli" || actor.startsWith("cli")) return "命令行";
  return actor === "system" ? "系统" : actor;
}
