import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { decodeSections, encodeSections } from "./binary-file.js";
import { IndexDamagedError } from "./index-damage.js";

const KIND = "jieba-dictionary";
const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Jieba's dictionary (dict.txt, "word frequency tag" a line) with its lines grouped by the character their word
 * begins with, so jieba can be given one group at a time (see lazy-jieba.ts). Grouped once when the index is
 * built and stored beside it: reading the 5 MB file line by line took ~65 ms of a start.
 */
export class JiebaDictionary {
  private readonly groupOf: Map<number, number>;

  private constructor(
    /** The dictionary's lines, group after group (each sorted by its words' bytes), each line ending in a newline. */
    private readonly text: Uint8Array,
    /** Where each line begins in text; one more entry, text's length. */
    private readonly lineStarts: Int32Array,
    /** The code point each group's words begin with, ascending. */
    private readonly chars: Int32Array,
    /** Each group's first line; one more entry, the number of lines. */
    private readonly groupLines: Int32Array,
    /** Each group's sum of frequencies. */
    private readonly frequencies: Float64Array,
  ) {
    this.groupOf = new Map();
    for (let g = 0; g < chars.length; g++) this.groupOf.set(chars[g]!, g);
  }

  /** From jieba's own file: the build path. */
  static fromJieba(): JiebaDictionary {
    return JiebaDictionary.fromText(readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt")));
  }

  static fromText(raw: Uint8Array): JiebaDictionary {
    const lines = new Map<number, Array<{ start: number; space: number; end: number; frequency: number }>>();
    for (let i = 0; i < raw.length; ) {
      const start = i;
      const char = codePointAt(raw, i);
      while (i < raw.length && raw[i] !== SPACE && raw[i] !== NEWLINE) i++;
      const space = i;
      let frequency = 0;
      if (raw[i] === SPACE) for (i++; raw[i]! >= 0x30 && raw[i]! <= 0x39; i++) frequency = frequency * 10 + raw[i]! - 0x30;
      while (i < raw.length && raw[i] !== NEWLINE) i++;
      if (i > start) {
        const group = lines.get(char) ?? [];
        if (group.length === 0) lines.set(char, group);
        group.push({ start, space, end: i, frequency });
      }
      i++;
    }
    const chars = Int32Array.from([...lines.keys()].sort((a, b) => a - b));
    const groupLines = new Int32Array(chars.length + 1);
    const frequencies = new Float64Array(chars.length);
    const lineStarts: number[] = [];
    const text = new Uint8Array(raw.length + 1);
    const wordOf = (l: { start: number; space: number }) => raw.subarray(l.start, l.space);
    let at = 0;
    chars.forEach((char, g) => {
      groupLines[g] = lineStarts.length;
      let frequency = 0;
      for (const line of lines.get(char)!.sort((a, b) => Buffer.compare(wordOf(a), wordOf(b)))) {
        lineStarts.push(at);
        text.set(raw.subarray(line.start, line.end), at);
        at += line.end - line.start;
        text[at++] = NEWLINE;
        frequency += line.frequency;
      }
      frequencies[g] = frequency;
    });
    groupLines[chars.length] = lineStarts.length;
    lineStarts.push(at);
    return new JiebaDictionary(text.subarray(0, at), Int32Array.from(lineStarts), chars, groupLines, frequencies);
  }

  static decode(raw: Buffer, file: string): JiebaDictionary {
    const s = decodeSections(raw, KIND, file);
    const text = s.get("text", "u8");
    const lineStarts = s.get("lineStarts", "i32");
    const chars = s.get("chars", "i32");
    const groupLines = s.get("groupLines", "i32");
    const frequencies = s.get("frequencies", "f64");
    if (
      groupLines.length !== chars.length + 1 ||
      frequencies.length !== chars.length ||
      groupLines[chars.length] !== lineStarts.length - 1 ||
      lineStarts[lineStarts.length - 1] !== text.length
    ) {
      throw new IndexDamagedError(file, "group table does not match the text");
    }
    return new JiebaDictionary(text, lineStarts, chars, groupLines, frequencies);
  }

  encode(): Buffer {
    const { text, lineStarts, chars, groupLines, frequencies } = this;
    return encodeSections(KIND, { words: this.words }, { text, lineStarts, chars, groupLines, frequencies });
  }

  get words(): number {
    return this.lineStarts.length - 1;
  }

  /** The sum of every word's frequency (jieba weighs a word by its frequency against it). */
  get total(): number {
    let sum = 0;
    for (const f of this.frequencies) sum += f;
    return sum;
  }

  /** The group of words beginning with this code point: its lines, how many, their sum of frequencies; null when none does. */
  group(char: number): { lines: Uint8Array; words: number; frequency: number } | null {
    const g = this.groupOf.get(char);
    if (g === undefined) return null;
    const first = this.groupLines[g]!;
    const end = this.groupLines[g + 1]!;
    return { lines: this.text.subarray(this.lineStarts[first]!, this.lineStarts[end]!), words: end - first, frequency: this.frequencies[g]! };
  }

  /** The word's frequency in the dictionary; 0 when it is not there (a binary search in its group). */
  frequencyOf(word: string): number {
    const g = this.groupOf.get(word.codePointAt(0)!);
    if (g === undefined) return 0;
    const target = Buffer.from(word);
    let lo = this.groupLines[g]!;
    let hi = this.groupLines[g + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.lineStarts[mid]!;
      let space = start;
      while (this.text[space] !== SPACE && this.text[space] !== NEWLINE) space++;
      const order = Buffer.compare(this.text.subarray(start, space), target);
      if (order < 0) lo = mid + 1;
      else if (order > 0) hi = mid - 1;
      else {
        let frequency = 0;
        for (let i = space + 1; this.text[i]! >= 0x30 && this.text[i]! <= 0x39; i++) frequency = frequency * 10 + this.text[i]! - 0x30;
        return frequency;
      }
    }
    return 0;
  }
}

/** The code point of the UTF-8 sequence at i. */
function codePointAt(raw: Uint8Array, i: number): number {
  const lead = raw[i]!;
  if (lead < 0x80) return lead;
  if (lead < 0xe0) return ((lead & 0x1f) << 6) | (raw[i + 1]! & 0x3f);
  if (lead < 0xf0) return ((lead & 0x0f) << 12) | ((raw[i + 1]! & 0x3f) << 6) | (raw[i + 2]! & 0x3f);
  return ((lead & 0x07) << 18) | ((raw[i + 1]! & 0x3f) << 12) | ((raw[i + 2]! & 0x3f) << 6) | (raw[i + 3]! & 0x3f);
}
