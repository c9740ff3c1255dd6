import { Composer, type Context } from "grammy";
import type { Answer } from "../../answer/types.js";
import type { Clock } from "../../clock.js";
import { formatAnswer } from "../format.js";
import { escapeHtml } from "../html.js";
import { answerKeyboard, CB_PATTERN, humanKeyboard, relatedKeyboard } from "../keyboards.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";
import { startHandoff } from "./handoff.js";

/** Telegram shows "typing…" for about 5 s; repeat while the engine works. */
export const TYPING_REPEAT_MS = 4_500;
/** Most answers take under a millisecond: show "typing…" only when one is slow (an LLM). */
export const TYPING_AFTER_MS = 500;

async function withTyping<T>(ctx: Context, clock: Clock, work: () => Promise<T>): Promise<T> {
  let cancel = clock.schedule(function typing() {
    void ctx.replyWithChatAction("typing").catch(() => undefined);
    cancel = clock.schedule(typing, TYPING_REPEAT_MS);
  }, TYPING_AFTER_MS);
  try {
    return await work();
  } finally {
    cancel();
  }
}

/** Any text in a private chat → the policy engine → a cited answer, a handoff, or small talk. 👍 / 👎 feedback. */
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

    const answer: Answer = await withTyping(ctx, s.clock, () => s.engine.ask(text));
    // Best effort: a locked or full database never stops an answer.
    await s.handoff.recordOutcome(answer.outcome);
    s.logger.debug("answered", { chat: chatId, outcome: answer.outcome, reason: answer.handoffReason, cited: answer.citations.map((x) => x.measure) });
    const remembered = { question: text, candidates: answer.citations.length > 0 ? answer.citations : answer.related };

    if (answer.handoffReason === "unclear") {
      // Ask to rephrase (the engine says why: 第43条 does not exist); a person only if they want one. No ticket.
      const sent = await replyHtml(ctx, formatAnswer(answer, s.engine.documentTitle()), { keyboard: humanKeyboard(), replyTo });
      s.memory.remember(chatId, remembered, sent.map((m) => m.message_id));
      return;
    }

    if (answer.outcome === "handoff") {
      // The ticket is stored before the asker is told why it went to staff.
      const explain = () => replyHtml(ctx, formatAnswer(answer, s.engine.documentTitle()), { keyboard: relatedKeyboard(answer.related), replyTo });
      if (answer.handoffReason === "asked-for-person" && previous) {
        // "转人工" right after a question: the earlier question is what staff need.
        await startHandoff(s, ctx, S.questionWithContext(previous.question, text), previous.candidates, explain);
      } else {
        s.memory.remember(chatId, remembered);
        await startHandoff(s, ctx, text, answer.related, explain);
      }
      return;
    }

    if (answer.outcome === "smalltalk") {
      await replyHtml(ctx, escapeHtml(answer.text), { replyTo });
      return;
    }

    const sent = await replyHtml(ctx, formatAnswer(answer, s.engine.documentTitle()), {
      keyboard: answerKeyboard(answer.citations.length > 0 ? answer.citations : answer.sections),
      replyTo,
    });
    s.memory.remember(chatId, remembered, sent.map((m) => m.message_id));
  });

  c.callbackQuery(CB_PATTERN.feedback, async (ctx) => {
    const vote = ctx.match[1];
    s.logger.info("answer feedback", { vote, chat: ctx.chat?.id, message: ctx.callbackQuery.message?.message_id });
    await answerCallback(ctx, S.feedbackThanks);
    if (vote !== "down" || !ctx.chat) return;
    const sent = await replyHtml(ctx, S.feedbackSorry, { keyboard: humanKeyboard() });
    const msgId = ctx.callbackQuery.message?.message_id;
    const q = msgId === undefined ? undefined : s.memory.forMessage(ctx.chat.id, msgId);
    if (q) s.memory.remember(ctx.chat.id, q, sent.map((m) => m.message_id));
  });

  return c;
}
