import { loadConfig, ConfigError } from "./config.js";
import { openEngine } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { HandoffService } from "./handoff/service.js";
import { acquireInstanceLock, InstanceLockedError } from "./handoff/instance-lock.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";
import type { IndexChanges } from "./search/index-store.js";
import { consoleLogger } from "./bot/logger.js";
import { redactorFor, redactorForEnv } from "./redact.js";

const EXIT_AFTER_STOP_MS = 500;
const VERSION = "0.1.0";

/**
 * Entry point. HTTP_PORT set: the server (webhook or polling for Telegram when a token is set,
 * the HTTP API and the chat page always). Otherwise the Telegram bot when a token is set, else
 * the terminal chat.
 */
async function main() {
  const config = loadConfig();
  const redact = redactorFor(config);
  const log = (m: string) => console.error(redact(m));
  // First: a second process on the same data folder would send every card and notice twice.
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const logger = consoleLogger(config.logLevel, redact);
    const engineOptions = async () => ({
      composer: await createLlmComposerIfConfigured(config, log),
      onBuild: (changes: IndexChanges) => log(`index built: ${describeChanges(changes)}`),
      log,
    });
    if (config.http.port !== null) {
      // Loaded only here: the terminal chat and npm run ask never import Fastify or prom-client.
      const { runServer } = await import("./server/run-server.js");
      const { PrometheusMetrics } = await import("./server/prometheus.js");
      const metrics = new PrometheusMetrics();
      const handoff = await HandoffService.open({
        dataDir: config.dataDir,
        staffChatId: config.telegram.staffChatId,
        onWarning: (message, meta) => logger.warn(message, meta),
        metrics,
      });
      const options = await engineOptions();
      const running = await runServer(config, { handoff, logger, metrics, openEngine: () => openEngine(config, options), version: VERSION });
      await running.stopped;
      setTimeout(() => process.exit(0), EXIT_AFTER_STOP_MS).unref();
      return;
    }
    const engine = await openEngine(config, await engineOptions());
    const handoff = await HandoffService.open({
      dataDir: config.dataDir,
      staffChatId: config.telegram.staffChatId,
      onWarning: (message, meta) => logger.warn(message, meta),
    });
    if (config.telegram.token) {
      const { runBot } = await import("./bot/run.js");
      const running = await runBot(config, { engine, handoff, logger });
      await running.stopped;
      // Stopped: a request still pending (an LLM call, an idle socket) must not keep the process alive.
      setTimeout(() => process.exit(0), EXIT_AFTER_STOP_MS).unref();
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
  // Secrets straight from the environment: the configuration may be what failed.
  const redact = redactorForEnv(process.env);
  if (err instanceof ConfigError || err instanceof CorpusError || err instanceof InstanceLockedError) console.error(redact(`error: ${err.message}`));
  else console.error(redact(`unexpected error: ${(err as Error)?.stack ?? err}`));
  process.exit(1);
});
