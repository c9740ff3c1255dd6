/**
 * npm run migrate: an office's SQLite stores (tickets, FAQ, question log, conversations, the askers'
 * salt) copied into PostgreSQL read back the same through each store's interface; a second run
 * copies nothing; a run stopped part-way resumes; numbering goes on after the copied ids; a
 * database holding other data is refused. PostgreSQL only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import { PgConversationStore } from "../../src/conversation/pg-store.js";
import { ConversationService } from "../../src/conversation/service.js";
import { SqliteConversationStore } from "../../src/conversation/sqlite-store.js";
import type { ConversationStore } from "../../src/conversation/store.js";
import { PgFaqStore } from "../../src/faq/pg-store.js";
import { FaqService } from "../../src/faq/service.js";
import { SqliteFaqStore } from "../../src/faq/sqlite-store.js";
import type { FaqStore } from "../../src/faq/store.js";
import { acquireInstanceLock } from "../../src/handoff/instance-lock.js";
import { PgHandoffStore } from "../../src/handoff/pg-store.js";
import { HandoffService } from "../../src/handoff/service.js";
import { SqliteHandoffStore } from "../../src/handoff/sqlite-store.js";
import type { HandoffStore } from "../../src/handoff/store.js";
import type { Asker } from "../../src/handoff/types.js";
import { PgPolicyVersionStore } from "../../src/policy/pg-version-store.js";
import { SqlitePolicyVersionStore } from "../../src/policy/sqlite-version-store.js";
import { PgUserStore } from "../../src/users/pg-store.js";
import { SqliteUserStore } from "../../src/users/sqlite-store.js";
import { PgQuestionLogStore } from "../../src/question-log/pg-store.js";
import { loadSalt } from "../../src/question-log/salt.js";
import { QuestionLog } from "../../src/question-log/service.js";
import { SqliteQuestionLogStore } from "../../src/question-log/sqlite-store.js";
import type { QuestionLogStore } from "../../src/question-log/store.js";
import { copySqliteToPostgres, CopyConflictError, type TableReport } from "../../src/store/pg/copy-from-sqlite.js";
import { TestCorpus } from "../faq/fixtures.js";
import { testPostgresUrl } from "../support/store-backends.js";
import { createTestSchema, type TestSchema } from "../support/pg-schema.js";
import { distScript, runCommand } from "../support/run-command.js";

const url = testPostgresUrl();
const STAFF_CHAT = "-1001";
const asker = (n: number): Asker => ({ channel: n % 3 === 0 ? "terminal" : "telegram", chatId: String(n), userId: String(n), displayName: `用户${n}` });
const alice = { userId: "901", displayName: "Alice" };

/** An office's history: every ticket status, events, cards (one posted twice), each outbox state, update ids, outcomes. */
async function seedOffice(dataDir: string): Promise<void> {
  let clock = Date.UTC(2024, 2, 1);
  const s = new HandoffService(SqliteHandoffStore.open(dataDir), { staffChatId: STAFF_CHAT, now: () => (clock += 1_000) });
  try {
    for (let n = 1; n <= 7; n++) await s.openTicket({ asker: asker(n), question: `问题 ${n}：营业执照'"<b>🙂`, candidates: [{ measure: n, title: `措施${n}`, departments: ["市市场监管局"] }] });
    await s.claimTicket(2, alice);
    await s.replyToTicket(3, alice, "答复：请带身份证");
    await s.closeTicket(4, "cli");
    await s.addFollowUp(1, asker(1), "补充一句");
    await s.recordStaffMessage(1, STAFF_CHAT, 501, { card: true });
    await s.recordStaffMessage(1, STAFF_CHAT, 502);
    await s.recordStaffMessage(1, STAFF_CHAT, 503, { card: true });
    await s.recordStaffMessage(2, STAFF_CHAT, 504, { card: true });
    const leased = await s.claimDeliveries({ owner: "old-bot", channel: "telegram", limit: 6 });
    await s.beginSending(leased[0]!.id, "old-bot");
    await s.markDelivered(leased[0]!.id);
    await s.beginSending(leased[1]!.id, "old-bot");
    await s.markFailed(leased[1]!.id, "400: chat not found", { permanent: true });
    await s.beginSending(leased[2]!.id, "old-bot");
    await s.markFailed(leased[2]!.id, "502", { retryAfterMs: 30_000, partsSent: 1 });
    await s.beginSending(leased[3]!.id, "old-bot"); // left "sending", as a crash leaves it
    for (let u = 100; u < 129; u++) {
      await s.claimUpdate(u);
      await s.finishUpdate(u);
    }
    await s.claimUpdate(129); // taken, not finished, as a crash leaves it
    await s.queueStaffNotice({ ticketId: 3, kind: "faq-card", body: "1", key: "faq-card:1" });
  } finally {
    await s.shutdown();
  }
  // Answer outcomes an older version counted (the question log replaced them): kept, and copied.
  const legacy = SqliteHandoffStore.open(dataDir);
  legacy.db.exec(`INSERT INTO answer_outcomes (at, outcome) VALUES (1, 'answered'), (2, 'answered'), (3, 'handoff'), (4, 'smalltalk')`);
  await legacy.close();

  // Two publications of the policy corpus: the second is the version to serve.
  const versions = SqlitePolicyVersionStore.open(dataDir);
  await versions.record({ version: "aaaa-1111", publishedAt: 10, by: "李工", measures: 42, diff: { added: [], changed: [], removed: [] } });
  await versions.record({ version: "bbbb-2222", publishedAt: 20, by: "王科长", measures: 43, diff: { added: [{ number: 43 }], changed: [{ number: 7 }], removed: [] } });
  await versions.close();

  // A console account and its audit line (sessions are not copied: people log in again).
  const users = SqliteUserStore.open(dataDir);
  const carol = (await users.addUser({ name: "carol", role: "maintainer", passwordHash: "scrypt$32768$8$1$salt$hash", at: 30 }))!;
  await users.appendAudit({ at: 31, actor: "cli:root", action: "user-add", target: "user:carol", detail: "maintainer" });
  await users.createSession({ tokenHash: "t", userId: carol.id, csrf: "c", createdAt: 32, expiresAt: Number.MAX_SAFE_INTEGER });
  await users.close();

  // The FAQ: a candidate from ticket #3's reply (approved, hit twice), an imported entry, a rejected one.
  const faq = new FaqService(SqliteFaqStore.open(dataDir), { corpus: new TestCorpus(), now: () => (clock += 1_000) });
  try {
    await faq.fileCandidate({ source: { ticketId: 3, replyEventId: 4, staff: { id: "staff:901", name: "Alice" }, answeredAt: clock, candidates: [] }, question: "问题 3", answer: "答复：请带身份证" });
    await faq.review(1, "approve", { id: "cli:bob", name: "bob" }, { edit: { questions: ["问题 3", "问题三"], answer: "答复：请带身份证", measures: [2] } });
    await faq.recordHit(1);
    await faq.recordHit(1);
    await faq.recordCard(1, { chatId: STAFF_CHAT, messageId: 600 });
    await faq.importEntries([{ line: 2, questions: ["政务大厅在哪"], answer: "友谊路 1 号", measures: [], status: "approved" }], { id: "cli:bob", name: "bob" });
    await faq.importEntries([{ line: 2, questions: ["天气"], answer: "-", measures: [], status: "pending" }], { id: "cli:bob", name: "bob" });
    await faq.review(3, "reject", { id: "cli:bob", name: "bob" });
  } finally {
    await faq.close();
  }

  // The question log, hashed with the data folder's salt; feedback and a ticket link.
  const log = new QuestionLog(SqliteQuestionLogStore.open(dataDir), { salt: loadSalt(dataDir, null), now: () => (clock += 1_000) });
  try {
    for (let n = 1; n <= 5; n++) {
      const id = await log.record({ asker: { channel: "telegram", userId: String(n) }, question: `提问 ${n}`, answer: answerOf(n), latencyMs: n + 0.25 });
      if (n === 2) await log.feedback(id!, { channel: "telegram", userId: "2" }, "down");
      if (n === 3) await log.linkTicket(id!, 3);
    }
  } finally {
    await log.close();
  }

  // Conversations: a clarify offer (its buttons must work after the switch) and a follow-up.
  const convo = new ConversationService(SqliteConversationStore.open(dataDir), { windowMs: 10 * 60_000, now: () => clock });
  try {
    const offer = await convo.record({ channel: "telegram", chatId: "1", userId: "1" }, "贷款", answerOf(4));
    const first = await convo.record({ channel: "telegram", chatId: "2", userId: "2" }, "开公司要几天？", answerOf(1));
    await convo.record({ channel: "telegram", chatId: "2", userId: "2" }, "那注销呢？", answerOf(1), [first]);
    offerKey = offer.key;
  } finally {
    await convo.shutdown();
  }
}

let offerKey = "";

function answerOf(n: number): Answer {
  const cite = (measure: number) => ({ measure, title: `措施${measure}`, departments: ["市市场监管局"] });
  if (n === 3) return { outcome: "handoff", text: "…", citations: [], sections: [], related: [cite(3)], handoffReason: "fact-missing" };
  if (n === 4) return { outcome: "clarify", text: "…", citations: [], sections: [], related: [], choices: [16, 19].map((m) => ({ ...cite(m), covers: `覆盖${m}` })), understood: "贷款" };
  if (n === 5) return { outcome: "answered", source: "faq", faq: { entryId: 1, kind: "answer", approvedAt: 1, answer: "答复" }, text: "…", citations: [cite(2)], sections: [], related: [] };
  return { outcome: "answered", text: "…", citations: [cite(n)], sections: [], related: [], understood: `问题${n}` };
}

/** Everything the service can read, for comparing two stores. */
async function snapshot(store: HandoffStore) {
  const tickets = await store.ticketsByStatus(null);
  const perTicket = await Promise.all(
    tickets.map(async (t) => ({ t, events: await store.eventsOf(t.id), deliveries: await store.deliveriesOfTicket(t.id), card: await store.cardOf(t.id) })),
  );
  const mapping = await Promise.all([501, 502, 503, 504, 505].map((m) => store.ticketIdForStaffMessage(STAFF_CHAT, m)));
  const byKey = <T extends Record<string, unknown>>(rows: T[], k: keyof T) => [...rows].sort((a, b) => String(a[k]).localeCompare(String(b[k])));
  return {
    perTicket,
    mapping,
    active: await store.latestActiveTicketOf("1"),
    statuses: byKey(await store.statusCounts(), "status"),
    durations: await store.firstReplyDurations(),
    replies: await store.eventsOfKindSince("staff-reply", 0, 100),
    states: (await store.deliveriesInStates({ states: ["pending", "leased", "sending", "delivered", "failed", "uncertain"] })).map((d) => [d.id, d.state]),
  };
}

async function faqSnapshot(store: FaqStore) {
  const entries = await store.entries(null);
  return {
    entries,
    reviews: await Promise.all(entries.map((e) => store.reviewsOf(e.id))),
    version: await store.servingVersion(),
    repliesSeen: await store.repliesSeen(),
  };
}

async function logSnapshot(store: QuestionLogStore) {
  return { questions: await store.questionsSince(0), summary: await store.summarySince(0) };
}

async function conversationSnapshot(store: ConversationStore) {
  const chats = ["1", "2"].map((chatId) => ({ channel: "telegram" as const, chatId }));
  return {
    recent: await Promise.all(chats.map((c) => store.recentTurns(c, 0, 10))),
    offer: await store.turnByKey({ channel: "telegram", chatId: "1" }, offerKey),
  };
}

describe.skipIf(!url)("npm run migrate: SQLite → PostgreSQL", () => {
  const pgUrl = url!;
  let dataDir: string;
  let schema: TestSchema;
  const opened: Array<{ close(): Promise<void> }> = [];
  const keep = <T extends { close(): Promise<void> }>(store: T): T => (opened.push(store), store);
  const on = () => ({ url: pgUrl, schema: schema.name });
  const pgStore = async () => {
    const s = await PgHandoffStore.open({ url: pgUrl, schema: schema.name });
    opened.push(s);
    return s;
  };
  const sqliteStore = () => {
    const s = SqliteHandoffStore.open(dataDir);
    opened.push(s);
    return s;
  };
  const copy = (opts: { batchSize?: number; afterBatch?: (table: string, n: number) => void; questionLogSalt?: string } = {}) =>
    copySqliteToPostgres({ dataDir, databaseUrl: pgUrl, databaseSchema: schema.name, ...opts });
  const total = (r: TableReport[], k: "source" | "copied" | "present") => r.reduce((n, t) => n + t[k], 0);

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-"));
    schema = await createTestSchema(pgUrl);
    await seedOffice(dataDir);
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await schema.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("copies every store: PostgreSQL reads back what SQLite holds, through each store's interface", async () => {
    const report = await copy();
    expect(report.map((r) => [r.file, r.table, r.source, r.copied, r.present])).toEqual([
      ["tickets.sqlite", "tickets", 7, 7, 0],
      ["tickets.sqlite", "ticket_events", expect.any(Number), expect.any(Number), 0],
      ["tickets.sqlite", "staff_messages", 4, 4, 0],
      ["tickets.sqlite", "deliveries", expect.any(Number), expect.any(Number), 0],
      ["tickets.sqlite", "processed_updates", 30, 30, 0],
      ["tickets.sqlite", "answer_outcomes", 4, 4, 0],
      ["faq.sqlite", "faq_entries", 3, 3, 0],
      ["faq.sqlite", "faq_reviews", expect.any(Number), expect.any(Number), 0],
      // serving_version and replies_seen are raised from 0.
      ["faq.sqlite", "faq_meta", 2, 2, 0],
      ["questions.sqlite", "questions", 5, 5, 0],
      ["conversations.sqlite", "turns", 3, 3, 0],
      ["policy-versions.sqlite", "policy_versions", 2, 2, 0],
      ["console.sqlite", "console_users", 1, 1, 0],
      ["console.sqlite", "console_audit", 1, 1, 0],
      ["question-log.salt", "question_log_salt", 1, 1, 0],
    ]);
    const pg = keep(await pgStore());
    const before = await snapshot(sqliteStore());
    expect(await snapshot(pg)).toEqual(before);
    expect(before.states.map(([, state]) => state)).toEqual(expect.arrayContaining(["delivered", "failed", "pending", "sending", "leased"]));
    expect(before.perTicket[0]?.card).toEqual({ chatId: STAFF_CHAT, messageId: 503 });
    // The update ids are known: a duplicate after the switch is still dropped.
    expect(await pg.claimUpdate(110, "new-instance", Date.now(), 60_000)).toBe("done");
    // The unfinished claim keeps its owner and time: busy while fresh, taken over once stale.
    const [claim] = await schema.query<{ at: number; done: boolean }>(`SELECT claimed_at::float8 AS at, done FROM processed_updates WHERE update_id = 129`);
    expect(claim!.done).toBe(false);
    expect(await pg.claimUpdate(129, "new-instance", claim!.at + 1, 60_000)).toBe("busy");
    expect(await pg.claimUpdate(129, "new-instance", claim!.at + 60_000, 60_000)).toBe("mine");
    // The FAQ card's key too: it is not queued twice.
    expect(await pg.transaction((tx) => tx.enqueueDelivery({ ticketId: 3, kind: "faq-card", channel: "telegram", chatId: STAFF_CHAT, body: "1", at: 1, key: "faq-card:1" }))).toBeNull();

    const faqBefore = await faqSnapshot(keep(SqliteFaqStore.open(dataDir)));
    expect(faqBefore.entries.map((e) => [e.id, e.status, e.hits])).toEqual([
      [1, "approved", 2],
      [2, "approved", 0],
      [3, "rejected", 0],
    ]);
    expect(faqBefore.version).toBeGreaterThan(0);
    expect(await faqSnapshot(keep(await PgFaqStore.open(on())))).toEqual(faqBefore);

    const logBefore = await logSnapshot(keep(SqliteQuestionLogStore.open(dataDir)));
    expect(logBefore.summary).toMatchObject({ questions: 5, faqAnswers: 1, down: 1 });
    expect(await logSnapshot(keep(await PgQuestionLogStore.open(on())))).toEqual(logBefore);

    const convoBefore = await conversationSnapshot(keep(SqliteConversationStore.open(dataDir)));
    expect(convoBefore.offer?.choices.map((c) => c.measure)).toEqual([16, 19]);
    expect(await conversationSnapshot(keep(await PgConversationStore.open(on())))).toEqual(convoBefore);

    const versionsBefore = await keep(SqlitePolicyVersionStore.open(dataDir)).history(10);
    expect(versionsBefore.map((v) => v.version)).toEqual(["bbbb-2222", "aaaa-1111"]);
    const pgVersions = keep(await PgPolicyVersionStore.open(on()));
    expect(await pgVersions.history(10)).toEqual(versionsBefore);
    // A publication after the copy comes after the copied ones.
    expect((await pgVersions.record({ version: "cccc-3333", publishedAt: 30, by: "x", measures: 1, diff: { added: [], changed: [], removed: [] } })).id).toBe(3);

    const pgUsers = keep(await PgUserStore.open(on()));
    expect(await pgUsers.userByName("carol")).toEqual(await keep(SqliteUserStore.open(dataDir)).userByName("carol"));
    expect(await pgUsers.audit(10)).toEqual(await keep(SqliteUserStore.open(dataDir)).audit(10));
    expect(await pgUsers.session("t", 0)).toBeNull();
    expect((await pgUsers.addUser({ name: "dave", role: "staff", passwordHash: "h", at: 40 }))!.id).toBe(2);
  });

  it("after the copy, the askers' hashes still match: 👍/👎 on a copied question is taken from its asker only", async () => {
    await copy();
    const pgLog = keep(await PgQuestionLogStore.open(on()));
    // An instance without QUESTION_LOG_SALT reads the copied salt, not a new one.
    const salt = await pgLog.sharedSalt("a-new-salt-that-must-not-win");
    expect(salt).toBe(loadSalt(dataDir, null));
    const log = new QuestionLog(pgLog, { salt });
    const [first] = await log.questionsSince(0);
    expect(await log.feedback(first!.id, { channel: "telegram", userId: "2" }, "up")).toBe("not-yours");
    expect(await log.feedback(first!.id, { channel: "telegram", userId: "1" }, "up")).toBe("recorded");
  });

  it("run twice: the second run copies nothing and changes nothing", async () => {
    const first = await copy();
    const all = async () => [
      await snapshot(await pgStore()),
      await faqSnapshot(keep(await PgFaqStore.open(on()))),
      await logSnapshot(keep(await PgQuestionLogStore.open(on()))),
      await conversationSnapshot(keep(await PgConversationStore.open(on()))),
    ];
    const after = await all();
    const second = await copy();
    expect(total(second, "copied")).toBe(0);
    expect(total(second, "present")).toBe(total(first, "copied"));
    expect(await all()).toEqual(after);
  });

  it("a run stopped part-way resumes: the next run copies the rest, and the result is the same", async () => {
    let batches = 0;
    const stopped = await copy({
      batchSize: 3,
      afterBatch: () => {
        if (++batches === 4) throw new Error("interrupted (power cut)");
      },
    }).catch((e: unknown) => e);
    expect(stopped).toMatchObject({ message: "interrupted (power cut)" });
    const partly = await (await pgStore()).ticketsByStatus(null);
    expect(partly.length).toBe(7); // tickets (3 batches) are in; events only started
    const rest = await copy({ batchSize: 3 });
    expect(rest.find((r) => r.table === "ticket_events")?.present).toBe(3);
    expect(await snapshot(await pgStore())).toEqual(await snapshot(sqliteStore()));
  });

  it("after the copy, new tickets, events, deliveries, FAQ entries, questions and turns get numbers after the copied ones", async () => {
    await copy();
    const pg = keep(await pgStore());
    const maxDelivery = Math.max(...(await pg.deliveriesInStates({ states: ["pending", "leased", "sending", "delivered", "failed", "uncertain"] })).map((d) => d.id));
    const service = new HandoffService(pg, { staffChatId: STAFF_CHAT });
    const { ticket } = await service.openTicket({ asker: asker(50), question: "迁移后的新问题", candidates: [] });
    expect(ticket.id).toBe(8);
    expect((await service.deliveriesOf(8)).map((d) => d.id)).toEqual([maxDelivery + 1, maxDelivery + 2]);

    const faq = keep(await PgFaqStore.open(on()));
    expect(await faq.transaction((tx) => tx.insertEntry({ status: "pending", questions: ["新"], answer: "a", measures: [], measureDigests: {}, source: null, at: 1, review: null }))).toBe(4);
    const log = keep(await PgQuestionLogStore.open(on()));
    const q = { at: 1, askerHash: "h", channel: "telegram", question: "新", outcome: "answered", handoffReason: null, source: "policy" as const, faqEntryId: null, cited: [], latencyMs: 1 };
    expect(await log.append(q)).toBe(6);
    const turns = keep(await PgConversationStore.open(on()));
    const chat = { channel: "telegram" as const, chatId: "9", userId: "9" };
    await turns.appendTurn({ ...chat, key: "new", at: Date.now(), question: "新", context: null, outcome: "answered", handoffReason: null, understood: null, language: "zh", citations: [], related: [], choices: [], inContext: true }, { keepPerChat: 20, forgetBefore: 0 });
    expect(await schema.query(`SELECT id::int AS id FROM turns WHERE turn_key = 'new'`)).toEqual([{ id: 4 }]);
  });

  it("an office that never used the FAQ, the log or follow-ups: only tickets.sqlite is copied, and no empty SQLite file is made", async () => {
    for (const f of ["faq.sqlite", "questions.sqlite", "conversations.sqlite", "policy-versions.sqlite", "console.sqlite", "question-log.salt"]) {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.join(dataDir, f + suffix), { force: true });
    }
    const report = await copy();
    expect(report.filter((r) => r.file !== "tickets.sqlite").map((r) => [r.table, r.source])).toEqual([
      ["faq_entries", 0],
      ["faq_reviews", 0],
      ["faq_meta", 0],
      ["questions", 0],
      ["turns", 0],
      ["policy_versions", 0],
      ["console_users", 0],
      ["console_audit", 0],
    ]);
    expect(fs.existsSync(path.join(dataDir, "faq.sqlite"))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "questions.sqlite"))).toBe(false);
  });

  it("with QUESTION_LOG_SALT set, the data folder's salt file is not copied (the instances hash with the configured one)", async () => {
    const report = await copy({ questionLogSalt: "the-configured-salt-1234" });
    expect(report.map((r) => r.table)).not.toContain("question_log_salt");
    expect(await schema.query(`SELECT salt FROM question_log_salt`)).toEqual([]);
  });

  it("refuses to copy into a database that holds other tickets under the same numbers, and copies nothing of that batch", async () => {
    const other = await pgStore();
    await new HandoffService(other, { staffChatId: null }).openTicket({ asker: asker(99), question: "另一个办公室的工单", candidates: [] });
    const err = await copy().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CopyConflictError);
    expect((err as Error).message).toMatch(/^tickets id 1 is already in PostgreSQL with other asker_chat_id, asker_user_id, question, created_at/);
    expect((await other.ticketsByStatus(null)).map((t) => t.question)).toEqual(["另一个办公室的工单"]);
  });

  it("the npm script: copies with DATA_DIR and DATABASE_URL, twice without harm; refuses while the bot runs on DATA_DIR, and without DATABASE_URL", async () => {
    const run = (env: Record<string, string>) => runCommand(process.execPath, [distScript("migrate")], { env });
    const env = { DATA_DIR: dataDir, DATABASE_URL: schema.urlWithSchema };
    const first = await run(env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/tickets\.sqlite tickets\s+7 in SQLite,\s+7 copied now,\s+0 already there/);
    expect(first.stdout).toMatch(/faq\.sqlite faq_entries\s+3 in SQLite,\s+3 copied now,\s+0 already there/);
    expect(first.stdout).toMatch(/questions\.sqlite questions\s+5 in SQLite,\s+5 copied now,\s+0 already there/);
    expect(first.stdout).toMatch(/conversations\.sqlite turns\s+3 in SQLite,\s+3 copied now,\s+0 already there/);
    const second = await run(env);
    expect(second.stdout).toMatch(/tickets\.sqlite tickets\s+7 in SQLite,\s+0 copied now,\s+7 already there/);
    expect(second.stdout).toMatch(/questions\.sqlite questions\s+5 in SQLite,\s+0 copied now,\s+5 already there/);

    const lock = acquireInstanceLock(dataDir);
    try {
      const refused = await run(env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/another npm start is already running on the data folder/);
    } finally {
      lock.release();
    }
    const noUrl = await run({ DATA_DIR: dataDir });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/DATABASE_URL is not set/);
  });
});
