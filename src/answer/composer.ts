import type { Config } from "../config.js";
import type { AnswerComposer } from "./ask.js";

/** The LLM composer when LLM_MODEL is set; loaded lazily so the offline default never touches the openai client. */
export async function createLlmComposerIfConfigured(config: Config, log: (m: string) => void): Promise<AnswerComposer | undefined> {
  if (!config.llm.model) return undefined;
  const { createLlmComposer } = await import("./llm-composer.js");
  const proxy = config.llm.proxy ? await (await import("../proxy.js")).fetchThroughProxy(config.llm.proxy) : undefined;
  return createLlmComposer(config, { log, ...(proxy ? { proxy } : {}) });
}
