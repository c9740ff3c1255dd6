/**
 * The running bot (runBot against the fake Bot API) picks up a changed corpus without a restart: a temp
 * copy of corpus/ is watched; an edit changes the answer and the staff chat gets what changed; a
 * malformed edit leaves answers as they were and the staff chat gets its file:line; staff can /reindex.
 * Waits are on messages the fake server received, never on elapsed time.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LiveEngine } from "../../src/answer/live-engine.js";
import { openLivePolicy } from "../../src/compose.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { Reloader } from "../../src/reload/reloader.js";
import { ASKER, BotHarness, has, STAFF, STAFF_CHAT } from "../support/bot-harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";
const SECOND_DOCUMENT = path.join(REPO, "test/fixtures/test-2023-second-document.txt");
const WAIT = { timeoutMs: 30_000 };
const QUESTION = "小微企业办电要几天";

interface Setup {
  h: BotHarness;
  live: LiveEngine;
  reloader: Reloader;
  config: Config;
  policyFile: string;
  logs: string[];
}

/**
 * A bot on a temp copy of the corpus, composed as npm start composes it: the live policy (watching the
 * copy when `watch`) with the FAQ, the conversations and the question log in front of it.
 */
async function setUp(prefix: string, watch: boolean): Promise<Setup> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const corpusDir = path.join(root, "corpus");
  fs.cpSync(path.join(REPO, "corpus"), corpusDir, { recursive: true });
  const config = loadConfig({ DATA_DIR: path.join(root, "engine"), CORPUS_DIR: corpusDir, CORPUS_WATCH: watch ? "on" : "off" }, { dotenvFile: false });
  const logs: string[] = [];
  const log = (m: string) => logs.push(m);
  const policy = await openLivePolicy({ config, engineOptions: { log }, log, debounceMs: 200 });
  const h = await BotHarness.open(policy.engine);
  await h.startBot({ live: policy });
  return { h, live: policy.engine, reloader: policy.reloader, config, policyFile: path.join(corpusDir, POLICY), logs };
}

async function tearDown(s: Setup) {
  await s.reloader.close();
  await s.h.close();
  fs.rmSync(path.dirname(s.config.corpusDir), { recursive: true, force: true });
}

const edit = (file: string, from: string, to: string) => {
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
};

/** Ask in the asker's chat and return the reply to that question (the first one after it containing `containing`). */
async function ask(h: BotHarness, text: string, containing: string) {
  const seen = Math.max(0, ...h.tg.sentMessages(ASKER).map((m) => m.message_id));
  h.tg.sendText({ chatId: ASKER, text });
  return h.tg.waitForMessage(ASKER, (m) => m.message_id > seen && m.plain_text.includes(containing), WAIT);
}

describe("while the bot runs, the corpus folder is watched", () => {
  let s: Setup;
  beforeAll(async () => (s = await setUp("live-reload-watch-", true)), 120_000);
  afterAll(async () => s && (await tearDown(s)));

  it("an edited measure changes the answer within seconds, no restart; the staff chat is told what changed", async () => {
    const before = await ask(s.h, QUESTION, "第11条");
    expect(before.plain_text).toContain("个体工商户供电报装办理周期压缩至2日");

    edit(s.policyFile, "个体工商户供电报装办理周期压缩至2日", "个体工商户供电报装办理周期压缩至3日");
    const notice = await s.h.tg.waitForMessage(STAFF_CHAT, has("政策库已更新"), WAIT);
    expect(notice.plain_text.split("\n")).toEqual([
      "🔄 政策库已更新（文件有改动，自动重新加载），新的提问按新版本回答。",
      "新增 0 条",
      "修改 1 条：第11条",
      "删除 0 条",
      "现依据《2022年优化营商环境提升服务效能42项措施》回答，共 42 条措施。",
    ]);

    const after = await ask(s.h, QUESTION, "第11条");
    expect(after.plain_text).toContain("个体工商户供电报装办理周期压缩至3日");
    expect(after.plain_text).not.toContain("压缩至2日,具备装表条件");
    // One report for the edit, however many file events the save made.
    expect(s.h.count(STAFF_CHAT, "政策库已更新")).toBe(1);
  }, 90_000);

  it("a malformed edit leaves the answers as they were; the staff chat gets its file:line; undoing it is said too", async () => {
    const lines = fs.readFileSync(s.policyFile, "utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith("3、"));
    const good = lines[at]!;
    lines[at] = "3、深化企业简易注销登记改革，这一行漏掉了负责部门。";
    fs.writeFileSync(s.policyFile, lines.join("\n"));

    const refused = await s.h.tg.waitForMessage(STAFF_CHAT, has("政策文件有误"), WAIT);
    expect(refused.plain_text).toContain("机器人仍按原来的版本回答（42 条措施）");
    expect(refused.plain_text).toContain(`${path.basename(s.policyFile)}:${at + 1}`);
    expect(refused.plain_text).toContain("measure 3 has no responsible departments");
    expect(s.logs.some((l) => l.includes(`${path.basename(s.policyFile)}:${at + 1}`) && l.includes("still answering from the previous version"))).toBe(true);

    // Answers are unchanged: the edited measure 11 as before, and measure 3 as it was.
    expect((await ask(s.h, QUESTION, "第11条")).plain_text).toContain("压缩至3日");
    expect((await ask(s.h, "第3条", "第3条")).plain_text).toContain("负责部门：市市场监管局");

    lines[at] = good;
    fs.writeFileSync(s.policyFile, lines.join("\n"));
    await s.h.tg.waitForMessage(STAFF_CHAT, has("政策文件已改回正在使用的版本"), WAIT);
    expect(s.h.count(STAFF_CHAT, "政策文件有误")).toBe(1);
  }, 90_000);

  it("a second document added beside the first: its measures are reported, and 第2条 names the document it comes from", async () => {
    fs.copyFileSync(SECOND_DOCUMENT, path.join(s.config.corpusDir, "policy", path.basename(SECOND_DOCUMENT)));
    const notice = await s.h.tg.waitForMessage(STAFF_CHAT, has("新增 3 条"), WAIT);
    expect(notice.plain_text).toContain("新增 3 条：《2023年优化营商环境测试措施》第1条、《2023年优化营商环境测试措施》第2条、《2023年优化营商环境测试措施》第3条");
    expect(notice.plain_text).toContain("共 45 条措施");
    const reply = await ask(s.h, "第2条", "夜市");
    expect(reply.plain_text).toContain("《2023年优化营商环境测试措施》第2条 推行夜市摊位线上登记");
    // Its button opens that document's measure, not the 2022 第2条.
    const data = (reply.reply_markup as { inline_keyboard: Array<Array<{ callback_data?: string }>> }).inline_keyboard[0]![0]!.callback_data!;
    expect(data).toMatch(/^m:2:[0-9a-f]{8}$/);
    s.h.tg.clickButton({ chatId: ASKER, messageId: reply.message_id, data });
    const full = await s.h.tg.waitForMessage(ASKER, (m) => m.message_id > reply.message_id && m.plain_text.includes("夜市经营户可通过手机登记摊位"), WAIT);
    expect(full.plain_text.startsWith("《2023年优化营商环境测试措施》第2条")).toBe(true);
  }, 90_000);
});

describe("/reindex (watching off)", () => {
  let s: Setup;
  beforeAll(async () => (s = await setUp("live-reload-command-", false)), 120_000);
  afterAll(async () => s && (await tearDown(s)));
  afterEach(() => expect(s.h.errors()).toEqual([]));

  it("staff reload by command: the reply says what changed, and answers follow it", async () => {
    edit(s.policyFile, "个体工商户供电报装办理周期压缩至2日", "个体工商户供电报装办理周期压缩至5日");
    expect((await ask(s.h, QUESTION, "第11条")).plain_text).toContain("压缩至2日"); // not watched: nothing yet
    s.h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF, text: "/reindex" });
    const reply = await s.h.tg.waitForMessage(STAFF_CHAT, has("政策库已更新"), WAIT);
    expect(reply.plain_text).toContain("/reindex（王五）");
    expect(reply.plain_text).toContain("修改 1 条：第11条");
    expect((await ask(s.h, QUESTION, "第11条")).plain_text).toContain("压缩至5日");
    // The reply in the staff chat is the report: not posted twice.
    expect(s.h.count(STAFF_CHAT, "政策库已更新")).toBe(1);

    s.h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF, text: "/reindex" });
    await s.h.tg.waitForMessage(STAFF_CHAT, has("政策文件没有变化，继续按当前版本回答（42 条措施）"), WAIT);
  }, 90_000);

  it("a malformed file: /reindex answers with its file:line and the old version keeps answering", async () => {
    edit(s.policyFile, "(市住建局负责)。\n13、", "。\n13、");
    s.h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF, text: "/reindex" });
    const reply = await s.h.tg.waitForMessage(STAFF_CHAT, has("政策文件有误"), WAIT);
    const line = fs.readFileSync(s.policyFile, "utf8").split("\n").findIndex((l) => l.startsWith("12、")) + 1;
    expect(reply.plain_text).toContain(`${path.basename(s.policyFile)}:${line}`);
    expect((await ask(s.h, QUESTION, "第11条")).plain_text).toContain("压缩至5日");
  }, 90_000);

  it("refused to anyone but staff, and changes nothing", async () => {
    const served = s.live.current;
    s.h.tg.sendText({ chatId: ASKER, text: "/reindex" });
    await s.h.tg.waitForMessage(ASKER, has("此功能仅限工作人员使用"), WAIT);
    expect(s.live.current).toBe(served);
  }, 30_000);
});
