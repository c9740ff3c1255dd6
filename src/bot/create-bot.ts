import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, BotError, GrammyError, HttpError, type ApiClientOptions, type Context, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { PolicyEngine } from "../answer/engine.js";
import { systemClock, type Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Metrics } from "../metrics.js";
import { proxyDispatcher } from "../proxy.js";
import type { Coordination } from "../coordination/open.js";
import { memoryRateLimiter } from "../coordination/rate-limit.js";
import { redactorFor } from "../redact.js";
import type { ConversationService } from "../conversation/service.js";
import type { FaqLibrary } from "../faq/library.js";
import type { FaqService } from "../faq/service.js";
import type { HandoffService } from "../handoff/service.js";
import type { QuestionLog } from "../question-log/service.js";
import { FeatureComposer } from "./composer.js";
import { DeliveryLoop } from "./delivery.js";
import { askFeature } from "./features/ask.js";
import { clarifyFeature } from "./features/clarify.js";
import { faqReviewFeature } from "./features/faq-review.js";
import { handoffFeature } from "./features/handoff.js";
import { measuresFeature } from "./features/measures.js";
import { otherFeature } from "./features/other.js";
import { staffFeature } from "./features/staff.js";
import { welcomeFeature } from "./features/welcome.js";
import { isStaff } from "./identity.js";
import { consoleLogger, errorMeta, type BotLogger } from "./logger.js";
import { rateLimiter } from "./rate-limit.js";
import { answerCallback } from "./reply.js";
import type { ReloadControl } from "../reload/reloader.js";
import type { BotApiFetch } from "./bot-api-fetch.js";
import type { BotServices } from "./services.js";
import { S } from "./strings.js";
import { describeNetworkError, MaybeDeliveredError, TelegramLink, type TelegramLinkOptions } from "./telegram-link.js";

export interface BotDeps {
  /** What answers askers: the policy engine, with approved FAQ entries in front of it when wired (compose.ts). */
  engine: PolicyEngine;
  handoff: HandoffService;
  /** Each chat's recent turns (ConversationService.open on DATA_DIR); runBot's stop() shuts it down with the handoff store. */
  conversation: ConversationService;
  /** FAQ review in the staff chat and its cards; without it no FAQ card is rendered. */
  faq?: FaqService;
  library?: FaqLibrary;
  /** The question log; without it questions and 👍/👎 are not logged and /stats shows tickets only. */
  questionLog?: QuestionLog;
  /** Skips getMe (tests, or a known bot). */
  botInfo?: UserFromGetMe;
  /** What instances share (Redis with REDIS_URL); without it the rate limit counts in this process. */
  coordination?: Coordination;
  logger?: BotLogger;
  /** Time for the rate limit, the typing indicator and outage reports (tests pass a manual clock). */
  clock?: Clock;
  /** Request deadline and back-off towards the Bot API (tests shorten them). */
  link?: Pick<TelegramLinkOptions, "requestTimeoutMs" | "backoff">;
  /** Every Bot API call goes through this (telegramFetch: undici, and TELEGRAM_PROXY); without it, grammY's own node-fetch. */
  fetch?: BotApiFetch;
  /** Told of every Bot API error (by method and code). */
  metrics?: Pick<Metrics, "telegramApiError">;
  /** The process's policy reload: /reindex for staff, and its reports in the staff chat (runBot attaches them). */
  reload?: ReloadControl;
}

/** The Bot API transport: undici, through TELEGRAM_PROXY when set (undici and the proxy packages are loaded only here, when the bot runs). */
export async function telegramFetch(config: Config): Promise<BotApiFetch> {
  const { botApiFetch } = await import("./bot-api-fetch.js");
  return botApiFetch(config.telegram.proxy ? await proxyDispatcher(config.telegram.proxy) : undefined);
}

/** The grammY bot plus the delivery loop that sends the handoff outbox through its API. */
export type PolicyBot = Bot<Context> & {
  readonly delivery: DeliveryLoop;
  readonly services: BotServices;
  /** Requests to the Bot API: deadlines, retries, outage reports, and the shutdown switch. */
  readonly link: TelegramLink;
  /** Resolves when no update is being handled (the runner's stop() does not wait for handlers). */
  whenIdle(): Promise<void>;
};

/**
 * Another live instance holds a fresh claim on this update (webhook mode): it is neither handled nor
 * dropped here. The webhook route answers Telegram with a 503, so the update comes again later.
 */
export class UpdateBusyError extends Error {
  constructor(readonly updateId: number) {
    super(`update ${updateId} is being handled by another instance`);
    this.name = "UpdateBusyError";
  }
}

/** The rate limit's window: RATE_LIMIT_PER_MINUTE. */
const RATE_WINDOW_SECONDS = 60;
/** Give up on a retry_after longer than this (the outbox retries later anyway). */
const MAX_RETRY_DELAY_S = 60;
const MAX_RETRY_ATTEMPTS = 5;

export function createBot(config: Config, deps: BotDeps): PolicyBot {
  const token = config.telegram.token;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in .env");
  const logger = deps.logger ?? consoleLogger(config.logLevel, redactorFor(config));
  const clock = deps.clock ?? systemClock;

  const bot = new Bot<Context>(token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    // grammY types `fetch` as node-fetch's; it calls it with (url, init) and reads only json().
    client: { apiRoot: config.telegram.apiRoot, ...(deps.fetch ? { fetch: deps.fetch as unknown as ApiClientOptions["fetch"] } : {}) },
  });
  // Network failures: the link (deadline, back-off, outage log). 429 (after retry_after) and 5xx: auto-retry.
  const link = new TelegramLink({ apiRoot: config.telegram.apiRoot, proxy: config.telegram.proxy, logger, clock, ...deps.link });
  const retry429 = autoRetry({ maxDelaySeconds: MAX_RETRY_DELAY_S, maxRetryAttempts: MAX_RETRY_ATTEMPTS, rethrowHttpErrors: true });
  // Innermost, so every attempt's error is counted, retried ones included.
  if (deps.metrics) bot.api.config.use(countErrors(deps.metrics));
  bot.api.config.use(...link.transformers(retry429));

  const delivery = new DeliveryLoop(bot.api, deps.handoff, logger, { faq: deps.faq ?? null });
  const services: BotServices = {
    config,
    engine: deps.engine,
    handoff: deps.handoff,
    faq: deps.faq ?? null,
    library: deps.library ?? null,
    questionLog: deps.questionLog ?? null,
    logger,
    conversation: deps.conversation,
    delivery,
    clock,
    ...(deps.reload ? { reload: deps.reload } : {}),
  };

  // Every middleware in one FeatureComposer: its chain runs in one loop (grammY nests two async functions per bot.use()).
  const root = new FeatureComposer<Context>();
  bot.use(root);
  // 0. Track updates in progress, their error handling included, so a stop can wait for them before closing the store.
  const inFlight = new Set<Promise<void>>();
  root.use(async (ctx, next) => {
    // Busy is not a failure: the webhook route answers it with a 503 so Telegram delivers the update again.
    const work = next().catch((error: unknown) => (error instanceof UpdateBusyError ? Promise.reject(error) : handleError(new BotError(error, ctx))));
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  const whenIdle = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  // 1. Telegram may deliver an update twice (again after a crash): claim it first, mark it done after (best effort, never
  //    blocks answering). Polling has one instance per token, so another owner's unfinished claim is a dead process's.
  const takeOver = !config.telegram.webhookUrl;
  root.use(async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const verdict = await deps.handoff.claimUpdate(updateId, { takeOver });
    if (verdict === "busy") throw new UpdateBusyError(updateId);
    if (verdict !== "mine") {
      logger.debug("duplicate update dropped", { update_id: updateId, verdict });
      return;
    }
    try {
      await next();
    } finally {
      // Handled, or failed and reported (middleware 0): either way not to be handled again.
      await deps.handoff.finishUpdate(updateId);
    }
  });
  // 2. One update at a time per chat, in order (the runner handles chats concurrently).
  root.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  // The outbox is drained by the features that queue something (kick) and on the delivery timer, not after every update.
  // 3. Per-user rate limit (staff exempt); told once per window.
  root.use(
    rateLimiter({
      limiter:
        deps.coordination?.rateLimiter ?? memoryRateLimiter({ limit: config.telegram.rateLimitPerMinute, windowSeconds: RATE_WINDOW_SECONDS, now: () => clock.now() }),
      limit: config.telegram.rateLimitPerMinute,
      exempt: (ctx) => isStaff(ctx, config),
      onLimited: async (ctx) => {
        logger.info("rate limited", { user: ctx.from?.id });
        if (ctx.callbackQuery) await answerCallback(ctx, S.rateLimitedToast, true);
        else if (ctx.chat) await ctx.reply(S.rateLimited(config.telegram.rateLimitPerMinute)).catch(() => undefined);
      },
      onDropped: (ctx) => logger.debug("rate limited, dropped", { user: ctx.from?.id, update_id: ctx.update.update_id }),
      onError: (ctx, err) => logger.warn("rate limit not checked (its counter failed); the update goes through", { user: ctx.from?.id, ...errorMeta(err) }),
    }),
  );
  // 4. Features. Order matters: commands and staff replies before follow-ups before questions.
  root.use(welcomeFeature(services));
  root.use(measuresFeature(services));
  root.use(staffFeature(services));
  root.use(faqReviewFeature(services));
  root.use(handoffFeature(services));
  root.use(clarifyFeature(services));
  root.use(askFeature(services));
  root.use(otherFeature());

  async function handleError(err: BotError<Context>): Promise<void> {
    const ctx = err.ctx;
    const e = err.error;
    const meta = { update_id: ctx.update.update_id, chat: ctx.chat?.id, ...errorMeta(e) };
    // Stopping ended the update's requests to Telegram: expected, and no apology can be sent now.
    if (link.stopped) return logger.warn("update cut short: the bot is stopping", meta);
    // 403: the user blocked the bot or left; nothing to fix on our side.
    if (e instanceof GrammyError && e.error_code === 403) logger.warn(`Telegram refused ${e.method}: ${e.description}`, meta);
    else if (e instanceof GrammyError) logger.error(`Telegram API error in ${e.method}`, { ...meta, code: e.error_code, description: e.description });
    else if (e instanceof MaybeDeliveredError) {
      // Sent perhaps: repeating the reply or an apology could say it twice.
      return logger.warn("a reply may not have reached the chat (no answer from Telegram); not sent again", { ...meta, method: e.method });
    } else if (e instanceof HttpError) logger.error("could not reach Telegram", { ...meta, cause: describeNetworkError(e) });
    else logger.error("update failed", meta);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: S.errorApology });
      else if (ctx.chat && ctx.chat.type === "private") await ctx.reply(S.errorApology);
    } catch {
      // Telegram unreachable or the chat is gone: logged above, nothing more to do.
    }
  }
  bot.catch(handleError);

  return Object.assign(bot, { delivery, services, link, whenIdle });
}

/** Counts each refused call by its error code, and each network failure as "network". */
function countErrors(metrics: Pick<Metrics, "telegramApiError">): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) metrics.telegramApiError(method, String(result.error_code));
      return result;
    } catch (err) {
      if (err instanceof HttpError) metrics.telegramApiError(method, "network");
      throw err;
    }
  };
}
