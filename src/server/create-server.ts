/**
 * The HTTP server: one Fastify instance, one plugin per area (health, metrics, webhook, API, chat
 * page, web console), a request id on every request (X-Request-Id, taken from the proxy when it sends a sane
 * one), a log line per request, and one error handler that answers every failure as JSON and logs
 * 4xx as info, 5xx as error. createServerManager starts and stops it (tests run it on port 0).
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { webhookSecretOf } from "../config.js";
import { isStoreFault, storeFaultHint } from "../handoff/store.js";
import { TicketError } from "../handoff/service.js";
import { ApiKeys, ChatSessions } from "./api/auth.js";
import { MemoryLimiter } from "./api/limiter.js";
import { HttpProblem } from "./errors.js";
import { apiPlugin } from "./plugins/api.js";
import { chatPlugin } from "./plugins/chat.js";
import { consolePlugin } from "./console/plugin.js";
import { healthPlugin } from "./plugins/health.js";
import { metricsPlugin } from "./plugins/metrics.js";
import { webhookPlugin } from "./plugins/webhook.js";
import type { ServerDeps } from "./types.js";
import { systemClock } from "../clock.js";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const TICKET_ERROR_STATUS = { "not-found": 404, forbidden: 403, "bad-state": 409 } as const;

export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: false,
    trustProxy: config.http.trustProxy,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Unknown fields are refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    // Idle keep-alive sockets are closed at stop; requests in progress finish first.
    forceCloseConnections: "idle",
  });

  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    if (req.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
  app.addHook("onResponse", async (req, reply) => {
    logger.debug(`${req.method} ${req.routeOptions.url ?? req.url.split("?")[0]} ${reply.statusCode}`, {
      reqId: req.id,
      ms: Math.round(reply.elapsedTime),
      ...(req.caller ? { caller: req.caller.kind === "key" ? req.caller.name : "web" } : {}),
    });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, code, message, headers } = describe(err);
    const meta = { reqId: req.id, method: req.method, url: req.url.split("?")[0], status, code };
    const detail = isStoreFault(err)
      ? { reason: err.reason, error: err.message, hint: storeFaultHint(err.reason) }
      : status === 500
        ? { error: err.message, stack: err.stack?.split("\n").slice(0, 4).join(" | ") }
        : {};
    // A 503 the server chose (still starting: try again) is not a fault; anything else 5xx is.
    if (status === 503 && err instanceof HttpProblem) logger.warn(`http ${status}: ${message}`, meta);
    else if (status >= 500) logger.error(`http ${status}: ${message}`, { ...meta, ...detail });
    else logger.info(`http ${status}: ${message}`, meta);
    void reply.code(status).headers(headers).send({ error: { code, message }, request_id: req.id });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: { code: "not_found", message: `no route ${req.method} ${req.url.split("?")[0]}` }, request_id: req.id });
  });

  const sessions = new ChatSessions(config.chat.sessionSecret, clock);
  const keys = new ApiKeys(config.api.keys);
  const limiter = deps.limiter ?? new MemoryLimiter(clock);

  await app.register(healthPlugin, { deps });
  if (deps.metrics) await app.register(metricsPlugin, { metrics: deps.metrics });
  const secret = webhookSecretOf(config.telegram);
  if (config.telegram.webhookUrl && secret) await app.register(webhookPlugin, { deps, secret });
  await app.register(apiPlugin, { deps, keys, sessions, limiter });
  await app.register(chatPlugin, { deps, sessions, limiter });
  // Encapsulated: its cookie and form parsers, hooks and HTML error pages apply to /console only.
  await app.register(consolePlugin, { deps, limiter, prefix: "/console" });
  return app;
}

/** What an error means for the caller: status, a stable code, a message, extra headers. */
function describe(err: FastifyError): { status: number; code: string; message: string; headers: Record<string, string> } {
  if (err instanceof HttpProblem) return { status: err.status, code: err.code, message: err.message, headers: err.headers };
  if (err instanceof TicketError) return { status: TICKET_ERROR_STATUS[err.code], code: err.code === "bad-state" ? "conflict" : err.code.replace("-", "_"), message: err.message, headers: {} };
  if (isStoreFault(err)) {
    return { status: 503, code: "unavailable", message: `the tickets database cannot be used right now (${err.reason}); try again shortly`, headers: { "retry-after": "5" } };
  }
  if (err.validation) return { status: 400, code: "bad_request", message: `request ${err.validationContext ?? ""} ${err.message}`.replace(/\s+/g, " ").trim(), headers: {} };
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") return { status: 413, code: "too_large", message: "request body too large", headers: {} };
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return { status: 415, code: "bad_request", message: "send the body as application/json", headers: {} };
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, code: "bad_request", message: err.message, headers: {} };
  return { status: 500, code: "internal", message: "internal error; quote the request id when reporting it", headers: {} };
}

export interface ServerManager {
  /** Listen; resolves with the address (port 0 picks a free one). */
  start(host: string, port: number): Promise<{ host: string; port: number; url: string }>;
  /** Stop taking requests, let those in progress finish, close. Idempotent. */
  stop(): Promise<void>;
}

const IDLE_SWEEP_MS = 100;

export function createServerManager(app: FastifyInstance): ServerManager {
  let stopping: Promise<void> | null = null;
  return {
    async start(host, port) {
      await app.listen({ host, port });
      const address = app.server.address() as AddressInfo;
      const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
      return { host: address.address, port: address.port, url: `http://${shown}:${address.port}` };
    },
    stop() {
      stopping ??= (async () => {
        // A request in progress when the stop began leaves its kept-alive connection open after its answer (a
        // webhook delivery, say): close connections as they fall idle, or the stop waits for the client to hang up.
        const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
        }
      })();
      return stopping;
    },
  };
}
