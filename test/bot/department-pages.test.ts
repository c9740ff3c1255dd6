/**
 * A department's measures paged in Telegram (/measures 部门 and its page buttons), and the hint under a
 * department answer cut at its 20 most relevant measures. A synthetic corpus of 400 measures (the real
 * ones inside) gives departments with dozens of measures; the measures feature runs on a grammY bot
 * against the fake Bot API, updates handed to it directly.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Bot } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { measuresFeature } from "../../src/bot/features/measures.js";
import { formatAnswer } from "../../src/bot/format.js";
import type { BotServices } from "../../src/bot/services.js";
import { generateSyntheticCorpus, writeCorpusDir } from "../../src/cli/bench/synthetic-corpus.js";
import { loadConfig } from "../../src/config.js";
import { FakeTelegram, type SentMessage } from "../support/fake-telegram.js";

const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));
const CHAT = 4242;
const DEPARTMENT = "市住建局";

let root: string;
let engine: PolicyEngine;
let tg: FakeTelegram;
let bot: Bot;

const buttonData = (m: SentMessage): string[] =>
  ((m.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data)
    .filter((d): d is string => typeof d === "string");
const lastMessage = () => tg.sentMessages(CHAT).at(-1)!;
const say = (text: string) => bot.handleUpdate(tg.sendText({ chatId: CHAT, text }));
const naming = () => engine.measures().filter((m) => m.departments.includes(DEPARTMENT));

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "department-pages-"));
  const policy = fs.readdirSync(path.join(CORPUS_DIR, "policy")).find((f) => f.endsWith(".txt"))!;
  const synthetic = generateSyntheticCorpus(fs.readFileSync(path.join(CORPUS_DIR, "policy", policy), "utf8"), { measures: 400, seed: 7 });
  writeCorpusDir(path.join(root, "corpus"), synthetic.text, CORPUS_DIR);
  engine = await openEngine(loadConfig({ DATA_DIR: path.join(root, "data"), CORPUS_DIR: path.join(root, "corpus") }, { dotenvFile: false }), { log: () => undefined });
  tg = await FakeTelegram.start();
  bot = new Bot(tg.token, { botInfo: tg.botInfo, client: { apiRoot: tg.apiRoot } });
  bot.use(measuresFeature({ engine } as BotServices));
});

afterAll(async () => {
  await tg.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("/measures 部门", () => {
  it("lists the department's measures, 10 a page, in number order, with page buttons that work", async () => {
    const all = naming();
    expect(all.length).toBeGreaterThan(20);
    await say("/measures 住建局"); // a short form
    const first = lastMessage();
    expect(first.plain_text).toContain(`${DEPARTMENT}负责（含共同负责）的措施，共 ${all.length} 条（第 1/${Math.ceil(all.length / 10)} 页）`);
    for (const m of all.slice(0, 10)) expect(first.plain_text).toContain(`${m.number}. `);
    expect(first.plain_text).not.toContain(`\n${all[10]!.number}. `);
    const next = buttonData(first).find((d) => /^m:d:\d+:2$/.test(d));
    expect(next).toBeDefined();
    expect(buttonData(first)).toContain(`m:${all[0]!.number}`);

    await bot.handleUpdate(tg.clickButton({ chatId: CHAT, messageId: first.message_id, data: next! }));
    const page2 = tg.sentMessages(CHAT).find((m) => m.message_id === first.message_id)!;
    expect(page2.plain_text).toContain(`（第 2/${Math.ceil(all.length / 10)} 页）`);
    for (const m of all.slice(10, 20)) expect(page2.plain_text).toContain(`${m.number}. `);
    expect(buttonData(page2)).toContain(next!.replace(/:2$/, ":1"));
  });

  it("an unknown department gets a clear reply; a number still pages the whole catalogue", async () => {
    await say("/measures 火星局");
    expect(lastMessage().plain_text).toContain("没有找到“火星局”负责的措施");
    await say("/measures 2");
    expect(lastMessage().plain_text).toContain("措施目录");
    expect(lastMessage().plain_text).toContain("（第 2/40 页）");
  });

  it("a page button for a department that no longer exists is answered, not thrown", async () => {
    const before = tg.callsTo("answerCallbackQuery").length;
    await say("/measures 住建局");
    await bot.handleUpdate(tg.clickButton({ chatId: CHAT, messageId: lastMessage().message_id, data: "m:d:9999:1", allowUnknownData: true }));
    expect(tg.callsTo("answerCallbackQuery").length).toBe(before + 1);
  });
});

describe("a department answer cut at 20", () => {
  it("says in Telegram how many there are and how to page through them", async () => {
    const answer = await engine.ask("住建局负责哪些？");
    expect(answer.listing?.total).toBe(naming().length);
    const html = formatAnswer(answer, engine.documentTitle());
    expect(html).toContain(`以上是与问题最相关的 20 条，共 ${naming().length} 条。发送 /measures ${DEPARTMENT} 分页查看全部。`);
  });
});
