import type { MeasureRef } from "../policy/measure.js";
import { BoundedMemo } from "../search/bounded-memo.js";
import type { TextAnalyzer } from "../search/text.js";
import type { Turn } from "./engine.js";
import { englishClauses, tellsOnly, readEnglish, readEnglishClause, readEnglishInside, isEnglish } from "./english.js";
import { contentWords, isGenericWord } from "./evidence.js";
import { countsThings, lastAnswered, resolveFollowUp, withOfficeNamed, withPlaceNamed, withoutExplainAgain, type FollowUp } from "./follow-up.js";
import { figuresAsDigits, parseNumber } from "./chinese-numbers.js";
import { ASPECT_WORDS, isQuantity, isVagueQuantity, SUBJECT_WORDS } from "./generic-words.js";
import type { Glossary } from "./glossary.js";
import { factsAsked, figureAsked } from "./facts.js";
import { TRANSLATION_REQUEST } from "./scope.js";
import { checksWhoIsInCharge, departmentsIn, detectIntent, ownOfficeNamed, withoutClaimedDepartment, withoutDepartments, type Intent } from "./intent.js";
import { CROSS_REGION, HOME_NAMES, OTHER_PLACES } from "./places.js";
import { namesIn } from "./names-in.js";
import { readNamesBySound, type SoundsAlike } from "./sounds-alike.js";
import { closingInPolicyWords, premisesInPolicyWords, paperInPolicyWords, paperSlipInPolicyWords, deferralInPolicyWords, withoutSetAside, complainsOfOverdueInEnglish, COMPLAINT_IMPLIES, impliedWords, OVERDUE_IMPLIES, listNumbersAsBreaks, negatedSpans, quotedQuestion, withoutPlea, afterDoneStep, rejoinSplitWords, wordsByInitials, spacesAsCommas, spacedOutJoined, withRunOnsApart, splitParts, thoughtAsClause, utilitiesListed, afterCorrection, onlineBySound, withoutAddress, withinAsClause, withoutFigurePointer, withoutHedge, withoutRuledOut, withoutNotAsked, withoutLetterFormulas } from "./question-text.js";
import { UNDERSTOOD_FIELDS, type Understood } from "./record.js";
import { withoutQuestionToTheBot } from "./small-talk.js";
import { asSimplified } from "./traditional.js";
import { readLookAlikes } from "./look-alike.js";

export interface UnderstandDeps {
  analyzer: TextAnalyzer;
  departmentNames: Map<string, string>;
  glossary: Glossary;
  /** Whether the policy text uses a word (the index knows it). */
  inCorpus: (word: string) => boolean;
  /** Words of the lexicon (开公司, 接电), beside the policy's own, for rejoining split words. */
  lexiconTerms: ReadonlySet<string>;
  /** For a question typed in pinyin (kai gongsi). */
  soundsAlike: SoundsAlike;
  /** The number of the policy's last measure (最后一条), when it has one document. */
  lastMeasure?: number;
  /** Whether one of the measures holds one of the words, or a synonym of it (a follow-up going back to an earlier turn by what it named). */
  holds?: (words: readonly string[], measures: readonly MeasureRef[]) => boolean;
  /** Whether a clause of the measures lists (、) things of a kind beside one of the words: 首席事务代表、一次性告知…制度. */
  listsBeside?: (kind: string, words: readonly string[], measures: readonly MeasureRef[]) => boolean;
}

// 最后一条, 倒数第二条: a measure counted from the end.
// (最后一项 of a list of papers, 最后的条件: not a measure; 项 only as 措施.)
const FROM_THE_END = /最后(一|那|的)?(条(?![件款例])|项措施)|最末(一)?条(?![件款例])|末尾(那)?(一)?条(?![件款例])|(?:倒数|从后往前数|倒着数|从后面数)第([一二三四五六七八九]|[1-9])(条(?![件款例])|项措施)/g;

/** 最后一条讲什么 → 第42条讲什么: a measure counted from the end, by its number. */
function fromTheEnd(text: string, last: number | undefined): string {
  if (last === undefined) return text;
  return text.replace(FROM_THE_END, (_m, ...g) => {
    const back = g[5] ? (parseNumber(g[5]) ?? 1) : 1;
    return back <= last ? `第${last - back + 1}条` : _m;
  });
}

// 后面紧挨着的一条, 下一条, 前一条 after an answer citing one measure: the measure next to it.
const NEXT_MEASURE = /下一条|(后面|下面|接下来|紧挨着|紧接着|再往后)(的|那)?(紧挨着的|那)?一条/;
const PREVIOUS_MEASURE = /前一条/;

/** 那下一条呢 after 第17条说的啥 → 第18条: the measure next to the one just answered, by its number. */
function nextTo(text: string, history: readonly Turn[], last: number | undefined): string {
  const cited = history.at(-1)?.answer.citations ?? [];
  if (cited.length !== 1 || last === undefined) return text;
  const n = cited[0]!.measure + (NEXT_MEASURE.test(text) ? 1 : PREVIOUS_MEASURE.test(text) ? -1 : 0);
  if (n === cited[0]!.measure || n < 1 || n > last) return text;
  return text.replace(NEXT_MEASURE, `第${n}条`).replace(PREVIOUS_MEASURE, `第${n}条`);
}

/** Chinese as typed, made readable: characters spaced out rejoined, a slip corrected, what is ruled out, the bot's name and a letter's formulas gone, spaces and list numbers as breaks, a question run on into the next set apart, shares and figures as the policy writes them (100%, 104项), split words rejoined, utilities named together listed. */
function tidyChinese(typed: string, isWord: (w: string) => boolean, isKnown: (w: string) => boolean): string {
  const rejoined = rejoinSplitWords(withRunOnsApart(spacesAsCommas(withoutLetterFormulas(withoutHedge(withoutRuledOut(withoutNotAsked(withoutFigurePointer(withoutAddress(afterCorrection(onlineBySound(wordsByInitials(figuresAsDigits(withinAsClause(thoughtAsClause(listNumbersAsBreaks(quotedQuestion(withoutPlea(withoutSetAside(spacedOutJoined(typed))))).normalize("NFKC"))))))))))))), isWord)), isWord, isKnown);
  return utilitiesListed(premisesInPolicyWords(closingInPolicyWords(deferralInPolicyWords(paperSlipInPolicyWords(paperInPolicyWords(rejoined))))));
}

// Which case of the topic, by its size or kind alone (普通的呢, 大一些的呢, 中型的呢 after a small project's permit): who or what changes, the
// topic stays, as 大企业呢 says.
const CASE_BY_SIZE = /^(一般|普通|常规|大型|中型|小型|大中型|大|小|中等)(点|一点|些|一些)?(的)?$/;

/** Stage 1: what the message is, in which language, and what it asks once its context is read. */
export function understand(typed: string, history: readonly Turn[], deps: UnderstandDeps): Understood {
  const question = withPlaceNamed(withOfficeNamed(nextTo(fromTheEnd(withoutQuestionToTheBot(asSimplified(typed)), deps.lastMeasure), history, deps.lastMeasure), history), history);
  // Latin letters are English, or Chinese typed in pinyin (kai gongsi yao ji tian) when the glossary reads nothing of them.
  const latin = isEnglish(question);
  const asEnglish = latin ? readEnglish(question, deps.glossary, (zh) => departmentsIn(zh, deps.departmentNames)) : null;
  const spelled = asEnglish && !asEnglish.chinese.trim() ? deps.soundsAlike.readSpelling(question) : null;
  const english = latin && !spelled;
  // (An English question naming a policy word in pinyin, 'yinshui hudong', reads it as that word.)
  const read = english ? readEnglish(question, deps.glossary, (zh) => departmentsIn(zh, deps.departmentNames), (run) => deps.soundsAlike.readSpelling(run)) : { chinese: spelled ?? question, unread: [] };
  const isWord = (w: string) => deps.lexiconTerms.has(w) || deps.inCorpus(w);
  const byName = latin ? read.chinese : readNamesBySound(readEnglishInside(read.chinese, deps.glossary, (run) => deps.soundsAlike.readSpelling(run)), HOME_NAMES);
  const chinese = latin ? byName : deps.soundsAlike.readQuotedNames(deps.soundsAlike.readRepeatedSlips(readLookAlikes(byName, isWord, (w) => deps.analyzer.knows(w)), (w) => isWord(w) || deps.analyzer.knows(w)));
  const tidied = english ? fromTheEnd(read.chinese, deps.lastMeasure) : tidyChinese(deps.soundsAlike.readInitials(chinese), isWord, (w) => isWord(w) || deps.analyzer.knows(w));
  // 我刚考进市司法局，…我们局牵头的是哪几条: the office the message named, for its own office pointed at.
  const own = english ? null : ownOfficeNamed(tidied, deps.departmentNames);
  const text = own?.text ?? tidied;
  // Small talk, a request for a person or an instruction is read from the message as typed. Right after an answer,
  // 你说的准不准 or 依据是什么 asks about that answer (the follow-up reads it), not about the bot.
  const afterAnswer = { afterAnswer: lastAnswered(history) !== null };
  const asTyped = detectIntent(question, deps.departmentNames, afterAnswer);
  // An English question the glossary cannot read at all is still a question (answered as not in the policy), not an empty message.
  const unreadable = english && !text.trim() && read.unread.length > 0;
  // (Translate measure 5 into Uyghur, read as 第5条, still asks a translation: the message as typed says so.)
  const translation = TRANSLATION_REQUEST.test(question);
  const detected = asTyped.kind !== "question" || unreadable || text === question || translation ? asTyped : detectIntent(text, deps.departmentNames, afterAnswer);
  // 是住建局负责的吗 right after an answer checks who is in charge of what was answered: no department's listing.
  const checksInCharge = !english && afterAnswer.afterAnswer && checksWhoIsInCharge(text, deps.departmentNames);
  // (这两个哪个是市场监管局管的 after two answers asks which of them: no department's listing.)
  const pointsBack = afterAnswer.afterAnswer && countsThings(text, (before) => topicWords(before, deps).length > 0 || departmentsIn(before, deps.departmentNames).length > 0);
  const readIntent = english ? detected : asksForOverview(text, checksInCharge || pointsBack ? detected : namesOnlyDepartments(text, detected, deps), deps);
  // (What its own office does, asked after how the asker came there: the clause pointing at it asks.)
  const ofOwnOffice = own && readIntent.kind === "question" ? namesOnlyDepartments(own.asked, detectIntent(own.asked, deps.departmentNames, afterAnswer), deps) : null;
  const intent = ofOwnOffice?.kind === "department" ? ofOwnOffice : readIntent;
  const hasTopic = (t: string) => topicWords(t, deps).length > 0;
  // 说简单点, 举个例子, 没看懂: how the asker wants the last answer told, no words of what is asked (the follow-up reads them as
  // pointing back). With nothing before it, only a message of no topic besides (说简单点 first) is read without them: it asks nothing.
  const rest = english || intent.kind !== "question" ? null : withoutExplainAgain(text);
  const plain = rest !== null && (history.length > 0 || !hasTopic(rest)) ? rest : null;
  // (An English message asking several things is read clause by clause: each as asking what it asks in English.)
  const englishRead = english && intent.kind === "question" ? englishParts(question, deps) : null;
  const whole = englishRead ? englishRead.join(" ") : english || intent.kind !== "question" ? text : withoutClaimedDepartment(plain ?? text, deps.departmentNames, hasTopic);
  // (注销完了以后再开一家公司，得几天: the step done is the context of what comes after it, which is asked.)
  const after = english || intent.kind !== "question" ? null : afterDoneStep(whole, (t) => hasTopic(t) || impliedWords(t).length > 0);
  const asked = after?.asked ?? whole;
  // (…注销得公示几天，再开一家公司几天能办下来: a clause whose topic is only implied, 开店, is a part of its own.)
  const parts = english ? (englishRead ?? [asked]) : splitParts(asked, (t) => hasTopic(t) || impliedWords(t).length > 0);
  const base: Understood = {
    question,
    language: english ? "en" : "zh",
    intent,
    followUp: { kind: "none" },
    text: asked,
    parts,
    // (An English question is read word by word: an overdue complaint is seen as typed.)
    implied: english && complainsOfOverdueInEnglish(question) ? [...impliedWords(asked), COMPLAINT_IMPLIES, OVERDUE_IMPLIES] : impliedWords(asked),
    negatedSpans: negatedSpans(asked),
    unread: read.unread,
    ...(after ? { context: after.done } : {}),
    ...(plain !== null ? { explainAgain: true } : {}),
  };
  if (intent.kind !== "question" || !history.length) return base;
  // English please, can you say that in English, 用英文说一下: the last answer asked for again in English (its question, read in English).
  const inEnglish = ASKS_FOR_ENGLISH.test(question) ? lastAnswered(history) : null;
  if (inEnglish) return withFollowUp({ ...UNDERSTOOD_FIELDS, ...base, language: "en", inEnglish: true }, inEnglish, deps);

  // (The departments checked are what is asked of the last answer, no topic of the message's own.)
  const followUp = resolveFollowUp(checksInCharge ? withoutDepartments(text, deps.departmentNames) : text, history, {
    // (网上能办不, 能线上办吗: how it is done, asked right after an answer, asks it of what was answered; so does who does it, 哪个部门组织的.)
    topicWords: (t) => topicWords(t, deps).filter((w) => !WAY_OF_DOING.test(w) && !(ASKS_WHO.test(t) && (DOING.test(w) || REPORTING.test(w))) && !(AVOIDS_TRIPS.test(t) && TRIP.test(w))),
    namesSomething: (t) => departmentsIn(t, deps.departmentNames).length > 0 || namesIn(t, PLACES).length > 0,
    namesWho: (t) => CASE_BY_SIZE.test(t) || deps.analyzer.keywords(t).some((w) => SUBJECT_WORDS.has(w)),
    isWord: (t) => isWord(t) || SUBJECT_WORDS.has(t) || deps.analyzer.knows(t),
    asks: (t) => ASKING.test(t) || deps.analyzer.keywords(t).some((w) => ASPECT_WORDS.has(w)),
    ...(deps.holds ? { holds: deps.holds } : {}),
    ...(deps.listsBeside ? { listsBeside: deps.listsBeside } : {}),
    partsOf: (t) => splitParts(t, (p) => hasTopic(p) || impliedWords(p).length > 0),
  });
  if (followUp.kind !== "none") return withFollowUp(base, followUp, deps);
  // 那气呢 swaps the topic: the measures just answered are no context for it.
  const last = SWAP_FORM.test(text) ? null : (lastAnswered(history) ?? lastTopic(history, deps));
  return last ? { ...UNDERSTOOD_FIELDS, ...base, inContext: withFollowUp(base, last, deps) } : base;
}

// Asking for the reply in English, naming nothing else (a translation of named text is a task: scope.ts).
const ASKS_FOR_ENGLISH = /^\s*(please\s+|pls\s+)?((in|into)\s+)?english(\s+(please|pls|plz|version|only))?\s*[?!.]*\s*$|^\s*((can|could|would)\s+you\s+|please\s+|pls\s+)*(say|answer|reply|write|explain|repeat|give|tell me|put)\s+(that|this|it|the answer|me)?\s*(again\s+)?in\s+english(\s+(please|pls))?\s*[?!.]*\s*$|^\s*(do you speak|can you speak|speak)\s+english\s*[?!.]*\s*$|^[^，,。？?]{0,4}(用|说|讲)英(文|语)(说|讲|回答|回复|答|解释)?(一下|一遍|下)?(吧|呗|行吗|可以吗|好吗)?[？?。!！\s]*$|^(有|来个|给个)?英文版(吗|吧)?[？?。!！\s]*$/i;

/**
 * After a question handed off (容缺受理事项的目录出了没有: whether it was done is no text's), what it was about, its topic words
 * without what it asked: a context for a message that may ask something else of it (覆盖的事项占几成). Null when it named no topic.
 */
function lastTopic(history: readonly Turn[], deps: UnderstandDeps): FollowUp | null {
  const last = history.at(-1);
  if (!last || last.answer.outcome !== "handoff") return null;
  const words = topicWords(last.answer.understood ?? last.question, deps);
  return words.length ? { kind: "aspect", previous: words.join("，"), measures: [] } : null;
}

// Online or at a window (网上办, 线上办理, 现场办): how a thing is done, as 网上 and 线下 alone say, no thing of its own.
const WAY_OF_DOING = /^(网上|线上|在线|网路上|手机上|线下|窗口|当面|现场|临柜|柜台)(办|办理|申办|申请|可办|弄)$/;

// 不想跑腿, 懒得跑一趟: the wish not to go in person, beside how it is done (网上能弄不), says why it is asked, no thing of its own.
const AVOIDS_TRIPS = /(不想|不愿|不愿意|懒得|免得|省得)(再|多)?(跑腿|跑路|跑一趟|跑一次|跑来跑去|来回跑|跑)/;
const TRIP = /^(跑腿|跑路|跑一趟|跑一次|跑来跑去|来回跑|跑)$/;

// Who does it (哪个部门组织的, 谁来实施, 由什么单位承办): the doing is what the office does, no thing of its own.
const ASKS_WHO = /谁|(哪|什么|啥)(个|家|些|一个)?(部门|单位|机构|局|委|办|科室)/;
const DOING = /^(组织|实施|主办|承办|举办|开展|落实|执行|操办|组织实施|具体实施)$/;
// Where to turn about it (找哪个部门反映, 该向谁投诉): the reporting is what the asker does, no thing of its own.
const REPORTING = /^(反映|投诉|举报|申诉|反馈|求助)$/;

// A question mark or particle, or a question word jieba may keep inside a longer word (归谁管, 几号).
// (网上办不, 通了没: 不 or 没 ending it asks too.)
const ASKING = /[？?吗呢嘛么]|谁|哪|什么|啥|几|多少|多久|多长|怎|咋|如何|是否|能否|可否|能不能|可不可以|要不要|有没有|行不行|(?<=[\u4e00-\u9fff]{2})(?<![我你他她也都还就又别])[不没][？?。!！\s~～]*$/;

// 那财政局呢 swaps the last question's topic (follow-up.ts), it does not ask for a listing.
const SWAP_FORM = /呢[？?。!！\s~～]*$|^((那要是|那么|那个|那|要是|如果是|换成).+|[^，,。？?]{1,8})呢[，,][^，,。？?]{1,12}[？?。!！\s~～]*$/;
// What a department does, in any words (揽了哪些活, 挑了什么担子; 政务服务中心有多少个窗口 asks no such thing).
const ASKS_WHAT_IT_DOES = /负责|管|牵头|抓|干|做|职责|职能|范围|任务|分工|措施|条|事|工作|落实|承担|揽|担子|活/;

/**
 * 发改委在42条里具体抓哪些, 市财政局的职责范围, 哪些措施是市场监管局牵头的: a message naming departments and no
 * topic of its own, asking no fact the policy lacks (电话, 在哪), asks what they do: their measures.
 */
function namesOnlyDepartments(text: string, intent: Intent, deps: UnderstandDeps): Intent {
  if (intent.kind !== "question" || SWAP_FORM.test(text)) return intent;
  const departments = departmentsIn(text, deps.departmentNames);
  if (!departments.length || factsAsked(text).length) return intent;
  const rest = [...deps.departmentNames.keys()].sort((a, b) => b.length - a.length).reduce((t, name) => t.split(name).join("，"), text);
  if (!ASKS_WHAT_IT_DOES.test(rest)) return intent;
  // 42条, 条里, 几项: the policy's own items and their count, no topic.
  return topicWords(rest, deps).some((w) => !/^\d+$|条/.test(w) && !isQuantity(w)) ? intent : { kind: "department", departments };
}

// The policy as a whole: its measures counted (42条, 四十二项), 这些措施, 整个政策, 这份文件.
const WHOLE_POLICY = /(?<!第)(\d{2,3}|[二三四五六七八九]十[一二三四五六七八九]?)(条|项)|(这些|全部|所有|整个|这份|这个|各项)(的)?(措施|政策|文件|条款|条)|措施|政策/g;
// Asked for whole: what it all says, its titles or main points (都讲了啥, 目录, 主要内容, 重点, 列一下所有措施).
const OVERVIEW = /(都|一共|总共|全部|所有|主要|分别)[^，,。？?]{0,6}(讲|说|写|包括|包含|涉及|规定)(了)?(些|哪)?(啥|什么|哪些|内容|方面)|都有(哪些|啥|什么)|目录|标题|大纲|概要|总结|概括|梗概|主要内容|重点|要点|(列|说|讲|介绍)(一下|出|个)?(所有|全部|每)/g;

/** 42条都讲了些啥, 这个政策的重点是什么: the policy as a whole asked about, no topic of its own: its table of contents. */
function asksForOverview(text: string, intent: Intent, deps: UnderstandDeps): Intent {
  if (intent.kind !== "question" || !text.match(OVERVIEW) || !text.match(WHOLE_POLICY)) return intent;
  const rest = text.replace(OVERVIEW, "，").replace(WHOLE_POLICY, "，");
  return topicWords(rest, deps).length ? intent : { kind: "overview" };
}

/**
 * An English message's questions, each in the policy's words (Opening a firm takes how many working days, and the notice for simple deregistration
 * lasts how long? → 几个工作日 企业开办 / 多久 公示 简易注销): a clause naming no topic (How long does it take?,
 * Two things:) goes with the question it follows, or the first when it leads. Null when it asks one thing (it is read whole).
 */
function englishParts(typed: string, deps: UnderstandDeps): string[] | null {
  const clauses = englishClauses(typed);
  if (clauses.length < 2) return null;
  const read = clauses.map((c) => fromTheEnd(readEnglishClause(c, deps.glossary, (zh) => departmentsIn(zh, deps.departmentNames), (run) => deps.soundsAlike.readSpelling(run)), deps.lastMeasure));
  const parts: string[] = [];
  let lead = "";
  for (const [i, r] of read.entries()) {
    // (Need to file before Dec 31., after the question: what led to it goes with it, like a clause of no topic.)
    if (topicWords(r, deps).length && !tellsOnly(clauses[i]!, typed)) parts.push([lead, r].filter(Boolean).join(" ")), (lead = "");
    else if (parts.length) parts[parts.length - 1] += ` ${r}`;
    else lead = [lead, r].filter(Boolean).join(" ");
  }
  return parts.length > 1 ? parts : null;
}

const SUM_OF_MONEY = /[块元钱万千百]/;

/**
 * Content words that name a topic: not stop words, process, question or subject words, nor a sum of money or a duration to
 * check that the policy does not use (那要花几千块吗, 真能两天办完 ask about what was just answered; the 一年 of 一年要交多少税
 * still sets a question apart), nor a count with no figure (规模大一点的厂子呢: 一点); one character only when the lexicon groups it (气 ~ 供气).
 */
export function topicWords(text: string, deps: TopicDeps): readonly string[] {
  let memo = topicMemos.get(deps);
  if (!memo) topicMemos.set(deps, (memo = new BoundedMemo(256)));
  return memo.get(text, (t) => readTopicWords(t, deps));
}

type TopicDeps = Pick<UnderstandDeps, "analyzer" | "inCorpus" | "lexiconTerms">;
// A message and its clauses are read for topic words by many readers, and again as the next message's history: once while recent.
const topicMemos = new WeakMap<TopicDeps, BoundedMemo<string, readonly string[]>>();

function readTopicWords(text: string, deps: TopicDeps): string[] {
  const known = (w: string) => deps.inCorpus(w) || deps.lexiconTerms.has(w);
  const checksDuration = figureAsked(text) === "duration";
  return contentWords(text, deps.analyzer, known).filter(
    (w) => (w.length > 1 || deps.lexiconTerms.has(w)) && !isGenericWord(w, deps) && !ASPECT_WORDS.has(w) && !SUBJECT_WORDS.has(w) && !(!known(w) && (isVagueQuantity(w) || (isQuantity(w) && (SUM_OF_MONEY.test(w) || checksDuration)))),
  );
}

function withFollowUp(u: Understood, followUp: FollowUp, deps: UnderstandDeps): Understood {
  switch (followUp.kind) {
    case "none":
      return u;
    case "pick":
      return { ...UNDERSTOOD_FIELDS, ...u, followUp, text: followUp.previous, parts: [followUp.previous], negatedSpans: negatedSpans(followUp.previous), restrictTo: [followUp.measure], picked: followUp.measure };
    case "aspect": {
      // 这几个当中哪个有市场监管局参与: what the message names picks one of them (their questions only a context);
      // 这俩分别归哪个部门管: each is a part, answered by its own measure.
      if (followUp.items) {
        const text = `${u.text}，${followUp.previous}`;
        // (Which one is asked by what the message names, 税务局, 网上办: their questions are its context, every one of them alike.)
        if (followUp.which && (topicWords(u.text, deps).length || departmentsIn(u.text, deps.departmentNames).length)) return { ...UNDERSTOOD_FIELDS, ...u, followUp, parts: [u.text], context: followUp.previous, restrictTo: followUp.measures };
        // (这两个都能网上办吗: what it names that the policy has, 网上办, is asked of each: each measure must hold it too.)
        const known = (w: string) => deps.inCorpus(w) || deps.lexiconTerms.has(w);
        const asksOwn = topicWords(u.text, deps).some(known);
        const parts = followUp.which ? [text] : followUp.items.map((i) => (asksOwn ? `${i.previous}，${u.text}` : i.previous));
        return { ...UNDERSTOOD_FIELDS, ...u, followUp, text, parts, negatedSpans: negatedSpans(text), restrictTo: followUp.measures };
      }
      // (这一套要不要花钱: the set pointed at is what was just asked, no 一套 of papers of its own.)
      const own = followUp.ownTopic ? u.text : u.text.replace(POINTED_SET, "");
      const text = own && !followUp.source ? `${own}，${followUp.previous}` : followUp.previous;
      const restrictTo = followUp.measures.length ? followUp.measures : undefined;
      // (是头一回 told, then 会直接开罚单吗: what the two say only together, a first offence fined, is implied too; and what the last
      // question implied alone, 开个小饭馆 → 开店, for 那要几天 to find in the measure it was answered from.)
      const impliedWithLast = impliedWords(text).filter((w) => !u.implied.includes(w));
      return { ...UNDERSTOOD_FIELDS, ...u, followUp, text, parts: [text], implied: [...u.implied, ...impliedWithLast], negatedSpans: negatedSpans(text), restrictTo, carried: followUp.previous, ...(followUp.ownTopic ? { alone: u } : {}) };
    }
    case "more": {
      // 融资方面还有其他措施吗: the message's own words, read with the last question; 还有呢: the last question again.
      // (其他业务也能这样吗: 这样 points at what was just asked, no words of the message's own.)
      const own = topicWords(followUp.rest.replace(/这样|这么|那样|同样|照样/g, "，"), deps).length > 0;
      const text = own ? followUp.rest : followUp.previous;
      // (还有什么制度 after 首席事务代表是哪条里的: where no other measure holds the topic, the others of that kind the measures just cited name.)
      // (Its words without 还有, 其他, read with the last question; the message alone, 还有其他服务吗, is no reading to fall back to.)
      const sameMeasures = followUp.kindHeld && !own ? { ...withFollowUp({ ...u, text: followUp.rest }, { kind: "aspect", previous: followUp.previous, measures: followUp.besides, ownTopic: true }, deps), alone: undefined } : undefined;
      return { ...UNDERSTOOD_FIELDS, ...u, followUp, text, parts: splitParts(text, (t) => topicWords(t, deps).length > 0), ...(own ? { context: followUp.previous } : {}), negatedSpans: negatedSpans(text), besides: followUp.besides, ...(sameMeasures ? { alone: sameMeasures } : {}) };
    }
    case "swap": {
      // 昌吉办执照要几天 → 那克拉玛依呢: the same question, asked of the place named instead.
      const placed = placeSwapped(followUp.previous, followUp.replacement);
      if (placed) return { ...UNDERSTOOD_FIELDS, ...u, followUp, text: placed, parts: [placed], implied: impliedWords(placed), negatedSpans: negatedSpans(placed) };
      const department = swapDepartment(followUp.previous, followUp.replacement, deps.departmentNames);
      if (department) return { ...UNDERSTOOD_FIELDS, ...u, followUp, text: department, parts: [department], intent: detectIntent(department, deps.departmentNames), negatedSpans: [] };
      // 跨省通办能办哪些事 → 伊犁、阿勒泰呢: places swapped into a cross-region question ask for it from there.
      const implied = impliedWords(followUp.replacement, CROSS_REGION.test(followUp.previous));
      // 那用气的要比这个慢几天 → 用气…比供水报装…: a comparison names two things, each a part.
      // (那自来水和暖气呢: the last question asked of each thing the swap joins, each a part.)
      const parts = eachJoined(splitParts(followUp.replacement, (t) => topicWords(t, deps).length > 0), deps);
      return { ...UNDERSTOOD_FIELDS, ...u, followUp, text: followUp.replacement, parts, context: followUp.previous, implied, negatedSpans: negatedSpans(followUp.replacement) };
    }
  }
}

// The whole of what was just asked, pointed at (这一套, 这一整套, 那一套流程): a count the policy uses elsewhere (共性材料只收取一套), not here.
const POINTED_SET = /(这|那)(一)?(整)?套/g;

// What joins the things a swap names (自来水和暖气, 刻章、开户).
const JOINED_THINGS = /和|跟|与|以及|及|还有|、/;

/** 自来水和暖气 → 自来水 / 暖气: a swap's one part naming things joined, each naming a topic, is a part for each. */
function eachJoined(parts: string[], deps: UnderstandDeps): string[] {
  if (parts.length !== 1) return parts;
  const things = parts[0]!.split(JOINED_THINGS).map((t) => t.trim()).filter(Boolean);
  return things.length > 1 && things.every((t) => topicWords(t, deps).length > 0) ? things : parts;
}

// Places a question may be asked of: the city's own names, and others'.
const PLACES = [...HOME_NAMES, ...OTHER_PLACES];
// What goes with a place named alone (在克拉玛依, 克拉玛依市, 伊犁那边, 换到乌鲁木齐的话).
const ABOUT_A_PLACE = /^(我们|咱们|俺们|咱|在|到|去|换到|换成|放在|搬到)+|(市|区|州|地区|那边|这边|那里|这里|的话|的)$/g;

/**
 * 昌吉办执照要几天 → 那克拉玛依呢: a swap naming only a place asks the last question of that place, in place of the one it named
 * (克拉玛依办执照要几天); of the city itself, a question that named no place is asked again as it was. Null for any other swap.
 */
function placeSwapped(previous: string, replacement: string): string | null {
  const to = namesIn(replacement, PLACES).sort((a, b) => b.length - a.length)[0];
  if (!to || replacement.replace(to, "").replace(ABOUT_A_PLACE, "").trim()) return null;
  // (北京的营业执照在克拉玛依能用吗 → 上海呢: the other place is what changes, the city stays where it is used.)
  const named = (places: readonly string[]) => namesIn(previous, places).filter((p) => p !== to).sort((a, b) => b.length - a.length)[0];
  const from = named(OTHER_PLACES) ?? (HOME_NAMES.includes(to) ? undefined : named(HOME_NAMES));
  if (from) return previous.split(from).join(to);
  return HOME_NAMES.includes(to) ? previous : null;
}

/** 市住建局管哪几条 → 那市财政局呢: the same department question about the new department. */
function swapDepartment(previous: string, replacement: string, names: Map<string, string>): string | null {
  if (detectIntent(previous, names).kind !== "department" || !departmentsIn(replacement, names).length) return null;
  const written = [...names.keys()].sort((a, b) => b.length - a.length).find((n) => previous.includes(n));
  return written ? previous.split(written).join(replacement.replace(/^在/, "")) : null;
}
