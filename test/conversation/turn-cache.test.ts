/**
 * The SQLite conversation store answers from memory (TurnCache) for chats it has read: the answers
 * must be the file's, through appends, trims, forgotten turns, endContext, eviction and failed writes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONVERSATIONS_DB_FILE, SqliteConversationStore, type SqliteConversationOptions } from "../../src/conversation/sqlite-store.js";
import type { TurnLimits } from "../../src/conversation/store.js";
import { TurnCache } from "../../src/conversation/turn-cache.js";
import type { ChatRef, StoredTurn } from "../../src/conversation/types.js";
import { ALICE, BOB, CAROL, LIMITS, turn } from "./turns.js";

const keys = (turns: StoredTurn[]) => turns.map((t) => t.key);

let dir: string;
let stores: SqliteConversationStore[];
const open = (options: SqliteConversationOptions = {}) => {
  const store = SqliteConversationStore.open(dir, options);
  stores.push(store);
  return store;
};
/** Another connection on the file: a change the store does not make (as no other process may). */
const behindItsBack = (sql: string) => {
  const raw = new Database(path.join(dir, CONVERSATIONS_DB_FILE));
  try {
    raw.exec(sql);
  } finally {
    raw.close();
  }
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "turn-cache-"));
  stores = [];
});

afterEach(async () => {
  for (const s of stores) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("SqliteConversationStore in memory", () => {
  it("answers a chat it has read from memory: a change behind its back shows only once the chat is evicted", async () => {
    const store = open({ cachedTurns: 2 });
    await store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS);
    await store.appendTurn(turn(BOB, "b1", 1_000), LIMITS);
    await store.appendTurn(turn(CAROL, "c1", 1_000), LIMITS);
    // First use reads the file, then memory holds the chat.
    expect(keys(await store.recentTurns(ALICE, 0, 10))).toEqual(["a1"]);
    behindItsBack(`UPDATE turns SET question = 'changed' WHERE turn_key = 'a1'`);
    expect((await store.turnByKey(ALICE, "a1"))?.question).toBe("问题 a1");
    // Room for two turns: a third chat's turn evicts ALICE, the least recently used.
    expect(keys(await store.recentTurns(BOB, 0, 10))).toEqual(["b1"]);
    expect(keys(await store.recentTurns(CAROL, 0, 10))).toEqual(["c1"]);
    expect((await store.turnByKey(ALICE, "a1"))?.question).toBe("changed");
  });

  it("a failed append drops the chat from memory: the next read is the file's", async () => {
    const store = open({ writeWaitMs: 20 });
    await store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS);
    expect(keys(await store.recentTurns(ALICE, 0, 10))).toEqual(["a1"]);
    const holder = new Database(path.join(dir, CONVERSATIONS_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    holder.exec(`UPDATE turns SET question = 'as the file has it' WHERE turn_key = 'a1'`);
    try {
      await expect(store.appendTurn(turn(ALICE, "a2", 2_000), LIMITS)).rejects.toMatchObject({ reason: "busy" });
    } finally {
      holder.exec("COMMIT");
      holder.close();
    }
    const after = await store.recentTurns(ALICE, 0, 10);
    expect(after.map((t) => [t.key, t.question])).toEqual([["a1", "as the file has it"]]);
  });

  it("a failed endContext drops the chat from memory too", async () => {
    const store = open({ writeWaitMs: 20 });
    await store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS);
    expect(keys(await store.recentTurns(ALICE, 0, 10))).toEqual(["a1"]);
    const holder = new Database(path.join(dir, CONVERSATIONS_DB_FILE));
    holder.exec("BEGIN IMMEDIATE");
    holder.exec(`UPDATE turns SET in_context = 0 WHERE turn_key = 'a1'`);
    try {
      await expect(store.endContext(ALICE)).rejects.toMatchObject({ reason: "busy" });
    } finally {
      holder.exec("COMMIT");
      holder.close();
    }
    expect(await store.recentTurns(ALICE, 0, 10)).toEqual([]);
  });

  it("endContext changes later answers only: turns handed out before, and the caller's own objects, stay as they were", async () => {
    const store = open();
    await store.recentTurns(ALICE, 0, 10);
    const mine = turn(ALICE, "a1", 1_000);
    await store.appendTurn(mine, LIMITS);
    const before = await store.turnByKey(ALICE, "a1");
    await store.endContext(ALICE);
    expect(before?.inContext).toBe(true);
    expect(mine.inContext).toBe(true);
    expect(await store.turnByKey(ALICE, "a1")).toMatchObject({ key: "a1", inContext: false });
    expect(await store.recentTurns(ALICE, 0, 10)).toEqual([]);
    // A turn handed out is shared: changing it fails rather than changing what the store answers.
    expect(() => Object.assign(before!, { question: "x" })).toThrow(TypeError);
  });

  it("appends made at once share a commit, in order, and keep the file within the limit per chat", async () => {
    const store = open();
    const limits = { keepPerChat: 3, forgetBefore: 0 };
    await store.appendTurn(turn(ALICE, "a1", 1_000), limits);
    expect(keys(await store.recentTurns(ALICE, 0, 10))).toEqual(["a1"]);
    await store.appendTurn(turn(ALICE, "a2", 2_000), limits);
    const inFile = () => {
      const raw = new Database(path.join(dir, CONVERSATIONS_DB_FILE), { readonly: true });
      try {
        return raw.prepare(`SELECT turn_key FROM turns ORDER BY id`).pluck().all();
      } finally {
        raw.close();
      }
    };
    const burst = [turn(ALICE, "a3", 3_000), turn(BOB, "b1", 3_000), turn(ALICE, "a4", 4_000), turn(ALICE, "a5", 5_000)].map((t) => store.appendTurn(t, limits));
    // Not in the file in the turn they were made in; all of it once they resolve.
    expect(inFile()).toEqual(["a1", "a2"]);
    await Promise.all(burst);
    expect(inFile()).toEqual(["a3", "b1", "a4", "a5"]);
    expect(keys(await store.recentTurns(ALICE, 0, 10))).toEqual(["a3", "a4", "a5"]);
  });

  it("close commits the appends still waiting (a clean stop loses none)", async () => {
    const store = open();
    const appended = store.appendTurn(turn(ALICE, "a1", 1_000), LIMITS);
    await store.close();
    await appended;
    expect(keys(await open().recentTurns(ALICE, 0, 10))).toEqual(["a1"]);
  });

  it("old turns are not answered before they are deleted, and are deleted when the cut-off has moved on enough", async () => {
    const store = open({ forgetEveryMs: 10_000 });
    await store.appendTurn(turn(BOB, "b1", 1_000), { keepPerChat: 20, forgetBefore: 0 });
    await store.appendTurn(turn(ALICE, "a1", 5_000), { keepPerChat: 20, forgetBefore: 2_000 });
    expect(await store.turnByKey(BOB, "b1")).toBeNull();
    expect(await store.recentTurns(BOB, 0, 10)).toEqual([]);
    const rows = () => {
      const raw = new Database(path.join(dir, CONVERSATIONS_DB_FILE), { readonly: true });
      try {
        return raw.prepare(`SELECT turn_key FROM turns ORDER BY id`).pluck().all();
      } finally {
        raw.close();
      }
    };
    expect(rows()).toEqual(["b1", "a1"]);
    await store.appendTurn(turn(ALICE, "a2", 20_000), { keepPerChat: 20, forgetBefore: 10_000 });
    expect(rows()).toEqual(["a2"]);
  });
});

/** What the ConversationStore contract says the store holds, kept the plain way: every append applies both limits. */
class Reference {
  private rows: StoredTurn[] = [];

  append(t: StoredTurn, limits: TurnLimits): void {
    this.rows.push(structuredClone(t));
    const mine = this.rows.filter((r) => same(r, t));
    const drop = new Set(mine.slice(0, Math.max(0, mine.length - limits.keepPerChat)));
    this.rows = this.rows.filter((r) => !drop.has(r) && r.at >= limits.forgetBefore);
  }

  endContext(chat: ChatRef): void {
    for (const r of this.rows) if (same(r, chat)) r.inContext = false;
  }

  recent(chat: ChatRef, since: number, limit: number): StoredTurn[] {
    const found = this.rows.filter((r) => same(r, chat) && r.inContext && r.at >= since);
    return limit <= 0 ? [] : found.slice(-limit);
  }

  byKey(chat: ChatRef, key: string): StoredTurn | null {
    return this.rows.find((r) => same(r, chat) && r.key === key) ?? null;
  }
}
const same = (a: ChatRef, b: ChatRef) => a.channel === b.channel && a.chatId === b.chatId;

/** A small seeded generator (mulberry32): the same operations on every run. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe.each([
  { name: "deleting old turns on every append, a cache smaller than the chats", options: { cachedTurns: 5, forgetEveryMs: 0 }, seed: 1 },
  { name: "deleting old turns now and then, a cache smaller than the chats", options: { cachedTurns: 5, forgetEveryMs: 200 }, seed: 2 },
  { name: "deleting old turns now and then, every chat in memory", options: { forgetEveryMs: 200 }, seed: 3 },
])("SqliteConversationStore gives the contract's answers: $name", ({ options, seed }) => {
  const CHATS: ChatRef[] = [
    { channel: "telegram", chatId: "1" },
    { channel: "telegram", chatId: "2" },
    { channel: "telegram", chatId: "3" },
    { channel: "telegram", chatId: "4" },
    { channel: "terminal", chatId: "1" },
  ];

  it("through random appends (alone and in bursts), ends of context and reads, and the file holds what it answers", async () => {
    const store = open(options);
    const reference = new Reference();
    const rand = random(seed);
    const issued: Array<{ chat: ChatRef; key: string }> = [];
    let clock = 0;
    for (let step = 0; step < 1_500; step++) {
      const chat = CHATS[rand(CHATS.length)]!;
      const op = rand(10);
      if (op < 5) {
        // Alone, or a burst of several at once (one commit), maybe with a ticket opened right after.
        const writes: Promise<void>[] = [];
        const burst = rand(3) === 0 ? 2 + rand(4) : 1;
        for (let i = 0; i < burst; i++) {
          const at = CHATS[rand(CHATS.length)]!;
          const by = i === 0 ? chat : at;
          clock += rand(30);
          const key = `k${step}-${i}`;
          const t = turn({ ...by, userId: by.chatId } as typeof ALICE, key, clock, { outcome: rand(4) === 0 ? "clarify" : "answered" });
          // Keep 3 per chat, forget what is older than 400.
          const limits = { keepPerChat: 3, forgetBefore: clock - 400 };
          writes.push(store.appendTurn(t, limits));
          reference.append(t, limits);
          issued.push({ chat: by, key });
        }
        if (burst > 1 && rand(3) === 0) {
          writes.push(store.endContext(chat));
          reference.endContext(chat);
        }
        await Promise.all(writes);
      } else if (op < 6) {
        await store.endContext(chat);
        reference.endContext(chat);
      } else if (op < 8) {
        const since = clock - rand(600);
        const limit = rand(6);
        expect(await store.recentTurns(chat, since, limit), `step ${step}: recentTurns`).toEqual(reference.recent(chat, since, limit));
      } else {
        const pick = issued.length > 0 && rand(4) > 0 ? issued[rand(issued.length)]! : { chat, key: "never" };
        const asked = rand(3) === 0 ? chat : pick.chat;
        expect(await store.turnByKey(asked, pick.key), `step ${step}: turnByKey`).toEqual(reference.byKey(asked, pick.key));
      }
    }
    // A fresh store (as after a restart) reads the file alone: it holds the same turns, once old ones are deleted.
    await store.appendTurn(turn(ALICE, "last", clock + 1_000), { keepPerChat: 3, forgetBefore: clock - 400 + 1_000 });
    reference.append(turn(ALICE, "last", clock + 1_000), { keepPerChat: 3, forgetBefore: clock - 400 + 1_000 });
    const fresh = open();
    for (const chat of [...CHATS, ALICE]) {
      expect(await fresh.recentTurns(chat, 0, 10)).toEqual(reference.recent(chat, 0, 10));
      expect(await store.recentTurns(chat, 0, 10)).toEqual(reference.recent(chat, 0, 10));
    }
  });
});

describe("TurnCache", () => {
  it("holds at most its bound across chats, evicting the least recently used; one chat over the bound stays", () => {
    const cache = new TurnCache(4);
    cache.fill(ALICE, [turn(ALICE, "a1", 1), turn(ALICE, "a2", 2)]);
    cache.fill(BOB, [turn(BOB, "b1", 1), turn(BOB, "b2", 2)]);
    cache.get(ALICE);
    cache.fill(CAROL, [turn(CAROL, "c1", 1)]);
    expect(cache.get(BOB)).toBeUndefined();
    expect(keys([...(cache.get(ALICE) ?? [])])).toEqual(["a1", "a2"]);
    expect(cache.size).toBe(3);
    cache.append(turn(CAROL, "c2", 2), 20);
    cache.append(turn(CAROL, "c3", 3), 20);
    // CAROL (3) and ALICE (2) are 5: ALICE, used less recently, goes.
    expect(cache.get(ALICE)).toBeUndefined();
    expect(cache.size).toBe(3);
    cache.fill(BOB, [1, 2, 3, 4, 5].map((i) => turn(BOB, `b${i}`, i)));
    expect(cache.size).toBe(5);
    expect(cache.get(CAROL)).toBeUndefined();
  });

  it("keeps a chat's newest turns up to the limit, and nothing for a chat it does not hold", () => {
    const cache = new TurnCache();
    cache.append(turn(ALICE, "a0", 0), 2);
    expect(cache.get(ALICE)).toBeUndefined();
    cache.fill(ALICE, []);
    for (let i = 1; i <= 4; i++) cache.append(turn(ALICE, `a${i}`, i), 2);
    expect(keys([...(cache.get(ALICE) ?? [])])).toEqual(["a3", "a4"]);
    cache.forgetBefore(4);
    expect(keys([...(cache.get(ALICE) ?? [])])).toEqual(["a4"]);
    expect(cache.size).toBe(1);
  });
});
