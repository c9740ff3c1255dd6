import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigSchema, loadConfig } from "../src/config.js";
import { FakeOpenAI } from "./support/fake-openai.js";
import { FakeTelegram } from "./support/fake-telegram.js";
import { ConnectProxy } from "./support/counting-proxies.js";
import { closedPort } from "./support/flaky-proxy.js";
import { DIST_MAIN, REPO_ROOT, distScript, runCommand } from "./support/run-command.js";

// A developer's .env that points everywhere a run could go online (here: at fakes that count every request).
// Tests run with every config variable set to "", so neither the vitest process nor a spawned CLI reads it.
const SPAWN_TIMEOUT = 90_000;
const CONFIG_KEYS = Object.keys(ConfigSchema.shape);

let dir: string;
let envFile: string;
let tg: FakeTelegram;
let ai: FakeOpenAI;
let proxy: ConnectProxy;
let online: Record<string, string>;

/** Where the repository's corpus and prompts are, since the CLIs run from the temporary folder. */
const paths = (data: string) => ({ DATA_DIR: path.join(dir, data), CORPUS_DIR: path.join(REPO_ROOT, "corpus"), PROMPTS_DIR: path.join(REPO_ROOT, "prompts") });

beforeAll(async () => {
  [tg, ai, proxy] = await Promise.all([FakeTelegram.start(), FakeOpenAI.start(), ConnectProxy.start()]);
  const port = await closedPort();
  dir = mkdtempSync(path.join(tmpdir(), "kpb-dotenv-"));
  envFile = path.join(dir, ".env");
  online = {
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_PROXY: proxy.url,
    // Server mode with a webhook: npm start would listen and register it with Telegram.
    HTTP_PORT: String(port),
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: "webhook-secret-from-dotenv",
    STAFF_CHAT_ID: "-1001",
    STAFF_USER_IDS: "7",
    RATE_LIMIT_PER_MINUTE: "3",
    LLM_BASE_URL: ai.baseURL,
    LLM_API_KEY: "sk-from-dotenv",
    LLM_MODEL: "fake-chat",
    LLM_TIMEOUT_MS: "1234",
    LLM_PROXY: proxy.url,
    EMBEDDINGS_BASE_URL: ai.baseURL,
    EMBEDDINGS_API_KEY: "sk-from-dotenv",
    EMBEDDINGS_MODEL: "fake-embedding",
    EMBEDDINGS_DIMENSIONS: "64",
    LOG_LEVEL: "debug",
  };
  writeFileSync(envFile, Object.entries(online).map(([k, v]) => `${k}=${v}\n`).join(""));
});
afterAll(async () => {
  await Promise.all([tg.stop(), ai.stop(), proxy.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe("the vitest process", () => {
  it("has every config variable set to blank, so loadConfig takes nothing from a .env", () => {
    for (const key of CONFIG_KEYS) expect(process.env[key], key).toBe("");
    // The file is read when the variables are absent: this check could fail.
    const fromFile = loadConfig({}, { dotenvFile: envFile });
    expect(fromFile.telegram.token).toBe(tg.token);
    expect(fromFile.llm.model).toBe("fake-chat");
    expect(fromFile.embeddings.model).toBe("fake-embedding");
    // With the test environment, the same file changes nothing: the offline defaults, key for key.
    expect(loadConfig({ ...process.env }, { dotenvFile: envFile })).toEqual(loadConfig({}, { dotenvFile: false }));
  });

  it("the .env above sets every variable that leads to a network endpoint", () => {
    const network = CONFIG_KEYS.filter((k) => /^(TELEGRAM|STAFF|LLM|EMBEDDINGS)_/.test(k));
    expect(network.length).toBeGreaterThan(0);
    for (const key of network) expect(Object.keys(online), key).toContain(key);
  });
});

describe("a CLI started in a folder whose .env points online", () => {
  it(
    "control: with those variables absent it does go online (index via the embeddings endpoint, then the Telegram bot)",
    async () => {
      const absent = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CONFIG_KEYS.includes(k)));
      const child = spawn(process.execPath, [DIST_MAIN], { cwd: dir, env: { ...absent, ...paths("data-control") }, stdio: ["ignore", "pipe", "pipe"] });
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      try {
        // getMe is recorded when answered (a long poll only when it ends).
        await tg.waitFor((c) => c.method === "getMe", { timeoutMs: 60_000 });
        expect(ai.embeddingRequests().length).toBeGreaterThan(0);
        // Through the proxy the .env names.
        expect(proxy.tunnelsTo(new URL(tg.apiRoot).host)).toBeGreaterThan(0);
        expect(proxy.tunnelsTo(new URL(ai.baseURL).host)).toBeGreaterThan(0);
      } finally {
        child.kill("SIGTERM");
        await exited;
      }
    },
    SPAWN_TIMEOUT,
  );

  it(
    "npm start (dist/bin/main.cjs) with the test environment: terminal chat, no request to Telegram or the LLM",
    async () => {
      tg.reset();
      ai.reset();
      const r = await runCommand(process.execPath, [DIST_MAIN], { cwd: dir, env: paths("data"), input: "小微企业办电要几天\n" });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("第11条");
      expect(tg.calls).toHaveLength(0);
      expect(ai.requests).toHaveLength(0);
    },
    SPAWN_TIMEOUT,
  );

  it(
    "npm run ask with the test environment: the extractive answer, no request to the LLM",
    async () => {
      tg.reset();
      ai.reset();
      const r = await runCommand(process.execPath, [distScript("ask"), "--json", "小微企业办电要几天"], { cwd: dir, env: paths("data") });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ outcome: "answered", citations: [{ measure: 11 }] });
      expect(tg.calls).toHaveLength(0);
      expect(ai.requests).toHaveLength(0);
    },
    SPAWN_TIMEOUT,
  );
});
