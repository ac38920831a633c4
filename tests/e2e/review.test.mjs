// The command line's HTML service review (`sla-scorecard review`) of the
// sample in headless Chromium, opened from a file:// URL: it renders with
// no console error and asks for nothing but the page itself (inline CSS
// and SVG, no script, no font, no image); each chart is an image with a
// text alternative, a title per data point and a table. Writes the README's
// screenshot of the review as printed (docs/screenshots/review-cli.png).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchBrowser, openPage } from "./browser.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));

let browser;
let work;
let html;

before(async () => {
  work = await mkdtemp(join(tmpdir(), "sla-review-"));
  const csv = join(work, "sample.csv");
  await writeFile(csv, gunzipSync(readFileSync(join(root, "data/servicenow-incident-event-log.csv.gz"))));
  const actions = join(work, "actions.json");
  await writeFile(actions, JSON.stringify([{ title: "Chase <b>awaiting user</b> tickets", owner: "Service desk", due: "2016-04-30", status: "open" }]));
  const { stdout } = await run(
    "cargo",
    ["run", "--quiet", "--", "review", "--period", "2016-03", "--data", csv, "--preset", "servicenow-event-log",
      "--policies", join(root, "policies/servicenow-sample.json"), "--actions", actions, "--quiet"],
    { cwd: root, maxBuffer: 64 << 20 },
  );
  html = join(work, "review.html");
  await writeFile(html, stdout);
  browser = await launchBrowser();
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

test("the review opens offline: no console error, no request but the page", async (t) => {
  const { page, context, errors, requests } = await openPage(browser);
  t.after(() => context.close());
  const url = pathToFileURL(html).href;
  await page.goto(url);
  await page.waitForLoadState("load");
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [url]);
  assert.equal(await page.title(), "Service review 2016-03");
  const sections = await page.$$eval("section h2", (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(sections, [
    "Summary", "SLA attainment 2016-03", "Compliance trend", "Compliance by priority", "Where working time went, 2016-03",
    "Top breaches", "Backlog by age", "KPIs against targets", "KPIs that miss their target: history", "Improvement actions",
  ]);
  // Every chart: an image named by its aria-label and its <title>, a title per data point, its table in the same figure.
  const charts = await page.$$eval(".figure", (fs) => fs.map((f) => {
    const svg = f.querySelector(":scope > svg");
    return { section: f.closest("section").id, role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"), title: svg.querySelector(":scope > title")?.textContent,
      points: svg.querySelectorAll("rect > title, circle > title, polygon > title").length, rows: f.querySelectorAll("table tbody tr").length };
  }));
  const per = (id) => charts.filter((c) => c.section === id).length;
  // The trend of all policies together and of each of the sample's 4 policies; one heatmap; status and group causes; one backlog.
  assert.deepEqual([per("trend"), per("heatmap"), per("causes"), per("backlog")], [5, 1, 2, 1]);
  assert.ok(per("kpi-history") >= 1);
  for (const c of charts) {
    assert.equal(c.role, "img");
    assert.ok(c.label && c.label === c.title, c.label);
    assert.ok(c.points > 0 && c.rows > 0, JSON.stringify(c));
  }
  assert.ok(charts.filter((c) => c.section === "trend").every((c) => c.label.startsWith("Compliance of ") && c.label.includes(", target 95.0 %")));
  // The trend's dashed line is the 95 % target, labelled.
  assert.equal(await page.locator("#trend svg .ref-label").first().textContent(), "target 95.0 %");
  // The action's markup is text, not an element.
  assert.equal(await page.locator("#actions b").count(), 0);
  assert.equal(await page.locator("#actions td").first().textContent(), "Chase <b>awaiting user</b> tickets");
  assert.equal(await page.locator("script").count(), 0);
});

test("printed, the review keeps its charts; screenshot for the README", async (t) => {
  const { page, context, errors } = await openPage(browser, { viewport: { width: 900, height: 900 } });
  t.after(() => context.close());
  await page.goto(pathToFileURL(html).href);
  await page.emulateMedia({ media: "print" });
  const shown = await page.$$eval("svg.chart", (s) => s.filter((e) => getComputedStyle(e).display !== "none" && e.getBoundingClientRect().width > 0).length);
  assert.ok(shown >= 10, `${shown} charts`);
  // The top of the page (summary, attainment and the first charts): the
  // whole review is ~11,600 px tall, a 1.3 MB image.
  const height = Math.min(2400, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: join(root, "docs/screenshots/review-cli.png"), fullPage: true, clip: { x: 0, y: 0, width: 900, height } });
  assert.deepEqual(errors, []);
});
