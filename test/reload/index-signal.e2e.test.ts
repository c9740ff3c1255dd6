/**
 * `npm run index` while `npm start` runs on the same data folder (watching off, so only the signal can
 * reload it): the index is built beside the one in use, the running bot is told with SIGHUP, loads it,
 * answers from it and tells the staff chat. With no bot running, the index is built and nothing is sent.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../support/fake-telegram.js";
import { distScript, REPO_ROOT, runCommand } from "../support/run-command.js";
import { MainProcess } from "../support/spawn-main.js";

const STAFF_CHAT = -1001;
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";
const WAIT = { timeoutMs: 30_000 };

describe("npm run index tells the running bot to reload", () => {
  let tg: FakeTelegram;
  let main: MainProcess;
  let root: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    tg = await FakeTelegram.start();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "index-signal-"));
    fs.cpSync(path.join(REPO_ROOT, "corpus"), path.join(root, "corpus"), { recursive: true });
    env = { DATA_DIR: path.join(root, "data"), CORPUS_DIR: path.join(root, "corpus") };
    main = new MainProcess({ ...env, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, STAFF_CHAT_ID: String(STAFF_CHAT), CORPUS_WATCH: "off" });
    await main.waitForLog(/INFO \[bot\] bot started/);
  }, 90_000);

  afterAll(async () => {
    main.kill();
    await tg.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("an edit, then npm run index: the bot answers from the new text and the staff chat is told", async () => {
    const file = path.join(root, "corpus", POLICY);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("个体工商户供电报装办理周期压缩至2日", "个体工商户供电报装办理周期压缩至4日"));

    const r = await runCommand(process.execPath, [distScript("index")], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("changes: added 0 (无), changed 1 (第11条), removed 0 (无)");
    expect(r.stdout).toMatch(/told the running bot \(pid \d+\) to reload/);

    const notice = await tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.includes("政策库已更新"), WAIT);
    expect(notice.plain_text).toContain("（npm run index）");
    expect(notice.plain_text).toContain("修改 1 条：第11条");

    tg.sendText({ chatId: 501, userId: 501, firstName: "王", text: "小微企业办电要几天？" });
    const reply = await tg.waitForMessage(501, (m) => m.plain_text.includes("第11条"), WAIT);
    expect(reply.plain_text).toContain("个体工商户供电报装办理周期压缩至4日");
    expect(main.running).toBe(true);
    expect(main.stderr).toMatch(/reload \(signal by SIGHUP\): now answering from 42 measures; added 0 \(none\), changed 1 \(第11条\)/);
    expect(main.stderr).not.toMatch(/ERROR|unexpected error/);
  }, 90_000);

  it("with the bot stopped: the index is built and nobody is signalled", async () => {
    expect(await main.stop("SIGTERM", 10_000)).toEqual({ code: 0, signal: null });
    const r = await runCommand(process.execPath, [distScript("index")], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`no bot is running on ${env.DATA_DIR}; it loads this index when it starts`);
  }, 60_000);
});
