/**
 * What a question asks about a topic (how long, how much, which phone number…), in general
 * Chinese question words. Two questions on one topic asking different things are different FAQ
 * questions (住建局的电话 / 住建局的地址), and the same thing asked in other words is the same
 * (几天 / 多长时间). General question words only, never the wording of one question.
 */
export type Aspect = "time" | "fee" | "phone" | "address" | "hours" | "days" | "materials" | "process" | "who" | "online" | "condition";

export const ASPECTS: ReadonlyArray<[Aspect, RegExp]> = [
  ["hours", /几点|上班时间|下班时间|办公时间|工作时间|营业时间/g],
  ["days", /周末|节假日|假期|双休|星期[六日天]|礼拜[六日天]|周[六日]/g],
  ["time", /几天|多少天|多久|多长时间|多少时间|几个工作日|多少个工作日|几个月|时限|期限|时长|多快|什么时候|何时|啥时候|要等多长/g],
  ["fee", /多少钱|费用|收费|花钱|要钱|免费|价格|价钱|几块钱|花多少|收不收钱|收钱/g],
  ["phone", /联系电话|咨询电话|电话|号码|联系方式|热线|怎么联系|如何联系|咋联系|手机号|座机/g],
  // 地址 only as the thing asked (地址在哪, …的地址), not inside a topic (注册地址).
  ["address", /在哪儿?|在哪里|去哪儿?|去哪里|哪里办|什么地方|啥地方|地点|位置|窗口在|地址(?=在|是|呢|[?？]|$)/g],
  ["materials", /材料|资料|证件|带什么|带啥|准备什么|准备啥|提交什么|提供什么|要啥手续|哪些手续/g],
  ["process", /流程|步骤|怎么办理|如何办理|怎么申请|如何申请|程序|怎么弄|咋弄|怎么操作|怎么办/g],
  ["who", /哪个部门|哪个单位|找谁|谁负责|归谁管|哪个局|哪家/g],
  ["online", /网上|线上|在线|手机上|小程序|app|不用跑/g],
  ["condition", /条件|资格|符合|够不够|门槛|要求/g],
];

/** The aspects a question asks about, and its text with their words blanked (so they do not count twice as topic words). */
export function findAspects(text: string): { aspects: Set<Aspect>; rest: string } {
  const aspects = new Set<Aspect>();
  let rest = text;
  for (const [aspect, pattern] of ASPECTS) {
    rest = rest.replace(pattern, (m) => {
      aspects.add(aspect);
      return "，".repeat(m.length);
    });
  }
  return { aspects, rest };
}
