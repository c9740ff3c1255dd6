/**
 * A single short word with nothing asked in it (测试, asdf, 123, 好的呀): a stray input, not a
 * question. When the policy does not cover it, it is not worth a person's time; the asker is asked
 * to say what they want, and a person only if they ask for one.
 */
export function looksStray(text: string): boolean {
  const t = text.normalize("NFKC").trim();
  if (t === "" || /\s/.test(t)) return false;
  if (/[?？吗呢哪几谁啥怎]|如何|多少|什么|是否|能否|可以|可不可以|能不能|有没有|要不要/.test(t)) return false;
  if (!/\p{Script=Han}/u.test(t)) return /^[\p{L}\p{N}_-]+$/u.test(t);
  return Array.from(t).length <= 4;
}
