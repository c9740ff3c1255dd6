import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { answerCallback, replyHtml } from "../reply.js";
import { S } from "../strings.js";

/** Stickers, photos, voice, documents… in a private chat → ask for text. Stale buttons → stop the spinner. */
export function otherFeature(): Composer<Context> {
  const c = new FeatureComposer<Context>();
  c.chatType("private").on("message", (ctx) => replyHtml(ctx, S.textOnly));
  c.on("callback_query", (ctx) => answerCallback(ctx));
  return c;
}
