import { parseNumber } from "./chinese-numbers.js";
import { departmentsByShortForm } from "./department-short-forms.js";
import { TRANSLATION_REQUEST } from "./scope.js";
import { botAskedAmidChat, smallTalkTopic, withoutBotQuestions, thanksTellingBack, type SmallTalkOptions, type SmallTalkTopic } from "./small-talk.js";
import { matchesOf } from "./matches.js";
import { namesIn, namesInOnceReplaced } from "./names-in.js";

/** What a message asks for, decided before any search. */
export type Intent =
  | { kind: "empty" }
  | { kind: "unclear" }
  | { kind: "smalltalk"; topic: SmallTalkTopic }
  | { kind: "human" }
  | { kind: "injection" }
  | { kind: "measure-number"; numbers: number[] }
  | { kind: "not-a-measure-number"; written: string }
  | { kind: "department"; departments: string[] }
  | { kind: "overview" }
  | { kind: "question" };

const NUM = "([0-9０-９]+|[零〇一二两三四五六七八九十百]+)";
// After 措施 a Chinese numeral must stand alone (措施四十二), so 措施一共有多少条 is not measure 1; digits are one or two (措施 12345 is the hotline).
// 第8的那条, 第三个措施: the ordinal said with what it counts set after it.
const MEASURE_NUMBER = new RegExp(
  `第\\s*${NUM}\\s*(?:条|项|点|(?:个|位)?的?(?:(?:那|这)一?(?:条|项)|(?:条|项)?措施))|(?:措施|条款)\\s*([0-9０-９]{1,2}(?![0-9０-９])|[零〇一二两三四五六七八九十百]+(?=条|[，,。？?！!\\s]|$))`,
  "g",
);
// 措施里排第8的, 42条当中排在第三的: a place in the order of the measures (全疆排第一 ranks a city: the measures are named before it;
// 排在第三位的措施 names them after it, read above).
const RANKED = new RegExp(`(?:措施|条款|条目|42条|四十二条)(?:里|中|当中|里面|里头|之中)?(?:排|排在|排名)第\\s*${NUM}(?![0-9０-９零〇一二两三四五六七八九十百])`, "g");
// 第-1条 and 第负一条 ask for a measure that cannot exist; 第4.5条 and 第四点五条 for one that is not a number at all.
const NEGATIVE_MEASURE = new RegExp(`第\\s*(?:-|−|负)\\s*${NUM}\\s*(?:条|项)`, "g");
const FRACTIONAL_MEASURE = /第\s*([0-9]+\s*[.点]\s*[0-9]+|[零〇一二两三四五六七八九十百]+点[零〇一二两三四五六七八九十百]+)\s*(?:条|项)/;
// The bot's own people (你们领导, 你们的工作人员), and staff or a person in charge without 你们.
const THEIR_PEOPLE = "(你们|您们)(的)?(领导|负责人|主管|上级|管事的|工作人员|同事|经办人|人)";
const STAFF = "(领导|负责人|负责的人|主管|工作人员|经办人|管事的|客服)";
// Speaking to the bot's people (跟你们领导反映), meeting staff in person (当面跟负责人谈, 找工作人员当面说), or asking the bot to
// contact someone (麻烦帮我联系一下, 替我约一下): a person asked for. 领导会不会下企业 and 一把手走流程 ask about the policy's leaders.
const IN_PERSON = new RegExp(
  [
    `(跟|和|与|同|找|见|约)${THEIR_PEOPLE}[^，。？?]{0,6}(说|谈|聊|沟通|反映|讲|见面|面谈|对接|商量)`,
    `(跟|和|与|同|找|见|约)[^，。？?]{0,8}${STAFF}[^，。？?]{0,4}当面|当面(跟|和|与|同|找|见|约)[^，。？?]{0,8}(${STAFF}|你们|您们)`,
    // Someone called out to meet the asker (让首席事务代表出来见我, 叫你们主任下来跟我当面谈): a person asked for, whatever their post.
    "(让|叫|请|喊)[^，。？?]{1,10}?(出来|过来|下来|出面)(一下|一趟)?(见(我|俺)|(跟|和|同)(我|俺)(们)?(当面)?(说|谈|聊|解释|见面|沟通|对话))",
    // 一下 makes it a request to the bot (给我联系方式 asks a number); 对接 is left out, 政府帮我们对接银行 asks a measure.
    // (政府能不能帮我们联系一下银行 asks what the government does: no request to the bot.)
    "(?<!(政府|部门|局|中心|银行|单位|社区)[^，。？?]{0,6})(帮|替|给)(我|俺|咱)(们)?(联系|约|转达)(一下|下)|麻烦(你|您)?(们)?(帮忙|帮个忙)?(联系|约)(一下|下)",
  ].join("|"),
);
// A person found or sent to speak to the asker or to someone they ask for (找个人跟他直接说, 派个人给我爸打电话讲讲, 有没有人能打电话给她):
// a person asked for, for one who cannot type or read. (找人帮他办 asks who does the errand, 政府派人跟企业对接 what the government does.)
// (找个具体管这事的人给我打电话: who the person is may be said at some length; 找个领导跟我说: by rank.)
const PERSON_TO_SPEAK = /(找|派|安排|叫|来)(个|一个|位|一位)?[^，,。？?]{0,8}?(人|领导|主管|经理|管事的)[^，,。？?]{0,4}(跟|给|和|同)(我|俺|他|她|老人|老人家)(们)?[^，,。？?]{0,4}(说|讲|解释|聊|打(个)?电话|通(个)?电话|沟通)|(人|工作人员|客服)[^，,。？?]{0,4}打(个)?电话给(我|俺|他|她)/;
// (你帮我转给他们领导, 替我把这事反映给负责人: the asker's matter handed on to a person, asked of the bot.)
const HANDED_ON = "(帮|给|替)(我|俺)(把[^，。？?]{0,10})?(转给|转到|转交给?|反映给|递给|报给)(他们|你们|您们|她们|相关|有关|上面|上级)?(的)?(部门)?(领导|负责人|主管|上级|工作人员|经办人|管事的)";
const HUMAN = new RegExp(`${HANDED_ON}|` + /(转|找|联系|要|叫|接|换)(个)?(人工|真人|工作人员|客服|人来)|(转接|接通|转|接)(一下|下)[^，。？?]{0,12}(人员|值班的|客服|人工|负责人|领导)|有没有人(能|可以|会)?(跟|给|和)(我|俺|他|她)(们)?(打(个)?电话|通(个)?电话|当面)?(说|讲|解释|聊)|(跟|和|与|同|让)(人工|真人|工作人员|客服)(说|聊|沟通|对话|谈|讲|联系|处理)|(想|要|能|可以|能不能|可不可以)(直接)?(跟|和|与|同)[^，。？?]{0,10}(工作人员|客服|负责人)[^，。？?]{0,4}(通话|通(个)?电话|说|聊|沟通|对话|谈|讲|联系)|(让|请|叫)(你们|您们)?([\u4e00-\u9fff]{2,8}?的)?(个)?(人工|真人|工作人员|客服)[^，。？?]{0,6}(跟|和|给|同)(我|俺)[^，。？?]{0,3}(说|聊|沟通|对话|谈|讲|联系|回复|解答|回(个|一个)?电话|打(个|一个)?电话|来(个)?电话|致电)|^人工(服务|客服)?$|人工(服务|客服)|跟人(说|聊)|真人|(找|叫|让|请|换)(一下|下)?(你们|你们的|您们)(负责人|领导|主管|经理|上级|管事的)|(约|安排)[^，。？?]{0,12}(的人|工作人员|领导|负责人)[^，。？?]{0,4}(当面|见面|面谈|谈|聊)|(工作人员|客服|人工|你们)[^，。？?]{0,8}(加(一下|下)?(我)?(的)?(个)?(微信|qq|QQ)|一对一)|一对一(帮|辅导|指导|服务|看|对接)|有没有(人工|真人|客服|工作人员)(?!智能)|^human$|\b(talk|speak|chat) (to|with) (a |an |the )?(human|person|real person|agent|staff|operator)\b|\breal person\b|\bhuman (agent|being|operator)\b|\b(a|an actual|a real) human\b|\blive (agent|person|support)\b/.source, "i");
// A complaint against one person the asker points at (姓王的办事员, 张科长, 李师傅, 那个专管员), or a report aimed at him or her (我要投诉她,
// 实名举报他): a matter for staff, not a measure. (被工作人员刁难了找谁投诉 and 投诉他们单位 complain of a service: answered as before.)
const SURNAME = "[王李张刘陈杨赵黄周吴徐孙胡朱林何郭马罗梁宋郑谢韩唐冯董曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶潘杜戴夏钟汪姜姚谭廖邹熊陆郝孔崔毛邱秦顾侯邵孟雷汤尹黎乔贺赖龚]";
const POST = "(科长|局长|处长|主任|所长|站长|股长|队长|组长|师傅|经理|专管员|办事员|干部)";
// (窗口那个女的, 这个男的: the one pointed at named only by sex or age, as people say of a stranger at a counter.)
const BY_SEX = "女的|男的|女同志|男同志|小姑娘|小伙子";
const ONE_PERSON = new RegExp(
  `姓(?![什啥])[\\u4e00-\\u9fff]的|${SURNAME}(某某?|${POST})|(那个|这个|有个|那位|这位)[^，,。？?]{0,6}?(办事员|工作人员|专管员|执法人员|${POST}|${BY_SEX})`,
);
const MISCONDUCT = /态度|甩脸|脸色|白眼|爱答不理|爱理不理|刁难|为难|好处费|红包|回扣|贿|吃拿卡要|索要|索贿|收了[^，,。？?]{0,6}(钱|块|元|礼|卡)|骂人|骂我|吼|推诿|投诉|举报|检举/;
// (我要投诉你, 投诉这个机器人: a complaint of the bot itself goes to its staff too; 投诉你们 complains of a service, answered as before.)
const AGAINST_A_PERSON = /(投诉|举报|检举|控告|告发)((他|她|你|您)(?![们人])|(你|您)?(这个|这)?(机器人|智能客服|小助手|助手|ai))/i;
// 我就要找负责营商环境的人反映: a person wanted to speak to, said rather than asked (找哪个部门反映 asks where to go).
// 我要找他领导, 想见她的上级: the superior of the one person pointed at, wanted (找上级部门 asks where to go).
const HIS_SUPERIOR = /(找|见|联系|告诉|反映给|告到)(他|她)(的|们)?(领导|上级|上司|主管|头儿|负责人|科长|局长|队长|所长)/;
// 帮我直接找个人处理, 能不能替我派个专人来办: a person found by the bot to take the matter on; 马上给我找个管事的人: one in charge, the matter left unsaid (政府帮企业找人对接 is what the government does).
const PERSON_TO_HANDLE = /(?<!(政府|部门|局|中心|银行|单位|社区)[^，,。？?]{0,6})(帮|替|给)(我|俺|咱)(们)?(直接)?(找|派|安排|叫)(个|一个|位|一位)?(专人|人|工作人员|管事的|负责的人)(来)?(直接)?(处理|解决|跟进|办|管|帮忙|过问)|(?<!(政府|部门|局|中心|银行|单位|社区)[^，,。？?]{0,6})(帮|替|给)(我|俺|咱)(们)?(马上|立刻|立马|赶紧|赶快|现在|直接)*(找|派|安排|叫)(个|一个|位|一位)?(管事|负责|能做主|做得了主|说了算|能拍板)的(人|领导)?(来)?(?=$|[，,。？?！!；;\s]|吧|啊|呀)/;
const WANTS_A_PERSON = /(我|俺)(就|只|非|偏|还是)?(要|想)(找|见)[^，,。？?哪谁]{0,12}?(的人|负责人|领导|管事的)[^，,。？?]{0,2}(反映|说|谈|聊|讲|沟通|投诉|当面)/;
const REVEAL = "(打印|列出|列一下|导出|输出|显示|展示|调出|发给我|发我|给我发|传给我|贴出来|发出来|截图|截个图|给我看|泄露|dump|print|list|show|export)";
// The bot's own workings (你后台的知识库, 你的系统设置, 你们的配置和源码), not the policy's (热线知识库 belongs to a measure, on the hotline).
const BOT_INTERNALS = "((你|你们|您)(的)?|后台(的)?)((后台|系统|内部)(的)?)*(知识库|资料库|数据库|语料|系统设置|设置|配置|参数|源代码|源码|代码|训练数据|内部资料)";
// 民用户 and 客户 are the policy's words, not the bot's users.
const STORED = "(工单|(?<![民客电])用户|其他人|别人|他人|聊天记录|对话记录|会话记录|提问记录|日志|数据库|后台|tickets?|users?)";
// Instructions aimed at the bot rather than questions about the policy.
const INJECTION = new RegExp(
  [
    "(忽略|无视|忘记|忘掉).{0,12}(指令|提示|规则|设定|要求|文件|规定|政策)|系统提示|提示词|system\\s*prompt|\\b(ignore|disregard|forget)\\b.{0,20}\\b(instructions?|prompts?|rules?|polic(y|ies)|above|everything)\\b",
    // (你是机器人吧？供暖报装多久: asking what the bot is, then a question, tells it nothing to be.)
    "你(现在)?(不是|是|就是|扮演|当).{0,8}(助手|顾问|机器人|ai|律师|专家|局长|领导|官员|市长|处长|科长|主任|审批员|工作人员)(?!(啊|呀)?[吗吧么嘛呢不？?])|扮演|假装|冒充|不用管.{0,10}(文件|政策|规定|规则|措施)|越狱|jailbreak",
    // Telling the bot what to say, or asking for what it was told.
    // (你只许回答“是”, 只准说对: the reply allowed narrowed, as 只能 does.)
    "从现在(起|开始).{0,6}你|你(要|必须|只能|只许|只准|只可以|就)(说|回答|回复)",
    // The words of the reply dictated, whatever measure they name (你就回一句“…”, 照我说的回, 你回我一句…截图用): a reply to repeat, no question.
    // (你就回我一句，开公司要几天 asks for a short answer: what follows asks; 你说“一件事一次办”是啥意思 quotes the policy.)
    "(照|按|按照|依|就照|就按)(着)?(我|俺)(说|讲|写|给|教)(的|你的)(话)?(回|回复|回答|答|说|讲|写|发)" +
      "|(你|您)(就|只|直接|只要|只管|只需|必须|要|给我|跟我|帮我|对我)+(回|回复|回答|答|说|讲|写|发|输出)(我|俺)?(一句|一声|一条|句)?[:：]?[“\"「『][^”\"」』]{2,}[”\"」』]" +
      "|(你|您)?(回|回复|回答|答|说|写|发)(我|俺)?(一句|一声|一条)[:：]?[“\"「『]" +
      "|(你|您)(就|只|直接|只要|只管|只需|必须|给我|跟我|帮我)*(回|回复|回答|说|写|发)(我|俺)?(一句|一声|一条)(?![^。？?]*(吗|么|嘛|呢|几|多少|多久|啥|什么|怎|咋|哪|是否|能不能|有没有|要不要|[？?]))",
    "回复[“\"']?明白|(回复|回答|输出)(我)?(一句|一个)?[“\"「][^”\"」]{1,12}[”\"」](就行|就好|即可|就可以)(?!了吗|吗)|重复你(收到|看到|得到)|你收到的(第一条|上一条|消息|指令)",
    // A word to reply with, quoted at the end of the message and nothing asked (…请回复“收到”, 你直接回“好的”): a reply to repeat; 转人工 is the bot's own word.
    "(^|[。，,！!：:；;\\s])(请|麻烦)?(你|您)?(直接|就|只)?(回复|回答|答复|回|输出)(我)?(一句|一声|一个)?[:：]?[“\"「『](?!转人工|人工)[^”\"」』]{1,12}[”\"」』][。.!！~～\\s]*$",
    // A rule the asker announces (以下是最新规定：…, 下面为新的政策：…) with nothing asked after it: told to the bot, not found in the policy.
    "(以下|下面)(为|是)?(最新|新)(的)?(规定|政策|通知|文件|措施|要求)[:：](?![^？?]*([？?]|吗|么|嘛))",
    // A measure to be rewritten into words the asker dictates (把第3条改成：…, 将第十条改写为“…”): the policy changed, not a question.
    // (改写成大白话 asks for plainer words: no colon or quote follows.)
    "(把|将)(第)?[0-9一二三四五六七八九十]+条(的)?(内容|原文)?(改写|改|修改|重写|写)(成|为)[:：“\"「『]",
    // Asking to see what the bot stores (tickets, other people's questions, records), not the policy.
    `${REVEAL}[^。？?]{0,12}${STORED}|${STORED}[^。？?]{0,12}${REVEAL}`,
    // Asking to be shown the bot's workings (把你的系统设置和资料库内容都发我看看).
    `${REVEAL}[^。？?]{0,16}${BOT_INTERNALS}|${BOT_INTERNALS}[^。？?]{0,16}${REVEAL}`,
  ].join("|"),
  "i",
);
// …负责哪些, 牵头的是哪三条, 税务局要落实哪些事项, 人社局负责的工作说一下, 负责的条款帮我列一列, 自来水公司管哪块, 住建局是不是只负责这一项, 哪些归市场监管局牵头:
// what a department does, asked or asked to be listed. (挑了哪几项担子, 扛了哪些活: its load, carried.)
// (被点名要干啥, 税务局要做什么: what the policy names it to do.)
const DEPARTMENT_QUESTION = /(负责|管|牵头|参与|承担|担了|担着|担负|分管|主管|涉及|落实|执行|承办)[^？?。，,]{0,10}(哪些|哪几|哪条|哪项|哪块|哪方面|什么|啥|多少|几条|几项|哪[两二三四五六七八九](条|项|件))|(负责|管|牵头|承担|分管|主管|落实)的(措施|事项|事情|事|工作|条款|条目)[^？?。]{0,8}(列|说|讲|发|给|有)|(列|说|讲)(一下|一列|出|下)[^？?。，,]{0,3}某部门[^？?。，,]{0,4}(负责|管|牵头|落实)|(哪些|哪几|什么)(措施|事|条|工作)[^？?。]{0,4}(归|由|是).{0,8}(负责|管)|(哪些|哪几(条|项|个)?)(是|由|归)?某部门[^？?。，,]{0,2}(负责|管|牵头|落实|承办)|有哪[些几](条|项|措施|任务|职责|工作|事)|只(管|负责)[^？?。，,]{0,10}(吗|么|嘛|这一条|这一项|这一块|这一件|[？?]|$)|(?<!(我|我们|俺|咱|自己)(能|可以|会|才|就|又|还)?)(挂名|署名|列名|出现|露面|有份|分到|摊到|分了)[^？?。，,]{0,4}(几条|哪些|哪几|多少)|(负责|管|牵头|参与|承担|分管|主管|涉及|落实|承办)[^？?。，,]{0,10}的[^？?。，,]{0,8}[，,](都|分别|具体|一共|总共)?(是|有|包括)(哪些|哪几)|(挑|扛|担)(了|着|起)?[^？?。，,]{0,4}(哪些|哪几)[^？?。，,]{0,3}(担子|任务|活|活儿|职责|责任)|(被)?点名(要)?(干|做|办)(些)?(啥|什么|哪些)|(^|[^我们俺咱])(要|得|该)(干|做)(些)?(啥|什么|哪些)(事|活|工作)?[？?。！!\s]*$/;

/** `options.afterAnswer`: an answer was just given, so a question about the bot's answers is about it (small-talk.ts). */
export function detectIntent(raw: string, departmentNames: Map<string, string>, options: SmallTalkOptions = {}): Intent {
  const text = raw.normalize("NFKC").trim();
  if (!text) return { kind: "empty" };
  // Small talk first: 👋 or 🙏👍 alone has no letter, and is still a greeting or a thanks.
  const topic = smallTalkTopic(text, options) ?? thanksTellingBack(text);
  if (topic) return { kind: "smalltalk", topic };
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: "unclear" };
  // (Before a person is looked for: 你是真人吗 among remarks asks what the bot is.)
  const aboutTheBot = botAskedAmidChat(text, (clause) => HUMAN.test(clause) || IN_PERSON.test(clause));
  if (aboutTheBot) return { kind: "smalltalk", topic: aboutTheBot };
  const toPerson = withoutBotQuestions(text);
  if (HUMAN.test(toPerson) || IN_PERSON.test(toPerson) || PERSON_TO_SPEAK.test(toPerson) || againstAPerson(toPerson)) return { kind: "human" };
  if (INJECTION.test(text)) return { kind: "injection" };
  const fraction = FRACTIONAL_MEASURE.exec(text);
  if (fraction) return { kind: "not-a-measure-number", written: fraction[0] };
  // 把第8条译成英文: a measure named to be translated is a task asked, not the measure asked to be shown.
  if (TRANSLATION_REQUEST.test(text)) return { kind: "question" };
  const numbers = measureNumbers(text);
  if (numbers.length) return { kind: "measure-number", numbers };
  const departments = departmentsIn(text, departmentNames);
  // Test the wording around the names: the 管 in 市场监管局 asks nothing.
  if (departments.length && DEPARTMENT_QUESTION.test(withoutNames(text, departmentNames))) return { kind: "department", departments };
  // 住建负责哪些, 市监局管什么: a short form as the whole subject of a department question.
  const short = departments.length ? [] : departmentsByShortForm(text, departmentNames.values(), (rest) => DEPARTMENT_QUESTION.test(rest));
  if (short.length) return { kind: "department", departments: short };
  return { kind: "question" };
}

/** 住建局的张科长收了好处费还不给办, 有个姓张的…我要找他领导, 我要实名举报他, 我要找负责的人反映, 帮我找个人处理: a person, not a measure. */
function againstAPerson(text: string): boolean {
  return AGAINST_A_PERSON.test(text) || WANTS_A_PERSON.test(text) || PERSON_TO_HANDLE.test(text) || (ONE_PERSON.test(text) && (MISCONDUCT.test(text) || HIS_SUPERIOR.test(text)));
}

// The asker's own office (我们局, 本局, 我们单位): the department the message itself named before it, by the kind of office it is.
// (本 of 基本, 成本, 资本… begins no pointer: 基本局面.)
const OWN_OFFICE = /(我们|咱们|俺们|我|咱|(?<![基根成资样版文日剧课账书范原脚])本)(局|委|中心|法院|院|单位|部门)/;
const OWN_OFFICE_ENDINGS: Record<string, RegExp> = { 局: /局$/, 委: /委$/, 中心: /中心$/, 法院: /法院$/, 院: /法院$/ };
// (我们单位, 本部门 are the asker's company as often: the office only where the message puts the asker in it, 考进, 调到, 在…上班.)
const JOINED_TO = /(考进|考入|考到|调到|调入|调进|分到|分配到|分进|入职|刚进|新进|进了)$/;
const WORKS_IN = /(在|于)$/;
const WORKS = /^(工作|上班|任职|实习)/;

/**
 * 我刚考进市司法局，…我们局牵头的是哪几条: the department the message named before pointing at its own office, put for the
 * pointer; `asked` is what the message says of it from there on (what comes before tells how the asker came there, or asks to
 * be told: 想知道, 领导让我理一理). Null when the message points at no such office, or at one it did not name (or named two of).
 */
export function ownOfficeNamed(text: string, departmentNames: Map<string, string>): { text: string; asked: string } | null {
  const m = OWN_OFFICE.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  const ending = OWN_OFFICE_ENDINGS[m[2]!];
  const named = namesIn(before, longestFirst(departmentNames));
  const fitting = [...new Set(named.map((n) => departmentNames.get(n)!))].filter((full) => (ending ? ending.test(full) : named.some((n) => departmentNames.get(n) === full && joined(before, n))));
  if (fitting.length !== 1) return null;
  const full = fitting[0]!;
  const after = text.slice(m.index + m[0].length);
  return { text: before + full + after, asked: full + after };
}

/** The message puts the asker in the office it names (我刚调到市住建局, 我在市财政局上班, 我是市司法局的). */
function joined(before: string, name: string): boolean {
  const at = before.lastIndexOf(name);
  const [lead, rest] = [before.slice(0, at), before.slice(at + name.length)];
  return JOINED_TO.test(lead) || (WORKS_IN.test(lead) && WORKS.test(rest)) || (/我是$/.test(lead) && /^(新来|刚来)?的/.test(rest));
}

/** The text without its measure numbers (第20条讲的燃气报装 → 讲的燃气报装): what it asks besides them. */
export const withoutMeasureNumbers = (text: string): string =>
  text.normalize("NFKC").replace(NEGATIVE_MEASURE, "，").replace(MEASURE_NUMBER, "，").replace(RANKED, "，");

/** The measure numbers a text asks for; a negative one (第-1条) is kept so the answer can say there is none. */
export function measureNumbers(text: string): number[] {
  const normal = text.normalize("NFKC");
  const negative = matchesOf(normal, NEGATIVE_MEASURE).map((m) => -(parseNumber(m[1] ?? "") ?? NaN));
  const rest = normal.replace(NEGATIVE_MEASURE, " ");
  const ranked = matchesOf(rest, RANKED).map((m) => m[1]!);
  const found = [...matchesOf(rest, MEASURE_NUMBER).map((m) => m[1] ?? m[2] ?? ""), ...ranked].map((n) => parseNumber(n));
  return [...new Set([...negative, ...found].filter((n): n is number => n !== undefined && !Number.isNaN(n)))];
}

/** Full names of the departments a text mentions, longest name first so 市市场监管局 beats 市场监管局. */
export function departmentsIn(text: string, departmentNames: Map<string, string>): string[] {
  let rest = text;
  const found: string[] = [];
  for (const name of namesInOnceReplaced(text, longestFirst(departmentNames), "　")) {
    if (!rest.includes(name)) continue;
    const full = departmentNames.get(name)!;
    if (!found.includes(full)) found.push(full);
    rest = rest.split(name).join("　");
  }
  return found;
}

// 是不是…, …对吗, …是吧: the asker checks what they believe.
const CHECKING = /是不是|对不对|(吗|么|嘛|吧|对吗|没错吗)[？?。！!\s]*$/;
const RESPONSIBLE = "(来)?(负责|管|牵头|主管|分管)";

/**
 * 办执照是不是市场监管局在管, 不动产登记归自然资源局管吗: a department named as the one responsible is
 * what the asker checks, not what the question is about; the text without it, so that its topic decides the
 * measure (whose departments then answer the check). Unchanged when nothing else is asked about (hasTopic).
 */
export function withoutClaimedDepartment(text: string, departmentNames: Map<string, string>, hasTopic: (text: string) => boolean): string {
  if (!CHECKING.test(text)) return text;
  let rest = text;
  for (const name of namesInOnceReplaced(text, longestFirst(departmentNames), "，")) {
    if (!rest.includes(name)) continue;
    const claimed = new RegExp(`${escapeRegExp(name)}${RESPONSIBLE}`);
    if (claimed.test(rest)) rest = rest.split(name).join("，");
  }
  return rest !== text && hasTopic(rest) ? rest : text;
}

// Whether the departments named are the ones in charge, checked (是住建局负责的吗, 由住建局牵头还是另有部门, 住建局牵头还是自然资源局牵头),
// not what they do asked for (住建局负责哪些, 管什么).
const IN_CHARGE = /负责|管|牵头|主管|分管|主抓|归/;
const CHECKS_WHICH = /是不是|对不对|还是|(吗|么|嘛|吧|对吗|没错吧)[？?。！!\s]*$/;
const LISTS_WHAT = /哪些|哪几|哪条|哪项|哪块|什么|啥|几条|几项|多少条|多少项|列/;

/** A check of which departments are in charge of something (the measure just answered, read as a follow-up), not a department's listing. */
export function checksWhoIsInCharge(text: string, departmentNames: Map<string, string>): boolean {
  if (!departmentsIn(text, departmentNames).length) return false;
  const rest = withoutNames(text, departmentNames);
  return IN_CHARGE.test(rest) && CHECKS_WHICH.test(rest) && !LISTS_WHAT.test(rest);
}

// 别的单位, 其他部门: a department not named, the other side of such a check.
const OTHER_DEPARTMENT = /(别的|其他|其它|另外的|另外)(的)?(部门|单位|机构|局|委|家)/g;

/** The text without the departments it names or points at (是住建局负责的吗 → 是，负责的吗; 还是其他部门管 → 还是，管). */
export function withoutDepartments(text: string, departmentNames: Map<string, string>): string {
  let rest = text;
  for (const name of namesInOnceReplaced(text, longestFirst(departmentNames), "，")) rest = rest.split(name).join("，");
  return rest.replace(OTHER_DEPARTMENT, "，");
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function withoutNames(text: string, departmentNames: Map<string, string>): string {
  let rest = text;
  for (const name of namesInOnceReplaced(text, longestFirst(departmentNames), "某部门")) rest = rest.split(name).join("某部门");
  return rest;
}

/** Sorted once per names table (one per loaded corpus, dropped with it): a question looks names up several times. */
const sortedNames = new WeakMap<Map<string, string>, readonly string[]>();

/** The names of a table, longest first. */
function longestFirst(departmentNames: Map<string, string>): readonly string[] {
  let names = sortedNames.get(departmentNames);
  if (!names) {
    names = [...departmentNames.keys()].sort((a, b) => b.length - a.length);
    sortedNames.set(departmentNames, names);
  }
  return names;
}
