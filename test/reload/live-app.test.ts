/**
 * The composition npm start uses in every mode (openLivePolicy + openApp({ live })): the FAQ sits in
 * front of the live engine, so a reload changes what the FAQ reads questions with, which documents and
 * measures every front end sees, and which index the app says it serves; an FAQ approval reloads nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, openLivePolicy, type App } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import type { ReloadReport } from "../../src/reload/reloader.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const silent = { info() {}, warn() {}, error() {} };
const maintainer = { id: "cli:alice", name: "alice" };
const KEY_2022 = "karamay-2022-business-environment-42-measures";
const KEY_2023 = "test-2023-second-document";
// An entry's wording and a paraphrase that only a lexicon group added later makes similar enough.
const ENTRY = "奶茶店的营业执照多久年检一次";
const PARAPHRASE = "饮品铺的营业执照多久年检一次";

let root: string;
let corpusDir: string;
let app: App;
const reports: ReloadReport[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "live-app-"));
  corpusDir = path.join(root, "corpus");
  fs.cpSync(path.join(REPO, "corpus"), corpusDir, { recursive: true });
  // Reloads by hand only here: the test says when.
  const config = loadConfig({ DATA_DIR: path.join(root, "data"), CORPUS_DIR: corpusDir, CORPUS_WATCH: "off" }, { dotenvFile: false });
  const live = await openLivePolicy({ config, log: () => undefined });
  app = await openApp({ config, live, log: silent, faqRefreshMs: 0 });
  app.reload!.onReport((r) => reports.push(r));
}, 90_000);

afterAll(async () => {
  await app?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the FAQ in front of the live policy", () => {
  it("an approved entry is served at once, with no reload of the policy", async () => {
    await app.faq.importEntries([{ line: 2, questions: [ENTRY], answer: "每年1月1日至6月30日报送年度报告。", measures: [], status: "approved" }], maintainer);
    expect(await app.engine.ask(ENTRY)).toMatchObject({ source: "faq", faq: { entryId: 1 } });
    expect(reports).toEqual([]);
    // Not similar enough with the lexicon as it is.
    expect((await app.engine.ask(PARAPHRASE)).source).not.toBe("faq");
  });

  it("after a reload the FAQ reads questions with the new lexicon, and the app reports the index now served", async () => {
    const before = app.index()!;
    fs.appendFileSync(path.join(corpusDir, "lexicon.txt"), "\n奶茶店 ~ 饮品铺\n");
    expect(await app.reload!.reloadNow({ source: "command", by: "test" })).toMatchObject({ kind: "reloaded" });
    expect(app.index()!.corpusHash).not.toBe(before.corpusHash);
    expect(await app.engine.ask(PARAPHRASE)).toMatchObject({ source: "faq", faq: { entryId: 1 } });
  });

  it("after a second document comes in, the FAQ engine hands documents, measure(n, document) and answerFrom(q, n, document) through", async () => {
    fs.copyFileSync(path.join(REPO, "test/fixtures/test-2023-second-document.txt"), path.join(corpusDir, "policy", `${KEY_2023}.txt`));
    expect(await app.reload!.reloadNow({ source: "command", by: "test" })).toMatchObject({ kind: "reloaded", measures: 45 });
    expect(app.engine.documents().map((d) => d.key)).toEqual([KEY_2022, KEY_2023]);
    expect(app.index()!.documents.map((d) => d.key)).toEqual([KEY_2022, KEY_2023]);
    // 第2条 alone is the current (2023) document's; with its key, the 2022 one.
    expect(app.engine.measure(2)?.title).toBe("推行夜市摊位线上登记");
    expect(app.engine.measure(2, KEY_2022)?.title).toBe("深化“证照分离”改革");
    const picked = await app.engine.answerFrom("许可", 2, KEY_2022);
    expect(picked.citations[0]).toMatchObject({ measure: 2, document: { key: KEY_2022 } });
  });
});
