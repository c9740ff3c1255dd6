/**
 * Publishing a new version of the policy corpus (the web console's "publish" button, a maintainer's
 * command): check the proposed files with the corpus parser exactly as the index would read them,
 * write them into the corpus folder (each file through a temporary file and a rename, so no reader
 * ever sees half a file), record the version in the PolicyVersionStore, and tell every instance
 * through the ReloadBus so each reloads its own index from its own corpus folder.
 * The corpus files stay the single source of the index; the record says which version to serve.
 */
import { randomBytes } from "node:crypto";
import { closeSync, cpSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { Glossary, GLOSSARY_FILE } from "../answer/glossary.js";
import { sourceVersion } from "../answer/open-engine.js";
import type { ReloadBus } from "../coordination/reload-bus.js";
import { diffMeasures } from "../search/index-store.js";
import { Mutex } from "../store/mutex.js";
import { CorpusError } from "./corpus-error.js";
import { DEPARTMENT_ALIASES_FILE, LEXICON_FILE, loadCorpus, POLICY_DIR } from "./corpus.js";
import type { MeasureDiff, PolicyVersion, PolicyVersionStore } from "./version-store.js";

/** One corpus file as proposed: its path inside the corpus folder ("policy/2023.txt", "lexicon.txt") and its whole text. */
export interface PolicyFile {
  path: string;
  text: string;
}

/** Where a proposed corpus is wrong: `file` as given (a path inside the corpus folder), `line` from 1 (0: the file as a whole). */
export interface PolicyFileError {
  file: string;
  line: number;
  message: string;
}

/** What a corpus would be: its version id (as the index records it), its measure count, and what changed against the folder now. */
export interface PolicyCheck {
  version: string;
  measures: number;
  diff: MeasureDiff;
}

export type PolicyValidation = ({ ok: true } & PolicyCheck) | { ok: false; errors: PolicyFileError[] };

export type PublishResult =
  /**
   * `recorded`: false when the folder already held this version and it was already the current
   * publication (nothing new; the instances are told again all the same). `notified`: whether the
   * reload message went out (false: the bus is down; instances catch up when it is back).
   */
  | { ok: true; published: PolicyVersion; recorded: boolean; notified: boolean }
  | { ok: false; errors: PolicyFileError[] };

/** What the web console and the maintainers' commands use. */
export interface PolicyPublishing {
  validate(files: readonly PolicyFile[]): Promise<PolicyValidation>;
  publish(files: readonly PolicyFile[], by: string): Promise<PublishResult>;
  /** The latest publications, newest first. */
  history(limit: number): Promise<PolicyVersion[]>;
  /** The latest publication (the version every instance should serve); null before the first. */
  current(): Promise<PolicyVersion | null>;
}

export interface PolicyPublisherOptions {
  corpusDir: string;
  store: PolicyVersionStore;
  bus: ReloadBus;
  /** This instance's name in reload messages. */
  instance: string;
  log: { info(message: string): void; error(message: string): void };
  now?: () => number;
}

/** A proposed file larger than this is refused (the whole corpus is a few dozen kilobytes). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_BY_LENGTH = 200;
const TOP_LEVEL_FILES: readonly string[] = [LEXICON_FILE, DEPARTMENT_ALIASES_FILE, GLOSSARY_FILE];
const POLICY_FILE = new RegExp(`^${POLICY_DIR}/[^/\\\\.][^/\\\\]*\\.txt$`);

export class PolicyPublisher implements PolicyPublishing {
  /** One publication at a time in this process: the folder is never written by two at once. */
  private readonly mutex = new Mutex();
  private readonly now: () => number;

  constructor(private readonly opts: PolicyPublisherOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The corpus folder with `files` written over it, checked; nothing is written. */
  async validate(files: readonly PolicyFile[]): Promise<PolicyValidation> {
    const refused = checkFiles(files);
    if (refused.length > 0) return { ok: false, errors: refused };
    const stage = mkdtempSync(join(os.tmpdir(), "policy-publish-"));
    try {
      if (existsSync(this.opts.corpusDir)) cpSync(this.opts.corpusDir, stage, { recursive: true });
      for (const f of files) {
        const target = join(stage, f.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, f.text);
      }
      return checkFolder(stage, this.opts.corpusDir);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }

  publish(files: readonly PolicyFile[], by: string): Promise<PublishResult> {
    return this.mutex.run(async () => {
      const who = typeof by === "string" ? by.trim() : "";
      if (!who || who.length > MAX_BY_LENGTH) return { ok: false, errors: [{ file: "", line: 0, message: `say who publishes (a name of 1 to ${MAX_BY_LENGTH} characters)` }] };
      const proposed = await this.validate(files);
      if (!proposed.ok) return proposed;
      writeFilesAtomically(this.opts.corpusDir, files);
      // Recorded as the folder now holds it (the same as proposed unless someone edited it meanwhile).
      const written = checkFolder(this.opts.corpusDir, this.opts.corpusDir);
      if (!written.ok) return written;
      const current = await this.opts.store.current();
      const recorded = current?.version !== written.version;
      const published = recorded
        ? await this.opts.store.record({ version: written.version, publishedAt: this.now(), by: who, measures: written.measures, diff: proposed.diff })
        : current!;
      if (recorded) this.opts.log.info(`policy version ${published.version} published by ${who}: ${published.measures} measures (${describeDiff(published.diff)})`);
      let notified = true;
      try {
        await this.opts.bus.publish(published.version, this.opts.instance);
      } catch (err) {
        notified = false;
        this.opts.log.error(
          `policy version ${published.version} is recorded, but the reload message could not be sent (${(err as Error).message}); ` +
            "instances reload when the bus is back (they compare with the record), or send /reindex or kill -HUP to each instance",
        );
      }
      return { ok: true, published, recorded, notified };
    });
  }

  history(limit: number): Promise<PolicyVersion[]> {
    return this.opts.store.history(limit);
  }

  current(): Promise<PolicyVersion | null> {
    return this.opts.store.current();
  }
}

/** "added 2 (43, 44), changed 1 (7), removed 0": for log lines. */
export function describeDiff(d: MeasureDiff): string {
  const label = (ms: MeasureDiff["added"]) => (ms.length ? ` (${ms.map((m) => (m.document ? `《${m.document}》${m.number}` : String(m.number))).join(", ")})` : "");
  return `added ${d.added.length}${label(d.added)}, changed ${d.changed.length}${label(d.changed)}, removed ${d.removed.length}${label(d.removed)}`;
}

/** The paths a publication may write: the policy texts and the corpus's three word lists, nothing outside the folder. */
function checkFiles(files: readonly PolicyFile[]): PolicyFileError[] {
  const errors: PolicyFileError[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const path = typeof f?.path === "string" ? f.path : "";
    if (!TOP_LEVEL_FILES.includes(path) && !POLICY_FILE.test(path)) {
      errors.push({ file: path, line: 0, message: `a corpus file is ${POLICY_DIR}/<name>.txt or one of ${TOP_LEVEL_FILES.join(", ")}` });
      continue;
    }
    if (seen.has(path)) errors.push({ file: path, line: 0, message: "the same file is given twice" });
    seen.add(path);
    if (typeof f.text !== "string") errors.push({ file: path, line: 0, message: "the file's text is missing" });
    else if (Buffer.byteLength(f.text) > MAX_FILE_BYTES) errors.push({ file: path, line: 0, message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` });
  }
  return errors;
}

/** Parse the folder as the index does; errors name files by their path inside `named` (the real corpus folder). */
function checkFolder(dir: string, named: string): PolicyValidation {
  let next;
  try {
    next = loadCorpus(dir);
    Glossary.load(dir);
  } catch (err) {
    if (!(err instanceof CorpusError)) throw err;
    return { ok: false, errors: [{ file: pathInside(dir, err.file), line: err.line, message: err.problem }] };
  }
  const version = sourceVersion(dir);
  const { added, changed, removed } = diffMeasures(previousMeasures(named), next.measures);
  return { ok: true, version, measures: next.measures.length, diff: { added, changed, removed } };
}

/** The measures the real folder holds now; null when it holds none that parse (everything is then added). */
function previousMeasures(corpusDir: string) {
  try {
    return loadCorpus(corpusDir).measures;
  } catch {
    return null;
  }
}

/** A CorpusError's file (relative to the working directory, or absolute) as a path inside the corpus folder. */
function pathInside(dir: string, file: string): string {
  const inside = relative(resolve(dir), resolve(process.cwd(), file));
  return inside.startsWith("..") ? file : inside.split(sep).join("/");
}

/** Every file to a temporary name beside its target first, then each renamed into place: a failed write leaves the folder as it was. */
function writeFilesAtomically(corpusDir: string, files: readonly PolicyFile[]): void {
  const staged: Array<{ tmp: string; target: string }> = [];
  try {
    for (const f of files) {
      const target = join(corpusDir, f.path);
      mkdirSync(dirname(target), { recursive: true });
      // A dot name not ending in .txt: neither the index nor an editor's listing takes it for a policy text.
      const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.publishing`);
      staged.push({ tmp, target });
      const fd = openSync(tmp, "w");
      try {
        writeFileSync(fd, f.text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    for (const { tmp } of staged) rmSync(tmp, { force: true });
    throw new Error(`could not write the corpus folder ${corpusDir}: ${(err as Error).message}; nothing was published (check the disk and the folder's permissions)`, { cause: err });
  }
  for (const { tmp, target } of staged) renameSync(tmp, target);
}
