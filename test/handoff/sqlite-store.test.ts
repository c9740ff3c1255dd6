/**
 * What only the SQLite store does: its file, pragmas and migrations, one writer per process, and
 * waiting for another process's lock without blocking the event loop. What every HandoffStore
 * does is in store-contract.test.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_VERSION, SqliteHandoffStore, TICKETS_DB_FILE } from "../../src/handoff/sqlite-store.js";
import { StoreUnavailableError, type HandoffTx } from "../../src/handoff/store.js";
import type { Asker } from "../../src/handoff/types.js";

const asker: Asker = { channel: "telegram", chatId: "100", userId: "100", displayName: "张三" };

let dir: string;
let dataDir: string;
let store: SqliteHandoffStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ticket-store-"));
  dataDir = path.join(dir, "nested", "data");
  store = SqliteHandoffStore.open(dataDir);
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = <T>(fn: (tx: HandoffTx) => Promise<T>) => store.transaction(fn);
const newTicket = (at = 1_000) => write((tx) => tx.insertTicket({ asker, question: "营业执照怎么办？", candidates: [], at }));
const enqueue = (ticketId: number, over: Partial<{ channel: "telegram" | "terminal"; chatId: string; at: number }> = {}) =>
  write(async (tx) => (await tx.enqueueDelivery({ ticketId, kind: "ticket-opened", channel: over.channel ?? "telegram", chatId: over.chatId ?? "100", body: null, at: over.at ?? 1_000 }))!);

describe("SqliteHandoffStore schema", () => {
  it("creates the data dir and the database with WAL, foreign keys and the current schema version", () => {
    expect(fs.existsSync(path.join(dataDir, TICKETS_DB_FILE))).toBe(true);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(5);
    const tables = store.db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(["answer_outcomes", "deliveries", "processed_updates", "staff_messages", "ticket_events", "tickets"]);
  });

  it("opens an existing database again without re-running the migrations", async () => {
    const id = await newTicket();
    await store.close();
    store = SqliteHandoffStore.open(dataDir);
    expect((await store.ticket(id))?.question).toBe("营业执照怎么办？");
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
  });

  it("migrates a version-1 outbox: delivered, given-up and waiting rows keep their meaning and ids", async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true });
    fs.mkdirSync(dataDir, { recursive: true });
    // A database as the first release left it.
    const v1 = new Database(path.join(dataDir, TICKETS_DB_FILE));
    v1.exec(`
      CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, asker_channel TEXT NOT NULL, asker_chat_id TEXT NOT NULL, asker_user_id TEXT NOT NULL,
        asker_name TEXT NOT NULL, question TEXT NOT NULL, candidates TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL, staff_user_id TEXT, staff_name TEXT,
        asker_blocked INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, claimed_at INTEGER, first_reply_at INTEGER, answered_at INTEGER,
        closed_at INTEGER, updated_at INTEGER NOT NULL);
      CREATE TABLE ticket_events (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL REFERENCES tickets (id), at INTEGER NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, body TEXT);
      CREATE TABLE staff_messages (chat_id TEXT NOT NULL, message_id INTEGER NOT NULL, ticket_id INTEGER NOT NULL, is_card INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (chat_id, message_id));
      CREATE TABLE deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL REFERENCES tickets (id), kind TEXT NOT NULL, channel TEXT NOT NULL,
        chat_id TEXT NOT NULL, body TEXT, created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, not_before INTEGER NOT NULL DEFAULT 0,
        delivered_at INTEGER, failed_permanently INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE processed_updates (update_id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
      CREATE TABLE answer_outcomes (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, outcome TEXT NOT NULL);
      INSERT INTO tickets (asker_channel, asker_chat_id, asker_user_id, asker_name, question, status, created_at, updated_at) VALUES ('telegram', '100', '100', '张三', 'q', 'open', 1, 1);
      INSERT INTO deliveries (ticket_id, kind, channel, chat_id, created_at, delivered_at) VALUES (1, 'ticket-opened', 'telegram', '100', 1, 5);
      INSERT INTO deliveries (ticket_id, kind, channel, chat_id, created_at, attempts, last_error, failed_permanently) VALUES (1, 'staff-card', 'telegram', '-1', 1, 1, '400: chat not found', 1);
      INSERT INTO deliveries (ticket_id, kind, channel, chat_id, body, created_at, attempts, not_before) VALUES (1, 'staff-reply', 'telegram', '100', '答复', 2, 2, 9);
      PRAGMA user_version = 1;`);
    v1.close();

    store = SqliteHandoffStore.open(dataDir);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    const rows = await store.deliveriesOfTicket(1);
    expect(rows.map((d) => [d.id, d.kind, d.state, d.attempts, d.lastError, d.notBefore, d.deliveredAt])).toEqual([
      [1, "ticket-opened", "delivered", 0, null, 0, 5],
      [2, "staff-card", "failed", 1, "400: chat not found", 0, null],
      [3, "staff-reply", "pending", 2, null, 9, null],
    ]);
    // Ids go on after the migrated rows.
    expect(await enqueue(1)).toBe(4);
  });

  it("migrates to update claims: update ids recorded before count as handled", async () => {
    await store.close();
    // processed_updates as versions 1 to 4 had it, one update recorded.
    const v4 = new Database(path.join(dataDir, TICKETS_DB_FILE));
    v4.exec(`
      DROP TABLE processed_updates;
      CREATE TABLE processed_updates (update_id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
      INSERT INTO processed_updates (update_id, at) VALUES (41, 1000);
      PRAGMA user_version = 4;`);
    v4.close();
    store = SqliteHandoffStore.open(dataDir);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(await store.claimUpdate(41, "new", 10_000_000, 60_000)).toBe("done");
    expect(await store.claimUpdate(42, "new", 10_000_000, 60_000)).toBe("mine");
    // Pruned by when it was recorded, as before.
    expect(await store.pruneProcessedUpdates(1_001)).toBe(1);
  });

  it("refuses a database written by a newer schema version", async () => {
    store.db.pragma("user_version = 99");
    await store.close();
    expect(() => SqliteHandoffStore.open(dataDir)).toThrow(/newer than this program knows/);
  });
});

describe("SqliteHandoffStore transactions", () => {
  it("runs transactions of one process one after another, even when they interleave awaits", async () => {
    const order: string[] = [];
    const a = write(async (tx) => {
      order.push("a:start");
      await new Promise((r) => setTimeout(r, 20));
      await tx.insertTicket({ asker, question: "a", candidates: [], at: 1 });
      order.push("a:end");
    });
    const b = write(async (tx) => {
      order.push("b:start");
      await tx.insertTicket({ asker, question: "b", candidates: [], at: 2 });
      order.push("b:end");
    });
    await Promise.all([a, b]);
    expect(order).toEqual(["a:start", "a:end", "b:start", "b:end"]);
  });

  it("waits for another process's write lock without blocking the event loop, then reports it as busy", async () => {
    await store.close();
    store = SqliteHandoffStore.open(dataDir, { lockWaitMs: 300 });
    const holder = new Database(path.join(dataDir, TICKETS_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      const err = await newTicket().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as StoreUnavailableError).reason).toBe("busy");
      // Timers ran while the write waited: a blocking busy_timeout would have frozen them.
      expect(ticks).toBeGreaterThan(0);
      // Reads still work while the lock is held (WAL).
      expect(await store.ticketsByStatus(null)).toEqual([]);
    } finally {
      clearInterval(timer);
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(await newTicket()).toBe(1);
  });
});

describe("SqliteHandoffStore connections", () => {
  it("is readable by a plain second connection while open (WAL)", async () => {
    const id = await newTicket();
    const other = new Database(path.join(dataDir, TICKETS_DB_FILE), { readonly: true });
    try {
      expect(other.prepare(`SELECT question FROM tickets WHERE id = ?`).get(id)).toEqual({ question: "营业执照怎么办？" });
    } finally {
      other.close();
    }
  });
});

describe("SqliteHandoffStore update claims and finished updates", () => {
  const doneIn = (file: string) => {
    const other = new Database(file, { readonly: true });
    try {
      return other.prepare<[], { update_id: number }>(`SELECT update_id FROM processed_updates WHERE done = 1 ORDER BY update_id`).all().map((r) => r.update_id);
    } finally {
      other.close();
    }
  };

  it("finishes of one turn of the event loop share a commit; each resolves once its row is committed", async () => {
    for (const id of [1, 2, 3]) expect(await store.claimUpdate(id, "me", 1_000, 60_000)).toBe("mine");
    const finishing = [1, 2, 3].map((id) => store.finishUpdate(id).then(() => doneIn(path.join(dataDir, TICKETS_DB_FILE))));
    // Nothing is written in the turn the calls were made in.
    expect(doneIn(path.join(dataDir, TICKETS_DB_FILE))).toEqual([]);
    expect(await Promise.all(finishing)).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(await store.claimUpdate(2, "other", 2_000, 60_000)).toBe("done");
  });

  it("claims of one turn of the event loop share a commit, with the verdicts they would get one by one", async () => {
    expect(await store.claimUpdate(9, "dead", 1_000, 60_000)).toBe("mine");
    const claimed = () => {
      const other = new Database(path.join(dataDir, TICKETS_DB_FILE), { readonly: true });
      try {
        return other.prepare<[], { update_id: number; owner: string }>(`SELECT update_id, owner FROM processed_updates ORDER BY update_id`).all();
      } finally {
        other.close();
      }
    };
    const claiming = Promise.all([
      store.claimUpdate(1, "me", 2_000, 60_000),
      store.claimUpdate(1, "me", 2_000, 60_000),
      store.claimUpdate(1, "other", 2_000, 60_000),
      // Stale: taken over by the first, then that one's.
      store.claimUpdate(9, "me", 70_000, 60_000),
      store.claimUpdate(9, "other", 70_000, 60_000),
    ]);
    // Nothing is written in the turn the calls were made in; all of it once they resolve.
    expect(claimed()).toEqual([{ update_id: 9, owner: "dead" }]);
    expect(await claiming).toEqual(["mine", "own", "busy", "mine", "busy"]);
    expect(claimed()).toEqual([
      { update_id: 1, owner: "me" },
      { update_id: 9, owner: "me" },
    ]);
  });

  it("close commits the finishes still waiting (a clean stop loses none)", async () => {
    expect(await store.claimUpdate(7, "me", 1_000, 60_000)).toBe("mine");
    const finished = store.finishUpdate(7);
    await store.close();
    await finished;
    expect(doneIn(path.join(dataDir, TICKETS_DB_FILE))).toEqual([7]);
    store = SqliteHandoffStore.open(dataDir);
    expect(await store.claimUpdate(7, "restarted", 2_000, 0)).toBe("done");
  });

  it("a finish that cannot be committed (a held write lock) fails every caller of its batch; the next batch goes through", async () => {
    await store.close();
    store = SqliteHandoffStore.open(dataDir, { bestEffortWaitMs: 20 });
    for (const id of [1, 2]) await store.claimUpdate(id, "me", 1_000, 60_000);
    const holder = new Database(path.join(dataDir, TICKETS_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    let results: PromiseSettledResult<void>[];
    try {
      results = await Promise.allSettled([store.finishUpdate(1), store.finishUpdate(2)]);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ reason: "busy" });
    await Promise.all([store.finishUpdate(1), store.finishUpdate(2)]);
    expect(doneIn(path.join(dataDir, TICKETS_DB_FILE))).toEqual([1, 2]);
  });
});
