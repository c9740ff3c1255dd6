import { createRequire } from "node:module";

/**
 * A message typed in traditional characters (營業執照幾天能辦好, as investors from Hong Kong, Taiwan or abroad write)
 * read in the simplified characters the policy is written in, with OpenCC's character tables. (Not its Taiwan phrase
 * table: it rewrites words the policy uses, 互動 → 交互 in 银税互动, 線上 → 在线.)
 * Only a message with a character simplified Chinese never uses is converted, so the tables load on the first such
 * message, not at start-up, and a simplified message is always read as typed.
 */
export function asSimplified(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400 || simplifiedChars().has(code)) continue;
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch.length > 1) i++; // (a character beyond the BMP, read whole)
    if (/\p{Script=Han}/u.test(ch)) return converter()(text);
  }
  return text;
}

type Convert = (text: string) => string;
let convert: Convert | null = null;
let simplified: Set<number> | null = null;

// GB2312, the simplified character set (6,763 characters): each two-byte code A1–F7 × A1–FE decoded once, kept by code.
function simplifiedChars(): Set<number> {
  if (simplified) return simplified;
  const bytes: number[] = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) bytes.push(hi, lo);
  simplified = new Set([...new TextDecoder("gb2312").decode(Uint8Array.from(bytes))].map((c) => c.codePointAt(0)!));
  return simplified;
}

function converter(): Convert {
  if (convert) return convert;
  const { Converter } = createRequire(import.meta.url)("opencc-js/t2cn") as typeof import("opencc-js/t2cn");
  // Taiwan's characters, then Hong Kong's variants (衞 → 卫); 甚麼 is the mainland's 什么.
  const fromTaiwan = Converter({ from: "tw", to: "cn" });
  const fromHongKong = Converter({ from: "hk", to: "cn" });
  convert = (text) => fromHongKong(fromTaiwan(text)).replace(/甚么/g, "什么");
  return convert;
}
