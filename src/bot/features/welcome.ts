import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { askerOf } from "../identity.js";
import { replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

/** /start (a fresh start: the next message is not read as a follow-up) and /help. */
export function welcomeFeature(s: BotServices): Composer<Context> {
  const c = new FeatureComposer<Context>();
  c.command("start", async (ctx) => {
    const asker = askerOf(ctx);
    if (asker && ctx.chat?.type === "private") await s.conversation.endContext(asker);
    await replyHtml(ctx, S.welcome(s.engine.documentTitle(), S.welcomeExamples));
  });
  c.command("help", (ctx) => replyHtml(ctx, S.help(s.engine.documentTitle())));
  return c;
}
