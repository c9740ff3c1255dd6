/**
 * The delivery loop against the fake Bot API: what it retries, what it gives up on, and that a
 * message Telegram accepted is never sent again. A plain grammY Api (no auto-retry plugin) and an
 * injected clock, so every retry is the loop's own and no test waits for a backoff.
 */
import { Api } from "grammy";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DeliveryLoop } from "../../src/bot/delivery.js";
import type { BotLogger } from "../../src/bot/logger.js";
import { HandoffService } from "../../src/handoff/service.js";
import { StoreUnavailableError } from "../../src/handoff/store.js";
import type { Asker } from "../../src/handoff/types.js";
import { FakeTelegram, type RecordedCall } from "../support/fake-telegram.js";
import { FaultyStore } from "../support/faulty-store.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const ASKER = 1001;
const STAFF_CHAT = -1009001;
const asker: Asker = { channel: "telegram", chatId: String(ASKER), userId: String(ASKER), displayName: "张三" };
const alice = { userId: "777", displayName: "王五" };

describe.each(storeBackends())("delivery on $name", (backend) => {
  let tg: FakeTelegram;
  let storage: TestStorage;
  let clock: number;
  let logs: Array<{ level: string; message: string; meta?: Record<string, unknown> }>;
  let service: HandoffService;
  let loop: DeliveryLoop;

  const logger: BotLogger = {
    debug: () => undefined,
    info: (message, meta) => logs.push({ level: "info", message, ...(meta ? { meta } : {}) }),
    warn: (message, meta) => logs.push({ level: "warn", message, ...(meta ? { meta } : {}) }),
    error: (message, meta) => logs.push({ level: "error", message, ...(meta ? { meta } : {}) }),
  };

  async function start(store?: FaultyStore): Promise<void> {
    const now = () => clock;
    service = store ? new HandoffService(store, { staffChatId: String(STAFF_CHAT), now }) : await storage.openService({ staffChatId: String(STAFF_CHAT), now });
    loop = new DeliveryLoop(new Api(tg.token, { apiRoot: tg.apiRoot }), service, logger);
  }

  const sendsTo = (chatId: number, text: string): RecordedCall[] =>
    tg.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === chatId && String(c.params.text).includes(text));
  const received = (chatId: number, text: string) => tg.sentMessages(chatId).filter((m) => m.plain_text.includes(text)).length;
  const states = async (ticketId = 1) => (await service.deliveriesOf(ticketId)).map((d) => `${d.kind}:${d.state}`);

  beforeAll(async () => {
    tg = await FakeTelegram.start();
  });
  afterAll(async () => {
    await tg.stop();
  });
  beforeEach(async () => {
    storage = await backend.create();
    clock = Date.UTC(2024, 0, 1);
    logs = [];
  });
  afterEach(async () => {
    await loop.stop();
    await service.shutdown();
    tg.reset();
    await storage.destroy();
  });

  describe("delivery loop", () => {
    it("retries after a 5xx and after a dropped connection, then delivers each message once", async () => {
      await start();
      await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      tg.failNext("sendMessage", 1, { status: 502, where: (p) => p.chat_id === ASKER });
      tg.failNext("sendMessage", 1, { dropConnection: true, where: (p) => p.chat_id === STAFF_CHAT });
      await loop.drain();
      expect(await states()).toEqual(["ticket-opened:pending", "staff-card:pending"]);
      expect((await service.deliveriesOf(1)).map((d) => [d.attempts, d.notBefore - clock, d.lastError?.slice(0, 8)])).toEqual([
        [1, 1_000, "502: Bad"],
        [1, 1_000, "network:"],
      ]);
      // Not before the backoff.
      await loop.drain();
      expect(sendsTo(ASKER, "已为您创建工单")).toHaveLength(1);
      clock += 1_000;
      await loop.drain();
      expect(await states()).toEqual(["ticket-opened:delivered", "staff-card:delivered"]);
      expect(received(ASKER, "已为您创建工单 #1")).toBe(1);
      expect(received(STAFF_CHAT, "工单 #1")).toBe(1);
      expect(logs.filter((l) => l.message === "delivery failed, will retry").map((l) => l.meta?.kind)).toEqual(["ticket-opened", "staff-card"]);
    });

    it("waits out Telegram's retry_after before sending again", async () => {
      await start();
      await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      tg.failNext("sendMessage", 1, { status: 429, retryAfter: 30, where: (p) => p.chat_id === ASKER });
      await loop.drain();
      clock += 29_000;
      await loop.drain();
      expect(sendsTo(ASKER, "已为您创建工单").map((c) => c.status)).toEqual([429]);
      clock += 1_000;
      await loop.drain();
      expect(sendsTo(ASKER, "已为您创建工单").map((c) => c.status)).toEqual([429, 200]);
    });

    it("a 400 on a staff message is permanent: tried once, logged with what to do, staff alerted", async () => {
      await start();
      await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      tg.failNext("sendMessage", 1, { status: 400, description: "Bad Request: chat not found", where: (p) => p.chat_id === STAFF_CHAT });
      await loop.drain();
      clock += 24 * 60 * 60_000;
      await loop.drain();
      expect(sendsTo(STAFF_CHAT, "<b>工单 #1</b>").map((c) => c.status)).toEqual([400]);
      expect(await states()).toEqual(["ticket-opened:delivered", "staff-card:failed", "delivery-alert:delivered"]);
      expect(received(STAFF_CHAT, "⚠️ 工单 #1：一条工单卡片未能送达")).toBe(1);
      expect(logs.filter((l) => l.level === "error")).toMatchObject([
        { message: expect.stringMatching(/^delivery failed for good/), meta: { kind: "staff-card", error: "400: Bad Request: chat not found", hint: expect.stringContaining("/resend 1") } },
      ]);
    });

    it("a 403 to the asker flags the ticket as blocked instead of retrying", async () => {
      await start();
      const { ticket } = await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      await loop.drain();
      tg.blockChat(ASKER);
      await service.replyToTicket(ticket.id, alice, "答复");
      await loop.drain();
      clock += 60 * 60_000;
      await loop.drain();
      expect(sendsTo(ASKER, "答复").map((c) => c.status)).toEqual([403]);
      expect((await service.get(1))?.askerBlocked).toBe(true);
      const card = tg.sentMessages(STAFF_CHAT).find((m) => m.plain_text.startsWith("工单 #1"));
      expect(card?.plain_text).toContain("提问人已屏蔽机器人");
    });

    it("a long reply in two messages: when the second fails, the retry sends only the second", async () => {
      await start();
      const { ticket } = await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      await loop.drain();
      await service.replyToTicket(ticket.id, alice, `${"甲".repeat(3_000)}\n${"乙".repeat(3_000)}`);
      tg.failNext("sendMessage", 1, { status: 500, where: (p) => String(p.text).includes("乙乙乙") });
      await loop.drain();
      expect((await service.deliveriesOf(1)).find((d) => d.kind === "staff-reply")).toMatchObject({ state: "pending", partsSent: 1 });
      clock += 1_000;
      await loop.drain();
      expect(received(ASKER, "甲甲甲")).toBe(1);
      expect(received(ASKER, "乙乙乙")).toBe(1);
      expect(sendsTo(ASKER, "甲甲甲")).toHaveLength(1);
    });

    it("if writing 'sending' fails, nothing is sent; the loop pauses with one logged error and goes on later", async () => {
      await start();
      await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      const spy = vi.spyOn(service, "beginSending").mockRejectedValueOnce(new StoreUnavailableError("full", "tickets database: database or disk is full (SQLITE_FULL)"));
      await loop.drain();
      expect(tg.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
      expect(loop.worker.isPaused).toBe(true);
      expect(logs.filter((l) => l.level === "error")).toMatchObject([
        { message: "outbox paused: the tickets database cannot be written; nothing is sent until it can", meta: { reason: "full", step: "begin sending" } },
      ]);
      spy.mockRestore();
      await loop.drain();
      expect(received(ASKER, "已为您创建工单 #1")).toBe(1);
      expect(received(STAFF_CHAT, "工单 #1")).toBe(1);
      expect(logs.at(-1)?.message).toBe("outbox resumed: the tickets database can be written again");
    });

    it("a message Telegram accepted is never sent again when recording it fails: kept in memory, recorded later", async () => {
      const store = new FaultyStore(await storage.openStore(), storage.faultError);
      await start(store);
      const { ticket } = await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      await loop.drain();
      await service.replyToTicket(ticket.id, alice, "请带营业执照原件");
      // Telegram takes the reply; the disk fills before the bot records it.
      const held = tg.hold("sendMessage", { where: (p) => p.chat_id === ASKER, stage: "after" });
      const draining = loop.drain();
      await held.reached;
      store.fault = "full";
      held.release();
      await draining;
      expect(loop.worker.unrecordedCount).toBe(1);
      for (let i = 0; i < 3; i++) {
        clock += 60_000;
        await loop.drain();
      }
      expect(received(ASKER, "请带营业执照原件")).toBe(1);
      expect(await states()).toContain("staff-reply:sending");

      store.fault = null;
      await loop.drain();
      expect(received(ASKER, "请带营业执照原件")).toBe(1);
      expect(await states()).toEqual(["ticket-opened:delivered", "staff-card:delivered", "staff-reply:delivered", "card-update:delivered"]);
      expect(loop.worker.unrecordedCount).toBe(0);
      expect(logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual(["outbox paused: the tickets database cannot be written; nothing is sent until it can"]);
      expect(logs.filter((l) => l.message.startsWith("outbox resumed"))).toHaveLength(1);
    });

    it("after a crash, a message found 'sending' is not sent again; the card says so until staff resend it", async () => {
      await start();
      const { ticket } = await service.openTicket({ asker, question: "市住建局的电话是多少", candidates: [] });
      await loop.drain();
      await service.replyToTicket(ticket.id, alice, "请带营业执照原件");
      // A previous process leased the reply, wrote "sending", and died.
      const [reply] = await service.claimDeliveries({ owner: "dead-process", channel: "telegram", limit: 1 });
      expect(reply?.kind).toBe("staff-reply");
      await service.beginSending(reply!.id, "dead-process");
      // The bot starts again.
      await loop.stop();
      loop = new DeliveryLoop(new Api(tg.token, { apiRoot: tg.apiRoot }), service, logger);
      await loop.drain();
      expect(sendsTo(ASKER, "请带营业执照原件")).toEqual([]);
      const card = tg.sentMessages(STAFF_CHAT).find((m) => m.plain_text.startsWith("工单 #1"));
      expect(card?.plain_text).toContain("⚠️ 本工单有 1 条消息未能送达或可能未送达");
      expect(logs.filter((l) => l.level === "warn").map((l) => [l.message.slice(0, 40), l.meta?.kind])).toEqual([
        ["a message was being sent when the last r", "staff-reply"],
      ]);

      expect(await service.resendUndelivered(ticket.id, "staff:777")).toBe(1);
      await loop.drain();
      expect(received(ASKER, "请带营业执照原件")).toBe(1);
      const updated = tg.sentMessages(STAFF_CHAT).find((m) => m.plain_text.startsWith("工单 #1"));
      expect(updated?.plain_text).not.toContain("未能送达");
    });
  });
});
