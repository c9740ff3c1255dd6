import { randomBytes } from "node:crypto";
import type { Turn } from "../answer/engine.js";
import type { Answer, Language } from "../answer/types.js";
import { documentTag, refOfCitation, type Citation, type MeasureRef } from "../policy/measure.js";
import { StoreUnavailableError, hintFor } from "../store/errors.js";
import { CONVERSATIONS_DB_FILE, SqliteConversationStore, type SqliteConversationOptions } from "./sqlite-store.js";
import type { ConversationStore } from "./store.js";
import type { ChatRef, Speaker, StoredTurn } from "./types.js";

/** The engine reads a follow-up with the last turn; a few more cost nothing and keep the API honest. */
export const HISTORY_TURNS = 3;
/** Turns kept per chat; older ones (and their buttons) are forgotten. */
export const KEEP_TURNS_PER_CHAT = 20;
/** A clarify's buttons work this long (a restart in between changes nothing); then they say so. Also how long any turn is kept. */
export const OFFER_LIFETIME_MS = 24 * 60 * 60_000;
/** After a store operation failed, skip the store for this long (each try may block the event loop briefly). */
const COOL_OFF_MS = 5_000;
/** Chats whose latest turns live only in memory while the store cannot be written. */
const UNSAVED_CHATS_MAX = 1_000;
const HISTORY_FETCH = 10;
const CONTEXT_MAX_CHARS = 300;

export type ConversationWarn = (message: string, meta: Record<string, unknown>) => void;

export interface ConversationOptions {
  /** FOLLOW_UP_WINDOW_MINUTES in ms: how long the last question stays the context of the next message; 0: never. */
  windowMs: number;
  now?: () => number;
  onWarning?: ConversationWarn;
}

export interface OpenConversationOptions extends ConversationOptions, SqliteConversationOptions {
  dataDir: string;
}

/** A pressed clarify button, checked. */
export type OfferLookup =
  /** `document`: the choice's document key, when the corpus held several documents (measure numbers repeat). */
  | { kind: "pick"; turn: StoredTurn; measure: number; document?: string }
  | { kind: "none-of-these"; turn: StoredTurn }
  /** Unknown key (never stored, or forgotten), older than OFFER_LIFETIME_MS, or a measure it did not offer; the question's language when known. */
  | { kind: "expired"; language?: Language }
  /** Somebody else asked that question. */
  | { kind: "not-yours" }
  /** The store cannot be read right now. */
  | { kind: "unavailable" };

/** What a new message of a chat is read with. */
export interface ReadingContext {
  /** recent(): the turns it is read with, oldest first. */
  readWith: StoredTurn[];
  /** lastTurn(): the chat's newest question still in context. */
  previous: StoredTurn | null;
}

export type TurnLookup = { kind: "found"; turn: StoredTurn } | { kind: "missing" } | { kind: "unavailable" };

/** What the store could not take, kept in memory so this process still reads follow-ups right. */
interface Unsaved {
  turns: StoredTurn[];
  /** A ticket was opened then and the store could not record that. */
  contextEndedAt: number | null;
}

/**
 * Each chat's recent questions and replies, for reading follow-ups (那注销呢？ 第二个呢？) and for the
 * reply's buttons (a clarify pick, 转人工). Transport-agnostic: the Telegram bot and the terminal chat
 * both use it. Every method is best effort and never throws: a locked or full store never stops an
 * answer; what it could not store is kept in memory until this process ends.
 */
export class ConversationService {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly unsaved = new Map<string, Unsaved>();
  private readonly writes: Degraded;
  private readonly reads: Degraded;

  constructor(
    private readonly store: ConversationStore,
    { windowMs, now = Date.now, onWarning = () => undefined }: ConversationOptions,
  ) {
    this.windowMs = windowMs;
    this.now = now;
    this.writes = new Degraded(onWarning, now, "written");
    this.reads = new Degraded(onWarning, now, "read");
  }

  /**
   * The SQLite store in `${dataDir}/conversations.sqlite`. A file that cannot be opened (damaged, newer,
   * unreadable) is reported and the chats go on with what this process remembers: it is never worth not starting.
   */
  static open({ dataDir, writeWaitMs, ...opts }: OpenConversationOptions): ConversationService {
    return new ConversationService(sqliteConversationStoreOrNone(dataDir, opts.onWarning, writeWaitMs), opts);
  }

  shutdown(): Promise<void> {
    return this.store.close();
  }

  /**
   * The turns a new message of the chat is read with, oldest first: still in context (no ticket opened
   * since), asked within the window, and about something (not an unreadable message or a request for a person).
   */
  async recent(chat: ChatRef): Promise<StoredTurn[]> {
    if (this.windowMs <= 0) return [];
    const since = this.now() - this.windowMs;
    const turns = await this.inContext(chat, since, HISTORY_FETCH);
    return turns.filter(isContext).slice(-HISTORY_TURNS);
  }

  /**
   * recent() and lastTurn() at once, from one read of the newest turns (a second only when smalltalk
   * or unclear turns crowd them): what every message is read with. Turns are taken as stored in the
   * order they were asked, as everywhere in this service.
   */
  async readingContext(chat: ChatRef): Promise<ReadingContext> {
    const now = this.now();
    const windowSince = now - this.windowMs;
    const lastSince = now - OFFER_LIFETIME_MS;
    const since = Math.min(windowSince, lastSince);
    const inWindow = (turns: StoredTurn[]) => (this.windowMs <= 0 ? [] : turns.filter((t) => t.at >= windowSince));
    let turns = await this.inContext(chat, since, HISTORY_TURNS + 1);
    const windowed = inWindow(turns);
    // As many as asked for, all in the window, and too few about something: recent() would look further back.
    if (turns.length > HISTORY_TURNS && windowed.length === turns.length && windowed.filter(isContext).length < HISTORY_TURNS) {
      turns = await this.inContext(chat, since, HISTORY_FETCH);
    }
    const last = turns.at(-1);
    return { readWith: inWindow(turns).filter(isContext).slice(-HISTORY_TURNS), previous: last && last.at >= lastSince ? last : null };
  }

  /** The chat's newest question still in context, however old (for 转人工 and /human without a question). */
  async lastTurn(chat: ChatRef): Promise<StoredTurn | null> {
    return (await this.inContext(chat, this.now() - OFFER_LIFETIME_MS, 1)).at(-1) ?? null;
  }

  /**
   * Remember a question and its reply; the returned turn's key goes into the reply's buttons. `readWith`:
   * the turns it was asked after (from recent()); `context` overrides the earlier question it was read with.
   */
  async record(speaker: Speaker, question: string, answer: Answer, readWith: readonly StoredTurn[] = [], context?: string | null): Promise<StoredTurn> {
    const turn: StoredTurn = {
      key: newKey(),
      channel: speaker.channel,
      chatId: speaker.chatId,
      userId: speaker.userId,
      at: this.now(),
      question,
      context: context !== undefined ? context : answer.followUp ? contextOf(readWith.at(-1)) : null,
      outcome: answer.outcome,
      handoffReason: answer.handoffReason ?? null,
      understood: answer.understood ?? null,
      language: answer.language ?? "zh",
      citations: answer.citations,
      related: answer.related,
      choices: answer.choices ?? [],
      inContext: true,
    };
    const limits = { keepPerChat: KEEP_TURNS_PER_CHAT, forgetBefore: turn.at - OFFER_LIFETIME_MS };
    const saved = await this.writes.run("append a turn", () => this.store.appendTurn(turn, limits).then(() => true), false);
    if (!saved) this.keepUnsaved(turn, (u) => u.turns.push(turn));
    return turn;
  }

  /** A ticket was opened: the chat's next question starts afresh (the buttons of earlier replies still work). */
  async endContext(chat: ChatRef): Promise<void> {
    const at = this.now();
    const pending = this.unsaved.get(chatKey(chat));
    for (const t of pending?.turns ?? []) t.inContext = false;
    const saved = await this.writes.run("end a chat's context", () => this.store.endContext(chat).then(() => true), false);
    if (!saved) this.keepUnsaved(chat, (u) => (u.contextEndedAt = at));
  }

  /** A turn of this chat by the key its buttons carry. */
  async find(chat: ChatRef, key: string): Promise<TurnLookup> {
    const pending = this.unsaved.get(chatKey(chat))?.turns.find((t) => t.key === key);
    if (pending) return { kind: "found", turn: pending };
    const stored = await this.reads.run("find a turn", () => this.store.turnByKey(chat, key).then((t) => ({ t })), null);
    if (!stored) return { kind: "unavailable" };
    return stored.t ? { kind: "found", turn: stored.t } : { kind: "missing" };
  }

  /**
   * A clarify button (`measure`, or null for 都不是) pressed by `speaker`: is it their live offer?
   * `tag`: the documentTag of the choice's document, on buttons of an offer from several documents.
   */
  async offer(speaker: Speaker, key: string, measure: number | null, tag?: string): Promise<OfferLookup> {
    const found = await this.find(speaker, key);
    if (found.kind === "unavailable") return found;
    if (found.kind === "missing") return { kind: "expired" };
    const turn = found.turn;
    if (turn.userId !== speaker.userId) return { kind: "not-yours" };
    const expired = { kind: "expired", language: turn.language } as const;
    if (turn.outcome !== "clarify" || this.now() - turn.at > OFFER_LIFETIME_MS) return expired;
    if (measure === null) return { kind: "none-of-these", turn };
    const choice = turn.choices.find((c) => c.measure === measure && (c.document ? documentTag(c.document.key) === tag : tag === undefined));
    return choice ? { kind: "pick", turn, measure, ...(choice.document ? { document: choice.document.key } : {}) } : expired;
  }

  /** Stored and unsaved turns of the chat still in context since `since`, oldest first, at most `limit`. */
  private async inContext(chat: ChatRef, since: number, limit: number): Promise<StoredTurn[]> {
    const stored = await this.reads.run("read recent turns", () => this.store.recentTurns(chat, since, limit), []);
    const pending = this.unsaved.get(chatKey(chat));
    if (!pending) return stored;
    const keys = new Set(stored.map((t) => t.key));
    const ended = pending.contextEndedAt ?? Number.NEGATIVE_INFINITY;
    return [...stored, ...pending.turns.filter((t) => !keys.has(t.key) && t.inContext && t.at >= since)]
      .filter((t) => t.at > ended)
      .sort((a, b) => a.at - b.at)
      .slice(-limit);
  }

  private keepUnsaved(chat: ChatRef, change: (u: Unsaved) => void): void {
    const k = chatKey(chat);
    const u = this.unsaved.get(k) ?? { turns: [], contextEndedAt: null };
    change(u);
    u.turns = u.turns.slice(-KEEP_TURNS_PER_CHAT);
    // Newest last, so the oldest chat is the first to go.
    this.unsaved.delete(k);
    this.unsaved.set(k, u);
    while (this.unsaved.size > UNSAVED_CHATS_MAX) this.unsaved.delete(this.unsaved.keys().next().value!);
  }
}

/** What the engine needs of earlier turns (engine.ask's history). */
export function historyOf(turns: readonly StoredTurn[]): Turn[] {
  return turns.map((t) => ({
    question: t.question,
    answer: { outcome: t.outcome, citations: t.citations, understood: t.understood ?? undefined, ...(t.choices.length ? { choices: t.choices } : {}) },
  }));
}

/** The measures the bot found for a turn: what it cited, else offered, else pointed to (candidates for staff). */
export function candidatesOf(turn: StoredTurn): Citation[] {
  if (turn.citations.length) return turn.citations;
  if (turn.choices.length) return turn.choices.map(({ covers: _, ...citation }) => citation);
  return turn.related;
}

/** The question a pick answers: as read (a follow-up completed from its context), or as typed in English, so the reply stays English. */
export function askedAs(turn: StoredTurn): string {
  return turn.language === "en" ? turn.question : (turn.understood ?? turn.question);
}

/** A choice's number typed right after a clarify (2, ２): the measure it picks (with its document, from several); null for anything else. */
export function typedPick(text: string, offer: StoredTurn): MeasureRef | null {
  const n = /^[1-9]$/.exec(text.normalize("NFKC").trim().replace(/[\s。.!！]+$/g, ""))?.[0];
  const choice = n === undefined ? undefined : offer.choices[Number(n) - 1];
  return choice ? refOfCitation(choice) : null;
}

const NONE_OF_THESE = /^(?:0|都不是|都不对|都不符合|都不像|都没有|不是这些|以上都不是|都不是我要的|none|none of (?:these|them|the above))$/i;

/** A reply to a clarify saying none of the choices fits (0, 都不是, none of these). */
export function isNoneOfThese(text: string): boolean {
  return NONE_OF_THESE.test(text.normalize("NFKC").trim().replace(/[\s。.!！?？~～]+$/g, ""));
}

/** A turn can be the context of the next message when it was about something. */
function isContext(t: StoredTurn): boolean {
  return t.outcome !== "smalltalk" && t.handoffReason !== "unclear" && t.handoffReason !== "asked-for-person";
}

/** The earlier questions a follow-up was read with, the chain of them when that one was a follow-up too. */
function contextOf(previous: StoredTurn | undefined): string | null {
  if (!previous) return null;
  const chain = previous.context ? `${previous.context} → ${previous.question}` : previous.question;
  return chain.length <= CONTEXT_MAX_CHARS ? chain : `…${chain.slice(-(CONTEXT_MAX_CHARS - 1))}`;
}

const chatKey = (chat: ChatRef) => `${chat.channel}:${chat.chatId}`;

const KEY_BYTES = 6;
// Random bytes drawn for 1,024 keys at once: a call into OpenSSL for each key cost ~1% of the bot's CPU per message.
let keyBytes = Buffer.alloc(0);
let keyAt = 0;

/** 8 characters of base64url: unique enough within one chat's 20 turns, short enough for 64-byte button data. */
function newKey(): string {
  if (keyAt + KEY_BYTES > keyBytes.length) [keyBytes, keyAt] = [randomBytes(KEY_BYTES * 1024), 0];
  return keyBytes.toString("base64url", keyAt, (keyAt += KEY_BYTES));
}

/**
 * The SQLite store in `${dataDir}/conversations.sqlite`; a file that cannot be opened (damaged, newer,
 * unreadable) is reported and replaced by a store that always fails, so the service keeps turns in memory.
 */
export function sqliteConversationStoreOrNone(dataDir: string, onWarning?: ConversationWarn, writeWaitMs?: number): ConversationStore {
  try {
    return SqliteConversationStore.open(dataDir, writeWaitMs !== undefined ? { writeWaitMs } : {});
  } catch (err) {
    onWarning?.("conversation database cannot be opened: follow-ups and buttons work until the process stops, then start afresh", {
      error: err instanceof Error ? err.message : String(err),
      hint: `move ${CONVERSATIONS_DB_FILE} out of DATA_DIR (it is recreated empty; only recent chat context is lost) or fix the permissions of DATA_DIR`,
    });
    return unopenedStore(err);
  }
}

/** The store that could not be opened: every call fails as unavailable, so the service keeps turns in memory. */
function unopenedStore(cause: unknown): ConversationStore {
  const fail = () => Promise.reject(new StoreUnavailableError("io", `${CONVERSATIONS_DB_FILE} could not be opened`, { cause }));
  return { appendTurn: fail, endContext: fail, recentTurns: fail, turnByKey: fail, close: async () => undefined };
}

/** Reports once when the store stops working and once when it works again; skips it for a while in between. */
class Degraded {
  private failing: { since: number; retryAt: number; skipped: number } | null = null;

  constructor(
    private readonly warn: ConversationWarn,
    private readonly now: () => number,
    private readonly what: "read" | "written",
  ) {}

  async run<T>(operation: string, fn: () => Promise<T>, fallback: T): Promise<T> {
    const at = this.now();
    if (this.failing && at < this.failing.retryAt) {
      this.failing.skipped++;
      return fallback;
    }
    try {
      const result = await fn();
      if (this.failing) {
        this.warn(`conversation database can be ${this.what} again`, { skipped: this.failing.skipped, downMs: at - this.failing.since });
        this.failing = null;
      }
      return result;
    } catch (err) {
      if (!this.failing) {
        this.warn(`conversation database cannot be ${this.what}: answering goes on; follow-ups and buttons use what this process remembers`, {
          failed: operation,
          error: err instanceof Error ? err.message : String(err),
          ...("reason" in Object(err) ? { reason: (err as { reason: string }).reason } : {}),
          hint:
            err instanceof StoreUnavailableError && err.backend === "postgres"
              ? hintFor(err)
              : "check the disk holding DATA_DIR (full? read-only?) and that no other program holds conversations.sqlite",
        });
        this.failing = { since: at, retryAt: at + COOL_OFF_MS, skipped: 0 };
      } else {
        this.failing.retryAt = at + COOL_OFF_MS;
      }
      return fallback;
    }
  }
}
