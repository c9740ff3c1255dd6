import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAQ_DB_FILE, SqliteFaqStore } from "../../src/faq/sqlite-store.js";
import { SqliteHandoffStore, TICKETS_DB_FILE } from "../../src/handoff/sqlite-store.js";
import { QUESTION_LOG_DB_FILE, SqliteQuestionLogStore } from "../../src/question-log/sqlite-store.js";
import { StoreUnavailableError, storeFaultHint } from "../../src/store/errors.js";
import { SqliteDatabase } from "../../src/store/sqlite.js";

let dir: string;
const closing: Array<{ close(): Promise<void> }> = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-sqlite-"));
});

afterEach(async () => {
  for (const c of closing.splice(0)) await c.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const question = { at: 1, askerHash: "h", channel: "telegram", question: "q", outcome: "answered", handoffReason: null, source: "policy" as const, faqEntryId: null, cited: [], latencyMs: 1 };
const entry = { status: "approved" as const, questions: ["q"], answer: "a", measures: [], measureDigests: {}, source: null, at: 1, review: null };

describe("one file per store, one plumbing", () => {
  it("each store has its own file and schema version; a lock on the tickets file holds up neither the FAQ nor the log", async () => {
    const tickets = SqliteHandoffStore.open(dir);
    const faq = SqliteFaqStore.open(dir, { lockWaitMs: 100 });
    const log = SqliteQuestionLogStore.open(dir, { bestEffortWaitMs: 10 });
    closing.push(tickets, faq, log);
    for (const [file, version] of [
      [TICKETS_DB_FILE, 5],
      [FAQ_DB_FILE, 1],
      [QUESTION_LOG_DB_FILE, 1],
    ] as const) {
      const db = new Database(path.join(dir, file), { readonly: true });
      try {
        expect([file, db.pragma("user_version", { simple: true }), db.pragma("journal_mode", { simple: true })]).toEqual([file, version, "wal"]);
      } finally {
        db.close();
      }
    }
    const holder = new Database(path.join(dir, TICKETS_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    try {
      expect(await faq.transaction((tx) => tx.insertEntry(entry))).toBe(1);
      expect(await log.append(question)).toBe(1);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("a fault names its database, and the hint says what to do about that one", async () => {
    const faq = SqliteFaqStore.open(dir, { lockWaitMs: 50 });
    closing.push(faq);
    const holder = new Database(path.join(dir, FAQ_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    let err: unknown;
    try {
      await faq.transaction((tx) => tx.insertEntry(entry));
    } catch (e) {
      err = e;
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(err).toMatchObject({ reason: "busy", database: "FAQ database", message: expect.stringMatching(/^FAQ database: database is locked/) });
    expect(storeFaultHint("busy", "FAQ database")).toMatch(/write lock on the FAQ database/);
    expect(storeFaultHint("busy")).toMatch(/npm run tickets/);
  });

  it("migrates in order, once, and refuses a file written by a newer version", async () => {
    const spec = { file: "t.sqlite", label: "test database", migrations: ["CREATE TABLE a (x INTEGER)", "ALTER TABLE a ADD COLUMN y INTEGER"] };
    const first = SqliteDatabase.open(dir, { ...spec, migrations: spec.migrations.slice(0, 1) });
    first.db.prepare("INSERT INTO a (x) VALUES (1)").run();
    await first.close();
    const second = SqliteDatabase.open(dir, spec);
    expect(second.db.prepare("SELECT x, y FROM a").all()).toEqual([{ x: 1, y: null }]);
    expect(second.db.pragma("user_version", { simple: true })).toBe(2);
    second.db.pragma("user_version = 7");
    await second.close();
    expect(() => SqliteDatabase.open(dir, spec)).toThrow(/t\.sqlite has schema version 7, newer than this program knows \(2\); update the program/);
  });

  it("rolls a transaction back whole on a throw, and refuses a write after it ended", async () => {
    const faq = SqliteFaqStore.open(dir);
    closing.push(faq);
    await expect(
      faq.transaction(async (tx) => {
        await tx.insertEntry(entry);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await faq.entries(null)).toEqual([]);
    let leaked: Parameters<Parameters<SqliteFaqStore["transaction"]>[0]>[0] | null = null;
    await faq.transaction(async (tx) => void (leaked = tx));
    await expect(leaked!.insertEntry(entry)).rejects.toThrow(/transaction already finished/);
  });
});
