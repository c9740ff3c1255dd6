/**
 * The QuestionLogStore contract: what QuestionLog and the report rely on from any implementation,
 * run against each one (SQLite always, PostgreSQL when reachable, in a schema of its own per test).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QuestionLogStore } from "../../src/question-log/store.js";
import type { NewLoggedQuestion } from "../../src/question-log/types.js";
import { StoreUnavailableError } from "../../src/store/errors.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const question = (at: number, over: Partial<NewLoggedQuestion> = {}): NewLoggedQuestion => ({
  at,
  askerHash: "hash-zhang",
  channel: "telegram",
  question: "小微企业办电要几天",
  outcome: "answered",
  handoffReason: null,
  source: "policy",
  faqEntryId: null,
  cited: [11, 12],
  latencyMs: 7.25,
  ...over,
});

describe.each(storeBackends())("QuestionLogStore contract: $name", (backend) => {
  let storage: TestStorage;
  let store: QuestionLogStore;

  beforeEach(async () => {
    storage = await backend.create();
    store = await storage.openQuestionLogStore();
  });

  afterEach(async () => {
    await store.close();
    await storage.destroy();
  });

  it("appends questions with increasing ids and reads them back field by field, oldest first, since a time", async () => {
    const a = await store.append(question(1_000));
    const b = await store.append(question(3_000, { askerHash: "hash-li", channel: "terminal", question: "市住建局电话", outcome: "handoff", handoffReason: "fact-missing", cited: [], latencyMs: 0.5 }));
    const c = await store.append(question(2_000, { source: "faq", faqEntryId: 4, cited: [2] }));
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(await store.questionsSince(0)).toEqual([
      { id: a, at: 1_000, askerHash: "hash-zhang", channel: "telegram", question: "小微企业办电要几天", outcome: "answered", handoffReason: null, source: "policy", faqEntryId: null, cited: [11, 12], latencyMs: 7.25, feedback: null, ticketId: null },
      { id: c, at: 2_000, askerHash: "hash-zhang", channel: "telegram", question: "小微企业办电要几天", outcome: "answered", handoffReason: null, source: "faq", faqEntryId: 4, cited: [2], latencyMs: 7.25, feedback: null, ticketId: null },
      { id: b, at: 3_000, askerHash: "hash-li", channel: "terminal", question: "市住建局电话", outcome: "handoff", handoffReason: "fact-missing", source: "policy", faqEntryId: null, cited: [], latencyMs: 0.5, feedback: null, ticketId: null },
    ]);
    expect((await store.questionsSince(2_000)).map((q) => q.id)).toEqual([c, b]);
    expect(await store.questionsSince(3_001)).toEqual([]);
  });

  it("takes 👍/👎 only with the question's asker hash, and links a ticket", async () => {
    const id = await store.append(question(1_000));
    expect(await store.setFeedback(id, "hash-li", "up", 2_000)).toBe(false);
    expect(await store.setFeedback(id, "hash-zhang", "down", 2_000)).toBe(true);
    expect(await store.setFeedback(id + 99, "hash-zhang", "up", 2_000)).toBe(false);
    await store.setTicket(id, 42);
    expect((await store.questionsSince(0))[0]).toMatchObject({ feedback: "down", ticketId: 42 });
  });

  it("sums outcomes, FAQ answers and votes since a time, for any outcome the engine gives", async () => {
    const ids = [
      await store.append(question(1_000)),
      await store.append(question(2_000, { source: "faq", faqEntryId: 1 })),
      await store.append(question(2_000, { outcome: "clarify" })),
      await store.append(question(3_000, { outcome: "handoff" })),
      await store.append(question(3_000, { outcome: "some-later-outcome" })),
    ];
    await store.setFeedback(ids[0]!, "hash-zhang", "up", 1);
    await store.setFeedback(ids[1]!, "hash-zhang", "up", 1);
    await store.setFeedback(ids[3]!, "hash-zhang", "down", 1);
    expect(await store.summarySince(0)).toEqual({ questions: 5, outcomes: { answered: 2, clarify: 1, handoff: 1, "some-later-outcome": 1 }, faqAnswers: 1, up: 2, down: 1 });
    expect(await store.summarySince(2_000)).toEqual({ questions: 4, outcomes: { answered: 1, clarify: 1, handoff: 1, "some-later-outcome": 1 }, faqAnswers: 1, up: 1, down: 1 });
    expect(await store.summarySince(9_000)).toEqual({ questions: 0, outcomes: {}, faqAnswers: 0, up: 0, down: 0 });
  });

  it("the retention forgets the text and asker hash of older questions only, once, and keeps their figures", async () => {
    const old = await store.append(question(1_000));
    await store.setFeedback(old, "hash-zhang", "up", 1_500);
    const recent = await store.append(question(5_000));
    expect(await store.forgetBefore(5_000)).toBe(1);
    expect(await store.forgetBefore(5_000)).toBe(0);
    const [a, b] = await store.questionsSince(0);
    expect(a).toMatchObject({ id: old, question: null, askerHash: null, feedback: "up", outcome: "answered", cited: [11, 12] });
    expect(b).toMatchObject({ id: recent, question: "小微企业办电要几天", askerHash: "hash-zhang" });
    // Nobody can vote on a question whose asker was forgotten.
    expect(await store.setFeedback(old, "hash-zhang", "down", 6_000)).toBe(false);
  });

  it("stores HTML, SQL, emoji and a NUL character without failing the write", async () => {
    await store.append(question(1_000, { question: `<b>'); DROP TABLE questions; -- 🙂\u0000尾` }));
    const [q] = await store.questionsSince(0);
    expect(q?.question?.startsWith(`<b>'); DROP TABLE questions; -- 🙂`)).toBe(true);
    expect(q?.question?.endsWith("尾")).toBe(true);
  });

  it("writes give up quickly on a held lock with a busy fault, while reads go on; the retention waits longer and then fails busy", async () => {
    await store.close();
    store = await storage.openQuestionLogStore({ lockWaitMs: 300, bestEffortWaitMs: 20 });
    const id = await store.append(question(1_000));
    const release = await storage.holdWriteLock("questions");
    try {
      await expect(store.append(question(2_000))).rejects.toMatchObject({ reason: "busy", database: "question log" });
      await expect(store.setFeedback(id, "hash-zhang", "up", 1)).rejects.toMatchObject({ reason: "busy" });
      const err = await store.forgetBefore(9_000).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err).toMatchObject({ reason: "busy" });
      expect(await store.questionsSince(0)).toHaveLength(1);
    } finally {
      await release();
    }
    expect(await store.append(question(2_000))).toBeGreaterThan(id);
  });

  it("refuses work after close with a closed fault", async () => {
    await store.close();
    await expect(store.append(question(1_000))).rejects.toMatchObject({ reason: "closed" });
    await expect(store.summarySince(0)).rejects.toMatchObject({ reason: "closed" });
    store = await storage.openQuestionLogStore();
  });
});
