import type { Choice, HandoffReason, Language, Outcome } from "../answer/types.js";
import type { Channel } from "../handoff/types.js";
import type { Citation } from "../policy/measure.js";

/** A conversation: one chat on one channel (a Telegram chat, a terminal user). */
export interface ChatRef {
  channel: Channel;
  chatId: string;
}

/** Who writes in a chat (a pick from a clarify offer is theirs only). */
export interface Speaker extends ChatRef {
  userId: string;
}

/** One question of a chat and what the bot replied, as much of it as later messages and buttons need. */
export interface StoredTurn extends Speaker {
  /** A short random handle, unique within the chat, carried by the reply's buttons (c:<key>:16, h:human:<key>); nothing secret. */
  key: string;
  /** When it was asked (epoch ms). */
  at: number;
  /** As typed (for a pick: the question picked for). */
  question: string;
  /** The earlier question this message was read with (那注销呢？ → 开公司要几天？); null when it stood alone. */
  context: string | null;
  outcome: Outcome;
  handoffReason: HandoffReason | null;
  /** The question as the engine read it, which the next follow-up builds on. */
  understood: string | null;
  language: Language;
  citations: Citation[];
  /** Pointers given on a handoff (candidates for staff). */
  related: Citation[];
  /** A clarify's offer: one choice per candidate measure. */
  choices: Choice[];
  /** False once a ticket was opened after it: later messages are not read with it (its buttons still work). */
  inContext: boolean;
}
