/**
 * The real bot (runBot: createBot, @grammyjs/runner, the Telegram link, auto-retry, the outbox)
 * in this process against the fake Bot API, with the engine built once per file and real stores
 * on fresh storage per bot (a data folder, and with PostgreSQL a schema: pass the backend to
 * create/open; start({ app: true }) opens the whole composition on it, as npm start does).
 * Assertions are on what the fake server recorded and what was logged.
 *
 *   const h = await BotHarness.create("my-test-");          // or BotHarness.open(engine)
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
import { openServedEngine, type EngineText } from "../../src/answer/open-engine.js";
import { openApp, type App, type LivePolicy } from "../../src/compose.js";
import type { Clock } from "../../src/clock.js";
import type { BotDeps } from "../../src/bot/create-bot.js";
import type { BotLogger } from "../../src/bot/logger.js";
import { runBot, type RunningBot } from "../../src/bot/run.js";
import { loadConfig, type Config } from "../../src/config.js";
import { ConversationService } from "../../src/conversation/service.js";
import type { HandoffService } from "../../src/handoff/service.js";
import { FakeTelegram, type FakeTelegramOptions, type RecordedCall, type SentMessage } from "./fake-telegram.js";
import { sqliteBackend, type TestBackend, type TestStorage } from "./store-backends.js";

// How long a bot's store waits for a lock another connection holds (the delivery loop's, a second instance's): long enough
// that a loaded machine's slow transaction is waited out, not turned into a store fault. Fault tests set their own short waits.
const LOCK_WAIT_MS = 2_000;

export const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
export const STAFF_CHAT = -1009001;
export const STAFF_A = { userId: 777, firstName: "王五" };
export const STAFF_B = { userId: 778, firstName: "赵六" };
/** The staff member listed in STAFF_USER_IDS. */
export const STAFF = STAFF_A;
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
  /** Replaces the default service on the storage (e.g. one over a faulty store). */
  handoff?: HandoffService;
  /** Replaces the default conversation service on the storage (its window from FOLLOW_UP_WINDOW_MINUTES). */
  conversation?: ConversationService;
  clock?: Clock;
  link?: BotDeps["link"];
  /** Ask getMe at start-up instead of passing the fake's bot info. */
  askGetMe?: boolean;
  deliveryIntervalMs?: number;
  /** The whole composition as npm start wires it (FAQ in front of the engine, the question log), FAQ approvals looked at on every question. */
  app?: boolean;
  /** The whole composition on this live policy, as npm start wires it: the bot offers /reindex and reports reloads (implies app). */
  live?: LivePolicy;
  /** The policy reload the bot offers (/reindex) and reports to the staff chat. */
  reload?: BotDeps["reload"];
}

export class BotHarness {
  readonly logs: LogEntry[] = [];
  readonly logger: BotLogger;
  bot: RunningBot | undefined;
  handoff!: HandoffService;
  conversation!: ConversationService;
  /** Set by start({ app: true }). */
  app: App | undefined;
  dataDir = "";
  /** Where the current bot's stores live; made by start() after fresh(). */
  storage: TestStorage | undefined;
  private freshDir: string | undefined;
  private readonly spent: TestStorage[] = [];

  private constructor(
    readonly tg: FakeTelegram,
    readonly engine: PolicyEngine,
    /** The engine's text analysis, for the FAQ (create() only). */
    readonly text: EngineText | null,
    readonly tmpRoot: string,
    readonly backend: TestBackend,
  ) {
    const at = (level: LogEntry["level"]) => (message: string, meta?: Record<string, unknown>) => this.logs.push({ level, message, ...(meta ? { meta } : {}) });
    this.logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  }

  /** The fake server around an engine the test file opened; the stores on `backend` (SQLite by default). */
  static async open(engine: PolicyEngine, tg: FakeTelegramOptions = {}, backend: TestBackend = sqliteBackend): Promise<BotHarness> {
    return new BotHarness(await FakeTelegram.start(tg), engine, null, fs.mkdtempSync(path.join(os.tmpdir(), "bot-harness-")), backend);
  }

  /** The fake server and the real engine, built once into a temp folder (call in beforeAll); tickets on `backend`. */
  static async create(prefix: string, backend: TestBackend = sqliteBackend): Promise<BotHarness> {
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const { engine, text } = await openServedEngine(loadConfig({ DATA_DIR: path.join(tmpRoot, "engine"), CORPUS_DIR }, { dotenvFile: false }));
    return new BotHarness(await FakeTelegram.start(), engine, text, tmpRoot, backend);
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
        // The stores of the current storage: PostgreSQL in the test's schema, when that is the backend.
        ...(this.storage?.env.DATABASE_URL ? { DATABASE_URL: this.storage.env.DATABASE_URL } : {}),
        ...env,
      },
      { dotenvFile: false },
    );
  }

  /** A new empty data folder (or `dir`; with PostgreSQL also a schema, made by the next start()) and no log lines. */
  fresh(dir?: string): string {
    this.dataDir = dir ?? fs.mkdtempSync(path.join(this.tmpRoot, "data-"));
    this.freshDir = this.dataDir;
    this.logs.length = 0;
    return this.dataDir;
  }

  /** The stores' storage for the current data folder, made on first use after fresh(). */
  async currentStorage(): Promise<TestStorage> {
    if (this.freshDir !== undefined) {
      // A stopped bot's storage is done with: its schema goes back to the pool for the next test.
      if (this.storage && !this.bot && !this.app) await this.storage.destroy();
      else if (this.storage) this.spent.push(this.storage);
      this.storage = await this.backend.create(this.freshDir);
      this.freshDir = undefined;
    }
    if (!this.storage) throw new Error("call fresh() before start()");
    return this.storage;
  }

  /** Start the bot on the current data folder (and schema). */
  async start(o: StartOptions = {}): Promise<RunningBot> {
    const storage = await this.currentStorage();
    const config = this.config(o.env);
    const warn = (m: string, meta?: Record<string, unknown>) => this.logger.warn(m, meta);
    const common = {
      logger: this.logger,
      ...(o.askGetMe ? {} : { botInfo: this.tg.botInfo }),
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.link ? { link: o.link } : {}),
      ...(o.reload ? { reload: o.reload } : {}),
    };
    const options = { handleSignals: false, deliveryIntervalMs: o.deliveryIntervalMs ?? 250, pollTimeoutSeconds: 5 };
    const now = o.clock ? () => o.clock!.now() : undefined;
    if (o.app || o.live) {
      if (!o.live && !this.text) throw new Error("start({ app: true }) needs a harness made by BotHarness.create()");
      const policy = o.live ? { live: o.live } : { engine: o.engine ?? this.engine, text: this.text! };
      // As npm start opens it: the config's DATA_DIR, or DATABASE_URL (the test's schema) with PostgreSQL.
      this.app = await openApp({ config, ...policy, log: this.logger, faqRefreshMs: 0, lockWaitMs: LOCK_WAIT_MS, ...(o.handoff ? { handoff: o.handoff } : {}), ...(now ? { now } : {}) });
      const { engine, handoff, conversation, faq, library, questionLog, reload } = this.app;
      this.handoff = handoff;
      this.conversation = conversation;
      this.bot = await runBot(config, { ...common, engine, handoff, conversation, faq, library, questionLog, ...(reload ? { reload } : {}) }, options);
      return this.bot;
    }
    this.handoff = o.handoff ?? (await storage.openService({ staffChatId: config.telegram.staffChatId, lockWaitMs: LOCK_WAIT_MS, onWarning: warn }));
    this.conversation =
      o.conversation ??
      new ConversationService(await storage.openConversationStore(), { windowMs: config.followUpWindowMinutes * 60_000, ...(now ? { now } : {}), onWarning: warn });
    const deps: BotDeps = { ...common, engine: o.engine ?? this.engine, handoff: this.handoff, conversation: this.conversation };
    this.bot = await runBot(config, deps, options);
    return this.bot;
  }

  /** A bot on a fresh data folder (stops the previous one); logs and the fake's records start empty. */
  async startBot(o: StartOptions = {}): Promise<RunningBot> {
    await this.stopBot();
    this.tg.reset();
    this.fresh();
    return this.start(o);
  }

  async stopBot(): Promise<void> {
    await this.bot?.stop();
    this.bot = undefined;
    await this.app?.close();
    this.app = undefined;
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

export const has = (s: string) => (m: SentMessage) => m.plain_text.includes(s);
export const isSend = (c: RecordedCall) => c.method.toLowerCase() === "sendmessage";
export const isEdit = (c: RecordedCall) => c.method.toLowerCase() === "editmessagetext";
export const isAnswerCb = (c: RecordedCall) => c.method.toLowerCase() === "answercallbackquery";
export const buttonData = (m: SentMessage): string[] =>
  ((m.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data)
    .filter((d): d is string => typeof d === "string");
