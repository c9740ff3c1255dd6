import { webhookSecretOf, type Config } from "./config.js";
import { proxySecrets } from "./proxy.js";

/** Anything shaped like a Telegram bot token (123456789:AA…), whoever's it is. */
const BOT_TOKEN_SHAPE = /\d{6,}:[A-Za-z0-9_-]{30,}/g;
const MASK = "<redacted>";

/**
 * A function that removes secrets (the bot token, API keys) from a line before it is logged:
 * grammY's and fetch's errors can carry the request URL, and the Bot API URL contains the token.
 */
export function redactor(secrets: ReadonlyArray<string | null | undefined>): (text: string) => string {
  // Very short values would mask ordinary words; real tokens and keys are long.
  const known = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(MASK);
    return out.replace(BOT_TOKEN_SHAPE, MASK);
  };
}

/** The password in a postgres:// or redis:// URL, if it has one. */
export function urlPassword(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}

/** The redactor for every secret the configuration holds: tokens, keys, the webhook secret, proxy and database passwords. */
export function redactorFor(config: Config): (text: string) => string {
  return redactor([
    config.telegram.token,
    webhookSecretOf(config.telegram),
    config.llm.apiKey,
    config.embeddings.apiKey,
    ...config.api.keys.map((k) => k.key),
    config.chat.sessionSecret,
    ...proxySecrets(config.telegram.proxy),
    ...proxySecrets(config.llm.proxy),
    urlPassword(config.database.url),
    urlPassword(config.redis.url),
  ]);
}

/** Secrets straight from the environment, for errors before the configuration could be read. */
export function redactorForEnv(env: Record<string, string | undefined>): (text: string) => string {
  const apiKeys = (env.API_KEYS ?? "").split(/[\s,]+/).map((e) => e.slice(e.indexOf(":") + 1));
  return redactor([
    env.TELEGRAM_BOT_TOKEN,
    env.TELEGRAM_WEBHOOK_SECRET,
    env.LLM_API_KEY,
    env.EMBEDDINGS_API_KEY,
    env.CHAT_SESSION_SECRET,
    ...apiKeys,
    ...proxySecrets(env.TELEGRAM_PROXY),
    ...proxySecrets(env.LLM_PROXY),
    urlPassword(env.DATABASE_URL),
    urlPassword(env.REDIS_URL),
  ]);
}
