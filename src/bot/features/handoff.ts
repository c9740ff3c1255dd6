import { Composer, type Context } from "grammy";
import { TicketError } from "../../handoff/service.js";
import { isStoreFault, storeFaultHint } from "../../handoff/store.js";
import type { Asker, Ticket } from "../../handoff/types.js";
import type { Citation } from "../../policy/measure.js";
import { formatMyTickets } from "../format.js";
import { askerOf } from "../identity.js";
import { CB_PATTERN, endHumanKeyboard } from "../keyboards.js";
import { errorMeta } from "../logger.js";
import type { RememberedQuestion } from "../question-memory.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

const MY_TICKETS_SHOWN = 20;

/** Log a store fault with what to do; anything else is a bug and goes to bot.catch. */
function logStoreFault(s: BotServices, err: unknown, message: string, meta: Record<string, unknown>): void {
  if (!isStoreFault(err)) throw err;
  s.logger.error(message, { ...meta, reason: err.reason, ...errorMeta(err), hint: storeFaultHint(err.reason) });
}

/**
 * Hand the question to staff: the ticket is stored first, then the asker is told (`explain`, then
 * the ticket number by the outbox), so neither a refused reply nor a crash in between loses the
 * question. An asker with an open ticket is reminded of it instead. A ticket that cannot be stored
 * gets an apology and a logged error. Returns the ticket's number (the open one when reminded), or null.
 */
export async function startHandoff(
  s: BotServices,
  ctx: Context,
  question: string,
  candidates: Citation[],
  explain?: () => Promise<unknown>,
): Promise<number | null> {
  const asker = askerOf(ctx);
  if (!asker) return null;
  let opened: { ticket: Ticket; created: boolean };
  try {
    opened = await s.handoff.openTicket({ asker, question: question.trim() || S.humanNoQuestion, candidates });
  } catch (err) {
    logStoreFault(s, err, "could not store a handoff; the asker was asked to send it again", { chat: asker.chatId, questionChars: question.length });
    await replyHtml(ctx, S.handoffUnavailable);
    return null;
  }
  const { ticket, created } = opened;
  if (created) s.logger.info("ticket opened", { ticket: ticket.id, chat: asker.chatId });
  try {
    await explain?.();
  } catch (err) {
    // Stored already: the outbox still tells them the ticket number, so an apology would only confuse.
    if (!created) throw err;
    s.logger.warn("could not send why the question went to staff; the ticket notice follows from the outbox", { ticket: ticket.id, ...errorMeta(err) });
  }
  if (created) s.delivery.kick();
  else await replyHtml(ctx, S.ticketAlreadyActive(ticket.id), { keyboard: endHumanKeyboard() });
  return ticket.id;
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

/** The asker's open or claimed ticket; a store that cannot be read counts as none (the bot answers instead). */
async function activeTicket(s: BotServices, asker: Asker): Promise<Ticket | null> {
  try {
    return await s.handoff.activeTicketOf(asker.chatId);
  } catch (err) {
    logStoreFault(s, err, "could not read the asker's open ticket; answering as a question", { chat: asker.chatId });
    return null;
  }
}

async function cancel(s: BotServices, ctx: Context): Promise<void> {
  const asker = askerOf(ctx);
  if (!asker) return;
  const active = await s.handoff.activeTicketOf(asker.chatId);
  if (!active) {
    await replyHtml(ctx, S.cancelNothing);
    return;
  }
  try {
    await s.handoff.cancelTicket(active.id, asker);
  } catch (err) {
    if (err instanceof TicketError) {
      await replyHtml(ctx, S.ticketActionFailed(active.id, S.ticketErrorReason(err.code)));
      return;
    }
    logStoreFault(s, err, "could not store a cancellation", { ticket: active.id });
    await replyHtml(ctx, S.cancelUnavailable(active.id));
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
    const mine = (await s.handoff.ticketsOf(String(ctx.chat.id)))
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
    const active = asker ? await activeTicket(s, asker) : null;
    if (!asker || !active) return next();
    try {
      await s.handoff.addFollowUp(active.id, asker, ctx.msg.text);
    } catch (err) {
      // e.g. closed by staff a moment ago: answer it as a normal question.
      if (err instanceof TicketError) return next();
      logStoreFault(s, err, "could not store a follow-up; the asker was asked to send it again", { ticket: active.id });
      await replyHtml(ctx, S.followUpUnavailable(active.id));
      return;
    }
    s.delivery.kick();
    await replyHtml(ctx, S.followUpAdded(active.id), { keyboard: endHumanKeyboard() });
  });

  return c;
}
