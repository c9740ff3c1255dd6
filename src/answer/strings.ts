import type { Citation, Measure } from "../policy/measure.js";
import type { AnswerSection, Choice } from "./types.js";
import type { TimeAsked } from "./durations.js";
import type { FactKind, ListedFact } from "./facts.js";
import type { OutOfScope } from "./scope.js";
import type { Unanswered } from "./record.js";

/** Every reply text the engine writes, in one place for review. Chinese first. */
export const EXAMPLE_QUESTIONS = ["小微企业办电要几天？", "开公司要多久，要花钱吗？", "市住建局负责哪些措施？"];

const FACT_NAMES: Record<FactKind, string> = {
  phone: "电话号码",
  address: "地址",
  window: "具体去哪个窗口",
  website: "网址或应用名称",
  hours: "办公时间",
  frequency: "具体次数",
  fee: "具体收费金额",
  amount: "具体金额",
  rate: "具体税率或利率",
  share: "具体比例",
  materials: "所需材料清单",
  list: "具体清单或名单",
  "long-list": "具体清单或名单",
  conditions: "具体申请条件",
  "time-limit": "办理时限",
  date: "具体日期",
  validity: "有效期",
  name: "具体人员姓名",
  grades: "具体等级划分",
  language: "服务所用的语言",
  channel: "这一办理渠道（某个应用、自助终端或邮寄）",
  "platform-name": "该平台或系统的名称",
  compensation: "赔偿、补偿、利息或对有关单位的处罚",
  criterion: "具体的划分或认定标准",
  threshold: "与您所说数值（规模、金额、电压等）对应的界限",
  rationale: "这样规定的原因",
  basis: "这一数字或规定的制定依据",
  "earlier-figure": "改革前的数字（原来的天数或时限）",
  "licence-required": "哪些情形必须办理这一证照",
  privacy: "对反映人信息的保密规定",
  subsidy: "具体的补贴或补助项目",
  "grade-held": "某一信用等级（如A级、B级）能享受什么",
  odds: "被抽中的概率或比例",
  papers: "是否需要提交您所说的这些材料",
  "days-counted": "时限是否包括周末和节假日",
  "count-start": "时限从哪一天开始计算",
  "paper-accepted": "改为网上办理后是否仍接受纸质方式",
  counter: "窗口编号或是否需要取号",
  seal: "需要加盖哪种印章或刻几枚印章",
  branch: "分公司与总公司之间如何办理",
  "list-where": "清单或名单在哪里公布、查询",
  "next-session": "下一次（期）活动的具体日期",
  order: "办理的先后顺序",
};

// What a list of measures stating a fact names it (写明免费或收费的共3条); the kinds read by factListed, others by FACT_NAMES.
const LISTED_NAMES: Partial<Record<FactKind, string>> = {
  fee: "免费或收费",
  "time-limit": "办理时限",
  date: "完成日期或时间节点",
  share: "具体比例",
};
const UNIT_NAMES: Record<string, string> = { 工作日: "working days", 小时: "hours" };
/** A measure placed by its time limit, as the text words it. */
type Placed = { measure: number; said: string };
/** A measure of a list not quoted, to show as an example: the next after those quoted, else the first. */
const unquoted = (all: number[], quoted: number[]) => all.slice(all.indexOf(quoted.at(-1)!) + 1)[0] ?? all.find((n) => !quoted.includes(n));
const listedName = (f: ListedFact) =>
  f.value ? `“${f.value.said}”这一时限` : f.phrase ? `“${f.phrase}”这一时间节点` : f.unit ? `以${f.unit}计的时限` : f.figure === "duration" ? "具体时长（天数、工作日或小时）" : (LISTED_NAMES[f.kind] ?? FACT_NAMES[f.kind]);

const SCOPE_REASONS: Record<OutOfScope, string> = {
  "other-place": "《措施》只适用于克拉玛依市，其他地区的政策我无法回答",
  "other-year": "我只能回答现行这份《措施》的内容，其他年份的政策不在其中",
  "other-level": "《措施》是克拉玛依市的政策，国家或自治区层面的规定、标准和数字不在其中",
  "personal-case": "我无法查询个人或企业的具体办理情况",
  task: "我只能解答政策内容，不能代写文书或代办事项",
  outcome: "政策文本不能判断个案的结果",
  household: "这是个人或家庭事务（个人社保医保公积金、个人账户和缴费、证件补办、理财、家中维修等），《措施》是优化营商环境的政策，没有这方面的规定",
  "live-status": "我无法查询办事场所和系统的实时情况（人流、排队、系统是否正常等）",
  promise: "我不能替办理部门作出保证或承诺，结果以部门的办理为准",
  internal: "我无法提供政府部门的内部数据、统计或人事信息，《措施》只写了目标和要求",
  opinion: "我只能说明政策写了什么，不对政策或营商环境作评价",
  wrongdoing: "我不能帮助规避法律法规或以不正当方式办事，依法办理的流程我可以按《措施》说明",
  invoicing: "发票额度、领用份数、作废冲红等日常开票业务不在《措施》之内",
};

export const engineText = {
  smalltalk: {
    greeting: (doc: string) => `您好！我是克拉玛依营商环境政策助手，可以根据《${doc}》回答您的问题。您可以这样问：\n${examples()}`,
    thanks: () => "不客气！还有其他问题随时问我。",
    bye: () => "再见，祝您生意兴隆！",
    sorry: () => "没关系，办事着急可以理解。还有问题尽管问我。",
    // Asked what the bot is, where its answers come from or whether they can be relied on: all three, truthfully.
    about: (doc: string) =>
      `我是克拉玛依营商环境政策助手，一个自动回复的程序。我只根据《${doc}》的原文回答营商环境方面的问题，每个回答都注明条款和负责部门，您可以对照原文核对；回答仅供参考，不是法律意见，具体办理以受理部门的答复为准。政策没有写到的，我会转给工作人员；想直接问工作人员，请回复“转人工”。您可以这样问：\n${examples()}`,
  },
  empty: "请输入您的问题，例如：\n" + examples(),
  unclear: "抱歉，我没看懂您的意思。请用文字描述您的问题，例如：\n" + examples(),
  injection: (doc: string) => `我只能根据《${doc}》回答营商环境政策问题，无法改变这一设定。如需其他帮助，我可以为您转人工。`,
  askedForPerson: "好的，已为您转接人工服务，工作人员会尽快回复您。",
  noSuchMeasure: (asked: number[], n: Numbering) =>
    `《${n.title ?? "措施"}》共${n.count}条，没有第${asked.join("、")}条。请输入${n.first}到${n.last}之间的条号，例如“第${example(n)}条”。`,
  notAMeasureNumber: (written: string, n: Numbering) =>
    `“${written}”不是有效的条号：《措施》共${n.count}条，条号是${n.first}到${n.last}之间的整数。请输入条号，例如“第${example(n)}条”，或直接描述您的问题。`,
  // Several documents (the current one first): each numbers its measures from 1.
  noSuchMeasureIn: (asked: number[], docs: Numbering[]) =>
    `${docs.map((d) => `《${d.title}》共${d.count}条`).join("，")}，都没有第${asked.join("、")}条。请输入条号，例如“第${example(docs[0]!)}条”；要查某一年的文件，请写上年份，例如“${docs.at(-1)!.year}年第${example(docs.at(-1)!)}条”。`,
  notAMeasureNumberIn: (written: string, docs: Numbering[]) =>
    `“${written}”不是有效的条号：${docs.map((d) => `《${d.title}》共${d.count}条`).join("，")}，条号是整数。请输入条号，例如“第${example(docs[0]!)}条”，或直接描述您的问题。`,
  answerIntro: (doc: string) => `根据《${doc}》：`,
  departmentIntro: (names: string[], count: number) => `${names.join("、")}负责（含共同负责）的措施共${count}条：`,
  departmentKindIntro: (names: string[], kind: string, count: number) => `${names.join("、")}负责（含共同负责）的措施中，涉及“${kind}”的共${count}条：`,
  // (After the quotes, by every front end: the whole list, and how to see those not quoted.)
  stating: (fact: ListedFact, all: number[], quoted: number[]) =>
    `《措施》中写明${listedName(fact)}的共${all.length}条：第${all.join("、")}条。` +
    (quoted.length < all.length ? `以上引用了其中的第${quoted.join("、")}条；其余各条请发送条号（例如“第${unquoted(all, quoted)}条”）查看原文，或回复“还有吗”。` : ""),
  // (The limits as the text words them, each after its measure: 第15条“一小时”.)
  timed: (asked: TimeAsked, placed: Placed[], quoted: number[], workdays: boolean) => {
    const list = placed.map((p) => `第${p.measure}条“${p.said}”`).join("、");
    const head = asked.order === "shortest" ? `按《措施》写明的时限从短到长：${list}。` : asked.order === "longest" ? `按《措施》写明的时限从长到短：${list}。` : `《措施》中写明的时限符合“${asked.said}”的共${placed.length}条：${list}。`;
    const rest = quoted.length < placed.length ? `以上引用了其中的第${quoted.join("、")}条；其余各条请发送条号（例如“第${placed[quoted.length]!.measure}条”）查看原文。` : "";
    return head + rest + (workdays ? "工作日不含周末和法定节假日。" : "");
  },
  overviewIntro: (doc: string, count: number) => `《${doc}》共${count}条，各条的标题和负责部门如下；发送条号（例如“第11条”）查看原文，或直接问您要办的事：`,
  departmentMore: (total: number, shown: number, names: string[]) =>
    `以上是与问题最相关的${shown}条，共${total}条；发送 ${names.map((n) => `/measures ${n}`).join(" 或 ")} 分页查看全部。`,
  notInPolicy: "这个问题《措施》中没有明确规定，我无法从政策原文中给出答案。已转给工作人员，他们会尽快回复您。",
  nothingMore: (given: number[]) => `关于这个，《措施》中除了刚才的第${given.join("、")}条，没有其他规定了。已转给工作人员，他们会尽快回复您。`,
  factMissing: (kinds: FactKind[]) =>
    `《措施》中没有写明${kinds.map((k) => FACT_NAMES[k]).join("、")}，我无法从政策原文中给出答案。已转给工作人员，他们会尽快回复您。`,
  outOfScope: (why: OutOfScope) => `${SCOPE_REASONS[why]}。已转给工作人员，他们会尽快回复您。`,
  misnamed: (named: Measure[]) => `注：您提到的${named.map((m) => `第${m.number}条（${m.title}）`).join("、")}没有讲到这个问题，以上是讲到它的条款。`,
  partlyUnstated: (kinds: FactKind[]) => `另：您问的${kinds.map((k) => FACT_NAMES[k]).join("、")}，《措施》中没有写明。如需工作人员解答，请回复“转人工”。`,
  partsUnanswered: (parts: Unanswered[]) =>
    `${parts.map((p) => `另：关于“${p.asked}”，${p.scope ? SCOPE_REASONS[p.scope] : "《措施》中没有相关内容"}。`).join("\n")}\n如需工作人员解答，请回复“转人工”。`,
  quotedAgain: "注：以上依据《措施》原文作答。如需工作人员进一步讲解或举例，请回复“转人工”。",
  noTopic: "请说明您要办的具体事情（例如开公司、接电、不动产登记、贷款），我再根据《措施》为您解答。",
  clarify: "您问的可能是下面几条措施中的一条，请回复序号选择：",
  clarifyNone: "都不是？请换个说法再问，或回复“转人工”找工作人员。",
  clarifyChoice: (i: number, c: Choice) => `${i}. ${citationLabel(c)} ${c.title}：${c.covers}`,
  related: "相关条款供参考：",
  departments: "负责部门：",
  failed: "抱歉，处理您的问题时出了点问题，已转给工作人员。",
};

/** How the corpus (or, with several documents, one document) numbers its measures: the count and the first and last number. */
export interface Numbering {
  count: number;
  first: number;
  last: number;
  /** The document's title and year, with several documents. */
  title?: string;
  year?: number;
}

/** 第5条, or 《2023年…》第5条 when the corpus holds several documents. */
export const citationLabel = (c: Citation) => `${c.document ? `《${c.document.title}》` : ""}第${c.measure}条`;
export const measureLabel = (m: Measure) => `${m.doc ? `《${m.document}》` : ""}第${m.number}条`;

/** A measure number to show as an example: 11 when it exists, else the first. */
const example = (n: Numbering) => (n.first <= 11 && 11 <= n.last ? 11 : n.first);

function examples(): string {
  return EXAMPLE_QUESTIONS.map((q) => `· ${q}`).join("\n");
}

/**
 * The frame of a reply to a question asked in English. Policy quotes, measure titles and department
 * names stay in Chinese as the text gives them; a department's English gloss comes from corpus/glossary.txt.
 */
const ENGLISH_SCOPE_REASONS: Record<OutOfScope, string> = {
  "other-place": "The measures apply to Karamay only; I cannot answer for other places",
  "other-year": "I can only answer from the measures in force; other years' policies are not in them",
  "other-level": "The measures are Karamay's own; national or regional rules, standards and figures are not in them",
  "personal-case": "I cannot look up a person's or a company's own case",
  task: "I can explain the policy, but I cannot write documents or act for you",
  outcome: "The policy text cannot predict the outcome of a case",
  household: "This is a personal or household matter (your own accounts, bills, lost papers, jobs, investments, repairs at home); the measures are about the business environment and do not cover it",
  "live-status": "I cannot see how busy an office is, or whether a system is up, right now",
  promise: "I cannot promise an outcome on behalf of the office that decides it",
  internal: "I cannot give the administration's internal data, statistics or staff details; the measures state only targets and requirements",
  opinion: "I can say what the policy states, not give an opinion on it",
  wrongdoing: "I cannot help to get round the law or rules; I can explain the lawful procedures the measures set out",
  invoicing: "Day-to-day invoicing (quotas, how many invoices may be drawn, voiding and reversing them) is outside the measures",
};
const ENGLISH_FACT_NAMES: Record<FactKind, string> = {
  phone: "a phone number",
  address: "an address",
  window: "which counter to go to",
  website: "a web address or app name",
  hours: "opening hours",
  frequency: "how many times",
  fee: "the fee amount",
  amount: "the amount",
  rate: "a tax or interest rate",
  share: "the share or proportion",
  materials: "a list of required documents",
  list: "the list itself",
  "long-list": "the list itself",
  conditions: "the conditions to qualify",
  "time-limit": "a time limit",
  date: "the date",
  validity: "how long it stays valid",
  name: "a person's name",
  grades: "the grades of the rating",
  language: "the languages of service",
  channel: "that channel (an app, a kiosk or delivery by post)",
  "platform-name": "the name of that platform or system",
  compensation: "compensation, interest or a penalty for the office or company",
  criterion: "how the categories are defined or told apart",
  threshold: "a line drawn at the figure you give (size, sum, voltage)",
  rationale: "why it was decided so",
  basis: "what the figure or rule was based on",
  "earlier-figure": "the figure before the reform",
  "licence-required": "who must hold that licence or registration",
  privacy: "how the informant's details are kept confidential",
  subsidy: "a particular subsidy or grant",
  "grade-held": "what a particular grade (A, B…) entitles to",
  odds: "the odds of being drawn",
  papers: "whether those papers must be handed in",
  "days-counted": "whether weekends and holidays count toward the time limit",
  "count-start": "from which day the time limit runs",
  "paper-accepted": "whether paper is still accepted once it is done online",
  counter: "a counter's number or whether to take a queue ticket",
  seal: "which seal to use or how many seals to have carved",
  branch: "how a branch is handled apart from its head office",
  "list-where": "where the list is published or can be looked up",
  "next-session": "when it is held next",
  order: "the order of the steps",
};
const ENGLISH_LISTED_NAMES: Partial<Record<FactKind, string>> = {
  fee: "whether there is a fee (free of charge, or a sum)",
  "time-limit": "a time limit",
  date: "a completion date or deadline",
};
const englishListedName = (f: ListedFact) =>
  f.value ? `the time limit “${f.value.said}”` : f.phrase ? `the deadline “${f.phrase}”` : f.unit ? `a time limit in ${UNIT_NAMES[f.unit] ?? f.unit}` : f.figure === "duration" ? "a time limit in days, working days or hours" : (ENGLISH_LISTED_NAMES[f.kind] ?? ENGLISH_FACT_NAMES[f.kind]);
const STAFF_WILL_REPLY = "I have passed your question to our staff; they will reply soon.";

export const englishText = {
  greeting: (doc: string) => `Hello! I answer questions about Karamay's 《${doc}》, quoting the policy (in Chinese) and naming the measure and the departments responsible. For example: "How long does a small business wait for an electricity connection?"`,
  thanks: () => "You're welcome! Ask me anything else about the measures.",
  bye: () => "Goodbye, and good luck with your business!",
  sorry: () => "No problem at all. Ask me anything else about the measures.",
  about: (doc: string) =>
    `I am Karamay's business-environment policy assistant, an automated program. I answer only from the text of Karamay's 《${doc}》, citing the measure and the departments responsible so that you can check the original; my answers are for reference, not legal advice, and the office that handles your case has the final word. What the policy does not say, I pass to our staff; reply "human" to ask them directly.`,
  answerIntro: (doc: string) => `From the 《${doc}》 (the policy text is quoted in Chinese):`,
  heading: (c: Citation) => `Measure ${c.measure} (${citationLabel(c)}): ${c.title}`,
  responsible: "Responsible: ",
  department: (name: string, gloss: string | undefined) => (gloss ? `${name} (${gloss})` : name),
  notInPolicy: `The measures do not say this, so I cannot answer it from the policy text. ${STAFF_WILL_REPLY}`,
  nothingMore: (given: number[]) => `Besides measure ${given.join(" and ")} just cited, the measures say nothing more on this. ${STAFF_WILL_REPLY}`,
  factMissing: (kinds: FactKind[]) => `The measures do not state ${kinds.map((k) => ENGLISH_FACT_NAMES[k]).join(" or ")}, so I cannot answer it from the policy text. ${STAFF_WILL_REPLY}`,
  outOfScope: (why: OutOfScope) => `${ENGLISH_SCOPE_REASONS[why]}. ${STAFF_WILL_REPLY}`,
  misnamed: (named: Measure[]) => `Note: ${named.map((m) => `measure ${m.number} (${m.title})`).join(" and ")}, which you mentioned, does not cover this; the measure above does.`,
  partlyUnstated: (kinds: FactKind[]) => `The measures do not state ${kinds.map((k) => ENGLISH_FACT_NAMES[k]).join(" or ")}, which you also asked; reply "human" if you want a person to answer it.`,
  partsUnanswered: (parts: Unanswered[]) =>
    `${parts.map((p) => `As for "${p.asked}": ${p.scope ? ENGLISH_SCOPE_REASONS[p.scope] : "the measures say nothing on it"}.`).join("\n")}\nReply "human" if you want a person to answer it.`,
  quotedAgain: 'Note: the above answers from the text of the measures. Reply "human" if you want a person to explain it further or give examples.',
  noTopic: "Please tell me what you want to do (for example: register a company, get electricity, register a property, get a loan), and I will look it up in the measures.",
  injection: (doc: string) => `I can only answer questions about the 《${doc}》 and cannot change that. I can pass you to a person if you like.`,
  askedForPerson: "OK, I have passed you to our staff; a person will reply soon.",
  related: "Related measures:",
  clarify: "Your question may concern one of these measures. Reply with its number:",
  clarifyNone: 'None of these? Ask in other words, or reply "human" to reach our staff.',
  clarifyChoice: (i: number, c: Choice) => `${i}. Measure ${c.measure} (${citationLabel(c)}) ${c.title}: ${c.covers}`,
  stating: (fact: ListedFact, all: number[], quoted: number[]) =>
    `${all.length} measure${all.length === 1 ? " states" : "s state"} ${englishListedName(fact)}: ${all.join(", ")}.` +
    (quoted.length < all.length ? ` Measures ${quoted.join(", ")} are quoted above; send a measure number (e.g. "measure ${unquoted(all, quoted)}") for another's text.` : ""),
  timed: (asked: TimeAsked, placed: Placed[], quoted: number[], workdays: boolean) => {
    const list = placed.map((p) => `${p.measure} (“${p.said}”)`).join(", ");
    const head = asked.order === "shortest" ? `The time limits the measures state, shortest first: ${list}.` : asked.order === "longest" ? `The time limits the measures state, longest first: ${list}.` : `${placed.length} measure${placed.length === 1 ? " states" : "s state"} a time limit meeting “${asked.said}”: ${list}.`;
    const rest = quoted.length < placed.length ? ` Measures ${quoted.join(", ")} are quoted above; send a measure number (e.g. "measure ${placed[quoted.length]!.measure}") for another's text.` : "";
    return head + rest + (workdays ? " Working days (工作日) leave out weekends and public holidays." : "");
  },
  departmentIntro: (names: string[], count: number) => `${names.join(", ")} ${count === 1 ? "is" : "are"} responsible (alone or jointly) for ${count} measure${count === 1 ? "" : "s"}:`,
  overviewIntro: (doc: string, count: number) => `The 《${doc}》 has ${count} measures; their titles and the departments responsible (send a measure number, e.g. "measure 11", for its text, or ask about what you need to do):`,
};

export const measureHeading = (c: Citation) => `${citationLabel(c)} ${c.title}`;
export const departmentLine = (c: Citation) => `${engineText.departments}${c.departments.join("、")}`;

/** Plain-text answer for the terminal and JSON output; the bot formats the same sections itself. */
export function renderSections(intro: string, sections: AnswerSection[]): string {
  const blocks = sections.map((s) => [measureHeading(s), ...s.sentences.map((x) => `  ${x}`), `  ${departmentLine(s)}`].join("\n"));
  return [intro, ...blocks].join("\n\n");
}

export function renderPointers(lead: string, related: Citation[]): string {
  if (!related.length) return lead;
  return `${lead}\n\n${engineText.related}\n${related.map((c) => `· ${measureHeading(c)}（${departmentLine(c)}）`).join("\n")}`;
}

export function renderClarify(choices: Choice[]): string {
  return [engineText.clarify, ...choices.map((c, i) => engineText.clarifyChoice(i + 1, c)), engineText.clarifyNone].join("\n");
}

/** English frames around the same Chinese quotes; `gloss` gives a department's English name. */
export function renderEnglishSections(intro: string, sections: AnswerSection[], gloss: (department: string) => string | undefined): string {
  const blocks = sections.map((s) => [englishText.heading(s), ...s.sentences.map((x) => `  ${x}`), `  ${englishResponsible(s, gloss)}`].join("\n"));
  return [intro, ...blocks].join("\n\n");
}

export function englishResponsible(c: Citation, gloss: (department: string) => string | undefined): string {
  return `${englishText.responsible}${c.departments.map((d) => englishText.department(d, gloss(d))).join("、")}`;
}

export function renderEnglishPointers(lead: string, related: Citation[], gloss: (department: string) => string | undefined): string {
  if (!related.length) return lead;
  return `${lead}\n\n${englishText.related}\n${related.map((c) => `· ${englishText.heading(c)} — ${englishResponsible(c, gloss)}`).join("\n")}`;
}

export function renderEnglishClarify(choices: Choice[]): string {
  return [englishText.clarify, ...choices.map((c, i) => englishText.clarifyChoice(i + 1, c)), englishText.clarifyNone].join("\n");
}
