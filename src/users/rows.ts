/** The users and sessions tables' rows, the same columns on SQLite and PostgreSQL, and the one place they become domain objects. */
import type { Role, Session, User, UserRecord } from "./types.js";

export interface UserRow {
  id: number;
  name: string;
  role: string;
  password_hash: string;
  created_at: number;
  password_set_at: number;
}

export interface SessionRow {
  token_hash: string;
  user_id: number;
  csrf: string;
  created_at: number;
  expires_at: number;
}

export const rowToUser = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  passwordSetAt: r.password_set_at,
});

/** Without the password hash: what leaves the store for listings. */
export const publicUser = ({ passwordHash: _hash, ...u }: UserRecord): User => u;

export const rowToSession = (r: SessionRow): Session => ({ tokenHash: r.token_hash, userId: r.user_id, csrf: r.csrf, createdAt: r.created_at, expiresAt: r.expires_at });
