// The element's charts in headless Chromium: each chart's figures against
// the command line's documents for the sample (not against pixels), hover
// and keyboard focus on every data point, the table views, the CSV
// downloads (a hostile "=" value included), axe-core in both themes, and
// the README's chart screenshots (docs/screenshots/chart-*.png).

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
import { loadOneTicket } from "./one-ticket.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const shots = join(root, "docs/screenshots");
const CHARTS = ["trend", "kpi:mttr_median", "heatmap", "causes:status", "causes:group", "backlog"];
/** A chart's screenshot name: one per chart kind, one per axis for the causes bars. */
const shotName = (name) => (name.startsWith("causes:") ? name.replace(":", "-") : name.split(":")[0]);

let browser;
let server;
let work;
let cli; // { report, heat, causes }: the command line's report, monthly compliance by priority and causes for the sample
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
  cli = { report, heat: sla.compliance, causes: causes.causes };
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

test("a ticket's clock timeline has bands of the status in force and of the group holding the ticket under it", async (t) => {
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
  const bands = await svg.locator("rect:not(.seg)").evaluateAll((rs) => rs.map((r) => [r.getAttribute("x"), r.getAttribute("y"), r.getAttribute("width"), r.textContent]));
  assert.deepEqual(bands, [
    ["1", "40", "79.75", "status New from 2026-03-02T09:00:00Z"],
    ["80.75", "40", "159.5", "status Active from 2026-03-02T10:00:00Z"],
    ["240.25", "40", "398.75", "status Awaiting User Info from 2026-03-02T12:00:00Z"],
    ["1", "58", "79.75", "group Service Desk from 2026-03-02T09:00:00Z"],
    ["80.75", "58", "558.25", "group Network from 2026-03-02T10:00:00Z"],
  ]);
  assert.equal(await svg.getAttribute("height"), "76"); // 40 + 2 × 18
  // The same as text, for readers who cannot see the bands: the group history above the
  // clocks, the status in force in the list of segments under each.
  const lines = await shadow(page, "#drill p.muted").allTextContents();
  assert.ok(lines.includes("Groups: Service Desk from Mar 2, 2026, 9:00 AM UTC · Network from Mar 2, 2026, 10:00 AM UTC"), lines.join("\n"));
  const segments = await shadow(page, "#drill .segments li").allTextContents();
  assert.deepEqual(segments.map((l) => l.split(":")[0]), ["running (New)", "running (Active)", "running (Awaiting User Info)"]);
  assert.deepEqual(errors, []);
});

test("the keyboard reaches every data point of every chart, in order, after the chart's buttons", async (t) => {
  const { page } = await open(t);
  for (const name of CHARTS) {
    const all = await tips(page, name);
    assert.ok(all.length > 0, name);
    await figure(page, name).locator("[data-action=csv]").focus();
    const reached = [];
    for (let i = 0; i < all.length; i++) {
      await page.keyboard.press("Tab");
      reached.push(await page.evaluate(() => document.querySelector("sla-scorecard").shadowRoot.activeElement?.dataset?.tip));
    }
    assert.deepEqual(reached, all, name);
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
    for (const name of CHARTS) await figure(page, name).locator("[data-action=view]").click();
    assert.equal(await shadow(page, "figure table").count(), CHARTS.length);
    assert.deepEqual(await axe(), []);
  });
}
