/**
 * Reloads the running engine when the corpus changes: requests from any trigger (the corpus watcher,
 * SIGHUP from `npm run index`, a staff /reindex, later a bus across instances; an FAQ approval needs none) are debounced
 * into one rebuild; rebuilds run one at a time; a successful one is swapped into the LiveEngine, a
 * failed one changes nothing. Every outcome is a ReloadReport for the listeners (staff chat, terminal)
 * and a log line.
 */
import type { LiveEngine } from "../answer/live-engine.js";
import type { ServedEngine } from "../answer/open-engine.js";
import { systemClock, type Clock } from "../clock.js";
import { CorpusError } from "../policy/corpus-error.js";
import type { DocumentRef } from "../policy/measure.js";
import { diffMeasures, type IndexChanges } from "../search/index-store.js";

/** What asked for the reload. */
export type ReloadSource = "watch" | "signal" | "command" | "bus";

export interface ReloadReason {
  source: ReloadSource;
  /** Who or what: the staff member behind /reindex, the file that changed. */
  by?: string;
  /** The chat a /reindex came from (it gets the report as the command's reply). */
  chatId?: string;
}

/** Something that asks for reloads: the corpus watcher, a signal, later a pub/sub bus. Returns a function that stops it. */
export interface ReloadTrigger {
  onReloadRequested(request: (reason: ReloadReason) => void): () => void;
}

export type ReloadReport =
  | { kind: "reloaded"; reason: ReloadReason; changes: IndexChanges; measures: number; documents: readonly DocumentRef[] }
  /** Nothing the engine reads changed (an editor's temporary file, a second signal); `recovered`: a broken corpus was put back as it was. */
  | { kind: "unchanged"; reason: ReloadReason; recovered: boolean }
  /**
   * The rebuild failed: the engine answering before still answers. `where`: the file:line of a corpus error.
   * `repeated`: the same broken files as the last failure (a second save, a signal), already reported.
   */
  | { kind: "failed"; reason: ReloadReason; problem: string; where?: { file: string; line: number }; repeated: boolean; measures: number };

/** What front ends use of a reloader: /reindex, and its reports (staff chat, terminal). */
export interface ReloadControl {
  reloadNow(reason: ReloadReason): Promise<ReloadReport>;
  onReport(listener: (report: ReloadReport) => void): () => void;
}

export interface ReloaderOptions {
  live: LiveEngine;
  /** The version of the corpus files as they are now, without parsing (sourceVersion). */
  version: () => string;
  /** The engine for the corpus as it is now; throws (a CorpusError for a malformed file) and builds nothing on failure. */
  open: () => Promise<ServedEngine>;
  log: (message: string) => void;
  clock?: Clock;
  /** A burst of requests within this becomes one rebuild. */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 500;

export class Reloader implements ReloadControl {
  private readonly listeners = new Set<(report: ReloadReport) => void>();
  private readonly detachers = new Set<() => void>();
  private readonly clock: Clock;
  private pending: ReloadReason | null = null;
  private cancelPending: (() => void) | null = null;
  /** Rebuilds one after another: each waits for the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The version of the files whose rebuild failed last (reported once). */
  private failedVersion: string | null = null;
  private closed = false;

  constructor(private readonly opts: ReloaderOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  /** Ask for a reload soon: requests within the debounce interval become one. */
  request(reason: ReloadReason): void {
    if (this.closed) return;
    this.pending = reason;
    this.cancelPending?.();
    this.cancelPending = this.clock.schedule(
      () => {
        const due = this.pending!;
        this.pending = null;
        this.cancelPending = null;
        void this.reloadNow(due);
      },
      this.opts.debounceMs ?? DEFAULT_DEBOUNCE_MS,
      { background: true },
    );
  }

  /** Reload now (after any rebuild in progress) and return what happened; never throws. */
  reloadNow(reason: ReloadReason): Promise<ReloadReport> {
    const run = this.queue.then(() => this.reload(reason));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reload when the trigger asks; detached by close(). */
  attach(trigger: ReloadTrigger): void {
    this.detachers.add(trigger.onReloadRequested((reason) => this.request(reason)));
  }

  /** Told of every reload's outcome; returns a function that stops telling. */
  onReport(listener: (report: ReloadReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Detach the triggers and drop a pending request; waits for a rebuild in progress. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelPending?.();
    for (const detach of this.detachers) detach();
    this.detachers.clear();
    await this.queue;
  }

  private async reload(reason: ReloadReason): Promise<ReloadReport> {
    const report = await this.attempt(reason);
    // An editor's swap and backup files change the folder all the time: those no-ops are not logged.
    if (!(report.kind === "unchanged" && !report.recovered && reason.source === "watch")) this.opts.log(logLine(report));
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch (err) {
        this.opts.log(`reload: a report listener failed: ${(err as Error).message}`);
      }
    }
    return report;
  }

  private async attempt(reason: ReloadReason): Promise<ReloadReport> {
    const live = this.opts.live;
    const measures = live.measures().length;
    let version: string;
    try {
      version = this.opts.version();
    } catch (err) {
      return this.failed(reason, err, null, measures);
    }
    if (version === live.current.source) {
      const recovered = this.failedVersion !== null;
      this.failedVersion = null;
      return { kind: "unchanged", reason, recovered };
    }
    let next: ServedEngine;
    try {
      next = await this.opts.open();
    } catch (err) {
      return this.failed(reason, err, version, measures);
    }
    this.failedVersion = null;
    const previous = live.swap(next);
    const changes = diffMeasures(previous.engine.measures(), next.engine.measures());
    return { kind: "reloaded", reason, changes, measures: next.engine.measures().length, documents: next.engine.documents() };
  }

  private failed(reason: ReloadReason, err: unknown, version: string | null, measures: number): ReloadReport {
    const repeated = version !== null && version === this.failedVersion;
    if (version !== null) this.failedVersion = version;
    const where = err instanceof CorpusError ? { file: err.file, line: err.line } : undefined;
    const problem = err instanceof CorpusError ? err.problem : (err as Error)?.message ?? String(err);
    return { kind: "failed", reason, problem, ...(where ? { where } : {}), repeated, measures };
  }
}

const by = (r: ReloadReason) => `${r.source}${r.by ? ` by ${r.by}` : ""}`;

/** The log line of a reload (English, like every log line). */
export function logLine(r: ReloadReport): string {
  switch (r.kind) {
    case "reloaded": {
      const c = r.changes;
      const label = (ms: typeof c.added) => ms.map((m) => `${m.document ? `《${m.document}》` : ""}第${m.number}条`).join("、") || "none";
      return `reload (${by(r.reason)}): now answering from ${r.measures} measures; added ${c.added.length} (${label(c.added)}), changed ${c.changed.length} (${label(c.changed)}), removed ${c.removed.length} (${label(c.removed)})`;
    }
    case "unchanged":
      return `reload (${by(r.reason)}): the corpus is as the engine has it${r.recovered ? " again (the broken change was undone)" : ""}; nothing to do`;
    case "failed":
      return (
        `reload (${by(r.reason)}) refused: ${r.where ? `${r.where.file}:${r.where.line}: ` : ""}${r.problem}; ` +
        `still answering from the previous version (${r.measures} measures). Fix the file and save it again (or send /reindex, or run npm run index)`
      );
  }
}
