import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Measure } from "../policy/measure.js";
import { matchesOf } from "./matches.js";

/**
 * The LLM prompts live in PROMPTS_DIR as Markdown so maintainers can edit them without touching code.
 * Templates use {{name}} placeholders, filled in one pass (a value is never expanded again).
 */
export const PROMPT_FILES = { system: "system.md", answer: "answer.md" } as const;

/** Lines that fence the retrieved measures and the question as data in the user message. */
export const FENCES = {
  measuresOpen: "<<<MEASURES",
  measuresClose: "MEASURES>>>",
  questionOpen: "<<<QUESTION",
  questionClose: "QUESTION>>>",
} as const;

export interface Prompts {
  system: string;
  answer: string;
}

export class PromptError extends Error {}

const PLACEHOLDER = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;
const REQUIRED: Record<keyof Prompts, string[]> = { system: [], answer: ["question", "measures"] };
const ALLOWED: Record<keyof Prompts, string[]> = { system: ["document"], answer: ["document", "question", "measures"] };

/** Read both prompts; a missing file or placeholder is an error at start-up, not on the first question. */
export function loadPrompts(promptsDir: string): Prompts {
  const read = (name: keyof Prompts) => {
    const path = resolve(join(promptsDir, PROMPT_FILES[name]));
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : `unreadable (${(err as Error).message})`;
      throw new PromptError(`prompt file ${why}: ${path} (set PROMPTS_DIR to the folder holding ${Object.values(PROMPT_FILES).join(" and ")})`);
    }
    const present = new Set(matchesOf(text, PLACEHOLDER).map((m) => m[1]));
    const missing = REQUIRED[name].filter((p) => !present.has(p));
    if (missing.length) throw new PromptError(`prompt file ${path} lacks the placeholder(s) ${missing.map((p) => `{{${p}}}`).join(", ")}`);
    const unknown = [...present].filter((p) => p !== undefined && !ALLOWED[name].includes(p));
    if (unknown.length) throw new PromptError(`prompt file ${path} uses unknown placeholder(s) ${unknown.map((p) => `{{${p}}}`).join(", ")}; allowed: ${ALLOWED[name].join(", ")}`);
    return text.trim();
  };
  return { system: read("system"), answer: read("answer") };
}

/** Replace every {{name}}; an unknown name is a bug in the prompt file, so it is reported rather than left in. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new PromptError(`unknown placeholder {{${name}}} in a prompt template`);
    return value;
  });
}

/** Remove anything that could open or close a fence (<<<, >>>, full-width too), so data cannot escape it. */
export function neutralizeFences(text: string): string {
  return text
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, "") // zero-width characters could split a marker past the next rule
    .replace(/[<＜﹤]{3,}|[>＞﹥]{3,}/g, " ");
}

/** One measure as the model sees it: number, title, departments, text. */
export function renderMeasure(m: Measure): string {
  return [`【${m.doc ? `《${m.document}》` : ""}第${m.number}条】${m.title}`, `负责部门：${m.departments.join("、")}`, `原文：${m.text}`].map(neutralizeFences).join("\n");
}

export interface ChatPrompt {
  system: string;
  user: string;
}

/** The system and user messages for one question over the retrieved measures. */
export function answerPrompt(prompts: Prompts, question: string, measures: Measure[]): ChatPrompt {
  const document = neutralizeFences(measures[0]?.document ?? "");
  return {
    system: fillTemplate(prompts.system, { document }),
    user: fillTemplate(prompts.answer, {
      document,
      measures: measures.map(renderMeasure).join("\n\n"),
      question: neutralizeFences(question).trim(),
    }),
  };
}
