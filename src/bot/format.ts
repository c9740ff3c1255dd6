/**
 * HTML formatting for the Telegram bot: answers, measures, staff cards, and splitting
 * long messages below Telegram's 4096-character limit without breaking tags or entities.
 * All user and corpus text goes through escapeHtml; the only markup is ours.
 */
import { SOURCES_LABEL } from "../answer/guard.js";
import type { Answer, AnswerSection } from "../answer/types.js";
import type { FaqEntry } from "../faq/types.js";
import { formatDate } from "../faq/strings.js";
import type { Ticket } from "../handoff/types.js";
import type { Citation, Measure } from "../policy/measure.js";
import type { ReloadReport } from "../reload/reloader.js";
import type { ChangedMeasure } from "../search/index-store.js";
import { escapeHtml } from "./html.js";
import { S } from "./strings.js";

export { escapeHtml };

/** Telegram's limit for a message text. */
export const TELEGRAM_MAX_TEXT = 4096;
/** What we aim for, leaving room for closing and reopening tags at a split. */
export const MESSAGE_LIMIT = 4000;
/** How much of a question the staff card shows; the rest follows as separate messages. */
export const CARD_QUESTION_MAX = 1500;
export const MEASURES_PER_PAGE = 10;

const esc = escapeHtml;

// ---------------------------------------------------------------------------
// answers

function sectionHtml(section: AnswerSection): string {
  const lines = [S.measureHeading(section.measure, section.title, section.document?.title)];
  for (const s of section.sentences) lines.push(`“${esc(s)}”`);
  lines.push(S.departments(section.departments));
  return lines.join("\n");
}

function citationHtml(c: Citation): string {
  return [S.measureHeading(c.measure, c.title, c.document?.title), S.departments(c.departments)].join("\n");
}

function relatedHtml(related: readonly Citation[]): string[] {
  if (related.length === 0) return [];
  return ["", S.handoffRelatedIntro, ...related.map((c) => S.relatedLine(c.measure, c.title, c.departments, c.document?.title))];
}

export function handoffReasonText(answer: Answer): string {
  switch (answer.handoffReason) {
    case "asked-for-person":
      return S.handoffAskedForPerson;
    case "fact-missing":
      return S.handoffFactMissing;
    case "out-of-scope":
      return S.handoffOutOfScope;
    case "unclear":
      return S.unclear;
    default:
      return S.handoffNotInPolicy;
  }
}

/** The engine's own explanation: the first paragraph of its plain text (the rest lists pointers we format ourselves). */
function leadParagraph(text: string): string {
  return text.split(/\n\s*\n/)[0]?.trim() ?? "";
}

/** A staff answer a maintainer approved: its label with the approval date, the answer as written, the related measures from the corpus. */
function faqAnswerHtml(answer: Answer): string {
  const faq = answer.faq!;
  if (faq.kind === "out-of-scope") return S.faqOutOfScope;
  const parts = [S.faqLabel(formatDate(faq.approvedAt)), esc(faq.answer)];
  if (answer.citations.length > 0) parts.push([S.faqRelatedIntro, ...answer.citations.map((c) => S.relatedLine(c.measure, c.title, c.departments))].join("\n"));
  return parts.join("\n\n");
}

/** The reply to a question, as HTML (may exceed one message; split with splitMessage). */
export function formatAnswer(answer: Answer, documentTitle: string): string {
  if (answer.source === "faq" && answer.faq) return faqAnswerHtml(answer);
  if (answer.handoffReason === "unclear") {
    const lead = answer.text.trim();
    return lead ? `${esc(lead)}\n\n${S.unclearHint}` : S.unclear;
  }
  if (answer.outcome === "smalltalk") return esc(answer.text);
  if (answer.outcome === "handoff") {
    const lead = leadParagraph(answer.text);
    return [lead ? esc(lead) : handoffReasonText(answer), ...relatedHtml(answer.related)].join("\n");
  }
  // answered
  // An English question: the engine's English frame (its glosses of the departments) around the Chinese quotes.
  if (answer.language === "en") return esc(answer.text);
  const parts: string[] = [];
  if (answer.composer === "llm" || answer.sections.length === 0) {
    // The model's text carries its own 出处 block for the terminal; here the citations below show it.
    parts.push(esc(answer.text.split(`\n\n${SOURCES_LABEL}`)[0]!));
    const cited = answer.sections.length > 0 ? answer.sections : answer.citations;
    for (const c of cited) parts.push(citationHtml(c));
  } else {
    parts.push(S.answerIntro);
    for (const s of answer.sections) parts.push(sectionHtml(s));
  }
  if (answer.note) parts.push(esc(answer.note));
  if (answer.listing) parts.push(S.listingMore(answer.sections.length, answer.listing.total, answer.listing.departments));
  // With several documents: the documents quoted (each heading names its own).
  const quoted = [...new Set([...answer.sections, ...answer.citations].flatMap((c) => (c.document ? [c.document.title] : [])))];
  parts.push(S.answerFooter(quoted.length ? quoted.join("》《") : documentTitle));
  return parts.join("\n\n");
}

/** A clarify: the short question and the choices (title and what each covers), in the question's language. */
export function formatClarify(answer: Answer): string {
  const words = S.clarify[answer.language ?? "zh"];
  const choices = (answer.choices ?? []).map((c, i) => words.choice(i + 1, c));
  return [words.prompt, ...choices, "", words.noneHint].join("\n");
}

// ---------------------------------------------------------------------------
// measures

export function formatMeasure(m: Measure): string {
  return [S.measureHeading(m.number, m.title, m.doc ? m.document : undefined), esc(m.text), "", S.departments(m.departments)].join("\n");
}

/** Measure lines of a list page; with several documents, a document's title above its first measure on the page. */
function measureLines(measures: readonly Measure[]): string[] {
  const lines: string[] = [];
  measures.forEach((m, i) => {
    if (m.doc && m.doc !== measures[i - 1]?.doc) lines.push(S.documentHeading(m.document));
    lines.push(S.measureLine(m.number, m.title));
  });
  return lines;
}

export function pageCount(total: number, perPage = MEASURES_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Clamp a 1-based page number into range. */
export function clampPage(page: number, total: number, perPage = MEASURES_PER_PAGE): number {
  const pages = pageCount(total, perPage);
  if (!Number.isFinite(page)) return 1;
  return Math.min(pages, Math.max(1, Math.trunc(page)));
}

export function measuresOnPage<T>(all: readonly T[], page: number, perPage = MEASURES_PER_PAGE): T[] {
  const p = clampPage(page, all.length, perPage);
  return all.slice((p - 1) * perPage, p * perPage);
}

export function formatMeasuresPage(all: readonly Measure[], page: number, documentTitle: string, perPage = MEASURES_PER_PAGE): string {
  const p = clampPage(page, all.length, perPage);
  const lines = [S.measuresPage(documentTitle, p, pageCount(all.length, perPage)), "", ...measureLines(measuresOnPage(all, p, perPage))];
  return lines.join("\n");
}

/** A page of one department's measures (number order). */
export function formatDepartmentPage(department: string, all: readonly Measure[], page: number, perPage = MEASURES_PER_PAGE): string {
  const p = clampPage(page, all.length, perPage);
  const lines = [S.departmentPage(department, all.length, p, pageCount(all.length, perPage)), "", ...measureLines(measuresOnPage(all, p, perPage))];
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// policy reloads

const changedList = (ms: readonly ChangedMeasure[]) => ms.map((m) => `${m.document ? `《${esc(m.document)}》` : ""}第${m.number}条`).join("、");

/** A reload's outcome for staff: what changed, or where the corpus is malformed and that the old version still answers. */
export function formatReloadReport(report: ReloadReport, measuresServed: number): string {
  const by = S.reload.by(report.reason.source, report.reason.by);
  switch (report.kind) {
    case "reloaded": {
      const c = report.changes;
      const lines = [S.reload.reloaded(by)];
      if (c.added.length + c.changed.length + c.removed.length === 0) lines.push(S.reload.measuresUnchanged);
      else lines.push(S.reload.added(c.added.length, changedList(c.added)), S.reload.changed(c.changed.length, changedList(c.changed)), S.reload.removed(c.removed.length, changedList(c.removed)));
      lines.push(S.reload.nowServing(report.documents.map((d) => d.title), report.measures));
      return lines.join("\n");
    }
    case "failed":
      return [S.reload.failed(by, report.measures), ...(report.where ? [S.reload.where(report.where.file, report.where.line)] : []), S.reload.problem(report.problem), S.reload.fixHint].join("\n");
    case "unchanged":
      return report.recovered ? S.reload.recovered(measuresServed) : S.reload.unchanged(measuresServed);
  }
}

// ---------------------------------------------------------------------------
// staff cards and ticket lists

export function statusLabel(status: Ticket["status"]): string {
  return S.status[status];
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join("") + "…";
}

/** A one-line preview of a question for lists. */
export function preview(text: string, max = 60): string {
  return truncate(text.replace(/\s+/g, " ").trim(), max);
}

export function questionIsTruncatedOnCard(question: string): boolean {
  return Array.from(question).length > CARD_QUESTION_MAX;
}

/** The staff card: ticket number, asker, question, candidate measures with departments, status and holder. */
export function formatCard(t: Ticket): string {
  const lines = [S.card.title(t.id), S.card.asker(t.asker.displayName), S.card.question];
  if (questionIsTruncatedOnCard(t.question)) {
    lines.push(esc(truncate(t.question, CARD_QUESTION_MAX)));
    lines.push(S.card.questionTruncated(Array.from(t.question).length));
  } else {
    lines.push(esc(t.question));
  }
  lines.push("");
  if (t.candidates.length === 0) lines.push(S.card.noCandidates);
  else {
    lines.push(S.card.candidates);
    for (const c of t.candidates.slice(0, 8)) lines.push(S.card.candidate(c.measure, c.title, c.departments, c.document?.title));
  }
  lines.push("");
  lines.push(S.card.status(statusLabel(t.status)));
  if (t.staff) lines.push(S.card.holder(t.staff.displayName));
  if (t.askerBlocked) lines.push(S.card.blocked);
  if (t.status !== "closed" && !t.askerBlocked) lines.push(S.card.howToReply);
  // A card is edited later, so it must stay a single message.
  const html = lines.join("\n");
  return html.length <= MESSAGE_LIMIT ? html : formatCardCompact(t);
}

function formatCardCompact(t: Ticket): string {
  const lines = [
    S.card.title(t.id),
    S.card.asker(truncate(t.asker.displayName, 64)),
    S.card.question,
    esc(truncate(t.question, 500)),
    S.card.questionTruncated(Array.from(t.question).length),
    S.card.status(statusLabel(t.status)),
  ];
  if (t.staff) lines.push(S.card.holder(truncate(t.staff.displayName, 64)));
  if (t.askerBlocked) lines.push(S.card.blocked);
  return lines.join("\n");
}

/** The full question in one or more messages, for questions too long for the card. */
export function formatFullQuestion(t: Ticket): string[] {
  const body = splitMessage(esc(t.question), MESSAGE_LIMIT - 100);
  return body.map((chunk, i) => `${S.fullQuestion(t.id, i + 1, body.length)}\n${chunk}`);
}

export function formatQueue(tickets: readonly Ticket[]): string {
  if (tickets.length === 0) return S.queueEmpty;
  return [
    S.queueHeader(tickets.length),
    ...tickets.map((t) => S.queueLine(t.id, statusLabel(t.status), t.asker.displayName, preview(t.question), t.staff?.displayName ?? null)),
  ].join("\n");
}

export function formatMyTickets(tickets: readonly Ticket[]): string {
  if (tickets.length === 0) return S.myTicketsNone;
  return [S.myTicketsHeader, ...tickets.map((t) => S.myTicketLine(t.id, statusLabel(t.status), preview(t.question)))].join("\n");
}

// ---------------------------------------------------------------------------
// FAQ candidate cards (staff chat)

/** How much of a candidate's question and answer its card shows (a card is edited later: one message). */
const FAQ_CARD_TEXT_MAX = 1200;

export function faqStatusLabel(status: FaqEntry["status"]): string {
  return S.faqStatus[status];
}

/** The card of an FAQ candidate: question, staff answer, who answered and when, the bot's candidate measures, status. */
export function formatFaqCard(e: FaqEntry): string {
  const cut = (text: string) => esc(truncate(text, FAQ_CARD_TEXT_MAX));
  const question = e.questions[0] ?? "";
  const lines = [S.faqCard.title(e.id, e.source?.ticketId ?? null), S.faqCard.question, cut(question), "", S.faqCard.answer, cut(e.answer)];
  if (Array.from(question).length > FAQ_CARD_TEXT_MAX || Array.from(e.answer).length > FAQ_CARD_TEXT_MAX) lines.push(S.faqCard.truncated(e.id));
  if (e.source) lines.push(S.faqCard.by(e.source.staff.name, formatDate(e.source.answeredAt)));
  lines.push("");
  const candidates = e.source?.candidates ?? [];
  if (candidates.length === 0) lines.push(S.faqCard.noCandidates);
  else {
    lines.push(S.faqCard.candidates);
    for (const c of candidates.slice(0, 8)) lines.push(S.card.candidate(c.measure, c.title, c.departments));
  }
  lines.push("", S.faqCard.status(faqStatusLabel(e.status)));
  if (e.review && e.status !== "pending") lines.push(S.faqCard.reviewedBy(e.review.by.name, formatDate(e.review.at)));
  if (e.status === "pending") lines.push(S.faqCard.howTo(e.id));
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// splitting

const TOKEN = /<[^>]*>|&#?\w+;|\n|[^<&\n]+|[<&]/g;

interface OpenTag {
  name: string;
  open: string;
}

function tagInfo(tag: string): { name: string; closing: boolean; selfContained: boolean } | null {
  const m = /^<\s*(\/)?\s*([a-zA-Z][\w-]*)/.exec(tag);
  if (!m || !m[2]) return null;
  return { name: m[2].toLowerCase(), closing: m[1] === "/", selfContained: tag.endsWith("/>") };
}

const closers = (stack: readonly OpenTag[]) =>
  stack
    .slice()
    .reverse()
    .map((t) => `</${t.name}>`)
    .join("");
const openers = (stack: readonly OpenTag[]) => stack.map((t) => t.open).join("");

/** Split plain text (no markup) into pieces of at most `max` UTF-16 units, not cutting surrogate pairs. */
function cutText(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of text) {
    if (cur.length + ch.length > max) {
      out.push(cur);
      cur = "";
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const visibleText = (html: string) => html.replace(/<[^>]*>/g, "");

/**
 * Split HTML into messages of at most `limit` characters, preferring line boundaries.
 * Tags open at a split are closed at the end of one chunk and reopened at the start of the
 * next; entities (&amp;) and tags are never cut. Chunks without visible text are dropped
 * (Telegram rejects empty messages). Joining the chunks' visible text loses nothing but
 * the newlines at the split points.
 */
export function splitMessage(html: string, limit = MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return visibleText(html).trim() === "" ? [] : [html];
  const reserve = 200; // room for closing/reopening tags
  const budget = Math.max(64, limit - reserve);

  // Tokens, with long text runs pre-cut so any single token fits a chunk.
  const tokens: string[] = [];
  for (const tok of html.match(TOKEN) ?? []) {
    if (tok.length > budget && !tok.startsWith("<")) tokens.push(...cutText(tok, budget));
    else tokens.push(tok);
  }

  const chunks: string[] = [];
  let stack: OpenTag[] = [];
  let chunkStart: OpenTag[] = [];
  let body: string[] = [];
  let bodyLen = 0;
  // The last newline in the current chunk: index into body, and the tag stack there.
  let lastBreak: { index: number; stack: OpenTag[] } | null = null;

  const emit = (parts: string[], startStack: OpenTag[], endStack: OpenTag[]) => {
    const text = openers(startStack) + parts.join("") + closers(endStack);
    if (visibleText(text).trim() !== "") chunks.push(text);
  };

  const apply = (st: OpenTag[], tok: string): OpenTag[] => {
    if (!tok.startsWith("<")) return st;
    const info = tagInfo(tok);
    if (!info || info.selfContained) return st;
    if (!info.closing) return [...st, { name: info.name, open: tok }];
    const i = st.map((t) => t.name).lastIndexOf(info.name);
    return i >= 0 ? st.slice(0, i) : st;
  };

  for (const tok of tokens) {
    const next = apply(stack, tok);
    const projected = () => openers(chunkStart).length + bodyLen + tok.length + closers(next).length;
    while (projected() > limit && body.length > 0) {
      if (lastBreak && lastBreak.index > 0) {
        // Break at the last newline: the part before it becomes a chunk; the newline itself is dropped.
        const head = body.slice(0, lastBreak.index);
        const tail = body.slice(lastBreak.index + 1);
        emit(head, chunkStart, lastBreak.stack);
        chunkStart = lastBreak.stack;
        body = tail;
      } else {
        emit(body, chunkStart, stack);
        chunkStart = stack;
        body = [];
      }
      bodyLen = body.reduce((n, t) => n + t.length, 0);
      // Recompute the last newline within the carried-over tail.
      lastBreak = null;
      let st = chunkStart;
      for (let i = 0; i < body.length; i++) {
        const t = body[i] as string;
        if (t === "\n") lastBreak = { index: i, stack: st };
        st = apply(st, t);
      }
    }
    if (tok === "\n") lastBreak = { index: body.length, stack };
    body.push(tok);
    bodyLen += tok.length;
    stack = next;
  }
  if (body.length > 0) emit(body, chunkStart, stack);
  return chunks;
}
