/**
 * Writes that share one commit: each caller's promise settles when the commit holding its write
 * did (or failed), so a resolved write is in the file as before. Collected until the event loop's
 * check phase (setImmediate): a burst of updates handled in one turn of the loop costs one commit
 * instead of one each (a commit is most of a small write's cost).
 */
interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

export class CommitBatch<T, R = void> {
  private waiting: Waiting<T, R>[] = [];
  private timer: NodeJS.Immediate | null = null;

  /** `commit` writes every item at once, atomically (a throw fails them all), and gives each item's result, in order. */
  constructor(private readonly commit: (items: T[]) => R[]) {}

  /** Resolves with the item's result once its commit is done. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.timer ??= setImmediate(() => this.flush());
    });
  }

  /** Commit what waits now (before closing the database; then on the loop's check phase). */
  flush(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    let results: R[];
    try {
      results = this.commit(batch.map((w) => w.item));
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}
