import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_UPDATE_CLAIM_MS, HandoffService, TicketError } from "../../src/handoff/service.js";
import type { Asker, Staff } from "../../src/handoff/types.js";
import type { Citation } from "../../src/policy/measure.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const STAFF_CHAT = "-1001234567890";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const zhang: Asker = { channel: "telegram", chatId: "111", userId: "111", displayName: "张三" };
const li: Asker = { channel: "telegram", chatId: "222", userId: "222", displayName: "李四" };
const terminalUser: Asker = { channel: "terminal", chatId: "terminal", userId: "local", displayName: "终端用户" };
const alice: Staff = { userId: "901", displayName: "Alice" };
const bob: Staff = { userId: "902", displayName: "Bob" };
const candidates: Citation[] = [{ measure: 7, title: "压缩企业开办时间", departments: ["市市场监管局", "市税务局"] }];

describe.each(storeBackends())("HandoffService on $name", (backend) => {
  let storage: TestStorage;
  let clock: number;
  const services: HandoffService[] = [];

  async function open(staffChatId: string | null = STAFF_CHAT): Promise<HandoffService> {
    const service = await storage.openService({ staffChatId, now: () => clock });
    services.push(service);
    return service;
  }

  /** The outbox rows queued since the last drain, as "kind→chat", and marks them delivered. */
  async function drain(service: HandoffService): Promise<string[]> {
    const pending = await service.pendingDeliveries({ limit: 1_000 });
    for (const d of pending) await service.markDelivered(d.id);
    return pending.map((d) => `${d.kind}→${d.chatId}`);
  }

  const ask = async (service: HandoffService, asker: Asker = zhang, question = "开办企业要多久？") =>
    (await service.openTicket({ asker, question, candidates })).ticket;

  async function ticketError(fn: () => Promise<unknown>): Promise<TicketError> {
    try {
      await fn();
    } catch (err) {
      if (err instanceof TicketError) return err;
      throw err;
    }
    throw new Error("expected a TicketError");
  }

  beforeEach(async () => {
    storage = await backend.create();
    clock = Date.UTC(2024, 0, 1);
  });

  afterEach(async () => {
    for (const s of services.splice(0)) await s.shutdown();
    await storage.destroy();
  });

  describe("ticket lifecycle", () => {
    it("open → claimed → answered → closed → reopened, with events in order and outbox rows per step", async () => {
      const service = await open();
      const ticket = await ask(service);
      expect(ticket).toMatchObject({ id: 1, status: "open", staff: null, asker: zhang, candidates, createdAt: clock });
      expect(await drain(service)).toEqual(["ticket-opened→111", `staff-card→${STAFF_CHAT}`]);

      clock += MINUTE;
      const claim = await service.claimTicket(ticket.id, alice);
      expect(claim).toMatchObject({ ok: true, ticket: { status: "claimed", staff: alice, claimedAt: clock } });
      expect(await drain(service)).toEqual(["ticket-claimed→111", `card-update→${STAFF_CHAT}`]);

      clock += MINUTE;
      const answered = await service.replyToTicket(ticket.id, alice, "一般 1 个工作日内办结。");
      expect(answered).toMatchObject({ status: "answered", firstReplyAt: clock, answeredAt: clock, staff: alice });
      const replyRows = await service.pendingDeliveries();
      expect(replyRows.find((d) => d.kind === "staff-reply")?.body).toBe("一般 1 个工作日内办结。");
      expect(await drain(service)).toEqual(["staff-reply→111", `card-update→${STAFF_CHAT}`]);

      clock += MINUTE;
      expect(await service.closeTicket(ticket.id, "staff:901")).toMatchObject({ status: "closed", closedAt: clock });
      expect(await drain(service)).toEqual(["ticket-closed→111", `card-update→${STAFF_CHAT}`]);

      clock += MINUTE;
      const reopened = await service.reopenTicket(ticket.id, "cli");
      expect(reopened).toMatchObject({ status: "open", staff: null, closedAt: null, firstReplyAt: ticket.createdAt + 2 * MINUTE });
      expect(await drain(service)).toEqual(["ticket-reopened→111", `card-update→${STAFF_CHAT}`]);

      const events = await service.events(ticket.id);
      expect(events.map((e) => [e.kind, e.actor])).toEqual([
        ["opened", "asker:111"],
        ["claimed", "staff:901"],
        ["staff-reply", "staff:901"],
        ["closed", "staff:901"],
        ["reopened", "cli"],
      ]);
      expect(events.map((e) => e.at)).toEqual([0, 1, 2, 3, 4].map((i) => ticket.createdAt + i * MINUTE));
      expect(events[2]?.body).toBe("一般 1 个工作日内办结。");
    });

    it("queues nothing for staff when no staff chat is configured, but still tells the asker", async () => {
      const service = await open(null);
      const ticket = await ask(service);
      await service.addFollowUp(ticket.id, zhang, "补充：是个体户");
      await service.claimTicket(ticket.id, alice);
      await service.replyToTicket(ticket.id, alice, "答复");
      await service.closeTicket(ticket.id, "cli");
      expect(await drain(service)).toEqual(["ticket-opened→111", "ticket-claimed→111", "staff-reply→111", "ticket-closed→111"]);
    });

    it("routes follow-ups of the active ticket to staff with the text", async () => {
      const service = await open();
      const ticket = await ask(service);
      await drain(service);
      expect((await service.activeTicketOf("111"))?.id).toBe(ticket.id);
      expect(await service.activeTicketOf("222")).toBeNull();

      await service.addFollowUp(ticket.id, zhang, "补充：注册地在克拉玛依区");
      const [row] = await service.pendingDeliveries();
      expect(row).toMatchObject({ kind: "follow-up", chatId: STAFF_CHAT, body: "补充：注册地在克拉玛依区", ticketId: ticket.id });
      expect((await service.events(ticket.id)).at(-1)).toMatchObject({ kind: "follow-up", body: "补充：注册地在克拉玛依区" });
    });

    it("an asker with an open ticket gets that ticket back instead of a second one, with nothing queued", async () => {
      const service = await open();
      const first = await ask(service);
      await drain(service);
      const again = await service.openTicket({ asker: zhang, question: "另一个问题", candidates: [] });
      expect(again).toMatchObject({ created: false, ticket: { id: first.id, question: "开办企业要多久？" } });
      expect(await service.list()).toHaveLength(1);
      expect(await drain(service)).toEqual([]);
      // Once it is answered, a new question opens ticket #2.
      await service.replyToTicket(first.id, alice, "答复");
      expect(await service.openTicket({ asker: zhang, question: "新问题", candidates: [] })).toMatchObject({ created: true, ticket: { id: 2 } });
    });

    it("an answered ticket is no longer the asker's active ticket", async () => {
      const service = await open();
      const ticket = await ask(service);
      await service.replyToTicket(ticket.id, alice, "答复");
      expect(await service.activeTicketOf("111")).toBeNull();
    });

    it("replying to an unclaimed ticket claims it for the replier; a held ticket keeps its holder", async () => {
      const service = await open();
      const first = await ask(service);
      expect(await service.replyToTicket(first.id, bob, "答复")).toMatchObject({ status: "answered", staff: bob });
      expect((await service.events(first.id)).map((e) => e.kind)).toEqual(["opened", "claimed", "staff-reply"]);

      const second = await ask(service, li);
      await service.claimTicket(second.id, alice);
      expect(await service.replyToTicket(second.id, bob, "我来答")).toMatchObject({ staff: alice, status: "answered" });
      expect((await service.events(second.id)).at(-1)).toMatchObject({ kind: "staff-reply", actor: "staff:902" });
    });

    it("keeps the first reply time when staff reply again", async () => {
      const service = await open();
      const ticket = await ask(service);
      clock += 5 * MINUTE;
      await service.replyToTicket(ticket.id, alice, "第一次");
      clock += 5 * MINUTE;
      const again = await service.replyToTicket(ticket.id, alice, "补充");
      expect(again.firstReplyAt).toBe(ticket.createdAt + 5 * MINUTE);
      expect(again.answeredAt).toBe(ticket.createdAt + 10 * MINUTE);
    });

    it("lets the asker cancel: closed, event cancelled, card update for staff only", async () => {
      const service = await open();
      const ticket = await ask(service);
      await drain(service);
      expect((await service.cancelTicket(ticket.id, zhang)).status).toBe("closed");
      expect((await service.events(ticket.id)).at(-1)).toMatchObject({ kind: "cancelled", actor: "asker:111" });
      expect(await drain(service)).toEqual([`card-update→${STAFF_CHAT}`]);
      expect(await service.activeTicketOf("111")).toBeNull();
    });

    it("lists by status oldest first and an asker's tickets newest first", async () => {
      const service = await open();
      const a = await ask(service, zhang, "一");
      clock += 1;
      const b = await ask(service, li, "二");
      await service.closeTicket(a.id, "cli");
      clock += 1;
      const c = await ask(service, zhang, "三");
      await service.claimTicket(b.id, alice);
      expect((await service.list()).map((t) => t.id)).toEqual([a.id, b.id, c.id]);
      expect((await service.list({ status: "open" })).map((t) => t.id)).toEqual([c.id]);
      expect((await service.list({ status: ["closed", "claimed"] })).map((t) => t.id)).toEqual([a.id, b.id]);
      expect((await service.ticketsOf("111")).map((t) => t.id)).toEqual([c.id, a.id]);
    });
  });

  describe("claims", () => {
    it("claiming twice by the same staff is fine; answered and closed tickets are not claimable; unknown is not-found", async () => {
      const service = await open();
      const ticket = await ask(service);
      expect((await service.claimTicket(ticket.id, alice)).ok).toBe(true);
      await drain(service);
      expect((await service.claimTicket(ticket.id, alice)).ok).toBe(true);
      expect(await drain(service)).toEqual([]); // the repeat claim notifies nobody
      await service.replyToTicket(ticket.id, alice, "答复");
      expect(await service.claimTicket(ticket.id, bob)).toMatchObject({ ok: false, reason: "not-claimable" });
      await service.closeTicket(ticket.id, "cli");
      expect(await service.claimTicket(ticket.id, bob)).toMatchObject({ ok: false, reason: "not-claimable" });
      expect(await service.claimTicket(404, bob)).toEqual({ ok: false, reason: "not-found" });
    });

    it("a second staff member's claim is refused with the holder's name, also through another service on the same file", async () => {
      const botSide = await open();
      const cliSide = await open();
      const ticket = await ask(botSide);
      expect(await cliSide.claimTicket(ticket.id, bob)).toMatchObject({ ok: true });
      expect(await botSide.claimTicket(ticket.id, alice)).toMatchObject({ ok: false, reason: "held", heldBy: bob });
      expect((await botSide.events(ticket.id)).filter((e) => e.kind === "claimed")).toHaveLength(1);
    });

    it("two processes claiming the same ticket at the same moment: exactly one wins", { timeout: 60_000 }, async () => {
      const seed = await open();
      const ticket = await ask(seed);
      await seed.shutdown();

      const worker = path.join(storage.dataDir, "claim-worker.mts");
      const serviceUrl = pathToFileURL(path.join(REPO, "src/handoff/service.ts")).href;
      fs.writeFileSync(
        worker,
        `import { HandoffService } from ${JSON.stringify(serviceUrl)};
         import fs from "node:fs";
         const [target, ticketId, userId, barrier] = process.argv.slice(2);
         const service = await HandoffService.open({ ...JSON.parse(target), staffChatId: "-100" });
         fs.writeFileSync(barrier + "." + userId, "ready");
         const nap = new Int32Array(new SharedArrayBuffer(4));
         while (!fs.existsSync(barrier + ".go")) Atomics.wait(nap, 0, 0, 1);
         const result = await service.claimTicket(Number(ticketId), { userId, displayName: "staff " + userId });
         await service.shutdown();
         console.log(JSON.stringify(result.ok ? { ok: true } : { ok: false, reason: result.reason }));`,
      );
      const barrier = path.join(storage.dataDir, "barrier");
      const staffIds = ["s1", "s2"];
      const runs = staffIds.map(
        (id) =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, ["--import", "tsx", worker, JSON.stringify(storage.target), String(ticket.id), id, barrier], { cwd: REPO });
            let out = "";
            let err = "";
            child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
            child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
            child.on("error", reject);
            child.on("close", (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`worker ${id} exited ${code}: ${err}`))));
          }),
      );
      while (!staffIds.every((id) => fs.existsSync(`${barrier}.${id}`))) await new Promise((r) => setTimeout(r, 20));
      fs.writeFileSync(`${barrier}.go`, "");

      const results = (await Promise.all(runs)).map((line) => JSON.parse(line) as { ok: boolean; reason?: string });
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => r.reason)).toEqual(["held"]);
      const check = await open();
      expect((await check.events(ticket.id)).filter((e) => e.kind === "claimed")).toHaveLength(1);
      expect((await check.pendingDeliveries()).filter((d) => d.kind === "ticket-claimed")).toHaveLength(1);
    });
  });

  describe("persistence", () => {
    it("keeps the ticket, the staff-message mapping and undelivered deliveries across a restart", async () => {
      const before = await open();
      const ticket = await ask(before);
      await before.recordStaffMessage(ticket.id, STAFF_CHAT, 4242, { card: true });
      await before.recordStaffMessage(ticket.id, STAFF_CHAT, 4243);
      await before.replyToTicket(ticket.id, alice, "重启前的答复");
      const pendingBefore = await before.pendingDeliveries();
      await before.shutdown();

      const after = await open();
      expect(await after.get(ticket.id)).toMatchObject({ status: "answered", staff: alice, question: "开办企业要多久？", candidates });
      expect((await after.ticketForStaffMessage(STAFF_CHAT, 4243))?.id).toBe(ticket.id);
      expect(await after.ticketForStaffMessage(STAFF_CHAT, 9999)).toBeNull();
      expect(await after.cardMessageOf(ticket.id)).toEqual({ chatId: STAFF_CHAT, messageId: 4242 });
      expect(await after.pendingDeliveries()).toEqual(pendingBefore);
      expect((await after.pendingDeliveries()).map((d) => [d.kind, d.body])).toEqual([
        ["ticket-opened", null],
        ["staff-card", null],
        ["staff-reply", "重启前的答复"],
        ["card-update", null],
      ]);
      expect((await after.events(ticket.id)).map((e) => e.kind)).toEqual(["opened", "claimed", "staff-reply"]);
    });

    it("numbers new tickets after the old ones, never reusing a number", async () => {
      const first = await open();
      await ask(first, zhang);
      await ask(first, li);
      await first.shutdown();
      expect((await ask(await open(), terminalUser)).id).toBe(3);
    });

    it("stores a 5,000-character question with HTML, SQL and emoji verbatim", async () => {
      const question = `<script>alert("x")</script> '; DROP TABLE tickets; -- 🙂🇨🇳 营业执照 "引号" \\反斜杠\n`.repeat(80).slice(0, 5_000);
      expect(question.length).toBe(5_000);
      const first = await open();
      const { ticket } = await first.openTicket({ asker: zhang, question, candidates });
      await first.addFollowUp(ticket.id, zhang, "'); DELETE FROM ticket_events; --");
      await first.shutdown();

      const again = await open();
      expect((await again.get(ticket.id))?.question).toBe(question);
      expect((await again.events(ticket.id)).at(-1)?.body).toBe("'); DELETE FROM ticket_events; --");
      expect(await again.list()).toHaveLength(1);
    });

    it("ticket_events rejects UPDATE and DELETE even from another connection", async () => {
      const service = await open();
      await ask(service);
      await expect(storage.exec(`UPDATE ticket_events SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(storage.exec(`DELETE FROM ticket_events`)).rejects.toThrow(/append-only/);
      expect(await service.events(1)).toMatchObject([{ kind: "opened", actor: "asker:111" }]);
    });
  });

  describe("outbox", () => {
    it("filters by channel: terminal askers' rows for the terminal, staff rows and Telegram askers' rows for the bot", async () => {
      const service = await open();
      const fromTerminal = await ask(service, terminalUser);
      const fromTelegram = await ask(service, li);
      const forTerminal = await service.pendingDeliveries({ channel: "terminal" });
      const forBot = await service.pendingDeliveries({ channel: "telegram" });
      expect(forTerminal.map((d) => [d.ticketId, d.kind])).toEqual([[fromTerminal.id, "ticket-opened"]]);
      expect(forBot.map((d) => [d.ticketId, d.kind])).toEqual([
        [fromTerminal.id, "staff-card"],
        [fromTelegram.id, "ticket-opened"],
        [fromTelegram.id, "staff-card"],
      ]);
    });

    it("the configured lease (OUTBOX_LEASE_SECONDS) is how long a sender holds a row: after it another instance takes it over", async () => {
      const service = await storage.openService({ staffChatId: STAFF_CHAT, now: () => clock, leaseMs: 2_000 });
      services.push(service);
      await ask(service);
      const leased = await service.claimDeliveries({ owner: "crashed", channel: "telegram" });
      expect(leased.map((d) => d.leaseUntil)).toEqual([clock + 2_000, clock + 2_000]);
      expect(await service.beginSending(leased[0]!.id, "crashed")).toBe(true);
      clock += 1_999;
      expect(await service.claimDeliveries({ owner: "other", channel: "telegram" })).toEqual([]);
      clock += 1;
      // The leased one is sent by the other instance; the one caught mid-send is not sent twice (the card tells staff).
      expect((await service.claimDeliveries({ owner: "other", channel: "telegram" })).map((d) => [d.kind, d.leaseOwner])).toEqual([
        ["staff-card", "other"],
        ["card-update", "other"],
      ]);
      expect((await service.deliveriesOf(leased[0]!.ticketId)).map((d) => [d.kind, d.state])).toEqual([
        ["ticket-opened", "uncertain"],
        ["staff-card", "leased"],
        ["card-update", "leased"],
      ]);
    });

    it("pending → leased → sending → delivered, each step only for the lease owner, with the staff messages recorded", async () => {
      const service = await open();
      const ticket = await ask(service);
      const leased = await service.claimDeliveries({ owner: "bot-1", channel: "telegram", leaseMs: MINUTE });
      expect(leased.map((d) => [d.kind, d.state, d.leaseOwner, d.leaseUntil])).toEqual([
        ["ticket-opened", "leased", "bot-1", clock + MINUTE],
        ["staff-card", "leased", "bot-1", clock + MINUTE],
      ]);
      // Nobody else gets them while leased.
      expect(await service.claimDeliveries({ owner: "bot-2", channel: "telegram" })).toEqual([]);
      const [opened, card] = leased as [(typeof leased)[0], (typeof leased)[0]];
      expect(await service.beginSending(opened.id, "bot-2")).toBe(false);
      expect(await service.beginSending(opened.id, "bot-1")).toBe(true);
      expect(await service.beginSending(opened.id, "bot-1")).toBe(false); // never twice
      await service.markDelivered(opened.id);
      expect(await service.beginSending(card.id, "bot-1")).toBe(true);
      await service.markDelivered(card.id, { staffMessages: [{ ticketId: ticket.id, chatId: STAFF_CHAT, messageId: 77, isCard: true }] });
      expect((await service.deliveriesOf(ticket.id)).map((d) => [d.kind, d.state, d.attempts])).toEqual([
        ["ticket-opened", "delivered", 0],
        ["staff-card", "delivered", 0],
      ]);
      expect(await service.cardMessageOf(ticket.id)).toEqual({ chatId: STAFF_CHAT, messageId: 77 });
    });

    it("retries a failed delivery after a backoff or Telegram's retry_after and stops after a permanent failure", async () => {
      const service = await open();
      await ask(service);
      const [opened, card] = await service.pendingDeliveries();
      if (!opened || !card) throw new Error("expected two deliveries");

      expect(await service.markFailed(opened.id, "ETIMEDOUT")).toEqual({ retry: true });
      expect((await service.pendingDeliveries()).map((d) => d.id)).toEqual([card.id]);
      clock += MINUTE;
      expect((await service.pendingDeliveries())[0]).toMatchObject({ id: opened.id, attempts: 1, lastError: "ETIMEDOUT" });

      await service.markFailed(opened.id, "429 Too Many Requests", { retryAfterMs: 10 * MINUTE });
      clock += 5 * MINUTE;
      expect((await service.pendingDeliveries()).map((d) => d.id)).toEqual([card.id]);
      clock += 5 * MINUTE;
      expect((await service.pendingDeliveries()).map((d) => d.id)).toEqual([opened.id, card.id]);

      expect(await service.markFailed(card.id, "400: Bad Request: chat not found", { permanent: true })).toEqual({ retry: false });
      clock += DAY;
      expect((await service.pendingDeliveries()).map((d) => d.kind)).toEqual(["ticket-opened", "delivery-alert"]);
    });

    it("gives up after 30 attempts and shows the failure to staff", async () => {
      const service = await open();
      const ticket = await ask(service);
      const [opened] = await service.pendingDeliveries();
      for (let i = 1; i < 30; i++) expect(await service.markFailed(opened!.id, "502: Bad Gateway")).toEqual({ retry: true });
      expect(await service.markFailed(opened!.id, "502: Bad Gateway")).toEqual({ retry: false });
      expect(await service.deliveryProblems(ticket.id)).toMatchObject([{ kind: "ticket-opened", state: "failed", attempts: 30, lastError: "502: Bad Gateway" }]);
      expect((await service.events(ticket.id)).at(-1)).toMatchObject({ kind: "delivery-failed", body: "ticket-opened: 502: Bad Gateway" });
    });

    it("a permanent failure is an event and a card update; a failed card or card update is an alert instead; a failed alert alerts nobody", async () => {
      const service = await open();
      const ticket = await ask(service);
      await service.recordStaffMessage(ticket.id, STAFF_CHAT, 5, { card: true });
      await drain(service);
      await service.replyToTicket(ticket.id, alice, "答复");
      const [reply, update] = await service.pendingDeliveries();
      await service.markFailed(reply!.id, "400: Bad Request: chat not found", { permanent: true });
      await service.markFailed(update!.id, "400: Bad Request: message can't be edited", { permanent: true });
      const next = await service.pendingDeliveries();
      expect(next.map((d) => [d.kind, d.body])).toEqual([
        ["card-update", null],
        ["delivery-alert", "failed card-update"],
      ]);
      await service.markFailed(next[1]!.id, "403: Forbidden: bot was kicked from the group chat", { permanent: true });
      expect((await service.pendingDeliveries()).map((d) => d.kind)).toEqual(["card-update"]);
      expect((await service.events(ticket.id)).filter((e) => e.kind === "delivery-failed").map((e) => e.body)).toEqual([
        "staff-reply: 400: Bad Request: chat not found",
        "card-update: 400: Bad Request: message can't be edited",
        "delivery-alert: 403: Forbidden: bot was kicked from the group chat",
      ]);
      expect((await service.openDeliveryProblems()).get(ticket.id)?.map((d) => d.kind)).toEqual(["staff-reply", "card-update", "delivery-alert"]);
    });

    it("at start, another owner's sending rows become uncertain (a card edit is just repeated) and its leased rows go back", async () => {
      const service = await open();
      const ticket = await ask(service);
      await service.recordStaffMessage(ticket.id, STAFF_CHAT, 5, { card: true });
      await service.claimTicket(ticket.id, alice);
      const leased = await service.claimDeliveries({ owner: "dead", channel: "telegram" });
      expect(leased.map((d) => d.kind)).toEqual(["ticket-opened", "staff-card", "ticket-claimed", "card-update"]);
      const [opened, card, claimed, update] = leased;
      for (const d of [opened!, card!, update!]) await service.beginSending(d.id, "dead");
      void claimed;

      const uncertain = await service.recoverAbandoned({ owner: "new", channel: "telegram" });
      expect(uncertain.map((d) => d.kind)).toEqual(["ticket-opened", "staff-card"]);
      expect((await service.deliveriesOf(ticket.id)).map((d) => [d.kind, d.state])).toEqual([
        ["ticket-opened", "uncertain"],
        ["staff-card", "uncertain"],
        ["ticket-claimed", "pending"],
        ["card-update", "pending"],
        ["card-update", "pending"],
        ["delivery-alert", "pending"],
      ]);
      expect((await service.events(ticket.id)).filter((e) => e.kind === "delivery-uncertain").map((e) => e.body)).toEqual(["ticket-opened", "staff-card"]);
      // Never resent by itself: nothing to claim but the notices.
      expect((await service.claimDeliveries({ owner: "new", channel: "telegram" })).map((d) => d.kind)).toEqual([
        "ticket-claimed",
        "card-update",
        "card-update",
        "delivery-alert",
      ]);
    });

    it("during operation, only a sending row whose lease expired is taken from another owner", async () => {
      const service = await open();
      const ticket = await ask(service, zhang);
      const [opened] = await service.claimDeliveries({ owner: "a", channel: "telegram", limit: 1, leaseMs: MINUTE });
      await service.beginSending(opened!.id, "a", MINUTE);
      expect(await service.claimDeliveries({ owner: "b", channel: "telegram" })).toMatchObject([{ kind: "staff-card" }]);
      expect((await service.deliveriesOf(ticket.id))[0]?.state).toBe("sending");
      clock += 2 * MINUTE;
      await service.claimDeliveries({ owner: "b", channel: "telegram" });
      expect((await service.deliveriesOf(ticket.id))[0]?.state).toBe("uncertain");
      // The late sender's result still counts: it was delivered after all, and the warning comes off the card.
      await service.markDelivered(opened!.id);
      expect(await service.deliveryProblems(ticket.id)).toEqual([]);
    });

    it("resend queues the ticket's failed and uncertain messages once more, on staff's say-so", async () => {
      const service = await open();
      const ticket = await ask(service);
      const [opened, card] = await service.claimDeliveries({ owner: "dead", channel: "telegram" });
      await service.beginSending(opened!.id, "dead");
      await service.recoverAbandoned({ owner: "new", channel: "telegram" });
      await service.markFailed(card!.id, "400: Bad Request: chat not found", { permanent: true });
      expect((await service.deliveryProblems(ticket.id)).map((d) => [d.kind, d.state])).toEqual([
        ["ticket-opened", "uncertain"],
        ["staff-card", "failed"],
      ]);
      await drain(service);

      expect(await service.resendUndelivered(ticket.id, "staff:901")).toBe(2);
      expect((await service.pendingDeliveries()).map((d) => d.kind)).toEqual(["ticket-opened", "staff-card", "card-update"]);
      expect(await service.deliveryProblems(ticket.id)).toEqual([]);
      expect((await service.events(ticket.id)).at(-1)).toMatchObject({ kind: "resent", actor: "staff:901", body: "ticket-opened, staff-card" });
      expect(await service.resendUndelivered(ticket.id, "staff:901")).toBe(0);
      expect((await ticketError(() => service.resendUndelivered(404, "cli"))).code).toBe("not-found");
    });

    it("a retry goes on after the messages of a delivery that were already sent", async () => {
      const service = await open();
      const ticket = await ask(service);
      const [opened] = await service.pendingDeliveries();
      await service.markFailed(opened!.id, "502", {
        partsSent: 2,
        staffMessages: [{ ticketId: ticket.id, chatId: STAFF_CHAT, messageId: 31, isCard: false }],
      });
      expect(await service.deliveriesOf(ticket.id)).toMatchObject([{ id: opened!.id, partsSent: 2, state: "pending" }, { kind: "staff-card" }]);
      expect((await service.ticketForStaffMessage(STAFF_CHAT, 31))?.id).toBe(ticket.id);
    });

    it("markFailed with askerBlocked flags the ticket once, records the event and queues one card update", async () => {
      const service = await open();
      const ticket = await ask(service);
      await service.replyToTicket(ticket.id, alice, "答复");
      const pending = await service.pendingDeliveries();
      const toAsker = pending.filter((d) => d.chatId === "111");
      for (const d of pending.filter((d) => d.chatId === STAFF_CHAT)) await service.markDelivered(d.id);
      expect(toAsker.map((d) => d.kind)).toEqual(["ticket-opened", "staff-reply"]);

      for (const d of toAsker) await service.markFailed(d.id, "403 Forbidden: bot was blocked by the user", { askerBlocked: true });
      expect((await service.get(ticket.id))?.askerBlocked).toBe(true);
      expect((await service.events(ticket.id)).filter((e) => e.kind === "asker-blocked")).toMatchObject([
        { actor: "system", body: "403 Forbidden: bot was blocked by the user" },
      ]);
      clock += DAY;
      // The blocked rows are not retried; staff get exactly one card update.
      expect(await drain(service)).toEqual([`card-update→${STAFF_CHAT}`]);
      // The card says "blocked" already: not listed again as an open problem.
      expect((await service.openDeliveryProblems()).has(ticket.id)).toBe(false);
      expect(await service.deliveryProblems(ticket.id)).toHaveLength(2);
    });

    it("askerBlocked on an undelivered row stops its retries", async () => {
      const service = await open(null);
      await ask(service);
      const [opened] = await service.pendingDeliveries();
      if (!opened) throw new Error("expected a delivery");
      await service.markFailed(opened.id, "403 Forbidden", { askerBlocked: true });
      clock += DAY;
      expect(await service.pendingDeliveries()).toEqual([]);
      expect((await service.get(opened.ticketId))?.askerBlocked).toBe(true);
    });

    it("a follow-up from a blocked asker clears the flag and updates the card", async () => {
      const service = await open();
      const ticket = await ask(service);
      const [opened] = await service.pendingDeliveries();
      await service.markFailed(opened?.id ?? -1, "403 Forbidden", { askerBlocked: true });
      await drain(service);
      await service.addFollowUp(ticket.id, zhang, "我又回来了");
      expect((await service.get(ticket.id))?.askerBlocked).toBe(false);
      expect(await drain(service)).toEqual([`card-update→${STAFF_CHAT}`, `follow-up→${STAFF_CHAT}`]);
    });

    it("markDelivered twice is harmless; unknown delivery ids are not-found", async () => {
      const service = await open();
      await ask(service);
      const [first] = await service.pendingDeliveries();
      await service.markDelivered(first?.id ?? -1);
      await service.markDelivered(first?.id ?? -1);
      expect((await service.pendingDeliveries()).map((d) => d.kind)).toEqual(["staff-card"]);
      expect((await ticketError(() => service.markDelivered(999))).code).toBe("not-found");
      expect((await ticketError(() => service.markFailed(999, "x"))).code).toBe("not-found");
    });
  });

  describe("update dedupe", () => {
    it("claimUpdate: mine once per update id, own again here, busy for another instance until done, and forgets ids older than 7 days", async () => {
      const service = await open();
      const other = await open();
      expect(await service.claimUpdate(1001)).toBe("mine");
      expect(await service.claimUpdate(1001)).toBe("own");
      expect(await other.claimUpdate(1001)).toBe("busy");
      await service.finishUpdate(1001);
      expect(await service.claimUpdate(1001)).toBe("done");
      expect(await other.claimUpdate(1001)).toBe("done");

      clock += 8 * DAY;
      expect(await service.claimUpdate(1002)).toBe("mine"); // prunes 1001 on the way
      expect(await service.claimUpdate(1001)).toBe("mine");
      expect(await service.claimUpdate(1002)).toBe("own");
    });

    it("an update whose instance died unfinished is taken over once its claim is stale (webhook), or at once (polling)", async () => {
      const dead = await open();
      const other = await open();
      expect(await dead.claimUpdate(2001)).toBe("mine");
      expect(await dead.claimUpdate(2002)).toBe("mine");
      clock += DEFAULT_UPDATE_CLAIM_MS - 1;
      expect(await other.claimUpdate(2001)).toBe("busy");
      clock += 1;
      expect(await other.claimUpdate(2001)).toBe("mine");
      expect(await other.claimUpdate(2001)).toBe("own");
      await other.finishUpdate(2001);
      expect(await (await open()).claimUpdate(2001)).toBe("done");
      // Long polling: one instance per token, so the unfinished claim is a dead process's whatever its age.
      const restarted = await open();
      expect(await restarted.claimUpdate(2002, { takeOver: true })).toBe("mine");
      expect(await restarted.claimUpdate(2002, { takeOver: true })).toBe("own");
    });

    it("still drops a duplicate when the store cannot be written, and says so once", async () => {
      const warnings: string[] = [];
      const service = await storage.openService({ staffChatId: STAFF_CHAT, now: () => clock, lockWaitMs: 50, onWarning: (m) => warnings.push(m) });
      services.push(service);
      const release = await storage.holdWriteLock();
      try {
        expect(await service.claimUpdate(7)).toBe("mine");
        expect(await service.claimUpdate(7)).toBe("own");
        await service.finishUpdate(7);
        expect(await service.claimUpdate(7)).toBe("done");
        expect(await service.claimUpdate(9)).toBe("mine");
        expect(warnings).toEqual(["tickets database not writable: update de-duplication is skipped; answering goes on"]);
      } finally {
        await release();
      }
      clock += MINUTE; // past the cool-off
      expect(await service.claimUpdate(8)).toBe("mine");
      expect(warnings.at(-1)).toMatch(/writable again/);
    });
  });

  describe("stats", () => {
    it("counts tickets by status and the median time to first reply", async () => {
      const service = await open();
      expect(await service.stats()).toEqual({ open: 0, claimed: 0, answered: 0, closed: 0, medianFirstReplyMs: null });

      const start = clock;
      const askers = ["1", "2", "3", "4", "5"].map((n): Asker => ({ ...zhang, chatId: n, userId: n }));
      const tickets = [];
      for (const a of askers) tickets.push(await ask(service, a));
      const [t1, t2, t3, t4] = tickets.map((t) => t.id) as [number, number, number, number, number];
      clock = start + 10 * MINUTE;
      await service.replyToTicket(t1, alice, "a");
      clock = start + 30 * MINUTE;
      await service.replyToTicket(t2, alice, "b");
      clock = start + 60 * MINUTE;
      await service.replyToTicket(t3, alice, "c");
      await service.closeTicket(t3, "cli");
      await service.claimTicket(t4, bob);

      expect(await service.stats()).toEqual({ open: 1, claimed: 1, answered: 2, closed: 1, medianFirstReplyMs: 30 * MINUTE });

      clock = start + 90 * MINUTE;
      await service.replyToTicket(t4, bob, "d");
      expect((await service.stats()).medianFirstReplyMs).toBe(45 * MINUTE); // even count: mean of 30 and 60
    });
  });

  describe("ticket-answered event (for other features, e.g. FAQ candidates)", () => {
    it("is emitted after a reply is stored, with the ticket, the staff member, the text and the reply's event id", async () => {
      const service = await open();
      const seen: Array<{ eventId: number; ticket: number; status: string; staff: string; reply: string; at: number; stored: boolean }> = [];
      service.onTicketAnswered(async (e) => {
        // Stored already: a listener reading the store sees the reply.
        const stored = (await service.events(e.ticket.id)).some((x) => x.id === e.eventId && x.kind === "staff-reply");
        seen.push({ eventId: e.eventId, ticket: e.ticket.id, status: e.ticket.status, staff: e.staff.displayName, reply: e.reply, at: e.at, stored });
      });
      const ticket = await ask(service);
      clock += MINUTE;
      await service.replyToTicket(ticket.id, alice, "一般 1 个工作日。");
      await service.whenListenersIdle();
      const replyEvent = (await service.events(ticket.id)).find((e) => e.kind === "staff-reply")!;
      expect(seen).toEqual([{ eventId: replyEvent.id, ticket: ticket.id, status: "answered", staff: "Alice", reply: "一般 1 个工作日。", at: clock, stored: true }]);
      // A refused reply emits nothing.
      await service.closeTicket(ticket.id, "cli");
      await ticketError(() => service.replyToTicket(ticket.id, alice, "再答"));
      await service.whenListenersIdle();
      expect(seen).toHaveLength(1);
    });

    it("a failing listener never fails the reply: it is logged with how it catches up", async () => {
      const warnings: Array<[string, Record<string, unknown>]> = [];
      const service = await storage.openService({ staffChatId: STAFF_CHAT, now: () => clock, onWarning: (m, meta) => warnings.push([m, meta]) });
      services.push(service);
      service.onTicketAnswered(() => {
        throw new Error("FAQ database: database is locked");
      });
      const ticket = await ask(service);
      expect((await service.replyToTicket(ticket.id, alice, "答复")).status).toBe("answered");
      await service.whenListenersIdle();
      expect(warnings).toEqual([["a ticket-answered listener failed; it can catch up from the stored replies", expect.objectContaining({ ticket: ticket.id, error: "FAQ database: database is locked" })]]);
    });

    it("answersSince rebuilds the events from the stored replies, oldest first, from any process", async () => {
      const service = await open();
      const t1 = await ask(service);
      const t2 = await ask(service, li, "营业执照丢了怎么办");
      await service.replyToTicket(t1.id, alice, "a1");
      await service.replyToTicket(t2.id, bob, "b1");
      await service.replyToTicket(t1.id, bob, "a2");
      const other = await open();
      const all = await other.answersSince(0);
      expect(all.map((a) => [a.ticket.id, a.staff, a.reply])).toEqual([
        [t1.id, alice, "a1"],
        [t2.id, bob, "b1"],
        // Bob replied, Alice holds the ticket: his id, no name on record.
        [t1.id, { userId: bob.userId, displayName: bob.userId }, "a2"],
      ]);
      expect((await other.answersSince(all[1]!.eventId)).map((a) => a.reply)).toEqual(["a2"]);
      expect(await other.answersSince(all[2]!.eventId)).toEqual([]);
    });
  });

  describe("staff notices from other features", () => {
    it("queues a staff-chat message about a ticket once per key; without a staff chat, none", async () => {
      const service = await open();
      const ticket = await ask(service);
      await drain(service);
      expect(await service.queueStaffNotice({ ticketId: ticket.id, kind: "faq-card", body: "4", key: "faq-card:4" })).toBe(true);
      expect(await service.queueStaffNotice({ ticketId: ticket.id, kind: "faq-card", body: "4", key: "faq-card:4" })).toBe(false);
      expect(await service.queueStaffNotice({ ticketId: ticket.id, kind: "faq-card-update", body: "4" })).toBe(true);
      expect(await service.queueStaffNotice({ ticketId: ticket.id, kind: "faq-card-update", body: "4" })).toBe(true);
      expect((await service.pendingDeliveries()).map((d) => `${d.kind}:${d.body}→${d.chatId}`)).toEqual([
        `faq-card:4→${STAFF_CHAT}`,
        `faq-card-update:4→${STAFF_CHAT}`,
        `faq-card-update:4→${STAFF_CHAT}`,
      ]);
      expect((await ticketError(() => service.queueStaffNotice({ ticketId: 99, kind: "faq-card", body: "1" }))).code).toBe("not-found");
      const noChat = await open(null);
      expect(await noChat.queueStaffNotice({ ticketId: ticket.id, kind: "faq-card", body: "5", key: "faq-card:5" })).toBe(false);
    });
  });

  describe("misuse", () => {
    it("raises TicketError with a code and a message that says what to do", async () => {
      const service = await open();
      const ticket = await ask(service);

      const missing = await ticketError(() => service.replyToTicket(404, alice, "答复"));
      expect(missing.code).toBe("not-found");
      expect(missing.message).toMatch(/#404/);

      expect((await ticketError(() => service.addFollowUp(ticket.id, li, "冒充"))).code).toBe("forbidden");
      expect((await ticketError(() => service.cancelTicket(ticket.id, li))).code).toBe("forbidden");
      expect((await ticketError(() => service.reopenTicket(ticket.id, "cli"))).code).toBe("bad-state");
      expect((await ticketError(() => service.replyToTicket(ticket.id, alice, "   "))).code).toBe("bad-state");
      expect((await ticketError(() => service.openTicket({ asker: zhang, question: " \n", candidates }))).code).toBe("bad-state");
      expect((await ticketError(() => service.recordStaffMessage(404, STAFF_CHAT, 1))).code).toBe("not-found");

      await service.closeTicket(ticket.id, "cli");
      const closedReply = await ticketError(() => service.replyToTicket(ticket.id, alice, "答复"));
      expect(closedReply.code).toBe("bad-state");
      expect(closedReply.message).toMatch(/reopen it first/);
      expect((await ticketError(() => service.closeTicket(ticket.id, "cli"))).code).toBe("bad-state");
      expect((await ticketError(() => service.addFollowUp(ticket.id, zhang, "还在吗"))).code).toBe("bad-state");
      expect((await ticketError(() => service.cancelTicket(ticket.id, zhang))).code).toBe("bad-state");

      // Nothing of the refused calls reached the history.
      expect((await service.events(ticket.id)).map((e) => e.kind)).toEqual(["opened", "closed"]);
    });
  });
});
