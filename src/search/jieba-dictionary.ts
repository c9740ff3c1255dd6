import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { decodeSections, encodeSections } from "./binary-file.js";
import { IndexDamagedError } from "./index-damage.js";

const KIND = "jieba-dictionary";
const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Jieba's dictionary (dict.txt, "word frequency tag" a line) with its lines grouped by the character their word
 * begins with, so jieba can be given one group at a time (see lazy-jieba.ts). Jieba's file is in byte order, so a
 * group is a run of its lines: where each begins is found when the index is built (a pass over the 5 MB file, ~100 ms
 * of cold JavaScript a start need not pay) and stored beside it.
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

  /** From jieba's own file (read directly: its dict.js module would also read the 6 MB idf.txt): the build path. */
  static fromJieba(): JiebaDictionary {
    return JiebaDictionary.fromText(readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt")));
  }

  static fromText(raw: Uint8Array): JiebaDictionary {
    // One pass: where each line and its word begin and end, and its frequency (typed arrays: 349,000 lines).
    let count = 1;
    for (let i = 0; i < raw.length; i++) if (raw[i] === NEWLINE) count++;
    const starts = new Int32Array(count);
    const spaces = new Int32Array(count);
    const ends = new Int32Array(count);
    const lineFrequencies = new Float64Array(count);
    let lines = 0;
    for (let i = 0; i < raw.length; i++) {
      const start = i;
      while (i < raw.length && raw[i] !== SPACE && raw[i] !== NEWLINE) i++;
      const space = i;
      let frequency = 0;
      if (raw[i] === SPACE) for (i++; raw[i]! >= 0x30 && raw[i]! <= 0x39; i++) frequency = frequency * 10 + raw[i]! - 0x30;
      while (i < raw.length && raw[i] !== NEWLINE) i++;
      if (i === start) continue;
      starts[lines] = start;
      spaces[lines] = space;
      ends[lines] = i;
      lineFrequencies[lines++] = frequency;
    }
    const wordOrder = (a: number, b: number) => compareBytes(raw, starts[a]!, spaces[a]!, raw, starts[b]!, spaces[b]!);
    const order = new Int32Array(lines);
    let sorted = true;
    for (let l = 0; l < lines; l++) {
      order[l] = l;
      if (l > 0 && wordOrder(l - 1, l) > 0) sorted = false;
    }
    // Only another dictionary's file would need the sort (jieba's is in byte order): a group is then a run of lines.
    if (!sorted) order.sort(wordOrder);
    // Used as it is when it already is what the text must be: its lines in order, each ending in a newline.
    let asIs = sorted;
    for (let l = 0; asIs && l < lines; l++) asIs = starts[l] === (l === 0 ? 0 : ends[l - 1]! + 1) && raw[ends[l]!] === NEWLINE;
    const text = asIs ? raw.subarray(0, lines ? ends[lines - 1]! + 1 : 0) : new Uint8Array(raw.length + 1);
    const lineStarts = new Int32Array(lines + 1);
    const chars: number[] = [];
    const groupLines: number[] = [];
    const frequencies: number[] = [];
    let at = 0;
    for (let n = 0; n < lines; n++) {
      const l = order[n]!;
      const char = codePointAt(raw, starts[l]!);
      if (chars.length === 0 || chars[chars.length - 1] !== char) {
        chars.push(char);
        groupLines.push(n);
        frequencies.push(0);
      }
      frequencies[frequencies.length - 1] = frequencies[frequencies.length - 1]! + lineFrequencies[l]!;
      lineStarts[n] = at;
      if (!asIs) {
        text.set(raw.subarray(starts[l]!, ends[l]!), at);
        text[at + ends[l]! - starts[l]!] = NEWLINE;
      }
      at += ends[l]! - starts[l]! + 1;
    }
    lineStarts[lines] = at;
    groupLines.push(lines);
    return new JiebaDictionary(text.subarray(0, at), lineStarts, Int32Array.from(chars), Int32Array.from(groupLines), Float64Array.from(frequencies));
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
      const order = compareBytes(this.text, start, space, target, 0, target.length);
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

/** Byte order of x[xStart, xEnd) against y[yStart, yEnd), as Buffer.compare, without a view per comparison. */
function compareBytes(x: Uint8Array, xStart: number, xEnd: number, y: Uint8Array, yStart: number, yEnd: number): number {
  for (let a = xStart, b = yStart; a < xEnd && b < yEnd; a++, b++) if (x[a] !== y[b]) return x[a]! - y[b]!;
  return xEnd - xStart - (yEnd - yStart);
}

/** The code point of the UTF-8 sequence at i. */
function codePointAt(raw: Uint8Array, i: number): number {
  const lead = raw[i]!;
  if (lead < 0x80) return lead;
  if (lead < 0xe0) return ((lead & 0x1f) << 6) | (raw[i + 1]! & 0x3f);
  if (lead < 0xf0) return ((lead & 0x0f) << 12) | ((raw[i + 1]! & 0x3f) << 6) | (raw[i + 2]! & 0x3f);
  return ((lead & 0x07) << 18) | ((raw[i + 1]! & 0x3f) << 12) | ((raw[i + 2]! & 0x3f) << 6) | (raw[i + 3]! & 0x3f);
}
