import type { Retriever } from "../search/retriever.js";
import { contentWords, guessesFor, isTopic, questionTerms, reweighed, type QuestionTerms, type QuestionWord, type TermsDeps } from "./evidence.js";
import { askingClauses, impliedWords, questionSentences, storySpans, toldSpans } from "./question-text.js";
import type { SoundsAlike } from "./sounds-alike.js";
import { RETRIEVED_FIELDS, type Retrieved, type Understood } from "./record.js";

const CANDIDATES = 8;
const PART_STORY_MIN_CLAUSES = 2;
// 这种条件, 这两步, 它: an asking clause pointing at what the clauses before it told.
const POINTS_AT_TOLD = /这|那|它|其/;
/** Whether a part's last clause is a question of its own (…，网上能立案吗): the clauses before it tell what led to it. */
const endsAsking = (p: string) => /(吗|么|嘛|[？?])[。？?！!\s]*$/.test(p.trim());

export interface RetrieveDeps {
  retriever: Retriever;
  lexiconTerms: ReadonlySet<string>;
  soundsAlike: SoundsAlike;
}

/** Stage 2: search the policy for the understood question; weigh its words (and each part's). */
export async function retrieve(u: Understood, deps: RetrieveDeps): Promise<Retrieved> {
  const { retriever } = deps;
  // The whole question and each part weigh the same words: guesses and their groups are looked up once per question.
  const groups = new Map<string, string[]>();
  const words = new Map<string, string[]>();
  const inCorpus = (w: string) => retriever.inCorpus(w);
  const termsDeps: TermsDeps = {
    analyzer: retriever.analyzer,
    inCorpus,
    wordsOf: (text) => remember(words, text, () => contentWords(text, retriever.analyzer, (w) => inCorpus(w) || deps.lexiconTerms.has(w))),
    lexiconTerms: deps.lexiconTerms,
    soundsAlike: deps.soundsAlike,
    guesses: new Map(),
    groupOf: (term) => remember(groups, term, () => [...retriever.lexicon.expand(term, [term]).synonymsOf.values()].flat()),
  };
  // 没有抵押物 → also search 无抵押物, so the lexicon's 无抵押 ~ 信用贷款 applies; a likely slip → also the word meant.
  const corrections = termsDeps.wordsOf!(u.text).flatMap((w) => guessesFor(w, u.text, termsDeps));
  // 没有房产抵押 lacks 房产 and 抵押: each word's negated forms too (无抵押 ~ 信用贷款; 不用去现场: 非现场 ~ 零见面).
  const lacked = u.negatedSpans.flatMap((s) => [s, ...termsDeps.wordsOf!(s)]).flatMap((w) => [`无${w}`, `非${w}`]);
  const query = [u.text, ...u.implied, ...new Set(lacked), ...corrections, u.context ?? ""].join(" ").trim();
  const { hits, expansion } = await retriever.search(query, CANDIDATES);
  const termsOf = (text: string, implied: string[], context?: string, story = storySpans(text)) => questionTerms({ text, context, negatedSpans: u.negatedSpans, unread: u.unread, implied, story }, expansion, termsDeps);
  const terms = termsOf(u.text, u.implied, u.context);
  // A part that is a sentence of its own is one question of a longer message: a clause of it that asks nothing tells what led to it
  // (被罚了款觉得冤，能申请复议不？另外…), when the asking clause names a policy topic and points at nothing told (这种条件合理吗 asks of it).
  const sentences = questionSentences(u.text);
  const partStory = (p: string) => {
    // (…准备让对方破产，网上能立案吗，破产是怎么个处理法: a part cut from one sentence ending in the clause it asks is one question too.)
    const story = sentences.includes(p) || endsAsking(p) ? storySpans(p, PART_STORY_MIN_CLAUSES) : [];
    const asking = askingClauses(p, story);
    const ownTopic = story.length > 0 && !POINTS_AT_TOLD.test(asking) && termsOf(asking, []).words.some((w) => isTopic(w) && !w.foreign);
    return ownTopic ? story : storySpans(p);
  };
  // A part implies what its own words do (办执照要几天，用水报装又要几天: only the first opens a business).
  // (新车间要接电也要接燃气，用电报装几天、燃气报装又几天: a clause that only tells, however short, set before every part is their
  // scene, asked by none: its words, 接电 and 接燃气, are shared by all, however each part's own words name them.)
  const scene = toldSpans(u.text).filter((c) => u.parts.length > 1 && u.parts.every((p) => p.includes(c)));
  const sceneWords = new Set(scene.flatMap((c) => termsDeps.wordsOf!(c)));
  const askingWords = (p: string) => new Set(termsDeps.wordsOf!(askingClauses(p, [...storySpans(p), ...scene])));
  const partTerms = u.parts.length > 1 ? distinguishing(u.parts.map((p) => termsOf(p, impliedWords(p), undefined, partStory(p))), u.parts.map(askingWords), sceneWords) : [];
  // (From the template: an object spread from another record and then added to has a new V8 map every time.)
  return { ...RETRIEVED_FIELDS, ...u, hits, expansion, terms, partTerms };
}

function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  let value = memo.get(key);
  if (value === undefined) memo.set(key, (value = compute()));
  return value;
}

const SHARED_WEIGHT = 0.25;

/** The forms a question word was said in: itself and the words kept as it (full synonyms of the lexicon's, merged into it). */
const said = (w: QuestionWord): string[] => [w.word, ...w.synonyms.filter((s) => s.credit === 1 && !s.rest && !s.guessed).map((s) => s.text)];

/**
 * Words every part has (报装 in 水、电、气、暖报装), or the scene told before all of them has, do not tell the parts' measures apart: they weigh less. A word
 * the scene shared by every part repeats (新仓库得办施工许可，…，施工许可和供水各要几天) still decides the part that asks about it.
 */
function distinguishing(parts: QuestionTerms[], asking: ReadonlyArray<ReadonlySet<string>>, scene: ReadonlySet<string>): QuestionTerms[] {
  const inAll = (word: string) => parts.every((p) => p.words.some((w) => w.word === word)) || scene.has(word);
  // (A word the lexicon names alike is kept as the heavier one's, 暖气报装 as the scene's 接暖气: asked in either form.)
  const asks = (a: ReadonlySet<string>, w: QuestionWord) => said(w).some((f) => a.has(f));
  return parts.map((p, i) => {
    const shared = (w: QuestionWord) => inAll(w.word) && (asking.every((a) => asks(a, w)) || !asks(asking[i]!, w));
    const words = p.words.map((w) => (shared(w) ? reweighed(w, w.weight * SHARED_WEIGHT) : w));
    return { words, total: words.reduce((a, w) => a + w.weight, 0) };
  });
}
