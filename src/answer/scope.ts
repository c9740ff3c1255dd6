import type { TextAnalyzer } from "../search/text.js";
import { OTHER_PLACES } from "./places.js";

/** Questions the policy cannot answer whatever it says: another place or year, a personal case, a task. */
export type OutOfScope = "other-place" | "other-year" | "personal-case" | "task" | "outcome";

const HOME_PLACES = /克拉玛依|独山子|白碱滩|乌尔禾|我市|本市|全市|市里/;
// Place names that belong to the document's own frame (the region it cites, cross-region services).
const FRAME_PLACES = new Set(["新疆", "新疆维吾尔自治区", "自治区", "疆内", "全国", "中国", "国家"]);
const CROSS_REGION = /通办|异地|跨(省|地区|区域|市)|外地|外省|户口在|户籍/;
const FUTURE_YEAR = /明年|后年|下一年|未来几年|以后几年/;
const PERSONAL_CASE = new RegExp(
  [
    "帮我查|帮忙查|查一下我|查查我|批了没|批下来没|审批进度|办到哪|到哪一步|到哪步|进展到哪|进度(如何|怎么样|到哪)|我的申请(怎么样|到哪|通过)|通过了没",
    // A file number (受理号20220315) is somebody's own case.
    "(受理|申请|业务|办件|流水|件)(号|编号)",
    // 我们公司的贷款能批下来吗, 我上周申请的注销…: one's own application and how it stands.
    "(我|我们|俺|咱)(的|们的|公司的|家的|上周|上个月|前几天|昨天|前天|之前)[^，。？?]{0,14}(批下来|批得下来|能批|会批|批了|通过了|到哪|办好了没|办完了没|怎么样了)",
  ].join("|"),
);
const TASK = /(帮我|给我|替我|请)(写|起草|拟|做|填|算|翻译|改)(一篇|一封|一份|一个|一下|篇|封|个)?|^(写|起草|拟|生成|编)(一篇|一份|一封|一个|篇|份|封|个)|写一份|起草一份|生成一份/;
// A prediction about one's own case (who wins, how a court rules, whether a penalty stands).
const OUTCOME = /能打赢|打得赢|能赢吗|会赢吗|赢面|胜诉率|胜算|会判|能判|怎么判|判多少|能撤销|能不能撤销|会不会撤销|撤得掉|(要不要|需不需要|用不用|会不会|该不该)(还债|还钱|赔钱|赔偿|担责|承担|坐牢)/;

export function outOfScope(question: string, analyzer: TextAnalyzer, documentYears: number[]): OutOfScope | null {
  if (PERSONAL_CASE.test(question)) return "personal-case";
  if (TASK.test(question)) return "task";
  if (OUTCOME.test(question)) return "outcome";
  if (mentionsOtherYear(question, documentYears)) return "other-year";
  if (mentionsOtherPlace(question, analyzer)) return "other-place";
  return null;
}

function mentionsOtherYear(question: string, years: number[]): boolean {
  if (FUTURE_YEAR.test(question)) return true;
  const explicit = [...question.matchAll(/(20\d{2})年/g)].map((m) => Number(m[1]));
  return explicit.some((y) => !years.includes(y));
}

function mentionsOtherPlace(question: string, analyzer: TextAnalyzer): boolean {
  if (HOME_PLACES.test(question) || CROSS_REGION.test(question)) return false;
  if (OTHER_PLACES.some((p) => question.includes(p))) return true;
  // Jieba tags many non-places ns (上市, 新建); trust it only for names with a place suffix.
  return analyzer
    .tag(question)
    .some(({ word, tag }) => tag === "ns" && /.{2,}(省|市|县|州|盟)$/.test(word) && !FRAME_PLACES.has(word) && !HOME_PLACES.test(word));
}
