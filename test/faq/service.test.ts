/** FaqService on every store backend: candidates, catching up, review, import, flags and hits. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerSource, outboxNotifier } from "../../src/compose.js";
import { measureDigest } from "../../src/faq/flags.js";
import { FaqError, FaqService, type FaqNotifier } from "../../src/faq/service.js";
import type { FaqEntry } from "../../src/faq/types.js";
import type { Asker } from "../../src/handoff/types.js";
import { storeBackends, type StoreTuning, type TestStorage } from "../support/store-backends.js";
import { measure, source, TestCorpus } from "./fixtures.js";

const DAY = 24 * 60 * 60_000;
const maintainer = { id: "cli:alice", name: "alice" };
const staffBtn = { id: "staff:778", name: "赵六" };

describe.each(storeBackends())("FaqService on $name", (backend) => {
  let storage: TestStorage;
  let clock: number;
  let corpus: TestCorpus;
  let notices: string[];
  const open: Array<{ close(): Promise<void> }> = [];

  const recordingNotifier: FaqNotifier = {
    card: async (e) => (notices.push(`card ${e.id}`), true),
    cardUpdate: async (e) => void notices.push(`update ${e.id} ${e.status}`),
  };

  async function faqService(notifier: FaqNotifier | undefined = recordingNotifier, options: StoreTuning & { onWarning?: (m: string) => void } = {}): Promise<FaqService> {
    const { onWarning, ...tuning } = options;
    const faq = new FaqService(await storage.openFaqStore(tuning), { corpus, now: () => clock, ...(notifier ? { notifier } : {}), ...(onWarning ? { onWarning } : {}) });
    open.push(faq);
    return faq;
  }

  beforeEach(async () => {
    storage = await backend.create();
    clock = Date.UTC(2026, 10, 30, 4);
    corpus = new TestCorpus();
    notices = [];
  });

  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await storage.destroy();
  });

  async function faqError(fn: () => Promise<unknown>): Promise<FaqError> {
    try {
      await fn();
    } catch (err) {
      if (err instanceof FaqError) return err;
      throw err;
    }
    throw new Error("expected a FaqError");
  }

  describe("candidates from staff answers", () => {
    it("a staff answer becomes one pending entry per ticket with the ticket, staff, date and the bot's candidates; its card is queued once", async () => {
      const faq = await faqService();
      const entry = await faq.fileCandidate({ source: source(3, 10), question: " 市住建局的电话是多少 ", answer: "电话 0990-1234567" });
      expect(entry).toMatchObject({
        id: 1,
        status: "pending",
        questions: ["市住建局的电话是多少"],
        answer: "电话 0990-1234567",
        measures: [2],
        source: { ticketId: 3, replyEventId: 10, staff: { name: "王五" }, answeredAt: 10_000 },
        review: null,
        cardQueued: false,
      });
      expect((await faq.get(1))?.cardQueued).toBe(true);
      expect(notices).toEqual(["card 1"]);
      // The same reply again (the event and a catch-up both saw it): nothing new.
      expect(await faq.fileCandidate({ source: source(3, 10), question: "市住建局的电话是多少", answer: "电话 0990-1234567" })).toBeNull();
      expect(await faq.list()).toHaveLength(1);
      expect(notices).toEqual(["card 1"]);
    });

    it("a later reply to the same ticket replaces the pending answer (and updates the card); once reviewed, later replies change nothing", async () => {
      const faq = await faqService();
      await faq.fileCandidate({ source: source(3, 10), question: "q", answer: "请问是企业还是个体户？" });
      const updated = await faq.fileCandidate({ source: source(3, 12, { staff: { id: "staff:778", name: "赵六" } }), question: "q", answer: "个体户办理需 1 个工作日。" });
      expect(updated).toMatchObject({ id: 1, answer: "个体户办理需 1 个工作日。", source: { replyEventId: 12, staff: { name: "赵六" } } });
      // An older reply arriving late (catch-up order) does not overwrite.
      expect(await faq.fileCandidate({ source: source(3, 11), question: "q", answer: "旧的" })).toBeNull();
      expect(notices).toEqual(["card 1", "update 1 pending"]);

      await faq.review(1, "approve", maintainer);
      expect(await faq.fileCandidate({ source: source(3, 20), question: "q", answer: "再次答复" })).toBeNull();
      expect((await faq.get(1))?.answer).toBe("个体户办理需 1 个工作日。");
      expect((await faq.reviews(1)).map((r) => [r.action, r.actor.name])).toEqual([
        ["filed", "王五"],
        ["updated", "赵六"],
        ["approve", "alice"],
      ]);
    });

    it("a card that could not be queued (tickets store down) is queued by the next catch-up, exactly once", async () => {
      let failing = true;
      const faq = await faqService({
        card: async (e) => {
          if (failing) throw new Error("tickets database: database is locked (SQLITE_BUSY)");
          notices.push(`card ${e.id}`);
          return true;
        },
        cardUpdate: async () => undefined,
      });
      await faq.fileCandidate({ source: source(3, 10), question: "q", answer: "a" });
      expect((await faq.get(1))?.cardQueued).toBe(false);
      failing = false;
      await faq.catchUp({ answersSince: async () => [] });
      await faq.catchUp({ answersSince: async () => [] });
      expect(notices).toEqual(["card 1"]);
    });
  });

  describe("catching up on replies stored by another process", () => {
    it("files every reply after the last one filed, and the card goes to the outbox once even when asked twice", async () => {
      const handoff = await storage.openService({ staffChatId: "-100", now: () => clock });
      open.push({ close: () => handoff.shutdown() });
      const asker: Asker = { channel: "telegram", chatId: "1", userId: "1", displayName: "张三" };
      const staff = { userId: "777", displayName: "王五" };
      const t1 = (await handoff.openTicket({ asker, question: "住建局电话", candidates: [] })).ticket;
      await handoff.replyToTicket(t1.id, staff, "0990-1");
      const t2 = (await handoff.openTicket({ asker: { ...asker, chatId: "2", userId: "2" }, question: "住建局地址", candidates: [] })).ticket;
      await handoff.replyToTicket(t2.id, staff, "友谊路 1 号");

      const faq = await faqService(outboxNotifier(handoff));
      expect(await faq.catchUp(answerSource(handoff))).toBe(2);
      expect(await faq.catchUp(answerSource(handoff))).toBe(0);
      const entries = await faq.list();
      expect(entries.map((e) => [e.questions[0], e.answer, e.source?.ticketId, e.source?.staff])).toEqual([
        ["住建局电话", "0990-1", t1.id, { id: "staff:777", name: "王五" }],
        ["住建局地址", "友谊路 1 号", t2.id, { id: "staff:777", name: "王五" }],
      ]);
      // The card key keeps it to one row, however often a card is asked for.
      await outboxNotifier(handoff).card(entries[0]!);
      const cards = (await handoff.pendingDeliveries({ limit: 100 })).filter((d) => d.kind === "faq-card");
      expect(cards.map((d) => [d.ticketId, d.body])).toEqual([
        [t1.id, "1"],
        [t2.id, "2"],
      ]);
    });
  });

  describe("review", () => {
    it("approve with edits records who, when and what changed, digests the related measures and changes the serving version", async () => {
      const faq = await faqService();
      await faq.fileCandidate({ source: source(3, 10), question: "住建局电话", answer: "0990-1" });
      const before = await faq.servingVersion();
      clock += DAY;
      const approved = await faq.review(1, "approve", maintainer, {
        edit: { questions: ["市住建局的电话是多少", " 住建局电话  ", "住建局电话"], answer: "市住建局：0990-1", measures: [2, 3] },
      });
      expect(approved).toMatchObject({
        status: "approved",
        questions: ["市住建局的电话是多少", "住建局电话"],
        answer: "市住建局：0990-1",
        measures: [2, 3],
        measureDigests: { "2": measureDigest(measure(2)), "3": measureDigest(measure(3)) },
        review: { by: maintainer, at: clock },
      });
      expect(await faq.servingVersion()).toBe(before + 1);
      const history = await faq.reviews(1);
      expect(history.at(-1)).toMatchObject({ action: "approve", at: clock, actor: maintainer });
      expect(JSON.parse(history.at(-1)!.detail!)).toEqual({ questions: ["市住建局的电话是多少", "住建局电话"], answer: "市住建局：0990-1", measures: [2, 3] });
      expect(notices.at(-1)).toBe("update 1 approved");
      expect((await faq.served()).map((e) => e.id)).toEqual([1]);
    });

    it("refuses an edit with no question, an empty answer or a measure the policy does not have, and changes nothing", async () => {
      const faq = await faqService();
      await faq.fileCandidate({ source: source(3, 10), question: "q", answer: "a" });
      const version = await faq.servingVersion();
      expect((await faqError(() => faq.review(1, "approve", maintainer, { edit: { questions: [" "], answer: "a", measures: [] } }))).message).toMatch(/no question/);
      expect((await faqError(() => faq.review(1, "approve", maintainer, { edit: { questions: ["q"], answer: "  ", measures: [] } }))).message).toMatch(/answer is empty/);
      const missing = await faqError(() => faq.review(1, "approve", maintainer, { edit: { questions: ["q"], answer: "a", measures: [2, 43] } }));
      expect(missing).toMatchObject({ code: "invalid" });
      expect(missing.message).toMatch(/no measure 43/);
      expect(await faq.get(1)).toMatchObject({ status: "pending", review: null });
      expect(await faq.servingVersion()).toBe(version);
      expect((await faqError(() => faq.review(9, "reject", maintainer))).code).toBe("not-found");
    });

    it("a staff-chat button acts only on a pending entry: the second press is told who decided", async () => {
      const faq = await faqService();
      await faq.fileCandidate({ source: source(3, 10), question: "q", answer: "a" });
      await faq.review(1, "out-of-scope", staffBtn, { onlyIfPending: true });
      const second = await faqError(() => faq.review(1, "approve", maintainer, { onlyIfPending: true }));
      expect(second.code).toBe("already-reviewed");
      expect(second.entry).toMatchObject({ status: "out-of-scope", review: { by: staffBtn } });
      // From the command line a maintainer may change a decision.
      expect((await faq.review(1, "reject", maintainer)).status).toBe("rejected");
      expect(await faq.served()).toEqual([]);
    });

    it("keeps the review history append-only in the database", async () => {
      const faq = await faqService();
      await faq.fileCandidate({ source: source(3, 10), question: "q", answer: "a" });
      await expect(storage.exec("UPDATE faq_reviews SET actor = 'x'", "faq")).rejects.toThrow(/append-only/);
      await expect(storage.exec("DELETE FROM faq_reviews", "faq")).rejects.toThrow(/append-only/);
    });
  });

  describe("import", () => {
    it("adds rows in one go, skips a question that is already an entry's variant, and refuses a bad file whole", async () => {
      const faq = await faqService();
      await faq.fileCandidate({ source: source(3, 10), question: "住建局电话？", answer: "a" });
      const result = await faq.importEntries(
        [
          { line: 2, questions: ["住建局电话"], answer: "b", measures: [], status: "approved" },
          { line: 3, questions: ["政务大厅在哪", "政务服务中心地址"], answer: "友谊路 1 号", measures: [4], status: "approved" },
          { line: 4, questions: ["天气怎么样"], answer: "-", measures: [], status: "out-of-scope" },
        ],
        maintainer,
      );
      expect(result).toEqual({ added: [2, 3], skipped: [{ line: 2, reason: "FAQ #1" }] });
      expect(await faq.get(2)).toMatchObject({ status: "approved", source: null, review: { by: maintainer }, measureDigests: { "4": measureDigest(measure(4)) } });
      expect((await faq.get(3))?.status).toBe("out-of-scope");

      const bad = await faqError(() =>
        faq.importEntries(
          [
            { line: 2, questions: ["新问题"], answer: "c", measures: [], status: "approved" },
            { line: 3, questions: ["另一个"], answer: "d", measures: [99], status: "approved" },
          ],
          maintainer,
        ),
      );
      expect(bad.message).toMatch(/^line 3: no measure 99/);
      expect(await faq.list()).toHaveLength(3);
    });
  });

  describe("flags", () => {
    it("flags an entry whose related measure changed or is gone, and one nobody was served for 90 days", async () => {
      const faq = await faqService();
      await faq.importEntries([{ line: 2, questions: ["q"], answer: "a", measures: [2, 3], status: "approved" }], maintainer);
      const entry = (await faq.get(1)) as FaqEntry;
      expect(faq.flags(entry)).toEqual([]);
      corpus.byNumber.set(2, measure(2, "第2条的内容改了。"));
      corpus.byNumber.delete(3);
      expect(faq.flags(entry)).toEqual([
        { kind: "measure-changed", measures: [2] },
        { kind: "measure-missing", measures: [3] },
      ]);
      clock += 89 * DAY;
      await faq.recordHit(1);
      clock += 89 * DAY;
      expect(faq.flags((await faq.get(1))!).some((f) => f.kind === "unused")).toBe(false);
      clock += 2 * DAY;
      expect(faq.flags((await faq.get(1))!)).toContainEqual({ kind: "unused", days: 91 });
    });

    it("counts hits, and a hit that cannot be written is skipped without an error", async () => {
      const warnings: string[] = [];
      const faq = await faqService(recordingNotifier, { bestEffortWaitMs: 10, onWarning: (m) => warnings.push(m) });
      await faq.importEntries([{ line: 2, questions: ["q"], answer: "a", measures: [], status: "approved" }], maintainer);
      await faq.recordHit(1);
      const release = await storage.holdWriteLock("faq");
      try {
        await faq.recordHit(1);
      } finally {
        await release();
      }
      expect((await faq.get(1))?.hits).toBe(1);
      expect(warnings).toEqual(["FAQ database not writable: FAQ hits are not counted for now; answering goes on"]);
    });
  });
});
