// One build of the package, one operation repeated `n` times in Node, for
// instruction counts under cachegrind (`run.sh` beside it takes n = 0, which
// only instantiates and loads the inputs, away from n = 8). V8 is held to
// one compiler (`--no-liftoff --no-wasm-tier-up`) so the counts repeat.
//
//   node --single-threaded --no-liftoff --no-wasm-tier-up one.mjs PKG_DIR OP N DATA_DIR
//
// OP: flat-load, events-load, report (flat, with policies), sla
// (evaluateSla), events-report (event log, with policies).
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, op, n, data] = process.argv.slice(2);
const m = await import(pathToFileURL(`${dir}/sla_scorecard.js`).href);
await m.default({ module_or_path: fs.readFileSync(`${dir}/sla_scorecard_bg.wasm`) });
const flat = fs.readFileSync(`${data}/tickets.csv`, "utf8");
const events = fs.readFileSync(`${data}/events.csv`, "utf8");
const doc = JSON.parse(fs.readFileSync(new URL("../policies.json", import.meta.url), "utf8"));
const AS_OF = "2026-01-05T00:00:00Z";
const FLAT = { preset: "servicenow-incidents" };
const EVENTS = { preset: "servicenow-event-log" };

const ds = ["report", "sla"].includes(op) ? m.Dataset.fromCsv(flat, FLAT) : null;
const log = op === "events-report" ? m.Dataset.fromCsv(events, EVENTS) : null;
const policies = new m.Policies(doc);
const run = {
  "flat-load": () => m.Dataset.fromCsv(flat, FLAT).free(),
  "events-load": () => m.Dataset.fromCsv(events, EVENTS).free(),
  report: () => m.report(ds, m.defaultScorecard(), { asOf: AS_OF }, doc),
  sla: () => m.evaluateSla(ds, policies, AS_OF, { period: "month", dimension: "priority" }).outcomes.free(),
  "events-report": () => m.report(log, undefined, { asOf: AS_OF }, doc),
}[op];
if (!run) throw new Error(`unknown operation ${op}`);
for (let i = 0; i < Number(n); i++) run();
