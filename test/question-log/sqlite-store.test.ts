/** What only the SQLite question log does: the questions of one turn of the event loop share a commit. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QUESTION_LOG_DB_FILE, SqliteQuestionLogStore } from "../../src/question-log/sqlite-store.js";
import type { NewLoggedQuestion } from "../../src/question-log/types.js";

const question = (at: number, text: string): NewLoggedQuestion => ({
  at,
  askerHash: "hash-zhang",
  channel: "telegram",
  question: text,
  outcome: "answered",
  handoffReason: null,
  source: "policy",
  faqEntryId: null,
  cited: [11],
  latencyMs: 1,
});

let dir: string;
let store: SqliteQuestionLogStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "question-log-"));
  store = SqliteQuestionLogStore.open(dir);
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What another connection sees in the file: (id, question) rows. */
const inFile = () => {
  const raw = new Database(path.join(dir, QUESTION_LOG_DB_FILE), { readonly: true });
  try {
    return raw.prepare<[], { id: number; question: string }>(`SELECT id, question FROM questions ORDER BY id`).all();
  } finally {
    raw.close();
  }
};

describe("SqliteQuestionLogStore appends", () => {
  it("questions logged at once share a commit: each gets its own row id, in order, once committed", async () => {
    const first = await store.append(question(1_000, "第一"));
    const ids = Promise.all(["二", "三", "四"].map((q, i) => store.append(question(2_000 + i, q))));
    // Nothing is written in the turn the calls were made in.
    expect(inFile()).toEqual([{ id: first, question: "第一" }]);
    const [a, b, c] = await ids;
    expect(inFile()).toEqual([
      { id: first, question: "第一" },
      { id: a, question: "二" },
      { id: b, question: "三" },
      { id: c, question: "四" },
    ]);
    expect([a, b, c]).toEqual([first + 1, first + 2, first + 3]);
  });

  it("close commits the questions still waiting (a clean stop loses none)", async () => {
    const id = store.append(question(1_000, "停机前"));
    await store.close();
    expect(await id).toBe(1);
    expect(inFile()).toEqual([{ id: 1, question: "停机前" }]);
  });

  it("a commit that cannot be made (a held write lock) fails every question of it; the next goes through", async () => {
    await store.close();
    store = SqliteQuestionLogStore.open(dir, { bestEffortWaitMs: 20 });
    const holder = new Database(path.join(dir, QUESTION_LOG_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    let results: PromiseSettledResult<number>[];
    try {
      results = await Promise.allSettled([store.append(question(1_000, "一")), store.append(question(1_001, "二"))]);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(results.map((r) => (r.status === "rejected" ? (r.reason as { reason?: string }).reason : "ok"))).toEqual(["busy", "busy"]);
    await store.append(question(2_000, "三"));
    expect(inFile().map((r) => r.question)).toEqual(["三"]);
  });
});
