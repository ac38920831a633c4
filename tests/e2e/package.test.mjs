// The npm package as a portal developer installs it: `npm pack` of pkg/
// (built by scripts/package.sh), the tarball installed into a fresh Node
// project and a fresh Vite app, a TypeScript file using the JS API and the
// element type-checked with `tsc --strict`, the Node script run, and the
// Vite build opened in headless Chromium under the strict CSP.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { foreignRequests, launchBrowser, openPage } from "./browser.mjs";
import { serve } from "../../scripts/serve.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(root, "node_modules/.bin/tsc");
const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];

// The embedded sample (www/embed/tickets.csv, 24×7: no calendar in the policies), by hand:
//   P1 (5 h):  INC1001 08:00 → 11:30 = 3.5 h met; INC1006 14:00 → 23:00 = 9 h breached  → 1 / 1, 50 %
//   P2 (8 h):  INC1002 09:15 → 20:00 = 10.75 h breached; INC1008 09:00 → 12:00 = 3 h met;
//              INC1007 opened 31 Mar 09:00, unresolved: 3 h of 8 h used at 12:00 → in progress
const AS_OF = "2026-03-31T12:00:00Z";

let work;
let tarball;
let browser;

before(async () => {
  work = await mkdtemp(join(tmpdir(), "sla-package-"));
  const { stdout } = await run("npm", ["pack", join(root, "pkg"), "--pack-destination", work, "--json", ...NPM_QUIET], { cwd: work });
  tarball = join(work, JSON.parse(stdout)[0].filename);
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A fresh project in `dir` with `package.json` fields `extra`, the tarball installed. */
async function project(dir, extra = {}) {
  await mkdir(dir, { recursive: true });
  const manifest = { name: "fresh", private: true, type: "module", dependencies: { "sla-scorecard": `file:${tarball}` }, ...extra };
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  await run("npm", ["install", "--prefer-offline", ...NPM_QUIET], { cwd: dir, timeout: 300_000 });
}

test("the tarball holds the JS API, the element, the worker, the stylesheet, the .wasm and both type files, named by its exports", async () => {
  const { stdout } = await run("tar", ["-tzf", tarball]);
  const files = stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
  for (const f of ["package.json", "sla_scorecard.js", "sla_scorecard.d.ts", "sla_scorecard_bg.wasm", "sla-scorecard.js", "sla-scorecard.d.ts", "worker.js", "styles.css"]) {
    assert.ok(files.includes(f), `${f} in ${files.join(", ")}`);
  }
});

test("a fresh Node project installs the tarball, type-checks with tsc --strict and runs the JS API from disk", { timeout: 300_000 }, async () => {
  const dir = join(work, "node-app");
  await project(dir);
  await copyFile(join(root, "www/embed/tickets.csv"), join(dir, "tickets.csv"));
  await copyFile(join(root, "policies/servicenow-sample.json"), join(dir, "policies.json"));
  // The documented way to use the JS API from Node (README, "Install"): read the .wasm from disk.
  const script = `
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import init, { Dataset, Policies, evaluateSla, version } from "sla-scorecard";

await init({ module_or_path: readFileSync(fileURLToPath(import.meta.resolve("sla-scorecard/sla_scorecard_bg.wasm"))) });
const data = Dataset.fromCsv(readFileSync("tickets.csv", "utf8"), { preset: "servicenow-incidents" });
const policies = new Policies(JSON.parse(readFileSync("policies.json", "utf8")));
const sla = evaluateSla(data, policies, process.argv[2], undefined);
console.log(JSON.stringify({ version: version(), tickets: data.summary.tickets, totals: sla.totals }));
`;
  await writeFile(join(dir, "main.mjs"), script);
  const { stdout } = await run("node", ["main.mjs", AS_OF], { cwd: dir });
  const out = JSON.parse(stdout);
  assert.match(out.version, /^\d+\.\d+\.\d+/);
  assert.equal(out.tickets, 8); // eight data rows in tickets.csv
  const row = (policy) => {
    const r = out.totals.find((t) => t.policy === policy);
    return r && [r.met, r.breached, r.inProgress, r.compliance];
  };
  assert.deepEqual(row("P1 resolution"), [1, 1, 0, 50]);
  assert.deepEqual(row("P2 resolution"), [1, 1, 1, 50]);

  // A TypeScript file using the JS API and the element, checked strictly under
  // Node's resolution (nodenext) and a bundler's; the last line must be an error.
  await writeFile(join(dir, "portal.ts"), `
import init, { Dataset, Policies, evaluateSla, type ComplianceRow, type OutcomeCauses, type Report, type TimeInStatusReport } from "sla-scorecard";
import "sla-scorecard/element";
import type { SlaScorecard } from "sla-scorecard/element";

export async function mount(csv: string, wasm: BufferSource): Promise<number | null> {
  await init({ module_or_path: wasm });
  const data = Dataset.fromCsv(csv, { preset: "servicenow-incidents" });
  const policies = new Policies({ policies: [{ name: "P1", when: { priority: "1 - Critical" }, metric: "resolution", target: "5h" }] });
  const sla = evaluateSla(data, policies, "${AS_OF}", undefined);
  const totals: ComplianceRow[] = sla.totals;
  const causes: OutcomeCauses = sla.outcomes.outcomeCauses(0);
  const times: TimeInStatusReport = sla.outcomes.timeInStatus(undefined, "24x7", "priority");
  const perTicket: string = sla.outcomes.timeInStatusCsv("group");
  console.log(causes.dimensions[0]?.shares[0]?.atBreach, times.summary[0]?.working.p90, perTicket.length);
  const card: SlaScorecard | null = document.querySelector("sla-scorecard");
  if (card) {
    card.loadOptions = { preset: "servicenow-incidents" };
    card.data = csv;
    card.addEventListener("sla-scorecard:render", (e) => {
      const report: Report = e.detail.report;
      console.log(report.scorecard.overall.score, e.detail.summary?.dimensions.join(", "));
    });
    card.addEventListener("sla-scorecard:select", (e) => console.log(e.detail.kind, e.detail.id));
    const csvOut: string = await card.outcomesCsv();
    console.log(csvOut.length);
    // @ts-expect-error: data is text, objects, a Blob, a stream or a URL, not a number
    card.data = 42;
  }
  return totals[0]?.compliance ?? null;
}
`);
  const common = ["--strict", "--noEmit", "--target", "es2022", "--lib", "es2022,esnext.disposable,dom,dom.iterable", "portal.ts"];
  for (const resolution of [["--module", "nodenext", "--moduleResolution", "nodenext"], ["--module", "esnext", "--moduleResolution", "bundler"]]) {
    await run(TSC, [...resolution, ...common], { cwd: dir }).catch((e) => assert.fail(`tsc ${resolution.join(" ")}:\n${e.stdout}${e.stderr}`));
  }
});

test("a fresh Vite app installs the tarball, builds, and shows the sample's compliance under the strict CSP", { timeout: 300_000 }, async (t) => {
  const dir = join(work, "vite-app");
  const vite = JSON.parse(await readFile(join(root, "package.json"), "utf8")).devDependencies.vite;
  await project(dir, { devDependencies: { vite } });
  await copyFile(join(root, "www/embed/tickets.csv"), join(dir, "tickets.csv"));
  await copyFile(join(root, "policies/servicenow-sample.json"), join(dir, "policies.json"));
  await writeFile(join(dir, "index.html"), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><script type="module" src="./main.js"></script></head>
<body><sla-scorecard worker></sla-scorecard></body></html>
`);
  await mkdir(join(dir, "public"));
  await copyFile(join(root, "www/favicon.svg"), join(dir, "public/favicon.svg"));
  await writeFile(join(dir, "main.js"), `import "sla-scorecard/element";
import tickets from "./tickets.csv?raw";
import policies from "./policies.json";

const card = document.querySelector("sla-scorecard");
card.loadOptions = { preset: "servicenow-incidents" };
card.policies = policies;
card.data = tickets;
`);
  await run(join(dir, "node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: dir });
  const srv = await serve({ root: join(dir, "dist"), port: 0, csp: true });
  t.after(() => srv.close());
  const { page, context, errors, requests } = await openPage(browser);
  t.after(() => context.close());
  await page.goto(srv.url);
  await page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 30_000 });
  // As of the latest instant in the data (INC1007 opened 31 Mar 09:00): P1 as above, 1 met / 1 breached.
  const p1 = await page.locator("sla-scorecard").locator("table:has(caption:text('SLA compliance')) tbody tr").first()
    .evaluate((tr) => [...tr.children].map((c) => c.textContent.trim()));
  assert.deepEqual(p1, ["P1 resolution", "1 - Critical", "1", "1", "0", "50%"]);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
  assert.ok(requests.some((u) => u.endsWith(".wasm")) && requests.some((u) => /worker.*\.js$/.test(u)), "wasm and worker fetched from the bundle");
});
