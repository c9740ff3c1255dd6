import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import {
  askedAs,
  candidatesOf,
  ConversationService,
  historyOf,
  isNoneOfThese,
  KEEP_TURNS_PER_CHAT,
  OFFER_LIFETIME_MS,
  typedPick,
} from "../../src/conversation/service.js";
import { CONVERSATIONS_DB_FILE, SqliteConversationStore } from "../../src/conversation/sqlite-store.js";
import type { ConversationStore } from "../../src/conversation/store.js";
import type { Speaker } from "../../src/conversation/types.js";
import { storeBackends, type StoreTuning, type TestStorage } from "../support/store-backends.js";
import { StoreUnavailableError } from "../../src/handoff/store.js";
import { documentTag } from "../../src/policy/measure.js";

// Each chat's recent turns: what a follow-up is read with, what a clarify button picks from, what 转人工 hands over.
const WINDOW_MS = 10 * 60_000;
const ALICE: Speaker = { channel: "telegram", chatId: "1001", userId: "1001" };
const BOB: Speaker = { channel: "telegram", chatId: "1002", userId: "1002" };
const TERMINAL: Speaker = { channel: "terminal", chatId: "1001", userId: "1001" };

const cite = (measure: number) => ({ measure, title: `标题${measure}`, departments: ["市市场监管局"] });
const answered = (measures: number[], extra: Partial<Answer> = {}): Answer => ({
  outcome: "answered",
  text: "…",
  citations: measures.map(cite),
  sections: [],
  related: [],
  understood: "开公司要几天?",
  ...extra,
});
const clarify = (measures: number[], extra: Partial<Answer> = {}): Answer => ({
  outcome: "clarify",
  text: "…",
  citations: [],
  sections: [],
  related: [],
  choices: measures.map((m) => ({ ...cite(m), covers: `覆盖${m}` })),
  understood: "贷款",
  ...extra,
});
const handoff = (reason: Answer["handoffReason"], related: number[] = []): Answer => ({ outcome: "handoff", text: "…", citations: [], sections: [], related: related.map(cite), handoffReason: reason });

describe.each(storeBackends())("conversations on $name", (backend) => {
  let storage: TestStorage;
  let now: number;
  let warnings: Array<{ message: string; meta: Record<string, unknown> }>;
  let service: ConversationService;

  /** A service on the storage's store (a new one, as after a restart), or on the store given. */
  async function open(store?: ConversationStore, windowMs = WINDOW_MS, tuning: StoreTuning = {}): Promise<ConversationService> {
    const options = { windowMs, now: () => now, onWarning: (message: string, meta: Record<string, unknown>) => warnings.push({ message, meta }) };
    return new ConversationService(store ?? (await storage.openConversationStore(tuning)), options);
  }

  beforeEach(async () => {
    storage = await backend.create();
    now = Date.UTC(2025, 0, 6, 9, 0, 0);
    warnings = [];
    service = await open();
  });

  afterEach(async () => {
    await service.shutdown();
    await storage.destroy();
  });

  describe("the turns a message is read with", () => {
    it("are the chat's own, oldest first, as the engine's history (only the fields it reads)", async () => {
      await service.record(ALICE, "开公司要几天？", answered([1]));
      now += 1000;
      await service.record(ALICE, "那注销呢？", answered([3], { understood: "注销，开公司要几天?", followUp: "swap" }), await service.recent(ALICE));
      await service.record(BOB, "贷款", clarify([16, 19, 18]));
      await service.record(TERMINAL, "燃气报装要多久", answered([14]));

      const turns = await service.recent(ALICE);
      expect(turns.map((t) => t.question)).toEqual(["开公司要几天？", "那注销呢？"]);
      expect(historyOf(turns)).toEqual([
        { question: "开公司要几天？", answer: { outcome: "answered", citations: [cite(1)], understood: "开公司要几天?" } },
        { question: "那注销呢？", answer: { outcome: "answered", citations: [cite(3)], understood: "注销，开公司要几天?" } },
      ]);
      expect(historyOf(await service.recent(BOB))[0]!.answer.choices!.map((c) => c.measure)).toEqual([16, 19, 18]);
      // The terminal's user 1001 is another conversation than Telegram's chat 1001.
      expect((await service.recent(TERMINAL)).map((t) => t.question)).toEqual(["燃气报装要多久"]);
    });

    it("end at the window: a turn asked exactly FOLLOW_UP_WINDOW_MINUTES ago still counts, one a millisecond older does not", async () => {
      await service.record(ALICE, "开公司要几天？", answered([1]));
      now += WINDOW_MS;
      expect(await service.recent(ALICE)).toHaveLength(1);
      now += 1;
      expect(await service.recent(ALICE)).toEqual([]);
      // The last question is still what /human without a question hands over.
      expect((await service.lastTurn(ALICE))?.question).toBe("开公司要几天？");
    });

    it("are none with a window of 0 (follow-ups off)", async () => {
      await service.shutdown();
      service = await open(undefined, 0);
      await service.record(ALICE, "开公司要几天？", answered([1]));
      expect(await service.recent(ALICE)).toEqual([]);
    });

    it("leave out small talk, requests to rephrase and requests for a person", async () => {
      await service.record(ALICE, "开公司要几天？", answered([1]));
      await service.record(ALICE, "😀😀", handoff("unclear"));
      await service.record(ALICE, "转人工", handoff("asked-for-person"));
      await service.record(ALICE, "谢谢", { outcome: "smalltalk", text: "不客气", citations: [], sections: [], related: [] });
      expect((await service.recent(ALICE)).map((t) => t.question)).toEqual(["开公司要几天？"]);
      // A handoff about something is context (那注销呢？ after 市住建局的电话).
      await service.record(ALICE, "市住建局的电话是多少", handoff("fact-missing", [12, 13]));
      expect((await service.recent(ALICE)).map((t) => t.question)).toEqual(["开公司要几天？", "市住建局的电话是多少"]);
    });

    it("read at once (readingContext) are what recent() and lastTurn() give, as turns about nothing crowd in, the window passes and a ticket ends the context", async () => {
      const smalltalk: Answer = { outcome: "smalltalk", text: "不客气", citations: [], sections: [], related: [] };
      const same = async () => {
        const both = await service.readingContext(ALICE);
        expect(both.readWith).toEqual(await service.recent(ALICE));
        expect(both.previous).toEqual(await service.lastTurn(ALICE));
        return both;
      };
      expect(await same()).toEqual({ readWith: [], previous: null });
      const steps: Array<[string, Answer]> = [
        ["开公司要几天？", answered([1])],
        ["谢谢", smalltalk],
        ["😀😀", handoff("unclear")],
        ["转人工", handoff("asked-for-person")],
        ["谢谢", smalltalk],
        ["那注销呢？", answered([3])],
        ["贷款", clarify([16, 19, 18])],
        ["好的", smalltalk],
        ["市住建局的电话是多少", handoff("fact-missing", [12])],
      ];
      for (const [question, answer] of steps) {
        await service.record(ALICE, question, answer);
        now += 1000;
        await same();
      }
      // Three about something among the newest few.
      expect((await same()).readWith.map((t) => t.question)).toEqual(["那注销呢？", "贷款", "市住建局的电话是多少"]);
      for (let i = 0; i < 7; i++) await service.record(ALICE, "谢谢", smalltalk);
      // Seven more about nothing: one of the three falls out of the newest HISTORY_FETCH.
      expect((await same()).readWith.map((t) => t.question)).toEqual(["贷款", "市住建局的电话是多少"]);
      now += WINDOW_MS;
      expect(await same()).toMatchObject({ readWith: [], previous: { question: "谢谢" } });
      now += OFFER_LIFETIME_MS;
      expect(await same()).toEqual({ readWith: [], previous: null });
      await service.record(ALICE, "开公司要几天？", answered([1]));
      await service.endContext(ALICE);
      expect(await same()).toEqual({ readWith: [], previous: null });
    });

    it("stop at a ticket: endContext leaves the chat's next question on its own, while its buttons still work", async () => {
      const offer = await service.record(ALICE, "贷款", clarify([16, 19, 18]));
      await service.endContext(ALICE);
      expect(await service.recent(ALICE)).toEqual([]);
      expect(await service.lastTurn(ALICE)).toBeNull();
      expect(await service.offer(ALICE, offer.key, 19)).toMatchObject({ kind: "pick", measure: 19 });
      await service.record(ALICE, "小微企业办电要几天", answered([11]));
      expect((await service.recent(ALICE)).map((t) => t.question)).toEqual(["小微企业办电要几天"]);
    });

    it("survive a restart: a new service on the same storage reads them", async () => {
      const offer = await service.record(ALICE, "贷款", clarify([16, 19, 18]));
      await service.shutdown();
      service = await open();
      expect((await service.recent(ALICE)).map((t) => t.key)).toEqual([offer.key]);
      expect(await service.offer(ALICE, offer.key, 18)).toMatchObject({ kind: "pick", measure: 18 });
      expect(fs.existsSync(path.join(storage.dataDir, CONVERSATIONS_DB_FILE))).toBe(backend.name === "sqlite");
    });
  });

  describe("what a follow-up was read with (for staff)", () => {
    it("is the earlier question when the engine read the message with it, the chain of them for a chain", async () => {
      await service.record(ALICE, "开公司要几天？", answered([1]));
      const swap = await service.record(ALICE, "那注销呢？", answered([3], { followUp: "swap" }), await service.recent(ALICE));
      expect(swap.context).toBe("开公司要几天？");
      const aspect = await service.record(ALICE, "哪个部门负责？", answered([3], { followUp: "aspect" }), await service.recent(ALICE));
      expect(aspect.context).toBe("开公司要几天？ → 那注销呢？");
      // A message that stood alone was not read with anything, whatever came before.
      const alone = await service.record(ALICE, "小微企业办电要几天", answered([11]), await service.recent(ALICE));
      expect(alone.context).toBeNull();
    });
  });

  describe("a clarify button", () => {
    it("picks a measure it offered, for the person who asked, for OFFER_LIFETIME_MS", async () => {
      const offer = await service.record(ALICE, "贷款", clarify([16, 19, 18]));
      expect(await service.offer(ALICE, offer.key, 19)).toEqual({ kind: "pick", turn: offer, measure: 19 });
      expect(await service.offer(ALICE, offer.key, null)).toEqual({ kind: "none-of-these", turn: offer });
      // Someone else in the chat (a group) may not pick for the asker.
      expect(await service.offer({ ...ALICE, userId: "2002" }, offer.key, 19)).toEqual({ kind: "not-yours" });
      // A measure it did not offer, an unknown key, another chat's key: expired.
      expect(await service.offer(ALICE, offer.key, 11)).toMatchObject({ kind: "expired" });
      expect(await service.offer(ALICE, "nokey123", 19)).toEqual({ kind: "expired" });
      expect(await service.offer(BOB, offer.key, 19)).toEqual({ kind: "expired" });
      now += OFFER_LIFETIME_MS;
      expect(await service.offer(ALICE, offer.key, 19)).toMatchObject({ kind: "pick" });
      now += 1;
      expect(await service.offer(ALICE, offer.key, 19)).toEqual({ kind: "expired", language: "zh" });
    });

    it("from several documents picks the measure of the choice's own document, by its tag; kept through the store", async () => {
      const doc = (key: string, year: number) => ({ key, title: `${year}年措施`, year });
      const offer = await service.record(
        ALICE,
        "贷款",
        clarify([], {
          choices: [
            { ...cite(5), document: doc("set-2023", 2023), covers: "覆盖2023" },
            { ...cite(5), document: doc("set-2022", 2022), covers: "覆盖2022" },
          ],
        }),
      );
      const reopened = await open();
      const stored = (await reopened.recent(ALICE)).at(-1)!;
      await reopened.shutdown();
      expect(stored.choices.map((c) => c.document?.key)).toEqual(["set-2023", "set-2022"]);
      expect(await service.offer(ALICE, offer.key, 5, documentTag("set-2022"))).toMatchObject({ kind: "pick", measure: 5, document: "set-2022" });
      expect(await service.offer(ALICE, offer.key, 5, documentTag("set-2023"))).toMatchObject({ kind: "pick", measure: 5, document: "set-2023" });
      // Without a tag, or with a document it did not offer, no choice is meant.
      expect(await service.offer(ALICE, offer.key, 5)).toMatchObject({ kind: "expired" });
      expect(await service.offer(ALICE, offer.key, 5, documentTag("set-2019"))).toMatchObject({ kind: "expired" });
      expect(typedPick("2", stored)).toEqual({ number: 5, doc: "set-2022" });
      // Staff get the choices as candidates with their documents.
      expect(candidatesOf(stored).map((c) => c.document?.key)).toEqual(["set-2023", "set-2022"]);
    });

    it("of an answer (not a clarify) is not an offer", async () => {
      const turn = await service.record(ALICE, "开公司要几天？", answered([1]));
      expect(await service.offer(ALICE, turn.key, 1)).toMatchObject({ kind: "expired" });
    });

    it("answers the question as read, or as typed in English so the reply stays English", async () => {
      const zh = await service.record(ALICE, "那贷款呢？", clarify([16, 19], { understood: "贷款，开公司要几天?" }));
      expect(askedAs(zh)).toBe("贷款，开公司要几天?");
      const en = await service.record(ALICE, "loan", clarify([16, 19], { understood: "贷款", language: "en" }));
      expect(askedAs(en)).toBe("loan");
      expect(en.language).toBe("en");
    });
  });

  describe("the store's bounds", () => {
    it("keeps the newest KEEP_TURNS_PER_CHAT turns of a chat and forgets every turn older than OFFER_LIFETIME_MS", async () => {
      const first = await service.record(ALICE, "问题0", answered([1]));
      const bobs = await service.record(BOB, "贷款", clarify([16, 19]));
      for (let i = 1; i <= KEEP_TURNS_PER_CHAT; i++) await service.record(ALICE, `问题${i}`, answered([1]));
      expect(await service.find(ALICE, first.key)).toEqual({ kind: "missing" });
      expect(await service.find(BOB, bobs.key)).toMatchObject({ kind: "found" });
      expect(await storage.query("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM turns WHERE chat_id = '1001'", "conversations")).toEqual([{ n: KEEP_TURNS_PER_CHAT }]);
      now += OFFER_LIFETIME_MS + 1;
      await service.record(ALICE, "新问题", answered([1]));
      expect(await storage.query("SELECT question FROM turns", "conversations")).toEqual([{ question: "新问题" }]);
    });
  });

  describe("when the store cannot be written", () => {
    it("a held write lock: turns are kept in memory, follow-ups and buttons go on, one warning and one recovery line", async () => {
      await service.shutdown();
      service = await open(undefined, WINDOW_MS, { bestEffortWaitMs: 10 });
      await service.record(ALICE, "开公司要几天？", answered([1]));
      // Another program holds the write lock.
      const release = await storage.holdWriteLock("conversations");
      try {
        const offer = await service.record(ALICE, "贷款", clarify([16, 19, 18]));
        now += 1000;
        const pick = await service.record(ALICE, "贷款", answered([19]), [offer]);
        expect((await service.recent(ALICE)).map((t) => t.question)).toEqual(["开公司要几天？", "贷款", "贷款"]);
        expect((await service.lastTurn(ALICE))?.key).toBe(pick.key);
        expect(await service.offer(ALICE, offer.key, 16)).toMatchObject({ kind: "pick", measure: 16 });
        // A ticket ends the context even though the store cannot record that.
        await service.endContext(ALICE);
        expect(await service.recent(ALICE)).toEqual([]);
        expect(await service.lastTurn(ALICE)).toBeNull();
      } finally {
        await release();
      }
      expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining("conversation database cannot be written")]);
      expect(warnings[0]!.meta).toMatchObject({ reason: "busy", hint: expect.stringContaining(backend.name === "sqlite" ? "DATA_DIR" : "pg_stat_activity") });
      // After the cool-off the store is tried again, and it works.
      now += 5_000;
      await service.record(ALICE, "小微企业办电要几天", answered([11]));
      expect(warnings.map((w) => w.message).at(-1)).toBe("conversation database can be written again");
      // What was lost while it was down: the old context ended, the new question counts.
      expect((await service.recent(ALICE)).map((t) => t.question)).toEqual(["小微企业办电要几天"]);
    });
  });
});

describe("without a working store", () => {
  let dir: string;
  let now: number;
  let warnings: Array<{ message: string; meta: Record<string, unknown> }>;
  let service: ConversationService;

  function open(store?: ConversationStore, windowMs = WINDOW_MS): ConversationService {
    const options = { windowMs, now: () => now, onWarning: (message: string, meta: Record<string, unknown>) => warnings.push({ message, meta }) };
    return store ? new ConversationService(store, options) : ConversationService.open({ dataDir: dir, ...options });
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpb-conversation-"));
    now = Date.UTC(2025, 0, 6, 9, 0, 0);
    warnings = [];
    service = open();
  });

  afterEach(async () => {
    await service.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a store that cannot be read: no context (the message starts afresh), a button says so, nothing throws", async () => {
    const inner = SqliteConversationStore.open(path.join(dir, "broken"));
    const offer = await new ConversationService(inner, { windowMs: WINDOW_MS, now: () => now }).record(ALICE, "贷款", clarify([16, 19]));
    const fail = () => Promise.reject(new StoreUnavailableError("io", "conversation database: disk I/O error (SQLITE_IOERR)"));
    const broken: ConversationStore = { appendTurn: fail, endContext: fail, recentTurns: fail, turnByKey: fail, close: () => inner.close() };
    await service.shutdown();
    service = open(broken);
    expect(await service.recent(ALICE)).toEqual([]);
    expect(await service.lastTurn(ALICE)).toBeNull();
    expect(await service.offer(ALICE, offer.key, 16)).toEqual({ kind: "unavailable" });
    const turn = await service.record(ALICE, "开公司要几天？", answered([1]));
    expect(turn.key).toMatch(/^[\w-]{8}$/);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("conversation database cannot be read"),
      expect.stringContaining("conversation database cannot be written"),
    ]);
  });

  describe("a conversation database that cannot be opened", () => {
    it("is reported with what to do, and the chat goes on with what the process remembers", async () => {
      await service.shutdown();
      fs.writeFileSync(path.join(dir, CONVERSATIONS_DB_FILE), "this is not a database, just text long enough to be read as a header".repeat(20));
      service = open();
      expect(warnings[0]).toMatchObject({ message: expect.stringContaining("conversation database cannot be opened"), meta: { hint: expect.stringContaining(CONVERSATIONS_DB_FILE) } });
      const offer = await service.record(ALICE, "贷款", clarify([16, 19, 18]));
      expect((await service.recent(ALICE)).map((t) => t.key)).toEqual([offer.key]);
      expect(await service.offer(ALICE, offer.key, 19)).toMatchObject({ kind: "pick", measure: 19 });
    });
  });

  describe("helpers", () => {
    it("candidates for staff: what was cited, else offered, else pointed to", async () => {
      expect(candidatesOf(await service.record(ALICE, "q", answered([1, 2])))).toEqual([cite(1), cite(2)]);
      expect(candidatesOf(await service.record(ALICE, "q", clarify([16, 19])))).toEqual([cite(16), cite(19)]);
      expect(candidatesOf(await service.record(ALICE, "q", handoff("fact-missing", [12])))).toEqual([cite(12)]);
    });

    it.each(["0", "都不是", "都不是。", "以上都不是", "None of these", "none", " 都不对 "])("%j says none of the choices fits", (text) => {
      expect(isNoneOfThese(text)).toBe(true);
    });

    it.each(["2", "不是", "都不是开公司的问题吗", "贷款", ""])("%j does not", (text) => {
      expect(isNoneOfThese(text)).toBe(false);
    });

    it("a typed number picks the choice it numbers, nothing else does", async () => {
      const offer = await service.record(ALICE, "贷款", clarify([16, 19, 18]));
      expect([typedPick("1", offer), typedPick("２", offer), typedPick(" 3。", offer)]).toEqual([{ number: 16 }, { number: 19 }, { number: 18 }]);
      expect([typedPick("4", offer), typedPick("0", offer), typedPick("12", offer), typedPick("第二个", offer)]).toEqual([null, null, null, null]);
    });
  });
});
