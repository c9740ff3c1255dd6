/**
 * npm run migrate: an office's tickets.sqlite copied into PostgreSQL reads back the same through the
 * HandoffStore interface; a second run copies nothing; a run stopped part-way resumes; numbering
 * goes on after the copied ids; a database holding other tickets is refused. PostgreSQL only.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireInstanceLock } from "../../src/handoff/instance-lock.js";
import { PgHandoffStore } from "../../src/handoff/pg-store.js";
import { HandoffService } from "../../src/handoff/service.js";
import { SqliteHandoffStore } from "../../src/handoff/sqlite-store.js";
import type { HandoffStore } from "../../src/handoff/store.js";
import type { Asker } from "../../src/handoff/types.js";
import { copySqliteToPostgres, CopyConflictError, type TableReport } from "../../src/store/pg/copy-from-sqlite.js";
import { testPostgresUrl } from "../support/handoff-backends.js";
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
    for (let u = 100; u < 130; u++) await s.firstSeen(u);
    for (const o of ["answered", "answered", "handoff", "smalltalk"] as const) await s.recordOutcome(o);
  } finally {
    await s.shutdown();
  }
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
    outcomes: byKey(await store.outcomeCounts(), "outcome"),
    states: (await store.deliveriesInStates({ states: ["pending", "leased", "sending", "delivered", "failed", "uncertain"] })).map((d) => [d.id, d.state]),
  };
}

describe.skipIf(!url)("npm run migrate: SQLite → PostgreSQL", () => {
  const pgUrl = url!;
  let dataDir: string;
  let schema: TestSchema;
  const opened: HandoffStore[] = [];
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
  const copy = (opts: { batchSize?: number; afterBatch?: (table: string, n: number) => void } = {}) =>
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

  it("copies tickets, events, the staff-message mapping, the outbox, update ids and outcomes: PostgreSQL reads back what SQLite holds", async () => {
    const report = await copy();
    expect(report.map((r) => [r.table, r.source, r.copied, r.present])).toEqual([
      ["tickets", 7, 7, 0],
      ["ticket_events", expect.any(Number), expect.any(Number), 0],
      ["staff_messages", 4, 4, 0],
      ["deliveries", expect.any(Number), expect.any(Number), 0],
      ["processed_updates", 30, 30, 0],
      ["answer_outcomes", 4, 4, 0],
    ]);
    const pg = await pgStore();
    const before = await snapshot(sqliteStore());
    expect(await snapshot(pg)).toEqual(before);
    expect(before.states.map(([, state]) => state)).toEqual(expect.arrayContaining(["delivered", "failed", "pending", "sending", "leased"]));
    expect(before.perTicket[0]?.card).toEqual({ chatId: STAFF_CHAT, messageId: 503 });
    // The update ids are known: a duplicate after the switch is still dropped.
    expect(await pg.recordUpdateOnce(110, Date.now())).toBe(false);
  });

  it("run twice: the second run copies nothing and changes nothing", async () => {
    const first = await copy();
    const after = await snapshot(await pgStore());
    const second = await copy();
    expect(total(second, "copied")).toBe(0);
    expect(total(second, "present")).toBe(total(first, "copied"));
    expect(await snapshot(await pgStore())).toEqual(after);
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

  it("after the copy, new tickets, events and deliveries get numbers after the copied ones", async () => {
    await copy();
    const pg = await pgStore();
    const maxDelivery = Math.max(...(await pg.deliveriesInStates({ states: ["pending", "leased", "sending", "delivered", "failed", "uncertain"] })).map((d) => d.id));
    const service = new HandoffService(pg, { staffChatId: STAFF_CHAT });
    const { ticket } = await service.openTicket({ asker: asker(50), question: "迁移后的新问题", candidates: [] });
    expect(ticket.id).toBe(8);
    expect((await service.deliveriesOf(8)).map((d) => d.id)).toEqual([maxDelivery + 1, maxDelivery + 2]);
    await service.recordOutcome("answered");
    expect((await service.stats()).outcomes.answered).toBe(3);
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
    expect(first.stdout).toMatch(/tickets\s+7 in SQLite,\s+7 copied now,\s+0 already there/);
    const second = await run(env);
    expect(second.stdout).toMatch(/tickets\s+7 in SQLite,\s+0 copied now,\s+7 already there/);

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
