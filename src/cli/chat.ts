import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { userInfo } from "node:os";
import type { PolicyEngine } from "../answer/engine.js";
import { askedAs, candidatesOf, historyOf, isNoneOfThese, typedPick, type ConversationService } from "../conversation/service.js";
import type { StoredTurn } from "../conversation/types.js";
import type { HandoffService } from "../handoff/service.js";
import { OutboxWorker, type OutboxLog } from "../handoff/outbox-worker.js";
import { isStoreFault } from "../handoff/store.js";
import type { Asker, Delivery, Ticket } from "../handoff/types.js";
import type { Citation } from "../policy/measure.js";
import type { QuestionLog } from "../question-log/service.js";
import type { ReloadControl } from "../reload/reloader.js";
import { looksStray } from "../answer/stray-input.js";
import { chatText } from "./chat-strings.js";

export interface ChatOptions {
  /** The policy engine, with approved FAQ entries in front of it when wired (compose.ts). */
  engine: PolicyEngine;
  handoff: HandoffService;
  /** The chat's recent turns (follow-ups, clarify choices, /human without a question); survives a restart. */
  conversation: ConversationService;
  /** Every question and its outcome is logged here (best effort); none: nothing is logged. */
  questionLog?: QuestionLog;
  input?: NodeJS.ReadableStream;
  output?: (text: string) => void;
  /** Shows the prompt (interactive terminals); by default when stdin is a terminal. */
  prompt?: boolean;
  writePrompt?: (text: string) => void;
  /** How often staff replies are looked for while the chat is open. */
  pollMs?: number;
  /** Who is asking; by default the operating-system user. */
  asker?: Asker;
  /** Store faults and the like, for stderr. */
  onWarning?: (message: string) => void;
  /** The process's policy reload: its reports are printed as they come, /reindex asks for one. */
  reload?: ReloadControl;
}

interface Session {
  engine: PolicyEngine;
  handoff: HandoffService;
  conversation: ConversationService;
  questionLog: QuestionLog | null;
  asker: Asker;
  output: (t: string) => void;
  warn: (message: string) => void;
  reload?: ReloadControl;
}

/** The terminal chat: lines from stdin (a pipe works too), the same ask() and handoff as the bot. */
export async function runChat({
  engine,
  handoff,
  conversation,
  questionLog,
  input = process.stdin,
  output = (t) => console.log(t),
  prompt = (input as NodeJS.ReadStream).isTTY === true,
  writePrompt = (t) => void process.stdout.write(t),
  pollMs = 2000,
  asker = osAsker(),
  onWarning = (m) => console.error(m),
  reload,
}: ChatOptions): Promise<void> {
  const session: Session = { engine, handoff, conversation, questionLog: questionLog ?? null, asker, output, warn: onWarning, ...(reload ? { reload } : {}) };
  const log: OutboxLog = {
    info: () => undefined,
    warn: (m) => onWarning(m),
    error: (m, meta) => onWarning(`${m}${meta?.hint ? ` (${String(meta.hint)})` : ""}`),
  };
  // Set when the outbox printed something, so the prompt is shown again under it.
  let printedByOutbox = false;
  const outbox = new OutboxWorker(handoff, {
    channel: "terminal",
    chatId: asker.chatId,
    log,
    send: async (d) => {
      const text = render(d);
      if (text !== null) {
        output(text);
        printedByOutbox = true;
      }
      return { kind: "delivered" };
    },
  });
  // One pass at a time; the timer and each line share it.
  let passing: Promise<void> = Promise.resolve();
  const deliver = () => (passing = passing.then(() => outbox.pass()).catch((err: unknown) => onWarning(`delivery failed: ${String(err)}`)));
  const showPrompt = async (): Promise<void> => {
    printedByOutbox = false;
    if (prompt) writePrompt(chatText.prompt((await activeTicket(session))?.id ?? null));
  };

  if (prompt) output(chatText.welcome(engine.documentTitle()));
  // Reloads the watcher or npm run index started; a /reindex prints its own report.
  const stopReports = reload?.onReport((r) => {
    if (r.reason.source === "command" || r.kind === "unchanged" || (r.kind === "failed" && r.repeated)) return;
    output(chatText.reload(r, engine.measures().length));
    printedByOutbox = true;
  });
  await deliver();
  const timer = setInterval(() => void deliver().then(() => (printedByOutbox ? showPrompt() : undefined)), pollMs);
  try {
    await showPrompt();
    const lines = createInterface({ input, terminal: false });
    for await (const line of lines) {
      await handleLine(line, session);
      await deliver();
      await showPrompt();
    }
  } finally {
    stopReports?.();
    clearInterval(timer);
    outbox.stop();
    await passing;
  }
  if (prompt) output(chatText.bye);
}

async function handleLine(line: string, s: Session): Promise<void> {
  const text = line.trim();
  if (text.startsWith("/")) return command(text, s);
  const active = await activeTicket(s);
  if (active && text) {
    try {
      await s.handoff.addFollowUp(active.id, s.asker, line);
      return s.output(chatText.followUpAdded(active.id));
    } catch (err) {
      if (!isStoreFault(err)) throw err;
      s.warn(`could not store a follow-up to ticket #${active.id}: ${err.message}`);
      return s.output(chatText.followUpUnavailable(active.id));
    }
  }
  const { readWith, previous } = await s.conversation.readingContext(s.asker);
  const offer = readWith.at(-1)?.outcome === "clarify" ? readWith.at(-1) : undefined;
  // "0" or "都不是" right after a clarify: the choices missed, so a person answers.
  if (offer && isNoneOfThese(text)) return noneOfThese(s, offer);
  // A choice's number answers the question it was offered for, from that measure (第二个 the engine reads itself).
  const picked = offer ? typedPick(text, offer) : null;
  const started = performance.now();
  const answer = offer && picked !== null ? await s.engine.answerFrom(askedAs(offer), picked.number, picked.doc) : await s.engine.ask(line, historyOf(readWith));
  const asked = offer && picked !== null ? { question: offer.question, readWith: [offer], context: offer.context } : { question: line, readWith, context: undefined };
  // Best effort: a log that cannot be written never stops an answer.
  const logId = (await s.questionLog?.record({ asker: { channel: "terminal", userId: s.asker.userId }, question: asked.question, answer, latencyMs: performance.now() - started })) ?? null;
  if (answer.outcome === "smalltalk") return say(s, answer.text);
  // A lone word the policy does not cover (测试, asdf, 好) is not worth a person's time; a request for one is.
  const stray = answer.handoffReason === "not-in-policy" && looksStray(text);
  // Neither a stray word nor a request to rephrase becomes the question /human would hand over.
  if (stray) return s.output(chatText.stray(text));
  if (answer.handoffReason === "unclear") return say(s, answer.text);
  const turn = await s.conversation.record(s.asker, asked.question, answer, asked.readWith, asked.context);
  if (answer.outcome === "clarify") return say(s, chatText.clarify(answer.choices ?? [], answer.language));
  // Staff decided such questions are outside the policy: the canned reply, no ticket (/human still opens one).
  if (answer.outcome !== "handoff" || answer.faq?.kind === "out-of-scope") return say(s, answer.text);
  // "转人工" right after a question: the earlier question is what staff need.
  const forStaff =
    answer.handoffReason === "asked-for-person" && previous
      ? { question: chatText.questionWithContext(ticketQuestionOf(previous), line), candidates: candidatesOf(previous) }
      : { question: ticketQuestionOf(turn), candidates: answer.related };
  // The ticket first: what the engine says ("已转给工作人员") is true only once it is stored.
  const ticket = await openTicket(s, forStaff.question, forStaff.candidates);
  if (!ticket) return;
  if (logId !== null) await s.questionLog?.linkTicket(logId, ticket.ticket.id);
  s.output(answer.text);
  s.output(ticket.created ? chatText.ticketOpened(ticket.ticket.id) : chatText.ticketAlreadyActive(ticket.ticket.id));
  s.output("");
}

/** 都不是 after a clarify: staff get the question and the measures offered. */
async function noneOfThese(s: Session, offer: StoredTurn): Promise<void> {
  const ticket = await openTicket(s, chatText.noneOfTheseTicket(ticketQuestionOf(offer)), candidatesOf(offer));
  if (!ticket) return;
  s.output(chatText.clarifyHandedOff(offer.language));
  say(s, ticket.created ? chatText.ticketOpened(ticket.ticket.id) : chatText.ticketAlreadyActive(ticket.ticket.id));
}

/** A reply, then an empty line before the next prompt. */
function say(s: Session, text: string): void {
  s.output(text);
  s.output("");
}

/** A turn's question as staff see it: a follow-up with the earlier question(s) it was read with. */
function ticketQuestionOf(turn: StoredTurn): string {
  return turn.context ? chatText.questionInContext(turn.question, turn.context) : turn.question;
}

async function command(text: string, s: Session): Promise<void> {
  const [name = "", ...rest] = text.split(/\s+/);
  const arg = rest.join(" ").trim();
  switch (name) {
    case "/help":
    case "/start":
      return s.output(chatText.help);
    case "/reindex": {
      if (!s.reload) return s.output(chatText.unknownCommand(name));
      return s.output(chatText.reload(await s.reload.reloadNow({ source: "command", by: s.asker.displayName }), s.engine.measures().length));
    }
    case "/cancel": {
      const active = await activeTicket(s);
      if (!active) return s.output(chatText.nothingToCancel);
      try {
        await s.handoff.cancelTicket(active.id, s.asker);
      } catch (err) {
        if (!isStoreFault(err)) throw err;
        s.warn(`could not cancel ticket #${active.id}: ${err.message}`);
        return s.output(chatText.cancelUnavailable(active.id));
      }
      return s.output(chatText.cancelled(active.id));
    }
    case "/human": {
      const last = await s.conversation.lastTurn(s.asker);
      const question = arg || (last && ticketQuestionOf(last));
      if (!question) return s.output(chatText.humanNeedsQuestion);
      const opened = await openTicket(s, question, !last || (arg && arg !== last.question) ? [] : candidatesOf(last));
      if (opened) s.output(opened.created ? chatText.ticketOpened(opened.ticket.id) : chatText.ticketAlreadyActive(opened.ticket.id));
      return;
    }
    default:
      return s.output(chatText.unknownCommand(name));
  }
}

async function openTicket(s: Session, question: string, candidates: Citation[]): Promise<{ ticket: Ticket; created: boolean } | null> {
  try {
    const opened = await s.handoff.openTicket({ asker: s.asker, question, candidates });
    // The chat goes on with staff; once the ticket is over, the next question starts afresh.
    await s.conversation.endContext(s.asker);
    return opened;
  } catch (err) {
    if (!isStoreFault(err)) throw err;
    s.warn(`could not store the handoff: ${err.message}`);
    s.output(chatText.handoffUnavailable);
    return null;
  }
}

async function activeTicket(s: Session): Promise<Ticket | null> {
  try {
    return await s.handoff.activeTicketOf(s.asker.chatId);
  } catch (err) {
    if (!isStoreFault(err)) throw err;
    s.warn(`could not read the open ticket: ${err.message}`);
    return null;
  }
}

/** Staff messages for this terminal user (written with `npm run tickets`); null for what was printed already. */
function render(d: Delivery): string | null {
  switch (d.kind) {
    case "staff-reply":
      return chatText.staffReply(d.ticketId, d.body ?? "");
    case "ticket-claimed":
      return chatText.claimed(d.ticketId);
    case "ticket-closed":
      return chatText.closed(d.ticketId);
    case "ticket-reopened":
      return chatText.reopened(d.ticketId);
    default:
      return null; // ticket-opened was already printed when the ticket was made
  }
}

function osAsker(): Asker {
  const user = safeUserName();
  return { channel: "terminal", chatId: `terminal:${user}`, userId: user, displayName: user };
}

function safeUserName(): string {
  try {
    return userInfo().username || "terminal";
  } catch {
    return "terminal";
  }
}
