/** The question log on every store backend (the salt file is SQLite's: with PostgreSQL the salt is shared in the database). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { askerHash, loadSalt, SALT_FILE } from "../../src/question-log/salt.js";
import { PgQuestionLogStore } from "../../src/question-log/pg-store.js";
import { QuestionLog } from "../../src/question-log/service.js";
import { storeBackends, testPostgresUrl, type TestStorage } from "../support/store-backends.js";
import { createTestSchema } from "../support/pg-schema.js";

const DAY = 24 * 60 * 60_000;
const zhang = { channel: "telegram", userId: "1001" };
const li = { channel: "telegram", userId: "1002" };

const answered: Answer = {
  outcome: "answered",
  text: "…",
  citations: [
    { measure: 11, title: "t", departments: ["d"] },
    { measure: 12, title: "t", departments: ["d"] },
  ],
  sections: [],
  related: [],
};
const handoff: Answer = { outcome: "handoff", text: "…", citations: [], sections: [], related: [{ measure: 3, title: "t", departments: ["d"] }], handoffReason: "not-in-policy" };

describe.each(storeBackends())("the question log on $name", (backend) => {
  let storage: TestStorage;
  let clock: number;
  let warnings: string[];
  let log: QuestionLog;
  const salt = "a-test-salt-of-enough-length";

  beforeEach(async () => {
    storage = await backend.create();
    clock = Date.UTC(2026, 10, 30, 4);
    warnings = [];
    log = new QuestionLog(await storage.openQuestionLogStore({ bestEffortWaitMs: 10 }), { salt, now: () => clock, onWarning: (m) => warnings.push(m) });
  });

  afterEach(async () => {
    await log.close();
    await storage.destroy();
  });

  /** Every row as another process reads it. */
  const dump = async () => JSON.stringify(await storage.query("SELECT * FROM questions", "questions"));

  describe("logging questions", () => {
    it("stores the question, outcome, reason, source, cited measures and latency, with the asker as a salted hash", async () => {
      const id = await log.record({ asker: zhang, question: "小微企业办电要几天", answer: answered, latencyMs: 1.2345 });
      await log.record({ asker: li, question: "住建局电话", answer: { ...answered, outcome: "answered", source: "faq", faq: { entryId: 4, kind: "answer", approvedAt: 1, answer: "x" }, citations: [] }, latencyMs: 2 });
      expect(id).toBe(1);
      const [first, second] = await log.questionsSince(0);
      expect(first).toMatchObject({ id: 1, at: clock, channel: "telegram", question: "小微企业办电要几天", outcome: "answered", handoffReason: null, source: "policy", faqEntryId: null, cited: [11, 12], latencyMs: 1.23, feedback: null, ticketId: null });
      expect(second).toMatchObject({ source: "faq", faqEntryId: 4 });
      expect(first!.askerHash).toBe(log.hashOf(zhang));
      expect(first!.askerHash).not.toBe(second!.askerHash);
      // Nowhere in the database is the raw id.
      const rows = await dump();
      expect(rows).toContain("小微企业办电要几天");
      expect(rows).not.toContain("1001");
      expect(rows).not.toContain("1002");
    });

    it("accepts outcomes the engine adds later (clarify) and counts them", async () => {
      await log.record({ asker: zhang, question: "注销", answer: { ...answered, outcome: "clarify" as Answer["outcome"] }, latencyMs: 1 });
      await log.record({ asker: zhang, question: "你好", answer: { ...answered, outcome: "smalltalk", citations: [] }, latencyMs: 1 });
      expect((await log.summarySince(0)).outcomes).toEqual({ clarify: 1, smalltalk: 1 });
    });

    it("an answer leaving part of the message unanswered is logged as answered, with why the part was not", async () => {
      await log.record({ asker: zhang, question: "接电要几天？乌鲁木齐接电要几天", answer: { ...answered, partlyUnanswered: "out-of-scope" }, latencyMs: 1 });
      expect((await log.questionsSince(0))[0]).toMatchObject({ outcome: "answered", handoffReason: "out-of-scope", cited: [11, 12] });
    });

    it("links the ticket a handoff opened", async () => {
      const id = (await log.record({ asker: zhang, question: "住建局电话", answer: handoff, latencyMs: 1 }))!;
      await log.linkTicket(id, 7);
      expect((await log.questionsSince(0))[0]).toMatchObject({ ticketId: 7, handoffReason: "not-in-policy", cited: [] });
    });

    it("records 👍/👎 only from the question's own asker", async () => {
      const id = (await log.record({ asker: zhang, question: "q", answer: answered, latencyMs: 1 }))!;
      expect(await log.feedback(id, li, "down")).toBe("not-yours");
      expect(await log.feedback(id, { channel: "terminal", userId: "1001" }, "down")).toBe("not-yours");
      expect(await log.feedback(id, zhang, "down")).toBe("recorded");
      expect(await log.feedback(id, zhang, "up")).toBe("recorded");
      expect(await log.feedback(999, zhang, "up")).toBe("not-yours");
      expect((await log.questionsSince(0))[0]?.feedback).toBe("up");
      expect(await log.summarySince(0)).toMatchObject({ up: 1, down: 0, questions: 1 });
    });

    it("never throws or waits long when the log cannot be written: it says so once and goes on", async () => {
      const release = await storage.holdWriteLock("questions");
      try {
        expect(await log.record({ asker: zhang, question: "q", answer: answered, latencyMs: 1 })).toBeNull();
        expect(await log.record({ asker: zhang, question: "q2", answer: answered, latencyMs: 1 })).toBeNull();
        expect(await log.feedback(1, zhang, "up")).toBe("unavailable");
      } finally {
        await release();
      }
      expect(warnings).toEqual(["question log not writable: questions and feedback are not logged for now; answering goes on"]);
      clock += 60_000; // past the cool-off
      expect(await log.record({ asker: zhang, question: "q3", answer: answered, latencyMs: 1 })).toEqual(expect.any(Number));
      expect(warnings.at(-1)).toBe("question log writable again");
    });
  });

  describe("retention", () => {
    it("deletes the text and the asker hash of questions older than the retention period, and keeps their figures", async () => {
      const old = (await log.record({ asker: zhang, question: "旧问题", answer: answered, latencyMs: 1 }))!;
      await log.feedback(old, zhang, "down");
      clock += 180 * DAY - 1;
      await log.record({ asker: zhang, question: "新问题", answer: handoff, latencyMs: 1 });
      expect(await log.applyRetention()).toBe(0);
      clock += 2;
      expect(await log.applyRetention()).toBe(1);
      expect(await log.applyRetention()).toBe(0);
      const [a, b] = await log.questionsSince(0);
      expect(a).toMatchObject({ question: null, askerHash: null, outcome: "answered", cited: [11, 12], feedback: "down" });
      expect(b).toMatchObject({ question: "新问题" });
      expect(await dump()).not.toContain("旧问题");
    });

    it("follows QUESTION_LOG_RETENTION_DAYS", async () => {
      const short = new QuestionLog(await storage.openQuestionLogStore(), { salt, retentionDays: 7, now: () => clock });
      try {
        await short.record({ asker: zhang, question: "q", answer: answered, latencyMs: 1 });
        clock += 7 * DAY + 1;
        expect(await short.applyRetention()).toBe(1);
      } finally {
        await short.close();
      }
    });
  });
});

describe("the salt", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "question-log-salt-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is generated once into the data folder, owner-readable only, and reused; a configured one wins", () => {
    const salt = loadSalt(dir, null);
    const file = path.join(dir, SALT_FILE);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(salt);
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSalt(dir, null)).toBe(salt);
    expect(loadSalt(dir, "configured-salt-1234")).toBe("configured-salt-1234");
    expect(askerHash(salt, "telegram", "1001")).not.toBe(askerHash("configured-salt-1234", "telegram", "1001"));
    expect(askerHash(salt, "telegram", "1001")).toBe(askerHash(salt, "telegram", "1001"));
  });

  it("refuses a salt file that holds too little, saying what to do", () => {
    const other = fs.mkdtempSync(path.join(dir, "x-"));
    fs.writeFileSync(path.join(other, SALT_FILE), "abc\n");
    expect(() => loadSalt(other, null)).toThrow(/no usable salt.*delete it/);
  });

  const pgUrl = testPostgresUrl();
  it.skipIf(!pgUrl)("with PostgreSQL, is kept in the database: the first instance's wins, every later one reads it", async () => {
    const schema = await createTestSchema(pgUrl!);
    const stores = [await PgQuestionLogStore.open({ url: pgUrl!, schema: schema.name }), await PgQuestionLogStore.open({ url: pgUrl!, schema: schema.name })];
    try {
      const [a, b] = await Promise.all([stores[0]!.sharedSalt("salt-proposed-by-a-0001"), stores[1]!.sharedSalt("salt-proposed-by-b-0002")]);
      expect(a).toBe(b);
      expect(["salt-proposed-by-a-0001", "salt-proposed-by-b-0002"]).toContain(a);
      expect(await stores[1]!.sharedSalt("a-third-one-0003")).toBe(a);
    } finally {
      for (const s of stores) await s.close();
      await schema.drop();
    }
  });
});
