/**
 * Persistence for conversations, as an interface: SQLite today (sqlite-store.ts), PostgreSQL later.
 * Every method is async; nothing here names a driver. What counts as context (the window, which
 * outcomes) is ConversationService's business; the store keeps turns and finds them.
 */
import type { ChatRef, StoredTurn } from "./types.js";

export interface TurnLimits {
  /** Keep at most this many turns per chat (the newest). */
  keepPerChat: number;
  /** Forget every chat's turns asked before this (epoch ms). */
  forgetBefore: number;
}

export interface ConversationStore {
  // Writes callers can do without: a short wait at most, then they fail (ConversationService goes on without them).
  /** Add a turn, then apply the limits. */
  appendTurn(turn: StoredTurn, limits: TurnLimits): Promise<void>;
  /** The chat's turns so far stop being context (a ticket was opened); they stay findable by key. */
  endContext(chat: ChatRef): Promise<void>;

  /** The chat's newest turns still in context asked at or after `since`, oldest first, at most `limit`. */
  recentTurns(chat: ChatRef, since: number, limit: number): Promise<StoredTurn[]>;
  /** A turn by its key, in context or not; null when unknown (never stored, or forgotten). */
  turnByKey(chat: ChatRef, key: string): Promise<StoredTurn | null>;
  close(): Promise<void>;
}
