import { describe, expect, it } from "vitest";
import { BoundedMemo } from "../../src/search/bounded-memo.js";

describe("BoundedMemo", () => {
  it("computes a key once while it is among the last `size` keys computed, and forgets the oldest first", () => {
    const computed: string[] = [];
    const memo = new BoundedMemo<string, string>(3);
    const get = (k: string) => memo.get(k, (key) => (computed.push(key), key.toUpperCase()));
    for (const k of ["a", "b", "c", "a", "b"]) expect(get(k)).toBe(k.toUpperCase());
    expect(computed).toEqual(["a", "b", "c"]);
    get("d"); // a, the oldest, goes
    get("b");
    get("a");
    expect(computed).toEqual(["a", "b", "c", "d", "a"]);
    // Over many rounds it keeps exactly `size` keys: the three last computed are remembered, the one before is not.
    for (let i = 0; i < 100; i++) get(`k${i}`);
    const before = computed.length;
    for (const k of ["k97", "k98", "k99"]) get(k);
    expect(computed.length).toBe(before);
    get("k96");
    expect(computed.length).toBe(before + 1);
  });

  it("computes again a key whose value is undefined, without it taking a second place among the kept", () => {
    const computed: string[] = [];
    const memo = new BoundedMemo<string, string | undefined>(2);
    const get = (k: string) => memo.get(k, (key) => (computed.push(key), key === "none" ? undefined : key));
    for (const k of ["a", "none", "none", "none"]) get(k);
    expect(computed).toEqual(["a", "none", "none", "none"]);
    get("a"); // still kept: "none" holds one place, however often computed
    expect(computed).toHaveLength(4);
  });
});
