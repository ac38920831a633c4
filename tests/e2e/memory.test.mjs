// Memory: 1,000 cycles of load → report → free() in Chromium keep the
// WebAssembly memory flat. WASM memory never shrinks, so a leak shows as
// growth of `memory.buffer.byteLength` (the module's `memory` export, as
// returned by `init()`). Bound: after 50 warm-up cycles (the allocator's
// free lists and the time-zone caches reach their working size), the
// remaining 1,000 cycles may grow memory by at most 1 MiB (16 pages of
// 64 KiB) in total. One leaked data set of this input (400 event rows,
// 60-odd tickets) holds well over 100 KiB (its tickets, events and strings), so a leak of even one
// data set per ten cycles would grow memory by tens of MiB.
//
// A second test drops the objects without free(): the wasm-bindgen glue
// registers every exported object with a FinalizationRegistry, so after
// garbage collection (Chromium with --expose-gc) their memory is reused.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, openPage, serveRepo } from "./browser.mjs";

let browser;
let server;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS, "--js-flags=--expose-gc"],
  });
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

/** Loads the package and the first `lines` lines of the sample log in the page. */
async function setUp(page, lines) {
  // A plain same-origin document (not the demo page, which loads data of its own).
  await page.goto(`${server.url}README.md`);
  await page.evaluate(async (lines) => {
    const mod = await import("/pkg/sla_scorecard.js");
    const wasm = await mod.default();
    const res = await fetch("/data/servicenow-incident-event-log.csv.gz");
    const gz = await res.arrayBuffer();
    const text = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
    const policies = await (await fetch("/policies/servicenow-sample.json")).json();
    window.t = { mod, wasm, csv: text.split("\n").slice(0, lines).join("\n"), policies };
  }, lines);
}

test("1,000 cycles of load → report → free() keep WASM memory flat", { timeout: 600_000 }, async (t) => {
  const { page, context, errors } = await openPage(browser);
  t.after(() => context.close());
  const noise = faviconNoise(page);
  await setUp(page, 400);
  const result = await page.evaluate(() => {
    const { mod, wasm, csv, policies } = window.t;
    const cycle = () => {
      const ds = mod.Dataset.fromCsv(csv, { preset: "servicenow-event-log" });
      const set = new mod.Policies(policies);
      const r = mod.report(ds, null, { groupBy: "priority" }, policies);
      const s = mod.evaluateSla(ds, set, r.asOf, { dimension: "priority" });
      const tickets = ds.ticketCount;
      const outcomes = s.outcomes.length;
      s.outcomes.page(0, 20, "-percent");
      s.outcomes.free();
      set.free();
      ds.free();
      return [tickets, r.kpis.length, outcomes];
    };
    const first = cycle();
    for (let i = 1; i < 50; i++) cycle();
    const bytes = [wasm.memory.buffer.byteLength];
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      const got = cycle();
      if (got.join() !== first.join()) throw new Error(`cycle ${i} gave ${got} instead of ${first}`);
      if (i % 100 === 99) bytes.push(wasm.memory.buffer.byteLength);
    }
    return { first, bytes, ms: performance.now() - started };
  });
  console.log(`tickets, KPIs, outcomes per cycle: ${result.first}; memory every 100 cycles (bytes): ${result.bytes.join(" ")}; 1,000 cycles in ${Math.round(result.ms)} ms`);
  assert.ok(result.first[0] > 50, "the input loads tickets");
  const growth = result.bytes[result.bytes.length - 1] - result.bytes[0];
  assert.ok(growth <= 1 << 20, `WASM memory grew by ${growth} bytes over 1,000 cycles (bound 1 MiB)`);
  assert.deepEqual(pageErrors(errors, noise), []);
});

test("objects dropped without free() are reclaimed after garbage collection", { timeout: 300_000 }, async (t) => {
  const { page, context, errors } = await openPage(browser);
  t.after(() => context.close());
  const noise = faviconNoise(page);
  await setUp(page, 1200);
  const bytes = [];
  for (let round = 0; round < 6; round++) {
    await page.evaluate(() => {
      const { mod, csv } = window.t;
      for (let i = 0; i < 50; i++) mod.Dataset.fromCsv(csv, { preset: "servicenow-event-log" }).ticketCount;
    });
    // Collect, then give the finalizers a turn of the event loop.
    await page.evaluate(async () => {
      for (let i = 0; i < 3; i++) {
        window.gc();
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    bytes.push(await page.evaluate(() => window.t.wasm.memory.buffer.byteLength));
  }
  console.log(`memory after each 50 unfreed loads + GC (bytes): ${bytes.join(" ")}`);
  // 250 unfreed data sets after the first round would need far more than 8 MiB if never freed.
  const growth = bytes[bytes.length - 1] - bytes[0];
  assert.ok(growth <= 8 << 20, `WASM memory grew by ${growth} bytes over 250 unfreed loads (bound 8 MiB)`);
  assert.deepEqual(pageErrors(errors, noise), []);
});
