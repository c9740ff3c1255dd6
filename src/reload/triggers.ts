/**
 * What asks the running process to reload: the corpus folder changing (watched), and SIGHUP (sent by
 * `npm run index` after it built, or by an operator: kill -HUP <pid>). A Redis pub/sub bus for several
 * instances can be another ReloadTrigger beside them.
 */
import { watch, type FSWatcher } from "node:fs";
import type { ReloadReason, ReloadTrigger } from "./reloader.js";

/** How often the corpus is compared when the file system cannot be watched (some network and container mounts). */
const POLL_MS = 5_000;

/**
 * Every change under the corpus folder (editors save through temporary files and renames: the
 * reloader debounces them and ignores what does not change the corpus's version).
 * When watching fails, the folder's version is polled instead.
 */
export function corpusWatcher(corpusDir: string, opts: { log: (m: string) => void; version: () => string; pollMs?: number }): ReloadTrigger {
  return {
    onReloadRequested(request) {
      const changed = (file?: string | null) => request({ source: "watch", ...(file ? { by: String(file) } : {}) });
      let watcher: FSWatcher | null = null;
      let poll: NodeJS.Timeout | null = null;
      const startPolling = (why: string) => {
        if (poll) return;
        opts.log(`corpus watch: ${why}; comparing ${corpusDir} every ${Math.round((opts.pollMs ?? POLL_MS) / 1000)} s instead`);
        let seen = safeVersion(opts.version);
        poll = setInterval(() => {
          const now = safeVersion(opts.version);
          if (now !== seen) changed();
          seen = now;
        }, opts.pollMs ?? POLL_MS);
        poll.unref();
      };
      try {
        watcher = watch(corpusDir, { recursive: true, persistent: false }, (_event, file) => changed(file));
        watcher.on("error", (err) => {
          watcher?.close();
          watcher = null;
          startPolling(`watching stopped (${err.message})`);
        });
      } catch (err) {
        startPolling(`cannot watch the folder (${(err as Error).message})`);
      }
      return () => {
        watcher?.close();
        if (poll) clearInterval(poll);
      };
    },
  };
}

const safeVersion = (version: () => string): string => {
  try {
    return version();
  } catch (err) {
    return `unreadable: ${(err as Error).message}`;
  }
};

/**
 * A reload on a signal (SIGHUP): installed at the very start of the process, before its pid is
 * published in the instance lock's holder file, so the signal `npm run index` sends never meets the
 * default action (which would end the process). One arriving before anything listens is kept for the
 * first listener.
 */
export function signalTrigger(signal: NodeJS.Signals = "SIGHUP", proc: Pick<NodeJS.Process, "on" | "off"> = process): ReloadTrigger & { dispose(): void } {
  const listeners = new Set<(reason: ReloadReason) => void>();
  let early = false;
  const onSignal = () => {
    if (listeners.size === 0) early = true;
    for (const l of listeners) l({ source: "signal", by: signal });
  };
  proc.on(signal, onSignal);
  return {
    onReloadRequested(request) {
      listeners.add(request);
      if (early) {
        early = false;
        request({ source: "signal", by: signal });
      }
      return () => listeners.delete(request);
    },
    dispose() {
      proc.off(signal, onSignal);
      listeners.clear();
    },
  };
}
