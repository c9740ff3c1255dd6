import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT as REPO, distScript, runCommand } from "../support/run-command.js";
import { indexDir, readManifest } from "../../src/search/index-store.js";

// `npm run index` on a copy of the corpus: build, rebuild after an edit, refuse a broken file.
// The tests run in order on one DATA_DIR and one CORPUS_DIR.
const SPAWN_TIMEOUT = 60_000;
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m;

let root: string;
let dataDir: string;
let corpusDir: string;
let policyFile: string;



const index = () => runCommand(process.execPath, [distScript("index")], { env: { DATA_DIR: dataDir, CORPUS_DIR: corpusDir } });

const policyLines = () => readFileSync(policyFile, "utf8").split("\n");
/** 0-based index of the line that holds measure n ("n、…"). */
const lineOf = (lines: string[], n: number) => lines.findIndex((l) => l.startsWith(`${n}、`));

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "kpb-index-cli-"));
  dataDir = path.join(root, "data");
  corpusDir = path.join(root, "corpus");
  cpSync(path.join(REPO, "corpus"), corpusDir, { recursive: true });
  const files = readdirSync(path.join(corpusDir, "policy")).filter((f) => f.endsWith(".txt"));
  expect(files).toHaveLength(1);
  policyFile = path.join(corpusDir, "policy", files[0]!);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("npm run index", () => {
  it(
    "first run builds all 42 measures",
    async () => {
      const r = await index();
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Indexed 42 measures");
      expect(r.stdout).toContain("changes: new index with 42 measures");
      const manifest = await readManifest(dataDir);
      expect(manifest?.counts.measures).toBe(42);
    },
    SPAWN_TIMEOUT,
  );

  it(
    "after one measure's text is edited, the rebuild reports exactly that measure as changed",
    async () => {
      const lines = policyLines();
      const at = lineOf(lines, 12);
      expect(lines[at]).toContain("12个工作日");
      lines[at] = lines[at]!.replace("12个工作日", "10个工作日");
      writeFileSync(policyFile, lines.join("\n"));

      const r = await index();
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Indexed 42 measures");
      expect(r.stdout).toMatch(/added 0 \(无\), changed 1 \(第12条\), removed 0 \(无\)/);
      const stored = JSON.parse(readFileSync(path.join(indexDir(dataDir), "measures.json"), "utf8")) as { measures: Array<{ number: number; text: string }> };
      expect(stored.measures.find((m) => m.number === 12)?.text).toContain("10个工作日");
    },
    SPAWN_TIMEOUT,
  );

  it(
    "a duplicate measure number → exit 1 with file:line, and the previous index stays",
    async () => {
      const before = await readManifest(dataDir);
      expect(before).not.toBeNull();
      const measuresBefore = readFileSync(path.join(indexDir(dataDir), "measures.json"), "utf8");

      const lines = policyLines();
      const at = lineOf(lines, 12);
      // A second "12、…" right after the first one.
      lines.splice(at + 1, 0, lines[at]!.replace("10个工作日", "8个工作日"));
      writeFileSync(policyFile, lines.join("\n"));

      const r = await index();
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(STACK_FRAME);
      expect(r.stderr).not.toContain("unexpected error");
      expect(r.stderr).toContain(`${path.basename(policyFile)}:${at + 2}`); // 1-based line of the duplicate
      expect(r.stderr).toMatch(/duplicate/i);
      expect(r.stdout).not.toContain("Indexed");

      const after = await readManifest(dataDir);
      expect(after).toEqual(before);
      expect(readFileSync(path.join(indexDir(dataDir), "measures.json"), "utf8")).toBe(measuresBefore);
      // No half-built index left beside it: the version in use and `current`, and the build lock beside index/.
      expect(readdirSync(dataDir).filter((f) => f !== "index").sort()).toEqual(["index-build.lock"]);
      expect(readdirSync(path.join(dataDir, "index")).sort()).toEqual([path.basename(indexDir(dataDir)), "current"].sort());
    },
    SPAWN_TIMEOUT,
  );

  it(
    "a second document beside the first: its measures are added, named with their document; no bot runs, nobody is told",
    async () => {
      // Undo the duplicate of the test before.
      const lines = policyLines();
      const at = lineOf(lines, 12);
      if (lines[at + 1]?.startsWith("12、")) lines.splice(at + 1, 1);
      writeFileSync(policyFile, lines.join("\n"));
      cpSync(path.join(REPO, "test/fixtures/test-2023-second-document.txt"), path.join(corpusDir, "policy", "test-2023-second-document.txt"));

      const r = await index();
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Indexed 45 measures from 《2022年优化营商环境提升服务效能42项措施》《2023年优化营商环境测试措施》");
      const doc = "《2023年优化营商环境测试措施》";
      expect(r.stdout).toContain(`changes: added 3 (${doc}第1条、${doc}第2条、${doc}第3条), changed 0 (无), removed 0 (无)`);
      expect(r.stdout).toContain(`no bot is running on ${dataDir}; it loads this index when it starts`);
      const manifest = await readManifest(dataDir);
      expect(manifest?.documents.map((d) => [d.key, d.measures])).toEqual([
        ["karamay-2022-business-environment-42-measures", 42],
        ["test-2023-second-document", 3],
      ]);
    },
    SPAWN_TIMEOUT,
  );
});
