// Where the time goes in Chromium: the V8 sampling profiler (DevTools
// protocol) over the benchmark's path (Dataset.fromCsv, then report with the
// benchmark's policies), with the module's function names kept. Prints the
// functions with the most self time, for the load and the report separately.
// Run by scripts/profile.sh, which builds the names-kept module into
// pkg/profile/ and the data first.
//
//   node benches/browser/profile.mjs [--tickets 100000] [--runs 3] [--top 25]

import { launchBrowser } from "../../tests/e2e/browser.mjs";
import { serve, REPO_ROOT } from "../../scripts/serve.mjs";

const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const tickets = Number(opt("tickets", "100000"));
const runs = Number(opt("runs", "3"));
const top = Number(opt("top", "25"));

const server = await serve({ port: 0, root: REPO_ROOT });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  await page.goto(`${server.url}tests/e2e/blank.html`);
  // Load the module and the data, and run the path twice so that the
  // profile shows optimised code, not the first call's baseline code.
  await page.evaluate(async (tickets) => {
    const text = async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      return res.text();
    };
    const m = await import("/pkg/profile/sla_scorecard.js");
    await m.default();
    const csv = await text(`/benches/browser/data/tickets-${tickets}.csv`);
    const policies = JSON.parse(await text("/benches/policies.json"));
    const config = m.defaultScorecard();
    const load = () => m.Dataset.fromCsv(csv, { preset: "servicenow-incidents" });
    const report = (ds) => m.report(ds, config, { asOf: "2026-01-05T00:00:00Z" }, policies);
    for (let i = 0; i < 2; i++) {
      const ds = load();
      report(ds);
      ds.free();
    }
    window.path = { load, report };
  }, tickets);

  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  // Each report runs on a fresh data set (a data set caches its last report).
  for (const phase of ["load", "report"]) {
    await page.evaluate((runs) => (window.sets = Array.from({ length: runs }, () => window.path.load())), phase === "report" ? runs : 0);
    await cdp.send("Profiler.start");
    const ms = await page.evaluate(
      ({ phase, runs }) => {
        const times = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const ds = phase === "load" ? window.path.load() : window.sets[i];
          if (phase === "report") window.path.report(ds);
          times.push(performance.now() - t0);
          ds.free();
        }
        return times;
      },
      { phase, runs },
    );
    const { profile } = await cdp.send("Profiler.stop");
    print(phase, ms, profile);
  }
} finally {
  await browser.close();
  await server.close();
}

/** Prints the phase's times and the functions with the most self time. */
function print(phase, ms, profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id).callFrame;
    const name = (frame.functionName || `(${frame.url.split("/").pop() || "program"})`).replace(/::h[0-9a-f]{16}$/, "");
    const us = profile.timeDeltas[i + 1] ?? 0;
    self.set(name, (self.get(name) ?? 0) + us);
    total += us;
  });
  console.log(`\n${phase} at ${tickets} tickets: ${ms.map((t) => t.toFixed(0)).join(", ")} ms; self time per function (ms over the ${runs} runs, share)`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(9)} ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name.slice(0, 120)}`);
  }
}
