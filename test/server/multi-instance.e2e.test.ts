/**
 * Three instances of the bot behind a load balancer, as a province runs it: three `npm start`
 * processes (compiled, in webhook mode) on one PostgreSQL schema and one Redis key prefix, a
 * round-robin proxy in front, the fake Bot API posting every update through the proxy. 200 askers
 * (40 of them handed to staff), two staff members claiming each ticket at once, staff replies, one
 * user flooding, and one instance killed with SIGKILL mid-run and restarted. Everything is counted:
 * each answer and staff reply arrives exactly once, every ticket and staff card exists once, each
 * claim race has one winner, and the per-user rate limit holds across the three instances.
 * Then a policy version published from another process (through Redis) reloads all three.
 * Nothing the killed instance had taken is lost: its requests died with it (502), Telegram posts those
 * updates again, another instance finds them claimed (503, "try again") until the claim is stale
 * (UPDATE_CLAIM_SECONDS, 2 s here) and then handles them, so every click is answered exactly once. The
 * outbox lease is 2 s too (OUTBOX_LEASE_SECONDS), so the killed instance's queued messages are taken over quickly.
 * Skipped (with the global setup's notice) without PostgreSQL and Redis.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadConfig } from "../../src/config.js";
import { openCoordination } from "../../src/coordination/open.js";
import { PgPolicyVersionStore } from "../../src/policy/pg-version-store.js";
import { PolicyPublisher } from "../../src/policy/publisher.js";
import { CORPUS_DIR, STAFF_A, STAFF_B, STAFF_CHAT } from "../support/bot-harness.js";
import { FakeTelegram, type RecordedCall, type SentMessage } from "../support/fake-telegram.js";
import { closedPort } from "../support/flaky-proxy.js";
import { createTestSchema, type TestSchema } from "../support/pg-schema.js";
import { dropPrefix, testPrefix } from "../support/redis-prefix.js";
import { RoundRobinProxy } from "../support/round-robin-proxy.js";
import { MainProcess } from "../support/spawn-main.js";
import { testPostgresUrl, testRedisUrl } from "../support/store-backends.js";

const pgUrl = testPostgresUrl();
const redisUrl = testRedisUrl();

const INSTANCES = 3;
const ASKERS = 200;
const HANDOFFS = 40;
const RATE_LIMIT = 10;
const FLOOD = 3 * RATE_LIMIT;
const FIRST_ASKER = 20_001;
const FLOODER = 29_999;
/** Short, so the killed instance's queued messages are taken over within the test (production: 300 s). */
const LEASE_SECONDS = 2;
/** Short, so the updates the killed instance had claimed are taken over within the test (production: 60 s). */
const CLAIM_SECONDS = 2;
const ANSWERED_QUESTION = "小微企业办电要几天";
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";
const quiet = { info() {}, warn() {}, error() {} };
const HANDOFF_QUESTION = "市住建局的电话是多少";

const has = (s: string) => (m: SentMessage) => m.plain_text.includes(s);
const isAnswerCb = (c: RecordedCall) => c.method === "answerCallbackQuery";
const toast = (c: RecordedCall) => String(c.params.text ?? "");

async function until<T>(what: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, describe: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!pgUrl || !redisUrl)("three instances behind a round-robin proxy, one killed and restarted", { timeout: 120_000 }, () => {
  let tg: FakeTelegram;
  let lb: RoundRobinProxy;
  let schema: TestSchema;
  let tmp: string;
  /** One folder for the three, as a shared or deployed volume would be. */
  let corpusDir: string;
  const prefix = testPrefix();
  const ports: number[] = [];
  const instances: MainProcess[] = [];
  const retired: MainProcess[] = [];

  const envOf = (i: number): Record<string, string> => ({
    HTTP_PORT: String(ports[i]),
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_URL: `${lb.url}/telegram/webhook`,
    STAFF_CHAT_ID: String(STAFF_CHAT),
    DATA_DIR: path.join(tmp, `data-${i}`),
    CORPUS_DIR: corpusDir,
    // Only a publication reloads them here (not the folder watcher).
    CORPUS_WATCH: "off",
    DATABASE_URL: schema.urlWithSchema,
    REDIS_URL: redisUrl!,
    REDIS_KEY_PREFIX: prefix,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
    UPDATE_CLAIM_SECONDS: String(CLAIM_SECONDS),
    // Small pools: the test server's 100 connections are shared with the other tests running meanwhile.
    DATABASE_POOL_SIZE: "2",
    LOG_LEVEL: "info",
  });
  const start = async (i: number) => {
    const p = new MainProcess(envOf(i));
    instances[i] = p;
    await p.waitForLog(/INFO \[bot\] bot started .*"updates":"webhook"/, 60_000);
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "multi-instance-"));
    corpusDir = path.join(tmp, "corpus");
    fs.cpSync(CORPUS_DIR, corpusDir, { recursive: true });
    tg = await FakeTelegram.start({ webhookRetryMs: 100 });
    schema = await createTestSchema(pgUrl!);
    // The index is built once and copied: each instance keeps its own (it is local and read-only).
    const built = path.join(tmp, "built");
    await openEngine(loadConfig({ DATA_DIR: built, CORPUS_DIR: corpusDir }, { dotenvFile: false }));
    for (let i = 0; i < INSTANCES; i++) {
      fs.cpSync(built, path.join(tmp, `data-${i}`), { recursive: true });
      ports.push(await closedPort());
    }
    lb = await RoundRobinProxy.start(ports.map((p) => `http://127.0.0.1:${p}`));
    // One after another: the first creates the schema's tables, the others find them.
    await start(0);
    await Promise.all([start(1), start(2)]);
  }, 120_000);

  afterAll(async () => {
    for (const p of [...instances, ...retired]) p?.kill();
    await Promise.all([...instances, ...retired].map((p) => p?.exited));
    await lb?.stop();
    await tg?.stop();
    await schema?.drop();
    if (redisUrl) await dropPrefix(redisUrl, prefix);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("counts every message: nothing lost, nothing twice (the killed instance's updates taken over), one winner per claim, the rate limit shared", async () => {
    const askers = Array.from({ length: ASKERS }, (_, i) => FIRST_ASKER + i);
    const handoffAskers = askers.slice(0, HANDOFFS);
    const answeredAskers = askers.slice(HANDOFFS);

    // 1. Everyone asks at once; one user floods.
    for (const chatId of askers) tg.sendText({ chatId, text: handoffAskers.includes(chatId) ? HANDOFF_QUESTION : ANSWERED_QUESTION });
    for (let n = 0; n < FLOOD; n++) tg.sendText({ chatId: FLOODER, text: `${ANSWERED_QUESTION}？（第${n + 1}次）` });

    await until(() => answeredAskers.every((c) => tg.sentMessages(c).some(has("第11条"))), 60_000, () => "every answered asker got the answer");
    const ticketOf = new Map<number, number>();
    await until(
      () => {
        for (const c of handoffAskers) {
          const notice = tg.sentMessages(c).find(has("已为您创建工单"));
          if (notice) ticketOf.set(c, Number(/#(\d+)/.exec(notice.plain_text)![1]));
        }
        return ticketOf.size === HANDOFFS;
      },
      60_000,
      () => `${ticketOf.size} of ${HANDOFFS} askers told of their ticket`,
    );
    const cardOf = (id: number) => tg.sentMessages(STAFF_CHAT).find((m) => m.plain_text.startsWith(`工单 #${id}\n`));
    const tickets = [...ticketOf.values()];
    await until(() => tickets.every(cardOf), 30_000, () => "a card for every ticket");

    // 2. Both staff members press 认领 on every card at once; an instance is killed half-way and restarted.
    const killed = 1;
    const clicks: Array<{ updateId: number; queryId: string }> = [];
    for (const [n, id] of tickets.entries()) {
      const card = cardOf(id)!;
      for (const staff of [STAFF_A, STAFF_B]) {
        const u = tg.clickButton({ chatId: STAFF_CHAT, ...staff, messageId: card.message_id, data: `t:claim:${id}` });
        clicks.push({ updateId: u.update_id, queryId: u.callback_query!.id });
      }
      if (n === HANDOFFS / 2) {
        await new Promise((r) => setTimeout(r, 150));
        instances[killed]!.kill();
        expect((await instances[killed]!.exited).signal).toBe("SIGKILL");
        retired.push(instances[killed]!);
      }
    }
    await start(killed);
    const answersTo = (queryId: string) => tg.calls.filter((c) => isAnswerCb(c) && c.params.callback_query_id === queryId);
    // Every click is answered, those the killed instance had taken too (once their claims are stale), before anyone replies.
    const unanswered = () => clicks.filter((c) => answersTo(c.queryId).length === 0);
    await until(() => unanswered().length === 0, 30_000, () => `${unanswered().length} clicks unanswered`);
    const hitKilled = new Set(tg.webhookAttempts.filter((a) => a.status === 502 || a.status === 0).map((a) => a.update_id));
    const holders = async () => schema.query<{ id: number; staff: string | null }>(`SELECT id::int AS id, staff_user_id AS staff FROM tickets WHERE staff_user_id IS NOT NULL`);
    let claimed = await holders();
    await until(async () => (claimed = await holders()).length === HANDOFFS, 30_000, () => `${claimed.length} of ${HANDOFFS} tickets claimed`);
    const holderOf = new Map(claimed.map((r) => [r.id, [STAFF_A, STAFF_B].find((s) => String(s.userId) === r.staff)!]));

    // 3. Each ticket's holder replies.
    for (const id of tickets) tg.sendText({ chatId: STAFF_CHAT, ...holderOf.get(id)!, text: `/reply ${id} 答复工单${id}：请携带营业执照到政务服务中心办理` });
    const askerOf = new Map([...ticketOf].map(([asker, id]) => [id, asker]));
    const replied = () => tickets.filter((id) => tg.sentMessages(askerOf.get(id)).some(has(`工作人员回复（工单 #${id}）`)));
    await until(() => replied().length === HANDOFFS, 30_000, () => `replies: ${replied().length} of ${HANDOFFS}`);
    // Let every outbox drain (a lease of the killed instance expires after LEASE_SECONDS).
    await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1_000 + 1_500));

    // --- Counted ---
    const rows = await schema.query<{ id: number; asker: string; status: string; staff: string | null }>(
      `SELECT id::int AS id, asker_chat_id AS asker, status, staff_name AS staff FROM tickets ORDER BY id`,
    );
    // Every ticket exists once: one per handoff asker, none for anyone else.
    expect(rows).toHaveLength(HANDOFFS);
    expect(rows.map((r) => Number(r.asker)).sort()).toEqual([...handoffAskers].sort());
    expect(new Set(tickets).size).toBe(HANDOFFS);
    // Nothing the killed instance had taken is lost: Telegram posted those updates again (503 while the dead claim was
    // fresh), another instance handled them once it was stale, and every click was answered. Answered twice only in the
    // one gap that remains: the killed instance answered (before its request failed) and died before marking it done.
    expect(hitKilled.size, "updates whose request died with the killed instance").toBeGreaterThan(0);
    for (const u of hitKilled) expect((await tg.waitForWebhookDelivery(u)).status, `update ${u}`).toBe(200);
    const firstFailure = (u: number) => Math.min(...tg.webhookAttempts.filter((a) => a.update_id === u && (a.status === 502 || a.status === 0)).map((a) => a.at));
    let doubled = 0;
    for (const c of clicks) {
      const answers = answersTo(c.queryId);
      if (answers.length === 1) continue;
      expect(hitKilled.has(c.updateId) && answers.length === 2, `click ${c.updateId}: ${answers.length} answers`).toBe(true);
      expect(answers[0]!.at, `click ${c.updateId}: first answered by the killed instance`).toBeLessThanOrEqual(firstFailure(c.updateId));
      doubled++;
    }
    expect(doubled).toBeLessThan(hitKilled.size);
    // Each click's toast as the staff member saw it first (a second one, above, only after a crash).
    const toasts = clicks.map((c) => toast(answersTo(c.queryId)[0]!));
    for (const r of rows) {
      const id = r.id;
      const holder = holderOf.get(id)!;
      expect(r.staff, `ticket #${id}`).toBe(holder.firstName);
      expect(r.status).toBe("answered");
      // Each claim race has one winner; the other is told who holds the ticket, the holder the store names.
      const won = toasts.filter((t) => t === `已认领工单 #${id}。`);
      const lost = toasts.filter((t) => t.startsWith(`工单 #${id} 已由`));
      expect(lost, `ticket #${id}: losers`).toEqual([`工单 #${id} 已由 ${holder.firstName} 认领。`]);
      expect([won.length, lost.length], `ticket #${id}`).toEqual([1, 1]);
    }
    // No staff card twice.
    for (const id of tickets) expect(tg.sentMessages(STAFF_CHAT).filter((m) => m.plain_text.startsWith(`工单 #${id}\n`)), `card #${id}`).toHaveLength(1);
    // Each asker got the answer, the ticket notice and the staff reply exactly once.
    for (const c of answeredAskers) expect(tg.sentMessages(c).filter(has("第11条")), `asker ${c}`).toHaveLength(1);
    const uncertain = await schema.query<{ ticket: number; kind: string }>(`SELECT ticket_id::int AS ticket, kind FROM deliveries WHERE state = 'uncertain'`);
    for (const c of handoffAskers) {
      const id = ticketOf.get(c)!;
      expect(tg.sentMessages(c).filter(has("已为您创建工单")), `asker ${c}`).toHaveLength(1);
      expect(tg.sentMessages(c).filter(has(`工作人员回复（工单 #${id}）`)), `asker ${c}`).toHaveLength(1);
      // Told once that a person took the ticket (or, if the killed instance was sending it, at most once and staff are told).
      const accepted = tg.sentMessages(c).filter(has(`工作人员已受理您的工单 #${id}`)).length;
      if (uncertain.some((u) => u.ticket === id)) expect(accepted).toBeLessThanOrEqual(1);
      else expect(accepted, `asker ${c}: accepted notice`).toBe(1);
    }
    // The staff replies each went out once, and nothing is left in the outbox.
    const events = await schema.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_events WHERE kind = 'staff-reply'`);
    expect(events[0]!.n).toBe(HANDOFFS);
    expect(await schema.query(`SELECT id FROM deliveries WHERE state IN ('pending', 'leased', 'sending', 'failed')`)).toEqual([]);

    // The flooder: RATE_LIMIT answers and one notice, although the proxy spread its updates over all three instances.
    const flood = tg.sentMessages(FLOODER);
    expect(flood.filter(has("第11条"))).toHaveLength(RATE_LIMIT);
    expect(flood.filter(has("您发送得太快了"))).toHaveLength(1);
    expect(flood).toHaveLength(RATE_LIMIT + 1);

    // The proxy did spread the load, and skipped the killed instance while it was down.
    for (const [backend, n] of lb.served) expect(n, backend).toBeGreaterThan(50);
    expect(lb.skipped).toBeGreaterThan(0);
    for (const p of [...instances, ...retired]) expect(p.stderr).not.toMatch(/ERROR|unexpected error/);
  });

  it("a publication reloads all three through Redis: each serves the recorded version, and /readyz says so", async () => {
    const coordination = await openCoordination({ redisUrl: redisUrl!, keyPrefix: prefix, rateLimit: { limit: RATE_LIMIT, windowSeconds: 60 }, log: quiet });
    const store = await PgPolicyVersionStore.open({ url: pgUrl!, schema: schema.name });
    try {
      // Published from a process of its own (the console's, say): the instances hear it on the bus.
      const publisher = new PolicyPublisher({ corpusDir, store, bus: coordination.reloadBus, instance: "console", log: quiet });
      const lines = fs.readFileSync(path.join(corpusDir, POLICY), "utf8").split("\n");
      lines.splice(lines.findIndex((l) => l.startsWith("本期来源")), 0, "43、建立企业诉求快速响应机制，对企业反映的问题三个工作日内答复（市营商环境局负责）。");
      const result = await publisher.publish([{ path: POLICY, text: lines.join("\n") }], "李工");
      expect(result).toMatchObject({ ok: true, recorded: true, notified: true });
      const published = result.ok ? result.published.version : "";
      for (const [i, port] of ports.entries()) {
        const versions = async () => ((await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { checks: { policy_version: { served: string; published: string } } }).checks.policy_version;
        await until(async () => (await versions()).served === published, 20_000, () => `instance ${i} serves the published version`);
        expect(await versions()).toMatchObject({ ok: true, served: published, published });
        expect(instances[i]!.stderr).toContain("reload (bus by console): now answering from 43 measures");
      }
    } finally {
      await store.close();
      await coordination.close();
    }
  });
});
