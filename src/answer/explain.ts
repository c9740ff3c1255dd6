import type { Candidate, QuestionRecord } from "./record.js";
import { measureLabel } from "./strings.js";

const SHOWN_CANDIDATES = 5;
const f2 = (n: number) => n.toFixed(2);

/** The stage records of one question as plain text: what was understood, the candidates with their coverage, the decision. */
export function explainRecord(record: QuestionRecord): string {
  const u = record.understood;
  const lines: string[] = [];
  const followUp = u.followUp.kind === "none" ? "stands alone" : `${u.followUp.kind} (previous: ${"previous" in u.followUp ? u.followUp.previous : ""})`;
  lines.push(`understand: ${u.language}, intent ${u.intent.kind}, follow-up ${followUp}`);
  lines.push(`  reads: ${u.text}${u.context ? `  | context: ${u.context}` : ""}`);
  // (The parts a several-part question was split into: what each part's measure is chosen for.)
  if (u.parts.length > 1) lines.push(`  parts: ${u.parts.join(" | ")}`);
  if (u.negatedSpans.length) lines.push(`  lacks: ${u.negatedSpans.join(", ")}`);
  if (u.unread.length) lines.push(`  unread English: ${u.unread.join(", ")}`);
  if (u.restrictTo) lines.push(`  only from: ${u.restrictTo.map((r) => (r.doc ? `${r.doc}#第${r.number}条` : `第${r.number}条`)).join(" ")}${u.picked !== undefined ? " (chosen)" : ""}`);
  const a = record.assessed;
  if (a) {
    const words = a.terms.words.map((w) => {
      const flags = [w.generic && "generic", w.negated && "negated", w.context && "context"].filter(Boolean).join(",");
      return `${w.word} ${w.weight.toFixed(1)}${flags ? ` [${flags}]` : ""}`;
    });
    lines.push(`retrieve: ${a.hits.length} hits; words: ${words.join(" · ")}`);
    lines.push(`assess: facts asked [${a.factsAsked.join(", ")}], scope ${a.scope ?? "ok"}, topic ${a.hasTopic ? "yes" : "none"}`);
    for (const c of a.candidates.slice(0, SHOWN_CANDIDATES)) lines.push(`  ${candidateLine(c)}`);
    // (Each part's closest measures, as partAnswers weighs them.)
    a.partTerms.forEach((_, i) => {
      const held = a.candidates.filter((c) => c.parts[i] && c.parts[i]!.topic > 0).sort((x, y) => y.parts[i]!.coverage - x.parts[i]!.coverage).slice(0, 3);
      lines.push(`  part ${i + 1}: ${held.map((c) => `${measureLabel(c.measure)} ${f2(c.parts[i]!.coverage)}${c.partFigures?.[i] ? "+figure" : ""}`).join(" · ") || "none"}`);
    });
  }
  lines.push(`decide: ${decisionLine(record)}`);
  return lines.join("\n");
}

function candidateLine(c: Candidate): string {
  const found = c.match.found.map((x) => (x.credit === 1 ? x.word : `${x.word}×${f2(x.credit)}`)).join(" ");
  return `${measureLabel(c.measure)} coverage ${f2(c.match.coverage)} topic ${c.match.topic.toFixed(1)} rank ${f2(c.rank)} score ${f2(c.score)} — ${found || "nothing"}`;
}

function decisionLine(record: QuestionRecord): string {
  const d = record.decision;
  switch (d.kind) {
    case "answer":
      return `answer ${d.cited.map((c) => measureLabel(c.measure)).join(" ")} (${d.why})`;
    case "clarify":
      return `clarify between ${d.options.map((c) => measureLabel(c.measure)).join(" ")} (${d.why})`;
    case "handoff":
      return `handoff ${d.reason} (${d.why})`;
    case "smalltalk":
      return `small talk (${d.topic})`;
    case "measures":
      return `measures ${d.numbers.join(", ")}`;
    case "department":
      return `department listing: ${d.departments.join(", ")}`;
    case "overview":
      return "overview: every measure's title";
  }
}
