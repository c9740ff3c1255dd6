import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { IdfTable } from "../../src/search/idf-table.js";
import { IndexDamagedError } from "../../src/search/index-damage.js";
import { StringTable } from "../../src/search/string-table.js";

describe("StringTable", () => {
  const keys = ["供水", "报装", "~供水", "a", "", "𠀀字", "企业开办"];
  const table = StringTable.build(keys);

  it("finds every key's id and no other string", () => {
    keys.forEach((k, i) => expect(table.id(k)).toBe(i));
    keys.forEach((k, i) => expect(table.key(i)).toBe(k));
    for (const other of ["供", "供水报装", "b", "~", "企业开"]) expect(table.id(other)).toBe(-1);
    expect(table.size).toBe(keys.length);
  });

  it("refuses duplicate keys", () => {
    expect(() => StringTable.build(["甲", "乙", "甲"])).toThrow(/duplicate/);
  });
});

describe("IdfTable", () => {
  const jiebaText = readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/idf.txt"), "utf8");
  const table = IdfTable.fromText(jiebaText);

  it("holds exactly what a Map of jieba's idf.txt holds, and survives encoding", () => {
    const expected = new Map<string, number>();
    for (const line of jiebaText.split("\n")) {
      const space = line.lastIndexOf(" ");
      if (space > 0) expected.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
    const decoded = IdfTable.decode(table.encode(), "idf.bin");
    expect(table.size).toBe(expected.size);
    expect(decoded.size).toBe(expected.size);
    for (const [word, idf] of expected) {
      expect(table.get(word)).toBe(idf);
      expect(decoded.get(word)).toBe(idf);
    }
    for (const unknown of ["zzqx不存在词", "", "企业企业企业"]) {
      expect(decoded.get(unknown)).toBeUndefined();
      expect(decoded.has(unknown)).toBe(false);
    }
  });

  it("a truncated file is an IndexDamagedError", () => {
    const bytes = table.encode();
    expect(() => IdfTable.decode(bytes.subarray(0, bytes.length >> 1), "idf.bin")).toThrow(IndexDamagedError);
  });
});
