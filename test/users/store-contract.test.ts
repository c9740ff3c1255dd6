/**
 * The UserStore contract: what UserService (and so the web console and npm run users) relies on
 * from any implementation, on SQLite always and PostgreSQL when reachable (a schema per test).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserService } from "../../src/users/service.js";
import type { UserStore } from "../../src/users/store.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const HOUR = 3_600_000;

describe.each(storeBackends())("UserStore contract: $name", (backend) => {
  let storage: TestStorage;
  let store: UserStore;

  beforeEach(async () => {
    storage = await backend.create();
    store = await storage.openUserStore();
  });

  afterEach(async () => {
    await store.close();
    await storage.destroy();
  });

  it("adds users with unique names, finds them by name and id, lists them by name", async () => {
    const bob = await store.addUser({ name: "bob", role: "staff", passwordHash: "h-bob", at: 1_000 });
    const alice = await store.addUser({ name: "alice", role: "maintainer", passwordHash: "h-alice", at: 2_000 });
    expect(bob).toEqual({ id: expect.any(Number), name: "bob", role: "staff", createdAt: 1_000, passwordSetAt: 1_000 });
    expect(bob).not.toHaveProperty("passwordHash");
    expect(await store.addUser({ name: "bob", role: "maintainer", passwordHash: "other", at: 3_000 })).toBeNull();
    expect(await store.userByName("bob")).toEqual({ ...bob, passwordHash: "h-bob" });
    expect(await store.userById(alice!.id)).toEqual({ ...alice, passwordHash: "h-alice" });
    expect(await store.userByName("carol")).toBeNull();
    expect((await store.users()).map((u) => u.name)).toEqual(["alice", "bob"]);
  });

  it("a session is found until it expires; removing it, or an expiry sweep, ends it", async () => {
    const bob = (await store.addUser({ name: "bob", role: "staff", passwordHash: "h", at: 0 }))!;
    await store.createSession({ tokenHash: "t1", userId: bob.id, csrf: "c1", createdAt: 0, expiresAt: HOUR });
    await store.createSession({ tokenHash: "t2", userId: bob.id, csrf: "c2", createdAt: 0, expiresAt: 2 * HOUR });
    expect(await store.session("t1", HOUR - 1)).toEqual({ tokenHash: "t1", userId: bob.id, csrf: "c1", createdAt: 0, expiresAt: HOUR });
    expect(await store.session("t1", HOUR)).toBeNull();
    expect(await store.deleteExpiredSessions(HOUR)).toBe(1);
    expect(await store.deleteExpiredSessions(HOUR)).toBe(0);
    await store.deleteSession("t2");
    expect(await store.session("t2", 0)).toBeNull();
  });

  it("a new password, or removing the account, ends its sessions", async () => {
    const bob = (await store.addUser({ name: "bob", role: "staff", passwordHash: "h", at: 0 }))!;
    const carol = (await store.addUser({ name: "carol", role: "staff", passwordHash: "h", at: 0 }))!;
    await store.createSession({ tokenHash: "b", userId: bob.id, csrf: "c", createdAt: 0, expiresAt: HOUR });
    await store.createSession({ tokenHash: "c", userId: carol.id, csrf: "c", createdAt: 0, expiresAt: HOUR });
    expect(await store.setPassword("bob", "h2", 500)).toBe(true);
    expect(await store.userByName("bob")).toMatchObject({ passwordHash: "h2", passwordSetAt: 500, createdAt: 0 });
    expect(await store.session("b", 1)).toBeNull();
    expect(await store.session("c", 1)).not.toBeNull();
    expect(await store.setPassword("nobody", "h", 0)).toBe(false);
    expect(await store.setRole("carol", "maintainer")).toBe(true);
    expect((await store.userByName("carol"))!.role).toBe("maintainer");
    expect(await store.removeUser("carol")).toBe(true);
    expect(await store.removeUser("carol")).toBe(false);
    expect(await store.session("c", 1)).toBeNull();
    expect(await store.userById(carol.id)).toBeNull();
  });

  it("keeps the audit log, newest first, with every field", async () => {
    const a = await store.appendAudit({ at: 1, actor: "console:bob", action: "ticket-answer", target: "ticket:3", detail: "答复内容" });
    const b = await store.appendAudit({ at: 2, actor: "anonymous", action: "login-failed", target: null, detail: null });
    expect(b).toBeGreaterThan(a);
    expect(await store.audit(10)).toEqual([
      { id: b, at: 2, actor: "anonymous", action: "login-failed", target: null, detail: null },
      { id: a, at: 1, actor: "console:bob", action: "ticket-answer", target: "ticket:3", detail: "答复内容" },
    ]);
    expect(await store.audit(1)).toHaveLength(1);
  });

  it("UserService on it: scrypt hashes, login with the right password only, sessions, audit", async () => {
    let now = 10_000;
    const users = new UserService(store, { now: () => now });
    await users.add("alice", "maintainer", "correct horse battery", "cli:root");
    await expect(users.add("alice", "staff", "another password", "cli:root")).rejects.toMatchObject({ code: "exists" });
    await expect(users.add("b", "staff", "long enough pw", "cli:root")).rejects.toMatchObject({ code: "invalid" });
    await expect(users.add("bob", "staff", "short", "cli:root")).rejects.toMatchObject({ code: "invalid" });
    const stored = (await store.userByName("alice"))!.passwordHash;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain("correct");

    expect(await users.login("alice", "wrong password!", "127.0.0.1")).toBeNull();
    expect(await users.login("mallory", "correct horse battery", "127.0.0.1")).toBeNull();
    const ok = (await users.login("alice", "correct horse battery", "127.0.0.1"))!;
    expect(ok.user).toMatchObject({ name: "alice", role: "maintainer" });
    expect((await users.sessionOf(ok.token))!.session.csrf).toBe(ok.csrf);
    expect(await users.sessionOf("forged")).toBeNull();

    now += 13 * HOUR;
    expect(await users.sessionOf(ok.token)).toBeNull();
    const again = (await users.login("alice", "correct horse battery", "127.0.0.1"))!;
    await users.setPassword("alice", "a new long password", "cli:root");
    expect(await users.sessionOf(again.token)).toBeNull();
    expect(await users.login("alice", "correct horse battery", "127.0.0.1")).toBeNull();
    expect(await users.login("alice", "a new long password", "127.0.0.1")).not.toBeNull();

    const actions = (await users.audit()).map((e) => `${e.actor} ${e.action} ${e.target ?? ""}`.trim()).reverse();
    expect(actions).toEqual([
      "cli:root user-add user:alice",
      "anonymous login-failed user:alice",
      "anonymous login-failed user:mallory",
      "console:alice login",
      "console:alice login",
      "cli:root user-passwd user:alice",
      "anonymous login-failed user:alice",
      "console:alice login",
    ]);
  });
});
