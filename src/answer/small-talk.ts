/**
 * Small talk read by a grammar, not a list of sentences: a message is small talk when it is made only of
 * small-talk pieces (a greeting, a thanks or an acknowledgement, a goodbye, a question about the bot)
 * with what may go around them (好的, 非常, 你/您的帮助, particles). 太感谢了, 多谢啦, 好的好的谢谢哈,
 * 收到谢谢, 你叫啥, 您贵姓, 你是机器人还是真人 all parse; anything with a word outside these pieces does not.
 * Questions about the bot's answers (你的答案从哪来的, 你说的准不准) are about the bot only with no answer just given.
 */
import { BoundedMemo } from "../search/bounded-memo.js";
import { firstChars, piecesByFirstChar } from "./first-chars.js";
import { HOME_NAMES } from "./places.js";

export type SmallTalkTopic = "greeting" | "thanks" | "bye" | "about" | "sorry";

/** "answers": a question about the bot's answers (where they come from, whether to trust them), read as "about" only with no answer just given to point at. */
type Piece = SmallTalkTopic | "answers" | "filler";

/** What people call the bot (小助手你好, @…机器人): shared with the question reader, which leaves it out of what is asked. */
export const BOT_NAMES = "小助手|助手|小助理|助理|小机器人|机器人|小客服|bot";

// (Without 啥 or 什么: 对面是什么 may ask about a place.)
const WHO_OR_WHAT = "(谁|机器人|人工智能|智能客服|人工客服|自动回复|ai|真人|人工|客服|机器|人|电脑|程序)";
// (你到底是个啥东西, 你是什么玩意儿: what the bot is, asked bluntly.)
const IDENTITY = "(谁|啥名字|啥名|什么名字|(啥|什么)(东西|玩意儿|玩意)|啥|什么|哪位|机器人|人工智能|智能客服|人工客服|自动回复|ai|真人|人工|客服|机器|人|电脑|程序)";

// Who told the asker of the bot (群主说, 朋友介绍我来).
const TOLD_BY = "群主|群里|群友|朋友|同事|别人|有人|人家|大家|领导|老板|邻居|亲戚|家里人|社区|街道|工作人员|网上|公众号|会计";

// Whom the asker asks for (替客户问点事, 帮朋友问问, 代我们会员打听一下).
// (One's family too, whom people often ask for: 帮我爸问点事, 替我妈打听一下, 给我家那口子问问.)
// (老汉, 婆姨: father and wife as spoken in the northwest; grandparents and in-laws too.)
const FAMILY = "爸爸|妈妈|老爸|老妈|老汉|老父亲|老母亲|老人家|老人|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|岳父|岳母|丈母娘|婆姨|爸|妈|父亲|母亲|爹|娘|老爷子|老太太|家那口子|那口子|老公|老婆|媳妇|爱人|对象|儿子|女儿|闺女|哥哥|姐姐|弟弟|妹妹|哥|姐|弟|妹|舅舅|叔叔|姑姑|姨|小姨|大姨|表哥|表姐|表弟|表妹|堂哥|堂姐|家人|家里";
// (替几家客户问问, 帮好些会员打听: how many are asked for.)
const ASKED_FOR = `(替|帮|给|代)(我|俺)?(的|们|们的|家)?(几家|几个|几位|好几家|好几个|好些|一些|些|两家|两个|多家)?(客户|会员|会员企业|老板|领导|${TOLD_BY}|${FAMILY})(们)?`;

// A character that may name a place of work or a trade (代账, 商会秘书处, 乌尔禾那边开农家乐), never one that asks (吗, 哪, 啥, 怎, 几, 问).
const NAMING = "(?:(?![吗么嘛呢哪啥什怎咋几谁问想能])[\\u4e00-\\u9fff])";
// A trade named (民宿, 餐饮), never words that ask (要多久, 需不需要, 该办): the NAMING characters without 要, 需, 多, 久, 该, 可.
const TRADE = "(?:(?![吗么嘛呢哪啥什怎咋几谁问想能要需多久该可])[\\u4e00-\\u9fff])";
// In English: trades one runs, the city's own places, and places one comes from, as typed without spaces (the reader drops them).
const EN_TRADES = "shop|store|restaurant|cafe|bakery|guesthouse|homestay|hotel|hostel|farm|salon|studio|workshop|factory|company|business|stall|kiosk|bar|clinic|teahouse|diner|garage|firm|startup|pharmacy|supermarket|laundry|gym";
const EN_HOME = "karamay|dushanzi|baijiantan|urho|wuerhe";
const EN_FROM = "beijing|shanghai|urumqi|guangzhou|shenzhen|chengdu|xian|wuhan|hangzhou|nanjing|chongqing|tianjin|yili|ili|kashgar|hami|korla|aksu|shihezi|kuitun|changji|turpan|inland|inlandchina|themainland|mainland|mainlandchina|abroad|overseas|thecoast|theeast|thesouth|xinjiang";
// How a place is as one greets from it (freezing, snowy, windy) and the places one sits in (office, desk, shop).
const EN_WEATHER = "freezing|frozen|cold|chilly|icy|snowy|windy|sunny|rainy|hot|warm|busy|quiet|sleepy|little|small|cozy|cosy";
const EN_PLACES = `office|desk|shop|store|workshop|factory|site|branch|home|kitchen|classroom|bureau|counter|${EN_TRADES}`;
// Where one works, said as who one is (我代账公司的, 商会秘书处新来的, 我们合作社的).
// (A department of a firm too: 综合管理部, 财务科.)
const WORKPLACE = "(公司|单位|办公室|商会|协会|合作社|秘书处|事务所|工作室|门店|店|厂|银行|大学|学校|医院|社区|街道|村委会|村|局|中心|企业|部门|部|科|处)";
// What one is, said as who one is (我是…会计, 我是…开农家乐的老汉).
const ROLE =
  "(小妹|小姑娘|小伙|小弟|学徒|店员|营业员|收银员|学生|研究生|大学生|毕业生|记者|老师|科员|公务员|干部|秘书|实习生|新人|会计|出纳|财务|老板娘|老板|店主|店长|总经理|副总经理|经理|厂长|法人|负责人|主任|部长|处长|科长|主管|总监|董事长|董事|书记|所长|站长|组长|专员|干事|股东|合伙人|创始人|个体户|员工|职员|业务员|办事员|" +
  "老汉|老头子|老头|老爷子|老太太|老太婆|老婆子|大爷|大妈|大叔|大婶|阿姨|小伙子|姑娘|丫头|巴郎子|牧民|农民|农户|村民|居民|市民|家长|司机|师傅|厨师|退休职工|" +
  // Called by one's surname, as colleagues do (普惠金融部的小王, 税务局的老李).
  "(小|老)(王|李|张|刘|陈|杨|赵|黄|周|吴|徐|孙|胡|朱|高|林|何|郭|马|罗|梁|宋|郑|谢|韩|唐|冯|于|董|程|曹|袁|邓|许|傅|沈|曾|彭|吕|苏|卢|蒋|蔡|贾|丁|魏|薛|叶|余|潘|杜|戴|夏|钟|汪|田|任|姜|范|方|石|姚|谭|廖|邹|熊|金|陆|郝|孔|崔|康|毛|邱|秦|江|史|顾|侯|邵|孟|段|雷|钱|汤|尹|黎|易|常|武|乔|贺|赖|龚))";

// Saying or guessing what the bot is (是, 不是, 应该是, 该不会是).
const GUESSED_TO_BE = "是不是|不是|应该是|肯定是|其实是|该不会是|不会是|难道是|就是|是";

// Whose the bot is: 政府官方, 官方, 政府部门 (你们是政府部门办的号吗).
// The bot named as the one asked about (你们这个号, 这个机器人).
const THE_BOT = "((你|您)(们)?(这个)?(号|账号|机器人|助手|小助手|bot)?|这个(机器人|助手|小助手|号|账号|bot))";
// (A city named before its government, 克拉玛依市政府, is any city's: no place in code.)
const OWNER = "(政府官方|官方正式|政府部门|政府的|政府|官方|正规|正式|市里|([\\u4e00-\\u9fff]{2,4})?市政府|第三方)";
// The bot's answers as a subject: 你说的这些, 你回答的内容, 你的答案, 您给的信息.
const YOUR_ANSWERS = "((你|您)(们)?(的)?(说|讲|回答|答|回复|给|写|查|提供)(的)?(这些|这个|那些|那个)?(内容|东西|话|答案|回答|信息|资料|数据|结果)?(要是|如果|万一)?|(你|您)(们)?的(答案|回答|回复|说法|内容|信息|资料|数据|消息|话|知识))";
// Which document or place: 哪份文件, 什么资料, 哪里.
const WHICH_SOURCE = "(哪里|哪儿|哪份|哪个|哪些|哪部|哪|什么|啥)(份|个|部|些)?(文件|资料|政策|材料|规定|地方|网站|东西|数据|来源)?";
// Made up or looked up anywhere (网上随便搜来的, 自己编的, 瞎猜的, AI生成的).
const MADE_UP = "(在)?(网上|百度|网络|ai|随便|自己|瞎|乱|胡)+(搜|查|编|找|抄|编造|瞎编|乱编|胡编|总结|猜|生成|想)(出)?(来)?的";
// Whether to trust them: 准不准, 靠谱吗, 能信吗, 有没有错.
const RELIABLE = "(会不会过时|过不过时|过时了吗|是不是最新的|是最新的吗|出错了(谁|由谁)负责|错了(谁|由谁)负责|谁负责|准不准确|准确不准确|准不准|准吗|准么|准不|准确吗|准确不|对不对|对吗|对么|正确吗|正不正确|可靠吗|可靠不|可不可靠|靠谱吗|靠谱不|靠不靠谱|靠得住吗|靠得住不|可信吗|可信不|可不可信|能信吗|能信不|能不能信|可以信吗|信得过吗|权威吗|官方的吗|真的假的|是真的吗|真的吗|有没有错|会不会错|会不会有错|会出错吗|有错吗|有保证吗)";

// Who is greeted, in the forms people use for whoever serves them, playful ones too (老板们, 老板子, 掌柜的, 亲们, 家人们, 大佬):
// 老板们好 greets, 早上好，老板子 names who is greeted.
const ADDRESS = "(集美|姐妹|兄弟|老板娘|老板|掌柜的|掌柜|东家|大佬|老哥|老姐|大哥|大姐|帅哥|美女|小哥哥|小姐姐|小哥|宝子|家人|老乡|师傅|老师|同志|领导|各位|老朋友|朋友|亲爱的|亲)(子|儿)?(们)?";

// When and where the weather is remarked on (今天克拉玛依, 白碱滩这两天, 我们这边最近).
const WEATHER_WHEN = "(今天|今儿|这两天|这几天|最近|早上|今早|一早|晚上|昨天|昨晚|夜里)";
const WEATHER_WHERE = `(${HOME_NAMES.join("|")}|这边|外面|我们这|咱这|这里)(区)?(这边|那边|这儿)?`;
const WEATHER_WHEN_WHERE = `(${WEATHER_WHEN}?${WEATHER_WHERE}${WEATHER_WHEN}?|${WEATHER_WHEN})?(的)?`;
// A temperature in figures or words (26, 二十六, 十几, 三十多): never one asked (几, 多少).
const DEGREES = "(\\d{1,2}|[一二两三四五六七八九]?十[一二三四五六七八九几]?|[一二两三四五六七八九])";
// What the weather does to people (站不住, 睁不开眼, 出不了门) or how much (要命, 厉害): never a question.
const WEATHER_EFFECT = "((人|我|俺|车|眼睛|眼)?(都|直|快|也)?([站走睁出开骑坐待立])(不)(住|稳|动|开|了|去)(眼|门)?|(?:(?![吗么嘛呢哪啥什怎咋几谁问想能要需多久该可])[\\u4e00-\\u9fff]){0,6}?(都|快|直|全|差点儿|差点|要|也)*(被)?(吹|刮|冻|晒)(飞|跑|走|倒|翻|掉|坏|裂|化|晕|蔫|歪|烂)(了|啦)*|要命|够呛|厉害|邪乎|吓人|受不了|吃不消|不行|(很|好|真|太|特别|挺)?(大|猛|厚|凶|急))";

// When a remark on the time of year or one's workload is made (年底, 这阵子, 月底): beside a greeting, no question.
const SEASON = "(年底|年末|年关|岁末|年初|月底|月初|季末|过年|春节|元旦|周末|周五|周一|礼拜一|星期一)";
// A past visit or answer pointed at (上回, 前两天, 上个月): a returning asker speaks of it.
const BEFORE = "(上个月|上月|上周|上礼拜|上星期|上次|上回|之前|以前|前几天|前两天|前阵子|前些天|前些日子|昨天|前天|那天|去年|刚才|刚刚)";
// (今年旺季: a year and its busy season, said together.)
const BUSY_WHEN = `(今天|今儿|这两天|这几天|最近|这阵子|这段时间|这一阵|今年|旺季|淡季|${SEASON})`;
// When the helper would be off (周末, 大晚上, 节假日): at work then, said of the helper (大礼拜天的还在值班呀), is chat; 周末上班吗 alone may ask of a hall.
const OFF_HOURS = "(大)?(周末|礼拜天|星期天|节假日|假期|过节|放假|晚上|大晚上|半夜|这么晚|下班后)(的)?";
// How busy one is (忙得脚不沾地, 忙得团团转, 忙晕了, 忙成狗): said of oneself, never a question.
const BUSY = "(事情|事儿|事|活儿|活)(太|特别|真|好|贼|挺)?多|(忙|累)(得|的)(脚不沾地|脚不离地|团团转|要命|要死|不行|够呛|焦头烂额|晕头转向|昏天黑地|不可开交|连轴转|喘不过气|饭都(顾不上|没空|来不及)吃|(人|我|俺)?(都)?(快)?(晕|疯|傻|散架)(了|啦))|(忙|累)(死|坏|晕|疯|惨)(了|啦)|忙成狗";

// Emoji around small talk (你好呀😊, 早上好☀️) are its tone, like particles; those that are a greeting or a thanks (👋, 🙏, 👍) are read as pieces first.
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]/u;

// Whether a person or a program answers (电脑那边坐着个人吗，还是软件在回; 屏幕那头坐的是活人吗; 后台有没有人在看; 是人工在打字吗):
// a clause made only of who may answer, where they sit, how they answer and the words that hold these together, with at least
// one piece that asks who (是个程序, 人在回, 坐着个人, 回我消息的). (有没有真人, 有没有人跟我聊, 还是人工吧 ask to reach a person: 人工
// asks who only as it answers, 人工在回; 有电脑吗 may ask of a hall.)
const AGENT = "谁|真人|活人|人工智能|人工|工作人员|客服|智能客服|机器人|机器|程序|电脑|软件|ai|chatgpt|gpt|人";
const ANSWERING = "自动回复|自动回|回复|回答|回消息|回话|回|答复|答|打字|操作|盯着|值守|看|聊天|聊|说话";
// The one who answers, described (跟我聊天的, 回我消息的): asking about it is asking who it is.
const ANSWERER = "(跟|和|与|同)(我|俺)(聊天|聊|说话|对话|回话|打字)的|(回|回复|答复|给)(我|俺)(回)?(的)?(话|消息|信息)?的";
const ANSWERER_SIDE =
  "屏幕|手机|网线|对面|那一头|这一头|另一头|那头|这头|那端|这端|那边|这边|后台|后面|背后";
const ANSWERER_LINKS = "到底|究竟|真的|真|现在|这会儿|此刻|其实|难道|是不是|是否|有没有|没有|就是|应该|还是|一直|只是|坐着|坐的|坐|一个|个|有|是|在|的|都|跟|和|你们|您们|你|您|这|那|我|俺|自动|吗|么|嘛|呢|啊|呀|吧|不|没|哦|哈|啦";
const ASKS_WHO_ANSWERS = `${ANSWERER}|(是|不是|(?<=.)还是)(个|一个)?(?!人工(?!智能))(${AGENT}|自动回复|自动回)|(${AGENT})(在)?(自动)?(${ANSWERING})|坐(着|的)(是)?(个|一个)?(真人|活人|人工|工作人员|客服|人)`;
const ANSWERER_WORD = `${ANSWERER_SIDE}|${ASKS_WHO_ANSWERS}|${AGENT}|${ANSWERING}|${ANSWERER_LINKS}`;
// The rest of the message, whole: 这个小助手回得真及时 praises, 你是谁开发的 asks whose the bot is, both read by pieces of their own.
const WHO_ANSWERS = new RegExp(`^(${ANSWERER_WORD})*?(${ASKS_WHO_ANSWERS})(${ANSWERER_WORD})*$`, "i");

// A matter named only by a word that names no topic (办事的事, 业务上的问题, 生意方面的事): a question announced, none asked yet.
const GENERIC_MATTER = "(办事|业务|手续|政策|工作|生意|买卖|公事|私事|个人|公司|单位|店里|厂里)(上|方面|相关|这块)?的";

// A need that may come, none named (有事, 有啥不懂的, 遇到什么不明白的地方的话): when the asker says they will come back to the bot.
const LATER_NEED = "(有|遇到|碰到|遇上)(啥|什么|任何|别的|其他)?(事|事情|问题|需要|不懂|不明白|不清楚|不会|搞不懂|弄不懂|拿不准)(的)?(地方)?(的话)?|(不懂|不明白|不清楚|不会)的(地方)?(的话)?";

// Longest alternatives first inside each group: the reader takes the first that matches at each point.
const PIECES: Array<[Piece, RegExp]> = [
  // In Latin letters, as people write them: English greetings (hiya, good day, morning all), and Russian, Kazakh, Uyghur or Arabic ones
  // spelt in Latin letters (privet, zdravstvuyte, salem, salam alaikum, marhaba). First, so that a shorter form below (salam, hi) does not
  // take the start of a longer one.
  ["greeting", /^((wa)?alaikum(u)?(as)?sal(a|aa)m|(a|as|ass)?sal(a|aa)m(u|o)?(a|o)?(l|al)?(a|e|ay|ey)(i|y)?k(u|o)m(u)?((wa)?(as)?sal(a|aa)m)?|s[aä]lem(et(s|c)iz)?(be)?|privet(ik)?|zdravstvu(i|j|y)te|zdras(s)?t(e|i)|dobr(yy|yi|iy|ij|y|oe|ogo)(den|dyen|dnya|vecher|utro)|marhaba|ahlan(wa)?(sahlan)?|good(day|morning|afternoon|evening)|gday|greetings|howdy|hiya|hello|helo|hallo|hullo|hi|hey|(are)?(you|u)(still)?(there|around|online)|morning|evening|afternoon|(nice|pleased|glad)to(meet|see)you|how(s|is)itgoing|whatsup|wassup|dear(sirormadam|sirmadam|sir|madam|all|team|colleagues))/i],
  // Saying one only greets (just saying hi, wanted to say hello, dropping by to say hi) and where from (from a freezing Urho office,
  // from sunny Karamay): a hello, no question.
  ["greeting", new RegExp(`^((i|im|iam|we|were|weare)?(just|only|simply)?(saying|say|sayin|(wanted|want|wanna|thought(i|id)?)(to)?say|(dropping|dropped|popping|popped|stopping|stopped)(by|in)(to)?say)(a)?(quick)?(hi|hello|hey|howdy)(there)?)?(from(a|an|the|my|our)?(${EN_WEATHER})*(${EN_HOME}|${EN_FROM})(${EN_PLACES})?|from(a|an|the|my|our)(${EN_WEATHER})*(${EN_HOME}|${EN_FROM})?(${EN_PLACES}))?`, "i")],
  // Goodbyes in Latin letters (have a nice day, take care, see you later, poka, sau bol); before the thanks below, whose ta would take the
  // start of take care.
  ["bye", /^(bye(bye)?|goodbye|goodnight|night|seeya|seeyou(later|soon|tomorrow|around)?|cya|laters|later|takecare|goodluck|bestofluck|(have)?(a|an)?(very)?(nice|good|great|lovely|wonderful|pleasant|productive)(day|evening|weekend|one|night|afternoon|morning|week)(too|aswell)?|talk(to)?(you|u)?(later|soon)|ttyl|catchyoulater|farewell|allthebest|(best|kind|warm)?regards|cheerio|poka|dosvidaniya|dosvidanya|dosvidanja|saubol(yngyz|ynyz)?)/i],
  // Thanks and acknowledgements in Latin letters (cheers, much appreciated, spasibo, rakhmet, shukran, sounds good, that's all for now).
  ["thanks", /^(thank(s|you|u|ya)?(so|very)?(much)?|manythanks|thanx|thnx|thnks|thx|tnx|tysm|tyvm|cheers|muchappreciated|(i|we)?(really|truly)?appreciate(d|it|that|this)?|merci(beaucoup)?|danke(schon|sehr)?|grazie|gracias|spasibo(bolshoe)?|bolshoespasibo|shukran|rakhmet|rakmet|rahmat|raxmet|okey(dokey)?|okie|kk|alright(y)?|allright|gotcha|isee|roger(that)?|soundsgood|goodtoknow|fairenough|noworries|noproblem|thatisall|thatisit|thatwasall|thatwasit|imdone|iamdone|nothingelse|nomorequestions|nofurtherquestions|(very|really|so)?(great|cool|nice|good|fine|sure|excellent|wonderful|brilliant|lovely|super|perfect|awesome)|ty|ta)/i],
  // Finding out who answers, with 原来 or 哦 (哦你是个机器人啊, 原来您是AI呀): a remark, before who answers is asked (你是机器人吗 asks).
  ["greeting", /^(原来|哦|噢|喔)+(你|您)(们)?(就)?是(个|一个)(机器人|ai|人工智能|自动回复|智能客服)(啊|呀|哦|呐|了)+(?![吗么])/i],
  // Who answers, asked (跟我聊天的这头坐着个人没有): before the greetings, whose 有人 would take the start of 有人在回吗.
  ["about", WHO_ANSWERS],
  ["greeting", new RegExp(`^(👋|🤝|你们好|您们好|大家好|你好|您好|${ADDRESS}好|hithere|hellothere|hello|hi|hey|goodmorning|goodafternoon|goodevening|嗨|哈喽|哈啰|哈罗|(${ADDRESS}|工作人员|客服|人工)?(在吗|在不在|在么)|有人吗|有人在吗|有人没|有没有人|有人不|(人|你|您)(还)?在(没有|没|不在|不)|在线(吗|不|么|嘛)|(is)?(anyone|anybody|someone|somebody)(there|around|here|online)|howareyou(doing)?(today|thismorning|thisafternoon|thisevening)?|早上好|上午好|中午好|下午好|晚上好|早安|晚安|(新年|春节|过年|节日|元旦|元宵节|元宵|端午节|端午|中秋节|中秋|国庆节|国庆|古尔邦节|肉孜节)(好|快乐)|喂|萨拉姆|亚克西(姆|木)(赛|塞)(斯|丝)|亚克西|yaxshimusiz|assalamu?alaykum|assalamualaikum|salamatsyzbe|salamatsyz|sainbainauu|salam|(现在|这会儿|这会|此刻|眼下|今天|今儿)?(${ADDRESS}|工作人员|客服|人工)?(还)?有人(值班|在)(吗|没|不|么)?|(慢慢(的|地)?问)(可以|行)?(吗|不|么)?|早(?![点些])|听得到吗|听得见吗|能听到吗|听到了吗|(来)?((跟|和|给|向)(你|您|大家)(们)?)?(打|问|道)(个|声)(招呼|好|早安|晚安|早上好|上午好|中午好|下午好|晚上好|新年好|早|平安)|(还|也|都)?在线(呢|啊|呀|哈|哦|啦)+(?![吗么嘛])|(来)?(报(个)?到|冒(个)?泡)(了|啦)?|(初次|第一次|头一回|头一次)见面|幸会|久仰|(大家|咱们|我们|咱)?(认识(一下|一哈|下|认识)|交(个)?朋友)|(请)?(多多|多)(关照|指教)|请多关照|(这里|这儿|在这)?(能|可以)(聊天|聊聊|唠嗑)(吗|不|么|嘛)?)`, "i")],
  // Offering to chat (先跟你谝两句闲传, 闲着没事找你唠唠嗑, 想跟您聊会儿天): a hello; nothing asked (跟你聊聊开公司的事 names a matter).
  // (Said to the bot, or as chat by what is said: 说得很清楚 is praise, read below.)
  ["greeting", /^(我|俺)?(闲着没事|闲来无事|没事|闲得慌|闲不住)?(就|先|想|来|随便|过来)*(((跟|和|同|找)(你|您)(们)?)(随便)?(聊|唠|谝|侃|扯|说)(一)?(聊|唠|谝|侃|扯|说)?(两句|几句|一会儿|会儿|一下|下)?(天|嗑|闲传|闲篇|家常|闲话|话)?|(聊|唠|谝|侃|扯)(一)?(聊|唠|谝|侃|扯)?(两句|几句|一会儿|会儿)?(天|嗑|闲传|闲篇|家常|闲话)|(聊|唠|谝|侃|扯)(两句|几句|一会儿|会儿))/],
  // Greetings sent in form, as in a letter (先向您致以问候, 谨致问候, 向各位问好).
  ["greeting", /^(先|特此|特地|在此|谨)?((向|给)(你|您|大家|各位|贵方)(们)?)?((致以|送上|献上|致)(诚挚|亲切|衷心|真诚|节日)?(的)?(问候|敬意)|问(个|声)?好)/],
  // Asking whether one has eaten (吃了没, 吃饭了吗, 午饭吃过了没有): how people greet each other, no question to answer.
  // (The day's own food on a festival too: 月饼吃了没, 吃粽子了吗.)
  ["greeting", /^(你|您)?(们)?(今天|中午|早上|晚上)?(吃(过)?(早饭|早餐|午饭|中饭|晚饭|饭|月饼|粽子|饺子|汤圆|元宵)?(了)?(没有|没|吗|么|嘛|不)|(早饭|早餐|午饭|中饭|晚饭|饭|月饼|粽子|饺子|汤圆|元宵)(吃(过)?了)(没有|没|吗|么|嘛|不)?)/],
  // Asking the bot to wait while one fetches one's papers (你先别走, 稍等一下, 我去把材料翻出来): a turn's opening, nothing asked yet.
  ["greeting", /^((你|您)(们)?)?(先)?(别走|别急着走|等(我|俺)?(一下|一会儿|一会|下|会儿)|稍等(一下|片刻|一会儿)?)|^(我|俺)?(先)?(去|回去)?(把)?(材料|资料|文件|证件|单子|合同|执照)(翻|找|拿|取)(出来|过来|一下)/],
  // A question announced for later, none asked yet (等会儿问你个事, 回头请教您几个问题).
  ["greeting", /^(等会儿|等会|待会儿|待会|一会儿|回头|晚点)(再)?(问|请教|咨询)(你|您)(们)?(个|点|几个|些|一些)(小)?(事|事儿|事情|问题)/],
  // Checking the bot is there (这个小助手能用吗, 机器人好使不): a hello.
  ["greeting", new RegExp(`^(这个)?(${BOT_NAMES})(还)?(能用|好使|能不能用|好不好使|在线)(吗|不|么|嘛)?`, "i")],
  // Saying one has come to ask, as the opening of a turn (刚上班就过来问问, 特地来请教一下, 想咨询一下): a greeting; what is asked comes next.
  // Asking again (今儿又得请教你了, 还要来问问您, 又来麻烦你们了, 我又来了): 又, 还 or 再 says the asker came before.
  // Asking for someone else (替客户问点事, 帮朋友来问问): who the asker speaks for; what is asked comes next.
  ["greeting", new RegExp(`^(我)?((刚|刚刚)(一)?(开门|开张|上班|到店|到单位|忙完|闲下来|起床)(就)?)?((又|还|再)(得|要|想|需要)?)?(${ASKED_FOR})?((特意|特地|专门|专程)?(过)?来|想|得|要)?(${ASKED_FOR})?(问问|问一问|问一下|问下|问点|问个|请教|咨询|打听|问(?=你|您|几个|一些|些|几句|两句))(一下|下|一二)?((你|您)(们)?)?(几个|一些|些|个|点|几句|两句)?((有关|相关)?(的)?(营商)?政策(方面|上)?(的)?)?(问题|事情|事儿|事)?`)],
  // Saying there are things to ask (有几个事想问问, 有个问题请教一下): the opening of a turn; what is asked comes next.
  ["greeting", new RegExp(`^(我|俺)?(这边|这儿)?有(几个|一些|些|个|点|件)(小)?(${GENERIC_MATTER})?(事|事情|事儿|问题)(想|要)?(问问|问一问|问一下|问下|请教|咨询|打听)(一下|下)?((你|您)(们)?)?`)],
  // Bothering the bot at an odd hour (大清早就麻烦你了, 一大早来打扰您, 这么晚还来叨扰): a turn's opening, nothing asked yet.
  ["greeting", /^(大清早|一大早|大早上|一早|这么早|大晚上|这么晚|大半夜|半夜|大周末|周末)(的)?(就|还|又)*(来)?(麻烦|打扰|叨扰)((你|您)(们)?)?(了|啦|咯)?(?![吗么嘛])/],
  // Coming back to ask, or saying one will (以后常来麻烦你, 往后少不了打扰您): 又, 还, 再 or 以后 says the asker comes more than once.
  ["greeting", /^(我|俺)?((又|还|再)(得|要|来|过来)?(麻烦|打扰)((你|您)(们)?)?|又(来|过来)(了|啦|咯|喽)|(以后|今后|往后|之后|后面|后头)(少不了|免不了|还得|还要|可能|肯定|会|要|得)?(常|经常|常常|多|老|还)?(来)?(麻烦|打扰|请教|叨扰|找)((你|您)(们)?)?)/],
  // Trying the bot out (我先试一下, 来试试你, 测一下这个小助手好不好用): a hello; what is asked, if anything, comes next.
  // (The verb alone, 测试, is one stray word: stray-input.ts.)
  ["greeting", new RegExp(`^(?!(试试|试一试|试用|试|测试|测测|体验)$)(我|俺)?(就|先|来|想|再|也)*(试试|试一试|试一下|试下|试用|试|测试|测一下|测测|体验)(一下|下)?((你|您)(们)?|这个(${BOT_NAMES})?|(${BOT_NAMES}))?(看|看看)?(好不好用|好用不|灵不灵|好使不好使|好不好使|好使不|管不管用|行不行)?`, "i")],
  // The bot as someone described it (同事说这个小助手能查惠企方面的政策, 听说你可以查政策): told, no question (吗 asks one); who
  // sent the asker (朋友介绍我来, 同事让我来): the asking or trying comes next.
  ["greeting", new RegExp(`^((听)?(我|我们|俺)?(的)?(${TOLD_BY})?(说|讲|介绍|推荐|讲的|说的)|听说|据说|听人说)(的)?((这个|你们|您们|你|您)(${BOT_NAMES})?|(这个)?(${BOT_NAMES})|这里|这儿|这边)(上)?(能|可以|会|能够)(帮(我|人|大家)(们)?)?(问|查|咨询|回答|解答|答|解决)((?:(?![吗么嘛呢])[\\u4e00-\\u9fff]){0,16}?)(方面|相关|有关)?(的)?(政策|问题|事情|事儿|事)(?![吗么嘛呢])|^(我|我们|俺)?(的)?(${TOLD_BY})(推荐|介绍|让|叫)(我|俺)(来|过来)?`, "i")],
  // Saying what one is writing or studying (这阵子在写优化营商的专题报道, 我在写毕业论文, 正在搞一个调研): who asks, as a turn's opening,
  // no question (论文怎么写 asks one).
  // (Before who one is, whose 企业 would take the start of 我们在做一个关于小微企业的调研.)
  ["greeting", new RegExp(`^(我|俺)?(们)?(最近|这阵子|这段时间|这学期|今年|目前|现在|正|正在|在|也)*(做|写|搞|弄|跑|赶)(一个|一篇|个|篇|一组|组)?(${NAMING}{0,14}?(的|方面的|相关的))?(系列|专题)?(稿子|稿件|报道|文章|论文|毕业论文|毕业设计|课题|调研|调查|研究|选题|作业)`)],
  // Saying who one is, as a turn's opening (我是石油大学的学生, 我是新来的科员, 我是给油田干活的小公司会计, 我是一家小超市的老板,
  // 我是独山子那边开修车铺的师傅): a greeting; what is asked comes next.
  // Where one works comes first, so that 秘书 of 商会秘书处 is not read as what one is (我是商会秘书处新来的, 我代账公司的, 我们合作社的).
  // Without 我 it is said as new there (商会秘书处新来的).
  // Saying who one is by a past visit (我是上回来问开饭馆那个大姐, 俺就是前两天咨询过的那个个体户): a returning asker's hello; what is asked
  // comes next.
  ["greeting", new RegExp(`^(我|俺)(就)?是${BEFORE}(来|过来)?(((找|跟|向)(你|您)(们)?)?(问|咨询|打听|请教)(过)?(你|您)?)?${NAMING}{0,12}(的|那个|那位)(${ROLE}|人)?`)],
  ["greeting", new RegExp(`^((我|俺)(们)?(是)?${NAMING}{0,16}?${WORKPLACE}(里|上|这边|那边)?(新来|刚来|新到|新进)?|${NAMING}{0,12}?${WORKPLACE}(里|上)?(新来|刚来|新到|新进))的(${NAMING}{0,6}?${ROLE})?`)],
  ["greeting", new RegExp(`^(我|俺)(是|叫)${NAMING}{0,16}?(的)?${ROLE}`)],
  // A first day at work or coming to learn (今天第一天上班, 头一天入职来学习一下, 刚入职): who asks, no question.
  // (A first visit, 我头一回来这里咨询, is read as filler below.)
  ["greeting", /^(今天|今儿)?(是)?(我|俺)?((第一天|头一天)(来)?(上班|入职|实习|报到|到岗|来)|刚(入职|报到|到岗))(了|啦)?|^(过来|来)(学习|取经)(学习|一下|下)?/],
  // Saying what one's business is (我是开汽修厂的, 我们是做餐饮的, 俺是干装修的): who asks, as a turn's opening, no question.
  // (Where, too: 我是乌尔禾开农家乐的, 俺们是白碱滩那边搞运输的.)
  ["greeting", new RegExp(`^(我|俺|咱)(们)?(是)?(在)?(${HOME_NAMES.join("|")}|${NAMING}{0,6}?(那边|这边|那儿|这儿|那块|这块))?(开|做|干|搞|经营)[\\u4e00-\\u9fff]{1,8}?的`)],
  // Saying in English what one runs or where one has come from (I run a small guesthouse in Urho, we own a bakery, just moved back to
  // Karamay from Shanghai): who asks, as a turn's opening, no question (I run a shop, can I… asks one).
  ["greeting", new RegExp(`^(i|we)(just|recently|only)?(run|own|operate|manage|opened|started)(a|an|my|our|this|the)(small|little|tiny|new|family)?[a-z]{0,16}?(${EN_TRADES})(s)?(here|(here)?(in|at|outin|overin)(${EN_HOME}|town))?`, "i")],
  ["greeting", new RegExp(`^(i|we)?(m|am|are|re|have|ve)?(just|recently|finally)?(moved|came|come|got|returned|relocated|arrived)(?=back|here|home|to(${EN_HOME})|from(${EN_FROM}))(back)?(here|home|to(${EN_HOME}))?(from(${EN_FROM}))?(${EN_HOME})?(lastweek|lastmonth|lastyear|recently)?`, "i")],
  // Where, without who (乌尔禾开民宿的, 在独山子做餐饮的): said after a hello, who asks, no question (乌尔禾开民宿要啥证 asks one).
  ["greeting", new RegExp(`^(在)?(${HOME_NAMES.join("|")})(区)?(这边|那边|那儿|这儿)?(开|做|干|搞|经营)${TRADE}{1,8}?的`)],
  // Saying one has just come back or moved here (我上个月从外地调回克拉玛依, 俺们从北京搬过来了, 我刚回到克拉玛依): news of the asker, as a
  // turn's opening, no question (从北京来能办执照吗 asks one).
  ["greeting", new RegExp(`^(我|俺)(们)?(一家)?(刚|刚刚|才|今天|昨天|前两天|前几天|最近|这两天|上个月|去年)*(从${NAMING}{1,8}?(回|回来|回到|来|来到|过来|搬来|搬到|搬回|搬过来|调来|调到|调回)|(回|回到|来到|到|搬到|调到)(?=${HOME_NAMES.join("|")}))(了)?(${HOME_NAMES.join("|")}|这边|这儿|这里|咱这|本地|老家)?(了|啦|咯|的)?`)],
  // Finding out who answers (哦是个机器人啊, 原来是自动回复): a remark that greets the bot, no question (你是机器人啊 asks one).
  ["greeting", /^(原来|哦|噢)?(是|就是)(个|一个)(机器人|ai|人工智能|自动回复|智能客服)(啊|呀|哦|呐|了)(?![吗么])/i],
  // Unsure how to begin (有点紧张, 不知道咋问, 不晓得从哪问起): a newcomer's hello; what is asked comes next (不知道怎么办 asks one).
  ["greeting", /^(我|俺)?(心里)?(有点|有些|好|挺|很|还|真|还是)?(紧张|忐忑|发慌|心慌|不好意思|害羞)(了|啊|呢|呀)*|^(我|俺)?(都|也|还|真)?不(太)?(知道|晓得|清楚|会)(该|要)?(咋|怎么|怎样|如何|从哪|从哪儿)(开口|提问|问起|问|说起)(了|呢|啊|呀)*(?![吗么嘛])/],
  ["thanks", /^(帮(了)?(我)?(个)?大忙(了)?|帮了(我)?不少|谢谢|谢了|谢啦|多谢|感激不尽|感谢|感激|感恩|谢|thankyouverymuch|thankyou|thanks|thank|thx|热合买提|热合麦提|rehmet|rahmet|辛苦了|辛苦啦|辛苦|麻烦(你|您)了|麻烦了|有劳|受益匪浅|受教了|受教|长见识了|学到了|👍|🙏)/i],
  // An acknowledgement alone closes a turn like a thanks does (好的, 明白了, 收到).
  ["thanks", /^(好的|好滴|好嘞|好哒|好吧|好|嗯嗯|嗯|哦哦|哦|噢|okay|ok|收到|(我|俺)?(都|也|就)?(听|看)?(明白|懂|清楚)了|明白|(我|俺)(都|也|就)?(知道|了解|晓得)了|知道了|晓得了|知道|了解了|了解|行了|行|没问题|可以了|哈哈+|呵呵+|嘿嘿+|嘻嘻)/i],
  // Thanks said in form (向您表示衷心的感谢, 对贵方致以谢意).
  ["thanks", /^((向|对)(你|您|贵方|各位)(们)?)?(表示|致以|表达)(衷心|诚挚|真诚|由衷|万分)?(的)?(感谢|谢意|谢忱)/],
  // Saying in form that what was told is taken in (以上事项均已了解, 上述内容已知悉, 均已收悉): an acknowledgement (已了解吗 asks).
  ["thanks", /^(以上|上述|前述|这些|刚才|您说的|你说的)?(所说的|说的|讲的|的)?(事项|内容|情况|信息|问题|几点|几条|答复|回复|意见)?(我|我们|我方)?(均|都|全|全部|已经|已|也|基本)*(了解|明白|清楚|知悉|收悉|领会)(了)?(?![吗么嘛没])/],
  // Saying what was told helps one's own work (相关信息对我们筹备材料颇有助益, 对我们很有帮助): praise that closes a turn (有帮助吗 asks).
  ["thanks", new RegExp(`^(相关|这些|上述|以上|(你|您|贵方)(的)?)?(信息|内容|解答|答复|回复|资料|说明|介绍)?(对(我|我们|我司|我方|本单位|我单位)${NAMING}{0,16}?)?(都)?(颇有|很有|大有|非常有|十分有|极有|特别有|挺有|会有|有)(助益|帮助|裨益|参考价值|启发)(的)?(?![吗么嘛没])`)],
  // Saying one is reassured closes a turn too (心里有数了, 这下踏实了, 我就放心了; not 心里没底, 放心吗).
  ["thanks", /^(我|俺)?(就|也|总算|终于|算是)?(心里|心中)?(有底|有数|踏实|放心|亮堂|敞亮)(了|啦)?(?![吗么嘛])/],
  // Saying the matter is settled closes a turn too (问题解决了, 搞定了, 没别的问题了, 没啥问的了, 我都问好了).
  // (Relief said with it too: 总算搞明白了, 终于弄懂了, 这下可算问清楚了.)
  ["thanks", /^((我|俺)?(总算|终于|算是|可算|这下|这回|总归)*(我|俺)?(我的)?(问题|事情|事儿|事)?(都|已经|也|全|总算|终于|可算)*(解决了|搞定了|弄好了|办好了|(弄|搞|整|闹|问|听|看)(明白|清楚|懂)了|清楚了|明白了|懂了)(?![吗么没嘛])|(暂时|目前|今天|就)?没(有)?(啥|什么|别的|其他|其它)?(要|想|可|好)?(问|问的|问题|事)(的)?了(?![吗么嘛])|(我|俺)?(都|也|就)?(问|咨询|打听)(完|好)(了|啦)(?![吗么嘛没])|allset|allgood|thatsall|thatsit|gotit)/i],
  // Praise for the answer closes a turn too (挺有用的, 很详细, 太棒了; not 有用吗), in dialect too (还挺歹的, 攒劲得很) and said twice over
  // (讲得清清楚楚).
  // 说得很清楚嘛: praise said plainly (嘛 asserts here; 有用嘛 alone may doubt).
  ["thanks", /^(说|讲|写|回答|解答|解释|讲解)得(还)?(挺|很|太|真|非常|特别|蛮)?(清楚|明白|详细|好|到位|透彻)(嘛|呀|啊|哈)/],
  ["thanks", /^((说|讲|写|回答|解答|解释|讲解|回复|答|回)得)?(还)?(挺|很|太|真|非常|特别|蛮|好|超|贼)?(有用|有帮助|管用|好用|详细|清楚|明白|棒|不错|厉害|给力|快|及时|迅速|牛(逼|批|b)?|666+|赞|靠谱|聪明|机灵|可爱|有趣|有意思|好玩|歹|攒劲|巴适|得劲|清清楚楚|明明白白|详详细细|仔仔细细|透透彻彻)(得很|的很)?(?![吗么嘛])|^(very|really|so|super)?(helpful|useful|clear|great|perfect|awesome)/i],
  // A like given (给您点一个赞, 必须点赞, 竖个大拇指): praise that closes a turn.
  // Praise in internet slang (爱了爱了, 绝绝子, yyds, 永远的神, 太强了): a like given in words (强不强 asks).
  ["thanks", /^(爱了|爱你|绝绝子|yyds|永远的神|神了|真神|(太|真|好|超)(强|神)了?|强强强|牛哇|牛啊|nb|respect|(我|俺)?(直接)?(好评|点赞|路转粉))+(啊|呀|哇|哈)*(?![吗么嘛不])/i],
  ["thanks", /^(必须|得|要)?((给|为)(你|您)(们)?)?(点|点个|点一个|竖个|竖一个|竖起|竖)(个)?(大)?(赞|大拇指|👍)|^(五星)?好评/],
  // Saying the answer helped closes a turn too (that helps, that's very helpful, you've been a big help, makes sense).
  ["thanks", /^((that|this|it|you)(is|was|s|re|are|were|ve|havebeen|hasbeen)?(been)?(really|very|so|super|truly|extremely|most)?(helps|helped|helpful|useful|clear|great|perfect|awesome|(a)?(big|great|huge|real)help|makessense)(me|us)?|makessense|understood|noted)/i],
  // (此致敬礼: a letter's sign-off, sent alone, says goodbye.)
  ["bye", /^(再见|再会|拜拜|拜|bye|goodbye|seeyou|回头见|回见|下次见|改天见|告辞|此致敬礼|此致|(那)?(就|先|今天|今儿)+这样(子)?(?![吗么嘛呢]))/i],
  // Going back to one's own work (我先去忙了, 不打扰你了): a goodbye.
  // (我去店里忙了, 得回单位开会了, 我先撤了, 下线了: going somewhere or off.)
  ["bye", /^((我|俺)?(先|得|要|该|就|也)*(去|回)?(店里|店上|铺子里|铺子|地里|单位|公司|厂里|工地|摊上|门店|家|办公室)?(忙|干活|上班|开会|看店|接孩子|做饭)(了|去了|啦|去啦|咯|别的)(?![吗么嘛没])|(我|俺)?(先|得|要|该|就|也)*(撤|走|下线|下|闪|溜|睡)(了|啦|咯|喽)(?![吗么嘛没])|(就)?不(多)?(打扰|耽误)((你|您)(们)?(了)?|了))/],
  // Coming back later to ask (明天再来问, 改天再聊): a goodbye.
  // (我回头再来问, 等我有空再来问问, 下回再说.)
  // (有事再找你, 有不懂的再来问: when a need comes.)
  // (以后有什么不清楚的还来请教您, 往后碰到不会的就找你了: any need to come, 啥 or 什么 naming none, and the bot asked then.)
  ["bye", new RegExp(`^(我|俺)?(等)?(我|俺)?(((明天|明儿|改天|回头|下次|下回|晚点|晚些|过两天|过几天|有空|有时间|等会|待会|一会|以后|今后|往后|日后)(儿)?)(${LATER_NEED})?|(${LATER_NEED}))(我|俺)?(就|再|还|都|也)*(来)?(问|聊|咨询|请教|找|麻烦|说)(问|一下|下)?((你|您)(们)?)?(?!领导|负责人|工作人员|人工|经理|主任|局长|处长|科长|同事|专人)`)],
  // Going off to do what was asked about (这就去准备材料, 我马上去办, 那我去窗口交一下): a goodbye; 去 or 这就, 马上 says one goes
  // (准备材料 alone may ask which papers).
  ["bye", /^(那)?(我|俺)?(就)?((这就|马上|现在就|立刻|赶紧|赶快|这会儿就)(去|回去)?|(先|就|那就)?(去|回去))(窗口|大厅|政务大厅|办事大厅|现场|那边)?(准备|办理|办|弄|交|跑|整理|提交|递交|申请|试试|试一试|操作|问问|看看)(准备|一下|下|一趟)?(材料|资料|手续|东西|文件|证件)?(了|去了|去|啦)?/],
  // Going away to think it over (我再琢磨琢磨, 我再想想): a goodbye.
  ["bye", /^(我)?(再)?(琢磨琢磨|琢磨一下|想想|想一想|考虑考虑|考虑一下|研究研究)/],
  // Excusing one's tone (刚刚我口气有点冲，别往心里去): an apology.
  ["sorry", /^((刚才|刚刚)?(我)?(的)?(火气|脾气|语气|口气|态度)(有点|有些|太)?(大|冲|急|重|不好)(了)?(点|一点|些)?|(别|不要|请别)(介意|见怪|往心里去|生气)|(我|俺)?(就是|只是|就)?((开|说)(个|一个)?玩笑|(说|闹)着玩)(的|而已|罢了|呢)?|抱歉|对不起|sorry)/i],
  // Going to tell someone what was learnt (我去跟老板汇报了, 回头跟家里人说一声): a goodbye.
  ["bye", /^(那)?(我|俺)?(这就|马上|先|就|回头|回去)?(去|回去)?(跟|和|向|给)(我们|我家)?(老板|老板娘|领导|经理|家里人|家里|老婆|老公|媳妇|爱人|同事|合伙人|上面)(汇报|说|说一声|讲|讲一下|报告|交代|商量|转达)(一下|下)?(了|去了|去|啦)?/],
  // Sympathy for the helper (你们也辛苦, 大家都不容易): a thanks (你累吗 asks how the helper is).
  ["thanks", /^((你们|您们|你|您|大家)(也|都|真|挺|太)*|(也|都))(辛苦|受累|不容易)(了|啦|的)?(?![吗么嘛不没])/],
  // A friendly wish for the helper's day (早点下班, 早些休息, 注意身体, 别太累了): a goodbye.
  // The weather as the reason for it (天冷你们也注意身体, 降温了多穿点): the wish still asks nothing.
  ["bye", /^((天|天气)?(冷|凉|热|干)(了)?|降温(了)?|变天(了)?|风大|雪大)?(你们|您们|你|您|大家)?(也|都|可|千万)*(要|得)?((早点|早些|早|按时|准时)(下班|休息|回家|歇着|歇歇|歇会儿|歇会)(过年|过节)?|好好休息|休息休息|歇一歇|歇歇|(注意|保重)(身体|休息|保暖)|注意保暖|多保重|保重|多穿(点|些|一点)(衣服)?|别(太)?累着|别冻着|别太累)(了|啊|哈|呀)?(?![吗么嘛没])/],
  // Good wishes close a turn too (祝你周末愉快, 祝您工作顺利).
  // Without 祝 the occasion is said (周末愉快, 工作顺利), so that 顺利 or 开心 alone is no wish.
  ["bye", /^(祝(你们|您们|你|您|大家)?(周末|节日|新年|春节|中秋|国庆|假期|工作|生活)?|(你们|您们|你|您|大家)?(周末|节日|新年|春节|中秋|国庆|假期|工作|生活))(都)?(愉快|快乐|顺利|开心|健康|一切顺利|万事如意)/],
  // Closing for now (今天先问这么多, 就先到这儿, 今天就到这), or inviting the helper over (改天来我家吃饭): a goodbye.
  ["bye", /^(((今天|今儿)?(就)?先(问|聊|说)?(到)?(这么多|这些|这儿|这里)|(今天|今儿)?(就|问)(这些|这么多)(了)?|(今天|今儿)?(就)?(问|聊|说)(这些|这么多)(了)?|(今天|今儿)?(就)?(先)?(问|聊|说)?到这(儿|里)?(为止)?)(吧|了)?|(改天|有空|有时间|下次)(再)?来(我|俺|咱)?(家|店|这)(里|儿)?(吃饭|吃个饭|坐坐|坐|喝茶|玩))/],
  // In English (are you a bot, where do your answers come from, can I trust your answers); before whatareyou takes what are your sources.
  ["about", /^((who|which(company|department|office))(made|built|created|runs|operates|owns)(you|this(bot)?)|(are|r)(you|u)(run|made|operated|built|owned)by(the)?(government|city|state|officials?)|(are|r)(you|u)(a|an|the)?(real)?(bot|robot|chatbot|human|person|machine|ai|program|computer|official|governmentservice|government)(or(a|an)?(real)?(bot|robot|chatbot|human|person|machine|ai))?|isthis(a|an)?(real)?(bot|robot|chatbot|human|person|ai))/i],
  ["answers", /^(where(do|does)(your|these|the|all)?(answers?|information|info|data|facts)(come|comes)from|whereisyour(information|info|data)from|whats?(is|are)?your(sources?|information|info|data)|(what|where)do(you)?get(your|the)?(answers?|information|info)(from)?|whatareyouranswersbasedon|whatdoyoubaseyouranswerson|(can|could|should)i(trust|believe|relyon)(youranswers|whatyousay|you)|(are|is)(your|these|the)?(answers?|information|info)(reliable|accurate|correct|official|trustworthy|legaladvice|legallybinding)|(are|r)(you|u)(reliable|accurate|official|trustworthy))/i],
  // Whose the bot is (您是政府部门的号吗, 你们是官方的吗, 您是哪个部门的, 你是谁开发的); 你们政府规定… asks about the policy.
  // Before who it is, which would take 你是谁 of 你是谁开发的.
  ["about", new RegExp(`^(${THE_BOT}(是不是|是)?${OWNER}(办|做|开发|运营|搞)?(的)?(${IDENTITY}|助手|小助手|账号|号|平台|机构|部门|单位|渠道)?(吗|么|嘛|不|呢)?(还是(${OWNER}|${IDENTITY})(办|做|开发|运营|搞)?(的)?)*|(你|您)(们)?(是)?(哪个|哪家|什么)(部门|单位|机构|公司)(的|开发的|做的|运营的|搞的)|(你|您)(们)?(是)?(谁|哪个部门|哪家公司)(开发|做|搞|运营|弄)(的)?|(谁|哪个部门|哪家公司)(开发|做|搞|运营)的(你|您))`)],
  // Who or what the bot is (到底 or 究竟 pressing the asking): 你是谁, 你叫啥, 你的名字叫啥, 您贵姓, 怎么称呼您, 您到底是人还是机器, 和我对话的是机器人吗.
  // (Guessed too: 跟我说话的是个ai吧, 你应该是AI吧, 屏幕对面是真人吗, 我是在跟机器人说话吗.)
  ["about", new RegExp(`^((你|您)(到底|究竟)?(${GUESSED_TO_BE}|叫)?(个|一个)?${IDENTITY}(吗|呢|啊|呀|不|么|嘛|吧)?(还是${IDENTITY})*|(是)?(个|一个)?(机器人|人工智能|智能客服|ai|真人|机器|程序)(吗|呢|不|么|嘛|吧)(还是${IDENTITY})*|(你|您)的名字(是|叫)?(啥|什么)?|(现在|正在|在)?((跟|和|与)(我|俺)(聊|聊天|说话|对话|回话)|(回|回复|答复)(我|俺)(的)?(话|消息|信息)?)的(${GUESSED_TO_BE})?(个|一个)?${IDENTITY}(吗|呢|啊|呀|不|么|嘛|吧)?(还是${IDENTITY})*|(屏幕)?(对面|那头|那一头|另一头)(的)?(${GUESSED_TO_BE})?(个|一个)?${WHO_OR_WHAT}(吗|呢|啊|呀|不|么|嘛|吧)?(还是${WHO_OR_WHAT})*|(我|俺)(是)?(在)(跟|和|与)(个|一个)?${WHO_OR_WHAT}(聊天|聊|说话|对话)(吗|呢|啊|呀|么|嘛|吧)?|(您|你)?贵姓|怎么称呼(你|您)?|whoareyou|whatareyou|whatisyourname|whatsyourname)`, "i")],
  // Who one is and how one speaks (我蒙古族的, 我汉语不太好): said before a question, no question.
  ["filler", /^(我|俺)(是)?(蒙古族|维吾尔族|维族|哈萨克族|回族|汉族|柯尔克孜族|锡伯族)(的|人)?|^(我|俺)(的)?(汉语|中文|普通话)(说得|讲得)?(不太好|不好|不太行|不行|一般|不流利)/],
  // What the asker is busy with right now (还在加班核账呢, 正忙着盘点库存呢, 刚忙完): a remark, no question (呢 closes it; 加班费 asks one).
  ["filler", new RegExp(`^(我|俺)?(们)?(今天|今儿|这会儿|现在|晚上|大晚上)?(还|正|也|都|又|一直)*(在)?(加班|熬夜|值班|忙着|忙活|赶着)${NAMING}{0,6}?(着)?(呢|哩)`)],
  // Why someone else's question is typed by the asker (他岁数大了打不了字, 我妈眼睛不好看不清字, 老人不会用手机): who asks, no question.
  ["filler", new RegExp(`^(他|她|老人家|老人|${FAMILY})?(们)?((岁数|年纪|年龄)(大|高)|上了年纪|眼睛不好|眼神不好|眼花|手抖|老了)?(了)?(也|都|又|就)?(打不了字|打不来字|不会打字|打字(不方便|费劲|太慢|慢)|不会用(手机|电脑|智能手机)|用不来(手机|电脑)|玩不转(手机|电脑)|看不清(字|屏幕)?|不识字|认不得字)(了|啦)?`)],
  // The hour (大半夜的还在线吗): what is asked comes after it.
  ["filler", /^(大半夜|半夜|深夜|这么晚|大晚上)(的)?(了)?(还)?/],
  // Who is answering (这边是真人在答还是机器自动回复的, 是机器在回复吗): a question about the bot.
  ["about", /^(你|您)?(这|这边)?(是)?(真人|人工|人|电脑|机器|机器人|ai|程序)(在)?(自动)?(回|回复|答|回答)(的)?((吗|么|呢)|(还是)(真人|人工|人|电脑|机器|机器人|ai|程序)(在)?(自动)?(回|回复|答|回答)?(的)?)/i],
  // The bot as a person (你几岁了, 你多大了, 你是男是女): chat about the bot.
  ["about", /^(你|您)(今年)?(几岁|多大年纪|多大|多少岁|年龄多大|岁数多大)(了)?|^(你|您)(是)?(男的还是女的|男是女|男的女的|男生还是女生)/],
  // Where the bot's answers come from (你的回答是网上找的吗, 你是照着哪个文件来答的, 你的信息来源是什么).
  ["answers", new RegExp(`^(${YOUR_ANSWERS}(是)?(从)?(哪里|哪儿|哪|什么地方|啥地方)(来|找|查|搜|抄|弄|看)(来)?的|${YOUR_ANSWERS}(是)?(出自|来自|来源于|源自|根据|依据|按照|参考|照着|基于)(的)?${WHICH_SOURCE}(的)?|${YOUR_ANSWERS}(是)?(不是)?${MADE_UP}|${YOUR_ANSWERS}(有没有|有)(依据|根据|出处|来源|凭据)(没有)?|${YOUR_ANSWERS}(的)?(依据|根据|出处|来源)(是)?(什么|啥|哪里|哪儿|哪个|哪份)|(你|您)(是)?(不是)?${MADE_UP}|(你|您)(是)?(根据|依据|按照|参考|照着|按|基于|从)${WHICH_SOURCE}(来)?(回答|答|说|回复|讲|查|找|学|知道)(的)?|(你|您)(是)?怎么知道(这些|的)(的)?)`)],
  // Whether to trust them (你讲的这些靠得住吗, 你的回答靠谱吗, 我能信你吗) or use them at the counter (你说的这些可以带到大厅当凭证吗, 有法律效力吗).
  // (会不会过时 after where the answers come from: of them too.)
  ["answers", new RegExp(`^(${YOUR_ANSWERS}(是)?${RELIABLE}|(会不会过时|过不过时|是不是最新的|会不会出错|会不会有错)|${YOUR_ANSWERS}(能不能|可不可以|能|可以|可否)(拿|带|拿去|带去|拿到|带到)?(去|到)?(窗口|大厅|政务大厅|办事大厅|部门|政府|法院|那边)?(去)?(当作|当|作为|做)(依据|凭据|证据|凭证|根据|参考|准|数)(用)?|${YOUR_ANSWERS}(有没有|有|具有|具备)(法律)?(效力|约束力)|${YOUR_ANSWERS}(算不算|算)(数|法律意见|官方答复|正式答复|官方意见)|${YOUR_ANSWERS}(作不作数|作数)|(我|俺)?(能不能|能|可以|敢)(不能)?(信|相信|信任)(你|您)?(说的|的话)?|(你|您)(说的|的话)?(信得过|靠得住|可信)(吗|么|不)?)`)],
  // Whether it remembers the chat (你能记住我之前问过什么吗, 你记得我上次问的啥吗): a question about the bot.
  ["about", /^(你|您)(能|会|可以|能不能|会不会)?(记住|记得|记下|记着)(我|俺)(们)?(之前|以前|上次|上回|刚才|前面)?(问过|说过|聊过|讲过|问|说)?(的)?(什么|啥|哪些|内容|话|东西|问题)?/],
  // What it can do (你会什么, 能帮我干点啥, 可以帮我们做些什么): with 你, or with 帮我 (能做什么 alone may ask what a business may do).
  ["about", /^((你|您)(这个)?(机器人|助手|小助手)?(都)?(能|可以|会)(帮(我|俺|咱)(们)?)?(做|干|办|回答|解答|答)?(点|些)?(什么|啥|哪些)(问题|事|事情|方面的?问题|忙)?|(能|可以)帮(我|俺|咱)(们)?(做|干|办)?(点|些)?(什么|啥|哪些)(事|事情|忙)?|(我)?(能|可以)问(你|您)?(些)?(什么|啥|哪些)(问题)?|你是干什么的|你是做什么的|whatcanyoudo|howdoesthiswork)/i],
  // How the helper is doing (今天忙不忙, 累不累, 活多不多, 你们那边忙吗: where the helper sits too), or whether at work today (今天你上班了没; 你 asked, not a hall): chat about the bot.
  // (大晚上还在线上守着: keeping watch online is being on duty.)
  // (怎么样 and 好吗 only of 你: 这个怎么样 asks about what was just said.)
  ["about", new RegExp(String.raw`^((你|您)?(们)?(那边|这边|那儿|那头)?(现在|今天|今儿|最近|这两天|这会儿)?(在)?(忙不忙|忙吗|忙么|忙嘛|忙不|忙着呢|累不累|累吗|辛苦吗|(活儿|活|事儿|事情|事)(多不多|多吗|多么|多不))|(你|您)?(现在)?(有空|有时间|方便)(吗|么|嘛|不)|(你|您)(今天|今儿|最近|这两天)?(好吗|怎么样)|(你|您)?(们)?(还)?(没|没有)?下班(了)?(吧|吗|么|没|呢|没有)?|(你|您)?(们)?(还在|还要|也要|也得)(上班|加班)(吗|么|吧|呢|啊)?|${OFF_HOURS}(你|您)?(们)?(还在|也在|都在)(上班|加班|值班|(线上|网上)?(守着|盯着|候着))(啊|呀|呢|哈|哦)*(?![吗么嘛])|(你|您)(们)?${OFF_HOURS}(还在|也在|都在|还要|也要|还得|也|还|都)(上班|加班|值班)(吗|么|啊|呀|呢)?|(今天|今儿|现在)?(你|您)(们)?(今天|今儿|现在)?(也)?(上班|加班|值班)(了)?(没有|没|吗|么|嘛|不|吧|呢)?)`)],
  // The asker's place among those who came to the bot today (今天头一个来问你的是不是我, 我是不是第一个找你的): chat about the bot.
  ["about", /^(今天|今儿|今早|早上|一早|这会儿)?((我|俺)(是不是|是|算不算|算)?(今天|今儿)?)?(头一个|第一个|头一位|第一位|最早|最先)(来)?(问|找|咨询|打扰)(你|您)(们)?的(人)?((是不是|是|就是)(我|俺))?(吧|吗|么|呀|啊|不|呢)*/],
  // How the helper bears its work (一天到晚回答问题烦不烦, 问你的人多不多) and whether it keeps a festival (你们机器人过不过节): chat about the bot.
  ["about", new RegExp(`^((你|您)(们)?)?(${BOT_NAMES})?(你|您)?(现在|今天|今儿|最近|这两天|这会儿|一天到晚|天天|整天|成天|每天)?(回答|回|答|回复|解答)?(问题|消息)?(烦不烦|烦吗|烦么|累不累|累吗|忙不忙|忙吗)|^(现在|今天|今儿|最近|这两天|每天|天天)?(来)?(问|找|咨询)(你|您)(们)?的人(多不多|多吗|多么|多不|多)|^((你|您)(们)?)?(${BOT_NAMES})?(也)?(过不过节|过节吗|过节么|过节不|过不过年|过年吗)`, "i")],
  // Teasing the bot for reciting its document (你是不是只会背文件): chat about what it is.
  ["about", /^(你|您)(们)?(是不是|是|就)?(只|就|光)(会|知道|能)(背|念|抄|照搬|复述)(文件|原文|条文|政策|条款|稿子)/],
  // Which languages the bot reads (do you speak English, 你会说英语吗).
  ["about", /^((do|can)you(speak|understand|read)(english|chinese)|(你|您)(会|能|懂)(说|讲|看)?(英语|英文|中文|汉语)(吗|不|么|嘛)?)/i],
  // A remark on the weather beside a greeting (今天克拉玛依风真大): chat, no question (明天天气咋样 asks one).
  // The place and the time come in either order, the city's districts among the places (白碱滩这两天, 这两天乌尔禾); how hard it blows or
  // how cold it is may be told by what it does (风刮得人站不住, 冷得要命, 这风刮得棚子差点吹倒: to things around too).
  ["filler", new RegExp(`^${WEATHER_WHEN_WHERE}(风|天|天气|雪|雨|太阳)(真|好|太|可|特别|挺|很)(大|冷|热|好|晒|足)(啊|呀|了|哦)*`)],
  ["filler", new RegExp(`^${WEATHER_WHEN_WHERE}((这|那)?(风|雪|雨|太阳|天)(刮|吹|下|晒|冻)?|冷|热|冻|晒)(得|的)${WEATHER_EFFECT}(啊|呀|了|哦)*`)],
  // The line remarked on (乌尔禾这边信号不好, 网太卡): why a message came late or garbled, no question (信号塔归谁管 asks one).
  ["filler", new RegExp(`^${WEATHER_WHEN_WHERE}(的)?(手机)?(信号|网络|网速|网)(有点|有些|太|很|特别|真|老是|总是|一直)?(不好|不太好|差|不行|不稳|不稳定|卡|时有时无|断断续续)(啊|呀|了|哦|呢)*`)],
  // The time of year remarked on (年底了, 快过年了, 又到月底了) and how busy one is (年底忙得脚不沾地, 这阵子忙晕了): chat, no question.
  ["filler", new RegExp(`^(又|快|马上|眼看|转眼|都|这就|眼瞅着)*(到)?${SEASON}(了|啦|咯|喽)+`)],
  // (新一周又来了, 又是新的一天: the start of a week or day remarked on.)
  ["filler", /^(又是|又到了|又)?(新的一(周|天|年|个月|个星期|个礼拜)|新一周|新一天)(又)?(开始|来)?(了|啦|咯|喽)+/],
  ["filler", new RegExp(`^(我|俺|我们|俺们|咱们|咱)?${BUSY_WHEN}{0,2}(我|俺|我们|咱)?(都|也|真|实在|可|太|真是|一直|天天)*(${BUSY})`)],
  // (年底挺忙吧, 你们也挺忙的吧: the helper's workload guessed, 吧 not 吗.)
  ["filler", new RegExp(`^(你们|您们|你|您|大家)?${BUSY_WHEN}?(也|都)?(挺|很|够|真|肯定|应该|一定)?忙(的|坏了)?吧`)],
  // (今天来办事的人多吧, 大厅里这两天人肯定不少吧: the crowd at the helper's place guessed, 吧 not 吗; 人多吗 asks how it is now.)
  ["filler", new RegExp(`^(你们|您们|大厅|窗口|你们那边|你们那儿|那边|这边)?(里)?${BUSY_WHEN}?(来)?(办事|办业务|办理业务|排队|咨询|问事)?(的)?人(也|都)?(挺|很|够|真|肯定|应该|一定|特别)?(多|不少)(的)?吧`)],
  // The temperature told (这会儿白碱滩零下二十八度, 外面都三十八度了, 这两天才零下十几度) and what the cold does to one (手都冻僵了,
  // 脚冻麻了, 耳朵冻得通红, 热死了): chat, no question (零下几度 or 多少度 asks one).
  ["filler", new RegExp(`^${WEATHER_WHEN_WHERE}(气温|温度)?(都|才|就|已经|只有|足足|差不多|将近|快)*(零下|零上|负)?${DEGREES}(多)?(度|℃)(了|啦|呢|哦|啊)*`)],
  ["filler", /^(我的|我|俺)?(手|脚|脸|耳朵|鼻子|手指头|手指|全身|浑身|人)(都|快|全|直|也)*(冻|冷)(得)?(僵|麻|木|透|裂|坏|红|通红|发紫|没知觉)(了|啦|掉了)*|^(冷|热|冻|晒)(死|坏)(人|我)?(了|啦)/],
  // (今天又下雪了, 外面刮风了, 天冷了: the weather told, no question.)
  ["filler", new RegExp(`^${WEATHER_WHEN_WHERE}(天|天气)(变|转|越来越)?(冷|热|凉|暖和)(了|啦|呢)+`)],
  ["filler", new RegExp(`^${WEATHER_WHEN_WHERE}(又|在|开始|一直)?(下雪|下雨|刮风|刮大风|降温|起风|下大雪|下大雨)(了|啦|呢|哦)+`)],
  // What goes around the pieces: intensifiers, the person thanked, words that open or close a turn, particles.
  // (What is thanked for, the service itself too: for making this advisory service available to our finance team.)
  ["filler", new RegExp(`^(${EMOJI.source})+`, "u")],
  ["filler", new RegExp(`^(${ADDRESS}|(你们|您们|你|您|贵方|贵单位|贵部门|贵中心|贵局)的(详尽|详细|耐心|专业|及时|细致|周到)?(的)?(解答|回答|答复|回复|说明|帮助|帮忙|耐心|服务|指导|介绍)|冒昧(地)?|叨扰|(你|您)?(这个|这)?(营商|政策)?(${BOT_NAMES}|ai)|请问|有一说一|u1s1|说实话|说实在的|讲真|说真的|不得不说|不好意思|打扰了|打扰一下|打扰|我就是|我只是|就是|这个|试一下|试试|测试一下|非常|十分|特别|真是|真的|真|太|实在|万分|很|超级|灰常|这么|那么|如此|那就|那|也|先|的|啊|呀|啦|了|哈|呢|哦|嘛|吧|哇|喔|哟|咯|嗷|么|吗|嘞|咧|噻|撒|喽|哎呀|哎哟|哎|唉|哇塞|这回|这次|这下|又来|耐心(讲|解答|回答|讲解|解释)?|(老头子|老太太|老婆子)(我)?|(今天|今儿|刚刚)?(我)?(是)?(第一次|头一次|头一回)(用|使用|来)(这个(东西|玩意儿|玩意|软件|程序|小程序|系统|平台)|这玩意儿|这玩意|这东西|(这个|这|咱们|你们)?(政务服务大厅|政务服务中心|政务大厅|办事大厅|政务中心|服务中心|大厅|中心)|这个|你|这儿|这里|这边)?(问问题|提问|咨询|问问)?(不太会弄|不会弄|不太会用|不会用|不太懂|不懂)?|今天|今儿|这两天|一直|总是|每次|指点|指教|fortoday|fornow|somuch|verymuch|alot|abunch|aton|amillion|heaps|loads|many|again|(foryourhelp|forthehelp|forallthehelp|forhelping|foryourtime)(earlier|before|yesterday|lasttime|theotherday|lastweek|earliertoday|thismorning|(back)?then)?|for(the|your)(info|information|answer|explanation|reply)|for(making|providing|offering|running|creating|settingup|launching)(this|the|your|such(a|an)?)?(free|online|new|helpful|useful|great|policy|business|advisory|information)*(service|tool|bot|chatbot|assistant|helpdesk|platform|resource)(available)?((to|for)(us|me|our|my|the|local)?[a-z]{0,20}?(team|staff|department|colleagues|company|business|businesses|firm|office|members|people|community|everyone))?|forexplaining|there|你们|您们|你|您|大家|老师|亲|娃娃|娃子|孩子|小伙子|小伙|姑娘|丫头|巴郎子|同志|师傅|兄弟|老弟|小妹|朋友|老铁|阿达西|还|帮助|帮忙|解答|回答|指导|介绍)`, "i")],
  // A past answer as what is praised (上回你那条答复, 前两天你说的那个办法): what the praise after it is of.
  ["filler", new RegExp(`^${BEFORE}(你|您)?(们)?(的|说的|讲的|给的|回的|答的|教的|出的)?(那个|那条|这个|那些)?(回答|答复|回复|解答|答案|建议|说法|办法|方法|主意)`)],
  // Who is greeted or thanked, and the words around it, in Latin letters (cheers mate, hello everyone, thanks again, oh well).
  // A first visit said in English (first time using this assistant, it's my first time here), as 头一回来 is above.
  ["filler", /^(thisis|its|itis)?(my|our)?(very)?firsttime(ever)?(using|trying|with|on|here|asking)?(this|the|your)?(new)?(assistant|bot|chatbot|service|tool|app|system|helper|helpdesk)?(here)?/i],
  ["filler", /^(mate|buddy|pal|bro|dude|folks|guys|yall|everyone|everybody|all|team|sir|madam|maam|dear|friends|friend|chatbot|bot|again|indeed|kindly|so|very|really|and|oh|ah|well|hmm+|um+|wow|haha+|hehe+|lol|too|aswell)/i],
];

const BOT_CALLED_ALONE = new RegExp(`^(你|您)?(这个)?(营商|政策)?(${BOT_NAMES})$`, "i");
const SEPARATORS = /[\s!！?？。.,，~～、…:：;；]+/g;
// Emoticons typed in signs (:), ;-), :D, xD, ^_^, <3, and the Russian ))) or a lone smiling bracket, Spasibo) ): the tone of what goes
// around them, like an emoji.
const EMOTICON = /(?<![A-Za-z0-9])(?:[:;=xX][-'^o]?[)(\]\[DPpOo3|/\\*]+|<3+|\^[_.-]?\^)(?![A-Za-z0-9])|[)(]{2,}/g;
const withoutEmoticons = (text: string) => {
  const signs = text.replace(EMOTICON, " ");
  return signs.includes("(") ? signs : signs.replace(/\)+/g, " ");
};
// Asking how to use the bot, as the whole message (帮助 inside 感谢您的帮助 is part of a thanks).
const HOW_TO_USE = /^(帮助|help|怎么用|如何使用|使用说明)$/i;

export interface SmallTalkOptions {
  /**
   * An answer was just given: a question about the bot's answers (依据是什么, 你说的准不准) is then about that answer, a
   * follow-up, and no small talk.
   */
  afterAnswer?: boolean;
}

/** The topic of a small-talk message, or null when any part of it is not small talk. */
export function smallTalkTopic(message: string, options: SmallTalkOptions = {}): SmallTalkTopic | null {
  return (options.afterAnswer ? recentAfterAnswer : recentTopics).get(message, (m) => topicOf(m, options));
}

// One message's clauses are read as small talk by several readers (intent, the bot's questions, thanks told back): each once.
const recentTopics = new BoundedMemo<string, SmallTalkTopic | null>(256);
const recentAfterAnswer = new BoundedMemo<string, SmallTalkTopic | null>(256);

function topicOf(message: string, options: SmallTalkOptions): SmallTalkTopic | null {
  // Apostrophes go too, so that's all reads as thatsall.
  // (bye-bye, good-bye: a hyphen between letters joins a word.)
  const rest = withoutEmoticons(message.normalize("NFKC")).replace(SEPARATORS, "").replace(/['‘’]/g, "").replace(/(?<=[A-Za-z])-(?=[A-Za-z])/g, "");
  if (!rest) return null;
  if (HOW_TO_USE.test(rest)) return "about";
  // The bot called by what it is, and nothing else (小助手, 机器人): a hello.
  if (BOT_CALLED_ALONE.test(rest)) return "greeting";
  const seen = piecesOf(rest, options);
  if (!seen) return null;
  // A question about the bot outranks the courtesy around it (你好，你是谁 asks who it is); a farewell, the thanks before it.
  if (seen.has("answers")) return "about";
  for (const topic of ["about", "bye", "sorry", "thanks", "greeting"] as const) if (seen.has(topic)) return topic;
  return null;
}

// Most messages are no small talk and fail every piece at their first character: only the pieces that can begin with it are tried.
const PIECES_BEGINNING = piecesByFirstChar(PIECES.map(([, pattern]) => firstChars(pattern)));

/** The pieces a message is made of, read from its start, or null when some part is no piece. */
function piecesOf(text: string, options: SmallTalkOptions): Set<Piece> | null {
  let rest = text;
  const seen = new Set<Piece>();
  while (rest) {
    let taken = false;
    for (const i of PIECES_BEGINNING(rest)) {
      const [piece, pattern] = PIECES[i]!;
      if (piece === "answers" && options.afterAnswer) continue;
      const m = pattern.exec(rest);
      if (!m || !m[0]) continue;
      seen.add(piece);
      rest = rest.slice(m[0].length);
      taken = true;
      break;
    }
    if (!taken) return null;
  }
  return seen;
}

/** 独山子今天冷得要命, 年底忙得脚不沾地: a clause made only of what goes around small talk (a remark on the weather, the season, one's workload), asking nothing though a word of it may look like asking (要命). */
function remarkOnly(clause: string): boolean {
  const seen = piecesOf(clause.normalize("NFKC").replace(SEPARATORS, ""), {});
  return !!seen && seen.size === 1 && seen.has("filler");
}

/**
 * 你是机器人吧？供暖报装多长时间, 你是谁，开公司要几天: asking what the bot is, then asking something; the question is what
 * follows (the bot's words, 机器人, are no topic of it). A message that is small talk throughout stays whole.
 */
export function withoutQuestionToTheBot(message: string): string {
  const at = message.search(/[？?！!。，,~～]/);
  if (at <= 0) return message;
  const rest = message.slice(at).replace(/^[？?！!。，,~～\s]+/, "");
  if (!rest || smallTalkTopic(message) || smallTalkTopic(message.slice(0, at)) !== "about" || smallTalkTopic(rest)) return message;
  return rest;
}

// A clause that asks or wants something: a question mark or particle, a question word, a verb doubled round 不 (能不能), a trailing 不 or
// 没 (还给办不), a request or a wish. Broad on purpose: a clause that might ask is never taken for a remark.
const ASKS_ZH = /[？?吗么嘛]|怎|咋|如何|多久|多少|多长|几|哪|啥|什么|谁|为何|为啥|是否|能否|可否|何时|([\u4e00-\u9fff])[不没]\1|[不没]$|请|帮|麻烦|想|问|咨询|了解|告诉|查|求|需|要|打算|准备|申请|办|能|可以|行不/;
const ASKS_EN = /\?|^\W*(what|how|when|where|which|who|whom|whose|why|can|could|would|will|is|are|am|do|does|did|should|shall|may|might|must|have|has)\b|\b(please|pls|need|want|wondering|looking for|help me|tell me|like to|could you|can you|how|what|when|where|which|why|who|whether|if)\b/i;
// A grievance told (态度太差, 拖着不办, rude, unfair): for staff to hear, though nothing is asked.
const COMPLAINS = /差|慢|烦|坑|骗|乱|投诉|举报|冤|拖|欠|罚|刁难|为难|气死|生气|不满|不公|糟|烂|离谱|过分|\b(complain\w*|terrible|awful|rude|slow|unfair|angry|ridiculous|disappoint\w*|useless)\b/i;
const CLAUSE_END_ZH = /(?<=[\s!！?？。.,，~～、…:：;；]+)(?=[^\s!！?？。.,，~～、…:：;；])/;
const CLAUSE_END_EN = /(?<=[!?.,;:]+)\s*(?=\S)|\s+(?=\b(?:and|but|so)\b)/i;

/**
 * 下午好呀，店里刚忙完年底盘点，来跟你问声好; Understood, thanks from the whole bakery, that saved us a drive to the hall: a hello, a thanks or a
 * goodbye, with remarks around it that ask nothing. For a message the policy holds nothing of (the caller's check): small talk too,
 * whatever the remarks say, since they ask nothing of anyone. A clause that might ask (吗, 几, 想, 办, please, ?) keeps it a question,
 * and a grievance told goes to staff as before.
 */
export function courtesyAskingNothing(message: string): SmallTalkTopic | null {
  const text = message.normalize("NFKC").trim();
  const chinese = /[\u4e00-\u9fff]/.test(text);
  const clauses = text.split(chinese ? CLAUSE_END_ZH : CLAUSE_END_EN).map((c) => c.trim()).filter(Boolean);
  const topics = new Set<SmallTalkTopic>();
  for (const clause of clauses) {
    const topic = smallTalkTopic(clause);
    if (topic === "about") return null;
    if (topic) topics.add(topic);
    else if (remarkOnly(clause)) continue;
    else if (ASKS_ZH.test(clause.replace(/[\s!！。.,，~～、…:：;；]+$/, "")) || ASKS_EN.test(clause) || COMPLAINS.test(clause)) return null;
  }
  for (const topic of ["bye", "sorry", "thanks", "greeting"] as const) if (topics.has(topic)) return topic;
  return null;
}

/**
 * 刚退休闲不住，先跟你谝两句闲传，你是机器人还是真人: what the bot is, asked among remarks that ask nothing (the asker's day, an offer to
 * chat): a question about the bot, though a word around it (退休) may name a measure and its own 真人 may sound like asking for one.
 * `asksOtherwise` marks a clause that asks in some other way (找个真人跟我说: a person asked for).
 */
export function botAskedAmidChat(message: string, asksOtherwise: (clause: string) => boolean): SmallTalkTopic | null {
  const text = message.normalize("NFKC").trim();
  if (!/[\u4e00-\u9fff]/.test(text)) return null;
  const clauses = text.split(CLAUSE_END_ZH).map((c) => c.replace(/[\s!！?？。.,，~～、…:：;；]+$/, "").trim()).filter(Boolean);
  // (Only a clause asking about the bot makes the answer one: most messages have none, and the rest need not be read.)
  if (clauses.length < 2 || !clauses.some((c) => smallTalkTopic(c) === "about")) return null;
  let asked = false;
  for (const clause of clauses) {
    const topic = smallTalkTopic(clause);
    if (topic === "about") asked = true;
    else if (asksOtherwise(clause)) return null;
    else if (topic || remarkOnly(clause)) continue;
    else if (COMPLAINS.test(clause.replace(/差(一)?点|差不多/g, "")) || ASKS_OF_SERVICE.test(clause) || ASKS_ZH.test(clause.replace(/[这那多]么/g, "")) || ASKS_EN.test(clause)) return null;
  }
  return asked ? "about" : null;
}

/** 退休手续能一次办吗，你是真人吗 → 退休手续能一次办吗: the clauses that do not ask what the bot is (whose 真人 asks for no person). */
export function withoutBotQuestions(message: string): string {
  const clauses = message.split(CLAUSE_END_ZH);
  return clauses.length < 2 ? message : clauses.filter((c) => smallTalkTopic(c) !== "about").join("");
}

// What the bot said before, recalled (前两天您讲的…, 之前你告诉我…): told back to thank for it.
const RECALLED = new RegExp(`^${BEFORE}(你|您)(们)?(跟我|给我|和我|同我)?(说|讲|告诉我|告诉俺|讲过|说过|讲的|说的|答|回)`);
// How it turned out, told (果然三天就批了, 真就办下来了, 已经通上了): a result, no question.
const CAME_TRUE = /^(还|结果|后来|这回|这次)?(真|真的|果然|果真|确实|真就|还真|已经|都)[\u4e00-\u9fff\d]{0,16}(了|啦|咯)$/;
// A question or doubt inside what is recalled or told (吗, 怎么, 是不是, 还没): what was said and came true asks none (能, 可以 are what was said).
const ASKS_BACK = /[？?吗么嘛]|怎|咋|为何|为啥|什么|啥|哪|多少|多久|是不是|对不对|是否|能不能|可不可以|还没|没有|不了|不行|不对|错/;

/**
 * 前阵子你说办执照三天就行，果然三天就拿到了，多谢: a thanks, with what the bot said before recalled and how it turned out told. None of
 * it asks anything, whatever measure its words touch: small talk. Every clause is small talk, a recall or a result, with a thanks among them.
 */
export function thanksTellingBack(message: string): SmallTalkTopic | null {
  const text = message.normalize("NFKC").trim();
  const clauses = text.split(CLAUSE_END_ZH).map((c) => c.replace(/[\s!！。.,，~～、…:：;；]+$/, "").trim()).filter(Boolean);
  // Nothing recalled, nothing told back: most messages stop here, before small talk is read clause by clause.
  if (!clauses.some((c) => RECALLED.test(c))) return null;
  let thanked = false;
  let recalled = false;
  for (const clause of clauses) {
    const topic = smallTalkTopic(clause);
    if (topic === "thanks") thanked = true;
    if (topic && topic !== "about") continue;
    if (topic || ASKS_BACK.test(clause) || COMPLAINS.test(clause)) return null;
    if (RECALLED.test(clause)) recalled = true;
    else if (!CAME_TRUE.test(clause.replace(EMOJI_RUN, ""))) return null;
  }
  return thanked && recalled ? "thanks" : null;
}
const EMOJI_RUN = new RegExp(`(${EMOJI.source})+`, "gu");

// The bot as what a clause speaks of, at its start (你那边, 您这个小助手, 机器人, AI); 你们 is left out: 你们几点上班 asks the office.
const BOT_SUBJECT = new RegExp(`^(那|哎|诶|嘿)*((你|您)(?!们)(那边|那儿|那头|那里)?(这个|这)?(${BOT_NAMES}|ai)?|(这个)?(${BOT_NAMES}|ai))`, "i");
// What the bot is, guessed with no subject (怕不是个机器人, 其实就是个程序): whom else a clause could guess to be a program.
const BOT_NATURE = /^(你|您)?(不会|该不会|难道|肯定|应该|其实|原来|怕不是)?(就)?(是不是|是)(个|一个)?(ai|机器人|人工智能|智能客服|程序|真人|活人)/i;
// A person's doing or being with no subject of its own (这两天在忙什么, 大晚上还回信息, 比原来那套系统好用): after the bot is greeted or
// spoken of, it speaks of the bot.
const OF_THE_ONE_ADDRESSED = /^(最近|今天|今儿|这两天|这几天|现在|这会儿|这么晚|大晚上|平时|天天)?(也|还|都|又|在|正在|一直)*(忙|累|闲|睡|歇|休息|回(消息|信息|话|复)|比)/;
// The bot asked to account for itself or told it fails (怎么总说错, 为啥不回, 不靠谱).
const BOT_FAULTED = /怎|咋|为啥|为什么|为何|凭什么|错|不对|不准|不行|不靠谱|笨|傻|蠢|瞎|答非所问|没用|听不懂|看不懂/;
// How the bot is, asked as one asks a friend (你那边咋样, 您那儿怎么样啊): no account asked of it. (…咋样了 asks how a matter stands.)
const HOW_ARE_YOU = /(怎么样|咋样|如何|还好吗|还好吧|好吗)(啊|呀|呢|哈|哇)*$/;
// What is asked of staff, a case or the world, never chat: hours (你那边周六开门吗: 你那边 may be a hall), contacts, places, a request, one's
// own case, money, what the bot knows of something (你知道…吗), a person to reach; what it can do or is to make (你会猜谜吗, 唱首歌) is a task.
const ASKS_OF_SERVICE = /几点|时间|开门|关门|营业|上班|下班|值班|加班|放假|休息日|电话|号码|手机|微信|联系|地址|在哪|哪里|哪儿|窗口|大厅|办|帮|查|给我|告诉|发|申请|材料|进度|审批|审核|结果|钱|费|价|知道|能|可以|(?<![不等待一])会(?![是儿])|(讲|说|唱|写|画|来|念|背|编)(个|一个|首|一首|段|一段|篇|一篇|点)|人工|工作人员|领导|负责人|我的|我们的|俺的/;
// A question announced, none asked yet (今儿事情有点多, 我们店里的事想咨询一下, 有点事想请教你): the asker's own matter named only as 事 or 问题.
const ANNOUNCE_WHEN = "(今天|今儿|这回|这次|先|待会儿|待会|等会儿|等会|一会儿|回头|晚点)";
const ANNOUNCES = new RegExp(`^${ANNOUNCE_WHEN}*(我|俺|咱)?(们)?(家)?((?<=[我俺咱们家])[\\u4e00-\\u9fff]{1,4}?(的|上的|里的|方面的))?(还)?(有)?(点|几个|几件|一些|些|个|件|好几个|不少|很多|一堆)?(小)?(${GENERIC_MATTER})?(事|事情|事儿|问题)(有点|比较|挺|很|特别|可)?(多)?${ANNOUNCE_WHEN}*(想|要|得|需要)?(先)?(问问|问一下|问下|请教|咨询|打听)?(一下|下)?((你|您)(们)?)?(了|啊|呀|哈|呢|哦|啦)*$`);

/**
 * 这两天降温了，你那边冷不冷; 你这机器人挺机灵; 上午好，今儿事情不少，待会儿请教你: for a message the policy holds nothing of (the caller's
 * check), chat read by its structure: clauses that speak of the bot (its state, its nature, praise of it), a question announced with
 * none asked, and the courtesies and remarks around them. A clause asking anything of staff, a case or the world, a remark that might ask,
 * or a grievance keeps it a question.
 */
export function chatAskingNothing(message: string): SmallTalkTopic | null {
  const text = message.normalize("NFKC").trim();
  if (!/[\u4e00-\u9fff]/.test(text)) return null;
  if (jokeTold(text)) return "greeting";
  const clauses = text.split(CLAUSE_END_ZH).map((c) => c.replace(/[\s!！?？。.,，~～、…:：;；]+$/, "").trim()).filter(Boolean);
  const topics = new Set<SmallTalkTopic>();
  let addressed = false;
  for (const clause of clauses) {
    const topic = smallTalkTopic(clause);
    // (A question about the bot is read by the intent stage, not here: 你是谁 beside a remark stays as it was.)
    if (topic === "about") return null;
    if (topic) {
      topics.add(topic);
      addressed = true;
      continue;
    }
    if (remarkOnly(clause)) continue;
    // (差 of 差点, 差不多 says "nearly": no grievance.)
    // (办 of 办事的事 names no service asked: the matter is only announced.)
    if (COMPLAINS.test(clause.replace(/差(一)?点|差不多/g, "")) || ASKS_OF_SERVICE.test(clause.replace(new RegExp(`${GENERIC_MATTER}(?=事|问题)`, "g"), ""))) return null;
    if (ANNOUNCES.test(clause)) {
      topics.add("greeting");
      continue;
    }
    const plain = clause.toLowerCase();
    if (BOT_NATURE.test(plain)) {
      topics.add("about");
      addressed = true;
      continue;
    }
    if (BOT_SUBJECT.test(plain) || (addressed && OF_THE_ONE_ADDRESSED.test(plain))) {
      // (The bot asked how or why, or told it errs, 你这个助手老答错, is a grievance about it: left as it was.)
      if (BOT_FAULTED.test(clause.replace(HOW_ARE_YOU, ""))) return null;
      topics.add("greeting");
      addressed = true;
      continue;
    }
    // A remark asks nothing (这么 and 那么 point, they do not ask).
    if (ASKS_ZH.test(clause.replace(/[这那多]么/g, ""))) return null;
  }
  for (const topic of ["about", "bye", "sorry", "thanks", "greeting"] as const) if (topics.has(topic)) return topic;
  return null;
}

// A joke the asker tells the bot (给你讲个笑话：…, 跟你说个段子): what follows is told in jest, asking nothing unless it asks in form.
const TELLS_A_JOKE = /^(我)?(先)?(来)?(给|跟|和|同)(你|您)(们)?(讲|说|分享)(个|一个|段|一段|则)(笑话|段子|趣事|乐子)[\s!！。.,，~～:：]*/;
const ASKS_IN_FORM = /[？?吗么嘛呢]|怎|咋|为何|为啥|为什么|哪|几|多少|多久|什么|啥|谁|是否|能否|可否|([\u4e00-\u9fff])[不没]\1|[不没]$/;

/** 给你讲个笑话：老板说要省钱，先省的是我的午饭: a joke told, none of it asking in form (no question word, mark or particle), nor a grievance. */
function jokeTold(text: string): boolean {
  const m = TELLS_A_JOKE.exec(text);
  if (!m) return false;
  const joke = text.slice(m[0].length).replace(/[\s!！。.,，~～、…:：;；]+$/, "");
  return joke.length >= 6 && !ASKS_IN_FORM.test(joke) && !COMPLAINS.test(joke.replace(/差(一)?点|差不多/g, ""));
}
