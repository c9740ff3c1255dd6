import { HttpError, type Transformer } from "grammy";
import { sleep, systemClock, type Clock } from "../clock.js";
import { publicUrl, Reachability, type Backoff } from "../reachability.js";
import type { BotLogger } from "./logger.js";

/**
 * How the bot talks to the Bot API when the network is not there. Every request has a deadline
 * (a black-holed API root never answers), network failures are retried with a growing back-off
 * until Telegram answers, and reported through a Reachability (at once, every minute while they
 * last, the recovery); shutdown() ends every request and every wait at once. 429 and 5xx stay
 * with auto-retry.
 */
export interface TelegramLinkOptions {
  apiRoot: string;
  /** TELEGRAM_PROXY, named (without credentials) in outage reports. */
  proxy?: string | null;
  logger: BotLogger;
  clock?: Clock;
  backoff?: Backoff;
  /** How long a request may go unanswered, on top of a long poll's own timeout. */
  requestTimeoutMs?: number;
}

export const REQUEST_TIMEOUT_MS = 10_000;
/** Answers from a proxy or gateway in front of the API: the API itself is not there. */
const GATEWAY_ERRORS = new Set([502, 503, 504]);
/** Calls that do no harm when Telegram gets them twice (reads, settings, edits, acknowledgements): retried on any network failure. */
const SAFE_TO_REPEAT = new Set([
  "getUpdates",
  "getMe",
  "getChat",
  "getWebhookInfo",
  "setWebhook",
  "deleteWebhook",
  "getMyCommands",
  "setMyCommands",
  "deleteMyCommands",
  "answerCallbackQuery",
  "sendChatAction",
  "editMessageText",
  "editMessageReplyMarkup",
  "deleteMessage",
]);
/** Failures before a connection exists: the request cannot have reached Telegram. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * A message whose request may have reached Telegram, but no answer came back (a reset or a timeout
 * mid-request). Sending it again could deliver it twice, so it is not: the outbox marks it
 * uncertain and tells staff, who resend it deliberately.
 */
export class MaybeDeliveredError extends HttpError {
  constructor(
    readonly method: string,
    cause: HttpError,
  ) {
    super(`no answer from Telegram to '${method}' after the request may have reached it: not sent again (${describeNetworkError(cause)})`, cause.error);
    this.name = "MaybeDeliveredError";
  }
}

/** Whether a failed request may have reached Telegram: anything but a refusal or a name or route that did not resolve. */
export function mayHaveReachedTelegram(err: HttpError): boolean {
  const code = (err.error as { code?: unknown } | undefined)?.code;
  return !(typeof code === "string" && NOT_SENT_CODES.has(code));
}

export class TelegramLink {
  readonly reachability: Reachability;
  private readonly clock: Clock;
  private readonly requestTimeoutMs: number;
  private readonly stopping = new AbortController();
  /** Each attempt's own switch, for shutdown(): one shared signal would gather a listener per request, slow to add and remove under load. */
  private readonly inFlight = new Set<AbortController>();

  constructor(opts: TelegramLinkOptions) {
    this.clock = opts.clock ?? systemClock;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.reachability = new Reachability({
      service: `the Telegram Bot API at ${publicUrl(opts.apiRoot)}${opts.proxy ? ` through the proxy ${publicUrl(opts.proxy)}` : ""}`,
      hint: "Check the network, proxy and firewall, and TELEGRAM_API_ROOT; retrying with a growing back-off (at most 1 min).",
      log: { error: (m) => opts.logger.error(m), info: (m) => opts.logger.info(m) },
      clock: this.clock,
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
    });
  }

  /**
   * The transformers in the order grammY's `api.config.use` takes them (first = innermost):
   * this link's retries, then `middle` (auto-retry for 429/5xx), then the shutdown switch.
   */
  transformers(middle: Transformer): Transformer[] {
    return [this.transport, middle, this.endAtShutdown];
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** End every request in flight and every retry wait; later requests fail at once. */
  shutdown(): void {
    this.stopping.abort(new Error("the bot is stopping"));
    for (const request of this.inFlight) request.abort(this.stopping.signal.reason);
    this.reachability.close();
  }

  /**
   * What the requests below see as their signal: the bot's own stop switch (shared, and only listened
   * to while waiting between retries), merged with the caller's signal when there is one (the polls
   * and getMe, a few at a time).
   */
  private readonly endAtShutdown: Transformer = async (prev, method, payload, shimSignal) => {
    const own = standard(shimSignal);
    if (!own) return prev(method, payload, shim(this.stopping.signal));
    const merged = anyOf(own, this.stopping.signal);
    try {
      return await prev(method, payload, shim(merged.signal));
    } finally {
      merged.release();
    }
  };

  /**
   * Every request waits for Telegram as long as it takes (until shutdown): the poll, getMe at
   * start-up, and a reply or a delivery too, which then goes out late rather than never.
   */
  private readonly transport: Transformer = async (prev, method, payload, shimSignal) => {
    const signal = standard(shimSignal) ?? this.stopping.signal;
    let quietRetry = true;
    for (;;) {
      try {
        const result = await this.withDeadline((s) => prev(method, payload, shim(s)), method, payload, signal);
        if (!result.ok && GATEWAY_ERRORS.has(result.error_code)) this.reachability.failed(`HTTP ${result.error_code} ${result.description}`);
        else this.reachability.succeeded();
        return result;
      } catch (err) {
        if (signal.aborted || !(err instanceof HttpError)) throw err;
        // A message that may have arrived is not sent again: exactly once, or a person is told (an outage shows on the polls).
        if (!SAFE_TO_REPEAT.has(method) && mayHaveReachedTelegram(err)) throw new MaybeDeliveredError(method, err);
        // A kept-alive socket the server had closed: try once more on a fresh one before calling it an outage.
        if (quietRetry && isStaleSocket(err)) {
          quietRetry = false;
          await new Promise((resolve) => setImmediate(resolve)); // lets the pool drop other closed sockets first
          continue;
        }
        const delayMs = this.reachability.failed(describeNetworkError(err));
        // Stopped while waiting: the failure stands.
        await sleep(this.clock, delayMs, signal).catch(() => {
          throw err;
        });
      }
    }
  };

  /**
   * One attempt, on one switch that its deadline, shutdown and the caller's signal all throw (a
   * long poll gets its own timeout on top). No listener is added unless the caller has a signal of its own.
   */
  private async withDeadline<T>(
    attempt: (signal: AbortSignal) => Promise<T>,
    method: string,
    payload: unknown,
    signal: AbortSignal,
  ): Promise<T> {
    const pollSeconds = method === "getUpdates" ? Number((payload as { timeout?: unknown } | undefined)?.timeout ?? 0) || 0 : 0;
    const ms = pollSeconds * 1000 + this.requestTimeoutMs;
    const controller = new AbortController();
    if (signal.aborted) controller.abort(signal.reason);
    // Shutdown reaches the attempt through inFlight: a listener per request on the shared stop signal would pile up under load.
    this.inFlight.add(controller);
    const follow = signal === this.stopping.signal ? null : followAbort(signal, controller);
    const timer = setTimeout(expire, ms, controller, ms);
    timer.unref();
    try {
      return await attempt(controller.signal);
    } catch (err) {
      if (controller.signal.reason instanceof RequestTimeout && !signal.aborted) throw new HttpError(`Network request for '${method}' failed!`, controller.signal.reason);
      throw err;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
      follow?.();
    }
  }
}

/** The deadline passed: the error is made only then (an Error's stack trace costs more than the request's other bookkeeping). */
function expire(controller: AbortController, ms: number): void {
  controller.abort(new RequestTimeout(ms));
}

/** Aborts `controller` when `signal` aborts; returns the detach. */
function followAbort(signal: AbortSignal, controller: AbortController): () => void {
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

// grammY types signals with the abort-controller shim's class; at run time they are Node's own.
type ShimSignal = Parameters<Transformer>[3];
const standard = (s: ShimSignal) => s as unknown as AbortSignal | undefined;
const shim = (s: AbortSignal) => s as unknown as ShimSignal;

class RequestTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no response within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
    this.name = "RequestTimeout";
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE"]);

function isStaleSocket(err: HttpError): boolean {
  const code = (err.error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && STALE_SOCKET_CODES.has(code);
}

/** Why a request failed, without the request URL (it contains the token). */
export function describeNetworkError(err: HttpError): string {
  const cause = err.error as { code?: unknown; name?: unknown } | undefined;
  if (cause instanceof RequestTimeout) return cause.message;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  if (code) return `${NETWORK_CODES[code] ?? "network error"} (${code})`;
  return typeof cause?.name === "string" && cause.name !== "Error" ? `network error (${cause.name})` : "network error";
}

/** A signal aborted when either of two is; release() detaches it so long-lived signals do not collect listeners. */
function anyOf(a: AbortSignal | undefined, b: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const sources = a ? [a, b] : [b];
  const onAbort = (e: Event) => controller.abort((e.target as AbortSignal).reason);
  for (const s of sources) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    release: () => {
      for (const s of sources) s.removeEventListener("abort", onAbort);
    },
  };
}
