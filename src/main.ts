import { loadConfig, ConfigError } from "./config.js";
import { openEngineWithText } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import { openCoordination } from "./coordination/open.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import { consoleLogger } from "./bot/logger.js";
import { openApp } from "./compose.js";
import { hintFor, isStoreFault } from "./store/errors.js";
import { redactor, redactorFor, urlPassword } from "./redact.js";

const EXIT_AFTER_STOP_MS = 500;
/** The rate limit's window: RATE_LIMIT_PER_MINUTE. */
const RATE_WINDOW_SECONDS = 60;

/** Entry point: the Telegram bot when a token is set, otherwise the terminal chat. */
async function main() {
  const config = loadConfig();
  const redact = redactorFor(config);
  const log = (m: string) => console.error(redact(m));
  // First: a second process on the same data folder would send every card and notice twice (and
  // with PostgreSQL, each instance still needs a data folder of its own for its index).
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const { engine, text } = await openEngineWithText(config, {
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
      log,
    });
    const logger = consoleLogger(config.logLevel, redact);
    // The stores in PostgreSQL (shared by instances) with DATABASE_URL, else SQLite files in DATA_DIR.
    const app = await openApp({ config, engine, text, log: logger });
    try {
      app.startBackground();
      if (config.telegram.token) {
        // The rate limit (and what instances share briefly) in Redis with REDIS_URL, else in this process.
        const coordination = await openCoordination({
          redisUrl: config.redis.url,
          keyPrefix: config.redis.keyPrefix,
          rateLimit: { limit: config.telegram.rateLimitPerMinute, windowSeconds: RATE_WINDOW_SECONDS },
          log: logger,
        });
        try {
          const { runBot } = await import("./bot/run.js");
          const { handoff, conversation, faq, library, questionLog } = app;
          const running = await runBot(config, { engine: app.engine, handoff, conversation, faq, library, questionLog, logger, coordination });
          await running.stopped;
        } finally {
          await coordination.close();
        }
        return;
      }
      await runChat({ engine: app.engine, handoff: app.handoff, conversation: app.conversation, questionLog: app.questionLog, onWarning: log });
    } finally {
      await app.close();
    }
  } finally {
    lock.release();
  }
}

main().then(
  // Stopped: a request still pending (an LLM call, an idle socket) must not keep the process alive.
  () => setTimeout(() => process.exit(0), EXIT_AFTER_STOP_MS).unref(),
  (err) => {
    // Secrets straight from the environment: the configuration may be what failed.
    const env = process.env;
    const redact = redactor([env.TELEGRAM_BOT_TOKEN, env.LLM_API_KEY, env.EMBEDDINGS_API_KEY, urlPassword(env.DATABASE_URL), urlPassword(env.REDIS_URL)]);
    if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(redact(`error: ${err.message}`));
    else if (isStoreFault(err)) console.error(redact(`error: could not open the ${err.database}: ${err.message}\nwhat to do: ${hintFor(err)}`));
    else console.error(redact(`unexpected error: ${(err as Error)?.stack ?? err}`));
    process.exit(1);
  },
);
