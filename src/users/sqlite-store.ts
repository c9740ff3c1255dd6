import type Database from "better-sqlite3";
import { SqliteDatabase, type SqliteStoreOptions } from "../store/sqlite.js";
import type { NewUser, UserStore } from "./store.js";
import { publicUser, rowToSession, rowToUser, type SessionRow, type UserRow } from "./rows.js";
import type { AuditEntry, NewAuditEntry, Role, Session, User, UserRecord } from "./types.js";

/** Its own file under DATA_DIR: logging in never waits for a ticket transaction. */
export const CONSOLE_DB_FILE = "console.sqlite";
const LABEL = "console accounts database";

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT    NOT NULL UNIQUE,
    role            TEXT    NOT NULL CHECK (role IN ('staff', 'maintainer')),
    password_hash   TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    password_set_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE TABLE audit (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    actor  TEXT    NOT NULL,
    action TEXT    NOT NULL,
    target TEXT,
    detail TEXT
  );
  CREATE INDEX audit_by_at ON audit (at);
  `,
];

export const CONSOLE_SCHEMA_VERSION = MIGRATIONS.length;

export class SqliteUserStore implements UserStore {
  private readonly sql: ReturnType<typeof prepare>;

  private constructor(private readonly sqlite: SqliteDatabase) {
    this.sql = prepare(sqlite.db);
  }

  static open(dataDir: string, options: SqliteStoreOptions = {}): SqliteUserStore {
    return new SqliteUserStore(SqliteDatabase.open(dataDir, { file: CONSOLE_DB_FILE, label: LABEL, migrations: MIGRATIONS }, options));
  }

  addUser(u: NewUser): Promise<User | null> {
    return this.sqlite.transaction(async () => {
      if (this.sql.byName.get(u.name)) return null;
      const id = Number(this.sql.insertUser.run({ name: u.name, role: u.role, hash: u.passwordHash, at: u.at }).lastInsertRowid);
      return publicUser(rowToUser(this.sql.byId.get(id)!));
    });
  }

  userByName(name: string): Promise<UserRecord | null> {
    return this.sqlite.call(() => {
      const row = this.sql.byName.get(name);
      return row ? rowToUser(row) : null;
    });
  }

  userById(id: number): Promise<UserRecord | null> {
    return this.sqlite.call(() => {
      const row = this.sql.byId.get(id);
      return row ? rowToUser(row) : null;
    });
  }

  users(): Promise<User[]> {
    return this.sqlite.call(() => this.sql.all.all().map((r) => publicUser(rowToUser(r))));
  }

  removeUser(name: string): Promise<boolean> {
    return this.sqlite.transaction(async () => this.sql.remove.run(name).changes > 0);
  }

  setPassword(name: string, passwordHash: string, at: number): Promise<boolean> {
    return this.sqlite.transaction(async () => {
      const row = this.sql.byName.get(name);
      if (!row) return false;
      this.sql.setPassword.run({ id: row.id, hash: passwordHash, at });
      this.sql.endSessionsOf.run(row.id);
      return true;
    });
  }

  setRole(name: string, role: Role): Promise<boolean> {
    return this.sqlite.transaction(async () => this.sql.setRole.run({ name, role }).changes > 0);
  }

  createSession(s: Session): Promise<void> {
    return this.sqlite.transaction(async () => {
      this.sql.insertSession.run({ tokenHash: s.tokenHash, userId: s.userId, csrf: s.csrf, createdAt: s.createdAt, expiresAt: s.expiresAt });
    });
  }

  session(tokenHash: string, now: number): Promise<Session | null> {
    return this.sqlite.call(() => {
      const row = this.sql.session.get({ tokenHash, now });
      return row ? rowToSession(row) : null;
    });
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.sqlite.transaction(async () => void this.sql.deleteSession.run(tokenHash));
  }

  deleteExpiredSessions(now: number): Promise<number> {
    return this.sqlite.transaction(async () => this.sql.deleteExpired.run(now).changes);
  }

  appendAudit(e: NewAuditEntry): Promise<number> {
    return this.sqlite.transaction(async () => Number(this.sql.insertAudit.run(e).lastInsertRowid));
  }

  audit(limit: number): Promise<AuditEntry[]> {
    return this.sqlite.call(() => this.sql.audit.all(limit));
  }

  close(): Promise<void> {
    return this.sqlite.close();
  }
}

function prepare(db: Database.Database) {
  return {
    insertUser: db.prepare<{ name: string; role: string; hash: string; at: number }, never>(
      `INSERT INTO users (name, role, password_hash, created_at, password_set_at) VALUES (@name, @role, @hash, @at, @at)`,
    ),
    byName: db.prepare<[string], UserRow>(`SELECT * FROM users WHERE name = ?`),
    byId: db.prepare<[number], UserRow>(`SELECT * FROM users WHERE id = ?`),
    all: db.prepare<[], UserRow>(`SELECT * FROM users ORDER BY name`),
    remove: db.prepare<[string], never>(`DELETE FROM users WHERE name = ?`),
    setPassword: db.prepare<{ id: number; hash: string; at: number }, never>(`UPDATE users SET password_hash = @hash, password_set_at = @at WHERE id = @id`),
    setRole: db.prepare<{ name: string; role: string }, never>(`UPDATE users SET role = @role WHERE name = @name`),
    endSessionsOf: db.prepare<[number], never>(`DELETE FROM sessions WHERE user_id = ?`),
    insertSession: db.prepare<{ tokenHash: string; userId: number; csrf: string; createdAt: number; expiresAt: number }, never>(
      `INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (@tokenHash, @userId, @csrf, @createdAt, @expiresAt)`,
    ),
    session: db.prepare<{ tokenHash: string; now: number }, SessionRow>(`SELECT * FROM sessions WHERE token_hash = @tokenHash AND expires_at > @now`),
    deleteSession: db.prepare<[string], never>(`DELETE FROM sessions WHERE token_hash = ?`),
    deleteExpired: db.prepare<[number], never>(`DELETE FROM sessions WHERE expires_at <= ?`),
    insertAudit: db.prepare<NewAuditEntry, never>(`INSERT INTO audit (at, actor, action, target, detail) VALUES (@at, @actor, @action, @target, @detail)`),
    audit: db.prepare<[number], AuditEntry>(`SELECT * FROM audit ORDER BY id DESC LIMIT ?`),
  };
}
