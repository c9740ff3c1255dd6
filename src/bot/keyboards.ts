/**
 * Inline keyboards and their callback data. Callback data is short, carries nothing secret
 * (ticket numbers, measure numbers and a turn's random key only; every action re-checks who
 * pressed it), and stays far below Telegram's 64-byte limit.
 */
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Choice, Language } from "../answer/types.js";
import type { Ticket } from "../handoff/types.js";
import type { Citation } from "../policy/measure.js";
import { S } from "./strings.js";

export const CALLBACK_DATA_MAX_BYTES = 64;

/** Callback data builders. */
export const CB = {
  measure: (n: number) => `m:${n}`,
  measuresPage: (page: number) => `m:p:${page}`,
  /** A page of one department's measures; the department by its position in the engine's sorted list of full names. */
  departmentPage: (department: number, page: number) => `m:d:${department}:${page}`,
  /** A no-op button (the page indicator). */
  noop: "noop",
  feedbackUp: "fb:up",
  feedbackDown: "fb:down",
  /** 转人工 for the question of the turn `key` (a conversation turn's key); without one, the chat's last question. */
  human: (key?: string) => (key ? `h:human:${key}` : "h:human"),
  endHuman: "h:end",
  /** A clarify's choice: the offer (its turn's key) and the measure picked. */
  pick: (key: string, measure: number) => `c:${key}:${measure}`,
  /** A clarify's 都不是 / 转人工. */
  noneOfThese: (key: string) => `c:${key}:x`,
  claim: (ticketId: number) => `t:claim:${ticketId}`,
  close: (ticketId: number) => `t:close:${ticketId}`,
  reopen: (ticketId: number) => `t:reopen:${ticketId}`,
} as const;

/** Patterns matching the data above (for bot.callbackQuery). */
export const CB_PATTERN = {
  measure: /^m:(\d{1,4})$/,
  measuresPage: /^m:p:(\d{1,4})$/,
  departmentPage: /^m:d:(\d{1,4}):(\d{1,5})$/,
  noop: /^noop$/,
  feedback: /^fb:(up|down)$/,
  human: /^h:human(?::([\w-]{1,16}))?$/,
  endHuman: /^h:end$/,
  ticketAction: /^t:(claim|close|reopen):(\d{1,12})$/,
  clarify: /^c:([\w-]{1,16}):(\d{1,4}|x)$/,
} as const;

export const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/** Every callback_data in a keyboard (for tests and assertions). */
export function callbackDataOf(kb: InlineKeyboard): string[] {
  const out: string[] = [];
  for (const row of kb.inline_keyboard) for (const b of row) if ("callback_data" in b && b.callback_data) out.push(b.callback_data);
  return out;
}

const MEASURE_BUTTON_LABEL_MAX = 24;

function shortLabel(n: number, title: string): string {
  const label = S.measureButton(n, title);
  const chars = Array.from(label);
  return chars.length <= MEASURE_BUTTON_LABEL_MAX ? label : chars.slice(0, MEASURE_BUTTON_LABEL_MAX - 1).join("") + "…";
}

/** Under an answer: a button per cited measure, 👍 / 👎, and 转人工 (for the question of turn `key`). */
export function answerKeyboard(citations: readonly Citation[], key?: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const c of citations.slice(0, 5)) kb.text(shortLabel(c.measure, c.title), CB.measure(c.measure)).row();
  kb.text(S.btnThumbsUp, CB.feedbackUp).text(S.btnThumbsDown, CB.feedbackDown).row();
  kb.text(S.btnHuman, CB.human(key));
  return kb;
}

const CHOICE_BUTTON_LABEL_MAX = 40;

/** Under a clarify: one button per choice (title and what it covers), then 都不是 / 转人工; in the question's language. */
export function clarifyKeyboard(key: string, choices: readonly Choice[], language: Language = "zh"): InlineKeyboard {
  const kb = new InlineKeyboard();
  const words = S.clarify[language];
  choices.forEach((c, i) => {
    const chars = Array.from(words.button(i + 1, c));
    const label = chars.length <= CHOICE_BUTTON_LABEL_MAX ? chars.join("") : chars.slice(0, CHOICE_BUTTON_LABEL_MAX - 1).join("") + "…";
    kb.text(label, CB.pick(key, c.measure)).row();
  });
  kb.text(words.btnNoneOfThese, CB.noneOfThese(key));
  return kb;
}

/** The turn key on a message's own 转人工 button (the 👎 under an answer offers 转人工 for the same question). */
export function turnKeyOf(message: Pick<Message, "reply_markup"> | undefined): string | undefined {
  for (const row of message?.reply_markup?.inline_keyboard ?? []) {
    for (const b of row) {
      const key = "callback_data" in b ? CB_PATTERN.human.exec(b.callback_data ?? "")?.[1] : undefined;
      if (key) return key;
    }
  }
  return undefined;
}

/** Pointers to related measures (on a handoff) — full text buttons only. */
export function relatedKeyboard(related: readonly Citation[]): InlineKeyboard | undefined {
  if (related.length === 0) return undefined;
  const kb = new InlineKeyboard();
  for (const c of related.slice(0, 5)) kb.text(shortLabel(c.measure, c.title), CB.measure(c.measure)).row();
  return kb;
}

export function humanKeyboard(key?: string): InlineKeyboard {
  return new InlineKeyboard().text(S.btnHuman, CB.human(key));
}

export function endHumanKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text(S.btnEndHuman, CB.endHuman);
}

/** The measures list: a number button per measure on the page, then ◀ page ▶. */
export function measuresPageKeyboard(numbers: readonly number[], page: number, pages: number, pageData: (page: number) => string = CB.measuresPage): InlineKeyboard {
  const kb = new InlineKeyboard();
  numbers.forEach((n, i) => {
    kb.text(S.measureNumberButton(n), CB.measure(n));
    if (i % 5 === 4) kb.row();
  });
  if (numbers.length % 5 !== 0) kb.row();
  if (pages > 1) {
    if (page > 1) kb.text(S.pagePrev, pageData(page - 1));
    kb.text(`${page}/${pages}`, CB.noop);
    if (page < pages) kb.text(S.pageNext, pageData(page + 1));
  }
  return kb;
}

/** Staff card buttons, by status: 认领 / 关闭 while open, 关闭 while claimed or answered, 重新打开 when closed. */
export function cardKeyboard(t: Pick<Ticket, "id" | "status">): InlineKeyboard {
  const kb = new InlineKeyboard();
  switch (t.status) {
    case "open":
      return kb.text(S.btnClaim, CB.claim(t.id)).text(S.btnClose, CB.close(t.id));
    case "claimed":
    case "answered":
      return kb.text(S.btnClose, CB.close(t.id));
    case "closed":
      return kb.text(S.btnReopen, CB.reopen(t.id));
  }
}
