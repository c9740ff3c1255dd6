/**
 * The dashboard: the figures of `npm run report` (buildReport over the question log and the
 * tickets) as charts: questions per day by outcome, the most cited measures, the handoff rate per
 * day, and first-reply times. Staff and maintainers may read it.
 */
import type { FastifyInstance } from "fastify";
import { buildReport, localDay } from "../../report/report.js";
import type { LoggedQuestion } from "../../question-log/types.js";
import { horizontalBars, OUTCOME_COLORS, rateLine, stackedBars } from "./charts.js";
import type { ConsoleContext } from "./context.js";
import { html, trusted } from "./html.js";

const DAY = 24 * 60 * 60_000;
const PERIODS = [7, 30, 90];
const OUTCOME_LABEL: Record<string, string> = { answered: "直接回答", clarify: "追问澄清", handoff: "转人工", smalltalk: "闲聊" };
/** First-reply buckets: within a quarter hour, an hour, four hours, a day, longer. */
const REPLY_BUCKETS: Array<{ label: string; upToMs: number }> = [
  { label: "15 分钟内", upToMs: 15 * 60_000 },
  { label: "15–60 分钟", upToMs: 60 * 60_000 },
  { label: "1–4 小时", upToMs: 4 * 60 * 60_000 },
  { label: "4–24 小时", upToMs: DAY },
  { label: "超过 1 天", upToMs: Number.POSITIVE_INFINITY },
];

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
const duration = (ms: number | null) => {
  if (ms === null) return "—";
  if (ms < 60 * 60_000) return `${Math.max(1, Math.round(ms / 60_000))} 分钟`;
  if (ms < DAY) return `${(ms / 3_600_000).toFixed(1)} 小时`;
  return `${(ms / DAY).toFixed(1)} 天`;
};

export async function dashboardRoutes(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  app.get<{ Querystring: { days?: string } }>("/dashboard", async (req, reply) => {
    ctx.user(req);
    const { questionLog, handoff, policy } = ctx.app();
    const days = PERIODS.includes(Number(req.query.days)) ? Number(req.query.days) : 7;
    const until = Date.now();
    const since = until - days * DAY;
    const questions = await questionLog.questionsSince(since);
    const report = buildReport({
      since,
      until,
      questions,
      firstReply: await handoff.firstReplyTimes(since),
      measureTitle: (n) => policy.measure(n)?.title ?? null,
      faqQuestion: () => null,
      group: () => [],
    });
    const dayList = report.perDay.map((d) => d.day);
    const byDay = perDayByOutcome(questions, dayList);
    const outcomes = Object.keys(report.outcomes).filter((o) => report.outcomes[o]!.count > 0 || o in OUTCOME_LABEL);
    const replyTimes = (await handoff.list())
      .filter((t) => t.createdAt >= since && t.firstReplyAt !== null)
      .map((t) => t.firstReplyAt! - t.createdAt);
    const buckets = REPLY_BUCKETS.map((b, i) => ({
      label: b.label,
      value: replyTimes.filter((ms) => ms <= b.upToMs && (i === 0 || ms > REPLY_BUCKETS[i - 1]!.upToMs)).length,
    }));
    const handoffShare = report.outcomes.handoff?.share ?? null;

    const body = html`<form class="filters" method="get" action="/console/dashboard">
<label>统计期间<select name="days">${PERIODS.map((d) => html`<option value="${d}"${d === days ? html` selected` : ""}>最近 ${d} 天</option>`)}</select></label>
<button type="submit">查看</button>
</form>
<div class="kpis">
<div class="kpi" data-kpi="questions">提问<b>${report.questions}</b></div>
<div class="kpi" data-kpi="answered">直接回答<b>${pct(report.outcomes.answered?.share ?? null)}</b></div>
<div class="kpi" data-kpi="handoff-rate">转人工率<b>${report.questions === 0 ? "—" : pct(handoffShare)}</b></div>
<div class="kpi" data-kpi="first-reply">首次人工回复（中位）<b>${duration(report.firstReply.medianMs)}</b><span class="muted">${report.firstReply.replied} 个工单</span></div>
<div class="kpi" data-kpi="latency">回答用时（中位）<b>${report.latencyMs.median === null ? "—" : `${report.latencyMs.median.toFixed(0)} ms`}</b></div>
</div>
<div class="charts">
<figure class="card chart" data-chart="per-day"><figcaption>每日提问（按结果）</figcaption>
<div class="legend">${outcomes.map((o) => html`<span><i class="sw-${o in OUTCOME_COLORS ? o : "other"}"></i>${OUTCOME_LABEL[o] ?? o}</span>`)}</div>
${trusted(stackedBars("每日提问（按结果）", dayList, outcomes.map((o) => ({ key: o, label: OUTCOME_LABEL[o] ?? o })), (i, o) => byDay[i]?.[o] ?? 0))}
</figure>
<figure class="card chart" data-chart="handoff-rate"><figcaption>每日转人工率</figcaption>
${trusted(rateLine("每日转人工率", dayList, byDay.map((d) => (d.total === 0 ? null : (d.handoff ?? 0) / d.total))))}
</figure>
<figure class="card chart" data-chart="top-measures"><figcaption>最常引用的措施</figcaption>
${trusted(horizontalBars("最常引用的措施", report.topMeasures.map((m) => ({ label: `第${m.measure}条 ${m.title ?? "（已不在政策中）"}`, value: m.count }))))}
</figure>
<figure class="card chart" data-chart="first-reply"><figcaption>工单首次人工回复用时</figcaption>
${trusted(horizontalBars("工单首次人工回复用时", buckets, " 个"))}
</figure>
</div>
<p class="muted">与 npm run report 相同的口径：${report.questions} 条提问，其中 FAQ 回答 ${report.faqAnswered} 条，开了工单 ${report.tickets} 条；评价 👍 ${report.feedback.up} · 👎 ${report.feedback.down}。</p>`;
    return ctx.page(req, reply, { title: `统计 · 最近 ${days} 天`, section: "dashboard", body });
  });
}

/** Each day's questions by outcome, and the total, in the report's days (its time zone). */
function perDayByOutcome(questions: readonly LoggedQuestion[], days: string[]): Array<Record<string, number> & { total: number }> {
  const index = new Map(days.map((d, i) => [d, i]));
  const rows = days.map(() => ({ total: 0 }) as Record<string, number> & { total: number });
  for (const q of questions) {
    const i = index.get(localDay(q.at));
    if (i === undefined) continue;
    const row = rows[i]!;
    row[q.outcome] = (row[q.outcome] ?? 0) + 1;
    row.total++;
  }
  return rows;
}
