/**
 * text.matchAll(re) as an array, for a global re. String.prototype.matchAll makes a new RegExp from re's source on every call
 * (parsed and looked up in V8's regexp cache; the engine made about thirty a question): this reads with re itself, from its
 * lastIndex as matchAll does, and leaves its lastIndex as it was.
 */
export function matchesOf(text: string, re: RegExp): RegExpExecArray[] {
  if (!re.global) throw new TypeError(`matchesOf: ${re} is not global`);
  const start = re.lastIndex;
  const found: RegExpExecArray[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    found.push(m);
    // An empty match moves on one character (one code point under the u or v flag), as matchAll does.
    if (m[0] === "") re.lastIndex = nextIndex(text, re.lastIndex, /[uv]/.test(re.flags));
  }
  re.lastIndex = start;
  return found;
}

function nextIndex(text: string, at: number, byCodePoint: boolean): number {
  if (!byCodePoint || at + 1 >= text.length) return at + 1;
  const first = text.charCodeAt(at);
  const second = text.charCodeAt(at + 1);
  return first >= 0xd800 && first <= 0xdbff && second >= 0xdc00 && second <= 0xdfff ? at + 2 : at + 1;
}
