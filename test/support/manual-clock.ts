import type { Clock } from "../../src/clock.js";

export interface ManualTimer {
  /** When it falls due, on this clock. */
  at: number;
  /** The delay it was scheduled with. */
  ms: number;
  /** Scheduled as not keeping the process alive (reminders), as opposed to something awaited (a back-off). */
  background: boolean;
}

interface Entry extends ManualTimer {
  fn: () => void;
  seq: number;
}

/** A timer something waits for (a back-off), not a background reminder. */
export const awaited = (t: ManualTimer) => !t.background;

/**
 * A clock that moves only when a test says so: `advance(ms)` runs every timer that falls due,
 * in order, including timers those timers schedule. Lets a test live through ten minutes of an
 * outage in milliseconds, and count exactly what was logged.
 */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Entry[] = [];
  private readonly onSchedule = new Set<() => void>();
  /** Every timer ever scheduled, in order (e.g. to read a back-off sequence). */
  readonly scheduled: ManualTimer[] = [];

  constructor(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  schedule(fn: () => void, ms: number, opts?: { background?: boolean }): () => void {
    const entry: Entry = { at: this.t + ms, ms, background: opts?.background === true, fn, seq: this.seq++ };
    this.timers.push(entry);
    this.scheduled.push({ at: entry.at, ms, background: entry.background });
    for (const notify of [...this.onSchedule]) notify();
    return () => {
      this.timers = this.timers.filter((e) => e !== entry);
    };
  }

  /** Move time forward by `ms`, running due timers in time order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((e) => e.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((e) => e !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }

  pending(): ManualTimer[] {
    return this.timers.map(({ at, ms, background }) => ({ at, ms, background })).sort((a, b) => a.at - b.at);
  }

  /** Resolves with the first pending timer matching `predicate`, now or once one is scheduled (real-time timeout). */
  waitForTimer(predicate: (t: ManualTimer) => boolean = () => true, timeoutMs = 5_000): Promise<ManualTimer> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.pending().find(predicate);
        if (!found) return false;
        this.onSchedule.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.onSchedule.delete(check);
        reject(new Error(`manual clock: no matching timer within ${timeoutMs} ms; pending: ${JSON.stringify(this.pending())}`));
      }, timeoutMs);
      if (!check()) this.onSchedule.add(check);
    });
  }
}
