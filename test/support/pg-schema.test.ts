/**
 * The test schemas handed from one PostgreSQL test to the next: a released schema comes back as a
 * fresh one would (no rows but the migrations', sequences from 1), and one whose shape a test
 * changed, or that another session still locks, is dropped instead of reused.
 */
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { PgHandoffStore } from "../../src/handoff/pg-store.js";
import { HandoffService } from "../../src/handoff/service.js";
import { withDefaultUser } from "../../src/store/pg/pool.js";
import { adminQuery, dropIdleSchemas, takeMigratedSchema, type TestSchema } from "./pg-schema.js";
import { testPostgresUrl } from "./store-backends.js";

const url = testPostgresUrl();
const migrate = async (s: TestSchema) => (await PgHandoffStore.open({ url: url!, schema: s.name })).close();
const exists = async (name: string) => (await adminQuery(url!, `SELECT 1 FROM pg_namespace WHERE nspname = $1`, [name])).length === 1;

describe.skipIf(!url)("schemas reused between PostgreSQL tests", () => {
  afterAll(dropIdleSchemas);

  it("a released schema is handed over as fresh: no rows but the migrations', ticket numbers from 1", async () => {
    const first = await takeMigratedSchema(url!, migrate);
    const fresh = await first.query(`SELECT key, value FROM faq_meta ORDER BY key`);
    const service = new HandoffService(await PgHandoffStore.open({ url: url!, schema: first.name }), { staffChatId: "-100" });
    const asker = { channel: "telegram" as const, chatId: "1", userId: "1", displayName: "张三" };
    expect((await service.openTicket({ asker, question: "开办企业要多久？", candidates: [] })).ticket.id).toBe(1);
    expect((await service.openTicket({ asker: { ...asker, chatId: "2", userId: "2" }, question: "注销呢？", candidates: [] })).ticket.id).toBe(2);
    await service.shutdown();
    await first.query(`UPDATE faq_meta SET value = 7`);
    expect(await first.query(`SELECT count(*)::int AS n FROM ticket_events`)).toEqual([{ n: 2 }]);
    await first.release();

    const second = await takeMigratedSchema(url!, migrate);
    expect(second.name).toBe(first.name);
    expect(await second.query(`SELECT count(*)::int AS n FROM tickets`)).toEqual([{ n: 0 }]);
    expect(await second.query(`SELECT count(*)::int AS n FROM ticket_events`)).toEqual([{ n: 0 }]);
    expect(await second.query(`SELECT key, value FROM faq_meta ORDER BY key`)).toEqual(fresh);
    expect(await second.query(`SELECT count(*)::int AS n FROM schema_migrations`)).toEqual(await second.query(`SELECT max(version) AS n FROM schema_migrations`));
    expect(await second.query(`SELECT count(*)::int AS n FROM deliveries`)).toEqual([{ n: 0 }]);
    expect(await second.query(`SELECT nextval('ticket_numbers')::int AS n`)).toEqual([{ n: 1 }]);
    // The append-only guard is on again for the next test (it was skipped only while emptying).
    await expect(second.query(`TRUNCATE ticket_events`)).rejects.toThrow(/append-only/);
    await second.release();
  });

  it("a schema whose tables a test changed is dropped, not reused", async () => {
    const changed = await takeMigratedSchema(url!, migrate);
    await changed.query(`ALTER TABLE tickets ADD COLUMN note TEXT`);
    await changed.release();
    expect(await exists(changed.name)).toBe(false);
    const next = await takeMigratedSchema(url!, migrate);
    expect(next.name).not.toBe(changed.name);
    await next.release();
  });

  it("a schema another session still holds a lock in is dropped once that session ends, not reused", async () => {
    const held = await takeMigratedSchema(url!, migrate);
    const other = new pg.Client({ connectionString: withDefaultUser(url!), options: `-c search_path=${held.name}` });
    await other.connect();
    await other.query(`BEGIN`);
    await other.query(`SELECT count(*) FROM tickets`); // a reader's lock, which emptying would not wait for
    const released = held.release();
    // Reused, release would finish at once; dropped, its DROP waits for the reader's lock.
    const waiter = async () => {
      while (!(await adminQuery(url!, `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DROP SCHEMA %${held.name}%'`)).length) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return "drop waits for the reader";
    };
    expect(await Promise.race([released.then(() => "released while locked"), waiter()])).toBe("drop waits for the reader");
    await other.query(`ROLLBACK`);
    await other.end();
    await released;
    expect(await exists(held.name)).toBe(false);
  });
});
