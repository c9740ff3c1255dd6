/**
 * Places other than Karamay that people ask about. A question about one of them (and not about
 * Karamay or cross-region services) is outside this city's policy; one that names such a place and
 * asks to have something done here is about cross-region services (异地办, 疆内通办, 跨省通办).
 */
/** Xinjiang's other prefectures, cities, counties and scenic towns: doing their business here is 疆内通办. */
export const XINJIANG_PLACES = (
  "乌鲁木齐 昌吉 石河子 奎屯 伊犁 伊宁 塔城 阿勒泰 博乐 博尔塔拉 吐鲁番 哈密 巴音郭楞 库尔勒 阿克苏 克孜勒苏 阿图什 喀什 和田 五家渠 阿拉尔 图木舒克 北屯 铁门关 可克达拉 昆玉 胡杨河 " +
  "乌苏 沙湾 额敏 托里 和布克赛尔 精河 霍尔果斯 阿拉山口 布尔津 哈巴河 富蕴 吉木乃 阜康 吉木萨尔 奇台 呼图壁 玛纳斯 鄯善 托克逊 库车 轮台 尉犁 且末 若羌 焉耆 巴楚 莎车 叶城 塔什库尔干 " +
  "喀纳斯 禾木 可可托海 那拉提 巴音布鲁克 赛里木湖"
).split(/\s+/);

/** Provinces, large cities and neighbouring countries: doing their business here is 跨省通办 (or not in the policy at all). */
export const FARTHER_PLACES = (
  "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 香港 澳门 " +
  "广州 深圳 杭州 南京 苏州 成都 武汉 西安 郑州 长沙 沈阳 大连 青岛 济南 合肥 福州 厦门 南昌 昆明 贵阳 南宁 兰州 西宁 银川 呼和浩特 拉萨 哈尔滨 长春 石家庄 太原 海口 " +
  "哈萨克斯坦 吉尔吉斯斯坦 塔吉克斯坦 乌兹别克斯坦 俄罗斯 蒙古国 巴基斯坦 美国 日本 韩国 欧洲"
).split(/\s+/);

export const OTHER_PLACES = [...XINJIANG_PLACES, ...FARTHER_PLACES];

/** Words of business done across regions: a place named beside them is where the business is done from, not another city's rules. */
// (一网通办 is the city's own online service, no other region.)
export const CROSS_REGION = /(?<!一网)通办|异地|跨(省|地区|区域|市)|外地|外省|户口在|户籍|老家/;

/** The city's own districts, which the policy never names: where the asker is, never what is asked (jieba splits some: 白 + 碱滩). */
export const HOME_DISTRICTS = "克拉玛依区 独山子区 白碱滩区 乌尔禾区 独山子 白碱滩 乌尔禾 百口泉".split(/\s+/);

// Parks, zones and incubators a business sits in, which the policy never names either.
const SITE_KINDS = "产业园区|产业园|工业园区|工业园|物流园区|物流园|科技园区|科技园|软件园|创业园|孵化基地|孵化器|众创空间|园区|开发区|高新区|工业区|产业基地";
/** 在云计算产业园注册个新公司, 入驻高新区的企业: where in the city the asker's business sits, never what is asked. */
export const BUSINESS_SITE = new RegExp(`(?:在|入驻|进驻|位于)(?:我们|咱们)?(?:这个|那个)?[\\u4e00-\\u9fff]{0,8}?(?:${SITE_KINDS})(?:里面|里头|里|内)?`, "g");
// The city and its districts by their own names, as people type them by sound (克拉马依).
export const HOME_NAMES = ["克拉玛依", "独山子", "白碱滩", "乌尔禾"];
