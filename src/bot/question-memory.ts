import type { Citation } from "../policy/measure.js";

/** A question the user asked and the measures the bot found for it (candidates for staff). */
export interface RememberedQuestion {
  question: string;
  candidates: Citation[];
}

/**
 * A small, bounded, in-memory map from the bot's answer messages (and each chat's latest
 * question) to the question asked, so a 转人工 button can open a ticket with the question
 * without putting it in the callback data. Lost on restart; the handoff feature then falls
 * back to the message the answer replied to.
 */
export class QuestionMemory {
  private readonly byMessage = new Map<string, RememberedQuestion>();
  private readonly lastByChat = new Map<string, RememberedQuestion>();

  constructor(private readonly capacity = 5_000) {}

  remember(chatId: string | number, q: RememberedQuestion, messageIds: readonly number[] = []): void {
    touch(this.lastByChat, String(chatId), q, this.capacity);
    for (const id of messageIds) touch(this.byMessage, `${chatId}:${id}`, q, this.capacity);
  }

  forMessage(chatId: string | number, messageId: number): RememberedQuestion | undefined {
    return this.byMessage.get(`${chatId}:${messageId}`);
  }

  last(chatId: string | number): RememberedQuestion | undefined {
    return this.lastByChat.get(String(chatId));
  }

  forget(chatId: string | number): void {
    this.lastByChat.delete(String(chatId));
  }
}

/** Insert as newest, evicting the oldest beyond capacity (Map keeps insertion order). */
function touch<V>(map: Map<string, V>, key: string, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > capacity) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
