/**
 * The PostgreSQL ConversationStore (DATABASE_URL), beside the tickets in the same database and
 * schema: a clarify button or 转人工 pressed on one instance finds the turn another instance stored,
 * and a follow-up is read with the chat's last question whichever instance answered it. Writes go
 * through the quick pool (a short wait at most: ConversationService goes on without them).
 */
import type { Choice } from "../answer/types.js";
import type { Citation } from "../policy/measure.js";
import { PgDatabase, PgStoreHandle, pgText as text, pgTextOrNull as textOrNull, type PgDatabaseOptions } from "../store/pg/database.js";
import { turnOf, type TurnRow as StoredTurnRow } from "./rows.js";
import type { ConversationStore, TurnLimits } from "./store.js";
import type { ChatRef, StoredTurn } from "./types.js";

const LABEL = "conversation database";


/** PostgreSQL gives JSON and booleans back decoded. */
type TurnRow = StoredTurnRow<unknown, boolean>;
const rowToTurn = (row: TurnRow): StoredTurn =>
  turnOf(row, { citations: row.citations as Citation[], related: row.related as Citation[], choices: row.choices as Choice[], inContext: row.in_context });

const json = (value: unknown): string => text(JSON.stringify(value));

export class PgConversationStore implements ConversationStore {
  private readonly handle: PgStoreHandle;

  /** On a share of `db`, released by close(). */
  constructor(db: PgDatabase) {
    this.handle = new PgStoreHandle(db, LABEL);
  }

  /** Connect (a database of its own), and create or update the schema. */
  static async open(options: PgDatabaseOptions): Promise<PgConversationStore> {
    return new PgConversationStore(await PgDatabase.open(options, LABEL));
  }

  appendTurn(t: StoredTurn, limits: TurnLimits): Promise<void> {
    return this.handle.transaction(
      async (client) => {
        await client.query(
          `INSERT INTO turns (channel, chat_id, user_id, turn_key, at, question, context, outcome, handoff_reason, understood, language, citations, related, choices, in_context)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::json, $13::json, $14::json, $15)`,
          [
            t.channel,
            t.chatId,
            t.userId,
            t.key,
            t.at,
            text(t.question),
            textOrNull(t.context),
            t.outcome,
            t.handoffReason,
            textOrNull(t.understood),
            t.language,
            json(t.citations),
            json(t.related),
            json(t.choices),
            t.inContext,
          ],
        );
        await client.query(
          `DELETE FROM turns WHERE channel = $1 AND chat_id = $2 AND id NOT IN (
             SELECT id FROM turns WHERE channel = $1 AND chat_id = $2 ORDER BY id DESC LIMIT $3)`,
          [t.channel, t.chatId, limits.keepPerChat],
        );
        await client.query(`DELETE FROM turns WHERE at < $1`, [limits.forgetBefore]);
      },
      { quick: true },
    );
  }

  async endContext(chat: ChatRef): Promise<void> {
    await this.handle.quickQuery(`UPDATE turns SET in_context = false WHERE channel = $1 AND chat_id = $2 AND in_context`, [chat.channel, chat.chatId]);
  }

  async recentTurns(chat: ChatRef, since: number, limit: number): Promise<StoredTurn[]> {
    const rows = await this.handle.rows<TurnRow>(
      `SELECT * FROM turns WHERE channel = $1 AND chat_id = $2 AND in_context AND at >= $3 ORDER BY id DESC LIMIT $4`,
      [chat.channel, chat.chatId, since, limit],
    );
    return rows.map(rowToTurn).reverse();
  }

  async turnByKey(chat: ChatRef, key: string): Promise<StoredTurn | null> {
    const [row] = await this.handle.rows<TurnRow>(`SELECT * FROM turns WHERE channel = $1 AND chat_id = $2 AND turn_key = $3`, [chat.channel, chat.chatId, key]);
    return row ? rowToTurn(row) : null;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
