/** Where a store user reports what it could not do but went on without. */
export type StoreWarn = (message: string, meta: Record<string, unknown>) => void;

/** After a best-effort write failed, skip the store for this long (each try may block the event loop briefly). */
export const BEST_EFFORT_COOL_OFF_MS = 5_000;

/**
 * Writes a caller can do without (update dedupe, the question log, FAQ hit counts): on failure it
 * reports once (and once more on recovery), then skips the store for a short cool-off instead of
 * waiting on a locked or full database each time.
 */
export class BestEffort {
  private failing: { since: number; retryAt: number; skipped: number } | null = null;

  constructor(
    private readonly warn: StoreWarn,
    private readonly now: () => number,
    /** The two log lines: when writes start failing, and when they work again. */
    private readonly messages: { down: string; up: string },
  ) {}

  async run<T>(what: string, write: () => Promise<T>, fallback: T): Promise<T> {
    const at = this.now();
    if (this.failing && at < this.failing.retryAt) {
      this.failing.skipped++;
      return fallback;
    }
    try {
      const result = await write();
      if (this.failing) {
        this.warn(this.messages.up, { skipped: this.failing.skipped, downMs: at - this.failing.since });
        this.failing = null;
      }
      return result;
    } catch (err) {
      if (!this.failing) {
        this.warn(this.messages.down, {
          failed: what,
          error: err instanceof Error ? err.message : String(err),
          ...("reason" in Object(err) ? { reason: (err as { reason: string }).reason } : {}),
        });
        this.failing = { since: at, retryAt: at + BEST_EFFORT_COOL_OFF_MS, skipped: 0 };
      } else {
        this.failing.retryAt = at + BEST_EFFORT_COOL_OFF_MS;
      }
      return fallback;
    }
  }
}
