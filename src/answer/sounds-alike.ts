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
const MIN_LONG_SLIP = 4;
const QUOTED_MIN = 5; // a quoted name of this many syllables, sounding alike, is read as typed once
// Negations typed in pinyin (meiyou, mei you, bu): kept on the word they come before.
// (A Map: a word typed beside them, constructor, is no key of an object's prototype.)
const SPELLED_NEGATION: ReadonlyMap<string, string> = new Map([
  ["meiyou", "没有"],
  ["mei", "没"],
  ["bu", "不"],
  ["wu", "无"],
]);
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

// pinyin reads each character on its own (行长 is xing zhang: no phrase readings), so a run's syllables are its characters' own,
// each read from pinyin once and kept; a new run costs no call into pinyin (the test holds this against pinyin itself).
const FIRST_CJK = 0x4e00;
const charSounds: string[] = new Array<string>(0x9fff - FIRST_CJK + 1).fill("");
function soundOfChar(char: string): string {
  const at = char.charCodeAt(0) - FIRST_CJK;
  if (at < 0 || at >= charSounds.length) return syllables(char)[0] ?? char; // (no run holds one: kept out of the table all the same)
  let sound = charSounds[at]!;
  if (!sound) charSounds[at] = sound = (syllables(char)[0] ?? char);
  return sound;
}

/** pinyin(run) for a run of CJK characters (U+4E00–U+9FFF): characters pinyin has no sound for come out as written, those in a row joined, as pinyin joins them. */
export function runSyllables(run: string): string[] {
  const out: string[] = [];
  let unsounded = false; // whether the last syllable is characters without a sound
  for (let i = 0; i < run.length; i++) {
    const char = run[i]!;
    const sound = soundOfChar(char);
    if (sound !== char) {
      out.push(sound);
      unsounded = false;
    } else if (unsounded) out[out.length - 1] += char;
    else {
      out.push(char);
      unsounded = true;
    }
  }
  return out;
}

// A message's runs are read again on each of the next turns (its history) and by each word looked up: each run's blurred
// sounds are made once while it is recent.
const MAX_RUNS_HEARD = 4096;
const runSounds = new Map<string, readonly string[]>();
function blurredSounds(run: string): readonly string[] {
  let sounds = runSounds.get(run);
  if (!sounds) {
    if (runSounds.size >= MAX_RUNS_HEARD) runSounds.clear();
    runSounds.set(run, (sounds = runSyllables(run).map(blur)));
  }
  return sounds;
}
export const soundOf = (text: string): string => syllables(text).map(blur).join(" ");

const nameSounds = new Map<string, string[]>();
const soundsOfName = (name: string) => {
  let sounds = nameSounds.get(name);
  if (sounds === undefined) nameSounds.set(name, (sounds = syllables(name).map(blur)));
  return sounds;
};

/** The slipped characters of a term with a neighbour each (容却 of 容却受理 for 容缺受理), as typed and as meant. */
function slippedPairs(piece: string, term: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let k = 0; k < piece.length; k++) {
    if (piece[k] === term[k]) continue;
    for (const from of [k - 1, k]) if (from >= 0 && from + 2 <= piece.length) pairs.push([piece.slice(from, from + 2), term.slice(from, from + 2)]);
  }
  return pairs;
}
const count = (text: string, piece: string) => text.split(piece).length - 1;
/** Where a piece stands in a text, each time. */
function occurrences(text: string, piece: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(piece); i >= 0; i = text.indexOf(piece, i + 1)) at.push(i);
  return at;
}
/** Whether two Chinese characters in a row occur twice in the text. */
function repeatsAPair(text: string): boolean {
  const seen = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2);
    if (!CJK.test(pair)) continue;
    if (seen.has(pair)) return true;
    seen.add(pair);
  }
  return false;
}

/** Whether the run's sounds from `at` are the wanted ones (a loop: this runs for every place of every run of every message). */
function soundsAt(sounds: readonly string[], at: number, wanted: readonly string[]): boolean {
  for (let k = 0; k < wanted.length; k++) if (sounds[at + k] !== wanted[k]) return false;
  return true;
}

/** Names typed by their sound (克拉马依 → 克拉玛依): a run of as many characters sounding like a name is read as it. */
export function readNamesBySound(text: string, names: readonly string[]): string {
  return text.replace(/[\u4e00-\u9fff]{3,}/g, (run) => {
    const sounds = blurredSounds(run);
    let out = run;
    for (const name of names) {
      const wanted = soundsOfName(name);
      for (let i = 0; i + wanted.length <= sounds.length; i++) {
        if (!soundsAt(sounds, i, wanted)) continue;
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
  /** A sound's first syllable → how many syllables the vocabulary's sounds beginning with it have: most pieces of a run sound like no word. */
  private readonly soundLengths = new Map<string, Set<number>>();
  /** Pinyin without spaces (kaigongsi) → the word, for questions typed in pinyin. */
  private readonly bySpelling = new Map<string, string>();
  /** A word's initials (yyzz) → the word; null when two words share them (then they abbreviate neither). */
  private readonly byInitials = new Map<string, string | null>();
  private readonly words: Set<string>;
  /** The most syllables a word spelled in pinyin has (行政许可事项清单: 8), typed each apart at most. */
  private readonly longestSpelling: number;

  /** The policy's quoted names of QUOTED_MIN characters or more (双随机一公开), by their blurred sound; one sound, one name. */
  private readonly quoted: Array<{ sounds: readonly string[]; written: string }> = [];

  /**
   * @param slipsOnly words read from a slip in Chinese text but never from a question typed in pinyin: short
   * common words (立刻) are spelled like English ones (like).
   * @param quotedNames names the policy puts in quotation marks, as written (their 、 kept).
   */
  constructor(vocabulary: Iterable<string>, slipsOnly: Iterable<string> = [], quotedNames: Iterable<string> = []) {
    const bySound = new Map<string, string[]>();
    for (const name of new Set(quotedNames)) {
      // (Without its 、: a name read as one thing, not a list of two to be asked of each.)
      const bare = name.replace(/[、，,]/g, "");
      if (bare.length < QUOTED_MIN || !CJK.test(bare)) continue;
      const sound = syllables(bare).map(blur).join(" ");
      bySound.set(sound, [...new Set([...(bySound.get(sound) ?? []), bare])]);
    }
    for (const [sound, names] of bySound) if (names.length === 1) this.quoted.push({ sounds: sound.split(" "), written: names[0]! });
    const usable = (w: string) => w.length >= 2 && w.length <= MAX_PIECE && CJK.test(w);
    // (A term longer than a slip is looked for in, 行政许可事项清单, is still typed in pinyin: spelled, never read as a slip.)
    const spellable = new Set([...vocabulary].filter((w) => w.length >= 2 && CJK.test(w)));
    this.words = new Set([...spellable, ...slipsOnly].filter(usable));
    this.longestSpelling = Math.max(0, ...[...spellable].map((w) => w.length));
    for (const w of new Set([...this.words, ...spellable])) {
      const read = syllables(w); // once per word: its sound, its spelling and its initials
      if (this.words.has(w)) {
        const sound = read.map(blur).join(" ");
        const list = this.bySound.get(sound);
        if (list) list.push(w);
        else this.bySound.set(sound, [w]);
        const first = blur(read[0]!);
        this.soundLengths.set(first, (this.soundLengths.get(first) ?? new Set()).add(read.length));
      }
      if (!spellable.has(w)) continue;
      const spelled = read.join("");
      if (!this.bySpelling.has(spelled)) this.bySpelling.set(spelled, w);
      if (w.length >= MIN_INITIALS && w.length <= MAX_PIECE) {
        const initials = read.map((s) => s[0]).join("");
        this.byInitials.set(initials, this.byInitials.has(initials) && this.byInitials.get(initials) !== w ? null : w);
      }
    }
  }

  /** Vocabulary words that sound like the piece (never the piece itself). */
  alike(piece: string): string[] {
    if (!CJK.test(piece) || piece.length < 2 || this.words.has(piece)) return [];
    return this.soundingLike(piece, blurredSounds(piece).join(" "));
  }

  /**
   * What a word of the question may have been meant as: vocabulary words sounding like it, or like
   * it with up to three characters around it in the text (不懂产 → 不动产, 容缺受里 → 容缺受理, 成|对汇票 → 承兑汇票).
   */
  forWord(word: string, text: string, standsAlone?: (run: string, at: number) => boolean): string[] {
    const runs = text.match(/[\u4e00-\u9fff]+/g) ?? [];
    const run = runs.find((r) => r.includes(word));
    if (!run) return this.alike(word);
    // (注消公司要公是几天: the 公 asked about is the one standing alone, not the one inside 公司 before it.)
    const alone = standsAlone && runs.flatMap((r) => occurrences(r, word).filter((at) => standsAlone(r, at)).map((at) => ({ r, at })))[0];
    const found = alone ? this.inRun(word, alone.r, text, alone.at) : this.inRun(word, run, text);
    if (found.length) return found;
    // (作抵压，登计要几天: a term said in two halves with a pause between, 抵押|登记, each slipped, is read as said, across the comma.)
    const spoken = (text.replace(/(?<=[\u4e00-\u9fff])[，,](?=[\u4e00-\u9fff])/g, "").match(/[\u4e00-\u9fff]+/g) ?? []).find((r) => r.includes(word) && r !== run);
    return spoken ? this.inRun(word, spoken, text).filter((w) => w.length >= MIN_LONG_SLIP) : [];
  }

  private inRun(word: string, run: string, text: string, at = run.indexOf(word)): string[] {
    const sounds = blurredSounds(run); // one syllable per character of the run, read once
    const found = new Set<string>();
    for (let before = 0; before <= 3; before++) {
      const from = at - before;
      if (from < 0) continue;
      // The piece's sounds as bySound keys them, one syllable longer for each character taken after the word.
      let heard = sounds.slice(from, at + word.length).join(" ");
      for (let after = 0; after <= 3; after++) {
        const to = at + word.length + after;
        if (to > run.length || to - from > MAX_PIECE) break; // (and so for every piece longer still)
        if (after > 0) heard = to <= sounds.length ? `${heard} ${sounds[to - 1]}` : sounds.slice(from, to).join(" ");
        if (!this.soundLengths.get(sounds[from]!)?.has(to - from)) continue;
        const piece = run.slice(from, to);
        if (this.words.has(piece)) continue;
        for (const w of this.soundingLike(piece, heard)) if (!text.includes(w)) found.add(w);
      }
    }
    return [...found];
  }

  /** Vocabulary words other than the piece sounding as `heard` (blurred syllables joined by spaces). */
  private soundingLike(piece: string, heard: string): string[] {
    return (this.bySound.get(heard) ?? []).filter((w) => w !== piece);
  }

  /**
   * A long term typed by its sound and typed again in short, the slipped character with a neighbour (容却受理是啥，哪些事能容却): the
   * asker spells it so throughout, and the short form, cut apart from the term (能容|却), is read as the term's (容缺受理, 能容缺).
   * A slip typed once is left to the word-by-word guesses. Only terms of MIN_LONG_SLIP characters or more, where a run of syllables
   * alike is seldom chance, slipped inside (at an edge, a character beside a word typed right may belong to the sentence: 是税务局),
   * and pieces that are no word of their own (`known`).
   */
  readRepeatedSlips(text: string, known: (piece: string) => boolean): string {
    // A slip typed again in short repeats two characters; a message repeating none (most) is left as it is, without reading its sounds.
    if (!repeatsAPair(text)) return text;
    let read = text;
    for (const run of text.match(/[\u4e00-\u9fff]{4,}/g) ?? []) {
      const sounds = blurredSounds(run);
      for (let length = Math.min(MAX_PIECE, run.length); length >= MIN_LONG_SLIP; length--)
        for (let from = 0; from + length <= run.length; from++) {
          const piece = run.slice(from, from + length);
          if (this.words.has(piece) || known(piece) || !read.includes(piece)) continue;
          const meant = this.soundingLike(piece, sounds.slice(from, from + length).join(" "));
          const term = meant.length === 1 ? meant[0]! : undefined;
          if (!term || [...piece].some((c, k) => c !== term[k] && (k === 0 || k === length - 1))) continue;
          const again = slippedPairs(piece, term).filter(([typed]) => !known(typed) && !this.words.has(typed) && count(read, typed) > count(read, piece));
          if (!again.length) continue;
          read = read.split(piece).join(term);
          for (const [typed, right] of again) read = read.split(typed).join(right);
        }
    }
    return read;
  }

  /**
   * A name the policy quotes typed by its sound once (双随机一工开 → 双随机一公开): five syllables alike in a row or more are seldom
   * chance, so the run is read as the policy's name (its 、 left out), in the text itself, before the sentence is parsed (一工开, glued to 开,
   * would read as opening a business). Only a name no other sounds like; a run typed as written stays.
   */
  readQuotedNames(text: string): string {
    if (!this.quoted.length) return text;
    let read = text;
    for (const run of text.match(/[\u4e00-\u9fff]{5,}/g) ?? []) {
      const sounds = blurredSounds(run);
      const heard = new Set(sounds);
      for (const { sounds: wanted, written } of this.quoted) {
        if (!heard.has(wanted[0]!)) continue; // (most runs hold no name's first syllable)
        for (let i = 0; i + wanted.length <= sounds.length; i++) {
          if (!soundsAt(sounds, i, wanted)) continue;
          const piece = run.slice(i, i + wanted.length);
          if (piece !== written && read.includes(piece)) read = read.replace(piece, written);
        }
      }
    }
    return read;
  }

  /**
   * A word typed as its initials in a Chinese message (bdcdj多久能办完 → 不动产登记多久能办完): a run of 3 to 6 Latin
   * consonants (no English word is one) that abbreviates exactly one vocabulary word.
   */
  readInitials(text: string): string {
    return text.replace(INITIALS_RUN, (run) => this.byInitials.get(run.toLowerCase()) ?? run);
  }

  /**
   * A question typed in pinyin (kai gongsi yao ji tian) → the vocabulary words it spells, in order; null when it spells none.
   * A negation spelled right before a word (daikuan meiyou diya: 没有抵押) is kept on it: what is lacked is not what is asked for.
   */
  readSpelling(latin: string): string | null {
    const tokens = latin.toLowerCase().replace(/\bmei\s+you\b/g, "meiyou").match(/[a-z]+|\d+/g) ?? [];
    const words: string[] = [];
    let negation = "";
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      for (let n = Math.min(this.longestSpelling, tokens.length - i); n >= 1 && !matched; n--) {
        const word = this.bySpelling.get(tokens.slice(i, i + n).join(""));
        if (word) words.push(negation + word), (matched = n);
      }
      negation = matched ? "" : (SPELLED_NEGATION.get(tokens[i]!) ?? "");
      i += matched || 1;
    }
    return words.length ? words.join(" ") : null;
  }
}
