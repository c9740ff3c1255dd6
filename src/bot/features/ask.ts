import { performance } from "node:perf_hooks";
import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { looksStray } from "../../answer/stray-input.js";
import type { Answer } from "../../answer/types.js";
import type { Clock } from "../../clock.js";
import { askedAs, candidatesOf, historyOf, isNoneOfThese, typedPick } from "../../conversation/service.js";
import type { Speaker, StoredTurn } from "../../conversation/types.js";
import { formatAnswer, formatClarify } from "../format.js";
import { escapeHtml } from "../html.js";
import { askerOf } from "../identity.js";
import { answerKeyboard, CB_PATTERN, clarifyKeyboard, humanKeyboard, relatedKeyboard, turnKeyOf } from "../keyboards.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";
import { noneOfThese, startHandoff, ticketQuestionOf } from "./handoff.js";
import { cataloguePage } from "./measures.js";

/** Telegram shows "typing…" for about 5 s; repeat while the engine works. */
export const TYPING_REPEAT_MS = 4_500;
/** Most answers take under a millisecond: show "typing…" only when one is slow (an LLM). */
export const TYPING_AFTER_MS = 500;

export async function withTyping<T>(ctx: Context, clock: Clock, work: () => Promise<T>): Promise<T> {
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

export interface ReplyOptions {
  /** The chat's turns the question was read with (recent()); the earliest context a follow-up came from. */
  readWith?: readonly StoredTurn[];
  /** Overrides the earlier question(s) it was read with (a pick keeps its offer's). */
  context?: string | null;
  /** The chat's last question before this one, for "转人工" typed right after it. */
  previous?: StoredTurn | null;
  replyTo?: number;
  /** How long the engine took, for the question log. */
  latencyMs?: number;
}

/** Log the question and its answer (best effort: null when there is no log or it cannot be written). */
async function logQuestion(s: BotServices, speaker: Speaker, question: string, answer: Answer, latencyMs: number): Promise<number | null> {
  if (!s.questionLog) return null;
  return s.questionLog.record({ asker: { channel: "telegram", userId: speaker.userId }, question, answer, latencyMs });
}

/**
 * Send the engine's answer to a question (typed, or picked from a clarify) and remember it as the chat's
 * latest turn: a cited answer, a clarify with a button per choice, a handoff (the ticket stored first),
 * a request to rephrase, or small talk.
 */
export async function replyWithAnswer(s: BotServices, ctx: Context, speaker: Speaker, question: string, answer: Answer, o: ReplyOptions = {}): Promise<void> {
  // Best effort: a locked or full log never stops an answer.
  const logId = await logQuestion(s, speaker, question, answer, o.latencyMs ?? 0);
  s.logger.debug("answered", { chat: speaker.chatId, outcome: answer.outcome, reason: answer.handoffReason, source: answer.source, cited: answer.citations.map((x) => x.measure), followUp: answer.followUp });
  const replyTo = o.replyTo;
  const title = s.engine.documentTitle();

  if (answer.outcome === "smalltalk") {
    await replyHtml(ctx, escapeHtml(answer.text), { replyTo });
    return;
  }
  // A lone word the policy does not cover (测试, asdf, 好) is not worth a person's time, nor the context of the next message.
  if (answer.handoffReason === "not-in-policy" && looksStray(question)) {
    await replyHtml(ctx, S.stray(question), { replyTo });
    return;
  }
  const turn = await s.conversation.record(speaker, question, answer, o.readWith ?? [], o.context);

  if (answer.faq?.kind === "out-of-scope") {
    // Staff decided such questions are outside the policy: say so, no ticket; a person only if they ask.
    await replyHtml(ctx, formatAnswer(answer, title), { keyboard: humanKeyboard(turn.key), replyTo });
    return;
  }

  if (answer.handoffReason === "unclear") {
    // Ask to rephrase (the engine says why: 第43条 does not exist); a person only if they want one. No ticket.
    await replyHtml(ctx, formatAnswer(answer, title), { keyboard: humanKeyboard(turn.key), replyTo });
    return;
  }

  if (answer.outcome === "handoff") {
    // The ticket is stored before the asker is told why it went to staff.
    const explain = () => replyHtml(ctx, formatAnswer(answer, title), { keyboard: relatedKeyboard(answer.related), replyTo });
    const previous = o.previous;
    // "转人工" right after a question: the earlier question is what staff need.
    const ticketId =
      answer.handoffReason === "asked-for-person" && previous
        ? await startHandoff(s, ctx, S.questionWithContext(ticketQuestionOf(previous), question), candidatesOf(previous), explain)
        : await startHandoff(s, ctx, ticketQuestionOf(turn), answer.related, explain);
    if (logId !== null && ticketId !== null) await s.questionLog?.linkTicket(logId, ticketId);
    return;
  }

  if (answer.outcome === "clarify") {
    await replyHtml(ctx, formatClarify(answer), { keyboard: clarifyKeyboard(turn.key, answer.choices ?? [], answer.language), replyTo });
    return;
  }

  if (answer.overview) {
    // 42条都讲了啥: the catalogue's first page, paged by its buttons as /measures is.
    const { text, keyboard } = cataloguePage(s.engine, 1);
    await replyHtml(ctx, text, { keyboard, replyTo });
    return;
  }

  await replyHtml(ctx, formatAnswer(answer, title), {
    keyboard: answerKeyboard(answer.citations.length > 0 ? answer.citations : answer.sections, turn.key, logId),
    replyTo,
  });
}

/**
 * Any text in a private chat → the engine (the policy, with approved FAQ entries in front of it),
 * read with the chat's recent turns → a reply. Every question is logged; 👍 / 👎 are stored with it.
 */
export function askFeature(s: BotServices): Composer<Context> {
  const c = new FeatureComposer<Context>();
  const p = c.chatType("private");

  p.on("message:text", async (ctx) => {
    const text = ctx.msg.text;
    if (ctx.msg.entities?.some((e) => e.type === "bot_command" && e.offset === 0) || text.startsWith("/")) {
      await replyHtml(ctx, S.unknownCommand);
      return;
    }
    const speaker = askerOf(ctx)!;
    const replyTo = ctx.msg.message_id;
    const { readWith, previous } = await s.conversation.readingContext(speaker);
    const offer = readWith.at(-1)?.outcome === "clarify" ? readWith.at(-1) : undefined;
    // "都不是" (or 0) right after a clarify: the choices missed, so a person answers.
    if (offer && isNoneOfThese(text)) {
      await noneOfThese(s, ctx, offer);
      return;
    }
    // A choice's number typed instead of pressed: the same as its button (第二个 the engine reads itself).
    const picked = offer ? typedPick(text, offer) : null;
    if (offer && picked !== null) {
      const started = performance.now();
      const answer = await withTyping(ctx, s.clock, () => s.engine.answerFrom(askedAs(offer), picked.number, picked.doc));
      await replyWithAnswer(s, ctx, speaker, offer.question, answer, { readWith: [offer], context: offer.context, replyTo, latencyMs: performance.now() - started });
      return;
    }
    const started = performance.now();
    const answer = await withTyping(ctx, s.clock, () => s.engine.ask(text, historyOf(readWith)));
    await replyWithAnswer(s, ctx, speaker, text, answer, { readWith, previous, replyTo, latencyMs: performance.now() - started });
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
    // Its 转人工 is for the same question as the answer's own.
    await replyHtml(ctx, S.feedbackSorry, { keyboard: humanKeyboard(turnKeyOf(ctx.callbackQuery.message)) });
  });

  return c;
}
