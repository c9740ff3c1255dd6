/**
 * A fake Telegram Bot API server for end-to-end tests.
 *
 * It is a real HTTP server on 127.0.0.1 that the unmodified grammY client,
 * @grammyjs/runner and @grammyjs/auto-retry talk to via `client.apiRoot`.
 * It validates what Telegram validates (HTML markup, text length, callback
 * data size, edit targets) and answers with Telegram's status codes and
 * descriptions, so bugs that would only show up in production fail here.
 *
 *   const tg = await FakeTelegram.start();
 *   const bot = new Bot(tg.token, { botInfo: tg.botInfo, client: { apiRoot: tg.apiRoot } });
 *   const runner = run(bot);
 *   tg.sendText({ chatId: 1001, text: "/start" });
 *   const reply = await tg.waitForMessage(1001);
 *   await runner.stop(); // stop the runner BEFORE the server, or it retries a dead socket
 *   await tg.stop();
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type {
  CallbackQuery,
  Chat,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export interface FakeTelegramOptions {
  /** Bot token the server accepts; other tokens get 401 like Telegram. */
  token?: string;
  botId?: number;
  botUsername?: string;
  botFirstName?: string;
  /** Added to every response (ms), to simulate network latency in benchmarks. */
  responseDelayMs?: number;
  /** Wait before a webhook delivery that failed is tried again (default 200 ms; Telegram waits longer). */
  webhookRetryMs?: number;
  /**
   * Reject a bare `&` in HTML (default true). Real Telegram keeps an unknown
   * `&` literally; strict mode flags the missing escaping that, with `<`,
   * would make Telegram reject the message.
   */
  strictHtmlAmpersand?: boolean;
}

export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Epoch ms when the request was answered. */
  at: number;
  status: number;
  ok: boolean;
  response: ApiResponse;
  /** Snapshot of the bot message this call created or edited, if it succeeded. */
  message?: SentMessage;
}

/** A message the bot sent, as currently stored (after edits). */
export interface SentMessage {
  message_id: number;
  chat_id: number;
  /** Text exactly as the bot sent it (still containing HTML markup). */
  text: string;
  /** Text as the user sees it: markup parsed, entities decoded, trimmed. */
  plain_text: string;
  parse_mode?: string;
  entities: MessageEntity[];
  reply_markup?: unknown;
  reply_to_message_id?: number;
  date: number;
  edit_date?: number;
}

export interface FailureSpec {
  /** HTTP status / error_code; default 429. */
  status?: number;
  /** Seconds for 429's `parameters.retry_after`; default 1. */
  retryAfter?: number;
  description?: string;
  /** Close the connection without an answer (the client sees a network error); the call is not processed. */
  dropConnection?: boolean;
  /** Process the call (the message exists), then close the connection before the answer: the client cannot tell whether it arrived. */
  loseAnswer?: boolean;
  /** Only calls whose parameters match fail (default: the next call of the method). */
  where?: (params: Record<string, unknown>) => boolean;
}

export interface HoldSpec {
  /** Only calls whose parameters match (default: the next call of the method). */
  where?: (params: Record<string, unknown>) => boolean;
  /**
   * "before": the call waits before it is processed (Telegram has not accepted it yet);
   * "after": it is processed (the message exists) and only the answer waits.
   */
  stage?: "before" | "after";
}

/** A call held at a precise point, e.g. to kill the bot process there. */
export interface HeldCall {
  /** Resolves with the call's parameters when it arrives and is held. */
  reached: Promise<Record<string, unknown>>;
  /** Let it go on. If the client went away meanwhile, a call held "before" is never processed and nothing is answered. */
  release(): void;
  /** Resolves when the held call's connection has closed: a killed client's, seen by this server (release after it to test that). */
  callerGone: Promise<void>;
}

/** One attempt to post an update to the registered webhook. */
export interface WebhookAttempt {
  update_id: number;
  /** HTTP status of the bot's answer; 0 when the connection failed. */
  status: number;
  /** The X-Telegram-Bot-Api-Secret-Token header sent, if any. */
  secret: string | undefined;
  /** The answer's body (an update answered in the webhook response would show here). */
  body: string;
  at: number;
}

export interface WebhookInfo {
  url: string;
  secretToken: string | undefined;
  allowedUpdates: string[] | undefined;
  maxConnections: number;
}

export interface UserSpec {
  chatId: number;
  /** Defaults to chatId in private chats, 100001 in groups. */
  userId?: number;
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  chatType?: "private" | "group" | "supergroup";
  chatTitle?: string;
}

export interface TextSpec extends UserSpec {
  text: string;
  replyToMessageId?: number;
}

export interface ClickSpec extends Omit<UserSpec, "chatType" | "chatTitle"> {
  messageId: number;
  data: string;
  /** Allow data that is not on any button of the message (simulates a forged/stale client). */
  allowUnknownData?: boolean;
}

export interface WaitOptions {
  timeoutMs?: number;
}

// ---------------------------------------------------------------------------
// Internal types
// ---------------------------------------------------------------------------

type Params = Record<string, unknown>;

interface Outcome {
  status: number;
  body: ApiResponse;
  message?: SentMessage;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
}

interface ChatState {
  chat: Chat;
  nextMessageId: number;
  /** Every message in the chat (users' and the bot's), by message_id. */
  messages: Map<number, Message>;
}

interface QueuedUpdate {
  update: Update;
  delivered: boolean;
}

interface PendingPoll {
  limit: number;
  finish: (outcome: Outcome) => void;
  timer: NodeJS.Timeout;
}

interface CallWaiter {
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_TOKEN = "123456:TEST-token";
const MAX_TEXT_LENGTH = 4096;
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_BODY_BYTES = 10 * 1024 * 1024;

// Methods that only need to succeed; Telegram answers them with `true`.
const TRUE_METHODS = new Set(
  [
    "deleteMyCommands",
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "setMyDefaultAdministratorRights",
    "sendChatAction",
    "setChatMenuButton",
    "setMessageReaction",
    "pinChatMessage",
    "unpinChatMessage",
    "unpinAllChatMessages",
    "leaveChat",
    "close",
    "logOut",
  ].map((m) => m.toLowerCase()),
);

// Any method whose name starts like this delivers something to the chat, so a block applies.
const BLOCKABLE_PREFIXES = ["send", "edit", "copy", "forward"];

// Form-encoded values that must stay strings even if they look like numbers/JSON.
const STRING_PARAMS = new Set([
  "text",
  "caption",
  "data",
  "callback_query_id",
  "parse_mode",
  "url",
  "description",
  "short_description",
  "name",
  "title",
  "query",
]);

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

// ---------------------------------------------------------------------------
// Response helpers
// ---------------------------------------------------------------------------

function ok(result: unknown, message?: SentMessage): Outcome {
  return { status: 200, body: { ok: true, result }, message };
}

function fail(status: number, description: string, retryAfter?: number): Outcome {
  const body: ApiResponse = { ok: false, error_code: status, description };
  if (retryAfter !== undefined) body.parameters = { retry_after: retryAfter };
  return { status, body };
}

function badRequest(description: string): Outcome {
  return fail(400, `Bad Request: ${description}`);
}

/** Thrown inside handlers to answer the request with a Telegram error. */
class ApiError extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.body.ok ? "ok" : outcome.body.description);
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

// ---------------------------------------------------------------------------
// Request parsing
// ---------------------------------------------------------------------------

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(fail(413, "Request Entity Too Large"));
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Form fields arrive as strings; turn them into what the JSON body would have held. */
function coerceFormValue(key: string, value: string): unknown {
  if (STRING_PARAMS.has(key)) return value;
  if (/^-?\d+$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  if (/^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function formToParams(form: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of form) params[key] = coerceFormValue(key, value);
  return params;
}

function parseBody(contentType: string, body: Buffer): Params {
  if (body.length === 0) return {};
  if (contentType.includes("application/json")) {
    try {
      const parsed = JSON.parse(body.toString("utf8")) as unknown;
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Params;
    } catch {
      // fall through to the error below
    }
    throw new ApiError(badRequest("can't parse JSON encoded request body"));
  }
  if (contentType.includes("application/x-www-form-urlencoded")) {
    return formToParams(new URLSearchParams(body.toString("utf8")));
  }
  if (contentType.includes("multipart/form-data")) {
    throw new ApiError(badRequest("fake-telegram does not support multipart/form-data uploads"));
  }
  throw new ApiError(badRequest(`unsupported content-type ${JSON.stringify(contentType)}`));
}

// JSON-valued parameters may also arrive as JSON strings (form encoding, or callers that stringify).
function jsonParam(params: Params, key: string): unknown {
  const value = params[key];
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new ApiError(badRequest(`can't parse ${key} JSON object`));
  }
}

function numberParam(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function requireChatId(params: Params): number {
  const raw = params.chat_id;
  if (raw === undefined || raw === null || raw === "") throw new ApiError(badRequest("chat_id is empty"));
  const id = numberParam(params, "chat_id");
  // "@channelusername" targets are not modelled.
  if (id === undefined || !Number.isInteger(id)) throw new ApiError(badRequest("chat not found"));
  return id;
}

function requireMessageId(params: Params, what: string): number {
  const id = numberParam(params, "message_id");
  if (id === undefined) throw new ApiError(badRequest(`message identifier is not specified`));
  if (!Number.isInteger(id) || id <= 0) throw new ApiError(badRequest(`message to ${what} not found`));
  return id;
}

// ---------------------------------------------------------------------------
// Telegram HTML parsing (mirrors tdlib's parse_html)
// ---------------------------------------------------------------------------

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

class HtmlParseError extends Error {}

const SUPPORTED_TAGS = new Set([
  "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
  "code", "pre", "span", "tg-spoiler", "blockquote", "tg-emoji",
]);

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  attrs: Map<string, string>;
  /** UTF-16 offset in the output text where the tag's content starts. */
  offset: number;
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\r" || ch === "\n" || ch === "\v" || ch === "\f";
}

function byteOffset(html: string, index: number): number {
  return Buffer.byteLength(html.slice(0, index), "utf8");
}

/** Decodes `&...;` at `i` the way Telegram does; null when it is not a supported entity. */
function decodeEntity(html: string, i: number): { ch: string; next: number } | null {
  let j = i + 1;
  let code = 0;
  if (html[j] === "#") {
    j++;
    const hex = html[j] === "x";
    if (hex) j++;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (j < html.length && digits.test(html[j]!)) {
      code = code * (hex ? 16 : 10) + parseInt(html[j]!, 16);
      j++;
      if (code > 0x10ffff) break;
    }
    if (code === 0 || code >= 0x10ffff || j - i >= 10) return null;
    if (code >= 0xd800 && code <= 0xdfff) {
      throw new HtmlParseError(
        "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
      );
    }
  } else {
    while (j < html.length && /[a-zA-Z]/.test(html[j]!)) j++;
    const named = NAMED_ENTITIES[html.slice(i + 1, j)];
    if (named === undefined) return null;
    code = named.codePointAt(0)!;
  }
  if (html[j] === ";") j++;
  return { ch: String.fromCodePoint(code), next: j };
}

class HtmlParser {
  private i = 0;
  private out = "";
  private readonly stack: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];

  constructor(
    private readonly html: string,
    private readonly strictAmpersand: boolean,
  ) {}

  parse(): ParsedText {
    const { html } = this;
    while (this.i < html.length) {
      const ch = html[this.i]!;
      if (ch === "&") this.readAmpersand((c) => (this.out += c));
      else if (ch === "<") this.readTag();
      else {
        this.out += ch;
        this.i++;
      }
    }
    const unclosed = this.stack.at(-1);
    if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.out, entities: this.entities };
  }

  private error(message: string, at: number): never {
    throw new HtmlParseError(`${message} at byte offset ${byteOffset(this.html, at)}`);
  }

  private readAmpersand(emit: (ch: string) => void): void {
    const decoded = decodeEntity(this.html, this.i);
    if (decoded) {
      emit(decoded.ch);
      this.i = decoded.next;
      return;
    }
    if (this.strictAmpersand) {
      this.error(`Bare "&" must be escaped as "&amp;" (fake-telegram strict mode; real Telegram keeps it literally)`, this.i);
    }
    emit("&");
    this.i++;
  }

  private skipSpaces(): void {
    while (this.i < this.html.length && isSpace(this.html[this.i])) this.i++;
  }

  private readTag(): void {
    const begin = this.i;
    this.i++;
    if (this.html[this.i] === "/") this.readEndTag(begin);
    else this.readStartTag(begin);
  }

  private readStartTag(begin: number): void {
    const { html } = this;
    while (this.i < html.length && !isSpace(html[this.i]) && html[this.i] !== ">") this.i++;
    if (this.i >= html.length) this.error("Unclosed start tag", begin);
    const name = html.slice(begin + 1, this.i).toLowerCase();
    if (!SUPPORTED_TAGS.has(name)) this.error(`Unsupported start tag "${name}"`, begin);
    const attrs = this.readAttributes(name, begin);
    this.i++; // '>'
    this.checkTagAttributes(name, attrs, begin);
    this.stack.push({ name, attrs, offset: this.out.length });
  }

  private readAttributes(tag: string, begin: number): Map<string, string> {
    const { html } = this;
    const attrs = new Map<string, string>();
    for (;;) {
      this.skipSpaces();
      if (this.i >= html.length) this.error(`Unclosed start tag "${tag}"`, begin);
      if (html[this.i] === ">") return attrs;
      const nameStart = this.i;
      while (this.i < html.length && !isSpace(html[this.i]) && html[this.i] !== "=" && html[this.i] !== ">") this.i++;
      const attr = html.slice(nameStart, this.i).toLowerCase();
      if (attr === "") this.error(`Empty attribute name in the tag "${tag}"`, begin);
      this.skipSpaces();
      if (html[this.i] !== "=") {
        // Telegram allows exactly one value-less attribute: <blockquote expandable>.
        if (tag === "blockquote" && attr === "expandable") {
          attrs.set(attr, "");
          continue;
        }
        this.error(`Expected equal sign in declaration of an attribute of the tag "${tag}"`, begin);
      }
      this.i++;
      this.skipSpaces();
      if (this.i >= html.length) this.error(`Unclosed start tag "${tag}"`, begin);
      attrs.set(attr, this.readAttributeValue(begin));
    }
  }

  private readAttributeValue(begin: number): string {
    const { html } = this;
    const quote = html[this.i];
    if (quote !== '"' && quote !== "'") {
      // An unquoted name token: letters, digits, periods, hyphens.
      const start = this.i;
      while (this.i < html.length && /[A-Za-z0-9.-]/.test(html[this.i]!)) this.i++;
      if (!isSpace(html[this.i]) && html[this.i] !== ">") this.error("Unexpected end of name token", start);
      return html.slice(start, this.i).toLowerCase();
    }
    this.i++;
    let value = "";
    while (this.i < html.length && html[this.i] !== quote) {
      if (html[this.i] === "&") this.readAmpersand((c) => (value += c));
      else value += html[this.i++];
    }
    if (this.i >= html.length) this.error("Unclosed start tag", begin);
    this.i++; // closing quote
    return value;
  }

  private checkTagAttributes(name: string, attrs: Map<string, string>, begin: number): void {
    if (name === "span" && attrs.get("class") !== "tg-spoiler") {
      this.error('Tag "span" must have class "tg-spoiler"', begin);
    }
    if (name === "tg-emoji" && !/^\d+$/.test(attrs.get("emoji-id") ?? "")) {
      this.error('Tag "tg-emoji" must have a valid "emoji-id" attribute', begin);
    }
  }

  private readEndTag(begin: number): void {
    const { html } = this;
    if (this.stack.length === 0) this.error("Unexpected end tag", begin);
    this.i++; // '/'
    const nameStart = this.i;
    while (this.i < html.length && !isSpace(html[this.i]) && html[this.i] !== ">") this.i++;
    const name = html.slice(nameStart, this.i).toLowerCase();
    this.skipSpaces();
    if (html[this.i] !== ">") this.error("Unclosed end tag", begin);
    this.i++;
    const open = this.stack.pop()!;
    if (name !== "" && name !== open.name) {
      this.error(`Unmatched end tag`, begin);
    }
    if (this.out.length > open.offset) this.addEntity(open);
  }

  private addEntity(open: OpenTag): void {
    const offset = open.offset;
    const length = this.out.length - offset;
    const entity = tagToEntity(open, offset, length, this.out);
    // <pre><code class="language-x"> is a single pre entity with a language.
    const last = this.entities.at(-1);
    if (entity.type === "pre" && last?.type === "code" && last.offset === offset && last.length === length) {
      this.entities.pop();
      const language = codeLanguage.get(last);
      this.entities.push(language ? { ...entity, language } : entity);
      return;
    }
    this.entities.push(entity);
  }
}

// Remembers `class="language-x"` of a code entity until its enclosing <pre> closes.
const codeLanguage = new WeakMap<MessageEntity, string>();

function tagToEntity(open: OpenTag, offset: number, length: number, out: string): MessageEntity {
  switch (open.name) {
    case "b":
    case "strong":
      return { type: "bold", offset, length };
    case "i":
    case "em":
      return { type: "italic", offset, length };
    case "u":
    case "ins":
      return { type: "underline", offset, length };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough", offset, length };
    case "span":
    case "tg-spoiler":
      return { type: "spoiler", offset, length };
    case "blockquote":
      return { type: open.attrs.has("expandable") ? "expandable_blockquote" : "blockquote", offset, length };
    case "pre":
      return { type: "pre", offset, length };
    case "tg-emoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: open.attrs.get("emoji-id") ?? "" };
    case "a":
      // Without href Telegram uses the link text as the URL.
      return { type: "text_link", offset, length, url: open.attrs.get("href") || out.slice(offset) };
    default: {
      const entity: MessageEntity = { type: "code", offset, length };
      const cls = open.attrs.get("class");
      if (cls?.startsWith("language-")) codeLanguage.set(entity, cls.slice("language-".length));
      return entity;
    }
  }
}

/** Parses Telegram-flavoured HTML into plain text + entities, or throws with Telegram's reason. */
export function parseTelegramHtml(html: string, strictAmpersand = true): ParsedText {
  return new HtmlParser(html, strictAmpersand).parse();
}

/** Telegram strips surrounding whitespace from message text; entities shift accordingly. */
function trimFormatted({ text, entities }: ParsedText): ParsedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const shifted = entities
    .map((e) => {
      const start = Math.max(0, e.offset - lead);
      const end = Math.min(trimmed.length, e.offset + e.length - lead);
      return { ...e, offset: start, length: end - start };
    })
    .filter((e) => e.length > 0);
  return { text: trimmed, entities: shifted };
}

// ---------------------------------------------------------------------------
// Message content validation
// ---------------------------------------------------------------------------

function formatText(params: Params, strictAmpersand: boolean): ParsedText {
  const raw = params.text;
  if (raw === undefined || raw === null || raw === "") throw new ApiError(badRequest("message text is empty"));
  const text = String(raw);
  const parsed = parseWithMode(text, params, strictAmpersand);
  const trimmed = trimFormatted(parsed);
  if (trimmed.text.length === 0) throw new ApiError(badRequest("message text is empty"));
  if (trimmed.text.length > MAX_TEXT_LENGTH) throw new ApiError(badRequest("message is too long"));
  return trimmed;
}

function parseWithMode(text: string, params: Params, strictAmpersand: boolean): ParsedText {
  const mode = params.parse_mode;
  if (mode === undefined || mode === null || mode === "") {
    const entities = jsonParam(params, "entities");
    return { text, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
  }
  if (typeof mode !== "string") throw new ApiError(badRequest("unsupported parse_mode"));
  if (mode.toLowerCase() === "html") {
    try {
      return parseTelegramHtml(text, strictAmpersand);
    } catch (error) {
      if (error instanceof HtmlParseError) throw new ApiError(badRequest(`can't parse entities: ${error.message}`));
      throw error;
    }
  }
  // Markdown modes are accepted unvalidated; this bot formats with HTML.
  if (mode === "Markdown" || mode === "MarkdownV2") return { text, entities: [] };
  throw new ApiError(badRequest("unsupported parse_mode"));
}

const BUTTON_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

function validateInlineButton(button: unknown): void {
  if (!button || typeof button !== "object") {
    throw new ApiError(badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object"));
  }
  const b = button as Record<string, unknown>;
  if (typeof b.text !== "string") {
    throw new ApiError(badRequest('can\'t parse inline keyboard button: Field "text" must be of type String'));
  }
  if (!BUTTON_ACTIONS.some((key) => b[key] !== undefined)) {
    throw new ApiError(badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"));
  }
  if (b.callback_data !== undefined) {
    const bytes = typeof b.callback_data === "string" ? Buffer.byteLength(b.callback_data, "utf8") : 0;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw new ApiError(badRequest("BUTTON_DATA_INVALID"));
  }
}

/** Validates reply_markup like Telegram; returns the parsed markup. */
function readReplyMarkup(params: Params, inlineOnly: boolean): unknown {
  const markup = jsonParam(params, "reply_markup");
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== "object" || Array.isArray(markup)) {
    throw new ApiError(badRequest("can't parse reply keyboard markup JSON object"));
  }
  const keyboard = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (keyboard === undefined) {
    if (inlineOnly) throw new ApiError(badRequest("inline keyboard expected"));
    return markup;
  }
  if (!Array.isArray(keyboard) || !keyboard.every(Array.isArray)) {
    throw new ApiError(badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'));
  }
  for (const row of keyboard as unknown[][]) row.forEach(validateInlineButton);
  return markup;
}

function inlineKeyboardOf(markup: unknown): InlineKeyboardMarkup | undefined {
  if (markup && typeof markup === "object" && "inline_keyboard" in markup) {
    const keyboard = (markup as InlineKeyboardMarkup).inline_keyboard;
    // Telegram drops an empty inline keyboard from the message.
    if (keyboard.some((row) => row.length > 0)) return markup as InlineKeyboardMarkup;
  }
  return undefined;
}

function callbackDataOf(markup: InlineKeyboardMarkup | undefined): string[] {
  if (!markup) return [];
  return markup.inline_keyboard
    .flat()
    .map((b: InlineKeyboardButton) => ("callback_data" in b ? b.callback_data : undefined))
    .filter((d): d is string => typeof d === "string");
}

// ---------------------------------------------------------------------------
// Bot commands in user text (grammY's bot.command needs the entity)
// ---------------------------------------------------------------------------

const BOT_COMMAND_RE = /(?<![\p{L}\p{N}_/<>])\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\p{L}\p{N}_/<>])/gu;

function commandEntities(text: string): MessageEntity[] {
  return [...text.matchAll(BOT_COMMAND_RE)].map((m) => ({
    type: "bot_command" as const,
    offset: m.index,
    length: m[0].length,
  }));
}

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

/** A failure that lets the call be processed, then drops the connection before the answer. */
const LOSE_ANSWER = Symbol("lose the answer");

export class FakeTelegram {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** Latency added to every response; may be changed between benchmark phases. */
  responseDelayMs: number;

  private readonly server: http.Server;
  private root = "";
  private readonly strictHtmlAmpersand: boolean;
  private readonly recorded: RecordedCall[] = [];
  private readonly waiters = new Set<CallWaiter>();
  private readonly listeners = new Set<(call: RecordedCall) => void>();
  private readonly inFlight = new Set<http.ServerResponse>();
  private readonly chats = new Map<number, ChatState>();
  /** Bot messages in send order, keyed "chatId:messageId". */
  private readonly botMessages = new Map<string, SentMessage>();
  private readonly failures = new Map<string, FailureSpec[]>();
  private readonly holds: Array<{ key: string; spec: HoldSpec; arrive: (params: Params) => void; released: Promise<void>; gone: () => void }> = [];
  private readonly blocked = new Set<number>();
  private readonly callbackQueryIds = new Set<string>();
  private queue: QueuedUpdate[] = [];
  private pendingPoll: PendingPoll | undefined;
  private nextUpdateId = 10_000;
  private nextCallbackId = 1;
  private myCommands: unknown[] = [];
  private webhookUrl = "";
  private webhookSecret: string | undefined;
  private webhookAllowedUpdates: string[] | undefined;
  private webhookMaxConnections = 40;
  private readonly webhookInFlight = new Set<number>();
  private readonly webhookRetryMs: number;
  private readonly webhookTimers = new Set<NodeJS.Timeout>();
  private readonly attempts: WebhookAttempt[] = [];
  private lastWebhookError: { date: number; message: string } | undefined;
  private stopped = false;

  private constructor(opts: FakeTelegramOptions) {
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.responseDelayMs = opts.responseDelayMs ?? 0;
    this.webhookRetryMs = opts.webhookRetryMs ?? 200;
    this.strictHtmlAmpersand = opts.strictHtmlAmpersand ?? true;
    this.botInfo = {
      id: opts.botId ?? 42424242,
      is_bot: true,
      first_name: opts.botFirstName ?? "Karamay Policy Bot",
      username: opts.botUsername ?? "karamay_policy_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    // Outlive the client's keep-alive sockets so a reused socket is never closed under it.
    this.server.keepAliveTimeout = 65_000;
  }

  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(opts);
    await new Promise<void>((resolve, reject) => {
      fake.server.once("error", reject);
      fake.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = fake.server.address() as AddressInfo;
    fake.root = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** Pass as `client.apiRoot` to grammY (no trailing slash, as grammY demands). */
  get apiRoot(): string {
    return this.root;
  }

  // ---- observation --------------------------------------------------------

  /** Every answered request, oldest first. */
  get calls(): readonly RecordedCall[] {
    return this.recorded;
  }

  /** True while a long poll (getUpdates with a timeout) is held open waiting for updates. */
  get pollPending(): boolean {
    return this.pendingPoll !== undefined;
  }

  callsTo(method: string): RecordedCall[] {
    const m = method.toLowerCase();
    return this.recorded.filter((c) => c.method.toLowerCase() === m);
  }

  /** Bot messages as currently stored (after edits, without deleted ones), in send order. */
  sentMessages(chatId?: number): SentMessage[] {
    const all = [...this.botMessages.values()];
    const picked = chatId === undefined ? all : all.filter((m) => m.chat_id === chatId);
    return picked.map((m) => structuredClone(m));
  }

  /**
   * Hands every call to listener as it is answered; returns the unsubscribe. For a load generator, which
   * matches replies in a map: waitFor looks through every earlier call first.
   */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first call (already made or future) matching the predicate. */
  waitFor(predicate: (call: RecordedCall) => boolean, opts: WaitOptions = {}): Promise<RecordedCall> {
    const past = this.recorded.find(predicate);
    if (past) return Promise.resolve(past);
    const timeoutMs = opts.timeoutMs ?? 5_000;
    return new Promise((resolve, reject) => {
      const waiter: CallWaiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`fake-telegram: no matching call within ${timeoutMs}ms.\n${this.describeRecentCalls()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves with the first message the bot sent to chatId (matching predicate), past or future. */
  async waitForMessage(
    chatId: number,
    predicate: (message: SentMessage) => boolean = () => true,
    opts: WaitOptions = {},
  ): Promise<SentMessage> {
    const call = await this.waitFor(
      (c) => c.method.toLowerCase() === "sendmessage" && c.message?.chat_id === chatId && predicate(c.message),
      opts,
    );
    return call.message!;
  }

  // ---- fault injection ----------------------------------------------------

  /** The next `count` calls of `method` fail (default: 429 retry after 1s). */
  failNext(method: string, count = 1, spec: FailureSpec = {}): void {
    const key = method.toLowerCase();
    const list = this.failures.get(key) ?? [];
    for (let n = 0; n < count; n++) list.push(spec);
    this.failures.set(key, list);
  }

  /** Every delivery to this chat fails with 403, as after the user blocked the bot. */
  blockChat(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** Hold the next call of `method` (matching `where`) before or after it is processed, until released. */
  hold(method: string, spec: HoldSpec = {}): HeldCall {
    let arrive!: (params: Params) => void;
    let release!: () => void;
    const reached = new Promise<Params>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    let gone!: () => void;
    const callerGone = new Promise<void>((resolve) => (gone = resolve));
    this.holds.push({ key: method.toLowerCase(), spec, arrive, released, gone });
    return { reached, release, callerGone };
  }

  /** Someone in the chat (e.g. a staff admin) deletes a message, as Telegram's clients allow. */
  deleteMessageAsUser(chatId: number, messageId: number): void {
    const state = this.chats.get(chatId);
    if (!state?.messages.delete(messageId)) throw new Error(`fake-telegram: no message ${messageId} in chat ${chatId} to delete`);
    this.botMessages.delete(`${chatId}:${messageId}`);
  }

  // ---- update injection ---------------------------------------------------

  /** A user writes text. `/commands` get bot_command entities like on Telegram. */
  sendText(spec: TextSpec): Update {
    const entities = commandEntities(spec.text);
    return this.pushUserMessage(spec, { text: spec.text, ...(entities.length ? { entities } : {}) }, spec.replyToMessageId);
  }

  sendSticker(spec: UserSpec & { emoji?: string }): Update {
    const id = this.fileIds("sticker");
    return this.pushUserMessage(spec, {
      sticker: {
        ...id,
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: spec.emoji ?? "👍",
        set_name: "KaramayTestStickers",
        file_size: 23_456,
      },
    });
  }

  sendPhoto(spec: UserSpec & { caption?: string }): Update {
    const sizes: Array<[number, number, number]> = [
      [90, 67, 1_200],
      [320, 240, 15_000],
      [1280, 960, 120_000],
    ];
    const photo = sizes.map(([width, height, file_size]) => ({ ...this.fileIds("photo"), width, height, file_size }));
    return this.pushUserMessage(spec, { photo, ...(spec.caption ? { caption: spec.caption } : {}) });
  }

  sendVoice(spec: UserSpec & { duration?: number }): Update {
    const duration = spec.duration ?? 4;
    return this.pushUserMessage(spec, {
      voice: { ...this.fileIds("voice"), duration, mime_type: "audio/ogg", file_size: duration * 4_000 },
    });
  }

  /** A user presses an inline button under a stored bot message. */
  clickButton(spec: ClickSpec): Update {
    const message = this.findMessage(spec.chatId, spec.messageId);
    if (!message) throw new Error(`fake-telegram: clickButton: no message ${spec.messageId} in chat ${spec.chatId}`);
    const available = callbackDataOf(message.reply_markup);
    if (!spec.allowUnknownData && !available.includes(spec.data)) {
      throw new Error(
        `fake-telegram: clickButton: message ${spec.messageId} has no button with data ${JSON.stringify(spec.data)}; ` +
          `it has ${JSON.stringify(available)} (pass allowUnknownData to force)`,
      );
    }
    const id = `${this.botInfo.id}${String(this.nextCallbackId++).padStart(8, "0")}`;
    this.callbackQueryIds.add(id);
    const query: CallbackQuery = {
      id,
      from: this.userFor(spec),
      message: structuredClone(message),
      chat_instance: `${-Math.abs(spec.chatId) * 7919}`,
      data: spec.data,
    };
    return this.pushRawUpdate({ callback_query: query });
  }

  /** Queues an update; one that already has an update_id is delivered again as-is (duplicate delivery). */
  pushRawUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as Update;
    this.queue.push({ update: full, delivered: false });
    this.wakePoll();
    this.pumpWebhook();
    return full;
  }

  // ---- webhook ------------------------------------------------------------

  /** The webhook as setWebhook registered it (url "" when none). */
  get webhook(): WebhookInfo {
    return { url: this.webhookUrl, secretToken: this.webhookSecret, allowedUpdates: this.webhookAllowedUpdates, maxConnections: this.webhookMaxConnections };
  }

  /** Every attempt to post an update to the webhook, oldest first. */
  get webhookAttempts(): readonly WebhookAttempt[] {
    return this.attempts;
  }

  /** Resolves when the bot accepted (2xx) the update with this id through the webhook. */
  async waitForWebhookDelivery(updateId: number, opts: WaitOptions = {}): Promise<WebhookAttempt> {
    const deadline = Date.now() + (opts.timeoutMs ?? 5_000);
    for (;;) {
      const done = this.attempts.find((a) => a.update_id === updateId && a.status >= 200 && a.status < 300);
      if (done) return done;
      if (Date.now() > deadline) {
        const tried = this.attempts.filter((a) => a.update_id === updateId).map((a) => a.status);
        throw new Error(`fake-telegram: update ${updateId} not accepted by the webhook ${this.webhookUrl || "(none set)"}; attempts: ${JSON.stringify(tried)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Post one update to the registered webhook now, as Telegram does, with the registered secret
   * or `secretToken` instead (null: no header). Not queued and not retried: for checking how the
   * bot answers a request Telegram did not send.
   */
  async postToWebhook(update: Update, { secretToken }: { secretToken?: string | null } = {}): Promise<{ status: number; body: string }> {
    if (!this.webhookUrl) throw new Error("fake-telegram: no webhook set (setWebhook first)");
    const secret = secretToken === undefined ? this.webhookSecret : secretToken ?? undefined;
    const res = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: JSON.stringify(update),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Posts queued updates to the webhook, up to max_connections at once; a failed one is retried after webhookRetryMs. */
  private pumpWebhook(): void {
    if (!this.webhookUrl || this.stopped) return;
    const waiting = [...this.queue].sort((a, b) => a.update.update_id - b.update.update_id).filter((q) => !this.webhookInFlight.has(q.update.update_id));
    for (const q of waiting) {
      if (this.webhookInFlight.size >= this.webhookMaxConnections) return;
      void this.deliverToWebhook(q);
    }
  }

  private async deliverToWebhook(q: QueuedUpdate): Promise<void> {
    const id = q.update.update_id;
    const url = this.webhookUrl;
    this.webhookInFlight.add(id);
    let status = 0;
    let body = "";
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(this.webhookSecret !== undefined ? { "x-telegram-bot-api-secret-token": this.webhookSecret } : {}) },
        body: JSON.stringify(q.update),
      });
      status = res.status;
      body = await res.text();
    } catch (err) {
      this.lastWebhookError = { date: nowSeconds(), message: `Connection failed: ${String((err as Error).cause ?? err)}` };
    }
    this.attempts.push({ update_id: id, status, secret: this.webhookSecret, body, at: Date.now() });
    this.webhookInFlight.delete(id);
    if (status >= 200 && status < 300) {
      this.queue = this.queue.filter((x) => x !== q);
      this.pumpWebhook();
      return;
    }
    if (status !== 0) this.lastWebhookError = { date: nowSeconds(), message: `Wrong response from the webhook: ${status}` };
    // Telegram tries again later, as long as the webhook is set.
    const timer = setTimeout(() => {
      this.webhookTimers.delete(timer);
      if (this.webhookUrl === url && this.queue.includes(q)) this.pumpWebhook();
    }, this.webhookRetryMs);
    this.webhookTimers.add(timer);
  }

  // ---- lifecycle ----------------------------------------------------------

  /** Forgets calls, messages, queued updates, failures and blocks (bot info and port stay). */
  reset(): void {
    this.recorded.length = 0;
    this.chats.clear();
    this.botMessages.clear();
    this.failures.clear();
    this.holds.length = 0;
    this.blocked.clear();
    this.callbackQueryIds.clear();
    this.queue = [];
    this.myCommands = [];
    this.webhookUrl = "";
    this.webhookSecret = undefined;
    this.webhookAllowedUpdates = undefined;
    this.attempts.length = 0;
    this.lastWebhookError = undefined;
    for (const t of this.webhookTimers) clearTimeout(t);
    this.webhookTimers.clear();
  }

  /** Answers pending long polls, rejects pending waits, closes the server. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.webhookTimers) clearTimeout(t);
    this.webhookTimers.clear();
    this.answerPendingPoll(ok([]));
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error("fake-telegram: server stopped while waiting"));
    }
    this.waiters.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.drainInFlight(this.responseDelayMs + 1_000);
    this.server.closeAllConnections();
    await closed;
  }

  /** Lets answered-but-unwritten responses (e.g. the polls answered above) reach the client. */
  private async drainInFlight(maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  // ---- HTTP plumbing ------------------------------------------------------

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.inFlight.add(res);
    res.once("close", () => this.inFlight.delete(res));
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/bot([^/]+)\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (!match) {
      this.write(res, fail(404, "Not Found"));
      return;
    }
    const [, token, method] = match as unknown as [string, string, string];
    let params: Params = formToParams(url.searchParams);
    try {
      params = { ...params, ...parseBody(req.headers["content-type"] ?? "", await readBody(req)) };
      if (token !== this.token) return this.finish(res, method, params, fail(401, "Unauthorized"));
      let gone = false;
      res.once("close", () => (gone = true));
      const held = this.takeHold(method.toLowerCase(), params);
      if (held) res.once("close", held.gone);
      if (held?.spec.stage !== "after" && held) {
        held.arrive(params);
        await held.released;
        if (gone) return; // the client died while the call waited: Telegram never saw it
      }
      const outcome = await this.dispatch(method, params, res);
      if (held?.spec.stage === "after") {
        held.arrive(params);
        await held.released;
      }
      if (outcome.drop) {
        this.recordCall(method, params, outcome);
        res.socket?.destroy();
        return;
      }
      this.finish(res, method, params, outcome);
    } catch (error) {
      // A bug in the fake must surface as a failed call, not crash the test process.
      const outcome = error instanceof ApiError ? error.outcome : fail(500, `Internal Server Error: fake-telegram: ${String(error)}`);
      this.finish(res, method, params, outcome);
    }
  }

  private finish(res: http.ServerResponse, method: string, params: Params, outcome: Outcome): void {
    if (res.destroyed) return; // the client gave up (e.g. runner stopped mid long-poll)
    this.recordCall(method, params, outcome);
    if (this.responseDelayMs > 0) setTimeout(() => this.write(res, outcome), this.responseDelayMs);
    else this.write(res, outcome);
  }

  private recordCall(method: string, params: Params, outcome: Outcome): void {
    const call: RecordedCall = {
      method,
      params,
      at: Date.now(),
      status: outcome.status,
      ok: outcome.body.ok,
      response: outcome.body,
      ...(outcome.message ? { message: structuredClone(outcome.message) } : {}),
    };
    this.recorded.push(call);
    this.notifyWaiters(call);
    for (const listener of this.listeners) listener(call);
  }

  private write(res: http.ServerResponse, outcome: Outcome): void {
    if (res.destroyed) return;
    const json = JSON.stringify(outcome.body);
    res.writeHead(outcome.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(json),
    });
    res.end(json);
  }

  private notifyWaiters(call: RecordedCall): void {
    for (const waiter of this.waiters) {
      if (!waiter.predicate(call)) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(call);
    }
  }

  private describeRecentCalls(): string {
    const interesting = this.recorded.filter(
      (c) => !(c.method === "getUpdates" && c.ok && Array.isArray((c.response as { result: unknown[] }).result) &&
        (c.response as { result: unknown[] }).result.length === 0),
    );
    if (interesting.length === 0) return "No API calls were made (is the bot running against this apiRoot?).";
    const lines = interesting.slice(-15).map((c) => {
      const text = typeof c.params.text === "string" ? ` text=${JSON.stringify(c.params.text.slice(0, 80))}` : "";
      const chat = c.params.chat_id !== undefined ? ` chat=${String(c.params.chat_id)}` : "";
      const error = c.response.ok ? "" : ` → ${c.response.description}`;
      return `  ${c.method} ${c.status}${chat}${text}${error}`;
    });
    return `Last ${lines.length} of ${interesting.length} calls (empty polls omitted):\n${lines.join("\n")}`;
  }

  // ---- dispatch -----------------------------------------------------------

  private dispatch(method: string, params: Params, res: http.ServerResponse): Outcome | Promise<Outcome> {
    const key = method.toLowerCase(); // Telegram method names are case-insensitive
    const injected = this.takeFailure(key, params);
    if (injected === LOSE_ANSWER) return Promise.resolve(this.handle(key, params, res)).then((outcome) => ({ ...outcome, drop: true }));
    if (injected) return injected;
    return this.handle(key, params, res);
  }

  private handle(key: string, params: Params, res: http.ServerResponse): Outcome | Promise<Outcome> {
    this.checkBlocked(key, params);
    switch (key) {
      case "getme":
        return ok(this.botInfo);
      case "getupdates":
        return this.getUpdates(params, res);
      case "sendmessage":
        return this.sendMessage(params);
      case "editmessagetext":
        return this.editMessageText(params);
      case "editmessagereplymarkup":
        return this.editMessageReplyMarkup(params);
      case "deletemessage":
        return this.deleteMessage(params);
      case "answercallbackquery":
        return this.answerCallbackQuery(params);
      case "setmycommands":
        this.myCommands = (jsonParam(params, "commands") as unknown[] | undefined) ?? [];
        return ok(true);
      case "getmycommands":
        return ok(this.myCommands);
      case "setwebhook":
        return this.setWebhook(params);
      case "deletewebhook":
        this.webhookUrl = "";
        this.webhookSecret = undefined;
        if (params.drop_pending_updates === true) this.queue = [];
        return ok(true);
      case "getwebhookinfo":
        return ok({
          url: this.webhookUrl,
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
          ...(this.webhookUrl ? { max_connections: this.webhookMaxConnections } : {}),
          ...(this.webhookAllowedUpdates ? { allowed_updates: this.webhookAllowedUpdates } : {}),
          ...(this.lastWebhookError ? { last_error_date: this.lastWebhookError.date, last_error_message: this.lastWebhookError.message } : {}),
        });
      case "getchat":
        return ok(this.chatState(requireChatId(params)).chat);
      default:
        if (TRUE_METHODS.has(key)) return ok(true);
        return fail(404, "Not Found: method not found");
    }
  }

  private takeHold(key: string, params: Params) {
    const i = this.holds.findIndex((h) => h.key === key && (h.spec.where?.(params) ?? true));
    return i < 0 ? undefined : this.holds.splice(i, 1)[0];
  }

  private takeFailure(key: string, params: Params): Outcome | typeof LOSE_ANSWER | undefined {
    const list = this.failures.get(key) ?? [];
    const i = list.findIndex((f) => f.where?.(params) ?? true);
    const spec = i < 0 ? undefined : list.splice(i, 1)[0];
    if (!spec) return undefined;
    if (spec.loseAnswer) return LOSE_ANSWER;
    if (spec.dropConnection) return { ...fail(0, "connection dropped by fake-telegram"), drop: true };
    const status = spec.status ?? 429;
    if (status === 429) {
      const retryAfter = spec.retryAfter ?? 1;
      return fail(429, spec.description ?? `Too Many Requests: retry after ${retryAfter}`, retryAfter);
    }
    return fail(status, spec.description ?? ERROR_DESCRIPTIONS[status] ?? "Error");
  }

  private checkBlocked(key: string, params: Params): void {
    if (!BLOCKABLE_PREFIXES.some((p) => key.startsWith(p))) return;
    const chatId = numberParam(params, "chat_id");
    if (chatId !== undefined && this.blocked.has(chatId)) {
      throw new ApiError(fail(403, "Forbidden: bot was blocked by the user"));
    }
  }

  /** Like Telegram: an empty url removes the webhook; the secret may hold only A-Z, a-z, 0-9, _ and -. */
  private setWebhook(params: Params): Outcome {
    const url = String(params.url ?? "");
    const secret = params.secret_token;
    if (secret !== undefined && (typeof secret !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
      return badRequest("secret token contains unallowed characters");
    }
    if (url && !/^https?:\/\//.test(url)) return badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    if (params.drop_pending_updates === true) this.queue = [];
    this.webhookUrl = url;
    this.webhookSecret = url ? (secret as string | undefined) : undefined;
    const allowed = jsonParam(params, "allowed_updates");
    this.webhookAllowedUpdates = Array.isArray(allowed) ? (allowed as string[]) : undefined;
    this.webhookMaxConnections = numberParam(params, "max_connections") ?? 40;
    // Updates that waited go out now (after this answer).
    setImmediate(() => this.pumpWebhook());
    return ok(true);
  }

  // ---- getUpdates / long polling -----------------------------------------

  private getUpdates(params: Params, res: http.ServerResponse): Outcome | Promise<Outcome> {
    if (this.webhookUrl) {
      return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    this.confirmUpTo(numberParam(params, "offset") ?? 0);
    const limit = Math.min(100, Math.max(1, numberParam(params, "limit") ?? 100));
    const timeoutSec = Math.max(0, numberParam(params, "timeout") ?? 0);
    // Telegram ends an older poll when a newer one arrives.
    this.answerPendingPoll(
      fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
    );
    // Unconfirmed updates are (re)delivered at once, like Telegram does after a bot restart.
    if (this.queue.length > 0 || timeoutSec === 0 || this.stopped) return ok(this.takeUpdates(limit));
    return new Promise<Outcome>((resolve) => {
      const poll: PendingPoll = {
        limit,
        finish: resolve,
        timer: setTimeout(() => this.answerPendingPoll(ok([]), poll), timeoutSec * 1000),
      };
      this.pendingPoll = poll;
      // A client that aborts (runner.stop()) must not keep the slot.
      res.once("close", () => this.pendingPoll === poll && this.answerPendingPoll(ok([]), poll));
    });
  }

  /**
   * offset > 0 confirms delivered updates below it; offset < 0 keeps only the last -offset updates.
   * An update re-pushed with an old id stays queued until delivered, to simulate duplicate delivery.
   */
  private confirmUpTo(offset: number): void {
    if (offset > 0) this.queue = this.queue.filter((q) => !q.delivered || q.update.update_id >= offset);
    else if (offset < 0) this.queue = this.queue.slice(offset);
  }

  /** Returns queued updates in update_id order (re-delivering unconfirmed ones, as Telegram does). */
  private takeUpdates(limit: number): Update[] {
    const batch = [...this.queue].sort((a, b) => a.update.update_id - b.update.update_id).slice(0, limit);
    for (const q of batch) q.delivered = true;
    return batch.map((q) => q.update);
  }

  private wakePoll(): void {
    const poll = this.pendingPoll;
    if (poll) this.answerPendingPoll(ok(this.takeUpdates(poll.limit)), poll);
  }

  private answerPendingPoll(outcome: Outcome, only?: PendingPoll): void {
    const poll = this.pendingPoll;
    if (!poll || (only && poll !== only)) return;
    this.pendingPoll = undefined;
    clearTimeout(poll.timer);
    poll.finish(outcome);
  }

  // ---- chats and messages -------------------------------------------------

  private chatState(chatId: number, spec?: UserSpec): ChatState {
    let state = this.chats.get(chatId);
    if (!state) {
      state = { chat: this.makeChat(chatId, spec), nextMessageId: 1, messages: new Map() };
      this.chats.set(chatId, state);
    }
    return state;
  }

  private makeChat(chatId: number, spec?: UserSpec): Chat {
    const type = spec?.chatType ?? (chatId > 0 ? "private" : "supergroup");
    if (type === "private") {
      return {
        id: chatId,
        type: "private",
        first_name: spec?.firstName ?? `User${chatId}`,
        ...(spec?.lastName ? { last_name: spec.lastName } : {}),
        ...(spec?.username ? { username: spec.username } : {}),
      };
    }
    const title = spec?.chatTitle ?? `Karamay staff group ${Math.abs(chatId)}`;
    return type === "group"
      ? { id: chatId, type: "group", title }
      : { id: chatId, type: "supergroup", title };
  }

  private userFor(spec: Omit<UserSpec, "chatType" | "chatTitle">): User {
    const id = spec.userId ?? (spec.chatId > 0 ? spec.chatId : 100001);
    return {
      id,
      is_bot: false,
      first_name: spec.firstName ?? `User${id}`,
      ...(spec.lastName ? { last_name: spec.lastName } : {}),
      ...(spec.username ? { username: spec.username } : {}),
      language_code: spec.languageCode ?? "zh-hans",
    };
  }

  private botUser(): User {
    const { id, is_bot, first_name, username } = this.botInfo;
    return { id, is_bot, first_name, username };
  }

  private findMessage(chatId: number, messageId: number): Message | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  /** Replied-to messages are embedded one level deep, like Telegram does. */
  private replyCopy(message: Message): Message {
    const { reply_to_message: _nested, ...rest } = message;
    return structuredClone(rest) as Message;
  }

  private fileIds(kind: string): { file_id: string; file_unique_id: string } {
    const n = this.nextUpdateId;
    return { file_id: `AgAC${kind}FakeFileId${n}${Math.random().toString(36).slice(2, 10)}`, file_unique_id: `AQAD${kind}${n}` };
  }

  private pushUserMessage(spec: UserSpec, content: Partial<Message>, replyToMessageId?: number): Update {
    const state = this.chatState(spec.chatId, spec);
    let reply: Message | undefined;
    if (replyToMessageId !== undefined) {
      reply = state.messages.get(replyToMessageId);
      if (!reply) throw new Error(`fake-telegram: no message ${replyToMessageId} in chat ${spec.chatId} to reply to`);
    }
    const message = {
      message_id: state.nextMessageId++,
      from: this.userFor(spec),
      chat: state.chat,
      date: nowSeconds(),
      ...content,
      ...(reply ? { reply_to_message: this.replyCopy(reply) } : {}),
    } as Message;
    state.messages.set(message.message_id, message);
    // Users only write in private chats and groups here, never channels.
    return this.pushRawUpdate({ message: structuredClone(message) as Update["message"] });
  }

  // ---- message methods ----------------------------------------------------

  private replyTarget(params: Params, state: ChatState): Message | undefined {
    const replyParams = jsonParam(params, "reply_parameters") as { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
    const id = replyParams?.message_id ?? numberParam(params, "reply_to_message_id");
    if (id === undefined) return undefined;
    const target = state.messages.get(Number(id));
    const allowMissing = replyParams?.allow_sending_without_reply ?? params.allow_sending_without_reply === true;
    if (!target && !allowMissing) throw new ApiError(badRequest("message to be replied not found"));
    return target;
  }

  private sendMessage(params: Params): Outcome {
    const chatId = requireChatId(params);
    const formatted = formatText(params, this.strictHtmlAmpersand);
    const markup = readReplyMarkup(params, false);
    const state = this.chatState(chatId);
    const replyTo = this.replyTarget(params, state);
    const inline = inlineKeyboardOf(markup);
    const message = {
      message_id: state.nextMessageId++,
      from: this.botUser(),
      chat: state.chat,
      date: nowSeconds(),
      text: formatted.text,
      ...(formatted.entities.length ? { entities: formatted.entities } : {}),
      ...(inline ? { reply_markup: inline } : {}),
      ...(replyTo ? { reply_to_message: this.replyCopy(replyTo) } : {}),
    } as Message;
    state.messages.set(message.message_id, message);
    const sent: SentMessage = {
      message_id: message.message_id,
      chat_id: chatId,
      text: String(params.text),
      plain_text: formatted.text,
      ...(typeof params.parse_mode === "string" ? { parse_mode: params.parse_mode } : {}),
      entities: formatted.entities,
      ...(markup !== undefined ? { reply_markup: markup } : {}),
      ...(replyTo ? { reply_to_message_id: replyTo.message_id } : {}),
      date: message.date,
    };
    this.botMessages.set(`${chatId}:${message.message_id}`, sent);
    return ok(structuredClone(message), sent);
  }

  /** Finds the bot's own message for an edit, failing like Telegram when it cannot. */
  private editTarget(params: Params): { chatId: number; message: Message; sent: SentMessage } {
    if (params.inline_message_id !== undefined) throw new ApiError(badRequest("message to edit not found"));
    const chatId = requireChatId(params);
    const messageId = requireMessageId(params, "edit");
    const message = this.findMessage(chatId, messageId);
    if (!message) throw new ApiError(badRequest("message to edit not found"));
    const sent = this.botMessages.get(`${chatId}:${messageId}`);
    if (!sent) throw new ApiError(badRequest("message can't be edited"));
    return { chatId, message, sent };
  }

  private editMessageText(params: Params): Outcome {
    const { message, sent } = this.editTarget(params);
    const formatted = formatText(params, this.strictHtmlAmpersand);
    const markup = readReplyMarkup(params, true);
    const inline = inlineKeyboardOf(markup);
    // Omitting reply_markup removes the keyboard, exactly like Telegram.
    const unchanged =
      message.text === formatted.text &&
      JSON.stringify(message.entities ?? []) === JSON.stringify(formatted.entities) &&
      JSON.stringify(message.reply_markup) === JSON.stringify(inline);
    if (unchanged) throw new ApiError(notModified());
    const edited = { ...message, text: formatted.text, edit_date: nowSeconds() } as Message & { entities?: MessageEntity[] };
    if (formatted.entities.length) edited.entities = formatted.entities;
    else delete edited.entities;
    this.applyEdit(edited, sent, inline);
    sent.text = String(params.text);
    sent.plain_text = formatted.text;
    sent.entities = formatted.entities;
    if (typeof params.parse_mode === "string") sent.parse_mode = params.parse_mode;
    else delete sent.parse_mode;
    return ok(structuredClone(edited), sent);
  }

  private editMessageReplyMarkup(params: Params): Outcome {
    const { message, sent } = this.editTarget(params);
    const inline = inlineKeyboardOf(readReplyMarkup(params, true));
    if (JSON.stringify(message.reply_markup) === JSON.stringify(inline)) throw new ApiError(notModified());
    const edited = { ...message, edit_date: nowSeconds() } as Message;
    this.applyEdit(edited, sent, inline);
    return ok(structuredClone(edited), sent);
  }

  private applyEdit(edited: Message, sent: SentMessage, inline: InlineKeyboardMarkup | undefined): void {
    if (inline) edited.reply_markup = inline;
    else delete edited.reply_markup;
    this.chatState(sent.chat_id).messages.set(edited.message_id, edited);
    sent.edit_date = edited.edit_date;
    if (inline) sent.reply_markup = inline;
    else delete sent.reply_markup;
  }

  private deleteMessage(params: Params): Outcome {
    const chatId = requireChatId(params);
    const messageId = requireMessageId(params, "delete");
    const state = this.chats.get(chatId);
    if (!state?.messages.delete(messageId)) throw new ApiError(badRequest("message to delete not found"));
    this.botMessages.delete(`${chatId}:${messageId}`);
    return ok(true);
  }

  private answerCallbackQuery(params: Params): Outcome {
    const id = String(params.callback_query_id ?? "");
    if (!this.callbackQueryIds.has(id)) {
      return badRequest("query is too old and response timeout expired or query ID is invalid");
    }
    const text = params.text;
    if (typeof text === "string" && text.length > 200) return badRequest("MESSAGE_TOO_LONG");
    return ok(true);
  }
}

function notModified(): Outcome {
  return badRequest(
    "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  );
}
