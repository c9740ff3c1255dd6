/**
 * openEngine when the index or the corpus is damaged: a damaged index is rebuilt from the corpus
 * with a log line; a malformed corpus leaves the last good index answering, with file:line logged;
 * a malformed corpus with no index to fall back on is a clear error saying where and what to do.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadConfig } from "../../src/config.js";
import { CorpusError } from "../../src/policy/corpus-error.js";
import type { IndexChanges } from "../../src/search/index-store.js";
import { indexDir, readManifest } from "../../src/search/index-store.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";

let root: string;
let goodIndex: string; // built once, copied into each test's DATA_DIR
let corpusDir: string;
let dataDir: string;

const open = async () => {
  const logs: string[] = [];
  const builds: IndexChanges[] = [];
  const engine = await openEngine(loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: corpusDir }, { dotenvFile: false }), {
    log: (m) => logs.push(m),
    onBuild: (c) => builds.push(c),
  });
  return { engine, logs, builds };
};
const withGoodIndex = () => fs.cpSync(goodIndex, dataDir, { recursive: true });
/** Line 9 of the policy file is a measure line; make it one the parser refuses. */
const breakCorpus = () => {
  const file = path.join(corpusDir, POLICY);
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const at = lines.findIndex((l) => l.startsWith("3、"));
  lines[at] = "3、没有负责部门的一行";
  fs.writeFileSync(file, lines.join("\n"));
  return { file: path.relative(process.cwd(), file), line: at + 1 };
};

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "open-engine-damage-"));
  goodIndex = path.join(root, "golden");
  await openEngine(loadConfig({ DATA_DIR: goodIndex, CORPUS_DIR: path.join(REPO, "corpus") }, { dotenvFile: false }), { log: () => undefined });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let n = 0;
beforeEach(() => {
  const dir = path.join(root, `case-${++n}`);
  corpusDir = path.join(dir, "corpus");
  dataDir = path.join(dir, "data");
  fs.cpSync(path.join(REPO, "corpus"), corpusDir, { recursive: true });
});

describe("a damaged index", () => {
  it.each(["terms.bin", "measures.json", "idf.bin"])("%s cut short: rebuilt from the corpus with a log line, then answers", async (name) => {
    withGoodIndex();
    const file = path.join(indexDir(dataDir), name);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
    const { engine, logs, builds } = await open();
    expect(logs).toEqual([expect.stringMatching(new RegExp(`^index damaged: .*${name.replace(".", "\\.")}: \\d+ bytes, the manifest says \\d+; rebuilding it from `))]);
    expect(builds).toHaveLength(1);
    expect((await engine.ask("小微企业办电要几天")).citations[0]?.measure).toBe(11);
    // The rebuilt index is whole: the next start loads it without a word.
    const again = await open();
    expect(again.logs).toEqual([]);
    expect(again.builds).toEqual([]);
  });

  it("a manifest that is not JSON: treated as no index, rebuilt", async () => {
    withGoodIndex();
    fs.writeFileSync(path.join(indexDir(dataDir), "manifest.json"), '{"format": 2, "corp');
    const { engine, builds } = await open();
    expect(builds).toHaveLength(1);
    expect(engine.measures()).toHaveLength(42);
    expect((await readManifest(dataDir))?.counts.measures).toBe(42);
  });
});

describe("a malformed corpus", () => {
  it("with a good index: answers from it, and the log names file:line and what to do", async () => {
    withGoodIndex();
    const where = breakCorpus();
    const { engine, logs, builds } = await open();
    expect(builds).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(`${where.file}:${where.line}: measure 3 has no responsible departments`);
    expect(logs[0]).toMatch(/still answering from the previous index \(42 measures, built .+\); fix the file, then restart or run npm run index/);
    const answer = await engine.ask("小微企业办电要几天");
    expect(answer.outcome).toBe("answered");
    expect(answer.citations[0]?.measure).toBe(11);
  });

  it("with no index: a CorpusError with file:line, saying there is nothing to answer from and what to do", async () => {
    const where = breakCorpus();
    const err = await open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as CorpusError).file).toBe(where.file);
    expect((err as CorpusError).line).toBe(where.line);
    expect((err as Error).message).toMatch(/no earlier index to answer from meanwhile: fix this line, then start again/);
    expect(fs.existsSync(indexDir(dataDir))).toBe(false);
  });

  it("with a damaged index: the same CorpusError, nothing served from the damaged files", async () => {
    withGoodIndex();
    fs.truncateSync(path.join(indexDir(dataDir), "terms.bin"), 10);
    const where = breakCorpus();
    await expect(open()).rejects.toThrow(`${where.file}:${where.line}`);
  });
});
