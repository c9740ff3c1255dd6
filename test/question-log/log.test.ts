import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { askerHash, loadSalt, SALT_FILE } from "../../src/question-log/salt.js";
import { QuestionLog } from "../../src/question-log/service.js";
import { QUESTION_LOG_DB_FILE } from "../../src/question-log/sqlite-store.js";

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

let dir: string;
let clock: number;
let warnings: string[];
let log: QuestionLog;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "question-log-"));
  clock = Date.UTC(2026, 10, 30, 4);
  warnings = [];
  log = QuestionLog.open({ dataDir: dir, salt: null, now: () => clock, bestEffortWaitMs: 10, onWarning: (m) => warnings.push(m) });
});

afterEach(async () => {
  await log.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = () => new Database(path.join(dir, QUESTION_LOG_DB_FILE), { readonly: true });

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
    // Nowhere in the file is the raw id.
    const db = rows();
    try {
      const dump = JSON.stringify(db.prepare("SELECT * FROM questions").all());
      expect(dump).not.toContain("1001");
      expect(dump).not.toContain("1002");
    } finally {
      db.close();
    }
  });

  it("accepts outcomes the engine adds later (clarify) and counts them", async () => {
    await log.record({ asker: zhang, question: "注销", answer: { ...answered, outcome: "clarify" as Answer["outcome"] }, latencyMs: 1 });
    await log.record({ asker: zhang, question: "你好", answer: { ...answered, outcome: "smalltalk", citations: [] }, latencyMs: 1 });
    expect((await log.summarySince(0)).outcomes).toEqual({ clarify: 1, smalltalk: 1 });
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
    const holder = new Database(path.join(dir, QUESTION_LOG_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    try {
      expect(await log.record({ asker: zhang, question: "q", answer: answered, latencyMs: 1 })).toBeNull();
      expect(await log.record({ asker: zhang, question: "q2", answer: answered, latencyMs: 1 })).toBeNull();
      expect(await log.feedback(1, zhang, "up")).toBe("unavailable");
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(warnings).toEqual(["question log not writable: questions and feedback are not logged for now; answering goes on"]);
    clock += 60_000; // past the cool-off
    expect(await log.record({ asker: zhang, question: "q3", answer: answered, latencyMs: 1 })).toBe(1);
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
    const db = rows();
    try {
      expect(JSON.stringify(db.prepare("SELECT * FROM questions").all())).not.toContain("旧问题");
    } finally {
      db.close();
    }
  });

  it("follows QUESTION_LOG_RETENTION_DAYS", async () => {
    const short = QuestionLog.open({ dataDir: dir, salt: null, retentionDays: 7, now: () => clock });
    try {
      await short.record({ asker: zhang, question: "q", answer: answered, latencyMs: 1 });
      clock += 7 * DAY + 1;
      expect(await short.applyRetention()).toBe(1);
    } finally {
      await short.close();
    }
  });
});

describe("the salt", () => {
  it("is generated once into the data folder, owner-readable only, and reused; a configured one wins", () => {
    const file = path.join(dir, SALT_FILE);
    const salt = fs.readFileSync(file, "utf8").trim();
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
});
