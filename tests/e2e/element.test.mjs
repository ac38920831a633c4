// The <sla-scorecard> element and the demo page in headless Chromium: the
// sample's figures against the command line's report for the same data,
// file input, what-if, drill-down, escaping, strict CSP, axe-core, a Vite
// build, and the README's screenshots (light and dark).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foreignRequests, launchBrowser, openPage, serveRepo } from "./browser.mjs";
import { serve } from "../../scripts/serve.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const shots = join(root, "docs/screenshots");
const AXE = join(root, "node_modules/axe-core/axe.min.js");

let browser;
let server;
let work;
let cli; // { report, sla }: the command line's documents for the sample

/** Runs the native command line (cargo builds it if needed) and parses its JSON. */
async function sla_scorecard(...args) {
  const { stdout } = await run("cargo", ["run", "--quiet", "--", ...args], { cwd: root, maxBuffer: 256 << 20 });
  return JSON.parse(stdout);
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), "sla-element-"));
  const csv = join(work, "sample.csv");
  await writeFile(csv, gunzipSync(readFileSync(join(root, "data/servicenow-incident-event-log.csv.gz"))));
  const common = ["--data", csv, "--preset", "servicenow-event-log", "--policies", join(root, "policies/servicenow-sample.json")];
  // The page evaluates as of the latest instant in the data, 2017-02-04T19:00:00Z (docs/sla.md §6).
  const [report, sla] = await Promise.all([
    sla_scorecard("report", ...common, "--as-of", "2017-02-04T19:00:00Z"),
    sla_scorecard("sla", ...common, "--as-of", "2017-02-04T19:00:00Z", "--period", "all", "--dimension", "priority"),
  ]);
  cli = { report, sla };
  browser = await launchBrowser();
  server = await serveRepo();
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Opens the demo (or `path`) and waits for the first scorecard. */
async function open(t, { path = "www/", colorScheme = "light", csp = false, viewport } = {}) {
  const srv = csp ? await serveRepo({ csp: true }) : server;
  const opened = await openPage(browser, { colorScheme, viewport: viewport ?? { width: 1200, height: 900 } });
  t.after(async () => {
    await opened.context.close();
    if (csp) await srv.close();
  });
  await opened.page.goto(`${srv.url}${path}`);
  await opened.page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });
  return opened;
}

const shadow = (page, selector) => page.locator("sla-scorecard").locator(selector);
const tile = (page, kpi) => shadow(page, `button.tile[data-id="${kpi}"]`);

test("the demo shows the sample's overall score, KPIs and SLA compliance as the command line computes them", async (t) => {
  const { page, errors, requests } = await open(t);
  const sc = cli.report.scorecard;
  // en-US, one decimal: 47.765… → "47.8" (docs/sla.md and the CLI agree on the as-of instant)
  assert.equal(await shadow(page, ".score.overall .value").textContent(), sc.overall.score.toFixed(1));
  assert.equal(await shadow(page, "#h-score").textContent(), `${sc.name} · ${sc.period}`);
  for (const k of sc.perspectives.flatMap((p) => p.kpis)) {
    assert.equal(await tile(page, k.kpi).getAttribute("data-rag"), k.rag, k.kpi);
  }
  // SLA compliance per policy × priority: met, breached, compliance of the CLI's table
  const rows = await shadow(page, "table:has(caption:text('SLA compliance')) tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );
  const expected = cli.sla.compliance.map((c) => [
    c.policy,
    c.value,
    String(c.met),
    String(c.breached),
    String(c.inProgress + c.atRisk + c.paused),
    `${(Math.round(c.compliance * 10) / 10).toString()}%`,
  ]);
  assert.deepEqual(rows, expected);
  // independently documented (docs/sla.md §6): P1 1 met / 14 breached, 6.7 %
  assert.deepEqual(rows[0], ["P1 resolution", "1 - Critical", "1", "14", "0", "6.7%"]);
  const breaches = await shadow(page, "caption:text('Breaches')").textContent();
  assert.match(breaches, /^Breaches \(382\)/); // 14 + 24 + 298 + 46 (docs/sla.md §6)
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
});

test("loading a CSV through the file input changes the figures; ticket text is escaped and runs nothing", async (t) => {
  const { page, errors } = await open(t);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    d.dismiss();
  });
  const evil = "<img src=x onerror=alert(1)>";
  const csv = [
    "number,short_description,opened_at,resolved_at,closed_at,reopen_count,made_sla,priority,incident_state",
    // P1, 5 h target: resolved after 9 h → breached, 4 h late
    `"${evil}","${evil}",2026-03-02 08:00:00,2026-03-02 17:00:00,2026-03-03 09:00:00,0,false,1,7`,
    // P3, 4 d target: resolved after 2 h → met
    "INC2,Printer,2026-03-03 08:00:00,2026-03-03 10:00:00,2026-03-04 09:00:00,0,true,3,7",
    // an id a spreadsheet would run as a formula; P4, met
    `"=HYPERLINK(""http://x"")",Formula,2026-03-03 08:00:00,2026-03-03 09:00:00,2026-03-04 09:00:00,0,true,4,7`,
  ].join("\n");
  await page.selectOption("#preset", "servicenow-incidents");
  const rendered = page.evaluate(() => new Promise((ok) => document.getElementById("card").addEventListener("sla-scorecard:render", ok, { once: true })));
  await page.setInputFiles("#file", { name: "evil.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await rendered;
  assert.match(await page.locator("#source").textContent(), /^File: evil\.csv — 3 tickets from 3 rows \(0 rejected\)/);
  const rows = await shadow(page, "table:has(caption:text('SLA compliance')) tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );
  // P1: 0 met / 1 breached → 0 %; P3: 1 met → 100 %
  assert.deepEqual(rows, [
    ["P1 resolution", "1 - Critical", "0", "1", "0", "0%"],
    ["P3 resolution", "3 - Moderate", "1", "0", "0", "100%"],
    ["P4 resolution", "4 - Low", "1", "0", "0", "100%"],
  ]);
  // the download: one row per outcome, the formula neutralised with a leading quote
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const csvOut = readFileSync(await download.path(), "utf8");
  assert.equal(download.suggestedFilename(), "sla-outcomes.csv");
  assert.equal(csvOut.trim().split("\n").length, 4);
  assert.match(csvOut, /\n"'=HYPERLINK\(""http:\/\/x""\)",P4 resolution,met,/);
  // the breach row shows the id as text; the drill-down shows the title as text
  const row = shadow(page, "tr[data-select=ticket]");
  assert.equal(await row.locator("th").textContent(), evil);
  await row.click();
  await shadow(page, "#drill").waitFor();
  assert.equal(await shadow(page, "#drill .title").textContent(), evil);
  assert.equal(await shadow(page, "#drill-title").textContent(), `Ticket ${evil}`);
  assert.equal(await page.locator("sla-scorecard").evaluate((el) => el.shadowRoot.querySelectorAll("img").length), 0);
  // 17:00 − 13:00 (due = 08:00 + 5 h) = 4 h late
  assert.match(await shadow(page, "#drill .summary").textContent(), /late by 4 h/);
  await page.waitForTimeout(200);
  assert.equal(dialogs, 0);
  assert.deepEqual(errors, []);
});

test("a JSON file (an array of objects) loads through the same file input", async (t) => {
  const { page, errors } = await open(t);
  await page.selectOption("#preset", "servicenow-incidents");
  const rows = [
    // P2, 8 h target: 10 h → breached; P2, 1 h → met
    { number: "J1", short_description: "Laptop", opened_at: "2026-05-04 08:00:00", resolved_at: "2026-05-04 18:00:00", priority: "2", incident_state: "7" },
    { number: "J2", short_description: "Phone", opened_at: "2026-05-05 08:00:00", resolved_at: "2026-05-05 09:00:00", priority: "2", incident_state: "7" },
  ];
  const rendered = page.evaluate(() => new Promise((ok) => document.getElementById("card").addEventListener("sla-scorecard:render", ok, { once: true })));
  await page.setInputFiles("#file", { name: "tickets.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(rows)) });
  await rendered;
  assert.match(await page.locator("#source").textContent(), /^File: tickets\.json — 2 tickets/);
  const row = await shadow(page, "table:has(caption:text('SLA compliance')) tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );
  assert.deepEqual(row, [["P2 resolution", "2 - High", "1", "1", "0", "50%"]]);
  assert.deepEqual(errors, []);
});

test("editing a target in the what-if editor changes that KPI's RAG at once", async (t) => {
  const { page, errors } = await open(t);
  const mttr = cli.report.scorecard.perspectives.flatMap((p) => p.kpis).find((k) => k.kpi === "mttr_median");
  // median time to resolve 52.75 h against a 24 h target, amber up to 150 % = 36 h → red
  assert.equal(mttr.value, 52.75);
  assert.equal(await tile(page, "mttr_median").getAttribute("data-rag"), "red");
  await page.locator("#whatif summary").click();
  // target 60 h (baseline 120 h stays above it): 52.75 ≤ 60 → green
  await page.getByLabel("Target of mttr_median").fill("60");
  await page.waitForFunction(
    () => document.getElementById("card").shadowRoot.querySelector('[data-id="mttr_median"]')?.dataset.rag === "green",
    null,
    { timeout: 5_000 },
  );
  assert.match(await tile(page, "mttr_median").textContent(), /Target ≤ 60 h/);
  // an impossible what-if (a lower-is-better target above its 120 h baseline) is reported, the scorecard stays
  await page.getByLabel("Target of mttr_median").fill("200");
  await shadow(page, "p.error").waitFor();
  assert.match(await shadow(page, "p.error").textContent(), /baseline \(120\) must be at or above the target \(200\)/);
  assert.equal(await tile(page, "mttr_median").getAttribute("data-rag"), "green");
  await page.getByLabel("Target of mttr_median").fill("60");
  await shadow(page, "p.error").waitFor({ state: "detached" });
  // the other tiles keep their RAG
  assert.equal(await tile(page, "sla_compliance").getAttribute("data-rag"), "red");
  // period and grouping pickers: weekly periods, a KPI table by priority
  await page.selectOption("#period", "week");
  await page.waitForFunction(() => /· \d{4}-W\d\d/.test(document.getElementById("card").shadowRoot.querySelector("#h-score").textContent));
  await page.selectOption("#group-by", "priority");
  await shadow(page, "caption:text('KPIs by priority')").waitFor();
  assert.equal(await shadow(page, "table:has(caption:text('KPIs by priority')) tbody tr").count(), 4);
  assert.deepEqual(errors, []);
});

test("the drill-down of a breached ticket draws its SLA clock with due and breach marks and a legend", async (t) => {
  const { page, errors } = await open(t);
  const selected = page.evaluate(
    () => new Promise((ok) => document.getElementById("card").addEventListener("sla-scorecard:select", (e) => ok(e.detail), { once: true })),
  );
  const first = cli.sla.breaches[0]; // latest-late first, as the CLI sorts it
  const row = shadow(page, "tr[data-select=ticket]").first();
  assert.equal(await row.locator("th").textContent(), first.ticket);
  await row.focus();
  await page.keyboard.press("Enter");
  assert.deepEqual(await selected, { kind: "ticket", id: first.ticket });
  await shadow(page, "#drill").waitFor();
  const svg = shadow(page, "#drill svg.timeline");
  assert.match(await svg.getAttribute("aria-label"), new RegExp(`^SLA clock of ${first.policy} for ticket ${first.ticket}: breached`));
  assert.ok((await svg.locator("rect.seg-running").count()) >= 1);
  assert.equal(await svg.locator("line.mark-breach").count(), 1);
  assert.equal(await svg.locator("line.mark-due").count(), 1);
  assert.match(await shadow(page, "#drill .legend").textContent(), /running.*outside working hours.*paused.*due.*breach/s);
  // the breach list sorts by another column on a keyboard press
  await shadow(page, "button[data-sort=ticket]").focus();
  await page.keyboard.press("Enter");
  assert.equal(await shadow(page, "th[aria-sort=ascending] button").textContent(), "Ticket ▲");
  assert.deepEqual(errors, []);
});

test("KPI tiles are buttons reachable with the keyboard and report their selection", async (t) => {
  const { page } = await open(t);
  const selected = page.evaluate(
    () => new Promise((ok) => document.getElementById("card").addEventListener("sla-scorecard:select", (e) => ok(e.detail), { once: true })),
  );
  await tile(page, "source_sla_rate").focus();
  await page.keyboard.press("Enter");
  assert.deepEqual(await selected, { kind: "kpi", id: "source_sla_rate" });
  assert.equal(await page.locator("#selected").textContent(), "Selected kpi source_sla_rate");
});

for (const path of ["www/", "www/embed/plain.html"]) {
  test(`${path} under the strict Content-Security-Policy: no console errors, drill-down included`, async (t) => {
    const { page, errors, requests } = await open(t, { path, csp: true });
    await shadow(page, "tr[data-select=ticket]").first().click();
    await shadow(page, "#drill svg.timeline").waitFor();
    if (path.includes("plain")) {
      // the page runs the package (scripts/package.sh), its worker and shared chunk included
      for (const file of ["sla-scorecard.js", "worker.js", "styles.css", "sla_scorecard_bg.wasm"]) {
        assert.ok(requests.some((u) => u.endsWith(`/pkg/${file}`)), `pkg/${file} fetched`);
      }
      assert.ok(!requests.some((u) => u.includes("/www/sla-scorecard/")), "no source file of the element fetched");
      // the page says lang="en-GB": day before month, 24-hour clock
      assert.match(await shadow(page, "section > p.muted").first().textContent(), /^As of 31 Mar 2026, 09:00 UTC/);
      // locale="de-DE": decimal comma and a no-break space before the percent sign; reopen rate:
      // 1 of the 6 tickets resolved in March 2026 was reopened (www/embed/tickets.csv) → 16,7 %
      await page.locator("sla-scorecard").evaluate((el) => el.setAttribute("locale", "de-DE"));
      await page.waitForFunction(() => document.querySelector("sla-scorecard").shadowRoot.textContent.includes("16,7\u00a0%"));
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(requests), []);
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core finds no serious or critical violation (${colorScheme}); screenshot`, async (t) => {
    const { page } = await open(t, { colorScheme });
    await shadow(page, "tr[data-select=ticket]").first().click();
    await shadow(page, "#drill").waitFor();
    await page.locator("#whatif summary").click();
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(bad, []);
    await page.locator("#whatif summary").click();
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, `demo-${colorScheme}.png`), fullPage: true });
  });
}

test("a Vite build bundles the element, its stylesheet, worker and wasm, and runs it", { timeout: 120_000 }, async (t) => {
  const out = join(work, "vite-out");
  await run(join(root, "node_modules/.bin/vite"), ["build", "tests/e2e/vite-app", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"], { cwd: root });
  const srv = await serve({ root: out, port: 0, csp: true });
  t.after(() => srv.close());
  const { page, context, errors, requests } = await openPage(browser);
  t.after(() => context.close());
  await page.goto(srv.url);
  await page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });
  // www/embed/tickets.csv: P1 1 met / 1 breached → 50 % (INC1001 3.5 h, INC1006 9 h against 5 h)
  const p1 = await shadow(page, "table:has(caption:text('SLA compliance')) tbody tr").first().evaluate((tr) =>
    [...tr.children].map((c) => c.textContent.trim()),
  );
  assert.deepEqual(p1, ["P1 resolution", "1 - Critical", "1", "1", "0", "50%"]);
  await tile(page, "mttr_median").click();
  assert.equal(await page.evaluate(() => document.body.dataset.selected), "kpi:mttr_median");
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
  assert.ok(requests.some((u) => u.endsWith(".wasm")) && requests.some((u) => /worker.*\.js$/.test(u)), "wasm and worker fetched from the bundle");
});
