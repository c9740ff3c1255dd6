/**
 * The web chat page (/chat/): plain HTML, CSS and JS from web/chat/, no build step and nothing
 * from a CDN. The page calls the same API as other systems, with a session token from POST
 * /chat/session instead of an API key (good for /api/ask and the session's own tickets only).
 * Embedding it in another site's page (iframe) is allowed only for CHAT_EMBED_ORIGINS.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ChatSessions } from "../api/auth.js";
import type { RequestLimiter } from "../api/limiter.js";
import { forbidden, HttpProblem } from "../errors.js";
import type { ServerDeps } from "../types.js";

const ASSETS: Record<string, string> = {
  "chat.js": "text/javascript; charset=utf-8",
  "chat.css": "text/css; charset=utf-8",
};

export async function chatPlugin(app: FastifyInstance, { deps, sessions, limiter }: { deps: ServerDeps; sessions: ChatSessions; limiter: RequestLimiter }): Promise<void> {
  const dir = path.join(deps.webDir ?? programWebDir(), "chat");
  // Read once at start: a missing file is a deployment error, said at once.
  const read = (name: string) => {
    try {
      return fs.readFileSync(path.join(dir, name));
    } catch (err) {
      throw new Error(`the chat page file ${path.join(dir, name)} cannot be read (${(err as Error).message}): deploy the web/ folder with the program`);
    }
  };
  const page = read("index.html");
  const assets = Object.fromEntries(Object.keys(ASSETS).map((name) => [name, read(name)]));
  const frameAncestors = ["'self'", ...deps.config.chat.embedOrigins].join(" ");
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");

  // Relative links in the page then work behind a proxy that serves it under a path prefix.
  app.get("/chat", async (_req, reply) => reply.redirect("chat/", 302));

  app.get("/chat/", async (_req, reply) =>
    reply.header("content-type", "text/html; charset=utf-8").header("content-security-policy", csp).header("cache-control", "no-cache").send(page),
  );

  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/chat/${name}`, async (_req, reply) => reply.header("content-type", type).header("cache-control", "no-cache").send(assets[name]));
  }

  app.post("/chat/session", async (req, reply) => {
    if (!sameOrigin(req)) throw forbidden("chat sessions are for the /chat page itself");
    const perMinute = deps.config.chat.rateLimitPerMinute;
    const d = await limiter.take(`session:ip:${req.ip}`, perMinute);
    if (!d.allowed) {
      const s = Math.ceil(d.resetInMs / 1000);
      throw new HttpProblem(429, "rate_limited", `too many new chat sessions from this address; try again in ${s} s`, { "retry-after": String(s) });
    }
    const { token, expiresAt } = sessions.issue();
    return reply.header("cache-control", "no-store").send({ token, expires_at: new Date(expiresAt).toISOString() });
  });
}

/**
 * A browser says where a request comes from (Sec-Fetch-Site, Origin): refuse other sites. Without
 * either header (curl, scripts) the request is let through: they could claim any origin anyway;
 * what limits them is the per-address rate limit.
 */
function sameOrigin(req: FastifyRequest): boolean {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string" && site !== "same-origin") return false;
  const origin = req.headers.origin;
  if (typeof origin !== "string") return true;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

/** web/ of this program: found from this module (src/server/plugins or dist/src/server/plugins), whatever the working directory. */
function programWebDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    if (fs.existsSync(path.join(dir, "web", "chat", "index.html"))) return path.join(dir, "web");
    dir = path.dirname(dir);
  }
  return path.resolve("web");
}
