/**
 * Server mode composed as npm start composes it (runServer with openApp: the live policy and its
 * reloader under the FAQ): an edit of the watched corpus reloads the engine the API and the bot answer
 * from, the staff chat is told, /readyz and /metrics report the index served (not merely the newest one
 * on disk), and staff can /reindex.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildEngine } from "../../src/answer/open-engine.js";
import { openApp, openLivePolicy } from "../../src/compose.js";
import { readManifest } from "../../src/search/index-store.js";
import { INDEX_FORMAT } from "../../src/search/manifest.js";
import { ASKER, has, STAFF, STAFF_CHAT } from "../support/bot-harness.js";
import { API_KEY, ServerHarness } from "./server-harness.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";
const QUESTION = "小微企业办电要几天？";
const WAIT = { timeoutMs: 30_000 };

let h: ServerHarness;
let root: string;
let corpusDir: string;

beforeAll(async () => {
  h = await ServerHarness.create("server-reload-");
  root = fs.mkdtempSync(path.join(h.h.tmpRoot, "corpus-"));
  corpusDir = path.join(root, "corpus");
  fs.cpSync(path.join(REPO, "corpus"), corpusDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const edit = (from: string, to: string) => {
  const file = path.join(corpusDir, POLICY);
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
};

async function readiness() {
  const ready = await h.request("GET", "/readyz");
  expect(ready.status).toBe(200);
  return ready.json.checks.index as { ok: true; measures: number; corpus_hash: string; built_at: string };
}

/** karamay_index_info's corpus_hash label. */
async function servedHash(): Promise<string | undefined> {
  const text = (await h.request("GET", "/metrics")).text;
  return new RegExp(`karamay_index_info\\{corpus_hash="([0-9a-f]{12})",embedder="[^"]+",format="${INDEX_FORMAT}",measures="42"\\} 1`).exec(text)?.[1];
}

async function askApi(): Promise<string> {
  const res = await h.request("POST", "/api/ask", { token: API_KEY, body: { question: QUESTION } });
  expect(res.status).toBe(200);
  return res.json.text as string;
}

describe("server mode on a live policy", () => {
  it("reloads on a corpus edit: the API and the bot answer from it, staff are told, /readyz and /metrics say what is served", async () => {
    await h.startServer({
      env: { CORPUS_DIR: corpusDir, CORPUS_WATCH: "on" },
      openApp: async ({ config, handoff, metrics }) => {
        const live = await openLivePolicy({ config, log: (m) => h.h.logger.info(m), debounceMs: 200 });
        return openApp({ config, live, log: h.h.logger, handoff, metrics });
      },
    });
    await h.server!.ready;
    await h.botRunning();
    const before = await readiness();
    expect(before).toMatchObject({ ok: true, measures: 42 });
    expect(await servedHash()).toBe(before.corpus_hash);
    expect(await askApi()).toContain("个体工商户供电报装办理周期压缩至2日");

    edit("个体工商户供电报装办理周期压缩至2日", "个体工商户供电报装办理周期压缩至4日");
    const notice = await h.tg.waitForMessage(STAFF_CHAT, has("政策库已更新"), WAIT);
    expect(notice.plain_text).toContain("修改 1 条：第11条");
    expect(await askApi()).toContain("个体工商户供电报装办理周期压缩至4日");
    h.tg.sendText({ chatId: ASKER, text: QUESTION });
    await h.tg.waitForMessage(ASKER, has("压缩至4日"), WAIT);

    const after = await readiness();
    expect(after.corpus_hash).not.toBe(before.corpus_hash);
    expect(after.built_at).not.toBe(before.built_at);
    expect(await servedHash()).toBe(after.corpus_hash);
  }, 120_000);

  it("an index another process built and did not announce is not reported as served until staff /reindex", async () => {
    await h.startServer({
      env: { CORPUS_DIR: corpusDir, CORPUS_WATCH: "off" },
      openApp: async ({ config, handoff, metrics }) => {
        const live = await openLivePolicy({ config, log: (m) => h.h.logger.info(m) });
        return openApp({ config, live, log: h.h.logger, handoff, metrics });
      },
    });
    await h.server!.ready;
    await h.botRunning();
    const served = await readiness();

    edit("个体工商户供电报装办理周期压缩至4日", "个体工商户供电报装办理周期压缩至5日");
    // Built and published in DATA_DIR by someone else (npm run index without the signal, another instance).
    await rebuildEngine(h.config, { log: () => undefined });
    const onDisk = (await readManifest(h.config.dataDir))!;
    expect(onDisk.corpusHash.slice(0, 12)).not.toBe(served.corpus_hash);
    expect((await readiness()).corpus_hash).toBe(served.corpus_hash);
    expect(await servedHash()).toBe(served.corpus_hash);
    expect(await askApi()).toContain("压缩至4日");

    h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF, text: "/reindex" });
    const reply = await h.tg.waitForMessage(STAFF_CHAT, has("政策库已更新"), WAIT);
    expect(reply.plain_text).toContain("/reindex（王五）");
    expect((await readiness()).corpus_hash).toBe(onDisk.corpusHash.slice(0, 12));
    expect(await servedHash()).toBe(onDisk.corpusHash.slice(0, 12));
    expect(await askApi()).toContain("压缩至5日");
  }, 120_000);

  it("with a second document the API names each measure's document, and a pick with its document answers from that one", async () => {
    fs.copyFileSync(path.join(REPO, "test/fixtures/test-2023-second-document.txt"), path.join(corpusDir, "policy/test-2023-second-document.txt"));
    h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF, text: "/reindex" });
    await h.tg.waitForMessage(STAFF_CHAT, has("共 45 条措施"), WAIT);
    const ask = (body: Record<string, unknown>) => h.request("POST", "/api/ask", { token: API_KEY, body });
    const offer = await ask({ question: "许可" });
    expect(offer.json.outcome).toBe("clarify");
    const choice = (offer.json.choices as Array<{ measure: number; document?: { key: string; year: number } }>).find((c) => c.measure === 2)!;
    expect(choice.document).toMatchObject({ key: "karamay-2022-business-environment-42-measures", year: 2022 });
    const picked = await ask({ question: "许可", measure: 2, document: choice.document!.key });
    expect(picked.json.citations[0]).toMatchObject({ measure: 2, title: "深化“证照分离”改革", document: { key: choice.document!.key } });
    // Without the document, 第2条 is the current (2023) document's.
    expect((await ask({ question: "许可", measure: 2 })).json.citations[0]).toMatchObject({ measure: 2, document: { key: "test-2023-second-document" } });
  }, 120_000);
});
