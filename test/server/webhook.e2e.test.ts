import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { webhookSecretOf } from "../../src/config.js";
import { HandoffService } from "../../src/handoff/service.js";
import { SqliteHandoffStore } from "../../src/handoff/sqlite-store.js";
import { ASKER, has, STAFF_CHAT } from "../support/bot-harness.js";
import { ServerHarness } from "./server-harness.js";

// Webhook mode against the fake Bot API: setWebhook with the secret, updates posted to the real
// server and answered through the Bot API, wrong secrets refused, duplicates and order kept.
let h: ServerHarness;

beforeAll(async () => {
  h = await ServerHarness.create("server-webhook-");
});

afterAll(async () => {
  await h?.close();
});

describe("webhook mode", () => {
  beforeAll(async () => {
    await h.startServer({ webhook: true });
    await h.botRunning();
  });

  it("registers the webhook with the secret derived from the token, for message and callback updates only", () => {
    const secret = webhookSecretOf({ token: h.tg.token, webhookSecret: null });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const calls = h.tg.callsTo("setWebhook");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({ url: h.config.telegram.webhookUrl, secret_token: secret, drop_pending_updates: false });
    expect(h.tg.webhook).toMatchObject({ url: `${h.url}/telegram/webhook`, secretToken: secret, allowedUpdates: ["message", "callback_query"] });
    // Nobody polls in webhook mode (Telegram would refuse it), and the webhook is not removed.
    expect(h.tg.callsTo("getUpdates")).toEqual([]);
    expect(h.tg.callsTo("deleteWebhook")).toEqual([]);
  });

  it("answers an update Telegram posts, through the Bot API and not in the webhook response", async () => {
    const update = h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天？" });
    const reply = await h.tg.waitForMessage(ASKER, has("第11条"));
    expect(reply.plain_text).toContain("负责部门：国网克拉玛依供电有限公司、市发改委");
    const accepted = await h.tg.waitForWebhookDelivery(update.update_id);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toBe("");
    expect(h.tg.webhookAttempts.filter((a) => a.update_id === update.update_id)).toHaveLength(1);
  });

  it("refuses a request without the right secret with 401, and handles nothing from it", async () => {
    const sent = h.tg.callsTo("sendMessage").length;
    const update = { update_id: 777001, message: { message_id: 1, date: 1, chat: { id: 4242, type: "private", first_name: "X" }, from: { id: 4242, is_bot: false, first_name: "X" }, text: "小微企业办电要几天？" } };
    for (const secretToken of ["wrong-secret-0123456789", null, `${h.tg.webhook.secretToken}x`]) {
      const res = await h.tg.postToWebhook(update as never, { secretToken });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe("unauthorized");
    }
    // The same update with the right secret is handled: the refusals did not mark it as seen.
    const ok = await h.tg.postToWebhook(update as never);
    expect(ok.status).toBe(200);
    await h.tg.waitForMessage(4242, has("第11条"));
    expect(h.tg.callsTo("sendMessage").length).toBe(sent + 1);
    expect(h.h.logged("warn")).toContain("webhook request without the right secret token refused");
  });

  it("handles an update Telegram delivers twice only once", async () => {
    const first = h.tg.sendText({ chatId: 4343, text: "开公司要几天？" });
    await h.tg.waitForWebhookDelivery(first.update_id);
    await h.tg.waitForMessage(4343, () => true);
    // Telegram resends when it did not get an answer in time.
    const again = await h.tg.postToWebhook(first);
    expect(again.status).toBe(200);
    expect(h.tg.sentMessages(4343)).toHaveLength(1);
  });

  it("keeps one chat's updates in order while they arrive concurrently", async () => {
    const chat = 4545;
    const questions = ["小微企业办电要几天？", "开公司要几天？", "不动产登记要几天？", "供水报装要几个工作日"];
    const updates = questions.map((text) => h.tg.sendText({ chatId: chat, text }));
    for (const u of updates) await h.tg.waitForWebhookDelivery(u.update_id);
    await vi.waitFor(() => expect(h.tg.sentMessages(chat)).toHaveLength(questions.length), { timeout: 10_000 });
    const replies = h.tg.sentMessages(chat);
    expect(replies).toHaveLength(questions.length);
    // Each reply answers the message it replies to, and they went out in the order asked.
    expect(replies.map((m) => m.reply_to_message_id)).toEqual(updates.map((u) => u.message!.message_id));
  });

  it("opens a ticket from a webhook update and carries the staff reply back to the asker", async () => {
    const { card, id } = await h.h.openTicketVia(5151);
    h.tg.sendText({ chatId: STAFF_CHAT, userId: 777, firstName: "王五", text: "请带营业执照原件到政务大厅", replyToMessageId: card.message_id });
    const reply = await h.tg.waitForMessage(5151, has("请带营业执照原件到政务大厅"));
    expect(reply.plain_text).toContain(`#${id}`);
  });
});

/** A message update with an id of our choosing, so another "instance" can claim it before Telegram posts it. */
const textUpdate = (updateId: number, chatId: number, text: string) =>
  ({ update_id: updateId, message: { message_id: 1, date: 1, chat: { id: chatId, type: "private", first_name: "X" }, from: { id: chatId, is_bot: false, first_name: "X" }, text } }) as never;

/** Another instance on the same tickets store: its own service, so its own claim owner. */
function otherInstance(): HandoffService {
  return new HandoffService(SqliteHandoffStore.open(h.h.dataDir), { staffChatId: String(STAFF_CHAT) });
}

describe("an update another instance has claimed (webhook mode, UPDATE_CLAIM_SECONDS=1)", () => {
  let other: HandoffService;
  beforeAll(async () => {
    await h.startServer({ webhook: true, env: { UPDATE_CLAIM_SECONDS: "1" } });
    await h.botRunning();
    other = otherInstance();
  });
  afterAll(async () => {
    await other?.shutdown();
  });

  it("gets 503 with Retry-After while the claim is fresh, and is handled once when Telegram delivers it after the claim went stale", async () => {
    const update = textUpdate(990_001, 8181, "小微企业办电要几天？");
    // The other instance took it and died (or is still at it): its claim is fresh.
    expect(await other.claimUpdate(990_001)).toBe("mine");
    const res = await fetch(h.tg.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": h.tg.webhook.secretToken! },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(h.tg.sentMessages(8181)).toEqual([]);
    // Telegram delivers it again and again; once the claim is a second old, this instance takes it over.
    h.tg.pushRawUpdate(update);
    const accepted = await h.tg.waitForWebhookDelivery(990_001, { timeoutMs: 10_000 });
    expect(accepted.status).toBe(200);
    expect(h.tg.webhookAttempts.filter((a) => a.update_id === 990_001).map((a) => a.status)).toContain(503);
    await h.tg.waitForMessage(8181, has("第11条"));
    // Handled here and marked done: a further copy is dropped, by this instance and by any other.
    expect((await h.tg.postToWebhook(update)).status).toBe(200);
    const third = otherInstance();
    try {
      expect(await third.claimUpdate(990_001)).toBe("done");
    } finally {
      await third.shutdown();
    }
    expect(h.tg.sentMessages(8181)).toHaveLength(1);
    expect(h.h.logged("info")).toContain("webhook: update claimed by another instance; Telegram asked to deliver it again");
  });

  it("is dropped, not handled twice, once the other instance finished it", async () => {
    const update = textUpdate(990_002, 8282, "小微企业办电要几天？");
    expect(await other.claimUpdate(990_002)).toBe("mine");
    expect((await h.tg.postToWebhook(update)).status).toBe(503);
    await other.finishUpdate(990_002);
    expect((await h.tg.postToWebhook(update)).status).toBe(200);
    // Nothing was sent for it here (the other instance answered it).
    await new Promise((r) => setTimeout(r, 300));
    expect(h.tg.sentMessages(8282)).toEqual([]);
  });
});

describe("webhook secret from TELEGRAM_WEBHOOK_SECRET", () => {
  it("is the one registered and the only one accepted", async () => {
    const secret = "office-webhook-secret-0123456789";
    await h.startServer({ webhook: true, env: { TELEGRAM_WEBHOOK_SECRET: secret } });
    await h.botRunning();
    expect(h.tg.webhook.secretToken).toBe(secret);
    const derived = webhookSecretOf({ token: h.tg.token, webhookSecret: null })!;
    const update = h.tg.sendText({ chatId: 6161, text: "你好" });
    await h.tg.waitForWebhookDelivery(update.update_id);
    expect((await h.tg.postToWebhook({ ...update, update_id: update.update_id + 100000 }, { secretToken: derived })).status).toBe(401);
    // The secret never reaches the log.
    expect(h.h.logText()).not.toContain(secret);
  });
});

describe("polling mode after webhook mode", () => {
  it("removes the webhook before polling, so Telegram does not refuse the polls", async () => {
    await h.startServer({ webhook: true });
    await h.botRunning();
    await h.stopServer();
    // Same fake, webhook still registered, as after a restart without TELEGRAM_WEBHOOK_URL.
    const webhookBefore = h.tg.webhook.url;
    expect(webhookBefore).not.toBe("");
    await h.startServer({ keepFake: true });
    await h.botRunning();
    expect(h.tg.webhook.url).toBe("");
    h.tg.sendText({ chatId: 7171, text: "小微企业办电要几天？" });
    await h.tg.waitForMessage(7171, has("第11条"));
    const polls = h.tg.callsTo("getUpdates");
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((c) => c.status === 200)).toBe(true);
  });

  it("takes over at once an update the previous process claimed and never finished (one poller per token: that process is dead)", async () => {
    await h.startServer();
    await h.botRunning();
    // The process before the restart took it and was killed: its claim is seconds old, far from stale (60 s).
    const dead = otherInstance();
    try {
      expect(await dead.claimUpdate(990_003)).toBe("mine");
    } finally {
      await dead.shutdown();
    }
    h.tg.pushRawUpdate(textUpdate(990_003, 8383, "小微企业办电要几天？"));
    await h.tg.waitForMessage(8383, has("第11条"));
    h.tg.pushRawUpdate(textUpdate(990_003, 8383, "小微企业办电要几天？"));
    h.tg.sendText({ chatId: 8383, text: "/help" });
    await h.tg.waitForMessage(8383, has("使用帮助"));
    expect(h.tg.sentMessages(8383).filter(has("第11条"))).toHaveLength(1);
  });
});
