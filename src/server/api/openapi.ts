/** The OpenAPI 3.1 document of the HTTP API, built from the same schemas the routes validate with. */
import {
  AskRequest,
  AskResponse,
  CallbackBody,
  ErrorBody,
  MAX_QUESTION_CHARS,
  PollQuery,
  PollResponse,
  SessionResponse,
  TicketRequest,
  TicketResponse,
  TicketStatusResponse,
} from "./schemas.js";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? "Error", ...json({ $ref: "#/components/schemas/Error" }) }]));
const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request (the message says which field)",
  401: "No or unknown bearer token",
  403: "Not your ticket, or a session token used where a key is needed",
  404: "No such ticket",
  409: "The ticket is in a state that does not allow this",
  413: "Request body too large",
  429: "Over the rate limit (see Retry-After)",
  503: "Starting up (index loading) or the tickets database cannot be written (see Retry-After)",
};
const idParam = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const security = [{ bearer: [] }];

export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Karamay business-policy bot API",
      version,
      description:
        "Answers from the policy text only (《2022年优化营商环境提升服务效能42项措施》), with measure numbers and responsible departments; " +
        `what the policy does not answer goes to staff as a ticket. Questions up to ${MAX_QUESTION_CHARS} characters. ` +
        "Authenticate with `Authorization: Bearer <key>` (API_KEYS) or a /chat session token (ask and the session's own tickets only).",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key, or a session token from POST /chat/session." } },
      schemas: { Error: ErrorBody },
    },
    security,
    paths: {
      "/api/ask": {
        post: {
          summary: "Answer a question from the policy",
          description: "Never opens a ticket. Rate-limited per key (API_RATE_LIMIT_PER_MINUTE) or, for /chat sessions, per client address.",
          requestBody: { required: true, ...json(AskRequest) },
          responses: { "200": { description: "The answer", ...json(AskResponse) }, ...errors(400, 401, 413, 429, 503) },
        },
      },
      "/api/tickets": {
        post: {
          summary: "Hand a question to staff",
          description:
            "Opens a ticket shown to staff in the Telegram staff group and in npm run tickets. If the asker already has an open ticket, " +
            "the question is added to it instead (created: false). A key with a callback URL in API_CALLBACKS gets every message about " +
            "the ticket POSTed there (see the callback webhook); without one, poll GET /api/tickets/{id}/messages.",
          requestBody: { required: true, ...json(TicketRequest) },
          responses: {
            "201": { description: "Ticket opened", ...json(TicketResponse) },
            "200": { description: "Added to the asker's open ticket", ...json(TicketResponse) },
            ...errors(400, 401, 409, 413, 429, 503),
          },
        },
      },
      "/api/tickets/{id}": {
        get: {
          summary: "A ticket's status",
          parameters: [idParam],
          responses: { "200": { description: "The ticket", ...json(TicketStatusResponse) }, ...errors(401, 403, 404, 429) },
        },
        delete: {
          summary: "The asker withdraws the ticket (closes it)",
          parameters: [idParam],
          responses: { "200": { description: "Closed", ...json(TicketStatusResponse) }, ...errors(401, 403, 404, 409, 429, 503) },
        },
      },
      "/api/tickets/{id}/messages": {
        get: {
          summary: "Messages for the asker of an api-poll ticket",
          description:
            "Returns the messages after `after` that were not confirmed yet, oldest first. Passing `after` = the id of the last message you " +
            "processed confirms it and every earlier one: each message is returned until confirmed, and never after (poll every few seconds).",
          parameters: [idParam, { name: "after", in: "query", required: false, schema: PollQuery.properties.after }],
          responses: { "200": { description: "Messages", ...json(PollResponse) }, ...errors(401, 403, 404, 409, 429, 503) },
        },
      },
      "/chat/session": {
        post: {
          summary: "A session token for the /chat page",
          description: "For the page itself (same origin); rate-limited per client address. The token allows /api/ask and the session's own tickets.",
          security: [],
          responses: { "200": { description: "Token", ...json(SessionResponse) }, ...errors(403, 429) },
        },
      },
    },
    webhooks: {
      ticketMessage: {
        post: {
          summary: "A message about a ticket, POSTed to the caller's callback URL (API_CALLBACKS)",
          description:
            "Headers: Idempotency-Key (the message id: a retry after a timeout or 5xx repeats it, keep the ones you processed), " +
            "X-Karamay-Signature: sha256=<hex HMAC-SHA256 of the body with your API key>. Answer 2xx once stored. 408, 425, 429 and 5xx " +
            "(and no answer within 10 s) are retried with a growing back-off; any other status fails the message, and staff are told.",
          requestBody: json(CallbackBody),
          responses: { "200": { description: "Stored" } },
        },
      },
    },
  };
}
