/**
 * The real bot (runBot: createBot, @grammyjs/runner, auto-retry, delivery loop) in this process
 * against the fake Bot API, with the real engine built once per file into a temp DATA_DIR and a
 * HandoffService on fresh storage per bot (a folder, and with PostgreSQL a schema). What tests
 * assert is what the fake server recorded.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import type { BotLogger } from "../../src/bot/logger.js";
import { runBot, type RunningBot } from "../../src/bot/run.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { HandoffService } from "../../src/handoff/service.js";
import { FakeTelegram, type RecordedCall, type SentMessage } from "./fake-telegram.js";
import { sqliteBackend, type HandoffBackend, type HandoffStorage } from "./handoff-backends.js";

export const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
export const STAFF_CHAT = -1009001;
export const STAFF_A = { userId: 777, firstName: "王五" };
export const STAFF_B = { userId: 778, firstName: "赵六" };
export const ASKER = 1001;

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  meta?: Record<string, unknown>;
}

export const has = (s: string) => (m: SentMessage) => m.plain_text.includes(s);
export const isSend = (c: RecordedCall) => c.method.toLowerCase() === "sendmessage";
export const isEdit = (c: RecordedCall) => c.method.toLowerCase() === "editmessagetext";
export const isAnswerCb = (c: RecordedCall) => c.method.toLowerCase() === "answercallbackquery";
export const buttonData = (m: SentMessage): string[] =>
  ((m.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data)
    .filter((d): d is string => typeof d === "string");

export class BotHarness {
  logs: LogEntry[] = [];
  bot: RunningBot | undefined;
  handoff!: HandoffService;
  dataDir = "";
  /** Where the current bot's tickets live; created by start() after fresh(). */
  storage: HandoffStorage | undefined;
  private freshDir: string | undefined;
  private readonly spent: HandoffStorage[] = [];

  readonly logger: BotLogger = {
    debug: (message, meta) => this.log("debug", message, meta),
    info: (message, meta) => this.log("info", message, meta),
    warn: (message, meta) => this.log("warn", message, meta),
    error: (message, meta) => this.log("error", message, meta),
  };

  private constructor(
    readonly tg: FakeTelegram,
    readonly engine: PolicyEngine,
    readonly tmpRoot: string,
    readonly backend: HandoffBackend,
  ) {}

  /** Start the fake server and build the engine once (call in beforeAll); tickets on `backend` (SQLite by default). */
  static async create(prefix: string, backend: HandoffBackend = sqliteBackend): Promise<BotHarness> {
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const tg = await FakeTelegram.start();
    const engine = await openEngine(loadConfig({ DATA_DIR: path.join(tmpRoot, "engine"), CORPUS_DIR }, { dotenvFile: false }));
    return new BotHarness(tg, engine, tmpRoot, backend);
  }

  private log(level: LogEntry["level"], message: string, meta?: Record<string, unknown>): void {
    this.logs.push({ level, message, ...(meta ? { meta } : {}) });
  }

  config(env: Record<string, string> = {}): Config {
    return loadConfig(
      {
        DATA_DIR: this.dataDir,
        CORPUS_DIR,
        TELEGRAM_BOT_TOKEN: this.tg.token,
        TELEGRAM_API_ROOT: this.tg.apiRoot,
        STAFF_CHAT_ID: String(STAFF_CHAT),
        STAFF_USER_IDS: String(STAFF_A.userId),
        RATE_LIMIT_PER_MINUTE: "1000",
        ...env,
      },
      { dotenvFile: false },
    );
  }

  /** A new empty data folder (and, with PostgreSQL, schema: made by the next start()) and no log lines. */
  fresh(dir?: string): string {
    this.dataDir = dir ?? fs.mkdtempSync(path.join(this.tmpRoot, "data-"));
    this.freshDir = this.dataDir;
    this.logs = [];
    return this.dataDir;
  }

  /** The storage of the current data folder, made on first use after fresh(). */
  async currentStorage(): Promise<HandoffStorage> {
    if (this.freshDir !== undefined) {
      if (this.storage) this.spent.push(this.storage);
      this.storage = await this.backend.create(this.freshDir);
      this.freshDir = undefined;
    }
    if (!this.storage) throw new Error("call fresh() before start()");
    return this.storage;
  }

  /** Start the bot on the current storage; `handoff` replaces the default service (e.g. on a faulty store). */
  async start({ env = {}, handoff, deliveryIntervalMs = 250 }: { env?: Record<string, string>; handoff?: HandoffService; deliveryIntervalMs?: number } = {}): Promise<RunningBot> {
    const storage = await this.currentStorage();
    this.handoff =
      handoff ?? (await storage.openService({ staffChatId: String(STAFF_CHAT), lockWaitMs: 300, onWarning: (m, meta) => this.logger.warn(m, meta) }));
    this.bot = await runBot(this.config(env), { engine: this.engine, handoff: this.handoff, botInfo: this.tg.botInfo, logger: this.logger }, {
      handleSignals: false,
      deliveryIntervalMs,
      pollTimeoutSeconds: 5,
    });
    return this.bot;
  }

  async stopBot(): Promise<void> {
    await this.bot?.stop();
    this.bot = undefined;
  }

  async close(): Promise<void> {
    await this.stopBot();
    await this.tg.stop();
    for (const storage of [...this.spent.splice(0), ...(this.storage ? [this.storage] : [])]) await storage.destroy();
    this.storage = undefined;
    fs.rmSync(this.tmpRoot, { recursive: true, force: true });
  }

  errors(): LogEntry[] {
    return this.logs.filter((l) => l.level === "error");
  }

  /** Calls the fake server refused (Telegram would have too), other than polling conflicts. */
  refusedCalls(): RecordedCall[] {
    return this.tg.calls.filter((c) => !c.ok && c.method.toLowerCase() !== "getupdates");
  }

  /** Messages the bot sent to a chat whose visible text contains `text`. */
  count(chatId: number, text: string): number {
    return this.tg.sentMessages(chatId).filter(has(text)).length;
  }

  /** An unanswerable question → the ticket notice for the asker and the card in the staff chat. */
  async openTicketVia(chatId: number, text = "市住建局的电话是多少"): Promise<{ card: SentMessage; id: number }> {
    this.tg.sendText({ chatId, text });
    const opened = await this.tg.waitForMessage(chatId, has("已为您创建工单"));
    const id = Number(/#(\d+)/.exec(opened.plain_text)?.[1]);
    const card = await this.tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.startsWith(`工单 #${id}\n`));
    return { card, id };
  }
}
