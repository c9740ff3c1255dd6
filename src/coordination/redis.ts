/**
 * Redis for what instances share briefly: the client (reconnecting by itself, failing commands at
 * once while it is down instead of queueing them), SharedState as keys with a TTL, and the
 * ReloadBus as a pub/sub channel. Every key and the channel start with a prefix, so several bots
 * (or tests) can share one Redis.
 */
import { Redis } from "ioredis";
import { deliverReload, type ReloadBus, type ReloadHandler, type ReloadMessage } from "./reload-bus.js";
import { CoordinationUnavailableError, type SharedState } from "./shared-state.js";

/** How long subscribe() waits for Redis to confirm the subscription before it returns anyway. */
const SUBSCRIBE_WAIT_MS = 2_000;

export interface RedisEvents {
  /** The connection was lost or could not be made (once per outage). */
  onDown?: (err: Error) => void;
  /** Connected again after onDown. */
  onUp?: () => void;
}

/** A client for commands: while Redis is unreachable every command fails at once (no offline queue). */
export function createRedisClient(url: string, events: RedisEvents = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    // Reconnect forever, backing off to 5 s.
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  watch(client, events);
  return client;
}

function watch(client: Redis, { onDown, onUp }: RedisEvents): void {
  let down = false;
  // Without a listener ioredis prints every failed reconnect; one line per outage is enough.
  client.on("error", (err: Error) => {
    if (down) return;
    down = true;
    onDown?.(err);
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    onUp?.();
  });
}

async function command<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new CoordinationUnavailableError(`shared state (Redis): ${what} failed: ${(err as Error).message}`, { cause: err });
  }
}

export class RedisSharedState implements SharedState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(key: string): string {
    return `${this.prefix}state:${key}`;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    await command("SET", () => this.redis.set(this.key(key), value, "PX", Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    requireTtl(ttlMs);
    return (await command("SET NX", () => this.redis.set(this.key(key), value, "PX", Math.ceil(ttlMs), "NX"))) === "OK";
  }

  get(key: string): Promise<string | null> {
    return command("GET", () => this.redis.get(this.key(key)));
  }

  take(key: string): Promise<string | null> {
    return command("GETDEL", () => this.redis.getdel(this.key(key)));
  }

  async delete(key: string): Promise<void> {
    await command("DEL", () => this.redis.del(this.key(key)));
  }
}

function requireTtl(ttlMs: number): void {
  if (!Number.isFinite(ttlMs) || ttlMs < 1) throw new RangeError(`shared state: ttlMs must be at least 1 ms, got ${ttlMs}`);
}

/**
 * Publishes on the command client; listens on a connection of its own (a subscribed connection
 * can do nothing else), opened with the first subscriber. After that connection was lost and is
 * back, subscribers hear "resubscribed": messages sent meanwhile are gone.
 */
export class RedisReloadBus implements ReloadBus {
  private readonly handlers = new Set<ReloadHandler>();
  private subscriber: Redis | null = null;
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.channel = `${prefix}reload`;
  }

  async publish(corpusVersion: string, from: string): Promise<void> {
    const message: ReloadMessage = { reason: "published", corpusVersion, from };
    await command("PUBLISH", () => this.redis.publish(this.channel, JSON.stringify(message)));
  }

  async subscribe(onReload: ReloadHandler): Promise<() => Promise<void>> {
    const handler: ReloadHandler = (m) => onReload(m);
    this.handlers.add(handler);
    if (!this.subscriber) {
      const subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
      this.subscriber = subscriber;
      let lost = false;
      subscriber.on("error", () => void (lost = true));
      subscriber.on("close", () => void (lost = true));
      subscriber.on("ready", () => {
        // ioredis subscribes again by itself, but only after emitting "ready"; what was published meanwhile is lost.
        // Subscribing here and waiting for the reply tells subscribers once the subscription is live, so that a
        // version published right after they hear it (and compare with the database) is not missed.
        if (!lost) return;
        lost = false;
        subscriber.subscribe(this.channel).then(
          () => deliverReload(this.handlers, { reason: "resubscribed", corpusVersion: null, from: null }, this.onError),
          (err: unknown) => this.onError(err),
        );
      });
      subscriber.on("message", (channel: string, raw: string) => {
        if (channel !== this.channel) return;
        const message = parseMessage(raw);
        if (message) deliverReload(this.handlers, message, this.onError);
        else this.onError(new Error(`reload bus: ignored a malformed message on ${channel}: ${raw.slice(0, 200)}`));
      });
      // Redis down at start: the subscription is made when it comes up; start-up does not wait longer than this.
      const subscribing = command("SUBSCRIBE", () => subscriber.subscribe(this.channel)).catch((err: unknown) => this.onError(err));
      await Promise.race([subscribing, new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref())]);
    }
    return async () => {
      this.handlers.delete(handler);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber) subscriber.disconnect();
  }
}

function parseMessage(raw: string): ReloadMessage | null {
  try {
    const m = JSON.parse(raw) as Partial<ReloadMessage>;
    if (m.reason === "published" && typeof m.corpusVersion === "string" && typeof m.from === "string") {
      return { reason: "published", corpusVersion: m.corpusVersion, from: m.from };
    }
  } catch {
    // falls through
  }
  return null;
}
