import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { decodeSections, encodeSections } from "./binary-file.js";
import { IndexDamagedError } from "./index-damage.js";
import { StringTable } from "./string-table.js";

const KIND = "general-idf";

/**
 * Jieba's general-language IDF table (~270,000 words). Parsing its text file into a Map cost start-up
 * 0.3–0.9 s and ~80 MB, so it is parsed once when the index is built and stored beside it in binary.
 */
export class IdfTable {
  private constructor(
    private readonly words: StringTable,
    private readonly values: Float64Array,
  ) {}

  /** From jieba's idf.txt (lines "word idf"): the build path. */
  static fromJieba(): IdfTable {
    const path = createRequire(import.meta.url).resolve("@node-rs/jieba/idf.txt");
    return IdfTable.fromText(readFileSync(path, "utf8"));
  }

  static fromText(text: string): IdfTable {
    const index = new Map<string, number>();
    const values: number[] = [];
    for (const line of text.split("\n")) {
      const space = line.lastIndexOf(" ");
      if (space <= 0) continue;
      const word = line.slice(0, space);
      const value = Number(line.slice(space + 1));
      const at = index.get(word);
      // A repeated word keeps its last value, as a Map built line by line would.
      if (at === undefined) {
        index.set(word, values.length);
        values.push(value);
      } else values[at] = value;
    }
    return new IdfTable(StringTable.build([...index.keys()]), Float64Array.from(values));
  }

  static decode(raw: Buffer, file: string): IdfTable {
    const s = decodeSections(raw, KIND, file);
    const words = StringTable.fromSections(s, "words", file);
    const values = s.get("values", "f64");
    if (values.length !== words.size || s.meta.words !== words.size) throw new IndexDamagedError(file, "word and value counts differ");
    return new IdfTable(words, values);
  }

  encode(): Buffer {
    return encodeSections(KIND, { words: this.words.size }, { ...this.words.sections("words"), values: this.values });
  }

  get size(): number {
    return this.words.size;
  }

  /** The word's IDF, or undefined when the table does not know it. */
  get(word: string): number | undefined {
    const id = this.words.id(word);
    return id < 0 ? undefined : this.values[id];
  }

  has(word: string): boolean {
    return this.words.id(word) >= 0;
  }
}
