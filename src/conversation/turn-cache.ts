/**
 * Each chat's stored turns in memory, in front of the SQLite conversation store. Only one process
 * writes conversations.sqlite (the instance lock), so for a chat it has read once the file holds
 * what this process wrote: the context a message is read with needs no query. Bounded by a number of
 * turns across chats; the least recently used chats go first. PostgreSQL has none: several
 * instances write the same rows.
 */
import type { ChatRef, StoredTurn } from "./types.js";

/** About 1 KB a turn: a few tens of MB at most, thousands of chats of a busy hour. */
export const DEFAULT_CACHED_TURNS = 20_000;

const chatKey = (chat: ChatRef) => `${chat.channel}\u0000${chat.chatId}`;

/**
 * Every stored turn of a cached chat, oldest first (the file's order), frozen: callers share them.
 * The store changes a chat here only after the file took the change, in the same synchronous step.
 */
export class TurnCache {
  /** Insertion order is recency: the first chat is the least recently used. */
  private readonly chats = new Map<string, readonly StoredTurn[]>();
  private turns = 0;

  constructor(private readonly maxTurns: number = DEFAULT_CACHED_TURNS) {}

  /** The chat's turns, oldest first; undefined when it is not held (read it from the file, then fill). */
  get(chat: ChatRef): readonly StoredTurn[] | undefined {
    const k = chatKey(chat);
    const held = this.chats.get(k);
    if (held !== undefined) this.put(k, held);
    return held;
  }

  /** Hold a chat's turns as just read from the file, oldest first (fresh objects: they are frozen, not copied). */
  fill(chat: ChatRef, turns: StoredTurn[]): readonly StoredTurn[] {
    const held = turns.map((t) => Object.freeze(t));
    this.put(chatKey(chat), held);
    return held;
  }

  /** The file took this turn and kept the chat's newest `keep`; nothing to do for a chat not held. */
  append(turn: StoredTurn, keep: number): void {
    const k = chatKey(turn);
    const held = this.chats.get(k);
    if (held === undefined) return;
    const next = [...held, frozen(turn)];
    this.put(k, next.length > keep ? next.slice(next.length - Math.max(keep, 0)) : next);
  }

  /** The file marked the chat's turns out of context. Copies: turns handed out before stay as they were. */
  endContext(chat: ChatRef): void {
    const k = chatKey(chat);
    const held = this.chats.get(k);
    if (held === undefined) return;
    this.put(
      k,
      held.map((t) => (t.inContext ? Object.freeze(Object.assign({}, t, { inContext: false })) : t)),
    );
  }

  /** The file deleted every turn asked before `at`. */
  forgetBefore(at: number): void {
    for (const [k, held] of this.chats) {
      if (held.some((t) => t.at < at)) this.replace(k, held.filter((t) => t.at >= at));
    }
  }

  /** A write failed: what the file holds for the chat is unsure, so the next read goes to the file. */
  drop(chat: ChatRef): void {
    this.remove(chatKey(chat));
  }

  clear(): void {
    this.chats.clear();
    this.turns = 0;
  }

  /** Turns held across chats (tests). */
  get size(): number {
    return this.turns;
  }

  /** Set and mark most recently used, then evict the least recently used others over the bound. */
  private put(k: string, turns: readonly StoredTurn[]): void {
    this.remove(k);
    this.chats.set(k, turns);
    this.turns += turns.length;
    while (this.turns > this.maxTurns && this.chats.size > 1) this.remove(this.chats.keys().next().value!);
  }

  /** Set without changing recency. */
  private replace(k: string, turns: readonly StoredTurn[]): void {
    this.turns += turns.length - (this.chats.get(k)?.length ?? 0);
    this.chats.set(k, turns);
  }

  private remove(k: string): void {
    const held = this.chats.get(k);
    if (held === undefined) return;
    this.turns -= held.length;
    this.chats.delete(k);
  }
}

/**
 * A shallow copy, frozen: the caller's object stays theirs, and nobody changes a held turn by accident. (Copied with
 * Object.assign: Node 20's V8 gives a frozen spread copy a new map every time, and the code reading turns would never settle.)
 */
function frozen(t: StoredTurn): StoredTurn {
  return Object.isFrozen(t) ? t : Object.freeze(Object.assign({}, t));
}
