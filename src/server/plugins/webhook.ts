/**
 * POST /telegram/webhook: updates from Telegram in webhook mode, handled by the same bot
 * (de-duplication, per-chat order, rate limit, features) as in long polling. The secret header is
 * checked first (401 without it); replies go out through the Bot API, never in the webhook
 * answer, so the outbox stays the one path for ticket messages. Telegram gets its answer when
 * the update is handled, or after WEBHOOK_ANSWER_MS at the latest (it resends slow ones). An update
 * another instance has claimed and not finished gets a 503, so Telegram delivers it again: by then it
 * is done (dropped) or its claim is stale (its instance died) and handled here.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BotError, webhookCallback } from "grammy";
import { UpdateBusyError, type PolicyBot } from "../../bot/create-bot.js";
import { unauthorized, unavailable } from "../errors.js";
import type { ServerDeps } from "../types.js";

export const WEBHOOK_PATH = "/telegram/webhook";
export const WEBHOOK_ANSWER_MS = 5_000;
/** What a 503 for an update another instance holds suggests; Telegram keeps its own back-off anyway. */
const BUSY_RETRY_AFTER_S = 5;
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/** Telegram's updates are small; a photo caption or a long message stays far below this. */
const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export async function webhookPlugin(app: FastifyInstance, { deps, secret }: { deps: ServerDeps; secret: string }): Promise<void> {
  let handler: ((req: FastifyRequest, reply: FastifyReply) => Promise<void>) | null = null;
  let handlerOf: PolicyBot | null = null;

  app.post(WEBHOOK_PATH, { bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, async (req, reply) => {
    if (!sameSecret(req.headers[SECRET_HEADER], secret)) {
      deps.logger.warn("webhook request without the right secret token refused", { ip: req.ip, reqId: req.id });
      throw unauthorized("wrong or missing X-Telegram-Bot-Api-Secret-Token");
    }
    const bot = deps.webhookBot();
    // Not started yet (index loading, or Telegram not reached for getMe): Telegram tries again.
    if (!bot || !bot.isInited()) throw unavailable("the bot is starting", 2);
    if (handlerOf !== bot) {
      handler = webhookCallback(bot, "fastify", {
        secretToken: secret,
        timeoutMilliseconds: WEBHOOK_ANSWER_MS,
        // Answered, so Telegram does not resend it; the handler goes on (its replies wait out an outage).
        onTimeout: () => deps.logger.warn(`webhook: an update is still being handled after ${WEBHOOK_ANSWER_MS} ms; answered Telegram meanwhile`),
      }) as unknown as (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
      handlerOf = bot;
    }
    try {
      await handler!(req, reply);
    } catch (err) {
      // Another instance holds a fresh claim on it (it may have died mid-update): Telegram delivers it again later.
      // Expected after a crash, so answered here rather than logged as a server error.
      if (err instanceof BotError && err.error instanceof UpdateBusyError) {
        const updateId = err.error.updateId;
        deps.logger.info("webhook: update claimed by another instance; Telegram asked to deliver it again", { update_id: updateId, reqId: req.id });
        const { status, code, message, headers } = unavailable(`update ${updateId} is being handled by another instance`, BUSY_RETRY_AFTER_S);
        return reply.code(status).headers(headers).send({ error: { code, message }, request_id: req.id });
      }
      throw err;
    }
    return reply;
  });
}

function sameSecret(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const a = Buffer.from(header);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
