/** Query expansion from the maintainers' synonym groups (corpus/lexicon.txt). */
export interface Expansion {
  /** The query with synonyms of what it mentions, for search. */
  text: string;
  /** Synonyms added, for answerability (a query word counts as found if a synonym is). */
  synonymsOf: Map<string, string[]>;
}

export class Lexicon {
  private readonly groupsByTerm = new Map<string, string[][]>();

  constructor(groups: string[][]) {
    for (const group of groups)
      for (const term of group) {
        const key = term.toLowerCase();
        this.groupsByTerm.set(key, [...(this.groupsByTerm.get(key) ?? []), group]);
      }
  }

  /**
   * Every group term found in the query adds the rest of its group.
   * @param words the query's segmented words: a one-character term (查) counts only as a word of its own.
   */
  expand(query: string, words: string[] = []): Expansion {
    const lower = query.toLowerCase();
    const wordSet = new Set(words);
    const synonymsOf = new Map<string, string[]>();
    for (const [term, groups] of this.groupsByTerm) {
      // One character (查, 村) is too common to recognise inside other words.
      if (term.length < 2 ? !wordSet.has(term) : !lower.includes(term)) continue;
      const others = groups.flat().filter((t) => t.toLowerCase() !== term);
      synonymsOf.set(term, [...new Set([...(synonymsOf.get(term) ?? []), ...others])]);
    }
    const added = [...new Set([...synonymsOf.values()].flat())];
    return { text: added.length ? `${query} ${added.join(" ")}` : query, synonymsOf };
  }
}
