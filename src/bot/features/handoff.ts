import { Composer, type Context } from "grammy";
import { TicketError } from "../../handoff/service.js";
import type { Citation } from "../../policy/measure.js";
import { formatMyTickets } from "../format.js";
import { askerOf } from "../identity.js";
import { CB_PATTERN, endHumanKeyboard } from "../keyboards.js";
import type { RememberedQuestion } from "../question-memory.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

const MY_TICKETS_SHOWN = 20;

/**
 * Open a ticket for the asker of this update, unless they already have an active one.
 * The asker learns the ticket number from the ticket-opened delivery (sent once, by the delivery loop).
 */
export async function startHandoff(s: BotServices, ctx: Context, question: string, candidates: Citation[]): Promise<void> {
  const asker = askerOf(ctx);
  if (!asker) return;
  const active = s.handoff.activeTicketOf(asker.chatId);
  if (active) {
    await replyHtml(ctx, S.ticketAlreadyActive(active.id), { keyboard: endHumanKeyboard() });
    return;
  }
  const ticket = s.handoff.openTicket({ asker, question: question.trim() || S.humanNoQuestion, candidates });
  s.logger.info("ticket opened", { ticket: ticket.id, chat: asker.chatId });
  s.delivery.kick();
}

/** The question a 转人工 button refers to: the answer it sits under, else what that answer replied to, else the chat's last question. */
function questionForButton(s: BotServices, ctx: Context): RememberedQuestion | undefined {
  const msg = ctx.callbackQuery?.message;
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return undefined;
  if (msg) {
    const byMessage = s.memory.forMessage(chatId, msg.message_id);
    if (byMessage) return byMessage;
    const repliedTo = "reply_to_message" in msg ? msg.reply_to_message : undefined;
    const text = repliedTo?.text;
    if (text && !text.startsWith("/")) return { question: text, candidates: [] };
  }
  return s.memory.last(chatId);
}

async function cancel(s: BotServices, ctx: Context): Promise<void> {
  const asker = askerOf(ctx);
  if (!asker) return;
  const active = s.handoff.activeTicketOf(asker.chatId);
  if (!active) {
    await replyHtml(ctx, S.cancelNothing);
    return;
  }
  try {
    s.handoff.cancelTicket(active.id, asker);
  } catch (err) {
    if (!(err instanceof TicketError)) throw err;
    await replyHtml(ctx, S.ticketActionFailed(active.id, S.ticketErrorReason(err.code)));
    return;
  }
  s.delivery.kick();
  await replyHtml(ctx, S.cancelDone(active.id));
}

/** 转人工 (button, /human, or asking for a person), follow-ups while a ticket is active, /cancel, /mytickets. */
export function handoffFeature(s: BotServices): Composer<Context> {
  const c = new Composer<Context>();
  const p = c.chatType("private");

  p.command("human", async (ctx) => {
    const typed = ctx.match.trim();
    const last = s.memory.last(ctx.chat.id);
    if (typed) await startHandoff(s, ctx, typed, last?.question === typed ? last.candidates : []);
    else await startHandoff(s, ctx, last?.question ?? S.humanNoQuestion, last?.candidates ?? []);
  });

  p.command("cancel", (ctx) => cancel(s, ctx));

  p.command("mytickets", async (ctx) => {
    const mine = s.handoff
      .ticketsOf(String(ctx.chat.id))
      .filter((t) => t.asker.channel === "telegram" && t.asker.userId === String(ctx.from.id))
      .slice(0, MY_TICKETS_SHOWN);
    await replyHtml(ctx, formatMyTickets(mine));
  });

  p.callbackQuery(CB_PATTERN.human, async (ctx) => {
    await answerCallback(ctx);
    const q = questionForButton(s, ctx);
    await startHandoff(s, ctx, q?.question ?? S.humanNoQuestion, q?.candidates ?? []);
  });

  p.callbackQuery(CB_PATTERN.endHuman, async (ctx) => {
    await answerCallback(ctx);
    await cancel(s, ctx);
  });

  // While a ticket is active, the asker's text goes to staff instead of the bot.
  p.on("message:text", async (ctx, next) => {
    if (ctx.msg.text.startsWith("/")) return next();
    const asker = askerOf(ctx);
    const active = asker ? s.handoff.activeTicketOf(asker.chatId) : null;
    if (!asker || !active) return next();
    try {
      s.handoff.addFollowUp(active.id, asker, ctx.msg.text);
    } catch (err) {
      // e.g. closed by staff a moment ago: answer it as a normal question.
      if (err instanceof TicketError) return next();
      throw err;
    }
    s.delivery.kick();
    await replyHtml(ctx, S.followUpAdded(active.id), { keyboard: endHumanKeyboard() });
  });

  return c;
}
