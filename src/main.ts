import { loadConfig, ConfigError } from "./config.js";
import type { OpenEngineOptions } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { HandoffService } from "./handoff/service.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import type { Coordination } from "./coordination/open.js";
import type { ReloadBus } from "./coordination/reload-bus.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import { consoleLogger, type BotLogger } from "./bot/logger.js";
import { openApp, openLivePolicy, type App, type AppLog } from "./compose.js";
import type { Config } from "./config.js";
import type { Metrics } from "./metrics.js";
import { hintFor, isStoreFault } from "./store/errors.js";
import { redactorFor, redactorForEnv } from "./redact.js";
import { signalTrigger } from "./reload/triggers.js";
import type { ReloadTrigger } from "./reload/reloader.js";

const EXIT_AFTER_STOP_MS = 500;
const VERSION = "0.1.0";
/** The rate limit's window: RATE_LIMIT_PER_MINUTE. */
const RATE_WINDOW_SECONDS = 60;

/**
 * Entry point. HTTP_PORT set: the server (webhook or polling for Telegram when a token is set,
 * the HTTP API and the chat page always). Otherwise the Telegram bot when a token is set, else
 * the terminal chat. The stores are in PostgreSQL with DATABASE_URL, else SQLite files in DATA_DIR.
 * In every mode the policy is live: the corpus watcher (CORPUS_WATCH), SIGHUP (sent by npm run index)
 * and /reindex reload it without a restart.
 */
async function main() {
  const config = loadConfig();
  const redact = redactorFor(config);
  const log = (m: string) => console.error(redact(m));
  // Before this process's pid is published (the instance lock): npm run index sends it SIGHUP to reload.
  const hangup = signalTrigger("SIGHUP");
  // First: a second process on the same data folder would send every card and notice twice (and
  // with PostgreSQL, each instance still needs a data folder of its own for its index).
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const logger = consoleLogger(config.logLevel, redact);
    const engineOptions: OpenEngineOptions = {
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
      log,
    };
    const compose = (extra: { handoff?: HandoffService; metrics?: Pick<Metrics, "faqHit">; coordination?: Coordination | null } = {}) => {
      const { coordination, ...rest } = extra;
      return openLiveApp(config, { engineOptions, log, logger, triggers: [hangup], ...rest, ...(coordination ? { reloadBus: coordination.reloadBus } : {}) });
    };
    if (config.http.port !== null) {
      // Loaded only here: the terminal chat and npm run ask never import Fastify or prom-client.
      const { runServer } = await import("./server/run-server.js");
      const { PrometheusMetrics } = await import("./server/prometheus.js");
      const metrics = new PrometheusMetrics();
      // The tickets store opens first: /readyz and the API can say what is wrong while the index loads.
      const handoff = await HandoffService.open({
        dataDir: config.dataDir,
        databaseUrl: config.database.url,
        databasePoolSize: config.database.poolSize,
        staffChatId: config.telegram.staffChatId,
        onWarning: (m, meta) => logger.warn(m, meta),
        metrics,
        leaseMs: config.outboxLeaseMs,
        updateClaimMs: config.updateClaimMs,
      });
      const coordination = await openInstanceCoordination(config, logger);
      try {
        const running = await runServer(config, {
          handoff,
          logger,
          metrics,
          version: VERSION,
          ...(coordination ? { coordination } : {}),
          openApp: async () => {
            const app = await compose({ handoff, metrics, coordination });
            app.startBackground();
            return app;
          },
        });
        await running.stopped;
      } finally {
        await coordination?.close();
      }
      return;
    }
    // With a bot: first, so a publication on another instance reaches this one (the reload bus).
    const coordination = await openInstanceCoordination(config, logger);
    try {
      const app = await compose({ coordination });
      try {
        app.startBackground();
        const { engine, handoff, conversation, faq, library, questionLog } = app;
        const reload = app.reload ? { reload: app.reload } : {};
        if (coordination) {
          const { runBot } = await import("./bot/run.js");
          const running = await runBot(config, { engine, handoff, conversation, faq, library, questionLog, logger, coordination, ...reload });
          await running.stopped;
          return;
        }
        await runChat({ engine, handoff, conversation, questionLog, onWarning: log, ...reload });
      } finally {
        await app.close();
      }
    } finally {
      await coordination?.close();
    }
  } finally {
    hangup.dispose();
    lock.release();
  }
}

/** The live policy (one holder, reloaded by the watcher, the triggers and /reindex) with the FAQ and the stores around it. */
async function openLiveApp(
  config: Config,
  o: { engineOptions: OpenEngineOptions; log: (m: string) => void; logger: AppLog; triggers: ReloadTrigger[]; handoff?: HandoffService; metrics?: Pick<Metrics, "faqHit">; reloadBus?: ReloadBus },
): Promise<App> {
  const live = await openLivePolicy({ config, engineOptions: o.engineOptions, log: o.log, triggers: o.triggers });
  try {
    return await openApp({ config, live, log: o.logger, ...(o.handoff ? { handoff: o.handoff } : {}), ...(o.metrics ? { metrics: o.metrics } : {}), ...(o.reloadBus ? { reloadBus: o.reloadBus } : {}) });
  } catch (err) {
    await live.reloader.close();
    throw err;
  }
}

/**
 * The rate limit, what instances share briefly and the reload bus: in Redis with REDIS_URL, else in
 * this process. None for the terminal chat, and none for a server without a bot or Redis.
 */
async function openInstanceCoordination(config: Config, logger: BotLogger): Promise<Coordination | null> {
  if (!config.telegram.token && (config.http.port === null || !config.redis.url)) return null;
  // Loaded only with a bot or Redis: the terminal chat needs no rate limiter.
  const { openCoordination } = await import("./coordination/open.js");
  return openCoordination({
    redisUrl: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    rateLimit: { limit: config.telegram.rateLimitPerMinute, windowSeconds: RATE_WINDOW_SECONDS },
    log: logger,
  });
}

main().then(
  // Stopped: a request still pending (an LLM call, an idle socket) must not keep the process alive.
  () => setTimeout(() => process.exit(0), EXIT_AFTER_STOP_MS).unref(),
  (err) => {
    // Secrets straight from the environment: the configuration may be what failed.
    const redact = redactorForEnv(process.env);
    if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(redact(`error: ${err.message}`));
    else if (isStoreFault(err)) console.error(redact(`error: could not open the ${err.database}: ${err.message}\nwhat to do: ${hintFor(err)}`));
    else console.error(redact(`unexpected error: ${(err as Error)?.stack ?? err}`));
    process.exit(1);
  },
);
