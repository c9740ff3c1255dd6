import type { PolicyEngine } from "../answer/engine.js";
import type { BotLogger } from "../bot/logger.js";
import type { PolicyBot } from "../bot/create-bot.js";
import type { Clock } from "../clock.js";
import type { App } from "../compose.js";
import type { Config } from "../config.js";
import type { HandoffService } from "../handoff/service.js";
import type { QuestionLog } from "../question-log/service.js";
import type { RequestLimiter } from "./api/limiter.js";
import type { Manifest } from "../search/manifest.js";
import type { PrometheusMetrics } from "./prometheus.js";

/** Whether Telegram can be used now, for /readyz. */
export type CheckResult = { ok: true; [detail: string]: unknown } | { ok: false; reason: string; [detail: string]: unknown };

export interface TelegramStatus {
  check(): CheckResult;
}

/** What /readyz compares: the policy version this instance serves and the one last published (the store's record). */
export interface PolicyVersionStatus {
  served: string | null;
  published(): Promise<string | null>;
}

/** What the HTTP server calls: the same engine and handoff service as the bot and the terminal chat. */
export interface ServerDeps {
  config: Config;
  /** The engine once the index is loaded; null while it loads (the server is up before). */
  engine: () => PolicyEngine | null;
  /** The manifest of the index the engine answers from (after a reload, the new one); null when not known (a fixed engine). */
  index?: () => Manifest | null;
  /** The served and published policy versions, once the app is composed; null before (and for a fixed engine). */
  policyVersion?: () => PolicyVersionStatus | null;
  /** How long the served version may differ from the published one (a reload under way) before /readyz says not ready. */
  publishedGraceMs?: number;
  /** Where every question asked over HTTP is logged (best effort), once the stores are open; null: not logged. */
  questionLog?: () => QuestionLog | null;
  handoff: HandoffService;
  /** The whole composition once open (the web console's accounts, FAQ, question log, policy); null while the index loads or without one. */
  app?: () => App | null;
  logger: BotLogger;
  /** /metrics serves it; null: no /metrics route. Domain code sees it only as the Metrics interface. */
  metrics: PrometheusMetrics | null;
  /** Null when no bot token is set (Telegram is then not part of readiness). */
  telegram: TelegramStatus | null;
  /** The bot, once created, in webhook mode; null otherwise (POST /telegram/webhook then answers 503, or 404 without webhook mode). */
  webhookBot: () => PolicyBot | null;
  /** Told after the API queued messages (a new ticket's card, follow-ups), so they go out at once. */
  kickDeliveries?: () => void;
  limiter?: RequestLimiter;
  clock?: Clock;
  /** Where the chat page's files are (default: the program's own web/, wherever it runs from). */
  webDir?: string;
  /** Version for the OpenAPI document. */
  version?: string;
}
