/**
 * The server with the whole composition (openApp: accounts, FAQ, question log, a live policy when
 * asked) for the web console's tests, two accounts made through the same UserService as npm run
 * users, and a small cookie-keeping HTTP client that logs in and posts forms as a browser does.
 */
import { openApp, openLivePolicy, type App, type LivePolicy } from "../../src/compose.js";
import type { RunningServer } from "../../src/server/run-server.js";
import { ServerHarness, type ServerStart } from "./server-harness.js";

export const PASSWORD = "console-test-password";
export const MAINTAINER = "alice";
export const STAFF_USER = "bob";

export interface ConsoleServer {
  server: RunningServer;
  app: App;
  live: LivePolicy | null;
}

/** Start the server (a fresh data folder) with the composition, and the accounts alice (maintainer) and bob (staff). */
export async function startConsoleServer(h: ServerHarness, o: ServerStart & { live?: { corpusDir: string } } = {}): Promise<ConsoleServer> {
  let app: App | null = null;
  let live: LivePolicy | null = null;
  const server = await h.startServer({
    ...o,
    env: { ...(o.live ? { CORPUS_DIR: o.live.corpusDir, CORPUS_WATCH: "off" } : {}), ...o.env },
    openApp: async ({ config, handoff, metrics }) => {
      const common = { config, handoff, log: h.h.logger, metrics, faqRefreshMs: 0, lockWaitMs: 300 };
      if (o.live) {
        live = await openLivePolicy({ config, log: (m) => h.h.logger.info(m), debounceMs: 0 });
        app = await openApp({ ...common, live });
      } else app = await openApp({ ...common, engine: h.h.engine, text: h.h.text! });
      return app;
    },
  });
  await server.ready;
  const ready = app as App | null;
  if (!ready) throw new Error("the composition did not open");
  await ready.users.add(MAINTAINER, "maintainer", PASSWORD, "test");
  await ready.users.add(STAFF_USER, "staff", PASSWORD, "test");
  return { server, app: ready, live };
}

export interface Page {
  status: number;
  headers: Headers;
  text: string;
}

/** A browser-like client: keeps cookies, follows no redirects by itself, finds the CSRF token in pages. */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();
  csrf = "";

  constructor(readonly base: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request("GET", path, undefined, headers);
  }

  /** A form post; the session's CSRF token is added unless `_csrf` is given (or null: none). */
  async post(path: string, form: Record<string, string | null> = {}, headers: Record<string, string> = {}): Promise<Page> {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) if (v !== null) fields[k] = v;
    if (!("_csrf" in form)) fields._csrf = this.csrf;
    return this.request("POST", path, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded", ...headers });
  }

  async login(name: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Page> {
    const page = await this.get("/console/login", headers);
    const loginCsrf = csrfOf(page.text);
    const res = await this.post("/console/login", { _csrf: loginCsrf, name, password, next: "" }, headers);
    if (res.status === 303) this.csrf = csrfOf((await this.get("/console/tickets", headers)).text);
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async request(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Page> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: "manual",
      headers: { ...headers, ...(this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [k, ...v] = pair!.split("=");
      const value = v.join("=");
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}

export const csrfOf = (page: string): string => /name="_csrf" value="([^"]*)"/.exec(page)?.[1] ?? "";
