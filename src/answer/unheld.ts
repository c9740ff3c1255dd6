import { matchesOf } from "./matches.js";

/**
 * Matters the policy never treats, read from the question's own wording, whatever words they share with a measure: a measure that
 * shares a word (歇业 with 注销, 体检 with 法治体检, 集中采购 with 集中采购机构, 规划许可 with 施工许可) does not answer them.
 */

// A business paused for a while (冬天歇业三个月, 停业期间, 报停) and what becomes of its licence, taxes or filings meanwhile: the policy
// speaks of closing for good (简易注销, 第3条) and of bankruptcy, never of a pause. (每次都得停业配合检查 tells no pause asked after.)
const PAUSED = /歇业|停业|报停|暂停(营业|经营|开业)|停止营业一段|(暂时|先)(关门|不开|不干|停)(一段时间|几个月|[一二两三四五六几\d]+个月)/;
const DURING_PAUSE = /执照|证照|许可证|税|申报|社保|医保|公积金|年报|有效|失效|作废|吊销|报停|手续|备案|登记|流程|重新办|重新申请|重新领|要不要|需不需要|用不用|影响/;
// (每次检查都得停业配合: a pause an inspection imposes is 第31条's burden on a business.)
const NO_PAUSE_ASKED = /注销|破产|清算|散伙|不干了|不做了|不开了|不想干|不想做|不想开|不打算|关掉|彻底|检查|抽查|执法/;

// A medical check of staff (员工返岗体检, 入职体检, 服务员要不要体检): health rules for workers; the policy's 体检 is the lawyers' 法治体检.
const STAFF_CHECK = /(员工|职工|工人|店员|服务员|厨师|师傅|雇员|从业人员|返岗|入职|上岗|岗前|复工)[^，。？?]{0,8}(?<!法治|法律|法制)体检/;
// (律师给员工多的企业做体检: the lawyers' check whoever works there.)
const LAWYERS_CHECK = /律师|律所|法律|法治|法制|商会|合同/;

// A price the government sets or caps (学费有没有限价, 药价怎么定, 指导价): the policy checks fees charged unlawfully (第21条) and asks
// intermediaries to publish theirs (第6条), never what a price may be.
const PRICE_SET = /限价|指导价|政府定价|最高价|封顶价|(价格|价钱|价|学费|房租|租金)[^，。？?]{0,4}(怎么|如何|由谁|谁来|是怎么|按什么)(定|确定|制定|核定)|(价格|价钱|学费|房租|租金)[^，。？?]{0,6}(有没有|有无|设不设|管不管|限不限)[^，。？?]{0,2}(上限|封顶|限制|限额)/;
// (What intermediaries, associations and chambers charge is the policy's: 第6条 and 第21条 set their fees in order.)
const FEES_THE_POLICY_SETTLES = /中介|协会|商会/;

// Medicines bought in bulk for hospitals (药品带量采购, 耗材集采): health insurance procurement; the policy's 集中采购 is the agencies
// buying for the government, assessed under 第8条.
const DRUG_PROCUREMENT = /带量采购|(药品|药|医药|医用耗材|耗材)[^，。？?]{0,4}(集采|集中采购|采购)/;

// A plot's planning figures (容积率, 建筑密度, 绿地率, 限高) and changing them: planning control; the policy's 第5条 is how long a
// building project waits for its permits.
const PLANNING_FIGURES = /容积率|建筑密度|绿地率|建筑限高|规划条件|用地性质|调规|规划指标/;

// Which of the four ways of 证照分离 (取消审批, 改为备案, 告知承诺, 优化审批服务) one permit named falls in: 第2条 names the ways, never
// which permit goes where. (一般的经营许可, 哪些许可改了备案 name no one permit: 第2条 answers.)
const WAY = "直接取消|取消审批|取消|改为备案|改备案|改成备案|备案|告知承诺|承诺制|优化审批";
// The permit put in one of them, or asked which (办学许可属于取消还是备案, 食品生产许可到底是取消还是改成备案了, 哪种方式).
const PUT_IN = new RegExp(`(属于|算|归|归入|划入|划为|是)[^，,。？?]{0,8}(${WAY})|(${WAY})[^，,。？?]{0,10}还是|哪种方式|哪一种|哪种|哪一类|哪类`);
// (有的改成告知承诺了, 哪些改了备案: some permits, the ways themselves asked about.)
const SOME_PERMITS = /有的|有些|一些|部分|哪些|好多|很多|许多/;
const PERMIT = /许可证|许可|资质/g;
// Words before 许可 that name no permit: a generic or a question word, 经营 of 涉企经营许可, where the permit is (措施里的许可).
const NO_PERMIT_NAMED = /(一般|普通|涉企|所有|全部|各类|各种|哪项|哪个|什么|啥|这些|那些|这个|那个|这种|那种|行政|审批|事项|[里中上内项类])$/;

/** 娱乐场所经营许可算告知承诺还是审批改备案: one permit named, asked which of the ways it is put in. */
function asksWayOfNamedPermit(text: string): boolean {
  return text.split(/[，,。？?！!；;\s]+/).some((clause) => {
    if (SOME_PERMITS.test(clause)) return false;
    for (const m of matchesOf(clause, PERMIT)) {
      const before = clause.slice(Math.max(0, m.index! - 8), m.index!).replace(/经营$/, "").replace(/的$/, "");
      const named = /[\u4e00-\u9fff]{2}$/.test(before) && !NO_PERMIT_NAMED.test(before);
      if (named && PUT_IN.test(clause.slice(m.index!))) return true;
    }
    return false;
  });
}

// A business changing its legal form (个转企, 个体户升级成有限公司, 独资改成公司): the policy opens a business (第1条) and closes one (第3条),
// never turns one form into another. (Shares changing hands, 股权转让, are 第4条's.)
// (重新注册公司、刻章、开户得多久: the new company's opening steps asked, which 第1条 holds.)
const OPENING_STEPS = /注册|刻章|开户|执照|开办|登记/;
const FORM_CHANGED = /个转企|(个体户|个体工商户|个体|个人独资企业|独资企业|合伙企业)[^，。？?]{0,6}(转成|转为|转型为|转型成|升级为|升级成|改成|改为|变成|变更为|转)(成)?(一家|个)?(公司|企业|有限公司|有限责任公司)/;

// Tax on what a business sells off (机器处理掉要缴什么税, 库存甩卖要交税吗): the tax owed on a sale; the policy speaks of tax relief and how
// taxes are filed (第27条), never of what one sale owes.
const SALE_TAXED = /(设备|机器|库存|存货|资产|货|车辆|厂房|铺子|门面)[^，。？?]{0,6}(卖掉|卖了|卖出去|变卖|处置|处理掉|出售|甩卖)[^。？?]{0,8}(税|发票)/;

// A licence revoked or cancelled as a penalty and whether it can be had back (执照被吊销了还能恢复吗, 许可证被撤销了怎么重新拿回来):
// the policy grants licences (第1、2条) and repairs credit records (信用修复), never undoes a revocation. (信用 named: repair asked, the policy's.)
const REVOKED = /(吊销|被撤销|撤销了|被注销)[^。？?]{0,16}(恢复|撤回|找回|拿回|要回|复原|还原|重新(办|领|拿|申请|发))|(恢复|撤回|拿回|要回)[^，。？?]{0,8}(被吊销|吊销了|被撤销)/;
const CREDIT_REPAIR = /信用|失信|黑名单|修复/;

// A taxpayer's status registered or changed (一般纳税人登记要多久, 小规模纳税人怎么转一般纳税人, 一般纳税人资格认定): the tax office's own
// registration; the policy's 纳税人 are those offered tax relief (第27条), and its 登记 are a company's opening, closing and property.
// (一般纳税人能享受哪些优惠 asks the relief: no registration named.)
const TAXPAYER_STATUS = /(一般|小规模)纳税人[^，。？?]{0,6}(登记|认定|资格|转登记|转为|转成|转)|(登记|认定|转)(为|成)?(一般|小规模)纳税人/;

// A bill discounted, endorsed on or collected (承兑汇票怎么贴现, 商票能背书转让吗, 贴现率多少): a routine operation at one's bank; the
// policy's 第21条 reforms how bills settle what public bodies owe (政府用承兑汇票付款合理吗 is its own), never how a bill is handled.
const BILL_HANDLED = /(汇票|商票|银票|票据)[^，。？?]{0,8}(贴现|背书|托收)|贴现/;
const PUBLIC_PAYER = /政府|机关|国企|国有|事业单位|部门|拖欠|欠款|结算改革/;

// A telecom or cable line connected (宽带报装, 光纤入户, 拉专线, 装座机, 有线电视开通): the policy's 报装 are electricity, water, heating and
// gas (第11–14条), never these. (A channel of applying, 电话报装可以吗 or 网上报装, names no line; 电力专线 and 10千伏 are electricity.)
const TELECOM = "宽带|光纤|光缆|网线|专线|固定电话|固话|座机|电话线|有线电视|数字电视|闭路电视";
const LINE_CONNECTED = new RegExp(`(${TELECOM})[^，,。？?]{0,4}?(报装|安装|装机|开通|接入|入户)|(?<!(打|拨打|通过|用|可以|能|靠)[^，,。？?]{0,2})电话(报装|装机|安装|开户)|(拉|接|装|安装|开通|接入|申请)(一条|一根|条|根|个)?(${TELECOM})`);
const POLICY_UTILITY = /供电|用电|接电|办电|电力|电表|千伏|变压器|供水|用水|自来水|接水|水表|供气|燃气|天然气|暖气|供暖|供热|采暖/;

// An objection raised while a notice runs (公示期内有人提异议, 债权人跳出来反对还能注销吗): the policy shortens 简易注销's notice (第3条) and
// publishes inspection results (第31条), never says what an objection does. (招标投标异议 has its channels in 第10条.)
const OBJECTED_IN_NOTICE = /(公示|公告)[^。？?]{0,16}(异议|反对|不同意|不认可)|(异议|反对)[^，,。？?]{0,8}(公示|公告)(期|期间|期内)/;
const TENDER = /招标|投标|中标/;

// A number for the hall's queue booked ahead or from afar (手机上预约取号, 网上排号, 线上拿号): the policy's 排队取号 is a step its leaders
// walk through (第35条), never a way of booking one. (客户经理预约上门 is 第13条's, with no number taken.)
const QUEUE_NUMBER_BOOKED = /(预约|网上|线上|手机|远程|提前|在家)[^，,。？?]{0,6}(取号|排号|拿号|叫号)|(取号|排号|拿号)[^，,。？?]{0,4}(预约|网上|线上|手机)/;

// Who is in charge, asked (这个归哪个局在管, 牵头的是谁, 它是哪个部门在搞): the measure holding a topic names its departments.
const ASKS_WHO_LEADS = /(谁|哪(个|家)?(部门|单位|机构|局|委))[^，,。？?]{0,4}(负责|管|牵头|主管|分管|主抓|搞|抓)|(负责|管|牵头|主管|分管|主抓)的?(是)?(谁|哪)|归(谁|哪)/;

// What befalls one who missed a step or a deadline (忘了按时提交会有啥后果, 逾期没去办会怎么样): the policy shortens steps and notices, never
// says what a lapse costs. (Fines, violations and credit are the policy's: 轻微违法免罚 and 信用修复; so is 简易注销's 容错机制.)
const LAPSE = /忘了|忘记|(没|没有|未)(按时|及时|按期)|逾期|超期|错过|误了|耽误了|过了(期限|截止|时限)|晚交|迟交|晚报|漏报|漏交/;
const CONSEQUENCE = /后果|(会|能)(怎么样|怎样|咋样|咋地)|(有|造成)(啥|什么|哪些)(影响|后果)|影响大不大|有没有影响|会不会有(影响|事|麻烦)/;
const PENALTY_NAMED = /罚|违法|违规|信用|失信|黑名单|容错/;

/**
 * What the question asks that no measure treats, named for the decision record; undefined when it may be the policy's.
 * `followUp`: the message's own words, when the text is an earlier question read with it: who is in charge of that question's
 * topic (那它是哪个局牵头, after which way a named permit falls in) is the measure's to say, whatever detail it left unsaid.
 */
export function unheldMatter(text: string, followUp?: string): string | undefined {
  if (PAUSED.test(text) && DURING_PAUSE.test(text) && !NO_PAUSE_ASKED.test(text)) return "a business paused for a while";
  if (STAFF_CHECK.test(text) && !LAWYERS_CHECK.test(text)) return "a medical check of staff";
  if (DRUG_PROCUREMENT.test(text)) return "medicines bought in bulk";
  if (PRICE_SET.test(text) && !FEES_THE_POLICY_SETTLES.test(text)) return "a price set or capped";
  if (PLANNING_FIGURES.test(text)) return "a plot's planning figures";
  if (asksWayOfNamedPermit(text) && !(followUp && ASKS_WHO_LEADS.test(followUp) && !asksWayOfNamedPermit(followUp))) return "which way of 证照分离 one named permit falls in";
  if (FORM_CHANGED.test(text) && !OPENING_STEPS.test(text)) return "a business changing its legal form";
  if (SALE_TAXED.test(text)) return "tax on what a business sells off";
  if (REVOKED.test(text) && !CREDIT_REPAIR.test(text)) return "a revoked licence restored";
  if (TAXPAYER_STATUS.test(text)) return "a taxpayer's status registered";
  if (BILL_HANDLED.test(text) && !PUBLIC_PAYER.test(text)) return "a bill discounted or endorsed at a bank";
  if (LINE_CONNECTED.test(text) && !POLICY_UTILITY.test(text)) return "a telecom or cable line connected";
  if (OBJECTED_IN_NOTICE.test(text) && !TENDER.test(text)) return "an objection raised while a notice runs";
  if (QUEUE_NUMBER_BOOKED.test(text)) return "a queue number booked ahead";
  if (LAPSE.test(text) && CONSEQUENCE.test(text) && !PENALTY_NAMED.test(text)) return "what a missed step or deadline costs";
  return undefined;
}
