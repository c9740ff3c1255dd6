/**
 * The FaqStore contract: what FaqService and FaqLibrary rely on from any implementation, run against
 * each one (SQLite always, PostgreSQL when reachable, in a schema of its own per test).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FaqStore, FaqTx, NewFaqEntry } from "../../src/faq/store.js";
import type { FaqSource } from "../../src/faq/types.js";
import { StoreUnavailableError } from "../../src/store/errors.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const staff = { id: "staff:777", name: "王五" };
const alice = { id: "cli:alice", name: "alice" };
const source = (ticketId: number, replyEventId: number): FaqSource => ({
  ticketId,
  replyEventId,
  staff,
  answeredAt: 5_000 + replyEventId,
  candidates: [{ measure: 2, title: "措施2", departments: ["市住建局", "市发改委"] }],
});
const candidate = (ticketId: number, over: Partial<NewFaqEntry> = {}): NewFaqEntry => ({
  status: "pending",
  questions: ["市住建局的电话是多少"],
  answer: "电话 0990-1234567",
  measures: [2],
  measureDigests: {},
  source: source(ticketId, 10),
  at: 1_000,
  review: null,
  ...over,
});

describe.each(storeBackends())("FaqStore contract: $name", (backend) => {
  let storage: TestStorage;
  let store: FaqStore;

  beforeEach(async () => {
    storage = await backend.create();
    store = await storage.openFaqStore();
  });

  afterEach(async () => {
    await store.close();
    await storage.destroy();
  });

  const write = <T>(fn: (tx: FaqTx) => Promise<T>) => store.transaction(fn);

  describe("entries", () => {
    it("stores a candidate and reads it back field by field, by id and by ticket", async () => {
      const id = await write((tx) => tx.insertEntry(candidate(3)));
      const expected = {
        id,
        status: "pending",
        questions: ["市住建局的电话是多少"],
        answer: "电话 0990-1234567",
        measures: [2],
        measureDigests: {},
        source: source(3, 10),
        createdAt: 1_000,
        review: null,
        hits: 0,
        lastHitAt: null,
        cardQueued: false,
        card: null,
      };
      expect(await store.entry(id)).toEqual(expected);
      expect(await store.entryForTicket(3)).toEqual(expected);
      expect(await store.entry(id + 1)).toBeNull();
      expect(await store.entryForTicket(4)).toBeNull();
    });

    it("stores an imported entry (no ticket) with its review, and lists by status oldest first", async () => {
      const a = await write((tx) => tx.insertEntry(candidate(1)));
      const b = await write((tx) =>
        tx.insertEntry(candidate(0, { status: "approved", source: null, questions: ["政务大厅在哪", "政务服务中心地址"], measures: [4, 5], measureDigests: { "4": "d4", "5": "d5" }, review: { by: alice, at: 2_000 } })),
      );
      const c = await write((tx) => tx.insertEntry(candidate(0, { status: "out-of-scope", source: null, review: { by: alice, at: 3_000 } })));
      expect(await store.entry(b)).toMatchObject({ source: null, questions: ["政务大厅在哪", "政务服务中心地址"], measures: [4, 5], measureDigests: { "4": "d4", "5": "d5" }, review: { by: alice, at: 2_000 } });
      expect((await store.entries(null)).map((e) => e.id)).toEqual([a, b, c]);
      expect((await store.entries(["approved", "out-of-scope"])).map((e) => e.id)).toEqual([b, c]);
      expect((await store.entries(["rejected"])).map((e) => e.id)).toEqual([]);
    });

    it("keeps one entry per ticket", async () => {
      await write((tx) => tx.insertEntry(candidate(3)));
      await expect(write((tx) => tx.insertEntry(candidate(3, { answer: "另一个" })))).rejects.toThrow(/unique/i);
      expect(await store.entries(null)).toHaveLength(1);
    });

    it("a later reply replaces a pending candidate's answer and source; a reviewed entry keeps its own", async () => {
      const id = await write((tx) => tx.insertEntry(candidate(3)));
      const later = { ...source(3, 12), staff: { id: "staff:778", name: "赵六" } };
      await write((tx) => tx.updateCandidate(id, later, "个体户 1 个工作日"));
      expect(await store.entry(id)).toMatchObject({ answer: "个体户 1 个工作日", source: later });
      await write((tx) => tx.setReviewed(id, { status: "approved", content: { questions: ["q"], answer: "审核后", measures: [3] }, measureDigests: { "3": "x" }, by: alice, at: 9_000 }));
      await write((tx) => tx.updateCandidate(id, source(3, 20), "太晚了"));
      expect(await store.entry(id)).toMatchObject({
        status: "approved",
        questions: ["q"],
        answer: "审核后",
        measures: [3],
        measureDigests: { "3": "x" },
        review: { by: alice, at: 9_000 },
        source: later,
      });
    });

    it("stores HTML, SQL, emoji and a NUL character without failing the write", async () => {
      const text = `<b>'; DROP TABLE faq_entries; -- 🙂 "引号"\u0000尾`;
      const id = await write((tx) => tx.insertEntry(candidate(3, { questions: [text], answer: text })));
      const entry = await store.entry(id);
      expect(entry?.answer.startsWith(`<b>'; DROP TABLE faq_entries; -- 🙂 "引号"`)).toBe(true);
      expect(entry?.answer.endsWith("尾")).toBe(true);
      expect(entry?.questions[0]?.endsWith("尾")).toBe(true);
    });
  });

  describe("reviews, card, hits", () => {
    it("keeps the review history in order and refuses UPDATE and DELETE of it, from any connection", async () => {
      const id = await write((tx) => tx.insertEntry(candidate(3)));
      await write(async (tx) => {
        await tx.appendReview({ entryId: id, at: 1_000, actor: staff, action: "filed", detail: null });
        await tx.appendReview({ entryId: id, at: 2_000, actor: alice, action: "approve", detail: '{"answer":"a"}' });
      });
      expect((await store.reviewsOf(id)).map((r) => [r.entryId, r.at, r.actor, r.action, r.detail])).toEqual([
        [id, 1_000, staff, "filed", null],
        [id, 2_000, alice, "approve", '{"answer":"a"}'],
      ]);
      await expect(storage.exec(`UPDATE faq_reviews SET actor = 'x'`, "faq")).rejects.toThrow(/append-only/);
      await expect(storage.exec(`DELETE FROM faq_reviews`, "faq")).rejects.toThrow(/append-only/);
      expect(await store.reviewsOf(id + 1)).toEqual([]);
    });

    it("records that the card was queued and which message it is; counts hits with the last hit's time", async () => {
      const id = await write((tx) => tx.insertEntry(candidate(3)));
      await write((tx) => tx.setCardQueued(id));
      await store.recordCard(id, { chatId: "-100", messageId: 77 });
      await store.recordHit(id, 4_000);
      await store.recordHit(id, 6_000);
      expect(await store.entry(id)).toMatchObject({ cardQueued: true, card: { chatId: "-100", messageId: 77 }, hits: 2, lastHitAt: 6_000 });
    });
  });

  describe("versions", () => {
    it("the serving version starts at 0 and rises by one per bump, seen by a second store on the same data", async () => {
      const other = await storage.openFaqStore();
      try {
        expect(await store.servingVersion()).toBe(0);
        await write((tx) => tx.bumpServingVersion());
        await write((tx) => tx.bumpServingVersion());
        expect(await store.servingVersion()).toBe(2);
        expect(await other.servingVersion()).toBe(2);
      } finally {
        await other.close();
      }
    });

    it("repliesSeen only rises", async () => {
      expect(await store.repliesSeen()).toBe(0);
      await write((tx) => tx.markRepliesSeen(12));
      await write((tx) => tx.markRepliesSeen(7));
      expect(await store.repliesSeen()).toBe(12);
      expect(await write((tx) => tx.repliesSeen())).toBe(12);
    });
  });

  describe("transactions", () => {
    it("roll back every write of a transaction that throws, and pass the error on unchanged", async () => {
      const boom = new Error("boom");
      await expect(
        write(async (tx) => {
          await tx.insertEntry(candidate(3));
          await tx.bumpServingVersion();
          await tx.markRepliesSeen(10);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.entries(null)).toEqual([]);
      expect(await store.servingVersion()).toBe(0);
      expect(await store.repliesSeen()).toBe(0);
    });

    it("refuse writes through a transaction object after its transaction ended", async () => {
      let leaked: FaqTx | undefined;
      await write(async (tx) => void (leaked = tx));
      await expect(leaked!.insertEntry(candidate(3))).rejects.toThrow(/already finished/);
    });

    it("two stores filing the same ticket at once: one entry, the other sees it inside its transaction", async () => {
      const other = await storage.openFaqStore();
      try {
        const file = (s: FaqStore) =>
          s.transaction(async (tx) => {
            if (await tx.entryForTicket(3)) return "found";
            await tx.insertEntry(candidate(3));
            return "inserted";
          });
        expect((await Promise.all([file(store), file(other), file(store), file(other)])).sort()).toEqual(["found", "found", "found", "inserted"]);
        expect(await store.entries(null)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it("report a write lock held elsewhere as busy, while reads go on; a hit gives up quickly", async () => {
      await store.close();
      store = await storage.openFaqStore({ lockWaitMs: 300, bestEffortWaitMs: 20 });
      const id = await write((tx) => tx.insertEntry(candidate(3)));
      const release = await storage.holdWriteLock("faq");
      try {
        const err = await write((tx) => tx.bumpServingVersion()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StoreUnavailableError);
        expect(err).toMatchObject({ reason: "busy", database: "FAQ database" });
        await expect(store.recordHit(id, 1)).rejects.toMatchObject({ reason: "busy" });
        expect(await store.servingVersion()).toBe(0);
        expect((await store.entry(id))?.hits).toBe(0);
      } finally {
        await release();
      }
      await write((tx) => tx.bumpServingVersion());
      expect(await store.servingVersion()).toBe(1);
    });

    it("refuse work after close with a closed fault", async () => {
      await store.close();
      await expect(store.servingVersion()).rejects.toMatchObject({ reason: "closed" });
      await expect(write((tx) => tx.insertEntry(candidate(3)))).rejects.toMatchObject({ reason: "closed" });
      store = await storage.openFaqStore();
    });
  });
});
