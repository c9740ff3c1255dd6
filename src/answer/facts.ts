/**
 * Kinds of fact a question can ask for that a measure may simply not contain.
 * A question asking for one is answered only if the evidence holds that kind of fact.
 */
export type FactKind = "phone" | "address" | "hours" | "fee" | "amount" | "rate" | "share" | "materials" | "list";

interface FactRule {
  kind: FactKind;
  /** The question asks for this kind of fact. */
  asked: RegExp;
  /** A passage that states such a fact. */
  stated: RegExp;
}

// 几千万, 几百 are rough quantities, not questions.
// 几千万 and 几百 are rough quantities; 几个工作日, 几天 ask for a duration.
const HOW_MUCH = "(多少(?!个?(工作日|天|日|小时|月|年|周|次|条|项))|几(?![千百万十亿]|个?(工作日|天|日|小时|月|年|周|次|条|项)))";
const FIGURE_OF_MONEY = /\d+(\.\d+)?\s*(万|千|百|亿)?元/;

const RULES: FactRule[] = [
  { kind: "phone", asked: /电话|手机号|号码|联系方式|怎么联系|咨询热线是/, stated: /\d{3,4}[-－]\d{7,8}|1[3-9]\d{9}|\d{5}(热线|电话)|热线\d{5}|12345/ },
  { kind: "address", asked: /(地址|位置)(是|在)?(哪|什么|多少)|(地址|位置)[？?。！!\s]*$|在哪(里|儿)?(办公|上班)?[？?。！!\s]*$|在哪个(楼|地方|位置)|哪条(街|路|巷)|什么(街|路)上|门牌|哪个楼|几楼|怎么走(?![流程程序手续])|怎么去|在什么(地方|位置)/, stated: /[路街巷]\d+号|\d+号楼|\d+楼|地址[:：]/ },
  { kind: "hours", asked: /上班|下班|几点|营业时间|办公时间|工作时间|开门|关门时间|周[六日末]|星期[六日天]|节假日|双休/, stated: /\d{1,2}[:：]\d{2}|[上下]午\d|周[一二三四五六日]至周|工作日.{0,6}(上班|办公)/ },
  { kind: "rate", asked: /税率|利率|费率|几个点|百分之几|利息是|年化/, stated: /(税率|利率|费率|利息)[^。；]{0,12}\d+(\.\d+)?\s*%/ },
  // Fees and costs: a zero-cost statement answers them as well as an amount does.
  {
    kind: "fee",
    // 收费吗, 要花钱不, 费用呢, 公证费怎么收: a fee asked for without 多少 (收费标准要公开吗 asks about publishing it, not its amount).
    asked: new RegExp(
      `${HOW_MUCH}(钱|块|元)|(费|费用|收费|价钱|价格|成本|花)[^，。？?]{0,6}${HOW_MUCH}|${HOW_MUCH}[^，。？?]{0,4}(费用|收费)|` +
        `(费用|收费|花钱|要钱|交钱|收钱|掏钱|给钱)(吗|呢|不|么|没|没有|嘛)|费(怎么|如何|咋)(收|算|计算)|怎么收费|收费标准(是|为)?(什么|啥|怎样|如何)|收多少|怎么收钱`,
    ),
    stated: new RegExp(`${FIGURE_OF_MONEY.source}|零成本|免费|不收取费用|不收费`),
  },
  // Other sums (capital, subsidies, wages, compensation, loan sizes, what one pays in): only a stated amount answers.
  {
    kind: "amount",
    asked: new RegExp(`(资本|补贴|补助|奖励|奖金|基数|工资|赔偿|赔|均价|房价|贷|额度|利息|罚|税)[^，。？?]{0,6}${HOW_MUCH}|${HOW_MUCH}[^，。？?]{0,4}(资本|补贴|补助|额度|利息|税)|(交|缴|缴纳|付|存)${HOW_MUCH}(?![钱块元费])`),
    stated: FIGURE_OF_MONEY,
  },
  // A share or proportion (报销比例, 占比): only a stated percentage of it answers.
  { kind: "share", asked: new RegExp(`(比例|比率|占比|百分比)(是|为|有|能达到|要达到|达到)?${HOW_MUCH}|(比例|占比)(是|为)?(几成|多高)`), stated: /(比例|占比|率)[^。；，]{0,12}\d+(\.\d+)?\s*%/ },
  // The items behind a count or a list the measure names (104项…具体是哪些, 清单在哪下载, 列给我): only a passage enumerating them answers.
  {
    kind: "list",
    asked: /(\d+|几十|上百|一百)多?(项|个|类|种)[^，。？?]{0,14}(具体|都|分别)(是|有|包括)?(哪些|什么|啥)|(清单|名单|目录)[^，。？?]{0,8}(在哪|哪里|哪儿|下载|给我|发我|有没有|具体)|列(给|出|一下)(我|来)/,
    stated: /[^、，。；]{1,14}、[^、，。；]{1,14}、[^、，。；]{1,14}、[^、，。；]{1,14}/,
  },
  { kind: "materials", asked: /(哪些|什么|啥)(材料|资料|证件|证明)|材料清单|要带(什么|哪些)|准备(什么|哪些)/, stated: /材料(包括|有)[:：]|提交[^。；]{0,10}[:：]/ },
];

// Whether something costs anything at all (收费吗, 要钱不), not how much.
const WHETHER_FEE = /(费用|收费|花钱|要钱|交钱|收钱|掏钱|给钱)(吗|呢|不|么|没|没有|嘛)|免费(吗|不|么|嘛)|收不收(费|钱)|要不要(钱|交钱|花钱|收费)/;

/** The question asks only whether there is a fee, not its amount. */
export function asksWhetherFee(question: string): boolean {
  return WHETHER_FEE.test(question) && !new RegExp(`${HOW_MUCH}(钱|块|元)|收多少|收费标准`).test(question);
}

// The same facts asked in English (the glossary reads 地址 first in "the address of the tax bureau", where the Chinese rules look last).
const ENGLISH_RULES: Array<[FactKind, RegExp]> = [
  ["phone", /\b(phone|telephone|contact number|phone number|call them)\b/i],
  ["address", /\b(address|where is|where's|where are|located|location)\b/i],
  ["hours", /\b(opening hours|office hours|what time|open on|open at|close at|closing time)\b/i],
  ["materials", /\b(what|which) (documents|materials|papers)\b|\b(documents|materials|papers) (do i need|are needed|are required|required)\b/i],
];

/** The fact kinds an English question asks for, read from the question as typed. */
export function factsAskedInEnglish(question: string): FactKind[] {
  return ENGLISH_RULES.filter(([, pattern]) => pattern.test(question)).map(([kind]) => kind);
}

/** The fact kinds a question asks for (a question may ask for several). */
export function factsAsked(question: string): FactKind[] {
  const kinds = RULES.filter((r) => r.asked.test(question)).map((r) => r.kind);
  // A fee question that is also about some other sum is the stricter kind.
  return kinds.includes("amount") ? kinds.filter((k) => k !== "fee") : kinds;
}

export function statesFact(kind: FactKind, passage: string): boolean {
  return RULES.find((r) => r.kind === kind)!.stated.test(passage);
}


/** Figures a question asks for that the policy does state (unlike a phone number): how long something takes. */
export type FigureKind = "duration";

// 两天够不够, 3个工作日能办完吗: a duration offered to be checked is a duration asked.
const ASKS_DURATION = /(两|[0-9一二三四五六七八九十]+)(个工作日|天|日|个小时|小时)(够|能|就|行|可以|办完|办好|办下来|真)|几天|几日|多少天|多久|多长时间|多长|几个工作日|多少个工作日|多少工作日|多快|最快|时限|周期|几个小时|多少小时|啥时候能|什么时候能|何时能/;
const STATES_DURATION = /\d+(\.\d+)?\s*(个工作日|工作日|日|天|小时)|一小时/;

export function figureAsked(question: string): FigureKind | null {
  return ASKS_DURATION.test(question) ? "duration" : null;
}

export function statesFigure(kind: FigureKind, passage: string): boolean {
  return kind === "duration" && STATES_DURATION.test(passage);
}
