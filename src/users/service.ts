/**
 * Console accounts: who may log in, with which role, their sessions, and the audit log. Used by
 * the web console and by `npm run users`. A session token lives only in the person's cookie; the
 * store keeps its SHA-256, and the session's CSRF token that every form must carry back.
 */
import { createHash, randomBytes } from "node:crypto";
import type { UserStore } from "./store.js";
import { hashPassword, passwordProblem, verifyPassword } from "./password.js";
import type { AuditEntry, Role, Session, User } from "./types.js";

export type UserErrorCode = "invalid" | "exists" | "not-found";

/** Misuse of the accounts API; the message (Chinese) says what to do instead. */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** A work day: a console left open overnight asks for the password again. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{1,31}$/;
const SWEEP_INTERVAL_MS = 60 * 60_000;

export interface UserServiceOptions {
  now?: () => number;
  sessionTtlMs?: number;
  /** Each audit line is also logged here (the log is where operators look first). */
  log?: (message: string, meta: Record<string, unknown>) => void;
}

export interface LoggedIn {
  user: User;
  /** For the cookie; never stored. */
  token: string;
  csrf: string;
  expiresAt: number;
}

export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

export class UserService {
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly log: NonNullable<UserServiceOptions["log"]>;
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** Verified against when the name is unknown, so a wrong name takes as long as a wrong password. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly store: UserStore,
    { now = Date.now, sessionTtlMs = SESSION_TTL_MS, log = () => undefined }: UserServiceOptions = {},
  ) {
    this.now = now;
    this.ttlMs = sessionTtlMs;
    this.log = log;
  }

  close(): Promise<void> {
    return this.store.close();
  }

  // --- accounts

  async add(name: string, role: Role, password: string, actor: string): Promise<User> {
    checkName(name);
    checkPassword(password);
    const user = await this.store.addUser({ name, role, passwordHash: await hashPassword(password), at: this.now() });
    if (!user) throw new UserError("exists", `账号 ${name} 已存在（改密码用 passwd，改角色用 role）`);
    await this.record(actor, "user-add", `user:${name}`, role);
    return user;
  }

  async remove(name: string, actor: string): Promise<void> {
    if (!(await this.store.removeUser(name))) throw new UserError("not-found", `没有账号 ${name}（用 list 查看全部账号）`);
    await this.record(actor, "user-remove", `user:${name}`, null);
  }

  /** A new password; every session of the account ends. */
  async setPassword(name: string, password: string, actor: string): Promise<void> {
    checkPassword(password);
    if (!(await this.store.setPassword(name, await hashPassword(password), this.now()))) throw new UserError("not-found", `没有账号 ${name}（用 list 查看全部账号）`);
    await this.record(actor, "user-passwd", `user:${name}`, null);
  }

  async setRole(name: string, role: Role, actor: string): Promise<void> {
    if (!(await this.store.setRole(name, role))) throw new UserError("not-found", `没有账号 ${name}（用 list 查看全部账号）`);
    await this.record(actor, "user-role", `user:${name}`, role);
  }

  list(): Promise<User[]> {
    return this.store.users();
  }

  // --- sessions

  /** A new session for the right name and password; null otherwise (which of the two was wrong is not said). */
  async login(name: string, password: string, from: string): Promise<LoggedIn | null> {
    const record = NAME.test(name) ? await this.store.userByName(name) : null;
    if (!record) {
      this.dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
      await verifyPassword(password, await this.dummyHash);
      await this.record("anonymous", "login-failed", `user:${name.slice(0, 40)}`, `from ${from}`);
      return null;
    }
    if (!(await verifyPassword(password, record.passwordHash))) {
      await this.record("anonymous", "login-failed", `user:${name}`, `from ${from}`);
      return null;
    }
    await this.sweep();
    const token = randomBytes(32).toString("base64url");
    const csrf = randomBytes(24).toString("base64url");
    const at = this.now();
    const session: Session = { tokenHash: tokenHash(token), userId: record.id, csrf, createdAt: at, expiresAt: at + this.ttlMs };
    await this.store.createSession(session);
    const { passwordHash: _hash, ...user } = record;
    await this.record(actorOf(user), "login", null, `from ${from}`);
    return { user, token, csrf, expiresAt: session.expiresAt };
  }

  /** The session's user as they are now (a removed account or a changed role counts at once); null when not valid. */
  async sessionOf(token: string): Promise<{ user: User; session: Session } | null> {
    if (!token) return null;
    const session = await this.store.session(tokenHash(token), this.now());
    if (!session) return null;
    const record = await this.store.userById(session.userId);
    if (!record) return null;
    const { passwordHash: _hash, ...user } = record;
    return { user, session };
  }

  async logout(token: string, user: User): Promise<void> {
    await this.store.deleteSession(tokenHash(token));
    await this.record(actorOf(user), "logout", null, null);
  }

  // --- audit

  /** One line in the audit table and in the log. */
  async record(actor: string, action: string, target: string | null, detail: string | null): Promise<void> {
    const at = this.now();
    this.log("audit", { actor, action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });
    await this.store.appendAudit({ at, actor, action, target, detail });
  }

  audit(limit = 100): Promise<AuditEntry[]> {
    return this.store.audit(limit);
  }

  private async sweep(): Promise<void> {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.store.deleteExpiredSessions(now);
  }
}

/** How the audit log names a console user. */
export const actorOf = (user: Pick<User, "name">): string => `console:${user.name}`;

function checkName(name: string): void {
  if (!NAME.test(name)) throw new UserError("invalid", `账号名“${name}”不可用：请用 2 到 32 个英文字母、数字或 _ . -，以字母开头`);
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new UserError("invalid", problem);
}
