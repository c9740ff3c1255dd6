/**
 * The handoff store under load, SQLite beside PostgreSQL, in a process of its own per store:
 * ticket lifecycles (open → claim → reply → close, four transactions each) from several askers at
 * once, and the outbox's latency from a committed change to the moment a message is handed to the
 * transport (a drain right after, as a feature's kick does; the send itself does nothing).
 */
import { performance } from "node:perf_hooks";
import { OutboxWorker } from "../../handoff/outbox-worker.js";
import { HandoffService } from "../../handoff/service.js";
import type { Asker } from "../../handoff/types.js";
import type { HandoffJob } from "./children.js";
import type { HandoffStoreResult } from "./report.js";
import { percentiles, round } from "./stats.js";

const STAFF_CHAT = "-100200300";
const staff = { userId: "900", displayName: "bench" };
const asker = (n: number): Asker => ({ channel: "telegram", chatId: String(10_000 + n), userId: String(10_000 + n), displayName: `用户${n}` });
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function openService(job: HandoffJob): Promise<HandoffService> {
  if (job.store === "sqlite") return HandoffService.open({ dataDir: job.dataDir, staffChatId: STAFF_CHAT });
  const { PgHandoffStore } = await import("../../handoff/pg-store.js");
  return new HandoffService(await PgHandoffStore.open({ url: job.url!, schema: job.schema! }), { staffChatId: STAFF_CHAT, sharedStore: true });
}

export async function handoffStoreJob(job: HandoffJob): Promise<HandoffStoreResult> {
  const service = await openService(job);
  try {
    let next = 0;
    const lifecycle = async (txMs: number[]) => {
      const n = next++;
      const t0 = performance.now();
      const { ticket } = await service.openTicket({ asker: asker(n), question: `营业执照怎么办理？（${n}）`, candidates: [] });
      const t1 = performance.now();
      await service.claimTicket(ticket.id, staff);
      const t2 = performance.now();
      await service.replyToTicket(ticket.id, staff, "请携带身份证到政务服务中心办理。");
      const t3 = performance.now();
      await service.closeTicket(ticket.id, "staff:900");
      txMs.push(t1 - t0, t2 - t1, t3 - t2, performance.now() - t3);
    };
    // Warm-up: connections, prepared plans, JIT.
    for (let i = 0; i < 5; i++) await lifecycle([]);

    const txMs: number[] = [];
    const started = performance.now();
    const perWorker = Math.ceil(job.lifecycles / job.concurrency);
    await Promise.all(
      Array.from({ length: job.concurrency }, async (_, w) => {
        for (let i = 0; i < perWorker && w * perWorker + i < job.lifecycles; i++) await lifecycle(txMs);
      }),
    );
    const elapsedMs = performance.now() - started;

    // Drain what the lifecycles queued, then time the outbox on fresh tickets, one at a time.
    const sentAt = new Map<number, number>();
    const worker = new OutboxWorker(service, {
      channel: "telegram",
      log: quiet,
      singleInstance: true,
      send: async (d) => {
        sentAt.set(d.id, performance.now());
        return { kind: "delivered" };
      },
    });
    while ((await service.pendingDeliveries({ limit: 1 })).length > 0) await worker.pass();
    const outboxMs: number[] = [];
    for (let i = 0; i < job.outboxTickets; i++) {
      const { ticket } = await service.openTicket({ asker: asker(1_000_000 + i), question: "供水报装要几天？", candidates: [] });
      const committed = performance.now();
      await worker.pass();
      for (const d of await service.deliveriesOf(ticket.id)) {
        const at = sentAt.get(d.id);
        if (at === undefined || d.state !== "delivered") throw new Error(`bench: delivery ${d.id} of ticket ${ticket.id} was not sent in one drain (${d.state})`);
        outboxMs.push(at - committed);
      }
    }
    return {
      store: job.store,
      lifecycles: job.lifecycles,
      concurrency: job.concurrency,
      elapsedMs: round(elapsedMs, 1),
      lifecyclesPerSecond: round((job.lifecycles / elapsedMs) * 1000, 1),
      transactionsPerSecond: round(((4 * job.lifecycles) / elapsedMs) * 1000, 1),
      transaction: percentiles(txMs),
      outboxMessages: outboxMs.length,
      outbox: percentiles(outboxMs),
    };
  } finally {
    await service.shutdown();
  }
}
