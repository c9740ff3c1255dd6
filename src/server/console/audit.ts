/** The audit log (maintainers): who did what in the console and with npm run users, newest first. */
import type { FastifyInstance } from "fastify";
import type { ConsoleContext } from "./context.js";
import { html } from "./html.js";
import { formatTime } from "./layout.js";

const SHOWN = 200;

export async function auditRoutes(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  app.get("/audit", async (req, reply) => {
    ctx.maintainer(req);
    const entries = await ctx.app().users.audit(SHOWN);
    const body = html`<table class="grid audit"><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>详情</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${formatTime(e.at)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.target ?? ""}</td><td>${e.detail ?? ""}</td></tr>`)}</tbody></table>`;
    return ctx.page(req, reply, { title: `操作记录（最近 ${SHOWN} 条）`, section: "audit", body });
  });
}
