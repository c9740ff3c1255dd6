/** Query expansion from the maintainers' synonym groups (corpus/lexicon.txt). */
export interface Expansion {
  /** The query with synonyms of what it mentions, for search. */
  text: string;
  /** Synonyms added, for answerability (a query word counts as found if a synonym is). */
  synonymsOf: Map<string, string[]>;
}

/** Two UTF-16 code units from `at` as one number. */
const pairCode = (text: string, at: number) => text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);

export class Lexicon {
  /** Each term with the rest of its groups (all lower-cased, as the texts they are looked for in), in the order the groups first name it. */
  private readonly terms: ReadonlyArray<{ term: string; synonyms: readonly string[] }>;
  /** Positions of terms of two characters or more by their first two (codes): a question is read once, not once per term. */
  private readonly byFirstPair = new Map<number, number[]>();
  /** Positions of one-character terms by their code. */
  private readonly byChar = new Map<number, number>();

  constructor(groups: string[][]) {
    const groupsByTerm = new Map<string, string[][]>();
    for (const group of groups)
      for (const term of group) {
        const key = term.toLowerCase();
        groupsByTerm.set(key, [...(groupsByTerm.get(key) ?? []), group]);
      }
    this.terms = [...groupsByTerm].map(([term, termGroups]) => ({ term, synonyms: [...new Set(termGroups.flat().map((t) => t.toLowerCase()))].filter((t) => t !== term) }));
    this.terms.forEach(({ term }, i) => {
      if (term.length === 1) this.byChar.set(term.charCodeAt(0), i);
      else if (term.length > 1) {
        const pair = pairCode(term, 0);
        const at = this.byFirstPair.get(pair);
        if (at) at.push(i);
        else this.byFirstPair.set(pair, [i]);
      }
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
      // One character (查, 村) is too common to recognise inside other words.
      const single = this.byChar.get(lower.charCodeAt(i));
      if (single !== undefined && wordSet.has(this.terms[single]!.term)) found.add(single);
      if (i + 1 < lower.length) for (const at of this.byFirstPair.get(pairCode(lower, i)) ?? []) if (lower.startsWith(this.terms[at]!.term, i)) found.add(at);
    }
    const synonymsOf = new Map<string, string[]>();
    // In the lexicon's order, as a walk over all its terms would find them.
    for (const at of [...found].sort((a, b) => a - b)) synonymsOf.set(this.terms[at]!.term, [...this.terms[at]!.synonyms]);
    const added = [...new Set([...synonymsOf.values()].flat())];
    return { text: added.length ? `${query} ${added.join(" ")}` : query, synonymsOf };
  }
}
