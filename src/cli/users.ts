/**
 * npm run users: console accounts. The password is never an argument (it would sit in the shell
 * history and in `ps`): it is typed at a hidden prompt, twice, or read from the first line of stdin
 * when stdin is not a terminal (scripts: `printf '%s\n' "$PW" | npm run users -- add alice --role staff`).
 */
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { hintFor, isStoreFault } from "../store/errors.js";
import { openStores } from "../stores.js";
import { UserError, UserService } from "../users/service.js";
import { ROLES, type Role, type User } from "../users/types.js";
import { UsageError } from "./run-cli.js";

const S = {
  usage: "用法：npm run users -- add 名称 --role staff|maintainer | list | remove 名称 | passwd 名称 | role 名称 staff|maintainer（密码在提示时输入，或从标准输入的第一行读取）",
  error: (m: string) => `错误：${m}`,
  unknownCommand: (c: string) => `未知命令“${c}”`,
  missingName: (c: string) => `${c} 需要账号名称`,
  badRole: (r: string) => `角色应为 staff（工作人员：工单）或 maintainer（维护人员：工单、FAQ 审核、政策发布），收到的是“${r}”`,
  extra: (x: string) => `多余的参数“${x}”`,
  prompt: "密码：",
  promptAgain: "再输入一次：",
  mismatch: "两次输入的密码不一致，账号没有改动",
  noPassword: "没有读到密码：在终端里运行时按提示输入，或从标准输入传入（第一行）",
  added: (u: User) => `已添加账号 ${u.name}（${roleName(u.role)}）`,
  removed: (n: string) => `已删除账号 ${n}，其登录会话已全部结束`,
  passwd: (n: string) => `已为 ${n} 设置新密码，其登录会话已全部结束`,
  role: (n: string, r: Role) => `${n} 的角色已改为 ${roleName(r)}`,
  listHeader: (n: number) => `控制台账号（${n} 个）：`,
  listEmpty: "还没有控制台账号。添加：npm run users -- add 名称 --role maintainer",
  listLine: (u: User) => `  ${u.name}  ${roleName(u.role)}  创建于 ${new Date(u.createdAt).toISOString().slice(0, 10)}`,
  storeUnavailable: (m: string) => `账号数据库暂时无法使用：${m}`,
  storeHint: (h: string) => `处理办法：${h}`,
  configInvalid: (m: string) => `配置有误：${m}`,
};

const roleName = (r: Role) => (r === "maintainer" ? "maintainer 维护人员" : "staff 工作人员");

export interface UsersCliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  /** Reads a password: hidden at a terminal (asked twice for new ones), else the first line of stdin. */
  password: (confirm: boolean) => Promise<string | null>;
  /** Who runs the command, for the audit log. */
  operator: string;
}


export async function runUsersCli(argv: readonly string[], io: UsersCliIO = processIO()): Promise<number> {
  try {
    const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, options: { role: { type: "string" }, help: { type: "boolean", short: "h" } } });
    if (values.help) {
      io.out(S.usage);
      return 0;
    }
    const [command, name, ...rest] = positionals;
    if (!command) throw new UsageError(S.unknownCommand(""));
    if (!["add", "list", "remove", "passwd", "role"].includes(command)) throw new UsageError(S.unknownCommand(command));
    if (command !== "list" && !name) throw new UsageError(S.missingName(command));
    const roleArg = command === "role" ? rest.shift() : values.role;
    if (rest.length > 0) throw new UsageError(S.extra(rest[0]!));
    if ((command === "add" || command === "role") && !ROLES.includes(roleArg as Role)) throw new UsageError(S.badRole(roleArg ?? ""));

    const config = loadConfig(io.env);
    const stores = await openStores({ dataDir: config.dataDir, databaseUrl: config.database.url });
    let users: UserService;
    try {
      users = new UserService(stores.users());
    } finally {
      await stores.close();
    }
    const actor = `cli:${io.operator}`;
    try {
      switch (command) {
        case "list": {
          const all = await users.list();
          if (all.length === 0) io.out(S.listEmpty);
          else {
            io.out(S.listHeader(all.length));
            for (const u of all) io.out(S.listLine(u));
          }
          return 0;
        }
        case "remove":
          await users.remove(name!, actor);
          io.out(S.removed(name!));
          return 0;
        case "role":
          await users.setRole(name!, roleArg as Role, actor);
          io.out(S.role(name!, roleArg as Role));
          return 0;
        default: {
          const password = await io.password(true);
          if (password === null) throw new UserError("invalid", S.noPassword);
          if (command === "add") io.out(S.added(await users.add(name!, roleArg as Role, password, actor)));
          else {
            await users.setPassword(name!, password, actor);
            io.out(S.passwd(name!));
          }
          return 0;
        }
      }
    } finally {
      await users.close();
    }
  } catch (err) {
    if (err instanceof UsageError || String((err as { code?: string })?.code).startsWith("ERR_PARSE_ARGS")) {
      io.err(S.error((err as Error).message));
      io.err(S.usage);
      return 2;
    }
    if (err instanceof UserError) {
      io.err(S.error(err.message));
      return 1;
    }
    if (err instanceof ConfigError) {
      io.err(S.configInvalid(err.message));
      return 1;
    }
    if (isStoreFault(err)) {
      io.err(S.storeUnavailable(err.message));
      io.err(S.storeHint(hintFor(err)));
      return 1;
    }
    throw err;
  }
}

function processIO(): UsersCliIO {
  return {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    operator: process.env.SUDO_USER || process.env.USER || "unknown",
    async password(confirm) {
      if (!process.stdin.isTTY) return firstLineOfStdin();
      const first = await hiddenPrompt(S.prompt);
      if (confirm && (await hiddenPrompt(S.promptAgain)) !== first) throw new UserError("invalid", S.mismatch);
      return first;
    },
  };
}

async function firstLineOfStdin(): Promise<string | null> {
  let text = "";
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  const line = text.split(/\r?\n/)[0] ?? "";
  return line === "" ? null : line;
}

/** Reads a line at the terminal without echoing it. */
function hiddenPrompt(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new UserError("invalid", "已取消，账号没有改动"));
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}
