import { loadConfig, ConfigError } from "./config.js";
import { openEngineWithText } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import { consoleLogger } from "./bot/logger.js";
import { openApp } from "./compose.js";

/** Entry point: the Telegram bot when a token is set, otherwise the terminal chat. */
async function main() {
  const config = loadConfig();
  const log = (m: string) => console.error(m);
  // First: a second process on the same data folder would send every card and notice twice.
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const { engine, text } = await openEngineWithText(config, {
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
      log,
    });
    const logger = consoleLogger(config.logLevel);
    const app = await openApp({ config, engine, text, log: logger });
    try {
      app.startBackground();
      if (config.telegram.token) {
        const { runBot } = await import("./bot/run.js");
        const running = await runBot(config, { engine: app.engine, handoff: app.handoff, faq: app.faq, library: app.library, questionLog: app.questionLog, logger });
        await running.stopped;
        return;
      }
      await runChat({ engine: app.engine, handoff: app.handoff, questionLog: app.questionLog, onWarning: log });
    } finally {
      await app.close();
    }
  } finally {
    lock.release();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(`error: ${err.message}`);
  else console.error(`unexpected error: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
