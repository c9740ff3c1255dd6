import type { Clock } from "../../clock.js";

/** Whether one more request may go on for a caller, and when its window starts over. */
export interface LimitDecision {
  allowed: boolean;
  remaining: number;
  resetInMs: number;
}

/**
 * Counts requests per caller key in one-minute windows. In-process here (MemoryLimiter); a
 * shared implementation (e.g. Redis, for several instances) fits behind the same interface.
 */
export interface RequestLimiter {
  take(key: string, limitPerMinute: number): Promise<LimitDecision>;
}

const WINDOW_MS = 60_000;

/** Fixed one-minute windows per key, in memory; stale windows are swept once a minute. */
export class MemoryLimiter implements RequestLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep: number;

  constructor(private readonly clock: Pick<Clock, "now">) {
    this.lastSweep = clock.now();
  }

  async take(key: string, limitPerMinute: number): Promise<LimitDecision> {
    const now = this.clock.now();
    this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const resetInMs = w.start + WINDOW_MS - now;
    if (w.count >= limitPerMinute) return { allowed: false, remaining: 0, resetInMs };
    w.count++;
    return { allowed: true, remaining: limitPerMinute - w.count, resetInMs };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(k);
  }
}
