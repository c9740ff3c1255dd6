/**
 * One engine index per test file: built once into a template folder, then copied into each test's
 * fresh DATA_DIR, so commands that open the engine (faq, report) start without rebuilding it.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openServedEngine, type ServedEngine } from "../../src/answer/open-engine.js";
import { loadConfig } from "../../src/config.js";

export const CORPUS_DIR = fileURLToPath(new URL("../../corpus", import.meta.url));

export async function buildTemplate(root: string): Promise<ServedEngine & { dataDir: string }> {
  const dataDir = path.join(root, "template");
  const opened = await openServedEngine(loadConfig({ DATA_DIR: dataDir, CORPUS_DIR }, { dotenvFile: false }));
  return { ...opened, dataDir };
}

/** A fresh data folder holding a copy of the template's index. */
export function freshDataDir(root: string, template: string): string {
  const dir = fs.mkdtempSync(path.join(root, "data-"));
  fs.cpSync(path.join(template, "index"), path.join(dir, "index"), { recursive: true });
  return dir;
}
