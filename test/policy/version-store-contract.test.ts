/**
 * The PolicyVersionStore contract: the record of published policy versions, run against each
 * implementation (SQLite always, PostgreSQL when reachable, in a schema of its own per test).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewPolicyVersion, PolicyVersionStore } from "../../src/policy/version-store.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const publication = (version: string, publishedAt: number, over: Partial<NewPolicyVersion> = {}): NewPolicyVersion => ({
  version,
  publishedAt,
  by: "李工",
  measures: 42,
  diff: { added: [], changed: [], removed: [] },
  ...over,
});

describe.each(storeBackends())("PolicyVersionStore contract: $name", (backend) => {
  let storage: TestStorage;
  let store: PolicyVersionStore;

  beforeEach(async () => {
    storage = await backend.create();
    store = await storage.openPolicyVersionStore();
  });

  afterEach(async () => {
    await store.close();
    await storage.destroy();
  });

  it("has no current version before the first publication", async () => {
    expect(await store.current()).toBeNull();
    expect(await store.history(10)).toEqual([]);
  });

  it("records a publication field by field, the diff with document titles included, and it becomes current", async () => {
    const diff = { added: [{ number: 43, document: "《2023年措施》" }], changed: [{ number: 7 }], removed: [{ number: 12, document: "《2022年措施》" }] };
    const recorded = await store.record(publication("3f2a-9c1d", 1_700_000_000_123, { by: "王科长 (staff:77)", measures: 43, diff }));
    expect(recorded).toEqual({ id: expect.any(Number), version: "3f2a-9c1d", publishedAt: 1_700_000_000_123, by: "王科长 (staff:77)", measures: 43, diff });
    expect(await store.current()).toEqual(recorded);
  });

  it("the latest publication is current, even when it brings back an earlier version (a revert)", async () => {
    const a = await store.record(publication("aaaa", 1_000));
    const b = await store.record(publication("bbbb", 2_000));
    const again = await store.record(publication("aaaa", 3_000, { by: "revert" }));
    expect(b.id).toBeGreaterThan(a.id);
    expect(again.id).toBeGreaterThan(b.id);
    expect(await store.current()).toEqual(again);
    expect((await store.history(10)).map((v) => [v.version, v.by])).toEqual([
      ["aaaa", "revert"],
      ["bbbb", "李工"],
      ["aaaa", "李工"],
    ]);
  });

  it("history is newest first and at most `limit` long; a nonsense limit gives nothing rather than everything", async () => {
    for (let i = 1; i <= 5; i++) await store.record(publication(`v${i}`, i * 1_000));
    expect((await store.history(2)).map((v) => v.version)).toEqual(["v5", "v4"]);
    expect(await store.history(0)).toEqual([]);
    expect(await store.history(-3)).toEqual([]);
    expect(await store.history(Number.NaN)).toEqual([]);
  });

  it("another connection (another instance) sees what this one recorded", async () => {
    await store.record(publication("shared", 5_000));
    const other = await storage.openPolicyVersionStore();
    try {
      expect((await other.current())?.version).toBe("shared");
    } finally {
      await other.close();
    }
  });

  it("refuses work after close with a closed fault", async () => {
    await store.close();
    await expect(store.current()).rejects.toMatchObject({ reason: "closed" });
    await expect(store.record(publication("late", 1))).rejects.toMatchObject({ reason: "closed" });
  });
});
