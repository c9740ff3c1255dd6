import { createInterface } from "node:readline";
import { userInfo } from "node:os";
import type { PolicyEngine } from "../answer/engine.js";
import type { HandoffService } from "../handoff/service.js";
import { OutboxWorker, type OutboxLog } from "../handoff/outbox-worker.js";
import { isStoreFault } from "../handoff/store.js";
import type { Asker, Delivery, Ticket } from "../handoff/types.js";
import type { Citation } from "../policy/measure.js";
import type { ReloadReason, ReloadReport } from "../reload/reloader.js";
import { chatText } from "./chat-strings.js";

export interface ChatOptions {
  engine: PolicyEngine;
  handoff: HandoffService;
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
  reload?: { reloadNow(reason: ReloadReason): Promise<ReloadReport>; onReport(listener: (report: ReloadReport) => void): () => void };
}

interface Session {
  engine: PolicyEngine;
  handoff: HandoffService;
  asker: Asker;
  output: (t: string) => void;
  warn: (message: string) => void;
  /** The last question and its candidate measures, for /human without text. */
  last: { question: string; candidates: Citation[] } | null;
  reload?: ChatOptions["reload"];
}

/** The terminal chat: lines from stdin (a pipe works too), the same ask() and handoff as the bot. */
export async function runChat({
  engine,
  handoff,
  input = process.stdin,
  output = (t) => console.log(t),
  prompt = (input as NodeJS.ReadStream).isTTY === true,
  writePrompt = (t) => void process.stdout.write(t),
  pollMs = 2000,
  asker = osAsker(),
  onWarning = (m) => console.error(m),
  reload,
}: ChatOptions): Promise<void> {
  const session: Session = { engine, handoff, asker, output, warn: onWarning, last: null, ...(reload ? { reload } : {}) };
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
  const answer = await s.engine.ask(line);
  await s.handoff.recordOutcome(answer.outcome);
  if (answer.outcome !== "handoff" || answer.handoffReason === "unclear") {
    s.output(answer.text);
    if (answer.outcome === "answered") s.last = { question: line, candidates: answer.citations };
    return s.output("");
  }
  // A lone word the policy does not cover (测试, asdf, 好) is not worth a person's time; a request for one is.
  if (answer.handoffReason === "not-in-policy" && looksStray(text)) return s.output(chatText.stray(text));
  s.last = { question: line, candidates: answer.related };
  // The ticket first: what the engine says ("已转给工作人员") is true only once it is stored.
  const ticket = await openTicket(s, line, answer.related);
  if (!ticket) return;
  s.output(answer.text);
  s.output(ticket.created ? chatText.ticketOpened(ticket.ticket.id) : chatText.ticketAlreadyActive(ticket.ticket.id));
  s.output("");
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
      const question = arg || s.last?.question;
      if (!question) return s.output(chatText.humanNeedsQuestion);
      const opened = await openTicket(s, question, arg && arg !== s.last?.question ? [] : (s.last?.candidates ?? []));
      if (opened) s.output(opened.created ? chatText.ticketOpened(opened.ticket.id) : chatText.ticketAlreadyActive(opened.ticket.id));
      return;
    }
    default:
      return s.output(chatText.unknownCommand(name));
  }
}

async function openTicket(s: Session, question: string, candidates: Citation[]): Promise<{ ticket: Ticket; created: boolean } | null> {
  try {
    return await s.handoff.openTicket({ asker: s.asker, question, candidates });
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

/** A single short word with nothing asked in it (测试, asdf, 123, 好的呀): a stray input, not a question. */
export function looksStray(text: string): boolean {
  const t = text.normalize("NFKC").trim();
  if (t === "" || /\s/.test(t)) return false;
  if (/[?？吗呢哪几谁啥怎]|如何|多少|什么|是否|能否|可以|可不可以|能不能|有没有|要不要/.test(t)) return false;
  if (!/\p{Script=Han}/u.test(t)) return /^[\p{L}\p{N}_-]+$/u.test(t);
  return Array.from(t).length <= 4;
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
