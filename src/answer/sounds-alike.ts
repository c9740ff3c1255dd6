import { pinyin } from "@napi-rs/pinyin";

/**
 * People type Chinese by its sound, so their slips are words that sound alike (注消 → 注销, 然气 → 燃气,
 * 信异贷 → 信易贷, 公正 → 公证), and some type the sound itself (kai gongsi). Words of the maintained
 * vocabulary (lexicon terms, department names, glossary terms) are indexed by their pinyin, with the
 * sounds many speakers do not tell apart merged (zh/z, ch/c, sh/s, n/l, -ng/-n), as input methods do.
 */
const CJK = /^[\u4e00-\u9fff]+$/;
const MAX_PIECE = 6;
const MIN_INITIALS = 3;
const INITIALS_RUN = /(?<![A-Za-z])[b-df-hj-np-tv-z]{3,6}(?![A-Za-z])/gi;

/** One syllable with the distinctions people blur removed (a few hundred syllables: each blurred once). */
const blurred = new Map<string, string>();
function blur(syllable: string): string {
  let b = blurred.get(syllable);
  if (b === undefined) blurred.set(syllable, (b = syllable.replace(/^zh/, "z").replace(/^ch/, "c").replace(/^sh/, "s").replace(/^l/, "n").replace(/ng$/, "n")));
  return b;
}

/** One plain syllable per character (no tones, no alternative readings). */
const syllables = (text: string): string[] => pinyin(text) as string[];
export const soundOf = (text: string): string => syllables(text).map(blur).join(" ");

const nameSounds = new Map<string, string[]>();
const soundsOfName = (name: string) => {
  let sounds = nameSounds.get(name);
  if (sounds === undefined) nameSounds.set(name, (sounds = syllables(name).map(blur)));
  return sounds;
};

/** Names typed by their sound (克拉马依 → 克拉玛依): a run of as many characters sounding like a name is read as it. */
export function readNamesBySound(text: string, names: readonly string[]): string {
  return text.replace(/[\u4e00-\u9fff]{3,}/g, (run) => {
    const sounds = syllables(run).map(blur);
    let out = run;
    for (const name of names) {
      const wanted = soundsOfName(name);
      for (let i = 0; i + wanted.length <= sounds.length; i++) {
        if (!wanted.every((s, k) => sounds[i + k] === s)) continue;
        const piece = run.slice(i, i + wanted.length);
        if (piece !== name) out = out.replace(piece, name);
      }
    }
    return out;
  });
}

export class SoundsAlike {
  /** Blurred pinyin → the vocabulary words that sound so. */
  private readonly bySound = new Map<string, string[]>();
  /** Pinyin without spaces (kaigongsi) → the word, for questions typed in pinyin. */
  private readonly bySpelling = new Map<string, string>();
  /** A word's initials (yyzz) → the word; null when two words share them (then they abbreviate neither). */
  private readonly byInitials = new Map<string, string | null>();
  private readonly words: Set<string>;

  /**
   * @param slipsOnly words read from a slip in Chinese text but never from a question typed in pinyin: short
   * common words (立刻) are spelled like English ones (like).
   */
  constructor(vocabulary: Iterable<string>, slipsOnly: Iterable<string> = []) {
    const usable = (w: string) => w.length >= 2 && w.length <= MAX_PIECE && CJK.test(w);
    const spellable = new Set([...vocabulary].filter(usable));
    this.words = new Set([...spellable, ...[...slipsOnly].filter(usable)]);
    for (const w of this.words) {
      const read = syllables(w); // once per word: its sound, its spelling and its initials
      const sound = read.map(blur).join(" ");
      const list = this.bySound.get(sound);
      if (list) list.push(w);
      else this.bySound.set(sound, [w]);
      if (!spellable.has(w)) continue;
      const spelled = read.join("");
      if (!this.bySpelling.has(spelled)) this.bySpelling.set(spelled, w);
      if (w.length >= MIN_INITIALS) {
        const initials = read.map((s) => s[0]).join("");
        this.byInitials.set(initials, this.byInitials.has(initials) && this.byInitials.get(initials) !== w ? null : w);
      }
    }
  }

  /** Vocabulary words that sound like the piece (never the piece itself). */
  alike(piece: string): string[] {
    if (!CJK.test(piece) || piece.length < 2 || this.words.has(piece)) return [];
    return this.soundingLike(piece, syllables(piece).map(blur));
  }

  /**
   * What a word of the question may have been meant as: vocabulary words sounding like it, or like
   * it with up to three characters around it in the text (不懂产 → 不动产, 容缺受里 → 容缺受理, 成|对汇票 → 承兑汇票).
   */
  forWord(word: string, text: string): string[] {
    const run = (text.match(/[\u4e00-\u9fff]+/g) ?? []).find((r) => r.includes(word));
    if (!run) return this.alike(word);
    const at = run.indexOf(word);
    const sounds = syllables(run).map(blur); // one syllable per character of the run, read once
    const found = new Set<string>();
    for (let before = 0; before <= 3; before++)
      for (let after = 0; after <= 3; after++) {
        const from = at - before;
        const to = at + word.length + after;
        if (from < 0 || to > run.length || to - from > MAX_PIECE) continue;
        const piece = run.slice(from, to);
        if (this.words.has(piece)) continue;
        for (const w of this.soundingLike(piece, sounds.slice(from, to))) if (!text.includes(w)) found.add(w);
      }
    return [...found];
  }

  private soundingLike(piece: string, sounds: string[]): string[] {
    return (this.bySound.get(sounds.join(" ")) ?? []).filter((w) => w !== piece);
  }

  /**
   * A word typed as its initials in a Chinese message (yyzz几天能下来 → 营业执照几天能下来): a run of 3 to 6 Latin
   * consonants (no English word is one) that abbreviates exactly one vocabulary word.
   */
  readInitials(text: string): string {
    return text.replace(INITIALS_RUN, (run) => this.byInitials.get(run.toLowerCase()) ?? run);
  }

  /** A question typed in pinyin (kai gongsi yao ji tian) → the vocabulary words it spells, in order; null when it spells none. */
  readSpelling(latin: string): string | null {
    const tokens = latin.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
    const words: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      for (let n = Math.min(4, tokens.length - i); n >= 1 && !matched; n--) {
        const word = this.bySpelling.get(tokens.slice(i, i + n).join(""));
        if (word) words.push(word), (matched = n);
      }
      i += matched || 1;
    }
    return words.length ? words.join(" ") : null;
  }
}
