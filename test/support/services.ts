/**
 * Vitest global setup: are PostgreSQL (TEST_DATABASE_URL, default postgres://localhost:5432/test) and
 * Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379) reachable? Their suites run when they are
 * and are skipped with a printed notice when not; with REQUIRE_TEST_SERVICES=1 (.ci/run) an
 * unreachable server fails the run instead. Tests read the result with inject("services").
 */
import net from "node:net";
import type { TestProject } from "vitest/node";

export const DEFAULT_TEST_DATABASE_URL = "postgres://localhost:5432/test";
export const DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379";

export interface TestServices {
  /** A PostgreSQL URL that answered, or null (skip the PostgreSQL suites). */
  postgres: string | null;
  /** A Redis URL that answered, or null (skip the Redis suites). */
  redis: string | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    services: TestServices;
  }
}

/** Resolves with the server's first bytes after `hello`, or rejects (refused, timeout). */
function probe(url: string, defaultPort: number, hello: Buffer, timeoutMs = 2_000): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname.replace(/^\[(.*)\]$/, "$1") || "localhost", port: Number(port) || defaultPort });
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once("connect", () => socket.write(hello));
    socket.once("data", (data) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(data);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

// PostgreSQL answers an SSLRequest with one byte, 'S' or 'N'; Redis answers PING with +PONG (or -NOAUTH).
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 4, 210, 22, 47]);
const isPostgres = (b: Buffer) => b.length >= 1 && (b[0] === 0x53 || b[0] === 0x4e);
const isRedis = (b: Buffer) => /^(\+PONG|-NOAUTH)/.test(b.toString());

async function check(name: string, url: string, defaultPort: number, hello: Buffer, ok: (b: Buffer) => boolean): Promise<string | null> {
  try {
    if (ok(await probe(url, defaultPort, hello))) return url;
    return unreachable(name, url, "it answered, but not as that server would");
  } catch (err) {
    return unreachable(name, url, (err as Error).message);
  }
}

function unreachable(name: string, url: string, why: string): null {
  const line = `${name} at ${url} is not reachable (${why})`;
  if (process.env.REQUIRE_TEST_SERVICES === "1") throw new Error(`${line}: REQUIRE_TEST_SERVICES=1 (CI) needs it; start it and run again`);
  console.warn(`\nNOTICE: ${line}: its test suites are SKIPPED. Start it (or set TEST_${name === "PostgreSQL" ? "DATABASE" : "REDIS"}_URL) to run them.\n`);
  return null;
}

export default async function setup(project: TestProject): Promise<void> {
  const pgUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL || DEFAULT_TEST_REDIS_URL;
  const [postgres, redis] = await Promise.all([
    check("PostgreSQL", pgUrl, 5432, SSL_REQUEST, isPostgres),
    check("Redis", redisUrl, 6379, Buffer.from("PING\r\n"), isRedis),
  ]);
  project.provide("services", { postgres, redis });
}
