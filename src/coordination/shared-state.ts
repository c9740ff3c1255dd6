/**
 * Short-lived state every instance must see the same way (what a clarify question offered, what a
 * button under an answer refers to): string values under keys, each with a time to live. Redis
 * (redis.ts) when REDIS_URL is set, otherwise this process's memory.
 */

export interface SharedState {
  /** Store `value` under `key` for `ttlMs`, replacing what was there. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Store only if nothing (unexpired) is there; true if stored. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** The value, or null when none or expired. */
  get(key: string): Promise<string | null>;
  /** Read and remove in one step: of several instances taking a key at once, one gets the value. */
  take(key: string): Promise<string | null>;
  delete(key: string): Promise<void>;
}

/** Redis (or another shared backend) cannot be reached: the caller goes on without the shared state. */
export class CoordinationUnavailableError extends Error {
  readonly hint = "Redis in REDIS_URL cannot be reached: start it, check the network and REDIS_URL; it reconnects by itself";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CoordinationUnavailableError";
  }
}

export const isCoordinationFault = (err: unknown): err is CoordinationUnavailableError => err instanceof CoordinationUnavailableError;

const requireTtl = (ttlMs: number): void => {
  if (!Number.isFinite(ttlMs) || ttlMs < 1) throw new RangeError(`shared state: ttlMs must be at least 1 ms, got ${ttlMs}`);
};

/** Sweep expired entries after this many writes, so memory stays bounded by what is alive. */
const SWEEP_EVERY_WRITES = 1_000;

/** In this process only: one instance, no Redis. Expiry is checked against `now` on every read. */
export class MemorySharedState implements SharedState {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    requireTtl(ttlMs);
    this.write(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    requireTtl(ttlMs);
    if (this.live(key) !== null) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key);
  }

  async take(key: string): Promise<string | null> {
    const value = this.live(key);
    this.entries.delete(key);
    return value;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  /** Entries held, expired ones included until the next sweep (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(key);
    return null;
  }

  private write(key: string, value: string, ttlMs: number): void {
    const now = this.now();
    this.entries.set(key, { value, expiresAt: now + ttlMs });
    if (++this.writes % SWEEP_EVERY_WRITES !== 0) return;
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}
