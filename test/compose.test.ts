/** The composition root's background work: retention at start and daily, catching up on replies stored by another process. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PolicyEngine } from "../src/answer/engine.js";
import type { EngineText } from "../src/answer/open-engine.js";
import type { Answer } from "../src/answer/types.js";
import { CATCH_UP_INTERVAL_MS, openApp } from "../src/compose.js";
import { loadConfig } from "../src/config.js";
import { HandoffService } from "../src/handoff/service.js";
import { QuestionLog } from "../src/question-log/service.js";
import { buildTemplate, CORPUS_DIR, freshDataDir } from "./support/engine-template.js";

const DAY = 24 * 60 * 60_000;
const answer: Answer = { outcome: "answered", text: "", citations: [], sections: [], related: [] };
const logLines: string[] = [];
const log = { info: (m: string) => logLines.push(`info ${m}`), warn: (m: string) => logLines.push(`warn ${m}`), error: (m: string) => logLines.push(`error ${m}`) };

let root: string;
let template: string;
let engine: PolicyEngine;
let text: EngineText;
let dataDir: string;
let clock: number;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "compose-"));
  const built = await buildTemplate(root);
  ({ engine, text } = built);
  template = built.dataDir;
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  dataDir = freshDataDir(root, template);
  clock = Date.UTC(2026, 10, 30, 4);
  logLines.length = 0;
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
});

afterEach(() => {
  vi.useRealTimers();
});

const config = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: dataDir, CORPUS_DIR, STAFF_CHAT_ID: "-100", QUESTION_LOG_SALT: "compose-test-salt-1", ...env }, { dotenvFile: false });

describe("background work", () => {
  it("applies the question log's retention at start and then daily", async () => {
    const seed = QuestionLog.open({ dataDir, salt: "compose-test-salt-1", now: () => clock - 31 * DAY });
    await seed.record({ asker: { channel: "telegram", userId: "1" }, question: "一个月前的问题", answer, latencyMs: 1 });
    await seed.close();
    const app = await openApp({ config: config({ QUESTION_LOG_RETENTION_DAYS: "30" }), engine, text, log, now: () => clock });
    try {
      await app.questionLog.record({ asker: { channel: "telegram", userId: "1" }, question: "今天的问题", answer, latencyMs: 1 });
      app.startBackground();
      await vi.waitFor(async () => expect((await app.questionLog.questionsSince(0)).map((q) => q.question)).toEqual([null, "今天的问题"]));
      expect(logLines).toContain("info question log: text of old questions deleted");
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
      const other = await HandoffService.open({ dataDir, staffChatId: "-100", now: () => clock });
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
