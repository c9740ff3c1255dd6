/**
 * Corpus text is text, not markup: a policy whose title, measures and departments contain
 * <, > and & reaches the asker literally through /measure, /measures, /start, answers,
 * handoff pointers and the staff card (the fake Telegram server parses HTML as Telegram does
 * and refuses unknown tags). The count in "共N条" comes from this corpus, not the real one.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { loadConfig } from "../../src/config.js";
import { ASKER, BotHarness, has, STAFF_CHAT } from "../support/bot-harness.js";

const TITLE = "2023年测试<特殊>&字符措施";
const POLICY = `为检验转义，某市制定出台《${TITLE}》(以下简称《措施》)，具体如下:
1、推行“A<B>&C”<b>加粗</b>改革。企业开办<script>alert(1)</script>全流程压缩至3个工作日&更快(市数据局<测试>&负责)。
2、优化 x < y & y > z 的不动产登记流程。登记时限压缩至5日(市自然资源局负责)。
3、加强财政资金管理。按时拨付奖补资金(市财政局负责)。
`;

let tmp: string;
let engine: PolicyEngine;
let h: BotHarness;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bot-escaping-"));
  const corpusDir = path.join(tmp, "corpus");
  fs.mkdirSync(path.join(corpusDir, "policy"), { recursive: true });
  fs.writeFileSync(path.join(corpusDir, "policy", "test.txt"), POLICY);
  engine = await openEngine(loadConfig({ DATA_DIR: path.join(tmp, "data"), CORPUS_DIR: corpusDir }, { dotenvFile: false }));
  h = await BotHarness.open(engine);
});

afterEach(async () => {
  expect(h.refusedCalls()).toEqual([]);
  await h.stopBot();
  expect(h.logged("error")).toEqual([]);
});

afterAll(async () => {
  await h?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("corpus text with <, > and &", () => {
  it("/measure shows the measure literally, with only the heading in bold", async () => {
    await h.startBot();
    h.tg.sendText({ chatId: ASKER, text: "/measure 1" });
    const m = await h.tg.waitForMessage(ASKER);
    const heading = "第1条 推行“A<B>&C”<b>加粗</b>改革";
    expect(m.plain_text).toBe(`${heading}\n推行“A<B>&C”<b>加粗</b>改革。企业开办<script>alert(1)</script>全流程压缩至3个工作日&更快。\n\n负责部门：市数据局<测试>&`);
    expect(m.entities).toEqual([{ type: "bold", offset: 0, length: heading.length }]);
  });

  it("/measures and /start show the titles literally", async () => {
    await h.startBot();
    h.tg.sendText({ chatId: ASKER, text: "/measures" });
    const list = await h.tg.waitForMessage(ASKER, has("措施目录"));
    expect(list.plain_text).toBe(
      `《${TITLE}》措施目录（第 1/1 页）\n点击编号查看全文。\n\n1. 推行“A<B>&C”<b>加粗</b>改革\n2. 优化 x < y & y > z 的不动产登记流程\n3. 加强财政资金管理`,
    );
    h.tg.sendText({ chatId: ASKER, text: "/start" });
    const welcome = await h.tg.waitForMessage(ASKER, has("您好"));
    expect(welcome.plain_text).toContain(`我根据《${TITLE}》回答企业和个体工商户的问题`);
  });

  it("an answer quotes the passage literally, with title, departments and the document", async () => {
    await h.startBot();
    h.tg.sendText({ chatId: ASKER, text: "企业开办要几个工作日" });
    const answer = await h.tg.waitForMessage(ASKER, has("第1条"));
    expect(answer.plain_text).toBe(
      [
        "根据政策原文：",
        "",
        "第1条 推行“A<B>&C”<b>加粗</b>改革",
        "“企业开办<script>alert(1)</script>全流程压缩至3个工作日&更快。”",
        "负责部门：市数据局<测试>&",
        "",
        `以上内容摘自《${TITLE}》。`,
      ].join("\n"),
    );
  });

  it("a handoff points at measures literally, and the staff card shows them literally", async () => {
    await h.startBot();
    h.tg.sendText({ chatId: ASKER, text: "企业开办<script>的收费标准是多少钱" });
    const told = await h.tg.waitForMessage(ASKER, has("转给工作人员"));
    expect(told.plain_text).toContain("• 第1条 推行“A<B>&C”<b>加粗</b>改革（负责部门：市数据局<测试>&）");
    const card = await h.tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
    expect(card.plain_text).toContain("问题：\n企业开办<script>的收费标准是多少钱");
    expect(card.plain_text).toContain("• 第1条 推行“A<B>&C”<b>加粗</b>改革（市数据局<测试>&）");
  });

  it("第4条 is counted against this corpus: there are 3", async () => {
    await h.startBot();
    h.tg.sendText({ chatId: ASKER, text: "第4条" });
    const reply = await h.tg.waitForMessage(ASKER, has("没有第4条"));
    expect(reply.plain_text.split("\n")[0]).toBe("《措施》共3条，没有第4条。请输入1到3之间的条号，例如“第1条”。");
  });
});
