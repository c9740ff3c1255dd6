/**
 * Runs a command's bundle (dist/bin/bundles/NAME.cjs, made by npm run build) with V8's code cache kept beside it:
 * a start reuses the bytecode the previous start compiled, the first answer's code included, instead of compiling
 * the bundle again (~40 ms of a ~0.45 s start). Node 22 does this itself (module.enableCompileCache); Node 20
 * has only vm.Script's cachedData. Code run this way cannot import() (Node 20 loses the callback with the cache):
 * the bundles require their packages, and npm run build refuses a bundle with an import() left in it.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";

/** How the bundle's code was had: compiled (no cache yet), from the cache, or compiled because the cache was stale. */
export type LaunchCache = "compiled" | "cached" | "rejected";

export function launch(bundle: string): LaunchCache {
  const cacheFile = `${bundle}.v8cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: this start compiles and leaves one.
  }
  const script = new vm.Script(Module.wrap(readFileSync(bundle, "utf8")), {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  // Written at exit, so it holds what this run compiled; V8 rejects a cache of another build, Node or set of flags.
  if (!cachedData || script.cachedDataRejected) process.once("exit", () => saveCache(cacheFile, script));
  const module = new Module(bundle);
  module.filename = bundle;
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return !cachedData ? "compiled" : script.cachedDataRejected ? "rejected" : "cached";
}

/** Best effort: a read-only install starts without a cache, as before. Renamed into place: starts run side by side. */
function saveCache(file: string, script: vm.Script): void {
  const partial = `${file}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, file);
  } catch {
    // Nothing else to do: the next start compiles again.
    rmSync(partial, { force: true });
  }
}
