// After failing calls of every kind — a strict-mode row error, a bad
// configuration, a bad time zone, a bad instant, rows that are not an array,
// a wrong argument type, a cyclic and a 100,000-deep value (converted through
// JSON.stringify, not by a recursion that would overflow the WASM stack and
// corrupt the module's memory), a use after free() and calls before init()
// (caught by the glue's guard, src/wasm/glue-guard.js, before WASM) — each
// throws a SlaScorecardError with a message, and the same module instance
// still loads and reports with the same result as before. (A real panic:
// tests/e2e/recovery.test.mjs.)
// Nothing is requested from anywhere but the page's own origin.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { foreignRequests, launchBrowser, openPage, serveRepo } from "./browser.mjs";

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

/**
 * Records the console errors caused by the browser's own request for
 * /favicon.ico (the plain pages used here have no icon).
 */
function faviconNoise(page) {
  const noise = [];
  page.on("console", (msg) => {
    if (msg.location().url.endsWith("/favicon.ico")) noise.push(`console: ${msg.text()}`);
  });
  return noise;
}

/** The recorded errors but the favicon noise. */
function pageErrors(errors, noise) {
  return errors.filter((e) => !noise.includes(e));
}

test("failed calls throw Errors and leave the module usable", async (t) => {
  const { page, context, errors, requests } = await openPage(browser);
  t.after(() => context.close());
  const noise = faviconNoise(page);
  await page.goto(`${server.url}README.md`);
  const result = await page.evaluate(async () => {
    const mod = await import("/pkg/sla_scorecard.js");
    const csv = "id,opened,resolved,priority\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,P1\nB,2026-03-03T09:00:00Z,,P2\n";
    const options = { mapping: { id: "id", opened: "opened", resolved: "resolved", dimensions: { priority: "priority" } } };
    const policies = { policies: [{ name: "r", metric: "resolution", target: "2h" }] };
    // Calls before init(): a static method, a constructor, a function.
    const beforeInit = [() => mod.Dataset.fromCsv(csv, options), () => new mod.Policies(policies), () => mod.version()].map((call) => {
      try {
        call();
        return "did not throw";
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    });
    await mod.default();
    const run = () => {
      const ds = mod.Dataset.fromCsv(csv, options);
      const r = mod.report(ds, null, { groupBy: "priority" }, policies);
      ds.free();
      return JSON.stringify(r);
    };
    const before = run();
    const freed = mod.Dataset.fromCsv(csv, options);
    freed.free();
    const live = mod.Dataset.fromCsv(csv, options);
    const failures = {
      strictRow: () => mod.Dataset.fromCsv("id,opened\nA,yesterday\n", { mapping: { id: "id", opened: "opened" } }),
      badConfig: () => mod.report(live, { perspectives: [{ name: "x", kpis: [{ kpi: "mtr", target: 1 }] }] }),
      badOptions: () => mod.report(live, null, { period: "fortnight" }),
      badZone: () => new mod.Calendar({ timezone: "Mars/Base", week: {} }),
      badInstant: () => mod.evaluateSla(live, new mod.Policies(policies), "not a date"),
      rowsNotArray: () => mod.Dataset.fromObjects("rows", options),
      wrongType: () => mod.report({ not: "a dataset" }),
      useAfterFree: () => mod.report(freed),
      freedMethod: () => freed.addCsv(csv, options),
      // An SlaOutcomes handle whose data set was freed, or that was freed itself.
      outcomesOfFreedData: () => {
        const gone = mod.Dataset.fromCsv(csv, options);
        const { outcomes } = mod.evaluateSla(gone, new mod.Policies(policies), "2026-03-03T00:00:00Z");
        gone.free();
        return outcomes.toCsv();
      },
      freedOutcomes: () => {
        const { outcomes } = mod.evaluateSla(live, new mod.Policies(policies), "2026-03-03T00:00:00Z");
        outcomes.free();
        return outcomes.toCsv();
      },
      outcomeIndex: () => mod.evaluateSla(live, new mod.Policies(policies), "2026-03-03T00:00:00Z").outcomes.get(-1),
      cyclic: () => {
        const doc = { policies: [] };
        doc.policies.push(doc);
        return new mod.Policies(doc);
      },
      deep: () => {
        let rows = [];
        for (let i = 0; i < 100000; i++) rows = [rows];
        return mod.Dataset.fromObjects(rows, options);
      },
    };
    const thrown = {};
    for (const [name, call] of Object.entries(failures)) {
      try {
        call();
        thrown[name] = "did not throw";
      } catch (e) {
        thrown[name] = e instanceof Error && e.message ? "Error" : `not an Error: ${String(e)}`;
        thrown[`${name}Message`] = String(e.message);
        thrown[`${name}Name`] = e.name;
      }
    }
    const afterLive = JSON.stringify(mod.report(live, null, { groupBy: "priority" }, policies));
    live.free();
    return { before, after: run(), afterLive, thrown, beforeInit, version: mod.version() };
  });
  t.diagnostic(JSON.stringify(result.thrown));
  for (const name of ["strictRow", "badConfig", "badOptions", "badZone", "badInstant", "rowsNotArray", "wrongType", "useAfterFree", "freedMethod", "outcomesOfFreedData", "freedOutcomes", "outcomeIndex", "cyclic", "deep"]) {
    assert.equal(result.thrown[name], "Error", `${name}: ${result.thrown[`${name}Message`]}`);
  }
  assert.match(result.thrown.strictRowMessage, /row 1|opened/);
  assert.match(result.thrown.badConfigMessage, /perspectives\[0\]\.kpis\[0\]\.kpi/);
  assert.match(result.thrown.badZoneMessage, /Mars\/Base/);
  assert.match(result.thrown.outcomesOfFreedDataMessage, /data set these outcomes were evaluated on has been freed/);
  assert.match(result.thrown.outcomeIndexMessage, /^index: expected an integer from 0 to/);
  // Misuse: the call, what it got and what it expected (the guard of src/wasm/glue-guard.js).
  for (const name of ["strictRow", "badConfig", "badOptions", "badZone", "badInstant", "rowsNotArray", "wrongType", "useAfterFree", "freedMethod", "outcomesOfFreedData", "freedOutcomes", "outcomeIndex", "cyclic", "deep"]) {
    assert.equal(result.thrown[`${name}Name`], "SlaScorecardError", name);
  }
  assert.equal(result.thrown.wrongTypeMessage, "report: expected a Dataset, got Object");
  assert.equal(result.thrown.useAfterFreeMessage, "report: expected a Dataset, got a freed one");
  assert.equal(result.thrown.freedMethodMessage, "Dataset.addCsv: expected a Dataset, got a freed one");
  assert.equal(result.thrown.freedOutcomesMessage, "SlaOutcomes.toCsv: expected a SlaOutcomes, got a freed one");
  assert.deepEqual(result.beforeInit, [
    "SlaScorecardError: Dataset.fromCsv: called before init()",
    "SlaScorecardError: new Policies: called before init()",
    "SlaScorecardError: version: called before init()",
  ]);
  // The same report before and after the failures, from a new and from a surviving data set.
  assert.equal(result.after, result.before);
  assert.equal(result.afterLive, result.before);
  const report = JSON.parse(result.before);
  // A resolved in 3 h against a 2 h target: breached; B still open: no verdict.
  assert.deepEqual(report.slaPolicies.map((r) => [r.policy, r.met, r.breached]), [["r", 0, 1]]);
  assert.equal(result.version, "0.1.0");
    assert.deepEqual(pageErrors(errors, noise), []);
    assert.deepEqual(foreignRequests(requests), []);
});
