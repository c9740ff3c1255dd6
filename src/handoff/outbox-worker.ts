/**
 * Sends the outbox through a transport, never twice: each delivery is leased, then written as
 * "sending" before the transport is called (no write, no send), then recorded. When the record
 * cannot be written (locked or full database) the result is kept in memory, the delivery is never
 * sent again, and the write is retried first on every pass; meanwhile the worker pauses with one
 * logged error. Transport-neutral: the Telegram bot and the terminal chat give it their `send`.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { HandoffService } from "./service.js";
import { hintFor, isStoreFault, type StaffMessage } from "./store.js";
import type { Channel, Delivery } from "./types.js";

/** What happened when the transport tried a delivery. */
export type SendResult =
  | { kind: "delivered"; staffMessages?: StaffMessage[] }
  | { kind: "retry"; error: string; retryAfterMs?: number; partsSent?: number; staffMessages?: StaffMessage[] }
  | { kind: "failed"; error: string; askerBlocked?: boolean; partsSent?: number; staffMessages?: StaffMessage[] }
  /** It may have arrived (no answer came back): never sent again by itself; staff are told and may resend it. */
  | { kind: "uncertain"; error: string; partsSent?: number; staffMessages?: StaffMessage[] };

export interface OutboxLog {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export interface OutboxWorkerOptions {
  channel: Channel;
  /** Only this chat's deliveries. */
  chatId?: string;
  send: (d: Delivery) => Promise<SendResult>;
  log: OutboxLog;
  owner?: string;
  batch?: number;
  /** Batches per pass, so one pass cannot spin forever. */
  maxBatches?: number;
  /**
   * True while one process per data folder is guaranteed (the instance lock): at start, what other
   * owners left leased or sending is then from a dead process. With several instances (PostgreSQL)
   * false: only expired leases are taken over. Default: false when the service's store is shared.
   */
  singleInstance?: boolean;
}

/** A lease owner id unique to this process and worker. */
export const newOwnerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

type Step = "delivered" | "retry" | "failed" | "uncertain" | "skipped" | "store-fault";

export class OutboxWorker {
  readonly owner: string;
  private recovered = false;
  /** Sent (or tried) but not yet recorded because the store could not be written: never sent again. */
  private readonly unrecorded = new Map<number, { delivery: Delivery; result: SendResult }>();
  private paused: { since: number; reason: string } | null = null;
  private stopping = false;

  constructor(
    private readonly handoff: HandoffService,
    private readonly opts: OutboxWorkerOptions,
  ) {
    this.owner = opts.owner ?? newOwnerId();
  }

  /** True while the store cannot be written and the worker waits for it. */
  get isPaused(): boolean {
    return this.paused !== null;
  }

  /** Results kept in memory until the store takes them. */
  get unrecordedCount(): number {
    return this.unrecorded.size;
  }

  /** Finish the delivery in hand, take no more. */
  stop(): void {
    this.stopping = true;
  }

  /** One pass: recover what a dead process left (once), record what memory holds, then send what is due. */
  async pass(): Promise<void> {
    if (!(await this.recoverOnce())) return;
    if (!(await this.flushUnrecorded())) return;
    const batch = this.opts.batch ?? 50;
    for (let n = 0; n < (this.opts.maxBatches ?? 20) && !this.stopping; n++) {
      let leased: Delivery[];
      try {
        leased = await this.handoff.claimDeliveries({ owner: this.owner, channel: this.opts.channel, limit: batch, ...this.chatFilter() });
      } catch (err) {
        this.pause(err, "lease");
        return;
      }
      this.resume();
      if (leased.length === 0) return;
      // A chat whose message must be retried keeps its later messages back, so they arrive in order.
      const waiting = new Set<string>();
      const release: number[] = [];
      let progressed = false;
      for (const d of leased) {
        if (this.stopping || waiting.has(d.chatId)) {
          release.push(d.id);
          continue;
        }
        const step = await this.deliverOne(d);
        if (step === "store-fault") return;
        if (step === "retry") waiting.add(d.chatId);
        else if (step !== "skipped") progressed = true;
      }
      try {
        await this.handoff.releaseDeliveries(release, this.owner);
      } catch (err) {
        this.pause(err, "release");
        return;
      }
      // Everything in this batch must wait for a backoff: the next pass (timer) tries again.
      if (!progressed) return;
    }
  }

  private chatFilter(): { chatId?: string } {
    return this.opts.chatId !== undefined ? { chatId: this.opts.chatId } : {};
  }

  private async recoverOnce(): Promise<boolean> {
    if (this.recovered || !(this.opts.singleInstance ?? !this.handoff.sharedStore)) return true;
    try {
      const uncertain = await this.handoff.recoverAbandoned({ owner: this.owner, channel: this.opts.channel });
      for (const d of uncertain) {
        this.opts.log.warn("a message was being sent when the last run stopped; not resent (it may have arrived), staff are told", {
          delivery: d.id,
          ticket: d.ticketId,
          kind: d.kind,
          hint: `check with the asker, then resend with /resend ${d.ticketId} or npm run tickets -- resend ${d.ticketId}`,
        });
      }
      this.recovered = true;
      return true;
    } catch (err) {
      this.pause(err, "recover");
      return false;
    }
  }

  private async deliverOne(d: Delivery): Promise<Step> {
    try {
      // Written before the transport is called: if this write fails, nothing is sent.
      if (!(await this.handoff.beginSending(d.id, this.owner))) return "skipped";
    } catch (err) {
      this.pause(err, "begin sending");
      return "store-fault";
    }
    const result = await this.opts.send(d);
    this.logResult(d, result);
    return (await this.record(d, result)) ? result.kind : "store-fault";
  }

  private logResult(d: Delivery, r: SendResult): void {
    const meta = { delivery: d.id, ticket: d.ticketId, kind: d.kind, chat: d.chatId };
    if (r.kind === "retry") this.opts.log.warn("delivery failed, will retry", { ...meta, error: r.error });
    else if (r.kind === "uncertain") {
      this.opts.log.warn("a message may have reached Telegram but no answer came back; not sent again, staff are told", {
        ...meta,
        error: r.error,
        hint: `check with the asker, then resend with /resend ${d.ticketId} or npm run tickets -- resend ${d.ticketId}`,
      });
    } else if (r.kind === "failed" && r.askerBlocked) this.opts.log.warn("the asker blocked the bot; staff see it on the card", { ...meta, error: r.error });
    else if (r.kind === "failed") {
      this.opts.log.error("delivery failed for good; staff see it on the card, in /queue and in npm run tickets -- show", {
        ...meta,
        error: r.error,
        hint: `fix the cause (e.g. STAFF_CHAT_ID, the bot's membership in the staff group), then /resend ${d.ticketId}`,
      });
    }
  }

  /** Write the result; when the store refuses, keep it in memory (the delivery is never sent again) and pause. */
  private async record(d: Delivery, result: SendResult): Promise<boolean> {
    try {
      if (result.kind === "delivered") {
        await this.handoff.markDelivered(d.id, result.staffMessages ? { staffMessages: result.staffMessages } : {});
      } else if (result.kind === "uncertain") {
        await this.handoff.markUncertain(d.id, result.error, {
          ...(result.partsSent !== undefined ? { partsSent: result.partsSent } : {}),
          ...(result.staffMessages ? { staffMessages: result.staffMessages } : {}),
        });
      } else {
        await this.handoff.markFailed(d.id, result.error, {
          permanent: result.kind === "failed",
          ...(result.kind === "failed" && result.askerBlocked ? { askerBlocked: true } : {}),
          ...(result.kind === "retry" && result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
          ...(result.partsSent !== undefined ? { partsSent: result.partsSent } : {}),
          ...(result.staffMessages ? { staffMessages: result.staffMessages } : {}),
        });
      }
      this.unrecorded.delete(d.id);
      return true;
    } catch (err) {
      if (!isStoreFault(err)) {
        // Not a store fault (a bug): keeping it would retry forever; the row stays "sending" and becomes uncertain at the next start.
        this.opts.log.error("could not record a delivery result", { delivery: d.id, ticket: d.ticketId, error: (err as Error).message });
        this.unrecorded.delete(d.id);
        return true;
      }
      this.unrecorded.set(d.id, { delivery: d, result });
      this.pause(err, "record result");
      return false;
    }
  }

  private async flushUnrecorded(): Promise<boolean> {
    for (const { delivery, result } of [...this.unrecorded.values()]) {
      if (!(await this.record(delivery, result))) return false;
    }
    return true;
  }

  private pause(err: unknown, step: string): void {
    if (!isStoreFault(err)) {
      this.opts.log.error("outbox pass failed", { step, error: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (this.paused) return;
    this.paused = { since: Date.now(), reason: err.reason };
    this.opts.log.error("outbox paused: the tickets database cannot be written; nothing is sent until it can", {
      step,
      reason: err.reason,
      error: err.message,
      heldInMemory: this.unrecorded.size,
      hint: hintFor(err),
    });
  }

  private resume(): void {
    if (!this.paused) return;
    this.opts.log.info("outbox resumed: the tickets database can be written again", { pausedMs: Date.now() - this.paused.since });
    this.paused = null;
  }
}
