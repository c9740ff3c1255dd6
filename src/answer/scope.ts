import type { TextAnalyzer } from "../search/text.js";
import { chineseNumber } from "./chinese-numbers.js";
import { ranksTimeLimits } from "./durations.js";
import { CROSS_REGION, OTHER_PLACES, XINJIANG_PLACES } from "./places.js";
import { namesIn } from "./names-in.js";
import { asksAcrossRegions, clauseAsks, complainsOfOverdue, elsewhereTold, impliedWords } from "./question-text.js";
import { matchesOf } from "./matches.js";

/** Questions the policy cannot answer whatever it says: another place or year, a personal case, a task. */
export type OutOfScope = "other-place" | "other-year" | "other-level" | "personal-case" | "task" | "outcome" | "household" | "live-status" | "promise" | "internal" | "opinion" | "wrongdoing" | "invoicing";

const HOME_PLACES = /克拉玛依|独山子|白碱滩|乌尔禾|我市|本市|全市|市里/;
// Place names that belong to the document's own frame (the region it cites, cross-region services).
const FRAME_PLACES = new Set(["新疆", "新疆维吾尔自治区", "自治区", "疆内", "全国", "中国", "国家"]);
const FUTURE_YEAR = /明年|后年|下一年|未来几年|以后几年/;
const PERSONAL_CASE = new RegExp(
  [
    "审到哪|批到哪|帮我查|帮忙查|(查一下|查查)我(?!们?(这个|这类|这种|这行|行业))|批了没|批下来没|(交|报|递)上去[^，。？?]{0,10}(还没|没批|没动静|没消息|没下来)|是不是卡住了|卡在哪|审批进度|办到哪|(?<![算能]|能做|可以做)到哪一步|(?<![算能]|能做|可以做)到哪步|进展到哪|进度(如何|怎么样|到哪)|我的申请(怎么样|到哪|通过)|通过了没",
    // 千人入千企今年啥时候到我们区来, 双随机啥时候来我们公司: when a visit or a payment reaches the asker's own place is on its schedule, not in the text.
    "(什么时候|啥时候|几时|何时|哪天|哪个月)[^，。？?]{0,6}(到|来|下到|轮到|来到)(我|俺|咱)",
    // (能不能提前知道啥时候来查: when an inspection comes, told in advance, is on its schedule too.)
    "(提前|事先|预先)(知道|通知|告诉|说)[^，。？?]{0,6}(什么时候|啥时候|哪天|几时|何时)[^，。？?]{0,2}(来|查|检查|抽查)",
    // 我们上回举报的那个事现在结果怎么样了: how one's own matter stands.
    "(我|我们|俺|咱)[^，。？?]{0,14}(那件事|那个事|那事)[^，。？?]{0,8}(结果|进度|处理得|办得)[^，。？?]{0,4}(怎么样|咋样|如何|出来|有了)",
    // 我们店去年被检查的结果去哪看: the result of one's own inspection or application.
    "(我|我们|俺|咱)(公司|店|厂|家|单位)?[^，。？?]{0,8}(抽查|检查|处罚|审批|评级|评分)的?结果[^，。？?]{0,4}(在哪|哪里|哪儿|去哪|怎么|咋)(儿)?(查|看|找|知道)",
    // 奖励资金啥时候能转到我的账户: when one's own money arrives.
    "(什么时候|啥时候|多久|几时)(能)?(打到|到|进|转到|发到)(我|我们|俺|咱)(的|家|公司)?(账|账户|账上|卡|卡上)",
    // 补贴到我账户上了没有: whether one's own money has arrived.
    "(到|进|打到|打进)(我|我们|俺|咱)(的|家|公司)?(账|账户|账上|卡|卡上|银行卡)(上|里)?(了)?(没有|没|吗|么)",
    // A file number (办件编号2023100512) is somebody's own case.
    "(受理|申请|业务|办件|流水|件)(号|编号)",
    // 咱家的补助申请能批下来不, 我前几天申请的变更…: one's own application and how it stands.
    "(我|我们|俺|咱)(的|们的|公司的|家的|上周|上个月|前几天|昨天|前天|之前)[^，。？?]{0,14}(批下来|批得下来|能批|会批|批了|通过了|到哪|办好了没|办完了没|怎么样了)",
    // 本公司今年申报的认定结果何时公布: the result of one's own application is on its record, not in the policy.
    "(本公司|我司|我公司|本企业|我单位|本单位|(我|我们|俺|咱)(的|家)?(公司|企业|单位|店|厂)?)[^，。？?]{0,8}(申报|申请|提交|报送|参评)的[^，。？?]{0,16}(结果|名单)",
    // 这次政府采购项目的中标结果啥时候公示: one tender's result is on that tender's record; the policy sets no date for any.
    "(这次|这个|那个|本次|上次|我们|我们的|我投的|我参加的|我们投的|我们参加的)[^，。？?]{0,10}(项目|标|招标|采购|标段)[^，。？?]{0,6}(中标|评标|开标|招标|采购)?结果[^，。？?]{0,4}(啥时候|什么时候|何时|哪天|几号|多久|出来|出没出)",
    // 我们店下回啥时候被抽查: when one's own business will be inspected is no rule the policy states.
    // (双随机下个月会不会抽到我们店: whether the draw picks one's own business, a prediction of a random draw.)
    "(下回|下次|下一次|下个月|下月|下周|下礼拜|下星期|明年|今年|这个月|这回|这次|什么时候|啥时候|哪天)[^，,。？?]{0,6}(会不会|会|能不能|能|是不是)?(被)?(抽到|抽中|查到|轮到|摊上)(我|我们|俺|咱)",
    // 营业执照材料前天交的，啥时候能拿到: when what one handed in comes back is on one's own file (多久能拿到执照 alone asks the policy).
    "(昨天|前天|大前天|上周|上礼拜|上星期|上个月|前几天|刚才|刚刚|今天|今早|已经)(就)?(交|提交|递交|报|送|申请)(上去|进去|过去)?(了|的)[^。？?]{0,12}(什么时候|啥时候|多久|几时|何时|哪天)(能|才能|可以|会)?(拿到|领到|拿|领|下来|办好|办完|出来|批下来|到手)",
    "(我|我们|俺|咱)[^，,。？?]{0,6}(下回|下次|下一次|下个月|下月|下周|下礼拜|下星期|明年|什么时候|啥时候|哪天)[^，,。？?]{0,4}(被)?(抽查|抽到|抽中|检查|查)",
    // 我们在信用社申请了三十万创业担保贷款，会不会批: whether one's own application will pass.
    "(我|我们|俺|咱)[^。？?]{0,6}申请了[^。？?]{0,20}(能|会|可以)(不能)?[^。？?]{0,3}(批下来|批得下来|批|通过|贷下来)",
    // 帮我看看…通过没有, 我申请的补贴什么时候到账: how one's own application stands.
    // (帮忙看看法律风险 asks for a service, not how an application stands.)
    "(帮我|帮忙)看(看|一下)[^，。？?]{0,12}(通过|批|进度|到哪|结果|怎么样了|状态|办好|办完)",
    // One's own application turned down, and why (我们的变更材料给退回了，啥原因).
    "(我|我们|俺|咱)[^。？?]{0,14}(被|给)[^，。？?]{0,6}?(驳回|退回|拒绝|拒|打回|退件)了?[^。？?]{0,6}(为什么|为啥|咋回事|怎么回事|什么原因|啥原因)",
    // How one's own matter stands (俺家那个案件受理了吗, 怎么查进度), and one's own login (密码忘了).
    "(案子|案件)[^，。？?]{0,4}(立案|受理|判|审)[^，。？?]{0,2}(了没|了吗|没有)|(怎么|如何|咋|去哪|在哪)(查|查询|看)(一下)?(办理|审批|案件)?进度|(密码|账号|帐号)[^，。？?]{0,4}(忘了|忘记|丢了|被锁|锁了|登不上|登录不了)|(忘了|忘记)[^，。？?]{0,4}密码|登(录|陆)?不上",
    // 我们厂的纳税信用是什么级别: one's own grade, rating or score is on its record, not in the policy.
    "(我|我们|俺|咱)[^，,。？?]{0,4}的[^，,。？?]{0,8}((等级|评级|级别|信用分|评分|分数|星级)(是|算|属于|评了|定了|有)?(什么|多少|啥|几级|哪一级|哪级|几星|几分|高不高|怎么样)|(是|属于|评了|定了|算)(什么|啥|哪一|哪个|几)(等级|级别|级|星))",
    // 我们店给划到什么档次了, 我家店评为几级: the class or grade one's own business was put in is on its record, not in the policy.
    "(我|我们|俺|咱)(的|家)?(公司|企业|店|厂|单位|项目)?[^，,。？?]{0,6}(被|给)?(分|划|归|评|定|列)(到|为|入|成|进|在)(了)?(哪一?|什么|啥|几)(个)?(类|级|档|等|等级|级别|类别|档次)",
    // One's own application, asked why it is still not through (我们那个变更登记材料交了快半个月，怎么到现在还没审; 我们报上去的材料怎么一直没动静).
    "(我|我们|俺|咱)[^。？?]{0,16}(申请|材料|手续|递交|提交|交上去|报上去|递上去)[^。？?]{0,16}(咋|怎么|为什么|为啥|怎的|咋个)(到现在|现在|至今|一直)?(都|还|仍|也)?(没|不|未)(有)?(批|审|下来|通过|办好|办完|办下来|受理|动静|消息|结果|回音|回复)",
    // 现在到啥进度了, 走到哪个环节了, 已经审完了没: how far one's own matter has got.
    "(到|走到|进行到|卡在)(了)?(啥|什么|哪个|哪一个)(进度|环节|步骤)(了)?(?![^，。？?]{0,4}(需要|要|得|才|能|可以))|进度(咋样|怎样|如何了|到哪)|(已经|现在)?(批|审|审批)(下来|完|好)了(吗|么|没|没有)",
    // 拿统一信用代码帮我查查, 看看我们的供应商有没有被列入黑名单: a lookup of one business's record, which only the registry can do.
    "(用|拿|按|输入)[^，。？?]{0,10}(名字|名称|字号|信用代码|执照号|统一代码)[^，。？?]{0,6}(搜|查|检索)|(还在不在|在不在|是不是还在|是不是在|有没有在|有没有被列入|有没有被纳入|被列入了没|进没进|上没上)[^，。？?]{0,10}(黑名单|名单|名录|失信)",
    // 我们提的复议多久才有结论, 俺家那个官司多久能有判决, 我们的仲裁什么时候开庭: when one's own appeal, suit or application ends.
    // (Complaints are left out: where and how fast a complaint is heard is the policy's 12345 and 投诉渠道.)
    "(我|我们|俺|咱|本公司|我司|我公司)(的|们的|家的|公司的|家|公司|上次|之前|前段时间|上个月|去年)?[^，。？?]{0,10}(复议|诉讼|官司|案子|案件|仲裁|申诉|起诉|上诉|申请|听证)[^，。？?]{0,8}(什么时候|啥时候|啥时|多久|几时|何时|哪天|多长时间|要多久)(才|能|会|可以|能够|才能)?(出|有|下|给|做出|作出|拿到)(个)?(结果|结论|决定|判决|裁决|答复|说法|下文|回音|定论)|(我|我们|俺|咱)[^，。？?]{0,10}(复议|诉讼|官司|案子|案件|仲裁|申诉|起诉|上诉)[^，。？?]{0,8}(什么时候|啥时候|啥时|多久|几时|何时|哪天|多长时间)(才|能|会|可以|能够|才能)?(开庭|宣判|判下来|结案|审完|审结|裁决|了结)",
    // What the asker handed in and asks after (执照昨天交了，今天好了没有).
    "(昨天|前天|上周|上个月|前几天|刚才|刚刚|已经)(交|提交|递交|报|申请)(上去)?了[^。？?]{0,12}(好了没|好没好|办好了(吗|没)|下来了(吗|没)|批了(吗|没)|有结果了(吗|没)|怎么样了)|帮我催|帮忙催|催一下|给催催|加个急|帮我加急|通过没有|通过没|受理了没(有)?|受理没受理|批没批|到什么程度|到什么阶段|到哪个阶段|(我|我们|俺|咱)[^，。？?]{0,6}(申请|提交|交|报上去|递交)的[^，。？?]{0,12}(什么时候|啥时候|多久|几时|还没|怎么还|到没到|下来没|有结果|进度|进展|状态|怎么样了|到账|发下来|批下来)",
  ].join("|"),
);
// 我们面馆的钱啥时候到账, 能自动打过来多少: when one's own money reaches one's account, and how much of it, are on the payer's record;
// the policy says only that funds are paid on time (第22条). (Said of nobody's own, 资金多久到位 asks the policy.)
const OWN_MONEY_ARRIVES = /(什么时候|啥时候|多久|几时|何时|哪天)(能|才能|会|可以|才)?(到账|到帐|打过来|打到账上|到手)|(能|可以|会)(自动)?(打|发|拨|返|转)(过来|下来|给(我|我们|俺|咱))(多少|几)/;
const OWN = /我|俺|咱|本公司|本店|本厂/;
// (政府欠我们的货款什么时候能到账: money a public body owes a business is the policy's 不得违约拖欠, 第25条.)
const OWED_BY_PUBLIC = /(政府|机关|事业单位|国企|国有|街道|社区|部门)[^，。？?]{0,8}(欠|拖欠|拖着|压着|赖)/;
// 替我瞧瞧公示期过了没, 帮我查查缺的是哪一份 about the asker's own application: only the office handling it can look.
const LOOK_INTO = /(帮我|帮忙|给我|替我)(看看|看一下|瞅瞅|瞧瞧|查查|查一下)/;
const OWN_APPLICATION = /(我|我们|俺|咱)[^，。？?]{0,6}(递|交|提交|报)的[^，。？?]{0,8}(申请|材料|手续)|(我|我们|俺|咱)的[^，。？?]{0,8}(申请|材料|手续)|(申请|材料)[^，。？?]{0,4}(被|给)[^，。？?]{0,4}(退|驳|打回)/;
// Turning the policy's text into another language for the asker (将第20条译成哈萨克文, 帮我译成英文, translate measure 5 into Uyghur): a task,
// whatever the policy says of interpreters at the hall.
export const TRANSLATION_REQUEST =
  /(把|将)[^，。？?]{0,20}(翻译|翻|译)(成|为|做|到)|(帮我|给我|替我|帮忙|麻烦)[^，。？?]{0,4}(翻译|翻|译)(成|为|一下|下)|\btranslate\b[^.?!]{0,40}\b(into|to)\s+(uyghur|uighur|kazakh|mongolian|russian|english|chinese)\b/i;
// Writing something for the asker, or how to write it (离婚协议怎么写, 申请书的范文); exporting the bot's data (导出知识库).
const TASK = /(帮我|给我|替我|请)(写|起草|拟|做|填|算|翻译|改|编)(一篇|一封|一份|一个|一下|篇|封|个)?|(帮我|给我|替我)把[^，。？?]{1,12}(填|写|改|翻译|算)(一下|好|了)?|(帮我|给我|替我|请)(开|出具|出|盖)(个|一个|一份|一张|张|份)[^，。？?需要]{0,10}(证明|函|批文)|^(写|起草|拟|生成|编)(一篇|一份|一封|一个|篇|份|封|个)|写一份|起草一份|生成一份|(怎么|如何|咋|怎样|该怎么)(写|填写|填|拟|起草)(?!的)|写法|范文|范本|模板|样本|模版|(?<!(他|她|爸|妈|爹|娘|哥|姐|弟|妹|家里人|家人|朋友|同事|儿子|女儿|老伴|老公|老婆|媳妇|亲戚)[^，。？?]{0,6})(帮我|替我|给我|帮忙)(代办|代理|去办)|(导出|下载|打包)[^，。？?]{0,10}(内容|数据|资料|知识库)|(内容|数据|资料|知识库)[^，。？?]{0,6}(导出|下载|打包)/;
// Putting something into a document for the asker (麻烦把这些意见归纳成一篇稿子, 能不能把这些汇总成报告, 把情况写成书面说明): a writing task.
// (A document verb with 成 and what it becomes; 要把材料装订成册吗 asks what to hand in.)
const WRITE_UP = /(帮我|帮忙|给我|替我|请|麻烦|(你|您)(们)?(能|可以|能不能|可不可以|帮)|(能|可以|能不能|可不可以|能否|可否)(帮我|给我)?(把|将)|^(把|将))[^。？?]{0,30}(整理|汇总|归纳|总结|梳理|写|做|弄|整|编|改|拟|起草|形成|汇编|改写|归总)成(一份|一篇|一个|一封|一套|一张|份|篇|个|封|套|张)?[^，。？?]{0,10}(材料|报告|文件|文书|稿子|文稿|稿件|清单|表格|文档|书面|信|函|申请书|投诉书|起诉状|诉状|申诉书|说明|总结|汇报|简报|方案|ppt|word|excel)|(帮我|给我|替我|请|麻烦)(你|您)?(整理|汇总|归纳|梳理|准备|弄|整)(一份|一篇|一封|份|篇|封)[^，。？?]{0,10}(材料|报告|文件|文书|稿子|文稿|申请书|投诉书|诉状|申诉书|信|函)/i;
// The same asked in English (Draft a loan application letter, can you write us a complaint, a sample contract): writing for the asker.
// (Do I have to write an application?: what is required, asked, is no request to write.)
const ENGLISH_TASK = /(?:^|[.!?:;]\s*|\b(?:please|pls|kindly|can you|could you|would you|will you|help me|help us)\s+)(?:draft|write|compose|rewrite|proofread)\b|\b(?:draft|write|compose)\s+(?:me|us)\b|\b(?:template|sample|model|example)\s+(?:letters?|applications?|contracts?|agreements?|forms?|complaints?)\b/i;
/**
 * The asker's own household and money, which a policy on the business environment does not govern:
 * one's own insurance or fund account (提取公积金, 医保报销, 社保断缴), personal finance (炒股, 券商,
 * 房贷, 信用卡, 征信), family and home life (离婚, 看病, 物业); with REPAIR, something at home broken or
 * not working (燃气灶坏了, 暖气不热).
 */
// How a place is right now (人多不多, 排队久不久): no policy says, only a look or a call.
// A queue asked about as it is now (现在排队吗, 排队的人多不多), not one in a story (电业局说要排队等) or the policy's 排队取号.
// (旺季客人多, 工人多: a business's customers or staff are no crowd at an office.)
// A system down now, asked when it is back (网站崩了啥时候修复, 平台是不是宕机了): only its operators know, no policy says.
// Whether an office has moved (政务大厅搬家了没, 税务局是不是搬了, 办事处搬到哪去了): where it stands today, which no policy says.
const OFFICE_MOVED = /(大厅|中心|窗口|局|办事处|服务站|服务点|营业厅)[^，。？?]{0,8}(搬家|搬迁|迁址|搬走|迁走|搬|迁|挪)(了)?(没有|没|吗|么|到哪|去哪|哪去)|搬没搬|(是不是|是否)(已经)?(搬|迁)(了|走|家)(?![^，。？?]{0,6}(就|要|才|得|还|需))/;
// (停水了，啥时候能来水: a supply cut off now, asked when it is back: only the supplier knows, as of a system down.)
const LIVE_STATUS = /(崩|崩溃|宕机|瘫痪|故障|挂了|打不开|登不上|进不去|用不了)[^，。？?]{0,8}(什么时候|啥时候|多久|几时|何时|多长时间)[^，。？?]{0,3}(修复|修好|恢复|好|能用)|(停水|停电|停气|停暖|断水|断电|断气|断暖|没水|没电|没气)[^。？?]{0,10}(什么时候|啥时候|多久|几时|何时|多长时间)[^，。？?]{0,3}(来水|来电|来气|来暖|恢复|通|好)|(系统|网站|网页|服务网|平台|服务器|小程序|app|APP)[^，。？?]{0,6}(是不是|是否|是)[^，。？?]{0,2}(崩|宕机|挂|故障|坏|瘫痪)|(?<![客工家病])人(多|少(?![来去跑点些])|不多)|排(队|长队)(的人)?(多|久|长|严重|情况|吗|不)|要不要排队|(现在|今天|这会|此刻|目前)[^，。？?]{0,6}(排队|排长队)|拥挤|挤不挤|堵不堵|堵车|开门了没|营业了没/;
// Asking the bot to promise an outcome (你能保证…一定批, 保证我不会被罚): only the office deciding can; the policy's own 保证按时兑现 is no such thing.
const PROMISE = /(你|你们|您)[^，。？?]{0,8}(保证|担保|打包票|负责到底)|保证(给)?(我|俺|咱)|打包票|(?<![一二两三四五六七八九十几\d])包过(?!期)|包批|100%(能|会|可以)?(批|过|成功|通过|办成|办下来|拿到|贷到|贷下来)/;
// Internal data of the administration: figures of what was done (新注册了多少家, 办了多少件, 完成了多少, 实际的满意率, 最后实际哪天
// (Who in person serves the asker, 分到我们公司的特派员是哪位, 派到我们村的干部叫什么: a name on the office's roster, not in the text.)
// 上线, 一共派了多少名), when the document was issued, who heads an office, internal statistics: the policy sets targets, not results.
// (哪个局长来体验过, 考核结果哪家排第一, 体验完改了啥: which official took part, how an assessment ranked, what a check led to: results too.)
// (跑了几次, 问过几次: how often the asker went, part of their story, not a figure of the office; nor 每年收好几千, 每月收几百:
// a sum told, charged to the asker.)
// (一共推出多少项 asks what the plan puts out, 30 packages; 一共推出了多少, with 了, what was put out by now.)
const INTERNAL = /(?<![跑来去问找打催等])(了|过)(多少|几)(家|件|户|笔|单|次|起)|(办|注册|登记|受理|查处|处理|收到|完成|实现|办成|做到|兑现|发放|引进|检查|抽查|罚)了(多少|几)(个|项|条|家|件)?(?!工作日|日|天|小时)|(每天|每月|每年|一天|一年|一个月|去年|今年)[^，。？?]{0,4}(接|办|收|处理|受理|查处|注册|登记)[^，。？?]{0,2}(多少|(?<!好)几(?![十百千万]))|完成了多少|完成(情况|进度|率|得怎么样)|落实(情况|得怎么样|了多少)|内部(统计|数据|资料|文件)|(投诉|办件|受理|咨询|举报)(数据|记录|台账)|统计(数据|数字)|实际(的|上)?(满意率|回访率|完成|数据|达到|做到|实现|办到|效果|成效|数量|人数|比例|占比)|实际有多少|实际[^，。？?]{0,4}(用|花|耗)了|(实际|最后|最终)(是|在)?(哪一?天|哪年|什么时候|几号|几月)[^，。？?]{0,4}(上线|发布|完成|实现|建成|推出|印发|出台)|(一共|总共|累计)(派|选派|帮扶|走访|服务|办理|受理|培训)(了)?(多少|几)|(累计(推出|上线)(了)?|(一共|总共)(推出|上线)了)(多少|几)|(哪一?天|什么时候|哪一?年|几号)[^，。？?]{0,4}(正式)?(发布|印发|出台|公布)的|(印发|出台|发布|公布)了(没有|没|吗)|文号|(去年|上半年|下半年|前年|今年以来|这几年)[^，。？?]{0,16}(达到|完成|实现|做到)(了)?(多少|几|百分之)|(局长|主任|书记|处长|科长|市长|区长|县长|镇长|乡长|所长|站长|行长|领导|特派员|联络员|网格员|帮扶干部|包联干部)(是谁|叫什么|叫啥|姓什么|是哪位|的?电话)|(哪个|哪位|哪一位)(局长|副局长|主任|书记|处长|科长|市长|区长|院长|领导(?!小组|部门|机构)|负责人)|(考核|考评|评比|评选|评估)结果[^，。？?]{0,6}(哪|谁|怎么样|如何|咋样|排)|(哪家|哪个|谁)[^，。？?]{0,4}排(第一|第几|头名|末尾|最后|倒数)|(体验|检查|考核|调研|走访|督查|暗访|评估)(完|过后|之后|以后)[^，。？?]{0,4}(改|整改|改进|解决|变)了(啥|什么|哪些|多少)|(分到|分给|派到|派给|派驻到?|驻)(我|我们|俺|咱)(们)?(的|这|家)?(公司|企业|店|厂|单位|村|社区)?(的|这边的|这里的)?[^，。？?]{0,6}(是|叫)?(哪位|谁|哪一位|哪个人|什么人|叫什么|叫啥|姓什么)/;
// Whether a target was met (网上办理比例到底完成了没有, 2个工作日办结做到了吗, 达没达到): a result, which the policy, setting targets, does not hold.
// (兑现了没 and 落实了没 are left out: a promise to one business, 第22条, may be asked so.)
const TARGET_MET = /(完成|达到|达标|实现|做到)(了)?(没有|没)(?![^，。？?]{0,4}(怎么办|咋办|怎么处理|会怎样|算不算))|(到底|究竟|真的|已经)(完成|达到|达标|实现|做到)了(吗|么|嘛)|(完没完成|达没达到|达没达标|做没做到|实没实现)/;
// Whether a step the policy sets was taken (清单后来发了吗, 方案已经出台了吗, 4月底前上线了没有, 满意率达到99%了吗): a result too, asked after
// a word saying so (已经, 后来), or beside the deadline or the figure set, which the asker knows already. (电子招投标系统到底上线了没有, with
// neither, is answered by the date the policy sets; 年底政府采购扎堆 tells when the asker bids, no deadline.)
const STEP_DONE = "发布|公布|上线|出台|推出|建成|开通|印发|发|完成|达到|实现|做到|落地|制定";
const STEP_TAKEN = new RegExp(
  `(已经|后来|现在|目前)[^，。？?]{0,3}(${STEP_DONE})了(吗|么|嘛|没|没有)` +
    `|(\\d{1,2}月(底|初|中旬|末)?|年底)(前|之前|以前)[^？?]{0,30}(${STEP_DONE})了(吗|么|嘛|没|没有)` +
    `|(${STEP_DONE})[^，。？?]{0,4}(\\d+(\\.\\d+)?%|百分之[零一二三四五六七八九十百]+)了(吗|么|嘛|没|没有)`,
);
// Who signed, drafted or issued the document, what money the city put in, whether a target date was met (如期上线了吗), how many businesses the
// city has: facts about the document and the city the text does not hold. (政府采购的网上投标平台开始用了没 asks the policy's date; 涉企许可事项
// 总数是多少 counts what the policy lists.)
const ABOUT_THE_DOCUMENT = new RegExp(
  [
    "(谁|哪位|哪个|哪一位|什么人)[^，。？?]{0,8}(签发|签署|签批|审定|起草|执笔|撰写|拍板)|(签发|签署|起草|执笔)(人|者|的领导)",
    // (这套措施是哪个部门牵头制定的, 谁发布的这份文件: who made the policy itself; 监管计划由谁制定 asks of a plan a measure names.)
    "(谁|哪个部门|哪个单位|哪家|哪级)[^，。？?]{0,4}(制定|出台|发布|印发|颁布)的?(这|该|本)?(套|份|个|些)?(政策|措施|文件)|(政策|措施|文件)(是)?(由)?(谁|哪个部门|哪个单位|哪家|哪级)[^，。？?]{0,4}(制定|出台|发布|印发|颁布)",
    // (办个营业执照前后得花多少钱 asks the asker's own cost, a fee.)
    "(市里|市政府|区里|财政|政府|全市|这次|这项工作|措施)[^，。？?]{0,12}(预算|经费)|(工作|专项|财政)经费|(市里|市政府|区里|财政|政府|全市)[^，。？?]{0,6}(一共|总共|共)?(拿出|投入|安排|拨付|划拨|砸|花)(了)?(多少|几)",
    "(如期|按期|按时|准时|真的|确实)[^，。？?]{0,4}(上线|完成|建成|实现|开通|落地|达标|做到|达到)了(吗|么|没|没有)",
    "(市场主体|企业|公司|个体户|个体工商户|商户|经营主体|纳税人|人口)的?(总数|总量|户数|家数)|(全市|全区|全疆|克拉玛依|本市|我市|市里)[^，。？?]{0,12}(有|共有|一共有|总共有|现有)多少(万)?(户|家)",
  ].join("|"),
);
// 去年被罚了几次, 被查过好几回: what the asker's business went through, told, no figure of the office's (被罚了多少次 asks after one's own record).
const UNDERGONE = /被[\u4e00-\u9fff]{1,3}?(了|过)(好几|几)(次|回|趟|遍)/g;
// Advice sought (你给个建议, 帮我拿个主意), and a choice of one's own put (要不要, 还是, 值不值得, a move).
const ADVICE = "(你|您)(们)?[^，。？?]{0,4}给(我|我们|俺|咱)?(个|点|些|出)?(建议|意见|主意)|给(我|我们|俺|咱)(个|点|些)?(建议|主意)|(帮|替|给)(我|我们|俺|咱)(拿|出|想)(个|点|出)?主意|(你|您)(建议|推荐)(我|我们|俺|咱)";
const CHOICE = "要不要|该不该|值不值得|划不划算|应不应该|是不是该|还是|哪个好|哪种好|选哪|迁到|搬到|挪到";
// Pays, said of a trade (比较赚钱, 最有前景, 好做).
const PAYS = "(比较|最|更|才|能|会)?(赚钱|挣钱|来钱|好赚|好挣|能赚|好做|有前景|有前途|有搞头|有钱途|利润高|回本快|不亏|赚|挣)";
// A figure a tender demands of bidders (招标要求注册资本多少合理吗): whether it is reasonable is 第10条's 不合理投标条件, no advice.
const BID_CONDITION_SET = /(招标|投标|标书|采购)[^，。？?]{0,8}(要求|门槛|设的|设置|规定|限制)/;
// The asker's opinion sought, not the policy's text (你觉得…好不好, 怎么评价, 是不是形式主义).
// Advice on one's own choice is an opinion too: what figure to put down (注册资本写多少合适, 定价多少合适, 招几个人好) and what risk the
// figure chosen carries (认缴五百万会不会有隐患); the policy sets no such figure for anyone.
const OPINION = new RegExp(
  [
    "(你|您)(们)?(个人)?(觉得|认为|感觉|看来|怎么看|咋看)|怎么评价|如何评价|评价一下|形式主义|走过场|作秀|(局|部门|政府|中心|窗口|单位)[^，。？?]{0,4}(靠不靠谱|靠谱吗|靠谱不)",
    "(多少|多大|几)(个|名|位)?(钱|块|万|人)?((比较|最|才)?(合适|合理|划算|稳妥|保险|妥当)|(比较|最|才)好(?!处))",
    // 管理费收多少才算合规: the figure to set to stay lawful is advice on one's own choice as well.
    "(定|收|报|设|写|填|标)(成|个|到|在)?(多少|多高|几)[^，。？?]{0,4}(才|算)(不违规|合规|合法|不算违规|不算乱收费|不会被罚|不犯法)",
    // 发工资用微信转账会不会有税务风险: the risk one's own practice carries is advice, which the policy gives no one.
    "(会不会|会|有没有|有无|存不存在|是否)(有|存在)?(什么|啥|多大)?(税务|法律|合规|涉税|违法|违规)风险",
    "(写|填|定|报|认缴|注册|设)(成|个|了|到)?[\\d一二两三四五六七八九十百千万亿几]+(块|元|万|万元)?[^，。？?]{0,6}(有|会有|存在|会不会有)(没有)?(啥|什么|多大)?(风险|隐患|后患)",
    // 开啥店比较赚钱, 干哪一行有前景, 奶茶店能不能挣钱: which business pays is advice on one's own choice too; the policy sets the rules, not the trade.
    `(开|做|干|搞|卖|经营|投资|弄)(个|点|些)?(啥|什么|哪种|哪类|哪个|哪一?行|哪样)[^，。？?]{0,6}${PAYS}|((什么|啥|哪个|哪些|哪种|哪类)(行业|生意|买卖|项目|店|产业)|哪一?行)[^，。？?]{0,6}${PAYS}`,
    "赚不赚钱|挣不挣钱|(能不能|能|会不会)(赚钱|挣钱|赚到钱|挣到钱|回本)|亏不亏|会不会亏|有没有(钱途|前景|搞头|赚头)|多久(能)?回本",
    // 你给个建议, 帮我拿个主意, 要不要把公司搬到城区: advice on one's own move, which the policy gives no one (要不要迁到这边才能办
    // asks a condition).
    // (给我出出主意 to dodge an inspection is wrongdoing, caught before.)
    // (你们给我点建议，开饭馆接电要几天 asks the policy all the same: advice is sought on a choice only.)
    `(${ADVICE})[^。？?]{0,16}(${CHOICE})|(${CHOICE})[^。？?]{0,24}(${ADVICE})`,
    "(要不要|该不该|值不值得|值得|划不划算|应不应该|是不是该)(把)?[^，。？?]{0,12}(搬|迁|挪)(到|去|走|过去|回)(?![^，。？?]{0,10}(才能|才可以|才))",
    // 店开在哪比较好, 门面选在什么地方合适: where to put one's own shop.
    "(开在|选在|选址(在|选)?|设在)(哪|哪里|哪儿|哪个|什么地方|啥地方)[^，。？?]{0,4}(好|合适|赚钱|人多|生意好)",
  ].join("|"),
);
// A ranking or a recommendation among providers (哪家银行最好贷, 推荐个代办公司): the policy names no provider above another.
// (用电报装跟燃气报装，哪一个更省事: two things the question names, compared, are no ranking of providers.)
const COMPARES_NAMED = /(和|跟|与|还是)[^。？?]{1,16}哪(个|一个|样)/;
// (建设银行和农商行哪个好批: the things compared are providers themselves, ranked all the same.)
const PROVIDERS_COMPARED = /(银行|农商行|信用社|邮储|村镇银行|担保公司|律所|事务所|代办公司|中介)[^，。？?]{0,2}(和|跟|与|还是)[^。？?]{1,10}(银行|农商行|信用社|邮储|担保公司|律所|事务所|代办公司|中介|行)[^。？?]{0,4}哪(个|一个|家)/;
// (哪个业务办得最快 ranks the policy's own time limits, a fact of the text; 哪家银行放款最快, 哪个窗口最快 rank who or where serves.)
const PROVIDER = /哪(一|几)?家|银行|农商行|信用社|机构|中介|代办|律所|律师|事务所|担保公司|平台|部门|窗口|单位|大厅|网点|营业厅|服务中心|地方|哪里|哪儿|工作人员|办事员/;
const RANKING = /(哪家|哪一家|哪几家|哪个|哪些)[^，。？?]{0,8}(最好|最快|最便宜|最划算|最靠谱|最容易|最省事|最低|最少|比较好|好一些|好一点|更好|更快|更便宜|更靠谱|靠谱点|便宜|划算|实惠|靠谱|好批|好贷|容易批|容易贷)|推荐(一|几)?(家|个|下)[^，。？?]{0,8}(机构|公司|银行|律所|律师|中介|代办|事务所|担保|会计|代理|平台)|推荐(一|几)(家|个)(?=[，。？?！!]|$)|(推荐|介绍)(一|几)?(家|个|位)(靠谱|可靠|好|便宜|实惠|专业|正规|有名|熟悉|信得过|有经验|口碑好)(点|些|一点|一些)?的|(排名|排行)(榜|前|第)?/;
// Help to get round the law (做假账, 给窗口送礼, hide income, bribe): no measure answers it, whatever words it shares with one.
// 是不是要送礼才快, 难道得找关系: a suspicion voiced, not a wish to do it.
const SUSPECTED = /(是不是|难道|莫非|难不成|非得|非要|还得|就得)(要|得)?(先)?(送(点|些|个|了)?礼|走(个|点|了)?后门|(托|找)(个|点|了)?关系|塞钱|塞红包)/;
// Getting through an inspection unseen (糊弄过检查, 躲过双随机, 让执法的看不出毛病): help to hide, not how inspections are run.
const CHECK = "检查|抽查|双随机|监管|执法|稽查|核查|审查|查账";
const EVADES_CHECK = `(糊弄|蒙混|瞒过|躲过|逃过|躲避|逃避|规避|绕过|混过)[^，。？?]{0,6}(${CHECK})|(${CHECK})[^，。？?]{0,8}(糊弄过去|蒙混过关|混过去|应付过去|对付过去|蒙过去|瞒过去|躲过去)|让[^，。？?]{0,8}(看不出|发现不了|找不出|挑不出|查不着)`;
const WRONGDOING = new RegExp(String.raw`不用是真的|不必是真的|假的也行|做假账|假账|两套账|阴阳账|内外账|假发票|虚开|抽不(到|中)(我|俺|咱)|假材料|假证明|造假|伪造|行贿|送(点|些|个|了)?礼|塞钱|塞红包|走(个|点|了)?后门|托(个|点|了)?关系|找(个|点|了)?关系|钻空子|逃税|偷税|漏税|少报|漏报|隐瞒收入|骗补|骗取|套取|瞒报|(?<!会)不被(查|发现|抓)(到)?|(?<!会)不(会)?被[^，。？?]{0,8}(抽到|抽中|发现|抓到|抓住|查到|查出)|查不(到|出)|${EVADES_CHECK}`);
const ENGLISH_WRONGDOING = /\b(bribe[sd]?|bribing|bribery|kickbacks?|forge[ds]?|forging|falsify(ing)?|counterfeit|launder(ing)?|smuggl(e|ing))\b|\bfake (a |an |the |my |our )?\w*\s?(documents?|papers?|certificates?|invoices?|receipts?|records?|accounts?|licen[cs]es?)\b|\b(hide|conceal|underreport|under-report)\b.{0,20}\b(income|profits?|revenue|earnings|sales)\b|\b(evade|evading|evasion of|dodge|dodging)\b.{0,12}\b(tax|taxes|inspections?|fines?|the law)\b|\bwithout (getting|being) caught\b|\bunder the table\b|\bget (a|an) \w+ (off|out of) (the )?books\b/i;
// The same kinds in an English question, read from the question as typed (the glossary keeps only policy words).
// Is my application approved yet, what is the status of our licence: one's own case, asked in English.
// (Search whether a company is on the blacklist, look up if our firm is listed: a lookup only the registry can do.)
const ENGLISH_PERSONAL_CASE = /\b(search|look up|check)\b[^.?!]{0,40}\b(company|firm|business|shop)\b[^.?!]{0,40}\b(blacklist(ed)?|on (the|a|any) list|listed)\b|\b(is|are)\s+(our|my|this|that|the)\s+(company|firm|business|shop)\b[^.?!]{0,20}\b(still\s+)?(on|in)\s+(the|a|any)\s+[^.?!]{0,20}(blacklist|list)\b|\b(my|our)\b[^.?!]{0,30}\b(application|request|case|file|licen[cs]e|permit|registration)\b[^.?!]{0,20}\b(yet|by now|so far)\b|\b(status|progress) of (my|our)\b|\bwhere is (my|our) (application|request|case|file)\b/i;
// Results achieved, and who wrote the measures (what results had they achieved, who drafted these): the text sets targets, not results.
const ENGLISH_INTERNAL = /\b(results?|progress|outcomes?)\b[^.?!]{0,20}\b(achieved|so far|to date|by now)\b|\bwho (drafted|wrote|authored)\b|\bhow (effective|successful) (have|has|were|was)\b/i;
// (Family life too: a marriage, a death, a household registration; one's driving and one's own debts.)
// (And as the Chinese list has them: one's passport, residence permit or registration with the police, one's personal bank account or
// credit card, one's personal income tax.)
// (And a utility's own billing: a heating or power bill, arrears, a supply cut off for not paying; getting connected is the policy's.)
const ENGLISH_HOUSEHOLD =
  /\b(heating|electricity|electric|power|water|gas|utility|utilities|phone|internet|broadband|property)\s+(bills?|arrears)\b|\b(unpaid|overdue|outstanding)\s+bills?\b|\b(cut|shut|switch)(s|ting)?\s+(us\s+|it\s+|them\s+|(our|my|the)\s+\w+\s+)?off\b[^.?!]{0,40}\b(unpaid|arrears|overdue|owe|owed|owing|not paid)\b|\b(find|look(ing)? for|get|apply for) (a |an )?(job|work)\b|\bjobs?\b|\bsalary\b|\bvisa\b|\bmy (bank )?card\b|\b(marriage|marry|married|wedding|divorce[ds]?|funeral|hukou)\b|\bhousehold registration\b|\b(traffic|parking|speeding) (ticket|fine|violation|offen[cs]e)s?\b|\b(ran|run|running) a (red|yellow|amber) light\b|\bdriv(er'?s|ing) licen[cs]e\b|\bpersonal (debts?|loans?|bankruptcy)\b|\bpassports?\b|\bresiden(ce|cy) (permit|card|registration)s?\b|\btemporary residen(ce|cy)\b|\bregist(er|ered|ering|ration)\b[^.?!]{0,30}\b(with|at) the police\b|\bpolice (station )?registration\b|\b(personal|private|individual) (bank )?accounts?\b|\bcredit cards?\b|\b(personal|individual) income tax\b/i;
// Insurance for one's family (给孩子办医保); a newborn's is the policy's 出生一件事.
const FAMILY_INSURANCE = /(给|帮|替)(孩子|小孩|老人|父母|家人|自己|老婆|老公|爱人)[^，。？?]{0,3}(办|交|缴|买|上|续)[^，。？?]{0,3}(医保|社保|保险|公积金)/;
const NEWBORN = /出生|新生|刚生|生孩子|生娃/;
/**
 * The policy names social, medical and housing-fund insurance only among a new company's accounts (第1条)
 * and the services done across regions (第40条, and a newborn's 出生一件事): asked about otherwise
 * (社保怎么交, 医保能买药吗), they are the asker's own insurance.
 */
// (五险一金, 五险: the same insurance and fund, named together.)
const INSURANCE = /五险一金|五险|社保|医保|公积金|养老保险|医疗保险|社会保险|失业保险|工伤保险|生育保险/;
// (拿执照、刻章到能开票、给工人上社保: insurance among a new business's other steps is 第1条's list.)
const INSURANCE_IN_POLICY = /开户|户头|开办|开公司|办公司|新公司|新企业|新办|注册|一件事|套餐|通办|异地|外地|外省|跨省|疆内|户口|户籍|出生|新生|刚生|执照|刻章|公章|开票|领发票|申领发票/;
// Something broken or not working, to be repaired (信用修复 is the policy's, not a repair; a 维修店, 做设备维修的企业 is a business, 维修款 owed
// to one a debt; 累坏了 is tired; 手机玩不转 is someone not able to use it).
const REPAIR =
  /(?<![累饿渴气急吓乐忙冻热困愁])坏了|坏掉|出(了)?故障|失灵|漏水|漏气|漏电|不热|不亮|不出水|不打火|打不着|点不着|没反应|跳闸|堵了|(找谁|谁来|谁|怎么|咋|去哪|哪里)(修|维修)(?![复改订正])|(?<!(做|搞|干|开)[^，。？?]{0,4})(修理|维修)(?![店厂部铺站行业资金公司中心款车间]|基地|网点|[^，。？?]{0,6}(店|厂|公司|企业|基地|网点))|(表|灶|器|片|管|机|梯|灯|阀|箱|炉)[^，。？?]{0,3}(?<![玩搞弄])(不|没)(走|转|热|亮|响|动|出水|着|通|制冷|工作)/;
const HOUSEHOLD = new RegExp(
  [
    "(医保|社保|公积金|养老保险|医疗保险|养老金)[^，。？?]{0,8}(怎么交|怎么缴|咋交|如何缴纳?|报销|提取|取出|断缴|断了|补缴|补交|缴费基数|缴存|基数|上交|每年|每月|每个月|交多少|缴多少|扣|余额|查询|转移|贷款|卡|封存|怎么取|取钱)|(报销|提取|取出|断缴|补缴|补交)[^，。？?]{0,4}(医保|社保|公积金|养老金)",

    // One's own debts (我个人欠了网贷, 个人破产): the policy's loans and bankruptcy are a business's.
    "网贷|花呗|借呗|白条|套路贷|高利贷|个人破产|(我|俺|本人)个人[^，。？?]{0,4}欠|" +
    // Money lent to a friend or a relative (朋友欠我钱不还, 借给亲戚的钱要不回来): a private loan, not a business's arrears.
    "(朋友|亲戚|同学|熟人|老乡|同事|哥们|发小|邻居)[^，。？?]{0,4}(欠|借)(了)?(我|俺)(们)?(的)?[^，。？?]{0,2}钱|借(给|钱给)[^，。？?]{0,2}(朋友|亲戚|同学|熟人|老乡|同事|哥们|发小|邻居)|" +
    // Whether an owner pays a business's debts from their own pocket (股东个人要不要掏钱还债, 拿自家房子还账): their own liability, at law.
    "(老板|股东|法人|法定代表人|我|俺|本人)(的)?个人[^，。？?]{0,8}(还债|还钱|还账|偿还|偿债|赔钱|兜底|背债)|(拿|用|掏)(自己|个人|自家)(的)?(钱|腰包|家产|财产|房子|积蓄)[^，。？?]{0,4}(还债|还钱|还账|偿还|偿债|填窟窿)|" +
    "炒股|股票|股市|基金|理财|券商|证券公司|佣金|首付|房贷|车贷|买车|购车|二手车|车辆过户|车过户|车辆年检|年检|信用卡|(个人|我的|自己的?|俺的)征信|(?<![那这哪一每各])个税(?!收|务|费)|个人所得税|彩票|存款利息|存款|失业金|低保|退休金|养老金|生育津贴|产假|陪产假|育儿假|育儿补贴",
    // Family and home life (the policy's own life services, 出生一件事 and 退休一件事, are not among these; 物业 as a trade, 从事物业的企业, is a business).
    // A death in the family and a household registration moved or closed (去世的父亲户口注销, 户口怎么迁; a newborn's 上户口 is the
    // policy's 出生一件事, a registration elsewhere, 户口在外省, is where the asker comes from).
    "去世|过世|逝世|身故|丧葬|殡葬|火化|墓地|抚恤金|(户口|户籍)[^，。？?]{0,4}(注销|销户|迁)|" +
    // One's own driving (开车闯了个黄灯, 闯红灯扣几分): traffic, not a business's minor violation.
    "闯[^，。？?]{0,3}[红黄]灯|(开车|驾车|骑车|行车)[^，。？?]{0,10}(违章|罚款|罚了|扣分|被拍|超速|闯)|" +
    // One's own health (耳朵背怎么治, 眼睛不好吃什么药): a doctor's matter, not the policy's care for the elderly and disabled at a counter.
    "(眼睛|眼神|耳朵|耳背|视力|听力|近视|老花|白内障|腿脚|腰|牙|病)[^，。？?]{0,8}((怎么|咋|如何|能不能|能|可以)(治|医)(?!理)|治得好|治不好|偏方|吃(什么|啥))|(看|挂)(哪个|什么|啥)科|助听器|配眼镜|" +
    "离婚|结婚|婚姻|彩礼|遗嘱|看病|住院|挂号|上学|入学|转学|驾照|驾驶证|超速|闯红灯|违停|违章停车|交通违章|交通违法|酒驾|护照|签证|(?<!(从事|做|干|开|经营)[^，。？?]{0,8})物业(?![^，。？?]{0,4}(公司|企业))|(和|跟|与|同)邻居|邻居[^，。？?]{0,6}(吵|纠纷|矛盾|闹|噪音|扰民|漏水|打架)",
    // One's own accounts, cards and bills (注销银行卡, 微信账号注销, 燃气表没气了怎么充), a lost paper to replace (执照丢了怎么补), a job to find.
    // (执照丢了，能用电子执照吗 asks whether the electronic one serves instead: 第37条's 电子证照, no paper replaced.)
    "(银行卡|手机卡|电话卡|手机号|微信|支付宝|qq|QQ|账号|帐号|账户|社保卡|医保卡|会员卡|信用卡)[^，。？?]{0,8}(注销|销户|销号|解绑|停用)|(注销|销户|销号|解绑)[^，。？?]{0,8}(银行卡|手机卡|电话卡|手机号|微信|支付宝|账号|帐号|账户|社保卡|医保卡|会员卡)",
    // One's own wages owed by an employer (老板欠我工资): a labour dispute (a business that cannot pay its workers is not one).
    // Who pays wages owed (厂子倒闭了，工人的薪水由谁来垫), and an employment contract or injury at work: labour law.
    "(欠|拖欠|不发|不给)(我|俺)[^，。？?]{0,6}工资|讨薪|欠薪|劳动仲裁|劳动合同|劳动纠纷|劳动争议|工伤(?!保险)|加班费|经济补偿金|" +
    // An employee's wages held back by the boss (服务员工资被老板拖欠了去哪告, 老板克扣工钱): a labour dispute, whoever is asking.
    "(工资|薪水|薪资|工钱|薪酬)[^，。？?]{0,4}(被|给|让)[^，。？?]{0,8}(拖欠|欠|克扣|扣|拖着|压着)|(老板|老板娘|雇主|东家|包工头)[^，。？?]{0,6}(拖欠|欠|克扣|扣|拖着|压着|不发|不给|没发|没给)[^，。？?]{0,8}(工资|薪水|薪资|工钱|薪酬)|" +
    "(工资|薪水|薪资|工钱|遣散费)[^，。？?]{0,6}(谁来|谁|找谁)(付|给|发|出|赔|垫|负责|要)|(工资|薪水|薪资|工钱|遣散费)[^，。？?]{0,6}(怎么|咋|如何|能不能|能)(要|讨|追)(回|得回)?",
    // A neighbour's damage to settle between the two (隔壁装修震裂了墙，他不认账): a private dispute.
    "(找谁|让他|叫他|要他|让她|叫她|让对方|叫对方|让人家)赔|(他|她|对方|人家)不认账",
    // A landlord's rent, deposit or eviction (房东要涨租金, 押金不退): a private lease between the two.
    "(房东|二房东)[^，。？?]{0,12}(涨|不退|扣|赶|让我搬|叫我搬|收回)|(涨|不退|扣|退)(房租|租金|押金)",
    // 欠费停暖, 欠着费会不会断气: a bill in arrears and the supply cut for it are the utility's own billing.
    "(?<![接通装拉报])(电|水|燃气|天然气|气|暖气|取暖|供暖|采暖|物业|话|网)费(?!用)|欠费|欠着费|(欠|没交|不交)[^。？?]{0,6}(会不会|会|要|就)[^，。？?]{0,6}(停|断|掐|拉闸)(暖|电|水|气|网|供)|充值|没(气|电|水)了|报销|补办|补领|挂失|登报声明|(丢|遗失|弄丢|找不到)[^，。？?]{0,10}(登报|声明作废)|(丢|遗失|弄丢|找不到)[^，。？?]{0,8}(怎么|咋|如何|能不能|去哪)?补|(丢|遗失|弄丢|找不到)[^。？?]{0,10}(重新|再)(领|办|申请|开)|(执照|证照|证书|证件|许可证|公章|印章|章子|发票|副本|正本|原件)[^，。？?]{0,6}(烂|破损|损坏|损毁|弄坏|撕坏|撕破|撕烂|泡坏|烧坏|烧毁|毁了|污损|弄脏|褪色|模糊)[^。？?]{0,12}(补|重新|换)|(公章|印章|章子|执照|营业执照|发票|证件|证)(丢了|遗失了|弄丢了|找不到了|掉了)(?![^。？?]{0,16}电子(营业)?(执照|证照|证))|找工作|求职|找份工作|找个工作|工作机会|简历",
  ].join("|"),
);
// 社保关系在昌吉，能在克拉玛依办不: insurance moved between places is the policy's cross-region service (第40条).
// A family matter asked to be done across regions (巴郎子在外地上学，社保能跨省办不) is 第40条's 跨省通办.
// (把户籍地甘肃的医保手续办了: a matter of the asker's home province done here.)
const DONE_ACROSS_REGIONS = /跨省|跨区域|跨地区|异地办|通办|(老家|外地|外省|原籍|户籍地)[^，。？?]{0,6}的[^，。？?]{0,6}(事|业务|手续)[^，。？?]{0,3}办/;
// A driving licence or passport done across regions (驾照换证能跨省通办不): 第40条 names 教育、社保、医疗、企业登记, never one's own licence.
const PERSONAL_LICENCE = /驾照|驾驶证|行驶证|护照|签证|通行证/;
// Public housing the asker applies for, wherever their insurance is paid.
const HOUSING = /公租房|廉租房|保障房|保障性住房|经济适用房/;
const acrossRegions = (question: string) => impliedWords(question).some((w) => asksAcrossRegions(w, question));
// A home's landlord, tenant or owner (房东不退押金); with a business in the question (租客打算拿我的门面注册公司) it is the policy's 住所.
const HOME_PARTIES = /业主|房东|租客|租户/;
// (新楼盘…业主要闹: a developer's buyers are its customers.)
// (我是业主，门面房想通燃气, 房东这边房子土地登记几天: a service the policy gives a building, its registration or a utility connected, is asked of it too.)
// (审图、测绘这些中介，业主能不能指定: a building project's owner, who hires designers, surveyors and builders, is a business's client.)
const BUSINESS_CONTEXT = /审图|测绘|勘察|监理|施工(单位|方|队|许可)|招标|投标|中标|甲方|乙方|承包|分包|中介机构|中介服务|公司|企业|注册|执照|经营|店|馆|厂|摊|门面|铺|办公|生意|买卖|楼盘|项目|工程|工地|开发商|登记|报装|(接|通|装|拉)(燃气|天然气|暖气|自来水|电|水|气|暖)|(供|用)(电|水|气|暖)/;
// How long until, or when (施工许可多久能批下来): the time a service takes, which the policy states; whether it is approved is not asked.
const WHEN_ASKED = "(多久|多长时间|多少天|几天|几日|几个工作日|多少个?工作日|什么时候|啥时候|几时|何时|哪天)(才|就)?";
// A prediction about one's own case (who wins, how a court rules, whether a penalty stands).
// (能贷个五十万出来吗, 能批下来二十万不: whether the asker gets a sum is the lender's or the office's decision.)
const OUTCOME = new RegExp(
  [
    String.raw`(能|可以|能不能|可不可以)(贷|借|批|拿)(个|到|出|下来)?[一二两三四五六七八九十百千万几\d]+(万|千)(块|元)?|能打赢|打得赢|(?<sued>[告打])(能|得|不能|不)\k<sued>?赢|能告赢|告得赢|能赢吗|能赢不|能不能赢|赢不赢|会赢吗|会不会输|赢面|胜诉率|胜算|会判|能判|怎么判|判多少|能撤销|能不能撤销|会不会撤销|撤得掉|(要不要|需不需要|用不用|会不会|该不该)(还债|还钱|赔钱|赔偿|担责|承担|坐牢)|(会不会|会|要)[^，。？?]{0,4}(坐牢|判刑|被判|拘留|吃官司)|(赢|胜诉|打赢)的(可能|机会|把握)|(?<!${WHEN_ASKED})(能不能|能|会不会|可不可以)(批|通过|审批通过)(得)?(下来)(吗|不)?|(?<!${WHEN_ASKED})批得下来|(你|您)(估计|预测|判断|猜)(一下|下)`,
    // 营商环境评价能排进前三不, 会不会挤进全区前十: a place in a ranking to come is a prediction the text never makes
    // (在42条里排第几 asks a measure's number: no ranking to come).
    "(能|会|可以|能不能|会不会|能否|有望|争取|可能)[^，。？?]{0,4}((?<!队)排|挤|冲)(进|到|上|入|在)?(了)?[^，。？?]{0,6}(前|第)[一二两三四五六七八九十几\\d]+(名|位)?(?![^，。？?]{0,2}(的|条|项|个|号|阶段|批|步))|(能|会|可以|能不能|会不会|能否|有望|争取|可能)[^，。？?]{0,4}进(入)?(全区|全疆|全国|自治区|全省)?前[一二两三四五六七八九十几\\d]+(名|位)?(?![^，。？?]{0,2}(的|条|项|个|号|阶段|批|步))",
    // 打官司谁能赢, 哪一方占理, 会不会败诉: which party wins one's own dispute.
    "(会|会不会|能不能|可能|容易)败诉|败诉的?(可能|风险|概率|几率)|谁[^，。？?]{0,3}(赢|胜诉|占理|有理|理亏)|(哪方|哪一方|哪边)[^，。？?]{0,4}(赢|胜诉|占理|有理|理亏)|(官司|诉讼|仲裁)[^，。？?]{0,6}(打|判)得?(赢|输)",
    // 股份该怎么分, 家产咋分割: how one's own shares or assets are split between the parties is their dispute's outcome.
    "(股份|股权|股本|财产|家产|资产|家当|利润|分红|收益)[^，。？?]{0,4}(该|应该|应当|要|得)?(怎么|咋|如何|怎样)(分|划分|分配|分割)(?![类级期批开])",
  ].join("|"),
);

// 我这店…会不会被关掉, 我们厂会不会被查封, 俺的摊子会被取缔吗: whether one's own business is shut is the enforcing office's decision on
// the case. (A first or minor slip, 第一次违规会不会被关停, is the policy's 免罚 and 慎用强制措施, 第34条; so is a plea, 能不能别一上来就贴封条.)
const SHUT = /((会不会|会|是不是要|是不是会|是否会|可能会|怕)(被|给|让)[^，。？?]{0,5}?|(会不会|会|是不是要|是不是会|是否会|可能会)(直接|马上|立马|就)?)(关掉|关停|关门|关了|封掉|封了|封店|查封|取缔|吊销|勒令停业|责令停业|停业整顿|拆掉|拆了|强拆|停掉|叫停)/;
const OWN_BUSINESS = /我|俺|咱|本公司|本店|本厂/;
const FIRST_SLIP = /轻微|首次|初次|第一次|头一次|头一回|初犯|首违|小问题|小毛病|小错/;
// 去年被罚了五百元，还能返还吗, 罚款交了还能要回来不: getting one's own fine back is how one's own case ends. (乱罚款 is the policy's
// 查处乱罚款, 第21条; 诉讼费 refunded by the court is its 一站式退费.)
const FINE_REFUNDED = /(罚款|罚金|罚的|罚了|被罚)[^。？?]{0,12}(退|退回|退还|返还|要回|拿回|讨回|追回)(来|回来)?(吗|不|么|嘛|没|[？?]|$)|(退|退回|退还|返还)[^，。？?]{0,6}(罚款|罚金)/;
const UNLAWFUL_FINE = /乱罚|乱收费|违规罚/;
// 我们被罚了五千块，你看能不能给免了: asking to have one's own fine let off is how one's own case ends, the enforcing office's to decide.
// (A first or minor slip, 第一次轻微违规被罚了能免吗, is the policy's 依法免罚, 第34条.)
const FINE_WAIVED = /(罚款|罚金|罚单|罚的|罚了|被罚)[^。？?]{0,16}(能不能|能否|可不可以|可否|能|可以|帮|给)(给|帮)?(我|我们|俺|咱)?(免|免掉|免了|免除|减免|少罚|少交|撤|撤销|取消|抹|不交|不罚)/;
// 我公司去年亏了…那个贷款我能贷到不: whether one's own business, in a standing the policy never speaks of (losses, debts, arrears), gets a
// loan is the lender's decision on the case. (没有抵押物能贷到吗 is the policy's 信用贷款: no collateral is what those measures answer.)
const OWN_STANDING = /(我|我们|俺|咱|本公司|我司)[^。？?]{0,8}(亏了|亏损|亏本|赔了|赔钱|负债|资不抵债|欠税|欠着税|欠了税|逾期|欠着贷款|流水(少|不够|不好|太低))/;
const LOAN_OBTAINED = /(能|可以|能不能|可不可以|可否)(贷|借)(到|下来|得到|得下来|出来)(款|钱)?(吗|不|么|嘛|没|呢|[？?]|$)|(贷|借)(得到|得下来|不到|不下来)(吗|不|么|嘛)?/;
const ownLoanJudged = (q: string) => OWN_STANDING.test(q) && LOAN_OBTAINED.test(q);
const ownBusinessShut = (q: string) => SHUT.test(q) && OWN_BUSINESS.test(q) && !FIRST_SLIP.test(q);
const ownFineRefunded = (q: string) => FINE_REFUNDED.test(q) && !UNLAWFUL_FINE.test(q);
const ownFineWaived = (q: string) => FINE_WAIVED.test(q) && OWN_BUSINESS.test(q) && !FIRST_SLIP.test(q) && !UNLAWFUL_FINE.test(q);

// Whether the asker answers for a company's debts with their own money (破产以后我个人要不要替公司还债, 股东要不要承担连带责任): a legal
// judgement of one's own case; the policy speaks of the company in bankruptcy, never of its owners' liability.
const FOR_COMPANY_DEBT = "(替|帮|给|为)(公司|企业|厂子|厂|店)[^，。？?]{0,4}((还|偿还|偿|背)[^，。？?]{0,2}(债|钱|款|账)|担责|承担|兜底|赔)";
// (我给公司还贷款，能延期吗: paying for the company, no liability asked.)
const PERSONAL_LIABILITY = new RegExp(
  `(我|俺|本人|个人|股东|法人|法定代表人|老板|家里人|家属)[^，。？?]{0,6}(要不要|需不需要|用不用|会不会|该不该|得不得|是不是(要|得))${FOR_COMPANY_DEBT}|` +
    `(个人|本人|股东|法人|法定代表人|老板|家里人|家属)[^，。？?]{0,6}(还得|还要|要|得|需要|必须)${FOR_COMPANY_DEBT}|` +
    "(个人|股东|法人|法定代表人|老板)[^，。？?]{0,6}(承担|担|负|背)[^，。？?]{0,4}(连带|无限)|连带(清偿)?责任",
);

// 公司破产了，我个人的房子会被收走不: whether the owner's own home, car or savings go to the company's debts is a judgement of their own case at law;
// the policy's 第30条 speaks of the company in bankruptcy, never of what its owners keep.
const OWN_ASSETS_TAKEN = /(我|俺|本人|个人|股东|老板|法人|家里)(的|家)?(个人)?(的)?(房子|房产|住房|车子|车|存款|积蓄|家产|财产|工资卡|银行卡)[^，。？?]{0,6}(会不会|会|要不要|是不是(要|会)|可能|怕)(被|给)?[^，。？?]{0,4}(收走|拿走|没收|查封|冻结|拍卖|抵债|执行|划走|收回|搭进去|赔进去|拿去)/;

// Invoices handled day to day (开票额度不够怎么提额, 一次能领多少份专票, 注销时没用完的发票怎么处理, 开错了怎么红冲): the policy names
// 发票申领 only as a step of opening a company (第1条), never a quota, a count or what is done with an invoice issued.
const INVOICE = /发票|开票|专票|普票/;
// (领发票要复印几份材料 counts papers, not invoices.)
const INVOICE_ROUTINE = /不够(用|开)|额度|限额|提额|增额|增量|增版|升版|(多少|几)(份|张|本)(?![^，。？?]{0,3}(材料|资料|证明|复印件|申请|表))|代开|红冲|冲红|红字|作废|缴销|验旧|没用完|用不完|没开完|用剩|税控|税盘|开票(软件|系统|设备)|金税|ukey|数电|全电|抵扣|勾选|开错/i;
const ENGLISH_INVOICE_ROUTINE = /\binvoic(e|es|ing)\b[^.?!]{0,30}\b(quotas?|limits?|caps?|void(ed|ing)?|cancel(led|ling)?|reverse|reversal|red-letter)\b|\b(quotas?|limits?)\b[^.?!]{0,20}\binvoic(e|es|ing)\b/i;

// 我们饭馆门口多摆了两张桌子，这个够不够得上不罚的轻微违规: an act told, asked whether it counts as a minor violation (the one the policy
// spares a fine), is a judgement of one's own case; the policy names 轻微违法 without saying which acts are. (这类轻微违规能不能免于处罚
// takes the act as minor and asks the rule; 哪些行为算轻微违法 asks for the list; 这算不算违规 of a tender's terms asks the policy's rule.)
// (小毛病, 小问题: the same said plainly.)
const VIOLATION = "(轻微|小|首次|初次|第一次|头一次|头一回)(的)?(违法|违规|违章)|轻微(的)?(问题|情形|情节|过错)?|小错|小毛病|小问题|小过错|小过失|初犯|首违";
const OWN_ACT_JUDGED = new RegExp(
  `(这|那)(种|样|个|次)?(情况|行为|事|问题|做法)?((算不算|属不属于|够不够得上|够不够|够得上|是不是|是否)(属于|算|算是|构成)?|(还)?能不能算)[^，,。？?]{0,10}(${VIOLATION})|` +
    `(这|那)(种|样|个|次)?(情况|行为|事|问题|做法)?(也)?(算|算是|属于|构成)[^，,。？?]{0,10}(${VIOLATION})[^，,。？?]{0,2}(吗|么|嘛|不|没|呢)`,
);

// 我们厂停工大半年了，这算僵尸企业吗, 我们店十个人算小微企业吗: whether the asker's own business counts as a kind the policy names is a
// judgement of their own case; the policy names 僵尸企业 or 小微企业 without a test to apply. (Asked beside what the kind is, 僵尸企业是怎么
// 界定的？我们厂算不算, the measure's words on it answer; 是不是中小企业才能… asks who qualifies, the kind ending no question; 我们算普惠小微
// 企业，… says what the asker is.)
const KIND_OF_BUSINESS = "僵尸企业|小微企业|小型企业|微型企业|中小企业|危困企业|困难企业|高新技术企业|专精特新|大中型企业|普惠小微";
const OWN_KIND_JUDGED = new RegExp(
  `(我|我们|俺|咱|本)(家|的)?(公司|企业|厂|店|单位|合作社)?[^。？?]{0,20}((算不算|属不属于|属于不属于|是不是|够不够|够得上|够不上|符不符合|能不能算|能算|还算)[^，。？?]{0,4}(${KIND_OF_BUSINESS})(?=[吗么嘛呢啊呀不没]*([，,。？?！!\\s]|$))|(算|算是|属于)[^，。？?]{0,4}(${KIND_OF_BUSINESS})(?=[吗么嘛呢不没]|[？?]))`,
);
// (我们用电100千瓦，算不算小微企业: 第11条 draws that line itself, in kilowatts.)
const LINE_DRAWN = /千瓦|kw|用电|接电|供电|报装/i;
// (我们算小微企业吗，能贷款不: another clause asks what the policy holds, and is answered.)
const KIND_NAMED = new RegExp(KIND_OF_BUSINESS);
const asksBesidesKind = (question: string) => question.split(/[，,。？?！!；;]/).some((c) => c.trim() && !KIND_NAMED.test(c) && clauseAsks(c));
const ASKS_WHAT_KIND_IS = /怎么界定|如何界定|界定标准|怎么认定|如何认定|认定标准|(什么|啥)(是|叫)|是(什么|啥)|标准是|定义|怎么算|怎么判断|怎么处理|咋处理|如何处理/;

// Whether the asker gets their money back from the other side of a deal (甲方扣了质保金…我能要回来不, 押金要得回来吗): how their own
// dispute ends. (Money a government office or state firm owes a business is the policy's 不得违约拖欠, 第25条; 退回来, money refunded
// by a court, is its 一站式退费.)
const RECOVERS = /(我|我们|俺|咱)[^，。？?]{0,6}(能|可以|能不能|可不可以|有没有可能)?(要|讨|追|拿)(得)?回(来)?(吗|不|么|嘛|没|[？?]|$)|(要|讨|追|拿)得回来|(能|能不能)(要|讨|追|拿)回(来)?(吗|不|么|嘛)?/;
const PUBLIC_DEBTOR = /政府|机关|事业单位|国企|国有|街道|社区|部门/;

/**
 * @param asked the clauses that ask, when a long message tells a story around a question naming a topic of its own
 *   (…投诉家里暖气一直不热…，12345热线回复有没有规定): the asker's household, a crowd or another year in the story
 *   is the scene, not what is asked. Wrongdoing, a personal case or a task anywhere in the message still counts.
 * @param context the question a swap (那伊犁呢) replaces a part of: places swapped into a cross-region question are what it asks about.
 */
export function outOfScope(question: string, analyzer: TextAnalyzer, documentYears: number[], asTyped = question, asked = question, context = ""): OutOfScope | null {
  if ((WRONGDOING.test(question) && !SUSPECTED.test(question)) || ENGLISH_WRONGDOING.test(asTyped)) return "wrongdoing";
  // 报上去都半个月了还没办成…该去哪投诉: one's own application overdue, asking where to complain (not asking to look into it), is asked of the policy.
  const complaint = complainsOfOverdue(question) && !LOOK_INTO.test(question) && !/帮我|帮忙/.test(question);
  if ((PERSONAL_CASE.test(question) && !complaint) || (LOOK_INTO.test(question) && OWN_APPLICATION.test(question)) || (OWN_MONEY_ARRIVES.test(question) && OWN.test(question) && !OWED_BY_PUBLIC.test(question)) || ENGLISH_PERSONAL_CASE.test(asTyped)) return "personal-case";
  if (TASK.test(question) || WRITE_UP.test(question) || ENGLISH_TASK.test(asTyped) || TRANSLATION_REQUEST.test(asTyped)) return "task";
  if (
    (HOUSEHOLD.test(asked) && (!DONE_ACROSS_REGIONS.test(question) || PERSONAL_LICENCE.test(asked))) ||
    HOUSING.test(asked) ||
    (HOME_PARTIES.test(asked) && !BUSINESS_CONTEXT.test(question)) ||
    (REPAIR.test(asked) && !/信用/.test(question)) ||
    (FAMILY_INSURANCE.test(asked) && !NEWBORN.test(question)) ||
    (INSURANCE.test(asked) && !INSURANCE_IN_POLICY.test(question) && !acrossRegions(question) && !DONE_ACROSS_REGIONS.test(question))
  )
    return "household";
  if (ENGLISH_HOUSEHOLD.test(asTyped)) return "household";
  if (OUTCOME.test(question) || PERSONAL_LIABILITY.test(question) || (OWN_KIND_JUDGED.test(question) && !ASKS_WHAT_KIND_IS.test(question) && !LINE_DRAWN.test(question) && !asksBesidesKind(question)) || OWN_ACT_JUDGED.test(question) || (RECOVERS.test(question) && !PUBLIC_DEBTOR.test(question)) || ownBusinessShut(question) || ownLoanJudged(question) || ownFineRefunded(question) || ownFineWaived(question) || OWN_ASSETS_TAKEN.test(question)) return "outcome";
  if ((INVOICE.test(asked) && INVOICE_ROUTINE.test(asked)) || ENGLISH_INVOICE_ROUTINE.test(asTyped)) return "invoicing";
  if (PROMISE.test(question)) return "promise";
  if (INTERNAL.test(question.replace(UNDERGONE, "，")) || TARGET_MET.test(question) || STEP_TAKEN.test(question) || ABOUT_THE_DOCUMENT.test(question) || ENGLISH_INTERNAL.test(asTyped)) return "internal";
  if ((OPINION.test(question) && !BID_CONDITION_SET.test(question)) || (RANKING.test(question) && (!COMPARES_NAMED.test(question) || PROVIDERS_COMPARED.test(question)) && !(ranksTimeLimits(question) && !PROVIDER.test(question)))) return "opinion";
  if (LIVE_STATUS.test(asked) || OFFICE_MOVED.test(asked)) return "live-status";
  if (mentionsOtherYear(asked, documentYears)) return "other-year";
  if ((OTHER_LEVEL.test(question) && !OWN_LEVEL.test(question)) || FOREIGN_EXCHANGE.test(asked) || ENGLISH_FOREIGN_EXCHANGE.test(asTyped) || SAFE_NAMED.test(asTyped)) return "other-level";
  if (FIRST_ELSEWHERE.test(question)) return "other-place";
  if (!elsewhereTold(question).length && mentionsOtherPlace(question, analyzer, CROSS_REGION.test(context) || ((LODGED_ELSEWHERE.test(question) || MATTER_THERE.test(question)) && acrossRegions(question)))) return "other-place";
  return null;
}

// 国务院条例里的时限, 自治区的考核标准是多少, 全国一共有多少项: what another level of government has set itself, which this city's
// text does not state; 自治区层面的…如何考核 names that level's own rules. (自治区的平台会对接吗, 克拉玛依怎么落实自治区的办法: what this city does with it is this policy's.)
const OTHER_LEVEL = /(国家|全国|自治区|国务院|国家税务总局|中央)(层面|一级)?[^，。？?]{0,16}(条例|考核标准|标准是|一共(有)?多少|清单里|规定(是|了)|怎么规定)|(国家|全国|自治区|国务院|中央)(层面|一级)[^，。？?]{0,24}(如何|怎么|怎样|咋)(考核|规定|评价|执行|要求)/;
// 这个做法最早是哪个城市搞出来的: where a reform began, another place's history the text does not tell.
const FIRST_ELSEWHERE = /最早[^，。？?]{0,6}(哪个|哪)(省|省份|市|城市|地方|国家)|(哪个|哪)(省|省份|市|城市|地方|国家)[^，。？?]{0,4}(发明|首创|最早|率先|先搞)/;
// Foreign exchange and money sent abroad (利润汇出, 外汇登记, repatriate profits, a SAFE registration): national rules of the foreign
// exchange administration, which the city's text does not touch. (SAFE in capitals names the administration; it is safe to… does not.)
const FOREIGN_EXCHANGE = /外汇|结汇|购汇|售汇|换汇|汇出境外|汇往境外|汇回国|(利润|分红|股息)[^，。？?]{0,6}(汇出|汇回|出境|转到境外)/;
const ENGLISH_FOREIGN_EXCHANGE = /\b(foreign exchange|forex|fx (registration|quota|control)s?|repatriat(e|es|ed|ing|ion)|currency (conversion|controls?|exchange)|capital controls?|cross-border (payments?|remittances?|transfers?)|remit(s|ted|ting|tance|tances)?\b[^.?!]{0,30}\b(abroad|overseas|out of china|parent|headquarters|home country))\b|\b(send|transfer|move|wire|take) (our |its |the |my )?(profits?|dividends?|earnings|capital) (abroad|overseas|out of china|home|back)\b/i;
const SAFE_NAMED = /\bSAFE\b/;
const OWN_LEVEL = /克拉玛依|本市|我市|咱们市|市里|这份|咱这|咱们这|落实|对接|打通|数据/;

// 我明年退休, 公司后年要扩建, 羊缸子明年退休, (帮我妈问) 她明年退休: the asker's own (or their family's, or the person
// they ask for) plan for next year, not a policy of another year.
// 明年打算开个农资店, 后年准备扩建, 明年重新开一家: a plan for that year, whoever is not named (明年重新出台的政策 is a policy of that year).
const OWN_PLAN = new RegExp(
  `(我|俺|我们|咱|他|她|他们|她们|人家|公司|企业|厂|店|孩子|老伴|老婆|媳妇|爱人|老公|儿子|女儿|父母|爸|妈|羊缸子|巴郎子|丫头子)[^，。？?]{0,4}(${FUTURE_YEAR.source})|(${FUTURE_YEAR.source})(我|我们|俺|咱|咱们)?(打算|准备|计划|想|预备|要开|要办|要建|重新(开|办|注册|申请|建)|再开|再办|再建|再申请)` +
    // (明年扩建仓库, 后年新盖厂房, 明年搬厂: what the asker's business will do that year, a plan, unlike what a policy does, 明年出台, 明年开始执行.)
    `|(${FUTURE_YEAR.source})(要|想|得|还要|也要)?(扩建|新建|改建|扩产|扩大|新盖|盖|装修|搬迁|搬厂|搬家|迁址|开工|动工|投产|新开|开分店|开店|开厂|招人|招工|买地|买厂房|租厂房|租房|拿地|上项目|新上)`,
);

// 成立于2015年, 2018年开的店: a year of the asker's own past dates the business, not a policy.
const FOUNDED = /(成立|注册|开业|创办|开办|创立|开张|落户|入驻)(于|在)?(20\d{2})年|(20\d{2})年(就)?(成立|注册|开业|创办|开办|创立|开张|落户|入驻|开的)/g;

// 有人说得推迟到明年才开通: something of this policy said to be late, a claim about its dates, not another year's policy.
const DELAYED_TO = new RegExp(`(拖|推迟|推|延|延期|延迟|延后|等|挪)(到|至)(${FUTURE_YEAR.source})`);

// 去年有没有出类似的措施, 前年的方案: a policy of a year before this one (去年开的店, 去年参加招标，文件要求… is the asker's own past).
const PAST_POLICY = /(去年|前年|上一年)(的|那份|那个)(措施|政策|文件|方案)|(去年|前年|上一年)[^，,。？?]{0,8}(有没有|有|出|出台|发布|印发)(过|了)?[^，,。？?]{0,12}(措施|政策|文件|方案)/;

// A two-digit year opening a clause or after 在/到/从/是/于, or told as heard (听说25年, 据说24年, 网上传…), followed by what a year dates (出, 的措施,
// 还有没有), not by 了/多/来/以上/前 nor by a founding (18年开的店).
const SHORT_YEAR = /(^|[，,。？?！!、\s]|在|到|从|是|于|那|说|讲|传|闻)([12]\d)年(?!了|多|来|前|以上|以下|以内|间|左右|的时间|的经验|工龄|的老|老|(就)?(成立|注册|开业|创办|开办|创立|开张|落户|入驻|开的|开了|办的|干的))(?=[^，,。？?]{0,20}(措施|政策|文件|方案|版|出|新|还|有没有))/g;

// 今年23年了，有没有新的措施; 现在都24年了: the year it is now, told in two digits at a clause's start, before a policy is asked for
// (我开店今年23年了 counts the asker's years: 今年 is not what the clause opens with).
const NOW_SHORT_YEAR = /(^|[，,。？?！!、\s])(今年|现在|如今|眼下)(是|都|已经|就|也)*([12]\d)年(?=[^。？?]{0,24}(措施|政策|文件|方案|版|新|有没有))/g;

// 今年新的营商环境措施跟这42条比改了啥，出来了没; 又出了一版新的: a newer document than this one, set beside it or asked whether it is out
// (出台新政策前能提意见吗 asks this policy's own 第20条: no newer document named).
const NEWER_POLICY = /(今年|新一轮|最新|新版|新一版|下一版|下一轮|新出)(的)?(新)?(的)?[^，,。？?]{0,8}(措施|政策|文件|方案)[^。？?]{0,24}(改了|变了|变化|不同|区别|差别|出来了没|出了没|出台了没|发布了没|出来没|有没有出)|(有没有|是不是又?|又)(出)?(了)?(一版|新版|更新版|新的一版)/;

// 二三年, 二〇二三年, 二零二三年: a year written in Chinese digits, read as figures (一两年 or 十二年 count years: 两 and 十 are no digits of a year).
const CHINESE_YEAR = /(?<![零〇一二两三四五六七八九十百千几])([零〇一二三四五六七八九]{4}|[一二][零〇一二三四五六七八九])(?=年)(?!年(内|之内|里|多|左右|以上|以下|以内))/g;
const inFigures = (question: string) => question.replace(CHINESE_YEAR, (numeral) => String(chineseNumber(numeral) ?? numeral));

function mentionsOtherYear(typed: string, years: number[]): boolean {
  const question = inFigures(typed);
  if (FUTURE_YEAR.test(question) && !OWN_PLAN.test(question) && !DELAYED_TO.test(question)) return true;
  if (PAST_POLICY.test(question) || NEWER_POLICY.test(question)) return true;
  // (成立于18年, 18年开的店: the asker's own past, as with four digits.)
  const dated = question.replace(FOUNDED, "，").replace(/(成立|注册|开业|创办|开办|创立|开张|落户|入驻)(于|在)?[12]\d年/g, "，");
  const explicit = matchesOf(dated, /(20\d{2})(年|版)/g).map((m) => Number(m[1]));
  // 23年出的新政策, 到了24年还执行吗: a year in two digits dating a policy, not a count of years (干了23年, 23年了, 23年多).
  const short = matchesOf(dated, SHORT_YEAR).map((m) => 2000 + Number(m[2]));
  const now = matchesOf(dated, NOW_SHORT_YEAR).map((m) => 2000 + Number(m[4]));
  return [...explicit, ...short, ...now].some((y) => !years.includes(y));
}

// 社保关系在河南，这边能办不: a matter lodged in another province (在河南, 挂在甘肃), asked to be done here, is the cross-region service, as a
// swap into one is. (从四川迁到这边要办啥: a move from there asked about stays that place's.)
const LODGED_ELSEWHERE = new RegExp(`(?<!从[^，。？?]{0,6})(在|挂在|落在|留在|交在)(${OTHER_PLACES.join("|")})`);

// 伊犁的事, 塔城那边要办的事, 哈密那边的社保手续: a matter of another place, asked to be done here, is the cross-region service as one lodged there is.
const MATTER_THERE = new RegExp(`(?<!从[^，。？?]{0,6})(${OTHER_PLACES.join("|")})(那边|那里|那儿)?(要办|要交)?的[^，。？?的]{0,4}(事|手续|业务)`);

const PLACE_SUFFIX = /(省|市|县|区|州|盟|地区|自治州|新区)$/;

/** 哈密 is a place, 哈密瓜 a melon: a name inside a longer word counts only as a place's own name (哈密市, 哈密地区). */
function namesOtherPlace(question: string, analyzer: TextAnalyzer): boolean {
  const named = namesIn(question, OTHER_PLACES);
  if (!named.length) return false;
  const words = analyzer.keywords(question);
  return named.some((p) => !words.some((w) => w !== p && w.includes(p) && !PLACE_SUFFIX.test(w)));
}

// 上海办执照的手续跟克拉玛依有啥区别: another place's rules set beside ours, which this policy does not state.
// (和深圳的政策做对比: 对比 sets them beside each other too.)
// (别的城市也这样吗: whether it holds there too.)
const COMPARED = /一样|相同|不同|区别|差别|差不多|相比|比较|对比|比(我们|咱们|这边|这里|克拉玛依)|也(都)?(是)?(这样|这么(办|快|规定)?|适用)/;

// 其他城市, 别的地方 set beside ours: places not named, whose rules the policy does not state either (其他地州 alone may be 疆内通办).
// (克拉玛依以外的地方, 本市之外: everywhere else.)
const UNNAMED_PLACES = /(其他|其它|别的|周边|邻近|外地)(城市|地方|地区|地州|县市|省份|省区)|(克拉玛依|本市|我市|这里|这边)(以外|之外)/;

// 我们乌鲁木齐来的, 从哈密过来: where the asker comes from, not where the rules asked about apply. (从北京回来创业, 刚从上海搬回克拉玛依:
// come back or moved from there, 从 saying so.)
// (从浙江把厂子搬过来，…, 从哈密迁来的企业: a business moved here from there, told, the same; not 从浙江迁进来得办哪些证照, the move asked about.)
const ORIGIN = new RegExp(`(从)?(${OTHER_PLACES.join("|")})(市|那边|那儿)?(来的|过来的|过来|来这|来咱)|从(${OTHER_PLACES.join("|")})(市|那边|那儿)?(回来|回到|回|搬回|搬来|搬到|搬过来|调回|调来|调到|返回|来)|从(${OTHER_PLACES.join("|")})(省|市|那边|那儿)?[^，。？?]{0,8}?(迁|搬|挪)(过来|来|进来|到[^，。？?]{1,6}?|入)(了)?(?=的|[，,。？?！!\\s]|$)`, "g");

// 我们人在台湾…能不能在网上打官司: where the asker is, asking to do it here from afar, is no other place's rules.
const AWAY = new RegExp(`(我|我们|俺|本人|人)(现在|目前|人)?(在|身在)(${OTHER_PLACES.join("|")})(市|那边|那儿)?`, "g");
const FROM_AFAR = /网上|线上|网络上|网路上|远程|不见面|不用跑|全程网|在线|异地/;

// 乌苏啤酒, 吐鲁番葡萄干, 阿克苏苹果: a product named for where it comes from, sold here, not where the business is.
const PLACE_PRODUCT = new RegExp(`(${XINJIANG_PLACES.join("|")})(啤酒|葡萄干|葡萄|白杏|红枣|大枣|苹果|香梨|玉石|玉|羊肉|牛肉|瓜|棉花|辣椒|番茄|枸杞|薰衣草|蜂蜜|核桃|巴旦木|石榴|特产)`, "g");

// The ends of the place names jieba's tags are trusted for (广东省, 喀什地区 not).
const TAGGED_SUFFIX = /[省市县州盟]/;
const TAGGED_PLACE = /.{2,}[省市县州盟]$/;

function mentionsOtherPlace(typed: string, analyzer: TextAnalyzer, acrossRegions: boolean): boolean {
  const away = FROM_AFAR.test(typed) ? typed.replace(AWAY, "") : typed;
  const question = away.replace(ORIGIN, "").replace(PLACE_PRODUCT, "");
  const namesOther = namesOtherPlace(question, analyzer);
  if ((namesOther || UNNAMED_PLACES.test(question)) && COMPARED.test(question)) return true;
  if (acrossRegions || HOME_PLACES.test(question) || CROSS_REGION.test(question)) return false;
  if (namesOther) return true;
  // Jieba tags many non-places ns (上市, 新建); trust it only for names with a place suffix (a question with none is not tagged).
  return (
    TAGGED_SUFFIX.test(question) &&
    analyzer
      .tag(question)
      .some(({ word, tag }) => tag === "ns" && TAGGED_PLACE.test(word) && !FRAME_PLACES.has(word) && !HOME_PLACES.test(word))
  );
}
