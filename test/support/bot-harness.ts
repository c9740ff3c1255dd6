/**
 * The real bot (runBot: createBot, @grammyjs/runner, the Telegram link, auto-retry) against the
 * fake Telegram server, with a real HandoffService in a fresh directory per bot and the engine
 * a test file opened once. Assertions are on what the fake server recorded and what was logged.
 *
 *   const h = await BotHarness.open(engine);
 *   await h.startBot({ env: { RATE_LIMIT_PER_MINUTE: "2" }, clock });
 *   h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
 *   await h.tg.waitForMessage(ASKER, has("第11条"));
 *   await h.stopBot(); … await h.close();
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PolicyEngine } from "../../src/answer/engine.js";
import type { Clock } from "../../src/clock.js";
import type { BotDeps } from "../../src/bot/create-bot.js";
import type { BotLogger } from "../../src/bot/logger.js";
import { runBot, type RunningBot } from "../../src/bot/run.js";
import { loadConfig, type Config } from "../../src/config.js";
import { HandoffService } from "../../src/handoff/service.js";
import { FakeTelegram, type FakeTelegramOptions, type RecordedCall, type SentMessage } from "./fake-telegram.js";

export const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
export const STAFF_CHAT = -1009001;
export const STAFF = { userId: 777, firstName: "王五" };
export const ASKER = 1001;

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  meta?: Record<string, unknown>;
}

export interface StartOptions {
  /** Variables over the defaults (token, API root, staff chat and user, a high rate limit); "" unsets one. */
  env?: Record<string, string>;
  engine?: PolicyEngine;
  clock?: Clock;
  link?: BotDeps["link"];
  /** Ask getMe at start-up instead of passing the fake's bot info. */
  askGetMe?: boolean;
}

export class BotHarness {
  readonly logs: LogEntry[] = [];
  readonly logger: BotLogger;
  bot: RunningBot | undefined;
  handoff!: HandoffService;
  dataDir = "";

  private constructor(
    readonly tg: FakeTelegram,
    private readonly engine: PolicyEngine,
    private readonly tmp: string,
  ) {
    const at = (level: LogEntry["level"]) => (message: string, meta?: Record<string, unknown>) => this.logs.push({ level, message, ...(meta ? { meta } : {}) });
    this.logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  }

  static async open(engine: PolicyEngine, tg: FakeTelegramOptions = {}): Promise<BotHarness> {
    return new BotHarness(await FakeTelegram.start(tg), engine, fs.mkdtempSync(path.join(os.tmpdir(), "bot-harness-")));
  }

  config(env: Record<string, string> = {}): Config {
    return loadConfig(
      {
        DATA_DIR: this.dataDir,
        CORPUS_DIR,
        TELEGRAM_BOT_TOKEN: this.tg.token,
        TELEGRAM_API_ROOT: this.tg.apiRoot,
        STAFF_CHAT_ID: String(STAFF_CHAT),
        STAFF_USER_IDS: String(STAFF.userId),
        RATE_LIMIT_PER_MINUTE: "1000",
        ...env,
      },
      { dotenvFile: false },
    );
  }

  /** A bot on a fresh data directory (stops the previous one); logs and the fake's records start empty. */
  async startBot(o: StartOptions = {}): Promise<RunningBot> {
    await this.stopBot();
    this.tg.reset();
    this.logs.length = 0;
    this.dataDir = fs.mkdtempSync(path.join(this.tmp, "data-"));
    const config = this.config(o.env);
    this.handoff = await HandoffService.open({ dataDir: this.dataDir, staffChatId: config.telegram.staffChatId });
    const deps: BotDeps = {
      engine: o.engine ?? this.engine,
      handoff: this.handoff,
      logger: this.logger,
      ...(o.askGetMe ? {} : { botInfo: this.tg.botInfo }),
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.link ? { link: o.link } : {}),
    };
    this.bot = await runBot(config, deps, { handleSignals: false, deliveryIntervalMs: 250, pollTimeoutSeconds: 5 });
    return this.bot;
  }

  async stopBot(): Promise<void> {
    await this.bot?.stop();
    this.bot = undefined;
  }

  async close(): Promise<void> {
    await this.stopBot();
    await this.tg.stop();
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }

  logged(level: LogEntry["level"]): string[] {
    return this.logs.filter((l) => l.level === level).map((l) => l.message);
  }

  /** Every log line as one text, metadata included (to check what never appears in it). */
  logText(): string {
    return this.logs.map((l) => `${l.level} ${l.message} ${l.meta ? JSON.stringify(l.meta) : ""}`).join("\n");
  }

  /** Calls the fake server refused (Telegram would have too), other than polling conflicts. */
  refusedCalls(): RecordedCall[] {
    return this.tg.calls.filter((c) => !c.ok && c.method.toLowerCase() !== "getupdates");
  }
}

export const has = (s: string) => (m: SentMessage) => m.plain_text.includes(s);
export const isSend = (c: RecordedCall) => c.method.toLowerCase() === "sendmessage";
export const isAnswerCb = (c: RecordedCall) => c.method.toLowerCase() === "answercallbackquery";
export const buttonData = (m: SentMessage): string[] =>
  ((m.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data)
    .filter((d): d is string => typeof d === "string");
