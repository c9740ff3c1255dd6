import { formatDuration, systemClock, type Clock } from "./clock.js";

/**
 * Whether a remote service (the Telegram Bot API, an LLM endpoint) can be reached, and what the
 * log says about it: the first failure at once, a reminder every minute while the outage lasts,
 * and the recovery. The wait before the next attempt grows while it lasts (1 s, 2 s, 4 s … 60 s).
 */
export interface ReachabilityOptions {
  /** How the log names the service, e.g. "the Telegram Bot API at https://api.telegram.org". */
  service: string;
  /** What the operator can do, and what happens meanwhile; ends the first log line. */
  hint: string;
  log: { error(message: string): void; info(message: string): void };
  clock?: Clock;
  reportEveryMs?: number;
  backoff?: Backoff;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };
export const REPORT_EVERY_MS = 60_000;

// Reminders never keep a process alive that has nothing else to do.
const BACKGROUND = { background: true };

interface Outage {
  since: number;
  attempts: number;
  reason: string;
  delayMs: number;
  nextAttemptAt: number;
  cancelReport: () => void;
}

export class Reachability {
  private outage: Outage | null = null;
  private readonly clock: Clock;
  private readonly backoff: Backoff;
  private readonly reportEveryMs: number;

  constructor(private readonly opts: ReachabilityOptions) {
    this.clock = opts.clock ?? systemClock;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.reportEveryMs = opts.reportEveryMs ?? REPORT_EVERY_MS;
  }

  get down(): boolean {
    return this.outage !== null;
  }

  /** An attempt did not reach the service. Returns how long to wait before the next one. */
  failed(reason: string): number {
    const now = this.clock.now();
    const o = this.outage;
    if (!o) {
      const delayMs = this.backoff.initialMs;
      this.outage = { since: now, attempts: 1, reason, delayMs, nextAttemptAt: now + delayMs, cancelReport: this.scheduleReport() };
      this.opts.log.error(`cannot reach ${this.opts.service}: ${reason}. ${this.opts.hint}`);
      return delayMs;
    }
    o.attempts++;
    o.reason = reason;
    o.delayMs = Math.min(this.backoff.maxMs, o.delayMs * 2);
    o.nextAttemptAt = now + o.delayMs;
    return o.delayMs;
  }

  /** An attempt got an answer from the service (any answer: it is reachable). */
  succeeded(): void {
    const o = this.outage;
    if (!o) return;
    o.cancelReport();
    this.outage = null;
    this.opts.log.info(`${this.opts.service} is reachable again after ${formatDuration(this.clock.now() - o.since)} (${o.attempts} failed attempts)`);
  }

  /** False while the back-off after a failure lasts: callers skip the request instead of waiting for it to fail. */
  mayTry(): boolean {
    return !this.outage || this.clock.now() >= this.outage.nextAttemptAt;
  }

  /** Stop the reminders (at shutdown). */
  close(): void {
    this.outage?.cancelReport();
  }

  private scheduleReport(): () => void {
    let cancel = () => {};
    const report = () => {
      const o = this.outage;
      if (!o) return;
      const now = this.clock.now();
      const next = Math.max(0, o.nextAttemptAt - now);
      this.opts.log.error(
        `still cannot reach ${this.opts.service} after ${formatDuration(now - o.since)} ` +
          `(${o.attempts} failed attempts, last: ${o.reason}; next attempt in ${formatDuration(next)})`,
      );
      cancel = this.clock.schedule(report, this.reportEveryMs, BACKGROUND);
    };
    cancel = this.clock.schedule(report, this.reportEveryMs, BACKGROUND);
    return () => cancel();
  }
}

/** A URL for a log line: without user name and password (credentials never go to the log). */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}
