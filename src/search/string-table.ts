import type { DecodedSections, Section } from "./binary-file.js";
import { fnv1a } from "./hash.js";
import { IndexDamagedError } from "./index-damage.js";

/**
 * A read-only set of strings, each with an id (its position when built), in three typed arrays:
 * the UTF-16 code units of all keys, where each key starts, and an open-addressing hash table of ids.
 * Hundreds of thousands of words cost a few MB and no JS objects, and load without parsing.
 */
export class StringTable {
  private readonly mask: number;

  private constructor(
    private readonly chars: Uint16Array,
    private readonly starts: Uint32Array,
    private readonly slots: Uint32Array,
  ) {
    this.mask = slots.length - 1;
  }

  /** Keys must be distinct; the id of keys[i] is i. */
  static build(keys: readonly string[]): StringTable {
    let total = 0;
    for (const k of keys) total += k.length;
    const chars = new Uint16Array(total);
    const starts = new Uint32Array(keys.length + 1);
    let at = 0;
    keys.forEach((k, i) => {
      starts[i] = at;
      for (let c = 0; c < k.length; c++) chars[at++] = k.charCodeAt(c);
    });
    starts[keys.length] = at;
    // At most ~60% full, so a missing key is found missing after a probe or two.
    let capacity = 8;
    while (capacity * 0.6 < keys.length) capacity *= 2;
    const table = new StringTable(chars, starts, new Uint32Array(capacity));
    keys.forEach((k, i) => table.insert(k, i));
    return table;
  }

  static fromSections(s: DecodedSections, prefix: string, file: string): StringTable {
    const chars = s.get(`${prefix}.chars`, "u16");
    const starts = s.get(`${prefix}.starts`, "u32");
    const slots = s.get(`${prefix}.slots`, "u32");
    const n = starts.length - 1;
    if (n < 0 || starts[n] !== chars.length || slots.length < n || (slots.length & (slots.length - 1)) !== 0)
      throw new IndexDamagedError(file, `string table ${prefix} is inconsistent`);
    return new StringTable(chars, starts, slots);
  }

  sections(prefix: string): Record<string, Section> {
    return { [`${prefix}.chars`]: this.chars, [`${prefix}.starts`]: this.starts, [`${prefix}.slots`]: this.slots };
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** The key's id, or -1. */
  id(key: string): number {
    for (let i = fnv1a(key) & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i]!;
      if (slot === 0) return -1;
      if (this.equals(slot - 1, key)) return slot - 1;
    }
  }

  key(id: number): string {
    return String.fromCharCode(...this.chars.subarray(this.starts[id]!, this.starts[id + 1]!));
  }

  private insert(key: string, id: number) {
    let i = fnv1a(key) & this.mask;
    while (this.slots[i] !== 0) {
      if (this.equals(this.slots[i]! - 1, key)) throw new Error(`StringTable: duplicate key ${key}`);
      i = (i + 1) & this.mask;
    }
    this.slots[i] = id + 1;
  }

  private equals(id: number, key: string): boolean {
    const start = this.starts[id]!;
    if (this.starts[id + 1]! - start !== key.length) return false;
    for (let c = 0; c < key.length; c++) if (this.chars[start + c] !== key.charCodeAt(c)) return false;
    return true;
  }
}
