/**
 * The characters a regular expression's non-empty match at the start of a text can begin with, read from its source, so a
 * long list of patterns tried in turn at one point (the small-talk pieces) skips at once those that cannot start there.
 * Conservative: null (any character) wherever the source holds what this reader does not follow (wide or negated classes,
 * \s, \p{…}, ., back-references).
 */
export type FirstChars = ReadonlySet<string> | null;

interface Read {
  /** The characters the part can begin with; null: any. */
  first: Set<string> | null;
  /** Whether the part can match the empty string. */
  empty: boolean;
}

const ANY: Read = { first: null, empty: false };
// (Reads are merged in place: each starts with a set of its own.)
const nothing = (): Read => ({ first: new Set(), empty: true });
// Escaped characters that stand for themselves.
const LITERAL_ESCAPE = /[.?*+()[\]{}|^$\\/\-]/;

/** First characters of a pattern's non-empty matches (with the i flag, both cases); null when any may begin one. */
export function firstChars(pattern: RegExp): FirstChars {
  try {
    const reader = new SourceReader(pattern.source, pattern.flags.includes("u"));
    const read = reader.alternatives();
    if (!reader.done()) return null;
    if (!read.first || !pattern.flags.includes("i")) return read.first;
    return new Set([...read.first].flatMap((c) => [c, c.toLowerCase(), c.toUpperCase()]));
  } catch {
    return null;
  }
}

/**
 * For patterns tried in turn: the positions, in order, of those whose non-empty match can begin a text, looked up by its
 * first character.
 */
export function piecesByFirstChar(firsts: readonly FirstChars[]): (text: string) => readonly number[] {
  const anyChar = firsts.flatMap((f, i) => (f === null ? [i] : []));
  const byChar = new Map<string, number[]>();
  firsts.forEach((f, i) => {
    for (const c of f ?? []) byChar.set(c, [...(byChar.get(c) ?? []), i]);
  });
  for (const [c, positions] of byChar) byChar.set(c, [...positions, ...anyChar].sort((a, b) => a - b));
  return (text) => byChar.get(String.fromCodePoint(text.codePointAt(0) ?? 0)) ?? anyChar;
}

// Read at a position of the source (sticky).
const LOOKAROUND = /\?(=|!|<=|<!)/y;
const COUNTED = /\{(\d+)(,\d*)?\}/y;
const HEX4 = /\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4}/y;
const HEX2 = /[0-9a-fA-F]{2}/y;
const ORDINARY_RUN = /[^\\[\]()|]+/y;

class SourceReader {
  private at = 0;

  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
  ) {}

  done(): boolean {
    return this.at >= this.source.length;
  }

  alternatives(): Read {
    let read = this.sequence();
    while (this.peek() === "|") {
      this.at++;
      read = either(read, this.sequence());
    }
    return read;
  }

  private sequence(): Read {
    let read = nothing();
    while (!this.done() && this.peek() !== "|" && this.peek() !== ")") {
      // Past a part that cannot be empty, what follows cannot begin a match: skipped, not read.
      if (!read.empty) return this.skipSequence(), read;
      read = then(read, this.quantified(this.atom()));
    }
    return read;
  }

  /** To the end of the current alternative (its | or closing parenthesis), over groups, classes and escapes. */
  private skipSequence(): void {
    let depth = 0;
    for (; !this.done(); this.at++) {
      this.sticky(ORDINARY_RUN);
      const c = this.source[this.at];
      if (c === "\\") this.at++;
      else if (c === "[") this.skipClass(), this.at--;
      else if (c === "(") depth++;
      else if (c === ")" && depth-- === 0) return;
      else if (c === "|" && depth === 0) return;
    }
  }

  private quantified(atom: Read): Read {
    const c = this.peek();
    let optional: boolean;
    let counted: RegExpExecArray | null;
    if (c === "?" || c === "*" || c === "+") {
      optional = c !== "+";
      this.at++;
    } else if (c === "{" && (counted = this.sticky(COUNTED))) {
      optional = counted[1] === "0";
    } else return atom;
    if (this.peek() === "?") this.at++; // lazy
    return optional ? { first: atom.first, empty: true } : atom;
  }

  private atom(): Read {
    const c = this.char();
    if (c === "^" || c === "$") return nothing();
    if (c === ".") return ANY;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "\\") return this.escape();
    return literal(c);
  }

  private group(): Read {
    const lookaround = this.sticky(LOOKAROUND);
    if (!lookaround && this.source.startsWith("?:", this.at)) this.at += 2;
    else if (!lookaround && this.peek() === "?") throw new Error("named group");
    const read = this.alternatives();
    if (this.char() !== ")") throw new Error("unclosed group");
    // A lookaround consumes nothing: it only narrows what follows.
    return lookaround ? nothing() : read;
  }

  private escape(): Read {
    const c = this.char();
    if (c === "b" || c === "B") return nothing();
    if (LITERAL_ESCAPE.test(c)) return literal(c);
    const hex = c === "u" ? this.sticky(HEX4) : c === "x" ? this.sticky(HEX2) : null;
    return hex ? literal(String.fromCodePoint(parseInt(hex[0].replace(/[{}]/g, ""), 16))) : ANY;
  }

  private charClass(): Read {
    if (this.peek() === "^") throw new Error("negated class");
    const members = new Set<string>();
    while (this.peek() !== "]") {
      if (this.done()) throw new Error("unclosed class");
      let c = this.char();
      if (c === "\\") {
        const e = this.escape();
        if (!e.first || e.first.size !== 1) return this.skipClass();
        c = [...e.first][0]!;
      }
      if (this.peek() === "-" && this.source[this.at + 1] !== "]") return this.skipClass(); // a range
      // (Without u, a class holds the halves of an emoji, not the emoji.)
      if (!this.unicode && c.length > 1) return this.skipClass();
      members.add(c);
    }
    this.at++;
    return { first: members, empty: false };
  }

  /** A class this reader does not follow: any character. */
  private skipClass(): Read {
    while (!this.done() && this.peek() !== "]") this.at += this.peek() === "\\" ? 2 : 1;
    this.at++;
    return ANY;
  }

  /** The character at the position (an emoji whole), read. */
  private char(): string {
    const c = String.fromCodePoint(this.source.codePointAt(this.at)!);
    this.at += c.length;
    return c;
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  /** The pattern matched at the position, read past; null when it does not match there. */
  private sticky(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.at;
    const m = pattern.exec(this.source);
    if (m) this.at = pattern.lastIndex;
    return m;
  }
}

const literal = (c: string): Read => ({ first: new Set([c]), empty: false });

/** a or b (a's set is added to: it is the caller's own). */
function either(a: Read, b: Read): Read {
  return { first: merged(a.first, b.first), empty: a.empty || b.empty };
}

/** a then b: b's first characters count where a may be empty. */
function then(a: Read, b: Read): Read {
  return a.empty ? { first: merged(a.first, b.first), empty: b.empty } : a;
}

function merged(into: Set<string> | null, from: Set<string> | null): Set<string> | null {
  if (!into || !from) return null;
  for (const c of from) into.add(c);
  return into;
}
