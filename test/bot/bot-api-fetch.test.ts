/**
 * The bot's Bot API transport (undici) against grammY's default (node-fetch): the same answers,
 * and the same error codes on network failures, which the Telegram link tells apart (refused:
 * never reached Telegram; reset: may have, and a stale kept-alive socket is tried once more).
 */
import http from "node:http";
import net from "node:net";
import { Api, GrammyError, HttpError, InputFile, type ApiClientOptions } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botApiFetch } from "../../src/bot/bot-api-fetch.js";
import { FakeTelegram } from "../support/fake-telegram.js";
import { closedPort, FlakyProxy } from "../support/flaky-proxy.js";

let tg: FakeTelegram;
let proxy: FlakyProxy;
let refusedRoot: string;
let hangUpRoot: string;
let htmlRoot: string;
const servers: (net.Server | http.Server)[] = [];

async function listen(server: net.Server | http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

beforeAll(async () => {
  tg = await FakeTelegram.start();
  proxy = await FlakyProxy.start(tg.apiRoot);
  refusedRoot = `http://127.0.0.1:${await closedPort()}`;
  // Reads the request, then closes the connection without an answer.
  hangUpRoot = await listen(
    net.createServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", () => socket.end());
    }),
  );
  // A gateway's error page instead of the API's JSON.
  htmlRoot = await listen(http.createServer((_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>")));
});

afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  await proxy.stop();
  await tg.stop();
});

const undici = botApiFetch();
const apiOver = (apiRoot: string, fetch: "undici" | "node-fetch") =>
  new Api(tg.token, { apiRoot, ...(fetch === "undici" ? { fetch: undici as unknown as ApiClientOptions["fetch"] } : {}) });

async function failure(apiRoot: string, fetch: "undici" | "node-fetch", signal?: AbortSignal): Promise<HttpError> {
  const err = await apiOver(apiRoot, fetch)
    .sendMessage(1001, "您好", undefined, signal as Parameters<Api["sendMessage"]>[3])
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

const codeOf = (err: HttpError) => (err.error as { code?: unknown }).code;

describe("the bot's Bot API transport", () => {
  it("sends JSON and multipart requests and reads Telegram's answers, errors included", async () => {
    const api = apiOver(tg.apiRoot, "undici");
    expect((await api.sendMessage(1001, "<b>第11条</b>", { parse_mode: "HTML" })).text).toBe("第11条");
    await expect(api.sendMessage(1001, "<b>unclosed", { parse_mode: "HTML" })).rejects.toBeInstanceOf(GrammyError);
    // The fake refuses uploads with a 400 of its own: the multipart body reached it and the answer was read.
    await expect(api.sendDocument(1001, new InputFile(Buffer.from("hello"), "a.txt"))).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: fake-telegram does not support multipart/form-data uploads",
    });
  });

  it.each([
    ["a refused connection", () => refusedRoot, "ECONNREFUSED"],
    ["a connection closed before the answer", () => hangUpRoot, "ECONNRESET"],
    ["a connection reset", () => proxy.url, "ECONNRESET"],
    ["a page that is not JSON", () => htmlRoot, undefined],
  ])("reports %s with node-fetch's code", async (_what, root, code) => {
    await proxy.setMode("reset");
    try {
      const ours = await failure(root(), "undici");
      const theirs = await failure(root(), "node-fetch");
      expect(codeOf(ours)).toBe(code);
      expect(codeOf(theirs)).toBe(code);
    } finally {
      await proxy.setMode("forward");
    }
  });

  it("reports an abort without a code, and never the token", async () => {
    const controller = new AbortController();
    const pending = failure(tg.apiRoot, "undici", controller.signal);
    controller.abort();
    const err = await pending;
    expect(codeOf(err)).toBeUndefined();
    expect((err.error as Error).name).toBe("AbortError");
    const refused = await failure(refusedRoot, "undici");
    expect(`${refused.message} ${(refused.error as Error).message}`).not.toContain(tg.token);
  });
});
