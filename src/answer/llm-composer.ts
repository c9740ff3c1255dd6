import OpenAI, { type ClientOptions, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
// A namespace import: esbuild then leaves zod's 64 locales out of the bundle (dist/bin/).
import * as z from "zod";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { loadCorpus } from "../policy/corpus.js";
import { implicitAliases } from "../policy/departments.js";
import type { Measure } from "../policy/measure.js";
import type { ProxiedFetch } from "../proxy.js";
import { publicUrl, Reachability, type Backoff } from "../reachability.js";
import type { AnswerComposer } from "./ask.js";
import { checkReply, llmAnswer, notInPolicyAnswer, type ModelReply } from "./guard.js";
import { answerPrompt, loadPrompts, type Prompts } from "./prompts.js";
import type { Answer } from "./types.js";

/**
 * Rewrites the extractive answer with a model behind any OpenAI-compatible endpoint
 * (OpenAI, DeepSeek, Qwen/DashScope, Ollama, vLLM). Whatever goes wrong — timeout,
 * HTTP error, bad JSON, a reply the guard rejects — the user gets the extractive answer.
 */

export interface LlmComposerOptions {
  log?: (message: string) => void;
  /** Every way of writing a department → its full name; read from CORPUS_DIR when not given. */
  departmentNames?: Map<string, string>;
  /** Time for outage reports and the back-off (tests pass a manual clock). */
  clock?: Clock;
  backoff?: Backoff;
  /** LLM_PROXY: undici's fetch and its proxy dispatcher (fetchThroughProxy). */
  proxy?: ProxiedFetch;
}

/** Undefined when LLM_MODEL is not set. Throws only at start-up, e.g. when a prompt file is missing. */
export function createLlmComposer(config: Config, opts: LlmComposerOptions = {}): AnswerComposer | undefined {
  const model = config.llm.model;
  if (!model) return undefined;
  const log = opts.log ?? (() => {});
  const client = new OpenAI({
    baseURL: config.llm.baseURL,
    apiKey: config.llm.apiKey ?? "not-needed", // Ollama and vLLM take any key, but the client insists on one
    timeout: config.llm.timeoutMs,
    maxRetries: 1,
    ...(opts.proxy ? { fetch: opts.proxy.fetch, fetchOptions: opts.proxy.fetchOptions as ClientOptions["fetchOptions"] } : {}),
  });
  const departmentNames = opts.departmentNames ?? corpusDepartmentNames(config.corpusDir, log);
  const reachability = new Reachability({
    service: `the LLM endpoint at ${publicUrl(config.llm.baseURL)}${config.llm.proxy ? ` through the proxy ${publicUrl(config.llm.proxy)}` : ""}`,
    hint: "Answering with the extractive answers meanwhile; check LLM_BASE_URL and the network. Trying again with a growing back-off (at most 1 min).",
    log: { error: (m) => log(`llm: ${m}`), info: (m) => log(`llm: ${m}`) },
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
  });
  return new LlmComposer({ client, model, timeoutMs: config.llm.timeoutMs, prompts: loadPrompts(config.promptsDir), departmentNames, log, reachability });
}

interface ComposerDeps {
  client: OpenAI;
  model: string;
  timeoutMs: number;
  prompts: Prompts;
  departmentNames: Map<string, string>;
  log: (message: string) => void;
  reachability: Reachability;
}

class LlmComposer implements AnswerComposer {
  constructor(private readonly deps: ComposerDeps) {}

  async compose(question: string, retrieved: Measure[], extractive: Answer): Promise<Answer> {
    if (extractive.outcome !== "answered" || retrieved.length === 0) return extractive;
    // After a failure to reach the endpoint, wait out the back-off rather than make each asker wait for it.
    const { reachability } = this.deps;
    if (!reachability.mayTry()) return extractive;
    try {
      const prompt = answerPrompt(this.deps.prompts, question, retrieved);
      const content = await this.complete([
        { role: "system", content: prompt.system },
        { role: "user", content: prompt.user },
      ]);
      reachability.succeeded();
      const reply = parseReply(content);
      if (!reply.answerable) {
        this.deps.log("llm: the model found no answer in the measures; handing off");
        return notInPolicyAnswer(extractive);
      }
      const departmentNames = withMeasureNames(this.deps.departmentNames, retrieved);
      const verdict = checkReply(reply, { retrieved, departmentNames, systemPrompt: prompt.system });
      if (!verdict.ok) {
        this.deps.log(`llm: guard rejected the reply (${verdict.reason}); using the extractive answer`);
        return extractive;
      }
      return llmAnswer(reply.answer, verdict.cited, extractive);
    } catch (err) {
      // An outage is logged once, then every minute while it lasts; anything else for each question.
      if (isUnreachable(err)) reachability.failed(describeError(err, this.deps.timeoutMs));
      else {
        if (err instanceof APIError) reachability.succeeded();
        this.deps.log(`llm: ${describeError(err, this.deps.timeoutMs)}; using the extractive answer`);
      }
      return extractive;
    }
  }

  /** One deadline for the whole exchange, retries included: a user is waiting. */
  private async complete(messages: ChatCompletionMessageParam[]): Promise<string> {
    const controller = new AbortController();
    const deadline = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(new DeadlineError()), { once: true });
    });
    const timer = setTimeout(() => controller.abort(), this.deps.timeoutMs);
    try {
      // The race also ends a retry the client is sleeping before (its sleep ignores the signal).
      return await Promise.race([this.request(messages, controller.signal), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async request(messages: ChatCompletionMessageParam[], signal: AbortSignal): Promise<string> {
    const { client, model } = this.deps;
    // json_object rather than json_schema: DeepSeek and several local servers reject json_schema.
    const body: ChatCompletionCreateParamsNonStreaming = { model, messages, temperature: 0, response_format: { type: "json_object" } };
    try {
      return contentOf(await client.chat.completions.create(body, { signal }));
    } catch (err) {
      const refused = refusedParameters(err);
      if (!refused.length) throw err;
      // Once, without what the endpoint refused (reasoning models refuse temperature; some servers response_format).
      this.deps.log(`llm: the endpoint refused ${refused.join(" and ")}; asking again without it`);
      const plain = { ...body };
      for (const name of refused) delete plain[name];
      return contentOf(await client.chat.completions.create(plain, { signal }));
    }
  }
}

class DeadlineError extends Error {}
class ReplyError extends Error {}

function contentOf(completion: OpenAI.Chat.Completions.ChatCompletion): string {
  const content = completion.choices[0]?.message.content;
  if (!content?.trim()) throw new ReplyError("the reply is empty");
  return content;
}

/** The optional parameters a 400 error names, if any. */
function refusedParameters(err: unknown): Array<"response_format" | "temperature"> {
  if (!(err instanceof APIError) || err.status !== 400) return [];
  const refused: Array<"response_format" | "temperature"> = [];
  if (/response_format|response format|json_object/i.test(err.message)) refused.push("response_format");
  if (/temperature/i.test(err.message)) refused.push("temperature");
  return refused;
}

// ---------------------------------------------------------------------------
// Reply parsing

const ReplySchema = z.object({
  answerable: z.boolean(),
  answer: z.string().default(""),
  // Some models quote the numbers ("11"); the guard later checks they were retrieved.
  citations: z.array(z.union([z.number().int().positive(), z.string().regex(/^\s*\d+\s*$/).transform(Number)])).default([]),
});

/** The JSON object in a reply, tolerating ```json fences, <think> blocks and leading text. */
export function parseReply(content: string): ModelReply {
  const json = extractJson(content);
  const parsed = ReplySchema.safeParse(json);
  if (!parsed.success) throw new ReplyError(`the reply does not match the schema (${parsed.error.issues.map((i) => `${i.path.join(".") || "reply"}: ${i.message}`).join("; ")})`);
  return parsed.data;
}

function extractJson(content: string): unknown {
  const text = content.replace(/<think>[\s\S]*?<\/think>/gi, "").trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  for (const candidate of [fenced, text, firstObjectIn(text)]) {
    if (candidate === undefined) continue;
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next candidate
    }
  }
  throw new ReplyError("the reply is not JSON");
}

/** The first balanced {...} span, skipping braces inside strings; only the first, so an echoed example cannot pass. */
function firstObjectIn(text: string): string | undefined {
  const start = text.indexOf("{");
  if (start === -1) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Helpers

/** No answer from the endpoint at all: refused, reset, unknown host, or silence until the deadline. */
function isUnreachable(err: unknown): boolean {
  return err instanceof DeadlineError || err instanceof APIUserAbortError || err instanceof APIConnectionError;
}

function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof DeadlineError || err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError) return `no reply within ${timeoutMs} ms`;
  if (err instanceof APIConnectionError) return `network error (${networkCode(err) ?? err.message})`;
  if (err instanceof APIError) return `HTTP ${err.status ?? "error"} (${err.message})`;
  if (err instanceof ReplyError) return err.message;
  return `unexpected error (${(err as Error)?.message ?? String(err)})`;
}

/** The system error code under a connection error (fetch wraps it once or twice): ECONNREFUSED, ENOTFOUND… */
function networkCode(err: Error): string | undefined {
  let e: unknown = err.cause;
  for (let depth = 0; depth < 4 && typeof e === "object" && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Department names and aliases from the corpus; the guard falls back to the measures' own names if it cannot be read. */
function corpusDepartmentNames(corpusDir: string, log: (m: string) => void): Map<string, string> {
  try {
    return loadCorpus(corpusDir).departmentNames;
  } catch (err) {
    log(`llm: could not read department aliases from ${corpusDir} (${(err as Error).message}); using the names in the measures`);
    return new Map();
  }
}

/** The full names (and 市-less short forms) of the retrieved measures' departments, added to the aliases. */
function withMeasureNames(names: Map<string, string>, measures: Measure[]): Map<string, string> {
  const merged = new Map(names);
  for (const full of measures.flatMap((m) => m.departments)) {
    if (!merged.has(full)) merged.set(full, full);
    for (const alias of implicitAliases(full)) if (!merged.has(alias)) merged.set(alias, full);
  }
  return merged;
}
