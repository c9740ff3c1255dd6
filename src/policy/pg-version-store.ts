/**
 * The PostgreSQL PolicyVersionStore (DATABASE_URL): one record for every instance, so each can tell
 * whether the corpus it serves is the one last published.
 */
import { PgDatabase, PgStoreHandle, pgText as text, type PgDatabaseOptions } from "../store/pg/database.js";
import { historyLimit, type MeasureDiff, type NewPolicyVersion, type PolicyVersion, type PolicyVersionStore } from "./version-store.js";

const LABEL = "policy version record";

interface Row {
  id: number;
  version: string;
  published_at: number;
  published_by: string;
  measures: number;
  diff: MeasureDiff;
}

const rowToVersion = (r: Row): PolicyVersion => ({ id: r.id, version: r.version, publishedAt: r.published_at, by: r.published_by, measures: r.measures, diff: r.diff });

export class PgPolicyVersionStore implements PolicyVersionStore {
  private readonly handle: PgStoreHandle;

  /** On a share of `db`, released by close(). */
  constructor(db: PgDatabase) {
    this.handle = new PgStoreHandle(db, LABEL);
  }

  /** Connect (a database of its own), and create or update the schema. */
  static async open(options: PgDatabaseOptions): Promise<PgPolicyVersionStore> {
    return new PgPolicyVersionStore(await PgDatabase.open(options, LABEL));
  }

  async record(v: NewPolicyVersion): Promise<PolicyVersion> {
    const { rows } = await this.handle.query<{ id: number }>(
      `INSERT INTO policy_versions (version, published_at, published_by, measures, diff) VALUES ($1, $2, $3, $4, $5::json) RETURNING id`,
      [text(v.version), v.publishedAt, text(v.by), v.measures, text(JSON.stringify(v.diff))],
    );
    return { id: rows[0]!.id, ...v };
  }

  async current(): Promise<PolicyVersion | null> {
    return (await this.history(1))[0] ?? null;
  }

  async history(limit: number): Promise<PolicyVersion[]> {
    const rows = await this.handle.rows<Row>(`SELECT * FROM policy_versions ORDER BY id DESC LIMIT $1`, [historyLimit(limit)]);
    return rows.map(rowToVersion);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
