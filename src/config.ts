import { createHmac } from "node:crypto";
// A namespace import: esbuild then leaves zod's 64 locales out of the bundle (dist/bin/).
import * as z from "zod";
import dotenv from "dotenv";

/** The one place environment variables are read. Everything else takes a Config. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** Names the API reserves for its own callers (the /chat page). */
export const RESERVED_CALLERS = ["web"];

/** A URL through which outgoing requests go: http(s):// (CONNECT) or socks5:// (also socks5h, socks4). */
const proxyUrl = z
  .string()
  .url()
  .refine((u) => /^(https?|socks5h?|socks4a?):\/\//i.test(u), "expected http://, https:// or socks5:// followed by host:port, e.g. socks5://127.0.0.1:1080");

/** API callers as name:key pairs, so logs and metrics name the caller, never the key. */
const apiKeyList = z
  .string()
  .transform((s) => s.split(/[\s,]+/).filter(Boolean))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z][a-z0-9_-]{0,31}:[\x21-\x7e]{24,}$/i, "each entry must be name:key, the name in letters, digits, _ or - (up to 32), the key at least 24 printable characters")
        .refine((e) => !RESERVED_CALLERS.includes(e.split(":")[0]!.toLowerCase()), `the names ${RESERVED_CALLERS.join(", ")} are reserved`),
    ),
  )
  .transform((entries) => entries.map((e) => ({ name: e.slice(0, e.indexOf(":")), key: e.slice(e.indexOf(":") + 1) })))
  .refine((keys) => new Set(keys.map((k) => k.name.toLowerCase())).size === keys.length, "each name may appear once")
  .refine((keys) => new Set(keys.map((k) => k.key)).size === keys.length, "each key may appear once");

/** Callback URLs per API caller: name=https://… pairs. */
const callbackList = z
  .string()
  .transform((s) => s.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,31}=https?:\/\/\S+$/i, "each entry must be name=http(s)://… for a name in API_KEYS")))
  .transform((entries) => Object.fromEntries(entries.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)])) as Record<string, string>);

/** Which proxies' X-Forwarded-For to believe: true (any), false, or their addresses (loopback, 10.0.0.0/8, …). */
const trustProxy = z
  .string()
  .refine((s) => !/^\s*\d+\s*$/.test(s), "a hop count is not supported: give the proxy's address (e.g. loopback or 10.0.0.5), or true")
  .transform((s): boolean | string[] => {
    const v = s.trim().toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
    return s.split(",").map((x) => x.trim()).filter(Boolean);
  });

const originList = z
  .string()
  .transform((s) => s.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/i, "each entry must be an origin such as https://www.example.gov.cn (no path)")));

const idList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^-?\d+$/, "each id must be a number")));

export const ConfigSchema = z.object({
  DATA_DIR: optional(z.string()).default("./data"),
  CORPUS_DIR: optional(z.string()).default("./corpus"),
  CORPUS_WATCH: optional(z.enum(["on", "off"], { message: 'expected "on" or "off"' })).default("on"),
  PROMPTS_DIR: optional(z.string()).default("./prompts"),
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, "expected the form 123456:ABC-DEF… from BotFather")),
  TELEGRAM_API_ROOT: optional(z.string().url()).default("https://api.telegram.org"),
  STAFF_CHAT_ID: optional(z.string().regex(/^-?\d+$/, "expected a numeric chat id such as -1001234567890")),
  STAFF_USER_IDS: optional(idList).default([]),
  RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int().positive()).default(20),
  DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(1).max(100)).default(10),
  OUTBOX_LEASE_SECONDS: optional(z.coerce.number().int().min(1).max(3_600)).default(300),
  UPDATE_CLAIM_SECONDS: optional(z.coerce.number().int().min(1).max(3_600)).default(60),
  FOLLOW_UP_WINDOW_MINUTES: optional(z.coerce.number().int().min(0, "0 turns follow-ups off").max(24 * 60, "at most 1440 (a day)")).default(10),
  TELEGRAM_WEBHOOK_URL: optional(z.string().url().refine((u) => /^https?:\/\//i.test(u), "expected the public https:// URL Telegram posts updates to")),
  TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16 to 256 characters A-Z, a-z, 0-9, _ or - (Telegram's secret_token)")),
  TELEGRAM_PROXY: optional(proxyUrl),
  HTTP_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  HTTP_HOST: optional(z.string()).default("127.0.0.1"),
  HTTP_TRUST_PROXY: optional(trustProxy).default(false),
  API_KEYS: optional(apiKeyList).default([]),
  API_CALLBACKS: optional(callbackList).default({}),
  API_RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int().positive()).default(60),
  CHAT_RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int().positive()).default(10),
  CHAT_SESSION_SECRET: optional(z.string().min(32, "expected at least 32 characters")),
  CHAT_EMBED_ORIGINS: optional(originList).default([]),
  LLM_BASE_URL: optional(z.string().url()).default("https://api.openai.com/v1"),
  LLM_API_KEY: optional(z.string()),
  LLM_MODEL: optional(z.string()),
  LLM_TIMEOUT_MS: optional(z.coerce.number().int().positive()).default(20000),
  LLM_PROXY: optional(proxyUrl),
  EMBEDDINGS_BASE_URL: optional(z.string().url()),
  EMBEDDINGS_API_KEY: optional(z.string()),
  EMBEDDINGS_MODEL: optional(z.string()),
  EMBEDDINGS_DIMENSIONS: optional(z.coerce.number().int().positive()),
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error"])).default("info"),
  QUESTION_LOG_RETENTION_DAYS: optional(z.coerce.number().int().positive()).default(180),
  QUESTION_LOG_SALT: optional(z.string().min(16, "use at least 16 characters, or leave it empty to have one generated in the data folder")),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, "expected a PostgreSQL URL such as postgres://user:password@host:5432/dbname")),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\/\S+$/, "expected a Redis URL such as redis://host:6379")),
  REDIS_KEY_PREFIX: optional(z.string().regex(/^[\w:.-]{1,64}$/, "expected up to 64 letters, digits and _ : . -, e.g. karamay-bot:")).default("karamay-bot:"),
});

export type Env = z.infer<typeof ConfigSchema>;

export interface Config {
  dataDir: string;
  corpusDir: string;
  /** The running bot reloads by itself when the corpus folder changes (otherwise: /reindex, npm run index). */
  corpusWatch: boolean;
  promptsDir: string;
  telegram: {
    token: string | null;
    apiRoot: string;
    staffChatId: string | null;
    staffUserIds: string[];
    rateLimitPerMinute: number;
    /** Set: updates arrive by webhook at this public URL (server mode); null: long polling. */
    webhookUrl: string | null;
    /** TELEGRAM_WEBHOOK_SECRET; null: derived from the token (webhookSecretOf), so instances agree. */
    webhookSecret: string | null;
    /** Every Bot API call goes through this proxy. */
    proxy: string | null;
  };
  llm: { baseURL: string; apiKey: string | null; model: string | null; timeoutMs: number; proxy: string | null };
  /** Server mode (HTTP_PORT set): webhook, health, metrics, the HTTP API and the web chat page. */
  http: { port: number | null; host: string; trustProxy: boolean | string[] };
  api: {
    keys: ApiKeyEntry[];
    /** Caller name → where its tickets' replies are POSTed; callers without one poll. */
    callbacks: Record<string, string>;
    rateLimitPerMinute: number;
  };
  chat: { rateLimitPerMinute: number; sessionSecret: string | null; embedOrigins: string[] };
  embeddings: { baseURL: string; apiKey: string | null; model: string | null; dimensions: number | null };
  /** How long a chat's last question stays the context a follow-up (那注销呢？) is read with; 0: never. */
  followUpWindowMinutes: number;
  logLevel: Env["LOG_LEVEL"];
  /** Questions kept this many days with their text; salt for askers' hashes (null: generated once into DATA_DIR). */
  questionLog: { retentionDays: number; salt: string | null };
  /** PostgreSQL for tickets and the outbox, shared by several instances; null: SQLite in DATA_DIR. poolSize: connections per pool. */
  database: { url: string | null; poolSize: number };
  /** How long an instance's lease on an outbox message lasts: after a crash, another instance sends it once this has passed. */
  outboxLeaseMs: number;
  /**
   * How long an update belongs to the instance that took it: a copy Telegram delivers again meanwhile
   * is turned away (503), one after it is handled by whoever gets it. Longer than any handling (LLM timeout…).
   */
  updateClaimMs: number;
  /** Redis for what instances share briefly (rate limits, short-lived state, reload messages); null: in-process. */
  redis: { url: string | null; keyPrefix: string };
}

/** One API caller: the name logs and metrics show, and its bearer key. */
export interface ApiKeyEntry {
  name: string;
  key: string;
}

export class ConfigError extends Error {}

/**
 * Validate once at start; an invalid value names its variable and what is expected.
 * `dotenvFile`: read ./.env (true), another file (its path), or none (false). It never overrides a variable already set.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, { dotenvFile = true as boolean | string } = {}): Config {
  if (dotenvFile) dotenv.config({ quiet: true, processEnv: env as Record<string, string>, ...(typeof dotenvFile === "string" ? { path: dotenvFile } : {}) });
  // Parsed once: compiling zod's fast path for it would cost more than it saves.
  const parsed = ConfigSchema.safeParse(env, { jitless: true });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (check .env or the environment):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const problems = crossChecks(e);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration (check .env or the environment):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  return {
    dataDir: e.DATA_DIR,
    corpusDir: e.CORPUS_DIR,
    corpusWatch: e.CORPUS_WATCH === "on",
    promptsDir: e.PROMPTS_DIR,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN ?? null,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      staffChatId: e.STAFF_CHAT_ID ?? null,
      staffUserIds: e.STAFF_USER_IDS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL ?? null,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET ?? null,
      proxy: e.TELEGRAM_PROXY ?? null,
    },
    llm: { baseURL: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY ?? null, model: e.LLM_MODEL ?? null, timeoutMs: e.LLM_TIMEOUT_MS, proxy: e.LLM_PROXY ?? null },
    http: { port: e.HTTP_PORT ?? null, host: e.HTTP_HOST, trustProxy: e.HTTP_TRUST_PROXY },
    api: { keys: e.API_KEYS, callbacks: e.API_CALLBACKS, rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE },
    chat: { rateLimitPerMinute: e.CHAT_RATE_LIMIT_PER_MINUTE, sessionSecret: e.CHAT_SESSION_SECRET ?? null, embedOrigins: e.CHAT_EMBED_ORIGINS },
    embeddings: {
      baseURL: e.EMBEDDINGS_BASE_URL ?? e.LLM_BASE_URL,
      apiKey: e.EMBEDDINGS_API_KEY ?? e.LLM_API_KEY ?? null,
      model: e.EMBEDDINGS_MODEL ?? null,
      dimensions: e.EMBEDDINGS_DIMENSIONS ?? null,
    },
    followUpWindowMinutes: e.FOLLOW_UP_WINDOW_MINUTES,
    logLevel: e.LOG_LEVEL,
    questionLog: { retentionDays: e.QUESTION_LOG_RETENTION_DAYS, salt: e.QUESTION_LOG_SALT ?? null },
    database: { url: e.DATABASE_URL ?? null, poolSize: e.DATABASE_POOL_SIZE },
    outboxLeaseMs: e.OUTBOX_LEASE_SECONDS * 1_000,
    updateClaimMs: e.UPDATE_CLAIM_SECONDS * 1_000,
    redis: { url: e.REDIS_URL ?? null, keyPrefix: e.REDIS_KEY_PREFIX },
  };
}

/** Settings that are each valid but do not fit together. */
function crossChecks(e: Env): string[] {
  const problems: string[] = [];
  if (e.TELEGRAM_WEBHOOK_URL && e.HTTP_PORT === undefined) {
    problems.push("TELEGRAM_WEBHOOK_URL: webhook mode needs the HTTP server; set HTTP_PORT too (the port your HTTPS proxy forwards /telegram/webhook to)");
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) problems.push("TELEGRAM_WEBHOOK_URL: set TELEGRAM_BOT_TOKEN too, or leave the webhook URL empty");
  const names = new Set(e.API_KEYS.map((k) => k.name));
  for (const name of Object.keys(e.API_CALLBACKS)) {
    if (!names.has(name)) problems.push(`API_CALLBACKS: ${name} is not a caller in API_KEYS (name:key)`);
  }
  return problems;
}

/**
 * The secret_token Telegram sends with each webhook request: TELEGRAM_WEBHOOK_SECRET, or derived
 * from the bot token, so every instance with the same token expects the same secret.
 */
export function webhookSecretOf(telegram: Pick<Config["telegram"], "token" | "webhookSecret">): string | null {
  if (telegram.webhookSecret) return telegram.webhookSecret;
  if (!telegram.token) return null;
  return createHmac("sha256", telegram.token).update("karamay-policy-bot webhook secret_token").digest("base64url");
}
