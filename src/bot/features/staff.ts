import { Composer, type Context } from "grammy";
import { staffActor, TicketError } from "../../handoff/service.js";
import type { Ticket } from "../../handoff/types.js";
import { formatQueue, truncate } from "../format.js";
import { isStaff, isStaffChat, staffOf } from "../identity.js";
import { CB_PATTERN } from "../keyboards.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

type Handler = (ctx: Context & { match: string }) => Promise<unknown>;

const ticketNumber = (s: string): number | null => {
  const m = /^#?(\d{1,12})$/.exec(s.trim());
  return m?.[1] ? Number(m[1]) : null;
};

/**
 * Staff side: only in the staff chat or for the listed staff user ids. Cards with 认领 / 关闭,
 * replies to a card (or a forwarded follow-up) go to the asker, /reply N, /queue, /close N,
 * /reopen N, /stats. Everyone else gets a refusal that reveals nothing about tickets.
 */
export function staffFeature(s: BotServices): Composer<Context> {
  const c = new Composer<Context>();

  const staffOnly = (handler: Handler) => async (ctx: Context & { match: string }) => {
    if (!isStaff(ctx, s.config)) {
      await replyHtml(ctx, S.staffOnly);
      return;
    }
    await handler(ctx);
  };

  /** The ticket of the card (or follow-up) this command replies to, if any: "/close" as a reply to a card. */
  const repliedTicket = (ctx: Context): number | null => {
    const replied = ctx.msg?.reply_to_message;
    if (!replied || !ctx.chat) return null;
    return s.handoff.ticketForStaffMessage(String(ctx.chat.id), replied.message_id)?.id ?? null;
  };

  /** Run a ticket operation; a TicketError becomes a short message to staff. */
  const attempt = async (ctx: Context, id: number, op: () => Ticket, ok: string): Promise<void> => {
    try {
      op();
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      await replyHtml(ctx, S.ticketActionFailed(id, S.ticketErrorReason(err.code)));
      return;
    }
    s.delivery.kick();
    await replyHtml(ctx, ok, ctx.msg ? { replyTo: ctx.msg.message_id } : {});
  };

  c.command(
    "queue",
    staffOnly(async (ctx) => {
      await replyHtml(ctx, formatQueue(s.handoff.list({ status: ["open", "claimed"] })));
    }),
  );

  c.command(
    "stats",
    staffOnly(async (ctx) => {
      const st = s.handoff.stats();
      await replyHtml(
        ctx,
        S.stats({
          open: st.open,
          claimed: st.claimed,
          answered: st.answered,
          closed: st.closed,
          median: st.medianFirstReplyMs === null ? S.durationNone : S.duration(st.medianFirstReplyMs),
          botAnswered: st.outcomes.answered,
          handoff: st.outcomes.handoff,
          smalltalk: st.outcomes.smalltalk,
        }),
      );
    }),
  );

  c.command(
    "reply",
    staffOnly(async (ctx) => {
      const m = /^#?(\d{1,12})\s+([\s\S]+)$/.exec(ctx.match.trim());
      const staff = staffOf(ctx);
      const fromReply = repliedTicket(ctx);
      const id = m?.[1] ? Number(m[1]) : fromReply;
      const text = m?.[2] ?? (fromReply !== null ? ctx.match.trim() : "");
      if (id === null || !text || !staff) {
        await replyHtml(ctx, S.replyUsage);
        return;
      }
      await attempt(ctx, id, () => s.handoff.replyToTicket(id, staff, text), S.replySent(id));
    }),
  );

  c.command(
    "close",
    staffOnly(async (ctx) => {
      const id = ticketNumber(ctx.match) ?? repliedTicket(ctx);
      const staff = staffOf(ctx);
      if (id === null || !staff) {
        await replyHtml(ctx, S.closeUsage);
        return;
      }
      await attempt(ctx, id, () => s.handoff.closeTicket(id, staffActor(staff)), S.closeOk(id));
    }),
  );

  c.command(
    "reopen",
    staffOnly(async (ctx) => {
      const id = ticketNumber(ctx.match) ?? repliedTicket(ctx);
      const staff = staffOf(ctx);
      if (id === null || !staff) {
        await replyHtml(ctx, S.reopenUsage);
        return;
      }
      await attempt(ctx, id, () => s.handoff.reopenTicket(id, staffActor(staff)), S.reopenOk(id));
    }),
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
    if (action === "claim") {
      const r = s.handoff.claimTicket(id, staff);
      if (r.ok) await answerCallback(ctx, S.claimOk(id));
      else if (r.reason === "held") await answerCallback(ctx, S.claimHeld(id, truncate(r.heldBy.displayName, 64)), true);
      else if (r.reason === "not-found") await answerCallback(ctx, S.ticketNotFound(id), true);
      else await answerCallback(ctx, S.claimNotClaimable(id), true);
      s.delivery.kick();
      return;
    }
    try {
      if (action === "close") s.handoff.closeTicket(id, staffActor(staff));
      else s.handoff.reopenTicket(id, staffActor(staff));
    } catch (err) {
      if (!(err instanceof TicketError)) throw err;
      await answerCallback(ctx, `${S.ticketActionFailed(id, S.ticketErrorReason(err.code))}`, true);
      return;
    }
    await answerCallback(ctx, action === "close" ? S.closeOk(id) : S.reopenOk(id));
    s.delivery.kick();
  });

  // In the staff chat: a reply to a card or a forwarded follow-up answers the asker. Other chatter is ignored.
  c.on("message", async (ctx, next) => {
    if (!isStaffChat(ctx, s.config)) return next();
    const repliedTo = ctx.msg.reply_to_message;
    if (!repliedTo) return;
    const ticket = s.handoff.ticketForStaffMessage(String(ctx.chat.id), repliedTo.message_id);
    if (!ticket) return;
    const staff = staffOf(ctx);
    const text = ctx.msg.text;
    if (!staff) return;
    if (text === undefined) {
      await replyHtml(ctx, S.replyTextOnly, { replyTo: ctx.msg.message_id });
      return;
    }
    await attempt(ctx, ticket.id, () => s.handoff.replyToTicket(ticket.id, staff, text), S.replySent(ticket.id));
  });

  return c;
}
