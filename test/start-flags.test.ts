/**
 * Every launcher starts the bot with npm start's node flags (a larger young generation, garbage collected on the main
 * thread, less inlining, and code optimised only once it is hot: README, Performance), and the bench's bot runs with them
 * too (it reads them from package.json).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeFlagsOf, startScriptFlags } from "../src/cli/bench/start-flags.js";
import { REPO_ROOT } from "./support/run-command.js";

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

describe("the bot's node flags", () => {
  it("reads the flags of a command that runs dist/bin/main.cjs, and refuses one that does not", () => {
    expect(nodeFlagsOf("node dist/bin/main.cjs")).toEqual([]);
    expect(nodeFlagsOf("/usr/bin/node --a=1 --b dist/bin/main.cjs")).toEqual(["--a=1", "--b"]);
    expect(nodeFlagsOf('sh -c "cp x y; exec node --a dist/bin/main.cjs"')).toEqual(["--a"]);
    expect(() => nodeFlagsOf("node dist/bin/ask.cjs")).toThrow(/no "node \[flags\] dist\/bin\/main\.cjs"/);
    expect(() => nodeFlagsOf("tsx src/main.ts")).toThrow();
  });

  it("are the same in the Dockerfile, the systemd unit and npm start", () => {
    const flags = startScriptFlags();
    expect(flags).toEqual(["--max-semi-space-size=64", "--single-threaded-gc", "--max-inlined-bytecode-size-cumulative=230", "--interrupt-budget=270336"]);
    const cmd = read("Dockerfile").split("\n").find((l) => l.startsWith("CMD "));
    const execStart = read("deploy/karamay-bot.service").split("\n").find((l) => l.startsWith("ExecStart="));
    expect(nodeFlagsOf(cmd ?? "")).toEqual(flags);
    expect(nodeFlagsOf(execStart ?? "")).toEqual(flags);
  });
});
