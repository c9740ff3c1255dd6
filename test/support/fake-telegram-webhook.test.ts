import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fake-telegram.js";

// The fake Bot API's webhook side: what setWebhook accepts, and how updates are posted (with the
// secret, retried until accepted, not polled meanwhile).
let tg: FakeTelegram;
let server: http.Server;
const received: Array<{ secret: string | undefined; update: { update_id: number } }> = [];
let answers: number[] = [];

beforeAll(async () => {
  tg = await FakeTelegram.start({ webhookRetryMs: 20 });
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined, update: JSON.parse(body) });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
});

afterAll(async () => {
  await tg.stop();
  await new Promise<void>((r) => server.close(() => r()));
});

const call = async (method: string, params: Record<string, unknown>) =>
  (await fetch(`${tg.apiRoot}/bot${tg.token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) })).json() as Promise<{ ok: boolean; result?: any; description?: string }>;

describe("fake Bot API webhook", () => {
  it("refuses a secret with characters Telegram does not allow, and a URL that is not http(s)", async () => {
    expect((await call("setWebhook", { url: "http://127.0.0.1:1/x", secret_token: "has space" })).description).toBe("Bad Request: secret token contains unallowed characters");
    expect((await call("setWebhook", { url: "ftp://x" })).ok).toBe(false);
    expect(tg.webhook.url).toBe("");
  });

  it("posts updates with the secret, retries until accepted, refuses polls meanwhile, and reports itself in getWebhookInfo", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    expect((await call("setWebhook", { url, secret_token: "s3cret_token-1", allowed_updates: ["message"] })).ok).toBe(true);
    answers = [500, 502];
    const update = tg.sendText({ chatId: 9, text: "hi" });
    const accepted = await tg.waitForWebhookDelivery(update.update_id);
    expect(accepted.status).toBe(200);
    expect(tg.webhookAttempts.filter((a) => a.update_id === update.update_id).map((a) => a.status)).toEqual([500, 502, 200]);
    expect(received.every((r) => r.secret === "s3cret_token-1")).toBe(true);
    expect((await call("getUpdates", {})).description).toMatch(/^Conflict: can't use getUpdates method while webhook is active/);
    const info = (await call("getWebhookInfo", {})).result;
    expect(info).toMatchObject({ url, pending_update_count: 0, allowed_updates: ["message"], last_error_message: "Wrong response from the webhook: 502" });
    expect(info.secret_token).toBeUndefined();
  });

  it("deleteWebhook stops the posting and lets polls have the updates", async () => {
    expect((await call("deleteWebhook", {})).ok).toBe(true);
    const update = tg.sendText({ chatId: 9, text: "again" });
    const polled = await call("getUpdates", {});
    expect(polled.result.map((u: { update_id: number }) => u.update_id)).toEqual([update.update_id]);
    expect(received.some((r) => r.update.update_id === update.update_id)).toBe(false);
  });
});
