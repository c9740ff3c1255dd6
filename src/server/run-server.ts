/**
 * `npm start` with HTTP_PORT: the HTTP server first (health answers while the index loads), then
 * the engine, then the Telegram bot when a token is set (webhook with TELEGRAM_WEBHOOK_URL,
 * otherwise long polling) and the delivery loop for API callbacks. SIGINT/SIGTERM stop it all:
 * no new requests, those in progress finish, deliveries stop, the store closes.
 */
import type { PolicyEngine } from "../answer/engine.js";
import { openEngine, type OpenEngineOptions } from "../answer/open-engine.js";
import { createBot, telegramFetch, type BotDeps, type PolicyBot } from "../bot/create-bot.js";
import type { BotLogger } from "../bot/logger.js";
import { errorMeta } from "../bot/logger.js";
import { runBot, STOP_DEADLINE_MS, type RunBotOptions, type RunningBot } from "../bot/run.js";
import { formatDuration, systemClock, type Clock } from "../clock.js";
import type { App } from "../compose.js";
import type { Config } from "../config.js";
import type { Coordination } from "../coordination/open.js";
import { ConversationService } from "../conversation/service.js";
import { createCallbackDelivery } from "../handoff/callback-delivery.js";
import type { OutboxLoop } from "../handoff/outbox-loop.js";
import type { HandoffService } from "../handoff/service.js";
import { instrumentEngine } from "../metrics.js";
import type { RequestLimiter } from "./api/limiter.js";
import { createServer, createServerManager } from "./create-server.js";
import type { PrometheusMetrics } from "./prometheus.js";
import { askerMessageText } from "./strings.js";
import type { CheckResult, TelegramStatus } from "./types.js";

export const DEFAULT_CALLBACK_INTERVAL_MS = 1_000;

export interface ServerModeDeps {
  handoff: HandoffService;
  logger: BotLogger;
  metrics: PrometheusMetrics;
  /**
   * The whole composition (the live policy and its reloader, FAQ in front of the engine, conversations, the question log)
   * once the index loads; its handoff is `handoff`.
   */
  openApp?: () => Promise<App>;
  /** Without openApp: opens the engine alone (tests pass a ready one); conversations are opened here, no FAQ or log. */
  openEngine?: () => Promise<PolicyEngine>;
  engineOptions?: OpenEngineOptions;
  clock?: Clock;
  limiter?: RequestLimiter;
  webDir?: string;
  version?: string;
  /** The rate limit across instances (Redis) or in this process; the bot's default when absent. */
  coordination?: Coordination;
  /** Tests: bot details (botInfo, link timings) and run options. */
  bot?: Partial<Pick<BotDeps, "botInfo" | "link">>;
  run?: Pick<RunBotOptions, "deliveryIntervalMs" | "pollTimeoutSeconds">;
  callbackIntervalMs?: number;
  callbackTimeoutMs?: number;
  /** Stop on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The bot once it is running (null without a token, or until it has reached Telegram). */
  bot(): RunningBot | null;
  engine(): PolicyEngine | null;
  /** Resolves when the index is loaded and the bot (if any) created; rejects when the index cannot be opened. */
  ready: Promise<void>;
  callbacks: OutboxLoop;
  /** Everything stopped, the store closed. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when stopped; rejects when start-up failed for good (a token Telegram refuses, a corpus that does not parse). */
  stopped: Promise<void>;
}

export async function runServer(config: Config, deps: ServerModeDeps): Promise<RunningServer> {
  const { handoff, logger, metrics } = deps;
  const clock = deps.clock ?? systemClock;
  const port = config.http.port ?? 0;
  let engine: PolicyEngine | null = null;
  let composed: App | null = null;
  let bot: PolicyBot | null = null;
  let running: RunningBot | null = null;
  let botRun: Promise<void> | null = null;
  const stopBot = new AbortController();

  const telegram: TelegramStatus | null = config.telegram.token ? { check: () => telegramCheck(bot, running, clock) } : null;
  const callbacks = createCallbackDelivery(handoff, {
    route: (d) => {
      const caller = d.chatId.split(":")[1] ?? "";
      const url = config.api.callbacks[caller];
      const key = config.api.keys.find((k) => k.name === caller)?.key;
      if (!url || !key) return { missing: `no callback URL for the API caller ${caller} (API_CALLBACKS): add it, then /resend ${d.ticketId}` };
      return { url, signingKey: key };
    },
    render: (d, t) => askerMessageText(d.kind, t.id, d.body),
    log: logger,
    ...(deps.callbackTimeoutMs !== undefined ? { timeoutMs: deps.callbackTimeoutMs } : {}),
  });
  // The index series report what is served: after a reload, the new version (the app's live policy), else the one on disk.
  metrics.observe({ handoff, dataDir: config.dataDir, index: () => composed?.index() ?? null });

  const app = await createServer({
    config,
    engine: () => engine,
    index: () => composed?.index() ?? null,
    policyVersion: () => {
      const app = composed;
      return app ? { served: app.servedVersion(), published: async () => (await app.policyVersions.current())?.version ?? null } : null;
    },
    questionLog: () => composed?.questionLog ?? null,
    app: () => composed,
    handoff,
    logger,
    metrics,
    telegram,
    webhookBot: () => (config.telegram.webhookUrl ? bot : null),
    kickDeliveries: () => {
      bot?.delivery.kick();
      callbacks.kick();
    },
    clock,
    ...(deps.limiter ? { limiter: deps.limiter } : {}),
    ...(deps.webDir ? { webDir: deps.webDir } : {}),
    ...(deps.version ? { version: deps.version } : {}),
  });
  const manager = createServerManager(app);
  const address = await manager.start(config.http.host, port);
  logger.info("http server listening", { url: address.url, webhook: config.telegram.webhookUrl ? "on" : "off", apiKeys: config.api.keys.map((k) => k.name) });

  let stopping: Promise<void> | null = null;
  let resolveStopped!: () => void;
  let rejectStopped!: (err: unknown) => void;
  const stopped = new Promise<void>((resolve, reject) => {
    resolveStopped = resolve;
    rejectStopped = reject;
  });
  // A rejection nobody awaits yet must not crash the process before main gets to it.
  stopped.catch(() => undefined);

  const stop = (failure?: unknown): Promise<void> => {
    stopping ??= (async () => {
      if (deps.handleSignals !== false) {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      // No new requests; those in progress (a webhook update, an API question) finish first.
      await manager.stop().catch((err: unknown) => logger.warn("http server stop failed", errorMeta(err)));
      await callbacks.stop();
      stopBot.abort();
      // The bot's stop closes the store after its own work; without a bot, close it here.
      if (botRun) await botRun.catch(() => undefined);
      if (running) await running.stop();
      else await handoff.shutdown().catch((err: unknown) => logger.warn("handoff shutdown failed", errorMeta(err)));
      await composed?.close().catch((err: unknown) => logger.warn("closing the stores failed", errorMeta(err)));
      logger.info("server stopped");
      if (failure === undefined) resolveStopped();
      else rejectStopped(failure);
    })();
    return stopping;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} received again: exiting now`);
      process.exit(1);
    }
    logger.info(`${signal} received: stopping`);
    setTimeout(() => {
      logger.error(`could not stop within ${STOP_DEADLINE_MS} ms; exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void stop();
  };
  if (deps.handleSignals !== false) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }

  // The index may take a while to build: the server answers /healthz (and /readyz: loading) meanwhile.
  const ready = (async () => {
    try {
      if (deps.openApp) {
        composed = await deps.openApp();
        engine = composed.engine;
      } else engine = deps.openEngine ? await deps.openEngine() : await openEngine(config, deps.engineOptions);
    } catch (err) {
      if (!stopping) logger.error("the policy index could not be opened; stopping", errorMeta(err));
      void stop(err);
      throw err;
    }
    logger.info("policy index loaded", { measures: engine.measures().length });
    if (stopping) return;
    callbacks.start(deps.callbackIntervalMs ?? DEFAULT_CALLBACK_INTERVAL_MS);
    if (!config.telegram.token) return;
    const conversation =
      composed?.conversation ??
      ConversationService.open({ dataDir: config.dataDir, windowMs: config.followUpWindowMinutes * 60_000, onWarning: (m, meta) => logger.warn(m, meta) });
    const services: BotDeps = {
      engine: instrumentEngine(engine, metrics, "telegram"),
      handoff,
      conversation,
      logger,
      clock,
      metrics,
      ...(composed ? { faq: composed.faq, library: composed.library, questionLog: composed.questionLog } : {}),
      // /reindex for staff, and every reload reported in the staff chat (runBot attaches the notices).
      ...(composed?.reload ? { reload: composed.reload } : {}),
      ...(deps.coordination ? { coordination: deps.coordination } : {}),
    };
    bot = createBot(config, {
      ...services,
      ...(deps.bot?.botInfo ? { botInfo: deps.bot.botInfo } : {}),
      ...(deps.bot?.link ? { link: deps.bot.link } : {}),
      fetch: await telegramFetch(config),
    });
    // Telegram may be unreachable for a while: the server keeps serving meanwhile; a refused token ends it all.
    botRun = runBot(config, services, { ...deps.run, bot, handleSignals: false, stopSignal: stopBot.signal }).then(
      (r) => {
        running = r;
        if (stopping) return;
        // Tickets from the API that reach staff go out at once.
        callbacks.kick();
      },
      (err: unknown) => {
        if (stopping) return;
        logger.error("the Telegram bot could not start; stopping", errorMeta(err));
        void stop(err);
      },
    );
  })();
  ready.catch(() => undefined);
  return handle();

  function handle(): RunningServer {
    return { url: address.url, port: address.port, ready, bot: () => running, engine: () => engine, callbacks, stop: () => stop(), stopped };
  }
}

function telegramCheck(bot: PolicyBot | null, running: RunningBot | null, clock: Clock): CheckResult {
  if (!bot) return { ok: false, reason: "not started yet (the policy index is loading)" };
  const outage = bot.link.reachability.outageInfo;
  if (outage) {
    return { ok: false, reason: `cannot reach the Telegram Bot API for ${formatDuration(clock.now() - outage.since)}: ${outage.reason}`, attempts: outage.attempts };
  }
  if (!running) return { ok: false, reason: "connecting to the Telegram Bot API" };
  if (bot.link.stopped) return { ok: false, reason: "the bot is stopping" };
  return { ok: true, updates: running.updates };
}
