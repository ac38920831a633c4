// Demo page: the <sla-scorecard> element on the embedded ServiceNow sample,
// with a file input (the File goes to the element, which streams it into the
// engine with a progress bar and a Cancel button), period, grouping and theme
// pickers, a what-if editor of targets and thresholds, and a CSV download.
// Plain ES module with no inline code or styles, so it runs under a strict CSP.

import "./sla-scorecard/element.js";
import { html } from "./sla-scorecard/html.js";

const $ = (id) => document.getElementById(id);
const card = $("card");
const status = $("status");
const progress = $("progress");
let defaults = null;
let config = null;
let started = 0;
let shown = ""; // the source line of the data the card shows, put back after a cancelled or failed load

/** A same-origin file as a Blob (the element streams and, for .gz, gunzips it). */
async function fetchBlob(url) {
  progress.hidden = false;
  progress.removeAttribute("value"); // indeterminate while the bytes arrive
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.blob();
}

function load(label, data, preset) {
  $("source").textContent = `${label} — reading…`;
  started = performance.now();
  card.loadOptions = { preset };
  card.data = data;
}

async function loadSample() {
  const [blob, policies] = await Promise.all([
    fetchBlob(new URL("../data/servicenow-incident-event-log.csv.gz", import.meta.url)),
    fetchBlob(new URL("../policies/servicenow-sample.json", import.meta.url)).then((b) => b.text()),
  ]);
  $("preset").value = "servicenow-event-log";
  card.policies = policies;
  load("Sample: ServiceNow incident event log (890 incidents, CC BY 4.0) with policies/servicenow-sample.json", blob, "servicenow-event-log");
}

function fillEditor() {
  const rows = config.perspectives.flatMap((p, pi) =>
    p.kpis.map((k, ki) => {
      const t = k.thresholds ?? {};
      const input = (field, value, label) =>
        html`<td><input type="number" step="any" data-p="${pi}" data-k="${ki}" data-field="${field}" value="${value ?? ""}" aria-label="${label} of ${k.kpi}"></td>`;
      return html`<tr><th scope="row">${k.kpi}</th>${input("target", k.target, "Target")}${input("baseline", k.baseline, "Baseline")}${input("green", t.green, "Green threshold")}${input("amber", t.amber, "Amber threshold")}<td>${t.mode ?? "absolute"}</td></tr>`;
    }),
  );
  $("kpi-rows").innerHTML = String(html`${rows}`);
}

$("kpi-rows").addEventListener("input", (e) => {
  const { p, k, field } = e.target.dataset;
  const value = e.target.valueAsNumber;
  if (!field || !Number.isFinite(value)) return;
  const kpi = config.perspectives[p].kpis[k];
  if (field === "target" || field === "baseline") kpi[field] = value;
  else kpi.thresholds = { ...(kpi.thresholds ?? { green: kpi.target, amber: kpi.target }), [field]: value };
  card.config = structuredClone(config);
});

$("reset").addEventListener("click", () => {
  config = structuredClone(defaults);
  fillEditor();
  card.config = null;
});

$("file").addEventListener("change", (e) => {
  const file = e.target.files[0];
  if (file) load(`File: ${file.name}`, file, $("preset").value);
});

$("policies-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (file) card.policies = await file.text();
});

$("preset").addEventListener("change", () => {
  if (card.data != null) card.loadOptions = { preset: $("preset").value };
});
$("sample").addEventListener("click", () => loadSample());
$("period").addEventListener("change", (e) => card.setAttribute("period", e.target.value));
$("group-by").addEventListener("change", (e) => card.setAttribute("group-by", e.target.value));
$("theme").addEventListener("change", (e) => card.setAttribute("theme", e.target.value));

// The report tabs: the scorecard, or the month's service review with the actions below (the portal's list).
const ACTIONS = [
  { title: "Remind callers after two working days in Awaiting User Info", owner: "Service desk lead", due: "2016-04-15", status: "in progress" },
  { title: "Triage new P2 incidents within the first hour", owner: "Incident manager", due: "2016-04-30", status: "open" },
  { title: "Review the routing rules of the groups holding most breached time", owner: "Service owner", due: "2016-05-15", status: "open" },
];
card.actions = ACTIONS;
const tabs = [$("tab-scorecard"), $("tab-review")];
function choose(tab) {
  for (const t of tabs) {
    t.setAttribute("aria-selected", String(t === tab));
    t.tabIndex = t === tab ? 0 : -1;
  }
  const review = tab.id === "tab-review";
  card.setAttribute("aria-labelledby", tab.id);
  if (review) card.setAttribute("report-view", "service-review");
  else card.removeAttribute("report-view");
  $("print").hidden = !review;
}
for (const t of tabs) {
  t.addEventListener("click", () => choose(t));
  t.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    const next = tabs[(tabs.indexOf(t) + 1) % tabs.length];
    choose(next);
    next.focus();
  });
}
$("print").addEventListener("click", () => window.print());

$("download").addEventListener("click", async () => {
  const csv = await card.outcomesCsv();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  a.download = "sla-outcomes.csv";
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
});

card.addEventListener("sla-scorecard:render", (e) => {
  const { summary } = e.detail;
  if (started) {
    const ms = Math.round(performance.now() - started);
    const source = $("source").textContent.replace(/ — .*$/, "");
    $("source").textContent = shown = `${source} — ${summary.tickets} tickets from ${summary.rowsRead} rows (${summary.rejected} rejected), loaded and scored in ${ms} ms`;
    started = 0;
    const dims = summary.dimensions;
    const current = $("group-by").value;
    $("group-by").innerHTML = String(html`<option value="">(none)</option>${dims.map((d) => html`<option value="${d}">${d}</option>`)}`);
    $("group-by").value = dims.includes(current) ? current : "";
  }
  progress.hidden = true;
  status.textContent = `Engine ready — version ${summary.version}`;
  status.dataset.ready = "true";
});

/** After a cancelled or failed load the card keeps its data: so do the source line and the format picker. */
function restore() {
  progress.hidden = true;
  if (!started) return;
  started = 0;
  $("source").textContent = shown;
  if (card.loadOptions.preset) $("preset").value = card.loadOptions.preset;
}
card.addEventListener("sla-scorecard:load-cancel", restore);

card.addEventListener("sla-scorecard:error", (e) => {
  restore();
  if (status.dataset.ready !== "true") {
    status.textContent = `The engine failed: ${e.detail.message}`;
    status.dataset.ready = "error";
  }
});

card.addEventListener("sla-scorecard:select", (e) => {
  $("selected").textContent = `Selected ${e.detail.kind} ${e.detail.id}`;
});

try {
  defaults = await card.defaultScorecard();
  config = structuredClone(defaults);
  fillEditor();
  await loadSample();
} catch (err) {
  status.textContent = `The engine failed to load: ${err instanceof Error ? err.message : String(err)}`;
  status.dataset.ready = "error";
  throw err;
}
