/**
 * The SharedState contract, on this process's memory and on Redis (when reachable; a key prefix of
 * its own per test), plus what only Redis does: two instances see one state, and a Redis that is
 * down is a CoordinationUnavailableError, not a hang.
 */
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRedisClient, RedisSharedState } from "../../src/coordination/redis.js";
import { CoordinationUnavailableError, MemorySharedState, type SharedState } from "../../src/coordination/shared-state.js";
import { testRedisUrl } from "../support/store-backends.js";
import { dropPrefix, testPrefix, whenReady } from "../support/redis-prefix.js";
import { TcpProxy } from "../support/tcp-proxy.js";

interface Subject {
  state: SharedState;
  /** A second instance's view of the same state (memory: the same object, as one process has one). */
  other: SharedState;
  /** Let `ms` pass for the TTLs (memory: the clock; Redis: real time, waiting for the key to go). */
  pass(ms: number, key: string): Promise<void>;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  open(): Promise<Subject>;
}

const memory: Backend = {
  name: "memory",
  async open() {
    let clock = 1_000_000;
    const state = new MemorySharedState(() => clock);
    return { state, other: state, pass: async (ms) => void (clock += ms), close: async () => undefined };
  },
};

function redisBackend(url: string): Backend {
  return {
    name: "redis",
    async open() {
      const prefix = testPrefix();
      const clients: Redis[] = [createRedisClient(url), createRedisClient(url)];
      await Promise.all(clients.map(whenReady));
      const state: SharedState = new RedisSharedState(clients[0]!, prefix);
      const other: SharedState = new RedisSharedState(clients[1]!, prefix);
      return {
        state,
        other,
        pass: async (_ms, key) => vi.waitFor(async () => expect(await state.get(key)).toBeNull(), { timeout: 5_000, interval: 20 }),
        async close() {
          for (const c of clients) c.disconnect();
          await dropPrefix(url, prefix);
        },
      };
    },
  };
}

const redisUrl = testRedisUrl();
const backends: Backend[] = redisUrl ? [memory, redisBackend(redisUrl)] : [memory];

describe.each(backends)("SharedState contract: $name", (backend) => {
  let s: Subject;
  beforeEach(async () => {
    s = await backend.open();
  });
  afterEach(async () => {
    await s.close();
  });

  it("set, get, replace, delete; an unknown key is null", async () => {
    expect(await s.state.get("clarify:42")).toBeNull();
    await s.state.set("clarify:42", '{"offered":[7,12]}', 60_000);
    expect(await s.state.get("clarify:42")).toBe('{"offered":[7,12]}');
    await s.state.set("clarify:42", "换了", 60_000);
    expect(await s.other.get("clarify:42")).toBe("换了");
    await s.state.delete("clarify:42");
    expect(await s.state.get("clarify:42")).toBeNull();
  });

  it("setIfAbsent stores only where nothing is", async () => {
    expect(await s.state.setIfAbsent("k", "first", 60_000)).toBe(true);
    expect(await s.other.setIfAbsent("k", "second", 60_000)).toBe(false);
    expect(await s.state.get("k")).toBe("first");
  });

  it("take reads and removes in one step: of many takers at once, exactly one gets the value", async () => {
    await s.state.set("button:9", "第11条", 60_000);
    const taken = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? s.state : s.other).take("button:9")));
    expect(taken.filter((v) => v !== null)).toEqual(["第11条"]);
    expect(await s.state.get("button:9")).toBeNull();
  });

  it("a value is gone once its TTL has passed, also for setIfAbsent", async () => {
    await s.state.set("short", "v", 150);
    expect(await s.state.get("short")).toBe("v");
    await s.pass(150, "short");
    expect(await s.state.get("short")).toBeNull();
    expect(await s.state.setIfAbsent("short", "again", 60_000)).toBe(true);
  });

  it("refuses a TTL below 1 ms", async () => {
    await expect(s.state.set("k", "v", 0)).rejects.toThrow(RangeError);
    await expect(s.state.setIfAbsent("k", "v", Number.NaN)).rejects.toThrow(RangeError);
  });
});

describe("MemorySharedState", () => {
  it("keeps memory bounded: expired entries are swept as writes go on", async () => {
    let clock = 0;
    const state = new MemorySharedState(() => clock);
    for (let i = 0; i < 1_000; i++) await state.set(`old:${i}`, "v", 10);
    clock += 10;
    for (let i = 0; i < 1_000; i++) await state.set(`new:${i}`, "v", 60_000);
    expect(state.size).toBe(1_000);
  });
});

describe.skipIf(!redisUrl)("RedisSharedState when Redis is down", () => {
  it("fails at once with CoordinationUnavailableError (no queueing), and works again when Redis is back", async () => {
    const target = new URL(redisUrl!);
    const proxy = await TcpProxy.start(target.hostname, Number(target.port) || 6379);
    const prefix = testPrefix();
    const down: Error[] = [];
    let ups = 0;
    const client = createRedisClient(proxy.rewrite(redisUrl!), { onDown: (e) => down.push(e), onUp: () => ups++ });
    try {
      const state = new RedisSharedState(client, prefix);
      await whenReady(client);
      await state.set("k", "v", 60_000);
      await proxy.down();
      const err = await state.get("k").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CoordinationUnavailableError);
      expect((err as CoordinationUnavailableError).hint).toMatch(/REDIS_URL/);
      await proxy.up();
      await vi.waitFor(async () => expect(await state.get("k")).toBe("v"), { timeout: 10_000, interval: 100 });
      expect(down).toHaveLength(1);
      expect(ups).toBe(1);
    } finally {
      client.disconnect();
      await proxy.stop();
      await dropPrefix(redisUrl!, prefix);
    }
  });
});
