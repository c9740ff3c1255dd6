/**
 * The stores under load, SQLite beside PostgreSQL, in a process of its own per backend, opened as
 * the composition root opens them (src/stores.ts): ticket lifecycles (open → claim → reply → close,
 * four transactions each) from several askers at once; the outbox's latency from a committed change
 * to the moment a message is handed to the transport (a drain right after, as a feature's kick
 * does; the send itself does nothing); and what answering one question writes and reads, one
 * question after another (update de-duplication, the chat's recent turns, the log row, the turn).
 * And several instances at once on one PostgreSQL schema, each a process of its own running the
 * same lifecycles, lined up to start together: what the database gives instances behind a balancer.
 */
import { performance } from "node:perf_hooks";
import type { Answer } from "../../answer/types.js";
import { ConversationService } from "../../conversation/service.js";
import { OutboxWorker } from "../../handoff/outbox-worker.js";
import { HandoffService } from "../../handoff/service.js";
import type { Asker } from "../../handoff/types.js";
import { QuestionLog } from "../../question-log/service.js";
import { openStores, type Stores } from "../../stores.js";
import type { HandoffInstanceJob, HandoffInstanceResult, HandoffJob } from "./children.js";
import type { HandoffStoreResult } from "./report.js";
import { percentiles, round } from "./stats.js";

const STAFF_CHAT = "-100200300";
const staff = { userId: "900", displayName: "bench" };
const asker = (n: number): Asker => ({ channel: "telegram", chatId: String(10_000 + n), userId: String(10_000 + n), displayName: `用户${n}` });
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const answered: Answer = {
  outcome: "answered",
  text: "…",
  citations: [{ measure: 11, title: "全面提升“获得电力”服务水平", departments: ["国网克拉玛依供电有限公司", "市发改委"] }],
  sections: [],
  related: [],
  understood: "小微企业办电要几天",
};

function openStoresOf(job: HandoffJob): Promise<Stores> {
  return openStores({ dataDir: job.dataDir, ...(job.store === "postgres" ? { databaseUrl: job.url!, databaseSchema: job.schema! } : {}) });
}

/** One question after another, as the bot handles each: what it reads and writes in the stores besides answering. */
async function questionWrites(stores: Stores, service: HandoffService, questions: number): Promise<number[]> {
  const conversation = new ConversationService(stores.conversation(), { windowMs: 10 * 60_000 });
  const log = new QuestionLog(stores.questionLog(), { salt: "bench-salt-0123456789" });
  try {
    const ms: number[] = [];
    for (let i = 0; i < questions; i++) {
      const user = { channel: "telegram", chatId: String(20_000 + (i % 50)), userId: String(20_000 + (i % 50)) } as const;
      const t0 = performance.now();
      await service.claimUpdate(900_000 + i);
      const context = await conversation.recent(user);
      await log.record({ asker: user, question: "小微企业办电要几天", answer: answered, latencyMs: 1 });
      await conversation.record(user, "小微企业办电要几天", answered, context);
      await service.finishUpdate(900_000 + i);
      ms.push(performance.now() - t0);
    }
    return ms;
  } finally {
    await conversation.shutdown();
    await log.close();
  }
}

/** Ticket lifecycles (open → claim → reply → close) with askers numbered from `firstAsker`, each transaction timed into `txMs`. */
function lifecycles(service: HandoffService, firstAsker: number) {
  let next = firstAsker;
  const one = async (txMs: number[]) => {
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
  return {
    /** Warm-up: connections, prepared plans, JIT. */
    warmUp: async () => {
      for (let i = 0; i < 5; i++) await one([]);
    },
    /** `count` lifecycles from `concurrency` askers at once; the transactions' times. */
    run: async (count: number, concurrency: number) => {
      const txMs: number[] = [];
      const perWorker = Math.ceil(count / concurrency);
      await Promise.all(
        Array.from({ length: concurrency }, async (_, w) => {
          for (let i = 0; i < perWorker && w * perWorker + i < count; i++) await one(txMs);
        }),
      );
      return txMs;
    },
  };
}

/** One instance among several on one PostgreSQL schema: the lifecycles only, started at the agreed moment. */
export async function handoffInstanceJob(job: HandoffInstanceJob): Promise<HandoffInstanceResult> {
  const stores = await openStoresOf(job);
  const service = new HandoffService(stores.handoff(), { staffChatId: STAFF_CHAT, sharedStore: stores.shared });
  try {
    const load = lifecycles(service, (job.instance + 1) * 10_000_000);
    await load.warmUp();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
    const startedAt = Date.now();
    const transactionMs = await load.run(job.lifecycles, job.concurrency);
    return { lifecycles: job.lifecycles, startedAt, endedAt: Date.now(), transactionMs };
  } finally {
    await service.shutdown();
    await stores.close();
  }
}

export async function handoffStoreJob(job: HandoffJob): Promise<HandoffStoreResult> {
  const stores = await openStoresOf(job);
  const service = new HandoffService(stores.handoff(), { staffChatId: STAFF_CHAT, sharedStore: stores.shared });
  try {
    const load = lifecycles(service, 0);
    await load.warmUp();
    const started = performance.now();
    const txMs = await load.run(job.lifecycles, job.concurrency);
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
    // Warm-up, then the measured questions.
    await questionWrites(stores, service, 5);
    const questionMs = await questionWrites(stores, service, job.questions);
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
      questions: job.questions,
      question: percentiles(questionMs),
    };
  } finally {
    await service.shutdown();
    await stores.close();
  }
}
