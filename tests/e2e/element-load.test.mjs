// Streamed loads in the <sla-scorecard> element, through the demo page (its
// element runs the engine in the worker): a file chosen in the file input is
// streamed with progress events ending at the file's size; a gzipped file
// loads the same data, and so does a `src` URL of a .gz; a slow stream (released chunk by chunk by the test,
// no timers) shows the progress panel with growing bytes and rows, and
// Cancel leaves the previous scorecard, summary and options unchanged with
// a "Load cancelled" notice; a failed load keeps the scorecard under the error;
// axe-core finds nothing serious in the load panel, light and dark.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launchBrowser, openPage, serveRepo } from "./browser.mjs";

const AXE = new URL("../../node_modules/axe-core/axe.min.js", import.meta.url).pathname;

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await serveRepo();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const HEADER = "number,short_description,opened_at,resolved_at,closed_at,reopen_count,made_sla,priority,incident_state";

/** `n` ServiceNow incident-export rows (preset servicenow-incidents), deterministic. */
function incidents(n) {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const hour = String(i % 10).padStart(2, "0");
    const to = String(10 + (i % 13)).padStart(2, "0");
    lines.push(`INC${100000 + i},Ticket ${i} printer not printing,2026-03-${day} ${hour}:00:00,2026-03-${day} ${to}:00:00,,0,true,${1 + (i % 4)},7`);
  }
  return lines.join("\n") + "\n";
}

/** The demo with its first scorecard (the sample). */
async function open(t, { colorScheme = "light" } = {}) {
  const opened = await openPage(browser, { colorScheme, viewport: { width: 1200, height: 900 } });
  t.after(() => opened.context.close());
  await opened.page.goto(`${server.url}www/`);
  await opened.page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });
  return opened;
}

const shadow = (page, selector) => page.locator("sla-scorecard").locator(selector);

/** Sets the demo's format picker without its change event (which would reload the sample with it). */
const pickPreset = (page) => page.evaluate(() => (document.getElementById("preset").value = "servicenow-incidents"));

/** Resolves on the card's next `name` event (set up before the action that causes it). */
const nextEvent = (page, name) =>
  page.evaluate((n) => new Promise((ok) => document.getElementById("card").addEventListener(n, () => ok(), { once: true })), name);

test("a large file chosen in the file input is streamed: progress events grow to the file's size, then the scorecard", async (t) => {
  const { page, errors } = await open(t);
  const csv = Buffer.from(incidents(50_000));
  assert.ok(csv.length > 4e6, `a few MB (${csv.length} bytes)`);
  await page.evaluate(() => {
    window.progress = [];
    document.getElementById("card").addEventListener("sla-scorecard:load-progress", (e) => window.progress.push(e.detail));
  });
  await pickPreset(page);
  const rendered = nextEvent(page, "sla-scorecard:render");
  await page.setInputFiles("#file", { name: "big.csv", mimeType: "text/csv", buffer: csv });
  await rendered;
  assert.match(await page.locator("#source").textContent(), /^File: big\.csv — 50000 tickets from 50000 rows \(0 rejected\)/);
  const progress = await page.evaluate(() => window.progress);
  assert.ok(progress.length > 2, `several progress events (${progress.length})`);
  for (let i = 1; i < progress.length; i++) {
    assert.ok(progress[i].bytes >= progress[i - 1].bytes && progress[i].rows >= progress[i - 1].rows, "bytes and rows never go back");
  }
  assert.ok(progress.every((p) => p.total === csv.length), "the total is the file's size");
  const last = progress.at(-1);
  assert.equal(last.bytes, csv.length);
  assert.equal(last.rows, 50_000);
  assert.ok(progress.some((p) => p.bytes > 0 && p.bytes < csv.length), "an event mid-file");
  assert.equal(await shadow(page, ".load").isHidden(), true, "the panel goes away after the load");
  assert.deepEqual(errors, []);
});

test("a gzipped file loads through the file input (gunzipped in the engine, whatever its name)", async (t) => {
  const { page, errors } = await open(t);
  await pickPreset(page);
  const rendered = nextEvent(page, "sla-scorecard:render");
  await page.setInputFiles("#file", { name: "tickets.csv.gz", mimeType: "application/gzip", buffer: gzipSync(incidents(1200)) });
  await rendered;
  assert.match(await page.locator("#source").textContent(), /^File: tickets\.csv\.gz — 1200 tickets from 1200 rows \(0 rejected\)/);
  assert.equal(await page.locator("sla-scorecard").evaluate((el) => el.summary.tickets), 1200);
  // A `src` URL is fetched (in the worker) and streamed: the total is the Content-Length, the bytes the compressed ones.
  await page.evaluate(() => {
    window.progress = [];
    document.getElementById("card").addEventListener("sla-scorecard:load-progress", (e) => window.progress.push(e.detail));
  });
  const again = nextEvent(page, "sla-scorecard:render");
  await page.locator("sla-scorecard").evaluate((el) => {
    el.loadOptions = { preset: "servicenow-event-log" };
    el.setAttribute("src", "../data/servicenow-incident-event-log.csv.gz");
  });
  await again;
  assert.equal(await page.locator("sla-scorecard").evaluate((el) => el.summary.tickets), 890);
  const size = statSync(new URL("../../data/servicenow-incident-event-log.csv.gz", import.meta.url)).size;
  const last = (await page.evaluate(() => window.progress)).at(-1);
  assert.deepEqual([last.bytes, last.total], [size, size]);
  assert.ok(last.rows > 5000, `${last.rows} event rows`);
  assert.deepEqual(errors, []);
});

/**
 * Sets the card's data to a stream of 50,000 incidents that the test releases
 * one 256 KiB chunk at a time: `window.next()` is set while a read waits.
 */
const startSlowLoad = (page) =>
  page.evaluate((csv) => {
    const bytes = new TextEncoder().encode(csv);
    let offset = 0;
    const stream = new ReadableStream(
      {
        pull: (controller) =>
          new Promise((done) => {
            window.next = () => {
              window.next = null;
              controller.enqueue(bytes.slice(offset, (offset += 256 * 1024)));
              done();
            };
          }),
        cancel: () => {
          window.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const card = document.getElementById("card");
    card.loadOptions = { preset: "servicenow-incidents" };
    card.data = stream;
  }, incidents(50_000));

/** The chunk reader of startSlowLoad waits: release one chunk. */
async function release(page) {
  await page.waitForFunction(() => typeof window.next === "function");
  await page.evaluate(() => window.next());
}

test("a slow stream shows bytes, rows and seconds growing; Cancel keeps the previous scorecard and says so", async (t) => {
  const { page, errors } = await open(t);
  const card = page.locator("sla-scorecard");
  const overall = await shadow(page, ".score.overall .value").textContent();
  const mttr = await shadow(page, "button.tile .value").allTextContents();
  const before = await card.evaluate((el) => ({ summary: el.summary, loadOptions: el.loadOptions }));
  const source = await page.locator("#source").textContent();
  await startSlowLoad(page);
  const panel = shadow(page, ".load");
  await panel.waitFor({ state: "visible" });
  assert.equal(await panel.locator("label").textContent(), "Loading data");
  assert.equal(await panel.locator("progress").getAttribute("value"), null, "indeterminate: a stream has no known size");
  const text = panel.locator(".load-text");
  assert.equal(await text.getAttribute("role"), "status");
  const read = async () => {
    const m = (await text.textContent()).match(/^([\d.]+) MB · ([\d,]+) rows · [\d.]+ s$/);
    assert.ok(m, await text.textContent());
    return { mb: Number(m[1]), rows: Number(m[2].replaceAll(",", "")) };
  };
  await release(page);
  await page.waitForFunction(() => /[1-9][\d,]* rows/.test(document.getElementById("card").shadowRoot.querySelector(".load-text").textContent));
  const first = await read();
  assert.ok(first.mb > 0 && first.rows > 0, JSON.stringify(first));
  await release(page);
  await release(page);
  await page.waitForFunction(
    (rows) => Number(document.getElementById("card").shadowRoot.querySelector(".load-text").textContent.match(/([\d,]+) rows/)[1].replaceAll(",", "")) > rows,
    first.rows,
  );
  const second = await read();
  assert.ok(second.mb > first.mb && second.rows > first.rows, `${JSON.stringify(first)} → ${JSON.stringify(second)}`);
  assert.equal(await shadow(page, ".score.overall .value").textContent(), overall, "the scorecard stays while loading");

  const cancelled = nextEvent(page, "sla-scorecard:load-cancel");
  await panel.getByRole("button", { name: "Cancel" }).click();
  await cancelled;
  await shadow(page, "p.notice").waitFor();
  assert.equal(await shadow(page, "p.notice").textContent(), "Load cancelled");
  assert.equal(await shadow(page, "p.notice").getAttribute("role"), "status");
  assert.equal(await panel.isHidden(), true);
  assert.equal(await shadow(page, ".score.overall .value").textContent(), overall);
  assert.deepEqual(await shadow(page, "button.tile .value").allTextContents(), mttr);
  assert.deepEqual(await card.evaluate((el) => ({ summary: el.summary, loadOptions: el.loadOptions })), before);
  assert.equal(await page.locator("#source").textContent(), source, "the demo's source line is put back");
  assert.equal(await page.locator("#preset").inputValue(), before.loadOptions.preset, "and its format picker");
  await page.waitForFunction(() => window.cancelled === true);
  // The engine still holds the previous data: a new report from it gives the same figures.
  const rendered = nextEvent(page, "sla-scorecard:render");
  await card.evaluate((el) => el.recompute());
  await rendered;
  assert.equal(await shadow(page, ".score.overall .value").textContent(), overall);
  assert.equal(await shadow(page, "p.notice").count(), 0, "the notice goes with the next render");
  assert.deepEqual(errors, []);
});

test("a file that fails to load keeps the previous scorecard under the error", async (t) => {
  const { page } = await open(t);
  const overall = await shadow(page, ".score.overall .value").textContent();
  const failed = page.evaluate(
    () => new Promise((ok) => document.getElementById("card").addEventListener("sla-scorecard:error", (e) => ok(e.detail.message), { once: true })),
  );
  await pickPreset(page);
  await page.setInputFiles("#file", { name: "other.csv", mimeType: "text/csv", buffer: Buffer.from("a,b,c\n1,2,3\n") });
  const message = await failed;
  assert.equal(await shadow(page, "p.error").textContent(), message);
  assert.equal(await shadow(page, ".score.overall .value").textContent(), overall);
  assert.equal(await page.locator("sla-scorecard").evaluate((el) => el.loadOptions.preset), "servicenow-event-log");
});

for (const colorScheme of ["light", "dark"]) {
  test(`the load panel passes axe-core (${colorScheme})`, async (t) => {
    const { page, errors } = await open(t, { colorScheme });
    await startSlowLoad(page);
    await shadow(page, ".load").waitFor({ state: "visible" });
    await release(page);
    await page.waitForFunction(() => /[1-9][\d,]* rows/.test(document.getElementById("card").shadowRoot.querySelector(".load-text").textContent));
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    assert.deepEqual(bad, []);
    await page.locator("sla-scorecard").evaluate((el) => el.cancelLoad());
    await shadow(page, "p.notice").waitFor();
    assert.deepEqual(errors, []);
  });
}

test("policies set while the data streams in wait for the load: no report on missing data, then the SLA table", async (t) => {
  const { page, errors } = await open(t);
  const policies = readFileSync(new URL("../../policies/servicenow-sample.json", import.meta.url), "utf8");
  // A fresh element (no data in its engine yet) reading a stream the test releases in three steps.
  await page.evaluate((csv) => {
    const bytes = new TextEncoder().encode(csv);
    const parts = [bytes.slice(0, bytes.length >> 1), bytes.slice(bytes.length >> 1), null];
    const stream = new ReadableStream(
      {
        pull: (controller) =>
          new Promise((done) => {
            window.next = () => {
              window.next = null;
              const part = parts.shift();
              if (part) controller.enqueue(part);
              else controller.close();
              done();
            };
          }),
      },
      { highWaterMark: 0 },
    );
    const el = document.createElement("sla-scorecard");
    el.id = "fresh";
    window.freshErrors = [];
    el.addEventListener("sla-scorecard:error", (e) => window.freshErrors.push(e.detail.message));
    el.loadOptions = { preset: "servicenow-incidents" };
    el.data = stream;
    document.body.append(el);
  }, incidents(100));
  await page.waitForFunction(() => typeof window.next === "function"); // the load is under way
  await page.evaluate((doc) => (document.getElementById("fresh").policies = doc), policies);
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 100))); // the policies' update has had its turn
  for (let i = 0; i < 3; i++) await release(page);
  await page.waitForFunction(() => { const el = document.getElementById("fresh"); return el.report && !el.hasAttribute("aria-busy"); });
  assert.deepEqual(await page.evaluate(() => window.freshErrors), []);
  assert.equal(await page.evaluate(() => document.getElementById("fresh").summary.tickets), 100);
  // incidents(100): priorities 1–4 in turn, 25 tickets each; every P1 policy row counts 25 outcomes.
  const p1 = await page.locator("#fresh").locator("table:has(caption:text('SLA compliance')) tbody tr").first()
    .evaluate((tr) => [...tr.children].map((c) => c.textContent.trim()));
  assert.equal(p1[0], "P1 resolution");
  assert.equal(Number(p1[2]) + Number(p1[3]) + Number(p1[4]), 25);
  assert.deepEqual(errors, []);
});
