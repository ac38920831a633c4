// Recovery from a trap, in headless Chromium, on the test package
// (scripts/package-test.sh builds target/pkg-test-panic/: the shipped engine,
// glue and guard plus `testPanic(trap)` and `testPanicOnNextReport()`, which
// stop the module on purpose; src/wasm/test_panic.rs). After a panic or a
// RuntimeError the JS API (the guard of src/wasm/glue-guard.js) starts a
// fresh instance at the next call; every object made before throws a
// SlaScorecardError with `restarted`, and the element loads its inputs again.
//
// The figures are worked out by hand from the three tickets below, a 2 h
// resolution policy on the 24x7 calendar, as of the latest instant in the
// data (2026-03-03T09:00Z, B's opening):
//   A (P1) resolved after 3 h: breached;  C (P1) after 1 h: met;  B (P2) open, 0 h: in progress
//   → policy r: 1 met, 1 breached, compliance 1 / (1 + 1) = 50 %
//   → mttr_median: the median of {3 h, 1 h} = 2 h;  mttr_p90: nearest rank ⌈0.9·2⌉ = 2 → 3 h

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { foreignRequests, launchBrowser, openPage, serveRepo } from "./browser.mjs";

const TEST_GLUE = fileURLToPath(new URL("../../target/pkg-test-panic/sla_scorecard.js", import.meta.url));
const CSV = [
  "id,opened,resolved,priority",
  "A,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,P1",
  "B,2026-03-03T09:00:00Z,,P2",
  "C,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,P1",
].join("\n");
const OPTIONS = { mapping: { id: "id", opened: "opened", resolved: "resolved", dimensions: { priority: "priority" } } };
const POLICIES = { policies: [{ name: "r", metric: "resolution", target: "2h" }] };
const RESTARTED = "the engine was restarted after an internal error; load the data again";

let browser;
let server;
before(async () => {
  if (!existsSync(TEST_GLUE)) throw new Error(`${TEST_GLUE} is missing: run scripts/package-test.sh first`);
  browser = await launchBrowser();
  server = await serveRepo();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("after two deliberate panics in a row the JS API loads and reports the right figures, and older objects say why they fail", async (t) => {
  const { page, context, errors, requests } = await openPage(browser);
  t.after(() => context.close());
  await page.goto(`${server.url}tests/e2e/blank.html`);
  const r = await page.evaluate(async ({ csv, options, policies }) => {
    const mod = await import("/target/pkg-test-panic/sla_scorecard.js");
    await mod.default();
    const thrown = (call) => {
      try {
        call();
        return "did not throw";
      } catch (e) {
        return { name: e.name, message: e.message, restarted: e.restarted };
      }
    };
    const run = () => {
      const ds = mod.Dataset.fromCsv(csv, options);
      const report = mod.report(ds, null, { groupBy: "priority" }, policies);
      ds.free();
      return report;
    };
    const before = run();
    // Objects of every class, made before the panics.
    const ds = mod.Dataset.fromCsv(csv, options);
    const pol = new mod.Policies(policies);
    const cal = new mod.Calendar("24x7");
    const { outcomes } = mod.evaluateSla(ds, pol, "2026-03-03T09:00:00Z");
    const loader = new mod.DatasetLoader(options);
    const panics = [thrown(() => mod.testPanic(false)), thrown(() => mod.testPanic(true))];
    const stale = {
      "Dataset.addCsv": thrown(() => ds.addCsv(csv, options)),
      "Dataset.ticketCount": thrown(() => ds.ticketCount),
      report: thrown(() => mod.report(ds)),
      evaluateSla: thrown(() => mod.evaluateSla(mod.Dataset.fromCsv(csv, options), pol, "2026-03-03T09:00:00Z")),
      "Policies.names": thrown(() => pol.names),
      "Calendar.isOpen": thrown(() => cal.isOpen("2026-03-02T10:00:00Z")),
      "SlaOutcomes.toCsv": thrown(() => outcomes.toCsv()),
      "DatasetLoader.push": thrown(() => loader.push(new Uint8Array([65]))),
    };
    // free() of an object of the stopped instance does nothing (and frees nothing in the new one).
    const freed = thrown(() => [ds, pol, cal, outcomes, loader].forEach((o) => o.free()));
    const afterPanics = run();
    // A panic in the middle of a report, with the data set's report cache borrowed: without a
    // restart that data set would answer "report() re-entered" for ever.
    const midReport = mod.Dataset.fromCsv(csv, options);
    mod.testPanicOnNextReport();
    const inReport = thrown(() => mod.report(midReport, null, {}, policies));
    const sameDataSet = thrown(() => mod.report(midReport, null, {}, policies));
    const streamed = await mod.Dataset.fromStream(new Blob([csv]).stream(), options);
    const streamedReport = mod.report(streamed, null, { groupBy: "priority" }, policies);
    return { before, afterPanics, panics, stale, freed, inReport, sameDataSet, streamedTickets: streamed.ticketCount, streamedReport };
  }, { csv: CSV, options: OPTIONS, policies: POLICIES });

  const [panic, trap] = r.panics;
  assert.equal(panic.name, "SlaScorecardError");
  assert.equal(panic.restarted, true);
  assert.match(panic.message, /^testPanic: Error: sla-scorecard internal error \(please report it\): panicked at src\/wasm\/test_panic\.rs:\d+:\d+:\ndeliberate panic \(testPanic, test-panic feature\); the engine was restarted after an internal error; load the data again$/);
  assert.deepEqual(trap, { name: "SlaScorecardError", restarted: true, message: `testPanic: RuntimeError: unreachable; ${RESTARTED}` });
  const expected = {
    "Dataset.addCsv": "Dataset",
    "Dataset.ticketCount": "Dataset",
    report: "Dataset",
    evaluateSla: "Policies",
    "Policies.names": "Policies",
    "Calendar.isOpen": "Calendar",
    "SlaOutcomes.toCsv": "SlaOutcomes",
    "DatasetLoader.push": "DatasetLoader",
  };
  for (const [call, cls] of Object.entries(expected)) {
    assert.deepEqual(r.stale[call], { name: "SlaScorecardError", restarted: true, message: `${call}: expected a ${cls}, got an old one: ${RESTARTED}` }, call);
  }
  assert.equal(r.freed, "did not throw");
  assert.equal(r.inReport.restarted, true);
  assert.match(r.inReport.message, /^report: Error: .*deliberate panic during a report/s);
  assert.equal(r.sameDataSet.message, `report: expected a Dataset, got an old one: ${RESTARTED}`);

  // The figures after the panics, worked out by hand (header), and the same document as before them.
  for (const report of [r.afterPanics, r.streamedReport]) {
    assert.deepEqual(report.slaPolicies.map((p) => [p.policy, p.met, p.breached, p.compliance]), [["r", 1, 1, 50]]);
    const kpi = Object.fromEntries(report.scorecard.perspectives.flatMap((p) => p.kpis).map((k) => [k.kpi, k.value]));
    assert.equal(kpi.mttr_median, 2);
    assert.equal(kpi.mttr_p90, 3);
    assert.equal(kpi.sla_compliance, 50);
  }
  assert.deepEqual(r.afterPanics, r.before);
  assert.equal(r.streamedTickets, 3);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
});

test("the element rebuilds itself after a panic during a what-if and keeps working", async (t) => {
  const { page, context, errors, requests } = await openPage(browser, { viewport: { width: 1200, height: 900 } });
  t.after(() => context.close());
  await page.goto(`${server.url}tests/e2e/recovery.html`);
  await page.waitForFunction(() => window.engine && customElements.get("sla-scorecard"));
  await page.evaluate(({ csv, options, policies }) => {
    const el = document.getElementById("card");
    window.seen = { renders: 0, errors: [] };
    el.addEventListener("sla-scorecard:render", () => window.seen.renders++);
    el.addEventListener("sla-scorecard:error", (e) => window.seen.errors.push(e.detail.message));
    el.loadOptions = options;
    el.policies = policies;
    el.data = csv;
  }, { csv: CSV, options: OPTIONS, policies: POLICIES });
  await page.waitForFunction(() => window.seen.renders === 1 || window.seen.errors.length);
  assert.deepEqual(await page.evaluate(() => window.seen.errors), []);

  const shadow = (selector) => page.locator("sla-scorecard").locator(selector);
  const mttr = shadow('button.tile[data-id="mttr_median"]');
  const slaRows = () => shadow("table:has(caption:text('SLA compliance')) tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );
  // By priority: P1 holds A (breached) and C (met): 50 %; P2 holds B, open.
  const SLA_ROWS = [
    ["r", "P1", "1", "1", "0", "50%"],
    ["r", "P2", "0", "0", "1", "—"],
  ];
  assert.deepEqual(await slaRows(), SLA_ROWS);
  assert.equal(await mttr.locator(".value").textContent(), "2 h");
  // The built-in target is 24 h: 2 h is within it (green).
  assert.equal(await mttr.getAttribute("data-rag"), "green");

  // What-if: a 1 h target for the median time to resolve, and the report it triggers panics.
  await page.evaluate(async () => {
    const el = document.getElementById("card");
    const config = await el.defaultScorecard();
    for (const k of config.perspectives.flatMap((p) => p.kpis)) if (k.kpi === "mttr_median") k.target = 1;
    window.engine.testPanicOnNextReport();
    el.config = config;
  });
  await page.waitForFunction(() => window.seen.renders === 2 || window.seen.errors.length);
  assert.deepEqual(await page.evaluate(() => window.seen.errors), []);
  assert.equal(await shadow(".notice").textContent(), "Rebuilt after an internal error of the engine");
  assert.equal(await shadow(".error").count(), 0);
  assert.deepEqual(await slaRows(), SLA_ROWS);
  assert.equal(await mttr.locator(".value").textContent(), "2 h");
  assert.match(await mttr.textContent(), /Target ≤ 1 h/);
  // 2 h against 1 h is 200 % of the target, past the amber limit of 150 %: red.
  assert.equal(await mttr.getAttribute("data-rag"), "red");

  // The rebuilt scorecard keeps working: the next what-if renders without the notice.
  await page.evaluate(async () => {
    const el = document.getElementById("card");
    el.config = await el.defaultScorecard();
  });
  await page.waitForFunction(() => window.seen.renders === 3 || window.seen.errors.length);
  assert.deepEqual(await page.evaluate(() => window.seen.errors), []);
  assert.equal(await shadow(".notice").count(), 0);
  assert.equal(await mttr.getAttribute("data-rag"), "green");
  assert.deepEqual(await page.evaluate(() => window.seen.errors), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
});
