/**
 * The composition root on every store backend: background work (retention at start and daily,
 * catching up on replies stored by another process), the event from handoff to FAQ, and where the
 * stores live (DATABASE_URL: every store in one PostgreSQL schema, instances hashing askers alike).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PolicyEngine } from "../src/answer/engine.js";
import type { EngineText } from "../src/answer/open-engine.js";
import type { Answer } from "../src/answer/types.js";
import { CATCH_UP_INTERVAL_MS, openApp } from "../src/compose.js";
import { loadConfig } from "../src/config.js";
import { QuestionLog } from "../src/question-log/service.js";
import { buildTemplate, CORPUS_DIR, freshDataDir } from "./support/engine-template.js";
import { adminQuery } from "./support/pg-schema.js";
import { storeBackends, type TestStorage } from "./support/store-backends.js";

const DAY = 24 * 60 * 60_000;
const answer: Answer = { outcome: "answered", text: "", citations: [], sections: [], related: [] };
const logLines: string[] = [];
const log = { info: (m: string) => logLines.push(`info ${m}`), warn: (m: string) => logLines.push(`warn ${m}`), error: (m: string) => logLines.push(`error ${m}`) };

let root: string;
let template: string;
let engine: PolicyEngine;
let text: EngineText;
let clock: number;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "compose-"));
  const built = await buildTemplate(root);
  ({ engine, text } = built);
  template = built.dataDir;
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));


describe.each(storeBackends())("the composition root on $name", (backend) => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await backend.create(freshDataDir(root, template));
    clock = Date.UTC(2026, 10, 30, 4);
    logLines.length = 0;
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await storage.destroy();
  });

  /** As npm start reads it: DATA_DIR, and DATABASE_URL (the test's schema) with PostgreSQL. */
  const config = (env: Record<string, string> = {}) => loadConfig({ ...storage.env, CORPUS_DIR, STAFF_CHAT_ID: "-100", QUESTION_LOG_SALT: "compose-test-salt-1", ...env }, { dotenvFile: false });

  describe("background work", () => {
    it("applies the question log's retention at start and then daily", async () => {
      const seed = new QuestionLog(await storage.openQuestionLogStore(), { salt: "compose-test-salt-1", now: () => clock - 31 * DAY });
      await seed.record({ asker: { channel: "telegram", userId: "1" }, question: "一个月前的问题", answer, latencyMs: 1 });
      await seed.close();
      const app = await openApp({ config: config({ QUESTION_LOG_RETENTION_DAYS: "30" }), engine, text, log, now: () => clock });
      try {
        await app.questionLog.record({ asker: { channel: "telegram", userId: "1" }, question: "今天的问题", answer, latencyMs: 1 });
        app.startBackground();
        await vi.waitFor(async () => expect((await app.questionLog.questionsSince(0)).map((q) => q.question)).toEqual([null, "今天的问题"]));
        // The line follows the deletion's commit: on PostgreSQL another query may see the rows gone first.
        await vi.waitFor(() => expect(logLines).toContain("info question log: text of old questions deleted"));
        clock += 31 * DAY;
        await vi.advanceTimersByTimeAsync(DAY);
        await vi.waitFor(async () => expect((await app.questionLog.questionsSince(0)).map((q) => q.question)).toEqual([null, null]));
      } finally {
        await app.close();
      }
    });

    it("files replies another process stored as FAQ candidates within the catch-up interval", async () => {
      const app = await openApp({ config: config(), engine, text, log, now: () => clock });
      try {
        app.startBackground();
        const other = await storage.openService({ staffChatId: "-100", now: () => clock });
        try {
          const t = (await other.openTicket({ asker: { channel: "telegram", chatId: "1", userId: "1", displayName: "张三" }, question: "政务服务中心周末上班吗", candidates: [] })).ticket;
          await other.replyToTicket(t.id, { userId: "cli", displayName: "值班员" }, "周六上午值班。");
        } finally {
          await other.shutdown();
        }
        expect(await app.faq.list()).toEqual([]);
        await vi.advanceTimersByTimeAsync(CATCH_UP_INTERVAL_MS);
        await vi.waitFor(async () => expect((await app.faq.list()).map((e) => [e.status, e.questions[0], e.answer])).toEqual([["pending", "政务服务中心周末上班吗", "周六上午值班。"]]));
        await vi.waitFor(async () => expect((await app.handoff.pendingDeliveries({ limit: 50 })).filter((d) => d.kind === "faq-card")).toHaveLength(1));
      } finally {
        await app.close();
      }
    });

    it("a reply in this process files its candidate through the event, at once", async () => {
      const app = await openApp({ config: config(), engine, text, log, now: () => clock });
      try {
        const t = (await app.handoff.openTicket({ asker: { channel: "telegram", chatId: "1", userId: "1", displayName: "张三" }, question: "q", candidates: [] })).ticket;
        await app.handoff.replyToTicket(t.id, { userId: "7", displayName: "王五" }, "a");
        await app.handoff.whenListenersIdle();
        expect((await app.faq.list()).map((e) => e.source?.staff)).toEqual([{ id: "staff:7", name: "王五" }]);
      } finally {
        await app.close();
      }
    });
  });

  describe.runIf(backend.name === "postgres")("with DATABASE_URL", () => {
    const inSchema = <R extends Record<string, unknown>>(sql: string) => adminQuery<R>(storage.target.databaseUrl!, sql, [], storage.target.databaseSchema);

    it("opens every store in the one schema: a ticket, its FAQ candidate, a logged question and a turn land there, and DATA_DIR holds no SQLite file", async () => {
      const app = await openApp({ config: config(), engine, text, log, now: () => clock });
      try {
        expect(app.storeBackend).toBe("postgres");
        const t = (await app.handoff.openTicket({ asker: { channel: "telegram", chatId: "1", userId: "1", displayName: "张三" }, question: "q", candidates: [] })).ticket;
        await app.handoff.replyToTicket(t.id, { userId: "7", displayName: "王五" }, "a");
        await app.handoff.whenListenersIdle();
        await app.questionLog.record({ asker: { channel: "telegram", userId: "1" }, question: "今天的问题", answer, latencyMs: 1 });
        await app.conversation.record({ channel: "telegram", chatId: "1", userId: "1" }, "今天的问题", answer);
      } finally {
        await app.close();
      }
      const counts = await inSchema<{ tickets: number; faq: number; questions: number; turns: number }>(
        `SELECT (SELECT COUNT(*)::int FROM tickets) AS tickets, (SELECT COUNT(*)::int FROM faq_entries) AS faq,
                (SELECT COUNT(*)::int FROM questions) AS questions, (SELECT COUNT(*)::int FROM turns) AS turns`,
      );
      expect(counts).toEqual([{ tickets: 1, faq: 1, questions: 1, turns: 1 }]);
      expect(fs.readdirSync(storage.dataDir).filter((f) => /\.sqlite|\.salt$/.test(f))).toEqual([]);
    });

    it("two instances without QUESTION_LOG_SALT hash askers alike: 👍 pressed on one for a question the other logged counts, from its asker only", async () => {
      const env = { QUESTION_LOG_SALT: "" };
      const a = await openApp({ config: config(env), engine, text, log, now: () => clock });
      const b = await openApp({ config: config(env), engine, text, log, now: () => clock });
      try {
        const id = await a.questionLog.record({ asker: { channel: "telegram", userId: "1" }, question: "开公司要几天", answer, latencyMs: 1 });
        expect(await b.questionLog.feedback(id!, { channel: "telegram", userId: "2" }, "up")).toBe("not-yours");
        expect(await b.questionLog.feedback(id!, { channel: "telegram", userId: "1" }, "up")).toBe("recorded");
      } finally {
        await a.close();
        await b.close();
      }
      expect(await inSchema(`SELECT COUNT(*)::int AS n FROM question_log_salt`)).toEqual([{ n: 1 }]);
    });
  });
});
