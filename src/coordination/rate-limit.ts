/**
 * The per-user rate limit's counter, through rate-limiter-flexible: a fixed window per user that
 * starts at their first message. In this process (RateLimiterMemory) without Redis; in Redis
 * (RateLimiterRedis) with it, so the limit holds across instances, with an in-memory limiter as
 * insurance while Redis cannot be reached (each instance then counts on its own).
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

export function memoryRateLimiter({ limit, windowSeconds }: RateLimitWindow): UserRateLimiter {
  return new FlexibleLimiter(new RateLimiterMemory({ points: limit, duration: windowSeconds }));
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
