/**
 * The ReloadBus contract, in-process and on Redis pub/sub (when reachable; a channel of its own per
 * test): every subscriber of every instance hears a publish, its own included; unsubscribing stops
 * it; one failing handler does not keep the message from the others. Redis only: a subscriber cut
 * off and back hears "resubscribed" (what was published meanwhile is lost), and a malformed
 * message is reported, not delivered.
 */
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRedisClient, RedisReloadBus } from "../../src/coordination/redis.js";
import { InProcessReloadBus, type ReloadBus, type ReloadMessage } from "../../src/coordination/reload-bus.js";
import { testRedisUrl } from "../support/store-backends.js";
import { testPrefix, whenReady } from "../support/redis-prefix.js";
import { TcpProxy } from "../support/tcp-proxy.js";

interface Subject {
  /** Two instances' buses (in-process: one bus, as one process has one). */
  buses: [ReloadBus, ReloadBus];
  errors: unknown[];
  close(): Promise<void>;
}

interface Backend {
  name: string;
  open(): Promise<Subject>;
}

const inProcess: Backend = {
  name: "in-process",
  async open() {
    const errors: unknown[] = [];
    const bus = new InProcessReloadBus((e) => errors.push(e));
    return { buses: [bus, bus], errors, close: async () => undefined };
  },
};

function redisBackend(url: string): Backend {
  return {
    name: "redis",
    async open() {
      const prefix = testPrefix();
      const errors: unknown[] = [];
      const clients: Redis[] = [createRedisClient(url), createRedisClient(url)];
      await Promise.all(clients.map(whenReady));
      const buses = clients.map((c) => new RedisReloadBus(c, prefix, (e) => errors.push(e))) as [RedisReloadBus, RedisReloadBus];
      return {
        buses,
        errors,
        async close() {
          for (const b of buses) await b.close();
          for (const c of clients) c.disconnect();
        },
      };
    },
  };
}

const redisUrl = testRedisUrl();
const backends: Backend[] = redisUrl ? [inProcess, redisBackend(redisUrl)] : [inProcess];

describe.each(backends)("ReloadBus contract: $name", (backend) => {
  let s: Subject;
  beforeEach(async () => {
    s = await backend.open();
  });
  afterEach(async () => {
    await s.close();
  });

  it("every subscriber of every instance hears a publish, the publisher's own included", async () => {
    const heard: Array<[string, ReloadMessage]> = [];
    await s.buses[0].subscribe((m) => heard.push(["a", m]));
    await s.buses[1].subscribe((m) => heard.push(["b", m]));
    await s.buses[0].publish("corpus-v2", "instance-1");
    await vi.waitFor(() => expect(heard).toHaveLength(2));
    const message = { reason: "published", corpusVersion: "corpus-v2", from: "instance-1" };
    expect(heard.sort()).toEqual([
      ["a", message],
      ["b", message],
    ]);
  });

  it("after unsubscribing a handler hears nothing more; the others still do", async () => {
    const heard: string[] = [];
    const stop = await s.buses[0].subscribe((m) => heard.push(`a:${m.corpusVersion}`));
    await s.buses[1].subscribe((m) => heard.push(`b:${m.corpusVersion}`));
    await s.buses[1].publish("v1", "x");
    await vi.waitFor(() => expect(heard.sort()).toEqual(["a:v1", "b:v1"]));
    await stop();
    await s.buses[1].publish("v2", "x");
    await vi.waitFor(() => expect(heard).toContain("b:v2"));
    expect(heard.filter((h) => h === "a:v2")).toEqual([]);
  });

  it("a handler that throws is reported; the others still get the message", async () => {
    const heard: string[] = [];
    await s.buses[0].subscribe(() => {
      throw new Error("index rebuild failed");
    });
    await s.buses[0].subscribe((m) => heard.push(m.corpusVersion ?? ""));
    await s.buses[1].publish("v3", "x");
    await vi.waitFor(() => expect(heard).toEqual(["v3"]));
    expect(s.errors).toMatchObject([{ message: "index rebuild failed" }]);
  });
});

describe.skipIf(!redisUrl)("RedisReloadBus (Redis only)", () => {
  const url = redisUrl!;
  const clients: Redis[] = [];
  const client = async (u = url) => {
    const c = createRedisClient(u);
    clients.push(c);
    await whenReady(c);
    return c;
  };
  afterEach(() => {
    for (const c of clients.splice(0)) c.disconnect();
  });

  it("a malformed message on the channel is reported and not delivered", async () => {
    const prefix = testPrefix();
    const errors: unknown[] = [];
    const bus = new RedisReloadBus(await client(), prefix, (e) => errors.push(e));
    const heard: ReloadMessage[] = [];
    await bus.subscribe((m) => heard.push(m));
    await (await client()).publish(`${prefix}reload`, '{"reason":"published","corpusVersion":7}');
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(String(errors[0])).toMatch(/malformed message/);
    expect(heard).toEqual([]);
    await bus.close();
  });

  it("a subscriber cut off from Redis hears 'resubscribed' when it is back, then publishes again", async () => {
    const target = new URL(url);
    const proxy = await TcpProxy.start(target.hostname, Number(target.port) || 6379);
    const prefix = testPrefix();
    try {
      const listening = new RedisReloadBus(await client(proxy.rewrite(url)), prefix);
      const publishing = new RedisReloadBus(await client(), prefix);
      const heard: ReloadMessage[] = [];
      await listening.subscribe((m) => heard.push(m));
      await proxy.down();
      await publishing.publish("missed", "other"); // nobody behind the proxy hears this one
      await proxy.up();
      await vi.waitFor(() => expect(heard).toEqual([{ reason: "resubscribed", corpusVersion: null, from: null }]), { timeout: 15_000, interval: 50 });
      await publishing.publish("v9", "other");
      await vi.waitFor(() => expect(heard.at(-1)).toEqual({ reason: "published", corpusVersion: "v9", from: "other" }), { timeout: 5_000 });
      await listening.close();
      await publishing.close();
    } finally {
      await proxy.stop();
    }
  });
});
