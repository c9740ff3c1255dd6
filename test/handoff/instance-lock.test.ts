import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireInstanceLock, INSTANCE_HOLDER_FILE, InstanceLockedError } from "../../src/handoff/instance-lock.js";

// Across processes (and after kill -9) this is tested in crash.e2e.test.ts; here the API and the message.
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "instance-lock-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("acquireInstanceLock", () => {
  it("refuses a second holder of the same data folder, naming the folder and the holder; free again after release", () => {
    const first = acquireInstanceLock(path.join(dir, "data"), () => Date.UTC(2024, 0, 2, 3, 4, 5));
    let refused: unknown;
    try {
      acquireInstanceLock(path.join(dir, "data"));
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(InstanceLockedError);
    expect((refused as InstanceLockedError).holder).toEqual({ pid: process.pid, host: os.hostname(), startedAt: Date.UTC(2024, 0, 2, 3, 4, 5) });
    expect((refused as Error).message).toBe(
      `another npm start is already running on the data folder ${path.join(dir, "data")} (pid ${process.pid} on ${os.hostname()}, started 2024-01-02T03:04:05.000Z): stop it first (kill ${process.pid}), or give this one another DATA_DIR`,
    );
    first.release();
    expect(fs.existsSync(path.join(dir, "data", INSTANCE_HOLDER_FILE))).toBe(false);
    // Taken again on a lock file that exists already (a restart): just as exclusive.
    const again = acquireInstanceLock(path.join(dir, "data"));
    expect(() => acquireInstanceLock(path.join(dir, "data"))).toThrow(InstanceLockedError);
    again.release();
  });

  it("a holder file left by a dead process does not block: only the operating-system lock counts", () => {
    fs.mkdirSync(path.join(dir, "data"));
    fs.writeFileSync(path.join(dir, "data", INSTANCE_HOLDER_FILE), JSON.stringify({ pid: 999_999, host: "old", startedAt: 1 }));
    const lock = acquireInstanceLock(path.join(dir, "data"));
    expect(JSON.parse(fs.readFileSync(path.join(dir, "data", INSTANCE_HOLDER_FILE), "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it("another data folder is another lock", () => {
    const a = acquireInstanceLock(path.join(dir, "a"));
    const b = acquireInstanceLock(path.join(dir, "b"));
    a.release();
    b.release();
  });
});
