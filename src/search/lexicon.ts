/** Query expansion from the maintainers' synonym groups (corpus/lexicon.txt). */
export interface Expansion {
  /** The query with synonyms of what it mentions, for search. */
  text: string;
  /** Synonyms added, for answerability (a query word counts as found if a synonym is). */
  synonymsOf: Map<string, string[]>;
}

export class Lexicon {
  /** Each term with the rest of its groups (all lower-cased, as the texts they are looked for in), in the order the groups first name it. */
  private readonly terms: ReadonlyArray<{ term: string; synonyms: readonly string[] }>;
  /** Positions in terms by first character (its code): a question is read once, not once per term. */
  private readonly byFirstChar = new Map<number, number[]>();

  constructor(groups: string[][]) {
    const groupsByTerm = new Map<string, string[][]>();
    for (const group of groups)
      for (const term of group) {
        const key = term.toLowerCase();
        groupsByTerm.set(key, [...(groupsByTerm.get(key) ?? []), group]);
      }
    this.terms = [...groupsByTerm].map(([term, termGroups]) => ({ term, synonyms: [...new Set(termGroups.flat().map((t) => t.toLowerCase()))].filter((t) => t !== term) }));
    this.terms.forEach(({ term }, i) => {
      if (!term) return;
      const first = term.charCodeAt(0);
      const at = this.byFirstChar.get(first);
      if (at) at.push(i);
      else this.byFirstChar.set(first, [i]);
    });
  }

  /**
   * Every group term found in the query adds the rest of its group.
   * @param words the query's segmented words: a one-character term (查) counts only as a word of its own.
   */
  expand(query: string, words: string[] = []): Expansion {
    const lower = query.toLowerCase();
    const wordSet = new Set(words);
    const found = new Set<number>();
    for (let i = 0; i < lower.length; i++) {
      const candidates = this.byFirstChar.get(lower.charCodeAt(i));
      if (!candidates) continue;
      for (const at of candidates) {
        const { term } = this.terms[at]!;
        // One character (查, 村) is too common to recognise inside other words.
        if (term.length < 2 ? wordSet.has(term) : lower.startsWith(term, i)) found.add(at);
      }
    }
    const synonymsOf = new Map<string, string[]>();
    // In the lexicon's order, as a walk over all its terms would find them.
    for (const at of [...found].sort((a, b) => a - b)) synonymsOf.set(this.terms[at]!.term, [...this.terms[at]!.synonyms]);
    const added = [...new Set([...synonymsOf.values()].flat())];
    return { text: added.length ? `${query} ${added.join(" ")}` : query, synonymsOf };
  }
}
