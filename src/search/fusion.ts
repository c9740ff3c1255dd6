import type { Scored } from "./bm25.js";

/** Reciprocal rank fusion: robust to the two rankers' different score scales. */
export function reciprocalRankFusion(rankings: Scored[][], k = 60, weights: number[] = rankings.map(() => 1)): Scored[] {
  const fused = new Map<number, number>();
  rankings.forEach((ranking, r) =>
    ranking.forEach(({ index }, rank) => fused.set(index, (fused.get(index) ?? 0) + weights[r]! / (k + rank + 1))),
  );
  return [...fused].map(([index, score]) => ({ index, score })).sort((a, b) => b.score - a.score || a.index - b.index);
}
