import type Database from "better-sqlite3";
import { CommitBatch } from "../store/commit-batch.js";
import { SqliteDatabase, toStoreError, type SqliteStoreOptions } from "../store/sqlite.js";
import { questionOf, type QuestionRow } from "./rows.js";
import type { QuestionLogStore } from "./store.js";
import type { LoggedQuestion, LogSummary, NewLoggedQuestion, Vote } from "./types.js";

/** The SQLite file under DATA_DIR holding the question log (its own file: a write per question never waits for a ticket transaction). */
export const QUESTION_LOG_DB_FILE = "questions.sqlite";
const LABEL = "question log";

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE questions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             INTEGER NOT NULL,
    asker_hash     TEXT,             -- salted hash; NULL after the retention period
    channel        TEXT    NOT NULL,
    question       TEXT,             -- NULL after the retention period
    outcome        TEXT    NOT NULL, -- open set: answered, clarify, handoff, smalltalk, ...
    handoff_reason TEXT,
    source         TEXT    NOT NULL CHECK (source IN ('policy', 'faq')),
    faq_entry_id   INTEGER,
    cited          TEXT    NOT NULL DEFAULT '[]', -- JSON measure numbers
    latency_ms     REAL    NOT NULL,
    feedback       TEXT    CHECK (feedback IN ('up', 'down')),
    feedback_at    INTEGER,
    ticket_id      INTEGER
  );
  CREATE INDEX questions_by_at ON questions (at);
  CREATE INDEX questions_with_text ON questions (at) WHERE question IS NOT NULL;
  `,
];

export const QUESTION_LOG_SCHEMA_VERSION = MIGRATIONS.length;


/** SQLite keeps the cited numbers as JSON text. */
type Row = QuestionRow<string>;
const rowToQuestion = (r: Row): LoggedQuestion => questionOf(r, JSON.parse(r.cited) as number[]);

/**
 * The questions logged in one turn of the event loop share a commit: each append still resolves (with
 * its row id) once committed, and close commits those waiting.
 */
export class SqliteQuestionLogStore implements QuestionLogStore {
  private readonly sql: ReturnType<typeof prepare>;
  private readonly bestEffortSql: ReturnType<typeof prepareBestEffort>;
  private readonly appends: CommitBatch<NewLoggedQuestion, number>;

  private constructor(private readonly sqlite: SqliteDatabase) {
    this.sql = prepare(sqlite.db);
    this.bestEffortSql = prepareBestEffort(sqlite.bestEffort);
    const insert = (q: NewLoggedQuestion) => Number(this.bestEffortSql.append.run({ ...q, cited: JSON.stringify(q.cited) }).lastInsertRowid);
    const insertAll = sqlite.bestEffort.transaction((qs: NewLoggedQuestion[]) => qs.map(insert));
    this.appends = new CommitBatch((qs) => {
      try {
        return qs.length === 1 ? [insert(qs[0]!)] : insertAll.immediate(qs);
      } catch (err) {
        throw toStoreError(err, LABEL);
      }
    });
  }

  static open(dataDir: string, options: SqliteStoreOptions = {}): SqliteQuestionLogStore {
    return new SqliteQuestionLogStore(SqliteDatabase.open(dataDir, { file: QUESTION_LOG_DB_FILE, label: LABEL, migrations: MIGRATIONS }, options));
  }

  /** The main connection (tests inspect it). */
  get db(): Database.Database {
    return this.sqlite.db;
  }

  append(q: NewLoggedQuestion): Promise<number> {
    return this.appends.add(q);
  }

  setFeedback(id: number, askerHash: string, vote: Vote, at: number): Promise<boolean> {
    return this.sqlite.call(() => this.bestEffortSql.feedback.run({ id, askerHash, vote, at }).changes === 1);
  }

  setTicket(id: number, ticketId: number): Promise<void> {
    return this.sqlite.call(() => void this.bestEffortSql.ticket.run({ id, ticketId }));
  }

  forgetBefore(before: number): Promise<number> {
    // A transaction: it waits for another process's lock like any other write instead of failing at once.
    return this.sqlite.transaction(async () => this.sql.forget.run(before).changes);
  }

  questionsSince(since: number): Promise<LoggedQuestion[]> {
    return this.sqlite.call(() => this.sql.since.all(since).map(rowToQuestion));
  }

  summarySince(since: number): Promise<LogSummary> {
    return this.sqlite.call(() => {
      const summary: LogSummary = { questions: 0, outcomes: {}, faqAnswers: 0, up: 0, down: 0 };
      for (const r of this.sql.outcomes.all(since)) {
        summary.questions += r.n;
        summary.outcomes[r.outcome] = (summary.outcomes[r.outcome] ?? 0) + r.n;
        if (r.source === "faq" && r.outcome === "answered") summary.faqAnswers += r.n;
      }
      for (const r of this.sql.feedback.all(since)) summary[r.feedback] = r.n;
      return summary;
    });
  }

  close(): Promise<void> {
    this.appends.flush();
    return this.sqlite.close();
  }
}

function prepareBestEffort(db: Database.Database) {
  return {
    append: db.prepare<Omit<NewLoggedQuestion, "cited"> & { cited: string }, never>(
      `INSERT INTO questions (at, asker_hash, channel, question, outcome, handoff_reason, source, faq_entry_id, cited, latency_ms)
       VALUES (@at, @askerHash, @channel, @question, @outcome, @handoffReason, @source, @faqEntryId, @cited, @latencyMs)`,
    ),
    feedback: db.prepare<{ id: number; askerHash: string; vote: string; at: number }, never>(
      `UPDATE questions SET feedback = @vote, feedback_at = @at WHERE id = @id AND asker_hash = @askerHash`,
    ),
    ticket: db.prepare<{ id: number; ticketId: number }, never>(`UPDATE questions SET ticket_id = @ticketId WHERE id = @id`),
  };
}

function prepare(db: Database.Database) {
  return {
    forget: db.prepare<[number], never>(
      `UPDATE questions SET question = NULL, asker_hash = NULL WHERE at < ? AND (question IS NOT NULL OR asker_hash IS NOT NULL)`,
    ),
    since: db.prepare<[number], Row>(`SELECT * FROM questions WHERE at >= ? ORDER BY at, id`),
    outcomes: db.prepare<[number], { outcome: string; source: string; n: number }>(
      `SELECT outcome, source, COUNT(*) AS n FROM questions WHERE at >= ? GROUP BY outcome, source`,
    ),
    feedback: db.prepare<[number], { feedback: Vote; n: number }>(
      `SELECT feedback, COUNT(*) AS n FROM questions WHERE at >= ? AND feedback IS NOT NULL GROUP BY feedback`,
    ),
  };
}
