/** A line diff (longest common subsequence) between the live corpus file and the proposed one, for review before publishing. */
export type DiffLine = { kind: "same" | "add" | "del"; text: string; line: number };

/** Above this many lines on either side the diff is not computed (the table would be too large); the measure diff still is. */
export const MAX_DIFF_LINES = 4_000;
/** Unchanged lines shown around each change. */
const CONTEXT = 2;

/** Changed lines with a little context; null when a file is too long to diff here. */
export function lineDiff(before: string, after: string): DiffLine[] | null {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) return null;
  // lcs[i][j]: the LCS length of a[i..] and b[j..], one row at a time kept as typed arrays.
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j] ? lcs[(i + 1) * cols + j + 1]! + 1 : Math.max(lcs[(i + 1) * cols + j]!, lcs[i * cols + j + 1]!);
    }
  }
  const all: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      all.push({ kind: "same", text: a[i]!, line: j + 1 });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[(i + 1) * cols + j]! >= lcs[i * cols + j + 1]!)) {
      // Removed lines first, then what replaces them, as diff tools show it.
      all.push({ kind: "del", text: a[i]!, line: i + 1 });
      i++;
    } else {
      all.push({ kind: "add", text: b[j]!, line: j + 1 });
      j++;
    }
  }
  const keep = all.map((d, k) => d.kind !== "same" || all.slice(Math.max(0, k - CONTEXT), k + CONTEXT + 1).some((x) => x.kind !== "same"));
  return all.filter((_, k) => keep[k]);
}
