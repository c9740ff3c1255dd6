/**
 * The HTTP API for other channels (WeCom, the city site, the /chat page): the same engine and the
 * same HandoffService as the Telegram bot. Tickets from here are asker channel "api" (replies
 * POSTed to the caller's callback) or "api-poll" (replies collected from /messages).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { PolicyEngine } from "../../answer/engine.js";
import type { Answer } from "../../answer/types.js";
import type { Asker, Channel, Delivery, Ticket } from "../../handoff/types.js";
import type { Citation } from "../../policy/measure.js";
import { ApiKeys, bearerOf, callerName, ChatSessions, WEB_CALLER, type Caller } from "../api/auth.js";
import type { RequestLimiter } from "../api/limiter.js";
import { openApiDocument } from "../api/openapi.js";
import { API_BODY_LIMIT_BYTES, AskRequest, PollQuery, TicketIdParams, TicketRequest } from "../api/schemas.js";
import { forbidden, HttpProblem, notFound, unauthorized, unavailable } from "../errors.js";
import { askerMessageText, SS } from "../strings.js";
import type { ServerDeps } from "../types.js";

export interface ApiPluginOptions {
  deps: ServerDeps;
  keys: ApiKeys;
  sessions: ChatSessions;
  limiter: RequestLimiter;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling, once authenticated (API routes). */
    caller: Caller | null;
  }
}

/** Reads (status, polling) may come this many times as often as questions. */
const READS_PER_QUESTION = 6;

type AskBody = { question: string; measure?: number; document?: string };
type TicketBody = { question: string; asker?: { id: string; name?: string }; channel?: string };
type IdParams = { id: number };
type PollQs = { after?: number };

export async function apiPlugin(app: FastifyInstance, { deps, keys, sessions, limiter }: ApiPluginOptions): Promise<void> {
  const { config, handoff } = deps;
  app.decorateRequest("caller", null);

  /** Bearer key or session token → the caller; then the caller's rate limit (sessions: per client address). */
  const authenticate = (kind: "question" | "read") => async (req: FastifyRequest, reply: FastifyReply) => {
    const token = bearerOf(req.headers.authorization);
    if (!token) throw unauthorized("send Authorization: Bearer <API key> (API_KEYS), or use the /chat page");
    let caller: Caller;
    if (ChatSessions.looksLikeSession(token)) {
      const session = sessions.verify(token);
      if (!session) throw unauthorized("the chat session expired or is not valid: get a new one from POST /chat/session");
      caller = { kind: "session", session };
    } else {
      const name = keys.identify(token);
      if (!name) throw unauthorized("unknown API key");
      caller = { kind: "key", name };
    }
    req.caller = caller;
    const perMinute = (caller.kind === "key" ? config.api.rateLimitPerMinute : config.chat.rateLimitPerMinute) * (kind === "read" ? READS_PER_QUESTION : 1);
    // Sessions are free to get: what limits the chat page is the client's address.
    const bucket = `${kind}:${caller.kind === "key" ? `key:${caller.name}` : `ip:${req.ip}`}`;
    const d = await limiter.take(bucket, perMinute);
    reply.header("x-ratelimit-limit", String(perMinute));
    reply.header("x-ratelimit-remaining", String(d.remaining));
    if (!d.allowed) {
      deps.logger.info("api rate limited", { caller: callerName(caller), bucket: kind, reqId: req.id });
      throw new HttpProblem(429, "rate_limited", `more than ${perMinute} requests a minute; try again in ${Math.ceil(d.resetInMs / 1000)} s`, {
        "retry-after": String(Math.ceil(d.resetInMs / 1000)),
      });
    }
  };

  const engineOrWait = (): PolicyEngine => {
    const engine = deps.engine();
    if (!engine) throw unavailable("the policy index is still loading; try again in a few seconds");
    return engine;
  };

  const answerFor = async (caller: Caller, question: string, measure?: number, document?: string): Promise<Answer> => {
    const started = performance.now();
    const engine = engineOrWait();
    const answer = measure === undefined ? await engine.ask(question) : await engine.answerFrom(question, measure, document);
    const latencyMs = performance.now() - started;
    deps.metrics?.questionAnswered(caller.kind === "key" ? "api" : "web", answer.outcome, latencyMs / 1000);
    // Best effort, like the bot: a log that cannot be written never stops an answer.
    const asker = caller.kind === "key" ? { channel: "api", userId: caller.name } : { channel: "web", userId: caller.session };
    await deps.questionLog?.()?.record({ asker, question, answer, latencyMs });
    return answer;
  };

  app.get("/api/openapi.json", async () => openApiDocument(deps.version ?? "0"));

  app.post<{ Body: AskBody }>(
    "/api/ask",
    { bodyLimit: API_BODY_LIMIT_BYTES, schema: { body: AskRequest }, preHandler: authenticate("question") },
    async (req) => {
      const answer = await answerFor(req.caller!, req.body.question, req.body.measure, req.body.document);
      return answerJson(answer);
    },
  );

  app.post<{ Body: TicketBody }>(
    "/api/tickets",
    { bodyLimit: API_BODY_LIMIT_BYTES, schema: { body: TicketRequest }, preHandler: authenticate("question") },
    async (req, reply) => {
      const caller = req.caller!;
      const asker = askerFor(caller, req.body, config.api.callbacks);
      const question = req.body.question.trim();
      if (!question) throw new HttpProblem(400, "bad_request", "question is empty");
      const active = await handoff.activeTicketOf(asker.chatId);
      if (active) {
        const ticket = await handoff.addFollowUp(active.id, asker, question);
        deps.kickDeliveries?.();
        return reply.code(200).send(ticketResponse(ticket, false));
      }
      // Staff see the measures the bot would point to, as for a Telegram handoff.
      const engine = deps.engine();
      const candidates: Citation[] = engine ? candidatesOf(await engine.ask(question)) : [];
      const { ticket, created } = await handoff.openTicket({ asker, question, candidates });
      if (created) deps.logger.info("ticket opened", { ticket: ticket.id, caller: callerName(caller), channel: ticket.asker.channel });
      else await handoff.addFollowUp(ticket.id, asker, question); // opened by a concurrent request meanwhile
      deps.kickDeliveries?.();
      return reply.code(created ? 201 : 200).send(ticketResponse(ticket, created));
    },
  );

  app.get<{ Params: IdParams }>("/api/tickets/:id", { schema: { params: TicketIdParams }, preHandler: authenticate("read") }, async (req) => {
    return { ticket: summary(await ownTicket(req.caller!, req.params.id)) };
  });

  app.delete<{ Params: IdParams }>("/api/tickets/:id", { schema: { params: TicketIdParams }, preHandler: authenticate("question") }, async (req) => {
    const ticket = await ownTicket(req.caller!, req.params.id);
    const closed = await handoff.cancelTicket(ticket.id, ticket.asker);
    deps.kickDeliveries?.();
    return { ticket: summary(closed) };
  });

  app.get<{ Params: IdParams; Querystring: PollQs }>(
    "/api/tickets/:id/messages",
    { schema: { params: TicketIdParams, querystring: PollQuery }, preHandler: authenticate("read") },
    async (req) => {
      const ticket = await ownTicket(req.caller!, req.params.id);
      if (ticket.asker.channel !== "api-poll") {
        throw new HttpProblem(409, "conflict", `ticket #${ticket.id} sends its messages to your callback URL (API_CALLBACKS); there is nothing to poll`);
      }
      const messages = await handoff.pollAskerMessages(ticket.id, req.query.after ?? 0);
      const current = (await handoff.get(ticket.id)) ?? ticket;
      return { ticket: summary(current), messages: messages.map((d) => messageJson(d)) };
    },
  );

  /** The caller's own ticket: another caller's (or another session's) is refused, without saying whether it exists. */
  async function ownTicket(caller: Caller, id: number): Promise<Ticket> {
    const ticket = await handoff.get(id);
    if (!ticket || !ticket.asker.channel.startsWith("api")) throw notFound(`no ticket #${id} of yours`);
    const owned = caller.kind === "key" ? ticket.asker.chatId.startsWith(`api:${caller.name}:`) : ticket.asker.chatId === sessionChat(caller.session);
    if (!owned) throw forbidden(`ticket #${id} was not opened with your ${caller.kind === "key" ? "API key" : "chat session"}`);
    return ticket;
  }
}

const sessionChat = (session: string) => `api:${WEB_CALLER}:${session}`;

/** The asker behind a request: one of the calling system's users, or the chat session itself. */
function askerFor(caller: Caller, body: TicketBody, callbacks: Record<string, string>): Asker {
  if (caller.kind === "session") {
    if (body.asker || body.channel) throw new HttpProblem(400, "bad_request", "a chat session is its own asker: leave out asker and channel");
    return { channel: "api-poll", chatId: sessionChat(caller.session), userId: `${WEB_CALLER}:${caller.session}`, displayName: SS.webAsker(caller.session) };
  }
  if (!body.asker) throw new HttpProblem(400, "bad_request", "asker is required with an API key: {\"asker\": {\"id\": \"<your user id>\", \"name\": \"<shown to staff>\"}}");
  const channel: Channel = callbacks[caller.name] ? "api" : "api-poll";
  const label = body.channel ?? caller.name;
  return {
    channel,
    chatId: `api:${caller.name}:${body.asker.id}`,
    userId: `${caller.name}:${body.asker.id}`,
    displayName: SS.apiAsker(body.asker.name ?? body.asker.id, label),
  };
}

function candidatesOf(answer: Answer): Citation[] {
  return answer.citations.length > 0 ? answer.citations : answer.related;
}

// The document only when the corpus holds several: with one, the JSON is as it always was.
const citationJson = (c: Citation) => ({ measure: c.measure, title: c.title, departments: c.departments, ...(c.document ? { document: c.document } : {}) });

/** The same shape as `npm run ask -- --json`, plus pointers and the handoff reason. */
export function answerJson(a: Answer): Record<string, unknown> {
  return {
    outcome: a.outcome,
    text: a.text,
    citations: a.citations.map(citationJson),
    related: a.related.map(citationJson),
    ...(a.handoffReason ? { handoff_reason: a.handoffReason } : {}),
    ...(a.outcome === "clarify" ? { choices: (a.choices ?? []).map((c) => ({ ...citationJson(c), covers: c.covers })) } : {}),
    source: a.source ?? "policy",
  };
}

function summary(t: Ticket) {
  return { id: t.id, status: t.status, channel: t.asker.channel, created_at: new Date(t.createdAt).toISOString() };
}

function ticketResponse(t: Ticket, created: boolean) {
  return { ticket: summary(t), created, ...(t.asker.channel === "api-poll" ? { messages_url: `/api/tickets/${t.id}/messages` } : {}) };
}

function messageJson(d: Delivery) {
  return { id: d.id, kind: d.kind, text: askerMessageText(d.kind, d.ticketId, d.body), at: new Date(d.createdAt).toISOString() };
}
