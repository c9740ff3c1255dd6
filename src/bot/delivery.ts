/**
 * The one delivery loop: every message to an asker or to the staff chat about a ticket is a
 * Delivery in the handoff outbox. This renders and sends them, records staff-chat message ids,
 * and marks each delivered or failed. It is drained after every update that may have created
 * deliveries, and on a timer so deliveries written by another process (the tickets CLI) go out.
 */
import { GrammyError, HttpError, type Api } from "grammy";
import type { Message } from "grammy/types";
import { isStaffDelivery, type HandoffService } from "../handoff/service.js";
import type { Delivery, Ticket } from "../handoff/types.js";
import { formatCard, formatFullQuestion, questionIsTruncatedOnCard, splitMessage } from "./format.js";
import { cardKeyboard, endHumanKeyboard } from "./keyboards.js";
import { errorMeta, type BotLogger } from "./logger.js";
import { isNotModified } from "./reply.js";
import { S } from "./strings.js";

export const DEFAULT_DELIVERY_INTERVAL_MS = 2_000;
const BATCH = 50;
/** Batches per drain, so one drain cannot spin forever. */
const MAX_BATCHES = 20;

/** Telegram accepts numeric ids as numbers; keep anything else (e.g. @channel) as is. */
export const chatIdParam = (chatId: string): number | string => (/^-?\d+$/.test(chatId) ? Number(chatId) : chatId);

type Failure = { kind: "delivered" } | { kind: "permanent"; askerBlocked: boolean; error: string } | { kind: "transient"; error: string; retryAfterMs?: number };

function classify(err: unknown, d: Delivery): Failure {
  if (isNotModified(err)) return { kind: "delivered" };
  if (err instanceof GrammyError) {
    const error = `${err.error_code}: ${err.description}`;
    if (err.error_code === 429) {
      const after = err.parameters.retry_after;
      return { kind: "transient", error, ...(after !== undefined ? { retryAfterMs: after * 1000 } : {}) };
    }
    if (err.error_code >= 500) return { kind: "transient", error };
    // 403 to an asker: they blocked the bot (or deleted their account); the card must say so.
    const askerBlocked = !isStaffDelivery(d.kind) && err.error_code === 403;
    return { kind: "permanent", askerBlocked, error };
  }
  if (err instanceof HttpError) return { kind: "transient", error: `network: ${err.message}` };
  return { kind: "transient", error: err instanceof Error ? err.message : String(err) };
}

export class DeliveryLoop {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly api: Api,
    private readonly handoff: HandoffService,
    private readonly logger: BotLogger,
  ) {}

  /** Drain soon, without waiting (used after each update). */
  kick(): void {
    void this.drain();
  }

  /** Send everything pending; concurrent calls coalesce into one more pass. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.stopped);
      } catch (err) {
        this.logger.error("delivery drain failed", errorMeta(err));
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  start(intervalMs = DEFAULT_DELIVERY_INTERVAL_MS): void {
    this.stopped = false;
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Stop the timer and wait for a drain in progress (so the store can be closed after). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async pass(): Promise<void> {
    for (let batch = 0; batch < MAX_BATCHES && !this.stopped; batch++) {
      const pending = this.handoff.pendingDeliveries({ limit: BATCH, channel: "telegram" });
      if (pending.length === 0) return;
      let progressed = false;
      for (const d of pending) {
        if (this.stopped) return;
        const ok = await this.deliverOne(d);
        progressed ||= ok;
      }
      // Everything in this batch failed transiently: wait for the backoff (next timer tick).
      // Otherwise look again: a failure may have queued more (e.g. the card update for a blocked asker).
      if (!progressed) return;
    }
  }

  /** Returns true when the delivery left the queue (delivered or given up). */
  private async deliverOne(d: Delivery): Promise<boolean> {
    try {
      await this.send(d);
      this.handoff.markDelivered(d.id);
      return true;
    } catch (err) {
      const f = classify(err, d);
      if (f.kind === "delivered") {
        this.handoff.markDelivered(d.id);
        return true;
      }
      if (f.kind === "permanent") {
        this.logger.warn("delivery failed permanently", { delivery: d.id, ticket: d.ticketId, kind: d.kind, error: f.error, askerBlocked: f.askerBlocked });
        this.handoff.markFailed(d.id, f.error, { permanent: true, askerBlocked: f.askerBlocked });
        return true;
      }
      this.logger.warn("delivery failed, will retry", { delivery: d.id, ticket: d.ticketId, kind: d.kind, error: f.error });
      this.handoff.markFailed(d.id, f.error, f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {});
      return false;
    }
  }

  private ticket(d: Delivery): Ticket {
    const t = this.handoff.get(d.ticketId);
    if (!t) throw new Error(`ticket #${d.ticketId} of delivery ${d.id} does not exist`);
    return t;
  }

  private async sendHtml(chatId: string, html: string, extra: { replyTo?: number; keyboard?: ReturnType<typeof cardKeyboard> } = {}): Promise<Message.TextMessage[]> {
    const chunks = splitMessage(html);
    const sent: Message.TextMessage[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const last = i === chunks.length - 1;
      sent.push(
        await this.api.sendMessage(chatIdParam(chatId), chunks[i] as string, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(extra.replyTo !== undefined && i === 0 ? { reply_parameters: { message_id: extra.replyTo, allow_sending_without_reply: true } } : {}),
          ...(last && extra.keyboard ? { reply_markup: extra.keyboard } : {}),
        }),
      );
    }
    return sent;
  }

  private async send(d: Delivery): Promise<void> {
    switch (d.kind) {
      // ---- to the asker
      case "ticket-opened":
        await this.sendHtml(d.chatId, S.ticketOpened(d.ticketId), { keyboard: endHumanKeyboard() });
        return;
      case "ticket-claimed":
        await this.sendHtml(d.chatId, S.ticketClaimed(d.ticketId));
        return;
      case "staff-reply":
        await this.sendHtml(d.chatId, `${S.staffReply(d.ticketId, d.body ?? "")}\n\n${S.staffReplyHint}`);
        return;
      case "ticket-closed":
        await this.sendHtml(d.chatId, S.ticketClosedForAsker(d.ticketId));
        return;
      case "ticket-reopened":
        await this.sendHtml(d.chatId, S.ticketReopened(d.ticketId), { keyboard: endHumanKeyboard() });
        return;
      // ---- to the staff chat
      case "staff-card":
        await this.postCard(d.chatId, this.ticket(d));
        return;
      case "card-update":
        await this.updateCard(d, this.ticket(d));
        return;
      case "follow-up": {
        const t = this.ticket(d);
        const card = this.handoff.cardMessageOf(t.id);
        const sent = await this.sendHtml(d.chatId, S.followUpForStaff(t.id, t.asker.displayName, d.body ?? ""), {
          ...(card && card.chatId === d.chatId ? { replyTo: card.messageId } : {}),
        });
        for (const m of sent) this.handoff.recordStaffMessage(t.id, d.chatId, m.message_id);
        return;
      }
    }
  }

  private async postCard(chatId: string, t: Ticket): Promise<void> {
    const [card] = await this.sendHtml(chatId, formatCard(t), { keyboard: cardKeyboard(t) });
    if (!card) return;
    this.handoff.recordStaffMessage(t.id, chatId, card.message_id, { card: true });
    if (questionIsTruncatedOnCard(t.question)) {
      for (const part of formatFullQuestion(t)) {
        const sent = await this.sendHtml(chatId, part, { replyTo: card.message_id });
        for (const m of sent) this.handoff.recordStaffMessage(t.id, chatId, m.message_id);
      }
    }
  }

  private async updateCard(d: Delivery, t: Ticket): Promise<void> {
    const ref = this.handoff.cardMessageOf(t.id);
    // No card yet: the staff-card delivery (pending or failed) renders the current state anyway.
    if (!ref) return;
    const html = formatCard(t);
    try {
      await this.api.editMessageText(chatIdParam(ref.chatId), ref.messageId, html, {
        parse_mode: "HTML",
        reply_markup: cardKeyboard(t),
        link_preview_options: { is_disabled: true },
      });
    } catch (err) {
      if (isNotModified(err)) return;
      // The card was deleted in the staff chat: post a fresh one.
      if (err instanceof GrammyError && err.error_code === 400 && /message to edit not found|message can't be edited/i.test(err.description)) {
        this.logger.warn("card to edit is gone; posting a new one", { ticket: t.id, delivery: d.id });
        await this.postCard(ref.chatId, t);
        return;
      }
      throw err;
    }
  }
}
