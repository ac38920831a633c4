// Effective-dated policy versions in the element (docs/sla.md §3.7), and OLA
// clocks (§3.8) in its drill-down: the SLA table names the version beside
// the policy, the drill-down beside each clock. The one incident of one-ticket.mjs (opened Mon 2 March 2026 09:00
// UTC, resolved 17:00, 24x7) under "P1 resolution": 8 h, and 5 h from
// 2026-03-02 (midnight UTC, the 24x7 calendar's zone) named "March 2026".
// Opened after that midnight → 5 h: due 14:00, resolved 17:00 → breached,
// 8 h counted of 5 h, late 3 h.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, serveRepo } from "./browser.mjs";
import { ONE_TICKET_CSV } from "./one-ticket.mjs";

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await serveRepo({ csp: true });
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

const shadow = (page, selector) => page.locator("sla-scorecard").locator(selector);

const POLICIES = {
  policies: [
    { name: "P1 resolution", when: { priority: "1 - Critical" }, metric: "resolution", target: "8h", versions: [{ validFrom: "2026-03-02", target: "5h", name: "March 2026" }] },
  ],
};

test("the SLA table and the drill-down name the policy version each outcome used", async (t) => {
  const { page, context, errors } = await openPage(browser, { viewport: { width: 1200, height: 900 } });
  t.after(() => context.close());
  await page.goto(`${server.url}www/`);
  await page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });
  await page.locator("sla-scorecard").evaluate((el, { csv, policies }) => {
    el.loadOptions = { preset: "servicenow-event-log" };
    el.policies = policies;
    el.data = csv;
  }, { csv: ONE_TICKET_CSV, policies: POLICIES });
  await page.waitForFunction(() => document.querySelector("sla-scorecard").summary?.tickets === 1);
  await shadow(page, "table:has(caption:text('SLA compliance')) tbody tr th:has-text('March 2026')").waitFor();
  const rows = await shadow(page, "table:has(caption:text('SLA compliance')) tbody tr th").allTextContents();
  assert.deepEqual(rows.map((r) => r.replace(/\s+/g, " ").trim()), ["P1 resolution March 2026"]);
  // The table's CSV has the version column the engine's compliance CSV has.
  const csv = await page.locator("sla-scorecard").evaluate((el) => el.tableCsv("compliance"));
  assert.match(csv, /^policy,version,period,value,met,breached,/);
  assert.match(csv, /\nP1 resolution,March 2026,all,1 - Critical,0,1,/);
  await page.locator("sla-scorecard").evaluate((el) => el.showTicket("INC1"));
  await shadow(page, "#drill h4").waitFor();
  assert.match((await shadow(page, "#drill h4").textContent()).replace(/\s+/g, " "), /^P1 resolution \(version March 2026\) .*breached/);
  // 17:00 − 14:00 (due = 09:00 + 5 h) = 3 h late; 8 h counted of the version's 5 h.
  assert.match(await shadow(page, "#drill .summary").textContent(), /P1 resolution \(version March 2026\): breached, counted 8 h of 5 h .*late by 3 h/);
  assert.deepEqual(errors, []);
});

// An OLA clock (docs/sla.md §3.8) in the drill-down: the incident is with
// Network from 10:00 to its resolution at 17:00 (the Service Desk before);
// "Network OLA" runs only while Network holds it, under the same "March
// 2026" version (5 h): 10:00–17:00 = 7 h counted, due 10:00 + 5 h = 15:00,
// late 2 h. The drill-down names the kind, with its condition, beside the
// version.
test("the drill-down names an OLA clock by its condition", async (t) => {
  const { page, context, errors } = await openPage(browser, { viewport: { width: 1200, height: 900 } });
  t.after(() => context.close());
  await page.goto(`${server.url}www/`);
  await page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });
  const policies = {
    policies: [{ name: "Network OLA", metric: "resolution", target: "8h", runWhile: { assignment_group: ["Network", "Network L2"] }, versions: [{ validFrom: "2026-03-02", target: "5h", name: "March 2026" }] }],
  };
  await page.locator("sla-scorecard").evaluate((el, { csv, policies }) => {
    el.loadOptions = { preset: "servicenow-event-log" };
    el.policies = JSON.stringify(policies);
    el.data = csv;
  }, { csv: ONE_TICKET_CSV, policies });
  await page.waitForFunction(() => document.querySelector("sla-scorecard").summary?.tickets === 1);
  await page.locator("sla-scorecard").evaluate((el) => el.showTicket("INC1"));
  await shadow(page, "#drill h4").waitFor();
  assert.match((await shadow(page, "#drill h4").textContent()).replace(/\s+/g, " "), /^Network OLA \(OLA: assignment_group Network, Network L2 · version March 2026\) .*breached/);
  assert.match(await shadow(page, "#drill .summary").textContent(), /Network OLA \(OLA: assignment_group Network, Network L2 · version March 2026\): breached, counted 7 h of 5 h .*late by 2 h/);
  assert.deepEqual(errors, []);
});
