import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { PolicyEngine } from "../answer/engine.js";
import type { ConversationService } from "../conversation/service.js";
import type { FaqLibrary } from "../faq/library.js";
import type { FaqService } from "../faq/service.js";
import type { HandoffService } from "../handoff/service.js";
import type { QuestionLog } from "../question-log/service.js";
import type { ReloadControl } from "../reload/reloader.js";
import type { DeliveryLoop } from "./delivery.js";
import type { BotLogger } from "./logger.js";

/** What the feature composers share. */
export interface BotServices {
  config: Config;
  engine: PolicyEngine;
  handoff: HandoffService;
  /** FAQ review from the staff chat; absent when the FAQ is not wired (some tests). */
  faq: FaqService | null;
  /** The served FAQ entries, refreshed at once after a review made here. */
  library: FaqLibrary | null;
  /** Every question and its 👍/👎; absent: nothing is logged. */
  questionLog: QuestionLog | null;
  logger: BotLogger;
  /** Each chat's recent turns: follow-ups, clarify offers, the question behind a 转人工 button. */
  conversation: ConversationService;
  delivery: DeliveryLoop;
  clock: Clock;
  /** The running process's policy reload: /reindex, and reports for the staff chat. Absent when the process cannot reload (tests, or an engine opened without a reloader). */
  reload?: ReloadControl;
}
