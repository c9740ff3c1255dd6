import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

// loadConfig is given the environment explicitly and never reads .env here.
const load = (env: Record<string, string | undefined>) => loadConfig(env, { dotenvFile: false });

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("defaults", () => {
  it("an empty environment gives the offline terminal configuration", () => {
    expect(load({})).toEqual({
      dataDir: "./data",
      corpusDir: "./corpus",
      corpusWatch: true,
      promptsDir: "./prompts",
      telegram: {
        token: null,
        apiRoot: "https://api.telegram.org",
        staffChatId: null,
        staffUserIds: [],
        rateLimitPerMinute: 20,
        webhookUrl: null,
        webhookSecret: null,
        proxy: null,
      },
      llm: { baseURL: "https://api.openai.com/v1", apiKey: null, model: null, timeoutMs: 20000, proxy: null },
      embeddings: { baseURL: "https://api.openai.com/v1", apiKey: null, model: null, dimensions: null },
      followUpWindowMinutes: 10,
      http: { port: null, host: "127.0.0.1", trustProxy: false },
      api: { keys: [], callbacks: {}, rateLimitPerMinute: 60 },
      chat: { rateLimitPerMinute: 10, sessionSecret: null, embedOrigins: [] },
      logLevel: "info",
      questionLog: { retentionDays: 180, salt: null },
      database: { url: null, poolSize: 10 },
      outboxLeaseMs: 300_000,
      updateClaimMs: 60_000,
      redis: { url: null, keyPrefix: "karamay-bot:" },
    });
  });

  it("unknown variables are ignored", () => {
    expect(load({ PATH: "/usr/bin", SOMETHING_ELSE: "x" }).dataDir).toBe("./data");
  });
});

describe("values", () => {
  it("reads every variable", () => {
    const c = load({
      DATA_DIR: "/srv/bot/data",
      CORPUS_DIR: "/srv/bot/corpus",
      PROMPTS_DIR: "/srv/bot/prompts",
      TELEGRAM_BOT_TOKEN: "123456:ABC-def_789",
      TELEGRAM_API_ROOT: "http://localhost:8081/",
      STAFF_CHAT_ID: "-1001234567890",
      STAFF_USER_IDS: "11,22",
      RATE_LIMIT_PER_MINUTE: "5",
      LLM_BASE_URL: "http://localhost:11434/v1",
      LLM_API_KEY: "sk-test",
      LLM_MODEL: "qwen",
      LLM_TIMEOUT_MS: "1500",
      EMBEDDINGS_DIMENSIONS: "256",
      FOLLOW_UP_WINDOW_MINUTES: "30",
      LOG_LEVEL: "debug",
      QUESTION_LOG_RETENTION_DAYS: "30",
      QUESTION_LOG_SALT: "a-salt-of-enough-length",
      DATABASE_URL: "postgres://bot:secret@db.internal:5432/karamay",
      REDIS_URL: "redis://cache.internal:6379/0",
      REDIS_KEY_PREFIX: "altay-bot:",
      OUTBOX_LEASE_SECONDS: "20",
      UPDATE_CLAIM_SECONDS: "90",
      DATABASE_POOL_SIZE: "4",
    });
    expect(c.outboxLeaseMs).toBe(20_000);
    expect(c.updateClaimMs).toBe(90_000);
    expect(c.questionLog).toEqual({ retentionDays: 30, salt: "a-salt-of-enough-length" });
    expect(c.database).toEqual({ url: "postgres://bot:secret@db.internal:5432/karamay", poolSize: 4 });
    expect(c.redis).toEqual({ url: "redis://cache.internal:6379/0", keyPrefix: "altay-bot:" });
    expect(c.dataDir).toBe("/srv/bot/data");
    expect(c.corpusDir).toBe("/srv/bot/corpus");
    expect(c.promptsDir).toBe("/srv/bot/prompts");
    expect(c.telegram).toEqual({
      token: "123456:ABC-def_789",
      apiRoot: "http://localhost:8081", // trailing slash dropped
      staffChatId: "-1001234567890",
      staffUserIds: ["11", "22"],
      rateLimitPerMinute: 5,
      webhookUrl: null,
      webhookSecret: null,
      proxy: null,
    });
    expect(c.llm).toEqual({ baseURL: "http://localhost:11434/v1", apiKey: "sk-test", model: "qwen", timeoutMs: 1500, proxy: null });
    // Embeddings fall back to the LLM endpoint and key.
    expect(c.embeddings).toEqual({ baseURL: "http://localhost:11434/v1", apiKey: "sk-test", model: null, dimensions: 256 });
    expect(c.followUpWindowMinutes).toBe(30);
    expect(c.logLevel).toBe("debug");
  });

  it("FOLLOW_UP_WINDOW_MINUTES=0 turns follow-ups off", () => {
    expect(load({ FOLLOW_UP_WINDOW_MINUTES: "0" }).followUpWindowMinutes).toBe(0);
  });

  it("embeddings settings of their own win over the LLM ones", () => {
    const c = load({ LLM_API_KEY: "a", EMBEDDINGS_API_KEY: "b", EMBEDDINGS_BASE_URL: "http://emb.local/v1", EMBEDDINGS_MODEL: "bge" });
    expect(c.embeddings).toEqual({ baseURL: "http://emb.local/v1", apiKey: "b", model: "bge", dimensions: null });
  });
});

describe("STAFF_USER_IDS", () => {
  it.each([
    ["42", ["42"]],
    ["1,2,3", ["1", "2", "3"]],
    [" 1 , 2 ,, 3 ,", ["1", "2", "3"]],
    ["-100, 7", ["-100", "7"]],
    [" , ", []],
  ])("%j → %j", (raw, ids) => {
    expect(load({ STAFF_USER_IDS: raw }).telegram.staffUserIds).toEqual(ids);
  });

  it.each(["1,abc", "alice", "1;2", "1.5"])("%j is refused, naming the variable", (raw) => {
    expect(configError({ STAFF_USER_IDS: raw }).message).toContain("STAFF_USER_IDS");
  });
});

describe("invalid values throw ConfigError naming the variable", () => {
  it.each([
    ["TELEGRAM_API_ROOT", "not a url"],
    ["TELEGRAM_API_ROOT", "api.telegram.org"],
    ["STAFF_CHAT_ID", "staff-group"],
    ["STAFF_CHAT_ID", "-100abc"],
    ["RATE_LIMIT_PER_MINUTE", "0"],
    ["RATE_LIMIT_PER_MINUTE", "-5"],
    ["RATE_LIMIT_PER_MINUTE", "2.5"],
    ["RATE_LIMIT_PER_MINUTE", "twenty"],
    ["LLM_TIMEOUT_MS", "abc"],
    ["LLM_TIMEOUT_MS", "0"],
    ["LLM_BASE_URL", "localhost"],
    ["EMBEDDINGS_BASE_URL", "::"],
    ["EMBEDDINGS_DIMENSIONS", "-1"],
    ["TELEGRAM_BOT_TOKEN", "not-a-token"],
    ["LOG_LEVEL", "verbose"],
    ["DATABASE_URL", "mysql://localhost/test"],
    ["DATABASE_URL", "localhost:5432"],
    ["REDIS_URL", "localhost:6379"],
    ["REDIS_URL", "http://localhost:6379"],
    ["REDIS_KEY_PREFIX", "has space"],
    ["DATABASE_POOL_SIZE", "0"],
    ["OUTBOX_LEASE_SECONDS", "0"],
    ["OUTBOX_LEASE_SECONDS", "1.5"],
    ["OUTBOX_LEASE_SECONDS", "86400"],
    ["UPDATE_CLAIM_SECONDS", "0"],
    ["UPDATE_CLAIM_SECONDS", "2.5"],
    ["UPDATE_CLAIM_SECONDS", "86400"],
    ["FOLLOW_UP_WINDOW_MINUTES", "-1"],
    ["FOLLOW_UP_WINDOW_MINUTES", "2.5"],
    ["FOLLOW_UP_WINDOW_MINUTES", "ten"],
    ["FOLLOW_UP_WINDOW_MINUTES", "1441"],
    ["QUESTION_LOG_RETENTION_DAYS", "0"],
    ["QUESTION_LOG_RETENTION_DAYS", "half a year"],
    ["QUESTION_LOG_SALT", "short"],
  ])("%s=%j", (name, value) => {
    const err = configError({ [name]: value });
    expect(err.message).toContain(name);
    // One line per problem; it does not name variables that are fine.
    expect(err.message).not.toContain("DATA_DIR");
  });

  it("a bad DATABASE_URL is named without echoing the password in it", () => {
    const err = configError({ DATABASE_URL: "mysql://bot:topsecret@db/karamay" });
    expect(err.message).toContain("DATABASE_URL");
    expect(err.message).not.toContain("topsecret");
  });

  it("several bad values are all named in one error", () => {
    const err = configError({ STAFF_CHAT_ID: "x", RATE_LIMIT_PER_MINUTE: "0", TELEGRAM_API_ROOT: "nope" });
    for (const name of ["STAFF_CHAT_ID", "RATE_LIMIT_PER_MINUTE", "TELEGRAM_API_ROOT"]) expect(err.message).toContain(name);
  });
});

describe("empty strings count as unset", () => {
  it.each([
    ["DATA_DIR", (c: ReturnType<typeof load>) => c.dataDir, "./data"],
    ["CORPUS_DIR", (c: ReturnType<typeof load>) => c.corpusDir, "./corpus"],
    ["CORPUS_WATCH", (c: ReturnType<typeof load>) => c.corpusWatch, true],
    ["TELEGRAM_BOT_TOKEN", (c: ReturnType<typeof load>) => c.telegram.token, null],
    ["TELEGRAM_API_ROOT", (c: ReturnType<typeof load>) => c.telegram.apiRoot, "https://api.telegram.org"],
    ["STAFF_CHAT_ID", (c: ReturnType<typeof load>) => c.telegram.staffChatId, null],
    ["STAFF_USER_IDS", (c: ReturnType<typeof load>) => c.telegram.staffUserIds, []],
    ["RATE_LIMIT_PER_MINUTE", (c: ReturnType<typeof load>) => c.telegram.rateLimitPerMinute, 20],
    ["LLM_MODEL", (c: ReturnType<typeof load>) => c.llm.model, null],
    ["LLM_TIMEOUT_MS", (c: ReturnType<typeof load>) => c.llm.timeoutMs, 20000],
    ["EMBEDDINGS_DIMENSIONS", (c: ReturnType<typeof load>) => c.embeddings.dimensions, null],
    ["LOG_LEVEL", (c: ReturnType<typeof load>) => c.logLevel, "info"],
    ["DATABASE_URL", (c: ReturnType<typeof load>) => c.database.url, null],
    ["REDIS_URL", (c: ReturnType<typeof load>) => c.redis.url, null],
    ["DATABASE_POOL_SIZE", (c: ReturnType<typeof load>) => c.database.poolSize, 10],
    ["OUTBOX_LEASE_SECONDS", (c: ReturnType<typeof load>) => c.outboxLeaseMs, 300_000],
    ["UPDATE_CLAIM_SECONDS", (c: ReturnType<typeof load>) => c.updateClaimMs, 60_000],
    ["FOLLOW_UP_WINDOW_MINUTES", (c: ReturnType<typeof load>) => c.followUpWindowMinutes, 10],
  ] as const)("%s", (name, pick, expected) => {
    expect(pick(load({ [name]: "" }))).toEqual(expected);
    expect(pick(load({ [name]: "   " }))).toEqual(expected);
  });

  it("a blank LLM_API_KEY does not become the embeddings key", () => {
    expect(load({ LLM_API_KEY: "" }).embeddings.apiKey).toBeNull();
  });
});

describe("dotenvFile: false", () => {
  it("does not touch the environment object it is given", () => {
    const env = { DATA_DIR: "/x" };
    load(env);
    expect(env).toEqual({ DATA_DIR: "/x" });
  });
});
