import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { webhookSecretOf } from "../../src/config.js";
import { FakeTelegram } from "../support/fake-telegram.js";
import { closedPort } from "../support/flaky-proxy.js";
import { MainProcess } from "../support/spawn-main.js";
import { DIST_MAIN, distScript, runCommand } from "../support/run-command.js";
import { ConsoleClient } from "./console-harness.js";

// `npm start` picks its mode from the environment: HTTP_PORT → the server (with the bot by
// webhook or polling when a token is set); a webhook without the server is refused.
const KEY = "wecom:main-e2e-key-0123456789abcdef";
const STOP_WITHIN_MS = 10_000;

describe("npm start with HTTP_PORT and no token: the API and the chat page only", () => {
  let main: MainProcess;
  let dataDir: string;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "main-server-"));
    const port = await closedPort();
    base = `http://127.0.0.1:${port}`;
    main = new MainProcess({ HTTP_PORT: String(port), API_KEYS: KEY, DATA_DIR: dataDir });
    await main.waitForLog(/INFO \[bot\] http server listening/);
  }, 90_000);

  afterAll(() => {
    main.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers health, readiness, the API and the chat page", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await vi.waitFor(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), { timeout: 30_000, interval: 200 });
    const res = await fetch(`${base}/api/ask`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY.split(":")[1]}`, "content-type": "application/json" },
      body: JSON.stringify({ question: "小微企业办电要几天？" }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { citations: Array<{ measure: number }> }).citations[0]!.measure).toBe(11);
    expect((await fetch(`${base}/chat/`)).status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('karamay_questions_total{source="api",outcome="answered"} 1');
  });

  it("an account added with npm run users beside the running server logs in to its console", async () => {
    const added = await runCommand(process.execPath, [distScript("users"), "add", "zhaomin", "--role", "maintainer"], { env: { DATA_DIR: dataDir }, input: "a long console password\n" });
    expect(added.code).toBe(0);
    const browser = new ConsoleClient(base);
    expect((await browser.login("zhaomin", "a long console password")).status).toBe(303);
    const queue = await browser.get("/console/tickets");
    expect(queue.status).toBe(200);
    expect(queue.text).toContain("zhaomin · 维护人员");
    expect((await browser.get("/console/policy")).text).toContain("已索引的措施");
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await main.stop("SIGTERM", STOP_WITHIN_MS)).toEqual({ code: 0, signal: null });
    expect(main.stderr).toMatch(/INFO \[bot\] SIGTERM received: stopping\n.*INFO \[bot\] server stopped\n$/);
    expect(main.stderr).not.toMatch(/ERROR|unexpected error/);
    expect(main.stderr).not.toContain(KEY.split(":")[1]);
  }, 30_000);
});

describe("npm start with HTTP_PORT, a token and TELEGRAM_WEBHOOK_URL: webhook mode", () => {
  let tg: FakeTelegram;
  let main: MainProcess;
  let dataDir: string;

  beforeAll(async () => {
    tg = await FakeTelegram.start();
    dataDir = mkdtempSync(join(tmpdir(), "main-webhook-"));
    const port = await closedPort();
    main = new MainProcess({
      HTTP_PORT: String(port),
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      STAFF_CHAT_ID: "-1001",
      DATA_DIR: dataDir,
    });
    await main.waitForLog(/INFO \[bot\] bot started .*"updates":"webhook"/);
  }, 90_000);

  afterAll(async () => {
    main.kill();
    await tg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("registers the webhook with the secret and answers the updates Telegram posts", async () => {
    expect(tg.webhook.secretToken).toBe(webhookSecretOf({ token: tg.token, webhookSecret: null }));
    const update = tg.sendText({ chatId: 501, text: "小微企业办电要几天？" });
    const reply = await tg.waitForMessage(501, (m) => m.text.includes("第11条"), { timeoutMs: 30_000 });
    expect(reply.plain_text).toContain("负责部门：国网克拉玛依供电有限公司、市发改委");
    expect((await tg.waitForWebhookDelivery(update.update_id)).status).toBe(200);
    expect(tg.callsTo("getUpdates")).toEqual([]);
  });

  it("stops cleanly on SIGINT, leaving the webhook in place for the next start", async () => {
    expect(await main.stop("SIGINT", STOP_WITHIN_MS)).toEqual({ code: 0, signal: null });
    expect(main.stderr).toContain("INFO [bot] bot stopped");
    expect(main.stderr).not.toContain(tg.token);
    expect(main.stderr).not.toContain(tg.webhook.secretToken!);
    expect(tg.webhook.url).not.toBe("");
  }, 30_000);
});

describe("a webhook without the server", () => {
  it("is refused at start-up with what to set", async () => {
    const main = new MainProcess({ TELEGRAM_BOT_TOKEN: "123456:ABC-def", TELEGRAM_WEBHOOK_URL: "https://bot.example.gov.cn/telegram/webhook" });
    const exit = await main.exited;
    expect(exit.code).toBe(1);
    expect(main.stderr).toContain("TELEGRAM_WEBHOOK_URL: webhook mode needs the HTTP server; set HTTP_PORT too");
  }, 30_000);
});

describe("what the other modes load", () => {
  let dataDir: string;
  let hook: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "main-loads-"));
    // A preload that reports, at exit, every package of interest the process required (the commands are CommonJS bundles).
    hook = join(dataDir, "report-loaded.cjs");
    writeFileSync(
      hook,
      `process.on("exit", () => {
        for (const f of Object.keys(require.cache))
          if (/node_modules\\/(fastify|prom-client|undici|https-proxy-agent|socks-proxy-agent|fetch-socks)\\//.test(f)) process.stderr.write("LOADED " + f + "\\n");
      });`,
    );
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const loaded = (stderr: string) => [...new Set([...stderr.matchAll(/LOADED .*node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((m) => m[1]))].sort();

  it("npm run ask and the terminal chat never load Fastify, prom-client or the proxy packages; the server loads only the first two without a proxy", async () => {
    const ask = await runCommand(process.execPath, ["--require", hook, distScript("ask"), "--json", "开公司要几天"], { env: { DATA_DIR: dataDir } });
    expect(ask.code, ask.stderr).toBe(0);
    expect(loaded(ask.stderr)).toEqual([]);
    const chat = await runCommand(process.execPath, ["--require", hook, DIST_MAIN], { env: { DATA_DIR: dataDir }, input: "小微企业办电要几天\n" });
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toContain("第11条");
    expect(loaded(chat.stderr)).toEqual([]);
    const port = await closedPort();
    const server = new MainProcess({ HTTP_PORT: String(port), DATA_DIR: dataDir, NODE_OPTIONS: `--require=${hook}` });
    try {
      await server.waitForLog(/policy index loaded/);
    } finally {
      await server.stop("SIGTERM", STOP_WITHIN_MS);
    }
    // Reported at exit.
    expect(loaded(server.stderr)).toEqual(["fastify", "prom-client"]);
  }, 60_000);
});
