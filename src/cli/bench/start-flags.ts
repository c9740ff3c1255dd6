import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./children.js";

/** The node flags of a command that runs the bot's entry (`node [flags] dist/bin/main.cjs`). */
export function nodeFlagsOf(command: string): string[] {
  const m = /(?:^|[\s/])node((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/bin\/main\.cjs(?=\s|"|$)/.exec(command);
  if (!m) throw new Error(`no "node [flags] dist/bin/main.cjs" in: ${command}`);
  return m[1]!.split(/\s+/).filter(Boolean);
}

/**
 * The node flags `npm start` gives the bot (package.json's start script): the bench's bot runs with the same,
 * so it measures the process production starts (the Dockerfile and the systemd unit give the same flags: test/start-flags.test.ts).
 */
export function startScriptFlags(root = REPO_ROOT): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts?: { start?: string } };
  if (!pkg.scripts?.start) throw new Error(`no start script in ${join(root, "package.json")}`);
  return nodeFlagsOf(pkg.scripts.start);
}
