/**
 * What instances share briefly, chosen once from the configuration: Redis when REDIS_URL is set
 * (the rate limit across instances, shared short-lived state, the reload channel), otherwise this
 * process's memory, as a single instance needs. ioredis is loaded only with REDIS_URL.
 */
import { memoryRateLimiter, type RateLimitWindow, type UserRateLimiter } from "./rate-limit.js";
import { InProcessReloadBus, type ReloadBus } from "./reload-bus.js";
import { MemorySharedState, type SharedState } from "./shared-state.js";

export interface Coordination {
  readonly kind: "redis" | "in-process";
  readonly sharedState: SharedState;
  readonly reloadBus: ReloadBus;
  readonly rateLimiter: UserRateLimiter;
  close(): Promise<void>;
}

export interface CoordinationLog {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export interface OpenCoordinationOptions {
  redisUrl: string | null;
  rateLimit: RateLimitWindow;
  /** Every Redis key and channel starts with it; tests use one each. */
  keyPrefix?: string;
  log: CoordinationLog;
}

/** How long start-up waits for a first Redis connection before going on (it keeps trying). */
const FIRST_CONNECT_WAIT_MS = 3_000;

export function inProcessCoordination(rateLimit: RateLimitWindow, log?: CoordinationLog): Coordination {
  return {
    kind: "in-process",
    sharedState: new MemorySharedState(),
    reloadBus: new InProcessReloadBus((err) => log?.error("a reload handler failed", { error: String(err) })),
    rateLimiter: memoryRateLimiter(rateLimit),
    close: async () => undefined,
  };
}

export async function openCoordination({ redisUrl, rateLimit, keyPrefix = "karamay-bot:", log }: OpenCoordinationOptions): Promise<Coordination> {
  if (!redisUrl) return inProcessCoordination(rateLimit, log);
  const [{ createRedisClient, RedisReloadBus, RedisSharedState }, { redisRateLimiter }] = await Promise.all([import("./redis.js"), import("./rate-limit.js")]);
  const hint = "start Redis or fix REDIS_URL; until then rate limits count per instance and shared state is unavailable; it reconnects by itself";
  const redis = createRedisClient(redisUrl, {
    onDown: (err) => log.error("Redis cannot be reached", { error: err.message, hint }),
    onUp: () => log.info("Redis reachable again"),
  });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), FIRST_CONNECT_WAIT_MS);
    timer.unref();
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (ready) log.info("shared state in Redis", { keyPrefix });
  const reloadBus = new RedisReloadBus(redis, keyPrefix, (err) => log.error("reload bus", { error: err instanceof Error ? err.message : String(err) }));
  return {
    kind: "redis",
    sharedState: new RedisSharedState(redis, keyPrefix),
    reloadBus,
    rateLimiter: redisRateLimiter(redis, rateLimit, keyPrefix),
    async close() {
      await reloadBus.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
