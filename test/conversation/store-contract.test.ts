/**
 * The ConversationStore contract: what ConversationService relies on from any implementation, run
 * against each one (SQLite always, PostgreSQL when reachable, in a schema of its own per test).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationStore } from "../../src/conversation/store.js";
import { StoreUnavailableError } from "../../src/store/errors.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";
import { ALICE, ALICE_TERMINAL, BOB, cite, LIMITS, turn } from "./turns.js";


describe.each(storeBackends())("ConversationStore contract: $name", (backend) => {
  let storage: TestStorage;
  let store: ConversationStore;

  beforeEach(async () => {
    storage = await backend.create();
    store = await storage.openConversationStore();
  });

  afterEach(async () => {
    await store.close();
    await storage.destroy();
  });

  it("stores a turn and reads it back field by field, a clarify's offer and a handoff's pointers included", async () => {
    const offer = turn(ALICE, "k1", 1_000, {
      outcome: "clarify",
      citations: [],
      choices: [
        { ...cite(16), covers: "信用贷款" },
        { ...cite(19), covers: "知识产权质押贷款" },
      ],
      understood: "贷款",
      language: "en",
    });
    const handed = turn(ALICE, "k2", 2_000, { outcome: "handoff", handoffReason: "fact-missing", citations: [], related: [cite(12)], context: "开公司要几天？", understood: null });
    await store.appendTurn(offer, LIMITS);
    await store.appendTurn(handed, LIMITS);
    expect(await store.turnByKey(ALICE, "k1")).toEqual(offer);
    expect(await store.turnByKey(ALICE, "k2")).toEqual(handed);
    expect(await store.recentTurns(ALICE, 0, 10)).toEqual([offer, handed]);
  });

  it("finds a chat's own turns only: by channel and chat, in context, asked since a time, the newest `limit` oldest first", async () => {
    for (let i = 1; i <= 5; i++) await store.appendTurn(turn(ALICE, `a${i}`, i * 1_000), LIMITS);
    await store.appendTurn(turn(BOB, "b1", 3_500), LIMITS);
    await store.appendTurn(turn(ALICE_TERMINAL, "t1", 3_600), LIMITS);
    const keys = async (chat: typeof ALICE | typeof ALICE_TERMINAL, since: number, limit: number) => (await store.recentTurns(chat, since, limit)).map((t) => t.key);
    expect(await keys(ALICE, 0, 10)).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    expect(await keys(ALICE, 3_000, 10)).toEqual(["a3", "a4", "a5"]);
    expect(await keys(ALICE, 0, 2)).toEqual(["a4", "a5"]);
    expect(await keys(ALICE_TERMINAL, 0, 10)).toEqual(["t1"]);
    expect(await keys(BOB, 0, 10)).toEqual(["b1"]);
    // A key is looked up within its chat.
    expect(await store.turnByKey(BOB, "a1")).toBeNull();
    expect(await store.turnByKey(ALICE_TERMINAL, "a1")).toBeNull();
    expect(await store.turnByKey(ALICE, "nope")).toBeNull();
  });

  it("ending the context hides the chat's turns from recentTurns only; later turns are context again; buttons still find them", async () => {
    await store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS);
    await store.appendTurn(turn(BOB, "b1", 1_000), LIMITS);
    await store.endContext(ALICE);
    expect(await store.recentTurns(ALICE, 0, 10)).toEqual([]);
    expect((await store.recentTurns(BOB, 0, 10)).map((t) => t.key)).toEqual(["b1"]);
    expect(await store.turnByKey(ALICE, "a1")).toMatchObject({ key: "a1", inContext: false });
    await store.appendTurn(turn(ALICE, "a2", 2_000), LIMITS);
    expect((await store.recentTurns(ALICE, 0, 10)).map((t) => t.key)).toEqual(["a2"]);
  });

  it("applies the limits on each append: the newest turns per chat, and no turn asked before the cut-off", async () => {
    for (let i = 1; i <= 4; i++) await store.appendTurn(turn(ALICE, `a${i}`, i * 1_000), { keepPerChat: 3, forgetBefore: 0 });
    await store.appendTurn(turn(BOB, "b1", 1_500), { keepPerChat: 3, forgetBefore: 0 });
    expect((await store.recentTurns(ALICE, 0, 10)).map((t) => t.key)).toEqual(["a2", "a3", "a4"]);
    expect(await store.turnByKey(ALICE, "a1")).toBeNull();
    await store.appendTurn(turn(ALICE, "a5", 5_000), { keepPerChat: 3, forgetBefore: 2_500 });
    expect((await store.recentTurns(ALICE, 0, 10)).map((t) => t.key)).toEqual(["a3", "a4", "a5"]);
    // The cut-off is for every chat.
    expect(await store.turnByKey(BOB, "b1")).toBeNull();
  });

  it("stores HTML, SQL, emoji and a NUL character without failing the write", async () => {
    await store.appendTurn(turn(ALICE, "x", 1_000, { question: `<b>'); DROP TABLE turns; -- 🙂\u0000尾` }), LIMITS);
    const stored = await store.turnByKey(ALICE, "x");
    expect(stored?.question.startsWith(`<b>'); DROP TABLE turns; -- 🙂`)).toBe(true);
    expect(stored?.question.endsWith("尾")).toBe(true);
  });

  it("a second store on the same data sees the turns (another process, another instance)", async () => {
    await store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS);
    const other = await storage.openConversationStore();
    try {
      expect((await other.turnByKey(ALICE, "a1"))?.question).toBe("问题 a1");
    } finally {
      await other.close();
    }
  });

  it("writes give up quickly on a held lock with a busy fault, while reads go on", async () => {
    await store.close();
    store = await storage.openConversationStore({ bestEffortWaitMs: 20 });
    await store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS);
    const release = await storage.holdWriteLock("conversations");
    try {
      const err = await store.appendTurn(turn(ALICE, "a2", 2_000), LIMITS).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err).toMatchObject({ reason: "busy", database: "conversation database" });
      await expect(store.endContext(ALICE)).rejects.toMatchObject({ reason: "busy" });
      expect((await store.recentTurns(ALICE, 0, 10)).map((t) => t.key)).toEqual(["a1"]);
    } finally {
      await release();
    }
    await store.appendTurn(turn(ALICE, "a2", 2_000), LIMITS);
    expect((await store.recentTurns(ALICE, 0, 10)).map((t) => t.key)).toEqual(["a1", "a2"]);
  });

  it("refuses work after close with a closed fault", async () => {
    await store.close();
    await expect(store.recentTurns(ALICE, 0, 10)).rejects.toMatchObject({ reason: "closed" });
    await expect(store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS)).rejects.toMatchObject({ reason: "closed" });
    store = await storage.openConversationStore();
  });
});
