/**
 * Store faults and Telegram refusals against the real bot and the fake Bot API, counting what the
 * asker and staff received, on each store (SQLite, and PostgreSQL when reachable). A full disk is a
 * real one (a small tmpfs, SQLite) when this machine lets the test mount it, and always also an
 * injected driver error (SQLITE_FULL, SQLSTATE 53100) at the store boundary. PostgreSQL going down
 * is real: the bot reaches it through a proxy the test shuts.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HandoffService } from "../../src/handoff/service.js";
import { PgHandoffStore } from "../../src/handoff/pg-store.js";
import { ASKER, BotHarness, has, isSend, STAFF_A, STAFF_CHAT } from "../support/bot-harness.js";
import { FaultyStore } from "../support/faulty-store.js";
import { storeBackends, testPostgresUrl, type TestStorage } from "../support/store-backends.js";
import { TcpProxy } from "../support/tcp-proxy.js";

const UNANSWERABLE = "供水报装的收费标准是多少钱";
const APOLOGY = "系统暂时无法为您转接人工服务";

describe.each(storeBackends())("store faults on $name", (backend) => {
  let h: BotHarness;
  let expectedErrors: RegExp[] = [];
  let tmpfs: string | null = null;

  /** A 16 MB tmpfs for the data folder, if this machine lets us mount one (root); null otherwise. */
  function mountTmpfs(dir: string): string | null {
    fs.mkdirSync(dir, { recursive: true });
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", dir], { stdio: "ignore" });
      return dir;
    } catch {
      return null;
    }
  }

  beforeAll(async () => {
    h = await BotHarness.create("handoff-faults-", backend);
    // A real full disk only for the store that lives on this machine's disk.
    tmpfs = backend.name === "sqlite" ? mountTmpfs(path.join(h.tmpRoot, "tmpfs")) : null;
  });

  /** Every error logged so far was one the test caused on purpose. */
  function checkErrors(): void {
    const unexpected = h.errors().filter((e) => !expectedErrors.some((re) => re.test(e.message)));
    expectedErrors = [];
    const kept = h.logs.filter((l) => l.level !== "error");
    h.logs.splice(0, h.logs.length, ...kept);
    expect(unexpected).toEqual([]);
  }

  afterEach(async () => {
    await h.stopBot();
    h.tg.reset();
    checkErrors();
  });

  afterAll(async () => {
    await h?.stopBot();
    if (tmpfs) execFileSync("umount", [tmpfs]);
    await h?.close();
  });

  /** No delivery left to send or in flight. */
  async function outboxIdle(): Promise<void> {
    await vi.waitFor(
      async () => {
        const rows = await h.handoff.deliveriesOf(1);
        expect(rows.filter((d) => ["pending", "leased", "sending"].includes(d.state))).toEqual([]);
      },
      { timeout: 10_000 },
    );
  }

  /** A plain question is answered, a handoff gets the apology, a staff reply is refused: while the store cannot be written. */
  async function duringTheFault(card: { message_id: number }): Promise<void> {
    h.tg.sendText({ chatId: ASKER + 1, text: "小微企业办电要几天" });
    await h.tg.waitForMessage(ASKER + 1, has("第11条"));
    h.tg.sendText({ chatId: ASKER + 2, text: UNANSWERABLE });
    await h.tg.waitForMessage(ASKER + 2, has(APOLOGY));
    h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好，请带营业执照", replyToMessageId: card.message_id });
    await h.tg.waitForMessage(STAFF_CHAT, has("工单 #1：数据库暂时无法写入，操作没有完成"));
  }

  /** After the fault: the same handoff works, the staff reply reaches the asker; every count exact. */
  async function afterTheFault(card: { message_id: number }): Promise<void> {
    h.tg.sendText({ chatId: ASKER + 2, text: UNANSWERABLE });
    await h.tg.waitForMessage(ASKER + 2, has("已为您创建工单 #2"));
    await h.tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.startsWith("工单 #2\n"));
    h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好，请带营业执照", replyToMessageId: card.message_id });
    await h.tg.waitForMessage(ASKER, has("您好，请带营业执照"));
    await outboxIdle();

    expect(h.count(ASKER + 1, "第11条")).toBe(1);
    expect(h.count(ASKER + 2, APOLOGY)).toBe(1);
    expect(h.count(ASKER + 2, "已为您创建工单")).toBe(1);
    expect(h.count(ASKER, "已为您创建工单")).toBe(1);
    expect(h.count(ASKER, "您好，请带营业执照")).toBe(1);
    expect(h.tg.sentMessages(STAFF_CHAT).filter((m) => /^工单 #\d+\n/.test(m.plain_text)).map((m) => m.plain_text.split("\n")[0])).toEqual(["工单 #1", "工单 #2"]);
    expect(h.count(STAFF_CHAT, "数据库暂时无法写入")).toBe(1);
    expect((await h.handoff.list()).map((t) => [t.id, t.status])).toEqual([
      [1, "answered"],
      [2, "open"],
    ]);
    expect(h.errors().map((e) => e.message)).toEqual(
      expect.arrayContaining(["could not store a handoff; the asker was asked to send it again", "could not store a staff action"]),
    );
    expect(h.logs.filter((l) => l.message.startsWith("tickets database not writable"))).toHaveLength(1);
    expectedErrors = [/^could not store a handoff/, /^could not store a staff action/, /^outbox paused/];
  }

  describe("a write lock held by another process", () => {
    it("questions are still answered; a handoff gets an apology; staff are told their reply was not sent", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      await outboxIdle();
      const release = await (await h.currentStorage()).holdWriteLock();
      try {
        await duringTheFault(card);
      } finally {
        await release();
      }
      await afterTheFault(card);
    });

    it("taken right after Telegram accepted a reply: the reply is recorded later and never sent again", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      await outboxIdle();
      const held = h.tg.hold("sendMessage", { where: (p) => p.chat_id === ASKER, stage: "after" });
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "请带营业执照原件", replyToMessageId: card.message_id });
      await held.reached;
      const release = await (await h.currentStorage()).holdWriteLock();
      try {
        held.release();
        const loop = h.bot!.bot.delivery;
        await vi.waitFor(() => expect(loop.worker.unrecordedCount).toBe(1), { timeout: 10_000 });
        // Passes while the lock is held: the reply stays sent once.
        for (let i = 0; i < 3; i++) await loop.drain();
        expect(h.count(ASKER, "请带营业执照原件")).toBe(1);
        expect(loop.worker.isPaused).toBe(true);
      } finally {
        await release();
      }
      await outboxIdle();
      expect(h.count(ASKER, "请带营业执照原件")).toBe(1);
      expect(h.tg.calls.filter((c) => isSend(c) && c.params.chat_id === ASKER && String(c.params.text).includes("请带营业执照原件"))).toHaveLength(1);
      expect((await h.handoff.deliveriesOf(1)).find((d) => d.kind === "staff-reply")).toMatchObject({ state: "delivered", attempts: 0 });
      expect(h.errors().map((e) => e.message)).toEqual(["outbox paused: the tickets database cannot be written; nothing is sent until it can"]);
      expect(h.logs.filter((l) => l.message.startsWith("outbox resumed"))).toHaveLength(1);
      expectedErrors = [/^outbox paused/];
    });
  });

  type DiskMode = { name: string; open: (storage: TestStorage) => Promise<HandoffService>; fill: () => void; free: () => void };

  function injectedDisk(): DiskMode {
    let store: FaultyStore | null = null;
    return {
      name: `injected ${backend.name === "sqlite" ? "SQLITE_FULL" : "SQLSTATE 53100 (disk full)"}`,
      open: async (storage) => {
        store = new FaultyStore(await storage.openStore({ lockWaitMs: 300 }), storage.faultError);
        return new HandoffService(store, { staffChatId: String(STAFF_CHAT), onWarning: (m, meta) => h.logger.warn(m, meta) });
      },
      fill: () => void (store!.fault = "full"),
      free: () => void (store!.fault = null),
    };
  }

  function tmpfsDisk(): DiskMode {
    let filler = "";
    return {
      name: "a real full tmpfs",
      open: (storage) => storage.openService({ staffChatId: String(STAFF_CHAT), lockWaitMs: 300, onWarning: (m, meta) => h.logger.warn(m, meta) }),
      fill: () => {
        filler = path.join(tmpfs!, "filler");
        const fd = fs.openSync(filler, "w");
        const chunk = Buffer.alloc(64 * 1024);
        try {
          for (;;) fs.writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
        } finally {
          fs.closeSync(fd);
        }
      },
      free: () => fs.rmSync(filler, { force: true }),
    };
  }

  describe("a full disk", () => {
    const modes = () => [injectedDisk(), ...(tmpfs ? [tmpfsDisk()] : [])];

    it("questions are still answered; a handoff gets an apology; nothing is lost once there is space again", async () => {
      for (const disk of modes()) {
        h.fresh(disk.name.startsWith("a real") ? fs.mkdtempSync(path.join(tmpfs!, "data-")) : undefined);
        await h.start({ handoff: await disk.open(await h.currentStorage()) });
        const { card } = await h.openTicketVia(ASKER);
        await outboxIdle();
        disk.fill();
        try {
          await duringTheFault(card);
        } finally {
          disk.free();
        }
        await afterTheFault(card);
        await h.stopBot();
        h.tg.reset();
        checkErrors();
      }
    });

    it("filled right after Telegram accepted a reply: sent once, recorded when there is space again", async () => {
      for (const disk of modes()) {
        h.fresh(disk.name.startsWith("a real") ? fs.mkdtempSync(path.join(tmpfs!, "data-")) : undefined);
        await h.start({ handoff: await disk.open(await h.currentStorage()) });
        const { card } = await h.openTicketVia(ASKER);
        await outboxIdle();
        const held = h.tg.hold("sendMessage", { where: (p) => p.chat_id === ASKER, stage: "after" });
        h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "请带营业执照原件", replyToMessageId: card.message_id });
        await held.reached;
        disk.fill();
        try {
          held.release();
          const loop = h.bot!.bot.delivery;
          await vi.waitFor(() => expect(loop.worker.unrecordedCount).toBe(1), { timeout: 10_000 });
          for (let i = 0; i < 3; i++) await loop.drain();
          expect(h.count(ASKER, "请带营业执照原件"), disk.name).toBe(1);
        } finally {
          disk.free();
        }
        await outboxIdle();
        expect(h.count(ASKER, "请带营业执照原件"), disk.name).toBe(1);
        expect((await h.handoff.deliveriesOf(1)).find((d) => d.kind === "staff-reply")?.state, disk.name).toBe("delivered");
        expect(h.errors().map((e) => [e.message, e.meta?.reason]), disk.name).toEqual([
          ["outbox paused: the tickets database cannot be written; nothing is sent until it can", "full"],
        ]);
        expectedErrors = [/^outbox paused/];
        await h.stopBot();
        h.tg.reset();
        checkErrors();
      }
    });
  });

  describe.runIf(backend.name === "postgres")("the PostgreSQL server goes down (its connections reset, new ones refused)", () => {
    it("questions are still answered; a handoff gets an apology; staff are told; nothing is lost or sent twice once it is back", async () => {
      const url = testPostgresUrl()!;
      const target = new URL(url);
      const proxy = await TcpProxy.start(target.hostname, Number(target.port) || 5432);
      try {
        h.fresh();
        const storage = await h.currentStorage();
        const store = await PgHandoffStore.open({ url: proxy.rewrite(url), schema: storage.target.databaseSchema!, lockWaitMs: 300 });
        await h.start({ handoff: new HandoffService(store, { staffChatId: String(STAFF_CHAT), onWarning: (m, meta) => h.logger.warn(m, meta) }) });
        const { card } = await h.openTicketVia(ASKER);
        await outboxIdle();

        await proxy.down();
        try {
          h.tg.sendText({ chatId: ASKER + 1, text: "小微企业办电要几天" });
          await h.tg.waitForMessage(ASKER + 1, has("第11条"));
          h.tg.sendText({ chatId: ASKER + 2, text: UNANSWERABLE });
          await h.tg.waitForMessage(ASKER + 2, has(APOLOGY));
          h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好，请带营业执照", replyToMessageId: card.message_id });
          await h.tg.waitForMessage(STAFF_CHAT, has("处理这条消息时出错"));
          await vi.waitFor(() => expect(h.bot!.bot.delivery.worker.isPaused).toBe(true), { timeout: 10_000 });
        } finally {
          await proxy.up();
        }

        h.tg.sendText({ chatId: ASKER + 2, text: UNANSWERABLE });
        await h.tg.waitForMessage(ASKER + 2, has("已为您创建工单 #2"));
        await h.tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.startsWith("工单 #2\n"));
        h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好，请带营业执照", replyToMessageId: card.message_id });
        await h.tg.waitForMessage(ASKER, has("您好，请带营业执照"));
        await outboxIdle();

        expect(h.count(ASKER + 1, "第11条")).toBe(1);
        expect(h.count(ASKER + 2, APOLOGY)).toBe(1);
        expect(h.count(ASKER + 2, "已为您创建工单")).toBe(1);
        expect(h.count(ASKER, "已为您创建工单")).toBe(1);
        expect(h.count(ASKER, "您好，请带营业执照")).toBe(1);
        expect(h.count(STAFF_CHAT, "处理这条消息时出错")).toBe(1);
        expect(h.tg.sentMessages(STAFF_CHAT).filter((m) => /^工单 #\d+\n/.test(m.plain_text)).map((m) => m.plain_text.split("\n")[0])).toEqual(["工单 #1", "工单 #2"]);
        expect((await h.handoff.list()).map((t) => [t.id, t.status])).toEqual([
          [1, "answered"],
          [2, "open"],
        ]);
        // Each fault logged at once, as unreachable, with what to do.
        const faults = h.errors().filter((e) => e.meta?.reason !== undefined);
        expect(faults.length).toBeGreaterThan(0);
        for (const e of faults) expect(e.meta).toMatchObject({ reason: "unreachable", hint: expect.stringContaining("DATABASE_URL") });
        expect(h.errors().map((e) => e.message)).toEqual(
          expect.arrayContaining(["could not store a handoff; the asker was asked to send it again", "staff action failed", "outbox paused: the tickets database cannot be written; nothing is sent until it can"]),
        );
        expect(h.logs.filter((l) => l.message.startsWith("tickets database not writable"))).toHaveLength(1);
        expect(h.logs.filter((l) => l.message.startsWith("outbox resumed"))).toHaveLength(1);
        expectedErrors = [/^could not store a handoff/, /^could not read the asker's open ticket/, /^staff action failed$/, /^outbox paused/];
      } finally {
        await h.stopBot();
        await proxy.stop();
      }
    });
  });

  describe("Telegram refuses the handoff reply with a long retry_after (429)", () => {
    it("the ticket is stored first: staff get the card and the asker the ticket number, each once, and no apology", async () => {
      h.fresh();
      await h.start();
      h.tg.failNext("sendMessage", 1, { status: 429, retryAfter: 120, where: (p) => p.chat_id === ASKER && !String(p.text).includes("工单") });
      h.tg.sendText({ chatId: ASKER, text: "市住建局的电话是多少" });
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      await h.tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.startsWith("工单 #1\n"));
      await outboxIdle();
      expect(h.tg.calls.filter((c) => isSend(c) && c.params.chat_id === ASKER).map((c) => c.status)).toEqual([429, 200]);
      expect(h.count(ASKER, "已为您创建工单")).toBe(1);
      expect(h.count(ASKER, "出了点问题")).toBe(0);
      expect(h.count(STAFF_CHAT, "市住建局的电话是多少")).toBe(1);
      expect((await h.handoff.get(1))?.question).toBe("市住建局的电话是多少");
      expect(h.logs.filter((l) => l.level === "warn" && l.message.startsWith("could not send why the question went to staff"))).toHaveLength(1);
    });
  });
});
