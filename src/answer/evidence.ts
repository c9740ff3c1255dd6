import type { Measure } from "../policy/measure.js";
import type { Expansion } from "../search/lexicon.js";
import { BoundedMemo } from "../search/bounded-memo.js";
import type { TextAnalyzer } from "../search/text.js";
import { ASPECT_WORDS, GENERIC_WORDS, isQuantity, SUBJECT_WORDS } from "./generic-words.js";
import { BUSINESS_SITE, HOME_DISTRICTS } from "./places.js";
import { ACROSS_REGIONS_IMPLIES, ADDRESSES_APART_IMPLY, elsewhereTold, ARREARS_IMPLIES, askerSpan, askingClauses, tellerSpan, asksAcrossRegions, asksIfFined, asksOffline, asksOfWhatWasTold, asksSimpler, SIMPLER_CLOSING_IMPLIES, FIRST_OFFENCE_IMPLIES, INSPECTIONS_COUNTED_IMPLIES, OFFLINE_IMPLIES, BID_CONDITION_IMPLIES, clauseAsks, impliedWords, COMPLAINT_IMPLIES, HOTLINE_IMPLIES, OPENING_IMPLIES, OVERDUE_IMPLIES, ONLY_ONLINE_IMPLIES, PROMISE_BROKEN_IMPLIES, complaintSpans, namesABusiness, openerSpans, settingSpan, WHERE_FROM_WORDS, whereToTurn } from "./question-text.js";
import type { SoundsAlike } from "./sounds-alike.js";
import { matchesOf } from "./matches.js";

/** A word that may stand for a question word in a passage, and how much it counts when it does. */
export interface Synonym {
  /** Lower-cased, as the passages it is looked for in. */
  text: string;
  credit: number;
  /** A guess at a slip (只照 → 执照), not a synonym the lexicon gives: the word guessed. */
  guessed?: string;
  /** It stands for part of a longer word (贷款 in 银行贷款): the rest, which found beside it makes the match whole. */
  rest?: string;
}

/** A synonym with every field present (V8 then reads one kind of object in the matching loops, not one per mix of fields). */
export const synonym = (text: string, credit: number, guessed?: string, rest?: string): Synonym => ({ text, credit, guessed, rest });

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
  /** For a lacked word, its ordinary synonyms: they match where a measure forbids requiring it (没有本地分公司 → 清理…设立分支机构等不合理投标条件). */
  lacked?: Synonym[];
  /** From the previous question of a follow-up (weighs less, is no topic of its own). */
  context: boolean;
  /** Part of where the asker opens a business (面馆 of 开个面馆): any kind of business, not a thing the policy must name. */
  setting?: boolean;
  /** A word of the story around the question in words of its own (我是做广告的, 朋友说): the scene, not what is asked about. */
  scene?: boolean;
  /** Neither the policy nor the lexicon uses it, and nothing stands for it (高新技术, 限购): a topic the policy may not hold at all. */
  foreign?: boolean;
}

/**
 * A question word read again by a later reading: weighed anew, or marked as the scene, a setting or who asks. One literal with
 * every field in the order questionTerms makes them: a spread copy ({ ...w, scene: true }) is another kind of object to V8 at
 * each depth of copying, and the code reading words (creditOf, isTopic, matchParts) met more kinds than it tells apart.
 */
function wordOf(w: QuestionWord, weight: number, subject: boolean, setting: boolean | undefined, scene: boolean | undefined): QuestionWord {
  return { word: w.word, weight, synonyms: w.synonyms, generic: w.generic, aspect: w.aspect, subject, negated: w.negated, lacked: w.lacked, context: w.context, setting, scene, foreign: w.foreign };
}
export const reweighed = (w: QuestionWord, weight: number) => wordOf(w, weight, w.subject, w.setting, w.scene);
const markedScene = (w: QuestionWord, weight = w.weight) => wordOf(w, weight, w.subject, w.setting, true);
const markedSetting = (w: QuestionWord, weight = w.weight, subject = w.subject) => wordOf(w, weight, subject, true, w.scene);
const markedSubject = (w: QuestionWord, weight: number) => wordOf(w, weight, true, w.setting, w.scene);

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
  /** Weight of the who-asks words found (个体户, 小微企业): they narrow among measures on the topic. */
  subject: number;
  /** Words found, with their credit (1 direct, less by synonym, character pairs or only in the department names); guessed: the guessed word it was found as. */
  found: Array<{ word: string; credit: number; guessed?: string }>;
}

/** A match with its coverage (and who-asks weight) read anew: one literal in measureMatch's field order, one kind of object (see wordOf). */
export const withCoverage = (m: Match, coverage: number, subject = m.subject): Match => ({ coverage, topic: m.topic, subject, found: m.found });

const MIN_WEIGHT = 2;
/** The weight of a word general Chinese does not know but the policy uses (信易贷, 走企连心): the policy's own names. */
export const MAX_WEIGHT = 12;
export const SYNONYM_CREDIT = 0.85;
const GUESS_CREDIT = 0.6; // a policy word that sounds like the question's (a likely slip of the input method)
const BIGRAM_CREDIT = 0.5;
const DEPARTMENT_CREDIT = 0.5; // found only among the responsible departments, not in what the measure does
const CONTEXT_WEIGHT = 0.35; // a follow-up's earlier question narrows, it does not decide
const SUBJECT_WEIGHT = 0.5; // who asks narrows the topic, it does not decide it
const UNREAD_WEIGHT = 7; // a word of an English question the glossary does not know
const NEGATORS = ["无", "未", "免", "零", "不", "非", "没有", "取消"];
// What jieba glues to a word without changing what it names (刚出生, 已注销, 新开户): the word counts whole.
const LIGHT_REST = /^[刚才已都也还就再又很太]$/;
// Characters that only glue the sentence (厂要, 贷到) or round off a verb (来查, 查完): at the end of a guess jieba made, not part of a word.
const FUNCTION_CHARS = /[要的了个能想会都就也还在是有把被给让到得上过着吗呢吧啊来去完掉]/;
const JOINING_CHARS = /^[并且而]$/;
// 别, 甭 alone tell not to (别老派人上门, 甭跑了): found inside a word (类别, 特别), they say nothing found.
const TELLING_NOT_TO = /^[别甭]$/;

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
  /** Clauses of a long message that ask nothing, beside one that asks (storySpans). */
  story?: string[];
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
  const wordsOf = deps.wordsOf ?? ((text: string) => contentWords(text, analyzer, (w) => inCorpus(w) || deps.lexiconTerms.has(w)));
  const negated = new Set(input.negatedSpans.flatMap(wordsOf));
  const seen = new Set<string>();
  const slipsRead = new Set<string>();
  const words: QuestionWord[] = [];
  const add = (word: string, context: boolean, fixedWeight?: number) => {
    if (seen.has(word)) return;
    seen.add(word);
    const isNegated = !context && negated.has(word);
    const generic = isGenericWord(word, deps);
    const subject = SUBJECT_WORDS.has(word) || partOfWhoAsks(word, context ? (input.context ?? "") : input.text);
    // What is asked about the topic (几个工作日, 部门, 费用) weighs as little as how it is done: the topic decides.
    // 工作日内, 三天之内: a time asked within is still what is asked.
    const guesses = guessesFor(word, input.text, deps);
    const aspect = ASPECT_WORDS.has(word) || ASPECT_WORDS.has(word.replace(/(以内|之内|内)$/, "")) || slipOfAspect(word, guesses, deps);
    // A count the policy does not use (另一家, 二十多天) weighs as little too; one the policy uses keeps its weight.
    const count = isQuantity(word) && !inCorpus(word) && !deps.lexiconTerms.has(word);
    const synonyms = [...synonymsFor(word, isNegated, expansion), ...(generic && !isNegated ? processWordsAlike(word, expansion) : [])];
    // What one lacks may be a way of doing things (手机 ~ 线上): matched only where a measure forbids requiring it, a process word is safe.
    const lackedSynonyms = isNegated ? synonymsFor(word, false, expansion, true) : [];
    // 电 of 电咋接 is what is asked about: a one-character word with a group of its own (电 ~ 供电) weighs as that group's term
    // (lacked, 没得过这个奖, as the group's term it lacks).
    const own = word.length === 1 && deps.lexiconTerms.has(word) ? Math.max(...[...synonyms, ...lackedSynonyms].map((s) => weightOf(s.text, deps)), MIN_WEIGHT) : undefined;
    // A word no dictionary knows, read as a slip of a policy term (银税乎动 → 银税互动), weighs as that term: the guess's lower credit already says it is a guess.
    // (So does one character read as part of a long slip, 成|对|汇票 for 承兑汇票: it is guessed as nothing shorter; once, when
    // the slip cut several, 容|却|受理.)
    const lone = word.length === 1 && !guesses.every((g) => slipsRead.has(g));
    for (const g of word.length === 1 ? guesses : []) slipsRead.add(g);
    const asGuessed = fixedWeight === undefined && guesses.length && (!isKnownWord(word, deps) || lone) ? Math.max(...guesses.map((g) => (ASPECT_WORDS.has(g) ? MIN_WEIGHT : weightOf(g, deps)))) : 0;
    const weight = fixedWeight ?? Math.max(generic || aspect || count ? MIN_WEIGHT : (own ?? weightOf(word, deps)), asGuessed) * (context ? CONTEXT_WEIGHT : 1) * (subject ? SUBJECT_WEIGHT : 1);
    for (const w of guesses) {
      synonyms.push(synonym(w, GUESS_CREDIT, w));
      for (const s of deps.groupOf?.(w) ?? []) if (usableSynonym(s)) synonyms.push(synonym(s, GUESS_CREDIT * SYNONYM_CREDIT, w));
    }
    const foreign = !inCorpus(word) && !deps.lexiconTerms.has(word) && !synonyms.length;
    // A count is evidence only beside a topic, like a process word (要跑好几个部门，现在开公司几天: 开公司 is the topic);
    // a bare number (123) may be a code or a name, and stays what it was.
    const countOnly = count && /\D/.test(word);
    // (Every field present, the later ones set by the readings after: one kind of object for every word.)
    words.push({ word, weight, synonyms, generic: generic || countOnly, aspect, subject, negated: isNegated, lacked: isNegated ? lackedSynonyms : undefined, context, setting: undefined, scene: undefined, foreign: foreign || undefined });
  };
  for (const w of wordsOf(withoutDistricts(input.text))) add(w, false);
  for (const w of input.implied ?? []) add(w, false);
  for (const w of input.unread) add(w.toLowerCase(), false, UNREAD_WEIGHT);
  if (input.context) for (const w of wordsOf(input.context)) add(w, true);
  const read = oneWordPerThing(asWhereFrom(asComplaint(asCaseMatter(asMissingPaper(asAsker(asSetting(asDuring(asElsewhere(asTeller(asStory(words, input, deps), input.text, wordsOf), input.text, wordsOf), input.text, wordsOf), input.text, wordsOf), input.text, wordsOf), input.text, wordsOf), input.text, wordsOf), input, wordsOf), input, wordsOf));
  return { words: read, total: read.reduce((a, w) => a + w.weight, 0) };
}

let subjectParts: Set<string> | null = null;
// Every shorter piece of a who-asks word, once: most words of a question are none, and are let go without a scan.
function subjectWordParts(): Set<string> {
  if (!subjectParts) {
    subjectParts = new Set();
    for (const whole of SUBJECT_WORDS) for (let a = 0; a < whole.length; a++) for (let b = a + 1; b <= whole.length; b++) if (b - a < whole.length) subjectParts.add(whole.slice(a, b));
  }
  return subjectParts;
}

/**
 * 返乡|青年 of 返乡青年, 全职|妈妈 of 全职妈妈: a part jieba cut from a who-asks word, wherever the question holds it, is that
 * word's; it names who asks, no topic. (Not a process or question word: those weigh as little already.)
 */
function partOfWhoAsks(word: string, text: string): boolean {
  if (!subjectWordParts().has(word) || SUBJECT_WORDS.has(word) || !text.includes(word) || processOrAspect(word)) return false;
  const spans: Array<[number, number]> = [];
  for (const whole of SUBJECT_WORDS) {
    if (whole.length <= word.length || !whole.includes(word)) continue;
    for (let at = text.indexOf(whole); at >= 0; at = text.indexOf(whole, at + 1)) spans.push([at, at + whole.length]);
  }
  if (!spans.length) return false;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) if (!spans.some(([from, to]) => from <= at && at + word.length <= to)) return false;
  return true;
}

const DISTRICTS = new RegExp(HOME_DISTRICTS.join("|"), "g");
// (在高新区软件园开个分公司: the park, like the district, says where the asker is.)
const withoutDistricts = (text: string) => text.replace(DISTRICTS, " ").replace(BUSINESS_SITE, " ");

const STORY_WEIGHT = 0.2; // a word of the story around a question (老家, 亏了, 账上) that the policy and the lexicon do not use
const TOLD_WEIGHT = 0.65; // a policy word of the story (纳税信用良好, 资金紧张) when the asking clause names a topic of its own (银税互动)

// Whether the policy says what was told: 有没有这个说法, 有这种规定吗, 是这么写的吗, 是真的吗.
// (…只能找他们推荐那家中介，你说这算不算违规: whether what was told breaks the rules, judged of it.)
// (…钱还没给，有没有啥政策文件能拿出来说说的: a paper asked for to cite of what was told; the paper is no topic of its own.)
const PAPER_TO_CITE = /((?:政策|文件|规定|条文|依据|红头)+)[^，,。？?]{0,3}(能|可以|好)?拿(出来|出手)/;
const POINTS_BACK_AT_STORY = new RegExp(`${PAPER_TO_CITE.source}|` + /(这个|这种|这样的|这样|这|那个|那种)(说法|规定|提法|条款|政策)|(这|这样|这种|这么做|这么干)(算不算|算|是不是|是|属不属于|属于)(违规|违法|违反规定)|(是|有)?这么(说|讲|规定|写)的?(吗|么|嘛|不)|是真的(吗|么|嘛)|真的假的/.source);

/**
 * A long message tells a story and asks in one clause: the story's words that neither the policy nor the lexicon
 * uses (说来话长, 农家乐, 扛不住) set the scene and weigh little; its policy words (检查, 公示) count less than the asking clause's
 * when that names a topic of its own, else in full.
 */
function asStory(words: QuestionWord[], input: TermsInput, deps: TermsDeps): QuestionWord[] {
  if (!input.story?.length) return words;
  const wordsOf = deps.wordsOf ?? ((text: string) => contentWords(text, deps.analyzer, (w) => deps.inCorpus(w) || deps.lexiconTerms.has(w)));
  const story = new Set(input.story.flatMap(wordsOf));
  const askingText = askingClauses(input.text, input.story);
  const asking = new Set(wordsOf(askingText));
  // What the story implies (我们是开饭馆的 → 开店) sets the scene as its words do, unless the asking clause implies it too.
  // (…还没弄好，该找谁: a complaint the story's overdue and the asking clause's where-to-turn imply together is asked.)
  const complaint = (w: string) => [COMPLAINT_IMPLIES, OVERDUE_IMPLIES, HOTLINE_IMPLIES].includes(w) && whereToTurn(askingText) !== "";
  // (…钱还拖着不给，咋整: a grievance the story implies, asked about by a clause naming nothing of its own, is what is asked.)
  const known = (w: QuestionWord) => deps.inCorpus(w.word) || deps.lexiconTerms.has(w.word) || w.synonyms.length > 0;
  const askingNamesTopic = words.some((w) => asking.has(w.word) && known(w) && isTopic(w));
  // (注册地址挂在创业园，实际在自家仓库办公，可以吗: so is the point of a situation told, the two addresses the policy lets be registered apart.)
  // (大厅硬要我们在网上申报，合理吗: being made to do it online only, too; 签的协议，换了领导就说不算数了，这合规吗: a promise broken, too.)
  // (…今天安监明天环保后天市场监管，活都干不成了，有没有说法: inspections piling up, the same.)
  const grievance = (w: string) => [ARREARS_IMPLIES, BID_CONDITION_IMPLIES, ONLY_ONLINE_IMPLIES, PROMISE_BROKEN_IMPLIES, INSPECTIONS_COUNTED_IMPLIES, ...ADDRESSES_APART_IMPLY].includes(w) && !askingNamesTopic;
  // (A message that only tells, every clause its story, asks what the policy says of it: what it implies is that.)
  // (…是头一回，会直接开罚单吗: a first offence told, asked whether it is fined, is what is asked.)
  const fineAsked = (w: string) => w === FIRST_OFFENCE_IMPLIES && asksIfFined(askingText);
  // (…年纪大了弄不懂电脑，直接到大厅递纸质材料能受理吗: unable to go online told, asked whether the window still takes it, the offline way is asked.)
  // (…去政务大厅只能排队线下办，可以吗: a bare 可以吗 asks it of what was told, the offline way.)
  const offlineAsked = (w: string) => w === OFFLINE_IMPLIES && (asksOffline(askingText) || (asksOfWhatWasTold(askingText) && asksOffline(input.text)));
  // (…听人说注销麻烦得很，现在有没有简单点的办法: closing told, an easier way asked, 简易注销 is asked.)
  const simplerAsked = (w: string) => w === SIMPLER_CLOSING_IMPLIES && asksSimpler(askingText);
  const impliedByStory = new Set(askingText.trim() ? (input.implied ?? []).filter((w) => !impliedWords(askingText).includes(w) && !asksAcrossRegions(w, askingText) && !complaint(w) && !grievance(w) && !fineAsked(w) && !offlineAsked(w) && !simplerAsked(w)) : []);
  // An asking clause naming nothing (这种情况政策怎么说, 到底要多久) asks about the story: its policy words say what, the rest still sets the scene.
  const scene = (w: QuestionWord) => !w.context && !asking.has(w.word) && ((story.has(w.word) && !known(w)) || impliedByStory.has(w.word));
  // An asking clause naming a topic of its own (…请问银税互动今年有何推进) decides: the story's policy words only say what led to it.
  // (…，文件里真有这种规定吗: a clause asking whether the policy says what the story told makes the story what is asked, whatever else is asked beside.)
  // (A message that only tells has the point it implies for its own topic: 拖欠 of 工程款拖了一年没给.)
  const asksOwnTopic = !POINTS_BACK_AT_STORY.test(askingText) && (askingText.trim() ? askingNamesTopic : !!input.implied?.length);
  const told = (w: QuestionWord) => asksOwnTopic && !w.context && !asking.has(w.word) && story.has(w.word) && known(w);
  // (The clause asking for it, 有没有啥政策文件能拿出来说说的, names nothing the story did not.)
  const paper = askingText.split(/[，,。？?！!；;]/).find((c) => PAPER_TO_CITE.test(c)) ?? "";
  const cited = (w: QuestionWord) => !w.context && !!paper && paper.includes(w.word) && !story.has(w.word);
  return words.map((w) => (scene(w) || cited(w) ? markedScene(w, w.weight * STORY_WEIGHT) : told(w) ? reweighed(w, w.weight * TOLD_WEIGHT) : w));
}

/**
 * 我朋友说开公司两天就能办完: who told the claim sets the scene, no other thing asked beside the opening (开公司 stays the topic).
 * It keeps its weight: a claim the policy holds nothing of (朋友说个体户不用办执照了) stays doubtful.
 */
function asTeller(words: QuestionWord[], text: string, wordsOf: (text: string) => string[]): QuestionWord[] {
  const teller = tellerSpan(text);
  if (!teller) return words;
  const rest = new Set(wordsOf(text.slice(teller.length)));
  const told = new Set(wordsOf(teller).filter((w) => !rest.has(w)));
  return words.map((w) => (w.context || w.scene || !told.has(w.word) ? w : markedScene(w)));
}

// 疫情期间, 装修期间, 在春节期间: when the asker's matter happens, a span opening the message or a clause.
const DURING = /(?:^|[，,。？?！!；;\s在于])([\u4e00-\u9fff]{1,4}?)期间/;

/** 深圳开公司1天，克拉玛依呢: the other place, told with its figure, sets the scene; the matter is asked of here. */
function asElsewhere(words: QuestionWord[], text: string, wordsOf: (text: string) => string[]): QuestionWord[] {
  const told = elsewhereTold(text);
  if (!told.length) return words;
  const there = new Set(told.flatMap(wordsOf));
  return words.map((w) => (w.context || !w.foreign || !there.has(w.word) ? w : markedScene(w, w.weight * STORY_WEIGHT)));
}

/**
 * 疫情期间能不能网上办执照, 疫情期间有没有纾困政策: the time a question is asked in sets its setting when the rest names a topic of its
 * own; the policy need not name it (no measure speaks of 疫情).
 */
function asDuring(words: QuestionWord[], text: string, wordsOf: (text: string) => string[]): QuestionWord[] {
  const during = DURING.exec(text);
  if (!during) return words;
  const rest = new Set(wordsOf(text.replace(during[0], "，")));
  const when = new Set(wordsOf(during[0]).filter((w) => !rest.has(w)));
  if (!when.size || !words.some((w) => !w.context && rest.has(w.word) && isTopic(w) && !w.scene)) return words;
  return words.map((w) => (w.context || !when.has(w.word) ? w : markedSetting(w, w.weight * SUBJECT_WEIGHT)));
}

/**
 * 刚开的奶茶店装电表, 新成立的合作社办不动产登记, 做餐饮的个体户通天然气: opening or running a business is the setting when the question asks
 * about something else; its words (and the 开店 it implies) then say who asks, they do not decide the topic.
 * Asked about alone (开个面馆要办哪些手续), opening is the topic, and the kind of business only its setting.
 */
// 面馆, 新店: the kind of business opened, not the opening (开公司, 注册公司 are the opening itself).
const namesTheKindOnly = (word: string) => namesABusiness(word) && !/^(新开|创办|注册|成立|开|办)/.test(word);

// 我们搞数据标注, 我在物流园做仓储, 我们主要干装修: the asker's trade, told as a clause of its own.
const TELLS_TRADE = /^(我们|我|咱们|咱|俺们|俺)(是|家|公司|这边)?(主要|一直|平时|专门|现在)?(做|搞|干|经营|从事)[\u4e00-\u9fff]{1,8}$/;

function asSetting(words: QuestionWord[], text: string, wordsOf: (text: string) => string[]): QuestionWord[] {
  const opening = settingSpan(text);
  if (!opening) return words;
  const own = ownQuestion(text, opening);
  const rest = new Set(wordsOf(own.replace(opening, "，")));
  const inOpening = new Set(wordsOf(opening).filter((w) => !rest.has(w)));
  // (修鞋|铺办 of 我爹的修鞋铺办用电报装: a word jieba glued from the setting's last character and the one after it is the setting's.)
  const spanEnd = own.indexOf(opening) + opening.length;
  for (const w of words) if (!w.context && !rest.has(w.word) && w.word.length === 2 && own.indexOf(w.word) === spanEnd - 1) inOpening.add(w.word);
  inOpening.add(OPENING_IMPLIES);
  // (代账的问俩事，新开公司几天办完: when the opening's own clause asks, a clause before it that asks nothing, in words the policy
  // does not use, says who asks; it is no other thing asked about.)
  const clauses = own.split(/[，,。；;！!？?]/);
  const at = clauses.findIndex((c) => c.includes(opening));
  // (…，打算再开一家分店，大概几天能办完: the opening's question may be asked in the clauses after it.)
  const before = at > 0 && clauses.slice(at).some(clauseAsks) ? clauses.slice(0, at) : [];
  const silentClauses = before.filter((c) => !clauseAsks(c));
  const silent = new Set(silentClauses.flatMap(wordsOf));
  // (我们在高新区做信息系统集成，打算再开一家公司: a clause telling the asker's trade says who asks, in whatever words, 信息 of the policy's too.)
  const trade = new Set(silentClauses.filter((c) => TELLS_TRADE.test(c.replace(BUSINESS_SITE, "").trim())).flatMap(wordsOf));
  const asking = new Set(clauses.filter((c) => !c.includes(opening) && clauseAsks(c)).flatMap(wordsOf));
  const tellsWho = (w: QuestionWord) => ((!!w.foreign && silent.has(w.word)) || (trade.has(w.word) && !inOpening.has(w.word))) && !asking.has(w.word);
  // (失业青年开网店, 退休护士开诊所: the person right before the opening is who opens; a word jieba glued across into the verb, 宝妈开 of 宝妈开花店, is theirs too.)
  const openers = openerSpans(own, opening).map((span) => ({ at: own.lastIndexOf(span, own.indexOf(opening)), span }));
  const opens = (w: QuestionWord) => !w.context && !inOpening.has(w.word) && openers.some(({ at, span }) => own.indexOf(w.word) >= at && own.indexOf(w.word) < at + span.length);
  // (The story's scene, 我是做装修的，听同行讲…, is no other thing asked about.)
  const restHasTopic = words.some((w) => rest.has(w.word) && !inOpening.has(w.word) && isTopic(w) && !w.scene && !tellsWho(w) && !opens(w));
  return words.map((w) => {
    // Opening a business is the same whoever opens it: who it is counts for no measure (退休 of 退休人员 is no 退休一件事).
    if (opens(w)) return markedSubject(w, 0);
    if (w.context || !inOpening.has(w.word)) return w;
    // (Asked about alone, 新店多久能开起来: the opening it implies is what is asked; the kind of business and the words saying so only tell it.)
    if (!restHasTopic && namesTheKindOnly(w.word) && !w.subject) return markedSetting(w, w.weight * SUBJECT_WEIGHT);
    if (!restHasTopic || w.subject) return markedSetting(w);
    return markedSetting(w, w.weight * SUBJECT_WEIGHT, true);
  });
}

/**
 * 商会想知道…, 作为代理律师想了解…: who asks, named before asking. When the rest names a topic, the asker's words only say
 * who asks (商会 of 第21条's 行业协会商会 收费 is not what a chamber asks about when it asks about being consulted).
 */
function asAsker(words: QuestionWord[], text: string, wordsOf: (text: string) => string[]): QuestionWord[] {
  const asker = askerSpan(text);
  if (!asker) return words;
  const rest = new Set(wordsOf(text.slice(asker.length)));
  const inAsker = new Set(wordsOf(asker).filter((w) => !rest.has(w)));
  if (!words.some((w) => rest.has(w.word) && !inAsker.has(w.word) && isTopic(w) && !w.scene)) return words;
  return words.map((w) => (w.context || w.subject || !inAsker.has(w.word) ? w : markedSubject(w, w.weight * SUBJECT_WEIGHT)));
}

// 材料里有一份消防验收证明没开好, 还差个营业执照没办下来, 缺一份租房合同: a paper of the application not yet in hand.
// (手续还缺一份租赁合同原件: lacking is said by 差, 缺, 少 alone; the paper runs on over the paper words after it. Not 容缺, 多少, 出差.)
const PAPER_WORDS = "证明|证|执照|合同|协议|原件|复印件|批文|房本|户口本";
const PAPER = `(?:[\\u4e00-\\u9fff]{0,6}?(?:${PAPER_WORDS}|文件))(?:[\\u4e00-\\u9fff]{0,2}?(?:${PAPER_WORDS}))*`;
const PAPER_MISSING = new RegExp(
  `(?:有|还差|就差|只差|差|缺|少)(?:一|两|几)?(?:份|个|张|样)?(${PAPER})(?:还)?(?:没|没有|未)(?:拿到|办下来|办好|出来|开出来|开好|下来|到手|弄好|办)?|` +
    `(${PAPER})(?:还)?(?:没|没有|未)(?:拿到|办下来|出来|开出来|到手)|` +
    `(?:(?:还差|就差|只差)(?:一|两|几)?(?:份|个|张|样)?|(?:(?<![出相落])差|(?<![容欠])缺|(?<![多减至稀])少)(?:一|两|几)?(?:份|个|张|样))(${PAPER})`,
);

/**
 * 报装燃气还差一份产权证明没到手，燃气公司能不能先受理: a paper not yet in hand says what the application lacks (容缺受理
 * of the connection asked about), as a setting does; the paper is no topic the measure must name (房产证 is 不动产登记's), when
 * the rest of the question names one.
 */
function asMissingPaper(words: QuestionWord[], text: string, wordsOf: (text: string) => string[]): QuestionWord[] {
  const m = PAPER_MISSING.exec(text);
  const paper = m?.[1] ?? m?.[2] ?? m?.[3];
  if (!m || !paper) return words;
  const rest = new Set(wordsOf(text.replace(m[0], "，")));
  const inPaper = new Set(wordsOf(paper).filter((w) => !rest.has(w)));
  if (!words.some((w) => rest.has(w.word) && !inPaper.has(w.word) && isTopic(w) && !w.scene && !w.setting)) return words;
  return words.map((w) => (w.context || w.subject || !inPaper.has(w.word) ? w : markedSetting(w, w.weight * SUBJECT_WEIGHT, true)));
}

// What a case is about, named before the dispute (工程款纠纷, 合同纠纷, 劳务官司), and a case brought in the same clause (想网上立案, 去起诉).
const CASE_MATTER = /([\u4e00-\u9fff]{1,6}?)(?:的)?(?:纠纷|官司|案子|案件|争议)/;
const CASE_BROUGHT = /立案|起诉|诉讼|打官司|告状|开庭|仲裁|调解|复议/;

/**
 * 工程款纠纷想网上立案: the dispute's matter (工程款) says what the case is about, as a setting does; bringing the case (网上立案) is
 * what is asked, and the measure holding the matter (清欠) does not answer it. Only when the clause brings a case and the rest names a topic.
 */
function asCaseMatter(words: QuestionWord[], text: string, wordsOf: (text: string) => string[]): QuestionWord[] {
  const clause = text.split(/[，,。？?！!；;]/).find((c) => CASE_MATTER.test(c) && CASE_BROUGHT.test(c.replace(CASE_MATTER, "")));
  const matter = clause ? CASE_MATTER.exec(clause)![1]! : "";
  if (!matter) return words;
  const rest = new Set(wordsOf(text.replace(matter, "，")));
  const inMatter = new Set(wordsOf(matter).filter((w) => !rest.has(w)));
  if (!inMatter.size || !words.some((w) => rest.has(w.word) && !inMatter.has(w.word) && isTopic(w) && !w.scene && !w.setting)) return words;
  return words.map((w) => (w.context || w.subject || !inMatter.has(w.word) ? w : markedSetting(w, w.weight * SUBJECT_WEIGHT, true)));
}

/**
 * 通燃气等了十五天还没通上，不是说限时办结吗？该去哪反映: a complaint of a time limit or a service not met asks where to
 * turn (the complaint it implies, a channel it names: 12345) about what was not met (还没办成). The matter overdue (接自来水,
 * 12个工作日) says what the complaint is about, as a setting does: the measure setting the limit does not answer where to complain.
 */
function asComplaint(words: QuestionWord[], input: TermsInput, wordsOf: (text: string) => string[]): QuestionWord[] {
  if (!input.implied?.includes(COMPLAINT_IMPLIES)) return words;
  const asked = new Set([COMPLAINT_IMPLIES, OVERDUE_IMPLIES, HOTLINE_IMPLIES, ...wordsOf(complaintSpans(input.text))]);
  return words.map((w) => (w.context || w.subject || asked.has(w.word) ? w : markedSetting(w, w.weight * SUBJECT_WEIGHT, true)));
}

/**
 * 我户籍在阿勒泰，在独山子开了个厂，手续就在这边办行不行: asking for a cross-region service (异地办 implied), where the asker
 * comes from (户口, 老家) says who asks, as a setting does; it is no thing the measure must name.
 */
function asWhereFrom(words: QuestionWord[], input: TermsInput, wordsOf: (text: string) => string[]): QuestionWord[] {
  // (户籍在甘肃的工人，社保转移能跨省通办吗: the service named outright, by the policy's own name, is what is asked; the matter
  // done so, and who asks it, only say what it is asked of.)
  // (Not 跨省通办的事项含不含户口迁移: there the service names a list, and the matter is what is asked.)
  const asked = ASKED_ACROSS_REGIONS.exec(input.text);
  if (!input.implied?.includes(ACROSS_REGIONS_IMPLIES) && !asked) return words;
  const own = asked ? ownQuestion(input.text, asked[0]) : "";
  const service = (w: QuestionWord) => NAMED_ACROSS_REGIONS.some((t) => t.includes(w.word) || w.word.includes(t));
  // (A matter the policy never names, 驾驶证换证能跨省通办吗, is still what must be found; a clause telling where the asker is from, 老家四川的员工, only tells.)
  const from = new Set(own.split(/[，,]/).filter((c) => [...WHERE_FROM_WORDS].some((f) => c.includes(f)) && !clauseAsks(c)).flatMap(wordsOf));
  const told = (w: QuestionWord) => WHERE_FROM_WORDS.has(w.word) || (own.includes(w.word) && isTopic(w) && !service(w) && (!w.foreign || from.has(w.word)));
  return words.map((w) => (w.context || w.subject || !told(w) ? w : markedSetting(w, w.weight * SUBJECT_WEIGHT, true)));
}
// The policy's names of a service done across regions (第40条).
const NAMED_ACROSS_REGIONS = ["跨省通办", "疆内通办", "跨区域通办"];
// Asked whether it can be done so (能跨省通办不, 疆内通办有没有).
const ASKED_ACROSS_REGIONS = new RegExp(`(能|可以|能不能|可不可以|能否|可否)(${NAMED_ACROSS_REGIONS.join("|")})|(${NAMED_ACROSS_REGIONS.join("|")})(有没有|有吗|行吗|吗|不|没)`);

/** 开公司花不花钱？抵押登记几天？: a span inside a question of its own is read with that question only. */
function ownQuestion(text: string, span: string): string {
  const at = text.indexOf(span);
  const start = Math.max(...["？", "?", "。", "！", "!"].map((end) => text.lastIndexOf(end, at))) + 1;
  const end = text.slice(at + span.length).search(/[？?]/);
  return end < 0 ? text : text.slice(start, at + span.length + end + 1);
}

/**
 * Two words of the question the lexicon says are one thing (个体户 and 小店, 新开 and the 开店 it implies)
 * count once, at the heavier one's weight: one thing named twice is not twice the evidence.
 */
function oneWordPerThing(words: QuestionWord[]): QuestionWord[] {
  const kept: QuestionWord[] = [];
  for (const w of [...words].sort((a, b) => b.weight - a.weight)) {
    const same = kept.find((k) => k.context === w.context && ((k.negated === w.negated && (namesAlike(k, w) || namesAlike(w, k))) || saysLackedAgain(k, w) || saysLackedAgain(w, k)));
    if (!same) {
      kept.push(w);
      continue;
    }
    // The lighter word still counts where it is found, as a synonym of the heavier, when the heavier's group names it;
    // a part of a longer term (监管 of 分类监管, beside 信用风险分类) would otherwise match wherever it stands alone.
    // (Not what stands for a part of it only, 投标 of 不合理投标条件: the heavier word says the whole thing.)
    const named = namesAlike(same, w) ? [synonym(w.word, 1)] : [];
    same.synonyms = [...same.synonyms, ...named, ...w.synonyms.filter((s) => !s.rest && !same.synonyms.some((x) => x.text === s.text))];
  }
  // Back in the question's order.
  return words.filter((w) => kept.includes(w));
}

/** 不跑现场，一次面都不见: b, a negated word cut short (不见 of 不见面), begins a synonym of a's lacked thing: it is said again. */
const saysLackedAgain = (a: QuestionWord, b: QuestionWord) =>
  a.negated && !b.negated && b.word.length > 1 && NEGATORS.some((n) => b.word.startsWith(n)) && a.synonyms.some((s) => s.text.length > b.word.length && s.text.startsWith(b.word));

/** The lexicon gives b's word as a full synonym of a (not part of a longer word, not a guessed slip). */
const namesAlike = (a: QuestionWord, b: QuestionWord) => a.word.length > 1 && b.word.length > 1 && a.synonyms.some((s) => s.text === b.word && !s.guessed && !s.rest);

const processOrAspect = (w: string) => GENERIC_WORDS.has(w) || ASPECT_WORDS.has(w);

/** A process word (办理, 条件), or one jieba glued from process and question words (申报材料, 具备条件). */
export const isGenericWord = (word: string, deps: Pick<TermsDeps, "inCorpus" | "lexiconTerms">) => GENERIC_WORDS.has(word) || madeOfProcessWords(word, deps);

/** A word jieba glued from process and question words (申报材料, 办事流程) is one of them, unless the policy or the lexicon uses it. */
function madeOfProcessWords(word: string, deps: Pick<TermsDeps, "inCorpus" | "lexiconTerms">): boolean {
  if (word.length < 4 || deps.inCorpus(word) || deps.lexiconTerms.has(word)) return false;
  for (let k = 2; k <= word.length - 2; k++) if (processOrAspect(word.slice(0, k)) && processOrAspect(word.slice(k))) return true;
  return false;
}

// Jieba's table holds many rare forms (注消 among them); a word that rare may be a misspelling.
const RARE_IDF = 11.5;
const SELDOM_IDF = 10; // a known word this seldom used may be a slip, when the question completes what it sounds like into a term
const LONG_SLIP = 3;

/** A real word (then it is no misspelling): the policy, the lexicon or general Chinese uses it. */
export const isKnownWord = (word: string, deps: TermsDeps) =>
  !/^[\u4e00-\u9fff]+$/.test(word) ||
  deps.inCorpus(word) ||
  deps.lexiconTerms.has(word) ||
  (deps.analyzer.generalIdf(word) ?? Infinity) < RARE_IDF;

/**
 * What a word the policy does not use may have been meant as: policy words that sound like it. A word no
 * dictionary knows (只照, 注消) may be a slip spanning its neighbours too (不懂产 → 不动产); a real word
 * (公正) only as itself (→ 公证).
 */
export function guessesFor(word: string, text: string, deps: TermsDeps): string[] {
  if (!deps.soundsAlike || !/^[\u4e00-\u9fff]+$/.test(word) || deps.inCorpus(word) || deps.lexiconTerms.has(word)) return [];
  const made = deps.guesses?.get(word);
  if (made) return made;
  // One character jieba left alone may be a slip inside a longer word it split (容|却|受理 for 容缺受理): only that long a guess.
  const guesses = word.length === 1
    ? deps.soundsAlike.forWord(word, text, (run, at) => !partOfAWord(run, at, deps)).filter((g) => g.length >= LONG_SLIP)
    : isKnownWord(word, deps)
    ? [
        ...deps.soundsAlike.alike(word).filter((g) => likelySlip(word, g, deps.analyzer) || seldomBesideItsCompound(word, g, text, deps)),
        // A real word can be part of a longer slip (银|税户|动 for 银税互动, 信|一带 for 信易贷): three characters sounding alike are seldom chance.
        ...deps.soundsAlike.forWord(word, text).filter((g) => g.length >= LONG_SLIP),
      ]
    : deps.soundsAlike.forWord(word, text);
  deps.guesses?.set(word, guesses);
  return guesses;
}

/**
 * A word no dictionary knows, sounding only like question words of which one is commoner than it (开公司要几填: 几天), is that word
 * slipped: it asks, no topic. (哪部 of 哪部法律 sounds like 哪步, which general Chinese uses less: it stays what it is.)
 */
const slipOfAspect = (word: string, guesses: readonly string[], deps: TermsDeps) =>
  guesses.length > 0 &&
  guesses.every((g) => ASPECT_WORDS.has(g)) &&
  !isKnownWord(word, deps) &&
  guesses.some((g) => (deps.analyzer.generalIdf(g) ?? Infinity) < deps.analyzer.idf(word));

/** The character at `at` makes a known word with the one before or after it (公 of 公司). */
const partOfAWord = (run: string, at: number, deps: TermsDeps) =>
  [at > 0 ? run.slice(at - 1, at + 1) : "", run.slice(at, at + 2)].some((pair) => pair.length === 2 && isKnownWord(pair, deps));

/**
 * An input method offers the more frequent of two words that sound alike first, so a real word typed by mistake
 * is the commoner one (公正 for 公证, 公式 for 公示); a word commoner than the one typed was not meant (店里 is no 电力).
 */
function likelySlip(typed: string, meant: string, analyzer: TextAnalyzer): boolean {
  const meantIdf = analyzer.generalIdf(meant);
  return meantIdf === undefined || meantIdf >= analyzer.idf(typed);
}

/**
 * 专力…贷款: a word general Chinese barely uses, sounding like a commoner policy word (专利), which the question completes into a term of
 * the lexicon with another of its words (专利贷款): the input method offered the seldom word; the term says what was meant. (账上, 昌吉
 * complete no term so: they stay what they are.)
 */
function seldomBesideItsCompound(typed: string, meant: string, text: string, deps: TermsDeps): boolean {
  if (deps.analyzer.idf(typed) < SELDOM_IDF) return false;
  for (const term of deps.lexiconTerms) {
    if (term === meant || !(term.startsWith(meant) || term.endsWith(meant))) continue;
    const rest = term.startsWith(meant) ? term.slice(meant.length) : term.slice(0, -meant.length);
    if (rest.length >= 2 && text.includes(rest)) return true;
  }
  return false;
}

// 而且, 并且 join a clause to the one before (…烦死了，而且头一回会不会被罚), as 另外 does: they name nothing.
const CLAUSE_JOINERS = new Set(["而且", "并且"]);

/** Jieba's precise words without stop words; a two-character guess glued from a function character keeps its content character. */
/** @param known whether the policy or the lexicon uses a word: such a word (还不上, 信易贷) is never trimmed as a guess. */
export function contentWords(text: string, analyzer: TextAnalyzer, known: (word: string) => boolean): string[] {
  const out: string[] = [];
  const doubled = doubledVerbPieces(text, analyzer);
  const words = analyzer.keywords(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if ((doubled.has(w) && !known(w)) || CLAUSE_JOINERS.has(w)) continue;
    // 新报|装 of 新报装: jieba glued a policy word's first character (报 of 报装) to the character before it; the policy word is what is named.
    const next = words[i + 1];
    if (next && w.length === 2 && !known(w) && known(w[1]! + next) && text.includes(w + next)) {
      out.push(w[1]! + next);
      i++;
      continue;
    }
    // 开个, 办个, 拉个: a verb and a measure word glued by jieba; the verb alone carries what little it says.
    // (整个 of 整个过程 is the whole of it, a word of its own.)
    if (/^[开办拉接搞弄整建盖买租装领刻贷报交跑打问找申干做][个家间点些]$/.test(w) && !ASPECT_WORDS.has(w)) {
      out.push(w[0]!);
      continue;
    }
    // 登记手续, 报装流程: a policy word and the process word jieba glued to it; the policy word is what the question names.
    const processTail = /^([\u4e00-\u9fff]{2,})(手续|流程)$/.exec(w);
    if (processTail && !known(w) && known(processTail[1]!)) {
      out.push(processTail[1]!, processTail[2]!);
      continue;
    }
    const rare = (analyzer.generalIdf(w) ?? Infinity) >= RARE_IDF;
    // 那大厂子呢, 那气呢: "that" glued to what follows, which jieba reads as a place (那大) or a new word; what follows is the word.
    if (/^[那这][\u4e00-\u9fff]$/.test(w) && !known(w) && (!analyzer.knows(w) || analyzer.tag(w)[0]?.tag === "ns")) {
      out.push(w[1]!);
      continue;
    }
    // 想通天然气, 想开个店: "want" and the verb, which jieba reads as one idiom (想通, 想开);
    // 先找供电公司, 先到税务局, 再办, 全办下来: "first", "then" or "all" glued to the verb, which says only in what order or how much.
    if (/^想[开办拉接通装建盖买租贷报注]$/.test(w) || (/^[先再全都][办找到去交跑领报拿弄搞做申问]$/.test(w) && !known(w))) {
      out.push(w[1]!);
      continue;
    }
    if (w.length >= 2 && rare && !known(w) && /^[\u4e00-\u9fff]+$/.test(w)) {
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

// 够不够格, 合不合格, 符不符合, 满不满足: a verb doubled around 不 asks whether.
const DOUBLED_VERB = /([\u4e00-\u9fff])不\1([\u4e00-\u9fff])?/g;

/**
 * The pieces jieba cuts off a verb doubled around 不 (够不够|格, 合|合格, 符不|符合条件): the lone first character, it with 不, or
 * the lone character after it. They name nothing (格 of 严格, 合 of 合作); what is asked whether is the word jieba kept, or the doubled verb itself.
 * (A word of the policy or the lexicon stays: 电 of 通不通电 is what is asked about.)
 */
function doubledVerbPieces(text: string, analyzer: TextAnalyzer): Set<string> {
  const pieces = new Set<string>();
  // (管不管这个: 管 doubled alone asks whether, and 这 begins what follows.)
  for (const [, verb, rest] of matchesOf(text, DOUBLED_VERB)) if (rest && analyzer.knows(verb! + rest)) pieces.add(verb!).add(`${verb}不`).add(rest);
  return pieces;
}

/**
 * Synonyms from the lexicon. A group found inside a longer word stands for that part of it only
 * (商标 in 商标注册 counts half). A negated word takes only its negated form's group (无抵押 ~ 信用贷款).
 */
function synonymsFor(word: string, negated: boolean, expansion: Expansion, keepProcessWords = false): Synonym[] {
  const negatedForm = (term: string) => NEGATORS.find((n) => term.startsWith(n) && term.length > n.length);
  const out = new Map<string, Synonym>();
  const offer = (s: Synonym) => {
    if ((keepProcessWords ? s.text.length > 1 : usableSynonym(s.text)) && (out.get(s.text)?.credit ?? 0) < s.credit) out.set(s.text, s);
  };
  for (const [term, synonyms] of expansion.synonymsOf) {
    const n = negatedForm(term);
    if (negated) {
      if (n && (word.startsWith(term.slice(n.length)) || term.slice(n.length).startsWith(word))) for (const s of synonyms) offer(synonym(s, SYNONYM_CREDIT));
      continue;
    }
    if (!(term.includes(word) || word.includes(term)) || (n && !word.startsWith(n))) continue;
    // One character (天 of 多少天) stands for a group only as that group's own term (水 ~ 供水), not as part of a longer one (天然气).
    if (word.length === 1 && term !== word) continue;
    if (word.includes(term) && word !== term) {
      // 银行贷款 holds 贷款: the group stands for that part; the rest (银行) found beside it completes the match.
      const rest = word.replace(term, "");
      const credit = (SYNONYM_CREDIT * term.length) / word.length;
      offer(synonym(term, credit, undefined, rest));
      for (const s of synonyms) offer(synonym(s, credit, undefined, rest));
    } else for (const s of synonyms) offer(synonym(s, SYNONYM_CREDIT));
  }
  return [...out.values()];
}

const usableSynonym = (s: string) => s.length > 1 && !GENERIC_WORDS.has(s);

/** A process word's group of process words only (网上 ~ 线上 ~ 在线): one stands for another, still counting only beside a topic. */
function processWordsAlike(word: string, expansion: Expansion): Synonym[] {
  const synonyms = expansion.synonymsOf.get(word) ?? [];
  return synonyms.length && synonyms.every((s) => GENERIC_WORDS.has(s)) ? synonyms.map((text) => synonym(text, SYNONYM_CREDIT)) : [];
}

function weightOf(word: string, deps: TermsDeps): number {
  const { analyzer, inCorpus } = deps;
  // Bare numbers and single characters (接, 办) say little about the topic, unless the lexicon names the number (12345).
  if (/^\d+$/.test(word)) return deps.lexiconTerms.has(word) ? analyzer.idf(word) : MIN_WEIGHT;
  if (word.length === 1) return MIN_WEIGHT;
  // A term general Chinese does not know but the policy or the lexicon uses (信易贷, 施工许可证) is a domain term.
  const general = analyzer.generalIdf(word);
  if (general === undefined && (inCorpus(word) || deps.lexiconTerms.has(word))) return MAX_WEIGHT;
  return Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, general ?? analyzer.idf(word)));
}

/** How much of the question a passage covers. */
export function match(terms: QuestionTerms, passage: string): Match {
  return matchParts(terms, passage.toLowerCase(), "");
}

/** How much of the question a measure covers: its title and text fully, its departments' names at half credit. */
export function measureMatch(terms: QuestionTerms, measure: Measure): Match {
  const { text, pairs, departments, departmentPairs } = loweredOf(measure);
  return matchParts(terms, text, departments, pairs, departmentPairs);
}

// A measure's text is matched against every question: lower-cased once per measure, not once per question, with its pairs.
interface Lowered {
  text: string;
  pairs: PairFilter;
  departments: string;
  departmentPairs: PairFilter;
}
const lowered = new WeakMap<Measure, Lowered>();
function loweredOf(measure: Measure): Lowered {
  let l = lowered.get(measure);
  if (!l) {
    const text = `${measure.title}。${measure.text}`.toLowerCase();
    const departments = measure.departments.join("、").toLowerCase();
    lowered.set(measure, (l = { text, pairs: pairFilter(text), departments, departmentPairs: pairFilter(departments) }));
  }
  return l;
}

/**
 * The character pairs of a passage, hashed into bits: a term whose first two characters hash to a bit not set is not in the
 * passage, found so without reading it (most synonyms of most question words are in none of the candidates).
 */
export interface PairFilter {
  bits: Uint32Array;
  /** The number of bits less one (a power of two: about eight bits a character, 64 to 4,096). */
  mask: number;
  /** Whether the passage has quotation marks (a term may be found across them). */
  quoted: boolean;
}
const pairBit = (s: string, at: number, mask: number) => (s.charCodeAt(at) * 31 + s.charCodeAt(at + 1)) & mask;
export function pairFilter(text: string): PairFilter {
  let size = 64;
  while (size < 4096 && size < text.length * 8) size *= 2;
  const bits = new Uint32Array(size / 32);
  for (let i = 0; i + 1 < text.length; i++) {
    const b = pairBit(text, i, size - 1);
    bits[b >>> 5]! |= 1 << (b & 31);
  }
  return { bits, mask: size - 1, quoted: QUOTED.test(text) };
}
/** Whether the passage may hold the term (a term of one character, or no filter: it may). */
const mayHold = (pairs: PairFilter | undefined, term: string) => {
  if (!pairs || term.length < 2) return true;
  const b = pairBit(term, 0, pairs.mask);
  return (pairs.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
};
/** The term is in the passage as written. */
const holdsTerm = (passage: string, term: string, pairs?: PairFilter) => mayHold(pairs, term) && passage.includes(term);

function matchParts(terms: QuestionTerms, text: string, departments: string, pairs?: PairFilter, departmentPairs?: PairFilter): Match {
  let found = 0;
  let topic = 0;
  let subject = 0;
  const words: Match["found"] = [];
  for (const w of terms.words) {
    const credit = Math.max(creditOf(w, text, pairs), departments ? DEPARTMENT_CREDIT * creditOf(w, departments, departmentPairs) : 0);
    if (credit <= 0) continue;
    found += w.weight * credit;
    if (isTopic(w)) topic += w.weight * credit;
    if (w.subject && !w.context) subject += w.weight * credit;
    const certain = text.includes(w.word) || w.synonyms.some((s) => !s.guessed && text.includes(s.text));
    const guessed = certain ? undefined : w.synonyms.find((s) => s.guessed && text.includes(s.text))?.guessed;
    words.push({ word: w.word, credit, guessed });
  }
  return { coverage: terms.total ? found / terms.total : 0, topic, subject, found: words };
}

// A measure covering less than this share of the best topic evidence misses part of what is asked.
const TOPIC_SHORTFALL = 0.9;

/**
 * Who asks narrows among the measures that cover the topic (普惠小微企业贷款 among loans); it does not
 * lift a measure missing part of the topic another one covers (个体户 in the electricity measure, for a
 * question about 个体户 and gas): there, the who-asks words do not count.
 */
export function narrowedBySubject(matches: Match[], total: number): Match[] {
  const best = Math.max(0, ...matches.map((m) => m.topic));
  return matches.map((m) => (m.subject > 0 && m.topic < best * TOPIC_SHORTFALL && total ? withCoverage(m, Math.max(0, m.coverage - m.subject / total), 0) : m));
}

/**
 * A word that names what the question is about: not how, who, or what of it is asked, not the earlier
 * question's, and not one character the lexicon does not name (打 is found in 打场, 打官司…).
 */
export const isTopic = (w: QuestionWord) => !w.generic && !w.aspect && !w.subject && !w.context && (w.word.length > 1 || w.synonyms.length > 0);

// One character alone, found only where the measure uses it so: 大 or 小 telling a size (抓大不放小: the big and the small projects
// alike), 年 a year (哪年 of 2022年底, not 老年人 or 年龄).
// (A Map: an object looked up by any word would make V8 intern each word, and find constructor or __proto__ on its prototype.)
const SENSE_TOLD: ReadonlyMap<string, RegExp> = new Map([
  ["大", /大(?=中|型|企|户|项目|客户|厂|不放小|放小)/],
  ["小", /小(?=微|型|企|户|项目|客户|厂|店)|(?<=中|放)小/],
  ["年", /(?<![老青少中成童])年(?![龄纪轻级])/],
]);

/** A question word's credit in a (lower-case) passage (`pairs`: the passage's pair filter, when it has one). */
export function creditOf(w: QuestionWord, passage: string, pairs?: PairFilter): number {
  // 来, 去, 完, 掉 alone only move or round off the verb beside them (去现场, 一次办完), 并, 且, 而 only join (网上并联办 cut 并|联办):
  // found inside any word (完善, 过去, 并联), they say nothing found.
  if (w.word.length === 1 && !w.synonyms.length && (FUNCTION_CHARS.test(w.word) || JOINING_CHARS.test(w.word) || TELLING_NOT_TO.test(w.word))) return 0;
  if (w.negated) {
    if (NEGATORS.some((n) => passage.includes(n + w.word) || (w.word.length > 2 && passage.includes(n + w.word.slice(0, 2))))) return 1;
    return Math.max(synonymCredit(w.synonyms, passage, pairs), forbiddenCredit(w, passage), lackedThereCredit(w, passage));
  }
  // 大 or 小 alone (大商户, 小作坊) says a size: found where the measure tells one (大中型, 小微, 小型), not in a verb or degree (加大, 扩大, 最小化).
  const sense = w.synonyms.length ? undefined : SENSE_TOLD.get(w.word);
  if (sense) return sense.test(passage) ? 1 : 0;
  // A number is held whole: 3 of 3号 is not in 30项.
  if (DIGITS.test(w.word)) return holdsNumber(passage, w.word) ? 1 : synonymCredit(w.synonyms, passage, pairs);
  // A one-character word the lexicon names (水 ~ 供水) counts only through its group: 水 in 服务水平 is no water.
  const direct = w.word.length > 1 || !w.synonyms.length;
  if (direct && (holdsTerm(passage, w.word, pairs) || (w.synonyms.length > 0 && heldUnquoted(passage, w.word, pairs)))) return 1;
  const bySynonym = synonymCredit(w.synonyms, passage, pairs);
  return Math.max(bySynonym, pairCredit(w.word, passage, pairs));
}

const DIGITS = /^\d+$/;
const isDigit = (c: number) => c >= 48 && c <= 57;
function holdsNumber(passage: string, number: string): boolean {
  for (let at = passage.indexOf(number); at >= 0; at = passage.indexOf(number, at + 1))
    if (!isDigit(passage.charCodeAt(at - 1)) && !isDigit(passage.charCodeAt(at + number.length))) return true;
  return false;
}

// Quotation marks around a name the policy gives (变更“一件事”改革): a lexicon term is found across them (一件事改革),
// not a word jieba made up (出出 of 出出主意 is no 推出“出生…).
const QUOTES = /[“”"‘’「」『』]/g;
const QUOTED = /[“”"‘’「」『』]/;
// (The same measures' passages are read for every word of every question: each is unquoted once while it is recent.)
const unquotedPassages = new BoundedMemo<string, string>(1024);
const unquote = (passage: string) => passage.replace(QUOTES, "");
const unquoted = (passage: string) => unquotedPassages.get(passage, unquote);
/** The term is in the passage only across quotation marks (checked where it is not found as written). */
const heldUnquoted = (passage: string, term: string, pairs?: PairFilter) => (pairs ? pairs.quoted : QUOTED.test(passage)) && unquoted(passage).includes(term);

// 提供电子证照 holds 供电 only across 提供|电子: a term's first character glued into the word before it (提供, provide) is no supply there.
const GLUED_BEFORE: Readonly<Record<string, string>> = { 供: "提" };
const GLUED_FIRST = new Set(Object.keys(GLUED_BEFORE).map((c) => c.charCodeAt(0)));
function heldAsWord(passage: string, term: string): boolean {
  for (let at = passage.indexOf(term); at >= 0; at = passage.indexOf(term, at + 1)) if (passage[at - 1] !== GLUED_BEFORE[term[0]!]) return true;
  return false;
}

/** The synonym's term is in the passage (as a word of its own where its first character glues to the one before). */
const holdsSynonym = (passage: string, term: string, pairs?: PairFilter) =>
  GLUED_FIRST.has(term.charCodeAt(0)) ? heldAsWord(passage, term) : holdsTerm(passage, term, pairs) || heldUnquoted(passage, term, pairs);

function synonymCredit(synonyms: Synonym[], passage: string, pairs?: PairFilter): number {
  let best = 0;
  for (const s of synonyms) {
    if (!holdsSynonym(passage, s.text, pairs)) continue;
    const credit = s.rest && ((s.rest.length > 1 && passage.includes(s.rest)) || LIGHT_REST.test(s.rest)) ? SYNONYM_CREDIT : s.credit;
    if (credit > best) best = credit;
  }
  return best;
}

// A sentence that does away with a requirement (清理…不合理投标条件, 不得强制, 坚决纠正限定…), or with going there in person
// (招标投标环节零见面、零跑腿: 投标还得不得本人到场递文件 is answered there).
const FORBIDS = /清理|不得|不合理|禁止|严禁|纠正|破除|零见面|零跑腿/;

/**
 * What the asker lacks, where a measure forbids requiring it: 没有本地分公司 (asked to have one to bid) is
 * found in 清理…设立分支机构、特定行政区域等不合理投标条件. Elsewhere a lacked thing matches only as lacked.
 */
function forbiddenCredit(w: QuestionWord, passage: string): number {
  const terms: Array<[string, number]> = [[w.word, 1], ...(w.lacked ?? []).filter((s) => !s.guessed).map((s): [string, number] => [s.text, s.credit])];
  let best = 0;
  for (const sentence of passage.split(/[。；]/)) {
    if (!FORBIDS.test(sentence)) continue;
    for (const [term, credit] of terms) if (credit > best && sentence.includes(term)) best = credit;
  }
  return best;
}

// A negation a verb or two before what it denies (未发生债券债务, 无任何抵押).
const DENIED_BEFORE = /(未|无|没有)[^，,。；、]{0,2}$/;

/** What the asker lacks, said lacking in the measure's own words (没有欠账 ~ 未发生债券债务): its ordinary synonym just after a negation. */
function lackedThereCredit(w: QuestionWord, passage: string): number {
  let best = 0;
  for (const s of w.lacked ?? []) {
    if (s.guessed || s.credit <= best) continue;
    for (let at = passage.indexOf(s.text); at >= 0; at = passage.indexOf(s.text, at + 1))
      if (DENIED_BEFORE.test(passage.slice(Math.max(0, at - 4), at))) {
        best = s.credit;
        break;
      }
  }
  return best;
}

/** Typos and odd splits: the share of a long word's character pairs found in the passage. */
function pairCredit(word: string, passage: string, filter?: PairFilter): number {
  if (word.length < 3) return 0;
  const pairs = pairsOf(word);
  let found = 0;
  for (const p of pairs) if (holdsTerm(passage, p, filter)) found++;
  const share = found / pairs.length;
  return share >= 0.5 ? BIGRAM_CREDIT * share : 0;
}

// A word's character pairs, looked for in every candidate measure: cut once per word while it is recent.
const MAX_PAIRED_WORDS = 4096;
const pairsByWord = new Map<string, string[]>();
function pairsOf(word: string): string[] {
  let pairs = pairsByWord.get(word);
  if (!pairs) {
    if (pairsByWord.size >= MAX_PAIRED_WORDS) pairsByWord.clear();
    pairsByWord.set(word, (pairs = [...word].slice(0, -1).map((c, i) => c + word[i + 1]!)));
  }
  return pairs;
}
