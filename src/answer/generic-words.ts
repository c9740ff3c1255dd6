/**
 * Words that say how something is done, not what it is about (手续, 流程, 审批, 办理, 网上):
 * nearly any measure could contain them, so a measure that matches only these does not answer.
 * They still count beside a topic word (开公司的手续 → 企业开办).
 */
export const GENERIC_WORDS = new Set(
  (
    "手续 流程 程序 步骤 审批 审核 批准 办理 办 办事 办得 办完 办好 办成 办下来 预约 申请 申报 提交 递交 受理 服务 业务 事项 事务 政策 规定 制度 改革 部门 单位 机构 窗口 " +
    "网上 线上 在线 线下 网络 手机 平台 系统 全程 全流程 全过程 时间 时限 周期 期限 效率 速度 要求 标准 条件 情况 问题 方面 工作 内容 方式 方法 办法 " +
    // How little it takes, told (只要1天, 只需两天): the figure says it, the word names nothing.
    "只要 只需 只用 仅需 " +
    // A way to get something done, said plainly (有没有路子, 找个门路): how, not what.
    "路子 门路 " +
    // A way taken, said as a road (走那条路, 哪条路): how, the way named decides.
    "那条路 这条路 哪条路 那条 这条 " +
    // Which measure or matter (哪条说了…, 哪项提到…, 哪件事最快): what it is said to hold decides, as 哪一条 and 哪几条 are counts that name nothing.
    "哪条 哪项 哪款 哪件 " +
    // Doing the paperwork, said as one word (办手续, 走手续): 办 and 手续 each say how, so does the pair.
    "办手续 走手续 跑手续 " +
    "公司 企业 单位 个人 老板 市场主体 有关 相关 具体 一般 提供 支持 处理 管理 解决 规范 推进 推动 加强 优化 提升 完善 实现 建立 开展 落实 深化 " +
    // Verbs of getting a supply or a service going (接, 通, 开通): what is connected decides, not the verb.
    "开通 接通 安装 装上 通上 接上 新装 弄 搞 " +
    // Getting, meeting with (拿到执照, 遇到门槛): what is got or met decides.
    "拿到 领到 遇到 碰到 遇上 碰上 " +
    "能 可以 需要 进行 东西 事儿 情况 咋回事 回事 方便 快 慢 多 少 现在 以后 今年 目前 最新 " +
    // Slow or cumbersome, as complained (太慢, 太麻烦, 繁琐): how it goes; the service complained of decides.
    "太慢 很慢 真慢 太麻烦 很麻烦 真麻烦 繁琐 太繁琐 " +
    // How often, always or never (交税从没断过, 一直按时交), and getting in return (能换来授信吗): the thing done or got is what is asked.
    "从没 从来没 从没有 从来没有 从未 从不 从来 一直 始终 换来 换取 换到 换点 换些 换成 " +
    // Whether an improvement was made (这块有啥改进, 有没有改善): every measure is one; the thing improved is what is asked.
    "改进 改善 改良 改观 好转 " +
    // Not done yet, said of the doing (跑了几趟还没办下来, 一直没办成): what was not done decides.
    "没办 没办成 没办好 没办完 没办下来 没弄好 没弄完 " +
    // How it is done (这事咋操作) and the bound of a figure (五十万以内, 十天之内): how, or how much, never what about.
    "操作 以内 之内"
  ).split(/\s+/),
);

/**
 * Words that name what is asked about the topic (who is responsible, what it costs, which papers),
 * without naming a topic: 哪个部门负责？ alone asks about the topic just discussed.
 */
export const ASPECT_WORDS = new Set(
  (
    "部门 负责 管 管着 谁 由谁 由谁来 谁来 找谁 归谁 归谁管 谁管 归哪 哪管 归口 哪个 哪家 哪一家 电话 号码 联系 费 费用 收费 收钱 花钱 要花 得花 钱 块钱 交钱 要钱 掏钱 出钱 付钱 掏腰包 给钱 免费 一分钱 多少钱 价格 多少钱 材料 资料 证件 地址 地方 哪里 哪儿 位置 " +
    "平时 平常 通常 措施 条款 职责 职能 范围 任务 担子 活儿 分工 牵头 主抓 分管 主管 承担 干的事 做的事 干啥 够不够 够吗 这能行 能行 行吗 不太会 不会用 真能 真的 真有 到底 究竟 两个 多久 最快 最慢 多快 几天 几日 几个 多少天 天数 时长 用时 工作日 个工作日 小时 多长 时候 什么时候 啥时候 啥时 何时 几时 咋办 怎么办 怎么弄 咋弄 咋整 怎么 如何 能不能 可不可以 行不行 是否 吗 呢 么 不 撒 嘛 " +
    "当天 当日 马上 立刻 立马 以前 之前 原来 过去 更久 更长 更快 更慢 办结 办完 办好 办下来 完成 " +
    // Nobody doing it (没人回复, 没有人管): who does it, asked of the topic, no topic.
    "没人 没有人 " +
    // At the latest or earliest, on which day (最晚周几, 最迟几号, 最早星期几): when, asked of the topic, as 最快 is how long.
    "最晚 最迟 最早 周几 星期几 礼拜几 几号 " +
    // Days of the week and weeks (礼拜五交上去, 算上周末, 一个礼拜): when, or how long, asked of the topic.
    "周末 上周末 这周末 下周末 礼拜 星期 一礼拜 一星期 下礼拜 下星期 上礼拜 上星期 这礼拜 下周 上周 本周 这周 " +
    "礼拜一 礼拜二 礼拜三 礼拜四 礼拜五 礼拜六 礼拜天 礼拜日 星期一 星期二 星期三 星期四 星期五 星期六 星期天 星期日 周一 周二 周三 周四 周五 周六 周日 " +
    // Asked of each thing named (这两样各得几天, 各要多久): how long or how much, no topic.
    "各得 各要 各需 各需要 各用 各花 这俩 那俩 它俩 " +
    // Paying nothing (一分钱不花, 不花钱): what it costs, asked of the topic, no topic.
    "不花 没花 " +
    // How much of it, how, and as a list (全部弄完, 这么折腾, 给个清单): no topic. (这样 stays: 这样能行吗 asks about the story told.)
    "全部 所有 全都 整个 整体 全套 这么 那么 清单 次数 " +
    // All of it, start to end, summed (从始至终要掏多少钱, 前前后后一共花多少, 总共几天): how much of the topic, no topic.
    "从头到尾 从始至终 自始至终 前前后后 前后 一共 总共 总计 合计 加起来 算下来 里外里 " +
    // When, in what order, how far (哪天不干了, 然后买商铺, 能做到哪一步, 啥时候开始的): no topic.
    "哪天 哪一天 然后 首先 其次 接着 做到 一步 哪一步 哪步 开始 " +
    // Courtesies around a question (你好，开公司要几天 / …，谢谢): no topic, nor the something else 开公司 would be the setting of.
    "你们 您们 你好 您好 你们好 老师好 早上好 上午好 中午好 下午好 晚上好 早安 哈喽 谢谢 谢了 多谢 感谢 辛苦 辛苦了 老师 师傅 不好意思 打扰 打扰一下 " +
    "具体 详细 内容 意思 啥意思 什么意思 说说 讲讲 总结 概括 归纳 一句 一句话 大白话 白话 解读 总体 总体上 整体上 大体上 总的来说 问问 请问 想问 问下 问一下 想问下 想问一下 请问下 咨询 打听 麻烦 介绍 解释 区别 管用 有用 顶用 靠谱 网上 线上 一起 同时 也 还 又 都 再 要 交 带 准备 生效 " +
    // Whether the last answer was wrong (你刚刚是不是讲错了, 前面答错了吧): asked of it, no topic.
    "说错 讲错 答错 说反 讲反 刚刚 刚才 " +
    // How wholly (彻底救不了, 完全不行, 根本办不下来): a degree, no topic.
    "彻底 完全 根本 压根 " +
    // Or the like (手机之类的, 刻章什么的): it widens what was named, names nothing.
    "之类 之类的 什么的 等等 啥的 " +
    // What the asker thinks of it (觉得冤, 感觉不合理): their view, no topic.
    "觉得 感觉 认为 觉着 总觉得 " +
    // Asking to look, and when the asker plans it (帮我看看开公司要几天, 明年打算开个店, 下个月要搬): no topic.
    // (Trying it, 让领导来办一次试试: what is tried decides.)
    "试试 试一试 试一下 看看 瞅瞅 瞧瞧 打算 明年 后年 去年 前年 下个月 这个月 上个月 下月 本月 " +
    // This time, in there (财政局这回要干啥, 工信局在里头干啥): which occasion or where in the policy, no topic.
    "这次 这回 这一次 这一回 此次 本次 里头 里面 其中 当中 这份 " +
    // What it does, asked (发改委在这个文件里做啥): no topic.
    "干什么 干嘛 干吗 做什么 做啥 " +
    // Where the policy speaks of it (哪几条提到了老年人, 哪些措施写明了不收费), every one asked for as things to do (凡是写了年内的有哪几件事): no topic.
    "凡是 几件事 哪几件事 哪些事 条里 条中 项里 全部列 全列 都列 列出 列出来 出来 列一下 写 来写 提到 提及 涉及 说到 讲到 写到 提起 明确 写明 写有 写着 注明 载明 列明 标明 给出 说法 提法 " +
    // How a doubt or a complaint is put (难道注销还得登报, 凭什么要跑三趟, 不会又是纸面上的吧, 管不管): no topic.
    "难道 难不成 莫非 凭什么 凭啥 究竟 谁信 居然 竟然 不管 纸面 纸面上 往死里 " +
    // Whether something counts as what the policy names (会不会被算成违约, 算作轻微违法吗): the thing named is what is asked.
    "算成 算作 算是 当成 当作 看成 看作 " +
    // Whether it is fair or allowed, asked as a verb doubled (算不算刁难, 合不合理, 允不允许; not 招不招人, 收不收费, which ask the verb).
    // (这种做法政策允许吗: the practice told, asked whether it is allowed; what was done decides.)
    "允许 做法 这种做法 这样做 这么做 算不算 属不属于 合不合理 合不合法 合不合规 允不允许 违不违法 违不违规 正不正常 过不过分 应不应该 该不该 公不公平 正不正当 对不对 靠不靠谱 " +
    // A case put to the policy (要是我礼拜五交上去, 万一没批下来): the case, not the topic.
    "要是 如果 假如 假设 万一 倘若 比如 比方说 " +
    // Done on purpose or along the way (专门跑一趟, 顺手办了, 特意回来): how the trip is made, not what is done.
    "专门 特意 特地 顺手 顺带 顺道 捎带 " +
    // A fallback put to the policy (实在不行就破产, 不然转让): the case, not the topic.
    "实在 不行 实在不行 再不行 不然 要不然 否则 " +
    // Whether a time limit was cut (不是说缩短了吗): how long it takes, asked again.
    "缩短 压缩 缩减 压减 " +
    // Only then (几个工作日才能办好): when, asked of the topic (才能 is also talent, a word of no measure here).
    "才能 才可以 才行 就行 就可以 就好 就够 就能 " +
    // Which comes first, and whether one qualifies (先办哪个后办哪个, 还没具备条件的呢): how, not what.
    "先办 后办 顺序 先后 先后顺序 具备 满足 符合"
  ).split(/\s+/),
);

/**
 * Who a question is about (个体户, 小微企业, 老板): it narrows among the measures on a topic
 * (普惠小微企业贷款 among loans) but is no topic itself, and weighs less than one.
 */
export const SUBJECT_WORDS = new Set(
  (
    "个体户 个体工商户 小微企业 中小企业 小企业 小公司 微型企业 大企业 大中型企业 中型企业 民营企业 私营企业 国企 外企 上市公司 上市企业 上市股份有限公司 " +
    "工厂 厂子 厂家 老板 小老板 商户 小商户 工商户 小店 门店 门面 商铺 店铺 店面 店主 商家 居民 群众 老百姓 市民 纳税人 申请人 法人 股东 创业者 " +
    // How big the business or project is (规模大一点的, 体量小的): which case of the topic, as 大中型企业 says, not what about.
    "规模 体量 " +
    // The asker's household and family (我家, 我爸): who asks, not what about.
    "我家 俺家 咱家 自家 我们家 家里人 家人 我爸 我妈 爸妈 父母 老人家 孩子 小孩 娃娃 老婆 老公 爱人 " +
    // Who starts the business, by their lot in life (退伍军人开公司, 宝妈开网店): who asks, as 创业者 says; the policy sets nothing apart for them.
    "退伍军人 退役军人 转业军人 复员军人 大学生 毕业生 应届生 大学毕业生 宝妈 全职妈妈 下岗职工 农民工 返乡青年 退休职工 退休人员"
  ).split(/\s+/),
);

// 另一家, 好几个, 二十多天, 八个月, 两包, 五千: a count or a figure of the asker's story, which says how much, never what about.
const QUANTITY = /^(另|这|那|每|各|某|哪|好|头|前|后|近|大)?[0-9一二两三四五六七八九十百千万亿几半多]+(多|来|余)?(个|家|间|座|包|位|张|份|件|次|回|趟|批|笔|条|项|种|类|样|步|套|天|日|周|星期|月|年|岁|元|块|万|千|百|小时|分钟|人|台|辆|亩|米|平米|吨|斤|箱|户)*(多|来|余)?$/;
// 很多, 不少, 好些: a count without a figure.
// (大一点, 多一点儿: a little more, of a size or a count.)
const VAGUE_QUANTITY = new Set("很多 许多 不少 好些 好多 大量 一些 有些 若干 多个 几个 一点 一点儿 点儿".split(" "));
export const isQuantity = (word: string) => QUANTITY.test(word) || VAGUE_QUANTITY.has(word);
// 几项, 多少个: a count asked, which names nothing counted.
const COUNT_ASKED = /^(几|多少)(个|家|间|座|位|张|份|件|次|回|趟|批|笔|条|项|种|类|样|步|套|人|户)$/;
/** 一点, 很多, 几项: how much, with no figure and no thing counted. */
export const isVagueQuantity = (word: string) => VAGUE_QUANTITY.has(word) || COUNT_ASKED.test(word);
