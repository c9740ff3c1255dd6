import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { PolicyEngine } from "../answer/engine.js";
import type { HandoffService } from "../handoff/service.js";
import type { ReloadReason, ReloadReport } from "../reload/reloader.js";
import type { DeliveryLoop } from "./delivery.js";
import type { BotLogger } from "./logger.js";
import type { QuestionMemory } from "./question-memory.js";

/** The running process's policy reload (src/reload/reloader.ts): /reindex, and reports for the staff chat. */
export interface ReloadControl {
  reloadNow(reason: ReloadReason): Promise<ReloadReport>;
  onReport(listener: (report: ReloadReport) => void): () => void;
}

/** What the feature composers share. */
export interface BotServices {
  config: Config;
  engine: PolicyEngine;
  handoff: HandoffService;
  logger: BotLogger;
  memory: QuestionMemory;
  delivery: DeliveryLoop;
  clock: Clock;
  /** Absent when the process cannot reload (tests, or an engine opened without a reloader). */
  reload?: ReloadControl;
}
