/**
 * The per-user rate limit: its counter in memory (on an injected clock) and in Redis (rate-limiter-
 * flexible; when reachable, a key prefix of its own per test), and the bot's middleware on top of it: told once
 * per window, later updates dropped silently, staff exempt, the window resets, a failed counter lets
 * the update through. Redis only: two instances share one count, and while Redis is down each
 * instance counts on its own instead of failing.
 */
import type { Context } from "grammy";
import type { Redis } from "ioredis";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memoryRateLimiter, redisRateLimiter, type UserRateLimiter } from "../../src/coordination/rate-limit.js";
import { createRedisClient } from "../../src/coordination/redis.js";
import { rateLimiter } from "../../src/bot/rate-limit.js";
import { testRedisUrl } from "../support/store-backends.js";
import { dropPrefix, testPrefix, whenReady } from "../support/redis-prefix.js";
import { TcpProxy } from "../support/tcp-proxy.js";

const redisUrl = testRedisUrl();

interface Counter {
  name: string;
  /** Two instances' limiters (memory: one, as one process has one). */
  open(limit: number, windowSeconds: number): Promise<[UserRateLimiter, UserRateLimiter]>;
  /** Wait until the window of `user` has passed (memory: fake timers; Redis: the key's real expiry). */
  windowPasses(limiter: UserRateLimiter, user: string, windowSeconds: number): Promise<void>;
  close(): Promise<void>;
}

const memoryCounter = (): Counter => {
  let clock = 1_000_000;
  return {
    name: "memory",
    async open(limit, windowSeconds) {
      const l = memoryRateLimiter({ limit, windowSeconds, now: () => clock });
      return [l, l];
    },
    windowPasses: async (_l, _u, windowSeconds) => void (clock += windowSeconds * 1_000),
    close: async () => undefined,
  };
};

const redisCounter = (url: string): Counter => {
  const prefix = testPrefix();
  const clients: Redis[] = [];
  return {
    name: "redis",
    async open(limit, windowSeconds) {
      clients.push(createRedisClient(url), createRedisClient(url));
      await Promise.all(clients.map(whenReady));
      return [redisRateLimiter(clients[0]!, { limit, windowSeconds }, prefix), redisRateLimiter(clients[1]!, { limit, windowSeconds }, prefix)];
    },
    // The window is the key's TTL in Redis: wait for the key to go (real time, one second).
    windowPasses: async (_l, user) =>
      vi.waitFor(async () => expect(await clients[0]!.exists(`${prefix}rate:${user}`)).toBe(0), { timeout: 5_000, interval: 50 }),
    async close() {
      for (const c of clients.splice(0)) c.disconnect();
      await dropPrefix(url, prefix);
    },
  };
};

const counters = () => (redisUrl ? [memoryCounter(), redisCounter(redisUrl)] : [memoryCounter()]);

describe.each(counters())("rate limit counter: $name", (counter) => {
  afterEach(async () => {
    await counter.close();
  });

  it("counts each user's updates in the window, past the limit too, users apart", async () => {
    const [a] = await counter.open(3, 60);
    const counts = [];
    for (let i = 0; i < 5; i++) counts.push(await a.hit("1001"));
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    expect(await a.hit("1002")).toBe(1);
  });

  it("the window resets: after it, the count starts again at 1", async () => {
    const [a] = await counter.open(2, 1);
    for (let i = 0; i < 3; i++) await a.hit("7");
    await counter.windowPasses(a, "7", 1);
    expect(await a.hit("7")).toBe(1);
  });

  it("one count for a user across instances", async () => {
    const [a, b] = await counter.open(3, 60);
    await a.hit("42");
    await b.hit("42");
    await a.hit("42");
    expect(await b.hit("42")).toBe(4);
  });
});

describe.skipIf(!redisUrl)("rate limit counter on Redis while Redis is down", () => {
  it("each instance counts on its own (in memory) instead of failing, and Redis counts again when back", async () => {
    const target = new URL(redisUrl!);
    const proxy = await TcpProxy.start(target.hostname, Number(target.port) || 6379);
    const prefix = testPrefix();
    const client = createRedisClient(proxy.rewrite(redisUrl!));
    try {
      await whenReady(client);
      const limiter = redisRateLimiter(client, { limit: 3, windowSeconds: 60 }, prefix);
      expect(await limiter.hit("5")).toBe(1);
      await proxy.down();
      await vi.waitFor(() => expect(client.status).not.toBe("ready"));
      // The insurance limiter starts its own count.
      expect([await limiter.hit("5"), await limiter.hit("5")]).toEqual([1, 2]);
      await proxy.up();
      await whenReady(client);
      expect(await limiter.hit("5")).toBe(2);
    } finally {
      client.disconnect();
      await proxy.stop();
      await dropPrefix(redisUrl!, prefix);
    }
  });
});

describe("the bot's rate-limit middleware", () => {
  /** A context as grammY gives it: who sent it, whether it is a button press. */
  const ctxOf = (userId: number | undefined, opts: { button?: boolean; staff?: boolean } = {}) => {
    const answered: string[] = [];
    const ctx = {
      from: userId === undefined ? undefined : { id: userId },
      callbackQuery: opts.button ? { id: "cb" } : undefined,
      staff: opts.staff ?? false,
      answerCallbackQuery: async () => void answered.push("cb"),
    };
    return { ctx: ctx as unknown as Context & { staff: boolean }, answered };
  };

  function setup(limiter: UserRateLimiter) {
    const told: number[] = [];
    const dropped: number[] = [];
    const errors: unknown[] = [];
    const mw = rateLimiter({
      limiter,
      limit: 2,
      exempt: (ctx) => (ctx as Context & { staff: boolean }).staff,
      onLimited: (ctx) => void told.push(ctx.from!.id),
      onDropped: (ctx) => void dropped.push(ctx.from!.id),
      onError: (_ctx, err) => void errors.push(err),
    });
    const handled: number[] = [];
    const send = async (userId: number | undefined, opts: { button?: boolean; staff?: boolean } = {}) => {
      const { ctx, answered } = ctxOf(userId, opts);
      await mw(ctx, async () => void handled.push(userId ?? -1));
      return answered;
    };
    return { send, told, dropped, handled, errors };
  }

  it("over the limit: told once per window, later updates dropped silently (a button's spinner stopped); the window resets", async () => {
    let clock = 0;
    const t = setup(memoryRateLimiter({ limit: 2, windowSeconds: 60, now: () => clock }));
    for (let i = 0; i < 4; i++) await t.send(1);
    expect(await t.send(1, { button: true })).toEqual(["cb"]);
    expect(t.handled).toEqual([1, 1]);
    expect(t.told).toEqual([1]);
    expect(t.dropped).toEqual([1, 1]);
    await t.send(2);
    expect(t.handled).toEqual([1, 1, 2]);
    clock += 59_999;
    await t.send(1);
    expect(t.dropped).toEqual([1, 1, 1]); // still the same minute
    clock += 1;
    await t.send(1);
    expect(t.handled).toEqual([1, 1, 2, 1]);
    for (let i = 0; i < 2; i++) await t.send(1);
    expect(t.told).toEqual([1, 1]);
  });

  it("staff and updates without a sender are never limited", async () => {
    const t = setup(memoryRateLimiter({ limit: 2, windowSeconds: 60 }));
    for (let i = 0; i < 5; i++) await t.send(9, { staff: true });
    await t.send(undefined);
    expect(t.handled).toEqual([9, 9, 9, 9, 9, -1]);
    expect(t.told).toEqual([]);
  });

  it("a counter that fails lets the update through and reports it", async () => {
    const t = setup({ hit: async () => Promise.reject(new Error("counter away")) });
    await t.send(1);
    expect(t.handled).toEqual([1]);
    expect(t.errors).toMatchObject([{ message: "counter away" }]);
  });
});
