import { measureKey, refOf, type DocumentRef, type Measure, type MeasureRef } from "../policy/measure.js";
import type { Retriever } from "../search/retriever.js";
import { GENERIC_WORDS } from "./generic-words.js";
import { assess, CONFIDENT_COVERAGE, NOUN, titleWordsOf, type TitleWord } from "./assess.js";
import { compose, type ComposeDeps } from "./compose.js";
import { decide, decideFrom, decideIntent, unheldParts } from "./decide.js";
import { Documents } from "./documents.js";
import type { Explained, PolicyEngine, Turn } from "./engine.js";
import { ASPECT_WORDS } from "./generic-words.js";
import { Glossary } from "./glossary.js";
import { extended, oneShape, type Assessed, type Candidate, type Decided, type Decision, type Understood, type Unanswered } from "./record.js";
import { SoundsAlike } from "./sounds-alike.js";
import { chatAskingNothing, courtesyAskingNothing } from "./small-talk.js";
import { retrieve, type RetrieveDeps } from "./retrieve.js";
import { isTopic, measureMatch, SYNONYM_CREDIT, type QuestionTerms } from "./evidence.js";
import { withoutMeasureNumbers } from "./intent.js";
import { engineText } from "./strings.js";
import type { Answer } from "./types.js";
import { understand, type UnderstandDeps } from "./understand.js";
import { askedApart, clauseAsks, questionSentences, withoutOpeningJoiner } from "./question-text.js";
import { pointsBack } from "./follow-up.js";
import { matchesOf } from "./matches.js";

/** Answers that an LLM may rewrite; it gets the retrieved measures and the extractive answer to fall back to. */
export interface AnswerComposer {
  compose(question: string, retrieved: Measure[], extractive: Answer): Promise<Answer>;
}

export interface EngineDeps {
  retriever: Retriever;
  measures: Measure[];
  departmentNames: Map<string, string>;
  /** The policy documents, in the corpus's order (one, or several: a 2023 set beside 2022). */
  documents: DocumentRef[];
  /** English words → the policy's words, and departments' English glosses (corpus/glossary.txt). */
  glossary?: Glossary;
  /** The lexicon's terms, for rejoining words people split (开个公司 → 开公司). */
  lexiconTerms?: ReadonlySet<string>;
  composer?: AnswerComposer;
  log?: (message: string) => void;
}

const MAX_QUESTION_CHARS = 1000;
// A department's own name, or the word for one (住建局, 税务部门, 法院): no kind of matter.
// The kind of matter put between a department's verb and the question word (负责的报装有哪几样, 管的注册登记都有哪些).
const KIND_OF_MATTER = /(负责|管|牵头|主管|分管|承担|落实)的([\u4e00-\u9fff]{2,6}?)(都|一共|总共)?(有|是|包括)?(哪|什么|啥|几)/;
// What a listing is of, whatever the department (措施, 事项, 工作): no kind of matter.
const LISTING_WORD = /措施|事项|事情|工作|条款|条目|任务|内容|职责|项目$|^事$/;
const DEPARTMENT_LIST_MAX = 20; // a longer listing shows the most relevant and says how to page through the rest
// A follow-up reading gives way to the message alone when the measures answering it alone hold this many times more of its own topic.
const OWN_TOPIC_SHARE = 2;
const EDGE_PUNCTUATION = /^[\s\p{P}]+|[\s\p{P}]+$/gu;

/** A question the policy has nothing for (another place, a household matter, the weather), as opposed to one it names but lacks a fact of. */
const cannotAnswer = (d: Decision) => d.kind === "handoff" && (d.reason === "out-of-scope" || d.reason === "not-in-policy") && d.say !== "injection" && d.say !== "no-topic";

/** A question answered alone that stands alone (pointing at nothing before it: the caller's check): it asks, and a measure covers it well. */
const standsAlone = (q: string, d: Decided) => d.decision.kind === "answer" && clauseAsks(q) && (d.assessed?.candidates[0]?.match.coverage ?? 0) >= CONFIDENT_COVERAGE;

/**
 * A question the policy has nothing for, asked on its own: it asks, points at nothing before it, and is out of scope (另一个城市, 代写) or,
 * where nothing else of the message was answered, names a thing no measure holds a word of (明天天气怎么样). (One a measure holds some of,
 * 材料差一两样能先收吗, may be read amiss alone; beside an answer, one naming no word of any measure may still ask of it: 政策原文是怎么写的.)
 */
const leftOut = (q: string, d: Decided, besideAnswer: boolean) =>
  cannotAnswer(d.decision) &&
  !pointsBack(q) &&
  ((d.decision.kind === "handoff" && !!d.decision.scope) || (!besideAnswer && clauseAsks(q) && !!d.assessed?.hasTopic && d.assessed.candidates.every((c) => c.match.found.length === 0)));
// Several departments responsible for one measure together (一起负责, 共同牵头, 联合).
const TOGETHER = /一起|一块|共同|联合|同时|合作|都(负责|管|牵头|参与)/;

/** The message's topic words a measure holds as written or by a whole synonym, not only by a part of the word (集中采购 of 集中采购机构). */
function wholeTopics(terms: QuestionTerms, measure: Measure): string[] {
  const found = measureMatch(terms, measure).found;
  return terms.words.filter((w) => isTopic(w) && found.some((f) => f.word === w.word && f.credit >= SYNONYM_CREDIT)).map((w) => w.word);
}

/** Every topic word any of `others` holds is among `held`, and `held` has one none of them holds. */
const holdsMore = (held: string[], others: string[][]) => others.every((o) => o.every((w) => held.includes(w))) && held.some((w) => others.every((o) => !o.includes(w)));

/**
 * The policy engine: every question passes once through understand → retrieve → assess → decide → compose
 * (src/answer/record.ts holds the record each stage adds), so explain() can show why it answered as it did.
 */
export class LocalPolicyEngine implements PolicyEngine {
  private readonly documentSet: Documents;
  /** Full department name → positions of the measures naming it, in number order. */
  private readonly byDepartment = new Map<string, number[]>();
  private readonly understandDeps: UnderstandDeps;
  private readonly composeDeps: ComposeDeps;
  private readonly retrieveDeps: RetrieveDeps;
  /** Each measure's title words, weighed once when first needed. */
  private readonly titleWords = new Map<Measure, TitleWord[]>();

  constructor(private readonly deps: EngineDeps) {
    this.documentSet = new Documents(deps.documents, deps.measures);
    deps.measures.forEach((m, i) => {
      for (const d of m.departments) {
        const positions = this.byDepartment.get(d);
        if (positions) positions.push(i);
        else this.byDepartment.set(d, [i]);
      }
    });
    const lexiconTerms = deps.lexiconTerms ?? new Set<string>();
    const glossary = deps.glossary ?? Glossary.empty();
    // What is asked about a topic is slipped too (几个工作日半结 for 办结).
    // (The names the policy quotes, “双随机、一公开”, are read by their sound as written.)
    const quoted = deps.measures.flatMap((m) => matchesOf(m.text, /“([^”]{2,16})”/g).map((q) => q[1]!));
    const soundsAlike = new SoundsAlike([...lexiconTerms, ...deps.departmentNames.keys(), ...glossary.entries.map((e) => e.chinese)], ASPECT_WORDS, quoted);
    this.understandDeps = {
      analyzer: deps.retriever.analyzer,
      departmentNames: deps.departmentNames,
      glossary,
      inCorpus: (w) => deps.retriever.inCorpus(w),
      lexiconTerms,
      soundsAlike,
      // 最后一条 is the last measure of the one document (with several, which document's is not said).
      ...(deps.documents.length === 1 ? { lastMeasure: Math.max(...deps.measures.map((m) => m.number)) } : {}),
      holds: (words, refs) => this.holdsWords(words, refs),
      listsBeside: (kind, words, refs) => this.listsBeside(kind, words, refs),
    };
    this.retrieveDeps = { retriever: deps.retriever, lexiconTerms, soundsAlike };
    this.composeDeps = {
      documentTitle: this.documentTitle(),
      documents: this.documentSet,
      departmentListing: (question, departments) => this.departmentListing(question, departments),
      glossary,
    };
  }

  measuresOf(department: string): { department: string; measures: Measure[] } | undefined {
    const full = this.deps.departmentNames.get(department.trim()) ?? department.trim();
    const positions = this.byDepartment.get(full);
    return positions && { department: full, measures: positions.map((p) => this.deps.measures[p]!) };
  }

  measures(): readonly Measure[] {
    return this.deps.measures;
  }

  measure(n: number, document?: string): Measure | undefined {
    return this.documentSet.measure(document ? { number: n, doc: document } : { number: n });
  }

  documentTitle(): string {
    return this.deps.documents.map((d) => d.title).join("》《");
  }

  documents(): readonly DocumentRef[] {
    return this.deps.documents;
  }

  async ask(question: string, history: readonly Turn[] = []): Promise<Answer> {
    return (await this.explain(question, history)).answer;
  }

  async explain(question: string, history: readonly Turn[] = []): Promise<Explained> {
    const q = cap(question);
    return this.guarded(q, () => understand(q, history ?? [], this.understandDeps));
  }

  async answerFrom(question: string, measure: number, document?: string): Promise<Answer> {
    const q = cap(question);
    const chosen = this.measure(measure, document);
    if (!chosen) return (await this.explain(`第${measure}条`)).answer;
    const ref: MeasureRef = chosen.doc ? { number: chosen.number, doc: chosen.doc } : { number: chosen.number };
    const picked = async () => ({ ...understand(q, [], this.understandDeps), intent: { kind: "question" as const }, restrictTo: [ref], picked: ref });
    return (await this.guarded(q, picked)).answer;
  }

  /** Any failure is logged and the asker handed to a person: ask() never throws. */
  private async guarded(question: string, read: () => Understood | Promise<Understood>): Promise<Explained> {
    try {
      const understood = await read();
      const record = await this.decideFor(understood);
      return { answer: await this.finish(record), record };
    } catch (err) {
      this.deps.log?.(`ask failed: ${(err as Error).stack ?? err}`);
      const understood: Understood = { question, language: "zh", intent: { kind: "question" }, followUp: { kind: "none" }, text: question, parts: [question], implied: [], negatedSpans: [], unread: [] };
      const record: Decided = { understood, decision: { kind: "handoff", reason: "not-in-policy", say: "not-in-policy", related: [], why: `failed: ${(err as Error).message}` } };
      return { answer: { outcome: "handoff", text: engineText.failed, citations: [], sections: [], related: [], handoffReason: "not-in-policy" }, record };
    }
  }

  private async decideFor(read: Understood): Promise<Decided> {
    const understood = oneShape(read);
    const direct = decideIntent(understood);
    if (direct?.kind === "measures") {
      const instead = await this.fromTheRightMeasure(understood, direct.numbers);
      if (instead) return instead;
    }
    if (direct) return { understood, decision: direct };
    const retrieved = await retrieve(understood, this.retrieveDeps);
    const years = this.deps.documents.map((d) => d.year);
    const assessed = this.besides(understood, this.documentSet.prefer(
      assess(retrieved, {
        analyzer: this.deps.retriever.analyzer,
        measure: (ref) => this.documentSet.measure(ref),
        documentYears: years,
        titleWords: (m) => remembered(this.titleWords, m, () => titleWordsOf(m, this.deps.retriever.analyzer)),
      }),
    ));
    const decision = understood.picked !== undefined ? decideFrom(assessed) : decide(assessed, () => this.documentSet.catalogue(understood.text));
    // 这种 may point back or inside the message itself: a reading as a follow-up that answers nothing gives way to the message alone.
    if (decision.kind === "handoff" && understood.alone) {
      const alone = await this.decideFor(understood.alone);
      if (alone.decision.kind === "answer") return alone;
    }
    // 这种能不罚吗 after a case told (头一回被查出标签不规范): the measures just cited hold nothing the message asks now; the case and the
    // question read together from any measure, kept only where the message alone is answered by that measure too.
    if (decision.kind === "handoff" && understood.restrictTo && understood.carried !== undefined && understood.followUp.kind === "aspect" && understood.picked === undefined && !understood.alone) {
      const open = await this.decideFor({ ...understood, restrictTo: undefined });
      if (open.decision.kind === "answer") {
        const alone = await this.decideFor(understand(understood.question, [], this.understandDeps));
        const first = open.decision.cited[0]!.measure;
        if (alone.decision.kind === "answer" && alone.decision.cited.some((c) => c.measure === first)) return open;
      }
    }
    // …外省企业就报不了名，这合理吗 after 律师体检是哪条: a reading as a follow-up whose measures hold little of the message's own topic
    // (less than half of what the measures for the message alone hold) answers the last question again; the message alone, answered
    // or asked back about, is what it asks (这样 points inside it).
    // (Asked to have the last answer told again, 说直白点，我就是个开小厂的, the rest says who asks: the last answer it is.)
    if (decision.kind === "answer" && understood.alone && !understood.explainAgain) {
      const alone = await this.decideFor(understood.alone);
      const own = alone.assessed?.terms;
      const aloneCited = alone.decision.kind === "answer" ? alone.decision.cited : alone.decision.kind === "clarify" ? alone.decision.options : [];
      const held = (cs: readonly Candidate[]) => Math.max(0, ...cs.map((c) => (own ? measureMatch(own, c.measure).topic : 0)));
      if (own && aloneCited.length && held(decision.cited) * OWN_TOPIC_SHARE < held(aloneCited)) return alone;
      // (集中采购这一块的机构由谁监管 after 政府采购电子平台哪天开通: the measure just answered holds the thing named only by a part of its name,
      // 集中采购 ~ 政府采购; the one answering the message alone holds it whole: a new thing is asked about.)
      if (own && alone.decision.kind === "answer" && wholeTopics(own, alone.decision.cited[0]!.measure).length && decision.cited.every((c) => !wholeTopics(own, c.measure).length)) return alone;
      // (照这么说，供暖报装又得几天 after 供水报装多久: the measure for the message alone holds all the measure just answered holds of it, 报装, and
      // more, 供暖, which that one never names: the message names its own thing.)
      if (own && alone.decision.kind === "answer" && holdsMore(wholeTopics(own, alone.decision.cited[0]!.measure), decision.cited.map((c) => wholeTopics(own, c.measure)))) return alone;
    }
    // 缺材料能先受理吗 after 供水报装多长时间: the measure just answered holds the message's topic as fully as the best
    // measure for the message alone, or is one of those it would ask back about (容缺受理 in 第12/15/37条): the conversation stays there.
    // (贷款 again, after a loan measure was answered, asks for the choices again: a message that is only its term is no follow-up.)
    const onlyTerm = assessed.terms.words.length === 1 && understood.text.replace(/[\p{P}\s]/gu, "") === assessed.terms.words[0]!.word;
    const best = decision.kind === "answer" ? decision.cited : decision.kind === "clarify" && !onlyTerm ? decision.options : [];
    if (understood.inContext && this.holdsAsWell(assessed, best, decision.kind === "clarify", understood.inContext.restrictTo ?? [])) {
      const inContext = await this.decideFor(understood.inContext);
      if (inContext.decision.kind === "answer") return inContext;
    }
    // 听糊涂了，说白了是不是就是政府要守信用: asked to be told again, in the asker's own words for what was just answered; when the
    // message alone only asks back among other measures and the measure just answered holds its topic too, the conversation stays there.
    // So too when it alone cites the measure just answered among others (免费是怎么个免法，讲通俗点 after 开公司要花钱吗), or names nothing the
    // policy has (说白一点行吗，这对我们开店的有什么影响: what the last answer means to the asker).
    const last = understood.inContext?.restrictTo ?? [];
    const againInContext =
      (decision.kind === "clarify" && this.holdsTopic(assessed, last)) ||
      (decision.kind === "answer" && decision.cited.length > 1 && decision.cited.some((c) => last.some((ref) => measureKey(ref) === measureKey(refOf(c.measure))))) ||
      (decision.kind === "handoff" && (decision.say === "no-topic" || decision.reason === "not-in-policy"));
    if (understood.explainAgain && understood.inContext && againInContext) {
      const inContext = await this.decideFor(understood.inContext);
      if (inContext.decision.kind === "answer") return inContext;
    }
    // 都是教育社保方面的吗 after 跨省通办有多少项: what the message alone reads as the asker's own household (社保) is, read with the
    // last answer, what the measure just answered holds (its 教育、社保…等领域); the conversation stays there when that reading is in scope.
    if (decision.kind === "handoff" && assessed.scope === "household" && understood.inContext && this.holdsTopic(assessed, last)) {
      const inContext = await this.decideFor(understood.inContext);
      if (inContext.decision.kind === "answer") return inContext;
    }
    // Nothing in the policy for the message alone: it may ask about the measure just answered (要是填错了能补救吗; 要一项项去申请吗,
    // only process words), unless it names a thing the policy never does (明天天气咋样 after 12345 asks about the weather).
    if (decision.kind === "handoff" && (decision.reason === "not-in-policy" || decision.say === "no-topic") && understood.inContext && !this.namesAForeignThing(assessed)) {
      const inContext = await this.decideFor(understood.inContext);
      if (inContext.decision.kind === "answer") return inContext;
    }
    // 覆盖的事项占几成 after a question on 容缺受理's list: a fact asked of words no measure holds well (覆盖 only in 第11条) may be
    // asked of what was just talked about; read with it, a measure stating that fact answers.
    if (decision.kind === "handoff" && decision.reason === "fact-missing" && (assessed.candidates[0]?.match.coverage ?? 0) < CONFIDENT_COVERAGE && understood.inContext && !this.namesAForeignThing(assessed)) {
      const inContext = await this.decideFor(understood.inContext);
      if (inContext.decision.kind === "answer") return inContext;
    }
    // 下午好呀，店里刚忙完年底盘点，来跟你问声好: a hello or thanks, and remarks that ask nothing the policy holds: small talk, not a
    // question for staff.
    // (So is chat read by its structure: the bot as the only subject, a question announced with none asked yet.)
    if (decision.kind === "handoff" && (decision.reason === "not-in-policy" || decision.say === "no-topic") && !assessed.scope) {
      const topic = courtesyAskingNothing(understood.question) ?? chatAskingNothing(understood.question);
      if (topic) return { understood, assessed, decision: { kind: "smalltalk", topic } };
    }
    // 大晚上还在线上守着: chat throughout, held by a measure only through a word read as a slip (晚上 ~ 网上) beside process words: chat.
    if (decision.kind === "answer" && decision.cited.every((c) => c.match.found.every((f) => f.guessed || GENERIC_WORDS.has(f.word)))) {
      const topic = courtesyAskingNothing(understood.question) ?? chatAskingNothing(understood.question);
      if (topic) return { understood, assessed, decision: { kind: "smalltalk", topic } };
    }
    return (await this.partsApart(understood, assessed, decision)) ?? { understood, assessed, decision };
  }

  /**
   * 接电要几天？乌鲁木齐接电要几天, 开公司要几天，还有明天天气怎么样: several questions in one message, some the policy cannot answer
   * (another place, the weather): the others are answered as if asked alone, and the reply names the ones it leaves (a person answers
   * them when the asker replies 转人工). Read apart only when the whole was handed off, or answered with a part no measure holds.
   */
  private async partsApart(u: Understood, a: Assessed, decision: Decision): Promise<Decided | null> {
    if (u.followUp.kind !== "none" || u.picked !== undefined || u.restrictTo) return null;
    const readAlone = (q: string) => this.decideFor(understand(q, [], this.understandDeps));
    const leftOf = (questions: readonly string[], alone: readonly Decided[], besideAnswer: boolean): Unanswered[] =>
      questions.flatMap((q, i) => {
        const d = alone[i]!.decision;
        return d.kind === "handoff" && leftOut(q, alone[i]!, besideAnswer) ? [{ asked: withoutOpeningJoiner(q.replace(EDGE_PUNCTUATION, "")), ...(d.scope ? { scope: d.scope } : {}) }] : [];
      });
    // An answer that leaves a part out (no measure holds any of its topic: 乌鲁木齐呢 beside 接电要几天) names it when it is out of scope.
    if (decision.kind === "answer") {
      const unheld = decision.stating || decision.timed || decision.unstated ? [] : unheldParts(a);
      if (!unheld.length) return null;
      const left = leftOf(unheld, await Promise.all(unheld.map(readAlone)), true);
      return left.length ? { understood: u, assessed: a, decision: { ...decision, unanswered: left } } : null;
    }
    if (!cannotAnswer(decision)) return null;
    // (还有明年的政策会不会变 names no topic, so it is no part of its own; it is still a sentence asked apart. One pointing back is neither answered nor left.)
    const asked = u.parts.length > 1 ? u.parts : questionSentences(u.text);
    const questions = asked.filter((q) => !pointsBack(q));
    if (questions.length < 2 || !askedApart(u.text, asked)) return null;
    const alone = await Promise.all(questions.map(readAlone));
    const answered = questions.filter((q, i) => standsAlone(q, alone[i]!));
    const left = answered.length ? leftOf(questions, alone, false) : [];
    if (!left.length) return null;
    const rest = answered.length === 1 ? alone[questions.indexOf(answered[0]!)]! : await readAlone(answered.join("，"));
    return rest.decision.kind === "answer" ? { ...rest, decision: { ...rest.decision, unanswered: left } } : null;
  }

  /**
   * 第15条好像是说供水报装的吧，要几天: people misremember numbers. A question beside the numbers, answered from
   * other measures while the named ones hold none of its topic, is answered from those, saying what the named ones are.
   */
  private async fromTheRightMeasure(u: Understood, numbers: number[]): Promise<Decided | null> {
    // With several documents a number names a measure of the one the question means (2023年第2条): left to the listing.
    if (this.deps.documents.length > 1) return null;
    const named = numbers.map((n) => this.measure(n)).filter((m): m is Measure => !!m);
    if (!named.length) return null;
    const asked = understand(withoutMeasureNumbers(u.question), [], this.understandDeps);
    if (asked.intent.kind !== "question") return null;
    const decided = await this.decideFor(asked);
    const { decision, assessed } = decided;
    if (decision.kind !== "answer" || !assessed || !assessed.terms.words.some(isTopic)) return null;
    if (decision.cited.some((c) => named.includes(c.measure))) return null;
    if (named.some((m) => measureMatch(assessed.terms, m).topic > 0)) return null;
    return { ...decided, decision: { ...decision, misnamed: named, why: `${decision.why}; the named ${named.map((m) => `第${m.number}条`).join("、")} holds none of it` } };
  }

  /**
   * A measure just answered is among the choices asked back about, or among several measures answering one question (一般登记几天
   * after 不动产登记怎么改的: 第3、15、1条 alone), or matches the topic as fully as the one measure answering.
   */
  private holdsAsWell(a: Assessed, best: readonly Candidate[], choices: boolean, last: readonly MeasureRef[]): boolean {
    const lastKeys = new Set(last.map(measureKey));
    const isLast = (c: Candidate) => lastKeys.has(measureKey(refOf(c.measure)));
    if (choices) return best.some(isLast);
    const first = best[0];
    // (A question of several parts, each answered by its own measure, is no choice among them.)
    if (!first || (best.length > 1 && a.partTerms.length > 1)) return false;
    if (best.length > 1) return best.some(isLast) && !best.every(isLast);
    if (isLast(first)) return false;
    const held = a.candidates.find(isLast);
    return !!held && held.match.topic > 0 && held.match.topic >= first.match.topic;
  }

  /** 还有别的吗: the measures just given are no candidates; what is left answers, or nothing more does. */
  private besides(u: Understood, a: Assessed): Assessed {
    const given = u.besides ?? [];
    const isGiven = (m: Measure) => given.some((ref) => ref.number === m.number && (!ref.doc || ref.doc === m.doc));
    return given.length ? { ...a, candidates: a.candidates.filter((c) => !isGiven(c.measure)) } : a;
  }

  /** One of the measures holds one of the words, as written or as a synonym the lexicon gives (燃气 in 第14条's 供气). */
  private holdsWords(words: readonly string[], refs: readonly MeasureRef[]): boolean {
    const forms = words.flatMap((w) => [w, ...[...this.deps.retriever.lexicon.expand(w, [w]).synonymsOf.values()].flat()]).filter((f) => f.length > 1 || /\d/.test(f));
    return refs.some((ref) => {
      const text = this.documentSet.measure(ref)?.text.toLowerCase();
      return !!text && forms.some((f) => text.includes(f.toLowerCase()));
    });
  }

  /** A clause of one of the measures lists (、) things of the kind beside one of the words (首席事务代表、一次性告知…制度). */
  private listsBeside(kind: string, words: readonly string[], refs: readonly MeasureRef[]): boolean {
    return refs.some((ref) =>
      (this.documentSet.measure(ref)?.text ?? "").split(/[。；;，,]/).some((s) => s.includes(kind) && s.includes("、") && words.some((w) => w.length > 1 && s.toLowerCase().includes(w.toLowerCase()))),
    );
  }

  /** One of the measures just answered holds a topic word of the question. */
  private holdsTopic(a: Assessed, last: readonly MeasureRef[]): boolean {
    return last.some((ref) => {
      const m = this.documentSet.measure(ref);
      return !!m && measureMatch(a.terms, m).topic > 0;
    });
  }

  /** A word of the question that neither the policy nor the lexicon uses and that names a thing (天气, time words, script). */
  private namesAForeignThing(a: Assessed): boolean {
    const foreign = new Set(a.terms.words.filter((w) => isTopic(w) && w.foreign).map((w) => w.word));
    if ([...foreign].some((w) => /^[a-z]/.test(w))) return true;
    return this.deps.retriever.analyzer.tag(a.text).some((t) => foreign.has(t.word.toLowerCase()) && (NOUN.test(t.tag) || t.tag === "t"));
  }

  /** Compose; an LLM, when configured, may rewrite a Chinese answer (behind the guard). */
  private async finish(record: Decided): Promise<Answer> {
    const composed = compose(record, this.composeDeps);
    // The best coverage travels with a searched answer, so an approved FAQ entry can be weighed against it.
    const best = record.assessed?.candidates[0]?.match.coverage;
    const answer = best === undefined ? composed : extended(composed, { coverage: best });
    const { composer } = this.deps;
    // (A list of the measures stating a fact, 哪几条写明了免费, or their time limits ranked, is the policy's own passages and a count: nothing to rewrite.)
    const listing = record.decision.kind === "answer" && !!(record.decision.stating || record.decision.timed);
    if (!composer || answer.outcome !== "answered" || record.understood.language !== "zh" || !record.assessed || listing) return answer;
    const a = record.assessed;
    // The model sees the search's measures in its order (the chosen or last-cited ones for a follow-up) and the question as asked, or as completed from its context.
    const retrieved = a.restrictTo ? a.candidates.map((c) => c.measure) : a.hits.map((h) => h.measure);
    const question = record.understood.followUp.kind === "none" ? record.understood.question : a.text;
    return { ...(await composer.compose(question, retrieved, answer)), coverage: answer.coverage };
  }

  /** Every measure naming the departments, in number order; past DEPARTMENT_LIST_MAX, the most relevant to the question. */
  private departmentListing(question: string, departments: string[]): { measures: Measure[]; total: number; kind?: string } {
    const lists = departments.map((d) => this.byDepartment.get(d) ?? []);
    // 法院和司法局共同负责的: the measures they share, when they share any; else each one's.
    const shared = TOGETHER.test(question) ? lists[0]!.filter((p) => lists.every((l) => l.includes(p))) : [];
    const all = lists.length === 1 ? lists[0]! : shared.length ? shared : [...new Set(lists.flat())].sort((a, b) => a - b);
    const kind = this.kindNamed(question, all);
    const positions = kind ? all.filter((p) => this.deps.measures[p]!.text.includes(kind)) : all;
    const shown = positions.length <= DEPARTMENT_LIST_MAX ? positions : this.mostRelevant(question, positions);
    return { measures: shown.map((p) => this.deps.measures[p]!), total: positions.length, ...(kind ? { kind } : {}) };
  }

  /**
   * 住建局负责的报装有哪几样: a kind of matter named beside the department, which some of its measures' text names and others not,
   * narrows the listing to those. (Words every one of them has, 负责, or none, 哪几样, narrow nothing; nor do how-words, 审批.)
   */
  private kindNamed(question: string, positions: number[]): string | undefined {
    const texts = positions.map((p) => this.deps.measures[p]!.text);
    const named = KIND_OF_MATTER.exec(question)?.[2];
    if (!named || LISTING_WORD.test(named) || GENERIC_WORDS.has(named) || !this.deps.retriever.inCorpus(named)) return undefined;
    const n = texts.filter((t) => t.includes(named)).length;
    return n > 0 && n < texts.length ? named : undefined;
  }


  /** BM25 of the question within the department's measures; measures sharing no word with it follow in number order. */
  private mostRelevant(question: string, positions: number[]): number[] {
    const ranked = this.deps.retriever.rankWithin(question, positions, DEPARTMENT_LIST_MAX).map((s) => s.index);
    const chosen = new Set(ranked);
    for (const p of positions) {
      if (ranked.length >= DEPARTMENT_LIST_MAX) break;
      if (!chosen.has(p)) ranked.push(p);
    }
    return ranked;
  }
}

function remembered<K, V>(memo: Map<K, V>, key: K, compute: () => V): V {
  let value = memo.get(key);
  if (value === undefined) memo.set(key, (value = compute()));
  return value;
}

const cap = (question: string) => String(question ?? "").slice(0, MAX_QUESTION_CHARS);
