// The in-browser benchmark: the engine (CSV text or a byte stream → full
// report, what-if, memory, instantiate + first report), the event log, the
// first load of naive timestamps in a zone against UTC, evaluateSla with its
// outcomes handle, business durations against moment-business-time and
// dayjs-business-time, and the volume / mean / median time to resolve by
// month in DuckDB-WASM and Arquero. benches/browser/run.mjs drives it
// through window.bench and prints the tables; each measure returns every
// run's time in milliseconds and the driver takes the median, minimum and
// maximum.

import init, { Calendar, Dataset, Policies, defaultScorecard, evaluateSla, report } from "/pkg/sla_scorecard.js";

const now = () => performance.now();
const AS_OF = "2026-01-05T00:00:00Z"; // the end of the generator's span
const LOAD = { preset: "servicenow-incidents" };
const WEEK = ["09:00", "17:00"];

async function fetchOk(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

async function text(url) {
  return (await fetchOk(url)).text();
}

/** CSV text in memory → Dataset → full report (scorecard, KPIs, SLA), `runs` times; then what-if and memory. */
async function engine(size, runs) {
  const csv = await text(`data/tickets-${size}.csv`);
  const policies = JSON.parse(await text("../policies.json"));
  const wasm = await init();
  const config = defaultScorecard();
  const load = [], full = [], whatIf = [];
  let ds = null, rep = null;
  for (let i = 0; i < runs; i++) {
    if (ds) ds.free();
    const t0 = now();
    ds = Dataset.fromCsv(csv, LOAD);
    const t1 = now();
    rep = report(ds, config, { asOf: AS_OF }, policies);
    const t2 = now();
    load.push(t1 - t0);
    full.push(t2 - t0);
  }
  // What-if: another target on the loaded data set, recomputed without re-parsing.
  const changed = structuredClone(config);
  for (let i = 0; i < runs; i++) {
    changed.perspectives[0].kpis[0].target = config.perspectives[0].kpis[0].target * (1.1 + i / 100);
    const t0 = now();
    report(ds, changed, { asOf: AS_OF }, policies);
    whatIf.push(now() - t0);
  }
  const monthly = monthlyFromReport(rep);
  const tickets = ds.ticketCount;
  ds.free();
  return { tickets, csvBytes: csv.length, load, full, whatIf, wasmMemory: wasm.memory.buffer.byteLength, monthly };
}

/**
 * `evaluateSla` on the loaded data set, `runs` times: until it returns (the
 * small tables as objects, every outcome usable through the handle), then
 * reading one page with timelines, the columns, and every outcome as CSV.
 */
async function evaluateSlaCase(size, runs) {
  const csv = await text(`data/tickets-${size}.csv`);
  const doc = JSON.parse(await text("../policies.json"));
  await init();
  const policies = new Policies(doc);
  const ds = Dataset.fromCsv(csv, LOAD);
  const evaluate = [], page = [], columns = [], toCsv = [];
  let outcomes = 0, breaches = 0, csvBytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const sla = evaluateSla(ds, policies, AS_OF, { period: "month", dimension: "priority" });
    const t1 = now();
    sla.outcomes.page(0, 50, "-lateSeconds");
    const t2 = now();
    const cols = sla.outcomes.columns();
    const t3 = now();
    const text = sla.outcomes.toCsv();
    const t4 = now();
    evaluate.push(t1 - t0);
    page.push(t2 - t1);
    columns.push(t3 - t2);
    toCsv.push(t4 - t3);
    outcomes = cols.state.length;
    breaches = sla.breachCount;
    csvBytes = text.length;
    sla.outcomes.free();
  }
  const tickets = ds.ticketCount;
  ds.free();
  policies.free();
  return { tickets, outcomes, breaches, csvBytes, evaluate, page, columns, toCsv };
}

/** Volume by opening month, mean and median time to resolve (wall hours, by resolution month) from our report. */
function monthlyFromReport(rep) {
  const series = (id) => rep.kpis.find((k) => k.kpi === id && k.clock === "wall").all;
  const volume = series("volume"), mttr = series("mttr"), median = series("mttr_median");
  return volume.map((c, i) => ({ month: c.period, volume: c.value, mttr: mttr[i].value, median: median[i].value }));
}

/**
 * The file's bytes as a Blob → `Dataset.fromStream(blob.stream())` → the
 * same full report as `engine`, `runs` times (the streaming path: the bytes
 * go into WASM memory a chunk at a time, no JS string).
 */
async function engineStream(size, runs) {
  const blob = await (await fetchOk(`data/tickets-${size}.csv`)).blob();
  const policies = JSON.parse(await text("../policies.json"));
  const wasm = await init();
  const config = defaultScorecard();
  const load = [], full = [];
  let ds = null, chunks = 0;
  for (let i = 0; i < runs; i++) {
    if (ds) ds.free();
    chunks = 0;
    const t0 = now();
    // As a portal streams a File: its size given as `totalBytes`.
    ds = await Dataset.fromStream(blob.stream(), LOAD, { onProgress: () => chunks++, totalBytes: blob.size });
    const t1 = now();
    report(ds, config, { asOf: AS_OF }, policies);
    const t2 = now();
    load.push(t1 - t0);
    full.push(t2 - t0);
  }
  const tickets = ds.ticketCount;
  ds.free();
  return { tickets, bytes: blob.size, chunks, load, full, wasmMemory: wasm.memory.buffer.byteLength };
}

/**
 * The event log (`generate --form events`, one row per update) → Dataset →
 * full report with the policies, `runs` times; `stream` reads the file as
 * the fetch response's body through `Dataset.fromStream` (the bytes never
 * sit whole in the page), otherwise the text is fetched first and loaded
 * by `Dataset.fromCsv`.
 */
async function eventLog(size, runs, stream) {
  const url = `data/events-${size}.csv`;
  const csv = stream ? null : await text(url);
  const policies = JSON.parse(await text("../policies.json"));
  const wasm = await init();
  const config = defaultScorecard();
  const options = { preset: "servicenow-event-log" };
  const load = [], full = [];
  let ds = null, summary = null, bytes = csv ? csv.length : 0;
  for (let i = 0; i < runs; i++) {
    if (ds) ds.free();
    // The stream's fetch is part of its load: the body is read as it arrives.
    const t0 = now();
    if (stream) {
      const res = await fetchOk(url);
      // The response's Content-Length (the server sends no Content-Encoding) as `totalBytes`.
      const length = Number(res.headers.get("content-length")) || undefined;
      ds = await Dataset.fromStream(res.body, options, { onProgress: (p) => (bytes = p.bytes), totalBytes: length });
    } else {
      ds = Dataset.fromCsv(csv, options);
    }
    const t1 = now();
    report(ds, config, { asOf: AS_OF }, policies);
    const t2 = now();
    load.push(t1 - t0);
    full.push(t2 - t0);
  }
  summary = ds.summary;
  const tickets = ds.ticketCount;
  ds.free();
  return { tickets, rows: summary.rowsRead, rejected: summary.rejected, bytes, load, full, wasmMemory: wasm.memory.buffer.byteLength };
}

/**
 * An event log of `totalBytes` made as it is read: the rows of
 * `data/events-4200.csv` again and again, each copy's ticket numbers
 * suffixed with the copy's index (`INC0000001-17`), so that every copy
 * brings 4,200 new tickets with the same dates. `onChunk(bytes)` sees each
 * chunk (one copy, ~3.4 MB).
 */
async function generatedEventLog(totalBytes, onChunk = () => {}) {
  const csv = await text("data/events-4200.csv");
  const nl = csv.indexOf("\n");
  const header = csv.slice(0, nl + 1);
  const rows = csv.slice(nl + 1).split("\n").filter(Boolean).map((line) => {
    const comma = line.indexOf(",");
    return [line.slice(0, comma), line.slice(comma) + "\n"];
  });
  const encoder = new TextEncoder();
  let sent = 0, copy = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const suffix = `-${copy}`;
      const parts = copy === 0 ? [header] : [];
      for (const [id, rest] of rows) parts.push(id, suffix, rest);
      const bytes = encoder.encode(parts.join(""));
      copy++;
      sent += bytes.length;
      onChunk(bytes);
      controller.enqueue(bytes);
    },
  }, { highWaterMark: 0 });
}

/**
 * `totalBytes` of generated event log (`generatedEventLog`) streamed through
 * `Dataset.fromStream` with a window that keeps the tickets opened in June
 * 2025 (`openedFrom`/`openedBefore`), then the full report of what was kept.
 * The bytes are made in the page as they are read and never held whole:
 * memory follows the tickets kept. `genMs` is the time to make and drain
 * the same stream with no load, to read the engine's share.
 */
async function bigStream(totalBytes) {
  const policies = JSON.parse(await text("../policies.json"));
  const wasm = await init();
  let t0 = now();
  const drain = (await generatedEventLog(totalBytes)).getReader();
  while (!(await drain.read()).done);
  const genMs = now() - t0;
  let bytes = 0, progressEvents = 0;
  const options = { preset: "servicenow-event-log", openedFrom: "2025-06-01T00:00:00Z", openedBefore: "2025-07-01T00:00:00Z", maxRows: 100_000_000 };
  const stream = await generatedEventLog(totalBytes, (chunk) => (bytes += chunk.length));
  t0 = now();
  const ds = await Dataset.fromStream(stream, options, { onProgress: () => progressEvents++ });
  const t1 = now();
  const rep = report(ds, defaultScorecard(), { asOf: AS_OF }, policies);
  const t2 = now();
  const s = ds.summary;
  const out = {
    bytes, genMs, loadMs: t1 - t0, reportMs: t2 - t1, progressEvents,
    rowsRead: s.rowsRead, loaded: s.loaded, skipped: s.skipped, rejected: s.rejected, tickets: ds.ticketCount,
    score: rep.scorecard.overall.score, wasmMemory: wasm.memory.buffer.byteLength,
    jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
  };
  ds.free();
  return out;
}

/**
 * The first load in a fresh page of an event log whose naive timestamps
 * are read in `timezone`: instantiate (timed apart), then `fromCsv` and the
 * first report, then the same load again in the same page (warm).
 */
async function firstLoad(size, timezone) {
  const csv = await text(`data/events-${size}.csv`);
  const t0 = now();
  await init();
  const t1 = now();
  const options = { preset: "servicenow-event-log", timezone };
  const ds = Dataset.fromCsv(csv, options);
  const t2 = now();
  const rep = report(ds, undefined, { asOf: AS_OF }, undefined);
  const t3 = now();
  const again = Dataset.fromCsv(csv, options);
  const t4 = now();
  const out = { init: t1 - t0, load: t2 - t1, report: t3 - t2, warmLoad: t4 - t3,
    tickets: ds.ticketCount, rows: ds.summary.rowsRead, rejected: ds.summary.rejected, score: rep.scorecard.overall.score };
  ds.free();
  again.free();
  return out;
}

/** Instantiate the module and compute the first report of the sample event log (cold page). */
async function firstReport() {
  const csv = await sample();
  const t0 = now();
  await init();
  const ds = Dataset.fromCsv(csv, { preset: "servicenow-event-log" });
  const rep = report(ds, undefined, undefined, undefined);
  const ms = now() - t0;
  return { ms, tickets: ds.ticketCount, score: rep.scorecard.overall.score };
}

/**
 * The demo's first screen on a cold page: import the packaged element, instantiate
 * the module, load the sample event log with the demo's policies, compute
 * the report and render the scorecard; stops at the first frame after the
 * element's "sla-scorecard:render" event. Also gives `paint`: the first
 * animation frame in which the scorecard's table is in the element (the
 * element paints the scorecard first, then works out where the SLA clocks'
 * time went and renders again with those charts; the event follows that
 * second render).
 */
async function firstRender() {
  const [csv, policies] = await Promise.all([sample(), text("/policies/servicenow-sample.json")]);
  const t0 = now();
  await import("/pkg/sla-scorecard.js"); // the element as shipped (scripts/package.sh)
  const el = document.createElement("sla-scorecard");
  const rendered = new Promise((resolve, reject) => {
    el.addEventListener("sla-scorecard:render", resolve, { once: true });
    el.addEventListener("sla-scorecard:error", (e) => reject(new Error(e.detail.message)), { once: true });
  });
  el.loadOptions = { preset: "servicenow-event-log" };
  el.policies = policies;
  el.data = csv;
  document.body.append(el);
  let paint = null;
  const poll = () => (el.shadowRoot?.querySelector("table") ? (paint = now() - t0) : requestAnimationFrame(poll));
  requestAnimationFrame(poll);
  await rendered;
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const ms = now() - t0;
  if (!el.shadowRoot.querySelector("table")) throw new Error("the element rendered no scorecard table");
  el.remove();
  return { ms, paint: paint ?? ms };
}

/** The sample event log's text (decompressed in the page, outside the timings). */
async function sample() {
  const res = await fetch("/data/servicenow-incident-event-log.csv.gz");
  if (!res.ok) throw new Error(`sample: HTTP ${res.status}`);
  return new Response(res.body.pipeThrough(new DecompressionStream("gzip"))).text();
}

// ---- business durations: ours (batch) against the peers -----------------

/** `n` intervals in 2025 at whole minutes, spans up to 10 days, seeded. */
function intervals(n, seed) {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const start2025 = Date.UTC(2025, 0, 1);
  const starts = new Float64Array(n), ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = start2025 + Math.floor(rnd() * 365 * 1440) * 60000;
    ends[i] = starts[i] + Math.floor(rnd() * 10 * 1440) * 60000;
  }
  return { starts, ends };
}

// A tiny CommonJS loader for the peers, which npm ships as CommonJS: the
// files are fetched from node_modules first, then evaluated on require().
const CJS = {
  moment: "moment/moment.js",
  "moment-business-time": "moment-business-time/index.js",
  "./lib/business-hours": "moment-business-time/lib/business-hours.js",
  "../locale/default": "moment-business-time/locale/default.js",
  minimatch: "minimatch/minimatch.js",
  "brace-expansion": "brace-expansion/index.js",
  "concat-map": "concat-map/index.js",
  "balanced-match": "balanced-match/index.js",
  dayjs: "dayjs/dayjs.min.js",
  "dayjs-business-time": "dayjs-business-time/dist/index.js",
  "dayjs/plugin/isSameOrAfter": "dayjs/plugin/isSameOrAfter.js",
  "dayjs/plugin/isSameOrBefore": "dayjs/plugin/isSameOrBefore.js",
  "dayjs/plugin/localeData": "dayjs/plugin/localeData.js",
  "dayjs/plugin/updateLocale": "dayjs/plugin/updateLocale.js",
};
const sources = new Map(), modules = new Map();
async function fetchPeers() {
  await Promise.all(Object.entries(CJS).map(async ([name, path]) => sources.set(name, await text(`/node_modules/${path}`))));
}
function require(name) {
  if (modules.has(name)) return modules.get(name).exports;
  if (!sources.has(name)) throw new Error(`not available: ${name}`);
  const module = { exports: {} };
  modules.set(name, module);
  new Function("module", "exports", "require", sources.get(name))(module, module.exports, require);
  return module.exports;
}

let peers = null;
async function loadPeers() {
  if (peers) return peers;
  await fetchPeers();
  const moment = require("moment-business-time");
  moment.updateLocale("en", {
    workinghours: { 0: null, 1: ["09:00:00", "17:00:00"], 2: ["09:00:00", "17:00:00"], 3: ["09:00:00", "17:00:00"],
      4: ["09:00:00", "17:00:00"], 5: ["09:00:00", "17:00:00"], 6: null },
    holidays: [],
  });
  const dayjs = require("dayjs");
  const bt = require("dayjs-business-time");
  dayjs.extend(bt.default ?? bt);
  const day = [{ start: "09:00:00", end: "17:00:00" }];
  dayjs.setBusinessTime({ sunday: null, monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: null });
  peers = { moment, dayjs };
  return peers;
}

/** Working seconds of the same intervals by us (batch), moment-business-time and dayjs-business-time. */
async function durations(n, runs) {
  await init();
  const { moment, dayjs } = await loadPeers();
  const { starts, ends } = intervals(n, 42);
  const cal = new Calendar({ timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    week: { mon: [WEEK], tue: [WEEK], wed: [WEEK], thu: [WEEK], fri: [WEEK] } });
  const ours = [], single = [], mom = [], dj = [];
  let a, b, c;
  // Ours is fast enough that one batch is below the timer's resolution:
  // repeat it and divide.
  const repeat = 50;
  for (let r = 0; r < runs; r++) {
    let t0 = now();
    for (let k = 0; k < repeat; k++) a = cal.durations(starts, ends);
    ours.push((now() - t0) / repeat);
    t0 = now();
    for (let i = 0; i < n; i++) cal.duration(starts[i], ends[i]);
    single.push(now() - t0);
    t0 = now();
    b = new Float64Array(n);
    for (let i = 0; i < n; i++) b[i] = moment(ends[i]).workingDiff(moment(starts[i]), "seconds");
    mom.push(now() - t0);
    t0 = now();
    c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = dayjs(ends[i]).businessMinutesDiff(dayjs(starts[i]));
    dj.push(now() - t0);
  }
  cal.free();
  // Agreement: ours in seconds, moment in seconds, dayjs in minutes.
  const disagree = { moment: [], dayjs: [] };
  for (let i = 0; i < n; i++) {
    const iso = (ms) => new Date(ms).toISOString();
    if (Math.abs(b[i]) !== a[i]) disagree.moment.push({ start: iso(starts[i]), end: iso(ends[i]), ours: a[i], moment: b[i], dayjs: c[i] * 60 });
    if (Math.abs(c[i]) * 60 !== a[i]) disagree.dayjs.push({ start: iso(starts[i]), end: iso(ends[i]), ours: a[i], moment: b[i], dayjs: c[i] * 60 });
  }
  return {
    n, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, ours, single, moment: mom, dayjs: dj,
    disagreements: { moment: disagree.moment.length, dayjs: disagree.dayjs.length },
    examples: { moment: disagree.moment.slice(0, 5), dayjs: disagree.dayjs.slice(0, 5) },
  };
}

/** Specific intervals through all three (for the hand-worked cases). */
async function durationCases(cases) {
  await init();
  const { moment, dayjs } = await loadPeers();
  const cal = new Calendar({ timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    week: { mon: [WEEK], tue: [WEEK], wed: [WEEK], thu: [WEEK], fri: [WEEK] } });
  const out = cases.map(([s, e]) => ({
    start: s, end: e,
    ours: cal.duration(s, e),
    moment: moment(e).workingDiff(moment(s), "seconds"),
    dayjs: dayjs(e).businessMinutesDiff(dayjs(s)) * 60,
  }));
  cal.free();
  return out;
}

// ---- the peers: volume, mean and median time to resolve by month -------

let duck = null;
async function duckdb() {
  if (duck) return duck;
  const d = await import("/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs");
  const worker = new Worker("/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js");
  const db = new d.AsyncDuckDB(new d.VoidLogger(), worker);
  await db.instantiate("/node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");
  duck = db;
  return db;
}

const MONTHLY_SQL = `
  WITH v AS (SELECT strftime(opened_at, '%Y-%m') AS month, count(*) AS volume FROM t GROUP BY 1),
       r AS (SELECT strftime(resolved_at, '%Y-%m') AS month,
                    avg(epoch(resolved_at) - epoch(opened_at)) / 3600 AS mttr,
                    median(epoch(resolved_at) - epoch(opened_at)) / 3600 AS median
             FROM t WHERE resolved_at IS NOT NULL GROUP BY 1)
  SELECT v.month, v.volume, r.mttr, r.median FROM v LEFT JOIN r USING (month) ORDER BY v.month`;

/** DuckDB-WASM: CSV text → table → volume, mean and median time to resolve by month, `runs` times. */
async function duckdbMonthly(size, runs) {
  const csv = await text(`data/tickets-${size}.csv`);
  const db = await duckdb();
  const times = [], loads = [];
  let rows = null;
  for (let i = 0; i < runs; i++) {
    const conn = await db.connect();
    const t0 = now();
    await db.registerFileText(`t${i}.csv`, csv);
    await conn.query(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('t${i}.csv', header = true,
      types = {'opened_at': 'TIMESTAMP', 'resolved_at': 'TIMESTAMP', 'closed_at': 'TIMESTAMP'})`);
    const t1 = now();
    const result = await conn.query(MONTHLY_SQL);
    const t2 = now();
    loads.push(t1 - t0);
    times.push(t2 - t0);
    rows = result.toArray().map((r) => ({ month: r.month, volume: Number(r.volume), mttr: r.mttr, median: r.median }));
    await conn.query("DROP TABLE t");
    await conn.close();
    await db.dropFile(`t${i}.csv`);
  }
  return { load: loads, full: times, monthly: rows };
}

/** Arquero's browser bundle (npm `arquero`, served from node_modules), as `window.aq`. */
async function arquero() {
  if (window.aq) return window.aq;
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "/node_modules/arquero/dist/arquero.min.js";
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${script.src}: not loaded`));
    document.head.append(script);
  });
  return window.aq;
}

/**
 * Arquero: CSV text → table → volume by opening month, mean and median time
 * to resolve by resolution month, `runs` times. The generated timestamps
 * (`2025-01-06 08:15:50`, naive, UTC) are not ISO 8601 to Arquero's type
 * inference (no `T`), so the three time columns get a parser to epoch
 * milliseconds in UTC, as a developer would write it.
 */
async function arqueroMonthly(size, runs) {
  const csv = await text(`data/tickets-${size}.csv`);
  const aq = await arquero();
  const { op } = aq;
  const utc = (s) => (s === "" ? null : Date.parse(s.replace(" ", "T") + "Z"));
  const parse = { opened_at: utc, resolved_at: utc, closed_at: utc };
  const times = [], loads = [];
  let rows = null;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const t = aq.fromCSV(csv, { parse });
    const t1 = now();
    const volume = t
      .derive({ month: (d) => op.utcyear(d.opened_at) * 100 + op.utcmonth(d.opened_at) + 1 })
      .groupby("month")
      .count({ as: "volume" });
    const resolved = t
      .filter((d) => d.resolved_at != null)
      .derive({
        month: (d) => op.utcyear(d.resolved_at) * 100 + op.utcmonth(d.resolved_at) + 1,
        hours: (d) => (d.resolved_at - d.opened_at) / 3600000,
      })
      .groupby("month")
      .rollup({ mttr: (d) => op.mean(d.hours), median: (d) => op.median(d.hours) });
    const result = volume.join_left(resolved, "month").orderby("month").objects();
    const t2 = now();
    loads.push(t1 - t0);
    times.push(t2 - t0);
    rows = result.map((r) => ({
      month: `${Math.floor(r.month / 100)}-${String(r.month % 100).padStart(2, "0")}`,
      volume: r.volume, mttr: r.mttr ?? null, median: r.median ?? null,
    }));
  }
  return { load: loads, full: times, monthly: rows };
}

// ---- the plot ------------------------------------------------------------

/** Draws time against ticket count (log–log) as SVG into #chart. `series`: [{ name, color, points: [[n, ms]] }]. */
function plot(series, title) {
  const W = 780, H = 420, L = 70, R = 230, T = 40, B = 50;
  const xs = series.flatMap((s) => s.points.map((p) => p[0])), ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const lx0 = Math.floor(Math.log10(Math.min(...xs))), lx1 = Math.ceil(Math.log10(Math.max(...xs)));
  const ly0 = Math.floor(Math.log10(Math.min(...ys))), ly1 = Math.ceil(Math.log10(Math.max(...ys)));
  const x = (v) => L + ((Math.log10(v) - lx0) / Math.max(lx1 - lx0, 1)) * (W - L - R);
  const y = (v) => H - B - ((Math.log10(v) - ly0) / Math.max(ly1 - ly0, 1)) * (H - T - B);
  const fmt = (v) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : `${v}`);
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">`;
  svg += `<rect width="${W}" height="${H}" fill="#fff"/><text x="${L}" y="22" font-size="15" font-weight="600">${title}</text>`;
  for (let e = lx0; e <= lx1; e++) svg += `<line x1="${x(10 ** e)}" x2="${x(10 ** e)}" y1="${T}" y2="${H - B}" stroke="#ddd"/><text x="${x(10 ** e)}" y="${H - B + 18}" text-anchor="middle">${fmt(10 ** e)}</text>`;
  for (let e = ly0; e <= ly1; e++) svg += `<line x1="${L}" x2="${W - R}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" stroke="#ddd"/><text x="${L - 8}" y="${y(10 ** e) + 4}" text-anchor="end">${10 ** e >= 1 ? 10 ** e : (10 ** e).toPrecision(1)} ms</text>`;
  svg += `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">tickets (intervals for the duration peers)</text>`;
  series.forEach((s, i) => {
    const pts = s.points.map((p) => `${x(p[0])},${y(p[1])}`).join(" ");
    svg += `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2.5" ${s.dash ? 'stroke-dasharray="6 4"' : ""}/>`;
    for (const p of s.points) svg += `<circle cx="${x(p[0])}" cy="${y(p[1])}" r="3.5" fill="${s.color}"/>`;
    svg += `<line x1="${W - R + 15}" x2="${W - R + 40}" y1="${T + 10 + i * 20}" y2="${T + 10 + i * 20}" stroke="${s.color}" stroke-width="2.5" ${s.dash ? 'stroke-dasharray="6 4"' : ""}/><text x="${W - R + 46}" y="${T + 14 + i * 20}">${s.name}</text>`;
  });
  svg += "</svg>";
  document.getElementById("chart").innerHTML = svg;
}

window.bench = {
  engine, engineStream, eventLog, firstLoad, evaluateSla: evaluateSlaCase, firstReport, firstRender,
  durations, durationCases, duckdbMonthly, arqueroMonthly, plot, bigStream,
};
window.benchReady = true;
