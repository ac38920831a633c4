// The element's service review (`report-view="service-review"`) in headless
// Chromium: the demo's "Service review" tab on the sample, the portal's
// improvement actions shown as text, what printing hides and keeps, the
// printed pages (Chromium's `page.pdf`, page 1 drawn to PNG by pdf.js for
// docs/screenshots/review-element.png), axe-core on the view. The SLA
// attainment table and the KPI histories are checked against the command
// line's documents for the sample (not against the element's output).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { launchBrowser, openPage, serveRepo } from "./browser.mjs";
import { loadOneTicket } from "./one-ticket.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

const run = promisify(execFile);
const policies = JSON.parse(readFileSync(join(root, "policies/servicenow-sample.json"), "utf8"));

let browser;
let server;
let work;
let cli; // { report, services }: the command line's report and monthly compliance by service for the sample

before(async () => {
  work = await mkdtemp(join(tmpdir(), "sla-review-"));
  const csv = join(work, "sample.csv");
  await writeFile(csv, gunzipSync(readFileSync(join(root, "data/servicenow-incident-event-log.csv.gz"))));
  // the demo's data, policies and report instant (www/demo.js; charts.test.mjs uses the same)
  const common = ["--data", csv, "--preset", "servicenow-event-log", "--policies", join(root, "policies/servicenow-sample.json"), "--as-of", "2017-02-04T19:00:00Z"];
  const cmd = async (...args) => JSON.parse((await run("cargo", ["run", "--quiet", "--", ...args], { cwd: root, maxBuffer: 256 << 20 })).stdout);
  const [report, sla] = await Promise.all([cmd("report", ...common), cmd("sla", ...common, "--period", "month", "--dimension", "service")]);
  cli = { report, services: sla.compliance };
  browser = await launchBrowser();
  server = await serveRepo({ csp: true });
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The scorecard's KPIs off target (red) in the command line's report, or the first KPI when none is: the review's KPI histories. */
function reviewKpis() {
  const kpis = cli.report.scorecard.perspectives.flatMap((p) => p.kpis);
  const red = kpis.filter((k) => k.rag === "red");
  return red.length ? red : kpis.slice(0, 1);
}

const shadow = (page, selector) => page.locator("sla-scorecard").locator(selector);
const actionsTable = (page) => shadow(page, "table:has(caption:text-is('Improvement actions'))");
const cells = (table) => table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));

/** The demo on the sample, switched to the service review tab. */
async function openReview(t, colorScheme = "light") {
  const opened = await openPage(browser, { colorScheme, viewport: { width: 1000, height: 900 } });
  t.after(() => opened.context.close());
  const { page } = opened;
  await page.goto(`${server.url}www/`);
  await page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });
  await page.click("#tab-review");
  await actionsTable(page).waitFor();
  // the causes (and the top breaches) come in a second paint, when the element is no longer busy
  await page.waitForFunction(() => !document.querySelector("sla-scorecard").hasAttribute("aria-busy"));
  return opened;
}

test("the service review tab lays out the scored period with the portal's actions as text", async (t) => {
  const { page, errors } = await openReview(t);
  assert.equal(await page.locator("sla-scorecard").getAttribute("report-view"), "service-review");
  assert.equal(await page.locator("#tab-review").getAttribute("aria-selected"), "true");
  // the sample's scored month (the last full month of its tickets, docs/scorecard.md)
  assert.equal(await shadow(page, "#h-score").textContent(), "Service review: IT service scorecard · 2016-03");
  const captions = await shadow(page, "figure .caption").allTextContents();
  assert.deepEqual(captions.map((c) => c.split(",")[0].split(":")[0]), [
    // the history of each KPI off target in March 2016, first (the printed review carries them)
    ...reviewKpis().map((k) => `${k.name} per period`),
    "SLA compliance per policy",
    "SLA compliance by policy and priority",
    "Working time by status",
    "Working time by group",
    "Backlog by age",
  ]);
  // the demo's three actions, in order, as the portal gave them, and as CSV
  const actions = await cells(actionsTable(page));
  assert.equal(actions.length, 3);
  assert.deepEqual(actions[0], ["Remind callers after two working days in Awaiting User Info", "Service desk lead", "2016-04-15", "in progress"]);
  assert.match(await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("actions")), /^title,owner,due,status\nRemind callers after two working days in Awaiting User Info,Service desk lead,2016-04-15,in progress\n/);
  // markup in an action is text; a missing field is an empty cell; a list that is not an array is refused
  await page.locator("sla-scorecard").evaluate((el) => (el.actions = [{ title: "<img src=x onerror=alert(1)>Fix", owner: "Ops" }]));
  assert.equal(await actionsTable(page).locator("img").count(), 0);
  assert.deepEqual(await cells(actionsTable(page)), [["<img src=x onerror=alert(1)>Fix", "Ops", "", ""]]);
  const refused = await page.locator("sla-scorecard").evaluate((el) => { try { el.actions = { title: "x" }; return null; } catch (e) { return `${e.name}: ${e.message}`; } });
  assert.equal(refused, "TypeError: actions: expected an array of { title, owner, due, status }");
  await page.locator("sla-scorecard").evaluate((el) => (el.actions = []));
  assert.deepEqual(await cells(actionsTable(page)), []);
  // the period's top breaches: ten, most late first, each naming where its working time went
  const top = await cells(shadow(page, "table:has(caption:text-is('Top breaches, 2016-03'))"));
  assert.equal(top.length, 10);
  assert.ok(top.every((row) => row.length === 6 && /\(.+\)$/.test(row[4]) && /\(.+\)$/.test(row[5])), JSON.stringify(top));
  // the review has no drill-down: a chosen ticket shows in the scorecard view only
  const id = await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("breaches").split("\n")[1].split(",")[0]);
  await page.locator("sla-scorecard").evaluate((el, id) => el.showTicket(id), id);
  assert.equal(await shadow(page, "#drill").count(), 0);
  // the arrow keys move between the tabs; the scorecard tab brings the drill-down back
  await page.focus("#tab-review");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-scorecard");
  await shadow(page, "#drill").waitFor();
  assert.equal(await page.locator("sla-scorecard").getAttribute("report-view"), null);
  assert.deepEqual(errors, []);
});

test("the review's SLA attainment table gives each policy × service's met, breached and compliance of the scored period, with the targets", async (t) => {
  const { page, errors } = await openReview(t);
  // The command line's compliance by service per month, March 2016 (the sample's scored month).
  const rows = cli.services.filter((r) => r.period === "2016-03");
  assert.ok(rows.length >= 4, JSON.stringify(rows)); // the four policies, each with one row or more
  // The sample's services (cmdb_ci) are mostly unset: by hand, P3's rows add up to its priority's
  // March figures, 423 met and 227 breached (charts.test.mjs: 423 / 650 = 65.08 %).
  const p3 = rows.filter((r) => r.policy === "P3 resolution");
  assert.deepEqual([p3.reduce((n, r) => n + r.met, 0), p3.reduce((n, r) => n + r.breached, 0)], [423, 227]);
  // The compliance target: the built-in scorecard's sla_compliance KPI, 95 % (docs/scorecard.md).
  const goal = cli.report.scorecard.perspectives.flatMap((p) => p.kpis).find((k) => k.kpi === "sla_compliance").target;
  assert.equal(goal, 95);
  const target = (name) => policies.policies.find((p) => p.name === name).target; // "5h", "8h", "4d", "5d"
  const table = shadow(page, "table:has(caption:text-matches('^SLA attainment'))");
  assert.equal(await table.locator("caption").textContent(), "SLA attainment per service and policy, 2016-03; compliance target 95%");
  assert.deepEqual(await table.locator("thead th").allTextContents(), ["Policy", "Service", "Target", "Met", "Breached", "Compliance"]);
  /** en-US percent with at most one decimal, as Intl writes it: 65.076… → "65.1%". */
  const pct = (v) => (v == null ? "—" : `${Math.round(v * 10) / 10}%`);
  assert.deepEqual(await cells(table), rows.map((r) => [r.policy, r.value ?? "(none)", target(r.policy), String(r.met), String(r.breached), pct(r.compliance)]));
  // The CSV: the figures as the engine gives them, the policy's target as the policy document writes it.
  const csv = await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("attainment"));
  assert.equal(csv, [
    "policy,service,period,policy_target,met,breached,compliance_percent,target_percent",
    ...rows.map((r) => [r.policy, r.value ?? "", "2016-03", target(r.policy), r.met, r.breached, r.compliance ?? "", goal].join(",")),
  ].map((l) => `${l}\n`).join(""));
  assert.equal(await shadow(page, "[data-action=csv][data-table=attainment]").count(), 1);
  // The KPI histories of the KPIs off target: each the report's cells of its KPI.
  for (const k of reviewKpis()) {
    const fig = shadow(page, `figure:has([data-chart="kpi:${k.kpi}"])`);
    assert.equal(await fig.count(), 1, k.kpi);
    const series = cli.report.kpis.find((s) => s.kpi === k.kpi && s.clock === k.clock) ?? cli.report.kpis.find((s) => s.kpi === k.kpi);
    const march = series.all.find((c) => c.period === "2016-03");
    assert.equal(march.value, k.value, k.kpi); // the scored period's cell is the tile's value
    assert.match(await page.locator("sla-scorecard").evaluate((el, n) => el.tableCsv(n), `kpi:${k.kpi}`), new RegExp(`\n2016-03,${march.value ?? ""},${march.n ?? ""},`), k.kpi);
  }
  assert.deepEqual(errors, []);
});

test("a top breach names the status and the group that held most of its working time", async (t) => {
  const { page, errors } = await openReview(t);
  await loadOneTicket(page);
  const table = shadow(page, "table:has(caption:text-is('Top breaches, 2026-03'))");
  await table.locator("tbody tr").first().waitFor();
  // 24x7, 5 h target from 09:00: due 14:00, resolved 17:00, 3 h late. Working time by status: New
  // 09–10 (1 h), Active 10–12 (2 h), Awaiting User Info 12–17 (5 h); by group: Service Desk 09–10
  // (1 h), Network 10–17 (7 h).
  const rows = await cells(table);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0][0], rows[0][1], rows[0][3], rows[0][4], rows[0][5]], ["INC1", "P1 resolution", "3 h", "Awaiting User Info (5 h)", "Network (7 h)"]);
  assert.equal(
    await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("top")),
    "ticket,policy,breach,late_seconds,status,status_working_seconds,group,group_working_seconds\nINC1,P1 resolution,2026-03-02T14:00:00Z,10800,Awaiting User Info,18000,Network,25200\n",
  );
  assert.deepEqual(errors, []);
});

test("printed, the review keeps its figures and drops every control; it paginates on A4 and Letter", async (t) => {
  const { page, errors } = await openReview(t);
  await page.emulateMedia({ media: "print" });
  const shown = (selector) => shadow(page, selector).evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== "none").length);
  assert.equal(await shown("[data-action]"), 0); // Table view, Download CSV, Show all
  assert.equal(await shown("figure svg.chart"), 5 + reviewKpis().length);
  assert.equal(await shown("table:has(caption:text-matches('^SLA attainment'))"), 1);
  assert.ok((await shown("button.tile")) > 0); // the KPI tiles are the review's "KPIs against targets"
  for (const id of ["controls", "status", "whatif"]) {
    assert.equal(await page.locator(`#${id}, .${id}`).first().evaluate((e) => getComputedStyle(e).display), "none", id);
  }
  const pages = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  const a4 = await page.pdf({ format: "A4", printBackground: true });
  const letter = await page.pdf({ format: "Letter", printBackground: true });
  assert.equal(a4.subarray(0, 5).toString(), "%PDF-");
  assert.ok(pages(a4) >= 3 && pages(letter) >= 3, `A4 ${pages(a4)} pages, Letter ${pages(letter)}`);
  // Page 1 of the A4 PDF drawn by pdf.js (a dev dependency) for the README.
  const png = await renderFirstPage(a4);
  await writeFile(join(root, "docs/screenshots/review-element.png"), png);
  assert.deepEqual(errors, []);
});

test("axe-core finds no serious or critical violation in the review view (light and dark)", async (t) => {
  for (const colorScheme of ["light", "dark"]) {
    const { page } = await openReview(t, colorScheme);
    await page.addScriptTag({ url: `${server.url}node_modules/axe-core/axe.min.js` });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(serious, [], colorScheme);
  }
});

/** Page 1 of `pdf` as PNG bytes, drawn by pdf.js in a blank page of the test server. */
async function renderFirstPage(pdf) {
  const plain = await serveRepo();
  const { page, context } = await openPage(browser, { viewport: { width: 900, height: 1200 } });
  try {
    await page.goto(`${plain.url}tests/e2e/blank.html`);
    const dataUrl = await page.evaluate(async ({ base, bytes }) => {
      const pdfjs = await import(`${base}node_modules/pdfjs-dist/build/pdf.min.mjs`);
      pdfjs.GlobalWorkerOptions.workerSrc = `${base}node_modules/pdfjs-dist/build/pdf.worker.min.mjs`;
      const doc = await pdfjs.getDocument({ data: Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0)) }).promise;
      const first = await doc.getPage(1);
      const viewport = first.getViewport({ scale: 1.5 });
      const canvas = document.createElement("canvas");
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      await first.render({ canvas, viewport }).promise;
      return canvas.toDataURL("image/png");
    }, { base: plain.url, bytes: pdf.toString("base64") });
    return Buffer.from(dataUrl.split(",")[1], "base64");
  } finally {
    await context.close();
    await plain.close();
  }
}
