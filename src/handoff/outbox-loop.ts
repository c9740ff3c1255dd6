import type { OutboxLog, OutboxWorker } from "./outbox-worker.js";

/**
 * Drives an OutboxWorker: a pass when something was queued (kick) and on a timer, so rows
 * written by another process (npm run tickets, the staff chat's bot) go out too. Concurrent
 * kicks coalesce into one more pass; stop() waits for the pass in progress.
 */
export class OutboxLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly worker: OutboxWorker,
    private readonly log: OutboxLog,
  ) {}

  kick(): void {
    void this.drain();
  }

  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.worker.pass();
          // Paused on the store: the timer tries again; looping here on every kick would never let a drain end.
        } while (this.again && !this.stopped && !this.worker.isPaused);
      } catch (err) {
        this.log.error("outbox drain failed", { error: err instanceof Error ? err.message : String(err) });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  start(intervalMs: number): void {
    this.stopped = false;
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.worker.stop();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
