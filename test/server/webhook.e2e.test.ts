import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { webhookSecretOf } from "../../src/config.js";
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
});
