import { loadConfig, ConfigError } from "./config.js";
import { openEngine } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { ConversationService } from "./conversation/service.js";
import { HandoffService } from "./handoff/service.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import { isStoreFault, storeFaultHint } from "./handoff/store.js";
import { openCoordination } from "./coordination/open.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import { consoleLogger } from "./bot/logger.js";
import { redactor, redactorFor, urlPassword } from "./redact.js";

const EXIT_AFTER_STOP_MS = 500;

/** Entry point: the Telegram bot when a token is set, otherwise the terminal chat. */
async function main() {
  const config = loadConfig();
  const redact = redactorFor(config);
  const log = (m: string) => console.error(redact(m));
  // First: a second process on the same data folder would send every card and notice twice (and
  // with PostgreSQL, each instance still needs a data folder of its own for its index).
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const engine = await openEngine(config, {
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
      log,
    });
    const logger = consoleLogger(config.logLevel, redact);
    // Tickets in PostgreSQL (shared by instances) with DATABASE_URL, else in DATA_DIR/tickets.sqlite.
    const handoff = await HandoffService.open({
      dataDir: config.dataDir,
      databaseUrl: config.database.url,
      staffChatId: config.telegram.staffChatId,
      onWarning: (message, meta) => logger.warn(message, meta),
    });
    const conversation = ConversationService.open({
      dataDir: config.dataDir,
      windowMs: config.followUpWindowMinutes * 60_000,
      onWarning: (message, meta) => logger.warn(message, meta),
    });
    if (config.telegram.token) {
      const coordination = await openCoordination({
        redisUrl: config.redis.url,
        keyPrefix: config.redis.keyPrefix,
        rateLimit: { limit: config.telegram.rateLimitPerMinute, windowSeconds: 60 },
        log: logger,
      });
      try {
        const { runBot } = await import("./bot/run.js");
        const running = await runBot(config, { engine, handoff, conversation, logger, coordination });
        await running.stopped;
      } finally {
        await coordination.close();
      }
      // Stopped: a request still pending (an LLM call, an idle socket) must not keep the process alive.
      setTimeout(() => process.exit(0), EXIT_AFTER_STOP_MS).unref();
      return;
    }
    try {
      await runChat({ engine, handoff, conversation, onWarning: log });
    } finally {
      await handoff.shutdown();
      await conversation.shutdown();
    }
  } finally {
    lock.release();
  }
}

main().catch((err) => {
  // Secrets straight from the environment: the configuration may be what failed.
  const env = process.env;
  const redact = redactor([env.TELEGRAM_BOT_TOKEN, env.LLM_API_KEY, env.EMBEDDINGS_API_KEY, urlPassword(env.DATABASE_URL), urlPassword(env.REDIS_URL)]);
  if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(redact(`error: ${err.message}`));
  else if (isStoreFault(err)) console.error(redact(`error: could not open the tickets database: ${err.message}\nwhat to do: ${storeFaultHint(err.reason)}`));
  else console.error(redact(`unexpected error: ${(err as Error)?.stack ?? err}`));
  process.exit(1);
});
