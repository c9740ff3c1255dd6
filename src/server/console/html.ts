/**
 * HTML for the console's server-rendered pages: a tagged template that escapes every value it is
 * given unless the value is already Html (a nested template), so text from askers, staff, the
 * corpus or an LLM can never become markup. Attributes are always double-quoted.
 */
import { escapeHtml } from "../../bot/html.js";

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false || v === true) return "";
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** Markup built elsewhere and known to be safe (an SVG chart built from numbers and escaped labels). */
export const trusted = (markup: string): Html => new Html(markup);

export { escapeHtml };
