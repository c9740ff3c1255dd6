import { refOfCitation, type MeasureRef } from "../policy/measure.js";
import { parseNumber } from "./chinese-numbers.js";
import type { Turn } from "./engine.js";

/**
 * A chat message that cannot stand alone, read with the same chat's previous question and answer:
 * - pick:   第二个呢？ / "2" — the n-th measure the last reply offered (clarify) or cited;
 * - aspect: 哪个部门负责？ 要花钱吗？ 这个能网上办吗？ — asks about what the last answer cited;
 * - swap:   那注销呢？ — the last question again, about something else.
 * A message with a topic of its own and no such marker starts afresh.
 */
export type FollowUp =
  | { kind: "none" }
  | { kind: "pick"; measure: MeasureRef; previous: string }
  | { kind: "aspect"; previous: string; measures: MeasureRef[]; /** A topic of its own comes before the anaphor (窗口推来推去，这种事找谁): 这种 may point inside the message. */ ownTopic?: boolean }
  | { kind: "swap"; previous: string; replacement: string };

export interface FollowUpReader {
  /** The message's own topic words (not question words, not generic process words). */
  topicWords(text: string): string[];
  /** Whether the text names a department or a place (a swap to 那市财政局呢 or 在乌鲁木齐呢 has no topic word otherwise). */
  namesSomething(text: string): boolean;
  /** Whether a text is a word of the language or the policy (个体户 is, 体户 is not). */
  isWord?(text: string): boolean;
  /** Whether the text asks something (a question word, 谁管, 多少钱, a question mark): markup or a stray word with no topic asks nothing. */
  asks?(text: string): boolean;
}

// 第二个 (第二条 is a measure number, read before any follow-up); a bare 2 only right after a clarify.
const ORDINAL = /^(?:那么|那)?(?:选|要)?第([一二三四五六七八九]|[1-9])(?:个|种)/;
const CHOSEN_NUMBER = /^(?:选|要)?([1-9])$/;
const SWAP = /^(?:那要是|那么|那个|那|要是|如果是|换成|还有|另外)?(.+?)(?:的话)?(?:的)?呢[？?。!！\s~～]*$/;
// 那规模大一点的一般项目呢，要多少天, 新疆区内的呢，有没有说法: what is asked of it may follow the 呢, after a 那 that opens
// the swap or a short name (我们那还没装电表呢，会不会更久 tells, it swaps nothing).
const SWAP_ASKING = /^(?:(?:那要是|那么|那个|那|要是|如果是|换成)(.+?)|([^，,。？?]{1,6}?))(?:的话)?(?:的)?呢[，,]\s*([^，,。？?]{1,12})[？?。!！\s~～]*$/;
// Words that point back at what was just said; a comparison with nothing to compare with (会不会更久) compares with the last answer.
const ANAPHOR = /这个|这事|这种|这样|这项|这条|这些|这(一)?(整)?套|该项|它|上述|上面说的|刚才|同样|那个政策|那条|(会|要|是不是|会不会)?更(久|长|快|慢|多|少)(吗|吧|呢|些|一些|点|一点)?[？?。!！\s]*$/;
const STRIP = /[\s？?。!！,，~～]+/g;

export function resolveFollowUp(message: string, history: readonly Turn[], reader: FollowUpReader): FollowUp {
  const last = history.at(-1);
  if (!last) return { kind: "none" };
  const text = message.trim();
  const previous = last.answer.understood ?? last.question;
  const offered = last.answer.outcome === "clarify" ? (last.answer.choices ?? []).map(refOfCitation) : last.answer.citations.map(refOfCitation);

  const picked = pickedIndex(text, last.answer.outcome === "clarify");
  if (picked !== null) {
    if (picked < offered.length && offered.length > 1) return { kind: "pick", measure: offered[picked]!, previous };
    // 第二个呢 with no list just before it: the last question is all there is to read it with.
    return { kind: "aspect", previous, measures: [] };
  }

  const plain = SWAP.exec(text);
  const asking = plain ? null : SWAP_ASKING.exec(text);
  const swap = plain ? { topic: plain[1]!, asked: "" } : asking ? { topic: (asking[1] ?? asking[2])!, asked: `，${asking[3]}` } : null;
  if (swap) {
    const replacement = swapped(text, swap.topic.replace(STRIP, ""), reader);
    if (replacement && (reader.topicWords(replacement).length || reader.namesSomething(replacement))) return { kind: "swap", previous: withoutSwap(last, previous), replacement: replacement + swap.asked };
  }

  const compared = comparedWithLast(text, previous, reader);
  if (compared) return { kind: "swap", previous, replacement: compared };

  const ownTopic = reader.topicWords(text).length > 0 || reader.namesSomething(text);
  // No topic and nothing asked (<script>…</script>, asdf): no follow-up, the message is read alone.
  const asks = reader.asks?.(text) ?? true;
  if ((!ownTopic && asks) || ANAPHOR.test(text)) {
    // 窗口推来推去，这种事找谁: a topic before the anaphor may be what it points to (这个能网上办吗 has none before it).
    const anaphor = text.search(ANAPHOR);
    const topicBefore = anaphor > 0 && reader.topicWords(text.slice(0, anaphor)).length > 0;
    return { kind: "aspect", previous, measures: last.answer.outcome === "answered" ? offered : [], ...(topicBefore ? { ownTopic: true } : {}) };
  }
  return { kind: "none" };
}

/**
 * The last answer as the context of a message that seemed to stand alone (要是填错了能补救吗 after 简易注销…,
 * 得我们自己跑去申报吗 after 奖励资金兑现慢): its words may be the detail of the topic just answered.
 */
export function lastAnswered(history: readonly Turn[]): FollowUp | null {
  const last = history.at(-1);
  if (!last || last.answer.outcome !== "answered") return null;
  return { kind: "aspect", previous: last.answer.understood ?? last.question, measures: last.answer.citations.map(refOfCitation) };
}

// 那供暖的要比这个多几天, 供气跟刚才那个比哪个快: the thing compared with is what was just asked about.
const COMPARED_WITH_LAST = /(比|跟|和|与)(这个|这项|这|它|刚才(说)?的|刚才那个|刚才那项|上面(说)?的|上面那个)(?=[^，,。？?]{0,6}(多|少|快|慢|长|短|久|比|一样|差))/;

/** A comparison of a topic of the message's own with the last question's: one question naming both (那供暖的要比供水报装多几天). */
function comparedWithLast(text: string, previous: string, reader: FollowUpReader): string | null {
  const m = COMPARED_WITH_LAST.exec(text);
  if (!m || !reader.topicWords(text.slice(0, m.index)).length) return null;
  const last = reader.topicWords(previous);
  if (!last.length) return null;
  const at = m.index + m[1]!.length;
  return text.slice(0, at) + last.join("") + text.slice(at + m[2]!.length);
}

/** 那个体户呢 is 那 + 个体户, not 那个 + 体户: the 个 goes back to the word it begins. */
function swapped(text: string, replacement: string, reader: FollowUpReader): string {
  if (!reader.isWord || !/^那个/.test(text) || reader.isWord(replacement) || !reader.isWord(`个${replacement}`)) return replacement;
  return `个${replacement}`;
}

/** 那燃气呢 → 那暖气呢: the second swap replaces the first, it does not pile onto it (燃气报装，供水报装要多久 → 供水报装要多久). */
function withoutSwap(last: Turn, previous: string): string {
  const swap = SWAP.exec(last.question.trim());
  const replaced = swap?.[1]?.replace(STRIP, "");
  return replaced && previous.startsWith(`${replaced}，`) ? previous.slice(replaced.length + 1) : previous;
}

/** 第二个 → 1; 2 → 1 right after a clarify. */
function pickedIndex(text: string, afterClarify: boolean): number | null {
  const bare = text.replace(STRIP, "");
  const chosen = CHOSEN_NUMBER.exec(bare);
  if (afterClarify && chosen) return Number(chosen[1]) - 1;
  const ordinal = ORDINAL.exec(bare);
  const n = ordinal ? parseNumber(ordinal[1]!) : undefined;
  return n ? n - 1 : null;
}
