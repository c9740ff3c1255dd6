import { Composer, type Context } from "grammy";
import { replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

/** /start and /help. */
export function welcomeFeature(s: BotServices): Composer<Context> {
  const c = new Composer<Context>();
  c.command("start", (ctx) => replyHtml(ctx, S.welcome(s.engine.documentTitle(), S.welcomeExamples)));
  c.command("help", (ctx) => replyHtml(ctx, S.help(s.engine.documentTitle())));
  return c;
}
