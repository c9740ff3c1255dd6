import type { Context, MiddlewareFn } from "grammy";

export interface RateLimitOptions {
  /** Updates a user may send per window. */
  limit: number;
  windowMs?: number;
  now?: () => number;
  /** Updates that are never limited (e.g. staff). */
  exempt?: (ctx: Context) => boolean;
  /** Called once per window for the first update over the limit; later ones are dropped silently. */
  onLimited: (ctx: Context) => Promise<unknown> | unknown;
  /** Called for each later update dropped silently in the same window. */
  onDropped?: (ctx: Context) => void;
}

interface Bucket {
  windowStart: number;
  count: number;
  warned: boolean;
}

/**
 * A per-user fixed-window rate limiter. Over the limit, the update is dropped; the user is
 * told once per window, not on every message. Memory is bounded by sweeping stale buckets.
 */
export function rateLimiter(opts: RateLimitOptions): MiddlewareFn<Context> {
  const windowMs = opts.windowMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const buckets = new Map<number, Bucket>();
  let lastSweep = now();

  const sweep = (t: number) => {
    if (t - lastSweep < windowMs) return;
    lastSweep = t;
    for (const [k, b] of buckets) if (t - b.windowStart >= windowMs) buckets.delete(k);
  };

  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || opts.exempt?.(ctx)) return next();
    const t = now();
    sweep(t);
    let b = buckets.get(userId);
    if (!b || t - b.windowStart >= windowMs) {
      b = { windowStart: t, count: 0, warned: false };
      buckets.set(userId, b);
    }
    b.count++;
    if (b.count <= opts.limit) return next();
    if (b.warned) {
      opts.onDropped?.(ctx);
      // Still stop a callback button's spinner, silently.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    b.warned = true;
    await opts.onLimited(ctx);
  };
}
