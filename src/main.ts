import { loadConfig, ConfigError } from "./config.js";
import { openEngineWithText } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import { consoleLogger } from "./bot/logger.js";
import { openApp } from "./compose.js";
import { redactor, redactorFor } from "./redact.js";

const EXIT_AFTER_STOP_MS = 500;

/** Entry point: the Telegram bot when a token is set, otherwise the terminal chat. */
async function main() {
  const config = loadConfig();
  const redact = redactorFor(config);
  const log = (m: string) => console.error(redact(m));
  // First: a second process on the same data folder would send every card and notice twice.
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const { engine, text } = await openEngineWithText(config, {
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
      log,
    });
    const logger = consoleLogger(config.logLevel, redact);
    const app = await openApp({ config, engine, text, log: logger });
    try {
      app.startBackground();
      if (config.telegram.token) {
        const { runBot } = await import("./bot/run.js");
        const { handoff, conversation, faq, library, questionLog } = app;
        const running = await runBot(config, { engine: app.engine, handoff, conversation, faq, library, questionLog, logger });
        await running.stopped;
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
    const redact = redactor([process.env.TELEGRAM_BOT_TOKEN, process.env.LLM_API_KEY, process.env.EMBEDDINGS_API_KEY]);
    if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(redact(`error: ${err.message}`));
    else console.error(redact(`unexpected error: ${(err as Error)?.stack ?? err}`));
    process.exit(1);
  },
);
