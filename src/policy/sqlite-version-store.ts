import { SqliteDatabase, type SqliteStoreOptions } from "../store/sqlite.js";
import { historyLimit, type MeasureDiff, type NewPolicyVersion, type PolicyVersion, type PolicyVersionStore } from "./version-store.js";

/** The SQLite file under DATA_DIR recording the published policy versions (one instance: its own record). */
export const POLICY_VERSIONS_DB_FILE = "policy-versions.sqlite";
const LABEL = "policy version record";

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE policy_versions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    version      TEXT    NOT NULL,
    published_at INTEGER NOT NULL,
    published_by TEXT    NOT NULL,
    measures     INTEGER NOT NULL CHECK (measures >= 0),
    diff         TEXT    NOT NULL -- JSON MeasureDiff
  );
  `,
];

export const POLICY_VERSIONS_SCHEMA_VERSION = MIGRATIONS.length;

interface Row {
  id: number;
  version: string;
  published_at: number;
  published_by: string;
  measures: number;
  diff: string;
}

const rowToVersion = (r: Row): PolicyVersion => ({
  id: r.id,
  version: r.version,
  publishedAt: r.published_at,
  by: r.published_by,
  measures: r.measures,
  diff: JSON.parse(r.diff) as MeasureDiff,
});

export class SqlitePolicyVersionStore implements PolicyVersionStore {
  private readonly sql: ReturnType<typeof prepare>;

  private constructor(private readonly sqlite: SqliteDatabase) {
    this.sql = prepare(sqlite.db);
  }

  static open(dataDir: string, options: SqliteStoreOptions = {}): SqlitePolicyVersionStore {
    return new SqlitePolicyVersionStore(SqliteDatabase.open(dataDir, { file: POLICY_VERSIONS_DB_FILE, label: LABEL, migrations: MIGRATIONS }, options));
  }

  record(v: NewPolicyVersion): Promise<PolicyVersion> {
    return this.sqlite.transaction(async () => {
      const id = Number(this.sql.insert.run({ version: v.version, publishedAt: v.publishedAt, by: v.by, measures: v.measures, diff: JSON.stringify(v.diff) }).lastInsertRowid);
      return { id, ...v };
    });
  }

  current(): Promise<PolicyVersion | null> {
    return this.sqlite.call(() => {
      const row = this.sql.latest.get(1);
      return row ? rowToVersion(row) : null;
    });
  }

  history(limit: number): Promise<PolicyVersion[]> {
    return this.sqlite.call(() => this.sql.latest.all(historyLimit(limit)).map(rowToVersion));
  }

  close(): Promise<void> {
    return this.sqlite.close();
  }
}

function prepare(db: SqliteDatabase["db"]) {
  return {
    insert: db.prepare<{ version: string; publishedAt: number; by: string; measures: number; diff: string }, never>(
      `INSERT INTO policy_versions (version, published_at, published_by, measures, diff) VALUES (@version, @publishedAt, @by, @measures, @diff)`,
    ),
    latest: db.prepare<[number], Row>(`SELECT * FROM policy_versions ORDER BY id DESC LIMIT ?`),
  };
}
