/**
 * `npm start` with DATABASE_URL and REDIS_URL, as an instance behind a load balancer runs: the bot
 * process (compiled, as npm start runs it) against the fake Bot API keeps its tickets in
 * PostgreSQL (a schema of its own) and counts rate limits in Redis (a key prefix of its own). And a
 * PostgreSQL that cannot be reached at start-up stops it with what to do. Skipped (with the global
 * setup's notice) without PostgreSQL and Redis.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openEngine } from "../src/answer/open-engine.js";
import { loadConfig } from "../src/config.js";
import { PgHandoffStore } from "../src/handoff/pg-store.js";
import { CORPUS_DIR, STAFF_A, STAFF_CHAT } from "./support/bot-harness.js";
import { FakeTelegram, type SentMessage } from "./support/fake-telegram.js";
import { testPostgresUrl, testRedisUrl } from "./support/store-backends.js";
import { createTestSchema, type TestSchema } from "./support/pg-schema.js";
import { dropPrefix, testPrefix } from "./support/redis-prefix.js";
import { DIST_MAIN, REPO_ROOT, runCommand } from "./support/run-command.js";

const pgUrl = testPostgresUrl();
const redisUrl = testRedisUrl();
const ASKER = 3001;
const has = (s: string) => (m: SentMessage) => m.plain_text.includes(s);

describe.skipIf(!pgUrl || !redisUrl)("npm start with DATABASE_URL and REDIS_URL", { timeout: 120_000 }, () => {
  let tg: FakeTelegram;
  let tmp: string;
  let dataDir: string;
  let schema: TestSchema;
  const prefix = testPrefix();

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shared-services-"));
    dataDir = path.join(tmp, "data");
    tg = await FakeTelegram.start();
    schema = await createTestSchema(pgUrl!);
    await openEngine(loadConfig({ DATA_DIR: dataDir, CORPUS_DIR }, { dotenvFile: false }));
  }, 120_000);

  afterAll(async () => {
    await tg?.stop();
    await schema?.drop();
    await dropPrefix(redisUrl!, prefix);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("tickets go to PostgreSQL, the rate limit to Redis; a staff reply reaches the asker once", async () => {
    const child = spawn(process.execPath, [DIST_MAIN], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        STAFF_CHAT_ID: String(STAFF_CHAT),
        DATA_DIR: dataDir,
        CORPUS_DIR,
        DATABASE_URL: schema.urlWithSchema,
        REDIS_URL: redisUrl!,
        REDIS_KEY_PREFIX: prefix,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await Promise.race([
        tg.waitFor((c) => c.method === "setMyCommands" && JSON.stringify(c.params.scope ?? "").includes("chat"), { timeoutMs: 90_000 }),
        exited.then(() => Promise.reject(new Error(`bot exited before it was ready:\n${stderr}`))),
      ]);
      tg.sendText({ chatId: ASKER, text: "市住建局的电话是多少" });
      await tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      const card = await tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.startsWith("工单 #1\n"));

      const store = await PgHandoffStore.open({ url: pgUrl!, schema: schema.name });
      try {
        expect((await store.ticket(1))?.question).toBe("市住建局的电话是多少");
        // Stored once Telegram's answer to the card's sendMessage is back, a moment after the fake has recorded the card.
        await vi.waitFor(async () => expect(await store.cardOf(1)).toEqual({ chatId: String(STAFF_CHAT), messageId: card.message_id }), { timeout: 10_000 });
        tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "电话请见官网", replyToMessageId: card.message_id });
        await tg.waitForMessage(ASKER, has("电话请见官网"));
        await vi.waitFor(async () => expect((await store.deliveriesOfTicket(1)).every((d) => d.state === "delivered")).toBe(true), { timeout: 20_000 });
        expect((await store.ticket(1))?.status).toBe("answered");
      } finally {
        await store.close();
      }
      expect(tg.sentMessages(ASKER).filter(has("电话请见官网"))).toHaveLength(1);
      // The other stores are in the schema too: the staff reply's FAQ candidate, the logged question, the chat's turn.
      await vi.waitFor(
        async () =>
          expect(
            await schema.query(
              `SELECT (SELECT COUNT(*)::int FROM faq_entries WHERE ticket_id = 1) AS faq, (SELECT COUNT(*)::int FROM questions) AS questions,
                      (SELECT COUNT(*)::int FROM turns) AS turns, (SELECT COUNT(*)::int FROM question_log_salt) AS salts`,
            ),
          ).toEqual([{ faq: 1, questions: 1, turns: 1, salts: 1 }]),
        { timeout: 20_000 },
      );
      expect(fs.readdirSync(dataDir).filter((f) => f.endsWith(".sqlite"))).toEqual([]);

      const redis = new Redis(redisUrl!);
      try {
        expect(Number(await redis.get(`${prefix}rate:${ASKER}`))).toBe(1);
      } finally {
        redis.disconnect();
      }
      expect(tg.sentMessages(ASKER).filter(has("发送得太快"))).toEqual([]);
    } finally {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
    expect(stderr).toMatch(/shared state in Redis/);
  });

  it("a PostgreSQL that cannot be reached at start-up: exit 1, saying what to do", async () => {
    const run = await runCommand(process.execPath, [DIST_MAIN], {
      env: { DATA_DIR: dataDir, CORPUS_DIR, DATABASE_URL: "postgres://127.0.0.1:1/test" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: could not open the tickets database: tickets database \(PostgreSQL\): connect ECONNREFUSED 127\.0\.0\.1:1/m);
    expect(run.stderr).toMatch(/^what to do: the PostgreSQL server in DATABASE_URL cannot be reached/m);
  });
});
