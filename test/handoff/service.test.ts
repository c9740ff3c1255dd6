import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HandoffService, TicketError } from "../../src/handoff/service.js";
import { TICKETS_DB_FILE } from "../../src/handoff/ticket-store.js";
import type { Asker, Staff } from "../../src/handoff/types.js";
import type { Citation } from "../../src/policy/measure.js";

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

let dir: string;
let clock: number;
const services: HandoffService[] = [];

function open(staffChatId: string | null = STAFF_CHAT): HandoffService {
  const service = HandoffService.open({ dataDir: dir, staffChatId, now: () => clock });
  services.push(service);
  return service;
}

/** The outbox rows queued since the last drain, as "kind→chat", and marks them delivered. */
function drain(service: HandoffService): string[] {
  const pending = service.pendingDeliveries({ limit: 1_000 });
  for (const d of pending) service.markDelivered(d.id);
  return pending.map((d) => `${d.kind}→${d.chatId}`);
}

const ask = (service: HandoffService, asker: Asker = zhang, question = "开办企业要多久？") =>
  service.openTicket({ asker, question, candidates });

function ticketError(fn: () => unknown): TicketError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TicketError) return err;
    throw err;
  }
  throw new Error("expected a TicketError");
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "handoff-service-"));
  clock = Date.UTC(2024, 0, 1);
});

afterEach(() => {
  for (const s of services.splice(0)) s.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("ticket lifecycle", () => {
  it("open → claimed → answered → closed → reopened, with events in order and outbox rows per step", () => {
    const service = open();
    const ticket = ask(service);
    expect(ticket).toMatchObject({ id: 1, status: "open", staff: null, asker: zhang, candidates, createdAt: clock });
    expect(drain(service)).toEqual(["ticket-opened→111", `staff-card→${STAFF_CHAT}`]);

    clock += MINUTE;
    const claim = service.claimTicket(ticket.id, alice);
    expect(claim).toMatchObject({ ok: true, ticket: { status: "claimed", staff: alice, claimedAt: clock } });
    expect(drain(service)).toEqual(["ticket-claimed→111", `card-update→${STAFF_CHAT}`]);

    clock += MINUTE;
    const answered = service.replyToTicket(ticket.id, alice, "一般 1 个工作日内办结。");
    expect(answered).toMatchObject({ status: "answered", firstReplyAt: clock, answeredAt: clock, staff: alice });
    const replyRows = service.pendingDeliveries();
    expect(replyRows.find((d) => d.kind === "staff-reply")?.body).toBe("一般 1 个工作日内办结。");
    expect(drain(service)).toEqual(["staff-reply→111", `card-update→${STAFF_CHAT}`]);

    clock += MINUTE;
    expect(service.closeTicket(ticket.id, "staff:901")).toMatchObject({ status: "closed", closedAt: clock });
    expect(drain(service)).toEqual(["ticket-closed→111", `card-update→${STAFF_CHAT}`]);

    clock += MINUTE;
    const reopened = service.reopenTicket(ticket.id, "cli");
    expect(reopened).toMatchObject({ status: "open", staff: null, closedAt: null, firstReplyAt: ticket.createdAt + 2 * MINUTE });
    expect(drain(service)).toEqual(["ticket-reopened→111", `card-update→${STAFF_CHAT}`]);

    const events = service.events(ticket.id);
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

  it("queues nothing for staff when no staff chat is configured, but still tells the asker", () => {
    const service = open(null);
    const ticket = ask(service);
    service.addFollowUp(ticket.id, zhang, "补充：是个体户");
    service.claimTicket(ticket.id, alice);
    service.replyToTicket(ticket.id, alice, "答复");
    service.closeTicket(ticket.id, "cli");
    expect(drain(service)).toEqual(["ticket-opened→111", "ticket-claimed→111", "staff-reply→111", "ticket-closed→111"]);
  });

  it("routes follow-ups of the active ticket to staff with the text", () => {
    const service = open();
    const ticket = ask(service);
    drain(service);
    expect(service.activeTicketOf("111")?.id).toBe(ticket.id);
    expect(service.activeTicketOf("222")).toBeNull();

    service.addFollowUp(ticket.id, zhang, "补充：注册地在克拉玛依区");
    const [row] = service.pendingDeliveries();
    expect(row).toMatchObject({ kind: "follow-up", chatId: STAFF_CHAT, body: "补充：注册地在克拉玛依区", ticketId: ticket.id });
    expect(service.events(ticket.id).at(-1)).toMatchObject({ kind: "follow-up", body: "补充：注册地在克拉玛依区" });
  });

  it("an answered ticket is no longer the asker's active ticket", () => {
    const service = open();
    const ticket = ask(service);
    service.replyToTicket(ticket.id, alice, "答复");
    expect(service.activeTicketOf("111")).toBeNull();
  });

  it("replying to an unclaimed ticket claims it for the replier; a held ticket keeps its holder", () => {
    const service = open();
    const first = ask(service);
    expect(service.replyToTicket(first.id, bob, "答复")).toMatchObject({ status: "answered", staff: bob });
    expect(service.events(first.id).map((e) => e.kind)).toEqual(["opened", "claimed", "staff-reply"]);

    const second = ask(service, li);
    service.claimTicket(second.id, alice);
    expect(service.replyToTicket(second.id, bob, "我来答")).toMatchObject({ staff: alice, status: "answered" });
    expect(service.events(second.id).at(-1)).toMatchObject({ kind: "staff-reply", actor: "staff:902" });
  });

  it("keeps the first reply time when staff reply again", () => {
    const service = open();
    const ticket = ask(service);
    clock += 5 * MINUTE;
    service.replyToTicket(ticket.id, alice, "第一次");
    clock += 5 * MINUTE;
    const again = service.replyToTicket(ticket.id, alice, "补充");
    expect(again.firstReplyAt).toBe(ticket.createdAt + 5 * MINUTE);
    expect(again.answeredAt).toBe(ticket.createdAt + 10 * MINUTE);
  });

  it("lets the asker cancel: closed, event cancelled, card update for staff only", () => {
    const service = open();
    const ticket = ask(service);
    drain(service);
    expect(service.cancelTicket(ticket.id, zhang).status).toBe("closed");
    expect(service.events(ticket.id).at(-1)).toMatchObject({ kind: "cancelled", actor: "asker:111" });
    expect(drain(service)).toEqual([`card-update→${STAFF_CHAT}`]);
    expect(service.activeTicketOf("111")).toBeNull();
  });

  it("lists by status oldest first and an asker's tickets newest first", () => {
    const service = open();
    const a = ask(service, zhang, "一");
    clock += 1;
    const b = ask(service, li, "二");
    clock += 1;
    const c = ask(service, zhang, "三");
    service.claimTicket(b.id, alice);
    service.closeTicket(c.id, "cli");
    expect(service.list().map((t) => t.id)).toEqual([a.id, b.id, c.id]);
    expect(service.list({ status: "open" }).map((t) => t.id)).toEqual([a.id]);
    expect(service.list({ status: ["open", "claimed"] }).map((t) => t.id)).toEqual([a.id, b.id]);
    expect(service.ticketsOf("111").map((t) => t.id)).toEqual([c.id, a.id]);
  });
});

describe("claims", () => {
  it("claiming twice by the same staff is fine; answered and closed tickets are not claimable; unknown is not-found", () => {
    const service = open();
    const ticket = ask(service);
    expect(service.claimTicket(ticket.id, alice).ok).toBe(true);
    drain(service);
    expect(service.claimTicket(ticket.id, alice).ok).toBe(true);
    expect(drain(service)).toEqual([]); // the repeat claim notifies nobody
    service.replyToTicket(ticket.id, alice, "答复");
    expect(service.claimTicket(ticket.id, bob)).toMatchObject({ ok: false, reason: "not-claimable" });
    service.closeTicket(ticket.id, "cli");
    expect(service.claimTicket(ticket.id, bob)).toMatchObject({ ok: false, reason: "not-claimable" });
    expect(service.claimTicket(404, bob)).toEqual({ ok: false, reason: "not-found" });
  });

  it("two services on the same file, claims interleaved: exactly one wins and the loser learns who holds it", () => {
    const botSide = open();
    const cliSide = open();
    const ticket = ask(botSide);
    // Both sides have seen the ticket as open before either claims.
    expect(botSide.get(ticket.id)?.status).toBe("open");
    expect(cliSide.get(ticket.id)?.status).toBe("open");

    const first = cliSide.claimTicket(ticket.id, bob);
    const second = botSide.claimTicket(ticket.id, alice);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, reason: "held", heldBy: bob });
    expect(botSide.events(ticket.id).filter((e) => e.kind === "claimed")).toHaveLength(1);
    expect(botSide.pendingDeliveries().filter((d) => d.kind === "ticket-claimed")).toHaveLength(1);
  });

  it("processes claiming at the same moment: exactly one wins", { timeout: 60_000 }, async () => {
    const seed = open();
    const ticket = ask(seed);
    seed.shutdown();

    const worker = path.join(dir, "claim-worker.ts");
    const serviceUrl = pathToFileURL(path.join(REPO, "src/handoff/service.ts")).href;
    fs.writeFileSync(
      worker,
      `import { HandoffService } from ${JSON.stringify(serviceUrl)};
       import fs from "node:fs";
       const [dataDir, ticketId, userId, barrier] = process.argv.slice(2);
       const service = HandoffService.open({ dataDir, staffChatId: "-100" });
       fs.writeFileSync(barrier + "." + userId, "ready");
       const nap = new Int32Array(new SharedArrayBuffer(4));
       while (!fs.existsSync(barrier + ".go")) Atomics.wait(nap, 0, 0, 1);
       const result = service.claimTicket(Number(ticketId), { userId, displayName: "staff " + userId });
       service.shutdown();
       console.log(JSON.stringify(result.ok ? { ok: true } : { ok: false, reason: result.reason }));`,
    );
    const barrier = path.join(dir, "barrier");
    const staffIds = ["s1", "s2", "s3", "s4"];
    const runs = staffIds.map(
      (id) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn("npx", ["tsx", worker, dir, String(ticket.id), id, barrier], { cwd: REPO });
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
    expect(results.filter((r) => !r.ok).map((r) => r.reason)).toEqual(["held", "held", "held"]);
    const check = open();
    expect(check.events(ticket.id).filter((e) => e.kind === "claimed")).toHaveLength(1);
  });
});

describe("persistence", () => {
  it("keeps the ticket, the staff-message mapping and undelivered deliveries across a restart", () => {
    const before = open();
    const ticket = ask(before);
    before.recordStaffMessage(ticket.id, STAFF_CHAT, 4242, { card: true });
    before.recordStaffMessage(ticket.id, STAFF_CHAT, 4243);
    before.replyToTicket(ticket.id, alice, "重启前的答复");
    const pendingBefore = before.pendingDeliveries();
    before.shutdown();

    const after = open();
    expect(after.get(ticket.id)).toMatchObject({ status: "answered", staff: alice, question: "开办企业要多久？", candidates });
    expect(after.ticketForStaffMessage(STAFF_CHAT, 4243)?.id).toBe(ticket.id);
    expect(after.ticketForStaffMessage(STAFF_CHAT, 9999)).toBeNull();
    expect(after.cardMessageOf(ticket.id)).toEqual({ chatId: STAFF_CHAT, messageId: 4242 });
    expect(after.pendingDeliveries()).toEqual(pendingBefore);
    expect(after.pendingDeliveries().some((d) => d.kind === "staff-reply" && d.body === "重启前的答复")).toBe(true);
    expect(after.events(ticket.id).map((e) => e.kind)).toEqual(["opened", "claimed", "staff-reply"]);
  });

  it("numbers new tickets after the old ones, never reusing a number", () => {
    const first = open();
    ask(first);
    ask(first);
    first.shutdown();
    expect(ask(open()).id).toBe(3);
  });

  it("stores a 5,000-character question with HTML, SQL and emoji verbatim", () => {
    const question = `<script>alert("x")</script> '; DROP TABLE tickets; -- 🙂🇨🇳 营业执照 "引号" \\反斜杠\n`.repeat(80).slice(0, 5_000);
    expect(question.length).toBe(5_000);
    const first = open();
    const ticket = first.openTicket({ asker: zhang, question, candidates });
    first.addFollowUp(ticket.id, zhang, "'); DELETE FROM ticket_events; --");
    first.shutdown();

    const again = open();
    expect(again.get(ticket.id)?.question).toBe(question);
    expect(again.events(ticket.id).at(-1)?.body).toBe("'); DELETE FROM ticket_events; --");
    expect(again.list()).toHaveLength(1);
  });

  it("ticket_events rejects UPDATE and DELETE even from another connection", () => {
    const service = open();
    ask(service);
    const raw = new Database(path.join(dir, TICKETS_DB_FILE));
    try {
      expect(() => raw.prepare(`UPDATE ticket_events SET actor = 'someone else'`).run()).toThrow(/append-only/);
      expect(() => raw.prepare(`DELETE FROM ticket_events`).run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
    expect(service.events(1)).toMatchObject([{ kind: "opened", actor: "asker:111" }]);
  });
});

describe("outbox", () => {
  it("filters by channel: terminal askers' rows for the terminal, staff rows and Telegram askers' rows for the bot", () => {
    const service = open();
    const fromTerminal = ask(service, terminalUser);
    const fromTelegram = ask(service, li);
    const forTerminal = service.pendingDeliveries({ channel: "terminal" });
    const forBot = service.pendingDeliveries({ channel: "telegram" });
    expect(forTerminal.map((d) => [d.ticketId, d.kind])).toEqual([[fromTerminal.id, "ticket-opened"]]);
    expect(forBot.map((d) => [d.ticketId, d.kind])).toEqual([
      [fromTerminal.id, "staff-card"],
      [fromTelegram.id, "ticket-opened"],
      [fromTelegram.id, "staff-card"],
    ]);
  });

  it("retries a failed delivery after a backoff and stops after a permanent failure", () => {
    const service = open();
    ask(service);
    const [opened, card] = service.pendingDeliveries();
    if (!opened || !card) throw new Error("expected two deliveries");

    service.markFailed(opened.id, "ETIMEDOUT");
    expect(service.pendingDeliveries().map((d) => d.id)).toEqual([card.id]);
    clock += MINUTE;
    expect(service.pendingDeliveries()[0]).toMatchObject({ id: opened.id, attempts: 1 });

    service.markFailed(opened.id, "429 Too Many Requests", { retryAfterMs: 10 * MINUTE });
    clock += 5 * MINUTE;
    expect(service.pendingDeliveries().map((d) => d.id)).toEqual([card.id]);
    clock += 5 * MINUTE;
    expect(service.pendingDeliveries().map((d) => d.id)).toEqual([opened.id, card.id]);

    service.markFailed(card.id, "400 Bad Request: chat not found", { permanent: true });
    clock += DAY;
    expect(service.pendingDeliveries().map((d) => d.id)).toEqual([opened.id]);
  });

  it("markFailed with askerBlocked flags the ticket once, records the event and queues one card update", () => {
    const service = open();
    const ticket = ask(service);
    service.replyToTicket(ticket.id, alice, "答复");
    const pending = service.pendingDeliveries();
    const toAsker = pending.filter((d) => d.chatId === "111");
    for (const d of pending.filter((d) => d.chatId === STAFF_CHAT)) service.markDelivered(d.id);
    expect(toAsker.map((d) => d.kind)).toEqual(["ticket-opened", "staff-reply"]);

    for (const d of toAsker) service.markFailed(d.id, "403 Forbidden: bot was blocked by the user", { askerBlocked: true });
    expect(service.get(ticket.id)?.askerBlocked).toBe(true);
    expect(service.events(ticket.id).filter((e) => e.kind === "asker-blocked")).toMatchObject([
      { actor: "system", body: "403 Forbidden: bot was blocked by the user" },
    ]);
    clock += DAY;
    // The blocked rows are not retried; staff get exactly one card update.
    expect(drain(service)).toEqual([`card-update→${STAFF_CHAT}`]);
  });

  it("askerBlocked on an undelivered row stops its retries", () => {
    const service = open(null);
    ask(service);
    const [opened] = service.pendingDeliveries();
    if (!opened) throw new Error("expected a delivery");
    service.markFailed(opened.id, "403 Forbidden", { askerBlocked: true });
    clock += DAY;
    expect(service.pendingDeliveries()).toEqual([]);
    expect(service.get(opened.ticketId)?.askerBlocked).toBe(true);
  });

  it("a follow-up from a blocked asker clears the flag and updates the card", () => {
    const service = open();
    const ticket = ask(service);
    const [opened] = service.pendingDeliveries();
    service.markFailed(opened?.id ?? -1, "403 Forbidden", { askerBlocked: true });
    drain(service);
    service.addFollowUp(ticket.id, zhang, "我又回来了");
    expect(service.get(ticket.id)?.askerBlocked).toBe(false);
    expect(drain(service)).toEqual([`card-update→${STAFF_CHAT}`, `follow-up→${STAFF_CHAT}`]);
  });

  it("markDelivered twice is harmless; unknown delivery ids are not-found", () => {
    const service = open();
    ask(service);
    const [first] = service.pendingDeliveries();
    service.markDelivered(first?.id ?? -1);
    service.markDelivered(first?.id ?? -1);
    expect(service.pendingDeliveries().map((d) => d.kind)).toEqual(["staff-card"]);
    expect(ticketError(() => service.markDelivered(999)).code).toBe("not-found");
    expect(ticketError(() => service.markFailed(999, "x")).code).toBe("not-found");
  });
});

describe("update dedupe", () => {
  it("firstSeen is true once per update id, across instances, and forgets ids older than 7 days", () => {
    const service = open();
    expect(service.firstSeen(1001)).toBe(true);
    expect(service.firstSeen(1001)).toBe(false);
    expect(open().firstSeen(1001)).toBe(false);

    clock += 8 * DAY;
    expect(service.firstSeen(1002)).toBe(true); // prunes 1001 on the way
    expect(service.firstSeen(1001)).toBe(true);
    expect(service.firstSeen(1002)).toBe(false);
  });
});

describe("stats", () => {
  it("counts tickets by status, the median time to first reply and answer outcomes", () => {
    const service = open();
    expect(service.stats()).toEqual({
      open: 0,
      claimed: 0,
      answered: 0,
      closed: 0,
      medianFirstReplyMs: null,
      outcomes: { answered: 0, clarify: 0, handoff: 0, smalltalk: 0 },
    });

    const start = clock;
    const tickets = [ask(service), ask(service), ask(service), ask(service), ask(service)];
    const [t1, t2, t3, t4] = tickets.map((t) => t.id) as [number, number, number, number, number];
    clock = start + 10 * MINUTE;
    service.replyToTicket(t1, alice, "a");
    clock = start + 30 * MINUTE;
    service.replyToTicket(t2, alice, "b");
    clock = start + 60 * MINUTE;
    service.replyToTicket(t3, alice, "c");
    service.closeTicket(t3, "cli");
    service.claimTicket(t4, bob);
    service.recordOutcome("answered");
    service.recordOutcome("answered");
    service.recordOutcome("handoff");

    expect(service.stats()).toEqual({
      open: 1,
      claimed: 1,
      answered: 2,
      closed: 1,
      medianFirstReplyMs: 30 * MINUTE,
      outcomes: { answered: 2, clarify: 0, handoff: 1, smalltalk: 0 },
    });

    clock = start + 90 * MINUTE;
    service.replyToTicket(t4, bob, "d");
    expect(service.stats().medianFirstReplyMs).toBe(45 * MINUTE); // even count: mean of 30 and 60
  });
});

describe("misuse", () => {
  it("raises TicketError with a code and a message that says what to do", () => {
    const service = open();
    const ticket = ask(service);

    const missing = ticketError(() => service.replyToTicket(404, alice, "答复"));
    expect(missing.code).toBe("not-found");
    expect(missing.message).toMatch(/#404/);

    expect(ticketError(() => service.addFollowUp(ticket.id, li, "冒充")).code).toBe("forbidden");
    expect(ticketError(() => service.cancelTicket(ticket.id, li)).code).toBe("forbidden");
    expect(ticketError(() => service.reopenTicket(ticket.id, "cli")).code).toBe("bad-state");
    expect(ticketError(() => service.replyToTicket(ticket.id, alice, "   ")).code).toBe("bad-state");
    expect(ticketError(() => service.openTicket({ asker: zhang, question: " \n", candidates })).code).toBe("bad-state");
    expect(ticketError(() => service.recordStaffMessage(404, STAFF_CHAT, 1)).code).toBe("not-found");

    service.closeTicket(ticket.id, "cli");
    const closedReply = ticketError(() => service.replyToTicket(ticket.id, alice, "答复"));
    expect(closedReply.code).toBe("bad-state");
    expect(closedReply.message).toMatch(/reopen it first/);
    expect(ticketError(() => service.closeTicket(ticket.id, "cli")).code).toBe("bad-state");
    expect(ticketError(() => service.addFollowUp(ticket.id, zhang, "还在吗")).code).toBe("bad-state");
    expect(ticketError(() => service.cancelTicket(ticket.id, zhang)).code).toBe("bad-state");

    // Nothing of the refused calls reached the history.
    expect(service.events(ticket.id).map((e) => e.kind)).toEqual(["opened", "closed"]);
  });
});
