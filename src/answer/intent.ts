import { parseNumber } from "./chinese-numbers.js";

/** What a message asks for, decided before any search. */
export type Intent =
  | { kind: "empty" }
  | { kind: "unclear" }
  | { kind: "smalltalk"; topic: "greeting" | "thanks" | "bye" | "about" }
  | { kind: "human" }
  | { kind: "injection" }
  | { kind: "measure-number"; numbers: number[] }
  | { kind: "not-a-measure-number"; written: string }
  | { kind: "department"; departments: string[] }
  | { kind: "question" };

const NUM = "([0-9０-９]+|[零〇一二两三四五六七八九十百]+)";
// After 措施 a Chinese numeral must stand alone (措施四十二), so 措施一共有多少条 is not measure 1.
const MEASURE_NUMBER = new RegExp(`第\\s*${NUM}\\s*(条|项|点)|(?:措施|条款)\\s*([0-9０-９]+|[零〇一二两三四五六七八九十百]+(?=条|[，,。？?！!\\s]|$))`, "g");
// 第-1条 and 第负一条 ask for a measure that cannot exist; 第4.5条 and 第四点五条 for one that is not a number at all.
const NEGATIVE_MEASURE = new RegExp(`第\\s*(?:-|−|负)\\s*${NUM}\\s*(?:条|项)`, "g");
const FRACTIONAL_MEASURE = /第\s*([0-9]+\s*[.点]\s*[0-9]+|[零〇一二两三四五六七八九十百]+点[零〇一二两三四五六七八九十百]+)\s*(?:条|项)/;
const SMALLTALK: Array<[RegExp, "greeting" | "thanks" | "bye" | "about"]> = [
  [/^(你好|您好|大家好|hi|hello|hey|hithere|hellothere|goodmorning|goodafternoon|goodevening|嗨|哈喽|哈啰|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早安|晚安|早|喂|亚克西|萨拉姆)+$/i, "greeting"],
  [/^(亚克西|好的|好|嗯|ok|okay)*(谢谢|多谢|感谢|谢了|谢谢你|谢谢您|谢谢你的(解答|回答|帮助|帮忙)|thanks|thankyou|thx|好的谢谢|知道了谢谢|辛苦了|明白了|好的|ok|okay|嗯|嗯嗯|👍|亚克西)+$/i, "thanks"],
  [/^(再见|拜拜|bye|goodbye|回头见)+$/i, "bye"],
  [/^(你是谁|你是什么|你能做什么|你会什么|你能干什么|你可以做什么|你能帮我(做|干)?什么|你可以帮我(做|干)?什么|怎么用|帮助|help|你是机器人吗|whoareyou|whatcanyoudo)+$/i, "about"],
];
// Particles that end small talk (早上好呀, 你是谁啊).
const TRAILING_PARTICLES = /[呀啊哈呢哦嘛啦吧哇]+$/;
const HUMAN = /(转|找|联系|要|叫|接|换)(个)?(人工|真人|工作人员|客服|人来)|^人工(服务|客服)?$|人工(服务|客服)|跟人(说|聊)|真人|^human$|\b(talk|speak|chat) (to|with) (a |an |the )?(human|person|real person|agent|staff|operator)\b|\breal person\b/i;
// Instructions aimed at the bot rather than questions about the policy.
const INJECTION = new RegExp(
  [
    "(忽略|无视|忘记|忘掉).{0,12}(指令|提示|规则|设定|要求|文件)|系统提示|提示词|system\\s*prompt|ignore (all|previous|the above)",
    "你(现在)?(不是|是|就是|扮演|当).{0,8}(助手|顾问|机器人|ai|律师|专家|局长|领导|官员)|扮演|假装|冒充|不用管.{0,10}(文件|政策|规定|规则|措施)|越狱|jailbreak",
    // Telling the bot what to say, or asking for what it was told.
    "从现在(起|开始).{0,6}你|你(要|必须|只能|就)(说|回答|回复)|回复[“\"']?明白|重复你(收到|看到|得到)|你收到的(第一条|上一条|消息|指令)",
  ].join("|"),
  "i",
);
const DEPARTMENT_QUESTION = /(负责|管|牵头|参与|承担|分管|主管|涉及)[^？?。，,]{0,10}(哪些|哪几|哪条|哪项|什么|啥|多少|几条|几项)|(哪些|哪几|什么)(措施|事|条|工作)[^？?。]{0,4}(归|由|是).{0,8}(负责|管)|有哪[些几](条|项|措施)/;

export function detectIntent(raw: string, departmentNames: Map<string, string>): Intent {
  const text = raw.normalize("NFKC").trim();
  if (!text) return { kind: "empty" };
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: "unclear" };
  const bare = text.replace(/[\s!！?？。.,，~～、…]+/g, "").replace(TRAILING_PARTICLES, "");
  for (const [pattern, topic] of SMALLTALK) if (pattern.test(bare)) return { kind: "smalltalk", topic };
  if (HUMAN.test(text)) return { kind: "human" };
  if (INJECTION.test(text)) return { kind: "injection" };
  const fraction = FRACTIONAL_MEASURE.exec(text);
  if (fraction) return { kind: "not-a-measure-number", written: fraction[0] };
  const numbers = measureNumbers(text);
  if (numbers.length) return { kind: "measure-number", numbers };
  const departments = departmentsIn(text, departmentNames);
  // Test the wording around the names: the 管 in 市场监管局 asks nothing.
  if (departments.length && DEPARTMENT_QUESTION.test(withoutNames(text, departmentNames))) return { kind: "department", departments };
  return { kind: "question" };
}

/** The measure numbers a text asks for; a negative one (第-1条) is kept so the answer can say there is none. */
export function measureNumbers(text: string): number[] {
  const normal = text.normalize("NFKC");
  const negative = [...normal.matchAll(NEGATIVE_MEASURE)].map((m) => -(parseNumber(m[1] ?? "") ?? NaN));
  const rest = normal.replace(NEGATIVE_MEASURE, " ");
  const found = [...rest.matchAll(MEASURE_NUMBER)].map((m) => parseNumber(m[1] ?? m[3] ?? ""));
  return [...new Set([...negative, ...found].filter((n): n is number => n !== undefined && !Number.isNaN(n)))];
}

/** Full names of the departments a text mentions, longest name first so 市市场监管局 beats 市场监管局. */
export function departmentsIn(text: string, departmentNames: Map<string, string>): string[] {
  let rest = text;
  const found: string[] = [];
  for (const name of [...departmentNames.keys()].sort((a, b) => b.length - a.length)) {
    if (!rest.includes(name)) continue;
    const full = departmentNames.get(name)!;
    if (!found.includes(full)) found.push(full);
    rest = rest.split(name).join("　");
  }
  return found;
}

function withoutNames(text: string, departmentNames: Map<string, string>): string {
  let rest = text;
  for (const name of [...departmentNames.keys()].sort((a, b) => b.length - a.length)) rest = rest.split(name).join("某部门");
  return rest;
}
