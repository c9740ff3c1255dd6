import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import type { EngineText } from "../../src/answer/open-engine.js";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { runReportCli } from "../../src/cli/report.js";
import { FaqService } from "../../src/faq/service.js";
import { QuestionLog } from "../../src/question-log/service.js";
import type { LoggedQuestion } from "../../src/question-log/types.js";
import { groupSimilar } from "../../src/report/group.js";
import { buildReport, localDay } from "../../src/report/report.js";
import { buildTemplate, CORPUS_DIR, freshDataDir } from "../support/engine-template.js";
import { distScript, runCommand } from "../support/run-command.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
/** The unit tests' "now" (days in UTC). */
const FIXED_NOW = Date.UTC(2026, 10, 30, 4);
/** The commands' "now": the real clock, so the spawned script (which reads it) sees the same period. */
const NOW = Date.now();

let root: string;
let template: string;
let engine: PolicyEngine;
let text: EngineText;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
  const built = await buildTemplate(root);
  ({ engine, text } = built);
  template = built.dataDir;
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function row(over: Partial<LoggedQuestion>): LoggedQuestion {
  return { id: 1, at: FIXED_NOW - HOUR, askerHash: "h", channel: "telegram", question: "q", outcome: "answered", handoffReason: null, source: "policy", faqEntryId: null, cited: [], latencyMs: 1, feedback: null, ticketId: null, ...over };
}

describe("buildReport", () => {
  it("computes every figure over the period only", () => {
    const questions = [
      row({ at: FIXED_NOW - 10 * DAY, question: "outside the period" }),
      row({ at: FIXED_NOW - 2 * DAY, cited: [11, 12], feedback: "up", latencyMs: 1 }),
      row({ at: FIXED_NOW - 2 * DAY, cited: [11], feedback: "down", latencyMs: 3 }),
      row({ at: FIXED_NOW - 2 * DAY, outcome: "clarify", cited: [3, 11], latencyMs: 2 }),
      row({ at: FIXED_NOW - HOUR, outcome: "handoff", handoffReason: "not-in-policy", question: "住建局电话", ticketId: 4, latencyMs: 5 }),
      row({ at: FIXED_NOW - HOUR, outcome: "handoff", handoffReason: "fact-missing", question: null, latencyMs: 4 }),
      row({ at: FIXED_NOW - HOUR, outcome: "handoff", handoffReason: "asked-for-person", question: "找人工", ticketId: 5, latencyMs: 6 }),
      row({ at: FIXED_NOW - HOUR, source: "faq", faqEntryId: 2, feedback: "down", latencyMs: 7 }),
      row({ at: FIXED_NOW - HOUR, source: "faq", faqEntryId: 2, latencyMs: 8 }),
      row({ at: FIXED_NOW - HOUR, outcome: "smalltalk", latencyMs: 9 }),
    ];
    const grouped: string[][] = [];
    const r = buildReport({
      since: FIXED_NOW - 7 * DAY,
      until: FIXED_NOW,
      questions,
      firstReply: { medianMs: 30 * 60_000, replied: 2 },
      measureTitle: (n) => (n === 11 ? "获得电力" : null),
      faqQuestion: (id) => (id === 2 ? "政务服务中心周末上班吗" : null),
      group: (qs) => (grouped.push(qs), qs.map((q) => ({ example: q, count: 1, variants: [] }))),
      dayOf: utcDay,
    });
    expect(r.questions).toBe(9);
    expect(r.perDay).toEqual([
      { day: "2026-11-23", questions: 0 },
      { day: "2026-11-24", questions: 0 },
      { day: "2026-11-25", questions: 0 },
      { day: "2026-11-26", questions: 0 },
      { day: "2026-11-27", questions: 0 },
      { day: "2026-11-28", questions: 3 },
      { day: "2026-11-29", questions: 0 },
      { day: "2026-11-30", questions: 6 },
    ]);
    expect(r.outcomes).toEqual({
      answered: { count: 4, share: 4 / 9 },
      clarify: { count: 1, share: 1 / 9 },
      handoff: { count: 3, share: 3 / 9 },
      smalltalk: { count: 1, share: 1 / 9 },
    });
    expect(r.faqAnswered).toBe(2);
    expect(r.tickets).toBe(2);
    expect(r.feedback).toEqual({ up: 1, down: 2, downRate: 2 / 3 });
    expect(r.latencyMs).toEqual({ median: 5, p95: 9 });
    expect(r.topMeasures).toEqual([
      { measure: 11, title: "获得电力", count: 3 },
      { measure: 3, title: null, count: 1 },
      { measure: 12, title: null, count: 1 },
    ]);
    // A request for a person is not something the policy lacks; text past the retention is counted, not shown.
    expect(grouped).toEqual([["住建局电话"]]);
    expect(r.unanswered).toMatchObject({ total: 2, withoutText: 1 });
    expect(r.firstReply).toEqual({ medianMs: 30 * 60_000, replied: 2 });
    expect(r.faqHits).toEqual([{ entryId: 2, question: "政务服务中心周末上班吗", hits: 2, down: 1 }]);
  });

  it("an answer that left part of the message unanswered counts as answered, and among what the policy did not answer", () => {
    const questions = [
      row({ question: "接电要几天？乌鲁木齐接电要几天", cited: [11], handoffReason: "out-of-scope" }),
      row({ question: "开公司几天？市场监管局电话多少", cited: [1], handoffReason: "fact-missing" }),
      row({ question: "接电要几天", cited: [11] }),
    ];
    const grouped: string[][] = [];
    const r = buildReport({ since: FIXED_NOW - DAY, until: FIXED_NOW, questions, firstReply: { medianMs: null, replied: 0 }, measureTitle: () => null, faqQuestion: () => null, group: (qs) => (grouped.push(qs), []), dayOf: utcDay });
    expect(r.outcomes.answered).toEqual({ count: 3, share: 1 });
    expect(r.unanswered).toMatchObject({ total: 2, withoutText: 0 });
    expect(grouped).toEqual([["接电要几天？乌鲁木齐接电要几天", "开公司几天？市场监管局电话多少"]]);
  });

  it("an empty log gives zeros, not errors", () => {
    const r = buildReport({ since: FIXED_NOW - DAY, until: FIXED_NOW, questions: [], firstReply: { medianMs: null, replied: 0 }, measureTitle: () => null, faqQuestion: () => null, group: () => [], dayOf: utcDay });
    expect(r).toMatchObject({ questions: 0, feedback: { downRate: null }, latencyMs: { median: null, p95: null }, topMeasures: [], faqHits: [] });
    expect(r.outcomes.answered).toEqual({ count: 0, share: 0 });
  });
});

describe("grouping unanswered questions", () => {
  it("puts the same question in other words together, largest group first, and keeps different questions apart", () => {
    const groups = groupSimilar(["市住建局的地址在哪里", "市住建局的电话是多少", "住建局电话多少", "市住建局的联系电话是多少", "政务服务中心周末上班吗", "市住建局的电话是多少"], text);
    expect(groups).toEqual([
      { example: "市住建局的电话是多少", count: 4, variants: ["住建局电话多少", "市住建局的联系电话是多少"] },
      { example: "市住建局的地址在哪里", count: 1, variants: [] },
      { example: "政务服务中心周末上班吗", count: 1, variants: [] },
    ]);
  });
});

describe.each(storeBackends())("the report from the stores on $name", (backend) => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await backend.create(freshDataDir(root, template));
  });

  afterEach(async () => {
    await storage.destroy();
  });

  /** A log, tickets and an FAQ entry on the days before NOW. */
  async function seed(): Promise<void> {
    let at = NOW - 3 * DAY;
    const clock = () => at;
    const log = new QuestionLog(await storage.openQuestionLogStore(), { salt: "report-test-salt-123", now: clock });
    const handoff = await storage.openService({ staffChatId: null, now: clock });
    const faq = new FaqService(await storage.openFaqStore(), { corpus: engine, now: clock });
    try {
      const asker = { channel: "telegram", userId: "1" };
      const answered = await engine.ask("小微企业办电要几天");
      for (let i = 0; i < 3; i++) await log.record({ asker, question: "小微企业办电要几天", answer: answered, latencyMs: 2 });
      await log.feedback(1, asker, "up");
      await log.feedback(2, asker, "down");
      const ticket = (await handoff.openTicket({ asker: { channel: "telegram", chatId: "1", userId: "1", displayName: "张三" }, question: "市住建局的电话是多少", candidates: [] })).ticket;
      const phone = await engine.ask("市住建局的电话是多少");
      const id = (await log.record({ asker, question: "市住建局的电话是多少", answer: phone, latencyMs: 3 }))!;
      await log.linkTicket(id, ticket.id);
      await log.record({ asker, question: "住建局电话多少", answer: phone, latencyMs: 3 });
      at += 45 * 60_000;
      await handoff.replyToTicket(ticket.id, { userId: "7", displayName: "王五" }, "0990-6888888");
      at = NOW - DAY;
      await faq.importEntries([{ line: 2, questions: ["政务服务中心周末上班吗"], answer: "周六上午值班", measures: [], status: "approved" }], { id: "cli:t", name: "t" });
      const fromFaq: Answer = { outcome: "answered", text: "", citations: [], sections: [], related: [], source: "faq", faq: { entryId: 1, kind: "answer", approvedAt: at, answer: "周六上午值班" } };
      await log.record({ asker, question: "政务服务中心周末上班吗", answer: fromFaq, latencyMs: 4 });
      at = NOW - 20 * DAY;
      await log.record({ asker, question: "很久以前的问题", answer: answered, latencyMs: 1 });
      const old = (await handoff.openTicket({ asker: { channel: "telegram", chatId: "2", userId: "2", displayName: "李四" }, question: "很久以前的问题", candidates: [] })).ticket;
      at += 5 * HOUR;
      await handoff.replyToTicket(old.id, { userId: "7", displayName: "王五" }, "答复");
    } finally {
      await log.close();
      await handoff.shutdown();
      await faq.close();
    }
  }

  async function report(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runReportCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: { ...storage.env, CORPUS_DIR }, now: () => NOW });
    return { code, out, err };
  }

  describe("npm run report", () => {
    it("prints the figures of the last 7 days from a seeded log", async () => {
      await seed();
      const { code, out, err } = await report("--since", "7d");
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const text = out.join("\n");
      expect(out[0]).toBe(`问答报告 · ${localDay(NOW - 7 * DAY)} 至 ${localDay(NOW)}`);
      expect(out).toContain("提问 6 条");
      expect(out).toContain(`  ${localDay(NOW - 3 * DAY)}     5`);
      expect(out).toContain(`  ${localDay(NOW - DAY)}     1`);
      expect(out).toContain("  直接回答：4（66.7%，其中 FAQ 1）");
      expect(out).toContain("  追问澄清：0（0.0%）");
      expect(out).toContain("  转人工：2（33.3%，开了工单 1）");
      expect(out).toContain("评价：👍 1 · 👎 1（👎 占 50.0%）");
      expect(out).toContain(`  第11条 ${engine.measure(11)!.title}  3`);
      expect(text).toContain("政策没有答上的问题（按相似度分组，共 2 条）：\n    2 × 市住建局的电话是多少（也问：住建局电话多少）");
      expect(out).toContain("工单首次人工回复中位时长：45 分钟（1 个工单）");
      expect(out).toContain("  #1 政务服务中心周末上班吗  1 次");
      expect(text).not.toContain("很久以前的问题");
    });

    it("--json gives the same figures as an object; --since takes a date", async () => {
      await seed();
      const { code, out } = await report("--json", "--since", localDay(NOW - 30 * DAY));
      expect(code).toBe(0);
      const r = JSON.parse(out.join("\n")) as { questions: number; outcomes: Record<string, { count: number }>; faqHits: unknown[]; unanswered: { total: number } };
      expect(r.questions).toBe(7);
      expect(r.outcomes.answered?.count).toBe(5);
      expect(r.outcomes.handoff?.count).toBe(2);
      expect(r.unanswered.total).toBe(2);
      expect(r.faqHits).toEqual([{ entryId: 1, question: "政务服务中心周末上班吗", hits: 1, down: 0 }]);
    });

    it("a bad --since is a clear error with the usage (exit 2)", async () => {
      const { code, err } = await report("--since", "last week");
      expect(code).toBe(2);
      expect(err[0]).toBe("错误：--since “last week”：请写天数、小时数或周数（7d、24h、2w），或起始日期（2026-11-01）");
      expect(err[1]).toMatch(/^用法：npm run report/);
      expect((await report("--since", "2026-02-30")).code).toBe(2);
      expect((await report("--verbose")).err[0]).toBe("错误：不认识的参数“--verbose”");
    });

    it("runs as the npm script", async () => {
      await seed();
      const run = await runCommand(process.execPath, [distScript("report"), "--since", "30d"], { env: { ...storage.env, CORPUS_DIR } });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^问答报告 · /);
      expect(run.stdout).toContain("提问 7 条");
    });
  });
});
