import { matchesOf } from "./matches.js";

/**
 * How people shorten a department's name when they ask what it is responsible for: without 市 and the
 * kind of office (住建, 财政, 发改, 市场监管, 自然资源), one conjunct of a joined name (公共资源交易), or the
 * first character of each half of a four-character name (市场监管 → 市监). Such a form is an ordinary word
 * elsewhere (财政补贴, 司法保障), so it names a department only as the whole subject of a department
 * question (财政负责哪些措施, 住建和发改分别管什么), never inside a sentence.
 */
const OFFICE = /(有限公司|公司|委员会|分局|局|委|办|中心|法院)$/;
// Kinds of office people put after a short form (市监局, 住建部门, 财政那边), pointed at too (自然资源那个局, 住建这个部门).
// (税务上, 住建口上: the field the office works in, said with 上.)
// (税务系统, 住建系统: the offices of that field, top to bottom.)
const AFTER = "(?:(?:这|那)(?:个|家)?(?=局|委|部门|单位))?(?:局|委|部门|单位|系统|方面|这边|那边|那块|这块|口)?(?:上)?";
// Where in the policy the subject acts (税务那个局在文件里管什么, 财政在这份政策里负责什么): no part of its name.
const IN_THE_POLICY = /(?:在|于)(?:这份|这个|整个)?(?:政策|文件|措施|\d+条)?(?:里头|里面|里边|当中|之中|其中|里|中)$|(?:这份|这个|整个)?(?:政策|文件|措施|\d+条)(?:里头|里面|里边|当中|之中|里|中)$|(?:里头|里面|里边|当中|之中|其中)$/;
const OPENERS = /^(请问一下|请问|问一下|我想问一下|我想问|想问一下|想问|(我)?想(知道|了解|弄清楚|搞清楚|问问)(一下)?|那么|那|还有|另外)/;
// Where in the policy, said before the subject (42条里税务上负责哪几项, 这份文件中财政管什么): no part of its name either.
const IN_THE_POLICY_BEFORE = /^(?:在)?(?:这份|这个|整个)?(?:政策|文件|措施|\d+条|四十二条)(?:里头|里面|里边|当中|之中|里|中)/;
// What comes before the clause of the subject (年底报税前想弄清楚：财政管什么): the subject is in the last clause.
const LAST_CLAUSE = /^.*[：:，,。；;！!？?]/;
// (被点名要干啥, 要做什么: what it is named to do is what it is responsible for.)
const RESPONSIBLE = /(?:都|主要|具体|一共|到底|又|还|分别|各自|各)?(?:负责|管|牵头|参与|承担|分管|主管|(?:被)?点名要?(?:干|做|办)|要(?:干|做)(?=啥|什么|哪些))/g;
const JOIN = /和|与|及|跟|、|还有|以及/;
// Too general to stand for one office (政府 is every office).
const TOO_GENERAL = new Set(["政府", "金融", "供电", "中级人民"]);

/** Short forms of one department's full name (住建 for 市住建局), none of them the full name itself. */
export function shortForms(full: string): string[] {
  const core = full.replace(/^市/, "").replace(OFFICE, "");
  const forms = new Set<string>();
  for (const part of [core, ...core.split("和")]) {
    if (part.length < 2 || TOO_GENERAL.has(part)) continue;
    forms.add(part);
    // 市场监管 → 市监, 工业信息 → 工信: the first character of each half.
    if (part.length === 4) forms.add(part[0]! + part[2]!);
  }
  forms.delete(full);
  return [...forms];
}

/**
 * The departments a department question names by short forms only (财政负责哪些, 住建和发改分别管什么):
 * every name before the verb must be one, else none.
 */
export function departmentsByShortForm(question: string, departments: Iterable<string>, asksList: (rest: string) => boolean): string[] {
  let byForm: Map<string, string> | undefined;
  // The verb may sit inside a short form too (the 管 of 市场监管): try each place it occurs.
  for (const verb of matchesOf(question, RESPONSIBLE)) {
    if (!asksList(question.slice(verb.index))) continue;
    if (!byForm) {
      byForm = new Map();
      for (const full of departments) for (const form of shortForms(full)) if (!byForm.has(form)) byForm.set(form, full);
    }
    const subject = question.slice(0, verb.index).replace(LAST_CLAUSE, "").replace(OPENERS, "").replace(IN_THE_POLICY_BEFORE, "");
    const found = named(subject.replace(/的$/, "").replace(IN_THE_POLICY, ""), byForm);
    if (found.length) return found;
  }
  return [];
}

/** The departments a subject (住建和发改) names, every piece a short form; else none. */
function named(subject: string, byForm: Map<string, string>): string[] {
  const pieces = subject.split(JOIN).map((p) => p.trim());
  const found: string[] = [];
  for (const piece of pieces) {
    const full = [...byForm.entries()].find(([form]) => new RegExp(`^市?${form}${AFTER}$`).test(piece))?.[1];
    if (!full) return [];
    if (!found.includes(full)) found.push(full);
  }
  return found;
}
