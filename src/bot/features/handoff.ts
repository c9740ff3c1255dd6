import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { candidatesOf } from "../../conversation/service.js";
import type { StoredTurn } from "../../conversation/types.js";
import { TicketError } from "../../handoff/service.js";
import { hintFor, isStoreFault } from "../../handoff/store.js";
import type { Asker, Ticket } from "../../handoff/types.js";
import type { Citation } from "../../policy/measure.js";
import { formatMyTickets } from "../format.js";
import { askerOf } from "../identity.js";
import { CB_PATTERN, endHumanKeyboard } from "../keyboards.js";
import { errorMeta } from "../logger.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

const MY_TICKETS_SHOWN = 20;

/** Log a store fault with what to do; anything else is a bug and goes to bot.catch. */
function logStoreFault(s: BotServices, err: unknown, message: string, meta: Record<string, unknown>): void {
  if (!isStoreFault(err)) throw err;
  s.logger.error(message, { ...meta, reason: err.reason, ...errorMeta(err), hint: hintFor(err) });
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
  // The chat goes on with staff; once the ticket is over, the next question starts afresh.
  await s.conversation.endContext(asker);
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

/** A question and the measures the bot found for it, as a ticket gets them. */
interface QuestionForStaff {
  question: string;
  candidates: Citation[];
}

/** A turn's question as staff see it: a follow-up with the earlier question(s) it was read with. */
export function ticketQuestionOf(turn: StoredTurn): string {
  return turn.context ? S.questionInContext(turn.question, turn.context) : turn.question;
}

const forStaff = (turn: StoredTurn): QuestionForStaff => ({ question: ticketQuestionOf(turn), candidates: candidatesOf(turn) });

/**
 * The question a 转人工 button refers to: the turn its data names (stored, so it survives a restart),
 * else what the message replied to, else the chat's last question.
 */
async function questionForButton(s: BotServices, ctx: Context, key: string | undefined): Promise<QuestionForStaff | undefined> {
  const msg = ctx.callbackQuery?.message;
  const asker = askerOf(ctx);
  if (!asker) return undefined;
  if (key) {
    const found = await s.conversation.find(asker, key);
    if (found.kind === "found") return forStaff(found.turn);
  }
  const repliedTo = msg && "reply_to_message" in msg ? msg.reply_to_message : undefined;
  const text = repliedTo?.text;
  if (text && !text.startsWith("/")) return { question: text, candidates: [] };
  const last = await s.conversation.lastTurn(asker);
  return last ? forStaff(last) : undefined;
}

/** 都不是 under a clarify (or typed right after it): the offer missed, so staff get the question and the measures offered. */
export async function noneOfThese(s: BotServices, ctx: Context, offer: StoredTurn): Promise<void> {
  const words = S.clarify[offer.language];
  await startHandoff(s, ctx, S.noneOfTheseTicket(ticketQuestionOf(offer)), candidatesOf(offer), () => replyHtml(ctx, words.handedOff));
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
  const c = new FeatureComposer<Context>();
  const p = c.chatType("private");

  p.command("human", async (ctx) => {
    const typed = ctx.match.trim();
    const last = await s.conversation.lastTurn(askerOf(ctx)!);
    if (typed) await startHandoff(s, ctx, typed, last?.question === typed ? candidatesOf(last) : []);
    else await startHandoff(s, ctx, last ? ticketQuestionOf(last) : S.humanNoQuestion, last ? candidatesOf(last) : []);
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
    const q = await questionForButton(s, ctx, ctx.match[1]);
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
