/** A turns row as both stores read it, and the one place it becomes a StoredTurn. */
import type { Choice, HandoffReason, Language, Outcome } from "../answer/types.js";
import type { Channel } from "../handoff/types.js";
import type { Citation } from "../policy/measure.js";
import type { StoredTurn } from "./types.js";

/** `Json` and `Flag`: how each database gives back the JSON columns and the in-context flag. */
export interface TurnRow<Json, Flag> {
  channel: string;
  chat_id: string;
  user_id: string;
  turn_key: string;
  at: number;
  question: string;
  context: string | null;
  outcome: string;
  handoff_reason: string | null;
  understood: string | null;
  language: string;
  citations: Json;
  related: Json;
  choices: Json;
  in_context: Flag;
}

/** A row whose JSON columns and flag the store has already decoded. */
export function turnOf(row: TurnRow<unknown, unknown>, decoded: { citations: Citation[]; related: Citation[]; choices: Choice[]; inContext: boolean }): StoredTurn {
  return {
    key: row.turn_key,
    channel: row.channel as Channel,
    chatId: row.chat_id,
    userId: row.user_id,
    at: row.at,
    question: row.question,
    context: row.context,
    outcome: row.outcome as Outcome,
    handoffReason: row.handoff_reason as HandoffReason | null,
    understood: row.understood,
    language: row.language as Language,
    ...decoded,
  };
}
