// Soak: the <sla-scorecard> element (main-thread engine, shipped pkg/) in
// headless Chromium through three phases — loads of a synthetic file
// (`sla-scorecard generate --form flat`), what-ifs (a KPI target changed),
// re-renders with theme and period changes — with the WebAssembly memory
// (the module's `memory`) and the JS heap (after a forced garbage
// collection, CDP `Runtime.getHeapUsage`) sampled throughout and printed as
// a table. Fails when, in any phase, either grows by more than 10 % from the
// end of its warm-up to its end.
//
// The default is the short variant run by scripts/test.sh; scripts/soak.sh
// runs the full one (SOAK=full): 100 loads of a 10 MB file, 1,000 what-ifs,
// 100 re-renders.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { launchBrowser, openPage, serveRepo } from "./browser.mjs";

const FULL = process.env.SOAK === "full";
/**
 * Tickets per file (about 117 bytes each: 86,000 ≈ 10 MB), the rounds of each
 * phase, the rounds of warm-up before memory must stay flat, and the samples
 * per phase. Loads warm up longest: a load holds two data sets (the old one is
 * freed only when the new one is complete), and the allocator's heap reaches
 * its working size in steps, at loads that vary from run to run (2 MB file,
 * 60 loads: 20.0 MiB up to load 7, 25.6 up to 15, then 31.1 MiB to the end;
 * another run reached 31.1 MiB at load 22, another at load 40). So before the
 * phases the page loads a file of twice the tickets (twice, so that two of
 * its data sets were held at once): the allocator's heap then has room for
 * every later load, and growth after warm-up means memory kept, not a step.
 */
const PLAN = FULL
  ? { tickets: 86_000, rounds: { load: 100, whatIf: 1000, render: 100 }, warmUp: { load: 25, whatIf: 250, render: 25 }, samples: 20 }
  : { tickets: 17_000, rounds: { load: 40, whatIf: 60, render: 16 }, warmUp: { load: 30, whatIf: 15, render: 4 }, samples: 10 };
const GROWTH_LIMIT = 0.1;

const root = fileURLToPath(new URL("../../", import.meta.url));
const FILE = "target/soak/tickets.csv";
const LARGER = "target/soak/larger.csv";

let browser;
let server;
let fileBytes = 0;
before(async () => {
  const generate = (tickets) =>
    promisify(execFile)("cargo", ["run", "--quiet", "--", "generate", "--tickets", String(tickets), "--seed", "7", "--form", "flat"], {
      cwd: root,
      maxBuffer: 1 << 30,
    });
  const { stdout } = await generate(PLAN.tickets);
  await mkdir(`${root}target/soak`, { recursive: true });
  await writeFile(`${root}${FILE}`, stdout);
  await writeFile(`${root}${LARGER}`, (await generate(2 * PLAN.tickets)).stdout);
  fileBytes = Buffer.byteLength(stdout);
  browser = await launchBrowser();
  server = await serveRepo();
}, { timeout: 600_000 });
after(async () => {
  await browser?.close();
  await server?.close();
});

test(`soak (${FULL ? "full" : "short"}): memory stays flat over loads, what-ifs and re-renders`, { timeout: FULL ? 3_600_000 : 600_000 }, async (t) => {
  const { page, context, errors } = await openPage(browser, { viewport: { width: 1200, height: 900 } });
  t.after(() => context.close());
  const cdp = await context.newCDPSession(page);
  await page.goto(`${server.url}tests/e2e/blank.html`);
  await page.evaluate(async (files) => {
    const mod = await import("/pkg/sla_scorecard.js");
    await import("/www/sla-scorecard/element.js");
    window.wasmBytes = async () => (await mod.default()).memory.buffer.byteLength;
    window.blob = await (await fetch(`/${files.file}`)).blob();
    const el = document.createElement("sla-scorecard");
    document.body.append(el);
    window.el = el;
    window.failures = [];
    el.addEventListener("sla-scorecard:error", (e) => window.failures.push(e.detail.message));
    // Resolves at the next render, or at the next error (recorded in `failures`).
    window.rendered = () =>
      new Promise((ok) => {
        const done = () => {
          el.removeEventListener("sla-scorecard:render", done);
          el.removeEventListener("sla-scorecard:error", done);
          ok();
        };
        el.addEventListener("sla-scorecard:render", done);
        el.addEventListener("sla-scorecard:error", done);
      });
    el.loadOptions = { preset: "servicenow-incidents" };
    el.policies = await (await fetch("/policies/servicenow-sample.json")).text();
    window.config = await el.defaultScorecard();
    // Grow the allocator's heap first (see PLAN): two loads of the larger file.
    const larger = await (await fetch(`/${files.larger}`)).blob();
    for (let i = 0; i < 2; i++) {
      const next = window.rendered();
      el.data = larger;
      await next;
    }
  }, { file: FILE, larger: LARGER });

  const steps = {
    // A Blob is streamed into the engine chunk by chunk, like a chosen file.
    load: () => {
      const next = window.rendered();
      window.el.data = window.blob;
      return next;
    },
    whatIf: (i) => {
      const next = window.rendered();
      const config = structuredClone(window.config);
      for (const k of config.perspectives.flatMap((p) => p.kpis)) if (k.kpi === "mttr_median") k.target = 8 + (i % 40);
      window.el.config = config;
      return next;
    },
    render: (i) => {
      const next = window.rendered();
      window.el.setAttribute("theme", i % 2 ? "dark" : "light");
      window.el.setAttribute("period", ["week", "month", "quarter", "day"][i % 4]);
      return next;
    },
  };
  const rows = [];
  const sample = async (phase, done) => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    rows.push({ phase, done, wasm: await page.evaluate(() => window.wasmBytes()), heap: usedSize });
  };
  for (const [phase, rounds] of Object.entries(PLAN.rounds)) {
    // Re-renders cycle through 2 themes × 4 periods: sample at the same point of the cycle.
    const cycle = phase === "render" ? 4 : 1;
    const every = Math.max(cycle, Math.floor(rounds / PLAN.samples / cycle) * cycle);
    for (let done = 0; done < rounds; ) {
      const n = Math.min(every, rounds - done);
      await page.evaluate(
        async ({ step, from, n }) => {
          const run = new Function(`return (${step})`)();
          for (let i = from; i < from + n; i++) await run(i);
        },
        { step: steps[phase].toString(), from: done, n },
      );
      done += n;
      await sample(phase, done);
    }
  }

  const mb = (n) => (n / 2 ** 20).toFixed(1);
  const table = [
    `soak (${FULL ? "full" : "short"}): ${PLAN.tickets} tickets, ${mb(fileBytes)} MiB file`,
    "phase    rounds   wasm MiB   JS heap MiB",
    ...rows.map((r) => `${r.phase.padEnd(8)} ${String(r.done).padStart(6)} ${mb(r.wasm).padStart(10)} ${mb(r.heap).padStart(13)}`),
  ];
  console.log(table.join("\n"));
  assert.deepEqual(await page.evaluate(() => window.failures), []);
  for (const phase of ["load", "whatIf", "render"]) {
    const of = rows.filter((r) => r.phase === phase);
    const warm = of.find((r) => r.done >= PLAN.warmUp[phase]);
    const last = of.at(-1);
    for (const kind of ["wasm", "heap"]) {
      const growth = last[kind] / warm[kind] - 1;
      assert.ok(growth <= GROWTH_LIMIT, `${phase}: ${kind} grew ${(growth * 100).toFixed(1)} % after warm-up (${warm[kind]} → ${last[kind]} bytes)`);
    }
  }
  assert.deepEqual(errors, []);
});
