import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCommand } from "../support/run-command.js";

// The launcher npm run build makes (dist/bin/launch.cjs), run as the commands run it, on a bundle of the test's own.
const LAUNCHER = join(REPO_ROOT, "dist", "bin", "launch.cjs");

describe("the launcher keeps V8's code cache beside a bundle", () => {
  let dir: string;
  let bundle: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "launch-"));
    // A package beside the bundle: the bundle's require resolves from where the bundle is, as dist/bin/bundles/ does.
    mkdirSync(join(dir, "node_modules", "beside"), { recursive: true });
    writeFileSync(join(dir, "node_modules", "beside", "index.js"), 'module.exports = "found beside the bundle";');
    bundle = join(dir, "bundle.cjs");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const writeBundle = (greeting: string) =>
    writeFileSync(bundle, `const beside = require("beside");\nconsole.log(${JSON.stringify(greeting)}, beside, require("node:path").basename(__filename));\n`);
  /** One process, as `node dist/bin/NAME.cjs` is: the launch's cache status, then what the bundle printed. */
  const start = async () => {
    const run = await runCommand(process.execPath, ["-e", `const s = require(${JSON.stringify(LAUNCHER)}).launch(${JSON.stringify(bundle)}); console.log("cache:", s);`]);
    expect(run.code, run.stderr).toBe(0);
    return run.stdout.trim().split("\n");
  };

  it("compiles and leaves a cache, then starts from it; a changed bundle or a damaged cache is compiled again and runs the same", async () => {
    writeBundle("hello");
    expect(await start()).toEqual(["hello found beside the bundle bundle.cjs", "cache: compiled"]);
    expect(existsSync(`${bundle}.v8cache`)).toBe(true);
    expect(await start()).toEqual(["hello found beside the bundle bundle.cjs", "cache: cached"]);

    // A new build: the old cache is for other source, so V8 refuses it; the new one replaces it.
    writeBundle("hello again");
    expect(await start()).toEqual(["hello again found beside the bundle bundle.cjs", "cache: rejected"]);
    expect(await start()).toEqual(["hello again found beside the bundle bundle.cjs", "cache: cached"]);

    writeFileSync(`${bundle}.v8cache`, "not a code cache");
    expect(await start()).toEqual(["hello again found beside the bundle bundle.cjs", "cache: rejected"]);
    expect(await start()).toEqual(["hello again found beside the bundle bundle.cjs", "cache: cached"]);
    // No partial file is left behind by the writes.
    expect(readdirSync(dir).sort()).toEqual(["bundle.cjs", "bundle.cjs.v8cache", "node_modules"]);
  });
});
