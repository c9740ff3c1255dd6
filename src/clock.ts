/** Time as the bot and the LLM composer see it; tests pass a manual clock instead of waiting. */
export interface Clock {
  now(): number;
  /** Run `fn` after `ms`; returns a function that cancels it. A background timer does not keep the process alive. */
  schedule(fn: () => void, ms: number, opts?: { background?: boolean }): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(fn, ms, opts) {
    const timer = setTimeout(fn, ms);
    if (opts?.background) timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Resolves after `ms` on `clock`, or rejects with the signal's reason as soon as it is aborted. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      cancel();
      reject(abortReason(signal!));
    };
    const cancel = clock.schedule(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("aborted");
}

/** 45 s, 3 min, 1 h 5 min: how long an outage has lasted, for log lines. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
