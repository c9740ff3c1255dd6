import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "./support/fake-telegram.js";
import { MainProcess } from "./support/spawn-main.js";

// What the requirement allows for a stop after SIGINT/SIGTERM.
const STOP_WITHIN_MS = 10_000;

// `npm start` with a token runs the Telegram bot against TELEGRAM_API_ROOT; a signal stops it cleanly.
describe.each(["SIGTERM", "SIGINT"] as const)("npm start with a Telegram token, stopped by %s", (signal) => {
  let tg: FakeTelegram;
  let main: MainProcess;
  let dataDir: string;

  beforeAll(async () => {
    tg = await FakeTelegram.start();
    dataDir = mkdtempSync(join(tmpdir(), "main-e2e-"));
    main = new MainProcess({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, STAFF_CHAT_ID: "-1001", DATA_DIR: dataDir });
    await main.waitForLog(/INFO \[bot\] bot started/);
  }, 90_000);

  afterAll(async () => {
    main.kill();
    await tg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers a question with the measure, its figure and its departments", async () => {
    tg.sendText({ chatId: 501, userId: 501, firstName: "王", text: "小微企业办电要几天？" });
    const reply = await tg.waitForMessage(501, (m) => m.text.includes("第11条"), { timeoutMs: 30_000 });
    expect(reply.plain_text).toContain("实现小微企业和个体工商户供电报装办理周期压缩至2日");
    expect(reply.plain_text).toContain("负责部门：国网克拉玛依供电有限公司、市发改委");
  });

  it("hands an unanswerable question to the staff group as ticket #1", async () => {
    tg.sendText({ chatId: 502, userId: 502, firstName: "李", text: "市住建局的电话是多少" });
    const card = await tg.waitForMessage(-1001, (m) => m.plain_text.includes("市住建局的电话是多少"), { timeoutMs: 30_000 });
    expect(card.plain_text.split("\n").slice(0, 4)).toEqual(["工单 #1", "提问人：李", "问题：", "市住建局的电话是多少"]);
    const told = await tg.waitForMessage(502, (m) => m.plain_text.includes("工单"), { timeoutMs: 30_000 });
    expect(told.plain_text.split("\n")[0]).toBe("已为您创建工单 #1，工作人员会尽快回复您。");
    expect(tg.sentMessages(502).filter((m) => m.plain_text.includes("已为您创建工单"))).toHaveLength(1);
  });

  it(`stops cleanly on ${signal}`, async () => {
    expect(await main.stop(signal, STOP_WITHIN_MS)).toEqual({ code: 0, signal: null });
    expect(main.stderr).toMatch(new RegExp(`INFO \\[bot\\] ${signal} received: stopping\\n.*INFO \\[bot\\] bot stopped\\n$`));
    expect(main.stderr).not.toMatch(/ERROR|unexpected error|TypeError|at .*\.ts:\d+/);
    expect(main.stderr).not.toContain(tg.token);
  }, 30_000);
});
