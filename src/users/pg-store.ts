/**
 * The PostgreSQL UserStore (DATABASE_URL), beside the tickets in the same database and schema:
 * accounts, sessions and the audit log are shared by every instance behind the load balancer.
 */
import { PgDatabase, PgStoreHandle, pgText as text, pgTextOrNull as textOrNull, type PgDatabaseOptions } from "../store/pg/database.js";
import type { NewUser, UserStore } from "./store.js";
import { publicUser, rowToSession, rowToUser, type SessionRow, type UserRow } from "./rows.js";
import type { AuditEntry, NewAuditEntry, Role, Session, User, UserRecord } from "./types.js";

const LABEL = "console accounts database";

export class PgUserStore implements UserStore {
  private readonly handle: PgStoreHandle;

  /** On a share of `db`, released by close(). */
  constructor(db: PgDatabase) {
    this.handle = new PgStoreHandle(db, LABEL);
  }

  static async open(options: PgDatabaseOptions): Promise<PgUserStore> {
    return new PgUserStore(await PgDatabase.open(options, LABEL));
  }

  async addUser(u: NewUser): Promise<User | null> {
    // ON CONFLICT: two `npm run users -- add` racing for one name, one wins and the other is told.
    const [row] = await this.handle.rows<UserRow>(
      `INSERT INTO console_users (name, role, password_hash, created_at, password_set_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (name) DO NOTHING RETURNING *`,
      [text(u.name), u.role, u.passwordHash, u.at],
    );
    return row ? publicUser(rowToUser(row)) : null;
  }

  async userByName(name: string): Promise<UserRecord | null> {
    const [row] = await this.handle.rows<UserRow>(`SELECT * FROM console_users WHERE name = $1`, [text(name)]);
    return row ? rowToUser(row) : null;
  }

  async userById(id: number): Promise<UserRecord | null> {
    const [row] = await this.handle.rows<UserRow>(`SELECT * FROM console_users WHERE id = $1`, [id]);
    return row ? rowToUser(row) : null;
  }

  async users(): Promise<User[]> {
    // COLLATE "C": the same order as SQLite's (byte order), whatever the database's locale.
    return (await this.handle.rows<UserRow>(`SELECT * FROM console_users ORDER BY name COLLATE "C"`)).map((r) => publicUser(rowToUser(r)));
  }

  async removeUser(name: string): Promise<boolean> {
    return ((await this.handle.query(`DELETE FROM console_users WHERE name = $1`, [text(name)])).rowCount ?? 0) > 0;
  }

  setPassword(name: string, passwordHash: string, at: number): Promise<boolean> {
    return this.handle.transaction(async (client) => {
      const { rows } = await client.query<{ id: number }>(`UPDATE console_users SET password_hash = $2, password_set_at = $3 WHERE name = $1 RETURNING id`, [
        text(name),
        passwordHash,
        at,
      ]);
      const id = rows[0]?.id;
      if (id === undefined) return false;
      await client.query(`DELETE FROM console_sessions WHERE user_id = $1`, [id]);
      return true;
    });
  }

  async setRole(name: string, role: Role): Promise<boolean> {
    return ((await this.handle.query(`UPDATE console_users SET role = $2 WHERE name = $1`, [text(name), role])).rowCount ?? 0) > 0;
  }

  async createSession(s: Session): Promise<void> {
    await this.handle.query(`INSERT INTO console_sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      s.tokenHash,
      s.userId,
      s.csrf,
      s.createdAt,
      s.expiresAt,
    ]);
  }

  async session(tokenHash: string, now: number): Promise<Session | null> {
    const [row] = await this.handle.rows<SessionRow>(`SELECT * FROM console_sessions WHERE token_hash = $1 AND expires_at > $2`, [tokenHash, now]);
    return row ? rowToSession(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.handle.query(`DELETE FROM console_sessions WHERE token_hash = $1`, [tokenHash]);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return (await this.handle.query(`DELETE FROM console_sessions WHERE expires_at <= $1`, [now])).rowCount ?? 0;
  }

  async appendAudit(e: NewAuditEntry): Promise<number> {
    const [row] = await this.handle.rows<{ id: number }>(`INSERT INTO console_audit (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      e.at,
      text(e.actor),
      e.action,
      textOrNull(e.target),
      textOrNull(e.detail),
    ]);
    return row!.id;
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    return this.handle.rows<AuditEntry>(`SELECT id, at, actor, action, target, detail FROM console_audit ORDER BY id DESC LIMIT $1`, [limit]);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

