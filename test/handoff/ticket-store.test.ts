import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TICKETS_DB_FILE, TicketStore } from "../../src/handoff/ticket-store.js";
import type { Asker } from "../../src/handoff/types.js";

const asker: Asker = { channel: "telegram", chatId: "100", userId: "100", displayName: "张三" };
const alice = { userId: "201", displayName: "Alice" };

let dir: string;
let store: TicketStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ticket-store-"));
  store = TicketStore.open(path.join(dir, "nested", "data"));
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const newTicket = (at = 1_000) => store.insertTicket({ asker, question: "营业执照怎么办？", candidates: [], at });

describe("TicketStore schema", () => {
  it("creates the data dir and the database with WAL, a busy timeout, foreign keys and a schema version", () => {
    expect(fs.existsSync(path.join(dir, "nested", "data", TICKETS_DB_FILE))).toBe(true);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(store.db.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1_000);
    expect(store.db.pragma("user_version", { simple: true })).toBe(1);
    const tables = store.db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(["answer_outcomes", "deliveries", "processed_updates", "staff_messages", "ticket_events", "tickets"]);
  });

  it("opens an existing database again without re-running the migration", () => {
    const id = newTicket();
    store.close();
    store = TicketStore.open(path.join(dir, "nested", "data"));
    expect(store.ticket(id)?.question).toBe("营业执照怎么办？");
    expect(store.db.pragma("user_version", { simple: true })).toBe(1);
  });

  it("refuses a database written by a newer schema version", () => {
    store.db.pragma("user_version = 99");
    store.close();
    expect(() => TicketStore.open(path.join(dir, "nested", "data"))).toThrow(/newer than this program knows/);
  });

  it("rejects a status outside open/claimed/answered/closed", () => {
    const id = newTicket();
    expect(() => store.db.prepare(`UPDATE tickets SET status = 'lost' WHERE id = ?`).run(id)).toThrow(/CHECK constraint/);
  });

  it("never reuses a ticket number, even after the newest row is deleted", () => {
    const first = newTicket();
    store.db.prepare(`DELETE FROM tickets WHERE id = ?`).run(first);
    expect(newTicket()).toBe(first + 1);
  });

  it("makes ticket_events append-only: UPDATE and DELETE raise", () => {
    const id = newTicket();
    store.appendEvent(id, 1_000, "opened", "asker:100", null);
    expect(() => store.db.prepare(`UPDATE ticket_events SET body = 'rewritten'`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare(`DELETE FROM ticket_events`).run()).toThrow(/append-only/);
    expect(store.eventsOf(id)).toMatchObject([{ kind: "opened", body: null }]);
  });

  it("enforces foreign keys from events to tickets", () => {
    expect(() => store.appendEvent(999, 1_000, "opened", "asker:100", null)).toThrow(/FOREIGN KEY/);
  });
});

describe("TicketStore writes", () => {
  it("claimIfOpen takes an open ticket exactly once", () => {
    const id = newTicket();
    expect(store.claimIfOpen(id, alice, 2_000)).toBe(true);
    expect(store.claimIfOpen(id, { userId: "202", displayName: "Bob" }, 2_001)).toBe(false);
    expect(store.ticket(id)).toMatchObject({ status: "claimed", staff: alice, claimedAt: 2_000 });
  });

  it("recordReply sets first_reply_at only once and keeps an existing holder", () => {
    const id = newTicket();
    store.claimIfOpen(id, alice, 2_000);
    store.recordReply(id, { userId: "202", displayName: "Bob" }, 3_000);
    store.recordReply(id, alice, 4_000);
    expect(store.ticket(id)).toMatchObject({ status: "answered", staff: alice, firstReplyAt: 3_000, answeredAt: 4_000 });
  });

  it("pendingDeliveries filters by channel, skips delivered, given-up and backing-off rows, oldest first", () => {
    const id = newTicket();
    const add = (channel: "telegram" | "terminal", chatId: string) =>
      store.enqueueDelivery({ ticketId: id, kind: "ticket-opened", channel, chatId, body: null, at: 1_000 });
    const tg1 = add("telegram", "100");
    const term = add("terminal", "local");
    const delivered = add("telegram", "100");
    const givenUp = add("telegram", "100");
    const backingOff = add("telegram", "100");
    store.markDelivered(delivered, 1_500);
    store.markFailed(givenUp, "400 Bad Request", true, 0);
    store.markFailed(backingOff, "timeout", false, 5_000);

    expect(store.pendingDeliveries(10, "telegram", 2_000).map((d) => d.id)).toEqual([tg1]);
    expect(store.pendingDeliveries(10, "terminal", 2_000).map((d) => d.id)).toEqual([term]);
    expect(store.pendingDeliveries(10, null, 5_000).map((d) => d.id)).toEqual([tg1, term, backingOff]);
    expect(store.pendingDeliveries(1, null, 5_000).map((d) => d.id)).toEqual([tg1]);
    expect(store.delivery(backingOff)).toMatchObject({ attempts: 1, delivered: false, failedPermanently: false });
  });

  it("markDelivered is idempotent", () => {
    const id = newTicket();
    const d = store.enqueueDelivery({ ticketId: id, kind: "ticket-opened", channel: "telegram", chatId: "100", body: null, at: 1 });
    expect(store.markDelivered(d, 2)).toBe(true);
    expect(store.markDelivered(d, 3)).toBe(false);
    expect(store.delivery(d)).toMatchObject({ delivered: true, attempts: 1 });
  });

  it("maps staff messages by (chat, message) and finds the latest card", () => {
    const id = newTicket();
    store.recordStaffMessage(id, "-100", 10, true);
    store.recordStaffMessage(id, "-100", 11, false);
    store.recordStaffMessage(id, "-100", 12, true);
    expect(store.ticketIdForStaffMessage("-100", 11)).toBe(id);
    expect(store.ticketIdForStaffMessage("-999", 11)).toBeNull();
    expect(store.cardOf(id)).toEqual({ chatId: "-100", messageId: 12 });
  });

  it("records a processed update once and prunes old ones", () => {
    expect(store.insertProcessedUpdate(5, 1_000)).toBe(true);
    expect(store.insertProcessedUpdate(5, 1_001)).toBe(false);
    expect(store.pruneProcessedUpdates(1_001)).toBe(1);
    expect(store.insertProcessedUpdate(5, 1_002)).toBe(true);
  });

  it("rolls back a write transaction that throws", () => {
    expect(() =>
      store.write(() => {
        newTicket();
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(store.ticketsByStatus(null)).toEqual([]);
  });

  it("is readable by a plain second connection while open (WAL)", () => {
    const id = newTicket();
    const other = new Database(path.join(dir, "nested", "data", TICKETS_DB_FILE), { readonly: true });
    try {
      expect(other.prepare(`SELECT question FROM tickets WHERE id = ?`).get(id)).toEqual({ question: "营业执照怎么办？" });
    } finally {
      other.close();
    }
  });
});
