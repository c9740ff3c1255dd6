import { ConfigSchema } from "../../src/config.js";

/**
 * Every variable src/config.ts reads, set to "" (which loadConfig treats as unset). dotenv never
 * overrides a variable that is set, so neither a developer's .env nor their shell can point a test
 * at Telegram, an LLM or embeddings endpoint, a staff chat, or their own data.
 */
export const OFFLINE_ENV: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(Object.keys(ConfigSchema.shape).map((key) => [key, ""])));
