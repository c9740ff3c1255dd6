import { refOfCitation, type MeasureRef } from "../policy/measure.js";
import { parseNumber } from "./chinese-numbers.js";
import type { Turn } from "./engine.js";
import { HOME_NAMES, OTHER_PLACES } from "./places.js";
import { clauseAsks } from "./question-text.js";

/**
 * A chat message that cannot stand alone, read with the same chat's previous question and answer:
 * - pick:   第二个呢？ / "2" — the n-th measure the last reply offered (clarify) or cited;
 * - aspect: 哪个部门负责？ 要花钱吗？ 这个能网上办吗？ — asks about what the last answer cited; so does asking to have it
 *           explained again (说简单点, 举个例子, 没看懂, 太专业了), which names no topic of its own;
 * - swap:   那注销呢？ — the last question again, about something else;
 * - more:   还有别的吗？ 融资方面还有其他措施吗？ — other measures on the last question's topic than those just cited.
 * A message with a topic of its own and no such marker starts afresh.
 */
export type FollowUp =
  | { kind: "none" }
  | { kind: "pick"; measure: MeasureRef; previous: string }
  | {
      kind: "aspect";
      previous: string;
      measures: MeasureRef[];
      /** A topic of its own comes before the anaphor (部门之间互相踢皮球，这种情况找谁): 这种 may point inside the message. */
      ownTopic?: boolean;
      /** Only where the last answer comes from is asked (依据是什么, 根据的是哪份文件): the last question is read again, the message adds no words. */
      source?: boolean;
      /**
       * 这俩各归哪个局管, 两个都要办的话…: the things pointed at by their count, each the question of an earlier turn (or a part of
       * the last one) with the measures that answered it; `previous` joins them, `measures` is every one's.
       */
      items?: { previous: string; measures: MeasureRef[] }[];
      /** 这几个当中哪个有市场监管局参与: one of the things pointed at is asked for, by what the message names, not something of each. */
      which?: boolean;
    }
  | { kind: "swap"; previous: string; replacement: string }
  | { kind: "more"; previous: string; besides: MeasureRef[]; rest: string; kindHeld?: string };

export interface FollowUpReader {
  /** The message's own topic words (not question words, not generic process words). */
  topicWords(text: string): string[];
  /** Whether the text names a department or a place (a swap to 那市财政局呢 or 在乌鲁木齐呢 has no topic word otherwise). */
  namesSomething(text: string): boolean;
  /** Whether the text names who is asked about (换成大企业呢, 那上市公司呢: who changes, the topic stays). */
  namesWho?(text: string): boolean;
  /** Whether a text is a word of the language or the policy (个体户 is, 体户 is not). */
  isWord?(text: string): boolean;
  /** Whether the text asks something (a question word, 谁管, 多少钱, a question mark): markup or a stray word with no topic asks nothing. */
  asks?(text: string): boolean;
  /** Whether one of the measures holds one of the words, as written or as a synonym the lexicon gives (燃气 ~ 供气, 104). */
  holds?(words: readonly string[], measures: readonly MeasureRef[]): boolean;
  /** Whether a clause of the measures lists (、) things of a kind beside one of the words. */
  listsBeside?(kind: string, words: readonly string[], measures: readonly MeasureRef[]): boolean;
  /** The questions a text asks, in its order (办执照和注销分别几天: 办执照 / 注销分别几天). */
  partsOf?(text: string): string[];
}

// 第二个 (第二条 is a measure number, read before any follow-up); a bare 2 only right after a clarify.
// (头一个: the first.)
const ORDINAL = /^(?:那么|那)?(?:选|要)?(?:第([一二三四五六七八九]|[1-9])|(头)一)(?:个|种)/;
const CHOSEN_NUMBER = /^(?:选|要)?([1-9])$/;
// 要是…呢, 万一…呢: a case put, rather than another thing named.
const CASE_PUT = /^(?:那)?(?:要是|如果|假如|万一|倘若)/;
const SWAP = /^(?:那要是|那么|那个|那|要是|如果是|换成|还有|另外)?(.+?)(?:的话)?(?:的)?呢[？?。!！\s~～]*$/;
// 那大一些的工业项目呢，要几天, 外省来的呢，有没有规定: what is asked of it may follow the 呢, after a 那 that opens
// the swap, a short name, or a name with what sets it apart (投资多一点的厂房项目呢，也一样快吗) (我家店还没通燃气呢，是不是要等更久 tells,
// it swaps nothing).
const SWAP_ASKING = /^(?:(?:那要是|那么|那个|那|要是|如果是|换成)(.+?)|([^，,。？?]{1,6}?|[^，,。？?没不了]{1,8}的[^，,。？?的没不了]{1,6}?))(?:的话)?(?:的)?呢[，,]\s*([^，,。？?]{1,12})[？?。!！\s~～]*$/;
// What was meant, said after ruling out what was asked (不是接电，是接水; 其实是问接水): the clause that ends the message.
const MEANT = /(?:^|[，,。！!])(?:我)?(?:其实|本来|实际上)?(?:是|是问|是想问|想问)([^，,。？?！!]{1,12})[。！!~～\s]*$/;
// Words that point back at what was just said; a comparison with nothing to compare with (会不会更久) compares with the last answer.
// (意思是…吗, 也就是说…, 照你这么说…: what the last answer means, checked in the asker's own words, points back at it as a whole.)
// (你前面是不是讲错了, 之前答得不对吧: the last answer doubted, pointed back at as a whole.)
// 照这么说, 也就是说, 按你说的: the last answer taken up as a whole, opening the message.
const OPENING_ANAPHOR = /^(?:那|所以)?(?:你的|您的)?(?:意思是|意思就是|也就是说|就是说|这么说来|这么说|照(?:你)?这么说|照你说的|按你说的|按你这么说)/;
const ANAPHOR = new RegExp(String.raw`(?<![我俺他她])(?:你|您)?(?:之前|先前|前面|上面|刚刚)(?:是不是|是否|好像|可能|会不会|怕是)?(?:说|讲|答|回答|回|写)(?:错|得不对|的不对|反)|${OPENING_ANAPHOR.source}|这个|这事|这(个)?词|这(个)?说法|这句话|这话|这种|这样|这项|这条|这些|这(一)?(整)?套|该项|它|上述|上面说的|刚才|同样|那个政策|那条|(会|要|是不是|会不会)?更(久|长|快|慢|多|少)(吗|吧|呢|些|一些|点|一点)?[？?。!！\s]*$`);
/** Whether the text points at something said before it (这个, 它, 上述, 更久): no question of its own. */
export const pointsBack = (text: string) => ANAPHOR.test(text);
const STRIP = /[\s？?。!！,，~～]+/g;
// 那水呢，气呢: each thing swapped in asked with its own 呢, a list.
const EACH_SWAPPED = /呢[\s？?。!！,，、~～]+(?:那|还有)?/g;
// Whether it holds for them too, ending the message (也适用吗, 也一样吗, 也能享受吗).
const ALSO_HOLDS = /也(都)?(适用|同样适用|一样|能享受|可以享受|享受得到|能享受到|能用|可以用|算)(吗|么|嘛|不|没|呢)?[？?。!！\s~～]*$/;
// The other party of the asker's case, told (对方是国企, 欠钱的是一家国企, 甲方是政府部门).
const COUNTERPARTY_TOLD = /^(?:可是|但是|不过|而且)?(?:对方|对家|甲方|乙方|买方|卖方|欠(?:钱|款|账|我们钱|我钱)的|拖欠的|拖着不给的)(?:单位|公司)?(?:是|属于|就是|还是)/;
// A matter with another party to it (a debt, a dispute, a contract, a tender): where who that party is matters.
const CASE_WITH_A_PARTY = /欠|拖|纠纷|官司|起诉|诉讼|投诉|举报|合同|协议|招标|投标|采购|违约|侵权|付款|结算|账款|货款|工程款/;
// A trade the asker names as theirs (做餐饮的, 开饭馆的, 搞建材的): who asks, not what about.
const TRADE_NAMED = /(做|开|搞|干|经营|卖)[\u4e00-\u9fff]{1,6}?的/g;
// Asking where the last answer comes from (依据是什么, 原文怎么写的, 有官方文件写着吗, 出处): the measure just cited, again.
const SOURCE = /(依据|根据)(的)?(是)?(什么|啥|哪)(一)?(份|个|条|部)?(文件|规定|政策|条款)?|(原文|原话)(是)?(怎么|咋)?(写|说)|(官方|正式)?文件(里)?(写着|写了|写的|规定|上有)|出处|白纸黑字|明文|(哪|那)(一)?(条|个文件|份文件)(里)?(第几条)?(写|规定|说)的|第几条(写|规定|说)的|(你)?自己(推|编|想|猜)(出来|测)?的/;

// Asking to have the last answer told again in other words: how to say it, never what about. What opens and closes the
// request goes with it (能…吗, …行不, …呗), so that what is left is only what the message says besides.
const SAY = "说|讲|解释|讲解|介绍|聊";
const PLAINLY = "简单|通俗易懂|通俗|直白|浅显|易懂|好懂|明白|清楚|形象|白话";
// Said only of how something is told.
const SPOKEN = "通俗易懂|通俗|直白|浅显";
// (弄不明白, 搞不懂 of a thing to do, 啥都不懂 of the asker, 不清楚 of a fact, are no asking to be told again.)
const UNDERSTOOD = "看懂|听懂|读懂|懂|看明白|听明白|明白";
const OPEN = "(?:能不能|可不可以|能否|可以|能|请|麻烦|再)?";
const CLOSE = "(?:一下|下)?(?:行不行|好不好|行不|行吗|好吗|可以吗|成吗|成不|吗|呗|吧|呢|啊|呀|嘛|哈)?";
// 没看懂, 不明白 end a clause or go on with what is not understood (不懂啥意思, 没看懂这个): 不懂产登记 is 不动产 misheard.
const ENDS = "(?=$|[^\\u4e00-\\u9fff]|[了啊呀吗呢啦哦嘛哈的你您这那啥什意是])";
const EXPLAIN_AGAIN = new RegExp(
  OPEN +
    "(?:" +
    [
      // 举个例子, 举几个具体的例子, 打个比方, 举例说明
      "举例(?:子|说明)?|打比方|(?:举|打)(?:个|一个|几个|些)?(?:具体|简单|实际)?(?:的)?(?:例子|实例|案例|比方|比喻)",
      // 说简单点, 再讲简单点, 讲得再通俗一点, 说得直白些; 通俗点, 简单点说; 简单来说, 简单讲, 通俗地讲
      // (注销能简单点吗, 现在是不是简单些了 ask for a simpler procedure: 简单点 alone is no way of telling.)
      // (没人说清楚 tells what happened: 说 with 清楚 or 明白 asks it only with 再, 更 or 点.)
      `(?:${SAY})(?:得|的)?(?:(?:再|更)?(?:${PLAINLY})(?:一)?(?:点儿?|些)|(?:再|更)?(?:${SPOKEN})|(?:再|更)(?:${PLAINLY}))`,
      `(?:再|更)?(?:${SPOKEN})(?:一)?(?:点儿?|些)?(?:地)?(?:来)?(?:${SAY}){0,2}`,
      `(?:再|更)?(?:${PLAINLY})(?:一)?(?:点儿?|些)(?:地)?(?:来)?(?:${SAY}){1,2}`,
      `(?:简单|通俗|直白)(?:地|点)?(?:来)?(?:${SAY}){1,2}`,
      // 用大白话讲讲, 说人话, 用老百姓的话说说
      `说人话|(?:用)?(?:大白话|白话|人话|(?:老百姓|普通人|外行)(?:的|能听懂的)?话)(?:来)?(?:${SAY})*`,
      // 换个说法, 换句话说
      `换(?:个|一个|种|一种)(?:说法|讲法|方式|角度|词)(?:(?:再)?(?:${SAY}){1,2}(?:一遍|一次)?)?|换句话(?:说)*`,
      // 再解释一下, 重新讲一遍, 再说说, 解释解释
      // (再说吧 puts it off: 再说 asks again only with what says so)
      "(?:再|重新)(?:解释|讲解|介绍)|(?:再|重新)(?:说|讲){1,2}(?:一遍|一次|一下)|(?:说|讲){1,2}(?:一遍|一次)|(?:再|重新)(?:说说|讲讲)|解释解释",
      // 没看懂, 不太明白, 看不懂, 没太get到
      `(?:还是)?(?:(?<![弄搞都全])(?:没有|没太|没|不太|不大|不怎么|不)(?:${UNDERSTOOD})|(?:看|听|读)(?:不|没)(?:太|大)?(?:懂|明白))${ENDS}|没(?:太)?get到`,
      // 太专业了, 讲得太绕了, 绕晕了, 云里雾里
      `(?:(?:${SAY})(?:得|的))?(?:太|有点|好|真)(?:专业|绕|深奥|难懂|抽象|官方|文绉绉|拗口|晦涩)(?:了)?|绕晕了?|绕糊涂了?|云里雾里|一头雾水`,
      // 我文化低, 没啥文化
      "(?:文化|学历)(?:水平|程度)?(?:低|不高|有限|浅)|没(?:啥|什么|多少)?文化",
    ].join("|") +
    ")" +
    CLOSE,
  "gi",
);

// A character every way of asking it has (例, 简单, 懂, 换, 再, 绕…): most messages skip the long pattern, which V8 compiles on first use.
const MAY_EXPLAIN_AGAIN = /例|比方|比喻|简单|通俗|直白|浅显|懂|明白|清楚|形象|话|换|再|重新|一遍|一次|解释|讲解|介绍|get|专业|绕|深奥|抽象|官方|文绉绉|拗口|晦涩|雾|文化|学历/i;

/** The message without its asking to be told again (说简单点, 举个例子…), or null when it does not ask that. */
export function withoutExplainAgain(text: string): string | null {
  if (!MAY_EXPLAIN_AGAIN.test(text)) return null;
  const rest = text.replace(EXPLAIN_AGAIN, "，");
  if (rest === text) return null;
  // The commas left where the words were, before other punctuation or at either end, go.
  return rest.replace(/[，,]+(?=[，,。？?！!~～\s]|$)/g, "").replace(/^[\s，,。？?！!~～、]+/, "");
}

// Going back to an earlier question of the chat (回头说那个跨省通办, 刚才那个抽查, 再说回接电, 前面说的注销).
const RETURNS = /回头(说|问|讲)?|回到|(再)?说回|再问回|前面(说|问|讲|提)|之前(说|问|讲|提)|刚才(说|问|讲|提)?(的)?(那个|那条|那项|那)|刚刚(说|问|讲)(的)?/;
// Pointing back with a word of what was asked right after it (刚才说的注销那个, 问刚才燃气的, 之前那104项): where the pointing opens a
// clause or follows who asks (注销之前要清税吗 is before in time, 刚才 of 我刚才去了窗口 is only where the asker was).
const POINTS_BACK = /(?<=^|[，,。？?！!\s：:]|我|你|您|还是|想问|再问|问|说|下|就|那|关于)(?:刚才|刚刚|前面|之前|上面)(?:我)?(?:说|问|讲|提|聊)?(?:过)?(?:的)?(?:那个|那条|那项|那)?/;

/**
 * 刚才那个抽查，结果会公示吗: the latest answered turn whose question, as typed (a swap's 注销呢 is not 开公司's), holds a topic word the
 * message names again; else whose measures hold the word named right after the pointing (刚才那104项 after 证照分离涉及多少项: 第2条's
 * 104项; 刚才燃气的 after 供气报装: the lexicon's 燃气 ~ 供气). Pointing only by what comes after it, the message goes back to a turn
 * before the last: the last one is what any message is read with.
 */
function returnedTo(text: string, history: readonly Turn[], reader: FollowUpReader): FollowUp | null {
  const nth = nthQuestion(text, history);
  if (nth) return nth;
  const returns = RETURNS.exec(text);
  const back = returns ?? POINTS_BACK.exec(text);
  if (!back) return null;
  // What is gone back to is named right after (回到投标那个，招标人会跟代理机构…: 投标, not 代理机构).
  const named = text.slice(back.index + back[0].length).replace(/^(那个|那条|那项|的)/, "").split(/[，,。？?]|那个|那条|那项|那块/)[0]!;
  const namedWords = reader.topicWords(named);
  const own = namedWords.length ? namedWords : returns ? reader.topicWords(text) : [];
  const goneBack = (i: number): FollowUp | null => {
    const turn = history[i]!;
    if (!returns && i === history.length - 1) return null;
    return { kind: "aspect", previous: turn.answer.understood ?? turn.question, measures: turn.answer.citations.map(refOfCitation) };
  };
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i]!;
    if (turn.answer.outcome === "answered" && own.some((w) => turn.question.includes(w))) return goneBack(i);
  }
  if (!namedWords.length || !reader.holds) return null;
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i]!;
    if (turn.answer.outcome === "answered" && reader.holds(namedWords, turn.answer.citations.map(refOfCitation))) return i === history.length - 1 ? null : goneBack(i);
  }
  return null;
}

// 刚才第二个, 前面问的第一个, 我再问问第一个, 回到第二个问题: the chat's n-th question, counted from its start.
// (回到最开始那个, 最早问的那个: the first.)
const NTH_QUESTION = /(?:(?:刚才|刚刚|前面|之前|上面)(?:问的|说的|的)?|(?:再|还)?(?:问问|问一下|问下|说说|讲讲|聊聊)|回到)第([一二三四五六七八九]|[1-9])(?:个|条)(?:问题)?|(?<=^|[，,。？?\s])(头)一(?:个|条)(?:问题)?|(?:回到|再说回|说回|问回)?(最开始|一开始|最早|最初|最先)(?:问|说|提)?(?:的)?(?:那个|那条|那)(?:问题)?/;

/** 前面问的第二个，要公示几天: the chat's second question, when the last answer listed no measures the ordinal could mean instead. */
function nthQuestion(text: string, history: readonly Turn[]): FollowUp | null {
  const m = NTH_QUESTION.exec(text);
  // (头一个: the first.)
  const n = m ? (m[2] || m[3] ? 1 : parseNumber(m[1]!)) : undefined;
  const last = history.at(-1);
  if (!n || !last || last.answer.citations.length > 1 || last.answer.outcome === "clarify") return null;
  const turn = history[n - 1];
  if (!turn || turn.answer.outcome !== "answered") return null;
  return { kind: "aspect", previous: turn.answer.understood ?? turn.question, measures: turn.answer.citations.map(refOfCitation) };
}

// Asking for more than the last answer gave (还有别的吗, 其他的呢, 除了这个, 就这些？没别的了？, anything else).
// (其他部门也…, 其他的报装呢: the others of a kind, beside those just given; 其他地州呢 swaps the place.)
// (别的事项也能这样吗, 其他业务也可以吗: other matters than the one just answered, asked the same of.)
// (去别的部门办事, 到其他窗口: where the asker goes next is no other measure asked for.)
// Doubt put to the last answer (你确定, 真的吗, 没搞错吧, 不会吧), leading the message.
const DOUBTED = /^(?:你|您)?(?:确定|肯定|敢肯定|敢保证|真的|当真|没(?:搞|弄|说|写)错|不会(?:搞|弄|说)?错|真的假的|不会吧|不可能吧|怎么可能|骗人的吧|是真的)(?:吗|么|嘛|吧|不|没|呀|啊|了)*(?:[？?！!。，,～~\s]+|$)/;

// What follows a doubt asks something only by a question word or mark (我朋友弄了一个礼拜 tells; 那接电要几天 asks).
const asksAfterDoubt = (text: string) => /[？?]/.test(text) || clauseAsks(text);

// (新疆内其他地方呢, 疆外别的地方: other places within or beyond one, not other measures.)
const MORE = /还有(没有)?(别的|其他|其它|啥|什么|哪些)|(?<![去到跑找在上内外])(别的|其他|其它)(的)?((?!地州|地方|城市|地区|县|省|州|市|区)[^，,。？?]{0,4}呢|还有|政策|条款|规定|措施|服务|内容|部门|地方|窗口|单位|(事项|业务|事情|事儿|事|手续|审批)(?=也|还|都|能|可以|可不可以|能不能|有没有|是不是|[，,？?]))|除了(这个|这些|这条|这|上面)|还有(呢|吗|没有|不)|就这些|就这(一)?(条|个|项|点)|没(有)?别的了/;
const MORE_WORDS = new RegExp(MORE.source, "g");
// Kinds of thing a measure lists several of (制度, 服务, 渠道); not 措施, 政策 or 规定, which ask for other measures.
const KIND_OF_THING = /制度|机制|服务|方式|模式|平台|产品|套餐|渠道|办法|形式|窗口|清单|职能|活动|要求|标准/;
// Pointing at several things just named (教育社保这些, 刻章发票这几样, 医疗之类).
const NAMED_ONES = /这些|这几(个|项|样|类|种|块)?|这(一)?类|之类|等等/;

export function resolveFollowUp(message: string, history: readonly Turn[], reader: FollowUpReader): FollowUp {
  const last = history.at(-1);
  if (!last) return { kind: "none" };
  let text = message.trim();
  const previous = last.answer.understood ?? last.question;
  const offered = last.answer.outcome === "clarify" ? (last.answer.choices ?? []).map(refOfCitation) : last.answer.citations.map(refOfCitation);

  const picked = pickedIndex(text, last.answer.outcome === "clarify");
  if (picked !== null) {
    if (picked < offered.length && offered.length > 1) return { kind: "pick", measure: offered[picked]!, previous };
    // 第二个呢 with no list just before it: the last question is all there is to read it with.
    return { kind: "aspect", previous, measures: [] };
  }

  const back = returnedTo(text, history, reader);
  if (back) return back;

  // 你确定？我朋友弄了一个礼拜, 真的吗: the last answer doubted keeps its topic; what follows the doubt asks nothing (what someone
  // met, told), or names no topic but what the measures just cited hold. (你确定？那接电要几天 asks a topic of its own.)
  const doubt = DOUBTED.exec(text);
  if (doubt && last.answer.outcome === "answered" && offered.length) {
    const after = text.slice(doubt[0].length);
    const words = reader.topicWords(after);
    if (!words.length || !asksAfterDoubt(after)) return { kind: "aspect", previous, measures: offered };
    if (reader.holds?.(words, offered)) return { kind: "aspect", previous, measures: offered, ownTopic: true };
  }

  // 融资方面还有其他措施吗, 还有呢: other measures on the topic than those just cited (the words besides them may narrow it).
  if (MORE.test(text) && last.answer.outcome === "answered" && offered.length) {
    const rest = text.replace(MORE_WORDS, "，").replace(/^[\s，,。？?！!]+/, "");
    // 主要是教育社保这些吗，还有别的领域没: the others are others than what the message names and points at (these things the
    // last answer lists), not other measures: it asks what the last answer covers.
    const pointer = rest.search(NAMED_ONES);
    if (pointer > 0 && reader.topicWords(rest.slice(0, pointer)).length) return { kind: "aspect", previous, measures: offered, ownTopic: true };
    // 还有什么制度 after 首席事务代表是哪条里的: things of a kind (制度) the measures just cited list beside what was asked.
    const kind = KIND_OF_THING.exec(rest)?.[0];
    return { kind: "more", previous, besides: offered, rest, ...(kind && reader.listsBeside?.(kind, reader.topicWords(previous), offered) ? { kindHeld: kind } : {}) };
  }

  // 看不太明白，能举个例子吗, 太绕了，说得通俗点: the last answer again; beside a topic of its own (举个例子，接电要几天) the rest is read as any message.
  const rest = withoutExplainAgain(text);
  // What is left that asks nothing (我就是个开小厂的) says why it wants it simpler; read alone when the last answer answers nothing of it.
  if (rest !== null) {
    const ownTopic = reader.topicWords(rest).length > 0 || reader.namesSomething(rest);
    if (!ownTopic || !(reader.asks?.(rest) ?? true)) return { kind: "aspect", previous, measures: last.answer.outcome === "answered" ? offered : [], ...(ownTopic ? { ownTopic: true } : {}) };
    text = rest;
  }

  // 打错了，不是接电是接水 (read as …，是接水): what was meant instead, asking nothing of its own: the last question about it.
  const meant = MEANT.exec(text);
  if (meant && !(reader.asks?.(text) ?? true) && reader.topicWords(meant[1]!).length) return { kind: "swap", previous: withoutSwap(last, previous), replacement: meant[1]! };

  // 这俩一样长吗 after 供气报装 and then 供暖报装: the two things just asked about, compared.
  const pair = pairCompared(text, history, reader);
  if (pair) return pair;

  // 这俩分别归哪个部门管, 两件都得办，各找哪个部门: what is asked, asked of each thing just asked about.
  const counted = theCounted(text, history, reader);
  if (counted) return counted;

  // 别的报装，比如燃气和用电，也这么快吗: the others, named by example, asked what was just asked.
  const examples = examplesOfOthers(text, reader);
  if (examples) return { kind: "swap", previous: withoutSwap(last, previous), replacement: examples };

  // 和首次登记比呢: a comparison, though it ends in 呢 as a swap does.
  const compared = comparedWithLast(text, previous, reader);
  if (compared) return { kind: "swap", previous, replacement: compared };

  const plain = SWAP.exec(text);
  const asking = plain ? null : SWAP_ASKING.exec(text);
  const swap = plain ? { topic: plain[1]!, asked: "" } : asking ? { topic: (asking[1] ?? asking[2])!, asked: `，${asking[3]}` } : null;
  if (swap) {
    const replacement = swapped(text, swap.topic.replace(EACH_SWAPPED, "、").replace(STRIP, ""), reader);
    // 换成大企业呢, 那普通的呢: who is asked about, or which case by size, changes; the topic stays (read with the last question, as an aspect of it).
    // (那个体户开公司呢 names a topic besides who: a swap.)
    const onlyWho = !!replacement && !!reader.namesWho?.(replacement) && reader.topicWords(replacement).every((w) => reader.namesWho!(w));
    if (onlyWho) return { kind: "aspect", previous, measures: last.answer.outcome === "answered" ? offered : [] };
    // 有没有救 answered, then 要是彻底救不了呢: a case put to what was just answered, in words its measures hold (救 in 救治), goes on
    // with that topic (read with the last question), no other topic swapped in. (那要是供暖呢 after 供水: 供暖 is another measure's.)
    const casePut = CASE_PUT.test(text) && !!replacement && last.answer.outcome === "answered" && offered.length > 0 && !!reader.holds?.(reader.topicWords(replacement), offered);
    if (casePut) return { kind: "aspect", previous, measures: offered, ownTopic: true };
    if (replacement && (reader.topicWords(replacement).length || reader.namesSomething(replacement))) return { kind: "swap", previous: withoutSwap(last, previous), replacement: replacement + swap.asked };
  }


  // 我们是做餐饮的，也适用吗, 小公司也能享受吗: whether what was just answered holds for the asker's kind too, named by trade (做餐饮的) or by
  // who they are, and no topic besides: the last answer, asked again of them. (供暖也一样吗 names another topic: read below.)
  const also = ALSO_HOLDS.exec(text);
  if (also && last.answer.outcome === "answered" && offered.length) {
    const before = text.slice(0, also.index).replace(TRADE_NAMED, "，");
    if (reader.topicWords(before).every((w) => reader.namesWho?.(w))) return { kind: "aspect", previous, measures: offered };
  }

  const asks = reader.asks?.(text) ?? true;
  // 对方是国企 after 公司被拖欠货款怎么办: who the other party of the asker's case is, told and nothing asked, is a detail of the
  // last question, read with it.
  if (COUNTERPARTY_TOLD.test(text) && CASE_WITH_A_PARTY.test(previous) && !asks) return { kind: "aspect", previous, measures: [], ownTopic: true };

  // 什么时候达到 after 网上办理比例要达到多少: every word the message names was the last question's; it asks another thing of it.
  const words = reader.topicWords(text);
  if (asks && words.length && last.answer.outcome === "answered" && offered.length && words.every((w) => previous.includes(w))) return { kind: "aspect", previous, measures: offered };

  const ownTopic = words.length > 0 || reader.namesSomething(text);
  // No topic and nothing asked (<script>…</script>, asdf): no follow-up, the message is read alone.
  if ((!ownTopic && asks) || ANAPHOR.test(text) || SOURCE.test(text)) {
    // 部门之间互相踢皮球，这种情况找谁: a topic before the anaphor may be what it points to (这个能网上办吗 has none before it).
    const anaphor = text.search(ANAPHOR);
    const topicBefore = (anaphor > 0 && reader.topicWords(text.slice(0, anaphor)).length > 0) || namesAnotherBeside(text, previous, offered, reader);
    // (Besides the asking for a source, 供水的依据是什么 names a topic of its own.)
    const besidesSource = text.replace(new RegExp(SOURCE.source, "g"), "");
    const source = SOURCE.test(text) && !reader.topicWords(besidesSource).length && !reader.namesSomething(besidesSource);
    return { kind: "aspect", previous, measures: last.answer.outcome === "answered" ? offered : [], ...(topicBefore ? { ownTopic: true } : {}), ...(source ? { source } : {}) };
  }
  return { kind: "none" };
}

/**
 * 照这么说，供暖报装又得几天 after 供水报装多久: after an opening that takes up the last answer, the message names a thing the measures
 * just answered do not hold (供暖) beside one they do (报装), or a term ending as the last question's does (供气报装 after 供水报装):
 * another of the same kind, a topic of its own. (Not 意思是…查好几次吗, naming nothing of the kind.)
 */
function namesAnotherBeside(text: string, previous: string, offered: readonly MeasureRef[], reader: FollowUpReader): boolean {
  const opening = OPENING_ANAPHOR.exec(text)?.[0];
  const rest = opening ? text.slice(opening.length) : "";
  if (!rest || ANAPHOR.test(rest) || !reader.holds || !offered.length) return false;
  const words = reader.topicWords(rest);
  const before = reader.topicWords(previous);
  const sameKind = (w: string) => w.length > 2 && before.some((b) => b !== w && b.length > 2 && b.slice(-2) === w.slice(-2));
  const own = words.filter((w) => !reader.holds!([w], offered));
  return own.length > 0 && (words.some((w) => reader.holds!([w], offered)) || own.some(sameKind));
}

/**
 * The last answer as the context of a message that seemed to stand alone (要是填错了能补救吗 after 简易注销…,
 * 得我们自己跑去申报吗 after 奖励资金兑现慢): its words may be the detail of the topic just answered.
 */
export function lastAnswered(history: readonly Turn[]): FollowUp | null {
  const last = history.at(-1);
  if (!last || last.answer.outcome !== "answered") return null;
  return { kind: "aspect", previous: last.answer.understood ?? last.question, measures: last.answer.citations.map(refOfCitation) };
}

// 这个局, 该部门, 那家法院: a department pointed at, by the kind of office it is.
// (Not 公司 or 单位: 那公司注销呢, 这单位 are the asker's own as often.)
const OFFICE_POINTED = /(这个|这|那个|那|该|这家|那家)(局|部门|委员会|委|办公室|中心|法院)/;
const OFFICE_ENDINGS: Record<string, RegExp> = { 局: /局$/, 委员会: /委$/, 委: /委$/, 办公室: /办$/, 中心: /中心$/, 法院: /法院$/ };

/**
 * 那这个局总共管几条 → 那市住建局总共管几条: the department the last answer named, when just one of its
 * departments is that kind of office (这个部门: the only one it named).
 */
export function withOfficeNamed(message: string, history: readonly Turn[]): string {
  const m = OFFICE_POINTED.exec(message);
  const last = history.at(-1);
  if (!m || !last || last.answer.outcome !== "answered") return message;
  const named = [...new Set(last.answer.citations.flatMap((c) => c.departments))];
  const ending = OFFICE_ENDINGS[m[2]!];
  const fitting = ending ? named.filter((d) => ending.test(d)) : named;
  return fitting.length === 1 ? message.replace(m[0], fitting[0]!) : message;
}

// A place pointed at (在那边办, 去那儿交, 到那里申请): where the asker is or goes, as the last question named it.
const PLACE_POINTED = /(?<=在|去|到|从|回)(那边|那儿|那里|那头|那地方|当地)/;

/**
 * 在克拉玛依要办的事能不能在那边办 after 我在乌鲁木齐还有个分公司 → …能不能在乌鲁木齐办: the one place the last question named, for
 * the place the message points at.
 */
export function withPlaceNamed(message: string, history: readonly Turn[]): string {
  const m = PLACE_POINTED.exec(message);
  const last = history.at(-1);
  if (!m || !last) return message;
  const named = [...new Set([...OTHER_PLACES, ...HOME_NAMES].filter((p) => last.question.includes(p)))];
  // (乌鲁木齐 and 乌鲁木齐市 are one place: the longer name holds the shorter.)
  const places = named.filter((p) => !named.some((q) => q !== p && q.includes(p)));
  return places.length === 1 ? message.replace(m[0], places[0]!) : message;
}

// A comparison (比, 一样, 差几天, 哪个快, 更慢): with what was just asked about, when the message names only one side.
// (比如, 比例, 比较 are no 比 of a comparison: 别的报装，比如燃气.)
const COMPARES = /(?<![占对相好无类正反])比(?!较|如|例|方|重|率)|一样|差(几|多少)|哪个[^，,。？?]{0,8}(快|慢|久|长|短|多|少)|更(快|慢|久|长|短|多|少)|快还是慢|是快是慢|一个意思/;
// The side that points back (跟它比, 比这个, 这个比…, 跟刚才那个比).
const LAST_COMPARED = /这个|这项|这条|它|刚才(说)?的|刚才那个|刚才那项|上面(说)?的|上面那个/;
// One thing named to compare with (跟个体户接电比, 和开公司比).
const COMPARED_WITH = /(跟|和|与)([^，,。？?]{1,12}?)(相)?比/;

/**
 * 那用气的要比这个慢几天, 跟个体户接电比哪个快 (after 供水报装几天能办): a comparison of a topic of the message's own with
 * the last question's, as one question naming both (用气的要比供水报装慢几天); one naming both sides itself
 * (和办执照比，注销会不会更久) is read as it stands. Null when it is no such comparison.
 */
function comparedWithLast(text: string, previous: string, reader: FollowUpReader): string | null {
  if (!COMPARES.test(text)) return null;
  const last = reader.topicWords(previous).join("");
  if (!last) return null;
  const anaphor = LAST_COMPARED.exec(text);
  if (anaphor) {
    const [before, after] = [text.slice(0, anaphor.index), text.slice(anaphor.index + anaphor[0].length)];
    return reader.topicWords(before + after).length ? before + last + after : null;
  }
  const named = COMPARED_WITH.exec(text);
  if (!named || !reader.topicWords(named[2]!).length) return null;
  const besides = text.slice(0, named.index) + text.slice(named.index + named[0].length);
  return reader.topicWords(besides).length ? text : last + text;
}

// Others than what was just asked about (其他的报装, 别的手续), then named by example (比如自来水和暖气, 像刻章、开户这些).
// (其他的开户: the kind of thing, 开户, goes with each example: 公积金开户.)
const OTHERS = /(?:其他|其它|别的|另外的)(?:的)?([\u4e00-\u9fff]{0,6}?)(?=[，,。？?\s]|比如|例如|譬如|比方说|像)/;
const FOR_EXAMPLE = /(?:比如说|比如|例如|譬如|比方说|像是|像)[，,：:\s]*([^，,。？?]{2,16}?)(?:这些|这几样|这几个|这类|之类的?|等等|等)?(?=[，,。？?]|也|都|是不是|会不会|能不能|$)/;
// Asked the same of them as of what was just asked (也是这个时间吗, 一样吗, 差不多吗, 都能这样吗).
const THE_SAME = /也|都|一样|差不多|同样|照样/;

/**
 * The things named by example after 其他, when the message asks the same of them: what the last question is asked of instead, each
 * with the kind of thing the others are (别的报装，比如燃气和用电 → 燃气报装和用电报装).
 */
function examplesOfOthers(text: string, reader: FollowUpReader): string | null {
  const others = OTHERS.exec(text);
  const named = FOR_EXAMPLE.exec(text);
  if (!others || !named || named.index < others.index || !THE_SAME.test(text.slice(named.index + named[0].length))) return null;
  if (!reader.topicWords(named[1]!).length) return null;
  const kind = others[1]!;
  return named[1]!
    .split(/和|跟|与|以及|及|还有|、/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => (t.includes(kind) ? t : t + kind))
    .join("和");
}

// The two things just named (这俩, 这两个, 两者, 它俩); what sets them apart is asked as a comparison is (有啥区别, 哪里不同).
const THE_TWO = /这俩|这两(?:个|样|项|条|者|种|件|类)?|两者|二者|它俩|它们俩|这二者/;
const SETS_APART = /区别|差别|不同|不一样|两样/;
// Which one is quicker, slower, longer (哪个更快, 哪样久一些).
const WHICH_COMPARED = /哪(?:个|一个|样|项|种)[^，,。？?]{0,4}(?:快|慢|久|长|短)/;

/**
 * 这俩一样长吗 after 饭店供气报装要几天 and 供暖报装呢: a comparison of "the two" (or of which one, naming none: 哪个更快) compares the
 * last two answered questions' topics, when their measures differ (饭店供气报装和供暖报装一样长吗, a part for each); after an answer citing several measures,
 * those measures. Null when it is no such comparison or there are not two things to compare.
 */
function pairCompared(text: string, history: readonly Turn[], reader: FollowUpReader): FollowUp | null {
  const two = THE_TWO.exec(text);
  // (哪个更快 after 供水报装多久 and 那暖气呢: which of the two just asked about, though not pointed at.)
  const which = !two && WHICH_COMPARED.test(text) && !reader.topicWords(text).length;
  if (!which && (!two || !(COMPARES.test(text) || SETS_APART.test(text)))) return null;
  const last = history.at(-1)!;
  if (last.answer.outcome !== "answered") return null;
  const previous = last.answer.understood ?? last.question;
  if (last.answer.citations.length > 1) return { kind: "aspect", previous, measures: last.answer.citations.map(refOfCitation) };
  // Each one's topic, as asked (供暖报装呢: 供暖报装), else as read with its context.
  const topicOf = (turn: Turn) => {
    const typed = reader.topicWords(turn.question);
    return (typed.length ? typed : reader.topicWords(turn.answer.understood ?? turn.question)).join("");
  };
  const lastMeasure = last.answer.citations[0]?.measure;
  const before = [...history.slice(0, -1)].reverse().find((t) => t.answer.outcome === "answered" && t.answer.citations.length > 0 && t.answer.citations[0]!.measure !== lastMeasure);
  if (!before) return null;
  const [first, second] = [topicOf(before), topicOf(last)];
  if (!first || !second || first === second) return null;
  const pair = `${first}和${second}`;
  return { kind: "swap", previous, replacement: two ? text.slice(0, two.index) + pair + text.slice(two.index + two[0].length) : pair + text };
}

// The things just asked about, by their count: 这俩, 这两个, 这三项, 上面两个, 它们仨, 两者; 两个 bare only before what is said of
// each (两个都要办, 三个里面哪个). (这两天, 这两个月, 这两个工作日 count time.)
const THE_COUNTED = /(?:这|那|上面|前面|刚才|刚刚|它们|它)(?:的|说的|问的|这)?(?:(俩|仨)|(两|二|三)(?:个|样|项|条|种|件|类|者|家|点)(?!月|星期|礼拜|小时|钟头|工作日|年|周|天|分钟|日))|(两|三)(?:个|样|项|件|条)(?:问题|事|事情|事儿)?(?=都|分别|各|里|中|之中|当中|加|一起|合|总|哪|是不是|有没有)|(两|二|三)者/;
// One of them asked for (这几个当中哪个有市场监管局参与, 这俩哪一个不用跑): not something of each (这两个各由哪个部门负责).
const WHICH_OF_THEM = /哪(?:一)?(?:个|项|条|种|样)(?=是|更|最|能|可以|可|有|没|涉及|需要|要|不用|不要|不需要|归|由|适合|快|慢|省|便宜|好|简单|容易|[？?，,。]|$)/;
const EACH_OF_THEM = /分别|各|都|每|加起来|合起来|一共|总共|前后|一起/;

/**
 * 这两个, 它们仨, 两个都…: the message points at things by their count (what they are, the follow-up reads); not when what comes before
 * the count names something (`namesSomething`: 财政局和税务局这两个…, 接电和接水这两个… count what the message itself names).
 */
export function countsThings(text: string, namesSomething: (before: string) => boolean = () => false): boolean {
  const m = THE_COUNTED.exec(text);
  return !!m && !namesSomething(text.slice(0, m.index));
}

/**
 * 这俩分别归哪个部门管 (after 办执照和注销分别几天), 两件都得办，各找哪个部门 (after 小吃店接电要几天, 天然气呢): the things
 * pointed at by their count are the last question's parts, when it asked that many and was answered by as many measures; else the
 * chat's last questions, that many, each answered; what the message asks, it asks of each (or asks which of them it is). After
 * one question answered by that many measures, those measures. Null when the count points inside the message (接电和接水这两个…),
 * or there are not that many things answered to point at.
 */
function theCounted(text: string, history: readonly Turn[], reader: FollowUpReader): FollowUp | null {
  const m = THE_COUNTED.exec(text);
  if (!m || !countsThings(text, (before) => reader.topicWords(before).length > 0 || reader.namesSomething(before))) return null;
  const word = m.slice(1).find(Boolean)!;
  const n = /[三仨]/.test(word) ? 3 : 2;
  const which = WHICH_OF_THEM.test(text) && !EACH_OF_THEM.test(text);
  const last = history.at(-1)!;
  const refs = (turn: Turn) => turn.answer.citations.map(refOfCitation);
  const counted = (items: { previous: string; measures: MeasureRef[] }[]): FollowUp => ({
    kind: "aspect",
    previous: items.map((i) => i.previous).join("，"),
    measures: [...new Map(items.flatMap((i) => i.measures).map((r) => [`${r.doc ?? ""}#${r.number}`, r])).values()],
    items,
    ...(which ? { which } : {}),
  });
  const lastAsked = last.answer.understood ?? last.question;
  const lastParts = last.answer.outcome === "answered" ? (reader.partsOf?.(lastAsked) ?? [lastAsked]) : [];
  if (lastParts.length >= n && last.answer.citations.length >= n) return counted(lastParts.map((p) => ({ previous: p, measures: refs(last) })));
  const asked = history.filter((t) => t.answer.outcome !== "smalltalk").slice(-n);
  if (asked.length === n && asked.every((t) => t.answer.outcome === "answered" && t.answer.citations.length > 0)) {
    return counted(asked.map((t) => ({ previous: askedIn(t, history, reader), measures: refs(t) })));
  }
  if (last.answer.outcome === "answered" && last.answer.citations.length >= n) return { kind: "aspect", previous: lastAsked, measures: refs(last) };
  return null;
}

/**
 * What a turn asked, on its own: a follow-up read with an earlier question (天然气，小饭馆接电要几天) without it, when what is left
 * names a topic (天然气: not 接电 again); else as read.
 */
function askedIn(turn: Turn, history: readonly Turn[], reader: FollowUpReader): string {
  const read = turn.answer.understood ?? turn.question;
  for (const earlier of history.slice(0, history.indexOf(turn))) {
    const before = `，${earlier.answer.understood ?? earlier.question}`;
    const own = read.endsWith(before) ? read.slice(0, -before.length) : "";
    if (own && reader.topicWords(own).length) return own;
  }
  return read;
}

/** 那个体户呢 is 那 + 个体户, not 那个 + 体户: the 个 goes back to the word it begins. */
function swapped(text: string, replacement: string, reader: FollowUpReader): string {
  if (!reader.isWord || !/^那个/.test(text) || reader.isWord(replacement) || !reader.isWord(`个${replacement}`)) return replacement;
  return `个${replacement}`;
}

/** 那燃气呢 → 那暖气呢: the second swap replaces the first, it does not pile onto it (燃气报装，供水报装要多久 → 供水报装要多久). */
function withoutSwap(last: Turn, previous: string): string {
  const swap = SWAP.exec(last.question.trim());
  const replaced = swap?.[1]?.replace(STRIP, "");
  return replaced && previous.startsWith(`${replaced}，`) ? previous.slice(replaced.length + 1) : previous;
}

/** 第二个 → 1; 2 → 1 right after a clarify. */
function pickedIndex(text: string, afterClarify: boolean): number | null {
  const bare = text.replace(STRIP, "");
  const chosen = CHOSEN_NUMBER.exec(bare);
  if (afterClarify && chosen) return Number(chosen[1]) - 1;
  const ordinal = ORDINAL.exec(bare);
  const n = ordinal ? (ordinal[2] ? 1 : parseNumber(ordinal[1]!)) : undefined;
  return n ? n - 1 : null;
}
