import { performance } from "node:perf_hooks";

/** Latency summary in milliseconds (nearest-rank percentiles). */
export interface Percentiles {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { n: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { n: sorted.length, mean: round(mean), p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted.at(-1)!) };
}

/** Time an async call in milliseconds. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};

/** a / b, rounded; null when b is 0. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? round(a / b, 2) : null);

export const toMB = (bytes: number) => round(bytes / (1024 * 1024), 1);
/** process.resourceUsage().maxRSS is in kilobytes. */
export const peakRssMB = () => round(process.resourceUsage().maxRSS / 1024, 1);
export const rssMB = () => toMB(process.memoryUsage().rss);
export { round };
