/** The terminal chat with the FAQ and the question log wired in (as npm start wires them), on every store backend. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { EngineText } from "../../src/answer/open-engine.js";
import { runChat } from "../../src/cli/chat.js";
import { openApp, type App } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { FaqService } from "../../src/faq/service.js";
import { formatDate } from "../../src/faq/strings.js";
import type { Asker } from "../../src/handoff/types.js";
import { QuestionLog } from "../../src/question-log/service.js";
import { buildTemplate, CORPUS_DIR, freshDataDir } from "../support/engine-template.js";
import { DIST_MAIN, runCommand } from "../support/run-command.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const silent = { info() {}, warn() {}, error() {} };
const asker = (name: string): Asker => ({ channel: "terminal", chatId: `terminal:${name}`, userId: name, displayName: name });

let root: string;
let template: string;
let engine: PolicyEngine;
let text: EngineText;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "chat-faq-"));
  const built = await buildTemplate(root);
  ({ engine, text } = built);
  template = built.dataDir;
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.each(storeBackends())("on $name", (backend) => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await backend.create(freshDataDir(root, template));
  });

  afterEach(async () => {
    await storage.destroy();
  });

  async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
    const app = await openApp({ config: loadConfig({ ...storage.env, CORPUS_DIR }, { dotenvFile: false }), engine, text, log: silent, faqRefreshMs: 0 });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  }

  /** Lines typed by one terminal user; what the chat printed. */
  async function chat(app: App, who: Asker, lines: string[]): Promise<string> {
    const input = new PassThrough();
    const out: string[] = [];
    const done = runChat({ engine: app.engine, handoff: app.handoff, conversation: app.conversation, questionLog: app.questionLog, input, output: (t) => out.push(t), prompt: false, asker: who, pollMs: 60_000, onWarning: () => undefined });
    input.end(lines.map((l) => `${l}\n`).join(""));
    await done;
    return out.join("\n");
  }

  describe("terminal chat with the FAQ", () => {
    it("a question staff answered and a maintainer approved is answered to another user from the FAQ, labelled, without a ticket; everything is logged", async () => {
      await withApp(async (app) => {
        const first = await chat(app, asker("a"), ["市住建局的联系电话是多少"]);
        expect(first).toContain("已创建工单 #1");
        await app.handoff.replyToTicket(1, { userId: "cli", displayName: "值班员" }, "0990-6888888");
        await app.handoff.whenListenersIdle();
        await app.faq.review(1, "approve", { id: "cli:m", name: "m" });

        const second = await chat(app, asker("b"), ["住建局电话多少", "市住建局的办公地址在哪里"]);
        expect(second.startsWith(`【工作人员答复（${formatDate(Date.now())} 审核）】\n0990-6888888`)).toBe(true);
        expect(second).toContain("已创建工单 #2");
        expect((await app.handoff.list()).map((t) => t.question)).toEqual(["市住建局的联系电话是多少", "市住建局的办公地址在哪里"]);
        const logged = await app.questionLog.questionsSince(0);
        expect(logged.map((q) => [q.channel, q.question, q.outcome, q.source, q.faqEntryId, q.ticketId])).toEqual([
          ["terminal", "市住建局的联系电话是多少", "handoff", "policy", null, 1],
          ["terminal", "住建局电话多少", "answered", "faq", 1, null],
          ["terminal", "市住建局的办公地址在哪里", "handoff", "policy", null, 2],
        ]);
        expect(logged[0]!.askerHash).toBe(app.questionLog.hashOf({ channel: "terminal", userId: "a" }));
      });
    });

    it("an out-of-scope entry gives its canned reply and opens no ticket; /human still does", async () => {
      const faq = new FaqService(await storage.openFaqStore(), { corpus: engine });
      await faq.importEntries([{ line: 2, questions: ["克拉玛依今天天气怎么样"], answer: "-", measures: [], status: "out-of-scope" }], { id: "cli:m", name: "m" });
      await faq.close();
      await withApp(async (app) => {
        expect(await chat(app, asker("c"), ["今天天气怎么样"])).toContain("不在《措施》的范围内");
        expect(await app.handoff.list()).toEqual([]);
        expect(await chat(app, asker("c"), ["/human 今天天气怎么样"])).toContain("已创建工单 #1");
      });
    });
  });

  describe("npm start", () => {
    it("serves approved FAQ entries and logs the questions", async () => {
      const faq = new FaqService(await storage.openFaqStore(), { corpus: engine });
      await faq.importEntries([{ line: 2, questions: ["政务服务中心周末上班吗"], answer: "周六上午值班。", measures: [], status: "approved" }], { id: "cli:m", name: "m" });
      await faq.close();
      const run = await runCommand(process.execPath, [DIST_MAIN], { env: { ...storage.env, CORPUS_DIR, QUESTION_LOG_SALT: "a-salt-for-this-test" }, input: "政务服务中心周末上班吗\n" });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("周六上午值班。");
      expect(run.stdout).toContain("工作人员答复（");
      const log = new QuestionLog(await storage.openQuestionLogStore(), { salt: "a-salt-for-this-test" });
      try {
        const [q] = await log.questionsSince(0);
        expect(q).toMatchObject({ question: "政务服务中心周末上班吗", source: "faq", faqEntryId: 1 });
      } finally {
        await log.close();
      }
    });
  });
});
