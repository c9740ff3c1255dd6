import { BoundedMemo } from "./bounded-memo.js";
import { fnv1a } from "./hash.js";
import { IdfTable } from "./idf-table.js";
import { JiebaDictionary } from "./jieba-dictionary.js";
import { lazyJieba } from "./lazy-jieba.js";

/**
 * Chinese-aware text analysis shared by BM25, the local embedder and answerability:
 * jieba words plus character bigrams, so typos and words jieba splits oddly still match.
 */
export interface TextAnalyzer {
  /** Content words (jieba, search mode), lower-cased, without stop words or punctuation. */
  words(text: string): string[];
  /** Content words in precise mode (no overlapping sub-words), for judging how much of a question a passage covers. */
  keywords(text: string): readonly string[];
  /** Character bigrams inside runs of CJK characters. */
  bigrams(text: string): string[];
  /** Words and bigrams (bigrams prefixed) for bag-of-terms models. */
  terms(text: string): string[];
  /** General-language IDF of a word (jieba's table); rare words weigh more. */
  idf(word: string): number;
  /** Whether jieba's general table knows the word (unknown ones are often mis-segmentations, or domain terms). */
  knows(word: string): boolean;
  /** The word's IDF in jieba's general table, or undefined when the table does not know it (knows and idf in one look-up). */
  generalIdf(word: string): number | undefined;
  /** The table idf() and knows() read, stored with the index so serving need not parse jieba's file. */
  readonly idfTable: IdfTable;
  /** Jieba's dictionary grouped by first character, stored with the index for the same reason. */
  readonly dictionary: JiebaDictionary;
  /** Jieba part-of-speech tags, for place names (ns). */
  tag(text: string): ReadonlyArray<Readonly<{ word: string; tag: string }>>;
}

// Function words and question words that carry no topic.
const STOP_WORDS = new Set(
  (
    "的 了 吗 呢 吧 啊 呀 嘛 哦 么 是 不 没 要 我 我们 你 您 他 她 它 他们 咱 咱们 能 能不能 可以 可不可以 会 会不会 有 有没有 没有 " +
    "怎么 怎么样 怎样 如何 什么 啥 啥子 多少 几 哪 哪些 哪个 哪里 是不是 这 那 这个 那个 这些 那些 一 个 和 与 及 或 在 都 还 就 也 又 " +
    "不能不 请问 请 想 想问 问 一下 下 现在 今年 听说 就是 还是 但是 如果 因为 所以 对 把 被 让 给 从 到 跟 向 为 为了 以 之 其 该 " +
    // The document's own frame (every measure is about the business environment of this city).
    "营商 营商环境 优化营商环境 " +
    "克拉玛依 克拉玛依市 克拉玛依区 独山子 独山子区 白碱滩 白碱滩区 乌尔禾 乌尔禾区 我市 市里 区里 本市 咱们市 政策 措施 规定 文件 里 上 中 等 方面 事 事情 问题 需要 需不需要 得 地 着 过 吗 呗 啦 嗯 好 " +
    "真的 假的 真的假的 一般 大概 大约 左右 多久 多长时间 几天 时间 总共 一共 总计 合规 合法 " +
    "不能 不是 不会 不用 不要 能办 用 办 做 走 说 人 有人 自己 一直 之前 以后 之间 可能 还有 只能 直接 咋办 怎么办 太多 正常 合理 " +
    "各 各要 各自 分别 能用 清楚 变化 改善 办好 办完 那边 这边 这些 有些 比如 时候 根本 不了 不想 一下子 已经 应该 为什么 咋 呢 吗 没 了 能够 还会 是否 有无 " +
    "the a an is are was do does did how what when where which who why can could will would should to of in on for at by with from " +
    "it this that my our your i we you me please get take many much " +
    // Where one holds something (名下没有房产, 手里没抵押物): it says whose, not what.
    "名下 手里 手上 手头 " +
    // What part of the affairs one means (开公司这块归谁管): it points, it names nothing.
    "这块 这一块 那块 这方面 这一方面 这种 那种 这事 那事 这件事 这个事 这种事 这些事 " +
    // How many there are (网上能办的多不多): what is asked about the topic, no topic.
    "多不多 多不 多吗 快不快 慢不慢 难不难 " +
    // What joins the parts of a message (另外…, 顺便问下…, 一是…二是…).
    "另外 此外 顺便 再问 一是 二是 三是 四是 其次 " +
    // A follow-up's opening (那要花钱不, 那得多久): jieba joins 那 to the verb after it.
    "那要 那得 那还 那就 " +
    // Supposing (开公司的话…要多久): it says "if", no topic.
    "的话 " +
    // Wanting to know (我就想知道…): the asking, not what is asked about.
    "知道 想知道 不知道 " +
    // Measure words and colloquial verbs of doing that carry no topic (开个店, 弄完, 办下来).
    "家 间 座 套 份 张 台 辆 栋 处 点 些 弄 弄好 弄完 搞 搞好 搞定 整 整好 下来 办下来 拿上 撒 哈 么 嘛 " +
    // A verb's complement of getting going (开起来, 办起来, 干起来): how far it goes, no topic.
    "起来"
  ).split(/\s+/),
);
const USER_WORD_FREQUENCY = 20000;
const WHITESPACE = /\s+/;
/** Distinct pieces of text whose words are kept (the lexicon's terms and recent questions). */
const PIECE_MEMO_SIZE = 4096;
// Jieba cuts the text between any two of these on its own: none is ever part of a word it finds (the . of 4.3 would be, so it is not
// here), so a text's keywords are its pieces' in a row (the test holds this against jieba's cut of whole texts).
const CUT_APART = /[，。？！；：、,?!;:\s]+/;
const TOKEN_CHAR = /[\u4e00-\u9fffA-Za-z0-9]/;
// A number written in Chinese (六十八, 四十五) is a figure, not a topic; digits (12345) stay, as the policy writes them.
const CHINESE_NUMBER = /^[零〇一二两三四五六七八九十百千万]{2,}$/;
/** A word the analyzer keeps: letters, digits or Chinese, no stop word, no number written in Chinese. */
export const isContentWord = (w: string) => TOKEN_CHAR.test(w) && !STOP_WORDS.has(w) && !CHINESE_NUMBER.test(w);
// Words jieba's table does not know are often mis-segmentations: weigh them as ordinary words.
const UNKNOWN_IDF = 7;
// A run of Chinese characters, whose character pairs are terms too.
const CHINESE_RUN = /[\u4e00-\u9fff]+/g;

let analyzerId: string | undefined;
/**
 * What the index's stored terms and weights depend on in this module (the stop words, what a content word is, the character
 * pairs, unknown words' weight, the corpus words' frequency for jieba): an index built under other settings is stale even when
 * the corpus is the same, as after a stop word is added.
 */
export function analyzerFingerprint(): string {
  analyzerId ??= fnv1a([[...STOP_WORDS].sort().join(" "), TOKEN_CHAR.source, CHINESE_NUMBER.source, CHINESE_RUN.source, UNKNOWN_IDF, USER_WORD_FREQUENCY].join("|")).toString(36);
  return analyzerId;
}

/**
 * @param userWords the corpus's own vocabulary (lexicon terms, department names), so jieba
 *   keeps 公证 or 接电 whole instead of splitting them into 办公|证.
 * @param idfTable jieba's general IDF table: the index's stored copy when serving, parsed from jieba's file when building.
 * @param dictionary jieba's dictionary, likewise.
 */
export function createTextAnalyzer(
  userWords: string[] = [],
  idfTable: IdfTable = IdfTable.fromJieba(),
  dictionary: JiebaDictionary = JiebaDictionary.fromJieba(),
): TextAnalyzer {
  const jieba = lazyJieba(
    dictionary,
    userWords.filter((w) => /^[\u4e00-\u9fff]{2,}$/.test(w)),
    USER_WORD_FREQUENCY,
  );
  const segment = (piece: string) => jieba.cutForSearch(piece, true).filter(isContentWord);
  // A question's synonyms are the lexicon's few hundred terms again and again, and one question is read
  // several times: each whitespace-separated piece is cut once (jieba never joins words across whitespace).
  const piecesCut = new BoundedMemo<string, string[]>(PIECE_MEMO_SIZE);
  const words = (text: string) => {
    const out: string[] = [];
    for (const piece of text.toLowerCase().split(WHITESPACE)) if (piece) for (const w of piecesCut.get(piece, segment)) out.push(w);
    return out;
  };
  // A question is cut again on each of the next few messages of its chat (their history), and the same
  // questions come again and again: each text is cut and tagged once while it is recent (shared: read-only by type; not
  // frozen, as a frozen array is another kind of object to V8, and the code reading it would have to handle both).
  const keywordsOf = new BoundedMemo<string, readonly string[]>(PIECE_MEMO_SIZE);
  // A message, its clauses and the variants read from them share their pieces: each piece is cut once while recent.
  const pieceKeywords = new BoundedMemo<string, readonly string[]>(PIECE_MEMO_SIZE);
  const cutPiece = (piece: string): readonly string[] =>
    jieba
      .cut(piece, true)
      .map((w) => w.trim())
      .filter((w) => w.length > 0 && isContentWord(w));
  const cutKeywords = (text: string): readonly string[] => {
    const out: string[] = [];
    for (const piece of text.toLowerCase().split(CUT_APART)) if (piece) for (const w of pieceKeywords.get(piece, cutPiece)) out.push(w);
    return out;
  };
  const keywords = (text: string) => keywordsOf.get(text, cutKeywords);
  const tagsOf = new BoundedMemo<string, ReadonlyArray<Readonly<{ word: string; tag: string }>>>(PIECE_MEMO_SIZE);
  const cutTags = (text: string): ReadonlyArray<Readonly<{ word: string; tag: string }>> => jieba.tag(text, true);
  const bigrams = (text: string) => {
    const out: string[] = [];
    for (const run of text.match(CHINESE_RUN) ?? []) for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return out;
  };
  return {
    words,
    keywords,
    bigrams,
    terms: (text) => [...words(text), ...bigrams(text).map((b) => `~${b}`)],
    idf: (word) => idfTable.get(word) ?? UNKNOWN_IDF,
    knows: (word) => idfTable.has(word),
    generalIdf: (word) => idfTable.get(word),
    idfTable,
    dictionary,
    tag: (text) => tagsOf.get(text, cutTags),
  };
}
