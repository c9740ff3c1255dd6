import { HttpError } from "grammy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { consoleLogger, errorMeta } from "../src/bot/logger.js";
import { redactor, redactorFor } from "../src/redact.js";
import { loadConfig } from "../src/config.js";

const TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("secrets in log lines", () => {
  it("masks the configured token and keys, and anything shaped like a bot token", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: "123456:short-test-token", LLM_API_KEY: "sk-live-abcdef123456" }, { dotenvFile: false });
    const redact = redactorFor(config);
    expect(redact("GET http://127.0.0.1/bot123456:short-test-token/getMe with sk-live-abcdef123456")).toBe("GET http://127.0.0.1/bot<redacted>/getMe with <redacted>");
    expect(redact(`someone else's ${TOKEN}`)).toBe("someone else's <redacted>");
    expect(redactor([null, "", "abc"])("abc stays: too short to be a secret")).toBe("abc stays: too short to be a secret");
  });

  it("masks the passwords in DATABASE_URL and REDIS_URL", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://bot:pg-s3cret-pw@db:5432/karamay", REDIS_URL: "redis://:redis-s3cret@cache:6379" }, { dotenvFile: false });
    const redact = redactorFor(config);
    expect(redact("connect postgres://bot:pg-s3cret-pw@db:5432/karamay failed; redis-s3cret")).toBe("connect postgres://bot:<redacted>@db:5432/karamay failed; <redacted>");
  });

  it("keeps the token out of the bot's log even when an error carries the request URL", () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const logger = consoleLogger("info", redactor([TOKEN]));
    // grammY's HttpError wraps fetch's error, whose message names the URL with the token in it.
    const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed, reason: connect ECONNREFUSED`);
    const err = new HttpError(`Network request for 'getMe' failed! ${cause.message}`, cause);
    logger.error(`failed at https://api.telegram.org/bot${TOKEN}/getMe`, errorMeta(err));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain("ERROR [bot] failed at https://api.telegram.org/bot<redacted>/getMe");
    expect(written[0]).not.toContain(TOKEN);
    expect(written[0]).not.toContain(TOKEN.split(":")[1]);
  });
});
