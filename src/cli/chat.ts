import { createInterface } from "node:readline";
import { userInfo } from "node:os";
import type { PolicyEngine } from "../answer/engine.js";
import type { HandoffService } from "../handoff/service.js";
import type { Asker, Delivery } from "../handoff/types.js";
import { chatText } from "./chat-strings.js";

export interface ChatOptions {
  engine: PolicyEngine;
  handoff: HandoffService;
  input?: NodeJS.ReadableStream;
  output?: (text: string) => void;
  /** How often staff replies are looked for while the chat is open. */
  pollMs?: number;
}

/** The terminal chat: lines from stdin (a pipe works too), the same ask() and handoff as the bot. */
export async function runChat({ engine, handoff, input = process.stdin, output = (t) => console.log(t), pollMs = 2000 }: ChatOptions): Promise<void> {
  const user = safeUserName();
  const asker: Asker = { channel: "terminal", chatId: `terminal:${user}`, userId: user, displayName: user };
  const interactive = (input as NodeJS.ReadStream).isTTY === true;
  const deliver = () => deliverStaffMessages(handoff, asker, output);
  if (interactive) output(chatText.welcome(engine.documentTitle()));
  deliver();
  const timer = setInterval(deliver, pollMs);
  try {
    const lines = createInterface({ input, terminal: false });
    for await (const line of lines) {
      await handleLine(line, { engine, handoff, asker, output });
      deliver();
    }
  } finally {
    clearInterval(timer);
  }
  if (interactive) output(chatText.bye);
}

async function handleLine(line: string, ctx: { engine: PolicyEngine; handoff: HandoffService; asker: Asker; output: (t: string) => void }) {
  const { engine, handoff, asker, output } = ctx;
  const active = handoff.activeTicketOf(asker.chatId);
  if (line.trim() === "/cancel") {
    if (!active) return output(chatText.nothingToCancel);
    handoff.cancelTicket(active.id, asker);
    return output(chatText.cancelled(active.id));
  }
  if (active && line.trim()) {
    handoff.addFollowUp(active.id, asker, line);
    return output(chatText.followUpAdded(active.id));
  }
  const answer = await engine.ask(line);
  handoff.recordOutcome(answer.outcome);
  output(answer.text);
  if (answer.outcome === "handoff" && answer.handoffReason !== "unclear") {
    const ticket = handoff.openTicket({ asker, question: line, candidates: answer.related });
    output(chatText.ticketOpened(ticket.id));
  }
  output("");
}

/** Staff replies to terminal tickets (written with `npm run tickets -- answer`). */
function deliverStaffMessages(handoff: HandoffService, asker: Asker, output: (t: string) => void) {
  for (const d of handoff.pendingDeliveries({ channel: "terminal" })) {
    if (d.chatId !== asker.chatId) continue;
    const text = render(d);
    if (text) output(text);
    handoff.markDelivered(d.id);
  }
}

function render(d: Delivery): string | null {
  switch (d.kind) {
    case "staff-reply":
      return chatText.staffReply(d.ticketId, d.body ?? "");
    case "ticket-claimed":
      return chatText.claimed(d.ticketId);
    case "ticket-closed":
      return chatText.closed(d.ticketId);
    default:
      return null; // ticket-opened was already printed when the ticket was made
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || "terminal";
  } catch {
    return "terminal";
  }
}
