import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CorpusError } from "../policy/corpus-error.js";

/**
 * The bilingual glossary (corpus/glossary.txt): English words people type → the policy's own words,
 * and an English gloss for each department. Maintained like the lexicon; read when the engine opens.
 */
export const GLOSSARY_FILE = "glossary.txt";

// beyond: things asked for by name that the policy never names (VAT, an interest subsidy), read as their Chinese word.
export type GlossarySection = "question" | "terms" | "beyond" | "departments";
const SECTIONS: GlossarySection[] = ["question", "terms", "beyond", "departments"];

export interface GlossaryEntry {
  chinese: string;
  english: string[];
  section: GlossarySection;
  line: number;
}

/** An English question read through the glossary. */
export interface Translation {
  /** The policy words found, in the question's order. */
  chinese: string[];
  /** Content words the glossary does not know (they count against the answer's confidence). */
  unread: string[];
}

// British spellings as the American (centre = center, licence = license, centralised = centralized, honour = honor,
// cancelled = canceled), so a glossary phrase written either way reads both; govt is government.
const BRITISH: Array<[RegExp, string]> = [
  [/^(govt|gov)$/, "government"],
  // A company's legal form, abbreviated (LLC, Ltd, Inc, WFOE): a company, as set up a new LLC reads set up a company.
  [/^(llc|ltd|inc|corp|corporation|plc|wfoe|wofe)$/, "company"],
  [/^(lic|off|def|pret)enc(e|es|ed)$/, "$1ens$2"],
  [/^(\w{3,})tre(s?)$/, "$1ter$2"],
  [/^(hon|lab|fav|col|behavi|neighb|endeav|rum|harb|vap|sav|flav|hum|arm|od|val|vig)our/, "$1or"],
  [/^programme(s?)$/, "program$1"],
  [/^enquir/, "inquir"],
  [/^practis/, "practic"],
  [/^(\w{2,}[^aeiou\W])is(e|es|ed|ing|ation|ations|er|ers)$/, "$1iz$2"],
  [/^(\w+)ys(e|es|ed|ing)$/, "$1yz$2"],
  [/^(cancel|travel|label|model|fuel|signal|level|total|channel|counsel|dial|equal|tunnel)l(ed|ing|er|ers)$/, "$1$2"],
];
const american = (word: string): string => {
  for (const [british, us] of BRITISH) if (british.test(word)) return word.replace(british, us);
  return word;
};

// English function words: they carry no topic.
const STOP = new Set(
  (
    "a an the is are was were be been am do does did doing how what when where which who whom why whose can could will would shall should may might must " +
    "to of in on for at by with from into about as it its this that these those there here i we you he she they me us him them my our your their " +
    "and or but if then so not no yes any some all each every please get got getting take make have has had need want know tell let " +
    "just also very really much many more most than such one up out over under after before again only still even it's i'm can't don't doesn't what's " +
    // Words of the asker's situation that name no topic (keep coming, for months, anything about this).
    "keep keeps kept come coming came say says said anything something anyone someone thing things way since instead actually back " +
    "there's isn't aren't wasn't won't hasn't haven't hello hi hey policy policies month months week weeks " +
    "being we're you're they're i've we've you've i'd we'd i'll we'll that's " +
    // How a complaint or a doubt is put (told me to, or else, surely they won't, even allowed, first time ever).
    "told give use used else ever surely sure even time first " +
    // How much of it (the whole thing, the entire time): no topic.
    "whole entire " +
    // Whose it is, said by a pronoun alone (a business like mine, one of ours): who asks, no topic.
    "like mine ours yours theirs hers " +
    // How a message of several points is introduced (Two things pls:, Kindly revert on below points, a couple of queries): no topic.
    "pls plz kindly revert below point points query queries regarding two three couple several few " +
    // How a time is bounded (within how many days): the days are asked, within names no topic.
    "within " +
    // When the asker's story happened (since last autumn, a year ago, last spring): no topic, as 去年秋天 in a Chinese story.
    "last ago year years yesterday autumn fall spring summer winter next " +
    // The month it happens in (opens in June, by next April): when, as 六月 in a Chinese story. (May is a word of asking already.)
    "january february march april june july august september october november december " +
    // How a thing is done or goes, said with a light verb (run a night market, go the simplified way, not paid yet): no topic.
    "run runs ran go goes went yet"
  ).split(/\s+/).map(stem),
);

// Where a sentence ends (a full stop before a space, a question or exclamation mark, a semicolon).
const SENTENCE_END = /[?!;？！；]+|\.(?=\s|$)/;
// Words an English asker uses that name no topic, though they are no function words (our company, the government, this kind of,
// is that allowed, part of the policy, the 42 measures, sir): not counted as unread, as the Chinese reading weighs 公司, 政府部门,
// 允不允许 as no topic. They stay words of the phrases that hold them (close a company, government procurement).
const QUIET = new Set(
  (
    "company companies firm enterprise government office sir madam dear kind sort type allowed allow permissible legal illegal lawful " +
    "done part based according itself themselves somebody anybody everybody now already later almost between measure plan " +
    "regards thanks thank kindly sincerely good morning afternoon evening " +
    // Who the asker is, or works for (Bookkeeper here., I'm an accountant, a client of ours): who asks, as 会计 or 客户 in a Chinese question.
    "bookkeeper accountant client customer owner manager boss " +
    // A body of government, a district's office (government bodies, public bodies, a district office): whose office, no topic.
    "body district " +
    // The city as who acts (does the city do anything, will the city step in): the government, as 我市 in a Chinese question.
    "city " +
    // Whom the asker speaks for, in the family (my parents' shop, my wife runs…): who asks, as 父母 or 老婆 in a Chinese story.
    "parent parents mother father mom mum dad wife husband son daughter family"
  ).split(/\s+/).map(stem),
);

// Words a reordered or interrupted phrase may hold beside its own (first-time in minor first-time mistake).
const LOOSE_SLACK = 2;
const NEGATIONS = new Set(["no", "not", "without", "non", "never", "n't"].map(stem));

/** A light stemmer applied alike to glossary phrases and questions, so fees = fee, registering = register and centre = center. */
export function stem(word: string): string {
  let w = american(word.toLowerCase().replace(/'s$/, ""));
  if (w.length <= 3) return w;
  if (w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) {
    // class, status, basis stay whole
  } else if (/(s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** Lower-case word tokens; hyphens and slashes separate words. */
export function englishTokens(text: string): string[] {
  // (café, naïve: letters with accents read as their plain letters.)
  return (text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFKC").toLowerCase().replace(/[-/]/g, " ").match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []);
}

export class Glossary {
  /** First stem → phrases starting with it, longest first. */
  private readonly phrases = new Map<string, Array<{ stems: string[]; chinese: string }>>();
  /** Each content stem → the policy terms' phrases of two content words or more holding it, most words first. */
  private readonly loose = new Map<string, Array<{ stems: string[]; chinese: string }>>();
  private readonly glosses = new Map<string, string>();

  constructor(readonly entries: GlossaryEntry[]) {
    for (const e of entries) {
      if (e.section === "departments" && e.english[0]) this.glosses.set(e.chinese, e.english[0]);
      for (const phrase of e.english) {
        const stems = englishTokens(phrase).map(stem);
        if (!stems.length) continue;
        const list = this.phrases.get(stems[0]!) ?? [];
        list.push({ stems, chinese: e.chinese });
        this.phrases.set(stems[0]!, list);
        const content = stems.filter((s) => !STOP.has(s));
        // A negated phrase (no fine, not fined) is read only as written: its words loose would say the opposite.
        // (end to end names one word twice: it is no phrase of two words to find loose, or any end would read as it.)
        if (e.section !== "terms" || new Set(content).size < 2 || stems.some((s) => NEGATIONS.has(s))) continue;
        for (const s of new Set(content)) this.loose.set(s, [...(this.loose.get(s) ?? []), { stems: content, chinese: e.chinese }]);
      }
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.stems.length - a.stems.length);
    for (const list of this.loose.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  }

  static empty(): Glossary {
    return new Glossary([]);
  }

  /** corpus/glossary.txt, or an empty glossary when the file is missing. Throws CorpusError (file:line) on a malformed line. */
  static load(corpusDir: string): Glossary {
    const file = join(corpusDir, GLOSSARY_FILE);
    return existsSync(file) ? Glossary.parse(readFileSync(file, "utf8"), file) : Glossary.empty();
  }

  static parse(text: string, file: string): Glossary {
    const entries: GlossaryEntry[] = [];
    let section: GlossarySection | null = null;
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*$/, "").trim();
      if (!line) return;
      const header = /^\[(.+)\]$/.exec(line);
      if (header) {
        if (!SECTIONS.includes(header[1] as GlossarySection)) throw new CorpusError(file, i + 1, `unknown section [${header[1]}]: use ${SECTIONS.map((s) => `[${s}]`).join(", ")}`);
        section = header[1] as GlossarySection;
        return;
      }
      if (!section) throw new CorpusError(file, i + 1, `a line before any section: start with ${SECTIONS.map((s) => `[${s}]`).join(", ")}`);
      const eq = line.indexOf("=");
      const chinese = eq > 0 ? line.slice(0, eq).trim() : "";
      const english = eq > 0 ? line.slice(eq + 1).split(",").map((s) => s.trim()).filter(Boolean) : [];
      if (!chinese || !english.length) throw new CorpusError(file, i + 1, `expected "中文 = english, english": ${line}`);
      if (english.some((e) => /[\u4e00-\u9fff]/.test(e))) throw new CorpusError(file, i + 1, `the right of "=" is English: ${line}`);
      entries.push({ chinese, english, section, line: i + 1 });
    });
    return new Glossary(entries);
  }

  /** The English gloss of a department's full name, if the glossary has one. */
  gloss(department: string): string | undefined {
    return this.glosses.get(department);
  }

  /**
   * Read an English question: the longest known phrase at each point, function words skipped. A phrase is read within one
   * sentence: words of two (…the parent company in Moscow? Which SAFE registration…) are no phrase written apart. `spelled`
   * reads a run of words the glossary does not know as the policy word they spell in pinyin (yinshui hudong → 银税互动), if any.
   */
  translate(text: string, spelled: (latin: string) => string | null = () => null): Translation {
    const sentences = text.split(SENTENCE_END).map((s) => this.translateSentence(s, spelled));
    return { chinese: sentences.flatMap((t) => t.chinese), unread: sentences.flatMap((t) => t.unread) };
  }

  private translateSentence(text: string, spelled: (latin: string) => string | null): Translation {
    const tokens = englishTokens(text);
    const stems = tokens.map(stem);
    const chinese: string[] = [];
    const unread: string[] = [];
    for (let i = 0; i < stems.length; ) {
      const match = (this.phrases.get(stems[i]!) ?? []).find((p) => p.stems.every((s, k) => stems[i + k] === s));
      // A policy term's words written apart in its order (register the mortgage) say more than a shorter phrase read where they begin
      // (register); written in another order (a loan application letter to a bank), they may be words of other things.
      // (Nor when its last word begins or ends a phrase written out: government procurement e-bidding keeps e-bidding.)
      const found = this.looseAt(stems, i, !!match);
      // An exact phrase that begins inside a reordered one and reaches past it is what was written (construction permit in small project construction permit).
      // (So is one ending where it ends that writes out more words than it: my company can be taken off the register is no company registration.)
      const reordered = found && !this.exactPastEnd(stems, i + 1, found.end, !!match, found.words) ? found : null;
      if (match && !(reordered && reordered.words > match.stems.filter((s) => !STOP.has(s)).length)) {
        chinese.push(match.chinese);
        i += match.stems.length;
        continue;
      }
      if (reordered) {
        // (A word stepped over that begins the same term written out, registered of minimum registered capital, is read with it.)
        const ownTerm = (j: number) => (this.phrases.get(stems[j]!) ?? []).some((p) => p.stems.length > 1 && p.chinese === reordered.chinese && j + p.stems.length <= reordered.end && p.stems.every((s, k) => stems[j + k] === s));
        chinese.push(reordered.chinese, ...this.exactAmong(stems, reordered.skipped.filter((j) => !ownTerm(j))));
        i = reordered.end;
        continue;
      }
      const token = tokens[i]!;
      const pinyin = STOP.has(stems[i]!) ? null : spelledAt(tokens, i, spelled);
      if (pinyin) {
        chinese.push(pinyin.word);
        i += pinyin.words;
        continue;
      }
      if (/^(19|20)\d{2}$/.test(token)) chinese.push(`${token}年`);
      else if (/^\d+$/.test(token)) chinese.push(token);
      else if (!STOP.has(stems[i]!) && !QUIET.has(stems[i]!)) unread.push(token.replace(/'s$/, ""));
      i++;
    }
    return { chinese, unread };
  }

  /** Whether an exact phrase of two words or more starts between from and end and ends after end (or at it, `orAtEnd`, or with more content words than `wordsOutdone`). */
  private exactPastEnd(stems: string[], from: number, end: number, orAtEnd = false, wordsOutdone = Infinity): boolean {
    for (let j = from; j < end; j++) {
      const exact = (this.phrases.get(stems[j]!) ?? []).find((p) => p.stems.length > 1 && p.stems.every((s, k) => stems[j + k] === s));
      const atEnd = exact && j + exact.stems.length === end;
      if (exact && (j + exact.stems.length > end || (atEnd && (orAtEnd || exact.stems.filter((s) => !STOP.has(s)).length > wordsOutdone)))) return true;
    }
    return false;
  }

  /** Phrases written wholly among the words a reordered phrase stepped over (non-residential in transfer of non-residential property). */
  private exactAmong(stems: string[], skipped: number[]): string[] {
    const free = new Set(skipped);
    const found: string[] = [];
    for (const j of skipped) {
      if (!free.has(j)) continue;
      const exact = (this.phrases.get(stems[j]!) ?? []).find((p) => p.stems.every((s, k) => free.has(j + k) && stems[j + k] === s));
      if (!exact) continue;
      found.push(exact.chinese);
      for (let k = 0; k < exact.stems.length; k++) free.delete(j + k);
    }
    return found;
  }

  /**
   * A policy term's phrase written in another order or with words inside it (tax bank interaction, minor first-time
   * violation, exempted from a fine): its content words all within two words more than it has, starting here.
   */
  private looseAt(stems: string[], i: number, inOrder = false): { chinese: string; end: number; words: number; skipped: number[] } | null {
    if (STOP.has(stems[i]!)) return null;
    for (const phrase of this.loose.get(stems[i]!) ?? []) {
      const window: number[] = [];
      for (let j = i; j < stems.length && window.length < phrase.stems.length + LOOSE_SLACK; j++) if (!STOP.has(stems[j]!)) window.push(j);
      // (Most phrases lack a word here: passed over before any set is made.)
      if (!phrase.stems.every((w) => window.some((j) => stems[j] === w))) continue;
      const wanted = new Set(phrase.stems);
      const inside = window.filter((j) => wanted.has(stems[j]!));
      if (new Set(inside.map((j) => stems[j])).size !== wanted.size) continue;
      // (A phrase saying a word twice, end to end, needs it twice: by end of 2022 is no end to end.)
      if (phrase.stems.some((w) => inside.filter((j) => stems[j] === w).length < phrase.stems.filter((x) => x === w).length)) continue;
      if (inOrder && !isSubsequence(phrase.stems, inside.map((j) => stems[j]!))) continue;
      const end = inside.at(-1)! + 1;
      return { chinese: phrase.chinese, end, words: wanted.size, skipped: window.filter((j) => j < end && !inside.includes(j)) };
    }
    return null;
  }
}

// The most words a pinyin spelling is typed in (qian ren ru qian qi: 千人入千企).
const MAX_SPELLED_WORDS = 6;

/** The policy word a run of Latin words from i spells in pinyin (the longest), and how many words it takes. */
function spelledAt(tokens: string[], i: number, spelled: (latin: string) => string | null): { word: string; words: number } | null {
  for (let n = Math.min(MAX_SPELLED_WORDS, tokens.length - i); n >= 1; n--) {
    const run = tokens.slice(i, i + n);
    if (!run.every((t) => /^[a-z]+$/.test(t))) continue;
    const word = spelled(run.join(""));
    if (word && !/\s/.test(word)) return { word, words: n };
  }
  return null;
}

/** Whether the words of `wanted` appear in `words` in their order (others may come between). */
function isSubsequence(wanted: readonly string[], words: readonly string[]): boolean {
  let k = 0;
  for (const w of words) if (w === wanted[k]) k++;
  return k === wanted.length;
}
