import { GrammyError, type Context, type InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { splitMessage } from "./format.js";

export interface ReplyHtmlOptions {
  /** Attached to the last message. */
  keyboard?: InlineKeyboard | undefined;
  /** The first message replies to this message id. */
  replyTo?: number | undefined;
}

/** Send HTML to the update's chat, split below Telegram's limit; returns the sent messages. */
export async function replyHtml(ctx: Context, html: string, opts: ReplyHtmlOptions = {}): Promise<Message.TextMessage[]> {
  const chunks = splitMessage(html);
  const sent: Message.TextMessage[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const last = i === chunks.length - 1;
    sent.push(
      await ctx.reply(chunks[i] as string, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(i === 0 && opts.replyTo !== undefined ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } } : {}),
        ...(last && opts.keyboard ? { reply_markup: opts.keyboard } : {}),
      }),
    );
  }
  return sent;
}

/** Answer a callback query, ignoring failures (it may be too old to answer). */
export async function answerCallback(ctx: Context, text?: string, alert = false): Promise<void> {
  try {
    await ctx.answerCallbackQuery(text === undefined ? undefined : { text, show_alert: alert });
  } catch {
    // "query is too old" and similar: nothing useful to do.
  }
}

/** Telegram's 400 for an edit that changes nothing: harmless. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && /message is not modified/i.test(err.description);
}
