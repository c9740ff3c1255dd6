import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { PolicyEngine } from "../answer/engine.js";
import type { HandoffService } from "../handoff/service.js";
import type { DeliveryLoop } from "./delivery.js";
import type { BotLogger } from "./logger.js";
import type { QuestionMemory } from "./question-memory.js";

/** What the feature composers share. */
export interface BotServices {
  config: Config;
  engine: PolicyEngine;
  handoff: HandoffService;
  logger: BotLogger;
  memory: QuestionMemory;
  delivery: DeliveryLoop;
  clock: Clock;
}
