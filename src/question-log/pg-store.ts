/**
 * The PostgreSQL QuestionLogStore (DATABASE_URL), beside the tickets in the same database and
 * schema. A question's row, its feedback and its ticket are written on the quick pool (a short wait
 * at most: answering never waits on the log); the retention and the reports use the main pool.
 */
import type pg from "pg";
import { PgDatabase, PgStoreHandle, pgText as text, pgTextOrNull as textOrNull, type PgDatabaseOptions } from "../store/pg/database.js";
import { questionOf, type QuestionRow } from "./rows.js";
import type { QuestionLogStore } from "./store.js";
import type { LoggedQuestion, LogSummary, NewLoggedQuestion, Vote } from "./types.js";

const LABEL = "question log";


/** PostgreSQL gives the cited numbers back decoded. */
type Row = QuestionRow<number[]>;
const rowToQuestion = (r: Row): LoggedQuestion => questionOf(r, r.cited);

export class PgQuestionLogStore implements QuestionLogStore {
  private readonly handle: PgStoreHandle;

  /** On a share of `db`, released by close(). */
  constructor(db: PgDatabase) {
    this.handle = new PgStoreHandle(db, LABEL);
  }

  /** Connect (a database of its own), and create or update the schema. */
  static async open(options: PgDatabaseOptions): Promise<PgQuestionLogStore> {
    return new PgQuestionLogStore(await PgDatabase.open(options, LABEL));
  }

  /**
   * The askers' hash salt every instance shares when QUESTION_LOG_SALT is not set: the one stored
   * in the database, or `proposed` if none was yet (the first instance's wins).
   */
  async sharedSalt(proposed: string): Promise<string> {
    await this.handle.query(`INSERT INTO question_log_salt (salt) VALUES ($1) ON CONFLICT (only_one) DO NOTHING`, [proposed]);
    const { rows } = await this.handle.query<{ salt: string }>(`SELECT salt FROM question_log_salt`);
    return rows[0]!.salt;
  }

  async append(q: NewLoggedQuestion): Promise<number> {
    const { rows } = await this.handle.quickQuery<{ id: number }>(
      `INSERT INTO questions (at, asker_hash, channel, question, outcome, handoff_reason, source, faq_entry_id, cited, latency_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::json, $10)
       RETURNING id`,
      [q.at, q.askerHash, text(q.channel), text(q.question), q.outcome, textOrNull(q.handoffReason), q.source, q.faqEntryId, JSON.stringify(q.cited), q.latencyMs],
    );
    return rows[0]!.id;
  }

  async setFeedback(id: number, askerHash: string, vote: Vote, at: number): Promise<boolean> {
    const { rowCount } = await this.handle.quickQuery(`UPDATE questions SET feedback = $3, feedback_at = $4 WHERE id = $1 AND asker_hash = $2`, [id, askerHash, vote, at]);
    return rowCount === 1;
  }

  async setTicket(id: number, ticketId: number): Promise<void> {
    await this.handle.quickQuery(`UPDATE questions SET ticket_id = $2 WHERE id = $1`, [id, ticketId]);
  }

  async forgetBefore(before: number): Promise<number> {
    const { rowCount } = await this.handle.query(
      `UPDATE questions SET question = NULL, asker_hash = NULL WHERE at < $1 AND (question IS NOT NULL OR asker_hash IS NOT NULL)`,
      [before],
    );
    return rowCount ?? 0;
  }

  async questionsSince(since: number): Promise<LoggedQuestion[]> {
    return (await this.handle.rows<Row>(`SELECT * FROM questions WHERE at >= $1 ORDER BY at, id`, [since])).map(rowToQuestion);
  }

  async summarySince(since: number): Promise<LogSummary> {
    const summary: LogSummary = { questions: 0, outcomes: {}, faqAnswers: 0, up: 0, down: 0 };
    const outcomes = await this.handle.rows<{ outcome: string; source: string; n: number }>(
      `SELECT outcome, source, COUNT(*)::int AS n FROM questions WHERE at >= $1 GROUP BY outcome, source`,
      [since],
    );
    for (const r of outcomes) {
      summary.questions += r.n;
      summary.outcomes[r.outcome] = (summary.outcomes[r.outcome] ?? 0) + r.n;
      if (r.source === "faq" && r.outcome === "answered") summary.faqAnswers += r.n;
    }
    const feedback = await this.handle.rows<{ feedback: Vote; n: number } & pg.QueryResultRow>(
      `SELECT feedback, COUNT(*)::int AS n FROM questions WHERE at >= $1 AND feedback IS NOT NULL GROUP BY feedback`,
      [since],
    );
    for (const r of feedback) summary[r.feedback] = r.n;
    return summary;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
