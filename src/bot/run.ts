import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError } from "grammy";
import type { BotCommand } from "grammy/types";
import { ConfigError, webhookSecretOf, type Config } from "../config.js";
import { redactorFor } from "../redact.js";
import { createBot, telegramFetch, type BotDeps, type PolicyBot } from "./create-bot.js";
import { chatIdParam, DEFAULT_DELIVERY_INTERVAL_MS } from "./delivery.js";
import { consoleLogger, errorMeta, type BotLogger } from "./logger.js";
import { attachReloadNotices } from "./reload-notices.js";
import { S } from "./strings.js";

export interface RunBotOptions {
  /** How often the outbox is drained besides after each update (deliveries from the tickets CLI). */
  deliveryIntervalMs?: number;
  /** Stop gracefully on SIGINT/SIGTERM (default true; a second signal or a stop past STOP_DEADLINE_MS exits the process); the handlers are removed by stop(). */
  handleSignals?: boolean;
  /** Long-polling timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** A bot created beforehand (server mode creates it first, so its webhook route exists before Telegram is told about it). */
  bot?: PolicyBot;
  /** Stops the bot like stop() does, also while it still waits for Telegram at start-up (server mode's own signal handling). */
  stopSignal?: AbortSignal;
}

/** The updates the bot handles; anything else is not sent to it. */
export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export interface RunningBot {
  bot: PolicyBot;
  /** How updates arrive: TELEGRAM_WEBHOOK_URL set → "webhook" (server mode), otherwise "polling". */
  updates: "webhook" | "polling";
  /** Null when stopped before Telegram could be reached. */
  runner: RunnerHandle | null;
  /** Stop fetching updates, let handlers in progress finish (not while Telegram is down), stop the delivery loop, close the handoff and conversation stores. Idempotent. */
  stop(): Promise<void>;
  /** Resolves when stop() has finished (by a call or a signal). */
  stopped: Promise<void>;
}

/** How long stop() waits for updates in progress. */
const STOP_GRACE_MS = 5_000;
/** How long it waits for them once their requests to Telegram have been ended. */
const AFTER_SHUTDOWN_MS = 1_000;
/** After a signal the process ends within this, whatever is stuck. */
export const STOP_DEADLINE_MS = 9_000;
/** The runner's pause after an error other than a network failure (those the link retries). */
const RUNNER_RETRY_MS = 1_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
  });

const ASKER_COMMANDS = ["start", "help", "measures", "measure", "human", "mytickets", "cancel"] as const;
const STAFF_COMMANDS = ["queue", "reply", "close", "reopen", "resend", "stats", "reindex"] as const;

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
 * Start the bot: wait for the Bot API (getMe, retried and logged while it cannot be reached),
 * then the command menu, the runner (concurrent across chats, ordered within a chat) and the
 * delivery loop. The returned handle stops everything; so do SIGINT and SIGTERM, from the very
 * start and within STOP_DEADLINE_MS even while Telegram cannot be reached.
 */
export async function runBot(config: Config, deps: BotDeps, opts: RunBotOptions = {}): Promise<RunningBot> {
  const logger = deps.logger ?? consoleLogger(config.logLevel, redactorFor(config));
  const bot = opts.bot ?? createBot(config, { ...deps, logger, fetch: deps.fetch ?? (await telegramFetch(config)) });
  const handleSignals = opts.handleSignals !== false;
  const webhookUrl = config.telegram.webhookUrl;
  const updates = webhookUrl ? "webhook" : "polling";

  if (!config.telegram.staffChatId) logger.warn(S.staffChatNotSet);
  // Policy reloads are reported in the staff chat while the bot runs.
  const detachReloadNotices = deps.reload ? attachReloadNotices(bot.api, deps.reload, config, logger, () => deps.engine.measures().length) : () => undefined;

  let runner: RunnerHandle | null = null;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | null = null;
  const connecting = new AbortController();

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (handleSignals) {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      connecting.abort();
      detachReloadNotices();
      try {
        if (runner?.isRunning()) await runner.stop();
      } catch (err) {
        logger.warn("runner stop failed", errorMeta(err));
      }
      // Let updates in progress and a delivery in flight finish (a send cut short may be sent twice
      // after a restart), unless Telegram cannot be reached and they cannot finish anyway.
      if (!bot.link.reachability.down) {
        const graceOver = sleep(STOP_GRACE_MS).then(() => false);
        const idle = await Promise.race([bot.whenIdle().then(() => true), graceOver]);
        const drained = await Promise.race([bot.delivery.stop().then(() => true), graceOver]);
        if (!idle || !drained) logger.warn(`updates or deliveries still in progress after ${STOP_GRACE_MS} ms; stopping anyway`);
      }
      // Whatever still waits for Telegram ends now, so the store can close.
      bot.link.shutdown();
      await Promise.race([Promise.all([bot.whenIdle(), bot.delivery.stop()]), sleep(AFTER_SHUTDOWN_MS)]);
      try {
        await deps.handoff.shutdown();
      } catch (err) {
        logger.warn("handoff shutdown failed", errorMeta(err));
      }
      try {
        await deps.conversation.shutdown();
      } catch (err) {
        logger.warn("conversation store shutdown failed", errorMeta(err));
      }
      logger.info("bot stopped");
      resolveStopped();
    })();
    return stopping;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} received again: exiting now`);
      process.exit(1);
    }
    logger.info(`${signal} received: stopping`);
    // The process ends in time even if something cannot be stopped.
    setTimeout(() => {
      logger.error(`could not stop within ${STOP_DEADLINE_MS} ms; exiting`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    void stop();
  };
  if (handleSignals) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  if (opts.stopSignal?.aborted) void stop();
  else opts.stopSignal?.addEventListener("abort", () => void stop(), { once: true });
  const handle = (): RunningBot => ({ bot, updates, runner, stop, stopped });

  // Wait for Telegram: getMe is retried (and an outage logged) until it answers or the bot is stopped.
  try {
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe(connecting.signal as unknown as Parameters<PolicyBot["api"]["getMe"]>[0]);
  } catch (err) {
    if (stopping) return (await stopping, handle());
    await stop();
    if (err instanceof GrammyError && err.error_code === 401) {
      throw new ConfigError("Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): get the token again from @BotFather and put it in .env");
    }
    throw err;
  }
  await setCommands(bot, config, logger);
  if (stopping) return (await stopping, handle());

  if (webhookUrl) {
    try {
      await setWebhook(bot, webhookUrl, webhookSecretOf(config.telegram)!);
    } catch (err) {
      if (stopping) return (await stopping, handle());
      await stop();
      throw err;
    }
    if (stopping) return (await stopping, handle());
    bot.delivery.start(opts.deliveryIntervalMs ?? DEFAULT_DELIVERY_INTERVAL_MS);
    logger.info("bot started", { username: bot.botInfo.username, staffChat: config.telegram.staffChatId, updates: "webhook" });
    return handle();
  }

  // A webhook left by an earlier run in webhook mode would refuse every poll (409).
  await bot.api.deleteWebhook({ drop_pending_updates: false }).catch((err: unknown) => logger.warn("could not remove a webhook before polling", errorMeta(err)));
  if (stopping) return (await stopping, handle());

  runner = run(bot, {
    runner: {
      fetch: { timeout: opts.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
      // Network failures are retried (with a growing back-off) by the link; this only paces other errors.
      retryInterval: RUNNER_RETRY_MS,
      silent: true,
    },
  });
  bot.delivery.start(opts.deliveryIntervalMs ?? DEFAULT_DELIVERY_INTERVAL_MS);
  logger.info("bot started", { username: bot.botInfo.username, staffChat: config.telegram.staffChatId });

  // If the runner dies (e.g. the token was revoked), log it and shut down cleanly.
  void runner.task()?.catch((err: unknown) => {
    logger.error("update runner failed", errorMeta(err));
    void stop();
  });

  return handle();
}

/**
 * Tell Telegram where to post updates, with the secret it must send back. Updates that waited
 * while the bot was down are kept (drop_pending_updates: false). A URL Telegram refuses (not
 * https, a port other than 443, 80, 88 or 8443, no valid certificate) stops start-up with why.
 */
async function setWebhook(bot: PolicyBot, url: string, secret: string): Promise<void> {
  try {
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 400) {
      throw new ConfigError(
        `Telegram refused TELEGRAM_WEBHOOK_URL (${err.description}): it must be a public https:// URL on port 443, 80, 88 or 8443 ` +
          "with a valid certificate, forwarded to this server's /telegram/webhook",
      );
    }
    throw err;
  }
}
