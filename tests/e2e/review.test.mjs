// The command line's HTML service review (`sla-scorecard review`) of the
// sample in headless Chromium, opened from a file:// URL: it renders with
// no console error and asks for nothing but the page itself (inline CSS
// and SVG, no script, no font, no image).

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
  assert.deepEqual(sections, ["Summary", "SLA attainment 2016-03", "Compliance trend", "Top breaches", "KPIs against targets", "Improvement actions"]);
  // One trend chart per policy of the sample, each with its text alternative.
  const charts = await page.$$eval("svg[role=img]", (s) => s.map((e) => e.getAttribute("aria-label")));
  assert.equal(charts.length, 4);
  assert.ok(charts.every((label) => label.startsWith("Compliance of P")), charts.join("\n"));
  // The action's markup is text, not an element.
  assert.equal(await page.locator("#actions b").count(), 0);
  assert.equal(await page.locator("#actions td").first().textContent(), "Chase <b>awaiting user</b> tickets");
  assert.equal(await page.locator("script").count(), 0);
});
