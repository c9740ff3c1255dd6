/**
 * Persistence for console accounts, sessions and the audit log, as an interface: SQLite
 * (sqlite-store.ts, console.sqlite in DATA_DIR) and PostgreSQL (pg-store.ts, shared by every
 * instance, so a session started on one is good on all). Rules (hashing, expiry) stay in UserService.
 */
import type { AuditEntry, NewAuditEntry, Role, Session, User, UserRecord } from "./types.js";

export interface NewUser {
  name: string;
  role: Role;
  passwordHash: string;
  at: number;
}

export interface UserStore {
  /** The new user, or null when the name is taken. */
  addUser(u: NewUser): Promise<User | null>;
  userByName(name: string): Promise<UserRecord | null>;
  userById(id: number): Promise<UserRecord | null>;
  /** By name. */
  users(): Promise<User[]>;
  /** False when there was no such user; their sessions go with them. */
  removeUser(name: string): Promise<boolean>;
  /** False when there was no such user; every session of theirs ends (a changed password logs everyone out). */
  setPassword(name: string, passwordHash: string, at: number): Promise<boolean>;
  setRole(name: string, role: Role): Promise<boolean>;

  createSession(s: Session): Promise<void>;
  /** The session, unless it expired by `now`. */
  session(tokenHash: string, now: number): Promise<Session | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** How many expired sessions were removed. */
  deleteExpiredSessions(now: number): Promise<number>;

  appendAudit(e: NewAuditEntry): Promise<number>;
  /** Newest first. */
  audit(limit: number): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
