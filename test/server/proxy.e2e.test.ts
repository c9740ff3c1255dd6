import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLlmComposerIfConfigured } from "../../src/answer/composer.js";
import { runBot } from "../../src/bot/run.js";
import { loadConfig } from "../../src/config.js";
import { ConversationService } from "../../src/conversation/service.js";
import { HandoffService } from "../../src/handoff/service.js";
import { BotHarness, CORPUS_DIR, has } from "../support/bot-harness.js";
import { ConnectProxy, Socks5Proxy } from "../support/counting-proxies.js";
import { FakeOpenAI } from "../support/fake-openai.js";

// TELEGRAM_PROXY and LLM_PROXY: every Bot API call and every LLM request goes through the
// proxy (counted there), with credentials; when the proxy is gone the outage names the proxy
// without its password.
let h: BotHarness;
let llm: FakeOpenAI;
const PASSWORD = "pr0xy-Passw0rd-do-not-log";

beforeAll(async () => {
  h = await BotHarness.create("server-proxy-");
  llm = await FakeOpenAI.start();
});

afterAll(async () => {
  await h?.close();
  await llm?.stop();
});

const hostPort = (url: string) => new URL(url).host;

describe.each([
  ["http (CONNECT)", () => ConnectProxy.start({ user: "karamay", password: PASSWORD })],
  ["socks5", () => Socks5Proxy.start({ user: "karamay", password: PASSWORD })],
])("TELEGRAM_PROXY, %s", (_kind, start) => {
  it("carries every Bot API call; without the proxy the bot cannot reach Telegram, and the log names the proxy, never its password", async () => {
    const proxy = await start();
    try {
      await h.startBot({ env: { TELEGRAM_PROXY: proxy.url }, askGetMe: true, link: { requestTimeoutMs: 2_000, backoff: { initialMs: 50, maxMs: 200 } } });
      h.tg.sendText({ chatId: 1201, text: "小微企业办电要几天？" });
      await h.tg.waitForMessage(1201, has("第11条"));
      const target = hostPort(h.tg.apiRoot);
      expect(proxy.tunnelsTo(target)).toBeGreaterThan(0);
      expect(proxy.tunnels.every((t) => t.target === target)).toBe(true);
      expect(proxy.refused).toBe(0);

      const shown = proxy.url.replace(/\/\/.*@/, "//");
      await proxy.stop();
      await vi.waitFor(() => expect(h.bot!.bot.link.reachability.down).toBe(true), { timeout: 10_000 });
      const outage = h.logged("error").find((m) => m.startsWith("cannot reach the Telegram Bot API"))!;
      expect(outage).toContain(`through the proxy ${shown}`);
      expect(h.logText()).not.toContain(PASSWORD);
    } finally {
      await h.stopBot();
      await proxy.stop().catch(() => undefined);
    }
  });

  it("a proxy that refuses the credentials is an outage, not a crash", async () => {
    const proxy = await start();
    const wrong = proxy.url.replace(encodeURIComponent(PASSWORD), "wrong-password");
    h.tg.reset();
    const config = h.config({ TELEGRAM_PROXY: wrong });
    const handoff = await HandoffService.open({ dataDir: h.fresh(), staffChatId: null });
    const stop = new AbortController();
    try {
      const conversation = ConversationService.open({ dataDir: h.dataDir, windowMs: 0 });
      const starting = runBot(config, { engine: h.engine, handoff, conversation, logger: h.logger, link: { requestTimeoutMs: 2_000, backoff: { initialMs: 50, maxMs: 200 } } }, { handleSignals: false, stopSignal: stop.signal });
      await vi.waitFor(() => expect(proxy.refused).toBeGreaterThan(0), { timeout: 10_000 });
      await vi.waitFor(() => expect(h.logged("error").some((m) => m.startsWith("cannot reach the Telegram Bot API"))).toBe(true), { timeout: 10_000 });
      expect(h.tg.calls).toEqual([]);
      expect(h.logText()).not.toContain("wrong-password");
      // Stopping while it still waits for Telegram ends start-up.
      stop.abort();
      const running = await starting;
      await running.stopped;
      expect(running.runner).toBeNull();
    } finally {
      stop.abort();
      await proxy.stop();
    }
  });
});

describe.each([
  ["http (CONNECT)", () => ConnectProxy.start({ user: "karamay", password: PASSWORD })],
  ["socks5", () => Socks5Proxy.start()],
])("LLM_PROXY, %s", (_kind, start) => {
  it("carries the LLM request", async () => {
    const proxy = await start();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "llm-proxy-"));
    try {
      llm.reset();
      const config = loadConfig({ DATA_DIR: dataDir, CORPUS_DIR, LLM_BASE_URL: llm.baseURL, LLM_MODEL: "test-model", LLM_API_KEY: "sk-test", LLM_PROXY: proxy.url }, { dotenvFile: false });
      const logs: string[] = [];
      const composer = (await createLlmComposerIfConfigured(config, (m) => logs.push(m)))!;
      const extractive = await h.engine.ask("小微企业办电要几天？");
      expect(extractive.outcome).toBe("answered");
      await composer.compose("小微企业办电要几天？", [h.engine.measure(11)!], extractive);
      expect(llm.chatRequests()).toHaveLength(1);
      expect(proxy.tunnelsTo(hostPort(llm.baseURL))).toBeGreaterThan(0);
      expect(logs.join("\n")).not.toContain(PASSWORD);

      // Without the proxy the endpoint is not reached at all (the composer falls back and logs the proxy, not its password).
      await proxy.stop();
      const before = llm.chatRequests().length;
      expect(await composer.compose("小微企业办电要几天？", [h.engine.measure(11)!], extractive)).toEqual(extractive);
      expect(llm.chatRequests()).toHaveLength(before);
      expect(logs.join("\n")).toMatch(/llm: cannot reach the LLM endpoint at .* through the proxy (http|socks5):\/\/127\.0\.0\.1:\d+/);
      expect(logs.join("\n")).not.toContain(PASSWORD);
    } finally {
      await proxy.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
