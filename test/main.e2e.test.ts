import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "./support/fake-telegram.js";
import { DIST_MAIN } from "./support/run-command.js";

// `npm start` with a token runs the Telegram bot against TELEGRAM_API_ROOT; SIGTERM stops it cleanly.
describe("npm start with a Telegram token", () => {
  let tg: FakeTelegram;
  let child: ChildProcess;
  let dataDir: string;
  let stderr = "";

  beforeAll(async () => {
    tg = await FakeTelegram.start();
    dataDir = mkdtempSync(join(tmpdir(), "main-e2e-"));
    // Node itself (not npm) so the signal reaches the bot process; `npm start` runs this file.
    child = spawn(process.execPath, [DIST_MAIN], {
      env: { ...process.env, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, STAFF_CHAT_ID: "-1001", DATA_DIR: dataDir, LLM_MODEL: "", EMBEDDINGS_MODEL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stderr!.on("data", (d) => (stderr += d));
    await tg.waitFor((c) => c.method === "getUpdates", { timeoutMs: 60_000 });
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await tg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers a question with the measure, its figure and its departments", async () => {
    tg.sendText({ chatId: 501, userId: 501, firstName: "王", text: "小微企业办电要几天？" });
    const reply = await tg.waitForMessage(501, (m) => m.text.includes("第11条"), { timeoutMs: 30_000 });
    expect(reply.plain_text).toContain("2日");
    expect(reply.plain_text).toContain("国网克拉玛依供电有限公司");
    expect(reply.plain_text).toContain("市发改委");
  });

  it("hands an unanswerable question to the staff group", async () => {
    tg.sendText({ chatId: 502, userId: 502, firstName: "李", text: "市住建局的电话是多少" });
    const card = await tg.waitForMessage(-1001, (m) => m.plain_text.includes("市住建局的电话是多少"), { timeoutMs: 30_000 });
    expect(card.plain_text.split("\n")[0]).toBe("工单 #1");
    const told = await tg.waitForMessage(502, (m) => /#\d+/.test(m.plain_text), { timeoutMs: 30_000 });
    expect(told.plain_text).toMatch(/^已为您创建工单 #1，/);
    expect(tg.sentMessages(502).filter((m) => m.plain_text.includes("已为您创建工单"))).toHaveLength(1);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/unexpected error|TypeError|at .*\.ts:\d+/);
  }, 30_000);
});
