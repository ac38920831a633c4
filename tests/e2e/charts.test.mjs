// The element's charts in headless Chromium: each chart's figures against
// the command line's documents for the sample (not against pixels), hover
// and keyboard focus on every data point, the table views, the CSV
// downloads (a hostile "=" value included), axe-core in both themes, and
// the README's chart screenshots (docs/screenshots/chart-*.png). A ticket's
// clock timeline is checked against the engine's ticket document, asked of
// the JS API (`slaTicket`) in the page, not of the element.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { launchBrowser, openPage, serveRepo } from "./browser.mjs";
import { ONE_TICKET_CSV, ONE_TICKET_POLICIES, loadOneTicket } from "./one-ticket.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const shots = join(root, "docs/screenshots");
const CHARTS = ["trend", "kpi:mttr_median", "heatmap", "causes:status", "causes:group", "backlog"];
/** A chart's screenshot name: one per chart kind, one per axis for the causes bars. */
const shotName = (name) => (name.startsWith("causes:") ? name.replace(":", "-") : name.split(":")[0]);

let browser;
let server;
let work;
let cli; // { report, heat, breaches, causes }: the command line's report, monthly compliance by priority, breaches and causes for the sample
/** tests/independent/causes_sample.py's figures (Python standard library, from docs/sla.md §8, not from our code). */
const independent = JSON.parse(readFileSync(join(root, "tests/independent/causes_sample.json"), "utf8"));

async function sla_scorecard(...args) {
  const { stdout } = await run("cargo", ["run", "--quiet", "--", ...args], { cwd: root, maxBuffer: 256 << 20 });
  return JSON.parse(stdout);
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), "sla-charts-"));
  const csv = join(work, "sample.csv");
  await writeFile(csv, gunzipSync(readFileSync(join(root, "data/servicenow-incident-event-log.csv.gz"))));
  const common = ["--data", csv, "--preset", "servicenow-event-log", "--policies", join(root, "policies/servicenow-sample.json"), "--as-of", "2017-02-04T19:00:00Z"];
  const [report, sla, causes] = await Promise.all([
    sla_scorecard("report", ...common),
    sla_scorecard("sla", ...common, "--period", "month", "--dimension", "priority"),
    sla_scorecard("sla", ...common, "--period", "month", "--table", "causes", "--format", "json"),
  ]);
  cli = { report, heat: sla.compliance, breaches: sla.breaches, causes: causes.causes };
  browser = await launchBrowser();
  server = await serveRepo({ csp: true });
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The demo under the strict CSP, the sample rendered, the median time to resolve chosen. */
async function open(t, colorScheme = "light") {
  const opened = await openPage(browser, { colorScheme, viewport: { width: 1200, height: 900 } });
  t.after(() => opened.context.close());
  await opened.page.goto(`${server.url}www/`);
  await opened.page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });
  await shadow(opened.page, 'button.tile[data-id="mttr_median"]').click();
  await figure(opened.page, "kpi:mttr_median").waitFor();
  return opened;
}

const shadow = (page, selector) => page.locator("sla-scorecard").locator(selector);
const SAMPLE_AS_OF = "2017-02-04T19:00:00Z"; // the command line's --as-of above: the demo's report instant
const samplePolicies = () => JSON.parse(readFileSync(join(root, "policies/servicenow-sample.json"), "utf8"));

/**
 * The engine's ticket detail document of ticket `id`, from the JS API in the page (`slaTicket` over a
 * data set of its own, the CSV text `csv` or the sample's .gz), not from the element.
 */
function engineTicket(page, { csv, policies, asOf, id }) {
  return page.evaluate(async ({ csv, policies, asOf, id }) => {
    const mod = await import("/pkg/sla_scorecard.js");
    await mod.default();
    const text = csv ?? (await new Response((await fetch("/data/servicenow-incident-event-log.csv.gz")).body.pipeThrough(new DecompressionStream("gzip"))).text());
    const data = mod.Dataset.fromCsv(text, { preset: "servicenow-event-log" });
    const set = new mod.Policies(policies);
    try {
      return mod.slaTicket(data, set, asOf, id);
    } finally {
      data.free();
      set.free();
    }
  }, { csv, policies, asOf, id });
}

/**
 * What the timeline's table holds, written from a ticket document: the group band (each group from its
 * change to the next), then per outcome its clock segments with the status in force and its marks.
 * (No cell of these documents holds a comma or a quote: no CSV quoting needed.)
 */
function timelineCsv(doc) {
  const lines = [["policy", "row", "from", "to", "kind", "value"]];
  doc.groups.forEach(([at, group], i) => lines.push(["", "group", at, doc.groups[i + 1]?.[0] ?? "", "", group]));
  for (const o of doc.outcomes) {
    for (const s of o.timeline) lines.push([o.policy, "clock", s.from, s.to, s.kind, s.status ?? ""]);
    for (const kind of ["due", "breach", "stop"]) if (o[kind]) lines.push([o.policy, "mark", o[kind], "", kind, ""]);
  }
  return lines.map((l) => `${l.join(",")}\n`).join("");
}

/** Tabs from the CSV button of chart `name` through every data point; returns the tips reached. */
async function tabThrough(page, name, count) {
  await figure(page, name).locator("[data-action=csv]").focus();
  const reached = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press("Tab");
    reached.push(await page.evaluate(() => document.querySelector("sla-scorecard").shadowRoot.activeElement?.dataset?.tip));
  }
  return reached;
}
const figure = (page, name) => shadow(page, `figure:has([data-chart="${name}"])`);
const tips = (page, name) => figure(page, name).locator("svg [data-tip]").evaluateAll((els) => els.map((e) => e.dataset.tip));
/** en-US percent with at most one decimal, as Intl writes it: 61.345… → "61.3%". */
const pct = (v) => (v == null ? "—" : `${Math.round(v * 10) / 10}%`);
const counts = (c) => `${pct(c.compliance)} (${c.met} met, ${c.breached} breached)`;
/** The periods of the charts: the last 12 up to the scored one (2016-02 and 2016-03 for the sample). */
const span = () => {
  const at = cli.report.periods.findIndex((p) => p.period === cli.report.scorecard.period);
  return cli.report.periods.slice(Math.max(0, at - 11), at + 1).map((p) => p.period);
};

test("the compliance trend draws every policy's slaPolicies rows and slaCompliance, with the scorecard's target line", async (t) => {
  const { page, errors } = await open(t);
  const periods = span();
  assert.deepEqual(periods, ["2016-02", "2016-03"]); // the sample's tickets open in Feb and Mar 2016; March is scored
  const rows = new Map([["All policies", cli.report.slaCompliance]]);
  for (const r of cli.report.slaPolicies) rows.set(r.policy, [...(rows.get(r.policy) ?? []), r]);
  const expected = [...rows].flatMap(([name, list]) =>
    periods.map((p) => list.find((x) => x.period === p)).filter((c) => c?.compliance != null).map((c) => `${name}, ${c.period}: ${counts(c)}`),
  );
  assert.deepEqual(await tips(page, "trend"), expected);
  // by hand: March 2016 over all policies, 465 met and 293 breached: 465 / 758 = 61.35 % (docs/sla.md §6 sums)
  assert.ok(expected.includes("All policies, 2016-03: 61.3% (465 met, 293 breached)"));
  // the target: the built-in scorecard's sla_compliance KPI, 95 % (docs/scorecard.md)
  assert.equal(cli.report.scorecard.perspectives.flatMap((p) => p.kpis).find((k) => k.kpi === "sla_compliance").target, 95);
  assert.equal(await figure(page, "trend").locator("text.ref-label").textContent(), "target 95%");
  // hover and keyboard focus both show a point's figures under the chart
  const points = figure(page, "trend").locator("svg [data-tip]");
  await points.nth(1).hover();
  assert.equal(await figure(page, "trend").locator(".tip").textContent(), expected[1]);
  await points.nth(2).focus();
  assert.equal(await figure(page, "trend").locator(".tip").textContent(), expected[2]);
  // the table view holds the same figures, and periods without outcomes as 0 met, 0 breached
  await figure(page, "trend").locator("[data-action=view]").click();
  const table = await figure(page, "trend").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(table.length, rows.size * periods.length);
  assert.deepEqual(table[0], ["All policies", "2016-02", "43", "1", "97.73"]); // 43 / 44 = 97.727 %
  assert.equal(await figure(page, "trend").locator("[data-action=view]").getAttribute("aria-pressed"), "true");
  assert.deepEqual(errors, []);
});

test("a chosen KPI tile shows its value, n, target and RAG bands per period from the report", async (t) => {
  const { page, errors } = await open(t);
  const series = cli.report.kpis.find((s) => s.kpi === "mttr_median" && s.clock === "wall");
  const k = cli.report.scorecard.perspectives.flatMap((p) => p.kpis).find((x) => x.kpi === "mttr_median");
  const cells = span().map((p) => series.all.find((c) => c.period === p));
  const hours = (v) => `${Math.round(v * 10) / 10} h`;
  assert.deepEqual(await tips(page, "kpi:mttr_median"), cells.map((c) => `${c.period}: ${hours(c.value)} (n = ${c.n})`));
  // the scored period's cell is the tile's value: 52.75 h (element.test.mjs, by hand from the CLI)
  assert.equal(cells.at(-1).value, k.value);
  assert.equal(await shadow(page, 'button.tile[data-id="mttr_median"]').getAttribute("aria-pressed"), "true");
  const fig = figure(page, "kpi:mttr_median");
  assert.deepEqual(await fig.locator("text.sub").allTextContents(), cells.map((c) => `n = ${c.n}`));
  // target 24 h, green ≤ 24 h, amber ≤ 36 h (100 % and 150 % of the target, docs/scorecard.md)
  assert.deepEqual([k.target, k.green, k.amber], [24, 24, 36]);
  assert.equal(await fig.locator("text.ref-label").textContent(), "target 24 h");
  assert.deepEqual(await fig.locator("text.band-label").allTextContents(), ["On target", "Watch", "Off target"]);
  assert.equal(await fig.locator("rect.band-amber").count(), 1);
  await fig.locator("[data-action=view]").click();
  const table = await fig.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(table.at(-1), ["2016-03", "52.75", String(cells.at(-1).n), "24", "24", "36"]);
  assert.deepEqual(errors, []);
});

test("the heatmap shows each policy × priority × period cell of the engine's compliance table", async (t) => {
  const { page, errors } = await open(t);
  const periods = span();
  const shown = cli.heat.filter((c) => periods.includes(c.period));
  const expected = shown.map((c) => `${c.policy} · ${c.value}, ${c.period}: ${counts(c)}`);
  // row by row: the chart draws policy by policy, period by period
  assert.deepEqual((await tips(page, "heatmap")).sort(), expected.sort());
  // by hand: P1 in March 2016, 0 met of 13 → 0 %; P3, 423 / 650 = 65.08 %
  assert.ok(expected.includes("P1 resolution · 1 - Critical, 2016-03: 0% (0 met, 13 breached)"));
  assert.ok(expected.includes("P3 resolution · 3 - Moderate, 2016-03: 65.1% (423 met, 227 breached)"));
  // the figure is printed in each cell; the shade is one of five steps of 20 %
  assert.equal(await figure(page, "heatmap").locator("text.cell-text.heat-3").first().textContent(), "65%");
  assert.deepEqual(errors, []);
});

test("the backlog chart shows the age buckets at the as-of instant and at the end of the scored period", async (t) => {
  const { page, errors } = await open(t);
  const backlog = cli.report.kpis.find((s) => s.kpi === "backlog");
  const now = backlog.all.at(-1);
  const march = backlog.all.find((c) => c.period === "2016-03");
  const expected = [
    ...march.buckets.map((b) => `end of 2016-03, aged ${b.label}: ${b.count} tickets`),
    ...now.buckets.map((b) => `as of 2017-02-04T19:00:00Z, aged ${b.label}: ${b.count} tickets`),
  ];
  assert.deepEqual((await tips(page, "backlog")).sort(), expected.sort());
  // 88 tickets open at 1 April 2016: 63 aged 7–30 days, 25 older; none at the as-of instant
  assert.equal(march.value, 88);
  assert.ok(expected.includes("end of 2016-03, aged 7-30d: 63 tickets") && expected.includes("end of 2016-03, aged >=30d: 25 tickets"));
  assert.equal(now.value, 0);
  assert.deepEqual(errors, []);
});

test("the causes bars split each policy's breached and met working time of the scored period by status and by group, as the independent script does", async (t) => {
  const { page, errors } = await open(t);
  for (const axis of ["status", "group"]) {
    // The script's seconds per policy × March 2016 × value; a part's share is its seconds over the
    // policy's seconds of that state (docs/sla.md §8), e.g. P1 breached in Active:
    // 6,860,400 / (6,860,400 + 1,665,180 + 3,638,700 + 1,411,860) = 50.53 % → "50.5%".
    const cells = Object.entries(independent.sample.cells)
      .map(([key, v]) => { const [policy, period, a, value] = key.split("|"); return { policy, period, axis: a, value, ...v }; })
      .filter((c) => c.period === "2016-03" && c.axis === axis);
    const expected = [];
    for (const policy of new Set(cells.map((c) => c.policy)))
      for (const state of ["breached", "met"]) {
        const mine = cells.filter((c) => c.policy === policy);
        const total = mine.reduce((sum, c) => sum + c[`${state}Seconds`], 0);
        // The script writes the time before a ticket's first group as "": the chart says "(none)".
        for (const c of mine) if (c[`${state}Seconds`] > 0) expected.push(`${policy}, ${state}: ${c.value || "(none)"} ${pct((100 * c[`${state}Seconds`]) / total)}`);
      }
    const drawn = await tips(page, `causes:${axis}`);
    assert.deepEqual([...drawn].sort(), [...expected].sort(), axis);
    if (axis === "status") assert.ok(drawn.includes("P1 resolution, breached: Active 50.5%"));
    // The table and its CSV: the engine's causes rows of March 2016 for this axis, as the command line prints them.
    const rows = cli.causes.filter((c) => c.period === "2016-03" && c.dimension === axis);
    const csv = await page.locator("sla-scorecard").evaluate((el, n) => el.tableCsv(n), `causes:${axis}`);
    assert.deepEqual(csv.trim().split("\n"), [
      `policy,${axis},breached_seconds,breached_share_percent,breached_paused_seconds,breaches_held,met_seconds,met_share_percent,met_paused_seconds`,
      ...rows.map((c) => [c.policy, c.value, c.breachedSeconds, c.breachedShare ?? "", c.breachedPausedSeconds, c.breachesHeld, c.metSeconds, c.metShare ?? "", c.metPausedSeconds].join(",")),
    ]);
  }
  // The legend names the five values with most working time first ("others" share the sixth colour).
  const legend = await figure(page, "causes:status").locator(".legend span").allTextContents();
  assert.equal(legend[0], "Awaiting User Info"); // the most breached working time of March too (the script's march2016Top)
  assert.equal(independent.sample.march2016Top.status[0][0], "Awaiting User Info");
  assert.deepEqual(errors, []);
});

test("a ticket's clock timeline has bands of the status in force and of the group holding the ticket under it, each part focusable and named, and a table of the engine's ticket document", async (t) => {
  const { page, errors } = await open(t);
  await loadOneTicket(page);
  await page.waitForFunction(() => document.querySelector("sla-scorecard").summary?.tickets === 1);
  await page.locator("sla-scorecard").evaluate((el) => el.showTicket("INC1"));
  const svg = shadow(page, "#drill svg.timeline");
  await svg.waitFor();
  // The clock runs 09:00 → 17:00 (resolved), due at 14:00 (5 h): the axis spans 09:00 to 17:00,
  // x = (t − 09:00) / 8 h × 638 + 1. Status: New 09–10 (x 1, width 79.75), Active 10–12 (x 80.75,
  // width 159.5), Awaiting User Info 12–17 (x 240.25, width 398.75); Resolved starts at the end.
  // The status band comes from the clock's segments (the status in force), the group band from the
  // ticket's group history: Service Desk 09–10, Network 10–17 (x 80.75, width 558.25). Bands at y 40 and 58.
  const h = (time) => `Mar 2, 2026, ${time} UTC`;
  const bands = await svg.locator("rect:not(.seg)").evaluateAll((rs) => rs.map((r) => [r.getAttribute("x"), r.getAttribute("y"), r.getAttribute("width"), r.getAttribute("aria-label")]));
  assert.deepEqual(bands, [
    ["1", "40", "79.75", `status New from ${h("9:00 AM")}`],
    ["80.75", "40", "159.5", `status Active from ${h("10:00 AM")}`],
    ["240.25", "40", "398.75", `status Awaiting User Info from ${h("12:00 PM")}`],
    ["1", "58", "79.75", `group Service Desk from ${h("9:00 AM")}`],
    ["80.75", "58", "558.25", `group Network from ${h("10:00 AM")}`],
  ]);
  assert.equal(await svg.getAttribute("height"), "76"); // 40 + 2 × 18
  // Every segment, band part and mark is a focusable data point named by its figures, in drawing
  // order: the clock's three segments, the two bands, then due and breach at 14:00 and stop at 17:00.
  const expected = [
    `running (New): ${h("9:00 AM")} → ${h("10:00 AM")}`,
    `running (Active): ${h("10:00 AM")} → ${h("12:00 PM")}`,
    `running (Awaiting User Info): ${h("12:00 PM")} → ${h("5:00 PM")}`,
    ...bands.map((b) => b[3]),
    `due: ${h("2:00 PM")}`,
    `breach: ${h("2:00 PM")}`,
    `stop: ${h("5:00 PM")}`,
  ];
  assert.deepEqual(await tips(page, "timeline"), expected);
  assert.deepEqual(await svg.locator("[data-tip]").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))), expected);
  assert.equal(await svg.getAttribute("role"), "group");
  // the keyboard reaches each, in order, after the chart's buttons; focus shows the figures under the chart
  assert.deepEqual(await tabThrough(page, "timeline", expected.length), expected);
  assert.equal(await figure(page, "timeline").locator(".tip").textContent(), expected.at(-1));
  // The group history as text above the clocks; the outcome in words under them.
  const lines = await shadow(page, "#drill p.muted").allTextContents();
  assert.ok(lines.includes(`Groups: Service Desk from ${h("9:00 AM")} · Network from ${h("10:00 AM")}`), lines.join("\n"));
  assert.match(await figure(page, "timeline").locator(".summary").textContent(), /^P1 resolution: breached, counted 8 h of 5 h \(160 %\), paused 0 s, due Mar 2, 2026, 2:00 PM UTC, stopped Mar 2, 2026, 5:00 PM UTC, late by 3 h; 3 segments\./);
  // The table and its CSV: the engine's ticket document (the JS API's slaTicket, asked in the page)…
  const asOf = await page.locator("sla-scorecard").evaluate((el) => el.report.asOf);
  const doc = await engineTicket(page, { csv: ONE_TICKET_CSV, policies: ONE_TICKET_POLICIES, asOf, id: "INC1" });
  const csv = await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("timeline"));
  assert.equal(csv, timelineCsv(doc));
  // …and by hand, from the incident's four events (one-ticket.mjs)
  const at = (time) => `2026-03-02T${time}:00Z`;
  assert.equal(csv, [
    "policy,row,from,to,kind,value",
    `,group,${at("09:00")},${at("10:00")},,Service Desk`,
    `,group,${at("10:00")},,,Network`,
    `P1 resolution,clock,${at("09:00")},${at("10:00")},running,New`,
    `P1 resolution,clock,${at("10:00")},${at("12:00")},running,Active`,
    `P1 resolution,clock,${at("12:00")},${at("17:00")},running,Awaiting User Info`,
    `P1 resolution,mark,${at("14:00")},,due,`,
    `P1 resolution,mark,${at("14:00")},,breach,`,
    `P1 resolution,mark,${at("17:00")},,stop,`,
  ].map((l) => `${l}\n`).join(""));
  const [download] = await Promise.all([page.waitForEvent("download"), figure(page, "timeline").locator("[data-action=csv]").click()]);
  assert.equal(download.suggestedFilename(), "sla-timeline.csv");
  assert.equal(readFileSync(await download.path(), "utf8"), csv);
  // the table view: the same rows, a row header each
  await figure(page, "timeline").locator("[data-action=view]").click();
  const table = await figure(page, "timeline").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.deepEqual(table[0], ["—", "group", at("09:00"), at("10:00"), "—", "Service Desk"]);
  assert.deepEqual(table.at(-1), ["P1 resolution", "mark", at("17:00"), "—", "stop", "—"]);
  assert.equal(table.length, 8);
  assert.equal(await figure(page, "timeline").locator("svg").count(), 0);
  // closed, no table: tableCsv gives ""
  await page.locator("sla-scorecard").evaluate((el) => el.showTicket(null));
  assert.equal(await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("timeline")), "");
  assert.deepEqual(errors, []);
});

test("a sample breach's clock timeline: its table is the engine's ticket document, the keyboard reaches every part", async (t) => {
  const { page, errors } = await open(t);
  const { ticket } = cli.breaches[0]; // the breach list's first row, as the command line sorts it
  await page.locator("sla-scorecard").evaluate((el, id) => el.showTicket(id), ticket);
  await figure(page, "timeline").waitFor();
  const doc = await engineTicket(page, { policies: samplePolicies(), asOf: SAMPLE_AS_OF, id: ticket });
  assert.ok(doc.outcomes.some((o) => o.state === "breached"), JSON.stringify(doc.outcomes.map((o) => o.state)));
  assert.equal(await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("timeline")), timelineCsv(doc));
  // one clock per outcome, one focusable rect per segment and a line per mark
  const svg = figure(page, "timeline").locator("svg.timeline");
  assert.equal(await svg.count(), doc.outcomes.length);
  assert.equal(await figure(page, "timeline").locator("rect.seg[tabindex]").count(), doc.outcomes.reduce((n, o) => n + o.timeline.length, 0));
  assert.equal(await figure(page, "timeline").locator("line.mark[tabindex]").count(), doc.outcomes.reduce((n, o) => n + ["due", "breach", "stop"].filter((k) => o[k]).length, 0));
  const all = await tips(page, "timeline");
  assert.deepEqual(await tabThrough(page, "timeline", all.length), all);
  assert.deepEqual(errors, []);
});

test("the keyboard reaches every data point of every chart, in order, after the chart's buttons", async (t) => {
  const { page } = await open(t);
  for (const name of CHARTS) {
    const all = await tips(page, name);
    assert.ok(all.length > 0, name);
    assert.deepEqual(await tabThrough(page, name, all.length), all, name);
    assert.equal(await figure(page, name).locator(".tip").textContent(), all.at(-1), name);
  }
});

test("every table downloads as CSV with the engine's figures; formula-like text is neutralised", async (t) => {
  const { page, errors } = await open(t);
  const [download] = await Promise.all([page.waitForEvent("download"), figure(page, "heatmap").locator("[data-action=csv]").click()]);
  assert.equal(download.suggestedFilename(), "sla-heatmap.csv");
  const lines = readFileSync(await download.path(), "utf8").trim().split("\n");
  assert.equal(lines[0], "policy,priority,period,met,breached,compliance_percent");
  assert.deepEqual(lines.slice(1), cli.heat.filter((c) => span().includes(c.period)).map((c) => [c.policy, c.value, c.period, c.met, c.breached, c.compliance].join(",")));
  const csv = (name) => page.locator("sla-scorecard").evaluate((el, n) => el.tableCsv(n), name);
  assert.match(await csv("kpi:mttr_median"), /^period,value,n,target,green,amber\n2016-02,[\d.]+,\d+,24,24,36\n2016-03,52\.75,\d+,24,24,36\n$/);
  assert.match(await csv("compliance"), /^policy,period,value,met,breached,in_progress,at_risk,paused,not_applicable,compliance_percent\nP1 resolution,all,1 - Critical,1,14,0,0,0,\d+,6\.666/);
  assert.match(await csv("backlog"), /^age,end of 2016-03,as of 2017-02-04T19:00:00Z\n<1d,0,0\n1-3d,0,0\n3-7d,0,0\n7-30d,63,0\n>=30d,25,0\n$/);
  assert.equal((await csv("breaches")).trim().split("\n").length, 1 + 382); // 382 breaches (docs/sla.md §6)
  assert.equal(await csv("nothing"), "");
  for (const name of ["compliance", "breaches", "trend", "heatmap", "causes:status", "causes:group", "backlog", "kpi:mttr_median"]) {
    assert.equal(await shadow(page, `[data-action=csv][data-table="${name}"]`).count(), 1, name);
  }
  // hostile text: a ticket id and a policy name a spreadsheet would run
  await page.locator("sla-scorecard").evaluate((el) => {
    el.loadOptions = { preset: "servicenow-incidents" };
    el.policies = { policies: [{ name: "=1+1", when: { priority: "1 - Critical" }, metric: "resolution", target: "5h" }] };
    el.data = [
      "number,short_description,opened_at,resolved_at,closed_at,reopen_count,made_sla,priority,incident_state",
      // P1, 5 h target, resolved after 9 h: breached, 4 h late
      '"=HYPERLINK(""http://x"")",x,2026-03-02 08:00:00,2026-03-02 17:00:00,2026-03-03 09:00:00,0,false,1,7',
    ].join("\n");
  });
  await page.waitForFunction(() => document.querySelector("sla-scorecard").report?.slaPolicies[0]?.policy === "=1+1");
  const breaches = await csv("breaches");
  // 4 h late = 14400 s; the id quoted because of its quotes, after the guard's leading quote
  assert.match(breaches, /\n"'=HYPERLINK\(""http:\/\/x""\)",'=1\+1,2026-03-02T13:00:00Z,2026-03-02T17:00:00Z,14400,14400,no\n$/);
  assert.match(await csv("trend"), /\n'=1\+1,2026-03,0,1,0\n$/);
  assert.match(await csv("heatmap"), /\n'=1\+1,1 - Critical,2026-03,0,1,0\n$/);
  assert.deepEqual(errors, []);
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core finds no serious or critical violation in the charts and their tables (${colorScheme}); screenshots`, async (t) => {
    const { page } = await open(t, colorScheme);
    // axe from the same origin: the page runs under the strict CSP, which forbids an inline script
    await page.addScriptTag({ url: `${server.url}node_modules/axe-core/axe.min.js` });
    const axe = async () => {
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      return result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    };
    assert.deepEqual(await axe(), []);
    await mkdir(shots, { recursive: true });
    for (const name of CHARTS) {
      await figure(page, name).screenshot({ path: join(shots, `chart-${shotName(name)}-${colorScheme}.png`) });
    }
    // the drill-down of the sample's first breach, with its clock timeline
    await page.locator("sla-scorecard").evaluate((el, id) => el.showTicket(id), cli.breaches[0].ticket);
    await figure(page, "timeline").waitFor();
    await figure(page, "timeline").screenshot({ path: join(shots, `chart-timeline-${colorScheme}.png`) });
    assert.deepEqual(await axe(), []);
    for (const name of [...CHARTS, "timeline"]) await figure(page, name).locator("[data-action=view]").click();
    assert.equal(await shadow(page, "figure table").count(), CHARTS.length + 1);
    assert.deepEqual(await axe(), []);
  });
}
