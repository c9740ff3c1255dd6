import { profileOf, similarity, type TextTools } from "../faq/similarity.js";

/** Questions at least this similar to a group's first question join it (looser than FAQ matching: same topic is enough). */
export const GROUP_THRESHOLD = 0.45;

export interface QuestionGroup {
  /** The group's first question, shown as its example. */
  example: string;
  count: number;
  /** Other wordings in the group (distinct, at most a few). */
  variants: string[];
}

/**
 * Greedy grouping by the FAQ's question similarity: each question joins the first group whose
 * example it resembles enough, else starts a new one. Largest groups first.
 */
export function groupSimilar(questions: readonly string[], tools: TextTools, threshold = GROUP_THRESHOLD, variantsShown = 3): QuestionGroup[] {
  const groups: Array<{ example: string; profile: ReturnType<typeof profileOf>; count: number; variants: Set<string>; first: number }> = [];
  questions.forEach((q, i) => {
    const text = q.trim();
    if (!text) return;
    const profile = profileOf(text, tools);
    const home = groups.find((g) => g.example === text || similarity(profile, g.profile).score >= threshold);
    if (home) {
      home.count++;
      if (text !== home.example && home.variants.size < variantsShown) home.variants.add(text);
    } else groups.push({ example: text, profile, count: 1, variants: new Set(), first: i });
  });
  return groups
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((g) => ({ example: g.example, count: g.count, variants: [...g.variants] }));
}
