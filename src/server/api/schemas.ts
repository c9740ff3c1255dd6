/**
 * JSON Schemas of the HTTP API: Fastify validates requests with them and the OpenAPI document
 * is built from them, so the two cannot drift apart.
 */
export const MAX_QUESTION_CHARS = 2000;
/** Request bodies of /api routes: a question of MAX_QUESTION_CHARS Chinese characters fits with room to spare. */
export const API_BODY_LIMIT_BYTES = 16 * 1024;

export const ErrorBody = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "bad_request, unauthorized, forbidden, not_found, conflict, too_large, rate_limited, unavailable, internal" },
        message: { type: "string" },
      },
    },
    request_id: { type: "string", description: "Quote it when reporting a problem; also in the X-Request-Id header." },
  },
} as const;

const Citation = {
  type: "object",
  required: ["measure", "title", "departments"],
  properties: {
    measure: { type: "integer", description: "Measure number (第N条)." },
    title: { type: "string" },
    departments: { type: "array", items: { type: "string" }, description: "Responsible departments, exactly as the policy text names them." },
    document: {
      type: "object",
      required: ["key", "title", "year"],
      description: "Only when the corpus holds several policy documents (each numbers its measures from 1): the measure's document.",
      properties: { key: { type: "string" }, title: { type: "string" }, year: { type: "integer" } },
    },
  },
} as const;

export const AskRequest = {
  type: "object",
  required: ["question"],
  additionalProperties: false,
  properties: {
    question: { type: "string", minLength: 1, maxLength: MAX_QUESTION_CHARS },
    measure: { type: "integer", minimum: 1, description: "After a clarify: the measure the asker picked from its choices; the same question is answered from it." },
    document: { type: "string", minLength: 1, maxLength: 200, description: "With `measure`, when the choice names a document (several documents): its `document.key`." },
  },
} as const;

export const AskResponse = {
  type: "object",
  required: ["outcome", "text", "citations", "related"],
  properties: {
    outcome: { type: "string", enum: ["answered", "clarify", "handoff", "smalltalk"], description: "clarify: the text asks which of `choices` is meant; ask again with `measure` set to the pick." },
    text: { type: "string", description: "Plain text (not HTML): escape it before putting it into a page." },
    citations: { type: "array", items: Citation, description: "Measures the answer relies on, most relevant first." },
    related: { type: "array", items: Citation, description: "On a handoff: related measures, as pointers." },
    choices: {
      type: "array",
      description: "On a clarify: one per candidate measure, with what it covers in the policy's words.",
      items: { ...Citation, required: [...Citation.required, "covers"], properties: { ...Citation.properties, covers: { type: "string" } } },
    },
    source: { type: "string", enum: ["policy", "faq"], description: "faq: a staff answer approved by a maintainer (the text says so and when)." },
    handoff_reason: {
      type: "string",
      enum: ["asked-for-person", "not-in-policy", "fact-missing", "out-of-scope", "unclear"],
      description: "Why the policy does not answer it. /api/ask never opens a ticket: POST /api/tickets does (not for unclear: ask to rephrase).",
    },
  },
} as const;

const TicketSummary = {
  type: "object",
  required: ["id", "status", "channel", "created_at"],
  properties: {
    id: { type: "integer" },
    status: { type: "string", enum: ["open", "claimed", "answered", "closed"] },
    channel: { type: "string", enum: ["api", "api-poll"], description: "api: messages are POSTed to your callback; api-poll: collect them from /messages." },
    created_at: { type: "string", format: "date-time" },
  },
} as const;

export const TicketRequest = {
  type: "object",
  required: ["question"],
  additionalProperties: false,
  properties: {
    question: { type: "string", minLength: 1, maxLength: MAX_QUESTION_CHARS },
    asker: {
      type: "object",
      required: ["id"],
      additionalProperties: false,
      description: "Required with an API key: who asks, in your system. Not with a /chat session (the session is the asker).",
      properties: {
        id: { type: "string", pattern: "^[A-Za-z0-9_.@:-]{1,64}$" },
        name: { type: "string", minLength: 1, maxLength: 64, description: "Shown to staff." },
      },
    },
    channel: { type: "string", pattern: "^[a-z0-9_-]{1,32}$", description: "Where the asker is (wecom, website…), shown to staff; default: your key's name." },
  },
} as const;

export const TicketResponse = {
  type: "object",
  required: ["ticket", "created"],
  properties: {
    ticket: TicketSummary,
    created: { type: "boolean", description: "false: the asker already had an open ticket; the question was added to it as a follow-up." },
    messages_url: { type: "string", description: "Where to poll for messages (api-poll tickets)." },
  },
} as const;

export const TicketIdParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "integer", minimum: 1 } },
} as const;

export const PollQuery = {
  type: "object",
  additionalProperties: false,
  properties: { after: { type: "integer", minimum: 0, default: 0, description: "The id of the last message you processed: it and every earlier one are confirmed and never returned again." } },
} as const;

const TicketMessage = {
  type: "object",
  required: ["id", "kind", "text", "at"],
  properties: {
    id: { type: "integer", description: "Increasing; also the Idempotency-Key of a callback." },
    kind: { type: "string", enum: ["ticket-opened", "ticket-claimed", "staff-reply", "ticket-closed", "ticket-reopened"] },
    text: { type: "string", description: "Plain text for the asker (escape it in HTML)." },
    at: { type: "string", format: "date-time" },
  },
} as const;

export const PollResponse = {
  type: "object",
  required: ["ticket", "messages"],
  properties: { ticket: TicketSummary, messages: { type: "array", items: TicketMessage } },
} as const;

export const TicketStatusResponse = { type: "object", required: ["ticket"], properties: { ticket: TicketSummary } } as const;

/** What a callback receiver gets (POST, JSON), with Idempotency-Key and X-Karamay-Signature headers. */
export const CallbackBody = {
  type: "object",
  required: ["id", "ticket", "kind", "text", "at"],
  properties: {
    id: { type: "integer" },
    ticket: { type: "object", properties: { id: { type: "integer" }, status: { type: "string" } } },
    kind: TicketMessage.properties.kind,
    text: { type: "string" },
    at: { type: "string", format: "date-time" },
  },
} as const;

export const SessionResponse = {
  type: "object",
  required: ["token", "expires_at"],
  properties: { token: { type: "string" }, expires_at: { type: "string", format: "date-time" } },
} as const;
