/**
 * Charts as inline SVG built on the server: no script, nothing to load (the machines are offline),
 * allowed by the strict CSP, readable in a screenshot and by a test. Labels are escaped; the rest
 * is numbers. Each chart says what it shows in a <title> for screen readers.
 */
import { escapeHtml } from "./html.js";

export const OUTCOME_COLORS: Record<string, string> = { answered: "#1f7a3d", clarify: "#2e90fa", handoff: "#f79009", smalltalk: "#98a2b3" };
const OTHER_COLOR = "#7a5af8";
const AXIS = "#98a2b3";
const FONT = `font-family="system-ui, sans-serif" font-size="11" fill="#475467"`;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A "nice" top for the value axis (1, 2, 5 × 10^k) and its ticks. */
function axis(max: number, ticks = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

export interface StackedSeries {
  key: string;
  label: string;
}

/** Bars per category (days), each stacked by series (outcomes). */
export function stackedBars(title: string, categories: string[], series: StackedSeries[], value: (category: number, series: string) => number): string {
  const W = 640;
  const H = 260;
  const left = 40;
  const bottom = 36;
  const top = 12;
  const plotH = H - top - bottom;
  const plotW = W - left - 10;
  const totals = categories.map((_, i) => series.reduce((s, k) => s + value(i, k.key), 0));
  const ticks = axis(Math.max(1, ...totals));
  const maxV = ticks[ticks.length - 1]!;
  const slot = plotW / Math.max(1, categories.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const y = (v: number) => top + plotH - (v / maxV) * plotH;
  const parts: string[] = [];
  for (const t of ticks) parts.push(`<line x1="${left}" x2="${W - 10}" y1="${y(t)}" y2="${y(t)}" stroke="#eaecf0"/><text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" ${FONT}>${fmt(t)}</text>`);
  const labelEvery = Math.ceil(categories.length / 10);
  categories.forEach((cat, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    let base = 0;
    for (const s of series) {
      const v = value(i, s.key);
      if (v <= 0) continue;
      const color = OUTCOME_COLORS[s.key] ?? OTHER_COLOR;
      parts.push(`<rect class="bar" data-series="${escapeHtml(s.key)}" data-category="${escapeHtml(cat)}" data-value="${v}" x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}" fill="${color}"><title>${escapeHtml(`${cat} ${s.label}: ${v}`)}</title></rect>`);
      base += v;
    }
    if (i % labelEvery === 0) parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" ${FONT}>${escapeHtml(cat.slice(5))}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${W - 10}" y1="${y(0)}" y2="${y(0)}" stroke="${AXIS}"/>`);
  return svg(W, H, title, parts);
}

/** Horizontal bars, one per labelled value, longest first as given. */
export function horizontalBars(title: string, rows: Array<{ label: string; value: number }>, unit = ""): string {
  const W = 640;
  const rowH = 26;
  const labelW = 300;
  const H = Math.max(1, rows.length) * rowH + 16;
  const maxV = Math.max(1, ...rows.map((r) => r.value));
  const plotW = W - labelW - 60;
  const parts = rows.map((r, i) => {
    const yy = 8 + i * rowH;
    const w = (r.value / maxV) * plotW;
    const label = [...r.label].length > 24 ? `${[...r.label].slice(0, 24).join("")}…` : r.label;
    return `<text x="${labelW - 8}" y="${yy + 16}" text-anchor="end" ${FONT}>${escapeHtml(label)}<title>${escapeHtml(r.label)}</title></text><rect class="bar" data-value="${r.value}" x="${labelW}" y="${yy + 4}" width="${Math.max(1, w).toFixed(1)}" height="${rowH - 10}" fill="#0b5cad"/><text x="${(labelW + w + 6).toFixed(1)}" y="${yy + 16}" ${FONT}>${fmt(r.value)}${escapeHtml(unit)}</text>`;
  });
  if (rows.length === 0) parts.push(`<text x="${W / 2}" y="${H / 2 + 4}" text-anchor="middle" ${FONT}>（暂无数据）</text>`);
  return svg(W, H, title, parts);
}

/** A line over categories with values in [0, 1], shown as percentages; null values leave a gap. */
export function rateLine(title: string, categories: string[], values: Array<number | null>): string {
  const W = 640;
  const H = 220;
  const left = 44;
  const bottom = 36;
  const top = 12;
  const plotH = H - top - bottom;
  const plotW = W - left - 16;
  const x = (i: number) => left + (categories.length <= 1 ? plotW / 2 : (plotW * i) / (categories.length - 1));
  const y = (v: number) => top + plotH - v * plotH;
  const parts: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) parts.push(`<line x1="${left}" x2="${W - 16}" y1="${y(t)}" y2="${y(t)}" stroke="#eaecf0"/><text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" ${FONT}>${t * 100}%</text>`);
  let path = "";
  values.forEach((v, i) => {
    if (v === null) return;
    path += `${path && values[i - 1] !== null ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    parts.push(`<circle class="point" data-category="${escapeHtml(categories[i]!)}" data-value="${v.toFixed(4)}" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="#f79009"><title>${escapeHtml(`${categories[i]}: ${(v * 100).toFixed(1)}%`)}</title></circle>`);
  });
  if (path) parts.unshift(`<path d="${path}" fill="none" stroke="#f79009" stroke-width="2"/>`);
  const labelEvery = Math.ceil(categories.length / 10);
  categories.forEach((c, i) => {
    if (i % labelEvery === 0) parts.push(`<text x="${x(i).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" ${FONT}>${escapeHtml(c.slice(5))}</text>`);
  });
  return svg(W, H, title, parts);
}

function svg(w: number, h: number, title: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${parts.join("")}</svg>`;
}
