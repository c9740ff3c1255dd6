import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { INDEX_FORMAT } from "../../src/search/manifest.js";
import { ASKER, has, STAFF_CHAT } from "../support/bot-harness.js";
import { FaultyStore } from "../support/faulty-store.js";
import { FlakyProxy } from "../support/flaky-proxy.js";
import { API_KEY, ServerHarness, SITE_KEY } from "./server-harness.js";

// /healthz, /readyz with each reason it can give, and /metrics: every series moves as a scenario runs.
let h: ServerHarness;

beforeAll(async () => {
  h = await ServerHarness.create("server-health-");
});

afterAll(async () => {
  await h?.close();
});

/** The value of one series in Prometheus text (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[3] ?? "").split(",").filter(Boolean);
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(m[4]);
  }
  return 0;
}

describe("/healthz and /readyz", () => {
  it("a running server with its index, store and Telegram is live and ready", async () => {
    await h.startServer();
    await h.server!.ready;
    await h.botRunning();
    const live = await h.request("GET", "/healthz");
    expect(live.status).toBe(200);
    expect(live.json.status).toBe("ok");
    const ready = await h.request("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: "ready", checks: { index: { ok: true, measures: 42 }, store: { ok: true }, telegram: { ok: true, updates: "polling" } } });
    expect(ready.headers.get("x-request-id")).toMatch(/[\w-]{8,}/);
  });

  it("while the index loads: live, not ready (index), and the API says to come back", async () => {
    let open!: (e: PolicyEngine) => void;
    const pending = new Promise<PolicyEngine>((resolve) => (open = resolve));
    await h.startServer({ noTelegram: true, openEngine: () => pending });
    expect((await h.request("GET", "/healthz")).status).toBe(200);
    const ready = await h.request("GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.json.checks.index).toEqual({ ok: false, reason: "the policy index is still loading (or being built)" });
    expect(ready.json.checks.store.ok).toBe(true);
    expect(ready.json.checks.telegram).toEqual({ ok: true, skipped: "no TELEGRAM_BOT_TOKEN" });
    const ask = await h.request("POST", "/api/ask", { token: API_KEY, body: { question: "开公司要几天？" } });
    expect(ask.status).toBe(503);
    expect(ask.headers.get("retry-after")).toBe("5");
    open(h.h.engine);
    await h.server!.ready;
    expect((await h.request("GET", "/readyz")).status).toBe(200);
  });

  it("an index without measures is not ready, with what to do", async () => {
    const empty = new Proxy(h.h.engine, { get: (t, p) => (p === "measures" ? () => [] : Reflect.get(t, p)) });
    await h.startServer({ noTelegram: true, openEngine: async () => empty });
    await h.server!.ready;
    const ready = await h.request("GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.json.checks.index.reason).toContain("no measures");
  });

  it("a tickets database that cannot be written is not ready, with the fault and what to do", async () => {
    let faulty!: FaultyStore;
    await h.startServer({ noTelegram: true, store: (inner) => (faulty = new FaultyStore(inner)) });
    await h.server!.ready;
    expect((await h.request("GET", "/readyz")).status).toBe(200);
    faulty.fault = "busy";
    let ready = await h.request("GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.json.checks.store).toMatchObject({ ok: false, fault: "busy" });
    expect(ready.json.checks.store.hint).toContain("write lock");
    faulty.fault = "full";
    ready = await h.request("GET", "/readyz");
    expect(ready.json.checks.store).toMatchObject({ ok: false, fault: "full" });
    expect(ready.json.checks.store.hint).toContain("disk");
    // A handoff meanwhile is refused with 503, not lost silently.
    const ticket = await h.request("POST", "/api/tickets", { token: SITE_KEY, body: { question: "市住建局的电话是多少", asker: { id: "u1" } } });
    expect(ticket.status).toBe(503);
    faulty.fault = null;
    expect((await h.request("GET", "/readyz")).status).toBe(200);
  });

  it("Telegram unreachable is not ready, with the reason; reachable again is ready", async () => {
    const proxy = await FlakyProxy.start(h.tg.apiRoot);
    try {
      await proxy.setMode("closed");
      await h.startServer({ env: { TELEGRAM_API_ROOT: proxy.url }, askGetMe: true, link: { requestTimeoutMs: 1_000, backoff: { initialMs: 50, maxMs: 200 } } });
      await h.server!.ready;
      await vi.waitFor(async () => {
        const ready = await h.request("GET", "/readyz");
        expect(ready.status).toBe(503);
        expect(ready.json.checks.telegram.reason).toMatch(/^cannot reach the Telegram Bot API for \d+ s: connection refused \(ECONNREFUSED\)$/);
      });
      await proxy.setMode("forward");
      await h.botRunning();
      await vi.waitFor(async () => expect((await h.request("GET", "/readyz")).json.checks.telegram).toEqual({ ok: true, updates: "polling" }), { timeout: 10_000 });
    } finally {
      await h.stopServer();
      await proxy.stop();
    }
  });
});

describe("/metrics", () => {
  it("every series moves as questions, handoffs, staff replies, deliveries and Telegram errors happen", async () => {
    await h.startServer({ keepFake: false });
    // The index the engine serves, where the server reads its manifest (DATA_DIR/index).
    fs.cpSync(path.join(h.h.tmpRoot, "engine", "index"), path.join(h.h.dataDir, "index"), { recursive: true });
    await h.server!.ready;
    await h.botRunning();
    const scrape = async () => {
      const res = await h.request("GET", "/metrics");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      return res.text;
    };
    const before = await scrape();
    expect(before).toMatch(new RegExp(`karamay_index_info\\{corpus_hash="[0-9a-f]{12}",embedder="[^"]+",format="${INDEX_FORMAT}",measures="42"\\} 1`));
    expect(sample(before, "karamay_index_built_timestamp_seconds")).toBeGreaterThan(1_600_000_000);
    for (const status of ["open", "claimed", "answered", "closed"]) expect(sample(before, "karamay_tickets", { status })).toBe(0);
    expect(sample(before, "karamay_questions_total", { source: "api", outcome: "answered" })).toBe(0);

    // A question over the API and one in Telegram.
    expect((await h.request("POST", "/api/ask", { token: API_KEY, body: { question: "小微企业办电要几天？" } })).status).toBe(200);
    h.tg.sendText({ chatId: ASKER, text: "开公司要几天？" });
    await h.tg.waitForMessage(ASKER, () => true);
    // A handoff over the API (polled) and a staff reply in the staff chat.
    const opened = await h.request("POST", "/api/tickets", { token: SITE_KEY, body: { question: "市住建局的电话是多少", asker: { id: "u7", name: "李四" } } });
    expect(opened.status).toBe(201);
    const card = await h.tg.waitForMessage(STAFF_CHAT, has("李四"));
    // One Telegram error: the staff reply's first attempt is refused with 429.
    h.tg.failNext("sendMessage", 1, { status: 429, retryAfter: 1, where: (p) => p.chat_id === ASKER });
    h.tg.sendText({ chatId: ASKER, text: "市住建局的电话是多少" });
    const askerCard = await h.tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.includes("User1001"));
    h.tg.sendText({ chatId: STAFF_CHAT, userId: 777, firstName: "王五", text: "电话请见市住建局官网", replyToMessageId: card.message_id });
    h.tg.sendText({ chatId: STAFF_CHAT, userId: 777, firstName: "王五", text: "请拨打12345", replyToMessageId: askerCard.message_id });
    await h.tg.waitForMessage(ASKER, has("请拨打12345"), { timeoutMs: 10_000 });
    h.metrics.faqHit();

    const after = await scrape();
    expect(sample(after, "karamay_questions_total", { source: "api", outcome: "answered" })).toBe(1);
    expect(sample(after, "karamay_questions_total", { source: "telegram", outcome: "answered" })).toBe(1);
    expect(sample(after, "karamay_questions_total", { source: "telegram", outcome: "handoff" })).toBe(1);
    expect(sample(after, "karamay_answer_duration_seconds_count", { source: "api" })).toBe(1);
    expect(sample(after, "karamay_answer_duration_seconds_count", { source: "telegram" })).toBe(2);
    expect(sample(after, "karamay_handoffs_total", { source: "api-poll" })).toBe(1);
    expect(sample(after, "karamay_handoffs_total", { source: "telegram" })).toBe(1);
    expect(sample(after, "karamay_tickets", { status: "answered" })).toBe(2);
    expect(sample(after, "karamay_first_staff_reply_seconds_count")).toBe(2);
    expect(sample(after, "karamay_first_staff_reply_seconds_bucket", { le: "+Inf" })).toBe(2);
    // The API asker has not polled: its two messages (ticket opened, staff reply) wait.
    expect(sample(after, "karamay_outbox_deliveries", { channel: "api-poll", state: "pending" })).toBe(2);
    expect(sample(after, "karamay_telegram_api_errors_total", { method: "sendMessage", code: "429" })).toBe(1);
    expect(sample(after, "karamay_faq_hits_total")).toBe(1);

    // Polling confirms them; a delivery that fails for good shows as failed.
    const id = opened.json.ticket.id as number;
    const polled = await h.request("GET", `/api/tickets/${id}/messages`, { token: SITE_KEY });
    const last = polled.json.messages.at(-1).id as number;
    await h.request("GET", `/api/tickets/${id}/messages?after=${last}`, { token: SITE_KEY });
    h.tg.blockChat(ASKER);
    h.tg.sendText({ chatId: STAFF_CHAT, userId: 777, firstName: "王五", text: "/close 2" });
    await vi.waitFor(async () => expect(sample(await scrape(), "karamay_outbox_deliveries", { channel: "telegram", state: "failed" })).toBe(1), { timeout: 10_000 });
    const end = await scrape();
    expect(sample(end, "karamay_outbox_deliveries", { channel: "api-poll", state: "pending" })).toBe(0);
    expect(sample(end, "karamay_tickets", { status: "closed" })).toBe(1);
    expect(sample(end, "karamay_telegram_api_errors_total", { method: "sendMessage", code: "403" })).toBe(1);
  });
});
