import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigSchema, loadConfig, webhookSecretOf } from "../../src/config.js";
import { REPO_ROOT } from "../support/run-command.js";
import { redactorFor } from "../../src/redact.js";

// The server-mode variables: values read, mistakes named with what to do.
const load = (env: Record<string, string | undefined>) => loadConfig(env, { dotenvFile: false });
const TOKEN = "123456:ABC-def_789";
const KEY_A = "aaaaaaaaaaaaaaaaaaaaaaaa-1";
const KEY_B = "bbbbbbbbbbbbbbbbbbbbbbbb-2";

function problem(env: Record<string, string>): string {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("server mode settings", () => {
  it("reads every variable", () => {
    const c = load({
      TELEGRAM_BOT_TOKEN: TOKEN,
      HTTP_PORT: "8080",
      HTTP_HOST: "0.0.0.0",
      HTTP_TRUST_PROXY: "loopback, 10.0.0.0/8",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.gov.cn/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: "abcdefghijklmnop_QRST-0123",
      TELEGRAM_PROXY: "socks5://user:pass@127.0.0.1:1080",
      LLM_PROXY: "http://proxy.local:3128",
      API_KEYS: `wecom:${KEY_A}, site:${KEY_B}`,
      API_CALLBACKS: "wecom=https://wecom.example/karamay",
      API_RATE_LIMIT_PER_MINUTE: "120",
      CHAT_RATE_LIMIT_PER_MINUTE: "6",
      CHAT_SESSION_SECRET: "s".repeat(32),
      CHAT_EMBED_ORIGINS: "https://www.karamay.gov.cn https://zwfw.karamay.gov.cn",
    });
    expect(c.http).toEqual({ port: 8080, host: "0.0.0.0", trustProxy: ["loopback", "10.0.0.0/8"] });
    expect(c.telegram).toMatchObject({ webhookUrl: "https://bot.example.gov.cn/telegram/webhook", webhookSecret: "abcdefghijklmnop_QRST-0123", proxy: "socks5://user:pass@127.0.0.1:1080" });
    expect(c.llm.proxy).toBe("http://proxy.local:3128");
    expect(c.api).toEqual({
      keys: [
        { name: "wecom", key: KEY_A },
        { name: "site", key: KEY_B },
      ],
      callbacks: { wecom: "https://wecom.example/karamay" },
      rateLimitPerMinute: 120,
    });
    expect(c.chat).toEqual({ rateLimitPerMinute: 6, sessionSecret: "s".repeat(32), embedOrigins: ["https://www.karamay.gov.cn", "https://zwfw.karamay.gov.cn"] });
  });

  it("HTTP_TRUST_PROXY: true, false, or addresses", () => {
    expect(load({ HTTP_TRUST_PROXY: "true" }).http.trustProxy).toBe(true);
    expect(load({ HTTP_TRUST_PROXY: "false" }).http.trustProxy).toBe(false);
    expect(problem({ HTTP_TRUST_PROXY: "1" })).toContain("HTTP_TRUST_PROXY");
  });

  it.each([
    [{ HTTP_PORT: "70000" }, "HTTP_PORT"],
    [{ HTTP_PORT: "http" }, "HTTP_PORT"],
    [{ TELEGRAM_PROXY: "ftp://proxy:21" }, "TELEGRAM_PROXY"],
    [{ LLM_PROXY: "127.0.0.1:3128" }, "LLM_PROXY"],
    [{ TELEGRAM_WEBHOOK_SECRET: "short" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ TELEGRAM_WEBHOOK_SECRET: "has spaces in it, not allowed" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ API_KEYS: "wecom" }, "API_KEYS"],
    [{ API_KEYS: "wecom:short" }, "API_KEYS"],
    [{ API_KEYS: `web:${KEY_A}` }, "reserved"],
    [{ API_KEYS: `a:${KEY_A} a:${KEY_B}` }, "each name may appear once"],
    [{ API_KEYS: `a:${KEY_A} b:${KEY_A}` }, "each key may appear once"],
    [{ API_CALLBACKS: "wecom:https://x" }, "API_CALLBACKS"],
    [{ API_CALLBACKS: "wecom=https://x.example/cb" }, "wecom is not a caller in API_KEYS"],
    [{ CHAT_SESSION_SECRET: "too short" }, "CHAT_SESSION_SECRET"],
    [{ CHAT_EMBED_ORIGINS: "https://www.karamay.gov.cn/chat" }, "CHAT_EMBED_ORIGINS"],
  ] as Array<[Record<string, string>, string]>)("%j is refused, saying %s", (env, said) => {
    expect(problem(env)).toContain(said);
  });

  it("webhook mode needs the server and a token", () => {
    expect(problem({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example/telegram/webhook" })).toContain("set HTTP_PORT too");
    expect(problem({ HTTP_PORT: "8080", TELEGRAM_WEBHOOK_URL: "https://bot.example/telegram/webhook" })).toContain("set TELEGRAM_BOT_TOKEN too");
  });

  it("the webhook secret is derived from the token when not set, the same for every instance, and Telegram-valid", () => {
    const a = webhookSecretOf({ token: TOKEN, webhookSecret: null });
    expect(a).toBe(webhookSecretOf({ token: TOKEN, webhookSecret: null }));
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(a).not.toContain(TOKEN);
    expect(webhookSecretOf({ token: "654321:other-token", webhookSecret: null })).not.toBe(a);
    expect(webhookSecretOf({ token: TOKEN, webhookSecret: "explicit-secret-value-0123" })).toBe("explicit-secret-value-0123");
    expect(webhookSecretOf({ token: null, webhookSecret: null })).toBeNull();
  });

  it("API keys, the webhook secret and proxy passwords are masked in log lines", () => {
    const c = load({
      TELEGRAM_BOT_TOKEN: TOKEN,
      HTTP_PORT: "8080",
      TELEGRAM_WEBHOOK_URL: "https://bot.example/telegram/webhook",
      API_KEYS: `wecom:${KEY_A}`,
      TELEGRAM_PROXY: "http://bot:Pr0xyPassword@proxy.local:3128",
      LLM_PROXY: "socks5://llm:S0cksPassword@proxy.local:1080",
    });
    const redact = redactorFor(c);
    const line = `key ${KEY_A} secret ${webhookSecretOf(c.telegram)} via http://bot:Pr0xyPassword@proxy.local:3128 and socks5://llm:S0cksPassword@proxy.local:1080`;
    const out = redact(line);
    for (const secret of [KEY_A, webhookSecretOf(c.telegram)!, "Pr0xyPassword", "S0cksPassword"]) expect(out).not.toContain(secret);
    expect(out).toContain("proxy.local:3128");
  });
});

describe(".env.example", () => {
  it("documents every variable the configuration reads, and no other", () => {
    const documented = [...fs.readFileSync(`${REPO_ROOT}/.env.example`, "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(ConfigSchema.shape).sort());
  });
});
