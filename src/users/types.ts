/**
 * Console accounts: staff answer tickets; maintainers also review the FAQ and publish the policy.
 * Passwords are stored only as scrypt hashes; sessions only as the hash of their token.
 */
export type Role = "staff" | "maintainer";

export const ROLES: readonly Role[] = ["staff", "maintainer"];

export interface User {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  /** When the password was last set. */
  passwordSetAt: number;
}

/** A user with the stored password hash (never leaves the users service). */
export interface UserRecord extends User {
  passwordHash: string;
}

export interface Session {
  /** SHA-256 of the cookie's token, hex: a stolen database does not give working cookies. */
  tokenHash: string;
  userId: number;
  /** The token forms carry (double submit is not needed: it is bound to the session server-side). */
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

/** One line of what was done in the console (and by npm run users). */
export interface AuditEntry {
  id: number;
  at: number;
  /** "console:alice", "cli:root", "anonymous" for a failed login. */
  actor: string;
  /** login, login-failed, logout, ticket-claim, ticket-answer, faq-approve, policy-publish, user-add, … */
  action: string;
  /** What it was done to: "ticket:12", "faq:3", "user:bob", a file name; null when nothing. */
  target: string | null;
  detail: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, "id">;
