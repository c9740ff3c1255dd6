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
    /** The dictionary's lines, group after group, each ending in a newline. */
    private readonly text: Uint8Array,
    /** The code point each group's words begin with, ascending. */
    private readonly chars: Int32Array,
    /** Where each group begins in text; one more entry, text's length. */
    private readonly offsets: Int32Array,
    /** Each group's sum of frequencies. */
    private readonly frequencies: Float64Array,
    readonly words: number,
  ) {
    this.groupOf = new Map();
    for (let g = 0; g < chars.length; g++) this.groupOf.set(chars[g]!, g);
  }

  /** From jieba's own file: the build path. */
  static fromJieba(): JiebaDictionary {
    return JiebaDictionary.fromText(readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt")));
  }

  static fromText(raw: Uint8Array): JiebaDictionary {
    const lines = new Map<number, Array<{ start: number; end: number; frequency: number }>>();
    let words = 0;
    for (let i = 0; i < raw.length; ) {
      const start = i;
      const char = codePointAt(raw, i);
      while (i < raw.length && raw[i] !== SPACE && raw[i] !== NEWLINE) i++;
      let frequency = 0;
      if (raw[i] === SPACE) for (i++; raw[i]! >= 0x30 && raw[i]! <= 0x39; i++) frequency = frequency * 10 + raw[i]! - 0x30;
      while (i < raw.length && raw[i] !== NEWLINE) i++;
      if (i > start) {
        const group = lines.get(char) ?? [];
        if (group.length === 0) lines.set(char, group);
        group.push({ start, end: i, frequency });
        words++;
      }
      i++;
    }
    const chars = Int32Array.from([...lines.keys()].sort((a, b) => a - b));
    const offsets = new Int32Array(chars.length + 1);
    const frequencies = new Float64Array(chars.length);
    const text = new Uint8Array(raw.length + 1);
    let at = 0;
    chars.forEach((char, g) => {
      offsets[g] = at;
      let frequency = 0;
      for (const line of lines.get(char)!) {
        text.set(raw.subarray(line.start, line.end), at);
        at += line.end - line.start;
        text[at++] = NEWLINE;
        frequency += line.frequency;
      }
      frequencies[g] = frequency;
    });
    offsets[chars.length] = at;
    return new JiebaDictionary(text.subarray(0, at), chars, offsets, frequencies, words);
  }

  static decode(raw: Buffer, file: string): JiebaDictionary {
    const s = decodeSections(raw, KIND, file);
    const text = s.get("text", "u8");
    const chars = s.get("chars", "i32");
    const offsets = s.get("offsets", "i32");
    const frequencies = s.get("frequencies", "f64");
    const words = s.meta.words;
    if (offsets.length !== chars.length + 1 || frequencies.length !== chars.length || offsets[chars.length] !== text.length || typeof words !== "number") {
      throw new IndexDamagedError(file, "group table does not match the text");
    }
    return new JiebaDictionary(text, chars, offsets, frequencies, words);
  }

  encode(): Buffer {
    return encodeSections(KIND, { words: this.words }, { text: this.text, chars: this.chars, offsets: this.offsets, frequencies: this.frequencies });
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
    const lines = this.text.subarray(this.offsets[g]!, this.offsets[g + 1]!);
    let words = 0;
    for (let i = 0; i < lines.length; i++) if (lines[i] === NEWLINE) words++;
    return { lines, words, frequency: this.frequencies[g]! };
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
