import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { citationOf, documentTag } from "../../policy/measure.js";
import { clampPage, formatDepartmentPage, formatMeasure, formatMeasuresPage, measuresOnPage, pageCount } from "../format.js";
import { CB, CB_PATTERN, measuresPageKeyboard } from "../keyboards.js";
import { answerCallback, isNotModified, replyHtml } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

/** Page n of the catalogue of every measure, with its buttons (/measures, and a question asking what the policy covers). */
export function cataloguePage(engine: BotServices["engine"], n: number) {
  const all = engine.measures();
  const p = clampPage(n, all.length);
  return {
    text: formatMeasuresPage(all, p, engine.documentTitle()),
    keyboard: measuresPageKeyboard(measuresOnPage(all, p).map(citationOf), p, pageCount(all.length)),
  };
}

/** /measures (paged list), /measures 部门 (that department's measures, paged), /measure N (full text), and their buttons. */
export function measuresFeature(s: BotServices): Composer<Context> {
  const c = new FeatureComposer<Context>();

  const page = (n: number) => cataloguePage(s.engine, n);

  // Full department names in a fixed order: a page button names its department by position (callback data is short).
  const departments = () => [...new Set(s.engine.measures().flatMap((m) => m.departments))].sort();

  const departmentPage = (index: number, n: number) => {
    const department = departments()[index];
    const listed = department === undefined ? undefined : s.engine.measuresOf(department);
    if (!listed) return undefined;
    const p = clampPage(n, listed.measures.length);
    return {
      text: formatDepartmentPage(listed.department, listed.measures, p),
      keyboard: measuresPageKeyboard(measuresOnPage(listed.measures, p).map(citationOf), p, pageCount(listed.measures.length), (to) => CB.departmentPage(index, to)),
    };
  };

  /** How to write a measure number: the range, or with several documents each document's count and the year to pick it. */
  const badNumber = () => {
    const docs = s.engine.documents();
    const all = s.engine.measures();
    if (docs.length > 1) return S.measureBadNumberIn(docs.map((d) => ({ ...d, count: all.filter((m) => m.doc === d.key).length })));
    const numbers = all.map((m) => m.number);
    return S.measureBadNumber(Math.min(...numbers), Math.max(...numbers));
  };

  /** /measure 11, 第11条; with several documents also /measure 2022 11 or 2022年第11条 for another year's document. */
  const measureAsked = (arg: string) => {
    const m = /^(?:(\d{4})\s*年?\s*[-/·]?\s*)?第?\s*(\d{1,4})\s*条?$/.exec(arg);
    if (!m) return undefined;
    const docs = s.engine.documents();
    if (!m[1] || docs.length < 2) return s.engine.measure(Number(m[2]));
    const ofYear = docs.filter((d) => d.year === Number(m[1]));
    return ofYear.length === 1 ? s.engine.measure(Number(m[2]), ofYear[0]!.key) : undefined;
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
    const measure = measureAsked(ctx.match.trim());
    if (!measure) {
      await replyHtml(ctx, badNumber());
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
    // A button of a document that has since been removed finds nothing (never another document's measure).
    const tag = ctx.match[2];
    const document = tag === undefined ? undefined : s.engine.documents().find((d) => documentTag(d.key) === tag);
    const measure = tag !== undefined && !document ? undefined : s.engine.measure(Number(ctx.match[1]), document?.key);
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
