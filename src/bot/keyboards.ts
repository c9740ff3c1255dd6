/**
 * Inline keyboards and their callback data. Callback data is short, carries nothing secret
 * (ticket, measure, FAQ and question-log numbers and a turn's random key only; every action
 * re-checks who pressed it), and stays far below Telegram's 64-byte limit.
 */
import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Choice, Language } from "../answer/types.js";
import type { FaqEntry } from "../faq/types.js";
import type { Ticket } from "../handoff/types.js";
import { documentTag, type Citation } from "../policy/measure.js";
import { S } from "./strings.js";

export const CALLBACK_DATA_MAX_BYTES = 64;

/** Callback data builders. */
export const CB = {
  /** With several documents, the document's tag follows the number (m:5:1a2b3c4d). */
  measure: (n: number, documentKey?: string) => (documentKey ? `m:${n}:${documentTag(documentKey)}` : `m:${n}`),
  measuresPage: (page: number) => `m:p:${page}`,
  /** A page of one department's measures; the department by its position in the engine's sorted list of full names. */
  departmentPage: (department: number, page: number) => `m:d:${department}:${page}`,
  /** A no-op button (the page indicator). */
  noop: "noop",
  /** 👍 / 👎 on an answer; with the question log's row id, so the vote is stored with the question (the presser is checked). */
  feedbackUp: (logId?: number | null) => (logId == null ? "fb:up" : `fb:up:${logId}`),
  feedbackDown: (logId?: number | null) => (logId == null ? "fb:down" : `fb:down:${logId}`),
  /** 转人工 for the question of the turn `key` (a conversation turn's key); without one, the chat's last question. */
  human: (key?: string) => (key ? `h:human:${key}` : "h:human"),
  endHuman: "h:end",
  /** A clarify's choice: the offer (its turn's key) and the measure picked; with several documents, its document's tag after it. */
  pick: (key: string, measure: number, documentKey?: string) => (documentKey ? `c:${key}:${measure}:${documentTag(documentKey)}` : `c:${key}:${measure}`),
  /** A clarify's 都不是 / 转人工. */
  noneOfThese: (key: string) => `c:${key}:x`,
  claim: (ticketId: number) => `t:claim:${ticketId}`,
  close: (ticketId: number) => `t:close:${ticketId}`,
  reopen: (ticketId: number) => `t:reopen:${ticketId}`,
  faqApprove: (entryId: number) => `f:ok:${entryId}`,
  faqReject: (entryId: number) => `f:no:${entryId}`,
  faqOutOfScope: (entryId: number) => `f:oos:${entryId}`,
} as const;

/** Patterns matching the data above (for bot.callbackQuery). */
export const CB_PATTERN = {
  measure: /^m:(\d{1,4})(?::([0-9a-f]{8}))?$/,
  measuresPage: /^m:p:(\d{1,4})$/,
  departmentPage: /^m:d:(\d{1,4}):(\d{1,5})$/,
  noop: /^noop$/,
  feedback: /^fb:(up|down)(?::(\d{1,12}))?$/,
  human: /^h:human(?::([\w-]{1,16}))?$/,
  endHuman: /^h:end$/,
  ticketAction: /^t:(claim|close|reopen):(\d{1,12})$/,
  clarify: /^c:([\w-]{1,16}):(\d{1,4}|x)(?::([0-9a-f]{8}))?$/,
  faqReview: /^f:(ok|no|oos):(\d{1,12})$/,
} as const;

export const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/** Every callback_data in a keyboard (for tests and assertions). */
export function callbackDataOf(kb: InlineKeyboard): string[] {
  const out: string[] = [];
  for (const row of kb.inline_keyboard) for (const b of row) if ("callback_data" in b && b.callback_data) out.push(b.callback_data);
  return out;
}

const MEASURE_BUTTON_LABEL_MAX = 24;

function shortLabel(c: Citation): string {
  const label = S.measureButton(c.measure, c.title, c.document?.year);
  const chars = Array.from(label);
  return chars.length <= MEASURE_BUTTON_LABEL_MAX ? label : chars.slice(0, MEASURE_BUTTON_LABEL_MAX - 1).join("") + "…";
}

/** Under an answer: a button per cited measure, 👍 / 👎 (tied to the logged question when it was logged), and 转人工 (for the question of turn `key`). */
export function answerKeyboard(citations: readonly Citation[], key?: string, logId: number | null = null): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const c of citations.slice(0, 5)) kb.text(shortLabel(c), CB.measure(c.measure, c.document?.key)).row();
  kb.text(S.btnThumbsUp, CB.feedbackUp(logId)).text(S.btnThumbsDown, CB.feedbackDown(logId)).row();
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
    kb.text(label, CB.pick(key, c.measure, c.document?.key)).row();
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
  for (const c of related.slice(0, 5)) kb.text(shortLabel(c), CB.measure(c.measure, c.document?.key)).row();
  return kb;
}

export function humanKeyboard(key?: string): InlineKeyboard {
  return new InlineKeyboard().text(S.btnHuman, CB.human(key));
}

export function endHumanKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text(S.btnEndHuman, CB.endHuman);
}

/** A measure on a list page: its number, and its document when the corpus holds several. */
export type ListedMeasure = Pick<Citation, "measure" | "document">;

/** The measures list: a number button per measure on the page (with the year when there are several documents), then ◀ page ▶. */
export function measuresPageKeyboard(measures: readonly ListedMeasure[], page: number, pages: number, pageData: (page: number) => string = CB.measuresPage): InlineKeyboard {
  const kb = new InlineKeyboard();
  measures.forEach((m, i) => {
    kb.text(S.measureNumberButton(m.measure, m.document?.year), CB.measure(m.measure, m.document?.key));
    if (i % 5 === 4) kb.row();
  });
  if (measures.length % 5 !== 0) kb.row();
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

/** An FAQ candidate's card: 采纳 / 拒绝 / 不在政策范围 while it waits for review, nothing after. */
export function faqCardKeyboard(entry: Pick<FaqEntry, "id" | "status">): InlineKeyboard | undefined {
  if (entry.status !== "pending") return undefined;
  return new InlineKeyboard()
    .text(S.btnFaqApprove, CB.faqApprove(entry.id))
    .text(S.btnFaqReject, CB.faqReject(entry.id))
    .row()
    .text(S.btnFaqOutOfScope, CB.faqOutOfScope(entry.id));
}
