import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { PolicyEngine } from "../answer/engine.js";
import type { ConversationService } from "../conversation/service.js";
import type { HandoffService } from "../handoff/service.js";
import type { DeliveryLoop } from "./delivery.js";
import type { BotLogger } from "./logger.js";

/** What the feature composers share. */
export interface BotServices {
  config: Config;
  engine: PolicyEngine;
  handoff: HandoffService;
  logger: BotLogger;
  /** Each chat's recent turns: follow-ups, clarify offers, the question behind a 转人工 button. */
  conversation: ConversationService;
  delivery: DeliveryLoop;
  clock: Clock;
}
