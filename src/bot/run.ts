import { run, type RunnerHandle } from "@grammyjs/runner";
import type { BotCommand } from "grammy/types";
import type { Config } from "../config.js";
import { createBot, type BotDeps, type PolicyBot } from "./create-bot.js";
import { chatIdParam, DEFAULT_DELIVERY_INTERVAL_MS } from "./delivery.js";
import { consoleLogger, errorMeta, type BotLogger } from "./logger.js";
import { S } from "./strings.js";

export interface RunBotOptions {
  /** How often the outbox is drained besides after each update (deliveries from the tickets CLI). */
  deliveryIntervalMs?: number;
  /** Stop gracefully on SIGINT/SIGTERM (default true); the handlers are removed by stop(). */
  handleSignals?: boolean;
  /** Long-polling timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
}

export interface RunningBot {
  bot: PolicyBot;
  runner: RunnerHandle;
  /** Stop fetching updates, wait for handlers in progress, stop the delivery loop, close the handoff store. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when stop() has finished (by a call or a signal). */
  stopped: Promise<void>;
}

/** How long stop() waits for updates in progress. */
const STOP_GRACE_MS = 10_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
  });

const ASKER_COMMANDS = ["start", "help", "measures", "measure", "human", "mytickets", "cancel"] as const;
const STAFF_COMMANDS = ["queue", "reply", "close", "reopen", "resend", "stats"] as const;

const commandList = (names: readonly (keyof typeof S.commands)[]): BotCommand[] =>
  names.map((command) => ({ command, description: S.commands[command] }));

async function setCommands(bot: PolicyBot, config: Config, logger: BotLogger): Promise<void> {
  try {
    await bot.api.setMyCommands(commandList(ASKER_COMMANDS), { scope: { type: "all_private_chats" } });
    const staffChat = config.telegram.staffChatId;
    if (staffChat) {
      await bot.api.setMyCommands(commandList(STAFF_COMMANDS), { scope: { type: "chat", chat_id: chatIdParam(staffChat) } });
    }
  } catch (err) {
    // The menu is a convenience: the bot works without it.
    logger.warn("could not set the command menu", errorMeta(err));
  }
}

/**
 * Start the bot with the runner (concurrent across chats, ordered within a chat), the command
 * menu and the delivery loop. The returned handle stops everything; so do SIGINT and SIGTERM.
 */
export async function runBot(config: Config, deps: BotDeps, opts: RunBotOptions = {}): Promise<RunningBot> {
  const logger = deps.logger ?? consoleLogger(config.logLevel);
  const bot = createBot(config, { ...deps, logger });

  if (!config.telegram.staffChatId) logger.warn(S.staffChatNotSet);

  await bot.init();
  await setCommands(bot, config, logger);

  const runner = run(bot, {
    runner: {
      fetch: { timeout: opts.pollTimeoutSeconds ?? 30, allowed_updates: ["message", "callback_query"] },
      retryInterval: "exponential",
      silent: true,
    },
  });
  bot.delivery.start(opts.deliveryIntervalMs ?? DEFAULT_DELIVERY_INTERVAL_MS);
  logger.info("bot started", { username: bot.botInfo.username, staffChat: config.telegram.staffChatId });

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | null = null;

  const onSignal = (signal: NodeJS.Signals) => {
    logger.info(`${signal} received: stopping`);
    void stop();
  };

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (opts.handleSignals !== false) {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      try {
        if (runner.isRunning()) await runner.stop();
      } catch (err) {
        logger.warn("runner stop failed", errorMeta(err));
      }
      // Let updates in progress finish (they use the store), but do not hang on a stuck one.
      const idle = await Promise.race([bot.whenIdle().then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
      if (!idle) logger.warn(`updates still in progress after ${STOP_GRACE_MS} ms; stopping anyway`);
      await bot.delivery.stop();
      try {
        await deps.handoff.shutdown();
      } catch (err) {
        logger.warn("handoff shutdown failed", errorMeta(err));
      }
      logger.info("bot stopped");
      resolveStopped();
    })();
    return stopping;
  };

  if (opts.handleSignals !== false) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }

  // If the runner dies (e.g. the token was revoked), log it and shut down cleanly.
  void runner.task()?.catch((err: unknown) => {
    logger.error("update runner failed", errorMeta(err));
    void stop();
  });

  return { bot, runner, stop, stopped };
}
