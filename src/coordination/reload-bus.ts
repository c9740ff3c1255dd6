/**
 * "Reload the index": after a new corpus version is published, every instance rebuilds its local
 * index from it. Redis pub/sub (redis.ts) with REDIS_URL, otherwise within this process.
 */

export interface ReloadMessage {
  /**
   * "published": someone published `corpusVersion`. "resubscribed": this instance was cut off from
   * the bus and is back; it may have missed a message (pub/sub keeps none), so it should compare
   * its version with the one recorded in the database. corpusVersion is null then.
   */
  reason: "published" | "resubscribed";
  corpusVersion: string | null;
  /** Who published (an instance id); null for "resubscribed". */
  from: string | null;
}

export type ReloadHandler = (message: ReloadMessage) => void;

export interface ReloadBus {
  /** Tell every instance, this one included, that `corpusVersion` is the one to serve. */
  publish(corpusVersion: string, from: string): Promise<void>;
  /** `onReload` hears every message from now on; the returned function stops that. */
  subscribe(onReload: ReloadHandler): Promise<() => Promise<void>>;
}

/** Handlers are called one by one; one that throws does not keep the message from the others. */
export function deliverReload(handlers: Iterable<ReloadHandler>, message: ReloadMessage, onError: (err: unknown) => void): void {
  for (const handler of [...handlers]) {
    try {
      handler(message);
    } catch (err) {
      onError(err);
    }
  }
}

/** One process: publish calls every subscriber of this bus. */
export class InProcessReloadBus implements ReloadBus {
  private readonly handlers = new Set<ReloadHandler>();

  constructor(private readonly onError: (err: unknown) => void = () => undefined) {}

  async publish(corpusVersion: string, from: string): Promise<void> {
    // Asynchronously, as a message from Redis arrives: a publisher never runs handlers inside its own call.
    await Promise.resolve();
    deliverReload(this.handlers, { reason: "published", corpusVersion, from }, this.onError);
  }

  async subscribe(onReload: ReloadHandler): Promise<() => Promise<void>> {
    // Each subscription is its own, even for the same function.
    const handler: ReloadHandler = (m) => onReload(m);
    this.handlers.add(handler);
    return async () => void this.handlers.delete(handler);
  }
}
