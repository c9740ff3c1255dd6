import type { IndexChanges } from "../search/index-store.js";

const list = (ns: number[]) => (ns.length ? ns.map((n) => `第${n}条`).join("、") : "无");

/** One line a maintainer can read: what the rebuild changed against the previous index. */
export function describeChanges(c: IndexChanges): string {
  if (c.previous === "none") return `new index with ${c.added.length} measures`;
  const head = c.previous === "other-embedder" ? "embedder changed, all vectors rebuilt; " : "";
  return `${head}added ${c.added.length} (${list(c.added)}), changed ${c.changed.length} (${list(c.changed)}), removed ${c.removed.length} (${list(c.removed)})`;
}
