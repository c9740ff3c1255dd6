import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "./run-command.js";

/** Vitest global setup: the CLIs the tests spawn run from dist/, so bring it up to date first (tsc is incremental). */
export default function buildOnce(): void {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
}
