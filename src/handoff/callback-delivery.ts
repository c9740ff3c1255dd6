/**
 * The transport for askers on the "api" channel: each message about their ticket is POSTed as
 * JSON to the caller's callback URL, through the outbox like every other message (leased,
 * "sending" written before the request, the result recorded after). The request carries an
 * Idempotency-Key (the delivery id), so a retry after a timeout or a 5xx is safe for a receiver
 * that keeps the keys it has seen; a process that died mid-request leaves the row "uncertain" and
 * staff are told, as for Telegram. The body is signed with the caller's API key (HMAC-SHA256).
 */
import { createHmac } from "node:crypto";
import { OutboxLoop } from "./outbox-loop.js";
import { OutboxWorker, type OutboxLog, type SendResult } from "./outbox-worker.js";
import type { HandoffService } from "./service.js";
import type { Delivery, Ticket } from "./types.js";

/** Where one caller's messages go, and the key their body is signed with. */
export interface CallbackRoute {
  url: string;
  signingKey: string;
}

/** What the receiver gets, one message per request. */
export interface CallbackMessage {
  /** The delivery id: also the Idempotency-Key header. */
  id: number;
  ticket: { id: number; status: Ticket["status"] };
  kind: Delivery["kind"];
  text: string;
  /** When the message was queued (ISO 8601). */
  at: string;
}

export interface CallbackDeliveryOptions {
  /** The route for a delivery's asker, or why there is none (e.g. the caller's callback was removed from the configuration). */
  route: (d: Delivery) => CallbackRoute | { missing: string };
  /** The message text, from the transport's strings. */
  render: (d: Delivery, ticket: Ticket) => string;
  log: OutboxLog;
  fetch?: typeof globalThis.fetch;
  /** Per request. */
  timeoutMs?: number;
  owner?: string;
}

export const CALLBACK_TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = "x-karamay-signature";

/** Retried: the receiver is overloaded, restarting or timed out; any other 4xx is its final answer. */
const RETRY_STATUSES = new Set([408, 425, 429]);

export const signBody = (key: string, body: string): string => `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;

export function createCallbackDelivery(handoff: HandoffService, opts: CallbackDeliveryOptions): OutboxLoop {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? CALLBACK_TIMEOUT_MS;

  async function send(d: Delivery): Promise<SendResult> {
    const route = opts.route(d);
    if ("missing" in route) return { kind: "failed", error: route.missing };
    const ticket = await handoff.get(d.ticketId);
    if (!ticket) return { kind: "failed", error: `ticket #${d.ticketId} does not exist` };
    const message: CallbackMessage = {
      id: d.id,
      ticket: { id: ticket.id, status: ticket.status },
      kind: d.kind,
      text: opts.render(d, ticket),
      at: new Date(d.createdAt).toISOString(),
    };
    const body = JSON.stringify(message);
    let res: Response;
    try {
      res = await doFetch(route.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "idempotency-key": String(d.id),
          [SIGNATURE_HEADER]: signBody(route.signingKey, body),
          "user-agent": "karamay-policy-bot",
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The body is not needed; reading it frees the connection.
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      const what = (err as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `${(err as Error).message}${cause ? ` (${cause})` : ""}`;
      return { kind: "retry", error: `callback ${publicOrigin(route.url)}: ${what}` };
    }
    if (res.ok) return { kind: "delivered" };
    const error = `callback ${publicOrigin(route.url)} answered HTTP ${res.status}`;
    if (res.status >= 500 || RETRY_STATUSES.has(res.status)) {
      const after = Number(res.headers.get("retry-after"));
      return { kind: "retry", error, ...(Number.isFinite(after) && after > 0 ? { retryAfterMs: after * 1000 } : {}) };
    }
    return { kind: "failed", error };
  }

  const worker = new OutboxWorker(handoff, { channel: "api", send, log: opts.log, ...(opts.owner !== undefined ? { owner: opts.owner } : {}) });
  return new OutboxLoop(worker, opts.log);
}

/** scheme://host:port of a URL: what a log line may say (a path can carry a token). */
function publicOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid URL)";
  }
}
