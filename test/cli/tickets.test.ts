import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { distScript, runCommand } from "../support/run-command.js";
import { HandoffService } from "../../src/handoff/service.js";
import type { Asker } from "../../src/handoff/types.js";
import type { Citation } from "../../src/policy/measure.js";

const STAFF_CHAT = "-1009876543210";
const MINUTE = 60_000;

const zhang: Asker = { channel: "telegram", chatId: "111", userId: "111", displayName: "张三" };
const wang: Asker = { channel: "terminal", chatId: "terminal", userId: "local", displayName: "王五" };
const candidates: Citation[] = [
  { measure: 7, title: "压缩企业开办时间", departments: ["市市场监管局", "市税务局"] },
  { measure: 12, title: "优化不动产登记", departments: ["市自然资源局"] },
];
/** 45 characters, so the list must cut it at 40. */
const LONG_QUESTION = "请问在克拉玛依开办一家餐饮企业，从申请营业执照到领取发票，全部流程大概需要多少个工作日完成？谢谢";

let dataDir: string;



const run = (...args: string[]) => runCommand(process.execPath, [distScript("tickets"), ...args], { env: { DATA_DIR: dataDir, STAFF_CHAT_ID: STAFF_CHAT, USER: "测试员" } });

/** Seeds through the real service; created five minutes ago so ages are predictable. */
function withService<T>(fn: (service: HandoffService) => T, minutesAgo = 0): T {
  const service = HandoffService.open({ dataDir, staffChatId: STAFF_CHAT, now: () => Date.now() - minutesAgo * MINUTE });
  try {
    return fn(service);
  } finally {
    service.shutdown();
  }
}

/** #1 open (long question), #2 claimed by Alice, #3 closed. */
function seed(): void {
  withService((s) => {
    s.openTicket({ asker: zhang, question: LONG_QUESTION, candidates });
    const second = s.openTicket({ asker: wang, question: "不动产登记能不能加急？", candidates: [] });
    s.claimTicket(second.id, { userId: "901", displayName: "Alice" });
    const third = s.openTicket({ asker: zhang, question: "已经解决的问题", candidates: [] });
    s.closeTicket(third.id, "staff:901");
  }, 5);
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tickets-cli-"));
  seed();
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run tickets", { timeout: 60_000 }, () => {
  it("list shows unclosed tickets oldest first with status, asker, age and the first 40 characters", async () => {
    const { code, stdout, stderr } = await run("list");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toContain("未关闭的工单（2 条");
    expect(lines[1]).toMatch(/#1\s+待处理\s+张三\s+5 分钟前/);
    expect(lines[1]).toContain(`${LONG_QUESTION.slice(0, 40)}…`);
    expect(lines[1]).not.toContain(LONG_QUESTION.slice(0, 41));
    expect(lines[2]).toMatch(/#2\s+处理中（Alice）\s+王五/);
    expect(stdout).not.toContain("#3");

    const all = await run("list", "--all");
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/#3\s+已关闭/);
  });

  it("show prints the whole ticket: question, candidates with departments, holder and event history", async () => {
    const { code, stdout } = await run("show", "2");
    expect(code).toBe(0);
    expect(stdout).toContain("工单 #2 · 处理中");
    expect(stdout).toContain("提问者：王五（terminal");
    expect(stdout).toContain("负责人：Alice（901）");
    expect(stdout).toContain("不动产登记能不能加急？");
    expect(stdout).toContain("（无）");
    expect(stdout).toMatch(/提交工单\s+asker:local[\s\S]*认领\s+staff:901/);

    const first = await run("show", "#1");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(LONG_QUESTION);
    expect(first.stdout).toContain("第 7 条 压缩企业开办时间（责任部门：市市场监管局、市税务局）");
    expect(first.stdout).toContain("第 12 条 优化不动产登记（责任部门：市自然资源局）");
    expect(first.stdout).toContain("负责人：未认领");
  });

  it("answer records the reply in the outbox for the bot to deliver", async () => {
    const { code, stdout } = await run("answer", "1", "一般 1 个工作日内办结，可在政务服务网全程网办。");
    expect(code).toBe(0);
    expect(stdout).toContain("已记录，机器人将把答复发送给提问者");

    withService((s) => {
      expect(s.get(1)).toMatchObject({ status: "answered", staff: { userId: "cli", displayName: "测试员" } });
      const pending = s.pendingDeliveries();
      expect(pending.find((d) => d.kind === "staff-reply")).toMatchObject({
        chatId: "111",
        body: "一般 1 个工作日内办结，可在政务服务网全程网办。",
      });
      expect(pending.filter((d) => d.kind === "card-update" && d.chatId === STAFF_CHAT).length).toBeGreaterThan(0);
      expect(s.events(1).at(-1)).toMatchObject({ kind: "staff-reply", actor: "staff:cli" });
    });
  });

  it("answer without quotes joins the words after N", async () => {
    const { code } = await run("answer", "2", "可以", "加急");
    expect(code).toBe(0);
    withService((s) => expect(s.pendingDeliveries().find((d) => d.kind === "staff-reply")?.body).toBe("可以 加急"));
  });

  it("close and reopen change the status and tell the asker", async () => {
    const closed = await run("close", "1");
    expect(closed.code).toBe(0);
    expect(closed.stdout).toContain("工单 #1 已关闭");
    withService((s) => expect(s.get(1)?.status).toBe("closed"));

    const reopened = await run("reopen", "1");
    expect(reopened.code).toBe(0);
    expect(reopened.stdout).toContain("工单 #1 已重新打开");
    withService((s) => {
      expect(s.get(1)?.status).toBe("open");
      expect(s.events(1).map((e) => [e.kind, e.actor]).slice(-2)).toEqual([
        ["closed", "cli"],
        ["reopened", "cli"],
      ]);
      expect(s.pendingDeliveries().filter((d) => d.ticketId === 1 && d.chatId === "111").map((d) => d.kind)).toEqual([
        "ticket-opened",
        "ticket-closed",
        "ticket-reopened",
      ]);
    });
  });

  it("help prints the usage and exits 0", async () => {
    const { code, stdout } = await run("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("用法：npm run tickets -- list");
  });

  it("bad input → exit 2, one clear error line plus usage, no stack trace, nothing changed", { timeout: 120_000 }, async () => {
    const cases: Array<{ args: string[]; message: string }> = [
      { args: [], message: "缺少命令" },
      { args: ["frobnicate"], message: "未知命令“frobnicate”" },
      { args: ["show"], message: "show 需要工单编号 N" },
      { args: ["show", "abc"], message: "工单编号应为正整数，收到的是“abc”" },
      { args: ["show", "99"], message: "找不到工单 #99" },
      { args: ["answer", "1", ""], message: "答复内容为空" },
      { args: ["answer", "3", "答复"], message: "工单 #3 已关闭，不能答复；请先重新打开：npm run tickets -- reopen 3" },
      { args: ["close", "3"], message: "工单 #3 已经是关闭状态" },
      { args: ["reopen", "2"], message: "工单 #2 当前为“处理中”" },
      { args: ["list", "extra"], message: "list 不需要多余的参数“extra”" },
    ];
    // Spawned together: each is a separate process start, so this keeps the suite's wall time down.
    const results = await Promise.all(cases.map(({ args }) => run(...args)));
    results.forEach(({ code, stdout, stderr }, i) => {
      const { args, message } = cases[i]!;
      const lines = stderr.trim().split("\n");
      expect({ args, code, stdout }).toEqual({ args, code: 2, stdout: "" });
      expect(lines, `stderr of ${args.join(" ")}`).toHaveLength(2);
      expect(lines[0]).toContain(`错误：${message}`);
      expect(lines[1]).toMatch(/^用法：/);
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    withService((s) => {
      expect(s.list().map((t) => t.status)).toEqual(["open", "claimed", "closed"]);
      expect(s.events(2).map((e) => e.kind)).toEqual(["opened", "claimed"]);
      expect(s.events(3).map((e) => e.kind)).toEqual(["opened", "closed"]);
    });
  });
});
