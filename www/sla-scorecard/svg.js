// Small SVG charts as markup strings: a sparkline, an SLA clock timeline and the review's charts.
// Only numbers computed here and escaped text reach the markup; geometry is
// in attributes (no inline styles, so a strict CSP allows them).

import { escapeHtml } from "./html.js";

const round = (x) => Math.round(x * 100) / 100;

/**
 * A sparkline of `values` (numbers, `null` for periods without data, drawn
 * as gaps). Returns `{ svg, points }` where `points` lists the polyline
 * segments as arrays of [x, y], for tests.
 */
export function sparkline(values, { width = 96, height = 24, label = "trend" } = {}) {
  const present = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const segments = [];
  let current = [];
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      if (current.length) segments.push(current);
      current = [];
      return;
    }
    const x = round(2 + i * step);
    const y = round(max === min ? height / 2 : 2 + (height - 4) * (1 - (v - min) / span));
    current.push([x, y]);
  });
  if (current.length) segments.push(current);
  const lines = segments
    .map((seg) =>
      seg.length === 1
        ? `<circle cx="${seg[0][0]}" cy="${seg[0][1]}" r="1.5" class="spark-dot"/>`
        : `<polyline points="${seg.map((p) => p.join(",")).join(" ")}" class="spark-line" fill="none"/>`,
    )
    .join("");
  const svg = `<svg class="sparkline" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${lines}</svg>`;
  return { svg, points: segments };
}

/** What each kind of clock segment means (the SLA engine's kinds, docs/sla.md §3.1). */
export const SEGMENT_LABEL = {
  running: "running",
  outside_hours: "outside working hours",
  paused: "paused",
  resolved: "resolved (not counted)",
  superseded: "before a restart (not counted)",
};

/**
 * The clock timeline of one SLA outcome: `segments` are the engine's
 * `{ from, to, kind, status }` (ISO instants, kinds of `SEGMENT_LABEL`);
 * `marks` are `{ kind: "due" | "breach" | "stop", at }`; each of `bands`
 * `{ name, changes: [[at, value]] }` (a history, oldest first) is drawn as a
 * row under the clock, a value lasting from its change to the next. Time
 * runs left to right from the first instant to the last. Every segment,
 * band part and mark is focusable, named by its figures (instants written by `at`).
 */
export function timeline(segments, marks, { bands = [], label = "SLA clock timeline", at = (t) => t } = {}) {
  const width = 640;
  const height = 40 + 18 * bands.length;
  const times = [
    ...segments.flatMap((s) => [Date.parse(s.from), Date.parse(s.to)]),
    ...marks.map((m) => Date.parse(m.at)),
  ].filter(Number.isFinite);
  const open = `<svg class="timeline" role="group" viewBox="0 0 ${width} ${height}" height="${height}" preserveAspectRatio="none" aria-label="${escapeHtml(label)}`;
  if (times.length === 0) return `${open}: no data"></svg>`;
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const scale = (t) => round(((t - t0) / (t1 - t0 || 1)) * (width - 2) + 1);
  const bars = segments
    .map((s) => {
      const x = scale(Date.parse(s.from));
      const w = Math.max(round(scale(Date.parse(s.to)) - x), 0.5);
      const kind = SEGMENT_LABEL[s.kind] ? s.kind : "outside_hours";
      const status = s.status ? ` (${s.status})` : "";
      return point(`${SEGMENT_LABEL[kind]}${status}: ${at(s.from)} → ${at(s.to)}`, `<rect class="seg seg-${kind}" x="${x}" y="8" width="${w}" height="24"/>`);
    })
    .join("");
  const lines = marks
    .filter((m) => Number.isFinite(Date.parse(m.at)))
    .map((m) => {
      const x = scale(Date.parse(m.at));
      const kind = ["due", "breach", "stop"].includes(m.kind) ? m.kind : "stop";
      return point(`${kind}: ${at(m.at)}`, `<line class="mark mark-${kind}" x1="${x}" x2="${x}" y1="2" y2="${height - 2}"/>`);
    })
    .join("");
  const rows = bands.map(({ name, changes }, b) => {
    const values = [...new Set(changes.map((c) => c[1]))];
    return changes
      .map(([from, value], i) => {
        const x = scale(Math.max(Date.parse(from), t0));
        const end = scale(Math.min(changes[i + 1] ? Date.parse(changes[i + 1][0]) : t1, t1));
        return end > x ? point(`${name} ${value} from ${at(from)}`, `<rect class="ser-${values.indexOf(value) % 6}" x="${x}" y="${40 + 18 * b}" width="${round(end - x)}" height="14"/>`) : "";
      })
      .join("");
  });
  return `${open}">${bars}${rows.join("")}${lines}</svg>`;
}

// ---- charts of the review: a line chart, a heatmap and grouped bars -------
// Each draws what the element hands it (the engine's figures) in a 640-wide
// viewBox. Every data point is a focusable shape with an `aria-label` and a
// `data-tip` (the element shows the tip on hover and focus); series differ
// by marker shape and dash as well as colour, cells and bars carry their
// figure as text, so nothing is told by colour alone.

const W = 640;
const L = 48; // left margin: y ticks, or row names of the heatmap (wider)
const R = 70; // right margin: reference line and band labels
const esc = escapeHtml;
const text = (x, y, s, cls = "") => `<text x="${round(x)}" y="${round(y)}"${cls && ` class="${cls}"`}>${esc(s)}</text>`;
const point = (tip, shape) => shape.replace(/\/>$/, ` tabindex="0" role="img" aria-label="${esc(tip)}" data-tip="${esc(tip)}"/>`);
const svgOpen = (h, label, cls) => `<svg class="chart ${cls}" role="group" aria-label="${esc(label)}" viewBox="0 0 ${W} ${h}">`;

/** Marker `i` (circle, square, diamond, triangle, in turn) of series `i` at (x, y); `r` its half size. */
export function marker(i, x, y, r = 4.5) {
  const cls = `mk ser-${i % 6}`;
  const at = (pts) => `<polygon class="${cls}" points="${pts.map(([a, b]) => `${round(x + a * r)},${round(y + b * r)}`).join(" ")}"/>`;
  if (i % 4 === 1) return at([[-0.9, -0.9], [0.9, -0.9], [0.9, 0.9], [-0.9, 0.9]]);
  if (i % 4 === 2) return at([[0, -1.2], [1.2, 0], [0, 1.2], [-1.2, 0]]);
  if (i % 4 === 3) return at([[0, -1.2], [1.1, 0.9], [-1.1, 0.9]]);
  return `<circle class="${cls}" cx="${round(x)}" cy="${round(y)}" r="${r}"/>`;
}

/**
 * A line chart over `columns` (period labels, with an optional second line
 * `sub` under each): `series` [{ name, points: [{ value, tip }] }] (a null
 * value leaves a gap), y from `lo` to `hi` labelled by `tick(v)`, reference
 * `lines` [{ value, cls, text }] and horizontal `bands` [{ from, to, cls, text }].
 */
export function lineChart({ columns, sub, series, lo, hi, tick, lines = [], bands = [], label }) {
  const H = sub ? 236 : 220;
  const bottom = 190;
  const y = (v) => round(bottom - ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo || 1)) * (bottom - 12));
  const n = columns.length;
  const x = (i) => round(L + 12 + (n > 1 ? (i * (W - L - R - 24)) / (n - 1) : (W - L - R - 24) / 2));
  let out = svgOpen(H, label, "line-chart");
  for (const b of bands) {
    const [top, low] = [y(b.to), y(b.from)];
    if (low - top < 1) continue;
    out += `<rect class="band ${b.cls}" x="${L}" y="${top}" width="${W - L - R}" height="${round(low - top)}"/>${text(W - R + 6, (top + low) / 2 + 4, b.text, "band-label")}`;
  }
  for (const v of [lo, (lo + hi) / 2, hi]) out += `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"/>${text(L - 6, y(v) + 4, tick(v), "tick")}`;
  columns.forEach((c, i) => {
    out += text(x(i), bottom + 18, c, "col");
    if (sub) out += text(x(i), bottom + 34, sub[i], "col sub");
  });
  for (const l of lines) out += `<line class="ref ${l.cls}" x1="${L}" x2="${W - R}" y1="${y(l.value)}" y2="${y(l.value)}"/>${text(W - R + 6, y(l.value) + 4, l.text, "ref-label")}`;
  series.forEach((s, si) => {
    const runs = [[]];
    s.points.forEach((p, i) => (p.value == null ? runs.push([]) : runs.at(-1).push(`${x(i)},${y(p.value)}`)));
    for (const r of runs) if (r.length > 1) out += `<polyline class="line ser-${si % 6}" fill="none" points="${r.join(" ")}"/>`;
    s.points.forEach((p, i) => {
      if (p.value != null) out += point(p.tip, marker(si, x(i), y(p.value)));
    });
  });
  return `${out}</svg>`;
}

/**
 * A heatmap: `rows` [{ name, cells: [{ value 0–100 or null, text, tip }] }]
 * over `columns`; a cell's shade is its value in five steps of 20, and its
 * text is printed in it.
 */
export function heatmap({ columns, rows, label }) {
  const left = 180;
  const cw = (W - left - 4) / Math.max(columns.length, 1);
  const H = 30 + rows.length * 28;
  let out = svgOpen(H, label, "heatmap");
  columns.forEach((c, i) => (out += text(left + (i + 0.5) * cw, 16, c, "col")));
  rows.forEach((r, ri) => {
    const top = 24 + ri * 28;
    out += text(left - 8, top + 18, r.name, "row");
    r.cells.forEach((c, i) => {
      const shade = c.value == null ? "none" : Math.min(4, Math.floor(c.value / 20));
      out += point(c.tip, `<rect class="cell heat-${shade}" x="${round(left + i * cw + 1)}" y="${top}" width="${round(cw - 2)}" height="26"/>`);
      out += text(left + (i + 0.5) * cw, top + 18, c.text, `cell-text heat-${shade}`);
    });
  });
  return `${out}</svg>`;
}

/**
 * Horizontal 100 % bars: `rows` [{ name, parts: [{ value (percent), i (colour), text, tip }] }];
 * a part prints its `text` when it is wide enough.
 */
export function stacks({ rows, label }) {
  const left = 200;
  const bw = W - left - 8;
  let out = svgOpen(8 + rows.length * 30, label, "stacks");
  rows.forEach((r, ri) => {
    const top = 4 + ri * 30;
    out += text(left - 8, top + 16, r.name, "row");
    let x = left;
    for (const p of r.parts) {
      const w = (p.value / 100) * bw;
      out += point(p.tip, `<rect class="bar ser-${Math.min(p.i, 5)}" x="${round(x)}" y="${top}" width="${round(w)}" height="22"/>`);
      if (w > p.text.length * 6.5) out += text(x + w / 2, top + 15, p.text, "col stack-text");
      x += w;
    }
  });
  return `${out}</svg>`;
}

/**
 * Grouped bars: one group per `columns` label, one bar per series of
 * `series` [{ name, values: [{ value, text, tip }] }], each with its `text` above it.
 */
export function bars({ columns, series, label }) {
  const bottom = 170;
  const hi = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v.value)));
  const gw = (W - L - 8) / Math.max(columns.length, 1);
  const bw = Math.min(48, (gw - 12) / Math.max(series.length, 1));
  let out = svgOpen(200, label, "bars");
  out += `<line class="grid" x1="${L}" x2="${W - 8}" y1="${bottom}" y2="${bottom}"/>`;
  columns.forEach((c, i) => {
    const x0 = L + i * gw + (gw - bw * series.length) / 2;
    out += text(L + (i + 0.5) * gw, bottom + 20, c, "col");
    series.forEach((s, si) => {
      const { value, text: figure, tip } = s.values[i];
      const h = Math.max((value / hi) * (bottom - 24), 1);
      out += point(tip, `<rect class="bar ser-${si % 6}" x="${round(x0 + si * bw + 2)}" y="${round(bottom - h)}" width="${round(bw - 4)}" height="${round(h)}"/>`);
      out += text(x0 + (si + 0.5) * bw, bottom - h - 5, figure, "col");
    });
  });
  return `${out}</svg>`;
}
