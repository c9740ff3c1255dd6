/**
 * Answers written by a model, as the asker sees them in Telegram: the real bot and engine with
 * the LLM composer talking to the fake OpenAI-compatible server (through a proxy that can make
 * it unreachable). The 出处 block is shown once, from the corpus; the model's prose is text, not
 * markup; a reply the guard rejects, or an endpoint that cannot be reached, gives the quoted answer.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { createLlmComposer } from "../../src/answer/llm-composer.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadConfig } from "../../src/config.js";
import { ASKER, BotHarness, buttonData, CORPUS_DIR, has } from "../support/bot-harness.js";
import { FakeOpenAI, inventingReply } from "../support/fake-openai.js";
import { FlakyProxy } from "../support/flaky-proxy.js";
import { ManualClock } from "../support/manual-clock.js";

const QUESTION = "小微企业办电要几天？";
const PROSE = "小微企业和个体工商户供电报装办理周期压缩至2日，具备装表条件的压缩至1日。";
const HEADING = "第11条 全面提升“获得电力”服务水平";
const DEPARTMENTS = "负责部门：国网克拉玛依供电有限公司、市发改委";
const FOOTER = "以上内容摘自《2022年优化营商环境提升服务效能42项措施》。";
// The extractive answer for QUESTION, as Telegram shows it.
const QUOTED = [
  "根据政策原文：",
  "",
  HEADING,
  "“实现小微企业和个体工商户供电报装办理周期压缩至2日,具备装表条件的压缩至1日,大中型企业(10千伏单电源)供电报装办理周期压缩至12日,大中型企业(10千伏双电源)供电报装办理周期压缩至14日。”",
  DEPARTMENTS,
  "",
  FOOTER,
].join("\n");

let tmp: string;
let fake: FakeOpenAI;
let proxy: FlakyProxy;
let clock: ManualClock;
let engine: PolicyEngine;
let h: BotHarness;
const llmLog: string[] = [];

const reply = (answer: string, citations = [11]) => ({ content: JSON.stringify({ answerable: true, answer, citations }) });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bot-llm-"));
  fake = await FakeOpenAI.start();
  proxy = await FlakyProxy.start(fake.baseURL);
  clock = new ManualClock();
  const config = loadConfig(
    { DATA_DIR: tmp, CORPUS_DIR, LLM_BASE_URL: `${proxy.url}/v1`, LLM_API_KEY: "test", LLM_MODEL: "fake-chat", LLM_TIMEOUT_MS: "5000" },
    { dotenvFile: false },
  );
  engine = await openEngine(config, { composer: createLlmComposer(config, { log: (m) => llmLog.push(m), clock }) });
  h = await BotHarness.open(engine);
});

beforeEach(async () => {
  fake.reset();
  llmLog.length = 0;
  await h.startBot();
});

afterEach(async () => {
  expect(h.refusedCalls()).toEqual([]);
  await h.stopBot();
  expect(h.logged("error")).toEqual([]);
});

afterAll(async () => {
  await h?.close();
  await proxy?.stop();
  await fake?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function ask(question = QUESTION) {
  const q = h.tg.sendText({ chatId: ASKER, text: question });
  return h.tg.waitForMessage(ASKER, (m) => m.reply_to_message_id === q.message!.message_id);
}

describe("a model's answer in Telegram", () => {
  it("shows the prose, then each cited measure once with its departments from the corpus, no 出处 block from the text", async () => {
    fake.queueChat(reply(PROSE));
    const m = await ask();
    expect(m.plain_text).toBe([PROSE, "", HEADING, DEPARTMENTS, "", FOOTER].join("\n"));
    expect(m.plain_text).not.toContain("出处");
    expect(m.entities).toEqual([
      { type: "bold", offset: PROSE.length + 2, length: HEADING.length },
      { type: "italic", offset: m.plain_text.length - FOOTER.length, length: FOOTER.length },
    ]);
    expect(buttonData(m)).toEqual(["m:11", "fb:up", "fb:down", expect.stringMatching(/^h:human:[\w-]{8}$/)]);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it("shows prose with <, > and & as text, not markup", async () => {
    const prose = "小微企业（<b>160千瓦</b>及以下）办电压缩至2日 & 具备装表条件的压缩至1日 <script>。";
    fake.queueChat(reply(prose));
    const m = await ask();
    expect(m.plain_text).toBe([prose, "", HEADING, DEPARTMENTS, "", FOOTER].join("\n"));
  });

  it("gives the quoted answer when the guard rejects the model's (an invented phone number)", async () => {
    fake.queueChat(inventingReply("phone", PROSE, [11]));
    const m = await ask();
    expect(m.plain_text).toBe(QUOTED);
    expect(llmLog).toEqual([
      "llm: guard rejected the reply (it gives a phone number (09906231234) that is not in the cited measures); using the extractive answer",
    ]);
  });

  it("gives the quoted answer while the endpoint cannot be reached, logging the outage once", async () => {
    await proxy.setMode("reset");
    try {
      expect((await ask()).plain_text).toBe(QUOTED);
      // Within the back-off the endpoint is not tried: the asker does not wait for it.
      const tried = proxy.connections;
      expect((await ask("小微企业办电要多久")).plain_text).toContain(HEADING);
      expect(proxy.connections).toBe(tried);
      expect(llmLog).toEqual([
        `llm: cannot reach the LLM endpoint at ${proxy.url}/v1: network error (ECONNRESET). Answering with the extractive answers meanwhile; check LLM_BASE_URL and the network. Trying again with a growing back-off (at most 1 min).`,
      ]);
    } finally {
      await proxy.setMode("forward");
    }
    // Once the back-off is over, the model answers again.
    clock.advance(1_000);
    fake.queueChat(reply(PROSE));
    expect((await ask()).plain_text.startsWith(PROSE)).toBe(true);
    expect(llmLog.at(-1)).toBe(`llm: the LLM endpoint at ${proxy.url}/v1 is reachable again after 1 s (1 failed attempts)`);
  });
});
