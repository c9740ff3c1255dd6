import type { ChangedMeasure, IndexChanges } from "../search/index-store.js";

/** 第12条, or 《2023年…》第12条 when the corpus holds several documents. */
export const changedLabel = (m: ChangedMeasure) => `${m.document ? `《${m.document}》` : ""}第${m.number}条`;
const list = (ms: ChangedMeasure[]) => (ms.length ? ms.map(changedLabel).join("、") : "无");

/** One line a maintainer can read: what the rebuild changed against the previous index. */
export function describeChanges(c: IndexChanges): string {
  if (c.previous === "none") return `new index with ${c.added.length} measures`;
  const head = c.previous === "other-embedder" ? "embedder changed, all vectors rebuilt; " : "";
  return `${head}added ${c.added.length} (${list(c.added)}), changed ${c.changed.length} (${list(c.changed)}), removed ${c.removed.length} (${list(c.removed)})`;
}
