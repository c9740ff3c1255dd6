/**
 * Inline keyboards and their callback data. Callback data is short, carries nothing secret
 * (ticket numbers and measure numbers only; every action re-checks who pressed it), and
 * stays far below Telegram's 64-byte limit.
 */
import { InlineKeyboard } from "grammy";
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
  feedbackUp: "fb:up",
  feedbackDown: "fb:down",
  human: "h:human",
  endHuman: "h:end",
  claim: (ticketId: number) => `t:claim:${ticketId}`,
  close: (ticketId: number) => `t:close:${ticketId}`,
  reopen: (ticketId: number) => `t:reopen:${ticketId}`,
} as const;

/** Patterns matching the data above (for bot.callbackQuery). */
export const CB_PATTERN = {
  measure: /^m:(\d{1,4})(?::([0-9a-f]{8}))?$/,
  measuresPage: /^m:p:(\d{1,4})$/,
  departmentPage: /^m:d:(\d{1,4}):(\d{1,5})$/,
  noop: /^noop$/,
  feedback: /^fb:(up|down)$/,
  human: /^h:human$/,
  endHuman: /^h:end$/,
  ticketAction: /^t:(claim|close|reopen):(\d{1,12})$/,
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

/** Under an answer: a button per cited measure, 👍 / 👎, and 转人工. */
export function answerKeyboard(citations: readonly Citation[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const c of citations.slice(0, 5)) kb.text(shortLabel(c), CB.measure(c.measure, c.document?.key)).row();
  kb.text(S.btnThumbsUp, CB.feedbackUp).text(S.btnThumbsDown, CB.feedbackDown).row();
  kb.text(S.btnHuman, CB.human);
  return kb;
}

/** Pointers to related measures (on a handoff) — full text buttons only. */
export function relatedKeyboard(related: readonly Citation[]): InlineKeyboard | undefined {
  if (related.length === 0) return undefined;
  const kb = new InlineKeyboard();
  for (const c of related.slice(0, 5)) kb.text(shortLabel(c), CB.measure(c.measure, c.document?.key)).row();
  return kb;
}

export function humanKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text(S.btnHuman, CB.human);
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
