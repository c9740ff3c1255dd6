import { chineseNumber, CN_NUMERAL, parseNumber } from "./chinese-numbers.js";
import { matchesOf } from "./matches.js";
import { clauseAsks } from "./question-text.js";
/**
 * Kinds of fact a question can ask for that a measure may simply not contain.
 * A question asking for one is answered only if the evidence holds that kind of fact.
 */
export type FactKind = "phone" | "address" | "window" | "website" | "hours" | "frequency" | "fee" | "amount" | "rate" | "share" | "materials" | "list" | "long-list" | "conditions" | "time-limit" | "date" | "validity" | "name" | "grades" | "language" | "channel" | "platform-name" | "compensation" | "criterion" | "threshold" | "rationale" | "basis" | "earlier-figure" | "licence-required" | "privacy" | "subsidy" | "grade-held" | "odds" | "papers" | "days-counted" | "count-start" | "paper-accepted" | "counter" | "seal" | "branch" | "list-where" | "next-session" | "order";

interface FactRule {
  kind: FactKind;
  /** The question asks for this kind of fact. */
  asked: RegExp;
  /** A passage that states such a fact. */
  stated: RegExp;
}

// 几千万, 几百, 好几个, 十几个 are rough quantities; 几个工作日, 几天 ask for a duration; 几家 (banks visited) counts a story.
// 哪几个 asks which ones, not how many; 注册资本多少万以上 quotes a threshold, it asks none.
const HOW_MUCH = "(多少(?!个?(工作日|天|日|小时|月|年|周|次|条|项)|(万|千|百)?(元|块)?(以上|以下|以内))|(?<![哪好十])几(?![千百万十亿]|个?(工作日|天|日|小时|月|年|周|次|条|项)|家|趟|回|遍|位))";
// How long, asked outright (多久, 几个工作日): a time limit the cited measure must set, and a figure that lifts the measure stating it.
// (窗口讲得等十五天左右，这算正常吗: a duration told and asked about is the time limit asked for.)
// (多久…一次 asks how often, a frequency, not how long.)
// (多久能一次办完 still asks how long: the once ends what is asked.)
const ONCE = "一(次|回|趟)(?=[吗呢啊吧呀？?，,。！!]|$)";
const NOT_HOW_OFTEN = `(?![^，。？?]{0,10}${ONCE})`;
const HOW_LONG =
  `多久${NOT_HOW_OFTEN}|多长时间${NOT_HOW_OFTEN}|几天|` +
  "几日|多少天|多少日|几个工作日|多少个?工作日|几个(小时|钟头|钟)|多少(个)?(小时|钟头)|" +
  // (破产清算一般得熬多少个月, 要几个礼拜: months or weeks counted ask how long as days do; 前几个月 is a time past, 好几个月 a while told.)
  "(?<![前这近头最上好])几个(月|星期|礼拜)|多少个?(月|星期|礼拜)(?!份)|" +
  // (注册资本几年内要实缴, 要多少年: years counted ask how long too; 这几年, 那几年, 好几年, 连着几年没出事 are times past or a while told.)
  "(?<![前这那近头最上好十续着])几年(?!级|前|没|了|来|里|间|都|也|中)|多少年(?!前|没|了|来)|" +
  // (一个月来了三拨检查，正常吗: a period the visits are counted in is no duration asked.)
  "([0-9]+|[一二两三四五六七八九十几]+)(多|来|余)?个?(工作日|天|日|月|星期|周)(?![^？?]{0,4}[0-9一二两三四五六七八九十几]+(拨|次|回|趟|遍))[^？?]{0,8}(正常|合理|太久|太长|太慢|久了|长了|对吗|对不对)|" +
  // (供水和供暖报装哪个快, 复议和打官司哪个更快: which takes less time, each one's time limit asked; 找谁快速维权 compares nothing.)
  "(哪个|哪一个|哪样|哪种|哪条)(更|比较|会|最)?(快|慢|久)(?=[一些点吗呢啊？?，,。！!\\s]|$)|谁(更|比较|最)(快|慢|久)|" +
  // (有时间要求吗, 有没有期限: whether a time is set at all.)
  "(有|有没有|有无)(什么|啥)?(时间|时限|期限)(上的)?(要求|限制|规定|限定)|(有|有没有|有无)(时限|期限)(吗|么|嘛|没|不|呢|[？?]|$)";
const ASKS_HOW_LONG = new RegExp(HOW_LONG);
const FIGURE_OF_MONEY = /\d+(\.\d+)?\s*(万|千|百|亿)?元/;

// 不用申请直接发的奖励款，按规模大概能拿多少, 政府给的那笔资金一般能有多少: money named as what is spoken of, and how much of it asked
// at the end, across a clause (the sum is no price paid: 开公司的钱要花多少 asks a fee, 资金兑现的比例是多少 a share).
const SUM_NAMED_THEN_ASKED =
  "(?<![花交付缴掏收要])(钱|资金|款)(?![^？?。]*(花|交|缴|付|收|费|成本|比例|占比|率|多少(个|项|条|家|件|次|天|日)))[^？?。]{0,16}?(有|是|给|发|拿|领|到账|能有|能拿|能给|能领)?多少(钱)?[呢啊呀吧？?。！!\\s]*$";

// How a sum is paid out, at once or in instalments (一次性给还是分几次, 补贴分期发吗): the policy states no sum, nor how one is paid.
// (一次性告知, 材料一次性交齐 are no sum paid.)
// (一次性打包办完 packs steps into one matter: 打包 is no sum paid.)
const SUM_PAID_HOW = "(一次性|分期|分批|分次|分几次|分几期|分几批|分几年|按月|按年|按季度?)(给|发|拨|付|打(?!包)|到账|兑现|发放|拨付|返还|返)|一次(给|发|拨|付)(完|清)?(还是|或者|或是)";

// A sum below which no tax is owed (开多少发票以内不交税, 营业额几万以下免征, 起征点): a line in money, asked.
const TAX_FREE_LINE = "(多少|几)[^，。？?]{0,10}(以内|以下|之内|之下|不到|不超过)[^，。？?]{0,6}(不用|不需要|不必|无需|免于?|免征|不)(交|缴|纳|征|报)?[^，。？?]{0,3}税|(多少|几)[^，。？?]{0,10}(以内|以下|之内|之下|不到|不超过)[^，。？?]{0,4}(免征|免税)|起征点|免征额|免税(额度|标准|门槛|的?线)";
// A sum the asker owes (a fine, a tax, a fee) paid in instalments or put off (罚款分期交, 税能缓交吗): the policy states no such way of paying.
const OWED_PAID_HOW = "(罚款|罚金|罚的钱|税款|税费|欠税|滞纳金|费用)[^。？?]{0,12}(分期|分批|分几次|分几期|分次|缓交|缓缴|延期交|延期缴|晚点交)|(分期|分批|分几次|分几期|分次)(交|缴|付|还)[^，。？?]{0,4}(罚款|罚金|税款|税费)";

// A letter grade of a rating the asker holds (B级, AA级, A类纳税人); 四级政务服务中心 and 5A级景区 are no such grade.
const HELD_GRADE = /(?<![A-Za-z0-9０-９])([A-DMa-dm]{1,3})[+＋-]?(级|类)(纳税人|企业|公司|信用)?/;
// Papers named (营业执照正副本, 清税证明, 身份证原件, 复印件): what a paper is called, not 材料 alone (要交材料吗 asks which).
const PAPER = "证明|正副本|正本|副本|原件|复印件|身份证|户口本|执照|许可证|证书|合同|章程|申请书|决议|发票|公章|房产证|产权证";

// A way of putting a wrong right or getting money (维权走哪条路, 投诉走哪条路快, 融资有哪条路): the road is the way, no street.
const REMEDY = "维权|投诉|举报|申诉|起诉|诉讼|打官司|告状|索赔|讨薪|要账|讨债|追讨|复议|仲裁|调解|融资|贷款|借钱";
// Where a kind of shop or trade is to be found (哪有打印复印的店, 哪里有卖二手叉车的; not 哪有这种免费的午餐, said to doubt).
const SHOP_SOUGHT =
  "(哪|哪里|哪儿|哪块|哪边|什么地方|啥地方)(有|能找到|找得到)[^，。？?]{0,10}?(店|铺|门市|门面|摊|馆|超市|商场)(?![主员])|(哪|哪里|哪儿|哪块|哪边|什么地方|啥地方)(有|能)(卖|收|租|修|打印|复印|刻|印)[^，。？?]{0,10}的";

// Where to park at an office (门口好停车不, 有停车场吗, 车停哪儿): the policy names no car park; 每次都得停车配合 stops a car, parks none.
const PARKING =
  "(好|方便|能|可以|能不能|可不可以|让不让|哪里|哪儿|哪|在哪|去哪|怎么|咋)停车|(停车场|停车位|车位|停车)(好找|方便|难找|难停|紧张|够不够|够吗|多不多|有没有|有吗|有不|有么|在哪|吗|不|么)|有(没有)?(停车场|停车位|车位)|车(子|辆)?(能|可以|该|要|好)?(停|放)(在)?(哪|门口|院里|附近|路边)";

// A tariff set beside another or asked how it is set (打场跟夜市电价一样不, 气价咋算, 商业用电电价贵不贵): the policy states no price.
const TARIFF_ASKED =
  "(电价|水价|气价|暖价|电费|水费|燃气费|暖气费|取暖费|价格|价钱)[^，。？?]{0,4}(一样|相同|不同|不一样|区别|差别|差多少|贵|便宜|高不高|低不低|涨|降|(怎么|咋|如何)(算|定|收)|按(什么|啥))";

// The money put on a party named, asked (钱是供电公司出吗, 费用由企业承担吗, 这钱要不要我们出): who pays.
const PARTY_PAYS =
  "(钱|费用|成本)(是|由|归|让)[^，。？?]{1,8}(出|付|掏|承担|负担)(吗|么|嘛|不|呢|[？?]|$)|" +
  "(钱|费用|成本)[^，。？?]{0,2}(要不要|用不用|得不得|需不需要|是不是|该不该)[^，。？?]{0,2}(自己|自个儿|我们|我|俺|咱|企业|用户|客户|业主)[^，。？?]{0,2}(出|付|掏|承担|负担)";

const RULES: FactRule[] = [
  // A number sought, not a call in the story (打电话就说没钱).
  {
    kind: "phone",
    // (电话有没有, 电话发一下, 办事电话, 值班电话 谁有, 电话能给我一个吗: a number asked for in other words.)
    asked: /电话(是|号码|号|多少|呢|吗|几|给)|(?<![回打来接])电话(号码)?(有没有|有吗|有不|有么|发(我|一下|下|给)|麻烦(发|给)|(能|可以|方便|能不能|可不可以)(给|发|留)(我|俺|个|一个))|(的|个|啥|什么|咨询|联系|热线|客服|办公室|办公|值班|办事|业务|对外)电话|谁有[^，。？?]{0,6}电话|电话[^，。？?]{0,4}谁(有|知道)|(?<![回打来接])电话[？?。！!\s]*$|(有没有|给个|要个|留个|求个|打哪个|打什么)电话|手机号|座机|号码|联系方式|(怎么|咋|如何|怎样)联系|咨询热线是|私人微信|微信号|(给|要|留)(我)?(个|一个)[^，。？?]{0,10}微信/,
    stated: /\d{3,4}[-－]\d{7,8}|1[3-9]\d{9}|\d{5}(热线|电话)|热线\d{5}|12345/,
  },
  // (你们讲的那笔贴息到底在哪: where a promised thing is, asked to doubt it, is no address; nor 差在哪, 难在哪, what tells two apart or is hard.)
  // (地址发我一下, 把位置发给我: an address asked to be sent.)
  // (异议渠道在哪, 投诉途径在哪里: where a channel is, which way to go about it, no place.)
  // (公司注销咋走, 变更登记怎么走: 走 after a procedure goes through it, no way to a place.)
  // (白碱滩哪里有修手机的铺子, 哪儿有收旧货架的: where to find a kind of shop, which the policy never lists.)
  // (在我们区有办事点吗, 附近有营业厅没: whether an office is there; the policy names no office's place, only its 四级政务服务中心.)
  { kind: "address", asked: new RegExp(String.raw`(地址|位置)(是|在)?(哪|什么|多少)|(地址|位置|定位)[^，。？?]{0,2}(发|给)(我|俺|一下|下)|(?<!(挪|移|换|改|迁|调)(一)?(个|下)?)(地址|位置)(呢|啊|呀)?[？?。！!\s]*$|(去|到|在)哪(个|家)(银行|网点|营业厅)|(?<!(说|讲|喊|吹|宣传)的[^，。？?]{0,8})(?<![差错难好强亏妙])(?<!(渠道|途径|门路|路子|出路|口子)(是|又|到底)?)在哪(里|儿)?(办公|上班)?([？?。！!，,\s]|$)|附近(有没有|有|哪)|(有没有|有)[^，。？?]{0,2}(办事点|办事处|服务点|网点|营业网点|营业厅|分局)(吗|么|嘛|没|不|呢|[？?]|$)|在哪个(楼|地方|位置)|哪一?(栋|幢|座楼)|(?<!(${REMEDY})[^，。？?]{0,3})哪(条|个)(街|路|巷|大街|大道)(?![线子径况面])|(什么|啥)(街|路|大街|大道)上|门牌|哪个楼|几楼|(在|是|去|到)第?几层|(?<!(注销|报装|登记|申请|转让|变更|审批|备案|开户|办理|过户|复议|修复|迁移|申报|诉讼|立案|仲裁|手续|流程|程序|步骤)(的话|的)?)(怎么|咋)走(?![流程程序手续])|(怎么|咋)去|在(什么|啥|撒)(地方|位置)|(在|去|到)哪(里|儿)?(办理|办|弄|买|领|申请|拿)(?![法事结成完好下])|(在|去|到)哪(一)?家[^，。？?]{0,4}(刻|办|买|做|开|申请)|(在|去|到)哪(一)?家(店|公司|银行|机构|网点)|有(没有)?指定的?(店|公司|机构|银行|网点)|坐几路|几路(车|公交)|(坐|乘|搭)(什么|啥|哪路|哪趟)(车|公交|地铁)|公交(车)?(怎么|咋)坐|(怎么|咋)坐车|${SHOP_SOUGHT}|${PARKING}`), stated: /[路街巷]\d+号|\d+号楼|\d+楼|地址[:：]/ },
  // Which counter to go to (信用修复去哪个窗口): only a passage naming a kind of counter answers (“办不成事”反映窗口).
  { kind: "window", asked: /(去|到|在|找)哪个窗口/, stated: /[”"](反映)?窗口|综合窗口|专窗|专门窗口/ },
  // A counter's number or a queue ticket (几号窗口, 窗口是几号, 要不要先取号, 得先拿号排队吗, 取号机在哪): the policy numbers no counter, and its
  // 排队取号 is a step the heads of offices go through (第35条), not whether the asker must take one.
  {
    kind: "counter",
    asked: /几号(窗口|柜台)|(窗口|柜台)(是|在)?(几|多少)号|(要不要|需不需要|用不用|得不得|是不是(要|得)|必须|需要|要|得)(先|提前)?(在[^，。？?]{0,6})?(预约)?(排队)?(取|拿|排|领)(个)?号(?!码)|(怎么|如何|咋|在哪|哪里|去哪)(取|拿|排)(个)?号(?!码)|取号机/,
    stated: /\d+号(窗口|柜台)|(无需|不用|不需要?|须|需)(提前)?(预约|取号)/,
  },
  // How a branch stands to its head office (分公司注销要不要先注销总公司, 子公司能不能用母公司的资质): the policy never treats a branch
  // apart from its company (分支机构 only as a tender condition to clear, 第10条).
  {
    kind: "branch",
    // (Only what one does to the other, before it or by its name: 总部在克拉玛依，分公司登记能不能在这边办 asks where a thing is done, 第40条.)
    asked: /^(?=[^]*(先|之前|以前|连带|跟着|牵连|影响|承担|(用|借|沿用|共用|挂)[^，。？?]{0,3}的|怎么办))[^]*((分公司|子公司|分支机构|分店)[^。？?]{0,14}(总公司|母公司|总部|总店)|(总公司|母公司|总部|总店)[^。？?]{0,14}(分公司|子公司|分支机构|分店))/,
    stated: /分公司|子公司|总公司|母公司/,
  },
  // Which seal a paper needs and how many seals to carve (盖哪个部门的章才算数, 要不要盖商会的章, 刻几枚, 财务章、发票专用章都得刻吗): the
  // policy names 公章刻制 only as a free step of opening a company (第1条), never a seal's use or count. (盖厂房 builds: a seal is named.)
  {
    kind: "seal",
    asked: /^(?=[^]*(章(?!程)|印鉴))[^]*(盖(哪个|哪|什么|啥|谁)(的|家)?[^，。？?]{0,8}(章|印)|(要不要|需不需要|用不用|得不得|是不是(要|得)|必须|需要|要|得)(加)?盖(个|上)?[^，。？?]{0,8}?(章(?!程)|印)|(刻|刻制)(几|多少)(枚|颗|个|套)|(几|多少)(枚|颗)|(财务|发票|合同|法人|法定代表人|人名|骑缝)(专用)?章)/,
    stated: /盖章|加盖|用印|[一二两三四五六七八九十\d]+枚|(财务|发票|合同|法人)(专用)?章/,
  },
  // A web address or an app's name: the policy names channels (电子税务局, 一网通办) but gives no address.
  {
    kind: "website",
    // (给个链接, 链接发我一下, 是网站还是app: a link asked for, or which kind of channel it is, names no address either.)
    // (登录地址发我一下, 平台的网上地址: the address of a site or a login, which no passage gives either.)
    // (装哪个 asks which app to install; 供水报装哪个快 compares two 报装, no app.)
    asked: /网址|(网站|官网|网页|页面|链接|入口|登录页)(是|在|叫)?(多少|哪|什么|啥)|(登录|登陆|网站|网页|官网|平台|系统|下载|访问)(的)?地址|(给|发|甩|要|来|贴)(我|俺)?(个|一个|一下|下)?(链接|网址|二维码)|(链接|网址|二维码)[^，。？?]{0,2}(发|给|甩|贴)(我|俺|一下|下)|(网站|网页|官网|网上)还是(app|软件|小程序|公众号)|(app|软件|小程序|公众号)还是(网站|网页|官网)|(哪个|哪家|什么|啥)(网站|网页|官网)|(在哪|哪里|哪儿|去哪)(能|可以)?下载|(怎么|如何|咋|怎样)(才能)?(下载|安装)(到)?(手机|电脑)?|(app|软件|小程序|公众号)[^，。？?]{0,4}(叫|是)(什么|啥)(?!时候)|(哪个|哪款|什么|啥)(手机)?(app|软件|小程序|公众号)|(下载|(?<![报改拆])装)哪个|哪个(app|软件|小程序)|叫(什么|啥)(名字)?的?(app|软件|小程序|公众号)|(哪|哪个|哪里|怎么|如何|咋)[^，。？?]{0,6}注册(个|一个)?(账号|帐号)|(账号|帐号)(怎么|如何|咋)(注册|绑定|登录)|(怎么|如何|咋)绑定/i,
    stated: /https?:\/\/|www\.|\.gov\.cn/,
  },
  // 网上班里 is 网上办理 slipped (wang shang ban li), not 上班; 我在事务所上班 says where one works; 算上周末 counts days, it asks no hours;
  // 周末在广场办集市 sets a scene, 从办执照到能开门 means opening a business: a day asks hours with what the office does then (周末能办吗, 周末有人吗;
  // 礼拜天去交标书，那天有人值班吗: the day named before, pointed back to).
  // (我平时上班没空, 我白天要上班: the asker's own work, why they cannot come, asks no hours.)
  // (哪天值班, 周几坐班, 值班表: when a person or a hall is on duty, a schedule too.)
  // (晚上有人接吗 asks who answers then; 夜市晚上要接电 tells when the power is used: 接电, 接水, 接气 are connections, no answering.)
  // (热线是24小时的吗: open round the clock, asked; 要24小时吗 would ask how long.)
  { kind: "hours", asked: /(哪天|哪一天|哪几天|几号|周几|星期几|礼拜几|什么时候|啥时候|几点)[^，。？?]{0,4}(值班|坐班|在岗|当班|轮班)|(值班|排班)(表|时间|安排)|(?<!网|在[^，。？?]{0,12}|(我|俺|我们|俺们)(平时|白天|天天|每天|还)?(要|得)?)上班(?!没空|没时间|忙|走不开|抽不开|抽不出)|下班|几点|营业时间|办公时间|工作时间|开门(时间|吗|没|了没|不|么)|开不开门|(开|上|办)不(开|上|办)(门|班|公)|(\d{1,2}|[一二三四五六七八九十]{1,3})(号|日)[^，。？?]{0,6}(开门|开不开|上班|上不上班|办公|有人|营业)|关门时间|(?<!(算|包括|包含|含|加|不算|除去|去掉|刨去|除了|扣掉)上?)(周[六日末]|星期[六日天]|礼拜[六日天]|节假日|双休日?)[^，。？?]{0,8}?((能|可以|能不能|可不可以|可否)|上班|开门|有人|营业|受理|值班|休息|接待|办公|办不办|开不开)|(那天|当天|这天|那几天)(?!然)[^，。？?]{0,6}?(有人|值班|上班|开门|营业|办公)|(24|二十四)小时(都)?(有人|值班|营业|开|服务|接|电话接)|(是|是不是|开)(24|二十四)小时的?(吗|么|嘛|不|呢|[？?]|$)|(24|二十四)小时的(吗|么|嘛|不|呢|[？?]|$)|全天候|(晚上|夜里|半夜|凌晨|午休|中午)[^，。？?]{0,8}(有人|接(?!电(?!话)|水|气|燃气|暖)|开门|上班|办公|休息|能办|办业务)|[一二三四五六七八九十\d]+点(以后|之后|以前|之前)|(国庆|春节|过年|元旦|五一|十一|端午|中秋|清明|古尔邦节|肉孜节|放假|假期|长假|节日)(期间|的时候|那几天|里|当天)?[^，。？?]{0,8}((能不能|能|可以|可不可以|还)(办|办理|受理|申请|报装|开门|上班|营业|有人)|有人(值班|上班|在)|值班|开门|上班|营业|暂停|停办|停止受理)/, stated: /\d{1,2}[:：]\d{2}|[上下]午\d|周[一二三四五六日]至周|工作日.{0,6}(上班|办公)/ },
  // How often within a period (一年能做几次, 多久来一次): only a passage counting times answers.
  { kind: "frequency", asked: /(一年|每年|一个月|每月|每个月|一周|每周|一天|每天|一季度|每季度)[^，。？?]{0,8}((?<![好十])几次|多少次|(?<![好十])几回)|(多久|多长时间)[^，。？?]{0,10}一(次|回|趟)(?=[吗呢啊吧呀？?，,。！!]|$)/, stated: /(每|一)(年|个?月|季度|周)[^。；，,]{0,8}[一二两三四五六七八九十\d]+次|[一二两三四五六七八九十\d]+次\/(年|月)/ },
  { kind: "rate", asked: /税率|利率|费率|几个点|(税|利息|息|费)[^，。？?]{0,4}百分之(几|多少)|利息是|利息(怎么|咋|如何)(算|计算)|年化|(所得税|增值税|税|减免|税收优惠)[^，。？?]{0,4}(怎么|咋|如何)(算|计算)/, stated: /(税率|利率|费率|利息)[^。；]{0,12}\d+(\.\d+)?\s*%/ },
  // Fees and costs: a zero-cost statement answers them as well as an amount does.
  {
    kind: "fee",
    // 收费吗, 要花钱不, 费用呢, 公证费怎么收, 诉讼费是怎么收的: a fee asked for without 多少 (收费标准要公开吗 asks about publishing it, not its amount).
    // (这算乱收费吗, 是不是违规收费: whether a charge is lawful is asked, not its amount.)
    asked: new RegExp(
      // (几毛钱, 多少钱一度, 每千瓦时几毛: a price in small coin, or per unit of what is supplied.)
      `${PARTY_PAYS}|${HOW_MUCH}(毛|角|分)?(钱|块|元)|(每|一)(千瓦时|度电|吨|立方米|立方|平方米|平米)[^，。？?]{0,3}${HOW_MUCH}(毛|角|分)?|每(度|方)[^，。？?]{0,3}${HOW_MUCH}(毛|角|分)?|${HOW_MUCH}(毛|角|分)[^，。？?]{0,2}(一|每)(千瓦时|度|吨|方|立方)|(费|费用|收费|价钱|价格|成本|花|电价|水价|气价|暖价|单价|租金|租费|押金)[^，。？?]{0,6}${HOW_MUCH}|${HOW_MUCH}[^，。？?]{0,4}(费用|收费)|(交|缴|付|花|掏)${HOW_MUCH}(的)?费(?![率用])|${TARIFF_ASKED}|` +
        `(?<!乱|违规|违法|私自|擅自|重复|变相)(费用|收费|花钱|要钱|交钱|收钱|掏钱|给钱|出钱|付钱|掏腰包)(吗|呢|不|么|没|没有|嘛)|` +
        // A named charge asked about (收不收工本费, 要不要交手续费, 有没有服务费; 免费, 消费, 经费 are no charge, 退费 a refund, 要不要公开收费标准
        // a publication; 网上能交费吗 asks where one pays, 交费, 缴费 and 付费 name no charge).
        `(收不收|交不交|缴不缴|要不要|需不需要|用不用|得不得|有没有|有无)(交|缴|付|收|花)?[^，。？?]{0,6}(?<![免消浪经退交缴付])费(?!用?[^，。？?]{0,3}(减免|补贴|优惠|政策)|标准)|(?<![免消浪经退交缴付])(?<!(乱|违规|违法|私自|擅自|变相|重复)收)费(吗|呢|么|嘛)|(收不收|交不交|要不要|需不需要|用不用|得不得)(交|缴|付|收|花|掏|给)?钱|(交|收|缴)(哪些|什么|啥)费|费(用)?[^，。？?]{0,2}(怎么|如何|咋)(收|算|计算|定)|费(用)?(按|照)(什么|啥|哪个)(标准)?(收|算|交|定|计取|计)|费(用)?[^，。？?]{0,4}(谁出|谁付|谁承担|谁掏|谁交|谁负担)|怎么收费|收不收费|收费不收费|要不要钱|花不花钱|免不免费|收费标准(是|为)?(什么|啥|怎样|如何)|收多少|怎么收钱|` +
        // A rough sum to pay, asked (要交几千块吗, 得花几万吧; not 每年收我们好几千 told).
        `(要|得|需要)(交|花|付|掏)?几[十百千万]+(块|元)?(钱)?(吗|么|嘛|吧|呢|[？?])|` +
        // A sum heard of, to check (听说办执照要交500块钱, 是不是得花两千元): what one pays, asked whether so.
        `(要|得|需要|还要|还得)(交|缴|花|付|掏)(个|了)?(\\d+(\\.\\d+)?|[一两二三四五六七八九十百千万]+)\\s*(万|千|百)?(块|元)|` +
        // Who buys what a job needs (管材是自己买还是自来水公司出, 电表我们自己配还是供电公司给): its cost, asked of whom it falls on.
        `(自己|自个儿|我们|我|俺|咱|企业|用户|客户|业主)(来)?(买|购买|采购|出|掏|准备|配|出钱)[^，。？?]{0,2}还是[^，。？?]{0,12}(出|给|提供|配|买|包)|` +
        // A deposit is money paid in too (要不要交保证金).
        // A cap on a price or charge (保育费政府给封顶没, 服务费最高不超过多少): a ceiling is a figure too.
        `(费|收费|价格|价钱|定价)[^。？?]{0,14}(封顶|上限|顶格|最高(不超过|不得超过)?(多少|几))|` +
        `(交|缴|付|收|押)(保证金|押金)|(保证金|押金)(吗|呢|不|么|多少|怎么|要)|` +
        // How it is charged (检测费按批次收还是按样品数收, 律师费照案值怎么计算).
        `费[^，。？?]{0,3}(按|照)[^，。？?]{1,8}(收|算|计)(还是|呢|吗)|费[^，。？?]{0,3}(按|照)[^，。？?]{1,8}(怎么|如何|咋)(收|算|计算|定)|` +
        // A telegraphic ask ending in the price itself (用电收费标准, 查下水价; not 要不要公布收费 or 在哪能查到…收费标准, about where it is published).
        `^(?![^]*(公布|公开|公示|明示|标明|在哪|哪里|哪儿|去哪))[^]*(收费标准|(?<![乱违规])收费|费用|价格|价钱|电价|水价|气价|暖价|电费|水费|燃气费|暖气费|取暖费)[？?。！!\\s]*$`,
    ),
    stated: new RegExp(`${FIGURE_OF_MONEY.source}|零成本|免费|不收取费用|不收费`),
  },
  // Other sums (capital, subsidies, wages, compensation, loan sizes, what one pays in; 听说给2000块补贴 to check): only a stated amount answers.
  // (报酬按多少算, 佣金一般几个点: what a trustee or agent is paid is a sum too.)
  {
    kind: "amount",
    // (补贴最高给几万还是几十万: a ceiling asked, or rough sums offered to choose between; 需要多少注册资金: the sum before the capital.)
    // (企业能拿多少, 最多能借多少 after a loan named: a sum to be got, whatever was named before.)
    asked: new RegExp(`(能|可以|最多|最高|一共|总共)(拿|借|领|批|贷)(到|下来|得到)?(多少|几(十|百|千|万))(?!天|个|工作日|小时|月|年|周|次|条|项|趟|份|样)|(资本|资金|补贴|补助|奖励|奖金|基数|工资|报酬|酬金|酬劳|薪酬|佣金|提成|赔偿|赔|均价|房价|贷|额度|利息|罚|税)[^，。？?]{0,6}${HOW_MUCH}|${HOW_MUCH}[^，。？?]{0,2}(注册资本|注册资金|资本金|启动资金|资金|本钱)|(额度|贷款|借款|能贷|能借|补贴|补助|奖励|奖金)[^，。？?]{0,4}(封顶|上限|最高|最多|顶格)|(单笔|最多|最高|顶多|封顶)[^，。？?]{0,3}(批|贷|借|给|放|发|补|能贷|能批|能借)?(多少|几)(十|百|千)?(万|千|块|元|钱)|(几|[\\d一二两三四五六七八九十])[十百千万亿]+(块|元)?(还是|或者|或是)(几|[\\d一二两三四五六七八九十])[十百千万亿]+|${HOW_MUCH}[^，。？?]{0,4}(资本|补贴|补助|奖励|奖金|奖补|资助|扶持资金|额度|利息|税)|${HOW_MUCH}[^，。？?]{0,6}贷款|(交|缴|缴纳|付|存)${HOW_MUCH}(?![钱块元费])|(资本|资金|额度|金额|投资|贷款)[^，。？?]{0,8}(有没有|有无|是否有)(个)?(最低|最少|下限)|\\d+(\\.\\d+)?\\s*(万|千|百)?(块|元)[^，。？?]{0,3}(补贴|补助|奖励|奖金|资金)|\\d+(\\.\\d+)?\\s*(万|千|百|亿)?(块|元)[^？?]{0,12}(靠谱|对不对|对吗|准吗|准不准|真的吗|是真的|属实|可信)|${SUM_NAMED_THEN_ASKED}|${SUM_PAID_HOW}` +
      // (买卖厂房要交哪些税, 涉及什么税费: the taxes owed are sums paid to the state, which no 免费 of a service answers; 有哪些税费优惠 asks a relief.)
      `|(交|缴|缴纳|涉及|产生)(哪些|哪几种|哪几项|什么|啥|几种)(税|税费|税种)(?![^，。？?]{0,4}(优惠|减免|政策|补贴))` +
      // (月收入多少以下免个税, 卖多少钱以内不用缴增值税, 起征点是多少: the line below which no tax is owed is a sum the text never sets.)
      `|${TAX_FREE_LINE}` +
      // (罚款能不能分期交, 税款分几次缴: how a sum owed is paid off, which no measure states either.)
      `|${OWED_PAID_HOW}`),
    stated: FIGURE_OF_MONEY,
  },
  // A share or proportion (报销比例, 占比): only a stated percentage of it answers.
  // (贷到评估价的七成 to check is a share too.)
  // (得做到百分之多少的业务网上办: a percentage asked of anything but a tax or interest is a share.)
  { kind: "share", asked: new RegExp(`(比例|比率|占比|百分比)(是|为|有|能达到|要达到|达到)?${HOW_MUCH}|(?<!(税|利息|息|费)[^，。？?]{0,4})百分之(几|多少)|(大概|大约|能|要)?占(到)?(多少|几成|百分之几|多大比例)|(比例|占比)(是|为)?(几成|多高)|的[一二三四五六七八九]成(?![本立功为员果交绩])`), stated: /(比例|占比|率)[^。；，]{0,12}\d+(\.\d+)?\s*%/ },
  // The items behind a count or a list the measure names (104项…具体是哪些, 清单在哪下载, 列给我): only a passage enumerating them answers.
  {
    kind: "list",
    // (你提到的两个目录指的是哪两个: what a count stands for, asked with 指.)
    // (有哪几条是讲融资的, 有哪几项是关于税的: the measures themselves, told by what they are about; no list inside one.)
    // (两件事…分别是哪些部门负责: who is in charge of each of the things counted, asked; no list of them.)
    // (出生一件事包括哪些证, 三项制度都包含什么: what a thing the measure names is made of; 第7条包括哪些内容 asks the measure itself.)
    // (三减一优是哪三减哪一优, 三大平台指哪三大: a term's own count echoed after 哪 asks what it counts; 一个…哪一个, 哪一步…哪一步 count nothing named.)
    // (一件事一次办都有哪些套餐: 一件事 is the reform's name, no count of one thing.)
    asked: /(?<![\d十百])(?!一件事)[2-9一二两三四五六七八九]多?(项|个|类|种|张|样|件)[^，。？?]{0,14}(具体|都|分别)(是|有|包括)?(哪些|什么|啥)(?!部门|单位|机关|局)|(清单|名单|目录)[^，。？?]{0,8}(有没有|具体)|(?<![哪第一二两三四五六七八九十])(?<counted>[一二两三四五六七八九十](?![个次下些点件条项家种类天日年月周位批期回趟样份张步一二两三四五六七八九十百千万])[\u4e00-\u9fff])[^]*哪\k<counted>|列(给|出|一下)(我|来)(?![^，。？?]{0,8}(公开|公布|公示|发布|张贴|挂网))|列(个|一个|张|一张|份)(单子|清单|表)|(有|要)(哪)?几样|挨个(说|讲|列)|一样一样|逐一(说|列)|一一(说|列)|(是|有|指|包括)哪(几|[两二三四五六七八九])(项|个|类|种|张|条|件|样)(?!部门|单位|机构|局)(?!(都|是|都是)*(讲|说|关于|涉及|有关|和|跟|与|写|提|针对|专门|在讲|在说))|哪些[^，。？?]{0,4}(行为|情况|情形|事项)[^，。？?]{0,3}(算|属于)|(哪些|什么)(算|属于)|(?<!(条|措施|政策|文件|规定|内容)(都|具体|主要|一共)?)(包括|包含|涵盖|囊括)了?(哪些|什么|啥|哪几)(?![^，。？?]{0,2}(内容|方面|措施|政策|条))/,
    stated: /[^、，,。；;]{1,14}、[^、，,。；;]{1,14}、[^、，,。；;]{1,14}(?:、|和|及|以及)[^、，,。；;]{1,14}|([^，,。；;]{1,10}?)([^，,。；;]{2,8})[，,]([^，,。；;]{1,10}?)\2[，,]([^，,。；;]{1,10}?)\2(?=[，,。；;])/,
  },
  // Where a list is published or looked up (名单在哪能查到, 清单在哪个网站下载): the policy has lists drawn up and published, never says where.
  { kind: "list-where", asked: /(清单|名单|目录)[^，。？?]{0,8}(在哪|哪里|哪儿|去哪|上哪|下载)|(在哪|哪里|哪儿|哪个网站|去哪)(能|可以)?(查|看|找|下载|获取)(到|得到)?[^，。？?]{0,10}(清单|名单|目录)/, stated: /https?:\/\/|www\.|\.gov\.cn/ },
  // The members of a large counted set (104项…具体是哪些, 那100多项都有啥): no passage of the policy enumerates ten things.
  // (200项纳入清单管理: managed by a list, a count told, no list asked.)
  {
    kind: "long-list",
    asked: /(\d{2,}|几十|上百|一百|[二三四五六七八九]?十[一二三四五六七八九]?)多?(项|个|类|种|件)[^，。？?]{0,14}(具体|都|分别)(是|有|包括)?(哪些|什么|啥|哪(\d{2,}|几十|[二三四五六七八九]?十[一二三四五六七八九]?)多?(项|个|类|种|件))|(\d{2,}|几十|上百|一百)多?(项|个|类|种|件)[^，。？?]{0,12}(清单|名单|目录)(?!管理|制度)|(清单|名单|目录)[^，。？?]{0,4}(发|给)(我)?(一份|一个|一下)?(全的|完整的|全部的)|哪(\d{2,}|几十|上百|一百)多?(项|个|类|种|件)|(清单|名单|目录|明细)[^，。？?]{0,6}(发|传|给)(给)?(我|俺|咱|我们)(一份|一个|一下|一张|份)?|(发|传|给)(给)?(我|俺|咱|我们)?(发|传)?(一份|一个|一张|份)[^，。？?]{0,14}(清单|名单|目录|明细)|(\d{2,}|几十|上百|[一二两三四五六七八九]?百[零一二两三四五六七八九十]*|[二三四五六七八九]?十[一二三四五六七八九]?)多?(项|个|类|种|件)[^。？?]{0,16}(列一下|列出来|列给我|逐条|逐个|逐项|一条一条|一项一项|一个一个|全发|发给我)/,
    stated: /[^、，,。；;]{1,14}(、[^、，,。；;]{1,14}){9}/,
  },
  // The conditions to qualify (要满足啥条件, 门槛多高): a measure says so only where it sets a scope (适用范围拓展至…).
  // (A qualification got or raised, 资质怎么申请, 资质升二级, and the certified staff it takes, 需要几个注册造价师: the policy
  // manages intermediaries' 资质, it never says what one takes.)
  {
    kind: "conditions",
    asked: /(满足|符合|具备|需要|要|得)(啥|什么|哪些|哪几个|哪几条)条件|(什么|啥|哪些)条件(才|能|可以)|条件(都|一般|具体)?(是|有)(啥|什么|哪些)|门槛(是|有)?(啥|什么|多高|高不高)|(是指|算)多大|多大规模|规模(多大|是多少)|资质[^，,。？?]{0,4}(怎么|如何|咋|怎样|去哪|在哪)[^，,。？?]{0,2}(申请|办|拿|取得|评|定|升|认定)|(申请|办|拿到|取得|评上|升)[^，,。？?]{0,8}资质[^，,。？?]{0,4}(要|需要|得)|(需要|要|得|至少)(有|配|配备)?(几|多少)(个|名|位)?[^，,。？?]{0,6}(师|技术人员|专业人员|持证人员)/,
    stated: /适用范围|适用于|符合[^。；，]{1,12}的(企业|市场主体|纳税人)|条件[:：为是]|具备[^。；，]{1,8}条件/,
  },
  // How long, asked of a measure that sets no time at all (破产清算要多久): 2个工作日, 即时, 当场, 限时办结 each answer it.
  // (一次 counts trips or visits, 进一次门: no time.)
  {
    kind: "time-limit",
    asked: new RegExp(HOW_LONG),
    stated: /\d+(\.\d+)?\s*个?(工作日|日|天|小时|分钟|月|年|周)|[一二两三四五六七八九十半]+个?(工作日|天|小时|月|年|周)|即时|当场|当日|当天|立即|即办|限时|按期|年内|年底|月底|实时|随到随办|最快/,
  },
  // When something begins or ends, or money promised arrives (哪天开始能办, 什么时候上线, 年报截止是哪天, 哪天能到账): only a passage dating it answers
  // (4月底前上线, 年底前). (啥时候开始弄 asks when to start one's own application, not when a service begins.)
  // (最晚哪天之前报, 截止到几号: a deadline to meet is a date; 最晚哪天能办好 asks the time limit.)
  // (跨省通办要在哪年完成, 哪一年从45天改成20天的: the year a thing is done or changed is a date too.)
  {
    kind: "date",
    asked: /(哪年|哪一年)(底|年底)?(之前|以前|前)?[^，。？?]{0,6}(完成|实现|达到|做到|办结|上线|建成|开始|改|调整|压减|缩短|出台|推出)|(在|到|于)(哪年|哪一年)|(哪天|哪一天|几号|几月|什么时候|啥时候|何时)(开始|起|要求|要|能|会|才|才能|可以)?(实施|施行|执行|上线|开通|生效)|(哪天|哪一天|几号|几月)(开始|起)|(哪天|哪一天|几号|几月|什么时候|啥时候|何时)(截止|结束|到期)|截止(日期|时间)?(是|到|至)?(哪天|哪一天|几号|几月|什么时候|啥时候)|(哪天|哪一天|几号|几月|什么时候|啥时候)(之前|以前)|(哪天|哪一天|几号)(能|会|可以|才能)?(到账|到位|拨付|拨下来|发放|发下来|兑现)/,
    stated: /\d{4}年\d{1,2}月|\d{1,2}月(底|初|中旬|\d{1,2}日)|年底|年内|月底|起施行|起实施/,
  },
  // When an activity comes round next (培训下一期是哪天, 下一次什么时候): the policy dates its targets (年内, 年底), never a session; only a
  // day named answers.
  {
    kind: "next-session",
    asked: /下一?(次|期|批|轮|场|届)[^，。？?]{0,6}(哪天|哪一天|几号|几月|什么时候|啥时候|何时)|(哪天|哪一天|几号|几月|什么时候|啥时候|何时)[^，。？?]{0,6}下一?(次|期|批|轮|场|届)/,
    stated: /\d{1,2}月\d{1,2}日/,
  },
  // Which step comes when (第二步是什么, 先后顺序是啥): a list of what is done together (注册登记、公章刻制…纳入全流程管理) sets no order; only a
  // passage ordering them answers. (第一步该去找哪个机构 asks where to turn first.)
  {
    kind: "order",
    asked: /第[一二三四五六七八九\d]步(是|是什么|是啥|干什么|干啥|做什么|办什么|办啥)|(先后)?顺序(是|是什么|是啥|怎么排|如何)/,
    stated: /首先|其次|第一步|第二步|依次|按顺序|先[^，。；]{1,10}(再|后)/,
  },
  // How long a licence or permit stays valid (有效期多长): a processing time is no answer.
  // (这些措施过期了吗, 还管用吗: whether the policy itself still holds is a validity too; the text gives no end date. A promise that
  // still holds, 还算数吗, is the policy's 政务诚信.)
  // (灭火器过期，会不会直接罚款: a thing expired, told as what was found, with a fine asked: the fine is asked, not how long it holds.)
  { kind: "validity", asked: /有效期|有效时间|管几年|能用几年|过期(?![^。？?]*罚)|还管用/, stated: /有效期/ },
  // The grades of a rating (信用风险分类分几级): the policy names the ratings, never their grades.
  { kind: "grades", asked: /分(几|多少)(个|种)?(等级|级|档)|(几|多少)个等级|(等级|级别)(怎么|如何)(评|定|划分)/, stated: /[A-Da-d一二三四五]级|等级[:：]/ },
  // The languages a service speaks (12345能用维吾尔语吗, 窗口有双语服务吗): the policy names none.
  { kind: "language", asked: /维吾尔语|维语|哈萨克语|哈语|蒙古语|蒙语|柯尔克孜语|俄语|民族语言|少数民族语言|双语|(用|说|讲)(英语|英文)(沟通|交流|办|服务)|翻译(服务|人员)/, stated: /维吾尔|哈萨克|双语|民族语言|翻译/ },
  // Who a person is (首席事务代表是谁, 有哪些律师): the policy names offices, never people (主管部门是谁 asks for an office).
  {
    kind: "name",
    // (哪个律所, 哪几家银行有这个产品: the policy names no law firm or bank either; 点个名 asks them named. 哪些银行能办信用贷款 asks a kind of
    // lender, which the policy names: 辖区银行业金融机构.)
    // (清单是谁来组织编的, 是谁在牵头, 是谁在推, 牵头的是谁: who does a task is an office.)
    // (找谁对接, 对接人是谁: the person to deal with there, whom the policy never names.)
    asked: /(?<!部门|单位|机构|局|中心|哪个|(负责|管|牵头|主管|分管|主抓|组织|承办|主办|落实|实施)的)是谁(?!在?(来|负责|管|牵头|组织|主抓|抓|推|搞|办|编|实施|承办|主办|落实))|(?<!(平台|系统|专区|[aA][pP][pP]|软件|小程序|公众号|网站)[^，。？?]{0,4})叫(什么|啥)名字|姓(什么|啥)|(长|主任|书记|领导|负责人|经理|经办人|工作人员)的?(姓名|名字)|哪些(律师|专家|人员|成员|领导)|(哪个|哪家|哪几家|哪些|哪位)(律所|律师事务所|律师)|(哪家|哪几家)(银行|担保公司|担保机构|代办公司|中介公司)|点个名|点一下名|名字(报|说|列|点)(一下|下|出来)|(找|跟|和|与|同)(谁|哪位)(对接|接洽|联络)|(对接人|联系人|经办人)(是谁|是哪位|叫(什么|啥)|是|有吗|呢|[？?]|$)/,
    stated: /同志|先生|女士/,
  },
  // What a platform or a system is called (法院那个在线平台叫什么名字, 招投标的系统叫啥): a passage naming one (人民法院在线服务平台) answers; an
  // app's name (一网通办的APP叫什么) is the website kind, which no passage gives.
  {
    kind: "platform-name",
    asked: /(平台|系统|专区)[^，。？?]{0,4}(叫|是)(什么|啥)(名字)?(?!时候|意思)|(叫|是)(什么|啥)(名字)?的?(平台|系统|专区)/,
    stated: /[\u4e00-\u9fff”]{2,}(平台|系统|专区)/,
  },
  // A channel the policy never names (支付宝上能办吗, 自助终端, EMS邮寄到家): only a passage naming such a channel answers (it names 微信 and 移动端, never these).
  {
    kind: "channel",
    // (An app as the asker's trade or story, 做小程序开发, 在抖音上直播卖货, is no channel asked about.)
    asked: /(支付宝|抖音|快手|小程序|公众号|政务号|视频号)(上|里)?[^，,。？?]{0,6}(办|申请|预约|缴|交|查|打印|登记|提交)|\bems\b|邮寄|寄到家|快递到家|送证上门|自助终端|自助机|一体机|自助打印/i,
    stated: /支付宝|抖音|快手|小程序|公众号|政务号|视频号|\bems\b|邮寄|寄送|快递|自助终端|自助机|一体机|自助打印/i,
  },
  // Redress for a limit missed or a debt paid late (超时了能要赔偿吗, 供电公司会给补偿吗, 要不要付利息或者违约金, 损失政府赔吗) and the
  // penalty the office or company gets for it (供暖企业会受啥处罚): the policy sets limits and duties, never what is owed or done for
  // breaking them. Only a passage naming such redress or a penalty answers (对中小企业轻微违法行为依法免罚: the asker's own penalty,
  // 会不会受到处罚, is answered there). (赔了不少, 会不会赔本: money lost in trade is no redress asked.)
  {
    kind: "compensation",
    asked:
      /赔偿|补偿|赔付|(会|能|要|给|肯|负责|谁来|谁|政府|部门|公司|企业|单位)赔(?!本|了|钱了)|赔(吗|不|么|嘛|呢)|(付|给|支付|赔|算|要|加|计|收)[^，,。？?]{0,4}(利息|违约金|滞纳金)|违约金|滞纳金|(会|要|将|该)(受|被|挨)(到)?(什么|啥|哪些|怎样的|何种)?(处罚|惩罚|处分)|(受|给|有|面临)(什么|啥|哪些|怎样的|何种)(处罚|惩罚|处分|罚则)|(怎么|如何|咋)(处罚|惩罚|处分)/,
    stated: /赔偿|补偿|赔付|利息|违约金|滞纳金|罚息|处罚|罚款|免罚|处分|罚则/,
  },
  // By what rule a category is told apart or measured (大中型和小微企业按什么划分, 160千瓦是按合同容量还是按实际负荷算,
  // 划分标准是什么): only a passage giving the rule answers (办理时限仅按一个登记类别确定); naming the categories (实行分类管理) does not.
  // (破产和解与重整怎么区分, 僵尸企业是怎么界定的: what each is, the measure naming them answers.)
  // (小型社会投资项目的标准是什么, 轻微违法的标准是什么: what counts as one, which the measure naming it never says.)
  {
    kind: "criterion",
    asked:
      /(按|以|用|根据)(什么|啥|哪个|哪种|哪些)(标准|口径|指标)?(来)?(区分|划分|界定|认定|判定|判断|分类|衡量|算|计算|为准)|(是|要)按[^，,。？?]{1,12}(算|计|定|区分|划分)[^，,。？?]{0,2}还是|按[^，,。？?]{1,12}还是按[^，,。？?]{1,12}(算|计|定|区分|划分)|(划分|区分|认定|界定|分类)(的)?(标准|依据|口径)|(企业|项目|违法|违规|行为|情形|主体)的?(认定|界定|划分|判定)?标准(是|有)?(什么|啥|哪些)/,
    stated: /按照?[^。；，,]{1,12}(确定|计算|认定|划分|区分)|(标准|口径)[为是:：]|是指|指的是|定义为|界定为/,
  },
  // A figure of the asker's (年营收不到一千万, 投资八百万, 35千伏进线) asked as a condition (算不算, 算哪种, 在范围里吗, 有规定吗):
  // only a measure drawing a line in that unit (160千瓦及以下) or naming that very figure (10千伏) answers; statesThreshold checks it.
  { kind: "threshold", asked: /$^/, stated: /$^/ },
  // Why a measure was made so (为啥要建容错机制, 这个期限为啥定这么短, 为什么重点放在这几块): only a passage giving its aim answers
  // (解决中介服务环节多…等问题, 兼顾好老年人…的需求, 确保对市场主体干扰最小化); a measure that only says what is done does not.
  {
    kind: "rationale",
    asked: /为什么|为啥|为何|干嘛要|出于什么(考虑|目的)|(目的|初衷|用意)是(什么|啥)/,
    // (为企业提供…服务, 为重点项目…提供司法保障, 根据《…办法》的要求, 提高其工作质量, 保护市场主体合法权益: an aim or a basis, too.)
    stated: /(解决|破除)[^。；]{0,40}问题|为了|以便|旨在|目的|兼顾|确保|避免|防止|减轻[^。；]{0,8}负担|降低[^。；]{0,8}成本|干扰最小化|为[^。；，,]{0,20}提供|根据《|提高[^。；，,]{0,8}(质量|水平|能力|效率)|保护[^。；，,]{0,12}权益/,
  },
  // On what a figure or rule was based (这几个天数是按什么定的, 这个门槛是依据啥确定的): only a measure citing its basis answers (根据《…办法》).
  {
    kind: "basis",
    asked: /(怎么|如何|依据什么|根据什么|按什么)(定|确定|制定|算|得)(出来)?的|(是|要)?(根据|依据|按照)(什么|啥|哪个|哪些)(定|确定|制定|来定|出台)/,
    stated: /(根据|依据|按照)《/,
  },
  // The figure before the reform (改革前要几天, 以前是多少天): only a passage giving the old figure (由45天压减为20天) answers.
  // (以前得十五天，如今缩到多少了 tells the old figure and asks the new one.)
  {
    kind: "earlier-figure",
    asked: /(改革前|以前|原来|原先|过去|之前|早先|当初)[^，,。？?！!；;]{0,10}((?<![好十])几天|多少天|多久|多长时间|(?<![好十])几个工作日|多少个?工作日)|比(去年|以前|原来|过去|之前|改革前|往年)[^，,。？?]{0,6}(快|慢|少|多|缩短|减少|压缩)了?(多少|几)|(与|和|跟|同)(去年|以前|原来|过去|之前|改革前|往年)(相比|比)[^。？?]{0,24}(快|慢|少|多|缩短|减少|压缩|压减)了?(多少|几)|(缩短|减少|压缩|压减)了(多少|几)|(以前|原来|原先|过去|改革前)的(天数|时限|期限|办理时间)/,
    stated: /由\d+(\.\d+)?\s*个?(工作日|天|日)[^。；，]{0,4}(压减|压缩|缩短|减少|减)/,
  },
  // Whether one must get a licence at all (摆摊要不要办执照, 需要办卫生许可证吗): the policy reforms how licences are issued, never says who needs one.
  {
    kind: "licence-required",
    // (需不需要危险化学品经营许可, 用不用办特种经营许可: a permit named at some length, asked yes or no.)
    asked: /(需不需要|要不要|用不用|不用|不需要|无需|必须|是不是(得|要|必须)|得不得|需要|还要|要)(先)?(办|领|申请|拿|去办)?(个|一个|张)?(营业执照|执照|个体户|许可证|经营许可|卫生许可)[^，,。？?]{0,2}(吗|不|么|嘛|[？?]|$)|(需不需要|要不要|用不用|得不得)(先)?(办|领|申请|去办)?(个|一个|张)?(?:(?![几多怎咋啥什哪吗么呢跑去到拿领办交等才能可就])[\u4e00-\u9fff]){2,10}?(许可证|经营许可|许可)[^，,。？?]{0,2}(吗|不|么|嘛|[？?]|$)/,
    stated: /(无需|不需要|不必|免于)(办理|申领|取得)?[^。；，]{0,4}(执照|许可)/,
  },
  // Whether a particular subsidy exists (有没有退役军人创业补助, 房租补贴有吗, 跨境电商有补贴没): the policy names none; how subsidies are paid is 第22条's.
  { kind: "subsidy", asked: /有没有[^，,。？?]{0,12}(补贴|补助|贴息|津贴)|(补贴|补助|贴息|津贴)[^，,。？?]{0,4}(有没有|有吗|有不|有么)|有(啥|什么)?(补贴|补助|贴息|津贴)(没有|没|吗|么|不|嘛)/, stated: /补贴|补助|贴息|津贴/ },
  // Whether an asker's name and number are kept secret (投诉会不会泄露我的信息, 能匿名吗): only a passage on confidentiality answers.
  { kind: "privacy", asked: /泄露|泄密|保密|匿名|隐私|个人信息/, stated: /保密|匿名|隐私|个人信息/ },
  // A grade of the asker's (信用等级是C级的企业能参加吗, A级纳税人能不能贷): the policy names ratings, never what a grade entitles to;
  // only a passage naming that very grade answers (statesFact).
  {
    kind: "grade-held",
    asked: new RegExp(`^(?=[^]*(信用|纳税|评级|等级|评价|评为|评了|定为|资质))[^]*${HELD_GRADE.source}[^？?]{0,24}(能不能|可不可以|能否|可否|能|可以|有没有资格|有资格|够不够|够格|符合|算不算|享受得了|申请得了|贷得到|贷得了)`, "i"),
    stated: /$^/,
  },
  // The odds of being drawn (被抽到的概率是多少, 抽中的几率大吗): a rate of inspections done (检查率达到100%) is no such figure.
  // How the days of a time limit are counted (那个10天含不含双休, 包括节假日吗): a limit set in working days (14个工作日) says so; one in
  // plain days (公示时间…20天) does not. (算上周末得二十天吧 counts them itself: it asks none.)
  {
    kind: "days-counted",
    asked: /(算不算|包不包括|包括不包括|含不含|包不包含|扣不扣)(上)?(周末|节假日|假期|双休日?|休息日|星期[六天日]|礼拜[六天日])|(包含|包括|含|扣除|去掉|除去|刨去)(了)?(周末|节假日|假期|双休日?|休息日|星期[六天日]|礼拜[六天日])(在内|在里头|在里面)?(吗|么|嘛|不|没|呢|[？?]|$)|(周末|节假日|假期|双休日?|休息日)[^，。？?]{0,4}(算不算|算吗|算不|包不包括|包括吗|含不含|扣不扣|扣吗|不算吗)/,
    // (指的是工作日还是日历天 of a limit in plain 日 is left to the measure: 12日 is read as it stands.)
    stated: /工作日|自然日|日历日/,
  },
  // From when a time limit runs (5个工作日从受理那天起算吗, 从哪一步起算): a passage naming where it starts (从备案到取得施工许可, 自受理之日起)
  // answers. (假如从10号起算，月底前能不能办好 sets the start itself; 从备案算起最多等多久 names it too.)
  {
    kind: "count-start",
    asked: /从(哪|什么时候|啥时候|何时|哪天|哪一天|哪一步|哪个环节|什么时间)[^，。？?]{0,6}(开始|起)?(算|计算|计|起算)|是从[^，。？?]{1,14}(开始|起)?(算|计算|计|起算)(的)?(吗|么|嘛|呢|还是|[？?]|$)|(起算|算起)(点|时间|日)(是)?(哪|什么|啥)|(从|自)[^，。？?]{1,12}(算起|起算)(吗|么|嘛|[？?]|$)/,
    stated: /从[^。；，,]{1,12}到|自[^。；，,]{1,12}(起|之日)|之日起|起算/,
  },
  // Whether paper is still taken once a thing is done online (网上办了以后纸质材料还接收吗, 纸质申请还受理吗): a passage keeping the paper or
  // offline way beside the online one (允许…自主选择线上或线下办理方式) answers; one saying the system goes online does not.
  {
    kind: "paper-accepted",
    asked: /(纸质|纸的|纸版|纸面|书面)[^，。？?]{0,6}(还|仍|仍然|依然|照样|也还)(收|接收|接受|认|受理|能交|能递|能用|有效)(不收|不认|不接受|不受理|吗|么|嘛|不|没)?/,
    stated: /允许[^。；]{0,16}(线下|纸质|现场)|自主选择|线上或线下|线下或线上|(保留|仍可|继续)[^。；]{0,8}(纸质|线下|现场)/,
  },
  { kind: "odds", asked: /概率|几率|机率|可能性(有)?(多大|多高|大不大|高不高)|(抽中|抽到|被抽)[^，。？?]{0,6}(比例|可能)(是|有)?(多少|多大|多高|大不大|高不高)/, stated: /(概率|几率|机率|抽查比例|抽取比例)[^。；]{0,12}\d/ },
  // Whether papers the asker names must be handed in (身份证复印件和租房合同都得带吗, 要不要带身份证原件): only a passage setting what is
  // handed in answers (免于提交实体证照, 取消证明材料, 精简…手续, 共性材料只收取一套, 告知承诺 in lieu of proof, a list of materials; 容缺受理 lets one begin without a paper, it does not say which is needed).
  {
    kind: "papers",
    asked: new RegExp(
      `(${PAPER})[^，。？?]{0,4}(都|也|还|全)?((要|需要|得|必须|用)(交|提交|上交|递交|提供|带|出示|交上去)(吗|么|嘛|不|呢|没)|(要不要|需不需要|用不用|得不得)(交|提交|上交|递交|提供|带|出示))|` +
        `((要不要|需不需要|用不用|得不得|是不是(要|得))(都)?|(还|也|都)(要|需要|得)|(要|需要|得|必须))(交|提交|上交|递交|提供|带|出示)[^，。？?]{0,10}(${PAPER})[^，。？?]{0,4}(吗|么|嘛|不|呢|没|[？?]|$)`,
    ),
    stated: /免于提交|(取消|精简|减少|简化)[^。；]{0,12}(证明|材料|手续)|只收取一套|告知承诺|材料(包括|有)[:：]|提交[^。；]{0,10}[:：]/,
  },
  // (把要交的材料一样一样列出来, 复印件要几份: the materials themselves listed, which no measure enumerates.)
  // (开办啥执照公章发票一条龙: the 啥 names what is done together in one go, it does not ask which licences.)
  { kind: "materials", asked: /(复印|准备|带)(几|多少)份|复印件[^，。？?]{0,3}(几|多少)份|(要交|要带|要准备|要提交|要递|需要|所需|要用)的?(材料|资料|证件)[^，。？?]{0,8}(列|一样一样|逐一|挨个|一一|写出来|写一下)|(哪些|什么|啥)(材料|资料|证件|证明)|(办|要|需要|得)(哪些|哪几个|什么|啥)(证|证照|许可证|执照)(?!明)(?![^，。？?]{0,12}(一条龙|一站式|一块办|一起办|打包办))|材料清单|要带(什么|哪些)|准备(什么|哪些)|(?<!哪)(几|多少)(样|份|种)(材料|资料|证件|证明)|哪几(样|份|种|个)?(材料|资料|证件|证明)|缺(几|多少)(样|份|个)/, stated: /材料(包括|有)[:：]|提交[^。；]{0,10}[:：]/ },
];

// Whether something costs anything at all (收费吗, 要钱不), not how much.
const WHETHER_FEE = /(费用|收费|花钱|要钱|交钱|收钱|掏钱|给钱)(吗|呢|不|么|没|没有|嘛)|免费(吗|不|么|嘛)|收不收(费|钱)|要不要(钱|交钱|花钱|收费)|(收不收|交不交|要不要|有没有)(交|缴|付|收)?[^，。？?]{0,6}(?<![免消浪经退交缴付])费(?!用|标准)|(?<![免消浪经退交缴付])费(吗|呢|么|嘛)/;

// A fee told as known (复印不要钱, 开户免费, 刻章花了两百): what the asker already has, not what is asked.
const FEE_TOLD = /(不|没)(要|收|花|用交|用花|用掏)钱|免费|不收费|零成本|花了[\d一二两三四五六七八九十百千万几]+(块|元)/;
/**
 * 复印不要钱，那登记本身要交多少费: a clause telling a fact of the kind, asking nothing, whose words are of what the asker already knows.
 * (律师能免费给企业做体检吗 asks whether it is free: its words are what the fee is asked of.)
 */
export function tellsFact(kind: FactKind, clause: string): boolean {
  return kind === "fee" && FEE_TOLD.test(clause) && !factsAsked(clause).includes("fee") && !clauseAsks(clause);
}

/** The question asks only whether there is a fee, not its amount. */
export function asksWhetherFee(question: string): boolean {
  return WHETHER_FEE.test(question) && !new RegExp(`${HOW_MUCH}(钱|块|元)|收多少|收费标准`).test(question);
}

// Does the policy address this, is late payment addressed, measures addressing it: address as a verb (to deal with), no place asked.
export const ADDRESS_VERB = /\b(?:do|does|did|will|would|can|could|should|to|policy|policies|measures?|rules?|it|they)\s+(?:(?:also|really|actually|even|specifically|directly)\s+)?address(?:es|ed|ing)?\b|\baddress(?:ed|ing)\b|\baddress(?:es|ed|ing)?\s+(?=(?:this|these|those|such|issues?|problems?|concerns?|complaints?|the\s+(?:issue|problem|matter|situation|case|concern|complaint)s?)\b)/gi;
// The same facts asked in English (the glossary reads 地址 first in "the address of the tax bureau", where the Chinese rules look last).
const ENGLISH_RULES: Array<[FactKind, RegExp]> = [
  // (On my phone, through the phone: the device one does it on, no number asked.) An office's hotline asked for (give me the hotline
  // of the land registry, what's the tax bureau's hotline) is its number, as the Chinese 热线电话; whether there is a hotline is no number.
  ["phone", /\b((?<!\b(?:on|in|with|via|through|using|from)\s+(?:my|the|a|our|your|his|her)\s+)phone(?!\s+apps?\b)|telephone|contact number|phone number|call them|mobile number|cell number|cellphone|mobile phone|hotline number|number to call|hotline\s+(?:of|for)\s+(?:the\s+)?(?:[a-z'-]+\s+){0,3}?(?:registry|bureau|office|department|centre|center|court|agency|commission|company))\b|\b(?:give|send|tell|share)\s+(?:me|us)\s+(?:the|their|its|your)\s+(?:[a-z'-]+\s+){0,2}?hotline\b/i],
  // (Which street is it on asks where too.)
  // (A registered address, a legal or home one, the address on the licence, is the policy's 住所, a thing registered, no address asked.) Where exactly is asks where too; so does what is
  // near a place (is there parking nearby, where can we park), as 附近有没有.
  ["address", /\b((?<!\b(?:registered|legal|official|registration|home)\s)address(?!\s+on\s+(?:the|our|my|its)\s+(?:business\s+)?licen[cs]e)|where(?:\s+(?:exactly|precisely|actually|really|roughly))?\s+(?:is|are)|where's|located|location|(?:which|what)\s+(?:street|road|avenue|building|floor)|is there\b[^?.!,;]{0,30}\b(?:nearby|near (?:it|there|here|the))|(?:is there|any|free)\s+(?:a\s+)?(?:parking|car park)|parking\s+(?:nearby|near|close|spaces?|spots?|available)|where\s+(?:can|do|should|could)\s+(?:i|we|you)\s+park)\b/i],
  // (Our shop closed over the winter: the asker's own business, no office hours asked.)
  ["hours", /\b(opening hours|office hours|what time|open on|open at|open during|open over|open through|(?<!\b(?:we|i|they|our\s+[a-z]+|my\s+[a-z]+)\s+(?:(?:was|were|had|have|has|got)\s+)?)closed (on|during|over)|close at|closing time)\b/i],
  // (A Russian trader is no language asked about: in, speak or language says so.)
  ["language", /\b(in|speak|speaks|speaking)\s+(uyghur|uighur|kazakh|mongolian|russian|english)\b|\b(uyghur|uighur|kazakh|mongolian|russian)\s+language\b|\binterpreters?\b|\bbilingual\b/i],
  ["compensation", /\bcompensat(e|ed|es|ing|ion)\b|\breimburse(d|ment)?\b|\b(pay|paid|owe|claim) (us |me |them )?damages\b|\bindemni(ty|fy|fied)\b/i],
  ["materials", /\b(what|which) (documents|materials|papers)\b|\b(documents|materials|papers) (do i need|are needed|are required|required)\b/i],
  // A price asked (how much does it cost, what is the fee, is there any charge, the tariff per kWh, and the price per cubic metre?, and
  // the cost?): a figure of money, or free of charge, the cited measure must state. (Whether one pays at all, do we have to pay for the line, is asked of what the measure
  // does; arbitrary charges, a crackdown on such charges, are a grievance, no price asked.)
  ["fee", new RegExp(String.raw`\bhow much\s+(?:(?:does|do|did|will|would|is|are|was|were|must|should|can)\s+)?(?:[a-z'-]+\s+){0,6}?(?:cost|costs|charge|charged|charges|pay|paid|fees?|price|money)\b|\bhow much\s+(?:is|was|will it be|would it be)\s+(?:it|that|this)\b|\bhow much\s*(?:for\b|[?.!]*$)|\b(?:prices?|pricing|tariffs?)\b|\bper\s+(?:kwh|kilowatt[- ]?hours?|kw|degree|cubic\s+met(?:re|er)s?|m3|m³|square\s+met(?:re|er)s?|sq\.?\s?m|tonnes?|tons?|units?|litres?|liters?|gj|gigajoules?)\b|\b(?:what|how much)(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|your\s+)?(?:[a-z-]+\s+){0,3}?(?:fees?|costs?|charges?)\b|\b(?:what|how much)\s+(?:does|do|did|will|would)\s+(?:[a-z-]+\s+){1,4}?(?:cost|charge)\b|\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:fees?|charges?|costs?)\b|\bcosts?\s+anything\b|^\W*(?:(?:ok(?:ay)?|and|so|also|what about|how about)[\s,]+)*(?:the\s+|its\s+|their\s+)?(?:total\s+)?(?:costs?|fees?|charges?)\s*[?.!]*$`, "i")],
  // A tax, interest or duty rate (the VAT rate, what interest rate do banks charge): the policy states none.
  ["rate", /\b(?:vat|value[- ]added tax|tax|interest|duty|customs|withholding|lending|loan|exchange)\s+rates?\b|\brates?\s+of\s+(?:vat|tax|interest|duty)\b/i],
  // Whether a particular subsidy exists, or what it is (is there a rent subsidy, what's the interest subsidy on…, do they offer any hiring
  // allowance), as the Chinese 有没有…补贴: the policy names none. (Subsidies granted without applying are 第22条's 免申即享.)
  ["subsidy", /\b(?:is there|are there|any|what(?:'s|’s|\s+is|\s+are|\s+was)\s+(?:the\s+)?|(?:do|does|will|would|can|could)\s+(?:you|they|the city|the government|karamay|we|i)\s+(?:offer|give|provide|get|receive|claim))\b(?![^?.!]*\b(?:without (?:applying|an application)|automatic(?:ally)?)\b)[^?.!]{0,40}?\b(?:subsid(?:y|ies)|allowances?|stipends?)\b/i],
  // A sum asked (what is the minimum registered capital, how much subsidy do we get, how much can we borrow): only a stated amount answers.
  // (A tender demanding a minimum registered capital names the sum as a condition: no sum asked.)
  ["amount", /\b(?:what|how much)(?:'s|’s|\s+is|\s+are|\s+was|\s+were)?\s+(?:the\s+)?(?:minimum|maximum|lowest|highest|min|max)\s+(?:[a-z-]+\s+){0,2}?(?:capital|amount|loan|subsidy|grant|investment|deposit|sum|credit)\b|\bhow much\s+(?:[a-z-]+\s+){0,2}?(?:capital|subsidy|subsidies|grants?|loans?|credit|money|compensation|bonus|reward|funding|investment|tax|taxes|vat|salary|wages?)\b|\bhow much\s+(?:can|could|will|would|do|does)\s+(?:i|we|you|they|a [a-z]+|an? [a-z]+ [a-z]+)\s+(?:borrow|get|receive|claim|apply for)\b/i],
];

// Kinds of a thing a measure may set its figure for, one and not the other: a project funded privately (社会投资项目) or by the
// government (政府投资项目, a government-invested project). The asked text holds the question as read and as typed (English too).
const KINDS_APART: Array<[RegExp, RegExp]> = [
  [
    /社会投资|民间投资|社会资本|\bprivate(ly)?[- ](funded|invested|financed|investment)\b|\bprivate investors?\b/i,
    /政府投资|财政投资|政府出资|国有资金投资|财政资金投资|政府性投资|\b(government|state|publicly|public)[- ](invested|funded|financed|owned project)\b|\b(government|public|state) investment\b/i,
  ],
];

/** A passage states its figure for one kind of a thing (社会投资项目) and the question asks about the other kind only. */
export function statedForOtherKind(passage: string, asked: string): boolean {
  return KINDS_APART.some(([one, other]) => (one.test(passage) && !other.test(passage) && other.test(asked) && !one.test(asked)) || (other.test(passage) && !one.test(passage) && one.test(asked) && !other.test(asked)));
}

/** The fact kinds an English question asks for, read from the question as typed. */
export function factsAskedInEnglish(question: string): FactKind[] {
  const asked = question.replace(ADDRESS_VERB, " ");
  return ENGLISH_RULES.filter(([, pattern]) => pattern.test(asked)).map(([kind]) => kind);
}

// 担保费率和放款时限各是多少: a question word after two things joined asks it of each.
const SHARED_ASK = /^(.*?[^，。？?、和与跟及]{2,})(?:和|与|跟|以及|及|、)([^，。？?]{2,}?)((?:分别|各)?(?:是|为|有|要)?(?:多少|多久|多长|几)[^，。？?]*)$/;

/** A question with its shared question word given to the first of two things joined too (额度和期限是多少 → 额度是多少). */
const withSharedAsk = (question: string) => {
  const m = SHARED_ASK.exec(question);
  return m ? [question, `${m[1]}${m[3]}`] : [question];
};

/** The fact kinds a question asks for (a question may ask for several). */
export function factsAsked(question: string): FactKind[] {
  const kinds = judgedDemand(question, kindsAsked(question));
  if (!ASKS_IF_PUBLISHED.test(question)) return kinds;
  // 评估公司收费标准、办结时限，都得对外公布吗: what they charge and how long they take are what is to be published; asked in a
  // sentence of its own (收费标准公开了吗？一般收多少钱), the figure is still asked.
  const besides = kindsAsked(question.split(/(?<=[？?！!。])/).filter((s) => !ASKS_IF_PUBLISHED.test(s)).join(""));
  return kinds.filter((k) => !PUBLISHED.includes(k) || besides.includes(k));
}

// Whether a demand made of the asker is fair (这合理吗, 算不算合理, 合不合规): the sums and lines it names are what is judged, not asked.
const JUDGES_DEMAND = /(不)?(合理|合法|合规|正当)(吗|么|嘛|不|呢|[？?。]|$)|合不合理|合不合法|合不合规|(算不算|是不是|是否)(不)?(合理|合法|合规|正当)|(太)?过分(了)?(吗|么|不|[？?。]|$)/;
// What a demand names: a line to meet (注册资本五千万才让投), a sum it sets (注册资本够多少才能投) and a penalty put on the asker (还让我们担违约金).
const JUDGED: FactKind[] = ["threshold", "amount", "compensation"];
// A demand made of the asker (让我们担, 硬要我们接受, 才让投, 要求…以上): redress refused to the asker (一分钱不赔，这合理吗) is no demand.
const DEMANDED = /(让|要|要求|逼|硬要|叫|非得|非要)(我们|我|俺|咱|企业|我方|投标人|供应商)[^，,。？?]{0,8}(担|承担|付|交|赔|出|背|接受)|才(让|能|可以|准|许)|要求|卡着|设置|设了/;
/** The kinds asked, without those a fairness question names only as what is demanded (要求…违约金，这合理吗). */
function judgedDemand(question: string, kinds: FactKind[]): FactKind[] {
  if (!JUDGES_DEMAND.test(question)) return kinds;
  const judged: FactKind[] = [...(DEMANDED.test(question) ? JUDGED : []), ...(PAYMENT_TERM_TOLD.test(question) && !HOW_LONG_OUTRIGHT.test(question) ? ["time-limit" as const] : [])];
  return kinds.filter((k) => !judged.includes(k));
}
// A buyer's payment term told as a span (接受180天账期, 账期拖到半年): the span is the demand judged, the policy's 不合理的付款期限, no
// time asked of an office. (账期多久才合理 asks the span outright: still a time asked.)
const PAYMENT_TERM_TOLD = /账期|回款期|结款期|付款期|结算期/;
const HOW_LONG_OUTRIGHT = /多久|多长时间|几天|多少天|几个月|多少个月|几日|多少日/;

// Whether something must be made public (要不要公开出来, 得公开吗, 公示了没有, 公不公开): not the figure published.
// (要公示多久 asks how long the notice runs: the time is asked.)
const ASKS_IF_PUBLISHED = /(要不要|需不需要|用不用|该不该|会不会|有没有|是不是|是否|必须|得|要|应该|应当)(都)?(对外|向社会|主动)?(公开|公布|公示|明示|标明)(出来)?(了)?(吗|么|嘛|不|没有|没|呢|[？?。！!，,]|$)|(公开|公布|公示|明示|标明)(出来)?(了)?(吗|么|嘛|不|没有|没)|公不公开|公不公布|公不公示/;
// What a service publishes (服务指南: 时限和收费标准).
const PUBLISHED: FactKind[] = ["fee", "time-limit"];

function kindsAsked(question: string): FactKind[] {
  const readings = withSharedAsk(question);
  const kinds = RULES.filter((r) => readings.some((q) => r.asked.test(q))).map((r) => r.kind);
  if (asksThreshold(question)) kinds.push("threshold");
  // A fee question that is also about some other sum is the stricter kind.
  return kinds.includes("amount") ? kinds.filter((k) => k !== "fee") : kinds;
}

// (还剩几天 counts down to a date; "12 working days" read from English is a figure told, not asked.)
const COUNT_OF_DAYS = /(?<![好十剩]|\d\s?)(几|多少)个?(工作日|天|日|小时)/;
const FIGURE_OF_TIME = /\d+(\.\d+)?\s*个?(工作日|日|天|小时)|[一二两三四五六七八九十半]+个?(工作日|天|日|小时)|当日|当天|(压减|压缩|减少|缩短|缩减)\d+(\.\d+)?%/;
// (不要12345那个, 除了12345, 12345以外: the number quoted is ruled out.)
const ANOTHER_NUMBER = /(别的|其他|其它|另外|另一个|换个|备用)[^，,。？?]{0,4}(电话|号码|热线|联系方式)|(不要|除了|除去|别给我|别说|不打)[^，,。？?\d]{0,2}\d{3,}|\d{3,}(以外|之外|除外)/;

// Who pays (谁出钱, 自己掏钱吗, 得我们出吗, 钱是供电公司出吗): the payer asked, not a price.
const WHO_PAYS = new RegExp(`${PARTY_PAYS}|(谁|哪方|哪一方|哪家)(来)?(出钱|出|付钱|付|掏钱|掏|承担|负担|买单)|(自己|我|我们|俺|咱|企业|用户|客户)[^，。？?]{0,3}(掏钱|出钱|付钱|承担|买单|掏腰包)|(自己|自个儿|我们|我|俺|咱|企业|用户|客户|业主)(来)?(买|购买|采购|出|掏|准备|配)[^，。？?]{0,2}还是`);
// A size above some line (超过160千瓦, 200千瓦以上, 大于…): beyond what a passage putting the cost on the provider covers.
const ABOVE_A_LINE = /(超过|高于|大于|超出|不止)[^，。？?]{0,2}[\d一二两三四五六七八九十百千万]|[\d一二两三四五六七八九十百千万][^，。？?]{0,3}(以上|往上|开外)/;
// A cost put on the provider or the state (投资到客户红线, 费用由…承担, 不收取费用): no price, but the asker does not pay.
const COST_BORNE = /投资到[^。；，,]{0,4}红线|费用由[^。；，,]{1,12}(承担|负担)|(承担|负担)[^。；，,]{0,6}费用/;

const DESCRIBED_NAME = /的[“"]([^”"]{2,8})[”"]/g;
const describedName = (passage: string, question: string) => [...passage.matchAll(DESCRIBED_NAME)].some((m) => question.includes(m[1]!));

// A charge typed alone (中介收费, 中介收费吗): who charges, then 收费.
const CHARGE_TYPED_ALONE = /^([\u4e00-\u9fff]{2,4})收费(吗|呢)?[？?。！!\s]*$/;
function chargeNamedBy(question: string, passage: string): boolean {
  const who = CHARGE_TYPED_ALONE.exec(question)?.[1];
  return !!who && new RegExp(`${who}[\u4e00-\u9fff]{0,4}收费`).test(passage);
}

/**
 * @param question what was asked, for the kinds whose answer depends on it (a threshold: the figure's unit).
 * @param measure the whole text of the passage's measure, where a line it draws bounds what the passage says (160千瓦及以下).
 */
export function statesFact(kind: FactKind, passage: string, question = "", measure = passage): boolean {
  if (kind === "threshold") return statesThreshold(question, passage);
  // (纳税信用是B级的: only the grade named, B级, answers.)
  if (kind === "grade-held") {
    const grade = HELD_GRADE.exec(question);
    return !!grade && new RegExp(`(?<![A-Za-z])${grade[1]}[+＋-]?${grade[2]}`, "i").test(passage);
  }
  // 线要我自己掏钱吗, 这段费用谁出: who pays, asked, is answered by a passage putting the cost on the provider (投资到客户红线).
  // (超过160千瓦的要自己掏钱吗, 200千瓦的呢: above the line the cost is put on the provider, the passage says nothing.)
  if (kind === "fee" && WHO_PAYS.test(question) && !ABOVE_A_LINE.test(question) && !beyondItsLine(question, measure) && COST_BORNE.test(passage)) return true;
  // (对已不具备市场竞争力和营运价值的“僵尸企业”: the name asked about, quoted after what makes one, says what counts as one.)
  if (kind === "criterion" && describedName(passage, question)) return true;
  // 中介收费 typed alone: the charges a measure itself names (中介机构收费) are its subject, and it answers of them.
  if (kind === "fee" && chargeNamedBy(question, passage)) return true;
  // 几个工作日有人回: a count of days asked is answered by a figure, not by 按期 or 限时.
  if (kind === "time-limit" && COUNT_OF_DAYS.test(question)) return FIGURE_OF_TIME.test(passage);
  // 12345老占线，有没有别的电话: another number than the one the asker quotes is asked for.
  if (kind === "phone" && ANOTHER_NUMBER.test(question)) for (const quoted of question.match(/\d{3,}/g) ?? []) passage = passage.replaceAll(quoted, "");
  return RULES.find((r) => r.kind === kind)!.stated.test(passage);
}

// Sizes a line may be drawn at, by unit: power, voltage, money, people, area (durations and shares are other kinds).
const SIZE_UNITS: Array<[string, string]> = [
  ["power", "千瓦|kw|瓦"],
  ["voltage", "千伏|kv"],
  ["money", "万元|万块|万|亿元|亿|元|块钱|块"],
  ["people", "号人|名员工|个员工|名职工|个职工|人"],
  ["area", "平方米|平米|㎡|亩"],
];
const NUMERAL = "(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十几][零〇一二两三四五六七八九十百千几]*)";
const SIZE = new RegExp(`${NUMERAL}(多|余|来)?(个)?(${SIZE_UNITS.map(([, u]) => u).join("|")})`, "gi");
// Whether a figure meets a line or falls in a class (算不算, 算哪种, 属于哪类, 还在…范围里吗, 够不够, 政策有规定吗).
const QUALIFIES =
  /算不算|算是|算哪|算(作|做|成)?[^，,。？?]{0,10}(吗|不|么|嘛)|属不属于|属于(哪|什么|啥)|在不在|还在[^，,。？?]{0,16}(范围|里|内)|(范围|之列)(里|内|之内)?(吗|不|么|嘛)|够不够|够得上|达不达到|达到[^，,。？?]{0,8}(吗|没|不)|符不符合|符合[^，,。？?]{0,8}(吗|不|么)|有(没有)?(规定|说法)|规定(了)?(吗|没有|没)|适(不适)?用(吗|不|么)?|能不能(享受|算)/;
// A line drawn in a unit: 160千瓦及以下, 不超过…, 以上.
const RANGE = /^(及|或)?(以下|以上|以内|之内|以外|以上的|以下的)|^(或)?(更(多|少|高|低))/;
const BOUND = /(不超过|不足|不满|低于|高于|不低于|超过|达到)$/;

function sizesIn(text: string): Array<{ unit: string; value: number | undefined; ranged: boolean; quotedLine: boolean }> {
  return matchesOf(text, SIZE).map((m) => {
    const unit = unitOf(m[4]!);
    const after = text.slice(m.index! + m[0].length);
    const before = text.slice(0, m.index!);
    return { unit, value: sizeValue(m[1]!), ranged: RANGE.test(after) || BOUND.test(before), quotedLine: RANGE.test(after) };
  });
}

const unitOf = (unitText: string): string => SIZE_UNITS.find(([, u]) => new RegExp(`^(${u})$`, "i").test(unitText.toLowerCase()))![0];

/** 35 → 35, 1.5 → 1.5, 一千 → 1000, 一百五十 → 150; 几十 (a rough count) → undefined. */
const sizeValue = (numeral: string): number | undefined => (/^\d/.test(numeral) ? Number(numeral) : parseNumber(numeral));

/**
 * A figure of the asker's, asked whether it meets a line or falls in a class (一年流水三百万出头，能不能算小微企业). A question
 * quoting a line itself (招标要求净资产一亿以上，是不是不合理条件) asks about that line, not about the policy's.
 */
function asksThreshold(question: string): boolean {
  const sizes = sizesIn(question);
  if (sizes.some((s) => s.quotedLine)) return false;
  // 上一条35千伏专线，报装得几天, 双电源10千伏报装最少几日: a connection's size given, the time asked for it, holds only where a
  // line is drawn at that size.
  return sizes.length > 0 && (QUALIFIES.test(question) || (sizes.some((s) => s.unit === "power" || s.unit === "voltage") && figureAsked(question) === "duration"));
}

// A line drawn from below (160千瓦及以下, 50人以内).
const UP_TO = /^(及|或)?(以下|以内|之内)/;

/** 200千瓦 beside a measure for 160千瓦及以下: a size of the question's beyond a line the text draws from below in that unit. */
function beyondItsLine(question: string, text: string): boolean {
  const limits = matchesOf(text, SIZE)
    .filter((m) => UP_TO.test(text.slice(m.index! + m[0].length)))
    .map((m) => ({ unit: unitOf(m[4]!), value: sizeValue(m[1]!) }));
  if (!limits.length) return false;
  return sizesIn(question).some((q) => q.value !== undefined && limits.some((l) => l.unit === q.unit && l.value !== undefined && q.value! > l.value));
}

/** The question names a size of its own (180千瓦, 10千伏): a line drawn is judged of it. */
export const namesSize = (question: string) => sizesIn(question).length > 0;

/** The passage draws a line in a unit the question's figure is in (160千瓦及以下 for 180千瓦), or names that very figure (10千伏). */
function statesThreshold(question: string, passage: string): boolean {
  const stated = sizesIn(passage);
  return sizesIn(question).some((q) => stated.some((p) => p.unit === q.unit && (p.ranged || (p.value !== undefined && p.value === q.value))));
}


/** Figures a question asks for that the policy does state (unlike a phone number): how long something takes. */
export type FigureKind = "duration";

// 两天够不够, 3个工作日能办完吗: a duration offered to be checked is a duration asked.
// (时限, 周期, 什么时候能 ask for a time too, but as often name one: 收费标准和时限要公开吗.)
// (最晚周几能办好, 哪天能办好: the day it is done by asks the time limit, as 什么时候能 does.)
const ASKS_DURATION = new RegExp(`(两|[0-9一二三四五六七八九十]+)(个工作日|天|日|个小时|小时|个?礼拜|个?星期|周)(够|能|就|行|可以|办完|办好|办下来|真)|${HOW_LONG}|多长|多快|最快|时限|周期|啥时候能|什么时候能|何时能|最晚|最迟|(哪天|哪一天|几号|周几|星期几|礼拜几)能`);
const STATES_DURATION = /\d+(\.\d+)?\s*(个工作日|工作日|日|天|小时)|一小时/;

export function figureAsked(question: string): FigureKind | null {
  return ASKS_DURATION.test(question) ? "duration" : null;
}

export function statesFigure(kind: FigureKind, passage: string): boolean {
  return kind === "duration" && STATES_DURATION.test(passage);
}

/**
 * A kind of fact a list of measures is asked to state (哪几条写明了免费, 有具体天数的是哪几条, 哪几条给了截止日期):
 * the kind, a figure it must come with (天数: a number of days, not 一次 or 年底), the unit it must be given in
 * (按工作日算的: 工作日), and the words of the question that name it.
 */
export interface ListedFact {
  kind: FactKind;
  figure?: FigureKind;
  unit?: string;
  /** The spans of the question naming the fact (免费或者不收钱 as one): its words are no topic. */
  said: string[];
  /** A deadline named in the policy's own words (月底前, 年内): a passage must use them. */
  phrase?: string;
  /** The one duration the question names (两个工作日, 一小时), as said: a passage must state it, in digits or in words. */
  value?: { said: string; test: RegExp };
}

// A deadline as the policy words one (4月底前, 年内): the phrase a passage must use.
const DEADLINE_PHRASE = /(年底|月底|年中|年内|月内|季度末|上半年|下半年)(之?前)?/g;
// Deadlines given as examples of a kind (例如季度末前、年内完成之类的): the kind is asked, no one phrase.
const FOR_EXAMPLE = /比如|例如|譬如|诸如|像是|这种|这类|之类|等等|什么的/;

/** The one deadline phrase a question names in the policy's words (月底前), unless it names several or gives them as examples. */
function deadlinePhrase(question: string): string | undefined {
  // (月底之前 is 月底前 as the policy writes it: 之 dropped, on both sides.)
  const phrases = new Set(matchesOf(question, DEADLINE_PHRASE).map((m) => m[0].replace("之", "")));
  return phrases.size === 1 && !FOR_EXAMPLE.test(question) ? [...phrases][0] : undefined;
}

// A duration named (两个工作日, 22个工作日, 一小时, 3天): its number and unit.
const DURATION_NAMED = new RegExp(`(\\d+|${CN_NUMERAL})(个)?(工作日|小时|天|日)`, "g");
const NAMES_DURATION = new RegExp(DURATION_NAMED.source);
/** The question names a duration (两个工作日, 3天). */
export const namesDuration = (question: string) => NAMES_DURATION.test(question);
const NUMERAL_CHAR = "零〇一二两三四五六七八九十百";
/** 2 → 两|二, 12 → 十二, 22 → 二十二 (below 100): how the policy may write a number in words. */
function numberInWords(n: number): string {
  const digit = "零一二三四五六七八九";
  if (n === 2) return "两|二";
  if (n < 10) return digit[n]!;
  if (n >= 100) return String(n);
  return `${n >= 20 ? digit[Math.floor(n / 10)] : ""}十${n % 10 ? digit[n % 10] : ""}`;
}
/**
 * The one duration a question names, as a test of a passage stating it (两个工作日 holds in 2个工作日内办结, not in 12个工作日;
 * 两天 in 2日 or 2个工作日, as one says it; 一小时 as the policy writes it). Several durations named are no one figure.
 */
function durationNamed(question: string): ListedFact["value"] {
  const named = matchesOf(question, DURATION_NAMED);
  if (named.length !== 1) return undefined;
  const [, numeral, , unit] = named[0]!;
  const n = /^\d+$/.test(numeral!) ? Number(numeral) : chineseNumber(numeral!);
  if (n === undefined || !Number.isInteger(n)) return undefined;
  const units = unit === "工作日" ? "工作日" : unit === "小时" ? "小时" : "工作日|天|日";
  return { said: named[0]![0], test: new RegExp(`(?:(?<![\\d.])${n}|(?<![${NUMERAL_CHAR}])(?:${numberInWords(n)}))(?![\\d.${NUMERAL_CHAR}])个?(?:${units})`) };
}

// The words that name a kind of fact, most specific first (按工作日算的 before 时限): the first the question uses says
// what a passage must state. (收费标准要公开的是哪几条 names a fee beside its topic 公开: decide lists by a fact only when
// nothing else is asked.)
const LISTED_FACTS: Array<{ words: RegExp; kind: FactKind; figure?: FigureKind; unit?: string }> = [
  { words: /免费|零成本|不收取?费用?|不?(收|要|花|用交?|交)钱|多少钱|收费|费用/g, kind: "fee" },
  { words: /(按|以|用)?工作日(计算|算|计)?/g, kind: "time-limit", figure: "duration", unit: "工作日" },
  { words: /(按|以|用)?(?<!办公|上班|营业|二十四|24)小时(计算|算|计)?/g, kind: "time-limit", figure: "duration", unit: "小时" },
  { words: new RegExp(`天数|几天|多少天|几日|多少日|(\\d+|${CN_NUMERAL})天`, "g"), kind: "time-limit", figure: "duration" },
  { words: /(办理|办结|审批|报装)?(时限|时长|期限|周期)|多久|多长时间|办结时间|办理时间/g, kind: "time-limit" },
  { words: /(完成|截止|截至|办结|上线|实施|开始|生效)?(日期|时间节点|时间表)|(完成|截止|截至|上线)(的)?时间|截止|截至|(年底|月底|年内|哪天|几号|哪个月|几月底?)之?前((要|需要|需|必须|得)?(完成|办结|上线|实现))?|年内((要|需要|需|必须|得)?(完成|办结|上线|实现|落地|推出))?|什么时候|啥时候|何时/g, kind: "date" },
  { words: /比例|百分比|占比|百分之几/g, kind: "share" },
  { words: /金额/g, kind: "amount" },
  { words: /电话|热线|联系方式/g, kind: "phone" },
  { words: /地址/g, kind: "address" },
  { words: /网址|网站/g, kind: "website" },
  { words: /办公时间|上班时间|营业时间/g, kind: "hours" },
];
// Two facts named together (免费或者不收钱, 完成日期/截止时间): one span.
const JOINED = /^([、/，,和与及或跟]|或者|或是|以及|还是|并且)$/;

/**
 * The kind of fact a question names (read beside ASKS_WHICH_MEASURES in decide: a list of the measures stating it).
 * Facts of two kinds (哪几条写了时限和收费) are no one list.
 */
export function factListed(typed: string): ListedFact | undefined {
  // Quotation marks only set a word apart (按“工作日”计算): the fact is named as without them.
  const question = typed.replace(/[“”‘’"'「」『』]/g, "");
  const named = LISTED_FACTS.filter((e) => new RegExp(e.words.source).test(question));
  const entry = named[0];
  if (!entry || named.some((e) => e.kind !== entry.kind)) return undefined;
  // Every span naming a fact of the same kind, in the question's order; spans joined only by 或者, 、 or / are one.
  const spans = LISTED_FACTS.filter((e) => e.kind === entry.kind)
    .flatMap((e) => matchesOf(question, e.words).map((m) => [m.index!, m.index! + m[0].length] as const))
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && (start <= last[1] || JOINED.test(question.slice(last[1], start)))) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const phrase = entry.kind === "date" ? deadlinePhrase(question) : undefined;
  const value = entry.kind === "time-limit" ? durationNamed(question) : undefined;
  return { kind: entry.kind, ...(entry.figure ? { figure: entry.figure } : {}), ...(entry.unit ? { unit: entry.unit } : {}), said: merged.map(([s, e]) => question.slice(s, e)), ...(phrase ? { phrase } : {}), ...(value ? { value } : {}) };
}

/** A passage states the fact a list asks for: of its kind, with the figure and in the unit asked. */
export function statesListed(fact: ListedFact, passage: string): boolean {
  return statesFact(fact.kind, passage) && (!fact.figure || statesFigure(fact.figure, passage)) && (!fact.unit || passage.includes(fact.unit)) && (!fact.phrase || passage.replace(/之前/g, "前").includes(fact.phrase)) && (!fact.value || fact.value.test.test(passage));
}
