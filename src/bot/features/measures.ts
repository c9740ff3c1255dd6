import { Composer, type Context } from "grammy";
import { clampPage, formatDepartmentPage, formatMeasure, formatMeasuresPage, measuresOnPage, pageCount } from "../format.js";
import { CB, CB_PATTERN, measuresPageKeyboard } from "../keyboards.js";
import { answerCallback, isNotModified, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

/** /measures (paged list), /measures 部门 (that department's measures, paged), /measure N (full text), and their buttons. */
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

  // Full department names in a fixed order: a page button names its department by position (callback data is short).
  const departments = () => [...new Set(s.engine.measures().flatMap((m) => m.departments))].sort();

  const departmentPage = (index: number, n: number) => {
    const department = departments()[index];
    const listed = department === undefined ? undefined : s.engine.measuresOf(department);
    if (!listed) return undefined;
    const p = clampPage(n, listed.measures.length);
    return {
      text: formatDepartmentPage(listed.department, listed.measures, p),
      keyboard: measuresPageKeyboard(
        measuresOnPage(listed.measures, p).map((m) => m.number),
        p,
        pageCount(listed.measures.length),
        (to) => CB.departmentPage(index, to),
      ),
    };
  };

  const range = () => {
    const numbers = s.engine.measures().map((m) => m.number);
    return { min: Math.min(...numbers), max: Math.max(...numbers) };
  };

  c.command("measures", async (ctx) => {
    const arg = ctx.match.trim();
    if (!arg || /^\d+$/.test(arg)) {
      const { text, keyboard } = page(Number(arg) || 1);
      await replyHtml(ctx, text, { keyboard });
      return;
    }
    const listed = s.engine.measuresOf(arg);
    const shown = listed && departmentPage(departments().indexOf(listed.department), 1);
    if (!shown) {
      await replyHtml(ctx, S.departmentUnknown(arg));
      return;
    }
    await replyHtml(ctx, shown.text, { keyboard: shown.keyboard });
  });

  c.callbackQuery(CB_PATTERN.departmentPage, async (ctx) => {
    const shown = departmentPage(Number(ctx.match[1]), Number(ctx.match[2]));
    if (!shown) {
      await answerCallback(ctx, S.measureNotFound);
      return;
    }
    await answerCallback(ctx);
    try {
      await ctx.editMessageText(shown.text, { parse_mode: "HTML", reply_markup: shown.keyboard });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
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
