import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { Answer } from "../../src/answer/types.js";
import { MemoryLimiter } from "../../src/server/api/limiter.js";
import { has, STAFF_CHAT } from "../support/bot-harness.js";
import { ManualClock } from "../support/manual-clock.js";
import { API_KEY, ServerHarness, SITE_KEY } from "./server-harness.js";

// The /chat page: how it authenticates (a session, never a key), and the page itself run in a
// DOM (jsdom) against the real server: answers shown as text, a handoff becomes a ticket and the
// staff reply shows up once.
let h: ServerHarness;
let clock: ManualClock;
const EMBEDDER = "https://www.karamay.gov.cn";
const HOSTILE = '<img src=x onerror="window.pwned=1">请见<b>第11条</b>';

beforeAll(async () => {
  h = await ServerHarness.create("server-chat-");
  clock = new ManualClock(Date.now());
  // Whatever text the API returns (an LLM's, say) is untrusted in a page: the engine here returns markup for one question.
  const engine = (): PolicyEngine =>
    new Proxy(h.h.engine, {
      get(target, prop) {
        if (prop !== "ask") return Reflect.get(target, prop);
        return async (q: string): Promise<Answer> => {
          const answer = await target.ask(q === "hostile" ? "小微企业办电要几天？" : q);
          if (q !== "hostile") return answer;
          return { ...answer, text: HOSTILE, citations: [{ measure: 11, title: "<script>window.pwned=2</script>", departments: ["<i>市发改委</i>"] }] };
        };
      },
    });
  await h.startServer({ env: { CHAT_EMBED_ORIGINS: EMBEDDER, CHAT_RATE_LIMIT_PER_MINUTE: "30" }, limiter: new MemoryLimiter(clock), clock, openEngine: async () => engine() });
  await h.server!.ready;
  await h.botRunning();
});

afterAll(async () => {
  await h?.close();
});

const sameOrigin = () => ({ origin: new URL(h.url).origin, "sec-fetch-site": "same-origin" });
const newSession = async () => (await h.request("POST", "/chat/session", { headers: sameOrigin() })).json.token as string;

describe("the page and its session", () => {
  it("/chat sends the browser to /chat/, which is served with a strict CSP and can be framed only by the listed site", async () => {
    const redirect = await fetch(`${h.url}/chat`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("chat/");
    const page = await h.request("GET", "/chat/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain(`frame-ancestors 'self' ${EMBEDDER}`);
    expect(csp).not.toContain("unsafe-inline");
    // Nothing from elsewhere: the page works offline.
    expect(page.text).not.toMatch(/https?:\/\//);
  });

  it("no API key or secret reaches the browser", async () => {
    const files = await Promise.all(["/chat/", "/chat/chat.js", "/chat/chat.css"].map(async (p) => (await h.request("GET", p)).text));
    for (const text of files) {
      for (const secret of [API_KEY, SITE_KEY, h.tg.token]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });

  it("a session is given only to the page itself (not to another site's script)", async () => {
    expect((await h.request("POST", "/chat/session", { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await h.request("POST", "/chat/session", { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    const ok = await h.request("POST", "/chat/session", { headers: sameOrigin() });
    expect(ok.status).toBe(200);
    expect(ok.json.token).toMatch(/^chat\./);
    expect(Date.parse(ok.json.expires_at)).toBe(clock.now() + 12 * 3600_000);
  });

  it("a session may ask and open its own ticket, nothing else; a forged or expired one is refused", async () => {
    const token = await newSession();
    expect((await h.request("POST", "/api/ask", { token, body: { question: "开公司要几天？" } })).json.outcome).toBe("answered");
    const opened = await h.request("POST", "/api/tickets", { token, body: { question: "市住建局的电话是多少" } });
    expect(opened.status).toBe(201);
    expect(opened.json.ticket.channel).toBe("api-poll");
    const id = opened.json.ticket.id as number;
    expect((await h.request("GET", `/api/tickets/${id}/messages`, { token })).status).toBe(200);
    // Another session, or an API key of another caller, cannot read it.
    expect((await h.request("GET", `/api/tickets/${id}/messages`, { token: await newSession() })).status).toBe(403);
    expect((await h.request("GET", `/api/tickets/${id}`, { token: SITE_KEY })).status).toBe(403);
    // A session speaks for itself only.
    expect((await h.request("POST", "/api/tickets", { token, body: { question: "x", asker: { id: "someone-else" } } })).status).toBe(400);
    const [head, payload, mac] = token.split(".");
    const forged = `${head}.${Buffer.from(JSON.stringify({ s: "other", e: clock.now() + 1e9 })).toString("base64url")}.${mac}`;
    expect((await h.request("POST", "/api/ask", { token: forged, body: { question: "x" } })).status).toBe(401);
    expect((await h.request("POST", "/api/ask", { token: `${head}.${payload}.${mac}x`, body: { question: "x" } })).status).toBe(401);
    clock.advance(12 * 3600_000 + 1);
    const expired = await h.request("POST", "/api/ask", { token, body: { question: "x" } });
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toContain("/chat/session");
  });

  it("the chat page's questions are limited per client address, whatever the number of sessions", async () => {
    clock.advance(60_000);
    try {
      const token = await newSession();
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await h.request("POST", "/api/ask", { token, body: { question: "开公司要几天？" } })).status);
      expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
      expect(statuses[30]).toBe(429);
      // A new session does not start a new count: the address does.
      expect((await h.request("POST", "/api/ask", { token: await newSession(), body: { question: "开公司要几天？" } })).status).toBe(429);
      // Nor can sessions be had without end.
      const sessions: number[] = [];
      for (let i = 0; i < 30; i++) sessions.push((await h.request("POST", "/chat/session", { headers: sameOrigin() })).status);
      expect(sessions.at(-1)).toBe(429);
    } finally {
      clock.advance(60_000);
    }
  });
});

describe("the page in a browser DOM", () => {
  /** The page as a browser loads it from the server, with fetch doing what a browser's does (same origin). */
  async function openPage() {
    const page = await (await fetch(`${h.url}/chat/`)).text();
    const script = await (await fetch(`${h.url}/chat/chat.js`)).text();
    const dom = new JSDOM(page, { url: `${h.url}/chat/`, runScripts: "outside-only" });
    const calls: string[] = [];
    const w = dom.window as unknown as Record<string, unknown>;
    w.fetch = (input: string, init: RequestInit = {}) => {
      const target = new URL(input, dom.window.location.href);
      calls.push(`${init.method ?? "GET"} ${target.pathname}${target.search}`);
      return fetch(target, { ...init, headers: { ...(init.headers as Record<string, string>), ...sameOrigin() } });
    };
    dom.window.eval(script);
    const doc = dom.window.document;
    const ask = (text: string) => {
      (doc.getElementById("question") as HTMLTextAreaElement).value = text;
      (doc.getElementById("ask") as HTMLFormElement).requestSubmit();
    };
    const messages = () => [...doc.querySelectorAll("#log .msg")].map((e) => ({ kind: e.className.replace("msg ", ""), text: e.textContent ?? "" }));
    return { dom, doc, ask, messages, calls };
  }

  it("shows an answer with its measures and departments, as text", async () => {
    const { dom, ask, messages } = await openPage();
    ask("小微企业办电要几天？");
    await vi.waitFor(() => expect(messages().map((m) => m.kind)).toEqual(["mine", "bot"]));
    const answer = messages()[1]!.text;
    expect(answer).toContain("实现小微企业和个体工商户供电报装办理周期压缩至2日");
    expect(answer).toContain("第11条");
    expect(answer).toContain("负责部门：国网克拉玛依供电有限公司、市发改委");
    dom.window.close();
  });

  it("never turns the server's text into markup", async () => {
    const { dom, doc, ask, messages } = await openPage();
    ask("hostile");
    await vi.waitFor(() => expect(messages()).toHaveLength(2));
    const log = doc.getElementById("log")!;
    expect(log.querySelectorAll("img, b, i, script")).toHaveLength(0);
    expect(messages()[1]!.text).toContain(HOSTILE);
    expect(messages()[1]!.text).toContain("<script>window.pwned=2</script>");
    expect((dom.window as unknown as { pwned?: number }).pwned).toBeUndefined();
    dom.window.close();
  });

  it("hands an unanswered question to staff and shows their reply once", async () => {
    const { dom, doc, ask, messages, calls } = await openPage();
    ask("市住建局的电话是多少");
    await vi.waitFor(() => expect(messages().some((m) => m.kind === "staff" && m.text.includes("已为您创建工单"))).toBe(true), { timeout: 10_000 });
    const id = Number(/#(\d+)/.exec(messages().find((m) => m.kind === "staff")!.text)![1]);
    expect((doc.getElementById("end-human") as HTMLButtonElement).hidden).toBe(false);
    const card = await h.tg.waitForMessage(STAFF_CHAT, has(`工单 #${id}`));
    expect(card.plain_text).toContain("网页访客");

    // While the ticket is open, what the asker writes goes to staff.
    ask("我想问的是办公室电话");
    await h.tg.waitForMessage(STAFF_CHAT, has("我想问的是办公室电话"));
    h.tg.sendText({ chatId: STAFF_CHAT, userId: 777, firstName: "王五", text: "市住建局办公室：0990-6231234", replyToMessageId: card.message_id });
    await vi.waitFor(() => expect(messages().filter((m) => m.text.includes("0990-6231234"))).toHaveLength(1), { timeout: 15_000 });
    // Two more polls later it is still there once.
    const polls = () => calls.filter((c) => c.includes(`/api/tickets/${id}/messages`)).length;
    const seen = polls();
    await vi.waitFor(() => expect(polls()).toBeGreaterThanOrEqual(seen + 2), { timeout: 15_000, interval: 200 });
    expect(messages().filter((m) => m.text.includes("0990-6231234"))).toHaveLength(1);
    // Answered: the next question goes to the bot again.
    expect((doc.getElementById("end-human") as HTMLButtonElement).hidden).toBe(true);
    dom.window.close();
  }, 45_000);
});
