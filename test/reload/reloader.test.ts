/**
 * The live index holder and the reloader, with stand-in engines: a burst of requests is one rebuild,
 * rebuilds run one at a time, a failed one changes nothing and is reported once, a question in flight
 * finishes on the engine it started on. Time is a manual clock.
 */
import { describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { LiveEngine } from "../../src/answer/live-engine.js";
import type { ServedEngine } from "../../src/answer/open-engine.js";
import type { Answer } from "../../src/answer/types.js";
import { CorpusError } from "../../src/policy/corpus-error.js";
import type { Measure } from "../../src/policy/measure.js";
import { Reloader, type ReloadReport } from "../../src/reload/reloader.js";
import { signalTrigger } from "../../src/reload/triggers.js";
import { ManualClock } from "../support/manual-clock.js";

const measure = (number: number, text: string): Measure => ({
  number,
  title: text,
  text,
  sentences: [text],
  departments: ["市住建局"],
  document: "2022年测试",
  year: 2022,
  source: { file: "policy/a.txt", line: number },
});

/** An engine answering with its name; `hold` keeps an answer pending until released. */
function engine(name: string, measures: Measure[], hold?: Promise<void>): PolicyEngine {
  const answer = (text: string): Answer => ({ outcome: "answered", text, citations: [], sections: [], related: [] });
  return {
    async ask() {
      await hold;
      return answer(name);
    },
    answerFrom: async () => answer(name),
    explain: () => Promise.reject(new Error("not used")),
    measures: () => measures,
    measure: (n) => measures.find((m) => m.number === n),
    measuresOf: () => undefined,
    documentTitle: () => name,
    documents: () => [{ key: "a", title: name, year: 2022 }],
  };
}

// The reloader reads an engine's measures, documents and source version only; its text analysis and manifest are other features'.
const unread = {} as Pick<ServedEngine, "text" | "manifest">;
const served = (name: string, source: string, measures: Measure[], hold?: Promise<void>): ServedEngine => ({ ...unread, engine: engine(name, measures, hold), source });

function setup(opts: { version?: string } = {}) {
  const clock = new ManualClock();
  const live = new LiveEngine(served("v1", "v1", [measure(1, "甲"), measure(2, "乙")]));
  const state = { version: opts.version ?? "v1", opens: 0, next: null as (() => Promise<ServedEngine>) | null };
  const logs: string[] = [];
  const reports: ReloadReport[] = [];
  const reloader = new Reloader({
    live,
    version: () => state.version,
    open: async () => {
      state.opens++;
      return state.next ? state.next() : served(state.version, state.version, [measure(1, "甲"), measure(2, `乙 ${state.version}`), measure(3, "丙")]);
    },
    log: (m) => logs.push(m),
    clock,
    debounceMs: 500,
  });
  reloader.onReport((r) => reports.push(r));
  /** Resolves when the reloader has reported `n` times in all. */
  const reported = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (reports.length >= n ? resolve() : setTimeout(check, 5));
      check();
    });
  return { clock, live, state, logs, reports, reloader, reported };
}

describe("Reloader", () => {
  it("a burst of requests within the debounce interval is one rebuild, reported with what changed", async () => {
    const { clock, live, state, reports, reloader, reported } = setup();
    state.version = "v2";
    for (let i = 0; i < 5; i++) {
      reloader.request({ source: "watch", by: "policy/a.txt" });
      clock.advance(100);
    }
    expect(state.opens).toBe(0); // still within 500 ms of the last request
    expect(clock.pending()).toHaveLength(1); // one rebuild due, not five
    clock.advance(500);
    await reported(1);
    // Nothing else was queued behind it.
    await reloader.close();
    expect(reports).toHaveLength(1);
    expect(state.opens).toBe(1);
    expect(reports[0]).toMatchObject({ kind: "reloaded", measures: 3, changes: { added: [{ number: 3 }], changed: [{ number: 2 }], removed: [] } });
    expect(live.documentTitle()).toBe("v2");
    expect(live.current.source).toBe("v2");
  });

  it("nothing changed (the version is the one served): no rebuild, no swap", async () => {
    const { live, state, reloader } = setup();
    const before = live.current;
    expect(await reloader.reloadNow({ source: "signal" })).toMatchObject({ kind: "unchanged", recovered: false });
    expect(state.opens).toBe(0);
    expect(live.current).toBe(before);
  });

  it("a malformed corpus changes nothing, is reported with file:line once, and a fix is taken", async () => {
    const { live, state, reloader, logs } = setup();
    const before = live.current;
    state.version = "broken";
    state.next = () => Promise.reject(new CorpusError("corpus/policy/a.txt", 14, "measure 12 has no responsible departments"));
    const first = await reloader.reloadNow({ source: "watch" });
    expect(first).toMatchObject({ kind: "failed", where: { file: "corpus/policy/a.txt", line: 14 }, problem: "measure 12 has no responsible departments", repeated: false, measures: 2 });
    expect(live.current).toBe(before);
    expect(await live.ask("x")).toMatchObject({ text: "v1" });
    expect(logs.at(-1)).toMatch(/^reload \(watch\) refused: corpus\/policy\/a\.txt:14: measure 12 .*still answering from the previous version \(2 measures\)/);
    // The same broken files again (a second save event): reported as a repeat, for the notifier to skip.
    expect(await reloader.reloadNow({ source: "watch" })).toMatchObject({ kind: "failed", repeated: true });
    // Fixed.
    state.version = "v3";
    state.next = null;
    expect(await reloader.reloadNow({ source: "watch" })).toMatchObject({ kind: "reloaded" });
    expect(live.current.source).toBe("v3");
  });

  it("a broken change undone (the files are the served version again) is reported as recovered", async () => {
    const { state, reloader } = setup();
    state.version = "broken";
    state.next = () => Promise.reject(new CorpusError("a.txt", 3, "bad"));
    await reloader.reloadNow({ source: "watch" });
    state.version = "v1";
    expect(await reloader.reloadNow({ source: "watch" })).toMatchObject({ kind: "unchanged", recovered: true });
    expect(await reloader.reloadNow({ source: "watch" })).toMatchObject({ kind: "unchanged", recovered: false });
  });

  it("rebuilds run one at a time, in the order asked", async () => {
    const { state, reloader } = setup();
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    state.version = "v2";
    state.next = async () => {
      const n = state.opens;
      events.push(`open ${n}`);
      if (n === 1) await gate;
      events.push(`built ${n}`);
      return served(`v${n + 1}`, `v${n + 1}`, [measure(1, `甲${n}`)]);
    };
    const a = reloader.reloadNow({ source: "command" });
    const b = reloader.reloadNow({ source: "signal" });
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(["open 1"]); // the second waits for the first
    state.version = "v3";
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(events).toEqual(["open 1", "built 1", "open 2", "built 2"]);
    expect([ra.kind, rb.kind]).toEqual(["reloaded", "reloaded"]);
  });

  it("a question in flight during a swap finishes on the engine it started on", async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const live = new LiveEngine(served("old", "old", [measure(1, "甲")], slow));
    const inFlight = live.ask("供水报装要几天");
    live.swap(served("new", "new", [measure(1, "甲改")]));
    expect(await live.ask("供水报装要几天")).toMatchObject({ text: "new" });
    release();
    expect(await inFlight).toMatchObject({ text: "old" });
  });

  it("close() drops a pending request and detaches triggers", async () => {
    const { clock, state, reloader } = setup();
    state.version = "v2";
    const listeners = new Map<string, () => void>();
    const proc = { on: (s: string, f: () => void) => listeners.set(s, f), off: (s: string) => listeners.delete(s) } as unknown as NodeJS.Process;
    const hup = signalTrigger("SIGHUP", proc);
    reloader.attach(hup);
    listeners.get("SIGHUP")!();
    await reloader.close();
    clock.advance(10_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(state.opens).toBe(0);
    hup.dispose();
    expect(listeners.size).toBe(0);
  });
});

describe("signalTrigger", () => {
  it("a signal that arrives before anything listens is kept for the first listener (the process does not die of it)", () => {
    const listeners = new Map<string, () => void>();
    const proc = { on: (s: string, f: () => void) => listeners.set(s, f), off: (s: string) => listeners.delete(s) } as unknown as NodeJS.Process;
    const hup = signalTrigger("SIGHUP", proc);
    expect(listeners.has("SIGHUP")).toBe(true);
    listeners.get("SIGHUP")!();
    const got: string[] = [];
    hup.onReloadRequested((r) => got.push(`${r.source} ${r.by}`));
    expect(got).toEqual(["signal SIGHUP"]);
    listeners.get("SIGHUP")!();
    expect(got).toEqual(["signal SIGHUP", "signal SIGHUP"]);
    hup.dispose();
  });
});
