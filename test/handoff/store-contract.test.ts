/**
 * The HandoffStore contract: what the service relies on from any implementation, run against each
 * one (SQLite always, PostgreSQL when reachable, in a schema of its own per test). Behaviour of one
 * implementation only (SQLite's pragmas and file migrations, PostgreSQL's leases across
 * connections) is in sqlite-store.test.ts and pg-store.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreUnavailableError, type HandoffStore, type HandoffTx } from "../../src/handoff/store.js";
import type { Asker } from "../../src/handoff/types.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const asker: Asker = { channel: "telegram", chatId: "100", userId: "100", displayName: "张三" };
const alice = { userId: "201", displayName: "Alice" };
const bob = { userId: "202", displayName: "Bob" };

describe.each(storeBackends())("HandoffStore contract: $name", (backend) => {
  let storage: TestStorage;
  let store: HandoffStore;

  beforeEach(async () => {
    storage = await backend.create();
    store = await storage.openStore();
  });

  afterEach(async () => {
    await store.close();
    await storage.destroy();
  });

  const write = <T>(fn: (tx: HandoffTx) => Promise<T>) => store.transaction(fn);
  const newTicket = (at = 1_000, who: Asker = asker) => write((tx) => tx.insertTicket({ asker: who, question: "营业执照怎么办？", candidates: [], at }));
  const enqueue = (ticketId: number, over: Partial<{ channel: "telegram" | "terminal"; chatId: string; at: number }> = {}) =>
    write(async (tx) => (await tx.enqueueDelivery({ ticketId, kind: "ticket-opened", channel: over.channel ?? "telegram", chatId: over.chatId ?? "100", body: null, at: over.at ?? 1_000 }))!);
  const lease = (owner: string, now: number, limit = 10, chatId?: string) =>
    write((tx) => tx.leaseDeliveries({ owner, channel: "telegram", now, until: now + 60_000, limit, ...(chatId ? { chatId } : {}) }));

  describe("tickets", () => {
    it("stores a ticket and reads it back field by field, candidates included", async () => {
      const candidates = [{ measure: 7, title: "压缩企业开办时间", departments: ["市市场监管局", "市税务局"] }];
      const id = await write((tx) => tx.insertTicket({ asker, question: "开公司要多久？", candidates, at: 1_000 }));
      expect(await store.ticket(id)).toEqual({
        id,
        asker,
        question: "开公司要多久？",
        candidates,
        status: "open",
        staff: null,
        askerBlocked: false,
        createdAt: 1_000,
        claimedAt: null,
        firstReplyAt: null,
        answeredAt: null,
        closedAt: null,
      });
      expect(await store.ticket(id + 1)).toBeNull();
    });

    it("takes askers of every channel, the HTTP API's included, and their deliveries", async () => {
      const ids: number[] = [];
      for (const channel of ["telegram", "terminal", "api", "api-poll"] as const) {
        const id = await newTicket(1_000, { ...asker, channel, chatId: `${channel}:1` });
        await write((tx) => tx.enqueueDelivery({ ticketId: id, kind: "ticket-opened", channel, chatId: `${channel}:1`, body: null, at: 1_000 }));
        ids.push(id);
      }
      expect(await Promise.all(ids.map(async (id) => (await store.ticket(id))!.asker.channel))).toEqual(["telegram", "terminal", "api", "api-poll"]);
      expect(await Promise.all(ids.map(async (id) => (await store.deliveriesOfTicket(id)).map((d) => d.channel)))).toEqual([["telegram"], ["terminal"], ["api"], ["api-poll"]]);
    });

    it("numbers tickets upwards and never reuses a number, even after the newest row is deleted", async () => {
      const first = await newTicket();
      const second = await newTicket();
      expect(second).toBeGreaterThan(first);
      await storage.exec(`DELETE FROM tickets WHERE id = ${second}`);
      expect(await newTicket()).toBeGreaterThan(second);
    });

    it("claimIfOpen takes an open ticket exactly once", async () => {
      const id = await newTicket();
      expect(await write((tx) => tx.claimIfOpen(id, alice, 2_000))).toBe(true);
      expect(await write((tx) => tx.claimIfOpen(id, bob, 2_001))).toBe(false);
      expect(await store.ticket(id)).toMatchObject({ status: "claimed", staff: alice, claimedAt: 2_000 });
    });

    it("recordReply sets first_reply_at only once and keeps an existing holder", async () => {
      const id = await newTicket();
      await write(async (tx) => {
        await tx.claimIfOpen(id, alice, 2_000);
        await tx.recordReply(id, bob, 3_000);
        await tx.recordReply(id, alice, 4_000);
      });
      expect(await store.ticket(id)).toMatchObject({ status: "answered", staff: alice, firstReplyAt: 3_000, answeredAt: 4_000 });
    });

    it("close, reopen (unheld, open) and the blocked flag, which reports whether it changed", async () => {
      const id = await newTicket();
      await write(async (tx) => {
        await tx.claimIfOpen(id, alice, 2_000);
        await tx.setClosed(id, 3_000);
      });
      expect(await store.ticket(id)).toMatchObject({ status: "closed", closedAt: 3_000 });
      await write((tx) => tx.setReopened(id, 4_000));
      expect(await store.ticket(id)).toMatchObject({ status: "open", staff: null, claimedAt: null, closedAt: null });
      expect(await write((tx) => tx.setAskerBlocked(id, true, 5_000))).toBe(true);
      expect(await write((tx) => tx.setAskerBlocked(id, true, 5_001))).toBe(false);
      expect((await store.ticket(id))?.askerBlocked).toBe(true);
    });

    it("finds the asker's newest active ticket; lists by status oldest first and by asker newest first", async () => {
      const li: Asker = { ...asker, chatId: "200", userId: "200" };
      const a = await newTicket(1_000);
      const b = await newTicket(2_000, li);
      const c = await newTicket(3_000);
      await write((tx) => tx.setClosed(c, 4_000));
      expect((await store.latestActiveTicketOf("100"))?.id).toBe(a);
      expect(await store.latestActiveTicketOf("999")).toBeNull();
      expect((await store.ticketsByStatus(null)).map((t) => t.id)).toEqual([a, b, c]);
      expect((await store.ticketsByStatus(["open"])).map((t) => t.id)).toEqual([a, b]);
      expect((await store.ticketsByStatus(["closed", "claimed"])).map((t) => t.id)).toEqual([c]);
      expect((await store.ticketsOfAsker("100")).map((t) => t.id)).toEqual([c, a]);
    });

    it("stores HTML, SQL, emoji and a NUL character without failing the write", async () => {
      const question = `<b>x</b> '; DROP TABLE tickets; -- 🙂🇨🇳 "引号" \\反斜杠\n`;
      const id = await write((tx) => tx.insertTicket({ asker, question: `${question}\u0000末尾`, candidates: [], at: 1 }));
      const stored = (await store.ticket(id))?.question ?? "";
      expect(stored.startsWith(question)).toBe(true);
      expect(stored.endsWith("末尾")).toBe(true);
    });

    it("rejects a status outside open/claimed/answered/closed, and a lease outside leased/sending", async () => {
      const id = await newTicket();
      await expect(storage.exec(`UPDATE tickets SET status = 'lost' WHERE id = ${id}`)).rejects.toThrow(/check constraint/i);
      const d = await enqueue(id);
      await expect(storage.exec(`UPDATE deliveries SET lease_owner = 'x', lease_until = 1 WHERE id = ${d}`)).rejects.toThrow(/check constraint/i);
      await expect(storage.exec(`UPDATE deliveries SET state = 'sending' WHERE id = ${d}`)).rejects.toThrow(/check constraint/i);
    });
  });

  describe("history", () => {
    it("keeps events in order, returns each new event's id, and refuses UPDATE and DELETE of them, from any connection", async () => {
      const id = await newTicket();
      const ids = await write(async (tx) => [
        await tx.appendEvent({ ticketId: id, at: 1_000, kind: "opened", actor: "asker:100", body: null }),
        await tx.appendEvent({ ticketId: id, at: 1_001, kind: "follow-up", actor: "asker:100", body: "补充" }),
      ]);
      await expect(storage.exec(`UPDATE ticket_events SET body = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(storage.exec(`DELETE FROM ticket_events`)).rejects.toThrow(/append-only/);
      expect((await store.eventsOf(id)).map((e) => [e.id, e.kind, e.at, e.actor, e.body])).toEqual([
        [ids[0], "opened", 1_000, "asker:100", null],
        [ids[1], "follow-up", 1_001, "asker:100", "补充"],
      ]);
      expect(ids[1]).toBeGreaterThan(ids[0]!);
    });

    it("lists the events of one kind after an id, oldest first, at most `limit`, across tickets", async () => {
      const a = await newTicket();
      const b = await newTicket(1_000, { ...asker, chatId: "300", userId: "300" });
      const reply = (ticketId: number, at: number, body: string) => write((tx) => tx.appendEvent({ ticketId, at, kind: "staff-reply", actor: "staff:201", body }));
      const r1 = await reply(a, 2_000, "一");
      await write((tx) => tx.appendEvent({ ticketId: a, at: 2_001, kind: "follow-up", actor: "asker:100", body: "补充" }));
      const r2 = await reply(b, 3_000, "二");
      const r3 = await reply(a, 4_000, "三");
      const since = (after: number, limit = 10) => store.eventsOfKindSince("staff-reply", after, limit);
      expect((await since(0)).map((e) => [e.id, e.ticketId, e.body])).toEqual([
        [r1, a, "一"],
        [r2, b, "二"],
        [r3, a, "三"],
      ]);
      expect((await since(r1)).map((e) => e.id)).toEqual([r2, r3]);
      expect((await since(0, 2)).map((e) => e.id)).toEqual([r1, r2]);
      expect(await since(r3)).toEqual([]);
      expect(await store.eventsOfKindSince("claimed", 0, 10)).toEqual([]);
    });

    it("enforces the foreign key from events to tickets", async () => {
      await expect(write((tx) => tx.appendEvent({ ticketId: 999, at: 1_000, kind: "opened", actor: "asker:100", body: null }))).rejects.toThrow(/foreign key/i);
    });
  });

  describe("transactions", () => {
    it("roll back every write of a transaction that throws, and pass the error on unchanged", async () => {
      const boom = new Error("boom");
      await expect(
        write(async (tx) => {
          await tx.insertTicket({ asker, question: "q", candidates: [], at: 1 });
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.ticketsByStatus(null)).toEqual([]);
    });

    it("refuse writes through a transaction object after its transaction ended", async () => {
      let leaked: HandoffTx | undefined;
      await write(async (tx) => void (leaked = tx));
      await expect(leaked!.insertTicket({ asker, question: "q", candidates: [], at: 1 })).rejects.toThrow(/already finished/);
    });

    it("report a write lock held elsewhere as busy, while reads go on; writes work once it is released", async () => {
      await store.close();
      store = await storage.openStore({ lockWaitMs: 300 });
      const release = await storage.holdWriteLock();
      try {
        const err = await newTicket().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StoreUnavailableError);
        expect((err as StoreUnavailableError).reason).toBe("busy");
        expect(await store.ticketsByStatus(null)).toEqual([]);
      } finally {
        await release();
      }
      expect(await store.ticket(await newTicket())).toMatchObject({ status: "open" });
    });

    it("best-effort writes give up on a held lock with a busy fault instead of waiting", async () => {
      const release = await storage.holdWriteLock();
      try {
        await expect(store.claimUpdate(1, "a", 1, 60_000)).rejects.toMatchObject({ reason: "busy" });
      } finally {
        await release();
      }
      expect(await store.claimUpdate(1, "a", 1, 60_000)).toBe("mine");
    });

    it("refuse work after close with a closed fault", async () => {
      await store.close();
      await expect(newTicket()).rejects.toMatchObject({ reason: "closed" });
      store = await storage.openStore();
    });
  });

  describe("staff messages, update de-duplication, counters", () => {
    it("maps staff messages by (chat, message), re-recording one moves it, and the latest card wins", async () => {
      const id = await newTicket();
      const other = await newTicket(2_000, { ...asker, chatId: "300", userId: "300" });
      await write(async (tx) => {
        await tx.recordStaffMessage({ ticketId: id, chatId: "-100", messageId: 10, isCard: true });
        await tx.recordStaffMessage({ ticketId: id, chatId: "-100", messageId: 11, isCard: false });
        await tx.recordStaffMessage({ ticketId: id, chatId: "-100", messageId: 12, isCard: true });
        await tx.recordStaffMessage({ ticketId: other, chatId: "-100", messageId: 11, isCard: false });
      });
      expect(await store.ticketIdForStaffMessage("-100", 11)).toBe(other);
      expect(await store.ticketIdForStaffMessage("-999", 11)).toBeNull();
      expect(await store.cardOf(id)).toEqual({ chatId: "-100", messageId: 12 });
      expect(await store.cardOf(other)).toBeNull();
    });

    it("claims an update: mine the first time, own for the holder, busy for another owner while fresh, done once finished", async () => {
      expect(await store.claimUpdate(5, "a", 1_000, 60_000)).toBe("mine");
      expect(await store.claimUpdate(5, "a", 1_001, 60_000)).toBe("own");
      expect(await store.claimUpdate(5, "b", 1_002, 60_000)).toBe("busy");
      // Just short of stale: still a's.
      expect(await store.claimUpdate(5, "b", 60_999, 60_000)).toBe("busy");
      await store.finishUpdate(5);
      expect(await store.claimUpdate(5, "a", 2_000, 60_000)).toBe("done");
      expect(await store.claimUpdate(5, "b", 10_000_000, 60_000)).toBe("done");
      // Another update is unaffected.
      expect(await store.claimUpdate(6, "b", 2_000, 60_000)).toBe("mine");
    });

    it("a claim at least staleAfterMs old and not done is taken over, once; then the old owner is busy", async () => {
      expect(await store.claimUpdate(7, "dead", 1_000, 60_000)).toBe("mine");
      expect(await store.claimUpdate(7, "b", 61_000, 60_000)).toBe("mine");
      // b's claim is fresh now: neither the old owner nor a third takes it.
      expect(await store.claimUpdate(7, "c", 61_500, 60_000)).toBe("busy");
      expect(await store.claimUpdate(7, "dead", 62_000, 60_000)).toBe("busy");
      expect(await store.claimUpdate(7, "b", 62_000, 60_000)).toBe("own");
      // staleAfterMs 0 (long polling: another owner's unfinished claim is a dead process's): taken at once.
      expect(await store.claimUpdate(7, "restarted", 62_000, 0)).toBe("mine");
      await store.finishUpdate(7);
      expect(await store.claimUpdate(7, "later", 62_001, 0)).toBe("done");
    });

    it("prunes claims by the time they were first claimed, done or not", async () => {
      expect(await store.claimUpdate(5, "a", 1_000, 60_000)).toBe("mine");
      await store.finishUpdate(5);
      expect(await store.claimUpdate(8, "a", 1_000, 60_000)).toBe("mine");
      expect(await store.claimUpdate(9, "a", 5_000, 60_000)).toBe("mine");
      expect(await store.pruneProcessedUpdates(1_001)).toBe(2);
      expect(await store.claimUpdate(5, "b", 1_002, 60_000)).toBe("mine");
      expect(await store.claimUpdate(9, "b", 5_001, 60_000)).toBe("busy");
    });

    it("finishing an update nobody claimed (pruned meanwhile) does nothing", async () => {
      await store.finishUpdate(404);
      expect(await store.claimUpdate(404, "a", 1, 60_000)).toBe("mine");
    });

    it("a second store on the same data sees the same claims; of several taking over a stale claim at once, one wins", async () => {
      const others = [await storage.openStore(), await storage.openStore()];
      try {
        expect(await store.claimUpdate(77, "a", 1, 60_000)).toBe("mine");
        expect(await others[0]!.claimUpdate(77, "b", 2, 60_000)).toBe("busy");
        const verdicts = await Promise.all(others.flatMap((s, i) => [s.claimUpdate(77, `x${i}`, 100_000, 60_000), s.claimUpdate(77, `y${i}`, 100_000, 60_000)]));
        expect(verdicts.filter((v) => v === "mine")).toHaveLength(1);
        expect(verdicts.filter((v) => v === "busy")).toHaveLength(3);
        await others[1]!.finishUpdate(77);
        expect(await store.claimUpdate(77, "a", 100_001, 60_000)).toBe("done");
      } finally {
        for (const o of others) await o.close();
      }
    });

    it("counts statuses and first-reply durations, all of them or of tickets created since a time", async () => {
      const a = await newTicket(1_000);
      const b = await newTicket(1_000, { ...asker, chatId: "2" });
      await newTicket(1_000, { ...asker, chatId: "3" });
      const c = await newTicket(50_000, { ...asker, chatId: "4" });
      await write(async (tx) => {
        await tx.recordReply(a, alice, 61_000);
        await tx.recordReply(b, alice, 31_000);
        await tx.setClosed(b, 40_000);
        await tx.recordReply(c, alice, 55_000);
      });
      const byStatus = Object.fromEntries((await store.statusCounts()).map((r) => [r.status, r.n]));
      expect(byStatus).toEqual({ open: 1, answered: 2, closed: 1 });
      expect(await store.firstReplyDurations()).toEqual([5_000, 30_000, 60_000]);
      expect(await store.firstReplyDurations(50_000)).toEqual([5_000]);
      expect(await store.firstReplyDurations(50_001)).toEqual([]);
    });
  });

  describe("outbox", () => {
    it("leases due pending rows of one channel to one owner, oldest first; another owner gets none until the lease expires", async () => {
      const id = await newTicket();
      const a = await enqueue(id, { chatId: "100" });
      const b = await enqueue(id, { chatId: "200" });
      await enqueue(id, { channel: "terminal", chatId: "local" });

      expect((await lease("one", 2_000)).map((d) => [d.id, d.state, d.leaseOwner, d.leaseUntil])).toEqual([
        [a, "leased", "one", 62_000],
        [b, "leased", "one", 62_000],
      ]);
      expect(await lease("two", 2_000)).toEqual([]);
      // The holder may lease its own rows again (e.g. after a pause).
      expect((await lease("one", 3_000)).map((d) => d.id)).toEqual([a, b]);
      // After expiry anyone may take them.
      expect((await lease("two", 70_000)).map((d) => [d.id, d.leaseOwner])).toEqual([
        [a, "two"],
        [b, "two"],
      ]);
      expect((await lease("one", 2_000, 10, "local")).map((d) => d.id)).toEqual([]);
    });

    it("queues a delivery with a key at most once: a second one under that key adds nothing and returns null", async () => {
      const id = await newTicket();
      const keyed = (key: string | undefined, body: string) =>
        write((tx) => tx.enqueueDelivery({ ticketId: id, kind: "faq-card", channel: "telegram", chatId: "-100", body, at: 1_000, ...(key !== undefined ? { key } : {}) }));
      const first = await keyed("faq-card:4", "4");
      expect(first).toEqual(expect.any(Number));
      expect(await keyed("faq-card:4", "4 again")).toBeNull();
      const other = await keyed("faq-card:5", "5");
      // Without a key, every call queues a row.
      const plain = [await keyed(undefined, "x"), await keyed(undefined, "x")];
      expect(plain.every((n) => typeof n === "number")).toBe(true);
      expect((await store.deliveriesOfTicket(id)).map((d) => [d.id, d.body])).toEqual([
        [first, "4"],
        [other, "5"],
        [plain[0], "x"],
        [plain[1], "x"],
      ]);
      // A key refused inside a transaction leaves the rest of it in place.
      const [kept, refused] = await write(async (tx) => [
        await tx.appendEvent({ ticketId: id, at: 2_000, kind: "follow-up", actor: "asker:100", body: "b" }),
        await tx.enqueueDelivery({ ticketId: id, kind: "faq-card", channel: "telegram", chatId: "-100", body: "4", at: 2_000, key: "faq-card:4" }),
      ]);
      expect(refused).toBeNull();
      expect((await store.eventsOf(id)).map((e) => e.id)).toEqual([kept]);
    });

    it("leases at most `limit` rows, and only the given chat's when asked", async () => {
      const id = await newTicket();
      const rows = [];
      for (const chatId of ["1", "2", "3", "4"]) rows.push(await enqueue(id, { chatId }));
      expect((await lease("one", 2_000, 2)).map((d) => d.id)).toEqual(rows.slice(0, 2));
      expect((await lease("two", 2_000, 10, "4")).map((d) => d.id)).toEqual([rows[3]]);
    });

    it("keeps a chat's messages in order: nothing after one that waits out a backoff or that another owner holds", async () => {
      const id = await newTicket();
      const first = await enqueue(id, { chatId: "100" });
      const second = await enqueue(id, { chatId: "100" });
      const other = await enqueue(id, { chatId: "200" });
      await write((tx) => tx.transitionDelivery(first, { from: ["pending"], to: "pending", at: 1_000, notBefore: 5_000 }));
      expect((await lease("one", 2_000)).map((d) => d.id)).toEqual([other]);
      expect((await lease("one", 5_000)).map((d) => d.id)).toEqual([first, second, other]);
      expect(await lease("two", 5_000)).toEqual([]);
    });

    it("a row being sent by another owner holds its chat's later rows back; one this owner sends does not", async () => {
      const id = await newTicket();
      const first = await enqueue(id, { chatId: "100" });
      const second = await enqueue(id, { chatId: "100" });
      await lease("one", 2_000, 1);
      await write((tx) => tx.transitionDelivery(first, { from: ["leased"], owner: "one", to: "sending", at: 2_001 }));
      expect(await lease("two", 2_002)).toEqual([]);
      expect((await lease("one", 2_002)).map((d) => d.id)).toEqual([second]);
    });

    it("changes a delivery's state only from the allowed states and, when given, for its lease owner", async () => {
      const id = await newTicket();
      const d = await enqueue(id);
      await lease("one", 2_000);
      const toSending = { from: ["leased"] as const, to: "sending" as const, at: 2_100 };
      expect(await write((tx) => tx.transitionDelivery(d, { ...toSending, owner: "two" }))).toBe(false);
      expect(await write((tx) => tx.transitionDelivery(d, { ...toSending, owner: "one" }))).toBe(true);
      expect(await write((tx) => tx.transitionDelivery(d, { ...toSending, owner: "one" }))).toBe(false);
      expect(await store.delivery(d)).toMatchObject({ state: "sending", leaseOwner: "one", leaseUntil: 62_000 });

      expect(await write((tx) => tx.transitionDelivery(d, { from: ["sending"], to: "delivered", at: 2_200, attempted: true, partsSent: 1 }))).toBe(true);
      expect(await store.delivery(d)).toMatchObject({ state: "delivered", leaseOwner: null, leaseUntil: null, deliveredAt: 2_200, attempts: 1, partsSent: 1 });
      expect(await store.deliveriesInStates({ states: ["delivered"] })).toHaveLength(1);
      expect(await store.deliveriesInStates({ states: ["pending", "leased", "sending"] })).toEqual([]);
    });

    it("a transition sets a new lease, the backoff and the error, and clears them when asked", async () => {
      const id = await newTicket();
      const d = await enqueue(id);
      await write((tx) => tx.transitionDelivery(d, { from: ["pending"], to: "leased", at: 1, lease: { owner: "me", until: 99 } }));
      expect(await store.delivery(d)).toMatchObject({ state: "leased", leaseOwner: "me", leaseUntil: 99 });
      await write((tx) => tx.transitionDelivery(d, { from: ["leased"], to: "pending", at: 2, notBefore: 500, attempted: true, error: "502" }));
      expect(await store.delivery(d)).toMatchObject({ state: "pending", leaseOwner: null, leaseUntil: null, notBefore: 500, attempts: 1, lastError: "502" });
      expect(await store.deliveriesInStates({ states: ["pending"], dueBy: 499 })).toEqual([]);
      expect(await store.deliveriesInStates({ states: ["pending"], dueBy: 500, channel: "telegram", limit: 1 })).toHaveLength(1);
      await write((tx) => tx.transitionDelivery(d, { from: ["pending"], to: "pending", at: 3, error: null }));
      expect((await store.delivery(d))?.lastError).toBeNull();
      expect((await store.deliveriesOfTicket(id)).map((x) => x.id)).toEqual([d]);
    });
  });
});
