/**
 * A fake OpenAI-compatible HTTP server for tests.
 *
 * It speaks just enough of the OpenAI REST API (chat completions, embeddings,
 * model list) for the real `openai` npm client to talk to it unchanged, and it
 * lets tests script failures (HTTP errors, 429 + retry-after, slow replies) and
 * inspect every request the client made.
 *
 *   const fake = await FakeOpenAI.start();
 *   const client = new OpenAI({ baseURL: fake.baseURL, apiKey: "test", maxRetries: 0 });
 *   fake.queueChat({ content: '{"answer":"42"}' }, { status: 500 });
 *   ...
 *   await fake.stop();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fnv1a } from "../../src/search/hash.js";

// ---------------------------------------------------------------------------
// Public types

/** A scripted HTTP failure. `retryAfterSeconds` sets the `retry-after` header (the openai client honours it). */
export interface ErrorBehaviour {
  status: number;
  message?: string;
  retryAfterSeconds?: number;
  /** Wait this long before sending the error. */
  delayMs?: number;
}

/** A scripted chat reply: the assistant message content, optionally sent after a delay. */
export interface ChatContentBehaviour {
  content: string;
  delayMs?: number;
}

export type ChatBehaviour = ChatContentBehaviour | ErrorBehaviour;

/** A scripted embeddings reply: an error, or a delay followed by the normal embedding response. */
export type EmbeddingBehaviour = ErrorBehaviour | { delayMs: number };

/** Parsed JSON body of a chat completion request (only the fields the fake reads are typed). */
export interface ChatRequestBody {
  model?: string;
  messages?: Array<{ role: string; content?: unknown }>;
  stream?: boolean;
  [key: string]: unknown;
}

/** Parsed JSON body of an embeddings request. */
export interface EmbeddingRequestBody {
  model?: string;
  input?: unknown;
  dimensions?: number;
  encoding_format?: "float" | "base64";
  [key: string]: unknown;
}

export type ChatReplyFn = (body: ChatRequestBody) => string;
export type EmbedFn = (text: string, dimensions: number) => number[];

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-cased header names; repeated headers are joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text if it was not JSON, or undefined if empty. */
  body: unknown;
  /** Date.now() when the request arrived. */
  at: number;
  /** True once the client went away before a scripted delay was over (it gave up waiting). */
  abandoned: boolean;
}

export interface FakeOpenAIOptions {
  /** Names returned by GET /v1/models. */
  models?: string[];
  /** Max inputs per embeddings request (default 10, like DashScope). */
  maxBatch?: number;
  /** Embedding size when the request has no `dimensions` (default 64). */
  defaultDimensions?: number;
  defaultChatReply?: ChatReplyFn;
  embed?: EmbedFn;
  /** If set, requests must carry `Authorization: Bearer <apiKey>` or get a 401. */
  apiKey?: string;
}

// ---------------------------------------------------------------------------
// The server

const DEFAULT_MODELS = ["fake-chat", "fake-embedding"];

export class FakeOpenAI {
  readonly baseURL: string;
  readonly requests: RecordedRequest[] = [];

  private chatQueue: ChatBehaviour[] = [];
  private embeddingQueue: EmbeddingBehaviour[] = [];
  private chatReply: ChatReplyFn;
  private embedder: EmbedFn;
  private maxBatch: number;
  private readonly defaultDimensions: number;
  private readonly models: string[];
  private readonly apiKey: string | undefined;
  private nextId = 1;
  private stopped = false;

  private constructor(
    private readonly server: Server,
    opts: FakeOpenAIOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseURL = `http://127.0.0.1:${port}/v1`;
    this.chatReply = opts.defaultChatReply ?? defaultChatReply;
    this.embedder = opts.embed ?? bigramEmbedding;
    this.maxBatch = opts.maxBatch ?? 10;
    this.defaultDimensions = opts.defaultDimensions ?? 64;
    this.models = opts.models ?? DEFAULT_MODELS;
    this.apiKey = opts.apiKey;
  }

  /** Starts a server on 127.0.0.1 with a random free port. */
  static async start(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const fake = new FakeOpenAI(server, opts);
    server.on("request", (req, res) => {
      // Never let a handler bug crash the test process; report it as a 500 instead.
      fake.handle(req, res).catch((err: unknown) => {
        if (canWrite(res)) sendError(res, 500, `fake-openai internal error: ${String(err)}`);
      });
    });
    return fake;
  }

  /** Closes the server, dropping keep-alive and in-flight connections so vitest can exit. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // --- scripting -----------------------------------------------------------

  /** Behaviours are consumed one per chat request, in order; then the default reply is used. */
  queueChat(...behaviours: ChatBehaviour[]): void {
    this.chatQueue.push(...behaviours);
  }

  setDefaultChat(fn: ChatReplyFn): void {
    this.chatReply = fn;
  }

  /** Behaviours are consumed one per embeddings request, in order; then the default embedding is used. */
  queueEmbeddings(...behaviours: EmbeddingBehaviour[]): void {
    this.embeddingQueue.push(...behaviours);
  }

  setDefaultEmbedding(fn: EmbedFn): void {
    this.embedder = fn;
  }

  setMaxBatch(n: number): void {
    this.maxBatch = n;
  }

  /** Clears queued behaviours and recorded requests (defaults set via setters are kept). */
  reset(): void {
    this.chatQueue = [];
    this.embeddingQueue = [];
    this.requests.length = 0;
  }

  // --- observing -----------------------------------------------------------

  chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === "/v1/chat/completions");
  }

  embeddingRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === "/v1/embeddings");
  }

  /** Every text sent for embedding, flattened across requests, in arrival order. */
  embeddedTexts(): string[] {
    return this.embeddingRequests().flatMap((r) => {
      const input = (r.body as EmbeddingRequestBody | undefined)?.input;
      if (typeof input === "string") return [input];
      return Array.isArray(input) ? input.filter((x): x is string => typeof x === "string") : [];
    });
  }

  // --- request handling ----------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A client that aborts makes these streams emit errors; they are expected, not fatal.
    req.on("error", () => {});
    res.on("error", () => {});

    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const { body, invalidJson } = parseBody(raw);
    const record: RecordedRequest = { method: req.method ?? "GET", path, headers: flattenHeaders(req), body, at: Date.now(), abandoned: false };
    this.requests.push(record);

    if (this.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.apiKey}`) {
      return sendError(res, 401, "Incorrect API key provided.");
    }
    if (invalidJson) return sendError(res, 400, "Request body is not valid JSON.");

    const route = `${req.method} ${path}`;
    if (route === "POST /v1/chat/completions") return this.handleChat(res, asObject(body), record);
    if (route === "POST /v1/embeddings") return this.handleEmbeddings(res, asObject(body), record);
    if (route === "GET /v1/models") return sendJson(res, 200, this.modelList());
    return sendError(res, 404, `Unknown route: ${route}`, "unknown_url");
  }

  private async handleChat(res: ServerResponse, body: ChatRequestBody, record: RecordedRequest): Promise<void> {
    const invalid = validateChat(body);
    if (invalid) return sendError(res, 400, invalid);

    const behaviour = this.chatQueue.shift() ?? { content: this.chatReply(body) };
    if (!(await waitUnlessClosed(res, behaviour.delayMs ?? 0))) return void (record.abandoned = true);
    if ("status" in behaviour) return sendScriptedError(res, behaviour);
    sendJson(res, 200, this.chatCompletion(body, behaviour.content));
  }

  private async handleEmbeddings(res: ServerResponse, body: EmbeddingRequestBody, record: RecordedRequest): Promise<void> {
    const parsed = this.validateEmbeddings(body);
    if (typeof parsed === "string") return sendError(res, 400, parsed);

    const behaviour = this.embeddingQueue.shift() ?? { delayMs: 0 };
    if (!(await waitUnlessClosed(res, behaviour.delayMs ?? 0))) return void (record.abandoned = true);
    if ("status" in behaviour) return sendScriptedError(res, behaviour);

    const base64 = body.encoding_format === "base64";
    const data = parsed.texts.map((text, index) => {
      const vector = Float32Array.from(this.embedder(text, parsed.dimensions));
      return { object: "embedding", index, embedding: base64 ? float32ToBase64(vector) : Array.from(vector) };
    });
    const tokens = estimateTokens(parsed.texts.join(""));
    sendJson(res, 200, {
      object: "list",
      data,
      model: body.model ?? "fake-embedding",
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  /** Returns the texts and dimension to embed, or an error message for a 400. */
  private validateEmbeddings(body: EmbeddingRequestBody): { texts: string[]; dimensions: number } | string {
    if (typeof body.model !== "string") return "you must provide a model parameter";
    const texts = typeof body.input === "string" ? [body.input] : body.input;
    if (!Array.isArray(texts) || !texts.every((t) => typeof t === "string")) {
      return "'input' must be a string or an array of strings";
    }
    if (texts.length === 0) return "'input' must not be empty";
    // The real APIs reject empty strings; catching them here surfaces chunking bugs.
    if (texts.some((t) => t.length === 0)) return "'input' must not contain empty strings";
    if (texts.length > this.maxBatch) {
      return `batch size is invalid, it should not be larger than ${this.maxBatch}: got ${texts.length} inputs`;
    }
    const dimensions = body.dimensions ?? this.defaultDimensions;
    if (!Number.isInteger(dimensions) || dimensions <= 0) return "'dimensions' must be a positive integer";
    if (body.encoding_format !== undefined && body.encoding_format !== "float" && body.encoding_format !== "base64") {
      return "'encoding_format' must be 'float' or 'base64'";
    }
    return { texts, dimensions };
  }

  private chatCompletion(body: ChatRequestBody, content: string) {
    const promptTokens = estimateTokens(JSON.stringify(body.messages ?? []));
    const completionTokens = estimateTokens(content);
    return {
      id: `chatcmpl-fake-${this.nextId++}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? "fake-chat",
      choices: [
        { index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" },
      ],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
  }

  private modelList() {
    const created = Math.floor(Date.now() / 1000);
    return { object: "list", data: this.models.map((id) => ({ id, object: "model", created, owned_by: "fake-openai" })) };
  }
}

// ---------------------------------------------------------------------------
// A model that invents what an asker would act on (the guard must reject each)

/** One sentence per kind of invented detail, added to an otherwise good answer. */
export const INVENTED_DETAILS = {
  url: "详情请登录 https://zwfw.klmy.gov.cn/qiye 查询。",
  domain: "也可访问 klmy-yingshang.com.cn 在线办理。",
  email: "材料可发送至 yingshang@klmy.gov.cn 。",
  phone: "咨询电话：0990-6231234。",
  mobile: "可拨打13899512345联系专人。",
  hotline: "如有疑问请拨打12345热线。",
  qq: "也可加入QQ群：613245789 咨询。",
  wechat: "或添加微信 klmy_yingshang 咨询。",
  account: "关注微信公众号“克拉玛依营商通”可在线办理。",
  money: "办理费用为200元。",
  moneyInWords: "另有五千元补贴。",
  yuanSign: "每户补贴￥3000。",
  cancelled: "但该措施目前已经废止。",
  void: "不过这项政策现已失效。",
  replaced: "该政策已被新出台的措施取代。",
} as const;

export type InventedDetail = keyof typeof INVENTED_DETAILS;

/** A chat reply in the app's JSON shape: `answer` plus one invented detail, citing `citations`. */
export function inventingReply(kind: InventedDetail, answer: string, citations: number[]): ChatContentBehaviour {
  return { content: JSON.stringify({ answerable: true, answer: `${answer}${INVENTED_DETAILS[kind]}`, citations }) };
}

// ---------------------------------------------------------------------------
// Default behaviours

/** Echoes the last user message, so tests that don't care still get a non-empty reply. */
export function defaultChatReply(body: ChatRequestBody): string {
  const lastUser = [...(body.messages ?? [])].reverse().find((m) => m.role === "user");
  const text = typeof lastUser?.content === "string" ? lastUser.content : JSON.stringify(lastUser?.content ?? "");
  return `fake reply to: ${text}`;
}

/**
 * Deterministic embedding: signed feature-hashing of character bigrams, L2-normalised.
 * Texts sharing many bigrams get a high cosine similarity; unrelated texts land near 0.
 */
export function bigramEmbedding(text: string, dimensions: number): number[] {
  const chars = Array.from(text.toLowerCase()); // code points, so CJK characters are not split
  const grams = chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i] + c);
  const vector = new Array<number>(dimensions).fill(0);
  for (const gram of grams) {
    const h = fnv1a(gram);
    const slot = h % dimensions;
    // A hash-derived sign keeps collisions from biasing every vector towards each other.
    vector[slot] = (vector[slot] ?? 0) + ((h >>> 31) === 1 ? -1 : 1);
  }
  return l2Normalise(vector);
}

function l2Normalise(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  // Colliding grams can cancel out; a unit vector is still a valid (if uninformative) embedding.
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((x) => x / norm);
}

/** The OpenAI base64 embedding format: little-endian float32 bytes. */
export function float32ToBase64(vector: Float32Array): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}

// ---------------------------------------------------------------------------
// HTTP helpers

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // An aborted upload still resolves, so the handler finishes instead of hanging.
    req.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** Parsed JSON; the raw text is kept as the body when it is not JSON, so tests can still see it. */
function parseBody(raw: string): { body: unknown; invalidJson: boolean } {
  if (raw.length === 0) return { body: undefined, invalidJson: false };
  try {
    return { body: JSON.parse(raw) as unknown, invalidJson: false };
  } catch {
    return { body: raw, invalidJson: true };
  }
}

function asObject(body: unknown): Record<string, unknown> {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function validateChat(body: ChatRequestBody): string | undefined {
  if (typeof body.model !== "string") return "you must provide a model parameter";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array";
  if (body.stream === true) return "stream: true is not supported by the fake OpenAI server";
  return undefined;
}

/**
 * Resolves true after `ms`, or false as soon as the client goes away (e.g. it timed out),
 * so a slow scripted reply never writes to a dead socket.
 */
function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  if (!canWrite(res)) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(canWrite(res));
    }, ms);
    res.once("close", onClose);
  });
}

function canWrite(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded && !res.headersSent;
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (!canWrite(res)) return;
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "x-request-id": `req_fake_${Date.now().toString(36)}`,
    ...headers,
  });
  res.end(text);
}

const ERROR_KINDS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Bad request." },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  404: { type: "invalid_request_error", code: null, message: "Not found." },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request." },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later." },
};

/** Sends `{ error: { message, type, param, code } }`, the shape the openai client parses into APIError. */
function sendError(
  res: ServerResponse,
  status: number,
  message?: string,
  code?: string,
  headers: Record<string, string> = {},
): void {
  const kind = ERROR_KINDS[status] ?? { type: status >= 500 ? "server_error" : "invalid_request_error", code: null, message: `HTTP ${status}` };
  const error = { message: message ?? kind.message, type: kind.type, param: null, code: code ?? kind.code };
  sendJson(res, status, { error }, headers);
}

function sendScriptedError(res: ServerResponse, behaviour: ErrorBehaviour): void {
  const headers: Record<string, string> =
    behaviour.retryAfterSeconds === undefined ? {} : { "retry-after": String(behaviour.retryAfterSeconds) };
  sendError(res, behaviour.status, behaviour.message, undefined, headers);
}

/** Roughly 4 characters per token, which is all usage numbers need to be here. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
