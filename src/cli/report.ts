import { openServedEngine } from "../answer/open-engine.js";
import { ConfigError, loadConfig } from "../config.js";
import { FaqService } from "../faq/service.js";
import { HandoffService } from "../handoff/service.js";
import { CorpusError } from "../policy/corpus-error.js";
import type { QuestionLogStore } from "../question-log/store.js";
import { groupSimilar } from "../report/group.js";
import { buildReport, localDay, type Report } from "../report/report.js";
import { hintFor, isStoreFault } from "../store/errors.js";
import { openStores } from "../stores.js";
import { processIO, UsageError, type CliIO } from "./run-cli.js";

/** Every string of the report, Chinese first. */
const S = {
  usage: "用法：npm run report -- [--since 7d | 24h | 2w | 2026-11-01] [--json]",
  error: (message: string) => `错误：${message}`,
  badSince: (raw: string) => `--since “${raw}”：请写天数、小时数或周数（7d、24h、2w），或起始日期（2026-11-01）`,
  unknownArg: (arg: string) => `不认识的参数“${arg}”`,
  storeUnavailable: (message: string) => `数据库暂时无法读取：${message}`,
  storeHint: (hint: string) => `处理办法：${hint}`,
  configInvalid: (message: string) => `配置有误：${message}`,
  unexpected: (message: string) => `出错了：${message}`,

  title: (from: string, to: string) => `问答报告 · ${from} 至 ${to}`,
  total: (n: number) => `提问 ${n} 条`,
  perDay: "每日提问：",
  outcomes: "结果：",
  outcome: { answered: "直接回答", clarify: "追问澄清", handoff: "转人工", smalltalk: "闲聊" } as Record<string, string>,
  ofWhichFaq: (n: number) => `，其中 FAQ ${n}`,
  ofWhichTickets: (n: number) => `，开了工单 ${n}`,
  feedback: (up: number, down: number, rate: number | null) => `评价：👍 ${up} · 👎 ${down}${rate === null ? "（还没有评价）" : `（👎 占 ${pct(rate)}）`}`,
  latency: (median: number | null, p95: number | null) => (median === null ? "回答用时：无" : `回答用时：中位 ${ms(median)}，p95 ${ms(p95 ?? median)}`),
  topMeasures: "最常引用的措施：",
  measureLine: (n: number, title: string | null, count: number) => `  第${n}条 ${title ?? "（政策中已没有这一条）"}  ${count}`,
  none: "  （无）",
  unanswered: (n: number) => `政策没有答上的问题（按相似度分组，共 ${n} 条）：`,
  group: (count: number, example: string, variants: string[]) => `  ${String(count).padStart(3)} × ${example}${variants.length > 0 ? `（也问：${variants.join("；")}）` : ""}`,
  withoutText: (n: number) => `  （另有 ${n} 条已过保留期限，文字已删除）`,
  firstReply: (median: string, n: number) => `工单首次人工回复中位时长：${median}（${n} 个工单）`,
  firstReplyNone: "工单首次人工回复中位时长：暂无",
  faqHits: "FAQ 命中：",
  faqHit: (id: number, question: string | null, hits: number, down: number) => `  #${id} ${question ?? "（已删除）"}  ${hits} 次${down > 0 ? `（👎 ${down}）` : ""}`,
  hint: "复核 FAQ：npm run faq -- list --pending；把常见的未答问题交给工作人员，答复后会成为 FAQ 候选。",
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const HOUR = 60 * 60_000;
const UNIT_MS: Record<string, number> = { h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };
const GROUPS_SHOWN = 20;

export type ReportCliIO = CliIO;


/** `--since`: 7d, 24h, 2w, or a date (local midnight); default the last 7 days. */
export function parseSince(raw: string, now: number): number {
  const rel = /^(\d{1,4})([hdw])$/.exec(raw.trim());
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!]!;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (date) {
    const t = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3])).getTime();
    if (!Number.isNaN(t) && localDay(t) === raw.trim()) return t;
  }
  throw new UsageError(S.badSince(raw));
}

function parseArgs(argv: readonly string[], now: number): { since: number; json: boolean } {
  let since = now - 7 * UNIT_MS.d!;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (arg === "--since") since = parseSince(argv[++i] ?? "", now);
    else if (arg.startsWith("--since=")) since = parseSince(arg.slice("--since=".length), now);
    else throw new UsageError(S.unknownArg(arg));
  }
  return { since, json };
}

/** npm run report: resolves to the exit code. */
export async function runReportCli(argv: readonly string[], io: ReportCliIO = processIO()): Promise<number> {
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      io.out(S.usage);
      return 0;
    }
    const until = io.now();
    const { since, json } = parseArgs(argv, until);
    const config = loadConfig(io.env);
    const { engine, text } = await openServedEngine(config, { log: (m) => io.err(m) });
    // The stores the bot uses: SQLite in DATA_DIR, or PostgreSQL with DATABASE_URL.
    const stores = await openStores({ dataDir: config.dataDir, databaseUrl: config.database.url });
    let log: QuestionLogStore;
    let handoff: HandoffService;
    let faq: FaqService;
    try {
      log = stores.questionLog();
      handoff = new HandoffService(stores.handoff(), { staffChatId: config.telegram.staffChatId, sharedStore: stores.shared });
      faq = new FaqService(stores.faq(), { corpus: engine });
    } finally {
      await stores.close();
    }
    try {
      const entries = new Map((await faq.list()).map((e) => [e.id, e]));
      const report = buildReport({
        since,
        until,
        questions: await log.questionsSince(since),
        firstReply: await handoff.firstReplyTimes(since),
        measureTitle: (n) => engine.measure(n)?.title ?? null,
        faqQuestion: (id) => entries.get(id)?.questions[0] ?? null,
        group: (questions) => groupSimilar(questions, text),
      });
      if (json) io.out(JSON.stringify({ ...report, sinceIso: new Date(since).toISOString(), untilIso: new Date(until).toISOString() }, null, 2));
      else printReport(report, io);
      return 0;
    } finally {
      await faq.close();
      await handoff.shutdown();
      await log.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(S.error(err.message));
      io.err(S.usage);
      return 2;
    }
    if (isStoreFault(err)) {
      io.err(S.storeUnavailable(err.message));
      io.err(S.storeHint(hintFor(err)));
      return 1;
    }
    if (err instanceof ConfigError || err instanceof CorpusError) {
      io.err(err instanceof ConfigError ? S.configInvalid(err.message) : S.error(err.message));
      return 1;
    }
    io.err(S.unexpected(err instanceof Error ? err.message : String(err)));
    return 1;
  }
}

function printReport(r: Report, io: ReportCliIO): void {
  io.out(S.title(localDay(r.since), localDay(r.until)));
  io.out(S.total(r.questions));
  io.out("");
  io.out(S.perDay);
  for (const d of r.perDay) io.out(`  ${d.day}  ${String(d.questions).padStart(4)}`);
  io.out("");
  io.out(S.outcomes);
  for (const [name, { count, share }] of Object.entries(r.outcomes)) {
    const extra = name === "answered" ? S.ofWhichFaq(r.faqAnswered) : name === "handoff" ? S.ofWhichTickets(r.tickets) : "";
    io.out(`  ${S.outcome[name] ?? name}：${count}（${pct(share)}${extra}）`);
  }
  io.out(S.feedback(r.feedback.up, r.feedback.down, r.feedback.downRate));
  io.out(S.latency(r.latencyMs.median, r.latencyMs.p95));
  io.out("");
  io.out(S.topMeasures);
  if (r.topMeasures.length === 0) io.out(S.none);
  for (const m of r.topMeasures) io.out(S.measureLine(m.measure, m.title, m.count));
  io.out("");
  io.out(S.unanswered(r.unanswered.total));
  if (r.unanswered.groups.length === 0 && r.unanswered.withoutText === 0) io.out(S.none);
  for (const g of r.unanswered.groups.slice(0, GROUPS_SHOWN)) io.out(S.group(g.count, g.example, g.variants));
  if (r.unanswered.withoutText > 0) io.out(S.withoutText(r.unanswered.withoutText));
  io.out("");
  io.out(r.firstReply.medianMs === null ? S.firstReplyNone : S.firstReply(duration(r.firstReply.medianMs), r.firstReply.replied));
  io.out(S.faqHits);
  if (r.faqHits.length === 0) io.out(S.none);
  for (const h of r.faqHits) io.out(S.faqHit(h.entryId, h.question, h.hits, h.down));
  io.out("");
  io.out(S.hint);
}

function duration(msValue: number): string {
  const min = Math.round(msValue / 60_000);
  if (min < 1) return `${Math.max(1, Math.round(msValue / 1000))} 秒`;
  if (min < 60) return `${min} 分钟`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} 小时 ${min % 60} 分钟` : `${Math.round(h / 24)} 天`;
}
