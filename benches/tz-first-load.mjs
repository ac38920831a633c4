// First load of naive timestamps read in a zone against the same load read
// as UTC, each in a fresh Node process (issue 14: a page pays the zone's
// set-up on every first load). Prints median/min/max per zone; no assertions.
//
//   scripts/package.sh                                    (builds pkg/, --target web)
//   node benches/tz-first-load.mjs [file.csv|file.csv.gz] [runs]
//   SLA_PKG=/other/pkg node benches/tz-first-load.mjs …   (another build)
//
// The file is a ServiceNow event log (preset servicenow-event-log), by
// default the sample data/servicenow-incident-event-log.csv.gz. Per zone and
// run, two fresh processes: one loads the whole file twice (first, warm);
// the other loads the header and first two rows as UTC, then the same rows
// in the zone: the second load's time is the zone's set-up alone.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.resolve(process.env.SLA_PKG || path.join(root, "pkg"));
const zones = ["UTC", "Europe/Berlin", "Europe/Rome"];

if (process.argv[2] === "--child") {
  const [, , , mode, zone, file] = process.argv;
  const { default: init, Dataset } = await import(path.join(pkg, "sla_scorecard.js"));
  await init({ module_or_path: readFileSync(path.join(pkg, "sla_scorecard_bg.wasm")) });
  const raw = readFileSync(file);
  let text = (file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
  const options = { preset: "servicenow-event-log", timezone: zone };
  // Wall-clock and CPU time (user + system of the whole process: on a busy
  // machine the CPU time varies less).
  const timed = (f) => {
    const t = performance.now();
    const c = process.cpuUsage();
    const value = f();
    const cpu = process.cpuUsage(c);
    return [value, performance.now() - t, (cpu.user + cpu.system) / 1000];
  };
  if (mode === "setup") {
    text = text.split("\n").slice(0, 3).join("\n") + "\n";
    Dataset.fromCsv(text, { ...options, timezone: "UTC" }).free();
    const [ds, setupMs] = timed(() => Dataset.fromCsv(text, options));
    ds.free();
    process.stdout.write(JSON.stringify({ setupMs }));
  } else {
    const [first, firstMs, firstCpuMs] = timed(() => Dataset.fromCsv(text, options));
    const [second, warmMs] = timed(() => Dataset.fromCsv(text, options));
    const s = first.summary;
    process.stdout.write(JSON.stringify({ firstMs, firstCpuMs, warmMs, rows: s.rowsRead, tickets: s.tickets }));
    first.free();
    second.free();
  }
} else {
  const file = path.resolve(process.argv[2] || path.join(root, "data/servicenow-incident-event-log.csv.gz"));
  const runs = Number(process.argv[3] ?? 7);
  const child = (mode, zone) =>
    JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", mode, zone, file], { encoding: "utf8" }));
  const results = Object.fromEntries(zones.map((z) => [z, []]));
  // Interleave the zones so a busy machine slows all of them alike.
  for (let r = 0; r < runs; r++) {
    for (const zone of zones) results[zone].push({ ...child("load", zone), ...child("setup", zone) });
  }
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (xs) => {
    const s = sorted(xs);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const col = (zone, key) => results[zone].map((x) => x[key]);
  const stats = (zone, key) => {
    const xs = col(zone, key);
    const digits = key === "setupMs" ? 1 : 0;
    return `${median(xs).toFixed(digits)} (${sorted(xs)[0].toFixed(digits)}–${sorted(xs)[xs.length - 1].toFixed(digits)})`;
  };
  const info = results.UTC[0];
  console.log(`${path.relative(process.cwd(), file)}: ${info.rows} rows, ${info.tickets} tickets; ${path.relative(process.cwd(), pkg) || "."}; Node ${process.version}`);
  console.log(`ms, median (min–max) of ${runs} fresh processes per zone and measure`);
  const head = ["zone", "first load", "first load, CPU", "second load", "zone set-up", "first vs UTC (wall, CPU)"];
  const widths = [14, 18, 18, 18, 18, 0];
  const line = (cells) => console.log(cells.map((c, i) => String(c).padEnd(widths[i])).join(" ").trimEnd());
  line(head);
  for (const zone of zones) {
    const ratio = (key) => (median(col(zone, key)) / median(col("UTC", key))).toFixed(2);
    line([zone, stats(zone, "firstMs"), stats(zone, "firstCpuMs"), stats(zone, "warmMs"), stats(zone, "setupMs"), `${ratio("firstMs")}×, ${ratio("firstCpuMs")}×`]);
  }
}
