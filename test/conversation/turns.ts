/** Chats and stored turns for the conversation store tests (the contract and the SQLite cache). */
import type { TurnLimits } from "../../src/conversation/store.js";
import type { StoredTurn } from "../../src/conversation/types.js";

export const ALICE = { channel: "telegram" as const, chatId: "1001", userId: "1001" };
export const BOB = { channel: "telegram" as const, chatId: "1002", userId: "1002" };
export const CAROL = { channel: "telegram" as const, chatId: "1003", userId: "1003" };
export const ALICE_TERMINAL = { ...ALICE, channel: "terminal" as const };
export const LIMITS: TurnLimits = { keepPerChat: 20, forgetBefore: 0 };

export const cite = (measure: number) => ({ measure, title: `标题${measure}`, departments: ["市市场监管局", "市税务局"] });

type Speaker = typeof ALICE | typeof ALICE_TERMINAL;

/** An answered turn of the speaker's chat, as the service stores it; `over` changes any field. */
export const turn = (speaker: Speaker, key: string, at: number, over: Partial<StoredTurn> = {}): StoredTurn => ({
  ...speaker,
  key,
  at,
  question: `问题 ${key}`,
  context: null,
  outcome: "answered",
  handoffReason: null,
  understood: `问题 ${key}`,
  language: "zh",
  citations: [cite(1)],
  related: [],
  choices: [],
  inContext: true,
  ...over,
});
