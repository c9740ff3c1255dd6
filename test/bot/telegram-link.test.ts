/**
 * The Bot API link against an API root that cannot be reached: a closed port (connection
 * refused) and a port that accepts connections and never answers. Real requests through
 * grammY's client; time for back-off and reminders on a manual clock, so ten minutes of
 * outage take milliseconds and the log can be counted exactly.
 */
import net from "node:net";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, type ApiClientOptions } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botApiFetch } from "../../src/bot/bot-api-fetch.js";
import type { BotLogger } from "../../src/bot/logger.js";
import { TelegramLink } from "../../src/bot/telegram-link.js";
import { FakeTelegram } from "../support/fake-telegram.js";
import { closedPort, FlakyProxy } from "../support/flaky-proxy.js";
import { awaited, ManualClock } from "../support/manual-clock.js";

// Shaped like a real token, so a leak would also be caught by its shape.
const TOKEN = "987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

interface LogLine {
  level: string;
  message: string;
}

function recordingLogger(): { logger: BotLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, meta?: Record<string, unknown>) => lines.push({ level, message: meta ? `${message} ${JSON.stringify(meta)}` : message });
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

// The link over both transports: the bot's own (undici) and grammY's default (node-fetch).
const TRANSPORTS = [
  ["undici (the bot's)", () => botApiFetch() as unknown as ApiClientOptions["fetch"]],
  ["grammY's node-fetch", () => undefined],
] as const;
let transport: () => ApiClientOptions["fetch"] | undefined;

function linkedApi(apiRoot: string, opts: { clock?: ManualClock; requestTimeoutMs?: number } = {}) {
  const { logger, lines } = recordingLogger();
  const link = new TelegramLink({ apiRoot, logger, ...opts });
  const fetch = transport();
  const api = new Api(TOKEN, { apiRoot, ...(fetch ? { fetch } : {}) });
  api.config.use(...link.transformers(autoRetry({ rethrowHttpErrors: true })));
  return { api, link, lines };
}

/** An API root that accepts connections and never answers; `accepted` are its connections. */
async function blackholeServer() {
  const accepted = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    accepted.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    root: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    accepted,
    close: async () => {
      for (const s of accepted) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let refusedRoot: string;
let blackhole: Awaited<ReturnType<typeof blackholeServer>>;
let blackholeRoot: string;

beforeAll(async () => {
  refusedRoot = `http://127.0.0.1:${await closedPort()}`;
  blackhole = await blackholeServer();
  blackholeRoot = blackhole.root;
});

afterAll(async () => {
  await blackhole.close();
});

describe.each(TRANSPORTS)("over %s", (_name, fetch) => {
  beforeAll(() => {
    transport = fetch;
  });

  describe("an API root that refuses connections", () => {
    it("logs at once with the API root and never the token, retries with a growing back-off, and reminds every minute", async () => {
      const clock = new ManualClock();
      const { api, link, lines } = linkedApi(refusedRoot, { clock });
      const polling = api.getUpdates({ timeout: 0 }).catch((e: unknown) => e);

      // Each failed attempt schedules the next after a back-off; live through nine of them.
      const waits: number[] = [];
      for (let i = 0; i < 9; i++) {
        const backoff = await clock.waitForTimer(awaited);
        if (i === 0) {
          // Logged at the first failure, before any time passed.
          expect(lines).toEqual([
            {
              level: "error",
              message: `cannot reach the Telegram Bot API at ${refusedRoot}: connection refused (ECONNREFUSED). Check the network, proxy and firewall, and TELEGRAM_API_ROOT; retrying with a growing back-off (at most 1 min).`,
            },
          ]);
        }
        waits.push(backoff.ms);
        clock.advance(backoff.ms);
      }
      expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);

      // 243 s of outage: the first line, then a reminder at 1, 2, 3 and 4 minutes.
      const reminders = lines.filter((l) => l.message.startsWith("still cannot reach"));
      expect(reminders.map((l) => l.message.replace(/ \(.*$/, ""))).toEqual([1, 2, 3, 4].map((m) => `still cannot reach the Telegram Bot API at ${refusedRoot} after ${m} min`));
      expect(reminders[0]!.message).toMatch(/\(\d+ failed attempts, last: connection refused \(ECONNREFUSED\); next attempt in \d+ s\)$/);
      expect(lines.filter((l) => l.level === "error")).toHaveLength(5);

      // Shutdown ends the wait at once.
      link.shutdown();
      expect(await polling).toBeInstanceOf(Error);
      expect(JSON.stringify(lines)).not.toContain(TOKEN);
      expect(JSON.stringify(lines)).not.toContain(TOKEN.split(":")[1]);
    });

    it("holds a reply through the outage and sends it, once, when Telegram is back", async () => {
      const tg = await FakeTelegram.start({ token: TOKEN });
      const proxy = await FlakyProxy.start(tg.apiRoot);
      try {
        await proxy.setMode("closed");
        const clock = new ManualClock();
        const { api, link, lines } = linkedApi(proxy.url, { clock });
        const sending = api.sendMessage(1001, "您的工单已受理");
        clock.advance((await clock.waitForTimer(awaited)).ms);
        clock.advance((await clock.waitForTimer(awaited)).ms);
        const third = await clock.waitForTimer(awaited);
        expect(clock.scheduled.filter(awaited).map((t) => t.ms)).toEqual([1_000, 2_000, 4_000]);

        await proxy.setMode("forward");
        clock.advance(third.ms);
        expect((await sending).text).toBe("您的工单已受理");
        expect(tg.callsTo("sendMessage")).toHaveLength(1);
        expect(lines.map((l) => l.message)).toEqual([
          `cannot reach the Telegram Bot API at ${proxy.url}: connection refused (ECONNREFUSED). Check the network, proxy and firewall, and TELEGRAM_API_ROOT; retrying with a growing back-off (at most 1 min).`,
          `the Telegram Bot API at ${proxy.url} is reachable again after 7 s (3 failed attempts)`,
        ]);
        link.shutdown();
      } finally {
        await proxy.stop();
        await tg.stop();
      }
    });
  });

  describe("an API root that accepts connections and never answers", () => {
    it("counts silence past the request deadline as a failure, with the API root", async () => {
      const { api, link, lines } = linkedApi(blackholeRoot, { requestTimeoutMs: 200 });
      const gettingMe = api.getMe().catch((e: unknown) => e);
      await expect.poll(() => lines.length, { timeout: 5_000 }).toBe(1);
      expect(lines[0]!.message).toBe(
        `cannot reach the Telegram Bot API at ${blackholeRoot}: no response within 200 ms. Check the network, proxy and firewall, and TELEGRAM_API_ROOT; retrying with a growing back-off (at most 1 min).`,
      );
      link.shutdown();
      expect(await gettingMe).toBeInstanceOf(Error);
    });

    it("ends a request in flight at shutdown instead of waiting for its deadline", async () => {
      // A black hole of its own: a retry of the test before may still reach the shared one and be counted.
      const own = await blackholeServer();
      try {
        const { api, link, lines } = linkedApi(own.root, { requestTimeoutMs: 600_000 });
        const polling = api.getUpdates({ timeout: 30 }).catch((e: unknown) => e);
        await expect.poll(() => own.accepted.size, { timeout: 5_000 }).toBe(1);
        link.shutdown();
        // Without the shutdown this would wait 630 s, far past the test's timeout.
        expect(await polling).toBeInstanceOf(Error);
        expect(lines).toEqual([]);
      } finally {
        await own.close();
      }
    });
  });
});
