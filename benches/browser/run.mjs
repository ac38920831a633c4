// Drives benches/browser/ in headless Chromium and prints the benchmark
// table: median of several runs with min and max, ratios beside the times.
// Run by scripts/bench.sh (which builds the package and the data first).
//
//   node benches/browser/run.mjs [--sizes 10000,100000,1000000] [--runs 5] [--sla-size 100000] [--only-sla]

import { writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { launchBrowser } from "../../tests/e2e/browser.mjs";
import { serve, REPO_ROOT } from "../../scripts/serve.mjs";

const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const sizes = opt("sizes", "10000,100000,1000000").split(",").map(Number);
const runs = Number(opt("runs", "5"));
// The page runs in the calendar's zone: the peers compute in the page's
// local time, ours in the calendar's IANA zone.
const TIMEZONE = "Europe/Berlin";

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const med = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const stat = (xs, digits = 1) => {
  const s = sorted(xs);
  return `${med(s).toFixed(digits)} (${s[0].toFixed(digits)}–${s[s.length - 1].toFixed(digits)})`;
};
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const pad = (s, n) => String(s).padEnd(n);

const server = await serve({ port: 0, root: REPO_ROOT });
const browser = await launchBrowser();

async function page() {
  const context = await browser.newContext({ timezoneId: TIMEZONE, viewport: { width: 800, height: 600 } });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(e.message));
  p.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await p.goto(`${server.url}benches/browser/index.html`);
  await p.waitForFunction(() => window.benchReady === true);
  return { p, context, errors };
}

async function inPage(fn, arg) {
  const { p, context, errors } = await page();
  try {
    return await p.evaluate(fn, arg);
  } catch (e) {
    throw new Error(`${e.message}\n${errors.join("\n")}`);
  } finally {
    await context.close();
  }
}

const out = [];
const say = (line = "") => {
  out.push(line);
  console.log(line);
};

say(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
  `Chromium ${browser.version()} headless, page in ${TIMEZONE}; ${runs} runs each, median (min–max) in ms`);
say();

// evaluateSla: until every outcome is usable (the call returns its handle), then a page, the columns, the CSV.
const slaSize = Number(opt("sla-size", "100000"));
{
  const r = await inPage(([n, runs]) => window.bench.evaluateSla(n, runs), [slaSize, runs]);
  say(`evaluateSla on ${label(r.tickets)} tickets (${r.outcomes} outcomes, ${r.breaches} breached), ms:`);
  say(`  until every outcome is usable (small tables as objects + SlaOutcomes handle): ${stat(r.evaluate)}`);
  say(`  outcomes.page(0, 50, "-lateSeconds") with timelines: ${stat(r.page, 2)}`);
  say(`  outcomes.columns() (typed arrays + string tables): ${stat(r.columns)}`);
  say(`  outcomes.toCsv() (${(r.csvBytes / 2 ** 20).toFixed(1)} MB): ${stat(r.toCsv)}`);
  say();
}
if (process.argv.includes("--only-sla")) {
  await browser.close();
  await server.close();
  process.exit(0);
}

// The engine and DuckDB, one fresh page per size (peak memory per size).
const engine = {}, duck = {};
for (const n of sizes) {
  engine[n] = await inPage(([n, runs]) => window.bench.engine(n, runs), [n, runs]);
  duck[n] = await inPage(([n, runs]) => window.bench.duckdbMonthly(n, runs), [n, runs]);
}
const col = 28;
say(pad("tickets", 46) + sizes.map((n) => pad(label(n), col)).join(""));
const row = (name, f) => say(pad(name, 46) + sizes.map((n) => pad(f(n), col)).join(""));
row("CSV size (MB)", (n) => (engine[n].csvBytes / 2 ** 20).toFixed(1));
row("ours: CSV → full report", (n) => stat(engine[n].full));
row("  of which load (CSV → Dataset)", (n) => stat(engine[n].load));
row("ours: what-if (target changed, report again)", (n) => stat(engine[n].whatIf));
row("ours: peak wasm memory (MB)", (n) => (engine[n].wasmMemory / 2 ** 20).toFixed(0));
row("DuckDB-WASM: CSV → volume/MTTR by month", (n) => stat(duck[n].full));
row("  of which load (read_csv into a table)", (n) => stat(duck[n].load));
row("ratio DuckDB / ours (full)", (n) => `${(med(duck[n].full) / med(engine[n].full)).toFixed(1)}×`);
// The monthly figures must agree.
for (const n of sizes) {
  const theirs = new Map(duck[n].monthly.map((r) => [r.month, r]));
  let months = 0, bad = [];
  for (const r of engine[n].monthly) {
    const d = theirs.get(r.month);
    if (!d) continue;
    months++;
    const mttrOk = r.mttr === null ? d.mttr === null : Math.abs(r.mttr - d.mttr) < 1e-6 * Math.max(1, Math.abs(d.mttr));
    if (r.volume !== d.volume || !mttrOk) bad.push(`${r.month}: ours ${r.volume}/${r.mttr}, DuckDB ${d.volume}/${d.mttr}`);
  }
  say(`${label(n)}: volume and MTTR by month ${bad.length ? "DIFFER" : "agree"} with DuckDB over ${months} months${bad.length ? ": " + bad.slice(0, 3).join("; ") : ""}`);
}
say();

// Instantiate + first report of the sample, cold page each run.
const first = [];
for (let i = 0; i < runs; i++) first.push(await inPage(() => window.bench.firstReport()));
say(`instantiate + first report of the sample (${first[0].tickets} tickets): ${stat(first.map((r) => r.ms))} ms`);
const render = [];
for (let i = 0; i < runs; i++) render.push(await inPage(() => window.bench.firstRender()));
say(`<sla-scorecard> first render of the sample with policies (import, instantiate, load, report, paint): ${stat(render.map((r) => r.ms))} ms`);
say();

// Business durations.
const dur = {};
for (const n of [1000, 10000]) dur[n] = await inPage(([n, runs]) => window.bench.durations(n, runs), [n, Math.min(runs, 3)]);
say(`business durations, Mon–Fri 09:00–17:00 ${dur[1000].timezone}, spans up to 10 days (per call, µs)`);
say(pad("intervals", 46) + [1000, 10000].map((n) => pad(label(n), col)).join(""));
const us = (xs, n) => stat(xs.map((ms) => (ms * 1000) / n), 2);
const drow = (name, f) => say(pad(name, 46) + [1000, 10000].map((n) => pad(f(dur[n], n), col)).join(""));
drow("ours: durations() batch", (d, n) => us(d.ours, n));
drow("ours: duration() one call each", (d, n) => us(d.single, n));
drow("moment-business-time workingDiff", (d, n) => us(d.moment, n));
drow("dayjs-business-time businessMinutesDiff", (d, n) => us(d.dayjs, n));
drow("ratio moment / ours batch", (d) => `${(med(d.moment) / med(d.ours)).toFixed(0)}×`);
drow("ratio dayjs / ours batch", (d) => `${(med(d.dayjs) / med(d.ours)).toFixed(0)}×`);
drow("intervals where moment ≠ ours", (d) => `${d.disagreements.moment}`);
drow("intervals where dayjs ≠ ours", (d) => `${d.disagreements.dayjs}`);
const examples = [...dur[10000].examples.moment, ...dur[10000].examples.dayjs].slice(0, 6);
for (const e of examples) say(`  ${e.start} → ${e.end}: ours ${e.ours} s, moment ${e.moment} s, dayjs ${e.dayjs} s`);

// Hand-worked cases (Europe/Berlin, Mon–Fri 09:00–17:00); the expected
// working seconds are worked out in the README's Performance section.
const cases = [
  ["2025-03-28T16:00:00+01:00", "2025-03-31T10:00:00+02:00"], // Fri → Mon across the DST change: 3600 + 3600
  ["2025-01-06T16:30:30+01:00", "2025-01-07T09:00:15+01:00"], // seconds: 1770 + 15
  ["2025-01-06T09:00:00+01:00", "2025-01-06T09:00:40+01:00"], // 40 s inside one minute
  ["2025-01-11T10:00:00+01:00", "2025-01-12T18:00:00+01:00"], // weekend: 0
  ["2025-01-07T12:00:00+01:00", "2025-01-06T12:00:00+01:00"], // end before start: 0 by our definition
];
say();
say("hand-worked cases (working seconds)");
for (const c of await inPage((cs) => window.bench.durationCases(cs), cases)) {
  say(`  ${c.start} → ${c.end}: ours ${c.ours}, moment ${c.moment}, dayjs ${c.dayjs}`);
}

// The plot: time against ticket count (log–log).
const { p, context } = await page();
const series = [
  { name: "ours: CSV → report", color: "#1b6ac9", points: sizes.map((n) => [n, med(engine[n].full)]) },
  { name: "ours: what-if", color: "#5aa0f0", dash: true, points: sizes.map((n) => [n, med(engine[n].whatIf)]) },
  { name: "DuckDB: CSV → monthly", color: "#d98b00", points: sizes.map((n) => [n, med(duck[n].full)]) },
  { name: "ours: durations batch", color: "#2f9e44", points: [1000, 10000].map((n) => [n, med(dur[n].ours)]) },
  { name: "moment-business-time", color: "#c92a2a", points: [1000, 10000].map((n) => [n, med(dur[n].moment)]) },
  { name: "dayjs-business-time", color: "#862e9c", points: [1000, 10000].map((n) => [n, med(dur[n].dayjs)]) },
];
await p.evaluate(([s, t]) => window.bench.plot(s, t), [series, "Time against ticket count, headless Chromium (median, ms)"]);
await p.locator("#chart svg").screenshot({ path: `${REPO_ROOT}/docs/benchmarks.png` });
await context.close();
say();
say("plot: docs/benchmarks.png");
await writeFile(`${REPO_ROOT}/benches/browser/data/results.txt`, out.join("\n") + "\n");

await browser.close();
await server.close();
