/**
 * Publishing a policy version: the proposed files are checked as the index reads them (file:line
 * for a mistake), written into the corpus folder only when they parse, recorded in the store (on each
 * backend), and announced on the reload bus; a failure at any step leaves the folder and the record as they were.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceVersion } from "../../src/answer/open-engine.js";
import { InProcessReloadBus, type ReloadBus, type ReloadMessage } from "../../src/coordination/reload-bus.js";
import { PolicyPublisher, type PolicyFile } from "../../src/policy/publisher.js";
import type { PolicyVersionStore } from "../../src/policy/version-store.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";
const MEASURE_43 = "43、建立企业诉求快速响应机制，对企业反映的问题三个工作日内答复（市营商环境局负责）。";

/** The policy text with measure 43 added before the trailer, and measure 7's text changed. */
function editedPolicy(original: string): string {
  const lines = original.split("\n");
  const trailer = lines.findIndex((l) => l.startsWith("本期来源"));
  lines.splice(trailer, 0, MEASURE_43);
  const seven = lines.findIndex((l) => l.startsWith("7、"));
  lines[seven] = lines[seven]!.replace("4月底前", "5月底前");
  return lines.join("\n");
}

describe.each(storeBackends())("PolicyPublisher: $name", (backend) => {
  let storage: TestStorage;
  let store: PolicyVersionStore;
  let corpusDir: string;
  let heard: ReloadMessage[];
  let logged: string[];
  let bus: ReloadBus;
  const original = () => fs.readFileSync(path.join(REPO, "corpus", POLICY), "utf8");
  const publisher = (over: { bus?: ReloadBus } = {}) =>
    new PolicyPublisher({ corpusDir, store, bus: over.bus ?? bus, instance: "instance-a", log: { info: (m) => logged.push(m), error: (m) => logged.push(m) }, now: () => 1_700_000_000_000 });
  const folderFiles = () => fs.readdirSync(corpusDir, { recursive: true }).map(String).sort();

  beforeEach(async () => {
    storage = await backend.create();
    store = await storage.openPolicyVersionStore();
    corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-corpus-"));
    fs.cpSync(path.join(REPO, "corpus"), corpusDir, { recursive: true });
    heard = [];
    logged = [];
    bus = new InProcessReloadBus();
    await bus.subscribe((m) => heard.push(m));
  });

  afterEach(async () => {
    await store.close();
    await storage.destroy();
    fs.rmSync(corpusDir, { recursive: true, force: true });
  });

  it("validate: a proposed change gives its version, measure count and diff, and writes nothing", async () => {
    const before = sourceVersion(corpusDir);
    const result = await publisher().validate([{ path: POLICY, text: editedPolicy(original()) }]);
    expect(result).toEqual({ ok: true, version: expect.any(String), measures: 43, diff: { added: [{ number: 43 }], changed: [{ number: 7 }], removed: [] } });
    expect(result.ok && result.version).not.toBe(before);
    expect(sourceVersion(corpusDir)).toBe(before);
    expect(fs.readFileSync(path.join(corpusDir, POLICY), "utf8")).toBe(original());
  });

  it("validate: the folder as it is (no files) is its own version, with nothing changed", async () => {
    expect(await publisher().validate([])).toEqual({ ok: true, version: sourceVersion(corpusDir), measures: 42, diff: { added: [], changed: [], removed: [] } });
  });

  it("validate: a malformed file is reported with its path in the corpus folder and the line, as the parser finds it", async () => {
    const broken = editedPolicy(original()).replace(MEASURE_43, "45、跳过了第44条（市营商环境局负责）。");
    const line = broken.split("\n").findIndex((l) => l.startsWith("45、")) + 1;
    const result = await publisher().validate([{ path: POLICY, text: broken }]);
    expect(result).toEqual({ ok: false, errors: [{ file: POLICY, line, message: expect.stringContaining("measure 43 is missing") }] });
  });

  it("validate: a lexicon or department list that does not parse names that file", async () => {
    const result = await publisher().validate([{ path: "departments.txt", text: "# aliases\n市不存在局: 不存在\n" }]);
    expect(result).toEqual({ ok: false, errors: [{ file: "departments.txt", line: 2, message: expect.stringContaining("not a department") }] });
  });

  it("validate: refuses paths outside the corpus's files, files given twice and missing text", async () => {
    const files = [
      { path: "../outside.txt", text: "x" },
      { path: "/etc/passwd", text: "x" },
      { path: "policy/../lexicon.txt", text: "x" },
      { path: "policy/notes.md", text: "x" },
      { path: "policy/.hidden.txt", text: "x" },
      { path: "lexicon.txt", text: "a ~ b" },
      { path: "lexicon.txt", text: "a ~ b" },
      { path: "glossary.txt" } as unknown as PolicyFile,
    ];
    const result = await publisher().validate(files);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.file, e.line])).toEqual([
      ["../outside.txt", 0],
      ["/etc/passwd", 0],
      ["policy/../lexicon.txt", 0],
      ["policy/notes.md", 0],
      ["policy/.hidden.txt", 0],
      ["lexicon.txt", 0],
      ["glossary.txt", 0],
    ]);
    expect(fs.existsSync(path.join(corpusDir, "..", "outside.txt"))).toBe(false);
  });

  it("publish: writes the files, records the folder's version with who and what changed, and tells every instance", async () => {
    const files = folderFiles();
    const result = await publisher().publish([{ path: POLICY, text: editedPolicy(original()) }], "王科长");
    const version = sourceVersion(corpusDir);
    expect(result).toEqual({
      ok: true,
      recorded: true,
      notified: true,
      published: { id: expect.any(Number), version, publishedAt: 1_700_000_000_000, by: "王科长", measures: 43, diff: { added: [{ number: 43 }], changed: [{ number: 7 }], removed: [] } },
    });
    expect(fs.readFileSync(path.join(corpusDir, POLICY), "utf8")).toBe(editedPolicy(original()));
    // No temporary file is left behind.
    expect(folderFiles()).toEqual(files);
    expect(await publisher().current()).toEqual(result.ok && result.published);
    expect(heard).toEqual([{ reason: "published", corpusVersion: version, from: "instance-a" }]);
    expect(logged.join("\n")).toContain(`policy version ${version} published by 王科长: 43 measures (added 1 (43), changed 1 (7), removed 0)`);
  });

  it("publish: a new policy document is a new file in policy/; history lists the publications newest first", async () => {
    const p = publisher();
    await p.publish([{ path: POLICY, text: editedPolicy(original()) }], "李工");
    const second = fs.readFileSync(path.join(REPO, "test/fixtures/test-2023-second-document.txt"), "utf8");
    const result = await p.publish([{ path: "policy/test-2023-second-document.txt", text: second }], "李工");
    expect(result.ok).toBe(true);
    expect(fs.existsSync(path.join(corpusDir, "policy/test-2023-second-document.txt"))).toBe(true);
    const history = await p.history(10);
    expect(history.map((v) => v.version)).toEqual([sourceVersion(corpusDir), expect.any(String)]);
    expect(history[0]!.measures).toBeGreaterThan(43);
    expect(history[0]!.diff.added.length).toBeGreaterThan(0);
  });

  it("publish of what is already the current version records nothing new, but tells the instances again", async () => {
    const p = publisher();
    const first = await p.publish([{ path: POLICY, text: editedPolicy(original()) }], "李工");
    const again = await p.publish([{ path: POLICY, text: editedPolicy(original()) }], "李工");
    expect(again).toEqual({ ok: true, recorded: false, notified: true, published: first.ok && first.published });
    expect(await p.history(10)).toHaveLength(1);
    expect(heard).toHaveLength(2);
  });

  it("publish of a malformed file writes nothing, records nothing and tells nobody", async () => {
    const before = sourceVersion(corpusDir);
    const result = await publisher().publish([{ path: "lexicon.txt", text: "开公司\n" }], "李工");
    expect(result).toEqual({ ok: false, errors: [{ file: "lexicon.txt", line: 1, message: expect.stringContaining("at least two terms") }] });
    expect(sourceVersion(corpusDir)).toBe(before);
    expect(await store.current()).toBeNull();
    expect(heard).toEqual([]);
  });

  it("publish needs to know who publishes", async () => {
    const result = await publisher().publish([{ path: POLICY, text: editedPolicy(original()) }], "  ");
    expect(result).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining("who publishes") }] });
    expect(fs.readFileSync(path.join(corpusDir, POLICY), "utf8")).toBe(original());
  });

  it("with the bus down, the version is still recorded and the log says how the instances catch up", async () => {
    const down: ReloadBus = {
      publish: async () => {
        throw new Error("Redis connection lost");
      },
      subscribe: async () => async () => undefined,
    };
    const result = await publisher({ bus: down }).publish([{ path: POLICY, text: editedPolicy(original()) }], "李工");
    expect(result).toMatchObject({ ok: true, recorded: true, notified: false });
    expect((await store.current())?.version).toBe(sourceVersion(corpusDir));
    expect(logged.join("\n")).toMatch(/could not be sent \(Redis connection lost\).*compare with the record/);
  });
});
