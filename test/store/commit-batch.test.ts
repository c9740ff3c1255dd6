import { describe, expect, it } from "vitest";
import { CommitBatch } from "../../src/store/commit-batch.js";

describe("CommitBatch", () => {
  it("commits the writes of one turn of the event loop at once, in order, and resolves each after the commit", async () => {
    const commits: number[][] = [];
    const batch = new CommitBatch<number>((items) => {
      commits.push(items);
      return items.map(() => undefined);
    });
    const settled: number[] = [];
    const writes = [1, 2, 3].map((n) => batch.add(n).then(() => settled.push(n)));
    expect(commits).toEqual([]);
    await Promise.all(writes);
    expect(commits).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([1, 2, 3]);
    await batch.add(4);
    expect(commits).toEqual([[1, 2, 3], [4]]);
  });

  it("gives each write its own result", async () => {
    const batch = new CommitBatch<number, string>((items) => items.map((n) => `row ${n}`));
    expect(await Promise.all([batch.add(1), batch.add(2), batch.add(3)])).toEqual(["row 1", "row 2", "row 3"]);
  });

  it("a failed commit fails every write of it with its error; the next batch is committed", async () => {
    let fail = true;
    const commits: number[][] = [];
    const batch = new CommitBatch<number>((items) => {
      if (fail) throw new Error("disk full");
      commits.push(items);
      return items.map(() => undefined);
    });
    const results = await Promise.allSettled([batch.add(1), batch.add(2)]);
    expect(results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "ok"))).toEqual(["disk full", "disk full"]);
    fail = false;
    await batch.add(3);
    expect(commits).toEqual([[3]]);
  });

  it("flush commits what waits at once (before a close), and nothing when nothing waits", async () => {
    const commits: number[][] = [];
    const batch = new CommitBatch<number>((items) => {
      commits.push(items);
      return items.map(() => undefined);
    });
    const write = batch.add(1);
    batch.flush();
    expect(commits).toEqual([[1]]);
    await write;
    batch.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([[1]]);
  });
});
