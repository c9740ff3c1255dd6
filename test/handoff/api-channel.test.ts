import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS, SCHEMA_VERSION, SqliteHandoffStore, TICKETS_DB_FILE } from "../../src/handoff/sqlite-store.js";
import { HandoffService } from "../../src/handoff/service.js";
import type { Asker } from "../../src/handoff/types.js";

// Migration 4: askers over the HTTP API (after 3, the outbox's dedupe key). A version-2 database keeps every row, id, counter,
// constraint, index and trigger; the api channels are accepted, nothing else new.
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "api-channel-"));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database as version 2 left it, with a ticket history in it. */
function version2(): void {
  const db = new Database(path.join(dir, TICKETS_DB_FILE));
  db.exec(MIGRATIONS[0]!);
  db.exec(MIGRATIONS[1]!);
  db.exec(`
    INSERT INTO tickets (asker_channel, asker_chat_id, asker_user_id, asker_name, question, candidates, status, staff_user_id, staff_name, created_at, first_reply_at, answered_at, updated_at)
      VALUES ('telegram', '100', '100', '张三', '电话多少', '[{"measure":11,"title":"t","departments":["市发改委"]}]', 'answered', '7', '王五', 1, 5, 5, 5);
    INSERT INTO tickets (asker_channel, asker_chat_id, asker_user_id, asker_name, question, status, created_at, updated_at)
      VALUES ('terminal', 'terminal:li', 'li', 'li', '地址在哪', 'open', 2, 2);
    INSERT INTO ticket_events (ticket_id, at, kind, actor, body) VALUES (1, 1, 'opened', 'asker:100', NULL), (1, 5, 'staff-reply', 'staff:7', '答复');
    INSERT INTO staff_messages (chat_id, message_id, ticket_id, is_card) VALUES ('-1', 10, 1, 1);
    INSERT INTO deliveries (ticket_id, kind, channel, chat_id, body, created_at, state, attempts, delivered_at, updated_at)
      VALUES (1, 'staff-reply', 'telegram', '100', '答复', 5, 'delivered', 1, 6, 6);
    INSERT INTO deliveries (ticket_id, kind, channel, chat_id, created_at, state, lease_owner, lease_until, updated_at)
      VALUES (2, 'ticket-opened', 'terminal', 'terminal:li', 2, 'sending', 'host:1:dead', 99, 2);
    -- A ticket number handed out and never kept must not come back.
    UPDATE sqlite_sequence SET seq = 9 WHERE name = 'tickets';
    PRAGMA user_version = 2;`);
  db.close();
}

const apiAsker: Asker = { channel: "api", chatId: "api:wecom:u1", userId: "wecom:u1", displayName: "张三（wecom）" };

describe("migration 4", () => {
  it("keeps a version-2 database's rows, ids and counters, and takes api askers afterwards", async () => {
    version2();
    const store = SqliteHandoffStore.open(dir);
    try {
      expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBe(5);
      expect(store.db.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(store.db.pragma("foreign_key_check")).toEqual([]);
      const t1 = (await store.ticket(1))!;
      expect(t1).toMatchObject({ asker: { channel: "telegram", chatId: "100", displayName: "张三" }, status: "answered", staff: { userId: "7", displayName: "王五" }, firstReplyAt: 5 });
      expect(t1.candidates).toEqual([{ measure: 11, title: "t", departments: ["市发改委"] }]);
      expect((await store.ticket(2))!.asker.channel).toBe("terminal");
      expect((await store.eventsOf(1)).map((e) => [e.kind, e.body])).toEqual([["opened", null], ["staff-reply", "答复"]]);
      expect(await store.ticketIdForStaffMessage("-1", 10)).toBe(1);
      expect((await store.deliveriesOfTicket(2)).map((d) => [d.id, d.state, d.leaseOwner])).toEqual([[2, "sending", "host:1:dead"]]);

      const service = new HandoffService(store, { staffChatId: "-1" });
      const { ticket } = await service.openTicket({ asker: apiAsker, question: "施工许可要哪些材料", candidates: [] });
      expect(ticket.id).toBe(10);
      expect((await service.deliveriesOf(10)).map((d) => [d.id, d.channel, d.kind])).toEqual([
        [3, "api", "ticket-opened"],
        [4, "telegram", "staff-card"],
      ]);
      const poller: Asker = { channel: "api-poll", chatId: "api:web:s1", userId: "web:s1", displayName: "网页访客" };
      expect((await service.openTicket({ asker: poller, question: "q", candidates: [] })).ticket.asker.channel).toBe("api-poll");
      // The constraints, indexes and the audit trail's triggers are there again.
      expect(() => store.db.prepare(`UPDATE tickets SET asker_channel = 'fax' WHERE id = 1`).run()).toThrow(/CHECK constraint/);
      expect(() => store.db.prepare(`UPDATE deliveries SET channel = 'fax' WHERE id = 1`).run()).toThrow(/CHECK constraint/);
      expect(() => store.db.prepare(`UPDATE deliveries SET state = 'sending' WHERE id = 1`).run()).toThrow(/CHECK constraint/);
      expect(() => store.db.prepare(`INSERT INTO deliveries (ticket_id, kind, channel, chat_id, created_at, updated_at) VALUES (999, 'x', 'api', 'c', 1, 1)`).run()).toThrow(/FOREIGN KEY/);
      expect(() => store.db.prepare(`DELETE FROM ticket_events WHERE ticket_id = 1`).run()).toThrow(/append-only/);
      const indexes = store.db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all().map((r) => r.name);
      expect(indexes).toEqual(
        expect.arrayContaining(["deliveries_by_chat", "deliveries_by_key", "deliveries_by_state", "deliveries_by_ticket", "tickets_by_asker", "tickets_by_status", "ticket_events_by_kind", "ticket_events_by_ticket", "staff_messages_by_ticket"]),
      );
      expect(store.db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%_v4'`).all()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("a fresh database starts at the current version", async () => {
    const store = SqliteHandoffStore.open(dir);
    try {
      expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      const service = new HandoffService(store, { staffChatId: null });
      expect((await service.openTicket({ asker: apiAsker, question: "q", candidates: [] })).ticket.id).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe("polled messages", () => {
  it("stay pending until the asker's cursor passes them, then are delivered and never returned again", async () => {
    const store = SqliteHandoffStore.open(dir);
    try {
      const service = new HandoffService(store, { staffChatId: null });
      const asker: Asker = { channel: "api-poll", chatId: "api:site:u9", userId: "site:u9", displayName: "u9" };
      const { ticket } = await service.openTicket({ asker, question: "q", candidates: [] });
      await service.replyToTicket(ticket.id, { userId: "7", displayName: "王五" }, "答复一");
      const all = await service.pollAskerMessages(ticket.id, 0);
      expect(all.map((d) => d.kind)).toEqual(["ticket-opened", "staff-reply"]);
      expect((await service.pollAskerMessages(ticket.id, 0)).map((d) => d.id)).toEqual(all.map((d) => d.id));
      expect((await service.pollAskerMessages(ticket.id, all[0]!.id)).map((d) => d.id)).toEqual([all[1]!.id]);
      expect(await service.pollAskerMessages(ticket.id, all[1]!.id)).toEqual([]);
      expect(await service.pollAskerMessages(ticket.id, 0)).toEqual([]);
      expect((await service.deliveriesOf(ticket.id)).map((d) => d.state)).toEqual(["delivered", "delivered"]);
      // A ticket whose messages are sent (callback, Telegram) is not polled.
      const pushed = await service.openTicket({ asker: apiAsker, question: "q", candidates: [] });
      await expect(service.pollAskerMessages(pushed.ticket.id, 0)).rejects.toThrow(/sent, not polled/);
    } finally {
      await store.close();
    }
  });
});
