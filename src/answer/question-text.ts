import { BoundedMemo } from "../search/bounded-memo.js";
import { FARTHER_PLACES, XINJIANG_PLACES } from "./places.js";
import { namesIn } from "./names-in.js";
import { BOT_NAMES } from "./small-talk.js";
import { matchesOf } from "./matches.js";

/**
 * How people split and negate the policy's words in a question, undone before the search reads it:
 * 开个公司 → 开公司, 贷点款 → 贷款 (a measure word or complement inside a word the policy or the
 * lexicon knows), and 没有抵押物 → the asker lacks 抵押物 (it is not what they ask about).
 */

// Measure words, complements and aspect particles people put inside a verb–object word; a stray space (开公 司).
const INSERTS = ["了一个", "了个", "一个", "一家", "一间", "一点", "一下", "个", "家", "间", "座", "套", "份", "张", "台", "辆", "栋", "处", "点", "些", "了", "上", "到", "得", "成", " ", "\u3000"];
// Can, may: put between where a thing is done and the verb (网上能办, 线上可以办, 当场就能办) of a word the lexicon knows.
const MODALS = ["就能", "都能", "也能", "可以", "能"];
const CJK = /[\u4e00-\u9fff]/;
// Tried in this order at each character; most characters begin none of them.
const SPLITTERS = [...INSERTS, ...MODALS];
const SPLITTER_FIRSTS = new Set(SPLITTERS.map((s) => s.charCodeAt(0)));

/**
 * Remove an insert when the characters around it form a word of the vocabulary (开个公司 → 开公司),
 * unless the characters after it already begin a longer word of their own (接到电话 stays).
 * @param isAnyWord any word of the language (jieba's), for that check
 */
export function rejoinSplitWords(text: string, isWord: (w: string) => boolean, isAnyWord: (w: string) => boolean = isWord): string {
  let out = text;
  for (let i = 1; i < out.length; i++) {
    if (!SPLITTER_FIRSTS.has(out.charCodeAt(i))) continue;
    for (const insert of SPLITTERS) {
      if (!out.startsWith(insert, i)) continue;
      const after = i + insert.length;
      if (!CJK.test(out[i - 1] ?? "") || !CJK.test(out[after] ?? "")) continue;
      // (A modal only inside a word of three characters or more: 网上能办 → 网上办; 不能办 is no word 不办.)
      const minLength = MODALS.includes(insert) ? 3 : 2;
      if (joins(out, i, after, isWord, isAnyWord, minLength)) {
        out = out.slice(0, i) + out.slice(after);
        break;
      }
    }
  }
  return out;
}

function joins(text: string, at: number, after: number, isWord: (w: string) => boolean, isAnyWord: (w: string) => boolean, minLength = 2): boolean {
  // 网上办: 网上 is a word already, its 上 is no insert.
  if (isWord(text.slice(at - 1, after)) || isWord(text.slice(at, after + 1))) return false;
  for (const before of [2, 1]) {
    if (at - before < 0) continue;
    const head = text.slice(at - before, at);
    if (!/^[\u4e00-\u9fff]+$/.test(head)) continue;
    for (const length of [3, 2, 1]) {
      const tail = text.slice(after, after + length);
      if (tail.length < length || !/^[\u4e00-\u9fff]+$/.test(tail)) continue;
      if (head.length + tail.length < minLength || !isWord(head + tail)) continue;
      // 接到电话: 电 begins 电话, so 接电 is not what was said.
      const longer = text.slice(after, after + length + 1);
      if (length === 1 && longer.length === 2 && /^[\u4e00-\u9fff]+$/.test(longer) && isAnyWord(longer)) continue;
      return true;
    }
  }
  return false;
}

// 没有X, 没X, 无X, 不用X, 不需要X, 缺X: X is what the asker lacks. 有没有 asks, it does not negate.
// 不会用智能手机, 用不了电脑: what one cannot use is lacked as much as what one has not got.
// (缺个证明, 没份合同: the measure word after the negation is no part of what is lacked; 不用开一堆证明, 不用交材料: nor is the verb
// of handing papers in, nor a heap of them. 没开过公司: what is opened is no paper, the doing is lacked.)
// (不到现场, 不跑现场, 不想去现场: being there is what is lacked, the policy's 非现场, not its 现场检查.)
// (需不需要, 用不用, 要不要 ask, as 有没有 does: 需不需要危险品许可 lacks nothing.)
// (有没有不用抵押的, 有没有不要担保的那种: only 没, 无 after 有 ask (有没有, 有无); 不用, 不需要 after it still say what is done without.
// 不要 says so only of a kind described by it, 不要抵押的; 不要乱收费 forbids.)
// (没人回复, 没有人管: nobody did the service; what the measure promises is asked about, nothing is lacked.)
const NOBODY_DID = "人(理|管|回|答复|处理|接|受理|搭理|跟进|联系)";
const NEGATION = new RegExp(String.raw`((?<!有)(?:没有|没|无)(?!有?${NOBODY_DID})|(?<!用)不用|(?<!需)不需要|(?<!要)不要(?=[\u4e00-\u9fff]{1,6}的)|不必|缺少|缺乏|缺|不会用|不会使用|不太会用|用不了|用不来|不想用|不愿用|不愿意用|不(?:想|愿|愿意)?[到去来跑](?=现?场))(?:(?:开|交|提交|提供|补交|补|带|出具)(?=(?:一堆|一大堆|一份|一张|个|份|张|些)?(?:证明|材料|资料|证件)))?(?:啥|什么|任何|一点|一个|一份|一张|一堆|一大堆|个|份|张|些)?`, "g");

// Where what is lacking ends: a pause, or the verb of what the asker wants (没有抵押物能贷款吗).
// (没房没车能抵押, 没东西可以拿来担保: offering as collateral is no verb wanted but what the lacked things were for: lacked too.)
// (没盖盖子这种小毛病: a demonstrative closes what was lacked and names the kind of thing.)
// (不用申请自动享受, 不用排队直接办: an adverb of how opens what is wanted, done without what came before.)
const NEGATION_END = /[，,。？?！!；;\s]|自动|直接|马上|立刻|立即|(?<![智功性技才])能(?!(拿来|用来|拿去)?(抵押|担保|质押))|可以(?!(拿来|用来|拿去)?(抵押|担保|质押))|会|要|想|怎么|如何|咋|还|也|就|是|的|吗|这种|那种|这类|这样的|之类/;

// 没有哪一条说外省企业不准参标吧, 文件里难道没有告知承诺的提法吗: asking whether the policy says so, nothing lacked.
const ASKS_IF_STATED = /^(哪(一)?(条|个|项)|什么(规定|政策|条款|说法))|^[\u4e00-\u9fff]{1,8}?的?(说法|规定|提法|条款)(吗|么|呢|[？?])/;

/** Where the question says it lacks something: the words right after each negation (没有房子车子抵押 → 房子车子抵押). */
export function negatedSpans(text: string): string[] {
  const spans: string[] = [];
  for (const m of matchesOf(text, NEGATION)) {
    const rest = text.slice(m.index! + m[0].length);
    if (ASKS_IF_STATED.test(rest)) continue;
    const end = NEGATION_END.exec(rest);
    // (不想用手机APP: the app's letters are part of what is not wanted.)
    const span = /^[\u4e00-\u9fff]{1,8}(?:[A-Za-z]{2,10})?/.exec(end ? rest.slice(0, end.index) : rest)?.[0];
    if (span) spans.push(span);
  }
  return spans;
}

// A question mark, or a comma between two clauses that each ask something, separates questions.
const ASKS = /[几吗呢么嘛]|多少|多久|多长|多快|什么|啥|哪|是否|能否|怎么|如何|咋|有没有|能不能|可不可以|会不会/;
// 和/跟/与/及 join two things asked about only when the question says so (分别, 各, 都).
// (告知承诺跟容缺受理差在哪, 供水和供暖哪个快: a comparison asks about each.)
// (A comparison asks of each too: 哪个规定的天数少, 哪个先完成, 差几天, 是不是一样, 是不是都归…管.)
// 供暖比供水多几天, 比它快还是慢: 比 compares two things (比较, 比如, 比例, 占比, 对比 do not).
const COMPARED_WITH = "(?<![占对相好无类正反])比(?!较|如|例|方|重|率)";
// (信用贷款和银税互动都想了解一下, 都说说: 都 before a request asks it of each.)
const DISTRIBUTIVE = new RegExp(
  `分别|各自|各|都是|都要|都(?:想|得|给我|帮我|请)?(?:了解|知道|问问|问一下|说说|讲讲|说一下|讲一下|介绍|解释)|都归|都由|是不是都|两者|两个|两样|两项|哪条|哪几条|区别|不同|一回事|一个东西|同一个|什么关系|哪个[^，,。？?]{0,8}(快|慢|短|长|久|高|低|多|少|好|更|先|早|晚)|一样(长|久|快|慢|多|少)?(吗|不|么|嘛)|是不是一样|一不一样|一样不一样|一个意思|差(了)?(多少|几)|相差|差在哪|(跟|和|与)[^，,。？?]{1,12}比|${COMPARED_WITH}[^，,。？?]{1,12}?(多|少|快|慢|长|短|久)(了)?(几|多少|多久|多长|吗|么|不|呢|还是)`,
);
const CONJUNCTION = /以及|还有|和|跟/;
// Inside a comparison (供暖的要比供水报装多几天), 比 joins the two things compared.
const JOINS_COMPARED = new RegExp(`以及|还有|和|跟|${COMPARED_WITH}`);
// 既要办执照又要刻公章, 又要装燃气又要装电表: the pair 既…又 or 又…又 joins two things as 和 does.
const BOTH_AND = /(?:既|又)([^，,。？?]{1,12}?)又/;
// Words that open a second question (…，此外，容缺受理指什么): at the start of a clause, they end the one before.
// (…想维权，顺便也想拿专利贷款: 顺便 before a wish opens a second one. …烦死了，而且头一回会不会被罚: 而且 before a clause that asks
// opens another; 而且刚开业 goes on with what is told.)
const OPENERS = String.raw`另外|此外|再问一下|再问个问题|再问一个问题|再问|顺便问一下|顺便问下|顺便问|顺便(?=(?:也|还|再)?(?:想|要|打算|准备|问))|还想问一下|还想问|还有个问题|还有一个问题|还有就是|还有(?=[，,：:])|(?:而且|并且)(?=[^，,。；;！!]*?(?:${ASKS.source}))`;
const NEXT_QUESTION = new RegExp(String.raw`(^|[，,。？?！!；;\s])(?:${OPENERS})[，,：:\s]*`, "g");
// (…，还有明天天气怎么样, …？对了我儿子上学的事找谁: a question set beside another, as the asker is told it was left: what follows the opening word.)
const OPENING = new RegExp(String.raw`^(?:${OPENERS}|还有(?![效用几\d一二两三四五六七八九十百千万好些点])|对了)[，,：:\s]*`);
/** A question of a message without the word that opened it beside the one before (还有, 另外, 对了). */
export const withoutOpeningJoiner = (part: string) => part.replace(OPENING, "") || part;

/**
 * Whether each part after the first was asked as a question of its own: after a sentence's end (接电要几天？乌鲁木齐呢…) or opened by
 * 还有, 另外, 对了 (开公司要几天，还有明天天气怎么样); not a clause going on with the one before (暖气费多少钱，啥时候开始供暖).
 */
export function askedApart(text: string, parts: readonly string[]): boolean {
  return parts.slice(1).every((part) => {
    const at = text.indexOf(part);
    if (at <= 0) return false;
    const before = text.slice(0, at);
    // (What the part's clause and sentence hold before it: 另外 of …，另外我想问问…, 顺便问下 of …？顺便问下，哈密…, left out of the part itself.)
    const inClause = /[^，,？?！!。；;\n]*$/.exec(before)![0];
    const inSentence = /[^？?！!。；;\n]*$/.exec(before)![0];
    return (inSentence.length < before.length && !inSentence.replace(OPENING, "").trim()) || withoutOpeningJoiner(inClause + part) !== inClause + part;
  });
}
const MAX_ITEM = 10;
// A case put before what is asked of it (哪天不干了，…; 要是赶上周末，…; 等以后扩大了，…).
const A_CASE = /^(要是|如果|假如|假设|万一|倘若|哪天|哪一天|有一天|等到|等以后|等将来|到时候|以后|将来|今后)/;
// 没啥业务, 没什么抵押物, 也没欠谁钱: after a negation 啥, 什么, 谁 mean "anything", "anyone", and ask nothing
// (有没有啥说法 still asks; 不知道什么, 不懂什么是…, 不会什么 ask what is not known).
const INDEFINITE = /(?<!有)(没有|没|不)([^知懂会能是清明晓认])?(啥|什么|谁)/g;
// (做项目评估啥的, 刻章什么的: 啥的 after a thing ends a list, "and the like", asking nothing; 是搞什么的, 干啥的 after a verb ask.)
const AND_THE_LIKE = /(?<![是搞干做弄管为用卖开办叫])(啥|什么)的(?=$|[，,。？?！!\s])/g;
const withoutIndefinites = (text: string) => text.replace(INDEFINITE, "，").replace(AND_THE_LIKE, "");
// A piece asking who, or ending in 不 or 没, asks too (有专利能贷款不，专利被人仿了找谁).
// (头一回违规是不是能免罚: 是不是 asks whether what follows holds.)
const asks = (piece: string) => {
  const own = withoutIndefinites(piece);
  return ASKS.test(own) || /谁|[不没]$|是不是/.test(own);
};
// A sentence asks when a clause of it does, or when it requests (介绍一下企业开办, 说说信易贷).
const REQUESTS = /介绍|说说|讲讲|说一下|讲一下|解释|告诉|了解|想知道|想问|问问|问一下|查一下|看看|请/;
// (水电气暖报装的时限。: a heading that names what it wants asks too.)
const NAMES_WANTED = /时限|流程|条件|要求|规定|政策/;
const OPENS_QUESTION = "\u0001";
// (管不管, 行不行, 归不归管: a verb, 不, the verb again asks too.)
const A_NOT_A = /([\u4e00-\u9fff])不\1/;
// (…一个小建筑队，想去投几个政府的小项目。: a rough count asks nothing, in a sentence as in a piece.)
const sentenceAsks = (sentence: string) => A_NOT_A.test(sentence) || REQUESTS.test(sentence) || NAMES_WANTED.test(sentence) || sentence.split(/[，,、]/).some((p) => asks(p.replace(ROUGH_COUNT, "")));

// A word that goes on to another question when it follows one asked (开公司要几天然后注销要几天, 接电要几天还有接水呢).
// (还有效, 还有用, 还有几千块欠款: still valid, of use, owed; no next question.)
const GOES_ON = /还有(?![效用几\d一二两三四五六七八九十百千万好些点])|另外|然后|此外|以及|再就是|再一个|顺便问下|顺便问一下/g;
/**
 * A message typed or dictated without commas (开公司要几天然后注销的话公示要多少天): a word going on to another question, right
 * after a clause that asks, is set apart by a comma as the asker would have written it; the clauses are then told apart as any are.
 */
export function withRunOnsApart(text: string): string {
  return text.replace(GOES_ON, (word: string, at: number) => {
    const before = text.slice(0, at).split(/[，,。？?！!；;、\s]/).at(-1)!;
    return before && (asks(before.replace(ROUGH_COUNT, "")) || A_NOT_A.test(before)) ? `，${word}` : word;
  });
}

/** The sentences of a message, as its questions are first told apart: by ？。！； and by 另外, 还有 opening another. */
export function questionSentences(text: string): string[] {
  return text.replace(NEXT_QUESTION, (_, lead: string) => (lead ? "。" : "")).split(/[？?！!；;。\n]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * The questions inside a message, in its order: 领执照几天能好？注销要几天？ → two; 装燃气和装水表各需多久
 * → two; 电、水、暖、气报装的办理期限 → four (the shared 报装… goes with each); 供电报装、施工许可、企业开办，
 * 各要多久 → three (各要多久 goes with each); …，顺便问下，告知承诺是什么 → two. A clause that names no topic
 * of its own (…，手续几天能弄完) belongs to the one before it.
 */
export function splitParts(typed: string, hasTopic: (t: string) => boolean): string[] {
  const text = enumeratedAsQuestions(typed, hasTopic);
  // 另外, 还有 mark where a question begins (OPENS_QUESTION).
  const marked = text.replace(NEXT_QUESTION, (_, lead: string) => (lead ? `。${OPENS_QUESTION}` : OPENS_QUESTION));
  const sentences = marked.split(/[？?！!；;。\n]+/).map((s) => s.trim()).filter(Boolean);
  // (系统上线没有？: 没有 at the end, a question mark after it, asks as 没 does; 有人值班没有，营业到几点 is read whole, as before.)
  const askedByMark = new Set(matchesOf(marked, /([^？?！!；;。\n]+没有)(?=[？?])/g).map((m) => m[1]!.trim()));
  const clausesOf = (sentence: string) => {
    // 、 too: 执照怎么领、容缺受理是啥 are two questions; a list that asks once (供水报装、用电报装，各要多久) stays whole.
    const pieces = sentence.split(/[，,、]/).map((s) => s.trim()).filter(Boolean);
    // Commas split only between pieces that each ask something; a piece that asks nothing (分别说一下,
    // 我们是个体户) goes with the question after it, or the one before it when it comes last.
    // (在本市做了二十几年的老厂子，…: a rough count tells, that piece asks nothing.)
    const pieceAsks = (p: string) => asks(p.replace(ROUGH_COUNT, ""));
    if (pieces.filter(pieceAsks).length < 2) return firstStepApart(pieces, pieceAsks, hasTopic) ?? [sentence];
    const asked: string[] = [];
    let pending = "";
    for (const p of pieces) {
      if (!pieceAsks(p)) pending = pending ? `${pending}，${p}` : p;
      else asked.push(pending ? `${pending}，${p}` : p), (pending = "");
    }
    if (pending) asked[asked.length - 1] += `，${pending}`;
    return asked;
  };
  // A sentence that neither asks nor requests (去年办执照时刻章、开户一次就弄完了，很方便) tells what led to the
  // question after it: it goes with that question's first part (or the last part, when it comes last).
  // (Not when 另外, 还有 mark the questions: then every sentence is one.)
  const tells = !sentences.some((s) => s.startsWith(OPENS_QUESTION)) && sentences.some(sentenceAsks);
  const parts: string[] = [];
  const sentenceOf: number[] = []; // which sentence each part comes from
  let told = "";
  for (const [n, sentence] of sentences.entries()) {
    if (tells && !sentenceAsks(sentence) && !askedByMark.has(sentence)) {
      told = told ? `${told}，${sentence}` : sentence;
      continue;
    }
    const own = clausesOf(sentence.replace(OPENS_QUESTION, "")).flatMap((clause) => splitList(clause, hasTopic));
    if (told) own[0] = `${told}，${own[0]}`;
    told = "";
    parts.push(...own);
    sentenceOf.push(...own.map(() => n));
  }
  if (told) parts[parts.length - 1] += `，${told}`;
  if (parts.length < 2) return parts;
  const merged: string[] = [];
  let lead = ""; // clauses without a topic before the next that has one
  for (const [i, part] of parts.entries()) {
    // A clause without a topic leads into the next one of its sentence (要是以后关门了，注销得公示几天: a case, then what is asked
    // of it), else it goes on the one before (…，手续几天能弄完).
    const leads = (sentenceOf[i + 1] === sentenceOf[i] && A_CASE.test(part)) || !merged.length;
    if (hasTopic(part)) merged.push(lead ? `${lead}，${part}` : part), (lead = "");
    else if (leads || lead) lead = lead ? `${lead}，${part}` : part;
    else merged[merged.length - 1] += `，${part}`;
  }
  if (lead) merged.length ? (merged[merged.length - 1] += `，${lead}`) : merged.push(lead);
  return merged;
}

// A step the asker means to take first (准备先把老店的执照注销了, 打算先把燃气通上, 得先办完简易注销), not one told done (我们先注册了公司).
const STEP_MEANT = /(想|打算|准备|计划|得|要|需要)先(?![进行后生例锋导前是])/;
// 烧烤店转手前准备先…, 搬家之前得先…: the time before which the first step is taken, then the step.
const BEFORE_THEN = /^([\u4e00-\u9fff]{2,}?(?:之前|以前|前))(?=[\u4e00-\u9fff]{0,4}先)/;
// What the last step is asked (要几天, 一共要多久, 多少个工作日能办完): from the asking word to the clause's end.
const ASKED_OF_EACH = /(?:要|需要|得|能|大概|一共|总共|总共要|一共要)?(?:几|多少|多久|多长|多快)[^，,]*$/;

/**
 * 烧烤店转手前准备先把老执照注销，下家重新开公司得多久: a step to be taken first, told in a clause of its own with a topic of its own,
 * then another step asked of: what is asked (how long) is asked of the whole way, each step a part. Null when no such step comes first.
 */
function firstStepApart(pieces: string[], pieceAsks: (p: string) => boolean, hasTopic: (t: string) => boolean): string[] | null {
  const at = pieces.findIndex((p) => !pieceAsks(p) && STEP_MEANT.test(p) && hasTopic(p));
  if (at < 0) return null;
  const after = pieces.slice(at + 1).join("，");
  if (!pieces.slice(at + 1).some(pieceAsks) || !hasTopic(after)) return null;
  // (The first step is asked as the step after it is: 要几天 goes with each. When it is to be taken, 转手前, is told apart, the scene.)
  const asked = ASKED_OF_EACH.exec(after)?.[0];
  const step = pieces[at]!.replace(BEFORE_THEN, "$1，");
  return [[...pieces.slice(0, at), step, ...(asked ? [asked] : [])].join("，"), after];
}

// 一个是…，另一个是…: each item of an enumeration opens one (at a clause's start; 有一个是免费的 is no item).
const ENUMERATED_ITEM = /(?<=^|[，,。；;：:\s])(?:另|另外|还有|再)?(?:一|1)(?:个|件|种|项)(?:就)?是[，,：:\s]*/g;

/**
 * 有两件事想问，一个是中介被指定，一个是保证金退得慢，政策怎么讲 → 有两件事想问，中介被指定，政策怎么讲。
 * 保证金退得慢，政策怎么讲: each item of an enumeration is a question of its own, what announces them goes with the first, and
 * the clauses after the last item that ask with no topic of their own (政策怎么讲) are asked of each. Unchanged with fewer than two items.
 */
function enumeratedAsQuestions(text: string, hasTopic: (t: string) => boolean): string {
  const marks = matchesOf(text, ENUMERATED_ITEM);
  if (marks.length < 2 || /^(另|还有|再)/.test(marks[0]![0])) return text;
  const lead = text.slice(0, marks[0]!.index);
  const items = marks.map((m, i) => text.slice(m.index + m[0].length, marks[i + 1]?.index ?? text.length).replace(/[，,。；;\s]+$/, ""));
  // What ends the last item and asks of the whole (文件里咋说): its trailing clauses that ask and name no topic.
  const clauses = items.at(-1)!.split(/(?=[，,。？?])/);
  let shared = "";
  while (clauses.length > 1 && asks(clauses.at(-1)!) && !hasTopic(clauses.at(-1)!)) shared = clauses.pop()! + shared;
  items[items.length - 1] = clauses.join("");
  return items.map((item, i) => `${i ? OPENS_QUESTION : lead}${item}${shared}`).join("。");
}

/**
 * 新厂水、电、暖报装 → 新厂: words before the first of three or more one-character items (水、电、暖) set the scene
 * for each; a lead of its own clause (…新盖了一栋楼，水、电、暖) is no part of the list.
 */
function listLead(clause: string): string {
  const items = clause.split("、");
  if (items.length < 3 || !items.slice(1, -1).every((i) => i.length === 1)) return "";
  const lead = items[0]!.slice(0, -1);
  // (新建的维修基地要报装水、电、暖、气: a longer scene, up to the verb the items share, is the lead too.)
  return /^[\u4e00-\u9fff]{1,6}$/.test(lead) || /^[\u4e00-\u9fff]{1,12}(报装|接通|接|通|装|开通|办)$/.test(lead) ? lead : "";
}

/**
 * 新车间年前要通电、通水、通暖气 → 新车间年前要: the items after the first open with the same verb (通), the first has words before
 * it, which set the scene for each item. Empty when there are none.
 */
function sharedVerbLead(items: readonly string[]): string {
  const verb = items[1]?.[0];
  if (!verb || !items.slice(1).every((i) => i.startsWith(verb))) return "";
  const at = items[0]!.lastIndexOf(verb);
  return at > 0 ? items[0]!.slice(0, at) : "";
}

/** 电、水、暖、气报装 → 电报装 水报装 …; 供电报装、施工许可，各要几天 → each with 各要几天; 装燃气和装水表分别几天 → 装燃气 / 装水表分别几天. */
function splitList(clause: string, hasTopic: (t: string) => boolean): string[] {
  const listed = commasAsList(clause, hasTopic);
  if (listed) {
    const parts = splitList(listed.text, hasTopic);
    if (parts.length === listed.count) return parts;
  }
  const lead = listLead(clause);
  if (lead) {
    const parts = splitList(clause.slice(lead.length), hasTopic);
    return parts.length > 1 ? parts.map((p) => lead + p) : [clause];
  }
  const items = clause.split("、");
  // (刚盘下一间铺子开火锅店，水、电、暖各几天: a clause of the story before a list asked of each sets the scene, no part of its first item.)
  // (…新盖了一栋楼，水、电、暖都要报装，供暖最多几天: a list only told, asked of as a whole later, stays whole.)
  const scene = items.length > 1 ? /^.*[，,]/.exec(items[0]!)?.[0] : undefined;
  const [own = "", next = ""] = (items.at(-1) ?? "").split(/[，,]/);
  const askedOfEach = (DISTRIBUTIVE.test(own) && asks(own)) || (/^\s*(分别|各)/.test(next) && asks(next));
  if (scene && askedOfEach) {
    const parts = splitList(clause.slice(scene.length), hasTopic);
    return parts.length > 1 ? [scene + parts[0], ...parts.slice(1)] : [clause];
  }
  if (items.length > 1) {
    // 装电表、装水表、装燃气表，三样各需几天; 检查太多、罚款太重，这两样各该怎么处理: the clause after the last item, saying it goes
    // with each, asks of every item.
    // (…，各要多久: 各 right after the comma is the shared rest below.)
    const tail = /[，,](?!\s*(?:分别|各))[^，,]*$/.exec(items.at(-1)!);
    if (tail && tail.index > 0 && (DISTRIBUTIVE.test(tail[0]) || backReference(tail[0].slice(1)))) {
      const listed = [...items.slice(0, -1), items.at(-1)!.slice(0, tail.index)].map((i) => i.trim());
      const lead = sharedVerbLead(listed);
      if (listed.every((i) => i.length > 0 && i.length <= MAX_ITEM)) return listed.map((i, n) => (n ? lead : "") + i + tail[0]);
    }
    const last = items.at(-1)!;
    const before = items.slice(0, -1).map((i) => i.trim());
    const head = before[0]!.length;
    const shared = DISTRIBUTIVE.exec(last);
    // Items as long as each other (电、水、暖、气报装的办理期限): what follows the last one's head goes with each when
    // it names a topic itself (报装的办理期限), not when it only ends the last item (装水、装电、装暖气各要多久: 气).
    const middle = last.slice(head, shared ? shared.index : last.length);
    // (水、电、燃气全要报装: a doing said of all, 全要报装, follows the whole last item, 燃气: no head shared.)
    const headShared = before.every((i) => i.length === head && i.length <= 4) && middle.length >= 2 && !CONJUNCTION.test(middle) && !OF_ALL.test(last.slice(0, shared ? shared.index : last.length)) && hasTopic(middle);
    if (headShared) return [...before, last.slice(0, head)].map((i) => i + last.slice(head));
    // The rest after the last item, from the word that says it goes with each (分别, 各), is shared by all.
    if (shared) {
      // (电、自来水、天然气都得接，各要几天: the doing after the last item, said of all by 都 or 全, goes with each as well.)
      const ofAll = OF_ALL.exec(last.slice(0, shared.index));
      const end = ofAll ? ofAll.index : shared.index;
      const lastItems = last.slice(0, end).replace(/[，,\s]+$/, "").split(CONJUNCTION).map((s) => s.trim()).filter(Boolean);
      const all = [...before, ...lastItems];
      // (扩建厂房要接水、接暖气，各自要多久: the scene before the first item's verb, 扩建厂房要, goes with each as well.)
      const lead = sharedVerbLead(all);
      if (all.length > 1 && all.every((i) => i.length > 0 && i.length <= MAX_ITEM)) return all.map((i, n) => (n ? lead : "") + i + last.slice(end));
    }
    if (before.every((i) => i.length === head && i.length <= 4) && last.length > head) return [...before, last.slice(0, head)].map((i) => i + last.slice(head));
    // 用电、用水、燃气的报装由哪个部门办: what follows the last item's 的 goes with each, when it names a topic.
    const of = last.indexOf("的");
    const ofItems = [...before, last.slice(0, of)];
    // (投资大一些、不算小型的项目: items that describe, by degree or by what it is not, describe one thing, no list of things.)
    const describes = ofItems.some((i) => DESCRIPTION.test(i));
    if (of > 0 && !describes && ofItems.every((i) => i.length > 0 && i.length <= MAX_ITEM) && hasTopic(last.slice(of + 1))) return ofItems.map((i) => i + last.slice(of));
    return [clause];
  }
  if (DISTRIBUTIVE.test(clause)) return byConjunction(clause, hasTopic) ?? backReferred(clause, hasTopic) ?? [clause];
  // (…不退，…也不结，这两桩事文件咋规定: things counted back to are each asked, whatever asks of them.)
  return backReferred(clause, hasTopic, true) ?? eitherWay(clause, hasTopic) ?? [clause];
}

// 是走简易注销还是走破产, 申请信用贷款还是申请专利质押贷款: a choice between two ways, each opening with the same doing (走…还是走…).
// (该去公安局还是去政务中心, 是来查我们的还是来帮忙的: where to go, what one comes for, is one question; 还是没办下来: still, no choice.)
const EITHER_WAY = /(?:是|该|要|得|应该)?(([\u4e00-\u9fff])[\u4e00-\u9fff]{1,11}?)还是(\2[\u4e00-\u9fff]{1,11})[吗呢啊呀？?]*$/;

/**
 * 生意不好想关门，是走简单关门那条路还是走破产 → 生意不好想关门，走简单关门那条路 / 生意不好想关门，走破产: each way of a choice, when
 * each names a topic of its own, is a part; the clauses before set the scene for both. Null when the clause offers no such choice.
 */
function eitherWay(clause: string, hasTopic: (t: string) => boolean): string[] | null {
  const comma = Math.max(clause.lastIndexOf("，"), clause.lastIndexOf(","));
  const last = clause.slice(comma + 1);
  const m = EITHER_WAY.exec(last);
  if (!m || /[去找到来]/.test(m[2]!)) return null;
  const [one, other] = [m[1]!, m[3]!];
  if (!hasTopic(one) || !hasTopic(other)) return null;
  const lead = clause.slice(0, comma + 1) + last.slice(0, m.index);
  return [lead + one, lead + other];
}

// 开个小饭馆, 开了家火锅店, 新仓库, 新厂房: a business opened, told with its count word, or a building or business named alone.
// (我爸开了个饭馆, 表哥盘下一家店: whoever opened it, a few characters before the opening told done.)
// (Built on first use: the kinds of business and building are defined further down.)
let scenePiece: RegExp | undefined;
const setsScene = (piece: string) =>
  (scenePiece ??= new RegExp(`^(?:(?:我们|我|咱们|咱|俺们|俺|[\\u4e00-\\u9fff]{1,3}?(?=新开|开了|盘下|办了|搞了))?(?:新开|开|办|搞|创办|盘下|盘)(?:了)?(?:一)?(?:个|家|间|座)|(?:新|刚)?[\\u4e00-\\u9fff]{0,4}(?:${PREMISES}|${BUSINESS_KINDS})$)`)).test(piece);
/**
 * 开个小饭馆，要接电，接燃气，各要几天 → 开个小饭馆，要接电、接燃气，各要几天: things listed by commas (spaces typed between them)
 * and asked of each by the last clause (各…, 分别…) are a list as 、 joins one. The list is the clauses before it that each name a
 * topic, short as items are; a business opened before them (开个小饭馆) is the scene. Null when fewer than two such items.
 */
const ITEM_JOINER = /^(顺便|顺带|顺手|同时|另外|再)(?=[\u4e00-\u9fff]{2})/;
function commasAsList(clause: string, hasTopic: (t: string) => boolean): { text: string; count: number } | null {
  if (clause.includes("、")) return null;
  const pieces = clause.split(/[，,]/).map((p) => p.trim()).filter(Boolean);
  const last = pieces.at(-1) ?? "";
  if (pieces.length < 3 || !/^(分别|各)/.test(last) || !asks(last)) return null;
  // (…报装用电，顺便拿厂房去办抵押登记，分别多久: 顺便, 同时 join the next item, no part of it.)
  const asItems = pieces.map((p) => p.replace(ITEM_JOINER, ""));
  let at = pieces.length - 1;
  while (at > 0 && hasTopic(asItems[at - 1]!) && asItems[at - 1]!.length <= MAX_ITEM && !asks(asItems[at - 1]!)) at--;
  // (The story's business opened or building, 开个小饭馆 or 新仓库 before the list, sets the scene: no thing asked of each.)
  if (setsScene(pieces[at]!)) at++;
  const items = asItems.slice(at, -1);
  if (items.length < 2) return null;
  const scene = pieces.slice(0, at);
  return { text: [...scene, items.join("、"), last].join("，"), count: items.length };
}

// 都得接, 全要装, 都要报装: a doing said of every item listed before it, right after the last (its clause ends there).
// (全 only before what is wanted, 全要装: 安全检查 holds no 全 of all.)
const OF_ALL = /(?<=[\u4e00-\u9fff])(?:都|全都|统统|全(?=得|要|需|想|准备|打算))(?:得|要|需要|想|准备|打算|需)?[\u4e00-\u9fff]{1,4}[，,\s]*$/;

// What describes a thing rather than names one: a degree (大一些, 多一点, 规模小) or what it is not (不算小型, 不是新建).
const DESCRIPTION = /^(换成|改成)?(不算|不是|不属于|非)|(一些|一点儿?|些)$|[大小多少高低长短](一些|一点)?$/;

// What goes with each of the things joined (装燃气和装水表分别几天: 分别几天).
export const SHARED_TAIL = /分别|各自|各/;
// 这两样, 这几项, 这些: the things the clauses before named. Counted without 这 (两个报装分别要多久, 三件事各归谁管, 俩各要几天),
// when what follows says it goes with each (两个工作日 alone is a time).
const BACK_REFERENCE = /^(?:请问|想问一?下|问一?下|那)?(?:(这|那)(两|俩|三|四|几|些)(样|个|项|件|种|条)?|()(俩|[两三四](?=样|个|项|件|种|条))(样|个|项|件|种|条)?(?=[\u4e00-\u9fff]{0,4}?(?:分别|各)))/;
/** The count a clause opens with, pointing back at the things named before it (这两样 → 2; 这些 → Infinity), and whether a measure word says what is counted. */
function backReference(clause: string): { count: number; measured: boolean } | null {
  const m = BACK_REFERENCE.exec(clause);
  if (!m) return null;
  const count = m[2] ?? m[5]!;
  return { count: ({ 两: 2, 俩: 2, 三: 3, 四: 4 } as Record<string, number>)[count] ?? Infinity, measured: !!(m[3] ?? m[6]) || count === "俩" };
}

// The written 与, 及 (供暖报装与供气报装, “银税互动”及“信易贷”), not inside a word (参与, 给与, 与其, 与否, 涉及, 普及, 及时, 以及).
const FORMAL_JOIN = /(?<![参给赋授涉普波危触以])[与及](?![其之否时早])/;
// What two do together, after 与 meaning "with" (与税务机关合作, 与经营场所分离).
const DONE_TOGETHER = /合作|协作|沟通|对接|联动|衔接|协同|共建|共享|结合|挂钩|分离|互认|合并|联合|互通|交流|签约|签订/;

/** 施工许可和供水各要几天 → 施工许可各要几天 / 供水各要几天; the clauses before the last (…，新仓库得办施工许可，…) go with each. */
function byConjunction(clause: string, hasTopic: (t: string) => boolean): string[] | null {
  const spoken = (text: string) => text.replace(BOTH_AND, "$1和").split(JOINS_COMPARED).map((s) => s.trim()).filter(Boolean);
  // 与, 及 join two things only when each names a topic of its own, and not as "with" before what they do together
  // (政府与社会资本合作, 住所与经营场所分离登记: one thing).
  const written = (text: string) => {
    const pieces = text.split(FORMAL_JOIN).map((s) => s.trim()).filter(Boolean);
    const named = (p: string) => p.replace(/[，,][^，,]*$/, "");
    if (pieces.slice(1).some((p) => DONE_TOGETHER.test(named(p)))) return [text];
    return pieces.length > 1 && pieces.every((p) => hasTopic(named(p))) ? pieces : [text];
  };
  // (要通暖气还要接天然气，报装分别多久; 要接电，还要通燃气，各要多久: 还要, 也要 join two doings as 和 does, when each names a topic of its
  // own and 分别 or 各 asks of each: 两个工作日 counts no things.)
  const doings = (text: string) => {
    const pieces = atClauseOfSubject(text.split(JOINED_DOINGS), hasTopic).map((s) => s.trim().replace(/[，,]+$/, "")).filter(Boolean);
    return SHARED_TAIL.test(text) && pieces.length > 1 && pieces.every((p) => hasTopic(p.replace(/[，,][^，,]*$/, ""))) ? pieces : [text];
  };
  const split = (text: string) => [spoken(text), written(text), doings(text)].find((pieces) => pieces.length > 1) ?? [text];
  const lastComma = Math.max(clause.lastIndexOf("，"), clause.lastIndexOf(","));
  // Only the last clause's 和 when it joins there (我跟朋友合伙开了个饭馆，装燃气和装水表分别几天).
  const last = clause.slice(lastComma + 1);
  const lead = DISTRIBUTIVE.test(last) && split(last).length > 1 ? clause.slice(0, lastComma + 1) : "";
  const pieces = split(lead ? last : clause);
  if (pieces.length < 2) return null;
  const lastPiece = pieces.at(-1)!;
  const shared = SHARED_TAIL.exec(lastPiece);
  // (小作坊用电和饭店用气，报装各需几天: the clause after the last item, from its comma, goes with each, 报装 too.)
  const comma = shared ? Math.max(lastPiece.lastIndexOf("，", shared.index), lastPiece.lastIndexOf(",", shared.index)) : -1;
  // (用水报装与用电报装的办结期限各是多少: joined in writing, what the last item's 的 names goes with each that names none of its own.)
  const of = shared && comma < 0 && spoken(lead ? last : clause).length < 2 && !pieces.slice(0, -1).some((p) => p.includes("的")) ? lastPiece.lastIndexOf("的", shared.index) : -1;
  const tail = !shared ? "" : comma > 0 ? lastPiece.slice(comma) : of > 0 ? lastPiece.slice(of) : lastPiece.slice(shared.index);
  // The lead goes with each part: words every part has weigh less there (retrieve's distinguishing), so the scene does not pick the measure.
  return pieces.map((p, i) => lead + p + (i < pieces.length - 1 && !p.endsWith(tail) ? tail : ""));
}

/**
 * 把店关了，铺子也想过户; 要接电，燃气也要装: 也 joins the second doing, whose own clause opens with what it is done to (铺子, 燃气);
 * that opening, a business or premises or a thing the doing after it needs to name a topic, goes with the doing, not the clause before.
 */
function atClauseOfSubject(pieces: string[], hasTopic: (t: string) => boolean): string[] {
  const out = [...pieces];
  for (let i = 0; i + 1 < out.length; i++) {
    const comma = Math.max(out[i]!.lastIndexOf("，"), out[i]!.lastIndexOf(","));
    const opening = out[i]!.slice(comma + 1).trim();
    const doing = out[i + 1]!.split(/[，,]/)[0]!;
    if (comma < 0 || !opening || opening.length > MAX_OPENING || !hasTopic(out[i]!.slice(0, comma))) continue;
    if (hasTopic(opening) && !setsScene(opening) && hasTopic(doing)) continue;
    out[i] = out[i]!.slice(0, comma);
    out[i + 1] = opening + out[i + 1]!;
  }
  return out;
}

const MAX_OPENING = 6; // what a doing is done to, named at its clause's start (铺子, 老房子)

// Two things one clause names, joined as they are done (要接水又要接暖气, 要装天然气也要接自来水, 既要…又要, 接电和接水).
const JOINED_DOINGS = /以及|还有|和|跟|(?=(?:又|也|还)(?:要|得|需要|想|准备|打算))/;

/**
 * 要通暖气，也要接供水，这两样报装分别多久 → each earlier clause naming a topic, with the clause that asks; when the
 * clauses name fewer things than counted, the things each joins (新店面要装电表又要装燃气表，两项报装各自几天 → 装电表 / 装燃气表).
 */
function backReferred(clause: string, hasTopic: (t: string) => boolean, countedOnly = false): string[] | null {
  const pieces = clause.split(/[，,]/).map((s) => s.trim()).filter(Boolean);
  const asking = pieces.at(-1)!;
  const referred = backReference(asking);
  if (!referred || pieces.length < 2) return null;
  const { count } = referred;
  if (countedOnly && (count === Infinity || !referred.measured)) return null;
  const told = pieces.slice(0, -1);
  const byClause = told.map((p, i) => ({ p, i })).filter(({ p }) => hasTopic(p));
  const joined = () => told.flatMap((p, i) => p.replace(BOTH_AND, "$1和").split(JOINED_DOINGS).map((t) => t.trim()).filter(Boolean).map((t) => ({ p: t, i }))).filter(({ p }) => hasTopic(p));
  const named = byClause.length >= (count === Infinity ? 2 : count) ? byClause : joined();
  const items = named.slice(-Math.min(count, named.length));
  if (items.length < 2 || (count !== Infinity && items.length !== count)) return null;
  const lead = told.slice(0, items[0]!.i).join("，");
  return items.map(({ p }) => `${lead ? `${lead}，` : ""}${p}，${asking}`);
}

// 开个小饭馆, 开家奶茶店, 想办个厂, 刚注册的公司: opening a business, however the business is called (办理 is no opening).
const BUSINESS_KINDS = "小卖部|美容院|养殖场|农家乐|民宿|摊位|摊子|档口|门市|商行|合作社|网吧|酒吧|店|店子|馆|馆子|铺|铺子|坊|厂|公司|超市|餐厅|饭店|门面|工作室|作坊|诊所|企业|买卖|生意";
// 开个体户, 注册个体工商户: a sole trader's registration is a business opened too (who runs it, 个体户 alone, says who asks).
// (领个体户的营业执照: the licence named says it already, as the lexicon reads 执照; not counted again.)
const OPENED = `${BUSINESS_KINDS}|(?:个体工商户|个体户)(?!的?(?:营业)?执照)`;
const OPENS_A_BUSINESS = new RegExp(`(新开|创办|注册|成立|开|搞|办(?![理事完好成]))(了)?(一)?(个|家|间|座)?(的)?[\\u4e00-\\u9fff]{0,5}?(${OPENED})`);
const A_BUSINESS = new RegExp(`(${BUSINESS_KINDS})$`);
// 新公司多久能办好, 新店几天能开起来: a new business got going is opening it too.
const NEW_BUSINESS_SET_UP = new RegExp(`新(开的|的)?(${OPENED})[^，,。？?]{0,6}(办好|办下来|办成|办完|开起来|开张|弄好|弄下来|搞好|搞定|批下来|注册下来|注册好)`);

// 重新开一家, 再开个, 另开一家: a business opened again, its kind the one already spoken of (家 counts businesses; nothing named after it).
const ANOTHER_BUSINESS = /(?:重新|再|另外|另)开(?:了)?(?:一)?(?:家|个)(?=$|[^\u4e00-\u9fff])|开(?:了)?一家(?=$|[^\u4e00-\u9fff])/;

// 把公司办下来, 公司几天能办好, 店多久能开起来: a business got going, no word between but when and whether.
const WHEN_OR_WHETHER = "(?:[0-9一二两三四五六七八九十几半多]+个?(?:工作日|天|日|周|星期|礼拜|月)(?:内|之内|以内)?|多久|多长时间|几天|真的|真|就|才|都|能|可以|要|得|会|最快|快)*";
// (注销公司几天能办好, 变更公司…: what is done to a business already going is no opening.)
const GOT_GOING = "办好|办下来|办成|办起来|开起来|开张|弄好|弄下来|搞好|搞定|注册下来|注册好";
const BUSINESS_SET_UP = new RegExp(`(?<!(?:注销|关闭|关掉|转让|变更|过户|迁移|撤销|吊销|卖掉|卖)[\\u4e00-\\u9fff]{0,4})(把|让)?(${OPENED})(给)?${WHEN_OR_WHETHER}(${GOT_GOING})`);
// (Most texts say no such thing: the lookbehind above, tried at every character, is skipped for them.)
const SAYS_GOT_GOING = new RegExp(GOT_GOING);
const businessSetUp = (text: string) => (SAYS_GOT_GOING.test(text) ? BUSINESS_SET_UP.exec(text) : null);

/** A word naming a kind of business (饭馆, 汽修铺子): where the asker works, not a topic the policy must name. */
export const namesABusiness = (word: string) => A_BUSINESS.test(word);

/** What opening a business is in the lexicon's terms. */
export const OPENING_IMPLIES = "开店";

// 做餐饮的, 卖食品的, 搞建材的, 做APP的: the asker's line of business.
// (可不可以搞远程的核查, 可以做线上的吗: asking whether a way may be taken names no trade.)
const LINE_OF_BUSINESS = /(?<!能不能|可不可以|能否|可否|能|可以)(做|搞|干|经营|卖)([\u4e00-\u9fff]{1,4}|[A-Za-z]{2,8})的(?=[\u4e00-\u9fff，,\s]|$)/;

// 货运公司要把仓库卖了, 我们冷链物流公司想…: a business named as who does what the sentence asks about.
const BUSINESS_SUBJECT = new RegExp(`^(我们|我|咱们|咱|俺们|俺)?(是)?(一家|一个|个)?[\\u4e00-\\u9fff]{1,6}?(${BUSINESS_KINDS})(?=要|想|把|打算|准备|需要|能|可以|得|，|,)`);

// A business's buildings (bought, sold, built, connected).
// (商铺, 门面房: a shop's premises, bought or sold as a building; 门面 alone is the shop, a business.)
const PREMISES = "厂房|仓库|办公楼|写字楼|车间|库房|商铺|铺面|门面房|门市房";
// 新盖的仓库要通暖气, 刚建好的厂房要接水: the building something is done for, named as who needs it (its 新盖 is no building permit asked).
// (合作社新盖的圈舍要接电: whatever was newly built is a building, whoever built it.)
const PREMISES_SUBJECT = new RegExp(
  `^(我们|我|咱们|咱|俺们|俺)?(的|家)?((${BUSINESS_KINDS})(的)?)?(((新|刚)(盖|建|修|买|租)?(好)?(的|了)?)?(一)?(个|栋|座|间|处)?(${PREMISES})|(新|刚)(盖|建|修|搭)(好)?(的|了)(一)?(个|栋|座|间|处)?[\\u4e00-\\u9fff]{1,4}?)(?=要|想|需要|得|准备|打算)`,
);

// Who asks, as a trade, a role or a body (商会, 代理律师, 会计): named before asking, the one who asks, no thing asked about.
const ASKER_KINDS = "商会|协会|学会|联合会|律师|律所|事务所|会计|会计师|代账|财务|出纳|秘书|合伙人|股东|法人|老板|店主|个体户|负责人|经理|厂长";
// 商会想知道, 作为代理律师想了解, 律师想问两点, 我们协会这边想咨询一下.
const ASKER = new RegExp(
  `^(作为)?(我们|我|咱们|咱|俺们|俺)?(是)?(一家|一个|一名|一位|个)?[\\u4e00-\\u9fff]{0,6}?(${ASKER_KINDS})(这边|那边)?(的)?[，,]?(?=(就|也|还|主要)?(想知道|想问|想了解|想咨询|想打听|想请教|问一下|问问|问下|咨询一下|打听一下))`,
);

/** Who asks, named before the asking verb (商会想知道…, 作为代理律师想了解…): null when the message does not open so. */
export const askerSpan = (text: string): string | null => ASKER.exec(text)?.[0] || null;

// A person named by what they do or did (工人, 职员, 学生, 农民, 作者, 士兵, 教师, 新手, 宝妈, 小伙子), or two of them (姐弟俩): the endings that make a word name someone.
const PERSON_ENDINGS = "人|员|工|生|者|民|兵|士|师|手|妈|爸|女|户|俩|青年|小伙";
// 毕业了想开公司, 刚退休了打算开个店: the lot in life told as reached, no person named, says who opens as 毕业生 does.
const LOT_REACHED = "(?:刚|才|已经|马上|快)?(?:大学|研究生|硕士|博士)?(?:毕业|退休|退伍|转业|复员|下岗|失业|待业|辞职|离职)(?:了)?";
// 失业青年开网店, 我们几个刚毕业的学生合伙开公司, 退休护士想在独山子开家诊所: who opens, by their lot in life, just before the opening.
const OPENER = new RegExp(
  "^((?:我们|我|咱们|咱|俺们|俺)?(?:是|作为)?(?:[一两二三四五六七八九十几]+(?:个|名|位))?" +
    `(?:(?:[\\u4e00-\\u9fff]{1,3}的)?[\\u4e00-\\u9fff0-9]{0,4}(?:${PERSON_ENDINGS})子?|${LOT_REACHED}))` +
    "(?:也|还|就|刚|正)?(?:想|要|打算|准备|计划|想要)?(?:(?:在|到|回)[\\u4e00-\\u9fff]{1,6}?)?(合伙|一起|一块儿?|自己|独自|单独)?$",
);
// 可以吗, 允许吗, 能不能, 有没有资格: whether someone may open at all, which makes who they are the thing asked.
const MAY_THEY = /(可以|能|行|允许|合法|违法|违规|合规)(吗|么|嘛|不)|能不能|可不可以|能否|可否|允不允许|让不让|准不准|是否可以|资格|限制|不让|不准|禁止/;

/**
 * Who opens the business, told just before the opening in its clause (两个学生合伙开花店 → 两个学生, 合伙; where they open it is not who):
 * none when nothing there names a person, or the question asks whether they may open one at all (then who they are is what is asked).
 */
export function openerSpans(text: string, opening: string): string[] {
  const at = text.indexOf(opening);
  if (at < 0 || MAY_THEY.test(text)) return [];
  const start = Math.max(...["，", ",", "。", "？", "?", "！", "!", "；", ";", "：", ":"].map((end) => text.lastIndexOf(end, at))) + 1;
  const m = OPENER.exec(text.slice(start, at).trim());
  // (外地人, 异地的人: where they come from is the policy's cross-region service, no lot in life.)
  if (!m || FROM_ELSEWHERE.test(m[1]!) || /异地|外国|境外/.test(m[1]!)) return [];
  return [m[1]!, ...(m[2] ? [m[2]] : [])];
}

/** Where the question says what business the asker opens or runs (开个小饭馆, 新开的面包店, 刚注册的公司, 做餐饮的, 货运公司要…) or the building it is for (新盖的仓库要…). */
export function settingSpan(text: string): string | null {
  return OPENS_A_BUSINESS.exec(text)?.[0] ?? NEW_BUSINESS_SET_UP.exec(text)?.[0] ?? businessSetUp(text)?.[0] ?? LINE_OF_BUSINESS.exec(text)?.[0] ?? BUSINESS_SUBJECT.exec(text)?.[0] ?? PREMISES_SUBJECT.exec(text)?.[0] ?? (businessOwned ??= ownedBusiness()).exec(text)?.[0] ?? null;
}

// 我爹的修鞋铺, 我妈的小卖部, 俺家的店: a business told as whose it is, what is done for it named after (办用电报装).
let businessOwned: RegExp | undefined;
const ownedBusiness = () => new RegExp(`(?:我|我们|俺|俺们|咱|咱们|我家|俺家|家里)[\\u4e00-\\u9fff]{0,2}?的[\\u4e00-\\u9fff]{0,4}?(?:${BUSINESS_KINDS})(?=办|要|想|得|需要|能|可以|准备|打算|[，,]|$)`);

// Characters typed one by one with spaces between (开 公 司 要 几 天): three or more single characters in a row so spaced.
const SPACED_OUT = /(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \t\u3000]+[\u4e00-\u9fff](?![\u4e00-\u9fff])){2,}/g;

/** 开 公 司 要 几 天 → 开公司要几天: a message spaced out character by character is read as one run (words spaced apart stay apart). */
export const spacedOutJoined = (text: string): string => text.replace(SPACED_OUT, (run) => run.replace(/[ \t\u3000]+/g, ""));

/**
 * 来检查的太多了 一周就来三回 受不了: in a chat, a space between clauses is their comma. Not after one or two
 * characters (社保 怎么交 sets a word apart), nor inside a policy word a slip cut (营业执 照, 开公 司).
 */
export function spacesAsCommas(text: string, isWord: (w: string) => boolean): string {
  return text.replace(/([\u4e00-\u9fff]{3})[ \t\u3000]+(?=([\u4e00-\u9fff]{2}))/g, (all, before: string, after: string) =>
    [1, 2].some((l) => [1, 2].some((r) => isWord(before.slice(-l) + after.slice(0, r)))) ? all : `${before}，`,
  );
}

// A numbered list (1.开公司要几天 2.注销公示多久, （1）…（2）…, ①…②…): each number opens a question of its own.
// (Not 1.5万元 nor 第1、2条: a number right before a digit, or not at a clause's start, is no list number.)
// A bracketed or circled number is one wherever it stands.
const LIST_NUMBER = /(?:(?<=^|[\s，,。？?！!；;：:])[\d０-９]{1,2}[.．、)）](?![\d０-９])|[（(][\d０-９]{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩])\s*/g;

// 一是…，二是…; 其一…其二…; 第一，…第二，…: ordinals opening each question (at a clause's start; 第一条 names a measure, no list).
const ORDINAL = /(?:^|[\s，,。？?！!；;：:]+)(?:(?:([一二三四五六])是|其([一二三四五六]))[，,、：:]?|第([一二三四五六])(?:个|点)?[，,、：:])\s*/g;

/** 问下，1.开公司要几天 2.注销公示多少天 → 问下。开公司要几天。注销公示多少天 (before NFKC, which reads ① as 1); 问两个：一是…，二是… likewise. */
export function listNumbersAsBreaks(text: string): string {
  const numbered = text.replace(LIST_NUMBER, "。");
  // A list counts at least two of them: 一是 alone (一是一，二是二 aside) is no list.
  const ordinals = new Set(matchesOf(numbered, ORDINAL).map((m) => m[1] ?? m[2] ?? m[3]));
  // (问两个：一是…: what announces the list stays with its first question.)
  return ordinals.has("一") && ordinals.has("二") ? numbered.replace(ORDINAL, (m) => (/^[^。？?！!；;]*[：:]/.test(m) ? "：" : "。")) : numbered;
}

// 被查封了觉得冤能不能申请复议: in a chat, what happened (…了) and what one thinks of it (觉得…) are two clauses, typed without a comma.
const THEN_A_THOUGHT = /(?<=[\u4e00-\u9fff]了)(?=(我|俺)?(觉得|感觉|认为|觉着|总觉得))/g;

// (…觉得冤能不能申请复议: the view ends where the asking begins.)
const THOUGHT_THEN_ASKING = /((?:觉得|感觉|认为|觉着)[^，,。？?!！]{1,6}?)(?=能不能|可不可以|能否|能|可以|该不该|怎么|咋|要不要|有没有|有啥|有什么)/g;

/** 被查封了觉得冤能不能申请复议 → 被查封了，觉得冤，能不能申请复议: the event told, the asker's view of it, the question. */
export function thoughtAsClause(text: string): string {
  return text.replace(THEN_A_THOUGHT, "，").replace(THOUGHT_THEN_ASKING, "$1，");
}

// Utilities named together in one word (水电气报装各几天, 水电暖): the list 水、电、气 the rest of the sentence asks about.
// Three or four of them, or 水电 before what is done to connect them (not 水电费, nor 电气 of 电气设备).
const UTILITIES = /(?:水电气暖|水电气|水电暖|电气暖|水气暖)|水电(?=报装|接入|开通|安装|办理|申请)/g;

// Two utilities or more, each with its verb, typed together (接电接水, 通电通水通暖气, 装水装气, 供电供暖, 用水用气): the same list.
const UTILITY = "天然气|燃气|暖气|自来水|电|水|气|暖";
const UTILITY_RUN = new RegExp(`([接通装拉供用])(?:${UTILITY})(?:\\1(?:${UTILITY}))+`, "g");

// A utility before its verb (电通上又要几天, 把水接上, 气装好): jieba glues the two (电通, 水接) into a word naming nothing.
// (Not 暖 alone: 暖通 is heating and ventilation; not inside a word, 供电通上.)
const UTILITY_THEN_VERB = /(?<=^|[，,。？?！!；;\s、]|[那把的这])(天然气|燃气|暖气|自来水|电|水|气)(通|接|装)(上|好)/g;

// Two utilities joined by 和 (水和气呢, 电跟水): jieba reads 和气 as a word (amiable). (Not 暖: 暖和 is warm; not 水电费 or 电气.)
const UTILITY_PAIR = /(?<=^|[，,。？?！!；;\s、]|[那把的这])(电|水|气)(?:和|跟|与|及)(电|水|气)(?![\u4e00-\u9fff]?费)/g;

/** 水电气报装各几天 → 水、电、气报装各几天; 接电接水 → 接电、接水; 通电通水通暖气 → 通电、通水、通暖气; 电通上 → 通电; 水和气 → 水、气. */
export function utilitiesListed(text: string): string {
  return text
    .replace(UTILITIES, (word) => [...word].join("、"))
    .replace(UTILITY_PAIR, "$1、$2")
    .replace(UTILITY_RUN, (run, verb: string) => run.split(verb).filter(Boolean).map((u) => verb + u).join("、"))
    .replace(UTILITY_THEN_VERB, "$2$1");
}

const BUSINESS = "公司|企业|店|超市|馆子|铺子|门面|厂子|厂|作坊|工作室|买卖|生意|个体户|执照";
// Not 关门: a shop 关门 every evening.
const CLOSING = "关掉|关了|关闭|不(想|打算)?(干|做|开|经营)了|黄了|停业|歇业|散伙";
// (以后不干了，关掉麻烦不: stopping and closing told together close the business the chat is about, unnamed.)
// (店关了好几个月: shut for a while, a pause, as 歇业 is; not closed for good.)
const FOR_A_WHILE = "(好|整整|足足)?(几|[一二两三四五六七八九十半\\d]+)个?多?(月|天|周|星期|礼拜)";
const CLOSES_A_BUSINESS = new RegExp(`(${BUSINESS})[^，,。？?]{0,6}(${CLOSING})(?!${FOR_A_WHILE})|(关掉|关闭|关了|关个|关家|关间|注销掉)[^，,。？?]{0,3}(${BUSINESS})|不(想|打算)?(干|做|开|经营)了[^。？?]{0,6}(关掉|关了|关闭|关门|撤掉|散伙|停业|歇业)`);
const CLOSING_IMPLIES = "注销";
// An easier way asked for (简单点, 简便些, 省事的办法, 简化了没): said of closing, the 简易 of 简易注销.
const SIMPLER = /简单(点|些|一点|一些|的办法|的方式|的路子|多了|了)|简便|省事|简化/;
export const SIMPLER_CLOSING_IMPLIES = "简易";
/** Whether a clause asks for an easier way (有没有简单点的办法, 是不是简单点了). */
export const asksSimpler = (text: string) => SIMPLER.test(text);
// 把车间卖给同行, 厂房转让给别的企业: a business's building changing hands is what the policy calls 转移登记.
// Bought as much as sold (从别人那里买下一栋旧办公楼, 买下的车间): the building is the thing bought, not what is in it
// (买车间设备, 买仓库货架 buy things for it; 买了设备放在厂房 puts them there), nor one built on land bought (买地盖车间).
// (门面转让, 铺面转让 most often pass on a lease and a business, not the building: not here.)
const FOR_THE_PREMISES = "设备|里|内|用的|货架|机器|原料|材料|物资|保险";
const PREMISES_SOLD = new RegExp(
  `(${PREMISES})[^，,。？?]{0,6}(卖给|卖了|转让|过户|转给|出售|转手|转到[^，,。？?]{1,8}名下)|(卖|转让|出售|过户)(掉|了)?[^，,。？?]{0,4}(${PREMISES})|(买|购买|购置|收购)(下来|下了|了|下|来)?(的)?[^，,。？?买地盖建造修搭租在放进到给用装]{0,6}(${PREMISES})(?!${FOR_THE_PREMISES})`,
);
const SOLD_IMPLIES = "转移登记";
// The address a licence gives and where the work is really done, told apart (营业执照登记在众创空间，实际在自家车间生产):
// the two the policy lets be registered apart (住所与经营场所分离登记).
// (公司地址写的是我家: the company's address as written is its registered one.)
const LICENCE_ADDRESS = /(执照|注册|(公司|企业|厂子|店)(的)?(地址|住址)(写|填|登记|挂))[^，,。？?]{0,12}(地址|住址|住所|我家|家里|自家)/;
// (实际干活在城郊厂房: the work said before the place, too.)
const REALLY_ELSEWHERE = /实际(上)?(是)?(在|搁)[^，,。？?]{1,10}(干活|经营|办公|生产|营业|上班|开工|干|做)|实际(上)?(干活|经营|办公|生产|营业|上班|开工)(是)?(在|搁)[^，,。？?]{1,10}/;
export const ADDRESSES_APART_IMPLY: readonly string[] = ["住所", "经营场所"];
const STOPS_DOING = /不(想|打算)?(干|做|开)了/g;

// 二手厂房, 二手的写字楼: a business's building owned before, what the policy calls 存量 (企业间存量非住宅不动产); 二手房 is a home.
const SECOND_HAND_PREMISES = new RegExp(`二手(的)?(?=${PREMISES})`, "g");

/** 二手商铺 → 存量商铺: a second-hand business building in the policy's word, not read as the 二手房 of homes. */
export const premisesInPolicyWords = (text: string) => text.replace(SECOND_HAND_PREMISES, "存量");

/** 店不想开了, 公司不干了: the verb stopped is no opening of a business (开 would count for 开办); read as the policy's 不经营了. */
// Putting off (往后挪一挪, 往后延一延, 延后): of a loan's repayment, what the policy calls 还本付息 agreed anew, said as 延期还; of anything else
// (开业往后推) no measure's topic.
const PUT_OFF = /(往后|向后)(推|延|拖|挪)(一)?(推|延|拖|挪)?|延后|推后/g;
const REPAID = /还贷|还款|还钱|还债|本息|本金|利息|(贷款|借款)[^，。？?]{0,10}还/;
/** 这期利息想往后延一延 → 这期利息想延期还: putting off said of a repayment, in the lexicon's words for it. */
export function deferralInPolicyWords(text: string): string {
  return REPAID.test(text) ? text.replace(PUT_OFF, "延期还") : text;
}

// The paper one, said by 纸 alone (纸的那张, 纸本): what the policy calls 纸质 (实体证照); 报纸, 图纸, 白纸 are other paper.
// (Hung or shown, 挂纸的, it is a licence displayed, 亮照, not one handed in: left as typed.)
const PAPER_ONE = /(?<![报废图白稿手卫草信壁剪宣油砂印擦挂贴摆亮])纸(?=的|本(?!事))/g;
/** 纸的还要带吗 → 纸质的还要带吗: the paper copy in the word the lexicon knows. */
export function paperInPolicyWords(text: string): string {
  return text.replace(PAPER_ONE, "纸质");
}

// A slip in one's own papers (材料有点小错, 表格填得有个小问题, 申请书有些小毛病): an error in what is handed in, no 轻微违法 of the
// business; read as 差错, so that the measure of the procedure named leads.
const PAPERS_SLIP = /(?<=(材料|资料|表格|表|申请书|文件|证明|手续|(交|提交|递交|报|送)(上去)?的东西)[^，,。？?!！]{0,5}?)(小错误|小错|小毛病|小问题|小瑕疵|瑕疵)/g;
/** 注销时候材料有点小错 → 注销时候材料有点差错: a slip in the papers is no minor violation. */
export const paperSlipInPolicyWords = (text: string) => text.replace(PAPERS_SLIP, "差错");

export function closingInPolicyWords(text: string): string {
  return CLOSES_A_BUSINESS.test(text) ? text.replace(STOPS_DOING, "不经营了") : text;
}

// A letter's formulas (尊敬的市税务局：… 请问贵局… 特此咨询，望予答复): the office written to is no topic of the question.
// (尊敬的领导您好！, 领导好，, 敬启者：: a salutation ends at a greeting too.)
const SALUTATION = /^\s*(尊敬的|敬爱的|致)[^：:！!。？?\n]{1,40}[：:]|^\s*[^：:，,。！!？?\n]{2,30}(领导|同志|负责同志|工作人员)[：:]|^\s*(尊敬的|敬爱的)[^：:！!。？?\n，,]{1,20}?(您好|你好)[：:！!，,。]|^\s*(各位)?(领导|同志)(们)?(好|您好|你们好)[：:！!，,。]|^\s*敬启者[：:]/;
const ADDRESSEE = /贵(单位|部门|中心|局|委|院|厅|办|处|科|所|会|行|司|公司)/g;
// (恳请明示, 望复为盼, 不胜感激; 恳请予以协调解决, 望贵部门予以纠正: a plea to answer or to act is no part of what is asked.)
// The enquiry formula right before what is asked (特此咨询企业开办办理时限).
const ENQUIRY = /特此(咨询|函询)(?=[\u4e00-\u9fff])/g;
const LETTER_CLOSING = /特此(咨询|致函|函询|请示|说明|函告|来函|反映)|(望|恳请|敬请|请)(予以?|您|贵[\u4e00-\u9fff]{1,2})?(答复|回复|解答|回函|明示)(为盼)?|(恳请|敬请|望)(贵[\u4e00-\u9fff]{1,2})?(予以)?(协调)?(解决|纠正|处理)|望复为盼|盼复|不胜感激|此致敬礼|此致|敬礼/g;

// How a doubt about asking opens a message (我也不知道这事该不该问, 可能问得不对, 冒昧问一句, 请教个可能有点外行的问题): no part of what is asked.
const HEDGE = new RegExp(
  "^(" +
    [
      "(我)?(也)?不知道(这个|这事|这|我)?(该不该问|能不能问|归不归(你们)?管|算不算[^，,:：…。！!？?]{0,12}|是不是问(错|对)[^，,:：…。！!？?]{0,6}|问得对不对|问的对不对|合不合适)",
      "(我)?(也)?(不确定|不太确定|不清楚|不太清楚)(是不是|你们管不管|归不归)[^，,:：…。！!？?]{0,14}",
      "(可能|也许|或许)(是我)?问(得|的)[^，,:：…。！!？?]{0,8}",
      "(这个|这事)?(可能|也许)不(归|在)(你们)?[^，,:：…。！!？?]{0,10}",
      "冒昧(地)?问(一句|一下|下)?",
      "(问|请教)(个|一个)[^，,:：…。！!？?]{0,8}问题",
      "犹豫(了)?(半天|很久|好久)?(还是)?(想)?(问一下|问问|问下)",
      // Asking for someone else (替客户问一下, 帮朋友咨询下, 代我们老板问问): who asks, no part of what is asked.
      "(替|帮|代)(我们|我)?[\\u4e00-\\u9fff]{1,4}?(问|咨询|打听)(一下|下|问|一句|个事|件事)?",
    ].join("|") +
    ")[哈啊呀哦吧嘛]*[，,:：…。！!\s]+",
);

// The bot addressed: a mention (@营商政策助手, @some_bot) anywhere, or called by what it is (小助手你好, …，机器人) at either end.
const MENTION = /@[^\s,，。？?！!：:、]+/g;
const THE_BOT_CALLED = `(亲爱的|尊敬的)?(克拉玛依)?(营商|政策)?(${BOT_NAMES})`;
const CALLED_FIRST = new RegExp(`^${THE_BOT_CALLED}(?=[，,\\s!！~～]|你好|您好|在吗|在不在|在么|请问|问一下|问下|我想问|想问)`, "i");
const CALLED_LAST = new RegExp(`[，,\\s]${THE_BOT_CALLED}[!！。~～]*$`, "i");
// 真的假的 after a claim asks whether it holds, as 是真的吗 does (jieba would cut a heavy 真的假 of it).
const TRUE_OR_FALSE = /[，,\s]*(真的假的|是真是假|是真的假的)[？?！!。]*$/;

// 往上能办, 往上预约: 往上 (upwards) before a verb of doing a matter is 网上 typed by its sound (wang shang); 往上报, 往上交,
// 往上申请 hand a thing up to a superior, as said.
const ONLINE_BY_SOUND = /往上(?=(就|都|也|还)?(能|可以|可|得|要)?(办|申办|预约|缴费|交费|缴税|查询|操作|弄|填报|注册|下单|支付|付款))/g;

/** 往上能办的事项 → 网上能办的事项: online typed by its sound, before what is done there. */
export const onlineBySound = (text: string): string => text.replace(ONLINE_BY_SOUND, "网上");

// Words of business chat typed by their pinyin initials among Chinese (开gs, yyzz丢了): the words themselves.
const BY_INITIALS: Readonly<Record<string, string>> = { gs: "公司", yyzz: "营业执照", gth: "个体户" };
const INITIALS = new RegExp(`(?<![a-z])(${Object.keys(BY_INITIALS).join("|")})(?![a-z])`, "gi");

/** 开gs要几天 → 开公司要几天: a word typed by its pinyin initials, in a Chinese message. */
export const wordsByInitials = (text: string): string => (/[\u4e00-\u9fff]/.test(text) ? text.replace(INITIALS, (m) => BY_INITIALS[m.toLowerCase()]!) : text);

// The asker correcting themselves (…不对，我其实想问供水): what they meant comes after, the slip before it goes.
// (对不对 asks; 不对 as a slip opens a clause saying what was meant: 是…, 我其实想问….)
// (收费不对，要找谁投诉: 要 alone goes on with the complaint, no slip.)
const CORRECTED = /(?:不对不对|(?<!对)不对|说错了|打错了|搞错了|问错了|口误)[，,。！!…\s]+(?:我)?(?:其实|实际上|本来|真正|应该)?(?:(?:是|要|想)(?:想)?(?:问|说)(?:的是)?|是(?!不|否)|问|说)(?:一下|下)?[，,:：\s]*/g;

// A slip taken back in a clause of its own: 不是 or 不 alone after what was typed (供水报装，呃不是，是供电报装; 卫生许可，噢不，
// 是食品经营许可证). The 是 after it stays: 哦不是，是电 is what was meant, read with the last question. (不是说…吗 asks, 不是本地企业
// tells who asks: 不是 goes on there, no clause of its own.)
const TAKEN_BACK = /(?:^|[，,。！!…\s])[啊哦噢喔呃额唉哎诶]*[，,\s]*(?:不是不是|不是|不不|(?<=[啊哦噢喔呃额唉哎诶])不)[，,。！!…\s]+/g;
// 哦我想问的是…, 其实我要问的是…: a clause saying what the asker meant to ask, after what was typed first, opened by a sound of
// catching oneself or by 其实. (嗯 我是说那个一把手 says who was meant, no question of its own: only a rest that asks is taken.)
const MEANT_INSTEAD = /(?:^|[，,。！!…\s])(?:[啊哦噢喔呃额]+[，,\s]*|其实|实际上)我(?:其实|真正|本来)?(?:是)?(?:想|要)?问的(?:其实)?是[，,:：\s]*/g;

/** 我想问下燃气报装几天……不对，我其实想问供水，供水报装几天 → 供水，供水报装几天; 供水报装，呃不是，是供电报装几天 → 是供电报装几天. */
export function afterCorrection(text: string): string {
  const marks = [...matchesOf(text, CORRECTED), ...matchesOf(text, TAKEN_BACK).filter((m) => m.index! + m[0].length < text.length && m.index! > 0), ...matchesOf(text, MEANT_INSTEAD).filter((m) => m.index! > 0 && sentenceAsks(text.slice(m.index! + m[0].length)))];
  const last = marks.sort((a, b) => a.index! + a[0].length - (b.index! + b[0].length)).at(-1);
  if (!last) return text;
  const rest = text.slice(last.index! + last[0].length).trim();
  return rest ? rest : text;
}

// A clause ruling a thing out (…半年，不是注销，要办什么手续; 不是改线，是新装): what it names is not asked about.
// (不是说缩短了吗 asks, a clause with 吗 or ？ is kept.)
// (Not as the first clause: 不是本地企业，能投标吗 tells who asks. The last one may end the message: …打错了，不是接电是接水.)
const RULED_OUT = /[，,。；;]\s*(?:但|可|这|那|这个|那个|也)?(?:不是|并不是|并非|而不是|又不是)(?:要|想)?(?:问|办|搞)?[^，,。？?！!；;吗呢么]{1,10}(?=[，,。；;！!]|$)/g;

// 不是燃气是自来水 rules one thing out and names what is meant in one clause: what follows the 是 (or 而是) stays.
// (不是只是注销 rules out 只是注销: a word of degree is no thing ruled out.)
const RULED_OUT_FOR = /^([，,。；;]).*?(?:不是|并非)(?![只就总老还都也倒可正])[^是]+?(?:而)?是([^，,。；;]{2,})$/;

/** 公司想暂停营业半年，不是注销，要办什么手续 → 公司想暂停营业半年，要办什么手续; …，不是供暖是供电，… → …，是供电，…. */
export function withoutRuledOut(text: string): string {
  const rest = text.replace(RULED_OUT, (span) => {
    const meant = RULED_OUT_FOR.exec(span);
    return meant ? `${meant[1]}是${meant[2]}` : "";
  });
  return rest.trim() ? rest : text;
}

// An opening clause saying what is not asked or not wanted (不是问开公司，…; 我不要贷款哈，…), before one saying what is (我问的是…,
// 我就想知道…): that thing is ruled out. (Only with the verb of asking or wanting: 不是本地企业，我就想问… tells who asks.)
const NOT_ASKED_FIRST = /^(?:我|俺)?(?:(?:不是|并不是|并非)(?:要|想)?(?:问|打听|咨询)|不想问|不问|不想要|不要)[^，,。？?！!；;]{1,12}[，,。；;！!…\s]+(?=(?:我|俺)?(?:(?:就|只|只是|就是|是)(?:想|要)?(?:问|知道|了解|打听|咨询)|(?:想|要)?问的(?:就)?是))/;

/** 不是问开公司，我问的是关公司，要多久 → 我问的是关公司，要多久. */
export const withoutNotAsked = (text: string): string => text.replace(NOT_ASKED_FIRST, "").trim() || text;

// A matter set aside first (融资那块先搁着, 上次那个先不问了), and the questions counted before they are listed (这回三个问题：): no part of
// what is asked. (Only an opening clause, before a turn to what is asked now, 这次, 今天, 想问: 贷款先放放，等明年再申请行不行 asks of the loan.)
const SET_ASIDE = /^[^，,。？?！!；;:：]{1,16}?(先放放|先放一放|先放一边|放一边|先搁着|先搁一搁|先不问了|先不管了?|先不急|以后再说|回头再说)[，,。；;！!\s]+(?=(这次|这回|今天|今儿|现在|先问|我想问|想问|我问|问一下|换个|另外|说说))/;
const QUESTIONS_COUNTED = /(^|[，,。；;！!\s])(这次|今天|这回|今儿|我|我这|还)?(有|想问|要问|问)?([两二三四五六几]|\d)(件|个|点)(事|事情|事儿|问题)(想问|要问|请教|咨询)?[:：]\s*/g;

/** 贷款的事先放放，这回两个问题：…: the matter set aside and the count go, the questions stay. */
export function withoutSetAside(text: string): string {
  const rest = text.replace(SET_ASIDE, "").replace(QUESTIONS_COUNTED, "$1").trim();
  return rest ? rest : text;
}

// A link pasted in (https://…/abc.pdf 点了没反应): which page, no words of what is asked.
const LINK = /(https?:\/\/|www\.)[^\s，。？?！!]*/gi;

/** @营商政策助手 在不在？办个执照要几天 → 在不在？办个执照要几天: who is addressed, and a link pasted in, go; what is asked stays. */
export function withoutAddress(text: string): string {
  const rest = text.replace(LINK, " ").replace(MENTION, " ").trim().replace(CALLED_FIRST, "").replace(CALLED_LAST, "").replace(TRUE_OR_FALSE, "，是真的吗").trim();
  return rest ? rest : text;
}

// A step told as done first (注销完了, 执照办好以后, 开完户之后), then what comes after it.
const DONE_STEP = /^([\u4e00-\u9fff]{2,8}?)(?:完了以后|完了之后|完了|完以后|完之后|好了以后|好了之后|好以后|好之后|了以后|了之后)[，,\s]*(?=[\u4e00-\u9fff])/;

/**
 * 注销完了以后再开一家公司，得几天 → the step after (再开一家公司，得几天), the step done (注销) only its context: when what comes after
 * names a topic of its own (hasTopic), it is what is asked. Null when the message opens with no step done, or asks only of it.
 */
export function afterDoneStep(text: string, hasTopic: (t: string) => boolean): { asked: string; done: string } | null {
  const m = DONE_STEP.exec(text);
  if (!m) return null;
  const asked = text.slice(m[0].length);
  return hasTopic(asked) && sentenceAsks(asked) ? { asked, done: m[1]! } : null;
}

// A message quoted whole (转发老板的话：“…？”, 客户问「…」): the quotation marks and what they hold.
const QUOTED = /“([^“”]+)”|「([^「」]+)」|『([^『』]+)』|"([^"]+)"/g;

// 谁能问问, 有没有人帮忙回答一下, 谁知道: a plea for anyone to answer, a clause of its own beside the question; it asks nothing of the policy.
const PLEA = /(?:[，,\s]+|(?<=[。！!？?])\s*)(?:谁|哪位|有没有人|有人)(?:能|可以|会)?(?:帮忙|帮我|帮着|给)?(?:问问|问一下|回答|解答|回复|说说|讲讲|答一下|回一下|知道)(?:一下|下)?(?:吗|呢|啊|呀)?(?=[，,。！!？?\s]*$|[，,。！!？?\s]*[”」』"])/g;

/** 供水报装和燃气报装分别几天，有人知道吗？ → 供水报装和燃气报装分别几天，？: the plea for anyone to answer goes. */
export const withoutPlea = (text: string): string => text.replace(PLEA, "");

/**
 * 帮同事转个问题：“…供水报装和燃气报装分别几天，有人知道吗？” 劳驾回复一下，多谢 → what the quotation asks: a message
 * passed on, its question in quotation marks, with words around it that ask nothing (who sent it, a thanks). Unchanged when the words
 * around ask (“最多跑一次”是什么意思) or no quotation asks.
 */
export function quotedQuestion(text: string): string {
  const quoted = matchesOf(text, QUOTED);
  if (quoted.length !== 1) return text;
  const inside = quoted[0]!.slice(1).find(Boolean)!;
  const around = text.replace(quoted[0]![0], "，");
  const aroundAsks = /[？?]/.test(around) || around.split(/[，,、。！!；;：:\s]/).some(asks);
  return !aroundAsks && sentenceAsks(inside) && /[？?]/.test(inside + around) ? inside : text;
}

// 这个数对吗, 这数字准不准: the figure just told, pointed at to check it (jieba would read 数对 as a word of its own).
const FIGURE_POINTED = /(这个|这|那个|那)(数字|数儿|数)(?=(对|准|准确|属实|没错|靠谱|是真的)(吗|么|嘛|不|不对|不准|不准确|吧|[？?。!！\s]|$))/g;

// 四十八小时内能办完, 三天内可以吗: jieba reads 内能 (internal energy) across the boundary of a duration and what follows it.
const WITHIN = /(小时|天|日|工作日|周|礼拜|星期|个月)内(?=能|可以|就能)/g;

/** 四十八小时内能办完吗 → 四十八小时内，能办完吗. */
export const withinAsClause = (text: string): string => text.replace(WITHIN, "$1内，");

/** 朋友说开公司3个工作日办完，这个数对吗 → …，对吗: the figure pointed at is the one told, no word of what is asked. */
export const withoutFigurePointer = (text: string): string => text.replace(FIGURE_POINTED, "");

// 我朋友说…, 听同事讲…, 有个老乡跟我说…: who told the claim opening a message; the claim is what is asked, the teller no topic.
const TELLER = /^(听)?(我|我们|俺)?(的)?(有个|有一个|一个)?(朋友|同事|同学|同行|老乡|熟人|邻居|亲戚|别人|人家|有人)(跟我|和我|给我|对我)?(说|讲|告诉我)(的)?[，,：:\s]*/;

/** Who told the claim a message opens with (我朋友说, 听同事讲): null when it does not open so. */
export const tellerSpan = (text: string): string | null => TELLER.exec(text)?.[0] || null;

/** 我也不知道这事该不该问哈，办个执照要交钱吗 → 办个执照要交钱吗: the doubt about asking goes, what is asked stays. */
export function withoutHedge(text: string): string {
  const rest = text.replace(HEDGE, "");
  return rest.trim() ? rest : text;
}

/**
 * A letter read as its question: the salutation, the references to the office written to and the closing formulas go.
 * Only in a letter: elsewhere 贵 is dear (太贵会不会…).
 */
export function withoutLetterFormulas(text: string): string {
  if (!SALUTATION.test(text) && text.search(LETTER_CLOSING) < 0) return text;
  // (特此咨询企业开办办理时限: before what is asked, the formula is what makes the clause a question; it stays one.)
  return text.replace(SALUTATION, "").replace(ADDRESSEE, "").replace(ENQUIRY, "请问").replace(LETTER_CLOSING, "");
}

// Doing it offline, as people say it: at a window, in the hall, in person.
// (一个窗口, 一窗: one window for several offices, which asks nothing of online or offline.)
const OFFLINE = "线下|(?<!一个|一)窗口|现场|当面|柜台|临柜|大厅";
// (老让我们在网上弄, 让我回去网上弄, 非让他在网上弄: made to, whoever is, again and again; 能不能让我网上办 asks to be let.)
// (说只能在网上办, 不让线下办, 不给去窗口: told it is online only, or refused offline, is the same.)
const ONLY_ONLINE = new RegExp(
  "(非让|非要|非得|只让|只准|只许|只能|只可以|硬要|必须|老让|总让|老是让|总是让|又让)(我们|我|他们|她们|他|她|咱们|咱|俺|人|大家|老人)?(在)?(网上|线上|手机上|app上|APP上)|让[^，。？?]{0,3}(回去|回家)[^，。？?]{0,6}(网上|线上|手机上|用手机)|" +
    `(?<![让给准许])不(让|给|准|许)(我们|我|他们|她们|他|她|咱们|咱|俺|人|大家|老人)?(去|到|在|上)?(${OFFLINE})`,
);
export const ONLY_ONLINE_IMPLIES = "只能网上";
// Asking whether it may be done offline (能不能去窗口线下办, 线下办可以吗), instead of online: the message says 线下, or names the
// online way it would rather not take (不会用手机). (能不能不用跑现场 asks not to go: no negation between.)
// (只能排队线下办，可以吗: the way told, then asked of in a clause of its own.)
const ASKS_OFFLINE = new RegExp(
  `(能|可以|可否|能否|允许|要求)[^，。？?一不没免]{0,4}?(去|到|在|上)?(${OFFLINE})|(${OFFLINE})[^，。？?]{0,6}?(办|办理|申请|提交|受理|收)([^，。？?]{0,2}(吗|么|不|行不行|行吗|可以吗|成吗|可不可以|能不能)|[，,](行不行|行吗|行不|可以吗|可以不|成吗|可不可以)(?=$|[。？?！!]))`,
);
/** 柜台那边还收材料不, 到大厅办行吗: asks whether it may be done offline. */
export const asksOffline = (text: string) => ASKS_OFFLINE.test(text);
// 可以吗, 行不行: a clause that asks only whether what was told may be, naming nothing.
const BARE_MAY_I = /^(这样|这么办|这样办)?(可以|行|成|能行)(吗|么|嘛|不)$|^(行不行|可不可以|可以不|成不成|能不能行)$/;
export const asksOfWhatWasTold = (clause: string) => BARE_MAY_I.test(clause.trim());
// 线下 says it; an online way named (网上, 不会用手机) sets the window or the hall against it.
const ONLINE_OR_OFFLINE_SAID = /线下|网上|线上|手机|电脑|上网|网办|app|小程序|在线/i;
export const OFFLINE_IMPLIES = "线下办理";
// Not able to take the online way (不会上网, 手机操作不来, 玩不转智能手机, 电脑弄不明白): a need the policy meets by letting it be done
// offline (兼顾老年人…的需求, 自主选择线上或线下办理方式).
const ONLINE_WAY = "手机|智能手机|电脑|网上|线上|网络|app|APP|小程序";
const CANNOT_GO_ONLINE = new RegExp(
  `不(太|大|怎么|咋)?会上网|上不了网|(不会|不懂|不太会|不大会|不咋会|不怎么会|玩不转|搞不懂|弄不懂|用不惯)(用|使用|操作|弄|玩|摆弄)?(${ONLINE_WAY})|(${ONLINE_WAY})(上)?[^，,。？?]{0,3}(操作|用|弄|玩|搞|摆弄)不(来|转|明白|懂|会|了)`,
);
// (六十好几了, 七十来岁: a rough age past sixty too.)
const ELDERLY_AGE = /([六七八九]十(多|几|好几|来|[一二三四五六七八九])?|[6-9]\d多?)岁|[六七八九]十(多|几|好几|[一二三四五六七八九])?了/;
const ELDERLY_IMPLIES = "老年人";
// 住得离政务中心远, 去大厅路太远: the office is far from the asker, what the policy's 就近办 (services in the community) answers.
// (不想往市里跑, 在家门口就能办吗, 街道社区能办不: the office in town avoided, or a service close to home wanted, says the same.)
const FAR_FROM_OFFICE = /(离|距离)[^，,。？?]{1,8}(太|很|挺|老|特别|比较)?远|(路|跑得?|跑去)(太|很|挺|老|特别)远|(太|很|挺|老)远了?(?!程)|不(想|愿|愿意|用|必|要)(再)?(往|去|到|跑|进)(到)?(市里|城里|市区|市上|大厅|政务大厅|政务中心|市政务中心)|(在|到)?(家门口|楼下|小区里|街道|社区|村里|乡镇|镇上)[^，,。？?]{0,3}(就|也)(能|可以|能够)[^，,。？?]{0,6}办/;
const NEARBY_IMPLIES = "就近办";
// Trips already made for one matter, counted (跑了四趟, 来回跑了好几次, 反复跑了三回): what the policy's 最多跑一次 is against.
// (要跑好多趟, trips still ahead, is how a matter is asked about, not a grievance of its own; 跑了好几个部门 is 推诿.)
const TRIPS_MADE = /(来回|反复|来来回回|来回来去)?跑了(好|十|二十)?[一二两三四五六七八九十几多]+(趟|次|回)(?![^，,。？?]{0,2}(部门|窗口|局|单位))|(来回|反复|来来回回)跑了/;
const TRIPS_IMPLIES = "最多跑一次";
// (…跑了四趟了，政策管不管这种事: the trips themselves asked about. Trips told beside a matter left undone, 跑了三趟还没办成, are the
// 办不成事 window's; beside a service named, 公证跑了好几趟, that service's. 办个事让我来回跑了五趟: 办事 names no service, the trips are the matter.)
const TRIPS_ASKED_OF = /这种|这样的|这事|这个事|这情况|(^|[，,。！!])(我|我们|俺)?(去|来|为了)?办(个|点|件)?事(情)?(?!项|指南|大厅|窗口|处|员)/;
const LEFT_UNDONE = /(没|不|未)(办成|办下来|办好|办完|办妥)|办不(成|下来|好|了)|没(给)?办/;

// A time limit overrun, told: 超过20天没动静, 超了25个工作日, 快一个月了还没办下来, 拖了三周不给批, 超时, 逾期.
// (超过160千瓦 is a threshold, not a time overrun: only a duration is overrun.)
const SPAN_OF_TIME = "([0-9]+|[一二两三四五六七八九十几半]+)(多)?(个)?(工作日|天|日|周|星期|礼拜|月)";
const OVERDUE = new RegExp(
  [
    `(超(过|出|了)?|过了|等了|拖(了|过|到))${SPAN_OF_TIME}`,
    "超时|超期|逾期|误期|(过|超)了?(期限|时限|规定时间|承诺的时间)|超过(期限|时限|规定时间)",
    `${SPAN_OF_TIME}(多)?了[^，,。？?]{0,8}(没|不|未)|${SPAN_OF_TIME}(多)?(还|都|也|仍)?(没|未)(有)?[办弄通批拿给落接装答回]`,
    // 快30个工作日了, 一个礼拜了都: the time gone by, told.
    `(快|已经|都|有)${SPAN_OF_TIME}(多)?了`,
  ].join("|"),
);
// A service not got, no time named: 还没办成, 没人理, 不给办, 跑了四趟. (The policy's channel for that matter, if it holds one,
// answers where to complain: 招标人一直没给答复，去哪投诉 is the tendering complaint channel's.)
const NOT_DONE = new RegExp(String.raw`(还|都|仍|仍然|一直|始终)(是)?(没|未)(有)?[办弄通批拿给落接装答回][^，,。？?]{0,2}(好|完|成|上|下来|到|妥|实|复)|(还|都|仍|仍然|一直|始终)(是)?(没|未)(有)?(批|审|动静|人来|人审|人管|消息|结果)|(?<!有)没有?${NOBODY_DID}|不给(办|批|答复)|(跑|去)了(好几|[0-9二两三四五六七八九十几]+)(趟|次|回)`);
// A channel the asker names (可以直接拨12345吗): it is what is asked.
const NAMED_CHANNEL = "(能|可以|能不能|可不可以|该不该|要不要|是不是)(直接)?(打|拨)(打)?(12345|热线)|(打|拨)(哪个|什么|啥)(电话|号码|热线)";
// Where to turn about it: 去哪说理, 我该找谁说, 往哪投诉, 有地方反映吗, 可以拨12345吗, 该找谁 (找谁办 asks which office does it).
const WHERE_TO_TURN = new RegExp(
  [
    "(找|向|跟|和|对|给)谁(说|讲|反映|投诉|举报|申诉|评理|说理|告|讨说法|要说法)",
    "(打|拨)(哪个|什么|啥)(电话|号码)(投诉|反映|举报)|(到底|究竟)(该)?找谁|(该)?怎么办(才好)?[？?。!！\\s]*$",
    "(去|到|往|上|找|在)?(哪|哪里|哪儿|哪个部门|哪个单位|什么地方|啥地方|什么部门)(去)?(说理|评理|投诉|反映|举报|告状|申诉|讨说法|讨个说法|要说法|要个说法|说说|说去)",
    "有(没有)?(地方|人|渠道|部门|途径|门路)(能|可以)?(反映|投诉|说理|管|告)",
    NAMED_CHANNEL,
    "(能|可以|能不能|可不可以)(去)?(投诉|反映|举报)|投诉(吗|不|么|呢)",
    "找谁(呢|啊|呀|好|去)?(?=[？?。!！，,\\s]|$)",
  ].join("|"),
);
/** A complaint (the lexicon: 投诉 ~ 反映 ~ 诉求), and what it is about when a time limit was not kept: the policy's 限时办结 (beside 责任追究). */
export const COMPLAINT_IMPLIES = "投诉";
export const OVERDUE_IMPLIES = "限时办结";
export const HOTLINE_IMPLIES = "热线";

// The same in English: "we've waited over 15 working days … where can a complaint be lodged", "still not connected, where do I complain".
const OVERDUE_EN = /\b(taken|taking|took|been|waited|waiting)\b[^.?!]{0,20}\b(more than|over|longer than|beyond)\b[^.?!]{0,12}\b(days?|weeks?|months?)\b|\boverdue\b|\bpast the (deadline|time limit)\b|\bstill\b[^.?!]{0,20}\b(not|n't|no)\b[^.?!]{0,12}\b(done|connected|approved|finished|processed|handled|answered)\b|\bdelayed\b|\btoo long\b/i;
const WHERE_TO_TURN_EN = /\b(who|where|whom)\b[^.?!]{0,30}\bcomplain|\bcomplain\b[^.?!]{0,10}\b(to whom|where)\b|\b(file|lodge|make|submit)\b (a )?complaint|\bcall\b[^.?!]{0,10}\b(12345|hotline)\b/i;
export const complainsOfOverdueInEnglish = (text: string) => OVERDUE_EN.test(text) && WHERE_TO_TURN_EN.test(text);

// Money owed or promised and not paid (运费压了大半年不给结, 奖励资金过了期限不兑现) is arrears or a promise broken, which the policy
// holds as topics of their own (清理拖欠, 按时兑现): no service overdue.
const MONEY_OWED = /欠|货款|运费|工程款|账款|尾款|款项|付款|结款|结账|不结|拨款|工资|兑现|补贴|资金|奖励/;
/** 装燃气表快一个月了还没装上，我该找谁说: a time limit or a service not met, and where to turn about it (not the measure setting the limit). */
export const complainsOfOverdue = (text: string) => (OVERDUE.test(text) || NOT_DONE.test(text)) && WHERE_TO_TURN.test(text) && !MONEY_OWED.test(text);

/**
 * What a complaint of an overdue asks, beside the matter it is about: where to turn (能直接打12345, 往哪投诉: a channel it names)
 * and what was not met (还没办成, 超时: the policy's 办不成事, 限时办结).
 */
export const complaintSpans = (text: string) =>
  [WHERE_TO_TURN, OVERDUE, NOT_DONE].flatMap((p) => text.match(new RegExp(p.source, "g")) ?? []).join("，");
/** Where the question asks where to turn, if it does. */
export const whereToTurn = (text: string) => (text.match(new RegExp(WHERE_TO_TURN.source, "g")) ?? []).join("，");

// Asking to have something done here (在克拉玛依办, 在这边办, 在这儿能办, 本地能办, 克拉玛依这里能办吗).
const DONE_HERE = /(在|到|来)(克拉玛依|我市|本市|这里|这边|这儿|咱们这|咱这|当地)[^，。？?]{0,12}(办|申请|处理|交|缴|报)|(克拉玛依|这边|这儿|本地)(能|可以)[^，。？?]{0,4}办|(克拉玛依|我市|本市|本地|当地)(这边|这里)?(办|能办|可以办|办理)/;
const FROM_ELSEWHERE = /外省|外地|省外|疆外|户口在|户籍在|老家/;
// This city's business done from another place (克拉玛依的企业去昌吉办手续行不行).
// (在那边办 points back at the place the message named.)
const DONE_THERE = new RegExp(`(在|到|去)(${[...XINJIANG_PLACES, ...FARTHER_PLACES].join("|")}|那边|那里|那儿)[^，。？?]{0,6}(办|申请|处理|交|缴|报)`);
const HOME = /克拉玛依|我市|本市|本地|这边/;
// 人在乌鲁木齐出差，克拉玛依公司的事能不能就近办: the asker away in another place asks to have this city's business done where they are.
const AWAY_IN = new RegExp(`(人|我|我们|俺|本人)(现在|目前|正|正好)?(在|身在)(${[...XINJIANG_PLACES, ...FARTHER_PLACES].join("|")})`);
const DONE_WHERE_ONE_IS = /(就近|就地|当地)[^，。？?]{0,4}(办|申请|处理)/;
const ACROSS_REGIONS = ["异地办", "疆内通办", "跨省通办"];
export const ACROSS_REGIONS_IMPLIES = ACROSS_REGIONS[0]!;
// 户口在塔城, 老家是甘肃的: where the asker comes from, told to ask for the cross-region service; no thing asked about.
export const WHERE_FROM_WORDS: ReadonlySet<string> = new Set(["户口", "户籍", "老家"]);

/** 注册在甘肃，…能不能在克拉玛依办: the clause asking to have it done here asks for the cross-region service the story's place implies. */
export const asksAcrossRegions = (word: string, askingText: string) => ACROSS_REGIONS.includes(word) && (DONE_HERE.test(askingText) || DONE_THERE.test(askingText));

// Money for work or goods delivered, told as held back by whoever owes it (工程尾款压了大半年不结, 货款一直不结, 服务费拖着没付,
// 设备款一分没到账): the policy's 拖欠. (电费拖着没交: the asker's own bill, not paid by them, is no arrears owed to them.)
const PAYMENT_DUE = "工程款|货款|账款|尾款|款项|欠款|设备款|材料款|进度款|结算款|项目款|维修款|服务款|服务费|设计费|印刷费|加工费|维修费|劳务费|咨询费|运费|工钱";
const NOT_PAID = "没给|不给|没付|不付|未付|没结|不结|未结|没到账|不到账|未到账|没打过来|要不回|要不到|讨不回|不还|没还|赖着不";
// (活干完半年了钱还压着不付, 项目验收过了钱到现在没结: money for work done, said as 钱, is such money too; so is money for work done
// for someone, 帮物业公司修了三个月电梯，钱一直没付, 替学校印了一学期资料，款到今天还没结.)
const WORK_FOR = "(给|帮|替)[^，,。？?]{1,8}?(干|做|送|供|修|建|盖|装|运|拉|印|施工|打工|服务)";
const SPAN = "([一两二三四五六七八九十半\\d]+|好几)(个)?(年|月|季度|周|天)";
// (国企欠我们修车款一年多了, 街道欠俺的运输钱快半年了: money a body owes the asker, held for a span, is held back too; a friend's debt is no trade's.)
const OWED_FOR_A_SPAN = `(政府|机关|单位|国企|国有|街道|社区|部门|公司|企业|甲方|集团|医院|学校)[^，,。？?]{0,6}欠(我|我们|俺|咱)(家|们)?(的)?[^，,。？?]{0,5}(款|钱)[^，,。？?]{0,3}(都|已经|快|有)?${SPAN}`;
const ARREARS = new RegExp(`(${PAYMENT_DUE})[^，,。？?]{0,12}(${NOT_PAID})|${WORK_FOR}[^。？?]{0,16}(钱|款)[^，,。？?]{0,8}(${NOT_PAID}|拖着|拖了|一直拖)|(干的活|活干完|干完|干了活|干过活|完工|验收|交付|交了货|供了货|交货|送了货|发了货)[^。？?]{0,12}(钱|款)[^，,。？?]{0,6}(${NOT_PAID}|拖着|拖了)|(${PAYMENT_DUE})[^，,。？?]{0,4}(拖了|拖着|一直拖|被拖|拖欠)|(拖欠|欠着|欠了|赖着)[^，,。？?]{0,6}(${PAYMENT_DUE})|欠(我|我们|俺|咱)(家|们)?(的)?[^，,。？?]{0,4}(${PAYMENT_DUE})|欠(我|我们|俺|咱)[^，,。？?]{0,6}(钱|款)[，,]?[^，,。？?]{0,6}(${NOT_PAID}|拖着|拖了|一直拖)|${OWED_FOR_A_SPAN}`);
export const ARREARS_IMPLIES = "拖欠";
// How long a buyer takes to pay, told as a span (完工满一年才结清, 货到半年以后再结款, 账期一年, 回款期长达八个月): the policy's
// 付款期限, which a buyer may not make unreasonable. (三个月才办下来 is a service slow, no payment.)
const PAYMENT_TERM = new RegExp(`${SPAN}(后|以后|之后|以上)?(才|再)(能|会)?(付|支付|结款|结账|结算|结清|给钱|给款|打款|回款)|(账期|回款期|结款期|付款期)[^，,。？?]{0,6}${SPAN}|${SPAN}的?(账期|回款期|结款期|付款期)`);
const PAYMENT_TERM_IMPLIES = "付款期限";
// 来了三拨检查的, 被查了好几回: inspections counted as they came, too many (几次 alone asks how often): the policy's 多头检查.
const INSPECTIONS_COUNTED = /([两三四五六七八九十\d]|好几|好多)(拨|波|批|趟|回|次)(人)?[^，,。？?]{0,4}(检查|查(?![询阅看找到不]))|(检查|来查|被查)(了)?[^，,。？?]{0,6}([两三四五六七八九十\d]|好几|好多)(拨|波|批|趟|回|次)/;
export const INSPECTIONS_COUNTED_IMPLIES = "多头检查";
// 今天安监明天环保后天市场监管, 这周消防下周税务: offices coming one after another, each on its day, are inspections by many offices (多头检查).
const ON_A_DAY = "(今天|明天|后天|昨天|前天|大前天|今儿|明儿|这周|下周|上周|这个月|下个月|上个月|周[一二三四五六日天]|星期[一二三四五六日天]|一会儿?|过两天|隔天|头天|第二天)";
const INSPECTING_OFFICE = "(安监|应急|环保|生态环境|消防|市场监管|市监|工商|质监|食药监|税务|卫生|卫健|防疫|城管|住建|交警|公安|派出所|人社|劳动监察|街道|社区)";
const OFFICES_IN_TURN = new RegExp(`${ON_A_DAY}(又|是|来|来了|又来|又是)?${INSPECTING_OFFICE}[^。？?]{0,6}?${ON_A_DAY}(又|是|来|来了|又来|又是)?${INSPECTING_OFFICE}`);
// Inspections scaled by a firm's credit (信用好的企业少查几回, 信用等级高能不能少被检查, 信用差的是不是查得勤): the policy's 信用风险分类
// joined to 双随机, not how 双随机 picks firms.
const CREDIT_STANDING = /信用(好|良好|不错|高|差|低|不好|等级|评级|分(?!类))|守信|失信/;
const INSPECTED_MORE_OR_LESS = /(少|多|不|免|常|勤|频繁|降低|减少|增加|加大)(被)?(来)?(查|检查|抽查)(?![询阅看找到])|查(得|的)?(少|多|勤)|(检查|抽查)(频次|次数|频率|比例)/;
const CREDIT_INSPECTION_IMPLIES = "信用风险分类";
// A condition to bid told (招标文件写着必须获过省级奖才能投, 要求有本地分公司才可以参加投标): what the policy weighs as
// 不合理投标条件, the conditions it has cleared out (注册资本金, 分支机构, 行业奖项…).
const BIDDING = /招标|投标|竞标|标书|招投标/;
const BID_CONDITION = /(必须|要求|须|得|需要|只有|限定|规定)[^，,。？?]{0,20}(才(能|可以|准|让|有资格|允许)|方可)(投|参加|参与|报名|竞标|报价|入围)/;
export const BID_CONDITION_IMPLIES = "不合理投标条件";
// Rights put up as security in the everyday word (用专利抵押, 商标呢，能押给银行吗, 抵押知识产权): pledged, not mortgaged; the policy's
// 知识产权质押贷款, not the 抵押登记 of land and buildings (有专利，厂房能抵押吗 puts up the building). (质押 is the policy's own word: read as typed.)
// The rights named by their kind count too (两项实用新型, 外观设计, 发明专利, 软件著作权), and the pledge may come a clause or two later
// (我们有一项外观设计，银行收不收，可以拿去押吗): the rights told, then what is done with them.
const IP_RIGHTS = "专利|商标|知识产权|著作权|版权|软著|实用新型|外观设计";
const IP_PLEDGED = new RegExp(`(${IP_RIGHTS})(?:(?!房|地|楼|铺|车|设备)[^。？?]){0,20}?(?<!质)押(?!金)|抵押[^，,。？?]{0,4}(${IP_RIGHTS})`);
const IP_PLEDGE_IMPLIES = "知识产权质押贷款";

// A fine asked about for what happened the first time (是头一回，会罚款吗; 第一次被查出来，会直接开罚单吗; …，头一回): a first, slight
// offence, which the policy lets go unfined (轻微违法行为依法免罚). (第一次开公司 counts a first of something else, no offence.)
const FIRST_TIME = "头一回|头一次|第一次|第一回|头回|初次|首次";
// A duty missed or slipped the first time (第一次忘了挂营业执照, 头一回没按时年报, 首次逾期申报, 初次漏报): the offence, told by the slip.
const SLIP = "忘|没|未|漏|迟|晚|逾期|超期|超时|过期|搞错|弄错|填错|写错|报错|不小心|疏忽|马虎";
const FIRST_OFFENCE = new RegExp(`(是|算|属于|还是|这是)(${FIRST_TIME})(?![\u4e00-\u9fff]{0,2}(开|办|申请|注册|贷|接|报装|投标|来办))|(${FIRST_TIME})(被|违|犯|出这|出这种|出问题|挨罚|挨查|${SLIP})|(?<=^|[，,。；;\\s])(这是|还是)?(${FIRST_TIME})(了|啊|呀)?(?=$|[，,。；;？?！!])`);
const FINED = /罚/;
export const FIRST_OFFENCE_IMPLIES = "轻微违法";
/** 会直接开罚单吗, 要罚款吗: asks whether a fine is given. */
export const asksIfFined = (text: string) => FINED.test(text);
// Money or help promised and not given (讲好的租金减免一直没落实, 许诺的奖补半年了还没拨下来, 承诺的补助拖了一年): the promise broken, what
// the policy forbids (履行政策承诺…不能…毁约), whatever the money was for. (告知承诺 is a way of approval, no promise made to the asker;
// money owed for work or goods, 说好的工程款拖着不给, is arrears, 拖欠.)
// (An agreement signed, 签的优惠协议, is the policy's 签订的各类合同、协议; voided, 说不算数了, it is not kept.)
const PROMISED = "(说好|讲好|定好|谈好|说定|讲定)(了)?的|答应|许诺|(?<!告知)承诺(?!制)|约定好|签(订|下)?(了)?的";
const NOT_KEPT = "(还)?(没|不|未|没有)(有)?(兑现|发|给|到账|到位|落实|拨|打|兑|履行|执行)|迟迟(不|没)|一直(不|没)|拖(着|了)|不认(账)?|赖账|变卦|反悔|不算数|不算了|不作数|作废";
const PROMISE_BROKEN = new RegExp(`(${PROMISED})[^。？?！!]{0,20}?(${NOT_KEPT})`);
export const PROMISE_BROKEN_IMPLIES = "不兑现";
// Whether one must still go there in person (还要不要去现场递标, 需不需要本人到现场, 还得当面交吗): asks for the policy's
// 不见面 (零见面, 非现场), as 不用跑现场 does.
const IN_PERSON_ASKED = /(要不要|用不用|需不需要|得不得|还要|还得|还用|还需要|必须|非得|一定要)(亲自|本人)?((跑|去|到|来){1,2}(趟|一趟)?现场|当面)/;
const IN_PERSON_IMPLIES = "不见面";
// Officials coming down to a firm to hear it (有没有部门下来听我们反映, 政府会不会派人来厂里了解情况, 领导上门听听难处): the policy's
// 走企连心, its officials and 驻企特派员 hearing firms. (A utility's staff coming to the door, 供电公司上门, are no officials.)
const OFFICIALS = "部门|领导|干部|政府|官员|当官的|特派员|局里";
const COME_DOWN = "下来|上门|下基层|派人|派个人|走访|(下|到|进|来)(我们|咱们|俺们)?(的)?(企业|厂|公司|店|单位|园区)";
const TO_HEAR = "听|了解|收集|调研|问问|反映|诉求|意见|难处|困难|愁";
const OFFICIALS_HEAR = new RegExp(`(${OFFICIALS})[^。？?]{0,8}?(${COME_DOWN})[^。？?]{0,10}?(${TO_HEAR})`);
const OFFICIALS_HEAR_IMPLIES = "走企连心";

/**
 * Words a question implies without saying them in the policy's terms: 开个小饭馆 → 开店; another place's
 * business done here → 异地办 (疆内通办 for Xinjiang's other prefectures, 跨省通办 beyond); `acrossRegions`: the question is already about that.
 */
export function impliedWords(text: string, acrossRegions = false): string[] {
  const implied = OPENS_A_BUSINESS.test(text) || NEW_BUSINESS_SET_UP.test(text) || !!businessSetUp(text) || ANOTHER_BUSINESS.test(text) ? [OPENING_IMPLIES] : [];
  // 公司不干了想关掉, 店不开了, 把厂子关了: closing a business is what the policy calls 注销.
  if (CLOSES_A_BUSINESS.test(text)) implied.push(CLOSING_IMPLIES);
  // 注销…现在是不是简单点了, 想把分店关了…有没有简单点的办法: an easier way to close is the policy's 简易注销.
  if ((CLOSES_A_BUSINESS.test(text) || text.includes(CLOSING_IMPLIES)) && SIMPLER.test(text) && !text.includes(SIMPLER_CLOSING_IMPLIES)) implied.push(SIMPLER_CLOSING_IMPLIES);
  if (PREMISES_SOLD.test(text)) implied.push(SOLD_IMPLIES);
  if (LICENCE_ADDRESS.test(text) && REALLY_ELSEWHERE.test(text)) implied.push(...ADDRESSES_APART_IMPLY);
  if (ARREARS.test(text)) implied.push(ARREARS_IMPLIES);
  if (PAYMENT_TERM.test(text) && !text.includes(PAYMENT_TERM_IMPLIES)) implied.push(PAYMENT_TERM_IMPLIES);
  if ((INSPECTIONS_COUNTED.test(text) || OFFICES_IN_TURN.test(text)) && !text.includes(INSPECTIONS_COUNTED_IMPLIES)) implied.push(INSPECTIONS_COUNTED_IMPLIES);
  if (CREDIT_STANDING.test(text) && INSPECTED_MORE_OR_LESS.test(text) && !text.includes(CREDIT_INSPECTION_IMPLIES)) implied.push(CREDIT_INSPECTION_IMPLIES);
  if (BIDDING.test(text) && BID_CONDITION.test(text)) implied.push(BID_CONDITION_IMPLIES);
  if (IP_PLEDGED.test(text) && !text.includes(IP_PLEDGE_IMPLIES)) implied.push(IP_PLEDGE_IMPLIES);
  if (FIRST_OFFENCE.test(text) && FINED.test(text) && !text.includes(FIRST_OFFENCE_IMPLIES)) implied.push(FIRST_OFFENCE_IMPLIES);
  if (IN_PERSON_ASKED.test(text)) implied.push(IN_PERSON_IMPLIES);
  if (OFFICIALS_HEAR.test(text) && !text.includes(OFFICIALS_HEAR_IMPLIES)) implied.push(OFFICIALS_HEAR_IMPLIES);
  if (PROMISE_BROKEN.test(text) && !ARREARS.test(text) && !text.includes(PROMISE_BROKEN_IMPLIES)) implied.push(PROMISE_BROKEN_IMPLIES);
  // 窗口非让网上办, 社区只让在手机上办: being made to do it online only (the policy's 限定仅线上办理).
  // (只能网上 typed whole is read as typed: implied besides, a story around it would weigh it as only its scene.)
  const onlyOnline = ONLY_ONLINE.test(text);
  if (onlyOnline && !text.includes(ONLY_ONLINE_IMPLIES)) implied.push(ONLY_ONLINE_IMPLIES);
  // 爸妈不会用手机，能不能去窗口线下办: asking to do it offline instead is asking for the policy's 自主选择线上或线下办理方式.
  // (老人不会上网, 手机操作不来: unable to go online, the offline way is what is left.)
  if (!onlyOnline && ((ASKS_OFFLINE.test(text) && ONLINE_OR_OFFLINE_SAID.test(text)) || CANNOT_GO_ONLINE.test(text))) implied.push(OFFLINE_IMPLIES);
  // 我妈七十多了, 我今年六十八了: the asker (or whom they help) is elderly, whom the policy names (老年人).
  if (ELDERLY_AGE.test(text)) implied.push(ELDERLY_IMPLIES);
  if (FAR_FROM_OFFICE.test(text)) implied.push(NEARBY_IMPLIES);
  if (TRIPS_MADE.test(text) && TRIPS_ASKED_OF.test(text) && !LEFT_UNDONE.test(text) && !text.includes(TRIPS_IMPLIES)) implied.push(TRIPS_IMPLIES);
  // 过了办结时限还没消息，可不可以拨12345反映: a service overdue, and where to complain of it.
  // A time limit overrun is what 限时办结 is for (可不可以拨12345 names the channel asked about: the overdue is only what led to it).
  // A phone or hotline asked for is the policy's hotline (打哪个电话投诉: 12345).
  if (complainsOfOverdue(text)) {
    const channel = new RegExp(NAMED_CHANNEL).test(text);
    implied.push(COMPLAINT_IMPLIES, ...(channel ? [HOTLINE_IMPLIES] : []), ...(OVERDUE.test(text) && !channel ? [OVERDUE_IMPLIES] : []));
  }
  // (深圳开公司1天，克拉玛依呢 compares, it asks no service across regions.)
  const crossing = !elsewhereTold(text).length && (acrossRegions || DONE_HERE.test(text) || ((DONE_THERE.test(text) || (AWAY_IN.test(text) && DONE_WHERE_ONE_IS.test(text))) && HOME.test(text)));
  if (!crossing) return implied;
  const xinjiang = namesIn(text, XINJIANG_PLACES).length > 0;
  const farther = namesIn(text, FARTHER_PLACES).length > 0 || /外省|省外|疆外/.test(text);
  if (xinjiang || farther || FROM_ELSEWHERE.test(text)) implied.push(ACROSS_REGIONS[0]!, ...(xinjiang ? [ACROSS_REGIONS[1]!] : farther ? [ACROSS_REGIONS[2]!] : []));
  return implied;
}

// 深圳开公司1天，克拉玛依呢: another place's figure told, then asked of here (the last clause naming here, asking); no service across regions.
const HERE = /克拉玛依|我市|本市|本地|这边|这里|这儿|咱们这|咱这|我们这|你们这|俺们这|咱们市|我们市/;
const FIGURE_TOLD = /(\d+(\.\d+)?|[一两二三四五六七八九十百半]+)\s*(个)?(工作日|天|日|小时|周|星期|个月|块|元|%|项)/;

/** The clauses telling another place's figure, when the message then asks the same of here (深圳开公司1天，克拉玛依呢); else none. */
export function elsewhereTold(text: string): string[] {
  // (Read for the same message by the implied words, the terms and the scope: the last reading is kept.)
  if (text === lastElsewhere.text) return lastElsewhere.told;
  const told = readElsewhere(text);
  lastElsewhere = { text, told };
  return told;
}
let lastElsewhere: { text: string; told: string[] } = { text: "", told: [] };

function readElsewhere(text: string): string[] {
  const clauses = text.split(/[，,。；;！!]/).map((c) => c.trim()).filter(Boolean);
  const last = clauses.at(-1);
  if (!last || clauses.length < 2 || !HERE.test(last) || !(clauseAsks(last) || /呢[？?]?$/.test(last))) return [];
  return clauses.slice(0, -1).filter((c) => FIGURE_TOLD.test(c) && !HERE.test(c) && !clauseAsks(c));
}

// A clause asks when it has a question word, ends in a question mark, or ends in 不/没 (手续麻烦不, 能先受理不, 通了没).
// (想问明年…, 请问…: a clause opening the question asks, whatever it holds.)
// (管不管用, 靠不靠谱, 好不好使: whether a thing works, asked as 行不行 is.)
const CLAUSE_ASKS = new RegExp(`${ASKS.source}|谁|是不是|要不要|行不行|(管|顶|中)不(管|顶|中)?用|好不好使|灵不灵|靠不靠谱|[不没]$|^(我)?(想|要)?(请问|问一下|问问|想问|想了解|想咨询)`);
/** Whether a clause asks something (a question word, 不 or 没 at its end, 请问 opening it). */
export const clauseAsks = (clause: string) => CLAUSE_ASKS.test(clause.trim().replace(ROUGH_COUNT, ""));
// Fewer clauses than this are a question, not a story around one.
const STORY_MIN_CLAUSES = 3;
// 好几年, 十几个人, 几十万: a rough count in a story, not a question. So is a few of what the asker (or the one they ask for) holds,
// counted before the thing (手里有几项专利, 客户名下有几套房, 我们有几台设备): told, not asked (公示期有几天, 有几个月的整改期 ask).
// (想去投几个项目, 打算开几家分店: a few of what the asker means to do, told too; 要办几个证 asks.)
const ROUGH_COUNT = /(好|十|二十|三十)几|几(十|百|千|万)|(?<=(想|打算|准备|计划)(去|再|多)?(投|接|揽|干|做|开|跑|找|拿))几(?=(个|家|项|单|笔)[\u4e00-\u9fff])|(?<=(我|我们|俺|俺们|咱|咱们|客户|朋友|亲戚|手里|手上|手头|名下|家里|账上|店里|厂里)(还|也|就|都|一共|总共)?(有|攒了|攒下|压着|存着))几(?=(项|套|件|张|台|辆|栋|间|处|块|笔|份|本|个(?!月|工作日|小时|星期|礼拜|钟头))[\u4e00-\u9fff])/g;

/**
 * The clauses of a long message that tell a story around the question (事情是这样的，我在白碱滩经营一家洗车行，去年客人少，
 * …，要公示多久): those that ask nothing, when another clause asks. Their words set the scene; the asking clause decides.
 */
export function storySpans(text: string, minClauses = STORY_MIN_CLAUSES): string[] {
  const real = clausesWithAsks(text);
  if (real.length < minClauses) return [];
  // A situation told and nothing asked, nor requested, whose point the policy names (招标方规定一定要有本地业绩才能报名，我们刚来
  // 没做过。: 不合理投标条件; 工程尾款压了大半年不结: 拖欠): the question is implied, what the policy says of it; every clause is the
  // story, as around an asking clause that names nothing. (A demand or a complaint with no such point is read as before.)
  if (!real.some((c) => c.asks)) return A_NOT_A.test(text) || REQUESTS.test(text) || !impliedWords(text).length ? [] : real.map((c) => c.text);
  return real.filter((c) => !c.asks).map((c) => c.text);
}

/** A message's clauses, each with whether it asks. */
function clausesWithAsks(text: string): ReadonlyArray<Readonly<{ text: string; asks: boolean }>> {
  return recentClauses.get(text, readClauses);
}

// One message's clauses are asked for by the search, the assessment and the decision alike: read once while it is recent.
const recentClauses = new BoundedMemo<string, ReadonlyArray<Readonly<{ text: string; asks: boolean }>>>(64);
function readClauses(text: string): ReadonlyArray<Readonly<{ text: string; asks: boolean }>> {
  const clauses = matchesOf(text, /([^，,。！!；;？?\n]+)([，,。！!；;？?\n]*)/g).map((m) => ({ text: m[1]!.trim(), asks: /[？?]/.test(m[2]!) || CLAUSE_ASKS.test(withoutIndefinites(m[1]!.trim().replace(ROUGH_COUNT, ""))) }));
  return clauses.filter((c) => c.text);
}

/**
 * The clauses that only tell, beside one that asks, however short the message (店里最近资金紧张，贷款能不能晚点还):
 * the asker's situation. Empty when no clause asks, or every one does.
 */
export function toldSpans(text: string): string[] {
  const clauses = clausesWithAsks(text);
  return clauses.some((c) => c.asks) ? clauses.filter((c) => !c.asks).map((c) => c.text) : [];
}

/** The clauses of a message outside its story (storySpans): those that ask, joined. */
export const askingClauses = (text: string, story: readonly string[]): string =>
  text.split(/[，,。！!；;？?\n]/).filter((c) => c.trim() && !story.includes(c.trim())).join("，");
