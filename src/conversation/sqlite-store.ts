import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Choice } from "../answer/types.js";
import { toStoreError as mapStoreError } from "../store/sqlite.js";
import type { Citation } from "../policy/measure.js";
import { turnOf, type TurnRow as StoredTurnRow } from "./rows.js";
import type { ConversationStore, TurnLimits } from "./store.js";
import { CommitBatch } from "../store/commit-batch.js";
import { DEFAULT_CACHED_TURNS, TurnCache } from "./turn-cache.js";
import type { ChatRef, StoredTurn } from "./types.js";

/** Its own file under DATA_DIR: a write per question never waits for a ticket transaction. */
export const CONVERSATIONS_DB_FILE = "conversations.sqlite";
const LABEL = "conversation database";

/** Writes give up after this: better-sqlite3 blocks the event loop while it waits, and callers go on without them. */
const DEFAULT_WRITE_WAIT_MS = 50;
/** Opening and migrating may meet another process doing the same; this blocks, but only at start. */
const OPEN_BUSY_TIMEOUT_MS = 5_000;

/** Turns asked before the cut-off are deleted when it moved on this much since the last time (and on a process's first append); reads skip them meanwhile. */
const DEFAULT_FORGET_EVERY_MS = 60_000;

export interface SqliteConversationOptions {
  writeWaitMs?: number;
  /** Turns held in memory across chats (TurnCache). */
  cachedTurns?: number;
  /** How far the cut-off moves between two deletions of old turns (tests: 0, every append). */
  forgetEveryMs?: number;
}

/** Schema versions, applied in order; PRAGMA user_version records how many have run. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE turns (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    channel        TEXT    NOT NULL CHECK (channel IN ('telegram', 'terminal')),
    chat_id        TEXT    NOT NULL,
    user_id        TEXT    NOT NULL,
    turn_key       TEXT    NOT NULL, -- carried by the reply's buttons
    at             INTEGER NOT NULL,
    question       TEXT    NOT NULL,
    context        TEXT,             -- the earlier question it was read with
    outcome        TEXT    NOT NULL CHECK (outcome IN ('answered', 'clarify', 'handoff', 'smalltalk')),
    handoff_reason TEXT,
    understood     TEXT,
    language       TEXT    NOT NULL CHECK (language IN ('zh', 'en')),
    citations      TEXT    NOT NULL DEFAULT '[]', -- JSON Citation[]
    related        TEXT    NOT NULL DEFAULT '[]', -- JSON Citation[]
    choices        TEXT    NOT NULL DEFAULT '[]', -- JSON Choice[]: a clarify's offer
    in_context     INTEGER NOT NULL DEFAULT 1 CHECK (in_context IN (0, 1)),
    UNIQUE (channel, chat_id, turn_key)
  );
  CREATE INDEX turns_by_chat ON turns (channel, chat_id, id);
  CREATE INDEX turns_by_at   ON turns (at);
  `,
];

export const CONVERSATION_SCHEMA_VERSION = MIGRATIONS.length;


/** SQLite keeps the JSON columns as text and the flag as 0 or 1. */
type TurnRow = StoredTurnRow<string, number>;
const rowToTurn = (row: TurnRow): StoredTurn =>
  turnOf(row, {
    citations: JSON.parse(row.citations) as Citation[],
    related: JSON.parse(row.related) as Citation[],
    choices: JSON.parse(row.choices) as Choice[],
    inContext: row.in_context === 1,
  });

/** better-sqlite3's error codes → the store's fault reasons (conversation database wording). */
const toStoreError = (err: unknown): unknown => mapStoreError(err, LABEL);

async function call<T>(fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err);
  }
}

/**
 * The SQLite ConversationStore: `${dataDir}/conversations.sqlite`, WAL, one connection whose writes
 * wait at most `writeWaitMs` for a lock (only this process writes it: the instance lock sees to that).
 * Each chat read once is held in memory (TurnCache) and answered from there: this process is the only
 * writer, and it changes the cache right after the file, in the same synchronous step. A write that
 * fails drops the chat from the cache, so its next read is the file's. The appends of one turn of the
 * event loop share a commit (each resolves once it is committed; an endContext or close commits those
 * waiting first, so the file sees the writes in the order they were made).
 * The limits cost no work on most appends: a chat held in memory is trimmed only when it has more
 * turns than it may keep, and old turns of every chat are deleted once the cut-off moved `forgetEveryMs`
 * (reads skip them meanwhile, so every answer is as if they were gone).
 */
export class SqliteConversationStore implements ConversationStore {
  private readonly sql: ReturnType<typeof prepareStatements>;
  /** Inserts with the limits asked for, as one transaction, built once. */
  private readonly insertAll: Database.Transaction<(appends: PlannedAppend[], forget: boolean) => void>;
  private readonly appends: CommitBatch<{ turn: StoredTurn; limits: TurnLimits }>;
  private readonly cache: TurnCache;
  private readonly forgetEveryMs: number;
  /** The latest cut-off appends gave: turns asked before it are gone, whether deleted yet or not. */
  private cutOff = Number.NEGATIVE_INFINITY;
  /** The cut-off of the last deletion. */
  private deletedBefore = Number.NEGATIVE_INFINITY;

  private constructor(
    readonly db: Database.Database,
    { cachedTurns = DEFAULT_CACHED_TURNS, forgetEveryMs = DEFAULT_FORGET_EVERY_MS }: SqliteConversationOptions,
  ) {
    this.sql = prepareStatements(db);
    this.cache = new TurnCache(cachedTurns);
    this.forgetEveryMs = forgetEveryMs;
    this.appends = new CommitBatch((appends) => this.commitAppends(appends));
    this.insertAll = db.transaction((appends: PlannedAppend[], forget: boolean) => {
      for (const { turn: t, limits, trim } of appends) this.insertOne(t, limits, trim);
      if (forget) this.sql.forgetBefore.run(this.cutOff);
    });
  }

  /** One turn, and the chat's trim when asked for (inside insertAll). */
  private insertOne(t: StoredTurn, limits: TurnLimits, trim: boolean): void {
    this.sql.insert.run({
      channel: t.channel,
      chatId: t.chatId,
      userId: t.userId,
      key: t.key,
      at: t.at,
      question: t.question,
      context: t.context,
      outcome: t.outcome,
      handoffReason: t.handoffReason,
      understood: t.understood,
      language: t.language,
      citations: JSON.stringify(t.citations),
      related: JSON.stringify(t.related),
      choices: JSON.stringify(t.choices),
      inContext: t.inContext ? 1 : 0,
    });
    if (trim) this.sql.keepNewest.run({ channel: t.channel, chatId: t.chatId, keep: limits.keepPerChat });
  }

  /** Open (creating the directory and schema as needed) `${dataDir}/conversations.sqlite`. */
  static open(dataDir: string, { writeWaitMs = DEFAULT_WRITE_WAIT_MS, ...tuning }: SqliteConversationOptions = {}): SqliteConversationStore {
    fs.mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, CONVERSATIONS_DB_FILE));
    try {
      db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL"); // a process crash loses nothing; a power cut may lose the last turns, which is fine for context
      migrate(db);
      db.pragma(`busy_timeout = ${writeWaitMs}`);
      return new SqliteConversationStore(db, tuning);
    } catch (err) {
      db.close();
      throw toStoreError(err);
    }
  }

  appendTurn(turn: StoredTurn, limits: TurnLimits): Promise<void> {
    return this.appends.add({ turn, limits });
  }

  /** The appends of one turn of the event loop, in one transaction; then the cache, in the same order. */
  private commitAppends(appends: Array<{ turn: StoredTurn; limits: TurnLimits }>): void[] {
    // How many turns the file holds per chat as the batch goes (unknown for a chat not held).
    const held = new Map<string, number | undefined>();
    const planned = appends.map(({ turn, limits }): PlannedAppend => {
      const k = `${turn.channel}\u0000${turn.chatId}`;
      const n = held.has(k) ? held.get(k) : this.cache.get(turn)?.length;
      held.set(k, n === undefined ? undefined : Math.min(n + 1, limits.keepPerChat));
      this.cutOff = Math.max(this.cutOff, limits.forgetBefore);
      // Unknown (not held) or full: the file may hold more than the limit after this insert.
      return { turn, limits, trim: n === undefined || n >= limits.keepPerChat };
    });
    const forget = this.cutOff - this.deletedBefore >= this.forgetEveryMs;
    try {
      this.insertAll.immediate(planned, forget);
    } catch (err) {
      for (const { turn } of appends) this.cache.drop(turn);
      throw toStoreError(err);
    }
    if (forget) {
      this.deletedBefore = this.cutOff;
      this.cache.forgetBefore(this.cutOff);
    }
    for (const { turn, limits } of appends) this.cache.append(turn, limits.keepPerChat);
    return appends.map(() => undefined);
  }

  endContext(chat: ChatRef): Promise<void> {
    return call(() => {
      // The chat's appends made before come first.
      this.appends.flush();
      this.written(chat, () => this.sql.endContext.run({ channel: chat.channel, chatId: chat.chatId }));
      this.cache.endContext(chat);
    });
  }

  recentTurns(chat: ChatRef, since: number, limit: number): Promise<StoredTurn[]> {
    return call(() => {
      const turns = this.turnsOf(chat);
      const from = Math.max(since, this.cutOff);
      const found: StoredTurn[] = [];
      for (let i = turns.length - 1; i >= 0 && found.length < limit; i--) {
        const t = turns[i]!;
        if (t.inContext && t.at >= from) found.push(t);
      }
      return found.reverse();
    });
  }

  turnByKey(chat: ChatRef, key: string): Promise<StoredTurn | null> {
    return call(() => this.turnsOf(chat).find((t) => t.key === key && t.at >= this.cutOff) ?? null);
  }

  async close(): Promise<void> {
    this.appends.flush();
    this.cache.clear();
    if (this.db.open) this.db.close();
  }

  /** The chat's turns as the file holds them, oldest first: from memory, else read once. */
  private turnsOf(chat: ChatRef): readonly StoredTurn[] {
    return this.cache.get(chat) ?? this.cache.fill(chat, this.sql.chatTurns.all({ channel: chat.channel, chatId: chat.chatId }).map(rowToTurn));
  }

  /** A write of the chat's rows; when it fails, whether the file took it is unsure: the chat's next read goes to the file. */
  private written(chat: ChatRef, write: () => unknown): void {
    try {
      write();
    } catch (err) {
      this.cache.drop(chat);
      throw err;
    }
  }
}

interface PlannedAppend {
  turn: StoredTurn;
  limits: TurnLimits;
  /** Keep the chat's newest `limits.keepPerChat` after the insert. */
  trim: boolean;
}

function migrate(db: Database.Database): void {
  const version = () => {
    const v = db.pragma("user_version", { simple: true }) as number;
    if (v > MIGRATIONS.length) throw new Error(`${CONVERSATIONS_DB_FILE} has schema version ${v}, newer than this program knows (${MIGRATIONS.length}); update the program`);
    return v;
  };
  if (version() === MIGRATIONS.length) return;
  // IMMEDIATE: two processes opening a fresh file must not both run the same migration.
  db.transaction(() => {
    for (let v = version(); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? "");
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<
      {
        channel: string;
        chatId: string;
        userId: string;
        key: string;
        at: number;
        question: string;
        context: string | null;
        outcome: string;
        handoffReason: string | null;
        understood: string | null;
        language: string;
        citations: string;
        related: string;
        choices: string;
        inContext: number;
      },
      never
    >(
      `INSERT INTO turns (channel, chat_id, user_id, turn_key, at, question, context, outcome, handoff_reason, understood, language, citations, related, choices, in_context)
       VALUES (@channel, @chatId, @userId, @key, @at, @question, @context, @outcome, @handoffReason, @understood, @language, @citations, @related, @choices, @inContext)`,
    ),
    // Everything from the chat's (keep+1)-th newest turn back: one step down the index rather than a list of the kept ones.
    keepNewest: db.prepare<{ channel: string; chatId: string; keep: number }, never>(
      `DELETE FROM turns WHERE channel = @channel AND chat_id = @chatId AND id <= (
         SELECT id FROM turns WHERE channel = @channel AND chat_id = @chatId ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
    ),
    forgetBefore: db.prepare<[number], never>(`DELETE FROM turns WHERE at < ?`),
    endContext: db.prepare<{ channel: string; chatId: string }, never>(
      `UPDATE turns SET in_context = 0 WHERE channel = @channel AND chat_id = @chatId AND in_context = 1`,
    ),
    // Every turn of the chat (at most the limit per chat, plus old ones not deleted yet): what the cache holds of it.
    chatTurns: db.prepare<{ channel: string; chatId: string }, TurnRow>(`SELECT * FROM turns WHERE channel = @channel AND chat_id = @chatId ORDER BY id`),
  };
}
