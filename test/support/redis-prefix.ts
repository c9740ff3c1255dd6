/** A Redis key prefix of its own for one test, and removing every key under it after. */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const testPrefix = (): string => `test:${process.pid}:${randomBytes(4).toString("hex")}:`;

export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** Resolves once the client is connected (commands fail at once before that: no offline queue). */
export function whenReady(client: Redis): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve) => client.once("ready", () => resolve()));
}
