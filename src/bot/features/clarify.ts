import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { askedAs } from "../../conversation/service.js";
import { askerOf } from "../identity.js";
import { CB_PATTERN } from "../keyboards.js";
import { answerCallback, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";
import { replyWithAnswer, withTyping } from "./ask.js";
import { noneOfThese } from "./handoff.js";

/**
 * A clarify's buttons: a pick answers the question it was offered for from that measure (the offer is
 * stored, so a button keeps working after a restart, for OFFER_LIFETIME_MS); 都不是 hands it to staff.
 * Only the person who asked may pick.
 */
export function clarifyFeature(s: BotServices): Composer<Context> {
  const c = new FeatureComposer<Context>();

  c.callbackQuery(CB_PATTERN.clarify, async (ctx) => {
    const speaker = askerOf(ctx);
    if (!speaker) return answerCallback(ctx);
    const [, key = "", picked, tag] = ctx.match;
    const offer = await s.conversation.offer(speaker, key, picked === "x" ? null : Number(picked), tag);
    switch (offer.kind) {
      case "not-yours":
        s.logger.info("clarify button pressed by someone other than the asker: refused", { chat: speaker.chatId, user: speaker.userId });
        return answerCallback(ctx, S.pickNotYours, true);
      case "expired":
        await answerCallback(ctx);
        await replyHtml(ctx, S.clarify[offer.language ?? "zh"].expired);
        return;
      case "unavailable":
        await answerCallback(ctx);
        await replyHtml(ctx, S.pickUnavailable);
        return;
      case "none-of-these":
        await answerCallback(ctx);
        return noneOfThese(s, ctx, offer.turn);
      case "pick": {
        await answerCallback(ctx);
        const { turn, measure, document } = offer;
        const answer = await withTyping(ctx, s.clock, () => s.engine.answerFrom(askedAs(turn), measure, document));
        // The pick is the chat's latest turn: 哪个部门负责？ next is about the measure picked.
        await replyWithAnswer(s, ctx, speaker, turn.question, answer, { readWith: [turn], context: turn.context });
        return;
      }
    }
  });

  return c;
}
