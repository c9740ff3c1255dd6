import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { distScript, runCommand } from "../support/run-command.js";
import { runTicketsCli } from "../../src/cli/tickets.js";
import type { HandoffService } from "../../src/handoff/service.js";
import type { Asker } from "../../src/handoff/types.js";
import type { Citation } from "../../src/policy/measure.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const STAFF_CHAT = "-1009876543210";
const MINUTE = 60_000;
/** The clock of every test: tickets are seeded five minutes before it. */
const NOW = Date.UTC(2024, 5, 3, 2, 30);

const zhang: Asker = { channel: "telegram", chatId: "111", userId: "111", displayName: "张三" };
const wang: Asker = { channel: "terminal", chatId: "terminal", userId: "local", displayName: "王五" };
const candidates: Citation[] = [
  { measure: 7, title: "压缩企业开办时间", departments: ["市市场监管局", "市税务局"] },
  { measure: 12, title: "优化不动产登记", departments: ["市自然资源局"] },
];
/** 45 characters, so the list must cut it at 40. */
const LONG_QUESTION = "请问在克拉玛依开办一家餐饮企业，从申请营业执照到领取发票，全部流程大概需要多少个工作日完成？谢谢";

describe.each(storeBackends())("tickets CLI on $name", (backend) => {
  let storage: TestStorage;

  /** DATA_DIR, and DATABASE_URL (with the test's schema) on PostgreSQL: what staff have in .env. */
  const env = () => ({ ...storage.env, STAFF_CHAT_ID: STAFF_CHAT, USER: "测试员" });

  /** `npm run tickets -- …` in this process, with the test's clock; resolves to exit code and output lines. */
  async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTicketsCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: env(), now: () => NOW });
    return { code, out, err };
  }

  /** The real script in a child process, as staff run it. */
  const spawned = (...args: string[]) => runCommand(process.execPath, [distScript("tickets"), ...args], { env: env() });

  async function withService<T>(fn: (service: HandoffService) => Promise<T>, at = NOW): Promise<T> {
    const service = await storage.openService({ staffChatId: STAFF_CHAT, now: () => at });
    try {
      return await fn(service);
    } finally {
      await service.shutdown();
    }
  }

  /** #1 open (long question), #2 claimed by Alice, #3 closed; all created five minutes before NOW. */
  async function seed(): Promise<void> {
    await withService(async (s) => {
      await s.openTicket({ asker: zhang, question: LONG_QUESTION, candidates });
      const second = await s.openTicket({ asker: wang, question: "不动产登记能不能加急？", candidates: [] });
      await s.claimTicket(second.ticket.id, { userId: "901", displayName: "Alice" });
      const third = await s.openTicket({ asker: { ...zhang, chatId: "333", userId: "333" }, question: "已经解决的问题", candidates: [] });
      await s.closeTicket(third.ticket.id, "staff:901");
    }, NOW - 5 * MINUTE);
  }

  beforeEach(async () => {
    storage = await backend.create();
    await seed();
  });

  afterEach(async () => {
    await storage.destroy();
  });

  describe("npm run tickets", { timeout: 60_000 }, () => {
    it("list shows unclosed tickets oldest first with status, asker, age and the first 40 characters", async () => {
      const { code, out, err } = await cli("list");
      expect(err).toEqual([]);
      expect(code).toBe(0);
      expect(out[0]).toBe("未关闭的工单（2 条，最早的在前）：");
      expect(out[1]).toBe(`  #1  待处理  张三  5 分钟前  ${LONG_QUESTION.slice(0, 40)}…`);
      expect(out[2]).toBe("  #2  处理中（Alice）  王五  5 分钟前  不动产登记能不能加急？");
      expect(out).toHaveLength(3);

      const all = await cli("list", "--all");
      expect(all.code).toBe(0);
      expect(all.out[3]).toBe("  #3  已关闭  张三  5 分钟前  已经解决的问题");
    });

    it("show prints the whole ticket: question, candidates with departments, holder and event history", async () => {
      const { code, out } = await cli("show", "2");
      expect(code).toBe(0);
      const text = out.join("\n");
      expect(out[0]).toBe("工单 #2 · 处理中");
      expect(text).toContain("提问者：王五（terminal");
      expect(text).toContain("负责人：Alice（901）");
      expect(text).toContain("不动产登记能不能加急？");
      expect(text).toContain("（无）");
      expect(text).toMatch(/（5 分钟前）/);
      expect(text).toMatch(/提交工单\s+asker:local[\s\S]*认领\s+staff:901/);

      const first = await cli("show", "#1");
      expect(first.code).toBe(0);
      expect(first.out).toContain(`  ${LONG_QUESTION}`);
      expect(first.out).toContain("  第 7 条 压缩企业开办时间（责任部门：市市场监管局、市税务局）");
      expect(first.out).toContain("  第 12 条 优化不动产登记（责任部门：市自然资源局）");
      expect(first.out).toContain("负责人：未认领");
    });

    it("answer records the reply in the outbox for the bot to deliver", async () => {
      const { code, out } = await cli("answer", "1", "一般 1 个工作日内办结，可在政务服务网全程网办。");
      expect(code).toBe(0);
      expect(out).toEqual(["工单 #1（张三）：答复已记录，机器人将把答复发送给提问者。"]);

      await withService(async (s) => {
        expect(await s.get(1)).toMatchObject({ status: "answered", staff: { userId: "cli", displayName: "测试员" } });
        const rows = (await s.deliveriesOf(1)).filter((d) => d.state === "pending");
        expect(rows.map((d) => [d.kind, d.chatId, d.body])).toEqual([
          ["ticket-opened", "111", null],
          ["staff-card", STAFF_CHAT, null],
          ["staff-reply", "111", "一般 1 个工作日内办结，可在政务服务网全程网办。"],
          ["card-update", STAFF_CHAT, null],
        ]);
        expect((await s.events(1)).at(-1)).toMatchObject({ kind: "staff-reply", actor: "staff:cli" });
      });
    });

    it("answer without quotes joins the words after N", async () => {
      const { code } = await cli("answer", "2", "可以", "加急");
      expect(code).toBe(0);
      await withService(async (s) => expect((await s.deliveriesOf(2)).find((d) => d.kind === "staff-reply")?.body).toBe("可以 加急"));
    });

    it("close and reopen change the status and tell the asker", async () => {
      const closed = await cli("close", "1");
      expect(closed).toMatchObject({ code: 0, out: ["工单 #1 已关闭，机器人将通知提问者。"] });
      await withService(async (s) => expect((await s.get(1))?.status).toBe("closed"));

      const reopened = await cli("reopen", "1");
      expect(reopened).toMatchObject({ code: 0, out: ["工单 #1 已重新打开，回到待处理队列；机器人将通知提问者。"] });
      await withService(async (s) => {
        expect((await s.get(1))?.status).toBe("open");
        expect((await s.events(1)).map((e) => [e.kind, e.actor]).slice(-2)).toEqual([
          ["closed", "cli"],
          ["reopened", "cli"],
        ]);
        expect((await s.deliveriesOf(1)).filter((d) => d.chatId === "111").map((d) => d.kind)).toEqual([
          "ticket-opened",
          "ticket-closed",
          "ticket-reopened",
        ]);
      });
    });

    it("show, list and resend: a message that was interrupted mid-send is shown, and resent only when staff say so", async () => {
      await withService(async (s) => {
        const leased = await s.claimDeliveries({ owner: "dead-bot", channel: "telegram" });
        const reply = leased.find((d) => d.ticketId === 1 && d.kind === "ticket-opened")!;
        await s.beginSending(reply.id, "dead-bot");
        await s.recoverAbandoned({ owner: "new-bot", channel: "telegram" });
      });
      const show = await cli("show", "1");
      expect(show.out).toContain("未送达的消息（核实后可用 npm run tickets -- resend 1 重发）：");
      expect(show.out.join("\n")).toMatch(/受理通知（给提问者）\s+可能未送达（发送时机器人中断）：interrupted while sending/);
      expect(show.out.join("\n")).toMatch(/消息可能未送达\s+system/);
      expect((await cli("list")).out[1]).toContain("#1  待处理  张三 [1 条消息未送达]  5 分钟前");

      expect(await cli("resend", "1")).toMatchObject({ code: 0, out: ["工单 #1：1 条未送达或可能未送达的消息已重新排队，机器人将再次发送。"] });
      expect(await cli("resend", "1")).toMatchObject({ code: 0, out: ["工单 #1 没有未送达的消息，无需重发。"] });
      await withService(async (s) => {
        expect((await s.deliveriesOf(1)).find((d) => d.kind === "ticket-opened")?.state).toBe("pending");
        expect((await s.events(1)).at(-1)).toMatchObject({ kind: "resent", actor: "cli" });
      });
    });

    it("a locked database: exit 1 with what is wrong and what to do, nothing half done", async () => {
      const release = await storage.holdWriteLock();
      const lines: string[] = [];
      try {
        const locked = await runTicketsCli(["close", "1"], { out: () => undefined, err: (l) => lines.push(l), env: env(), now: () => NOW, lockWaitMs: 100 });
        expect(locked).toBe(1);
      } finally {
        await release();
      }
      expect(lines[0]).toMatch(
        backend.name === "sqlite"
          ? /^工单数据库暂时无法使用，操作没有完成：tickets database: database is locked \(SQLITE_BUSY\)/
          : /^工单数据库暂时无法使用，操作没有完成：tickets database \(PostgreSQL\): canceling statement due to lock timeout \(55P03\)/,
      );
      expect(lines[1]).toMatch(
        backend.name === "sqlite"
          ? /^处理办法：another process holds the write lock on the tickets database: finish or stop it \(e\.g\. a stuck `npm run tickets`\)/
          : /^处理办法：another session holds a lock on the tickets database in PostgreSQL too long, .*see pg_stat_activity/,
      );
      await withService(async (s) => expect((await s.get(1))?.status).toBe("open"));
    });

    it("the script itself finds the tickets where the environment says (DATA_DIR, or DATABASE_URL)", async () => {
      const { code, stdout, stderr } = await spawned("list");
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toContain("未关闭的工单（2 条，最早的在前）：");
      expect(stdout).toContain("#2  处理中（Alice）  王五");
    });

    it("the script prints the usage for --help and exits 0", async () => {
      const { code, stdout } = await spawned("--help");
      expect(code).toBe(0);
      expect(stdout).toContain("用法：npm run tickets -- list [--all] | show N | answer N \"答复内容\" | close N | reopen N | resend N");
    });

    it("bad input → exit 2, one clear error line plus usage, no stack trace, nothing changed", async () => {
      const cases: Array<{ args: string[]; message: string }> = [
        { args: [], message: "缺少命令" },
        { args: ["frobnicate"], message: "未知命令“frobnicate”" },
        { args: ["show"], message: "show 需要工单编号 N" },
        { args: ["show", "abc"], message: "工单编号应为正整数，收到的是“abc”" },
        { args: ["show", "99"], message: "找不到工单 #99" },
        { args: ["resend", "99"], message: "找不到工单 #99" },
        { args: ["answer", "1", ""], message: "答复内容为空" },
        { args: ["answer", "3", "答复"], message: "工单 #3 已关闭，不能答复；请先重新打开：npm run tickets -- reopen 3" },
        { args: ["close", "3"], message: "工单 #3 已经是关闭状态" },
        { args: ["reopen", "2"], message: "工单 #2 当前为“处理中”" },
        { args: ["list", "extra"], message: "list 不需要多余的参数“extra”" },
      ];
      for (const { args, message } of cases) {
        const { code, out, err } = await cli(...args);
        expect({ args, code, out }).toEqual({ args, code: 2, out: [] });
        expect(err, `stderr of ${args.join(" ")}`).toHaveLength(2);
        expect(err[0]).toContain(`错误：${message}`);
        expect(err[1]).toMatch(/^用法：/);
      }
      // The same through the real script: exit code and streams as a user sees them.
      const real = await spawned("show", "abc");
      expect(real.code).toBe(2);
      expect(real.stdout).toBe("");
      expect(real.stderr.trim().split("\n")).toEqual(["错误：工单编号应为正整数，收到的是“abc”", expect.stringMatching(/^用法：/)]);

      await withService(async (s) => {
        expect((await s.list()).map((t) => t.status)).toEqual(["open", "claimed", "closed"]);
        expect((await s.events(2)).map((e) => e.kind)).toEqual(["opened", "claimed"]);
        expect((await s.events(3)).map((e) => e.kind)).toEqual(["opened", "closed"]);
      });
    });
  });
});
