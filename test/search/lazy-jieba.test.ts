import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Jieba } from "@node-rs/jieba";
import { describe, expect, it } from "vitest";
import { corpusVocabulary, loadCorpus } from "../../src/policy/corpus.js";
import { IndexDamagedError } from "../../src/search/index-damage.js";
import { JiebaDictionary } from "../../src/search/jieba-dictionary.js";
import { lazyJieba } from "../../src/search/lazy-jieba.js";

const REPO = join(import.meta.dirname, "../..");
const raw = readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"));
const dictionary = JiebaDictionary.fromText(raw);
const lines = raw.toString("utf8").split("\n").filter(Boolean);

describe("JiebaDictionary", () => {
  it("holds every line of jieba's file once, in the group of the character its word begins with, and survives encoding", () => {
    const decoded = JiebaDictionary.decode(dictionary.encode(), "dictionary.bin");
    const regrouped: string[] = [];
    const firsts = new Set(lines.map((l) => l.codePointAt(0)!));
    for (const char of firsts) {
      const group = decoded.group(char)!;
      const text = Buffer.from(group.lines).toString("utf8").split("\n").filter(Boolean);
      expect(text.every((l) => l.codePointAt(0) === char)).toBe(true);
      expect(group.words).toBe(text.length);
      expect(group.frequency).toBe(text.reduce((sum, l) => sum + Number(l.split(" ")[1]), 0));
      regrouped.push(...text);
    }
    expect(regrouped.sort()).toEqual([...lines].sort());
    expect(decoded.words).toBe(lines.length);
    expect(decoded.total).toBe(lines.reduce((sum, l) => sum + Number(l.split(" ")[1]), 0));
    expect(decoded.group("\u0001".codePointAt(0)!)).toBeNull();
  });

  it("finds a word's frequency, 0 for a word it does not hold", () => {
    const decoded = JiebaDictionary.decode(dictionary.encode(), "dictionary.bin");
    for (let i = 0; i < lines.length; i += 997) {
      const [word, frequency] = lines[i]!.split(" ");
      expect(decoded.frequencyOf(word!)).toBe(Number(frequency));
    }
    for (const unknown of ["接电报装", "zzqx", "𠀀字号"]) expect(decoded.frequencyOf(unknown)).toBe(0);
  });

  it("groups another dictionary's file too: lines out of order, an empty line, no final newline", () => {
    const other = JiebaDictionary.fromText(Buffer.from("办电 30 v\n企业 500 n\n\n办 10 v\n企业开办 7 l\nAB型 3 n"));
    expect(other.words).toBe(5);
    expect(other.total).toBe(550);
    expect(Buffer.from(other.group("企".codePointAt(0)!)!.lines).toString()).toBe("企业 500 n\n企业开办 7 l\n");
    expect(other.group("办".codePointAt(0)!)).toMatchObject({ words: 2, frequency: 40 });
    expect(Buffer.from(other.group("A".codePointAt(0)!)!.lines).toString()).toBe("AB型 3 n\n");
    expect([other.frequencyOf("办"), other.frequencyOf("办电"), other.frequencyOf("企业开办"), other.frequencyOf("企")]).toEqual([10, 30, 7, 0]);
  });

  it("a truncated file is an IndexDamagedError", () => {
    const bytes = dictionary.encode();
    expect(() => JiebaDictionary.decode(bytes.subarray(0, bytes.length >> 1), "dictionary.bin")).toThrow(IndexDamagedError);
  });
});

describe("lazyJieba", () => {
  const userWords = corpusVocabulary(loadCorpus(join(REPO, "corpus"))).filter((w) => /^[\u4e00-\u9fff]{2,}$/.test(w));
  const whole = Jieba.withDict(raw);
  whole.loadDict(Buffer.from(userWords.map((w) => `${w} 20000`).join("\n")));

  it("loads only the words that begin as the text's characters do", () => {
    const lazy = lazyJieba(dictionary, userWords, 20000);
    expect(lazy.loadedWords).toBe(0);
    lazy.cutForSearch("小饭馆接电要几天？", true);
    expect(lazy.loadedWords).toBeGreaterThan(0);
    expect(lazy.loadedWords).toBeLessThan(lines.length / 20);
  });

  it("reads every text as jieba with the whole dictionary does: cut, cut for search and tags, with and without HMM", () => {
    const texts: string[] = [];
    for (const f of readdirSync(join(REPO, "eval")).filter((f) => f.endsWith(".jsonl")))
      for (const line of readFileSync(join(REPO, "eval", f), "utf8").split("\n").filter(Boolean)) {
        const { q } = JSON.parse(line) as { q?: unknown };
        if (typeof q === "string") texts.push(q);
      }
    for (const f of readdirSync(join(REPO, "corpus/policy"))) texts.push(...readFileSync(join(REPO, "corpus/policy", f), "utf8").split(/\n|。/));
    // Letters, digits and words the dictionary spells with capitals; a character outside the BMP; the ballast's characters.
    texts.push("4S店和T恤，iPhone手机", "Which department handles company registration?", "𠀀字号", "\u0001\u0002办电", ...userWords);
    // Read in this order by one instance: most texts come while the dictionary is partly loaded.
    const lazy = lazyJieba(dictionary, userWords, 20000);
    const differing: string[] = [];
    // The analyzer reads questions lower-cased (words, keywords) and as written (tags).
    for (const text of new Set([...texts, ...texts.map((t) => t.toLowerCase())]))
      for (const hmm of [true, false])
        for (const reading of ["cut", "cutForSearch", "tag"] as const)
          if (JSON.stringify(lazy[reading](text, hmm)) !== JSON.stringify(whole[reading](text, hmm))) differing.push(`${reading} ${hmm} ${text}`);
    expect(texts.length).toBeGreaterThan(5_000);
    expect(differing).toEqual([]);
  });
});
