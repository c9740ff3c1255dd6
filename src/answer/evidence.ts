import type { Measure } from "../policy/measure.js";
import type { Expansion } from "../search/lexicon.js";
import type { TextAnalyzer } from "../search/text.js";
import { ASPECT_WORDS, GENERIC_WORDS, SUBJECT_WORDS } from "./generic-words.js";
import type { SoundsAlike } from "./sounds-alike.js";

/** A word that may stand for a question word in a passage, and how much it counts when it does. */
export interface Synonym {
  text: string;
  credit: number;
  /** A guess at a slip (只照 → 执照), not a synonym the lexicon gives: the word guessed. */
  guessed?: string;
  /** It stands for part of a longer word (贷款 in 银行贷款): the rest, which found beside it makes the match whole. */
  rest?: string;
}

/** One content word of a question: its weight, what may stand for it, and how it may be matched. */
export interface QuestionWord {
  word: string;
  weight: number;
  synonyms: Synonym[];
  /** A process word (手续, 办理): evidence only beside a topic word. */
  generic: boolean;
  /** A question word (部门, 费用, 多久): says what is asked about the topic, is no topic itself. */
  aspect: boolean;
  /** Who the question is about (个体户, 小微企业): narrows, is no topic itself. */
  subject: boolean;
  /** What the asker lacks (没有抵押物): only a measure that also says 无/未/免 + it, or a synonym of the negated form, matches it. */
  negated: boolean;
  /** From the previous question of a follow-up (weighs less, is no topic of its own). */
  context: boolean;
}

export interface QuestionTerms {
  words: QuestionWord[];
  total: number;
}

/** How a measure (or a passage) matches the question. */
export interface Match {
  /** Weighted share of the question's words found. */
  coverage: number;
  /** Weight of the topic words found (not process, question or context words): zero means no topic in common. */
  topic: number;
  /** Words found, with their credit (1 direct, less by synonym, character pairs or only in the department names); guessed: the guessed word it was found as. */
  found: Array<{ word: string; credit: number; guessed?: string }>;
}

const MIN_WEIGHT = 2;
const MAX_WEIGHT = 12;
const SYNONYM_CREDIT = 0.85;
const GUESS_CREDIT = 0.6; // a policy word that sounds like the question's (a likely slip of the input method)
const BIGRAM_CREDIT = 0.5;
const DEPARTMENT_CREDIT = 0.5; // found only among the responsible departments, not in what the measure does
const CONTEXT_WEIGHT = 0.35; // a follow-up's earlier question narrows, it does not decide
const SUBJECT_WEIGHT = 0.5; // who asks narrows the topic, it does not decide it
const UNREAD_WEIGHT = 7; // a word of an English question the glossary does not know
const NEGATORS = ["无", "未", "免", "零", "不", "没有", "取消"];
// Characters that only glue the sentence (厂要, 贷到) or round off a verb (来查, 查完): at the end of a guess jieba made, not part of a word.
const FUNCTION_CHARS = /[要的了个能想会都就也还在是有把被给让到得上过着吗呢吧啊来去完掉]/;

export interface TermsInput {
  text: string;
  /** A follow-up's earlier question. */
  context?: string;
  /** Spans after a negation (没有抵押物…): their first word is negated. */
  negatedSpans: string[];
  /** Words of an English question the glossary did not know. */
  unread: string[];
  /** Words the question implies (开个小饭馆 → 开店). */
  implied?: string[];
}

export interface TermsDeps {
  analyzer: TextAnalyzer;
  /** Whether the policy text uses a word: a word general Chinese does not know but the policy does (信易贷) weighs the most. */
  inCorpus: (word: string) => boolean;
  /** The lexicon's terms (lower case). */
  lexiconTerms: ReadonlySet<string>;
  /** Policy words that sound like a word of the question the policy does not use. */
  soundsAlike?: SoundsAlike;
  /** contentWords, remembered for the texts of one question (the question, its parts and spans are read more than once). */
  wordsOf?: (text: string) => string[];
  /** Guesses already made for a word of this question (the question and its parts share words). */
  guesses?: Map<string, string[]>;
  /** The lexicon group of a term (执照 → 营业执照, 注册登记…), to follow a guessed spelling to its synonyms. */
  groupOf?: (term: string) => string[];
}

export function questionTerms(input: TermsInput, expansion: Expansion, deps: TermsDeps): QuestionTerms {
  const { analyzer, inCorpus } = deps;
  const wordsOf = deps.wordsOf ?? ((text: string) => contentWords(text, analyzer, inCorpus));
  const negated = new Set(input.negatedSpans.flatMap(wordsOf));
  const seen = new Set<string>();
  const words: QuestionWord[] = [];
  const add = (word: string, context: boolean, fixedWeight?: number) => {
    if (seen.has(word)) return;
    seen.add(word);
    const isNegated = !context && negated.has(word);
    const generic = GENERIC_WORDS.has(word);
    const subject = SUBJECT_WORDS.has(word);
    const weight = fixedWeight ?? (generic ? MIN_WEIGHT : weightOf(word, deps)) * (context ? CONTEXT_WEIGHT : 1) * (subject ? SUBJECT_WEIGHT : 1);
    const synonyms = synonymsFor(word, isNegated, expansion);
    for (const w of guessesFor(word, input.text, deps)) {
      synonyms.push({ text: w, credit: GUESS_CREDIT, guessed: w });
      for (const s of deps.groupOf?.(w) ?? []) if (usableSynonym(s)) synonyms.push({ text: s, credit: GUESS_CREDIT * SYNONYM_CREDIT, guessed: w });
    }
    words.push({ word, weight, synonyms, generic, aspect: ASPECT_WORDS.has(word), subject, negated: isNegated, context });
  };
  for (const w of wordsOf(input.text)) add(w, false);
  for (const w of input.implied ?? []) add(w, false);
  for (const w of input.unread) add(w.toLowerCase(), false, UNREAD_WEIGHT);
  if (input.context) for (const w of wordsOf(input.context)) add(w, true);
  return { words, total: words.reduce((a, w) => a + w.weight, 0) };
}

// Jieba's table holds many rare forms (注消 among them); a word that rare may be a misspelling.
const RARE_IDF = 11.5;

/** A real word (then it is no misspelling): the policy, the lexicon or general Chinese uses it. */
export const isKnownWord = (word: string, deps: TermsDeps) =>
  !/^[\u4e00-\u9fff]+$/.test(word) ||
  deps.inCorpus(word) ||
  deps.lexiconTerms.has(word) ||
  (deps.analyzer.knows(word) && deps.analyzer.idf(word) < RARE_IDF);

/**
 * What a word the policy does not use may have been meant as: policy words that sound like it. A word no
 * dictionary knows (只照, 注消) may be a slip spanning its neighbours too (不懂产 → 不动产); a real word
 * (公正) only as itself (→ 公证).
 */
export function guessesFor(word: string, text: string, deps: TermsDeps): string[] {
  if (!deps.soundsAlike || !/^[\u4e00-\u9fff]{2,}$/.test(word) || deps.inCorpus(word) || deps.lexiconTerms.has(word)) return [];
  const made = deps.guesses?.get(word);
  if (made) return made;
  const guesses = isKnownWord(word, deps) ? deps.soundsAlike.alike(word) : deps.soundsAlike.forWord(word, text);
  deps.guesses?.set(word, guesses);
  return guesses;
}

/** Jieba's precise words without stop words; a two-character guess glued from a function character keeps its content character. */
export function contentWords(text: string, analyzer: TextAnalyzer, inCorpus: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (const w of analyzer.keywords(text)) {
    // 开个, 办个, 拉个: a verb and a measure word glued by jieba; the verb alone carries what little it says.
    if (/^[开办拉接搞弄整建盖买租装领刻贷报交跑打问找申][个家间点些]$/.test(w)) {
      out.push(w[0]!);
      continue;
    }
    const rare = !analyzer.knows(w) || analyzer.idf(w) >= RARE_IDF;
    if (w.length >= 2 && rare && !inCorpus(w) && /^[\u4e00-\u9fff]+$/.test(w)) {
      // 厂要 → 厂, 半电要 → 半电: a function character at either end of a guess jieba made.
      const trimmed = w.replace(new RegExp(`^${FUNCTION_CHARS.source}+|${FUNCTION_CHARS.source}+$`, "g"), "");
      if (trimmed !== w) {
        if (trimmed) out.push(trimmed);
        continue;
      }
    }
    out.push(w);
  }
  return [...new Set(out)];
}

/**
 * Synonyms from the lexicon. A group found inside a longer word stands for that part of it only
 * (商标 in 商标注册 counts half). A negated word takes only its negated form's group (无抵押 ~ 信用贷款).
 */
function synonymsFor(word: string, negated: boolean, expansion: Expansion): Synonym[] {
  const negatedForm = (term: string) => NEGATORS.find((n) => term.startsWith(n) && term.length > n.length);
  const out = new Map<string, Synonym>();
  const offer = (s: Synonym) => {
    if (usableSynonym(s.text) && (out.get(s.text)?.credit ?? 0) < s.credit) out.set(s.text, s);
  };
  for (const [term, synonyms] of expansion.synonymsOf) {
    const n = negatedForm(term);
    if (negated) {
      if (n && (word.startsWith(term.slice(n.length)) || term.slice(n.length).startsWith(word))) for (const s of synonyms) offer({ text: s, credit: SYNONYM_CREDIT });
      continue;
    }
    if (!(term.includes(word) || word.includes(term)) || (n && !word.startsWith(n))) continue;
    if (word.includes(term) && word !== term) {
      // 银行贷款 holds 贷款: the group stands for that part; the rest (银行) found beside it completes the match.
      const rest = word.replace(term, "");
      const credit = (SYNONYM_CREDIT * term.length) / word.length;
      offer({ text: term, credit, rest });
      for (const s of synonyms) offer({ text: s, credit, rest });
    } else for (const s of synonyms) offer({ text: s, credit: SYNONYM_CREDIT });
  }
  return [...out.values()];
}

const usableSynonym = (s: string) => s.length > 1 && !GENERIC_WORDS.has(s);

function weightOf(word: string, deps: TermsDeps): number {
  const { analyzer, inCorpus } = deps;
  // Bare numbers and single characters (接, 办) say little about the topic, unless the lexicon names the number (12345).
  if (/^\d+$/.test(word)) return deps.lexiconTerms.has(word) ? analyzer.idf(word) : MIN_WEIGHT;
  if (word.length === 1) return MIN_WEIGHT;
  // A term general Chinese does not know but the policy or the lexicon uses (信易贷, 施工许可证) is a domain term.
  if (!analyzer.knows(word) && (inCorpus(word) || deps.lexiconTerms.has(word))) return MAX_WEIGHT;
  return Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, analyzer.idf(word)));
}

/** How much of the question a passage covers. */
export function match(terms: QuestionTerms, passage: string): Match {
  return matchParts(terms, passage.toLowerCase(), "");
}

/** How much of the question a measure covers: its title and text fully, its departments' names at half credit. */
export function measureMatch(terms: QuestionTerms, measure: Measure): Match {
  return matchParts(terms, `${measure.title}。${measure.text}`.toLowerCase(), measure.departments.join("、").toLowerCase());
}

function matchParts(terms: QuestionTerms, text: string, departments: string): Match {
  let found = 0;
  let topic = 0;
  const words: Match["found"] = [];
  for (const w of terms.words) {
    const credit = Math.max(creditOf(w, text), departments ? DEPARTMENT_CREDIT * creditOf(w, departments) : 0);
    if (credit <= 0) continue;
    found += w.weight * credit;
    if (isTopic(w)) topic += w.weight * credit;
    const certain = text.includes(w.word) || w.synonyms.some((s) => !s.guessed && text.includes(s.text.toLowerCase()));
    const guessed = certain ? undefined : w.synonyms.find((s) => s.guessed && text.includes(s.text.toLowerCase()))?.guessed;
    words.push(guessed ? { word: w.word, credit, guessed } : { word: w.word, credit });
  }
  return { coverage: terms.total ? found / terms.total : 0, topic, found: words };
}

/**
 * A word that names what the question is about: not how, who, or what of it is asked, not the earlier
 * question's, and not one character the lexicon does not name (打 is found in 打场, 打官司…).
 */
export const isTopic = (w: QuestionWord) => !w.generic && !w.aspect && !w.subject && !w.context && (w.word.length > 1 || w.synonyms.length > 0);

/** A question word's credit in a (lower-case) passage. */
export function creditOf(w: QuestionWord, passage: string): number {
  if (w.negated) {
    if (NEGATORS.some((n) => passage.includes(n + w.word) || (w.word.length > 2 && passage.includes(n + w.word.slice(0, 2))))) return 1;
    return synonymCredit(w.synonyms, passage);
  }
  // A one-character word the lexicon names (水 ~ 供水) counts only through its group: 水 in 服务水平 is no water.
  const direct = w.word.length > 1 || !w.synonyms.length;
  if (direct && passage.includes(w.word)) return 1;
  const bySynonym = synonymCredit(w.synonyms, passage);
  return Math.max(bySynonym, pairCredit(w.word, passage));
}

function synonymCredit(synonyms: Synonym[], passage: string): number {
  let best = 0;
  for (const s of synonyms) {
    if (!passage.includes(s.text.toLowerCase())) continue;
    const credit = s.rest && s.rest.length > 1 && passage.includes(s.rest) ? SYNONYM_CREDIT : s.credit;
    if (credit > best) best = credit;
  }
  return best;
}

/** Typos and odd splits: the share of a long word's character pairs found in the passage. */
function pairCredit(word: string, passage: string): number {
  if (word.length < 3) return 0;
  const pairs = [...word].slice(0, -1).map((c, i) => c + word[i + 1]!);
  const share = pairs.filter((p) => passage.includes(p)).length / pairs.length;
  return share >= 0.5 ? BIGRAM_CREDIT * share : 0;
}
