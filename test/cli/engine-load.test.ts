/** npm run engine-load: the engine's CPU per unseen question, the first half warming up, the second measured. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTemplate, CORPUS_DIR } from "../support/engine-template.js";
import { REPO_ROOT, runCommand } from "../support/run-command.js";

const SCRIPT = path.join(REPO_ROOT, "dist", "scripts", "engine-load.js");
let root: string;
let dataDir: string;
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "engine-load-"));
  dataDir = (await buildTemplate(root)).dataDir;
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) => runCommand(process.execPath, [SCRIPT, ...args], { env: { DATA_DIR: dataDir, CORPUS_DIR } });

describe("npm run engine-load", () => {
  it("asks the second half of the texts in chats, after the first, and says what one costs", async () => {
    const r = await run("--texts", "40", "--chats", "2");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("measuring");
    const m = /^20 unseen questions in chats \(2 at a time, each read with its last 3 turns\): ([\d.]+) ms CPU, ([\d.]+) ms wall per question$/m.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![2])).toBeGreaterThan(0);
  }, 60_000);

  it("asks each question alone with --alone, and refuses a count that is no count", async () => {
    const alone = await run("--texts", "20", "--alone");
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/^10 unseen questions alone: [\d.]+ ms CPU/m);
    const bad = await run("--chats", "0");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--chats takes a positive whole number");
    const notACount = await run("--texts", "many");
    expect(notACount.code).toBe(2);
    expect(notACount.stderr).toContain("--texts takes a positive whole number");
  }, 60_000);
});
