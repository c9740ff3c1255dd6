import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runUsersCli } from "../../src/cli/users.js";
import { UserService } from "../../src/users/service.js";
import { distScript, runCommand } from "../support/run-command.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

// npm run users on both backends: the password comes from stdin (or a hidden prompt), never argv.
describe.each(storeBackends())("users CLI on $name", (backend) => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await backend.create();
  });
  afterEach(async () => {
    await storage.destroy();
  });

  async function cli(args: string[], password: string | null = null) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runUsersCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: storage.env, operator: "root", password: async () => password });
    return { code, out, err };
  }

  it("the real script reads the password from stdin; the account then logs in with it", { timeout: 60_000 }, async () => {
    const run = await runCommand(process.execPath, [distScript("users"), "add", "alice", "--role", "maintainer"], { env: storage.env, input: "correct horse battery\n" });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("已添加账号 alice（maintainer 维护人员）");
    expect(run.code).toBe(0);
    const store = await storage.openUserStore();
    const users = new UserService(store);
    try {
      expect(await users.login("alice", "correct horse battery", "test")).not.toBeNull();
      expect((await users.audit()).map((e) => e.action)).toEqual(["login", "user-add"]);
    } finally {
      await users.close();
    }
  });

  it("list, passwd, role, remove; bad input is one line and the usage", async () => {
    expect((await cli(["list"])).out).toEqual(["还没有控制台账号。添加：npm run users -- add 名称 --role maintainer"]);
    expect((await cli(["add", "bob", "--role", "staff"], "a long enough password")).code).toBe(0);
    expect((await cli(["add", "bob", "--role", "staff"], "a long enough password")).err[0]).toContain("账号 bob 已存在");
    expect((await cli(["add", "carol", "--role", "staff"], "short")).err).toEqual(["错误：密码至少 10 个字符"]);
    expect((await cli(["add", "carol", "--role", "staff"], null)).code).toBe(1);
    const badRole = await cli(["add", "carol", "--role", "admin"], "a long enough password");
    expect(badRole.code).toBe(2);
    expect(badRole.err[1]).toContain("用法");
    expect((await cli(["role", "bob", "maintainer"])).out).toEqual(["bob 的角色已改为 maintainer 维护人员"]);
    const list = await cli(["list"]);
    expect(list.out[0]).toBe("控制台账号（1 个）：");
    expect(list.out[1]).toMatch(/^ {2}bob {2}maintainer 维护人员 {2}创建于 \d{4}-\d\d-\d\d$/);
    expect((await cli(["passwd", "bob"], "another long password")).code).toBe(0);
    expect((await cli(["passwd", "nobody"], "another long password")).err).toEqual(["错误：没有账号 nobody（用 list 查看全部账号）"]);
    expect((await cli(["remove", "bob"])).out).toEqual(["已删除账号 bob，其登录会话已全部结束"]);
    expect((await cli(["list"])).out).toHaveLength(1);
    expect((await cli(["frobnicate"])).code).toBe(2);
  });
});
