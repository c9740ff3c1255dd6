/**
 * The real server (runServer: Fastify, the plugins, the bot in webhook or polling mode, the
 * callback delivery loop) in this process, against the fake Bot API, with the engine built once
 * per file (BotHarness) and a fresh data folder per server.
 *
 *   const h = await ServerHarness.create("webhook-");
 *   const s = await h.startServer({ webhook: true });
 *   h.tg.sendText({ chatId: ASKER, text: "…" });   // posted to /telegram/webhook
 *   await h.stopServer(); … await h.close();
 */
import { closedPort } from "../support/flaky-proxy.js";
import { BotHarness } from "../support/bot-harness.js";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { Clock } from "../../src/clock.js";
import { HandoffService } from "../../src/handoff/service.js";
import type { HandoffStore } from "../../src/handoff/store.js";
import { SqliteHandoffStore } from "../../src/handoff/sqlite-store.js";
import type { RequestLimiter } from "../../src/server/api/limiter.js";
import { PrometheusMetrics } from "../../src/server/prometheus.js";
import { runServer, type RunningServer } from "../../src/server/run-server.js";
import type { Config } from "../../src/config.js";
import type { App } from "../../src/compose.js";

export const API_KEY = "wecom-test-key-0123456789abcdef";
export const SITE_KEY = "site-test-key-0123456789abcdefgh";

export interface ServerStart {
  /** Webhook mode: TELEGRAM_WEBHOOK_URL pointing at this server. */
  webhook?: boolean;
  /** No TELEGRAM_BOT_TOKEN: API and chat page only. */
  noTelegram?: boolean;
  env?: Record<string, string>;
  clock?: Clock;
  limiter?: RequestLimiter;
  /** Wrap the tickets store (e.g. a FaultyStore). */
  store?: (inner: HandoffStore) => HandoffStore;
  /** Open the engine this way (e.g. never, to see the server while the index loads). */
  openEngine?: () => Promise<PolicyEngine>;
  /** Open the whole composition this way instead (as npm start does: e.g. a live policy with its reloader). */
  openApp?: (c: { config: Config; handoff: HandoffService; metrics: PrometheusMetrics }) => Promise<App>;
  callbackTimeoutMs?: number;
  /** Ask getMe at start-up instead of passing the fake's bot info. */
  askGetMe?: boolean;
  link?: { requestTimeoutMs?: number; backoff?: { initialMs: number; maxMs: number } };
  /** Keep the fake's state (its webhook, calls, chats) from the previous server. */
  keepFake?: boolean;
}

export class ServerHarness {
  server: RunningServer | undefined;
  metrics!: PrometheusMetrics;
  handoff!: HandoffService;
  config!: Config;

  private constructor(readonly h: BotHarness) {}

  static async create(prefix: string): Promise<ServerHarness> {
    return new ServerHarness(await BotHarness.create(prefix));
  }

  get tg() {
    return this.h.tg;
  }

  get url(): string {
    return this.server!.url;
  }

  async startServer(o: ServerStart = {}): Promise<RunningServer> {
    await this.stopServer();
    if (!o.keepFake) this.h.tg.reset();
    this.h.fresh();
    const port = await closedPort();
    this.config = this.h.config({
      HTTP_PORT: String(port),
      API_KEYS: `wecom:${API_KEY} site:${SITE_KEY}`,
      ...(o.webhook ? { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook` } : {}),
      ...(o.noTelegram ? { TELEGRAM_BOT_TOKEN: "", STAFF_CHAT_ID: "" } : {}),
      ...o.env,
    });
    this.metrics = new PrometheusMetrics({ defaultMetrics: false });
    const inner = SqliteHandoffStore.open(this.h.dataDir, { lockWaitMs: 300 });
    const store = o.store ? o.store(inner) : inner;
    this.handoff = new HandoffService(store, {
      staffChatId: this.config.telegram.staffChatId,
      onWarning: (m, meta) => this.h.logger.warn(m, meta),
      metrics: this.metrics,
      updateClaimMs: this.config.updateClaimMs,
    });
    this.server = await runServer(this.config, {
      handoff: this.handoff,
      logger: this.h.logger,
      metrics: this.metrics,
      ...(o.openApp
        ? { openApp: () => o.openApp!({ config: this.config, handoff: this.handoff, metrics: this.metrics }) }
        : { openEngine: o.openEngine ?? (async () => this.h.engine) }),
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.limiter ? { limiter: o.limiter } : {}),
      bot: { ...(o.askGetMe ? {} : { botInfo: this.h.tg.botInfo }), ...(o.link ? { link: o.link } : {}) },
      run: { deliveryIntervalMs: 100, pollTimeoutSeconds: 5 },
      callbackIntervalMs: 100,
      ...(o.callbackTimeoutMs !== undefined ? { callbackTimeoutMs: o.callbackTimeoutMs } : {}),
      handleSignals: false,
    });
    return this.server;
  }

  /** Resolves once the bot reached Telegram (getMe, commands, setWebhook or the first poll). */
  async botRunning(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!this.server?.bot()) {
      if (Date.now() > deadline) throw new Error(`the bot did not start; log:\n${this.h.logText()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Stops the server; one that does not stop within 15 s fails with the log, so a hang says where it was. */
  async stopServer(): Promise<void> {
    const server = this.server;
    if (!server) return;
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not stop within 15 s; log:\n${this.h.logText().slice(-4000)}`)), 15_000);
    });
    try {
      await Promise.race([server.stop(), hung]);
    } finally {
      clearTimeout(timer);
      this.server = undefined;
    }
  }

  async close(): Promise<void> {
    await this.stopServer();
    await this.h.close();
  }

  /** A request to the server; JSON body in, parsed JSON (when any) out. */
  async request(method: string, path: string, { body, token, headers = {} }: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }
}
