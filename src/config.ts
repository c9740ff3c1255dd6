import { z } from "zod";
import dotenv from "dotenv";

/** The one place environment variables are read. Everything else takes a Config. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const idList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^-?\d+$/, "each id must be a number")));

export const ConfigSchema = z.object({
  DATA_DIR: optional(z.string()).default("./data"),
  CORPUS_DIR: optional(z.string()).default("./corpus"),
  PROMPTS_DIR: optional(z.string()).default("./prompts"),
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, "expected the form 123456:ABC-DEF… from BotFather")),
  TELEGRAM_API_ROOT: optional(z.string().url()).default("https://api.telegram.org"),
  STAFF_CHAT_ID: optional(z.string().regex(/^-?\d+$/, "expected a numeric chat id such as -1001234567890")),
  STAFF_USER_IDS: optional(idList).default([]),
  RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int().positive()).default(20),
  FOLLOW_UP_WINDOW_MINUTES: optional(z.coerce.number().int().min(0, "0 turns follow-ups off").max(24 * 60, "at most 1440 (a day)")).default(10),
  LLM_BASE_URL: optional(z.string().url()).default("https://api.openai.com/v1"),
  LLM_API_KEY: optional(z.string()),
  LLM_MODEL: optional(z.string()),
  LLM_TIMEOUT_MS: optional(z.coerce.number().int().positive()).default(20000),
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
  promptsDir: string;
  telegram: { token: string | null; apiRoot: string; staffChatId: string | null; staffUserIds: string[]; rateLimitPerMinute: number };
  llm: { baseURL: string; apiKey: string | null; model: string | null; timeoutMs: number };
  embeddings: { baseURL: string; apiKey: string | null; model: string | null; dimensions: number | null };
  /** How long a chat's last question stays the context a follow-up (那注销呢？) is read with; 0: never. */
  followUpWindowMinutes: number;
  logLevel: Env["LOG_LEVEL"];
  /** Questions kept this many days with their text; salt for askers' hashes (null: generated once into DATA_DIR). */
  questionLog: { retentionDays: number; salt: string | null };
  /** PostgreSQL for tickets and the outbox, shared by several instances; null: SQLite in DATA_DIR. */
  database: { url: string | null };
  /** Redis for what instances share briefly (rate limits, short-lived state, reload messages); null: in-process. */
  redis: { url: string | null; keyPrefix: string };
}

export class ConfigError extends Error {}

/**
 * Validate once at start; an invalid value names its variable and what is expected.
 * `dotenvFile`: read ./.env (true), another file (its path), or none (false). It never overrides a variable already set.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, { dotenvFile = true as boolean | string } = {}): Config {
  if (dotenvFile) dotenv.config({ quiet: true, processEnv: env as Record<string, string>, ...(typeof dotenvFile === "string" ? { path: dotenvFile } : {}) });
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (check .env or the environment):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    dataDir: e.DATA_DIR,
    corpusDir: e.CORPUS_DIR,
    promptsDir: e.PROMPTS_DIR,
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN ?? null,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      staffChatId: e.STAFF_CHAT_ID ?? null,
      staffUserIds: e.STAFF_USER_IDS,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
    llm: { baseURL: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY ?? null, model: e.LLM_MODEL ?? null, timeoutMs: e.LLM_TIMEOUT_MS },
    embeddings: {
      baseURL: e.EMBEDDINGS_BASE_URL ?? e.LLM_BASE_URL,
      apiKey: e.EMBEDDINGS_API_KEY ?? e.LLM_API_KEY ?? null,
      model: e.EMBEDDINGS_MODEL ?? null,
      dimensions: e.EMBEDDINGS_DIMENSIONS ?? null,
    },
    followUpWindowMinutes: e.FOLLOW_UP_WINDOW_MINUTES,
    logLevel: e.LOG_LEVEL,
    questionLog: { retentionDays: e.QUESTION_LOG_RETENTION_DAYS, salt: e.QUESTION_LOG_SALT ?? null },
    database: { url: e.DATABASE_URL ?? null },
    redis: { url: e.REDIS_URL ?? null, keyPrefix: e.REDIS_KEY_PREFIX },
  };
}
