/**
 * The per-user rate limit's counter: a fixed window per user that starts at their first message.
 * With Redis, rate-limiter-flexible's RateLimiterRedis, so the limit holds across instances, with a
 * RateLimiterMemory as insurance while Redis cannot be reached (each instance then counts on its
 * own). Without Redis, a counter in this process on the bot's clock (rate-limiter-flexible's
 * memory limiter reads Date.now() and real timers, which a test's manual clock cannot move).
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";

export interface UserRateLimiter {
  /** Count one update from `userId`; resolves to how many they sent in the current window, this one included. */
  hit(userId: string): Promise<number>;
}

export interface RateLimitWindow {
  /** Updates allowed per window (counting goes on past it, so the first one over is known). */
  limit: number;
  /** Whole seconds: Redis expires keys by the second. */
  windowSeconds: number;
}

class FlexibleLimiter implements UserRateLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async hit(userId: string): Promise<number> {
    try {
      return (await this.limiter.consume(userId, 1)).consumedPoints;
    } catch (rejected) {
      // Over the limit is a rejection carrying the count; anything else is a real error.
      if (rejected instanceof RateLimiterRes) return rejected.consumedPoints;
      throw rejected;
    }
  }
}

/** In this process: a window per user on `now`, stale windows swept once per window length so memory stays bounded. */
export function memoryRateLimiter({ windowSeconds, now = Date.now }: RateLimitWindow & { now?: () => number }): UserRateLimiter {
  const windowMs = windowSeconds * 1_000;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return {
    async hit(userId) {
      const t = now();
      if (t - lastSweep >= windowMs) {
        lastSweep = t;
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      }
      let w = windows.get(userId);
      if (!w || t - w.start >= windowMs) {
        w = { start: t, count: 0 };
        windows.set(userId, w);
      }
      return ++w.count;
    },
  };
}

export function redisRateLimiter(redis: Redis, { limit, windowSeconds }: RateLimitWindow, keyPrefix: string): UserRateLimiter {
  return new FlexibleLimiter(
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}rate`,
      points: limit,
      duration: windowSeconds,
      // Fail over at once instead of queueing behind a dead connection.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: limit, duration: windowSeconds }),
    }),
  );
}
