/**
 * The web console at /console: server-rendered pages in Chinese for staff (the ticket queue) and
 * maintainers (also the dashboard's FAQ review, the policy and the audit log). No SPA and nothing
 * from a CDN: HTML, one stylesheet and one small script from web/console/, charts as inline SVG.
 *
 * Security: a session cookie (HttpOnly, SameSite=Strict, Secure behind https, path /console) whose
 * token the database keeps only as a hash; a CSRF token bound to the session in every form; a
 * login rate limit per address and per account; roles checked on the server for every route; an
 * audit line per action; a strict CSP (no inline script or style), no framing.
 */
import { timingSafeEqual, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyFormbody from "@fastify/formbody";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { TicketError } from "../../handoff/service.js";
import { isStoreFault } from "../../store/errors.js";
import type { RequestLimiter } from "../api/limiter.js";
import { HttpProblem } from "../errors.js";
import type { ServerDeps } from "../types.js";
import { ConsoleContext, ConsoleProblem } from "./context.js";
import { dashboardRoutes } from "./dashboard.js";
import { faqRoutes } from "./faq.js";
import { html } from "./html.js";
import { policyRoutes } from "./policy.js";
import { CS } from "./strings.js";
import { ticketRoutes } from "./tickets.js";
import { auditRoutes } from "./audit.js";

export const SESSION_COOKIE = "kpb_console";
const LOGIN_COOKIE = "kpb_login";
/** Forms carry at most this much (a corpus file edited in a text area is the largest). */
export const CONSOLE_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** Login attempts per minute per account name (guessing one password), and per client address (an office shares one). */
export const LOGIN_ATTEMPTS_PER_MINUTE = { account: 10, address: 30 };

const ASSETS: Record<string, string> = {
  "console.css": "text/css; charset=utf-8",
  "console.js": "text/javascript; charset=utf-8",
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface ConsolePluginOptions {
  deps: ServerDeps;
  limiter: RequestLimiter;
}

type Form = Record<string, string | string[] | undefined>;

export async function consolePlugin(app: FastifyInstance, { deps, limiter }: ConsolePluginOptions): Promise<void> {
  const ctx = new ConsoleContext(deps);
  const dir = path.join(deps.webDir ?? programWebDir(), "console");
  const assets = Object.fromEntries(
    Object.keys(ASSETS).map((name) => {
      try {
        return [name, fs.readFileSync(path.join(dir, name))];
      } catch (err) {
        throw new Error(`the console file ${path.join(dir, name)} cannot be read (${(err as Error).message}): deploy the web/ folder with the program`);
      }
    }),
  );

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: CONSOLE_BODY_LIMIT_BYTES });
  app.decorateRequest("consoleUser", null);
  app.decorateRequest("consoleCsrf", null);

  app.addHook("onRequest", async (_req, reply) => {
    reply.header("content-security-policy", CSP);
    reply.header("x-frame-options", "DENY");
    reply.header("cache-control", "no-store");
  });

  // Every route but the login page and the assets needs a session; every POST its CSRF token.
  app.addHook("preHandler", async (req, reply) => {
    const route = req.routeOptions.url ?? "";
    if (route.endsWith("/login") || route.includes("/assets/") || route === "/console" || route === "/console/") return;
    const token = req.cookies[SESSION_COOKIE] ?? "";
    const app = ctx.app();
    const found = token ? await app.users.sessionOf(token) : null;
    if (!found) {
      if (req.method === "GET") return reply.redirect(`/console/login?next=${encodeURIComponent(req.url)}`, 303);
      throw new ConsoleProblem(401, "unauthorized", CS.login.expired);
    }
    req.consoleUser = found.user;
    req.consoleCsrf = found.session.csrf;
    if (req.method === "POST" && !sameSecret(formField(req.body as Form, "_csrf"), found.session.csrf)) {
      deps.logger.info("console: a form without a valid CSRF token was refused", { user: found.user.name, url: req.url.split("?")[0], reqId: req.id });
      throw new ConsoleProblem(403, "csrf", CS.csrf);
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status = 500;
    let text = CS.error(req.id);
    if (err instanceof HttpProblem) {
      status = err.status;
      text = err.message;
      reply.headers(err.headers);
    } else if (isStoreFault(err)) {
      status = 503;
      text = CS.storeDown(err.reason);
    } else if (err instanceof TicketError) {
      status = err.code === "not-found" ? 404 : 409;
      text = err.message;
    } else if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      status = 413;
      text = `提交的内容过大（上限 ${CONSOLE_BODY_LIMIT_BYTES / 1024 / 1024} MB）。`;
    } else if (err.statusCode && err.statusCode < 500) {
      status = err.statusCode;
      text = err.message;
    }
    const meta = { reqId: req.id, method: req.method, url: req.url.split("?")[0], status, user: req.consoleUser?.name };
    if (status >= 500 && status !== 503) deps.logger.error(`console ${status}: ${err.message}`, { ...meta, stack: err.stack?.split("\n").slice(0, 4).join(" | ") });
    else deps.logger.info(`console ${status}: ${err.message}`, meta);
    return ctx.page(req, reply, { title: status === 403 ? "无权访问" : status === 404 ? "未找到" : "出错了", body: html`<p><a href="/console/tickets">${CS.back}</a></p>`, notice: { kind: "problem", text } }, { status });
  });
  app.setNotFoundHandler((req, reply) => ctx.page(req, reply, { title: "未找到", body: html``, notice: { kind: "problem", text: CS.notFound } }, { status: 404 }));

  app.get("/", async (_req, reply) => reply.redirect("/console/tickets", 302));

  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/assets/${name}`, async (_req, reply) => reply.header("content-type", type).header("cache-control", "no-cache").send(assets[name]));
  }

  // --- login and logout

  const loginPage = (req: FastifyRequest, reply: FastifyReply, problem: string | null, status = 200) => {
    const secret = randomBytes(18).toString("base64url");
    void reply.setCookie(LOGIN_COOKIE, secret, cookieOptions(req));
    const next = safeNext(formField(req.query as Form, "next") ?? formField(req.body as Form | undefined, "next"));
    return ctx.page(
      req,
      reply,
      {
        title: CS.login.title,
        notice: problem ? { kind: "problem", text: problem } : null,
        body: html`<form class="card login" method="post" action="/console/login">
  <input type="hidden" name="_csrf" value="${secret}">
  <input type="hidden" name="next" value="${next}">
  <label>${CS.login.name}<input name="name" autocomplete="username" required maxlength="32" autofocus></label>
  <label>${CS.login.password}<input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
  <button type="submit">${CS.login.submit}</button>
  <p class="muted">${CS.login.hint}</p>
</form>`,
      },
      { status },
    );
  };

  app.get("/login", async (req, reply) => loginPage(req, reply, null));

  app.post("/login", { bodyLimit: 16 * 1024 }, async (req, reply) => {
    const form = (req.body ?? {}) as Form;
    // The login form's own CSRF check: the secret in its cookie (SameSite=Strict) and in the form must match.
    if (!sameSecret(formField(form, "_csrf"), req.cookies[LOGIN_COOKIE] ?? "")) throw new ConsoleProblem(403, "csrf", CS.csrf);
    const name = (formField(form, "name") ?? "").trim();
    const password = formField(form, "password") ?? "";
    const buckets: Array<[string, number]> = [
      [`console-login:ip:${req.ip}`, LOGIN_ATTEMPTS_PER_MINUTE.address],
      [`console-login:user:${name.toLowerCase()}`, LOGIN_ATTEMPTS_PER_MINUTE.account],
    ];
    for (const [bucket, perMinute] of buckets) {
      const d = await limiter.take(bucket, perMinute);
      if (!d.allowed) {
        const s = Math.ceil(d.resetInMs / 1000);
        deps.logger.warn("console: login rate limited", { bucket, reqId: req.id });
        void reply.header("retry-after", String(s));
        return loginPage(req, reply, CS.login.limited(s), 429);
      }
    }
    const users = ctx.app().users;
    const done = await users.login(name, password, req.ip);
    if (!done) return loginPage(req, reply, CS.login.failed, 401);
    void reply.clearCookie(LOGIN_COOKIE, cookieOptions(req));
    void reply.setCookie(SESSION_COOKIE, done.token, cookieOptions(req));
    return ctx.seeOther(reply, safeNext(formField(form, "next")));
  });

  app.post("/logout", async (req, reply) => {
    const user = ctx.user(req);
    await ctx.app().users.logout(req.cookies[SESSION_COOKIE] ?? "", user);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    return ctx.seeOther(reply, "/console/login");
  });

  await ticketRoutes(app, ctx);
  await dashboardRoutes(app, ctx);
  await faqRoutes(app, ctx);
  await policyRoutes(app, ctx);
  await auditRoutes(app, ctx);
}

/** HttpOnly, SameSite=Strict, only for /console, Secure when the browser came over https (directly or through a trusted proxy). */
function cookieOptions(req: FastifyRequest) {
  return { path: "/console", httpOnly: true, sameSite: "strict" as const, secure: req.protocol === "https" };
}

export function formField(form: Form | undefined | null, name: string): string | undefined {
  const v = form?.[name];
  return Array.isArray(v) ? v[0] : v;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only a page of the console itself (never another site: an open redirect). */
function safeNext(next: string | undefined): string {
  if (next && /^\/console\/[A-Za-z0-9/_?=&%.-]*$/.test(next) && !next.includes("//") && !next.startsWith("/console/login")) return next;
  return "/console/tickets";
}


function programWebDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    if (fs.existsSync(path.join(dir, "web", "console", "console.css"))) return path.join(dir, "web");
    dir = path.dirname(dir);
  }
  return path.resolve("web");
}
