/**
 * What only the PostgreSQL store does: migrations under an advisory lock, coordination between
 * connections and processes (claims, first tickets, update ids, ticket numbers, outbox leases with
 * SKIP LOCKED and lease expiry), and faults of a real server mapped to store faults. Each test in
 * a schema of its own. Skipped, with the global setup's notice, when PostgreSQL is not reachable.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OutboxWorker, type SendResult } from "../../src/handoff/outbox-worker.js";
import { PgHandoffStore } from "../../src/handoff/pg-store.js";
import { HandoffService } from "../../src/handoff/service.js";
import { hintFor, StoreUnavailableError } from "../../src/handoff/store.js";
import type { Asker, Delivery } from "../../src/handoff/types.js";
import { reasonForSqlState, toPgStoreError } from "../../src/store/pg/errors.js";
import { migrate, readMigrations, type Migration } from "../../src/store/pg/migrate.js";
import { createPgPool } from "../../src/store/pg/pool.js";
import { testPostgresUrl } from "../support/store-backends.js";
import { createTestSchema, type TestSchema } from "../support/pg-schema.js";
import { TcpProxy } from "../support/tcp-proxy.js";

const url = testPostgresUrl();
const asker = (n: number): Asker => ({ channel: "telegram", chatId: String(n), userId: String(n), displayName: `用户${n}` });
const staff = (n: number) => ({ userId: `s${n}`, displayName: `工作人员${n}` });
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.skipIf(!url)("PgHandoffStore (PostgreSQL only)", () => {
  const pgUrl = url!;
  let schema: TestSchema;
  const stores: PgHandoffStore[] = [];

  const openStore = async (opts: { lockWaitMs?: number; url?: string } = {}) => {
    const store = await PgHandoffStore.open({ url: opts.url ?? pgUrl, schema: schema.name, ...(opts.lockWaitMs ? { lockWaitMs: opts.lockWaitMs } : {}) });
    stores.push(store);
    return store;
  };
  /** One "instance": its own store (pool) and service, as each bot process has. */
  const instance = async (now: () => number = Date.now) => new HandoffService(await openStore(), { staffChatId: "-100", now, sharedStore: true });

  beforeEach(async () => {
    schema = await createTestSchema(pgUrl);
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await schema.drop();
  });

  describe("migrations", () => {
    it("creates every store's tables in one schema, records each numbered file, and a second start applies nothing", async () => {
      await openStore();
      expect(await schema.query(`SELECT version, name FROM schema_migrations ORDER BY version`)).toEqual([
        { version: 1, name: "handoff" },
        { version: 2, name: "handoff_dedupe_and_event_kinds" },
        { version: 3, name: "faq" },
        { version: 4, name: "question_log" },
        { version: 5, name: "conversations" },
        { version: 6, name: "api_askers" },
        { version: 7, name: "policy_versions" },
        { version: 8, name: "console_users" },
        { version: 9, name: "update_claims" },
      ]);
      const tables = await schema.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [schema.name]);
      expect(tables.map((r) => r.t)).toEqual([
        "answer_outcomes",
        "console_audit",
        "console_sessions",
        "console_users",
        "deliveries",
        "faq_entries",
        "faq_meta",
        "faq_reviews",
        "policy_versions",
        "processed_updates",
        "question_log_salt",
        "questions",
        "schema_migrations",
        "staff_messages",
        "ticket_events",
        "tickets",
        "turns",
      ]);
      const pool = createPgPool({ url: pgUrl, schema: schema.name });
      try {
        expect(await migrate(pool)).toEqual({ applied: [], version: 9 });
      } finally {
        await pool.end();
      }
    });

    it("a database at version 1 (an h10-era start) gets only the later files, and its tickets keep working with dedupe keys", async () => {
      const pool = createPgPool({ url: pgUrl, schema: schema.name });
      try {
        const all = readMigrations();
        expect(await migrate(pool, all.slice(0, 1))).toEqual({ applied: [1], version: 1 });
        await schema.query(
          `INSERT INTO tickets (asker_channel, asker_chat_id, asker_user_id, asker_name, question, status, created_at, updated_at) VALUES ('telegram', '1', '1', 'a', 'q', 'open', 1, 1)`,
        );
        expect(await migrate(pool, all)).toEqual({ applied: [2, 3, 4, 5, 6, 7, 8, 9], version: 9 });
      } finally {
        await pool.end();
      }
      const store = await openStore();
      const key = (body: string) => store.transaction((tx) => tx.enqueueDelivery({ ticketId: 1, kind: "faq-card", channel: "telegram", chatId: "-1", body, at: 2, key: "faq-card:1" }));
      expect(await key("1")).toEqual(expect.any(Number));
      expect(await key("1")).toBeNull();
    });

    it("three instances starting at once on an empty schema: each migration runs exactly once", async () => {
      const pools = [0, 1, 2].map(() => createPgPool({ url: pgUrl, schema: schema.name }));
      try {
        const results = await Promise.all(pools.map((p) => migrate(p)));
        expect(results.flatMap((r) => r.applied).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
        expect(await schema.query(`SELECT version FROM schema_migrations ORDER BY version`)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((version) => ({ version })));
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    });

    it("creates the schema named in search_path when it does not exist yet", async () => {
      const fresh = `${schema.name}_new`;
      const store = await PgHandoffStore.open({ url: pgUrl, schema: fresh });
      try {
        expect(await store.ticketsByStatus(null)).toEqual([]);
      } finally {
        await store.close();
        await schema.query(`DROP SCHEMA ${fresh} CASCADE`);
      }
    });

    it("refuses a database migrated by a newer program", async () => {
      await (await openStore()).close();
      await schema.query(`INSERT INTO schema_migrations (version, name) VALUES (99, 'future')`);
      await expect(PgHandoffStore.open({ url: pgUrl, schema: schema.name })).rejects.toThrow(/schema version 99, newer than this program knows \(9\)/);
    });

    it("a failing migration is rolled back and named; fixed, the next start applies it", async () => {
      const pool = createPgPool({ url: pgUrl, schema: schema.name });
      const ok: Migration = { version: 1, name: "first", sql: `CREATE TABLE a (x INT);` };
      const bad: Migration = { version: 2, name: "second", sql: `CREATE TABLE b (x INT); SELECT * FROM no_such_table;` };
      try {
        await expect(migrate(pool, [ok, bad])).rejects.toThrow(/migration 0002_second\.sql failed: relation "no_such_table" does not exist/);
        expect(await schema.query(`SELECT to_regclass('b') AS b, to_regclass('a')::text AS a`)).toEqual([{ a: "a", b: null }]);
        expect(await migrate(pool, [ok, { ...bad, sql: `CREATE TABLE b (x INT);` }])).toEqual({ applied: [2], version: 2 });
      } finally {
        await pool.end();
      }
    });

    it("reads numbered files in order and refuses a bad name, a gap or a repeat", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-migrations-"));
      const write = (files: string[]) => {
        for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
        for (const f of files) fs.writeFileSync(path.join(dir, f), `-- ${f}`);
      };
      try {
        write(["0002_b.sql", "0001_a.sql", "README.md"]);
        expect(readMigrations(dir).map((m) => [m.version, m.name])).toEqual([
          [1, "a"],
          [2, "b"],
        ]);
        write(["0001_a.sql", "0003_c.sql"]);
        expect(() => readMigrations(dir)).toThrow(/0003_c\.sql: expected migration number 0002/);
        write(["0001_a.sql", "0001_again.sql"]);
        expect(() => readMigrations(dir)).toThrow(/expected migration number 0002/);
        write(["1_a.sql"]);
        expect(() => readMigrations(dir)).toThrow(/NNNN_name\.sql/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      expect(readMigrations().map((m) => m.name)).toEqual(["handoff", "handoff_dedupe_and_event_kinds", "faq", "question_log", "conversations", "api_askers", "policy_versions", "console_users", "update_claims"]);
    });
  });

  describe("coordination between instances", () => {
    it("claims racing from two instances: exactly one wins each ticket", async () => {
      const [a, b] = [await instance(), await instance()];
      const ids = [];
      for (let i = 0; i < 10; i++) ids.push((await a.openTicket({ asker: asker(i), question: "q", candidates: [] })).ticket.id);
      const results = await Promise.all(ids.flatMap((id) => [a.claimTicket(id, staff(1)), b.claimTicket(id, staff(2))]));
      for (let i = 0; i < ids.length; i++) {
        const pair = [results[2 * i]!, results[2 * i + 1]!];
        expect(pair.filter((r) => r.ok)).toHaveLength(1);
        expect(pair.find((r) => !r.ok)).toMatchObject({ reason: "held" });
        expect((await a.events(ids[i]!)).filter((e) => e.kind === "claimed")).toHaveLength(1);
      }
    });

    it("one asker's question reaching two instances at once opens one ticket", async () => {
      const [a, b] = [await instance(), await instance()];
      for (let n = 0; n < 8; n++) {
        const [x, y] = await Promise.all([
          a.openTicket({ asker: asker(n), question: "第一次", candidates: [] }),
          b.openTicket({ asker: asker(n), question: "第二次", candidates: [] }),
        ]);
        expect([x.created, y.created].sort()).toEqual([false, true]);
        expect(x.ticket.id).toBe(y.ticket.id);
      }
      expect(await a.list()).toHaveLength(8);
    });

    it("a ticket read inside a transaction stays as read until it commits: another instance's change waits for it", async () => {
      const a = await openStore();
      const b = new HandoffService(await openStore({ lockWaitMs: 300 }), { staffChatId: null });
      const { ticket } = await b.openTicket({ asker: asker(1), question: "q", candidates: [] });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let read = false;
      const reading = a.transaction(async (tx) => {
        await tx.ticket(ticket.id);
        read = true;
        await held;
      });
      while (!read) await new Promise((r) => setTimeout(r, 10));
      await expect(b.closeTicket(ticket.id, "cli").finally(release)).rejects.toMatchObject({ reason: "busy" });
      await reading;
      expect((await b.closeTicket(ticket.id, "cli")).status).toBe("closed");
    });

    it("ticket numbers come from one sequence: instances inserting at once never share a number", async () => {
      const services = [await instance(), await instance(), await instance()];
      const opened = await Promise.all(services.flatMap((s, i) => [0, 1, 2, 3].map((k) => s.openTicket({ asker: asker(100 * i + k), question: "q", candidates: [] }))));
      const ids = opened.map((o) => o.ticket.id).sort((x, y) => x - y);
      expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(await schema.query(`SELECT pg_get_serial_sequence('tickets', 'id') AS seq, column_default AS d FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'tickets' AND column_name = 'id'`, [schema.name])).toEqual([
        { seq: `${schema.name}.ticket_numbers`, d: "nextval('ticket_numbers'::regclass)" },
      ]);
    });

    it("events of one kind are committed in id order: a catch-up reader never passes a staff reply still being written", async () => {
      const a = await openStore();
      const b = await openStore();
      const { ticket } = await new HandoffService(a, { staffChatId: null }).openTicket({ asker: asker(1), question: "q", candidates: [] });
      const reply = (tx: Parameters<Parameters<PgHandoffStore["transaction"]>[0]>[0], body: string) =>
        tx.appendEvent({ ticketId: ticket.id, at: 1, kind: "staff-reply", actor: "staff:1", body });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let firstWritten!: () => void;
      const written = new Promise<void>((r) => (firstWritten = r));
      // Instance A writes a reply and has not committed yet.
      const first = a.transaction(async (tx) => {
        const id = await reply(tx, "first");
        firstWritten();
        await held;
        return id;
      });
      await written;
      // Instance B writes a reply meanwhile: it waits for A's commit instead of taking a number and committing first.
      const second = b.transaction((tx) => reply(tx, "second"));
      const waiting = async () =>
        (
          await schema.query<{ n: number }>(
            `SELECT COUNT(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1 AND classid = (hashtext('staff-reply')::bigint & 4294967295)::oid`,
            [0x4b504b45],
          )
        )[0]!.n;
      try {
        await vi.waitFor(async () => expect(await waiting()).toBeGreaterThan(0), { timeout: 10_000 });
        // A reader catching up now sees neither, so its cursor cannot move past A's reply.
        expect(await a.eventsOfKindSince("staff-reply", 0, 10)).toEqual([]);
      } finally {
        release();
      }
      const [firstId, secondId] = [await first, await second];
      expect(secondId).toBeGreaterThan(firstId);
      expect((await b.eventsOfKindSince("staff-reply", 0, 10)).map((e) => [e.id, e.body])).toEqual([
        [firstId, "first"],
        [secondId, "second"],
      ]);
    });

    it("update claims by a unique key: an update id reaching several instances at once is claimed by one, the others busy", async () => {
      const stores3 = [await openStore(), await openStore(), await openStore()];
      const ids = Array.from({ length: 20 }, (_, i) => 5_000 + i);
      const verdicts = await Promise.all(ids.flatMap((id) => stores3.map((s, n) => s.claimUpdate(id, `instance-${n}`, 1, 60_000))));
      for (let i = 0; i < ids.length; i++) expect(verdicts.slice(3 * i, 3 * i + 3).sort()).toEqual(["busy", "busy", "mine"]);
      // Stale and unfinished (their holder died): again one of the three takes each over.
      const takeovers = await Promise.all(ids.flatMap((id) => stores3.map((s, n) => s.claimUpdate(id, `instance-${n + 3}`, 60_001, 60_000))));
      for (let i = 0; i < ids.length; i++) expect(takeovers.slice(3 * i, 3 * i + 3).sort()).toEqual(["busy", "busy", "mine"]);
    });

    it("migration 0009: update ids recorded before claims count as handled", async () => {
      await (await PgHandoffStore.open({ url: pgUrl, schema: schema.name })).close();
      // Back to version 8, with an update recorded then.
      await schema.query(`DELETE FROM schema_migrations WHERE version >= 9`);
      await schema.query(`ALTER TABLE processed_updates DROP COLUMN owner, DROP COLUMN claimed_at, DROP COLUMN done`);
      await schema.query(`INSERT INTO processed_updates (update_id, at) VALUES (41, 1000)`);
      const store = await openStore();
      expect(await store.claimUpdate(41, "new", 10_000_000, 60_000)).toBe("done");
      expect(await store.claimUpdate(42, "new", 10_000_000, 60_000)).toBe("mine");
    });
  });

  describe("outbox leases", () => {
    const enqueueFor = async (service: HandoffService, chats: number[]): Promise<void> => {
      for (const n of chats) await service.openTicket({ asker: asker(n), question: "q", candidates: [] });
    };

    it("SKIP LOCKED: while one instance is leasing, another takes other chats' rows at once, never waiting, never out of order", async () => {
      const a = await openStore();
      const b = await openStore({ lockWaitMs: 2_000 });
      const service = new HandoffService(a, { staffChatId: null });
      await enqueueFor(service, [1]); // chat 1: ticket-opened
      const { ticket } = await service.openTicket({ asker: asker(2), question: "q", candidates: [] }); // chat 2
      await service.addFollowUp(ticket.id, asker(2), "x"); // nothing for staff (no staff chat): chat 2 has one row
      await a.transaction(async (tx) => tx.enqueueDelivery({ ticketId: 1, kind: "ticket-claimed", channel: "telegram", chatId: "1", body: null, at: 1 }));
      const rows = await a.deliveriesInStates({ states: ["pending"] });
      expect(rows.map((d) => d.chatId)).toEqual(["1", "2", "1"]);

      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let leasedByA: Delivery[] = [];
      const leasing = a.transaction(async (tx) => {
        leasedByA = await tx.leaseDeliveries({ owner: "A", channel: "telegram", now: Date.now(), until: Date.now() + 60_000, limit: 1 });
        await held; // A's transaction stays open: its row is locked
      });
      while (leasedByA.length === 0) await new Promise((r) => setTimeout(r, 10));
      // A's transaction ends only after B's lease returns: had B waited for A's lock, it would fail with busy (lock_timeout).
      const leasedByB = await b
        .transaction((tx) => tx.leaseDeliveries({ owner: "B", channel: "telegram", now: Date.now(), until: Date.now() + 60_000, limit: 10 }))
        .finally(release);
      await leasing;
      expect(leasedByA.map((d) => d.id)).toEqual([rows[0]!.id]);
      // Chat 2's row; chat 1's second row stays back behind the first, which A is leasing.
      expect(leasedByB.map((d) => d.id)).toEqual([rows[1]!.id]);
    });

    it("a lease that expires is taken over; the old owner can then no longer send it", async () => {
      let clock = 1_000_000;
      const [a, b] = [await instance(() => clock), await instance(() => clock)];
      await enqueueFor(a, [1]);
      const mine = await a.claimDeliveries({ owner: "A", channel: "telegram", leaseMs: 60_000 });
      expect(mine.map((d) => d.kind)).toEqual(["ticket-opened", "staff-card"]);
      expect(await b.claimDeliveries({ owner: "B", channel: "telegram" })).toEqual([]);
      clock += 61_000; // A crashed, or hangs
      const taken = await b.claimDeliveries({ owner: "B", channel: "telegram" });
      expect(taken.map((d) => [d.id, d.leaseOwner])).toEqual(mine.map((d) => [d.id, "B"]));
      expect(await a.beginSending(mine[0]!.id, "A")).toBe(false);
      expect(await b.beginSending(mine[0]!.id, "B")).toBe(true);
    });

    it("a row in 'sending' is never sent again: after its lease expires it becomes uncertain, not leased", async () => {
      let clock = 1_000_000;
      const [a, b] = [await instance(() => clock), await instance(() => clock)];
      await enqueueFor(a, [1]);
      const [opened] = await a.claimDeliveries({ owner: "A", channel: "telegram", limit: 1, leaseMs: 60_000 });
      expect(await a.beginSending(opened!.id, "A", 60_000)).toBe(true);
      // While A's lease holds, B leaves it alone.
      expect((await b.claimDeliveries({ owner: "B", channel: "telegram" })).map((d) => d.kind)).toEqual(["staff-card"]);
      expect((await b.deliveriesOf(1))[0]?.state).toBe("sending");
      clock += 61_000;
      expect((await b.claimDeliveries({ owner: "B", channel: "telegram" })).map((d) => d.id)).not.toContain(opened!.id);
      expect((await b.deliveriesOf(1))[0]).toMatchObject({ state: "uncertain", leaseOwner: null });
      expect((await b.events(1)).map((e) => e.kind)).toContain("delivery-uncertain");
    });

    it("a worker starting beside a live instance leaves that instance's leased and sending rows alone", async () => {
      const [a, b] = [await instance(), await instance()];
      await enqueueFor(a, [1]);
      const [opened, card] = await a.claimDeliveries({ owner: "A", channel: "telegram" });
      await a.beginSending(opened!.id, "A");
      const sent: number[] = [];
      const worker = new OutboxWorker(b, { channel: "telegram", owner: "B", log: silent, send: async (d) => (sent.push(d.id), { kind: "delivered" }) });
      await worker.pass();
      expect(sent).toEqual([]);
      expect((await b.deliveriesOf(1)).map((d) => [d.id, d.state, d.leaseOwner])).toEqual([
        [opened!.id, "sending", "A"],
        [card!.id, "leased", "A"],
      ]);
    });

    it("three instances draining one outbox at once: every message sent exactly once, each chat's in order", async () => {
      const services = [await instance(), await instance(), await instance()];
      const chats = [1, 2, 3, 4, 5, 6];
      await enqueueFor(services[0]!, chats);
      // More rows per chat: a claim and a reply each.
      for (const n of chats) {
        await services[1]!.claimTicket(n, staff(1));
        await services[2]!.replyToTicket(n, staff(1), `答复 ${n}`);
      }
      const expected = (await services[0]!.pendingDeliveries({ limit: 1_000 })).map((d) => d.id);
      expect(expected.length).toBe(chats.length * 6); // 3 to the asker, 3 to the staff chat, per ticket
      const sent: Array<{ id: number; chat: string; by: number }> = [];
      const workers = services.map(
        (s, i) =>
          new OutboxWorker(s, {
            channel: "telegram",
            batch: 5,
            log: silent,
            send: async (d): Promise<SendResult> => {
              sent.push({ id: d.id, chat: d.chatId, by: i });
              await new Promise((r) => setImmediate(r)); // let the others run in between
              return { kind: "delivered" };
            },
          }),
      );
      for (let round = 0; round < 50 && sent.length < expected.length; round++) await Promise.all(workers.map((w) => w.pass()));
      expect(sent.map((x) => x.id).sort((x, y) => x - y)).toEqual([...expected].sort((x, y) => x - y));
      for (const chat of new Set(sent.map((x) => x.chat))) {
        const ids = sent.filter((x) => x.chat === chat).map((x) => x.id);
        expect(ids).toEqual([...ids].sort((x, y) => x - y));
      }
      expect(await services[0]!.pendingDeliveries({ limit: 1_000 })).toEqual([]);
      expect((await services[0]!.deliveriesOf(1)).every((d) => d.state === "delivered")).toBe(true);
    });
  });

  describe("faults of a real server become store faults", () => {
    it("a server that is not there: the store does not open, the fault says unreachable", async () => {
      const proxy = await TcpProxy.start("127.0.0.1", 1);
      const closed = proxy.rewrite(pgUrl);
      await proxy.stop();
      const err = await PgHandoffStore.open({ url: closed, schema: schema.name }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err).toMatchObject({ reason: "unreachable", message: expect.stringContaining("ECONNREFUSED") });
    });

    it("a server that goes away and comes back: writes and best-effort writes fail as unreachable, then work again", async () => {
      const target = new URL(pgUrl);
      const proxy = await TcpProxy.start(target.hostname, Number(target.port) || 5432);
      try {
        const store = await openStore({ url: proxy.rewrite(pgUrl) });
        const service = new HandoffService(store, { staffChatId: null });
        await service.openTicket({ asker: asker(1), question: "q", candidates: [] });
        await proxy.down();
        await expect(service.openTicket({ asker: asker(2), question: "q", candidates: [] })).rejects.toMatchObject({ reason: "unreachable" });
        await expect(store.claimUpdate(1, "a", 1, 60_000)).rejects.toMatchObject({ reason: "unreachable" });
        await expect(store.ticketsByStatus(null)).rejects.toMatchObject({ reason: "unreachable" });
        await proxy.up();
        expect((await service.openTicket({ asker: asker(2), question: "q", candidates: [] })).ticket.id).toBe(2);
        expect(await store.claimUpdate(1, "a", 1, 60_000)).toBe("mine");
      } finally {
        await proxy.stop();
      }
    });

    it("a read-only server (a standby): read-only", async () => {
      const readOnly = new URL(pgUrl);
      readOnly.searchParams.set("options", `-c search_path=${schema.name} -c default_transaction_read_only=on`);
      const err = await PgHandoffStore.open({ url: readOnly.toString() }).catch((e: unknown) => e);
      expect(err).toMatchObject({ reason: "read-only", message: expect.stringContaining("25006") });
      // The hint is PostgreSQL's, not DATA_DIR's.
      expect(hintFor(err as StoreUnavailableError)).toMatch(/DATABASE_URL names a PostgreSQL server that only reads/);
    });

    it("a login the server refuses: unreachable, with the hint to check DATABASE_URL", async () => {
      const wrong = new URL(pgUrl);
      wrong.username = "no_such_role_h10";
      const err = await PgHandoffStore.open({ url: wrong.toString(), schema: schema.name }).catch((e: unknown) => e);
      expect(err).toMatchObject({ reason: "unreachable", backend: "postgres", database: "tickets database", message: expect.stringMatching(/no_such_role_h10.*\(28000\)/) });
      expect(hintFor(err as StoreUnavailableError)).toMatch(/^the PostgreSQL server in DATABASE_URL cannot be reached or refuses the login: start it, check the network and DATABASE_URL/);
    });

    it("a pool that waited too long for a connection: unreachable (busy server or none)", async () => {
      const pool = createPgPool({ url: pgUrl, max: 1, connectTimeoutMs: 10_000 });
      const held = await pool.connect();
      // The wait for the pool's one connection times out, not its first connect (slower than 100 ms on a loaded machine).
      (pool.options as { connectionTimeoutMillis: number }).connectionTimeoutMillis = 100;
      try {
        const err = await pool.query("SELECT 1").catch((e: unknown) => e);
        expect(toPgStoreError(err)).toMatchObject({ reason: "unreachable", message: expect.stringContaining("timeout exceeded when trying to connect") });
      } finally {
        held.release();
        await pool.end();
      }
    });

    it("SQLSTATEs map to reasons; a constraint violation or a bug is not a store fault", () => {
      expect(["53100", "53200", "55P03", "57014", "40P01", "25006", "08006", "57P01", "28P01", "3D000", "58030", "XX001"].map(reasonForSqlState)).toEqual([
        "full",
        "busy",
        "busy",
        "busy",
        "busy",
        "read-only",
        "unreachable",
        "unreachable",
        "unreachable",
        "unreachable",
        "io",
        "io",
      ]);
      expect(reasonForSqlState("23505")).toBeNull();
      const constraint = Object.assign(new Error("duplicate key"), { code: "23505" });
      expect(toPgStoreError(constraint)).toBe(constraint);
      expect(toPgStoreError(new TypeError("x is undefined"))).toBeInstanceOf(TypeError);
    });
  });
});
