/**
 * The one delivery loop: every message to an asker or to the staff chat about a ticket is a
 * Delivery in the handoff outbox. The OutboxWorker leases each one and writes "sending" before
 * this renders and sends it through the Bot API; the result (with the staff-chat message ids it
 * created) is recorded after. Drained when a feature queued something (kick) and on a timer, so
 * deliveries written by another process (the tickets CLI) go out too.
 */
import { GrammyError, HttpError, type Api, type InlineKeyboard } from "grammy";
import type { FaqService } from "../faq/service.js";
import { isStaffDelivery, type HandoffService } from "../handoff/service.js";
import { OutboxWorker, type SendResult } from "../handoff/outbox-worker.js";
import type { StaffMessage } from "../handoff/store.js";
import type { Delivery, StaffMessageRef, Ticket } from "../handoff/types.js";
import { formatCard, formatFaqCard, formatFullQuestion, questionIsTruncatedOnCard, splitMessage } from "./format.js";
import { cardKeyboard, endHumanKeyboard, faqCardKeyboard } from "./keyboards.js";
import { errorMeta, type BotLogger } from "./logger.js";
import { isNotModified } from "./reply.js";
import { MaybeDeliveredError } from "./telegram-link.js";
import { S } from "./strings.js";
import { OutboxLoop } from "../handoff/outbox-loop.js";

export const DEFAULT_DELIVERY_INTERVAL_MS = 2_000;

/** Telegram accepts numeric ids as numbers; keep anything else (e.g. @channel) as is. */
export const chatIdParam = (chatId: string): number | string => (/^-?\d+$/.test(chatId) ? Number(chatId) : chatId);

/** One Telegram message of a delivery. */
interface Part {
  html: string;
  keyboard?: InlineKeyboard;
  /** Reply to this message, or to the ticket's card. */
  replyTo?: number | "card";
  /** Remember it in the staff-chat mapping, so a reply to it reaches the ticket. */
  record?: "card" | "message";
}

/** What went out so far; a failure part-way keeps it, so a retry continues after it. */
interface Progress {
  partsSent: number;
  staffMessages: StaffMessage[];
  card: StaffMessageRef | null;
}

type Failure =
  | { kind: "not-modified" }
  | { kind: "permanent"; askerBlocked: boolean; error: string }
  | { kind: "transient"; error: string; retryAfterMs?: number }
  | { kind: "maybe-delivered"; error: string };

function classify(err: unknown, d: Delivery): Failure {
  if (isNotModified(err)) return { kind: "not-modified" };
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
  // The request may have reached Telegram: sending it again could deliver it twice.
  if (err instanceof MaybeDeliveredError) return { kind: "maybe-delivered", error: err.message };
  // Telegram unreachable (the request never left); or the store could not be read while rendering (nothing was sent then).
  if (err instanceof HttpError) return { kind: "transient", error: `network: ${err.message}` };
  return { kind: "transient", error: err instanceof Error ? err.message : String(err) };
}

export interface DeliveryLoopOptions {
  owner?: string;
  /** Renders FAQ candidate cards (faq-card, faq-card-update deliveries). */
  faq?: FaqService | null;
}

/** The Telegram channel's outbox: OutboxLoop's timer and coalesced drains, with this class rendering each delivery. */
export class DeliveryLoop {
  readonly worker: OutboxWorker;
  private readonly loop: OutboxLoop;
  private readonly faq: FaqService | null;

  constructor(
    private readonly api: Api,
    private readonly handoff: HandoffService,
    private readonly logger: BotLogger,
    { owner, faq = null }: DeliveryLoopOptions = {},
  ) {
    this.faq = faq;
    this.worker = new OutboxWorker(handoff, {
      channel: "telegram",
      send: (d) => this.send(d),
      log: logger,
      ...(owner !== undefined ? { owner } : {}),
    });
    this.loop = new OutboxLoop(this.worker, logger);
  }

  /** Drain soon, without waiting (after a feature queued a delivery). */
  kick(): void {
    this.loop.kick();
  }

  /** Send everything due; concurrent calls coalesce into one more pass. */
  drain(): Promise<void> {
    return this.loop.drain();
  }

  start(intervalMs = DEFAULT_DELIVERY_INTERVAL_MS): void {
    this.loop.start(intervalMs);
  }

  /** Stop the timer and wait for a drain in progress (so the store can be closed after). */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Render and send one delivery; never throws (the result says what happened). */
  private async send(d: Delivery): Promise<SendResult> {
    const progress: Progress = { partsSent: d.partsSent, staffMessages: [], card: null };
    try {
      await this.render(d, progress);
      return { kind: "delivered", staffMessages: progress.staffMessages };
    } catch (err) {
      const f = classify(err, d);
      const sent = { partsSent: progress.partsSent, staffMessages: progress.staffMessages };
      if (f.kind === "not-modified") return { kind: "delivered", staffMessages: progress.staffMessages };
      if (f.kind === "permanent") return { kind: "failed", error: f.error, askerBlocked: f.askerBlocked, ...sent };
      if (f.kind === "maybe-delivered") return { kind: "uncertain", error: f.error, ...sent };
      return { kind: "retry", error: f.error, ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}), ...sent };
    }
  }

  private async render(d: Delivery, progress: Progress): Promise<void> {
    switch (d.kind) {
      // ---- to the asker
      case "ticket-opened":
        return this.sendParts(d, chunks(S.ticketOpened(d.ticketId), { keyboard: endHumanKeyboard() }), progress);
      case "ticket-claimed":
        return this.sendParts(d, chunks(S.ticketClaimed(d.ticketId)), progress);
      case "staff-reply":
        return this.sendParts(d, chunks(`${S.staffReply(d.ticketId, d.body ?? "")}\n\n${S.staffReplyHint}`), progress);
      case "ticket-closed":
        return this.sendParts(d, chunks(S.ticketClosedForAsker(d.ticketId)), progress);
      case "ticket-reopened":
        return this.sendParts(d, chunks(S.ticketReopened(d.ticketId), { keyboard: endHumanKeyboard() }), progress);
      // ---- to the staff chat
      case "staff-card":
        return this.sendParts(d, await this.cardParts(await this.ticket(d)), progress);
      case "card-update":
        return this.updateCard(d, await this.ticket(d), progress);
      case "follow-up": {
        const t = await this.ticket(d);
        return this.sendParts(d, chunks(S.followUpForStaff(t.id, t.asker.displayName, d.body ?? ""), { replyTo: "card", record: "message" }), progress);
      }
      case "delivery-alert": {
        const [state, kind] = (d.body ?? "").split(" ");
        const html = S.deliveryAlert(d.ticketId, state === "uncertain" ? "uncertain" : "failed", kind ?? "");
        return this.sendParts(d, chunks(html, { replyTo: "card", record: "message" }), progress);
      }
      case "faq-card":
        return this.postFaqCard(d, progress);
      case "faq-card-update":
        return this.updateFaqCard(d);
    }
  }

  private async faqEntry(d: Delivery) {
    if (!this.faq) throw new Error(`delivery ${d.id} is an FAQ card but the bot was started without the FAQ service`);
    const entry = await this.faq.get(Number(d.body));
    if (!entry) throw new Error(`FAQ #${d.body} of delivery ${d.id} does not exist`);
    return { faq: this.faq, entry };
  }

  /**
   * An FAQ candidate's card, with its review buttons while pending (its current state when the
   * review came first). Not mapped to the ticket: a reply to it is not an answer to the asker.
   */
  private async postFaqCard(d: Delivery, progress: Progress): Promise<void> {
    if (progress.partsSent > 0) return;
    const { faq, entry } = await this.faqEntry(d);
    const keyboard = faqCardKeyboard(entry);
    const msg = await this.api.sendMessage(chatIdParam(d.chatId), formatFaqCard(entry), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
    progress.partsSent = 1;
    try {
      await faq.recordCard(entry.id, { chatId: d.chatId, messageId: msg.message_id });
    } catch (err) {
      // Sent already: throwing would send it again. Its buttons still work; only later edits are lost.
      this.logger.warn("could not record an FAQ card; a review will not update it", { entry: entry.id, delivery: d.id, ...errorMeta(err) });
    }
  }

  /** Show the review on the card (and take its buttons off); no card recorded: nothing to edit. */
  private async updateFaqCard(d: Delivery): Promise<void> {
    const { entry } = await this.faqEntry(d);
    if (!entry.card) return;
    const keyboard = faqCardKeyboard(entry);
    try {
      await this.api.editMessageText(chatIdParam(entry.card.chatId), entry.card.messageId, formatFaqCard(entry), {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: keyboard ?? { inline_keyboard: [] },
      });
    } catch (err) {
      if (isNotModified(err)) return;
      if (err instanceof GrammyError && err.error_code === 400 && /message to edit not found|message can't be edited/i.test(err.description)) {
        this.logger.warn("FAQ card to edit is gone; the review stands", { entry: entry.id, delivery: d.id });
        return;
      }
      throw err;
    }
  }

  private async ticket(d: Delivery): Promise<Ticket> {
    const t = await this.handoff.get(d.ticketId);
    if (!t) throw new Error(`ticket #${d.ticketId} of delivery ${d.id} does not exist`);
    return t;
  }

  /** The card (with a warning when messages of the ticket did not arrive), then the full question if the card cuts it. */
  private async cardParts(t: Ticket): Promise<Part[]> {
    const problems = await this.handoff.deliveryProblems(t.id);
    const shown = problems.filter((p) => !(t.askerBlocked && p.state === "failed" && !isStaffDelivery(p.kind)));
    const html = shown.length > 0 ? `${formatCard(t)}\n${S.card.undelivered(t.id, shown.length)}` : formatCard(t);
    const parts: Part[] = [{ html, keyboard: cardKeyboard(t), record: "card" }];
    if (questionIsTruncatedOnCard(t.question)) {
      for (const part of formatFullQuestion(t)) parts.push({ html: part, replyTo: "card", record: "message" });
    }
    return parts;
  }

  /** Send the parts not sent yet, in order, remembering each (a failure part-way leaves progress for the retry). */
  private async sendParts(d: Delivery, parts: Part[], progress: Progress): Promise<void> {
    for (let i = progress.partsSent; i < parts.length; i++) {
      const part = parts[i] as Part;
      const replyTo = part.replyTo === "card" ? await this.cardFor(d, progress) : part.replyTo;
      const msg = await this.api.sendMessage(chatIdParam(d.chatId), part.html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
        ...(part.keyboard ? { reply_markup: part.keyboard } : {}),
      });
      progress.partsSent = i + 1;
      if (part.record) {
        progress.staffMessages.push({ ticketId: d.ticketId, chatId: d.chatId, messageId: msg.message_id, isCard: part.record === "card" });
        if (part.record === "card") progress.card = { chatId: d.chatId, messageId: msg.message_id };
      }
    }
  }

  private async cardFor(d: Delivery, progress: Progress): Promise<number | undefined> {
    progress.card ??= await this.handoff.cardMessageOf(d.ticketId);
    return progress.card && progress.card.chatId === d.chatId ? progress.card.messageId : undefined;
  }

  private async updateCard(d: Delivery, t: Ticket, progress: Progress): Promise<void> {
    const ref = await this.handoff.cardMessageOf(t.id);
    // No card yet: the staff-card delivery (pending or failed) renders the current state anyway.
    if (!ref) return;
    const parts = await this.cardParts(t);
    // A retry of a card that was being posted afresh goes on with it.
    if (progress.partsSent > 0) return this.sendParts(d, parts, progress);
    const [card] = parts;
    try {
      await this.api.editMessageText(chatIdParam(ref.chatId), ref.messageId, card!.html, {
        parse_mode: "HTML",
        reply_markup: cardKeyboard(t),
        link_preview_options: { is_disabled: true },
      });
    } catch (err) {
      if (isNotModified(err)) return;
      // The card was deleted in the staff chat: post a fresh one.
      if (err instanceof GrammyError && err.error_code === 400 && /message to edit not found|message can't be edited/i.test(err.description)) {
        this.logger.warn("card to edit is gone; posting a new one", { ticket: t.id, delivery: d.id });
        return this.sendParts(d, parts, progress);
      }
      throw err;
    }
  }
}

/** HTML split below Telegram's limit; the keyboard goes on the last message, reply and record on the first / each. */
function chunks(html: string, { keyboard, replyTo, record }: { keyboard?: InlineKeyboard; replyTo?: "card"; record?: "message" } = {}): Part[] {
  const pieces = splitMessage(html);
  return pieces.map((piece, i) => ({
    html: piece,
    ...(keyboard && i === pieces.length - 1 ? { keyboard } : {}),
    ...(replyTo && i === 0 ? { replyTo } : {}),
    ...(record ? { record } : {}),
  }));
}
