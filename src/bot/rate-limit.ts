import type { Context, MiddlewareFn } from "grammy";
import type { UserRateLimiter } from "../coordination/rate-limit.js";

export interface RateLimitOptions {
  /** Counts each user's updates per window: in this process, or in Redis across instances. */
  limiter: UserRateLimiter;
  /** Updates a user may send per window. */
  limit: number;
  /** Updates that are never limited (e.g. staff). */
  exempt?: (ctx: Context) => boolean;
  /** Called once per window for the first update over the limit; later ones are dropped silently. */
  onLimited: (ctx: Context) => Promise<unknown> | unknown;
  /** Called for each later update dropped silently in the same window. */
  onDropped?: (ctx: Context) => void;
  /** The counter could not be reached (and its fallback failed too): the update goes through. */
  onError?: (ctx: Context, err: unknown) => void;
}

/**
 * A per-user fixed-window rate limit. Over the limit, the update is dropped; the user is told once
 * per window (the update that makes the count limit + 1), not on every message. Whether an update
 * is the first one over is read from the shared count, so it holds across instances too.
 */
export function rateLimiter(opts: RateLimitOptions): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || opts.exempt?.(ctx)) return next();
    let count: number;
    try {
      count = await opts.limiter.hit(String(userId));
    } catch (err) {
      // Better to answer a flood than to drop a question because the counter is away.
      opts.onError?.(ctx, err);
      return next();
    }
    if (count <= opts.limit) return next();
    if (count > opts.limit + 1) {
      opts.onDropped?.(ctx);
      // Still stop a callback button's spinner, silently.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    await opts.onLimited(ctx);
  };
}
