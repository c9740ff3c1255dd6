import { loadConfig, ConfigError } from "./config.js";
import { openEngine } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { HandoffService } from "./handoff/service.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import { isStoreFault, storeFaultHint } from "./handoff/store.js";
import { openCoordination } from "./coordination/open.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import { consoleLogger } from "./bot/logger.js";

/** Entry point: the Telegram bot when a token is set, otherwise the terminal chat. */
async function main() {
  const config = loadConfig();
  const log = (m: string) => console.error(m);
  // First: a second process on the same data folder would send every card and notice twice (and
  // with PostgreSQL, each instance still needs a data folder of its own for its index).
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const engine = await openEngine(config, {
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
      log,
    });
    const logger = consoleLogger(config.logLevel);
    // Tickets in PostgreSQL (shared by instances) with DATABASE_URL, else in DATA_DIR/tickets.sqlite.
    const handoff = await HandoffService.open({
      dataDir: config.dataDir,
      databaseUrl: config.database.url,
      staffChatId: config.telegram.staffChatId,
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
        const running = await runBot(config, { engine, handoff, logger, coordination });
        await running.stopped;
      } finally {
        await coordination.close();
      }
      return;
    }
    try {
      await runChat({ engine, handoff, onWarning: log });
    } finally {
      await handoff.shutdown();
    }
  } finally {
    lock.release();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(`error: ${err.message}`);
  else if (isStoreFault(err)) console.error(`error: could not open the tickets database: ${err.message}\nwhat to do: ${storeFaultHint(err.reason)}`);
  else console.error(`unexpected error: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
