/**
 * How `npm run index` finds the bot running on its data folder: through the instance lock, which the
 * operating system holds for the running process (a holder file left by a killed process names nobody).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireInstanceLock, INSTANCE_HOLDER_FILE, runningHolder } from "../../src/handoff/instance-lock.js";
import { signalRunningInstance } from "../../src/reload/running.js";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "running-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("runningHolder", () => {
  it("names the process holding the data folder, and nobody once it let go", () => {
    expect(runningHolder(dir)).toBeNull(); // never started
    const lock = acquireInstanceLock(dir);
    expect(runningHolder(dir)).toMatchObject({ pid: process.pid, host: os.hostname() });
    lock.release();
    expect(runningHolder(dir)).toBeNull();
  });

  it("a holder file left behind (kill -9) names nobody: the lock is free", () => {
    acquireInstanceLock(dir).release();
    fs.writeFileSync(path.join(dir, INSTANCE_HOLDER_FILE), JSON.stringify({ pid: 999_999, host: os.hostname(), startedAt: 1 }));
    expect(runningHolder(dir)).toBeNull();
  });
});

describe("signalRunningInstance", () => {
  const holder = (pid: number, host = os.hostname()) => () => ({ pid, host, startedAt: 0 });

  it("sends SIGHUP to the holder on this machine", () => {
    const sent: Array<[number, string]> = [];
    expect(signalRunningInstance(dir, { holder: holder(4242), kill: (pid, s) => void sent.push([pid, s]) })).toEqual({ kind: "signalled", pid: 4242 });
    expect(sent).toEqual([[4242, "SIGHUP"]]);
  });

  it("sends nothing when no bot runs, or it runs on another machine, and says why when the signal fails", () => {
    const kill = () => {
      throw new Error("should not be called");
    };
    expect(signalRunningInstance(dir, { holder: () => null, kill })).toEqual({ kind: "not-running" });
    expect(signalRunningInstance(dir, { holder: holder(4242, "other-host"), kill })).toEqual({ kind: "cannot-signal", pid: 4242, why: "it runs on other-host" });
    const refused = signalRunningInstance(dir, {
      holder: holder(4242),
      kill: () => {
        throw Object.assign(new Error("kill EPERM"), { code: "EPERM" });
      },
    });
    expect(refused).toEqual({ kind: "cannot-signal", pid: 4242, why: "kill EPERM" });
  });
});
