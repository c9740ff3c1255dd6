/**
 * Reading the corpus while an editor saves it: the corpus is read as one version, or read again; a
 * half-written file is never parsed into a half corpus, nor refused for its half-written line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Glossary } from "../../src/answer/glossary.js";
import { readSnapshot, sourceVersion } from "../../src/answer/open-engine.js";
import { CorpusError } from "../../src/policy/corpus-error.js";
import { loadCorpus } from "../../src/policy/corpus.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";

let dir: string;
const policy = () => path.join(dir, POLICY);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-"));
  fs.cpSync(path.join(REPO, "corpus"), dir, { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("readSnapshot", () => {
  it("a file being written while it is parsed: read again, the whole new version is taken", async () => {
    const whole = fs.readFileSync(policy(), "utf8").replace("12个工作日以内", "10个工作日以内");
    // The editor has written the first half when the corpus is read; it finishes while the corpus is parsed.
    fs.writeFileSync(policy(), whole.slice(0, Math.floor(whole.length / 2)));
    let reads = 0;
    const pauses: number[] = [];
    const snapshot = await readSnapshot(dir, {
      load: (d) => {
        reads++;
        try {
          return { corpus: loadCorpus(d), glossary: Glossary.load(d) };
        } finally {
          if (reads === 1) fs.writeFileSync(policy(), whole);
        }
      },
      pause: async (ms) => void pauses.push(ms),
    });
    expect(reads).toBe(2);
    expect(pauses).toHaveLength(1);
    expect(snapshot.corpus.measures).toHaveLength(42);
    expect(snapshot.corpus.measures[11]!.text).toContain("10个工作日以内");
    expect(snapshot.source).toBe(sourceVersion(dir));
  });

  it("a file changed after it was read but before the check: the corpus read is not taken for the version on disk", async () => {
    let reads = 0;
    const snapshot = await readSnapshot(dir, {
      load: (d) => {
        const read = { corpus: loadCorpus(d), glossary: Glossary.load(d) };
        if (++reads === 1) fs.appendFileSync(path.join(d, "lexicon.txt"), "\n停车 ~ 车位\n");
        return read;
      },
      pause: async () => undefined,
    });
    expect(reads).toBe(2);
    expect(snapshot.corpus.lexicon).toContainEqual(["停车", "车位"]);
  });

  it("a malformed file that stays as it is: its CorpusError, file:line", async () => {
    const lines = fs.readFileSync(policy(), "utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith("3、"));
    lines[at] = "3、没有负责部门的一行";
    fs.writeFileSync(policy(), lines.join("\n"));
    const err = await readSnapshot(dir, { pause: async () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as CorpusError).line).toBe(at + 1);
  });

  it("files that never stop changing: a clear error after a few reads, not a loop", async () => {
    let n = 0;
    const err = await readSnapshot(dir, {
      load: (d) => {
        fs.appendFileSync(path.join(d, "lexicon.txt"), `\n甲${n} ~ 乙${n++}\n`);
        return { corpus: loadCorpus(d), glossary: Glossary.load(d) };
      },
      pause: async () => undefined,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as Error).message).toMatch(/kept changing while it was read \(5 times\)/);
  });
});
