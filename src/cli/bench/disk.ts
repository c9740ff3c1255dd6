import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Bytes of all files under a folder (0 if it does not exist). */
export function du(path: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) total += du(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}
