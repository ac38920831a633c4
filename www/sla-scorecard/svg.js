// Small SVG charts as markup strings: a sparkline and an SLA clock timeline.
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
 * `marks` are `{ kind: "due" | "breach" | "stop", at }`. Time runs left to
 * right from the first instant to the last.
 */
export function timeline(segments, marks, { width = 640, height = 40, label = "SLA clock timeline" } = {}) {
  const times = [
    ...segments.flatMap((s) => [Date.parse(s.from), Date.parse(s.to)]),
    ...marks.map((m) => Date.parse(m.at)),
  ].filter(Number.isFinite);
  const open = `<svg class="timeline" role="img" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" aria-label="${escapeHtml(label)}`;
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
      return `<rect class="seg seg-${kind}" x="${x}" y="8" width="${w}" height="${height - 16}"><title>${escapeHtml(
        `${SEGMENT_LABEL[kind]}${status}: ${s.from} → ${s.to}`,
      )}</title></rect>`;
    })
    .join("");
  const lines = marks
    .filter((m) => Number.isFinite(Date.parse(m.at)))
    .map((m) => {
      const x = scale(Date.parse(m.at));
      const kind = ["due", "breach", "stop"].includes(m.kind) ? m.kind : "stop";
      return `<line class="mark mark-${kind}" x1="${x}" x2="${x}" y1="2" y2="${height - 2}"><title>${escapeHtml(
        `${kind}: ${m.at}`,
      )}</title></line>`;
    })
    .join("");
  return `${open}">${bars}${lines}</svg>`;
}
