/**
 * The Telegram bot on a corpus of two documents (the real 2022 set and the made-up 2023 test document):
 * /measure with and without a year, the paged list with each document's title, buttons that keep the
 * document, staff cards naming the candidates' documents.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadConfig } from "../../src/config.js";
import { ASKER, BotHarness, buttonData, has, STAFF_CHAT } from "../support/bot-harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const D2022 = "《2022年优化营商环境提升服务效能42项措施》";
const D2023 = "《2023年优化营商环境测试措施》";
const WAIT = { timeoutMs: 20_000 };

let h: BotHarness;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "bot-two-documents-"));
  fs.cpSync(path.join(REPO, "corpus"), path.join(root, "corpus"), { recursive: true });
  fs.copyFileSync(path.join(REPO, "test/fixtures/test-2023-second-document.txt"), path.join(root, "corpus/policy/test-2023-second-document.txt"));
  const engine = await openEngine(loadConfig({ DATA_DIR: path.join(root, "data"), CORPUS_DIR: path.join(root, "corpus") }, { dotenvFile: false }), { log: () => undefined });
  h = await BotHarness.open(engine);
  await h.startBot();
}, 90_000);
afterAll(async () => {
  await h.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The bot's first message to the asker after this point that contains `text`. */
async function reply(text: string, containing: string) {
  const seen = Math.max(0, ...h.tg.sentMessages(ASKER).map((m) => m.message_id));
  h.tg.sendText({ chatId: ASKER, text });
  return h.tg.waitForMessage(ASKER, (m) => m.message_id > seen && m.plain_text.includes(containing), WAIT);
}

describe("the bot with two documents", () => {
  it("/measure 2 is the current document's; /measure 2022 2 and /measure 2022年第40条 pick 2022's", async () => {
    expect((await reply("/measure 2", "第2条")).plain_text.startsWith(`${D2023}第2条 推行夜市摊位线上登记`)).toBe(true);
    expect((await reply("/measure 2022 2", "第2条")).plain_text.startsWith(`${D2022}第2条 深化“证照分离”改革`)).toBe(true);
    expect((await reply("/measure 2022年第40条", "第40条")).plain_text.startsWith(`${D2022}第40条`)).toBe(true);
    // 第40条 only 2022 has: found there without a year.
    expect((await reply("/measure 40", "第40条")).plain_text.startsWith(`${D2022}第40条`)).toBe(true);
  }, 60_000);

  it("a year no document has: how to write it, with each document and its count", async () => {
    const help = await reply("/measure 2024 2", "请输入措施编号");
    expect(help.plain_text).toContain("• 2022年《2022年优化营商环境提升服务效能42项措施》：共 42 条");
    expect(help.plain_text).toContain("• 2023年《2023年优化营商环境测试措施》：共 3 条");
  }, 30_000);

  it("/measures lists both documents, each under its title, buttons carrying the document", async () => {
    const first = await reply("/measures", "措施目录");
    expect(first.plain_text).toContain(`${D2022}\n1. `);
    const last = await reply("/measures 5", "第 5/5 页");
    const lines = last.plain_text.split("\n");
    expect(lines.slice(3)).toEqual([D2022, expect.stringMatching(/^41\. /), expect.stringMatching(/^42\. /), D2023, "1. 压缩供水报装时间", "2. 推行夜市摊位线上登记", "3. 优化充电桩报装服务"]);
    const data = buttonData(last).filter((d) => /^m:\d/.test(d));
    expect(data).toHaveLength(5);
    expect(data.every((d) => /^m:\d+:[0-9a-f]{8}$/.test(d))).toBe(true);
    // The 2023 第1条 button opens the 2023 measure, not 2022's 第1条.
    const seen = Math.max(...h.tg.sentMessages(ASKER).map((m) => m.message_id));
    h.tg.clickButton({ chatId: ASKER, messageId: last.message_id, data: data[2]! });
    const opened = await h.tg.waitForMessage(ASKER, (m) => m.message_id > seen, WAIT);
    expect(opened.plain_text.startsWith(`${D2023}第1条 压缩供水报装时间`)).toBe(true);
  }, 60_000);

  it("a clarify's choices name their documents; a pick, pressed or typed, answers from the measure of the document offered", async () => {
    // 许可 fits three 2022 measures alike; 2023 has a 第2条 too (夜市摊位), which a bare number would mean.
    const offer = await reply("许可", "请点选");
    expect(offer.plain_text).toContain(`2. ${D2022}第2条 深化“证照分离”改革`);
    const picks = buttonData(offer).filter((d) => /^c:[\w-]+:\d+/.test(d));
    expect(picks).toHaveLength(3);
    expect(picks.every((d) => /^c:[\w-]+:\d+:[0-9a-f]{8}$/.test(d))).toBe(true);
    const second = picks.find((d) => /^c:[\w-]+:2:/.test(d))!;
    const seen = Math.max(...h.tg.sentMessages(ASKER).map((m) => m.message_id));
    h.tg.clickButton({ chatId: ASKER, messageId: offer.message_id, data: second });
    const picked = await h.tg.waitForMessage(ASKER, (m) => m.message_id > seen && m.plain_text.includes("第2条"), WAIT);
    expect(picked.plain_text).toContain(`${D2022}第2条 深化“证照分离”改革`);
    expect(picked.plain_text).not.toContain("夜市");
    // Typed instead of pressed: the same choice.
    await reply("许可", "请点选");
    const typed = await reply("2", "第2条");
    expect(typed.plain_text).toContain(`${D2022}第2条 深化“证照分离”改革`);
    expect(typed.plain_text).not.toContain("夜市");
  }, 60_000);

  it("an answer's footer names the documents it quotes; a handoff's card names its candidates' documents", async () => {
    const answer = await reply("夜市摆摊怎么登记摊位", "夜市");
    expect(answer.plain_text).toContain(`以上内容摘自${D2023}。`);
    expect(answer.plain_text).not.toContain(D2022);
    h.tg.sendText({ chatId: ASKER, text: "供水报装的收费标准是多少钱" });
    const card = await h.tg.waitForMessage(STAFF_CHAT, has("供水报装的收费标准是多少钱"), WAIT);
    expect(card.plain_text).toMatch(/• 《20\d\d年[^》]+》第\d+条/);
  }, 60_000);
});
