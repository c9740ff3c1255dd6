import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import type { Message } from "grammy/types";
import { staffActor, TicketError } from "../../handoff/service.js";
import { hintFor, isStoreFault } from "../../handoff/store.js";
import type { Ticket } from "../../handoff/types.js";
import { formatQueue, formatReloadReport, truncate } from "../format.js";
import { isStaff, isStaffChat, staffOf } from "../identity.js";
import { CB_PATTERN } from "../keyboards.js";
import { errorMeta } from "../logger.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

type Handler = (ctx: Context & { match: string }) => Promise<unknown>;

const ticketNumber = (s: string): number | null => {
  const m = /^#?(\d{1,12})$/.exec(s.trim());
  return m?.[1] ? Number(m[1]) : null;
};

/** The ticket a bot message's card buttons act on (t:claim:N…): our own structured data, not its text. */
function ticketOfCardButtons(message: Message): number | null {
  const rows = message.reply_markup?.inline_keyboard ?? [];
  for (const button of rows.flat()) {
    const m = "callback_data" in button && button.callback_data ? CB_PATTERN.ticketAction.exec(button.callback_data) : null;
    if (m?.[2]) return Number(m[2]);
  }
  return null;
}

/** /stats looks this far back in the question log (npm run report -- --since for any period). */
const STATS_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;

/** The question log's short form: outcomes and 👍/👎 of the last days. A log that cannot be read is said, not fatal. */
async function questionStats(s: BotServices): Promise<string> {
  try {
    const sum = await s.questionLog!.summarySince(Date.now() - STATS_DAYS * DAY_MS);
    const n = (outcome: string) => sum.outcomes[outcome] ?? 0;
    return S.statsQuestions(STATS_DAYS, {
      questions: sum.questions,
      answered: n("answered"),
      faq: sum.faqAnswers,
      clarify: n("clarify"),
      handoff: n("handoff"),
      smalltalk: n("smalltalk"),
      up: sum.up,
      down: sum.down,
    });
  } catch (err) {
    if (!isStoreFault(err)) throw err;
    s.logger.warn("could not read the question log for /stats", { reason: err.reason });
    return S.statsLogUnavailable;
  }
}

async function faqStats(s: BotServices): Promise<string> {
  try {
    const entries = await s.faq!.list(["pending", "approved", "out-of-scope"]);
    const pending = entries.filter((e) => e.status === "pending").length;
    const flagged = entries.filter((e) => s.faq!.flags(e).length > 0).length;
    return S.statsFaq(pending, flagged);
  } catch (err) {
    if (!isStoreFault(err)) throw err;
    return S.statsFaqUnavailable;
  }
}

/**
 * Staff side: only in the staff chat or for the listed staff user ids. Cards with 认领 / 关闭,
 * replies to a card (or a forwarded follow-up) go to the asker, /reply N, /queue, /close N,
 * /reopen N, /resend N, /stats. Everyone else gets a refusal that reveals nothing about tickets.
 * An error while handling a staff action is logged and said in the chat it came from.
 */
export function staffFeature(s: BotServices): Composer<Context> {
  const outer = new FeatureComposer<Context>();
  const c = outer.errorBoundary(async (err) => {
    const ctx = err.ctx;
    const fault = isStoreFault(err.error) ? { reason: err.error.reason, hint: hintFor(err.error) } : {};
    s.logger.error("staff action failed", { update_id: ctx.update.update_id, chat: ctx.chat?.id, ...errorMeta(err.error), ...fault });
    if (ctx.callbackQuery) await answerCallback(ctx, S.staffActionError, true);
    else if (ctx.chat) await replyHtml(ctx, S.staffActionError, ctx.msg ? { replyTo: ctx.msg.message_id } : {}).catch(() => undefined);
  });

  const staffOnly = (handler: Handler) => async (ctx: Context & { match: string }) => {
    if (!isStaff(ctx, s.config)) {
      await replyHtml(ctx, S.staffOnly);
      return;
    }
    await handler(ctx);
  };

  /**
   * The ticket of a staff-chat message the bot posted: by the stored mapping, else by the card's
   * buttons (a card sent twice after a crash was never recorded), which is then recorded.
   */
  const ticketOfMessage = async (ctx: Context, message: Message): Promise<Ticket | null> => {
    if (!ctx.chat) return null;
    const chatId = String(ctx.chat.id);
    const mapped = await s.handoff.ticketForStaffMessage(chatId, message.message_id);
    if (mapped) return mapped;
    const fromButtons = message.from?.id === ctx.me.id ? ticketOfCardButtons(message) : null;
    const ticket = fromButtons === null ? null : await s.handoff.get(fromButtons);
    if (!ticket) return null;
    try {
      await s.handoff.recordStaffMessage(ticket.id, chatId, message.message_id, { card: true });
    } catch (err) {
      if (!isStoreFault(err)) throw err;
      s.logger.warn("could not record an unrecorded card; replies to it are still routed by its buttons", { ticket: ticket.id, reason: err.reason });
    }
    return ticket;
  };

  /** The ticket of the card (or follow-up) this command replies to, if any: "/close" as a reply to a card. */
  const repliedTicket = async (ctx: Context): Promise<number | null> => {
    const replied = ctx.msg?.reply_to_message;
    return replied ? ((await ticketOfMessage(ctx, replied))?.id ?? null) : null;
  };

  /** Run a ticket operation; a TicketError or a store that cannot be written becomes a short message to staff. */
  const attempt = async <T>(ctx: Context, id: number, op: () => Promise<T>, ok: (result: T) => string): Promise<void> => {
    let result: T;
    try {
      result = await op();
    } catch (err) {
      if (err instanceof TicketError) {
        await replyHtml(ctx, S.ticketActionFailed(id, S.ticketErrorReason(err.code)));
        return;
      }
      if (!isStoreFault(err)) throw err;
      s.logger.error("could not store a staff action", { ticket: id, reason: err.reason, ...errorMeta(err), hint: hintFor(err) });
      await replyHtml(ctx, S.staffStoreUnavailable(id), ctx.msg ? { replyTo: ctx.msg.message_id } : {});
      return;
    }
    s.delivery.kick();
    await replyHtml(ctx, ok(result), ctx.msg ? { replyTo: ctx.msg.message_id } : {});
  };

  c.command(
    "queue",
    staffOnly(async (ctx) => {
      const queue = formatQueue(await s.handoff.list({ status: ["open", "claimed"] }));
      const problems = [...(await s.handoff.openDeliveryProblems())].map(([id, list]) => ({ id, n: list.length }));
      await replyHtml(ctx, problems.length > 0 ? `${queue}\n\n${S.queueProblems(problems)}` : queue);
    }),
  );

  c.command(
    "stats",
    staffOnly(async (ctx) => {
      const st = await s.handoff.stats();
      const parts = [
        S.stats({
          open: st.open,
          claimed: st.claimed,
          answered: st.answered,
          closed: st.closed,
          median: st.medianFirstReplyMs === null ? S.durationNone : S.duration(st.medianFirstReplyMs),
        }),
      ];
      if (s.questionLog) parts.push(await questionStats(s));
      if (s.faq) parts.push(await faqStats(s));
      await replyHtml(ctx, parts.join("\n"));
    }),
  );

  c.command(
    "reply",
    staffOnly(async (ctx) => {
      const m = /^#?(\d{1,12})\s+([\s\S]+)$/.exec(ctx.match.trim());
      const staff = staffOf(ctx);
      const fromReply = await repliedTicket(ctx);
      const id = m?.[1] ? Number(m[1]) : fromReply;
      const text = m?.[2] ?? (fromReply !== null ? ctx.match.trim() : "");
      if (id === null || !text || !staff) {
        await replyHtml(ctx, S.replyUsage);
        return;
      }
      await attempt(ctx, id, () => s.handoff.replyToTicket(id, staff, text), () => S.replySent(id));
    }),
  );

  const byNumber = <T>(usage: string, op: (id: number, actor: string) => Promise<T>, ok: (id: number, result: T) => string) =>
    staffOnly(async (ctx) => {
      const id = ticketNumber(ctx.match) ?? (await repliedTicket(ctx));
      const staff = staffOf(ctx);
      if (id === null || !staff) {
        await replyHtml(ctx, usage);
        return;
      }
      await attempt(ctx, id, () => op(id, staffActor(staff)), (result) => ok(id, result));
    });

  // Reload the policy now (after editing corpus/ when the watcher is off, or to see that a fix took).
  c.command(
    "reindex",
    staffOnly(async (ctx) => {
      const replyTo = ctx.msg ? { replyTo: ctx.msg.message_id } : {};
      if (!s.reload) {
        await replyHtml(ctx, S.reload.unavailable, replyTo);
        return;
      }
      const report = await s.reload.reloadNow({ source: "command", ...(staffOf(ctx) ? { by: staffOf(ctx)!.displayName } : {}), ...(ctx.chat ? { chatId: String(ctx.chat.id) } : {}) });
      await replyHtml(ctx, formatReloadReport(report, s.engine.measures().length), replyTo);
    }),
  );

  c.command("close", byNumber(S.closeUsage, (id, actor) => s.handoff.closeTicket(id, actor), S.closeOk));
  c.command("reopen", byNumber(S.reopenUsage, (id, actor) => s.handoff.reopenTicket(id, actor), S.reopenOk));

  c.command(
    "resend",
    byNumber(
      S.resendUsage,
      (id, actor) => s.handoff.resendUndelivered(id, actor),
      (id, queued) => (queued > 0 ? S.resendOk(id, queued) : S.resendNothing(id)),
    ),
  );

  // Card buttons.
  c.callbackQuery(CB_PATTERN.ticketAction, async (ctx) => {
    const staff = staffOf(ctx);
    if (!isStaff(ctx, s.config) || !staff) {
      await answerCallback(ctx, S.staffOnly, true);
      return;
    }
    const action = ctx.match[1];
    const id = Number(ctx.match[2]);
    try {
      if (action === "claim") {
        const r = await s.handoff.claimTicket(id, staff);
        if (r.ok) await answerCallback(ctx, S.claimOk(id));
        else if (r.reason === "held") await answerCallback(ctx, S.claimHeld(id, truncate(r.heldBy.displayName, 64)), true);
        else if (r.reason === "not-found") await answerCallback(ctx, S.ticketNotFound(id), true);
        else await answerCallback(ctx, S.claimNotClaimable(id), true);
      } else if (action === "close") {
        await s.handoff.closeTicket(id, staffActor(staff));
        await answerCallback(ctx, S.closeOk(id));
      } else {
        await s.handoff.reopenTicket(id, staffActor(staff));
        await answerCallback(ctx, S.reopenOk(id));
      }
    } catch (err) {
      if (err instanceof TicketError) {
        await answerCallback(ctx, S.ticketActionFailed(id, S.ticketErrorReason(err.code)), true);
        return;
      }
      if (!isStoreFault(err)) throw err;
      s.logger.error("could not store a card button action", { ticket: id, action, reason: err.reason, hint: hintFor(err) });
      await answerCallback(ctx, S.staffStoreUnavailable(id), true);
      return;
    }
    s.delivery.kick();
  });

  // In the staff chat: a reply to a card or a forwarded follow-up answers the asker; a reply to another
  // bot message gets a hint. Other chatter is ignored.
  c.on("message", async (ctx, next) => {
    if (!isStaffChat(ctx, s.config)) return next();
    const repliedTo = ctx.msg.reply_to_message;
    if (!repliedTo) return;
    const ticket = await ticketOfMessage(ctx, repliedTo);
    if (!ticket) {
      if (repliedTo.from?.id === ctx.me.id) await replyHtml(ctx, S.notATicketMessage, { replyTo: ctx.msg.message_id });
      return;
    }
    const staff = staffOf(ctx);
    const text = ctx.msg.text;
    if (!staff) return;
    if (text === undefined) {
      await replyHtml(ctx, S.replyTextOnly, { replyTo: ctx.msg.message_id });
      return;
    }
    await attempt(ctx, ticket.id, () => s.handoff.replyToTicket(ticket.id, staff, text), () => S.replySent(ticket.id));
  });

  return outer;
}
