/**
 * Misspellings and homophones (注消 → 注销, 抵压 → 抵押, 信异贷 → 信易贷): words of the maintained
 * vocabulary (lexicon terms, department names) that differ from a piece of the question in exactly
 * one character. Built once per engine; a look-up is a few map reads.
 */
const CJK_WORD = /^[\u4e00-\u9fff]{2,5}$/;

export class NearWords {
  /** The word with one character replaced by "?" → the words it stands for. */
  private readonly byPattern = new Map<string, string[]>();
  private readonly words: Set<string>;

  constructor(vocabulary: Iterable<string>) {
    this.words = new Set([...vocabulary].filter((w) => CJK_WORD.test(w)));
    for (const w of this.words)
      for (let i = 0; i < w.length; i++) {
        const key = `${w.slice(0, i)}?${w.slice(i + 1)}`;
        const list = this.byPattern.get(key);
        if (list) list.push(w);
        else this.byPattern.set(key, [w]);
      }
  }

  /** Vocabulary words one character away from `piece` (never the piece itself). */
  near(piece: string): string[] {
    if (!CJK_WORD.test(piece) || this.words.has(piece)) return [];
    const found = new Set<string>();
    for (let i = 0; i < piece.length; i++) for (const w of this.byPattern.get(`${piece.slice(0, i)}?${piece.slice(i + 1)}`) ?? []) found.add(w);
    return [...found];
  }

  /**
   * For a word of the question that no dictionary knows, the vocabulary words it may stand for: the
   * word itself, or the word with the character before or after it in the text (不懂产 → 不动产).
   */
  forUnknown(word: string, text: string): string[] {
    const at = text.indexOf(word);
    const pieces = [word];
    if (at > 0) pieces.push(text.slice(at - 1, at + word.length));
    if (at >= 0 && at + word.length < text.length) pieces.push(text.slice(at, at + word.length + 1));
    return [...new Set(pieces.flatMap((p) => this.near(p)))];
  }
}
