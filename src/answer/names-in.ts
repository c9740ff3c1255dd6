/**
 * Which names of a fixed list (departments, places) a text holds, in the list's order: `names.filter((n) => text.includes(n))`,
 * read in one pass over the text against the names by their first character instead of one search per name (a hundred names,
 * several texts a question).
 */
export function namesIn(text: string, names: readonly string[]): string[] {
  return positionsIn(text, names).map((at) => names[at]!);
}

/**
 * The names a text can hold once each name in it, taken in the list's order, is replaced by `replacement` (split and joined):
 * those in the text, and those sharing a character with the replacement (only they can run across one put in).
 */
export function namesInOnceReplaced(text: string, names: readonly string[], replacement: string): string[] {
  if (!replacement) return [...names]; // (taking names out joins what was around them: any name may then be there)
  const positions = new Set(positionsIn(text, names));
  for (const at of indexFor(names).sharing(replacement)) positions.add(at);
  return [...positions].sort((a, b) => a - b).map((at) => names[at]!);
}

/** Positions in the list of the names the text holds, in order. */
function positionsIn(text: string, names: readonly string[]): number[] {
  const { byFirst, empty } = indexFor(names);
  const found: number[] = [...empty];
  for (let i = 0; i < text.length; i++) {
    const starting = byFirst.get(text.charCodeAt(i));
    if (starting) for (const at of starting) if (!found.includes(at) && text.startsWith(names[at]!, i)) found.push(at);
  }
  return found.sort((a, b) => a - b);
}

interface NameIndex {
  /** Positions in the list by the name's first UTF-16 unit. */
  byFirst: Map<number, number[]>;
  /** Positions of empty names (held by every text, as includes("") is). */
  empty: number[];
  /** Positions of the names sharing a character with a replacement (or empty), once per replacement. */
  sharing(replacement: string): readonly number[];
}

// Built once per list (the lists are constants, or a loaded corpus's, dropped with it).
const indexes = new WeakMap<readonly string[], NameIndex>();

function indexFor(names: readonly string[]): NameIndex {
  let index = indexes.get(names);
  if (index) return index;
  const shared = new Map<string, number[]>();
  const sharing = (replacement: string) => {
    let positions = shared.get(replacement);
    if (!positions) shared.set(replacement, (positions = names.flatMap((name, at) => (!name || [...name].some((c) => replacement.includes(c)) ? [at] : []))));
    return positions;
  };
  index = { byFirst: new Map(), empty: [], sharing };
  names.forEach((name, at) => {
    if (!name) return void index!.empty.push(at);
    const first = name.charCodeAt(0);
    const positions = index!.byFirst.get(first);
    if (positions) positions.push(at);
    else index!.byFirst.set(first, [at]);
  });
  indexes.set(names, index);
  return index;
}
