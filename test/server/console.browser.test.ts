import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { has } from "../support/bot-harness.js";
import { findChromium, launchBrowser, type Browser } from "../support/browser.js";
import { MAINTAINER, PASSWORD, startConsoleServer, STAFF_USER, type ConsoleServer } from "./console-harness.js";
import { ServerHarness } from "./server-harness.js";

// The console in real headless Chromium (one browser and one server for the file): logging in,
// answering a Telegram asker's ticket, the roles, the charts, and the /chat page. Screenshots of
// each page go to test-results/console-*.png.
const chromiumPath = findChromium();
const ASKER = 1001;
let h: ServerHarness;
let c: ConsoleServer;
let browser: Browser;

describe.skipIf(!chromiumPath)("the console in Chromium", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    h = await ServerHarness.create("console-browser-");
    c = await startConsoleServer(h);
    await h.botRunning();
    browser = await launchBrowser(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function logIn(name: string) {
    const { page } = browser;
    await browser.context.clearCookies();
    await page.goto(`${h.url}/console/tickets`);
    await page.waitForURL(/\/console\/login/);
    await page.fill('input[name="name"]', name);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/console\/tickets/);
  }

  it("log in, answer a ticket from the console, and the asker receives the answer through the Bot API once", async () => {
    const { page } = browser;
    const { id } = await h.h.openTicketVia(ASKER);
    await page.goto(`${h.url}/console/`);
    await page.waitForURL(/\/console\/login/);
    await browser.screenshot("login");
    await page.fill('input[name="name"]', STAFF_USER);
    await page.fill('input[name="password"]', "wrong password here");
    await page.click('button[type="submit"]');
    expect(await page.textContent(".notice.problem")).toContain("账号或密码不正确");
    await page.fill('input[name="name"]', STAFF_USER);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/console\/tickets$/);
    expect(await page.textContent(".who")).toContain(`${STAFF_USER} · 工作人员`);
    await page.selectOption('select[name="channel"]', "telegram");
    await page.click('.filters button[type="submit"]');
    await page.waitForURL(/channel=telegram/);
    await browser.screenshot("tickets");

    await page.click(`tr[data-ticket="${id}"] td:first-child a`);
    await page.waitForURL(new RegExp(`/console/tickets/${id}$`));
    expect(await page.textContent("blockquote.question")).toBe("市住建局的电话是多少");
    const reply = "您好，市住建局的联系方式请拨打 12345 政务服务热线查询。";
    await page.fill("#answer-text", reply);
    await page.click('form.answer button[type="submit"]');
    await page.waitForURL(/done=answered/);
    expect(await page.textContent(".notice.done")).toContain("答复已记录");
    expect(await page.getAttribute("section.ticket", "data-status")).toBe("answered");
    await h.tg.waitForMessage(ASKER, has(reply));
    // Reloading the page after the post does not post again (303 to a GET), and the outbox sent it once.
    await page.reload();
    await new Promise((r) => setTimeout(r, 500));
    expect(h.h.count(ASKER, reply)).toBe(1);
    await page.waitForSelector('tr[data-delivery="staff-reply"]');
    await browser.screenshot("ticket");
  });

  it("the answer became an FAQ candidate; a maintainer edits and approves it", async () => {
    const { page } = browser;
    await vi.waitFor(async () => expect(await c.app.faq.list(["pending"])).toHaveLength(1), { timeout: 10_000 });
    const [entry] = await c.app.faq.list(["pending"]);
    await logIn(MAINTAINER);
    await page.click('nav a[href="/console/faq"]');
    await page.click(`tr[data-faq="${entry!.id}"] td:first-child a`);
    await page.fill("#faq-answer", "市住建局的联系方式请拨打 12345 政务服务热线查询。");
    await page.click('button[formaction$="/approve"]');
    await page.waitForURL(/done=approve/);
    expect(await page.getAttribute("[data-faq-status]", "data-faq-status")).toBe("approved");
    expect((await c.app.faq.get(entry!.id))!.answer).toBe("市住建局的联系方式请拨打 12345 政务服务热线查询。");
    await browser.screenshot("faq");
  });

  it("a staff account cannot open the policy pages (403), nor sees them in the menu", async () => {
    const { page } = browser;
    await logIn(STAFF_USER);
    expect(await page.locator('nav a[href="/console/policy"]').count()).toBe(0);
    const res = await page.goto(`${h.url}/console/policy`);
    expect(res!.status()).toBe(403);
    expect(await page.textContent(".notice.problem")).toContain("需要维护人员角色");
    await browser.screenshot("forbidden");
  });

  it("the dashboard renders its charts from the question log", async () => {
    const { page } = browser;
    // Questions through the API's engine, logged as the bot logs them (the Telegram asker's question is in the log already).
    const before = (await c.app.questionLog.questionsSince(0)).length;
    for (const q of ["小微企业办电要几天？", "市住建局的电话是多少", "企业开办需要多长时间"]) {
      const res = await h.request("POST", "/api/ask", { body: { question: q }, token: "wecom-test-key-0123456789abcdef" });
      expect(res.status).toBe(200);
    }
    await logIn(MAINTAINER);
    await page.goto(`${h.url}/console/dashboard`);
    expect(await page.textContent('[data-kpi="questions"] b')).toBe(String(before + 3));
    for (const chart of ["per-day", "handoff-rate", "top-measures", "first-reply"]) {
      const svg = page.locator(`[data-chart="${chart}"] svg`);
      expect(await svg.count(), chart).toBe(1);
      const box = await svg.boundingBox();
      expect(box!.width, chart).toBeGreaterThan(200);
    }
    // Today's questions, stacked by outcome: the bars add up to the count.
    const values = await page.locator('[data-chart="per-day"] rect.bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));
    expect(values.reduce((a, b) => a + b, 0)).toBe(before + 3);
    expect(await page.locator('[data-chart="top-measures"] rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart="first-reply"] rect.bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))).reduce((a, b) => a + b, 0))).toBe(1);
    await browser.screenshot("dashboard");
  });

  it("the /chat page answers a question", async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${h.url}/chat/`);
      await page.fill("#question", "小微企业办电要几天？");
      await page.click("#send");
      await page.waitForFunction(() => (document.getElementById("log")?.innerText ?? "").includes("第11条"), undefined, { timeout: 15_000 });
      await browser.screenshot("chat", page);
    } finally {
      await page.close();
    }
  });
});
