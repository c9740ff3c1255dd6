/**
 * The reload trigger for several instances: a publication on any instance (PolicyPublisher) reaches
 * every instance on the ReloadBus, and each reloads its own index from its own corpus folder. Pub/sub
 * keeps no message: after a lost connection ("resubscribed") the served version is compared with the
 * one recorded in the store, and a reload is asked for when they differ.
 */
import type { ReloadBus, ReloadMessage } from "../coordination/reload-bus.js";
import type { ReloadTrigger } from "./reloader.js";

export interface BusTriggerOptions {
  /** The version the engine serves now (sourceVersion of what it was built from). */
  served: () => string;
  /** The version last published (the store's record); null before the first publication. */
  published: () => Promise<string | null>;
  log: (message: string) => void;
}

export function busTrigger(bus: ReloadBus, opts: BusTriggerOptions): ReloadTrigger {
  return {
    onReloadRequested(request) {
      let stopped = false;
      const onMessage = (m: ReloadMessage) => {
        if (stopped) return;
        if (m.reason === "published") return request({ source: "bus", ...(m.from ? { by: m.from } : {}) });
        void opts.published().then(
          (version) => {
            if (!stopped && version !== null && version !== opts.served()) request({ source: "bus", by: "missed publication" });
          },
          (err: unknown) => opts.log(`reload bus: back, but the published version could not be read (${(err as Error).message}); the next publication or /reindex reloads`),
        );
      };
      const subscription = bus.subscribe(onMessage).catch((err: unknown) => {
        opts.log(`reload bus: cannot subscribe (${(err as Error).message}); this instance hears no publication until restarted (or send /reindex)`);
        return null;
      });
      return () => {
        stopped = true;
        void subscription.then((unsubscribe) => unsubscribe?.()).catch(() => undefined);
      };
    },
  };
}
