// Rendering helpers of the <sla-scorecard> element: escaping, formatting,
// SVG geometry. Expected values are worked out by hand in the comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { html, escapeHtml, trusted } from "../../www/sla-scorecard/html.js";
import { formatDuration, formatInstant, formatPercent, formatNumber } from "../../www/sla-scorecard/format.js";
import { sparkline, stacks, timeline } from "../../www/sla-scorecard/svg.js";

test("html escapes every interpolated value but keeps nested markup", () => {
  const title = `<img src=x onerror=alert(1)>"'`;
  const row = html`<td title="${title}">${title}</td>`;
  assert.equal(
    String(row),
    `<td title="&lt;img src=x onerror=alert(1)&gt;&quot;&#39;">&lt;img src=x onerror=alert(1)&gt;&quot;&#39;</td>`,
  );
  assert.equal(String(html`<tr>${[row, html`<td>${"a&b"}</td>`]}</tr>`).includes("<td>a&amp;b</td>"), true);
  assert.equal(String(html`${null}${undefined}${false}${0}`), "0");
  assert.equal(String(html`${trusted("<b>")}`), "<b>");
  assert.equal(escapeHtml("`"), "&#96;");
});

test("durations show their two largest units", () => {
  // 93784 s = 1 d (86400) + 2 h (7200) + 3 min (180) + 4 s.
  assert.equal(formatDuration(93784), "1 d 2 h");
  // 3900 s = 1 h + 5 min.
  assert.equal(formatDuration(3900), "1 h 5 min");
  assert.equal(formatDuration(45), "45 s");
  assert.equal(formatDuration(0), "0 s");
  // 86400 + 60 = 1 d 0 h 1 min: the second unit is hours, which is 0, so only "1 d".
  assert.equal(formatDuration(86460), "1 d");
  assert.equal(formatDuration(-7200), "−2 h");
  assert.equal(formatDuration(null), "—");
});

test("numbers and percentages follow the locale", () => {
  assert.equal(formatPercent(0.9537, "en-US"), "95.4%");
  assert.equal(formatPercent(0.9537, "de-DE"), "95,4\u00a0%");
  assert.equal(formatNumber(1234.56, "en-US"), "1,234.6");
  assert.equal(formatNumber(null, "en-US"), "—");
});

test("sparkline maps values onto the box and leaves gaps for missing periods", () => {
  // width 96 → x from 2 to 94, step (96-4)/(4-1) = 30.67; height 24 → y from 22 (min) to 2 (max).
  const { points, svg } = sparkline([10, 20, null, 15], { label: "MTTR <b>" });
  assert.deepEqual(points, [[[2, 22], [32.67, 2]], [[94, 12]]]);
  assert.match(svg, /aria-label="MTTR &lt;b&gt;"/);
  assert.match(svg, /<circle cx="94" cy="12"/);
});

test("timeline scales segments and marks onto the width", () => {
  // 10:00 → 14:00 over width 640: x = (t - t0) / 4 h * 638 + 1; 12:00 → 320, 13:00 → 479.5.
  const svg = timeline(
    [
      { kind: "running", from: "2026-01-05T10:00:00Z", to: "2026-01-05T12:00:00Z", status: "New" },
      { kind: "paused", from: "2026-01-05T12:00:00Z", to: "2026-01-05T14:00:00Z", status: "On Hold <b>" },
    ],
    [{ kind: "due", at: "2026-01-05T13:00:00Z" }],
  );
  assert.match(svg, /<rect class="seg seg-running" x="1" y="8" width="319"/);
  assert.match(svg, /<rect class="seg seg-paused" x="320" y="8" width="319"/);
  assert.match(svg, /<line class="mark mark-due" x1="479.5"/);
  // each segment and mark is focusable and named by its figures, the status in force included, escaped
  assert.match(svg, /height="24" tabindex="0" role="img" aria-label="paused \(On Hold &lt;b&gt;\): 2026-01-05T12:00:00Z → 2026-01-05T14:00:00Z" data-tip="paused/);
  assert.match(svg, /y2="38" tabindex="0" role="img" aria-label="due: 2026-01-05T13:00:00Z"/);
  assert.match(svg, /^<svg class="timeline" role="group"/);
  // an unknown kind is drawn as outside working hours (never as an attacker-chosen class)
  assert.match(timeline([{ kind: "x\"y", from: "2026-01-05T10:00:00Z", to: "2026-01-05T11:00:00Z" }], []), /seg-outside_hours/);
});

test("timeline bands draw each value from its change to the next, clipped to the clock's span", () => {
  // t0 = 10:00, t1 = 14:00: x = (t - t0) / 4 h * 638 + 1. "New" (in force since 08:00) from 10:00 to
  // 11:00: x 1 → 160.5, width 159.5; "Active" 11:00 → 14:00: x 160.5 → 639, width 478.5; "Closed"
  // at 15:00 is after the span: not drawn. One band: the svg is 40 + 18 = 58 high, the band at y 40.
  const svg = timeline([{ kind: "running", from: "2026-01-05T10:00:00Z", to: "2026-01-05T14:00:00Z" }], [], {
    bands: [{ name: "status", changes: [["2026-01-05T08:00:00Z", "New"], ["2026-01-05T11:00:00Z", "Active <b>"], ["2026-01-05T15:00:00Z", "Closed"]] }],
  });
  assert.match(svg, /viewBox="0 0 640 58" height="58"/);
  assert.match(svg, /<rect class="ser-0" x="1" y="40" width="159.5" height="14" tabindex="0" role="img" aria-label="status New from 2026-01-05T08:00:00Z"/);
  assert.match(svg, /<rect class="ser-1" x="160.5" y="40" width="478.5" height="14" tabindex="0" role="img" aria-label="status Active &lt;b&gt; from 2026-01-05T11:00:00Z"/);
  assert.doesNotMatch(svg, /Closed/);
});

test("stacks lay parts end to end over the bar and print the labels that fit", () => {
  // left 200, bar 640 - 200 - 8 = 432 wide. 75 % → x 200, width 324: "Active 75%" (10 chars × 6.5 = 65)
  // fits, centred at 362. 25 % → x 524, width 108: "Awaiting user info 25%" (22 × 6.5 = 143) does
  // not: no label (the part keeps its tip). Colour 7 is drawn as the last one, 5.
  const svg = stacks({
    label: "causes",
    rows: [{ name: "P1 · breached", parts: [
      { value: 75, i: 0, text: "Active 75%", tip: "a" },
      { value: 25, i: 7, text: "Awaiting user info 25%", tip: "b" },
    ] }],
  });
  assert.match(svg, /viewBox="0 0 640 38"/);
  assert.match(svg, /<rect class="bar ser-0" x="200" y="4" width="324" height="22" tabindex="0" role="img" aria-label="a" data-tip="a"\/>/);
  assert.match(svg, /<text x="362" y="19" class="col stack-text">Active 75%<\/text>/);
  assert.match(svg, /<rect class="bar ser-5" x="524" y="4" width="108" height="22" tabindex="0" role="img" aria-label="b"/);
  assert.doesNotMatch(svg, /Awaiting user info 25%<\/text>/);
});

test("formatters are kept per locale, digits and time zone, never mixed up", () => {
  // Alternating calls: a cache keyed too coarsely would answer with the first formatter.
  assert.equal(formatNumber(1234.567, "en-US", 2), "1,234.57");
  assert.equal(formatNumber(1234.567, "de-DE", 2), "1.234,57");
  assert.equal(formatNumber(1234.567, "en-US", 0), "1,235");
  assert.equal(formatNumber(1234.567, "en-US", 2), "1,234.57");
  assert.equal(formatPercent(0.5, "en-US"), "50%");
  // 09:00 UTC on 2 March 2026 is 10:00 in Berlin (CET, UTC+1).
  assert.equal(formatInstant("2026-03-02T09:00:00Z", "en-GB", "Europe/Berlin"), "2 Mar 2026, 10:00");
  assert.equal(formatInstant("2026-03-02T09:00:00Z", "en-GB", "UTC"), "2 Mar 2026, 09:00");
  // A bad zone still throws (nothing cached for it), and the next call works.
  assert.throws(() => formatInstant("2026-03-02T09:00:00Z", "en-GB", "Mars/Base"), RangeError);
  assert.equal(formatInstant("2026-03-02T09:00:00Z", "en-GB", "Europe/Berlin"), "2 Mar 2026, 10:00");
});
