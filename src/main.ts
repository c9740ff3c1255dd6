import { loadConfig, ConfigError } from "./config.js";
import { openServedEngine, rebuildEngine, sourceVersion, type OpenEngineOptions } from "./answer/open-engine.js";
import { LiveEngine } from "./answer/live-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { HandoffService } from "./handoff/service.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import { consoleLogger } from "./bot/logger.js";
import { redactor, redactorFor } from "./redact.js";
import { Reloader } from "./reload/reloader.js";
import { corpusWatcher, signalTrigger } from "./reload/triggers.js";

const EXIT_AFTER_STOP_MS = 500;

/** Entry point: the Telegram bot when a token is set, otherwise the terminal chat. */
async function main() {
  const config = loadConfig();
  const redact = redactorFor(config);
  const log = (m: string) => console.error(redact(m));
  // Before this process's pid is published (the instance lock): npm run index sends it SIGHUP to reload.
  const hangup = signalTrigger("SIGHUP");
  // First: a second process on the same data folder would send every card and notice twice.
  const lock = acquireInstanceLock(config.dataDir);
  let reloader: Reloader | null = null;
  try {
    const engineOptions: OpenEngineOptions = {
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
      log,
    };
    // The one live index holder: everything answers through it; a reload swaps what it holds.
    const engine = new LiveEngine(await openServedEngine(config, engineOptions));
    const version = () => sourceVersion(config.corpusDir);
    reloader = new Reloader({ live: engine, version, open: () => rebuildEngine(config, engineOptions), log });
    reloader.attach(hangup);
    if (config.corpusWatch) reloader.attach(corpusWatcher(config.corpusDir, { log, version }));
    const logger = consoleLogger(config.logLevel, redact);
    const handoff = await HandoffService.open({
      dataDir: config.dataDir,
      staffChatId: config.telegram.staffChatId,
      onWarning: (message, meta) => logger.warn(message, meta),
    });
    if (config.telegram.token) {
      const { runBot } = await import("./bot/run.js");
      const running = await runBot(config, { engine, handoff, logger, reload: reloader });
      await running.stopped;
      // Stopped: a request still pending (an LLM call, an idle socket) must not keep the process alive.
      setTimeout(() => process.exit(0), EXIT_AFTER_STOP_MS).unref();
      return;
    }
    try {
      await runChat({ engine, handoff, onWarning: log, reload: reloader });
    } finally {
      await handoff.shutdown();
    }
  } finally {
    await reloader?.close();
    hangup.dispose();
    lock.release();
  }
}

main().catch((err) => {
  // Secrets straight from the environment: the configuration may be what failed.
  const redact = redactor([process.env.TELEGRAM_BOT_TOKEN, process.env.LLM_API_KEY, process.env.EMBEDDINGS_API_KEY]);
  if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(redact(`error: ${err.message}`));
  else console.error(redact(`unexpected error: ${(err as Error)?.stack ?? err}`));
  process.exit(1);
});
