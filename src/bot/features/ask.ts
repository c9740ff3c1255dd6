import { performance } from "node:perf_hooks";
import { Composer, type Context } from "grammy";
import type { Answer } from "../../answer/types.js";
import { formatAnswer } from "../format.js";
import { escapeHtml } from "../html.js";
import { answerKeyboard, CB_PATTERN, humanKeyboard, relatedKeyboard } from "../keyboards.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";
import { startHandoff } from "./handoff.js";

/** Telegram shows "typing…" for about 5 s; repeat while the engine works. */
const TYPING_REPEAT_MS = 4_500;
/** Most answers take under a millisecond: show "typing…" only when one is slow (an LLM). */
const TYPING_AFTER_MS = 500;

async function withTyping<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  const typing = () => void ctx.replyWithChatAction("typing").catch(() => undefined);
  let repeat: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    typing();
    repeat = setInterval(typing, TYPING_REPEAT_MS);
  }, TYPING_AFTER_MS);
  try {
    return await work();
  } finally {
    clearTimeout(start);
    clearInterval(repeat);
  }
}

/** Log the question and its answer (best effort: null when there is no log or it cannot be written). */
async function logQuestion(s: BotServices, ctx: Context, question: string, answer: Answer, latencyMs: number): Promise<number | null> {
  if (!s.questionLog || !ctx.from) return null;
  return s.questionLog.record({ asker: { channel: "telegram", userId: String(ctx.from.id) }, question, answer, latencyMs });
}

/**
 * Any text in a private chat → the engine (the policy, with approved FAQ entries in front of it) →
 * a cited answer, a staff answer labelled as such, a handoff, or small talk. Every question is
 * logged; 👍 / 👎 are stored with it.
 */
export function askFeature(s: BotServices): Composer<Context> {
  const c = new Composer<Context>();
  const p = c.chatType("private");

  p.on("message:text", async (ctx) => {
    const text = ctx.msg.text;
    if (ctx.msg.entities?.some((e) => e.type === "bot_command" && e.offset === 0) || text.startsWith("/")) {
      await replyHtml(ctx, S.unknownCommand);
      return;
    }
    const chatId = ctx.chat.id;
    const replyTo = ctx.msg.message_id;
    const previous = s.memory.last(chatId);

    const started = performance.now();
    const answer: Answer = await withTyping(ctx, () => s.engine.ask(text));
    // Best effort: a locked or full log never stops an answer.
    const logId = await logQuestion(s, ctx, text, answer, performance.now() - started);
    s.logger.debug("answered", { chat: chatId, outcome: answer.outcome, reason: answer.handoffReason, source: answer.source, cited: answer.citations.map((x) => x.measure) });
    const remembered = { question: text, candidates: answer.citations.length > 0 ? answer.citations : answer.related };

    if (answer.faq?.kind === "out-of-scope") {
      // Staff decided such questions are outside the policy: say so, no ticket; a person only if they ask.
      const sent = await replyHtml(ctx, formatAnswer(answer, s.engine.documentTitle()), { keyboard: humanKeyboard(), replyTo });
      s.memory.remember(chatId, remembered, sent.map((m) => m.message_id));
      return;
    }

    if (answer.handoffReason === "unclear") {
      // Ask to rephrase; a person only if they want one. No ticket.
      const sent = await replyHtml(ctx, S.unclear, { keyboard: humanKeyboard(), replyTo });
      s.memory.remember(chatId, remembered, sent.map((m) => m.message_id));
      return;
    }

    if (answer.outcome === "handoff") {
      // The ticket is stored before the asker is told why it went to staff.
      const explain = () => replyHtml(ctx, formatAnswer(answer, s.engine.documentTitle()), { keyboard: relatedKeyboard(answer.related), replyTo });
      let ticketId: number | null;
      if (answer.handoffReason === "asked-for-person" && previous) {
        // "转人工" right after a question: the earlier question is what staff need.
        ticketId = await startHandoff(s, ctx, S.questionWithContext(previous.question, text), previous.candidates, explain);
      } else {
        s.memory.remember(chatId, remembered);
        ticketId = await startHandoff(s, ctx, text, answer.related, explain);
      }
      if (logId !== null && ticketId !== null) await s.questionLog?.linkTicket(logId, ticketId);
      return;
    }

    if (answer.outcome === "smalltalk") {
      await replyHtml(ctx, escapeHtml(answer.text), { replyTo });
      return;
    }

    const sent = await replyHtml(ctx, formatAnswer(answer, s.engine.documentTitle()), {
      keyboard: answerKeyboard(answer.citations.length > 0 ? answer.citations : answer.sections, logId),
      replyTo,
    });
    s.memory.remember(chatId, remembered, sent.map((m) => m.message_id));
  });

  c.callbackQuery(CB_PATTERN.feedback, async (ctx) => {
    const vote = ctx.match[1] === "down" ? "down" : "up";
    const logId = ctx.match[2] ? Number(ctx.match[2]) : null;
    s.logger.info("answer feedback", { vote, chat: ctx.chat?.id, message: ctx.callbackQuery.message?.message_id, log: logId });
    if (logId !== null && s.questionLog) {
      // The vote is stored only for the question's own asker (its hash is compared), whoever else presses.
      const stored = await s.questionLog.feedback(logId, { channel: "telegram", userId: String(ctx.from.id) }, vote);
      if (stored === "not-yours") {
        await answerCallback(ctx, S.feedbackNotYours, true);
        return;
      }
    }
    await answerCallback(ctx, S.feedbackThanks);
    if (vote !== "down" || !ctx.chat) return;
    const sent = await replyHtml(ctx, S.feedbackSorry, { keyboard: humanKeyboard() });
    const msgId = ctx.callbackQuery.message?.message_id;
    const q = msgId === undefined ? undefined : s.memory.forMessage(ctx.chat.id, msgId);
    if (q) s.memory.remember(ctx.chat.id, q, sent.map((m) => m.message_id));
  });

  return c;
}
