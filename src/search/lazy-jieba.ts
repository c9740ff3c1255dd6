// (Before jieba: it sets how jieba's allocator commits memory.)
import "./jieba-memory.js";
import { Jieba } from "@node-rs/jieba";
import type { JiebaDictionary } from "./jieba-dictionary.js";

/** The three readings the analyzer asks of jieba. */
export interface Segmenter {
  cut(text: string, hmm: boolean): string[];
  cutForSearch(text: string, hmm: boolean): string[];
  tag(text: string, hmm: boolean): Array<{ word: string; tag: string }>;
  /** How many of the dictionary's words jieba holds so far. */
  readonly loadedWords: number;
}

/**
 * An entry no text can hold (jieba looks words up only inside runs of CJK characters, letters and digits, and
 * outside them emits single characters): its frequency keeps the sum of all frequencies that of the whole dictionary.
 */
const BALLAST = "\u0001\u0002";

/**
 * Jieba with its dictionary given a first character at a time: building all 349,000 words took 100–150 ms of
 * every start, and a text needs only the words that begin with one of its characters. Every reading is the whole
 * dictionary's: jieba considers only words found inside the text (each begins with a character of it), weighed
 * against the sum of all frequencies, which the ballast entry keeps at what the whole dictionary and the user's
 * words would sum to. A user's word comes in the same load as, and after, the words that begin as it does, so it
 * overrides the dictionary's frequency as it would after the whole of it.
 */
export function lazyJieba(dictionary: JiebaDictionary, userWords: readonly string[], userFrequency: number): Segmenter {
  const jieba = new Jieba();
  // Each user's word with what it adds to the sum (its frequency in place of the dictionary's), by first character.
  const userByChar = new Map<number, Array<{ line: string; adds: number }>>();
  // What the user's words not yet loaded will add.
  let userToCome = 0;
  for (const word of new Set(userWords)) {
    const char = word.codePointAt(0)!;
    const words = userByChar.get(char) ?? [];
    if (words.length === 0) userByChar.set(char, words);
    const adds = userFrequency - dictionary.frequencyOf(word);
    words.push({ line: `${word} ${userFrequency}\n`, adds });
    userToCome += adds;
  }
  let dictionaryToCome = dictionary.total;
  // Code points whose words jieba holds, one bit each (136 KB): looked up for every character of every text cut.
  const seen = new Uint32Array(0x110000 >>> 5);
  const isSeen = (char: number) => (seen[char >>> 5]! & (1 << (char & 31))) !== 0;
  let loadedWords = 0;

  /** One load for all of a text's new groups: each load makes jieba sum every frequency again. */
  const ensure = (text: string): void => {
    let chars: number[] | null = null;
    for (let i = 0; i < text.length; i++) {
      const char = text.codePointAt(i)!;
      if (char > 0xffff) i++;
      if (!isSeen(char) && !chars?.includes(char)) (chars ??= []).push(char);
    }
    if (!chars) return;
    const groups: Uint8Array[] = [];
    const user: string[] = [];
    let dictionaryLeft = dictionaryToCome;
    let userLeft = userToCome;
    let words = 0;
    for (const char of chars) {
      const group = dictionary.group(char);
      if (group) {
        groups.push(group.lines);
        dictionaryLeft -= group.frequency;
        words += group.words;
      }
      for (const { line, adds } of userByChar.get(char) ?? []) {
        user.push(line);
        userLeft -= adds;
      }
    }
    if (groups.length || user.length) load(groups, user, dictionaryLeft + userLeft);
    // Counted as loaded only once jieba took them: a load that failed is tried again with the next text.
    for (const char of chars) seen[char >>> 5]! |= 1 << (char & 31);
    dictionaryToCome = dictionaryLeft;
    userToCome = userLeft;
    loadedWords += words;
  };
  const load = (groups: Uint8Array[], user: string[], ballast: number) =>
    jieba.loadDict(Buffer.concat([...groups, Buffer.from(`${user.join("")}${BALLAST} ${ballast}\n`)]));

  load([], [], dictionaryToCome + userToCome);
  return {
    cut: (text, hmm) => (ensure(text), jieba.cut(text, hmm)),
    cutForSearch: (text, hmm) => (ensure(text), jieba.cutForSearch(text, hmm)),
    tag: (text, hmm) => (ensure(text), jieba.tag(text, hmm)),
    get loadedWords() {
      return loadedWords;
    },
  };
}
