/**
 * Outgoing requests through a proxy (TELEGRAM_PROXY, LLM_PROXY): api.telegram.org and many LLM
 * endpoints cannot be reached directly from some networks. http(s):// proxies are used with
 * CONNECT (the TLS session stays end to end), socks5:// ones with SOCKS5, both as undici
 * dispatchers. The proxy packages are loaded only when a proxy is configured.
 */
import { createRequire } from "node:module";
import type { Dispatcher } from "undici";

// Required, not import()ed: the commands run as CommonJS bundles under V8's code cache, where import() fails (src/cli/launch.ts).
const requireLazily = createRequire(import.meta.url);

export type ProxyKind = "http" | "socks";

export function proxyKind(url: string): ProxyKind {
  return /^socks/i.test(url) ? "socks" : "http";
}

/** An undici dispatcher that sends every request through the proxy. */
export async function proxyDispatcher(url: string): Promise<Dispatcher> {
  if (proxyKind(url) === "socks") return socksDispatcher(url);
  const { ProxyAgent } = requireLazily("undici") as typeof import("undici");
  return new ProxyAgent(url);
}

/** What the openai client needs to go through a proxy: undici's fetch with a matching dispatcher. */
export interface ProxiedFetch {
  fetch: typeof globalThis.fetch;
  fetchOptions: { dispatcher: unknown };
}

export async function fetchThroughProxy(url: string): Promise<ProxiedFetch> {
  const undici = requireLazily("undici") as typeof import("undici");
  const dispatcher = await proxyDispatcher(url);
  // undici's own fetch: a dispatcher from the npm package must not be handed to Node's built-in fetch.
  return { fetch: undici.fetch as unknown as typeof globalThis.fetch, fetchOptions: { dispatcher } };
}

async function socksDispatcher(url: string): Promise<Dispatcher> {
  const { socksDispatcher: create } = requireLazily("fetch-socks") as typeof import("fetch-socks");
  const u = new URL(url);
  const type = /^socks4/i.test(u.protocol) ? 4 : 5;
  return create({
    type,
    host: u.hostname,
    port: Number(u.port || 1080),
    ...(u.username ? { userId: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  });
}

/** The parts of a proxy URL that are secrets (its password and user:password), for the log redactor. */
export function proxySecrets(url: string | null | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    if (!u.password) return [];
    return [`${u.username}:${u.password}`, u.password, decodeURIComponent(u.password)];
  } catch {
    return [];
  }
}
