import { citationOf, measureKey, refOf, type Measure } from "../policy/measure.js";
import { CONFIDENT_COVERAGE } from "./assess.js";
import { creditOf, isTopic, match, MAX_WEIGHT, measureMatch, SYNONYM_CREDIT, type QuestionTerms, type QuestionWord } from "./evidence.js";
import { passagesOf } from "./extractive.js";
import { asksWhich, inOrderAsked, limitsStated, meets, rankingLimit, timeAsked } from "./durations.js";
import { asksOnly, timeAskedInEnglish } from "./durations-english.js";
import { asksWhetherFee, factListed, factsAsked, namesDuration, statedForOtherKind, statesFact, statesListed, tellsFact, type FactKind, type ListedFact } from "./facts.js";
import { askedApart, askingClauses, clauseAsks, COMPLAINT_IMPLIES, complaintSpans, namesABusiness, PROMISE_BROKEN_IMPLIES, SHARED_TAIL, storySpans, toldSpans } from "./question-text.js";
import type { Assessed, Candidate, Decision, Understood } from "./record.js";
import { unheldMatter } from "./unheld.js";
import { matchesOf } from "./matches.js";

// Between a message's clauses: its commas, stops, question and exclamation marks, semicolons, spaces.
const CLAUSE_BREAK = /[，,。？?！!；;\s]+/;

// Thresholds on coverage: the weighted share of the question's content words a measure contains.
const MIN_COVERAGE = 0.22;
const CO_CITE_COVERAGE = 0.6; // a second measure is cited only if it covers the question nearly as well
const CO_CITE_RATIO = 0.95;
const PART_MIN_COVERAGE = 0.4; // each part of a several-part question must be answered by its own measure this well
const PART_FIGURE_BONUS = 0.1; // a part's measure stating the figure it asks (a duration for its 几天), as assess's FIGURE_BONUS for the whole
const PART_TIE = 0.05; // a part's measure this close behind its best answers it when the best answers another part better
const PART_WITH_STORY_COVERAGE = 0.3; // the part answered beside one the policy does not state (partlyAnswered)
const RELATED_MIN_COVERAGE = 0.25;
const RANK_WEIGHT = 0.1;
const MAX_CITED = 3;
const CLOSE_SCORE = 0.04; // candidates this close to the best are alternatives, not runners-up
const MAX_CHOICES = 3;
const THING_MIN_WEIGHT = 5; // a named thing this specific, missing from every close measure, makes the match doubtful
const MAX_PARTS = 5;
const TOPIC_LEAD = 1.35; // a close measure whose topic evidence is this much above every other's needs no clarify
const MAX_FOREIGN_TOPICS = 4; // a question of this many topic words at most is short enough that each is what it asks

/** Stage 4 for messages that need no search: small talk, a person, measure numbers, department listings. */
export function decideIntent(u: Understood): Decision | null {
  const intent = u.intent;
  switch (intent.kind) {
    case "empty":
      return handoff("unclear", "empty", "the message is empty");
    case "unclear":
      return handoff("unclear", "unclear", "no letters or digits");
    case "smalltalk":
      return { kind: "smalltalk", topic: intent.topic };
    case "human":
      return handoff("asked-for-person", "asked-for-person", "asks for a person");
    case "injection":
      return handoff("out-of-scope", "injection", "an instruction aimed at the bot");
    case "not-a-measure-number":
      return handoff("unclear", "not-a-measure-number", `${intent.written} is not a measure number`);
    case "measure-number":
      return { kind: "measures", numbers: intent.numbers };
    case "department":
      return { kind: "department", departments: intent.departments };
    case "overview":
      return { kind: "overview" };
    case "question":
      return null;
  }
}

// 这个政策现在还有效吗, 2022年的措施到现在还算数不, 这些规定过期了没: whether the policy itself still holds (its text gives no term;
// 有效 is no 有效监管 of 第27条).
const POLICY_STILL_HOLDS = /(政策|措施|文件|规定|42条|42项|四十二条)(现在|目前|如今|至今|今年|到现在|到今天|到今年)?(是不是|是否)?(已经|已)?都?(还有效|仍然?有效|依然有效|有效吗|有效不|有效么|是否有效|有没有效|还管用|管用吗|过期|失效|作废|废止|到期|还算数|算数吗|算数不|还执行|还在执行)/;

/**
 * Stage 4 for questions: answer from the best measures, ask back, or hand off — and why.
 * @param catalogue the measures of the document the question means, in number order: a list asked by a kind of fact is drawn from all of them
 * (asked for only then: a copy of every measure is no cost to pay on each question).
 */
export function decide(a: Assessed, catalogue: () => readonly Measure[]): Decision {
  const related = a.candidates.filter((c) => c.match.coverage >= RELATED_MIN_COVERAGE).slice(0, 2).map((c) => citationOf(c.measure));
  if (a.scope) return handoff("out-of-scope", "out-of-scope", `out of scope: ${a.scope}`, related, { scope: a.scope });
  const timed = measuresByTime(a, catalogue);
  if (timed) return timed;
  const stating = measuresStating(a, catalogue);
  if (stating) return stating;
  if (POLICY_STILL_HOLDS.test(a.text)) return handoff("fact-missing", "fact-missing", "asks whether the policy itself still holds; it gives no term", [], { missing: ["validity"] });
  const unheld = unheldMatter(a.text, a.followUp.kind === "aspect" ? a.question : undefined);
  if (unheld) return handoff("not-in-policy", "not-in-policy", `asks about ${unheld}, which no measure treats`, related);
  if (!a.hasTopic) return measuresNamingWho(a) ?? overallCut(a, catalogue) ?? handoff("unclear", "no-topic", "no topic word, only process or question words", related);
  const forGroup = aidForGroup(a, catalogue);
  if (forGroup) return handoff("not-in-policy", "not-in-policy", `asks for ${forGroup}; no passage of the policy sets money aside for that group`, related);
  // (Held well by a measure, 开公司刻公章要到公安那边审批吗 is 第1条's 公章刻制 whoever stamps it.)
  const othersPermit = (a.candidates[0]?.match.coverage ?? 0) < CONFIDENT_COVERAGE ? permitOfOtherAuthority(a.text, catalogue) : undefined;
  if (othersPermit) return handoff("not-in-policy", "not-in-policy", `asks for ${othersPermit}, an authority the policy never names`, related);
  const best = a.candidates[0];
  // (接电、接气、接水，这三项分别多少天: each part answered by a measure of its own, the whole is spread over them: no measure covers much of it.)
  const perPart = partAnswers(a);
  const everyPart = perPart.length > 1 && perPart.length === a.partTerms.length;
  if (best && best.match.coverage < MIN_COVERAGE && !everyPart && a.factsAsked.length) {
    // 自来水公司的联系电话是多少: too little in common to answer, but enough to say the related measures hold no phone number.
    const topical = a.candidates.filter((c) => c.match.topic > 0).slice(0, 2);
    const missing = missingFacts(a.factsAsked, a.terms, a.text, topical, a.question);
    if (topical.length && missing.length) {
      return handoff("fact-missing", "fact-missing", `asks for ${missing.join(", ")}; the measures it touches do not state it`, topical.map((c) => citationOf(c.measure)), { missing });
    }
  }
  if (!best || (best.match.coverage < MIN_COVERAGE && !everyPart)) {
    return handoff("not-in-policy", "not-in-policy", `best coverage ${best ? best.match.coverage.toFixed(2) : "none"} < ${MIN_COVERAGE}`, related);
  }
  const listed = measuresListed(a, best);
  if (listed) return listed;
  const elsewhere = perPart.length < 2 ? foreignTopic(a, best) : undefined;
  if (elsewhere) {
    return handoff("not-in-policy", "not-in-policy", `the topic ${elsewhere.map((w) => w.word).join(" ")} is not in the policy; 第${best.measure.number}条 shares only lighter words`, [citationOf(best.measure)]);
  }
  const matter = perPart.length < 2 ? complaintAboutForeignMatter(a, best) : undefined;
  if (matter) return handoff("not-in-policy", "not-in-policy", `a complaint about ${matter.map((w) => w.word).join(" ")}, which the policy never names; 第${best.measure.number}条 holds only the complaint`, [citationOf(best.measure)]);
  const channel = perPart.length < 2 ? mattersOwnChannel(a) : undefined;
  if (channel && channel !== best && !missingFacts(a.factsAsked, a.terms, a.text, [channel], a.question).length) {
    return { kind: "answer", cited: [channel], why: `a complaint about a matter 第${channel.measure.number}条 itself speaks of complaints about` };
  }
  const kind = perPart.length < 2 ? unnamedKind(a, best) : undefined;
  if (kind) return handoff("not-in-policy", "not-in-policy", `${kind} is a kind the policy never names; 第${best.measure.number}条 holds only the general term`, [citationOf(best.measure)]);
  // (厂房抵押登记两天办完，那银行放款还要几天: the best holds only what was told; the asking clause is another measure's, asked a fact it may not state.)
  // (Unless the told clause's measure answers beside the asking one's, both close: askedOfAnother in clarifyBetween.)
  const closeOthers = closeTo(a, best).filter((c) => c !== best);
  const askedElsewhere = perPart.length < 2 && !askedOfAnother(a, best, closeOthers) ? holdersOfAskingOnly(a, best) : [];
  if (askedElsewhere.length) {
    const unstated = missingFacts(a.factsAsked, a.terms, a.text, askedElsewhere, a.question);
    if (unstated.length) return handoff("fact-missing", "fact-missing", `the asking clause is 第${askedElsewhere[0]!.measure.number}条's, which does not state ${unstated.join(", ")}; 第${best.measure.number}条 holds only what was told`, askedElsewhere.map((c) => citationOf(c.measure)), { missing: unstated });
    return { kind: "clarify", options: [...askedElsewhere, best].slice(0, MAX_CHOICES), why: `第${best.measure.number}条 holds only the told clause; the asking clause is another's` };
  }
  if (perPart.length < 2) {
    // A fact none of the close measures states (收费标准): choosing among them would not answer it.
    const close = a.candidates.filter((c) => c.match.topic > 0 && best.score - c.score <= CLOSE_SCORE).slice(0, MAX_CHOICES);
    const unstated = missingFacts(a.factsAsked, a.terms, a.text, close, a.question);
    // (Another part of the message that asks it no more, 燃气报装多少天？营业厅在哪, is still answered: partlyAnswered.)
    if (unstated.length && close.length > 1) {
      return partlyAnswered(a, [best], unstated) ?? handoff("fact-missing", "fact-missing", `asks for ${unstated.join(", ")}, which none of the close measures states`, close.map((c) => citationOf(c.measure)), { missing: unstated });
    }
    const ask = clarifyBetween(a, best);
    if (ask) return ask;
  }
  // (企业开办一件事办理包括哪些环节: 第41条 leads only by the generic 办理; the subject named heads 第1条's title.)
  const lead = perPart.length < 2 ? (titledBySubject(a, closeTo(a, best)) ?? best) : best;
  const cited = perPart.length > 1 ? perPart : statersFirst(a, [...new Set([lead, ...itemsOwnMeasures(a, lead), ...coCited(a.candidates, best)])].slice(0, MAX_CITED));
  const missing = missingFacts(a.factsAsked, a.terms, a.text, cited, a.question);
  if (missing.length) return partlyAnswered(a, cited, missing) ?? handoff("fact-missing", "fact-missing", `asks for ${missing.join(", ")}, which the cited measures do not state`, related, { missing });
  const why = perPart.length > 1 ? `${perPart.length} parts, each answered by its best measure` : `best coverage ${best.match.coverage.toFixed(2)}`;
  return { kind: "answer", cited, why };
}

// Where a shop is asked (刻章的店在哪, 哪家打印店, 哪里有复印的地方): a shop's own prices are no measure's either.
const SHOP_SOUGHT = /(店|铺|铺子|门市|商店|超市|摊位|(刻章|刻字|打印|复印|印刷)的?(地方|点))(的)?(地址|位置)?(具体)?(在哪|在什么地方|在啥地方|怎么走|咋走)|(哪家|哪一家)[^，。？?]{0,4}(店|铺)|(哪里|哪儿|哪)(有|能找到)[^，。？?]{0,10}?(店|铺|门市|(刻章|刻字|打印|复印|印刷)的?(地方|点))/;

// What joins an item to the next of a list (A跟B, A和B, A、B).
const LIST_JOINS = ["跟", "和", "与", "及", "同", "、"];

/**
 * 开公司几天？另外市场监管局电话多少: one part the policy answers, another asks a fact it does not state. The
 * answerable parts are answered, and the reply says what the policy does not state (a person on request).
 */
function partlyAnswered(a: Assessed, cited: Candidate[], missing: FactKind[]): Decision | null {
  if (missing.every((k) => k === "rationale") && asksBesides(a.text, missing)) return { kind: "answer", cited, why: "the question asks more than why; the policy does not state why", unstated: missing };
  if (a.parts.length < 2) return clausesPartlyAnswered(a, cited, missing);
  if (a.partTerms.length !== a.parts.length) return null;
  // (打场用电跟夜市用电电价一样不: an item joined to the next, asking nothing itself, is asked what that part asks.)
  const listedWithNext = (i: number) => i + 1 < a.parts.length && !clauseAsks(a.parts[i]!) && LIST_JOINS.some((j) => a.text.includes(a.parts[i]! + j));
  // (那个刻章的店在哪，刻一个多少钱: how much, asked beside where a shop is, is that shop's price; 刻章要钱吗 still asks the policy's 零成本.)
  const shopsPrice = (i: number) => missing.includes("address") && SHOP_SOUGHT.test(a.text) && factsAsked(a.parts[i]!).includes("fee") && !asksWhetherFee(a.parts[i]!);
  const asksMissing = (i: number): boolean => factsAsked(a.parts[i]!).some((k) => missing.includes(k)) || shopsPrice(i) || (listedWithNext(i) && asksMissing(i + 1));
  const free = a.parts.map((_, i) => (asksMissing(i) ? -1 : i)).filter((i) => i >= 0);
  if (!free.length || free.length === a.parts.length) return null;
  // (公司年度报告截止到几月几号，过了会不会罚: a clause going on from a thing no measure holds asks of that thing, not of what a measure says
  // alone. 夜市临时用电报装要几天，电价一度多少钱: a question answered before it is its own.)
  const holdsNothing = (i: number) => !a.candidates.some((c) => c.parts[i]!.topic > 0);
  const goesOnFromUnheld = (i: number) => a.parts.some((_, j) => j < i && asksMissing(j) && holdsNothing(j));
  if (free.some(goesOnFromUnheld) && !askedApart(a.text, a.parts)) return null;
  // (A part with a story around its question, 做火锅要用大灶，门面燃气报装要几天, is answered a little more loosely.)
  const answers = (c: Candidate, i: number) => c.parts[i]!.topic > 0 && c.parts[i]!.coverage >= PART_WITH_STORY_COVERAGE;
  // (跨区域通办能办多少事项？昌吉的政务大厅几点下班: 第36条 leads the whole on the other part's 政务大厅; the part answered is 第40条's, which holds it best.)
  const ranked = [...cited, ...a.candidates.filter((c) => !cited.includes(c))];
  const bestFor = (i: number) => ranked.filter((c) => answers(c, i)).sort((x, y) => y.parts[i]!.coverage - x.parts[i]!.coverage)[0];
  const kept = [...new Set(free.map(bestFor).filter((c): c is Candidate => !!c))];
  if (!kept.length) return null;
  // (采购代理机构名录怎么进，要交年费吗: two measures hold the answered part alike and thinly, 政府采购 in each; picking one would be a guess,
  // and alone the part is asked back. A part one measure holds best, or several hold fully, is answered beside the unstated fact.)
  // (商铺燃气报装多少天 beside 营业厅在哪: 第14条 leads the whole question, the other 报装 measures hold the part a little less: no tie.)
  const tied = free.some((i) => {
    const holder = kept.filter((c) => c.parts[i]!.topic > 0).sort((x, y) => y.parts[i]!.coverage - x.parts[i]!.coverage)[0];
    if (!holder) return false;
    const best = holder.parts[i]!.coverage;
    return best < CONFIDENT_COVERAGE && a.candidates.some((c) => c !== holder && c.parts[i]!.topic > 0 && best - c.parts[i]!.coverage <= CLOSE_SCORE && Math.abs(holder.score - c.score) <= CLOSE_SCORE);
  });
  if (tied) return null;
  return { kind: "answer", cited: kept, why: `parts ${free.map((i) => i + 1).join(", ")} answered; the policy does not state ${missing.join(", ")}`, unstated: missing };
}

// How many of a thing counted (多少项, 几类): a count, which a measure states as a figure of that unit.
const COUNT_ASKED = /(多少|几)(项|类|种|件|个事项)/;
// Where to turn or who handles it (去哪维权, 找谁, 哪个部门管): what a measure naming its body and departments answers.
const ASKS_WHERE_OR_WHO = /(去|到|往|找|向|在)(哪|哪里|哪儿)|找谁|谁(管|负责|处理|办)|(哪个|哪些|哪家|什么|啥)(部门|单位|机构|地方)/;

/**
 * 商标被人仿了，去哪维权，要多久: one topic, asked two things in clauses of their own; the measure held well answers where to turn
 * (its body and departments), and the clause asking what it lacks is said to be unstated. Null when every asking clause asks what it lacks.
 */
function clausesPartlyAnswered(a: Assessed, cited: Candidate[], missing: FactKind[]): Decision | null {
  const best = cited[0];
  if (!best || best.match.coverage < CONFIDENT_COVERAGE) return null;
  // (Of a follow-up, only what is typed now: 电话多少 after 招投标有异议找谁 asks no where-to-turn again.)
  const clauses = (a.followUp.kind === "none" ? a.text : a.question).split(CLAUSE_BREAK).filter(clauseAsks);
  const asksMissing = (c: string) => factsAsked(c).some((k) => missing.includes(k));
  // (Where to turn or who; or a fact the measure held well states outright, 供气报装几天 beside 电话多少, of a topic the clause names as the
  // measure words it. A clause asking another fact with no topic of its own, 几天能办好 beside 多少钱, or of one the measure holds only in
  // other words, 营业执照 in 第37条's 证照, may be met by a passing figure; the whole is handed off as before.)
  const namesHeldTopic = (c: string) => a.terms.words.some((w) => isTopic(w) && c.includes(w.word) && creditIn(best, w.word) >= 1);
  const statesItself = (c: string) => factsAsked(c).length > 0 && namesHeldTopic(c) && !missingFacts(factsAsked(c), a.terms, a.text, [best], a.question).length;
  // (跨省通办要做到多少项 beside 有没有说哪年完成: how many of what the measure counts, 100项以上, is stated too.)
  const countStated = (c: string) => {
    const counted = COUNT_ASKED.exec(c);
    return !!counted && namesHeldTopic(c) && new RegExp(`\\d+${counted[2]}`).test(best.measure.text);
  };
  const answered = clauses.filter((c) => !asksMissing(c) && ((!factsAsked(c).length && (ASKS_WHERE_OR_WHO.test(c) || countStated(c))) || statesItself(c)));
  if (!answered.length || !clauses.some(asksMissing)) return null;
  return { kind: "answer", cited: [best], why: `clause ${answered.join(" ")} answered; the policy does not state ${missing.join(", ")}`, unstated: missing };
}

// 跟贷款有关的是哪几条, 哪些措施提到了老年人: the measures on a topic, asked for as a list.
// (列一下条目, 都用在哪些事上, 42条里有哪些…, 这块总体上都讲了些啥: the measures asked for as a list too.)
// (报装类的措施包括哪些, 讲信用的条款都有哪几条: the list asked after naming the measures.)
// (文件里凡是写了年内完成的有哪几件事: the things the document sets to do, and whatever it says so of, are its measures; 有些啥子措施
// asks them in the plural, in dialect too.)
const ASKS_WHICH_MEASURES = /(哪几|哪些)(条|项|个措施|措施|条款)(?!件)|(措施|条款|条目)(都|一共|总共|具体|主要)?(有|包括|包含|是)(哪些|哪几)|(哪几|哪些)[^，。？?]{0,6}(措施|条款)|(列|列出|列举|罗列)(一下|下|个|出来)?[^，。？?]{0,4}(条目|条款|措施)|(用|用到|用在|适用|适用于|适用到)(在|于|到)?(哪些|哪几)(个|项|类)?(事|事项|地方|方面|领域|环节|业务)|(\d+|四十二)(条|项)(措施)?(里|中|当中|里面|里头|之中)[^，。？?]{0,4}(哪些|哪几)|(条目|条款|措施)[^，。？?]{0,4}(都|全部|全)?(列|列出|列举|罗列)(一下|下|出来)|(总体上?|总的来说|整体上?|大体上?)[^，。？?]{0,4}都?(讲|说|规定|写)了?(些|哪些)?(啥|什么|哪些)|都(讲|说|规定|写)了(些|哪些)(啥|什么|内容)|(文件|措施|政策)(里|中|里面|里头|当中|上)[^。？?]{0,24}(哪几|哪些)(件|个)?(事|事情|任务|工作)|凡是[^。？?]{0,4}(写|提|讲|说|规定|要求|涉及)[^。？?]{1,20}(哪几|哪些)|(有|是)(哪)?些(什么|啥子|啥)(措施|条款)/;
const LISTED_SHARE = 0.9; // a measure listed holds the topic nearly as fully as the best
export const MAX_LISTED = 6;
// A limit's unit asked as how things are counted (按工作日算的, 以小时计).
const COUNTED_IN = /(按|以|用)(工作日|小时)(计算|算|计)/;
// Which measure, or what it is, that a figure belongs to (哪条说…, …的是什么业务, …是哪一项, …说的是啥).
const ASKS_WHOSE_FIGURE = /哪[一]?[条项款个]|哪些|(是|说|讲|指)的?(是)?(什么|啥|哪)/;

/** Which measures hold a topic (or which others do, asked for more): every one holding it about as fully as the best, in order, not a choice between them. */
function measuresListed(a: Assessed, best: Candidate): Decision | null {
  // (Asked for more in several parts, 水、气、暖都说说, each part has its own best.)
  if (!ASKS_WHICH_MEASURES.test(a.text) && !(a.besides?.length && a.partTerms.length < 2)) return null;
  const holding = a.candidates.filter((c) => c.match.topic > 0 && c.match.coverage >= Math.max(MIN_COVERAGE, LISTED_SHARE * best.match.coverage)).slice(0, MAX_LISTED);
  if (holding.length < 2) return null;
  return { kind: "answer", cited: holding, why: `asks which measures: ${holding.length} hold its topic about as fully as the best` };
}

// How a measure holds a fact (设定了…目标, 规定的指标, 以百分比的形式), or the list is asked for (帮我梳理一下): no topic beside the fact.
const SETS_A_FACT = /^(条目|条款|设定|设置|规定|提出|明确|给出|写明|形式|目标|指标|要求|梳理|整理|归纳|汇总)$/;

/**
 * 哪几条写明了免费, 有具体天数的是哪几条, 哪几条给了截止日期: asked for the measures by a kind of fact they state, not by
 * a topic, every measure stating it is listed, in number order (the first MAX_LISTED quoted, the reply names the rest).
 */
function measuresStating(a: Assessed, catalogue: () => readonly Measure[]): Decision | null {
  // (After such a list, 那截止日期呢 asks the same of another fact.)
  const listedBefore = a.followUp.kind === "swap" && !!a.context && ASKS_WHICH_MEASURES.test(a.context) && !!factListed(a.context);
  // (有哪些是按小时算的: which things, asked by the unit their limit is counted in, are the measures stating it so.)
  const asksList = listedBefore || ASKS_WHICH_MEASURES.test(a.text) || (COUNTED_IN.test(a.text) && asksWhich(a.text));
  // (一小时内办结的是什么业务, 哪条说两个工作日办完: one duration named, asked whose it is, lists the measures stating it; so does
  // 那14天的呢 after it. Most questions name none: the fact is read only where one is named.)
  const mayLookUp = !asksList && namesDuration(a.text) && (ASKS_WHOSE_FIGURE.test(a.text) || (a.followUp.kind === "swap" && !!a.context && ASKS_WHOSE_FIGURE.test(a.context) && !!factListed(a.context)?.value));
  if (!asksList && !mayLookUp) return null;
  const named = factListed(a.text);
  if (!named || (!asksList && !named.value)) return null;
  // What they must contain is the fact alone: beside a topic or a who (开公司的哪几条写了时限, 收费标准要公开的是哪几条) the list is the topic's, as before.
  const ofFact = (w: QuestionWord) => named.said.some((s) => s.includes(w.word) || w.word.includes(s));
  // (A bare number, 42条里, counts the measures or gives a figure: no topic of a list; nor what a measure does with the fact,
  // 哪几条定了按比例算的指标.)
  if (a.terms.words.some((w) => !w.context && (isTopic(w) || w.subject) && !ofFact(w) && !/^\d+$/.test(w.word) && !SETS_A_FACT.test(w.word))) return null;
  // Among the measures a reading is restricted to (a follow-up about the last answer), else the document's.
  const pool = a.restrictTo ? a.candidates.map((c) => c.measure).sort((x, y) => x.number - y.number) : catalogue();
  const stating = (test: (p: string) => boolean) => pool.filter((m) => passagesOf(m).some(test));
  // (A deadline in words no measure uses, 年底前, asks for the measures dating what they do.)
  const { phrase, ...ofKind } = named;
  const fact: ListedFact = phrase && !stating((p) => statesListed(named, p)).length ? ofKind : named;
  const all = stating((p) => statesListed(fact, p));
  const what = [fact.kind, fact.figure && `with a ${fact.figure}`, fact.unit && `in ${fact.unit}`, fact.phrase && `as ${fact.phrase}`].filter(Boolean).join(" ");
  if (!all.length) {
    // (None in the unit asked while others state the kind: not what the policy lacks; answered as before. A duration no measure
    // states, 3天办完的是哪条, is what the policy lacks.)
    if (!fact.value && stating((p) => statesFact(fact.kind, p)).length) return null;
    if (fact.value) return handoff("not-in-policy", "not-in-policy", `asks which measures state ${what} of ${fact.value.said}; none does`);
    return handoff("fact-missing", "fact-missing", `asks which measures state ${what}; none does`, [], { missing: [fact.kind] });
  }
  // 还有别的吗 after such a list: the measures after those just given, or none more.
  const given = a.besides?.length ? all.filter((m) => a.besides!.some((ref) => ref.number === m.number && (!ref.doc || ref.doc === m.doc))) : [];
  const after = given.length ? all.slice(all.indexOf(given.at(-1)!) + 1) : all;
  if (!after.length) return handoff("not-in-policy", "not-in-policy", `asks for more measures stating ${what}; the last of ${all.length} was given`);
  const cited = after.slice(0, MAX_LISTED).map((m) => candidateFor(a, m));
  const why = given.length ? `asks for more measures stating ${what}: ${after.length} of ${all.length} after those given` : `asks which measures state ${what}: ${all.length} do`;
  return { kind: "answer", cited, why, stating: { fact, measures: all } };
}

/** A measure drawn from the whole document as its candidate, when the search found it, else read against the question anew. */
const candidateFor = (a: Assessed, m: Measure): Candidate =>
  a.candidates.find((c) => measureKey(refOf(c.measure)) === measureKey(refOf(m))) ?? { measure: m, match: measureMatch(a.terms, m), parts: [], statesFigure: false, rank: 0, score: 0 };

// Words of how long a thing takes (时限, 承诺时间, 速度): what is ranked or bounded, no topic narrowing the measures.
const OF_TIME_WORD = /^(时限|时间|时长|周期|期限|天数|用时|速度|效率|承诺|办理|办结|办完|办好|完成|审批|业务|事项|所有|全部)$/;
const COUNT_OF_ITEMS = /^[\d一二两三四五六七八九十几]+(项|条|个|件|样|种|类)$/;
const LATIN = /[A-Za-z]/; // an English word left unread by the glossary
const RANKED_CITED = 3; // over the whole document, the first few of the ranking are quoted; the reply names the rest in order

/**
 * 最慢的呢, 那两天以内的呢 right after 所有业务里哪个办得最快: another order or bound asked of the same things, the question before
 * asking which of them (施工许可最快多少天 before asks one thing's time: its follow-up is no ranking).
 */
function rankedAgain(a: Assessed) {
  const before = a.followUp.kind === "aspect" || a.followUp.kind === "swap" ? a.followUp.previous : undefined;
  if (!before || !asksWhich(before) || !timeAsked(before)) return undefined;
  return timeAsked(a.question, true);
}

/**
 * 哪个办得最快, 报装里哪个最慢, 两天以内能办完的有哪些, 超过10个工作日的有哪些: the time limits the measures state (those on the topic
 * named beside, else the whole document's), ranked or bounded. The policy's own figures: no opinion, and no guess of one thing's time.
 */
function measuresByTime(a: Assessed, catalogue: () => readonly Measure[]): Decision | null {
  const again = rankedAgain(a);
  // (An English question is read as written: its Chinese reading holds only the policy's words. Its reader asks which itself.)
  const english = a.language === "en" && !a.inEnglish;
  const asked = again ?? (a.followUp.kind !== "none" ? undefined : english ? timeAskedInEnglish(a.question) : timeAsked(a.text));
  // (A follow-up reads with what came before: 那抵押呢 after 过户最快多久 asks one thing's time. 施工许可最快多少天, no which asked: one thing's time.)
  if (!asked) return null;
  const ranking = asked.order === "shortest" || asked.order === "longest";
  if (ranking && !again && !english && !asksWhich(a.text)) return null;
  // (最慢的三项: how many of the ranking are asked, no topic.)
  const words = a.terms.words.filter((w) => !w.negated && !OF_TIME_WORD.test(w.word) && !COUNT_OF_ITEMS.test(w.word) && !asked.said.includes(w.word) && !(english && asksOnly(w.word)));
  const own = words.filter(isTopic);
  // (A follow-up naming nothing of its own, 两天以内的呢 after 报装里哪个最快, asks it of what the question before named.)
  const named = own.length || !again ? own : words.filter((w) => w.context && isTopic({ ...w, context: false }));
  // (Which utility hookup is the slowest: water, gas…: an English word the glossary cannot read, beside things it read, tells of them.)
  const read = english ? named.filter((w) => !LATIN.test(w.word)) : named;
  const topic = read.length ? read : named;
  // Things named apart (供水和供暖哪个快, 水电气暖哪个最慢) each by its own measure; one thing named, every measure holding it (报装类的哪个最慢);
  // nothing named, the whole document.
  const perPart = partAnswers(a);
  if (a.partTerms.length > 1 && perPart.length !== a.partTerms.length) return null;
  // (English is not split into parts: the water connection or the gas connection names two things apart, each its own measure.)
  const each = english && a.partTerms.length < 2 && topic.length > 1 ? topic.map((w) => a.candidates.find((c) => creditIn(c, w.word) >= SYNONYM_CREDIT)?.measure) : [];
  const apart = each.length && each.every(Boolean) ? (each as Measure[]) : undefined;
  const pool = a.partTerms.length > 1 ? perPart.map((c) => c.measure) : (apart ?? (topic.length ? a.candidates.filter((c) => topic.every((w) => creditIn(c, w.word) >= SYNONYM_CREDIT)).map((c) => c.measure) : catalogue()));
  const placed = [...new Set(pool)].flatMap((measure) => {
    const limit = ranking ? rankingLimit(asked, passagesOf(measure)) : passagesOf(measure).flatMap(limitsStated).find((t) => meets(asked, t));
    return limit ? [{ measure, limit }] : [];
  });
  // (半小时以内能办完的有哪些: no limit of the document meets it, which the policy lacks. 抵押和一般登记哪个快: one measure's limits
  // compared, it answers as any question.)
  if (!placed.length && !ranking && !topic.length && a.partTerms.length < 2) return handoff("not-in-policy", "not-in-policy", `asks which measures state a limit ${asked.said}; none does`);
  if (!placed.length || (ranking && placed.length < 2)) return null;
  if (ranking) placed.sort((x, y) => inOrderAsked(asked)(x.limit, y.limit) || x.measure.number - y.measure.number);
  else placed.sort((x, y) => x.measure.number - y.measure.number);
  const ofThings = topic.length > 0 || a.partTerms.length > 1;
  const cited = placed.slice(0, ranking && !ofThings ? RANKED_CITED : MAX_LISTED).map(({ measure }) => candidateFor(a, measure));
  return { kind: "answer", cited, why: `asks ${asked.order} ${asked.said}: ${placed.length} measures${ofThings ? " of those asked about" : ""} state such a limit`, timed: { asked, measures: placed } };
}

// 办理时限是不是要缩减一半, 审批时间整体压缩多少: time limits cut, no matter named; the cut overall is the one a measure gives as a share.
const CUT_ASKED = /(时限|时间|时长|用时)[^，。？?]{0,6}(缩减|压缩|缩短|减少|降低|减)/;
const CUT_BY_SHARE = /(时限|时间)[^，。；;]{0,12}(缩减|压缩|缩短|减少|降低)[^，。；;]{0,4}\d+(\.\d+)?%/;

function overallCut(a: Assessed, catalogue: () => readonly Measure[]): Decision | null {
  if (!CUT_ASKED.test(a.text)) return null;
  const cutting = catalogue().filter((m) => passagesOf(m).some((p) => CUT_BY_SHARE.test(p)));
  if (cutting.length !== 1) return null;
  return { kind: "answer", cited: [candidateFor(a, cutting[0]!)], why: `asks how much time limits are cut, no matter named: 第${cutting[0]!.number}条 gives the cut overall as a share` };
}

// 哪条提到了上市股份有限公司, 说到个体户的是哪一条: which measure mentions a thing, one or several.
const MENTION_LOOKUP = /(哪|第几)[一几]?[条项款][^，,。？?]{0,4}(提到|提及|说到|讲到|写到|写了|涉及|出现|有)|(提到|提及|说到|讲到|写到|涉及|出现)[^，,。？?]{1,20}(是|在)(哪|第几)/;

/** 哪几条提到了中小企业, 哪条提到了上市股份有限公司: the measures naming who the question names (a subject, no topic), each naming it as written. */
function measuresNamingWho(a: Assessed): Decision | null {
  if (!ASKS_WHICH_MEASURES.test(a.text) && !MENTION_LOOKUP.test(a.text)) return null;
  const who = a.terms.words.filter((w) => w.subject && !w.context && !w.negated);
  if (!who.length) return null;
  // As written; else in the policy's own word for it (个体户: 个体工商户).
  const namingAt = (credit: number) => a.candidates.filter((c) => who.every((w) => creditIn(c, w.word) >= credit)).slice(0, MAX_LISTED);
  const naming = namingAt(1).length ? namingAt(1) : namingAt(SYNONYM_CREDIT);
  return naming.length ? { kind: "answer", cited: naming, why: `asks which measures name ${who.map((w) => w.word).join(" ")}: ${naming.length} do` } : null;
}

/** 为啥要强调严禁“明进暗不进”？这说的是什么现象？: another sentence asks what the measure says, beside why. */
function asksBesides(text: string, missing: FactKind[]): boolean {
  const sentences = text.split(/[？?]/).map((s) => s.trim()).filter(Boolean);
  return sentences.length > 1 && sentences.some((s) => !factsAsked(s).some((k) => missing.includes(k)));
}

/** The asker chose the measure (a clarify choice, 第二个呢): answer from it, unless it does not state the fact asked. */
export function decideFrom(a: Assessed): Decision {
  const chosen = a.candidates[0];
  if (!chosen) return handoff("not-in-policy", "not-in-policy", "the chosen measure does not exist");
  const missing = missingFacts(a.factsAsked, a.terms, a.text, [chosen], a.question);
  if (missing.length) return handoff("fact-missing", "fact-missing", `asks for ${missing.join(", ")}, which 第${chosen.measure.number}条 does not state`, [citationOf(chosen.measure)], { missing });
  return { kind: "answer", cited: [chosen], why: `the asker chose 第${chosen.measure.number}条` };
}

/** A question of several parts: the best measure for each part, in the question's order (one measure answering two parts is cited once). */
function partAnswers(a: Assessed): Candidate[] {
  if (a.partTerms.length < 2) return [];
  // Asked 几天, a measure stating a duration about the part answers it better than one that does not (as for the whole question).
  const fit = (c: Candidate, i: number) => c.parts[i]!.coverage + (c.partFigures?.[i] ? PART_FIGURE_BONUS : 0);
  const scoreIn = (c: Candidate, i: number) => fit(c, i) + RANK_WEIGHT * c.rank;
  const ranked = a.partTerms.map((_, i) =>
    a.candidates.filter((c) => c.parts[i]!.topic > 0 && fit(c, i) >= PART_MIN_COVERAGE && !foreignToPart(a, c, i)).sort((x, y) => scoreIn(y, i) - scoreIn(x, i)),
  );
  // (…厂子是大中型企业、10千伏单电源，供暖报装和接电报装分别几天: the scene's 供电 words lift 第11条 in the 暖气 part nearly level with 第13条,
  // which holds more of its topic; 第11条 answers the other part better, so this part takes the measure close behind.)
  const otherPartsBetter = (c: Candidate, i: number) => ranked.some((r, j) => j !== i && r[0] === c && fit(c, j) > fit(c, i));
  const askedOfEach = SHARED_TAIL.test(a.text);
  const sharedBest = (c: Candidate, i: number) => ranked.some((r, j) => j !== i && r[0] === c);
  const titleHolds = (c: Candidate, i: number) => match(a.partTerms[i]!, c.measure.title).topic;
  const cited: Candidate[] = [];
  ranked.forEach((r, i) => {
    const first = r[0];
    // (Only one holding more of the part's topic than the best: two holding it alike, 著作权 in 第19条 and 第26条, the best answers both parts.)
    const instead = first && otherPartsBetter(first, i) ? r.find((c, n) => n > 0 && scoreIn(first, i) - scoreIn(c, i) <= PART_TIE && c.parts[i]!.topic > first.parts[i]!.topic) : undefined;
    // (双随机抽查和信用风险分类监管分别是谁牵头: 第32条 tops both parts, telling of 双随机 in passing; 第31条, close behind and titled by it, is the part's own.
    // Only asked of each: how the two relate, or whether alike, the measure holding both answers.)
    const titled = first && !instead && askedOfEach && sharedBest(first, i) ? r.find((c, n) => n > 0 && scoreIn(first, i) - scoreIn(c, i) <= PART_TIE && titleHolds(c, i) > titleHolds(first, i)) : undefined;
    // (收到个通知…这啥意思，会不会好几个部门轮着来查: the part the two measures hold alike goes to the one another part clearly takes; one measure answers both.
    // Not when the best holds a topic word of the part as written that the other lacks: 注销 of 先把老执照注销 is 第3条's.)
    const clearIn = (c: Candidate, j: number) => ranked[j]![0] === c && (!ranked[j]![1] || scoreIn(c, j) - scoreIn(ranked[j]![1]!, j) > PART_TIE);
    const asWritten = (c: Candidate, w: QuestionWord) => c.parts[i]!.found.some((f) => f.word === w.word && f.credit === 1);
    const holdsAllOf = (c: Candidate, other: Candidate) => a.partTerms[i]!.words.every((w) => !isTopic(w) || !asWritten(other, w) || asWritten(c, w));
    const shared = first && !instead && !titled && !askedOfEach ? r.find((c, n) => n > 0 && scoreIn(first, i) - scoreIn(c, i) <= PART_TIE && holdsAllOf(c, first) && ranked.some((_, j) => j !== i && clearIn(c, j))) : undefined;
    const chosen = instead ?? titled ?? shared ?? first;
    if (chosen && !cited.includes(chosen)) cited.push(chosen);
  });
  return cited.slice(0, MAX_PARTS);
}

/**
 * 环评一般要多久 beside another question, met by 第5条's 项目 alone: as foreignTopic for a whole question, a part whose things the policy and
 * the lexicon never use (环评), missing from the measure, outweigh all the measure holds of the part; that measure does not answer it.
 */
function foreignToPart(a: Assessed, c: Candidate, i: number): boolean {
  const part = c.parts[i]!;
  const topics = a.partTerms[i]!.words.filter(isTopic);
  const credit = (w: QuestionWord) => part.found.find((f) => f.word === w.word)?.credit ?? 0;
  // (就行了, 的话: a phrase ending in a particle names no thing.)
  const missing = topics.filter((w) => w.foreign && !/[了的吗呢吧啊]$/.test(w.word) && !w.negated && !w.setting && !w.scene && !namesABusiness(w.word) && a.nouns.includes(w.word) && credit(w) === 0);
  if (!missing.length) return false;
  const found = topics.filter((w) => credit(w) > 0);
  if (found.some((w) => w.synonyms.length > 0)) return false;
  const heaviest = Math.max(...missing.map((w) => w.weight));
  return found.every((w) => w.weight < heaviest) && missing.reduce((sum, w) => sum + w.weight, 0) > part.topic;
}

/**
 * Ask back instead of guessing: when the question is a bare term several measures hold in different senses
 * (贷款: credit loans, small-business loans, pledge loans), or when several measures come equally close and
 * none covers the question well (the asker means one of them, or none: the reply offers a person too).
 */
/** The candidates holding the topic about as well as the best: alternatives to it, not runners-up. */
const closeTo = (a: Assessed, best: Candidate) => a.candidates.filter((c) => c.match.topic > 0 && c.match.coverage >= MIN_COVERAGE && best.score - c.score <= CLOSE_SCORE);

function clarifyBetween(a: Assessed, best: Candidate): Decision | null {
  const close = closeTo(a, best);
  if (close.length < 2) return null;
  const options = close.slice(0, MAX_CHOICES);
  const topicWords = a.terms.words.filter(isTopic);
  const bare = topicWords.length === 1 && a.terms.words.every((w) => w.context || isTopic(w)) && !a.factsAsked.length;
  // Every close measure holds the very word asked (电子证照 in two measures): both answer it, cite both.
  const sameTerm = close.every((c) => c.match.found.some((f) => f.credit === 1 && topicWords.some((w) => w.word === f.word)));
  if (bare && close.length === 2 && !sameTerm) {
    // Of two, the one whose title names the term is about it (企业开办 heads 第1条; 第41条 lists it among its packages).
    const titled = close.filter((c) => match(a.terms, c.measure.title).topic > 0);
    if (titled.length === 1) return { kind: "answer", cited: titled, why: `a bare term; only 第${titled[0]!.measure.number}条 is titled by it` };
  }
  if (bare && (close.length > 2 || !sameTerm)) return { kind: "clarify", options, why: `a bare term that ${close.length} measures hold in different senses` };
  if (best.match.coverage < CONFIDENT_COVERAGE) {
    // Alike (政府欠工程款 in 21 and 25) they answer together; reading different words, or all missing a thing
    // the question names (烟草专卖许可证: only 许可证 found), the asker must say which, if any.
    const readings = new Set(close.map((c) => topicFound(c).join("|")));
    const missed = missedThing(a, close);
    // One reading holds clearly more of the topic than any other (纳税记录 in 17, only 银行贷款 in 16): it is what was asked.
    const leads = close.slice(1).every((c) => best.match.topic >= TOPIC_LEAD * c.match.topic);
    // A name the policy gives (走企连心) found as written only in the best, in the others only through the lexicon: it names the best.
    const named = topicWords.some((w) => w.weight >= MAX_WEIGHT && creditIn(best, w.word) === 1 && close.slice(1).every((c) => creditIn(c, w.word) < 1));
    // A situation told beside the clause that asks, which the best leads on (养殖场今年资金周转难，贷款本息…): what was asked.
    const asking = askedBesideStory(a, best, close.slice(1));
    // The question names one measure's own subject, its title (企业开办…一件事 heads 第1条; 第41条's title names only 一件事): that one.
    const subject = titledBySubject(a, close);
    if (readings.size > 1 && subject && !leads && !named && !asking) return { kind: "answer", cited: [subject], why: `its topic heads 第${subject.measure.number}条's title, the others' titles hold less of it` };
    // (营业执照手机上能亮出来，办事还用带纸质原件吗: the told clause is the best's, the asking clause another's; each answers its own, cite both.)
    const split = readings.size > 1 && !leads && !named && !asking ? askedOfAnother(a, best, close.slice(1)) : undefined;
    if (split) return { kind: "answer", cited: [split, best], why: `the asking clause is 第${split.measure.number}条's, the clause told beside it 第${best.measure.number}条's` };
    // (餐馆要接水又接气，各要多久: asked of each, every close measure holding a thing of its own the others do not, each answers its own.)
    if (readings.size > 1 && !leads && !named && !asking && eachHoldsItsOwn(a, close)) return { kind: "answer", cited: close.slice(0, MAX_PARTS), why: `asked of each, ${close.length} close measures each hold a thing of their own` };
    if (readings.size > 1 && !leads && !named && !asking) return { kind: "clarify", options, why: `${close.length} close measures match different words, none covers ${CONFIDENT_COVERAGE}` };
    // (A name the policy gives, found as written only in the best, names it beside a policy word it says otherwise: 非现场 of 非现场监管,
    // asked of 检查. A thing the policy never names, 以…名义出证明, is still missed.)
    if (missed && !(named && !missed.foreign) && (!asking || asking.includes(missed.word))) return { kind: "clarify", options, why: `${close.length} close measures, none mentions ${missed.word}` };
  }
  // Found as different guesses at a slip (然气: 暖气 in 13, 燃气 in 14?): ask which was meant.
  const guesses = new Set(close.map((c) => c.match.found.filter((f) => f.guessed).map((f) => `${f.word}→${f.guessed}`).join("|")));
  if (guesses.size > 1) return { kind: "clarify", options, why: "the close measures match different guesses at a slip" };
  return null;
}

/**
 * Close measures holding the very same topic words, two or more (企业开办 and 一件事 in 第1条 and 第41条): the one whose title holds them all, TOPIC_LEAD
 * times the topic any other close title holds. (Measures holding different words are different readings, asked back about.)
 */
function titledBySubject(a: Assessed, close: Candidate[]): Candidate | undefined {
  if (close.length < 2) return undefined;
  // (As written: 营业执照 found only through the lexicon names no measure's subject.)
  const topicHeld = (c: Candidate) => a.terms.words.filter((w) => isTopic(w) && creditIn(c, w.word) === 1).map((w) => w.word).join("|");
  if (new Set(close.map(topicHeld)).size > 1) return undefined;
  const held = close.map((c) => ({ c, topic: match(a.terms, c.measure.title).topic }));
  const [top, ...rest] = [...held].sort((x, y) => y.topic - x.topic);
  if (!top || top.topic <= 0 || !rest.every((r) => top.topic >= TOPIC_LEAD * r.topic)) return undefined;
  const inTitle = match(a.terms, top.c.measure.title).found.map((f) => f.word);
  // (Two words at least, a subject named whole: one word alone, 即办, heads one title and is told in the other's text alike.)
  const words = topicHeld(top.c).split("|").filter(Boolean);
  return words.length > 1 && words.every((w) => inTitle.includes(w)) ? top.c : undefined;
}

/**
 * A situation told beside the clause that asks (养殖场今年资金周转难，贷款本息能不能和银行协商延后): when the best measure holds TOPIC_LEAD
 * times the topic evidence of every other close one among the words of that clause, it is what was asked and the clause is returned; the
 * situation only led to it (手头紧 is 第19条's 融资难, the asking clause 第18条's 还本付息), and a thing it names need not be found. (Not the other way round: a
 * close measure leading there over the best may miss the topic the told clause put first, 手机里有电子执照，…纸的还用拿上吗. A longer
 * story is weighed as one already: storySpans.)
 */
function askedBesideStory(a: Assessed, best: Candidate, close: Candidate[]): string | undefined {
  const told = storySpans(a.text).length ? [] : toldSpans(a.text);
  if (!told.length) return undefined;
  const asking = askingClauses(a.text, told);
  const asked = a.terms.words.filter((w) => isTopic(w) && asking.includes(w.word));
  const held = (c: Candidate) => asked.reduce((sum, w) => sum + w.weight * creditIn(c, w.word), 0);
  return held(best) > 0 && close.every((c) => held(best) >= TOPIC_LEAD * held(c)) ? asking : undefined;
}

/**
 * 厂房押给银行登记两天办完，那银行放款还要几天: a clause tells what is done (and its figure), the clause asking names topics of its own that the best
 * does not hold at all, and what was told gives the fact asked: the best answers only what the asker knows. The candidates holding the asking clause's topic, best first; none when the
 * best holds some of it, or the message tells nothing beside its question.
 */
function holdersOfAskingOnly(a: Assessed, best: Candidate): Candidate[] {
  if (storySpans(a.text).length) return [];
  const told = toldSpans(a.text);
  // (Only when what was told gives the very fact asked, 两天办完 beside 还要几天: the asker knows it of the one and asks it of the other.)
  if (!told.length || !a.factsAsked.some((kind) => told.some((t) => statesFact(kind, t, a.text)))) return [];
  const asking = askingClauses(a.text, told);
  const asked = a.terms.words.filter((w) => isTopic(w) && !w.context && asking.includes(w.word) && !told.some((t) => t.includes(w.word)));
  if (!asked.length || asked.some((w) => creditIn(best, w.word) > 0)) return [];
  const heldIn = (c: Candidate) => asked.reduce((sum, w) => sum + w.weight * creditIn(c, w.word), 0);
  return a.candidates.filter((c) => c !== best && heldIn(c) > 0).sort((x, y) => heldIn(y) - heldIn(x)).slice(0, MAX_CHOICES - 1);
}

/**
 * A clause told beside the one that asks, each held by its own close measure (营业执照手机上能亮出来 by 第2条's 亮照亮证, 办事还用带纸质原件吗
 * by 第37条's 免于提交实体证照): the measure leading the asking clause TOPIC_LEAD times over every other close one, the best leading the told
 * clauses so over it. Both answer: the asking clause's first. (Of two close measures only: more would be a guess among readings.)
 */
function askedOfAnother(a: Assessed, best: Candidate, others: Candidate[]): Candidate | undefined {
  if (others.length !== 1 || storySpans(a.text).length) return undefined;
  const told = toldSpans(a.text);
  if (!told.length) return undefined;
  const asking = askingClauses(a.text, told);
  const heldIn = (c: Candidate, clause: (w: string) => boolean) => a.terms.words.filter((w) => isTopic(w) && clause(w.word)).reduce((sum, w) => sum + w.weight * creditIn(c, w.word), 0);
  const inAsking = (w: string) => asking.includes(w);
  const inTold = (w: string) => told.some((t) => t.includes(w)) && !asking.includes(w);
  const other = others[0]!;
  // (深圳有哪些做法, 检疫证明找谁开: a thing the policy never names is asked; neither measure answers it.)
  if (a.terms.words.some((w) => isTopic(w) && w.foreign && !w.negated && !w.scene && a.nouns.includes(w.word) && creditIn(best, w.word) === 0 && creditIn(other, w.word) === 0)) return undefined;
  const leadsAsking = heldIn(other, inAsking) > 0 && heldIn(other, inAsking) >= TOPIC_LEAD * heldIn(best, inAsking);
  const bestLeadsTold = heldIn(best, inTold) > 0 && heldIn(best, inTold) >= TOPIC_LEAD * heldIn(other, inTold);
  return leadsAsking && bestLeadsTold ? other : undefined;
}

/**
 * 高新技术企业认定 → 第30条 by 认定 alone: the question's topic words the policy and the lexicon never use, missing
 * from the best measure, outweigh all it found. The policy does not hold that topic; the measure is only a pointer.
 */
function foreignTopic(a: Assessed, best: Candidate): QuestionWord[] | undefined {
  if (best.match.coverage >= CONFIDENT_COVERAGE) return undefined;
  const topics = a.terms.words.filter(isTopic);
  // A long message tells a story in words of its own (小毛病, 价签); a short question's words are what it asks.
  if (topics.length > MAX_FOREIGN_TOPICS) return undefined;
  const missing = topics.filter((w) => w.foreign && !w.negated && !w.setting && !namesABusiness(w.word) && a.nouns.includes(w.word) && creditIn(best, w.word) === 0);
  const heaviest = Math.max(0, ...missing.map((w) => w.weight));
  const found = topics.filter((w) => creditIn(best, w.word) > 0);
  // A term of the lexicon found, as written or as its synonym (营业执照, 自来水 → 供水), is what the question is about, whatever else it names.
  if (found.some((w) => w.synonyms.length > 0)) return undefined;
  if (!found.every((w) => w.weight < heaviest)) return undefined;
  return missing.reduce((sum, w) => sum + w.weight, 0) > best.match.topic ? missing : undefined;
}

/**
 * 外卖平台罚骑手超时，去哪投诉, 健身房老板卷款跑了，去哪投诉: a complaint whose matter the asker names only in things the policy
 * never names (骑手, 健身房) is about no service of the policy; the complaint it implies (投诉, 限时办结) is all a measure holds of it.
 */
function complaintAboutForeignMatter(a: Assessed, best: Candidate): QuestionWord[] | undefined {
  if (best.match.coverage >= CONFIDENT_COVERAGE) return undefined;
  const matter = complaintMatter(a).filter((w) => a.nouns.includes(w.word));
  return matter.length && matter.every((w) => w.foreign) ? matter : undefined;
}

const LINE_NUMBER = /^\d{5,}$/;

/** The things a complaint is about: those named outside where to turn and what was not met (有没有人管管 only asks where); none if no complaint. */
function complaintMatter(a: Assessed): QuestionWord[] {
  if (!a.terms.words.some((w) => w.word === COMPLAINT_IMPLIES && !w.context)) return [];
  const outside = complaintSpans(a.text).split("，").reduce((text, span) => (span ? text.replace(span, "，") : text), a.text);
  // (asComplaint reads them as the complaint's setting; a figure told, 2个工作日, names no thing, a line's number, 12345, does.)
  return a.terms.words.filter((w) => w.setting && !w.context && !w.generic && !w.aspect && !w.negated && w.word.length > 1 && (!/\d/.test(w.word) || LINE_NUMBER.test(w.word)) && outside.includes(w.word));
}

const CHANNEL_CANDIDATES = 5; // a matter's own measure is among the few the search found closest

/**
 * 公证处办事太慢，开个公证等了半个月，有人管没: a complaint about a matter whose own measure speaks, in one sentence, of complaints about it
 * (切实解决群众反映公证服务慢) is answered by that measure, not by the general channel for services overdue (第36条's 限时办结).
 * (抵押登记等了一周…能去哪投诉: 第15条 speaks of no complaint, and the general channel answers.)
 */
function mattersOwnChannel(a: Assessed): Candidate | undefined {
  const matter = complaintMatter(a);
  const complaint = a.terms.words.find((w) => w.word === COMPLAINT_IMPLIES && !w.context);
  if (!matter.length || !complaint) return undefined;
  const speaksOf = (c: Candidate) =>
    c.measure.sentences.some((s) => {
      const lower = s.toLowerCase();
      return creditOf(complaint, lower) > 0 && matter.some((w) => creditOf(w, lower) >= SYNONYM_CREDIT);
    });
  return a.candidates.slice(0, CHANNEL_CANDIDATES).find((c) => c.match.topic > 0 && speaksOf(c));
}

// What a permit or a certificate is called (许可证, 执照, 资质), a subsidy (补贴, 奖补, 补助) or a loan: a word before it says which one.
const GENERAL_KIND = /^(许可证|许可|执照|资质|证书|牌照|证|补贴|奖补|补助|津贴|贷款|贷)$/;

/**
 * 卫生许可证, 办学许可证, 草原生态奖补: a word the policy and the lexicon never use, put right before a permit or a subsidy the best
 * measure holds only in general, names a permit or a subsidy the policy does not name; the general term alone does not answer it.
 */
function unnamedKind(a: Assessed, best: Candidate): string | undefined {
  if (best.match.coverage >= CONFIDENT_COVERAGE) return undefined;
  // (说好的运输补贴没兑现: a promise broken is asked, whatever the money was for.)
  if (a.terms.words.some((w) => w.word === PROMISE_BROKEN_IMPLIES)) return undefined;
  const topics = a.terms.words.filter((w) => isTopic(w) && !w.negated && !w.setting && !namesABusiness(w.word));
  const found = topics.filter((w) => GENERAL_KIND.test(w.word) && creditIn(best, w.word) > 0);
  // (A thing the question names, not a word of its story, 承诺给房租补贴…有没有说法, nor a piece of a verb, 每回领补贴.)
  const foreign = topics.filter((w) => w.foreign && !w.scene && a.nouns.includes(w.word) && creditIn(best, w.word) === 0);
  // (创业担保贷款, 道路占用许可: a word the measure holds, or another it never uses, may stand between; the name is still the foreign word's.)
  const held = ["", ...topics.filter((w) => creditIn(best, w.word) > 0 || w.foreign).map((w) => w.word)];
  // As typed too: 小电商贷到款, read as 贷款, names who borrows, not a kind of loan.
  const named = (name: string) => a.text.includes(name) && a.question.includes(name);
  for (const f of found) for (const m of foreign) for (const between of held) if (named(m.word + between + f.word)) return m.word + between + f.word;
  return undefined;
}

// Authorities that issue permits of their own (公安 for large events, 消防, 城管 for signs on the street), as people name them.
const AUTHORITY = /公安|派出所|城管|消防|交警|交管|文旅|文化和旅游|卫健|卫生健康|应急管理|生态环境|环保|林草|烟草|民政|人社|教育局|体育局|气象/g;
// What such an authority grants, and is asked for, in the clause after it (公安那边安全许可, 消防审批, 城管的设置许可); not the policy's
// own 备案 (审批改为备案), nor 证 of any paper.
const GRANTS = /许可|审批|批准|批文|报批|报备/;

/**
 * 开剧本杀店 文旅那边的经营许可得提前多久申请, 路边摆摊要城管批准吗: a permit asked of an authority in the same clause that no passage of
 * the policy names; what the policy says of permits in general (施工许可, 许可事项清单) is not that authority's. (An authority named without a
 * permit, 印章刻制该去公安局还是政务中心, asks where to go, as before.)
 */
function permitOfOtherAuthority(text: string, catalogue: () => readonly Measure[]): string | undefined {
  for (const clause of text.split(CLAUSE_BREAK)) {
    for (const m of matchesOf(clause, AUTHORITY)) {
      const grant = GRANTS.exec(clause.slice(m.index! + m[0].length));
      if (!grant) continue;
      const named = catalogue().some((measure) => passagesOf(measure).some((p) => p.includes(m[0])));
      if (!named) return `${m[0]}'s ${grant[0]}`;
    }
  }
  return undefined;
}

// People by their lot in life (残疾人, 退役军人, 大学生), for whom a subsidy or a loan may be set aside; not businesses by their size.
const PEOPLE_GROUP = /残疾人|残障人士|残疾|退役军人|退伍军人|复员军人|转业军人|军人|军属|军嫂|大学生|毕业生|应届生|留学生|海归|妇女|女性|下岗职工|下岗|失业人员|农民工|返乡|少数民族|贫困户|脱贫户|低保户|老年人|老人|青年/g;
// Money given or lent.
const AID = /补贴|补助|贴息|津贴|扶持资金|扶持金|专项资金|奖补|奖励|奖金|资助|救助|贷款|贷/;

/**
 * 低保户摆摊能领什么补助, 返乡农民工办养殖场有没有贴息: money asked for a group of people, in one clause; when no passage of the
 * policy names that group beside money (老年人、残疾人 only as people served at the hall), what the policy holds on money in general does not answer it.
 * (A group in a clause of the story, 我们几个退伍兵回来创业…贷不到款, is who asks, not whom the money is for.)
 */
function aidForGroup(a: Assessed, catalogue: () => readonly Measure[]): string | undefined {
  const best = a.candidates[0];
  for (const clause of a.text.split(CLAUSE_BREAK)) {
    const aid = AID.exec(clause);
    if (!aid) continue;
    // (大学生创业能申请知识产权质押贷款吗: a loan the policy names, 第19条's, whoever borrows.)
    const named = best && a.terms.words.some((w) => w.word !== aid[0] && w.word.includes(aid[0]) && clause.includes(w.word) && creditIn(best, w.word) === 1);
    if (named) continue;
    for (const [group] of matchesOf(clause, PEOPLE_GROUP)) {
      const setAside = catalogue().some((m) => passagesOf(m).some((p) => p.includes(group) && AID.test(p)));
      if (!setAside) return `${aid[0]} for ${group}`;
    }
  }
  return undefined;
}

/** A thing the question names (a noun this specific), which none of these measures mentions. */
function missedThing(a: Assessed, among: Candidate[]): QuestionWord | undefined {
  // (A thing of the story told around the question, 买家是外地来的人, sets the scene: the asking clause names what must be found.)
  const story = storySpans(a.text);
  // (被列入经营异常了，信用能修复吗: so does a thing told beside a clause that names its own matter, two things or more, every one of them holds.)
  const told = story.length ? [] : toldSpans(a.text);
  const askingTold = askingClauses(a.text, told);
  // (律师 of 请律师打官司 is in 律师费一般收多少 only as part of 律师费: one thing.)
  const inAsking = (w: string) => askingTold.includes(w) && !a.terms.words.some((o) => o.word !== w && o.word.includes(w) && askingTold.includes(o.word));
  const askedWords = a.terms.words.filter((w) => isTopic(w) && w.weight >= THING_MIN_WEIGHT && inAsking(w.word));
  const heldByAll = told.length > 0 && askedWords.length >= 2 && among.every((c) => askedWords.every((w) => creditIn(c, w.word) >= 0.5));
  const asked = story.length ? askingClauses(a.text, story) : heldByAll ? askingTold : a.text;
  // (清欠归哪几个部门 after 政府欠我们建筑公司的工程款: a thing of the earlier question carried along was weighed when it was answered.)
  const carried = (w: QuestionWord) => a.followUp.kind === "aspect" && !a.question.includes(w.word);
  // (双随机抽查是怎么个抽法？顺便问问油价啥时候降: a thing of another question, one no measure holds any of, is not missed by those answering this one.)
  const unheld = unheldParts(a);
  const elsewhere = (w: QuestionWord) => unheld.some((p) => p.includes(w.word)) && !a.parts.some((p) => !unheld.includes(p) && p.includes(w.word));
  return a.terms.words.find((w) => isTopic(w) && !w.negated && !w.setting && !carried(w) && !elsewhere(w) && asked.includes(w.word) && a.nouns.includes(w.word) && w.weight >= THING_MIN_WEIGHT && among.every((c) => creditIn(c, w.word) < 0.5));
}

/**
 * The questions of a message asked apart that no measure holds any of the topic of (油价啥时候降 beside 双随机抽查是怎么个抽法).
 * (Asked apart only: 公司年度报告截止到几月几号，过了会不会罚 goes on with the thing it named.)
 */
export function unheldParts(a: Assessed): string[] {
  const unheld = a.partTerms.length > 1 ? a.parts.filter((_, i) => !a.candidates.some((c) => c.parts[i]!.topic > 0)) : [];
  return unheld.length && askedApart(a.text, a.parts) ? unheld : [];
}

/** The words of two characters or more a candidate matches well enough to count (跑 alone is found in anything), in order. */
const topicFound = (c: Candidate) => c.match.found.filter((f) => f.credit >= 0.5 && f.word.length > 1).map((f) => f.word).sort();
const eachHoldsItsOwn = (a: Assessed, close: Candidate[]) =>
  SHARED_TAIL.test(a.text) && close.every((c) => topicFound(c).some((w) => close.every((o) => o === c || !topicFound(o).includes(w))));
const creditIn = (c: Candidate, word: string) => c.match.found.find((f) => f.word === word)?.credit ?? 0;

// Two things joined in one clause (A和B, A、B): compiled once.
const TWO_ITEMS = new RegExp(`([^，,。？?！!；;]{2,})(?:${LIST_JOINS.join("|")})([^，,。？?！!；;]{2,})`);
/**
 * 电子招投标系统和集采机构考核都有啥安排: two things joined in one question, each a named thing of its own measure: the other item's
 * measure answers beside the lead. An item's measure holds its named words the most; asked of each (各自), a tie goes to the one whose title names it
 * (双随机 told in passing by 第32条, heading 第31条). None when the lead holds both items, or an item's words are held by no measure as written.
 */
function itemsOwnMeasures(a: Assessed, lead: Candidate): Candidate[] {
  const join = TWO_ITEMS.exec(a.text);
  if (!join) return [];
  const askedOfEach = SHARED_TAIL.test(a.text);
  const named = (item: string) => a.terms.words.filter((w) => isTopic(w) && !w.context && !w.foreign && w.weight >= THING_MIN_WEIGHT && item.includes(w.word));
  const owns = [join[1]!, join[2]!].map((item) => {
    const words = named(item);
    const held = (c: Candidate) => words.reduce((sum, w) => sum + w.weight * creditIn(c, w.word), 0);
    const holders = a.candidates.filter((c) => c.match.topic > 0 && c.match.coverage >= MIN_COVERAGE && words.some((w) => creditIn(c, w.word) === 1));
    const most = Math.max(0, ...holders.map(held));
    const tied = holders.filter((c) => held(c) >= most - 1e-9);
    const titled = askedOfEach && tied.length > 1 ? tied.filter((c) => match({ words, total: a.terms.total }, c.measure.title).topic > 0) : [];
    return titled.length === 1 ? titled[0] : tied.length === 1 ? tied[0] : tied.includes(lead) ? lead : undefined;
  });
  if (owns.some((c) => !c) || !owns.includes(lead) || owns[0] === owns[1]) return [];
  return owns.filter((c): c is Candidate => !!c && c !== lead);
}

/** Measures that answer the question about as well as the best one (电子证照 in 2 and 37), stated figure asked included. */
function coCited(candidates: Candidate[], best: Candidate): Candidate[] {
  return candidates.slice(1, MAX_CITED).filter((c) => c.match.coverage >= CO_CITE_COVERAGE && c.score >= best.score * CO_CITE_RATIO);
}

/** 办执照要多少钱 among 第2、1、37条: the measures stating the fact asked (第1条's 零成本) lead, the rest keep their order. */
function statersFirst(a: Assessed, cited: Candidate[]): Candidate[] {
  if (!a.factsAsked.length || cited.length < 2) return cited;
  const staters = cited.filter((c) => !missingFacts(a.factsAsked, a.terms, a.text, [c], a.question).length);
  return [...staters, ...cited.filter((c) => !staters.includes(c))];
}

/** Fact kinds the question asks for that no passage of the cited measures states. */
function missingFacts(asked: FactKind[], terms: QuestionTerms, question: string, cited: Candidate[], typed = question): FactKind[] {
  // A clause that goes on the sentence before it (…供电报装办理周期压缩至2日,具备装表条件的压缩至1日) shares its topic.
  const passages = cited.flatMap((c) => passagesOf(c.measure).map((p, i, all) => ({ text: i > 0 && /[,，]$/.test(all[i - 1]!) ? all[i - 1]! + p : p, measure: c.measure.text })));
  // The passage stating it must be about the question's topic (不收取费用 for copies is not the fee of registration);
  // a time limit or a list anywhere in a measure is its topic's (公示时间…压减为20天 is 注销's; the four ways of 证照分离).
  // (A line drawn in the asker's unit, 160千瓦及以下, is the measure's wherever it stands: it bounds the cost borne, 投资到客户红线, too.)
  // (An aim, 确保事项同源, is the whole measure's too.)
  // (How a time limit's days are counted, and from when, is the whole measure's as its time limit is.)
  const wholeMeasure = (kind: FactKind) => kind === "time-limit" || kind === "date" || kind === "list" || kind === "threshold" || kind === "rationale" || kind === "days-counted" || kind === "count-start";
  // (A figure set for one kind of a thing, 社会投资项目, does not state it for the other kind the question names, a government-invested project.)
  const forAsked = (p: string) => !statedForOtherKind(p, `${question}\n${typed}`);
  const states = (kind: FactKind) => {
    const of = askedOf(kind, terms, question);
    return wholeMeasure(kind) ? cited.some((c) => passagesOf(c.measure).some((p) => statesFact(kind, p, question) && forAsked(p))) : passages.some((p) => statesFact(kind, p.text, question, p.measure) && forAsked(p.text) && match(of, p.text).topic > 0);
  };
  return asked.filter((kind) => !states(kind));
}

/**
 * 复印不要钱，那登记本身要交多少费: a clause telling the fact as known (the copies are free) lends its words (复印) to no passage stating
 * the fact the other clause asks of something else (the fee of registration).
 */
function askedOf(kind: FactKind, terms: QuestionTerms, question: string): QuestionTerms {
  const clauses = question.split(CLAUSE_BREAK).filter(Boolean);
  const told = clauses.filter((c) => tellsFact(kind, c));
  if (!told.length || told.length === clauses.length) return terms;
  const rest = clauses.filter((c) => !told.includes(c));
  const words = terms.words.filter((w) => !(told.some((c) => c.includes(w.word)) && !rest.some((c) => c.includes(w.word))));
  return words.length === terms.words.length ? terms : { ...terms, words };
}

function handoff(
  reason: Extract<Decision, { kind: "handoff" }>["reason"],
  say: Extract<Decision, { kind: "handoff" }>["say"],
  why: string,
  related: Extract<Decision, { kind: "handoff" }>["related"] = [],
  extra: Partial<Extract<Decision, { kind: "handoff" }>> = {},
): Decision {
  return { kind: "handoff", reason, say, why, related, ...extra };
}
