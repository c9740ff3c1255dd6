import { Api, Composer, Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { FeatureComposer } from "../../src/bot/composer.js";

// FeatureComposer decides filters without building a Composer per update: the same middleware must run, in the same order.
// Commands are matched against the username; nothing here reads the rest of getMe.
const ME = { id: 42, is_bot: true, first_name: "Bot", username: "policy_bot" } as UserFromGetMe;
const api = new Api("42:TEST");
const from = { id: 7, is_bot: false, first_name: "Ann" };
const privateChat = { id: 7, type: "private" as const, first_name: "Ann" };
const group = { id: -100, type: "group" as const, title: "staff" };

const text = (t: string, chat: typeof privateChat | typeof group = privateChat): Update => ({
  update_id: 1,
  message: {
    message_id: 1,
    date: 0,
    chat,
    from,
    text: t,
    ...(t.startsWith("/") ? { entities: [{ type: "bot_command" as const, offset: 0, length: t.split(" ")[0]!.length }] } : {}),
  },
});
const press = (data: string): Update => ({
  update_id: 2,
  callback_query: { id: "q", from, chat_instance: "c", data, message: { message_id: 3, date: 0, chat: privateChat, text: "card" } },
});

/** The same features on either composer; `log` records what ran. */
function features(make: () => Composer<Context>, log: string[]): Composer<Context> {
  const root = make();
  const safe = root.errorBoundary((err) => void log.push(`caught ${(err.error as Error).message}`));
  safe.command("boom", () => {
    throw new Error("boom");
  });
  root.command("start", (ctx) => void log.push(`start ${ctx.match}`));
  root.callbackQuery(/^pick:(\d)$/, (ctx) => void log.push(`pick ${ctx.match[1]}`));
  const p = root.chatType("private");
  p.on("message:text", async (ctx, next) => {
    log.push(`text ${ctx.msg.text}`);
    if (ctx.msg.text === "pass") await next();
  });
  // Added after the filter was registered: still runs.
  p.filter(async (ctx) => ctx.msg?.text === "pass", (_ctx, next) => (log.push("after pass"), next()));
  root.drop((ctx) => ctx.chat?.type === "private", (_ctx, next) => (log.push("not private"), next()));
  root.branch((ctx) => ctx.callbackQuery !== undefined, (_ctx, next) => (log.push("a press"), next()), () => void log.push("no press"));
  root.use(() => void log.push("last"));
  return root;
}

async function run(make: () => Composer<Context>, update: Update): Promise<string[]> {
  const log: string[] = [];
  await features(make, log).middleware()(new Context(update, api, ME), async () => void log.push("next"));
  return log;
}

describe("FeatureComposer", () => {
  const updates: Array<[string, Update]> = [
    ["a question", text("开公司要几天")],
    ["a text that passes on", text("pass")],
    ["a command", text("/start abc")],
    ["a failing command", text("/boom")],
    ["a group message", text("hello", group)],
    ["a matching press", press("pick:3")],
    ["another press", press("other")],
  ];

  it.each(updates)("runs what grammY's Composer runs, in its order: %s", async (_name, update) => {
    const grammy = await run(() => new Composer<Context>(), update);
    expect(grammy.length).toBeGreaterThan(0);
    expect(await run(() => new FeatureComposer<Context>(), update)).toEqual(grammy);
  });

  it("the cases above reach different handlers", async () => {
    const logs = await Promise.all(updates.map(([, u]) => run(() => new FeatureComposer<Context>(), u)));
    expect(logs).toEqual([
      ["text 开公司要几天"],
      ["text pass", "after pass", "no press"],
      ["start abc"],
      ["caught boom"],
      ["not private", "no press"],
      ["pick 3"],
      ["a press", "last"],
    ]);
  });

  // use() appends to a list run in one loop: what grammY's nested concat() does at its edges too.
  const edges = (make: () => Composer<Context>, log: string[]) => {
    const root = make();
    const later = root.use((_ctx, next) => (log.push("first"), next()));
    root.use(new Composer<Context>((_ctx, next) => (log.push("a grammY composer"), next())));
    root.command("twice", async (_ctx, next) => {
      await next();
      await next();
    });
    root.command("throw", () => {
      throw new Error("thrown");
    });
    root.use((ctx) => void log.push(`end ${ctx.msg?.text}`));
    // Added to a composer use() returned, after the rest: runs in its place.
    later.use((_ctx, next) => (log.push("added later"), next()));
    return root;
  };
  const outcome = async (make: () => Composer<Context>, t: string) => {
    const log: string[] = [];
    const done = edges(make, log).middleware()(new Context(text(t), api, ME), async () => void log.push("next"));
    const error = await Promise.resolve(done).then(() => null, (e: Error) => e.message);
    return { log, error };
  };

  it.each(["hello", "/twice", "/throw"])("settles as grammY's Composer does: %s", async (t) => {
    const grammy = await outcome(() => new Composer<Context>(), t);
    expect(await outcome(() => new FeatureComposer<Context>(), t)).toEqual(grammy);
  });

  it("the edge cases above: a second next() and a throw reject, a middleware added later runs", async () => {
    expect(await outcome(() => new FeatureComposer<Context>(), "hello")).toEqual({ log: ["first", "added later", "a grammY composer", "end hello"], error: null });
    expect(await outcome(() => new FeatureComposer<Context>(), "/twice")).toEqual({ log: ["first", "added later", "a grammY composer", "end /twice"], error: "`next` already called before!" });
    expect(await outcome(() => new FeatureComposer<Context>(), "/throw")).toEqual({ log: ["first", "added later", "a grammY composer"], error: "thrown" });
  });
});
