import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MemoryLimiter } from "../../src/server/api/limiter.js";
import { ManualClock } from "../support/manual-clock.js";
import { has, STAFF_CHAT } from "../support/bot-harness.js";
import { ConsoleClient, MAINTAINER, startConsoleServer, STAFF_USER, type ConsoleServer } from "./console-harness.js";
import { API_KEY, ServerHarness } from "./server-harness.js";

// The web console over plain HTTP: sessions, CSRF, roles, the login limit, and a ticket answered
// from the console reaching the Telegram asker once (the browser tests drive the same in Chromium).
const ASKER = 1001;
let h: ServerHarness;
let c: ConsoleServer;
let clock: ManualClock;

beforeAll(async () => {
  h = await ServerHarness.create("server-console-");
  clock = new ManualClock(Date.now());
  c = await startConsoleServer(h, { limiter: new MemoryLimiter(clock) });
  await h.botRunning();
});

afterAll(async () => {
  await h?.close();
});

/** The queue's row of one ticket. */
const rowOf = (page: string, id: number): string => [...page.matchAll(/<tr data-ticket="(\d+)">[\s\S]*?<\/tr>/g)].find((m) => m[1] === String(id))?.[0] ?? "";

describe("sessions", () => {
  it("without a session every page sends the browser to the login page, with where it was going", async () => {
    const anon = new ConsoleClient(h.url);
    const res = await anon.get("/console/tickets?status=all");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/console/login?next=${encodeURIComponent("/console/tickets?status=all")}`);
    const post = await anon.post("/console/tickets/1/close", { _csrf: "x" });
    expect(post.status).toBe(401);
    expect(post.text).toContain("登录已过期");
  });

  it("a wrong password is refused without saying which part was wrong; the right one sets a strict, HttpOnly cookie for /console", async () => {
    const browser = new ConsoleClient(h.url);
    const wrong = await browser.login(MAINTAINER, "not the password");
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain("账号或密码不正确");
    expect((await browser.login("nobody")).text).toContain("账号或密码不正确");
    const ok = await browser.login(MAINTAINER);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/console/tickets");
    const cookie = ok.headers.getSetCookie().find((l) => l.startsWith("kpb_console="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/);
    const page = await browser.get("/console/tickets");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.text).toContain(`${MAINTAINER} · 维护人员`);
    // The token is stored only as a hash.
    const token = browser.cookie("kpb_console")!;
    expect(JSON.stringify(await c.app.users.audit())).not.toContain(token);
  });

  it("the login form and every other form need their CSRF token; logging out ends the session on the server", async () => {
    const browser = new ConsoleClient(h.url);
    const noToken = await browser.post("/console/login", { _csrf: "forged", name: MAINTAINER, password: "console-test-password" });
    expect(noToken.status).toBe(403);
    await browser.login(STAFF_USER);
    const forged = await browser.post("/console/logout", { _csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain("安全校验未通过");
    const token = browser.cookie("kpb_console")!;
    expect((await browser.post("/console/logout")).status).toBe(303);
    const replay = new ConsoleClient(h.url);
    const res = await fetch(`${h.url}/console/tickets`, { headers: { cookie: `kpb_console=${token}` }, redirect: "manual" });
    expect(res.status).toBe(303);
    expect(replay.cookie("kpb_console")).toBeUndefined();
  });

  it("logins are limited per account (and per address): the 11th attempt within a minute is refused with Retry-After", async () => {
    const browser = new ConsoleClient(h.url);
    for (let i = 0; i < 10; i++) expect((await browser.login("carol", "wrong password!")).status).toBe(401);
    const limited = await browser.login("carol", "wrong password!");
    expect(limited.status).toBe(429);
    expect(limited.text).toContain("登录尝试过多");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same address may still log in; after the minute, carol may try again.
    expect((await new ConsoleClient(h.url).login(STAFF_USER)).status).toBe(303);
    clock.advance(61_000);
    expect((await browser.login("carol", "wrong password!")).status).toBe(401);
  });
});

describe("roles", () => {
  it("staff may open the tickets and the dashboard, not the policy, the FAQ review or the audit log (GET or POST)", async () => {
    const staff = new ConsoleClient(h.url);
    await staff.login(STAFF_USER);
    expect((await staff.get("/console/tickets")).status).toBe(200);
    expect((await staff.get("/console/dashboard")).status).toBe(200);
    for (const path of ["/console/policy", "/console/faq", "/console/audit", "/console/policy/history"]) {
      const res = await staff.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).toContain("需要维护人员角色");
    }
    expect((await staff.post("/console/policy/publish", { files: "x" })).status).toBe(403);
    expect((await staff.post("/console/faq/1/approve")).status).toBe(403);
    // The navigation shows staff only what they may open.
    const nav = (await staff.get("/console/tickets")).text;
    expect(nav).not.toContain('href="/console/policy"');
    const maintainer = new ConsoleClient(h.url);
    await maintainer.login(MAINTAINER);
    expect((await maintainer.get("/console/audit")).status).toBe(200);
  });
});

describe("tickets", () => {
  it("an answer from the console reaches the Telegram asker through the outbox exactly once, and the staff card follows", async () => {
    const { id } = await h.h.openTicketVia(ASKER);
    const staff = new ConsoleClient(h.url);
    await staff.login(STAFF_USER);
    const queue = await staff.get("/console/tickets?channel=telegram");
    expect(queue.text).toContain(`data-ticket="${id}"`);
    expect((await staff.get("/console/tickets?channel=api")).text).not.toContain(`data-ticket="${id}"`);

    const claimed = await staff.post(`/console/tickets/${id}/claim`);
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get("location")).toBe(`/console/tickets/${id}?done=claimed`);
    await h.tg.waitForMessage(ASKER, has("已受理"));

    const reply = "请拨打 12345 政务服务热线咨询市住建局。";
    expect((await staff.post(`/console/tickets/${id}/answer`, { text: reply })).status).toBe(303);
    await h.tg.waitForMessage(ASKER, has(reply));
    const page = await staff.get(`/console/tickets/${id}?done=answered`);
    expect(page.text).toContain("答复已记录");
    expect(page.text).toContain('data-status="answered"');
    expect(page.text).toContain(reply);
    // The outbox marks it delivered; nothing sends it again.
    await new Promise((r) => setTimeout(r, 600));
    expect(h.h.count(ASKER, reply)).toBe(1);
    expect((await h.handoff.events(id)).filter((e) => e.kind === "staff-reply").map((e) => e.actor)).toEqual([`staff:console:${STAFF_USER}`]);
    expect((await c.app.users.audit()).find((e) => e.action === "ticket-answer")).toMatchObject({ actor: `console:${STAFF_USER}`, target: `ticket:${id}` });
    await h.tg.waitFor((call) => call.method.toLowerCase() === "editmessagetext" && call.params.chat_id === STAFF_CHAT);

    // Close, then an answer is refused with a reason; reopen brings it back.
    expect((await staff.post(`/console/tickets/${id}/close`)).status).toBe(303);
    const refused = await staff.post(`/console/tickets/${id}/answer`, { text: "再答一次" });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("请先重新打开");
    expect((await staff.post(`/console/tickets/${id}/reopen`)).status).toBe(303);
    expect((await h.handoff.get(id))!.status).toBe("open");
    // Markup in a question is shown as text.
    expect((await staff.get("/console/tickets/abc")).status).toBe(404);
  });
});

describe("undelivered messages", () => {
  it("an answer that could not reach a blocked asker is flagged in the queue; after they unblock, staff resend it from the console, once", async () => {
    const asker = ASKER + 7;
    const { id } = await h.h.openTicketVia(asker, "市自然资源局的电话是多少");
    h.tg.blockChat(asker);
    const staff = new ConsoleClient(h.url);
    await staff.login(STAFF_USER);
    const reply = "不动产登记咨询请拨打 12345。";
    expect((await staff.post(`/console/tickets/${id}/answer`, { text: reply })).status).toBe(303);
    await vi.waitFor(async () => expect((await h.handoff.deliveryProblems(id)).map((d) => d.kind)).toEqual(["staff-reply"]), { timeout: 10_000 });
    // The queue flags the blocked asker (the failures of a blocked asker are not counted twice, as on the staff card).
    expect(rowOf((await staff.get("/console/tickets?status=answered")).text, id)).toContain("已屏蔽机器人");
    const page = await staff.get(`/console/tickets/${id}`);
    expect(page.text).toContain("重发未送达的消息（1 条）");
    expect(page.text).toContain("已屏蔽机器人");

    h.tg.unblockChat(asker);
    expect((await staff.post(`/console/tickets/${id}/resend`)).headers.get("location")).toBe(`/console/tickets/${id}?done=resent`);
    await h.tg.waitForMessage(asker, has(reply));
    await vi.waitFor(async () => expect(await h.handoff.deliveryProblems(id)).toEqual([]), { timeout: 10_000 });
    expect(h.h.count(asker, reply)).toBe(1);
    // Nothing left to resend: said so, nothing queued.
    expect((await staff.post(`/console/tickets/${id}/resend`)).status).toBe(409);
    expect((await c.app.users.audit()).find((e) => e.action === "ticket-resend")).toMatchObject({ target: `ticket:${id}`, detail: "1" });
  });
});

describe("a message that may not have arrived", () => {
  it("is counted in the queue and on the ticket, and is sent again only when staff say so", async () => {
    const asker = ASKER + 8;
    const { id } = await h.h.openTicketVia(asker, "市发改委的电话是多少");
    const staff = new ConsoleClient(h.url);
    await staff.login(STAFF_USER);
    // Telegram processes the reply but the answer is lost: the outbox cannot know it arrived, and does not resend by itself.
    h.tg.failNext("sendMessage", 1, { loseAnswer: true, where: (p) => p.chat_id === asker });
    expect((await staff.post(`/console/tickets/${id}/claim`)).status).toBe(303);
    await vi.waitFor(async () => expect((await h.handoff.deliveryProblems(id)).map((d) => [d.kind, d.state])).toEqual([["ticket-claimed", "uncertain"]]), { timeout: 10_000 });
    expect(rowOf((await staff.get("/console/tickets")).text, id)).toContain('data-undelivered="1"');
    const page = await staff.get(`/console/tickets/${id}`);
    expect(page.text).toContain("可能未送达");
    expect(page.text).toContain("重发后提问者可能收到两次");
    expect((await staff.post(`/console/tickets/${id}/resend`)).status).toBe(303);
    await vi.waitFor(async () => expect(h.h.count(asker, "已受理")).toBe(2), { timeout: 10_000 });
    const after = rowOf((await staff.get("/console/tickets")).text, id);
    expect(after).toContain(`#${id}`);
    expect(after).not.toContain("data-undelivered");
  });
});

describe("FAQ review", () => {
  it("a staff answer becomes a pending candidate; a maintainer approves it edited, and the edited answer is served", async () => {
    const { id } = await h.h.openTicketVia(ASKER + 1, "市税务局的电话是多少");
    const staff = new ConsoleClient(h.url);
    await staff.login(STAFF_USER);
    expect((await staff.post(`/console/tickets/${id}/answer`, { text: "可在政务服务中心办理" })).status).toBe(303);
    await vi.waitFor(async () => expect((await c.app.faq.list(["pending"])).map((e) => e.source?.ticketId)).toContain(id), { timeout: 10_000 });
    const entry = (await c.app.faq.list(["pending"])).find((e) => e.source?.ticketId === id)!;

    const maintainer = new ConsoleClient(h.url);
    await maintainer.login(MAINTAINER);
    const list = await maintainer.get("/console/faq");
    expect(list.text).toContain(`data-faq="${entry.id}"`);
    // An edit the corpus cannot back is refused with the reason, and nothing changes.
    const bad = await maintainer.post(`/console/faq/${entry.id}/approve`, { questions: "市税务局的电话是多少", answer: "x", measures: "999" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("no measure 999");
    expect((await c.app.faq.get(entry.id))!.status).toBe("pending");

    const edited = "市税务局纳税服务热线：12366。";
    const ok = await maintainer.post(`/console/faq/${entry.id}/approve`, { questions: "市税务局的电话是多少\n税务局电话", answer: edited, measures: "" });
    expect(ok.status).toBe(303);
    expect((await c.app.faq.get(entry.id))!).toMatchObject({ status: "approved", answer: edited, questions: ["市税务局的电话是多少", "税务局电话"], review: { by: { name: MAINTAINER } } });
    expect((await maintainer.get(`/console/faq/${entry.id}?done=approve`)).text).toContain("已通过");
    const asked = await h.request("POST", "/api/ask", { body: { question: "税务局电话" }, token: API_KEY });
    expect(asked.json).toMatchObject({ outcome: "answered", source: "faq" });
    expect(asked.json.text).toContain(edited);
    expect((await c.app.users.audit()).find((e) => e.action === "faq-approve")).toMatchObject({ actor: `console:${MAINTAINER}`, target: `faq:${entry.id}` });
  });
});

describe("behind an HTTPS proxy", () => {
  it("the session cookie is Secure when the trusted proxy says the browser came over https, and a next= elsewhere is ignored", async () => {
    c = await startConsoleServer(h, { env: { HTTP_TRUST_PROXY: "loopback" } });
    const viaProxy = new ConsoleClient(h.url);
    const ok = await viaProxy.login(STAFF_USER, undefined, { "x-forwarded-proto": "https" });
    expect(ok.status).toBe(303);
    expect(ok.headers.getSetCookie().find((l) => l.startsWith("kpb_console="))).toMatch(/; Secure/);
    const direct = new ConsoleClient(h.url);
    expect((await direct.login(STAFF_USER)).headers.getSetCookie().find((l) => l.startsWith("kpb_console="))).not.toMatch(/Secure/);

    // After logging in, the browser goes back where it was, but only to a console page.
    const page = await direct.get("/console/login");
    const tryNext = async (next: string) => {
      const fresh = new ConsoleClient(h.url);
      const form = await fresh.get("/console/login");
      return (await fresh.post("/console/login", { _csrf: /name="_csrf" value="([^"]*)"/.exec(form.text)![1]!, name: STAFF_USER, password: "console-test-password", next })).headers.get("location");
    };
    expect(page.status).toBe(200);
    expect(await tryNext("/console/dashboard?days=30")).toBe("/console/dashboard?days=30");
    expect(await tryNext("https://evil.example/")).toBe("/console/tickets");
    expect(await tryNext("//evil.example/console/")).toBe("/console/tickets");
  });
});
