/**
 * A publication reloads every instance: the composition root subscribes each live policy to the reload
 * bus; an instance that missed a message (the bus was down) compares what it serves with the store's
 * record when it is back; an instance whose own corpus folder differs from the published version says
 * so in the log, with what to do. Two instances here share one store (PostgreSQL) and one bus; on
 * SQLite (one instance) a publication reloads the instance itself.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceVersion } from "../../src/answer/open-engine.js";
import { openApp, openLivePolicy, type App } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import type { ReloadBus, ReloadHandler, ReloadMessage } from "../../src/coordination/reload-bus.js";
import { busTrigger } from "../../src/reload/bus-trigger.js";
import type { ReloadReason, ReloadReport } from "../../src/reload/reloader.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";
const MEASURE_43 = "43、建立企业诉求快速响应机制，对企业反映的问题三个工作日内答复（市营商环境局负责）。";

function withMeasure43(text: string): string {
  const lines = text.split("\n");
  lines.splice(lines.findIndex((l) => l.startsWith("本期来源")), 0, MEASURE_43);
  return lines.join("\n");
}

/** A bus this test drives: every subscriber hears each message, and a "resubscribed" can be sent as Redis would after a cut. */
class TestBus implements ReloadBus {
  readonly handlers = new Set<ReloadHandler>();
  async publish(corpusVersion: string, from: string): Promise<void> {
    await Promise.resolve();
    this.send({ reason: "published", corpusVersion, from });
  }
  async subscribe(onReload: ReloadHandler): Promise<() => Promise<void>> {
    const h: ReloadHandler = (m) => onReload(m);
    this.handlers.add(h);
    return async () => void this.handlers.delete(h);
  }
  send(m: ReloadMessage): void {
    for (const h of this.handlers) h(m);
  }
}

interface Instance {
  app: App;
  corpusDir: string;
  reports: ReloadReport[];
  warnings: Array<{ message: string; meta?: Record<string, unknown> }>;
}

const until = async (what: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("busTrigger", () => {
  const served = { v: "v1" };
  let published: string | null = null;
  let asked: ReloadReason[];
  let bus: TestBus;
  let stop: () => void;
  beforeEach(() => {
    asked = [];
    bus = new TestBus();
    published = null;
    stop = busTrigger(bus, { served: () => served.v, published: async () => published, log: () => undefined }).onReloadRequested((r) => asked.push(r));
  });

  it("a publication asks for a reload, naming the instance that published", async () => {
    await until(() => bus.handlers.size === 1);
    bus.send({ reason: "published", corpusVersion: "v2", from: "host:12" });
    expect(asked).toEqual([{ source: "bus", by: "host:12" }]);
  });

  it("back on the bus: a reload only when the record names another version than the one served", async () => {
    await until(() => bus.handlers.size === 1);
    bus.send({ reason: "resubscribed", corpusVersion: null, from: null });
    published = "v1";
    bus.send({ reason: "resubscribed", corpusVersion: null, from: null });
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([]);
    published = "v2";
    bus.send({ reason: "resubscribed", corpusVersion: null, from: null });
    await until(() => asked.length === 1);
    expect(asked).toEqual([{ source: "bus", by: "missed publication" }]);
  });

  it("stopped, it hears nothing and unsubscribes", async () => {
    await until(() => bus.handlers.size === 1);
    stop();
    await until(() => bus.handlers.size === 0);
    bus.send({ reason: "published", corpusVersion: "v2", from: "x" });
    expect(asked).toEqual([]);
  });
});

describe.each(storeBackends())("publishing reloads the instances: $name", (backend) => {
  let storage: TestStorage;
  let root: string;
  let bus: TestBus;
  const instances: Instance[] = [];

  async function startInstance(name: string, corpusFrom = path.join(REPO, "corpus")): Promise<Instance> {
    const corpusDir = path.join(root, name, "corpus");
    fs.cpSync(corpusFrom, corpusDir, { recursive: true });
    const config = loadConfig(
      { DATA_DIR: path.join(root, name, "data"), CORPUS_DIR: corpusDir, CORPUS_WATCH: "off", ...(storage.target.databaseUrl ? { DATABASE_URL: storage.target.databaseUrl } : {}) },
      { dotenvFile: false },
    );
    const live = await openLivePolicy({ config, log: () => undefined, debounceMs: 10 });
    const warnings: Instance["warnings"] = [];
    const log = { info() {}, error() {}, warn: (message: string, meta?: Record<string, unknown>) => void warnings.push({ message, ...(meta ? { meta } : {}) }) };
    const app = await openApp({
      config,
      live,
      log,
      reloadBus: bus,
      instance: name,
      ...(storage.target.databaseSchema ? { databaseSchema: storage.target.databaseSchema } : {}),
      // SQLite: every instance in its own data folder, so the second one shares the first's record only on PostgreSQL.
    });
    const reports: ReloadReport[] = [];
    app.reload!.onReport((r) => reports.push(r));
    const instance = { app, corpusDir, reports, warnings };
    instances.push(instance);
    return instance;
  }

  beforeEach(async () => {
    storage = await backend.create();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "publish-reload-"));
    bus = new TestBus();
  });

  afterEach(async () => {
    for (const i of instances.splice(0)) await i.app.close();
    await storage.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("a publication reloads the publishing instance: it then serves the published version", async () => {
    const a = await startInstance("a");
    const original = fs.readFileSync(path.join(a.corpusDir, POLICY), "utf8");
    const result = await a.app.policyVersions.publish([{ path: POLICY, text: withMeasure43(original) }], "李工");
    expect(result).toMatchObject({ ok: true, recorded: true, notified: true });
    await until(() => a.reports.length === 1);
    expect(a.reports[0]).toMatchObject({ kind: "reloaded", reason: { source: "bus", by: "a" }, measures: 43, changes: { added: [{ number: 43 }] } });
    expect(a.app.servedVersion()).toBe(result.ok && result.published.version);
    expect(a.app.engine.measure(43)?.departments).toEqual(["市营商环境局"]);
    expect(a.warnings).toEqual([]);
  });

  it.skipIf(backend.name !== "postgres")("two instances on one database: the other reloads from its own folder, and says what to do when that folder lacks the published files", async () => {
    const a = await startInstance("a");
    const b = await startInstance("b");
    const original = fs.readFileSync(path.join(a.corpusDir, POLICY), "utf8");
    const result = await a.app.policyVersions.publish([{ path: POLICY, text: withMeasure43(original) }], "李工");
    const published = result.ok ? result.published.version : "";
    await until(() => a.reports.length === 1 && b.reports.length === 1);
    // b's folder still holds the old files: nothing to reload, and the log says why and what to do.
    expect(b.reports[0]).toMatchObject({ kind: "unchanged", reason: { source: "bus", by: "a" } });
    await until(() => b.warnings.length === 1);
    expect(b.warnings[0]).toMatchObject({
      message: "this instance does not serve the published policy version",
      meta: { served: sourceVersion(path.join(REPO, "corpus")), published, publishedBy: "李工", hint: expect.stringContaining(`copy the published corpus files into it`) },
    });

    // The operator copies the files; b missed nothing but is cut from the bus and back: it compares with the record and reloads.
    fs.cpSync(a.corpusDir, b.corpusDir, { recursive: true });
    bus.send({ reason: "resubscribed", corpusVersion: null, from: null });
    await until(() => b.reports.length === 2);
    expect(b.reports[1]).toMatchObject({ kind: "reloaded", reason: { source: "bus", by: "missed publication" }, measures: 43 });
    expect(b.app.servedVersion()).toBe(published);
  });

  it.skipIf(backend.name !== "postgres")("an instance started on an old corpus folder warns at start, naming the published version", async () => {
    const a = await startInstance("a");
    const original = fs.readFileSync(path.join(a.corpusDir, POLICY), "utf8");
    const result = await a.app.policyVersions.publish([{ path: POLICY, text: withMeasure43(original) }], "李工");
    const published = result.ok ? result.published.version : "";
    const late = await startInstance("late");
    expect(late.warnings).toEqual([
      { message: "this instance does not serve the published policy version", meta: expect.objectContaining({ published, hint: expect.stringContaining(late.corpusDir) }) },
    ]);
    // Started from the published files, an instance warns of nothing.
    const fresh = await startInstance("fresh", a.corpusDir);
    expect(fresh.warnings).toEqual([]);
    expect(fresh.app.servedVersion()).toBe(published);
  });
});
