import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCallbackDelivery, signBody } from "../../src/handoff/callback-delivery.js";
import { MemoryLimiter } from "../../src/server/api/limiter.js";
import { openApiDocument } from "../../src/server/api/openapi.js";
import { createServer } from "../../src/server/create-server.js";
import { askerMessageText } from "../../src/server/strings.js";
import { has, STAFF_CHAT } from "../support/bot-harness.js";
import { ManualClock } from "../support/manual-clock.js";
import { API_KEY, ServerHarness, SITE_KEY } from "./server-harness.js";

// The HTTP API: /api/ask with and without a key, limits, and tickets from another channel whose
// staff replies come back exactly once, by callback or by polling.
let h: ServerHarness;
let receiver: CallbackReceiver;

beforeAll(async () => {
  h = await ServerHarness.create("server-api-");
  receiver = await CallbackReceiver.start();
});

afterAll(async () => {
  await h?.close();
  await receiver?.stop();
});

/** A system's callback endpoint: records every request, answers as the test says. */
class CallbackReceiver {
  readonly requests: Array<{ key: string; signature: string; body: string; json: any; status: number }> = [];
  /** Statuses to answer the next requests with (then 200). */
  answers: number[] = [];
  /** While set, requests wait until it resolves. */
  hold: Promise<void> | null = null;
  arrived = 0;

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<CallbackReceiver> {
    let self!: CallbackReceiver;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        self.arrived++;
        if (self.hold) await self.hold;
        const body = Buffer.concat(chunks).toString("utf8");
        const status = self.answers.shift() ?? 200;
        self.requests.push({ key: String(req.headers["idempotency-key"]), signature: String(req.headers["x-karamay-signature"]), body, json: JSON.parse(body), status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    self = new CallbackReceiver(server);
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/karamay`;
  }

  /** Messages the receiver accepted (2xx), one per idempotency key. */
  accepted(): any[] {
    const seen = new Map<string, any>();
    for (const r of this.requests) if (r.status < 300 && !seen.has(r.key)) seen.set(r.key, r.json);
    return [...seen.values()];
  }

  reset(): void {
    this.requests.length = 0;
    this.answers = [];
    this.hold = null;
    this.arrived = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const ask = (question: string, token?: string) => h.request("POST", "/api/ask", { body: { question }, ...(token ? { token } : {}) });

describe("/api/ask", () => {
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    await h.startServer({ noTelegram: true, env: { API_RATE_LIMIT_PER_MINUTE: "5" }, limiter: new MemoryLimiter(clock) });
    await h.server!.ready;
  });
  afterEach(() => clock.advance(60_000)); // a fresh rate-limit window for each test

  it("answers with the outcome, the text and each cited measure's title and departments", async () => {
    const res = await ask("小微企业办电要几天？", API_KEY);
    expect(res.status).toBe(200);
    expect(res.json.outcome).toBe("answered");
    expect(res.json.text).toContain("实现小微企业和个体工商户供电报装办理周期压缩至2日");
    expect(res.json.citations[0]).toEqual({ measure: 11, title: expect.any(String), departments: ["国网克拉玛依供电有限公司", "市发改委"] });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("says why the policy does not answer, and opens no ticket", async () => {
    const res = await ask("市住建局的电话是多少", API_KEY);
    expect(res.json).toMatchObject({ outcome: "handoff", handoff_reason: "fact-missing" });
    expect(await h.handoff.list()).toEqual([]);
  });

  it("refuses a request without a key, or with a wrong one, naming no key in the log", async () => {
    for (const token of [undefined, "not-a-key-0123456789abcdefgh", `${API_KEY}x`, API_KEY.slice(0, -1)]) {
      const res = await ask("开公司要几天？", token);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
      expect(res.json.request_id).toBe(res.headers.get("x-request-id"));
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
    const raw = await fetch(`${h.url}/api/ask`, { method: "POST", headers: { authorization: `Basic ${API_KEY}`, "content-type": "application/json" }, body: '{"question":"x"}' });
    expect(raw.status).toBe(401);
    expect(h.h.logText()).not.toContain(API_KEY);
    expect(h.h.logText()).not.toContain(API_KEY.slice(0, -1));
  });

  it("limits each key per minute, says when to come back, and does not limit the other keys", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask("开公司要几天？", API_KEY)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await ask("开公司要几天？", API_KEY);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await ask("开公司要几天？", SITE_KEY)).status).toBe(200);
    clock.advance(60_000);
    expect((await ask("开公司要几天？", API_KEY)).status).toBe(200);
    expect(h.h.logged("info")).toContain("api rate limited");
  });

  it("refuses an oversized body, an overlong question, unknown fields, bad JSON and other media types", async () => {
    const big = await h.request("POST", "/api/ask", { token: API_KEY, body: { question: "办".repeat(20_000) } });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe("too_large");
    const long = await ask("办".repeat(2001), API_KEY);
    expect(long.status).toBe(400);
    expect(long.json.error.message).toContain("2000");
    const extra = await h.request("POST", "/api/ask", { token: API_KEY, body: { question: "开公司要几天？", admin: true } });
    expect(extra.status).toBe(400);
    const empty = await h.request("POST", "/api/ask", { token: API_KEY, body: { question: "" } });
    expect(empty.status).toBe(400);
    const broken = await h.request("POST", "/api/ask", { token: API_KEY, body: '{"question": "开公司' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe("bad_request");
    const xml = await h.request("POST", "/api/ask", { token: API_KEY, body: "<question>x</question>", headers: { "content-type": "application/xml" } });
    expect(xml.status).toBe(415);
    const text = await h.request("POST", "/api/ask", { token: API_KEY, body: "开公司要几天？", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(400);
  });

  it("keeps a sane X-Request-Id from the proxy and replaces anything else", async () => {
    const kept = await h.request("GET", "/healthz", { headers: { "x-request-id": "nginx-abc123" } });
    expect(kept.headers.get("x-request-id")).toBe("nginx-abc123");
    const replaced = await h.request("GET", "/healthz", { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("unknown routes answer JSON 404", async () => {
    const res = await h.request("GET", "/api/nothing");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });
});

describe("/api/openapi.json", () => {
  it("documents every API route, and each documented route exists", async () => {
    const res = await h.request("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    const app = await createServer({
      config: h.config,
      engine: () => null,
      handoff: h.handoff,
      logger: h.h.logger,
      metrics: null,
      telegram: null,
      webhookBot: () => null,
    });
    const documented: string[] = [];
    for (const [p, ops] of Object.entries(openApiDocument("x").paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        documented.push(`${method.toUpperCase()} ${p}`);
        expect(app.hasRoute({ method: method.toUpperCase() as "GET", url: p.replace(/\{(\w+)\}/g, ":$1") }), `${method} ${p}`).toBe(true);
      }
    }
    // The other way round: every /api route but the document itself is in it.
    const routes = app.printRoutes({ commonPrefix: false });
    for (const line of routes.split("\n")) {
      const m = /(\/api\/\S*|\/chat\/session) \(([A-Z, ]+)\)/.exec(line);
      if (!m || m[1] === "/api/openapi.json") continue;
      for (const method of m[2]!.split(", ").filter((x) => x !== "HEAD")) {
        expect(documented, `${method} ${m[1]}`).toContain(`${method} ${m[1]!.replace(/:(\w+)/g, "{$1}")}`);
      }
    }
    await app.close();
  });
});

describe("/api/tickets with a callback URL", () => {
  beforeAll(async () => {
    await h.startServer({ env: { API_CALLBACKS: `wecom=${receiver.url}` }, callbackTimeoutMs: 1_000 });
    await h.server!.ready;
    await h.botRunning();
  });
  afterEach(() => receiver.reset());

  it("opens a ticket staff see, and their reply reaches the caller's callback exactly once, signed, with the delivery id as Idempotency-Key", async () => {
    const opened = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "办理施工许可需要哪些材料清单？", asker: { id: "zhang3", name: "张三" }, channel: "wecom" } });
    expect(opened.status).toBe(201);
    expect(opened.json).toMatchObject({ created: true, ticket: { status: "open", channel: "api" } });
    expect(opened.json.messages_url).toBeUndefined();
    const id = opened.json.ticket.id as number;
    const card = await h.tg.waitForMessage(STAFF_CHAT, has(`工单 #${id}`));
    expect(card.plain_text).toContain("张三（wecom）");
    expect(card.plain_text).toContain("办理施工许可需要哪些材料清单？");

    h.tg.sendText({ chatId: STAFF_CHAT, userId: 777, firstName: "王五", text: "材料清单见市住建局窗口", replyToMessageId: card.message_id });
    await vi.waitFor(() => expect(receiver.accepted().map((m) => m.kind)).toEqual(["ticket-opened", "staff-reply"]), { timeout: 10_000 });
    // More passes of the outbox send nothing again.
    for (let i = 0; i < 3; i++) await h.server!.callbacks.drain();
    expect(receiver.requests).toHaveLength(2);
    const reply = receiver.accepted()[1];
    expect(reply).toMatchObject({ ticket: { id, status: "answered" }, kind: "staff-reply", text: askerMessageText("staff-reply", id, "材料清单见市住建局窗口") });
    const request = receiver.requests[1]!;
    expect(request.key).toBe(String(reply.id));
    expect(request.signature).toBe(signBody(API_KEY, request.body));
    const rows = (await h.handoff.deliveriesOf(id)).filter((d) => d.channel === "api");
    expect(rows.map((d) => [d.kind, d.state])).toEqual([["ticket-opened", "delivered"], ["staff-reply", "delivered"]]);
  });

  it("retries a callback that failed with the same Idempotency-Key, so the caller keeps one message", async () => {
    receiver.answers = [503, 500];
    const opened = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "外地企业迁入要找哪个部门，电话多少", asker: { id: "li4" } } });
    const id = opened.json.ticket.id as number;
    await vi.waitFor(() => expect(receiver.accepted()).toHaveLength(1), { timeout: 15_000 });
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 500, 200]);
    expect(new Set(receiver.requests.map((r) => r.key)).size).toBe(1);
    expect(receiver.accepted()[0]).toMatchObject({ kind: "ticket-opened", ticket: { id } });
  });

  it("a callback refused for good is shown to staff on the card", async () => {
    receiver.answers = [404];
    const opened = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "工业用地出让金多少钱", asker: { id: "wang5" } } });
    const id = opened.json.ticket.id as number;
    await vi.waitFor(async () => expect((await h.handoff.deliveryProblems(id)).map((d) => [d.kind, d.state, d.lastError])).toEqual([["ticket-opened", "failed", `callback http://127.0.0.1:${new URL(receiver.url).port} answered HTTP 404`]]), { timeout: 10_000 });
    await h.tg.waitFor((c) => c.method === "editMessageText" && String(c.params.text).includes(`工单 #${id}`) && String(c.params.text).includes("未能送达"), { timeoutMs: 10_000 });
    expect(h.h.logged("error")).toContain("delivery failed for good; staff see it on the card, in /queue and in npm run tickets -- show");
  });

  it("a callback cut short by a stop is not sent again by itself: uncertain, and staff are told", async () => {
    let release!: () => void;
    receiver.hold = new Promise<void>((r) => (release = r));
    const opened = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "我家孩子上学的事找谁", asker: { id: "zhao6" } } });
    const id = opened.json.ticket.id as number;
    await vi.waitFor(() => expect(receiver.arrived).toBe(1), { timeout: 10_000 });
    // Another sender starts as after a crash of this one (single instance: what it finds "sending" was cut short).
    const next = createCallbackDelivery(h.handoff, { route: () => ({ url: receiver.url, signingKey: API_KEY }), render: () => "x", log: h.h.logger, owner: "after-restart" });
    await next.drain();
    const [row] = (await h.handoff.deliveriesOf(id)).filter((d) => d.channel === "api");
    expect(row!.state).toBe("uncertain");
    expect((await h.handoff.events(id)).map((e) => e.kind)).toContain("delivery-uncertain");
    await h.tg.waitFor((c) => c.method === "editMessageText" && String(c.params.text).includes(`工单 #${id}`) && String(c.params.text).includes("可能未送达"), { timeoutMs: 10_000 });
    await next.stop();
    release();
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(1));
    // The new sender did not post it a second time.
    expect(receiver.arrived).toBe(1);
  });

  it("a second question while the ticket is open is added to it, and the asker can withdraw it", async () => {
    const first = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "食品经营许可证办理地址在哪", asker: { id: "sun7" } } });
    const id = first.json.ticket.id as number;
    const again = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "另外营业时间是几点", asker: { id: "sun7" } } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: false, ticket: { id } });
    await h.tg.waitForMessage(STAFF_CHAT, has("另外营业时间是几点"));
    const withdrawn = await h.request("DELETE", `/api/tickets/${id}`, { token: API_KEY });
    expect(withdrawn.json.ticket.status).toBe("closed");
    // Staff see it closed; the asker, who closed it, gets no message about it.
    await h.tg.waitFor((c) => c.method === "editMessageText" && String(c.params.text).includes(`工单 #${id}`) && String(c.params.text).includes("已关闭"), { timeoutMs: 10_000 });
    await vi.waitFor(() => expect(receiver.accepted().map((m) => m.kind)).toEqual(["ticket-opened"]), { timeout: 10_000 });
    expect((await h.request("DELETE", `/api/tickets/${id}`, { token: API_KEY })).status).toBe(409);
    // Callback tickets have nothing to poll.
    expect((await h.request("GET", `/api/tickets/${id}/messages`, { token: API_KEY })).status).toBe(409);
  });

  it("a caller sees only its own tickets", async () => {
    const mine = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "个体户怎么注销？电话多少", asker: { id: "zhou8" } } });
    const id = mine.json.ticket.id as number;
    expect((await h.request("GET", `/api/tickets/${id}`, { token: API_KEY })).json.ticket).toMatchObject({ id, channel: "api" });
    const other = await h.request("GET", `/api/tickets/${id}`, { token: SITE_KEY });
    expect(other.status).toBe(403);
    expect((await h.request("DELETE", `/api/tickets/${id}`, { token: SITE_KEY })).status).toBe(403);
    expect((await h.request("GET", "/api/tickets/99999", { token: API_KEY })).status).toBe(404);
    // A Telegram asker's ticket is not reachable through the API at all.
    const { id: telegramTicket } = await h.h.openTicketVia(8181);
    expect((await h.request("GET", `/api/tickets/${telegramTicket}`, { token: API_KEY })).status).toBe(404);
    const missingAsker = await h.request("POST", "/api/tickets", { token: API_KEY, body: { question: "x" } });
    expect(missingAsker.status).toBe(400);
    expect(missingAsker.json.error.message).toContain("asker");
  });
});

describe("/api/tickets without a callback URL (polling)", () => {
  beforeAll(async () => {
    await h.startServer();
    await h.server!.ready;
    await h.botRunning();
  });

  it("the staff reply is returned by the poll until confirmed, and never after", async () => {
    const opened = await h.request("POST", "/api/tickets", { token: SITE_KEY, body: { question: "市住建局的电话是多少", asker: { id: "web-42", name: "访客" }, channel: "website" } });
    expect(opened.status).toBe(201);
    expect(opened.json.ticket.channel).toBe("api-poll");
    const id = opened.json.ticket.id as number;
    expect(opened.json.messages_url).toBe(`/api/tickets/${id}/messages`);
    const poll = (after?: number) => h.request("GET", `/api/tickets/${id}/messages${after === undefined ? "" : `?after=${after}`}`, { token: SITE_KEY });

    const first = await poll();
    expect(first.json.messages.map((m: any) => m.kind)).toEqual(["ticket-opened"]);
    expect(first.json.messages[0].text).toBe(`已为您创建工单 #${id}，工作人员会尽快回复您。`);
    // Not confirmed yet: the same message again.
    expect((await poll(0)).json.messages.map((m: any) => m.id)).toEqual([first.json.messages[0].id]);

    const card = await h.tg.waitForMessage(STAFF_CHAT, has("访客（website）"));
    h.tg.sendText({ chatId: STAFF_CHAT, userId: 777, firstName: "王五", text: "请拨打0990-12345", replyToMessageId: card.message_id });
    await vi.waitFor(async () => expect((await h.handoff.get(id))!.status).toBe("answered"));

    const second = await poll(first.json.messages[0].id);
    expect(second.json.ticket.status).toBe("answered");
    expect(second.json.messages.map((m: any) => [m.kind, m.text])).toEqual([["staff-reply", `工单 #${id} 工作人员回复：\n请拨打0990-12345`]]);
    const replyId = second.json.messages[0].id as number;
    expect((await poll(replyId)).json.messages).toEqual([]);
    // Confirmed messages are never returned again, whatever cursor comes later.
    expect((await poll(0)).json.messages).toEqual([]);
    const rows = (await h.handoff.deliveriesOf(id)).filter((d) => d.channel === "api-poll");
    expect(rows.every((d) => d.state === "delivered")).toBe(true);
  });
});
