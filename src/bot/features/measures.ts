import { Composer, type Context } from "grammy";
import { clampPage, formatMeasure, formatMeasuresPage, measuresOnPage, pageCount } from "../format.js";
import { CB_PATTERN, measuresPageKeyboard } from "../keyboards.js";
import { answerCallback, isNotModified, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

/** /measures (paged list), /measure N (full text), and the m:N / m:p:N buttons. */
export function measuresFeature(s: BotServices): Composer<Context> {
  const c = new Composer<Context>();

  const page = (n: number) => {
    const all = s.engine.measures();
    const p = clampPage(n, all.length);
    return {
      text: formatMeasuresPage(all, p, s.engine.documentTitle()),
      keyboard: measuresPageKeyboard(
        measuresOnPage(all, p).map((m) => m.number),
        p,
        pageCount(all.length),
      ),
    };
  };

  const range = () => {
    const numbers = s.engine.measures().map((m) => m.number);
    return { min: Math.min(...numbers), max: Math.max(...numbers) };
  };

  c.command("measures", async (ctx) => {
    const { text, keyboard } = page(Number(ctx.match.trim()) || 1);
    await replyHtml(ctx, text, { keyboard });
  });

  c.command("measure", async (ctx) => {
    const arg = ctx.match.trim();
    const n = /^第?\s*(\d{1,4})\s*条?$/.exec(arg)?.[1];
    const measure = n === undefined ? undefined : s.engine.measure(Number(n));
    if (!measure) {
      const { min, max } = range();
      await replyHtml(ctx, S.measureBadNumber(min, max));
      return;
    }
    await replyHtml(ctx, formatMeasure(measure));
  });

  c.callbackQuery(CB_PATTERN.measuresPage, async (ctx) => {
    const { text, keyboard } = page(Number(ctx.match[1]));
    await answerCallback(ctx);
    try {
      await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  });

  c.callbackQuery(CB_PATTERN.measure, async (ctx) => {
    const measure = s.engine.measure(Number(ctx.match[1]));
    if (!measure) {
      await answerCallback(ctx, S.measureNotFound);
      return;
    }
    await answerCallback(ctx);
    await replyHtml(ctx, formatMeasure(measure));
  });

  c.callbackQuery(CB_PATTERN.noop, (ctx) => answerCallback(ctx));
  return c;
}
