/**
 * Some slips are of shape, not sound: handwriting input and a quick eye take a character for one a stroke away (暧气 for 暖气,
 * 小徽企业 for 小微企业, 菅业执照 for 营业执照). A character of such a pair is read as the other where, so read, it makes a word the
 * policy or the lexicon uses and, as typed, makes no word at all (暧昧 stays).
 */
// Typed → meant: each typed character is rare in plain text beside the one meant, and two words differ by it only here.
const LOOK_ALIKE: Readonly<Record<string, string>> = { 暧: "暖", 徽: "微", 菅: "营", 侯: "候", 拔: "拨" };
const TYPED = new RegExp(`[${Object.keys(LOOK_ALIKE).join("")}]`);
const MAX_WORD = 4;

/** @param isWord a word of the policy or the lexicon; @param isKnown any word at all (the dictionary's too). */
export function readLookAlikes(text: string, isWord: (w: string) => boolean, isKnown: (w: string) => boolean): string {
  if (!TYPED.test(text)) return text;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const meant = LOOK_ALIKE[chars[i]!];
    if (!meant) continue;
    const windows: Array<[number, number]> = [];
    for (let length = 2; length <= MAX_WORD; length++)
      for (let from = Math.max(0, i - length + 1); from <= i && from + length <= chars.length; from++) windows.push([from, from + length]);
    const typedWord = windows.some(([a, b]) => a + 2 >= b && isKnown(chars.slice(a, b).join("")));
    if (typedWord) continue;
    const read = (a: number, b: number) => chars.slice(a, b).map((c, k) => (a + k === i ? meant : c)).join("");
    if (windows.some(([a, b]) => isWord(read(a, b)))) chars[i] = meant;
  }
  return chars.join("");
}
