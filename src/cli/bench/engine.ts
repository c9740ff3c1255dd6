/**
 * The engine exactly as production opens it (openEngine), with the parts the bench times separately
 * (the retriever and its term index) reached inside it. Reaching in, rather than assembling a copy,
 * keeps the bench measuring what `npm start` runs; the checks below fail loudly if the shape changes.
 */
import { performance } from "node:perf_hooks";
import { LocalPolicyEngine } from "../../answer/ask.js";
import type { PolicyEngine } from "../../answer/engine.js";
import { openEngine } from "../../answer/open-engine.js";
import type { Config } from "../../config.js";
import { Retriever } from "../../search/retriever.js";
import { TermIndex } from "../../search/term-index.js";

export interface EngineParts {
  engine: PolicyEngine;
  retriever: Retriever;
  terms: TermIndex;
  /** Every way of writing a department → its full name, as the engine detects them. */
  departmentNames: Map<string, string>;
}

const shapeChanged = (what: string) =>
  new Error(`bench: cannot find ${what} inside the engine openEngine() returns; update src/cli/bench/engine.ts to the new shape`);

/** The retriever and department names of an engine from openEngine() (private fields, checked at run time). */
export function partsOf(engine: PolicyEngine): EngineParts {
  if (!(engine instanceof LocalPolicyEngine)) throw shapeChanged("a LocalPolicyEngine");
  const deps = (engine as unknown as { deps?: { retriever?: unknown; departmentNames?: unknown } }).deps;
  if (!(deps?.retriever instanceof Retriever)) throw shapeChanged("deps.retriever");
  if (!(deps.departmentNames instanceof Map)) throw shapeChanged("deps.departmentNames");
  if (!(deps.retriever.terms instanceof TermIndex)) throw shapeChanged("retriever.terms");
  return { engine, retriever: deps.retriever, terms: deps.retriever.terms, departmentNames: deps.departmentNames as Map<string, string> };
}

export interface OpenedEngine extends EngineParts {
  /** The index was missing or stale and openEngine() built it. */
  built: boolean;
  /** openEngine() start → index written (only when built). */
  buildMs: number | null;
  /** openEngine() start → engine ready. */
  openMs: number;
}

export async function openBenchEngine(config: Config): Promise<OpenedEngine> {
  const start = performance.now();
  let builtAt: number | null = null;
  const engine = await openEngine(config, { onBuild: () => (builtAt = performance.now()), log: (m) => console.error(m) });
  const openMs = performance.now() - start;
  const buildMs = builtAt === null ? null : (builtAt as number) - start;
  return { ...partsOf(engine), built: buildMs !== null, buildMs, openMs };
}
