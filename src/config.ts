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
  CORPUS_WATCH: optional(z.enum(["on", "off"], { message: 'expected "on" or "off"' })).default("on"),
  PROMPTS_DIR: optional(z.string()).default("./prompts"),
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, "expected the form 123456:ABC-DEF… from BotFather")),
  TELEGRAM_API_ROOT: optional(z.string().url()).default("https://api.telegram.org"),
  STAFF_CHAT_ID: optional(z.string().regex(/^-?\d+$/, "expected a numeric chat id such as -1001234567890")),
  STAFF_USER_IDS: optional(idList).default([]),
  RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int().positive()).default(20),
  LLM_BASE_URL: optional(z.string().url()).default("https://api.openai.com/v1"),
  LLM_API_KEY: optional(z.string()),
  LLM_MODEL: optional(z.string()),
  LLM_TIMEOUT_MS: optional(z.coerce.number().int().positive()).default(20000),
  EMBEDDINGS_BASE_URL: optional(z.string().url()),
  EMBEDDINGS_API_KEY: optional(z.string()),
  EMBEDDINGS_MODEL: optional(z.string()),
  EMBEDDINGS_DIMENSIONS: optional(z.coerce.number().int().positive()),
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error"])).default("info"),
});

export type Env = z.infer<typeof ConfigSchema>;

export interface Config {
  dataDir: string;
  corpusDir: string;
  /** The running bot reloads by itself when the corpus folder changes (otherwise: /reindex, npm run index). */
  corpusWatch: boolean;
  promptsDir: string;
  telegram: { token: string | null; apiRoot: string; staffChatId: string | null; staffUserIds: string[]; rateLimitPerMinute: number };
  llm: { baseURL: string; apiKey: string | null; model: string | null; timeoutMs: number };
  embeddings: { baseURL: string; apiKey: string | null; model: string | null; dimensions: number | null };
  logLevel: Env["LOG_LEVEL"];
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
    corpusWatch: e.CORPUS_WATCH === "on",
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
    logLevel: e.LOG_LEVEL,
  };
}
