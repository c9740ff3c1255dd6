/** Query expansion from the maintainers' synonym groups (corpus/lexicon.txt). */
export interface Expansion {
  /** The query with synonyms of what it mentions, for search. */
  text: string;
  /** Synonyms added, for answerability (a query word counts as found if a synonym is). */
  synonymsOf: Map<string, string[]>;
}

export class Lexicon {
  /** Each term (lower-cased) with the rest of its groups, in the order the groups first name it. */
  private readonly terms: ReadonlyArray<{ term: string; synonyms: readonly string[] }>;

  constructor(groups: string[][]) {
    const groupsByTerm = new Map<string, string[][]>();
    for (const group of groups)
      for (const term of group) {
        const key = term.toLowerCase();
        groupsByTerm.set(key, [...(groupsByTerm.get(key) ?? []), group]);
      }
    // An array, not the map: every question walks all of it, and a map's entries would be built anew each time.
    this.terms = [...groupsByTerm].map(([term, termGroups]) => ({ term, synonyms: [...new Set(termGroups.flat().filter((t) => t.toLowerCase() !== term))] }));
  }

  /**
   * Every group term found in the query adds the rest of its group.
   * @param words the query's segmented words: a one-character term (查) counts only as a word of its own.
   */
  expand(query: string, words: string[] = []): Expansion {
    const lower = query.toLowerCase();
    const wordSet = new Set(words);
    const synonymsOf = new Map<string, string[]>();
    for (const { term, synonyms } of this.terms) {
      // One character (查, 村) is too common to recognise inside other words.
      if (term.length < 2 ? !wordSet.has(term) : !lower.includes(term)) continue;
      synonymsOf.set(term, [...synonyms]);
    }
    const added = [...new Set([...synonymsOf.values()].flat())];
    return { text: added.length ? `${query} ${added.join(" ")}` : query, synonymsOf };
  }
}
