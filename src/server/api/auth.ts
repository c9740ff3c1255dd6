/**
 * Who is calling the API. Systems (WeCom, the city site's back end) send `Authorization: Bearer
 * <key>` with a key from API_KEYS; logs and metrics name them by the key's name, never the key.
 * The /chat page has no key: it gets a short-lived session token from POST /chat/session, good
 * for asking and for its own tickets only (so no key with more rights ever reaches a browser).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../clock.js";
import type { ApiKeyEntry } from "../../config.js";

export type Caller = { kind: "key"; name: string } | { kind: "session"; session: string };

/** The caller name used in chat ids, logs and metrics: the key's name, or "web" for the chat page. */
export const WEB_CALLER = "web";
export const callerName = (c: Caller): string => (c.kind === "key" ? c.name : WEB_CALLER);

const digest = (s: string) => createHash("sha256").update(s).digest();

export class ApiKeys {
  private readonly entries: Array<{ name: string; digest: Buffer }>;

  constructor(keys: readonly ApiKeyEntry[]) {
    this.entries = keys.map((k) => ({ name: k.name, digest: digest(k.key) }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The key's name, or null. Compares with every key in constant time (digests of equal length, no early exit). */
  identify(presented: string): string | null {
    const given = digest(presented);
    let found: string | null = null;
    for (const e of this.entries) if (timingSafeEqual(e.digest, given) && found === null) found = e.name;
    return found;
  }
}

const SESSION_PREFIX = "chat.";
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/** Signed, expiring tokens for the chat page: chat.<payload>.<HMAC>. Nothing is stored on the server. */
export class ChatSessions {
  private readonly secret: Buffer;

  constructor(
    secret: string | null,
    private readonly clock: Pick<Clock, "now">,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {
    // Without CHAT_SESSION_SECRET, sessions last until this process stops (several instances need the setting).
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  static looksLikeSession(token: string): boolean {
    return token.startsWith(SESSION_PREFIX);
  }

  issue(): { token: string; session: string; expiresAt: number } {
    const session = randomBytes(9).toString("base64url");
    const expiresAt = this.clock.now() + this.ttlMs;
    const payload = Buffer.from(JSON.stringify({ s: session, e: expiresAt })).toString("base64url");
    return { token: `${SESSION_PREFIX}${payload}.${this.sign(payload)}`, session, expiresAt };
  }

  /** The session id, or null when the token is forged, damaged or expired. */
  verify(token: string): string | null {
    if (!token.startsWith(SESSION_PREFIX)) return null;
    const [payload, mac, ...rest] = token.slice(SESSION_PREFIX.length).split(".");
    if (!payload || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const { s, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { s?: unknown; e?: unknown };
      if (typeof s !== "string" || typeof e !== "number" || e <= this.clock.now()) return null;
      return s;
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }
}

/** The bearer token of a request, or null. */
export function bearerOf(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}
