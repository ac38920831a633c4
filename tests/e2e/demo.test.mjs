// The demo page loads the engine in real Chromium, with and without the
// strict Content-Security-Policy a portal would set.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { foreignRequests, launchBrowser, openPage, serveRepo } from "./browser.mjs";

const root = new URL("../../", import.meta.url);
// The version the page must show is the crate's, read from Cargo.toml here.
const cargoToml = await readFile(new URL("Cargo.toml", root), "utf8");
const crateVersion = cargoToml.match(/^version = "([^"]+)"/m)[1];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens /www/ and waits until the engine says it is ready; closes the server after. */
async function loadDemo(t, { csp }) {
  const server = await serveRepo({ csp });
  const { page, context, errors, requests } = await openPage(browser);
  t.after(() => context.close());
  try {
    const response = await page.goto(`${server.url}www/`);
    assert.equal(response.status(), 200);
    if (csp) assert.match(response.headers()["content-security-policy"], /wasm-unsafe-eval/);
    try {
      await page.locator("#status[data-ready=true]").waitFor({ timeout: 15_000 });
    } catch (err) {
      const shown = await page.locator("#status").textContent();
      throw new Error(`engine not ready; page shows ${JSON.stringify(shown)}; errors: ${JSON.stringify(errors)}`, { cause: err });
    }
    return { page, text: await page.locator("#status").textContent(), errors, requests };
  } finally {
    await server.close();
  }
}

test("the demo page loads the engine and shows its version", async (t) => {
  const { text, errors, requests } = await loadDemo(t, { csp: false });
  assert.equal(text, `Engine ready — version ${crateVersion}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
  assert.ok(requests.some((url) => url.endsWith("/pkg/sla_scorecard_bg.wasm")), "the .wasm was fetched");
});

test("the demo page works under the strict Content-Security-Policy", async (t) => {
  const { text, errors, requests } = await loadDemo(t, { csp: true });
  assert.equal(text, `Engine ready — version ${crateVersion}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests), []);
});

test("the server sends the .wasm as application/wasm, uncached", async () => {
  const server = await serveRepo();
  try {
    const res = await fetch(`${server.url}pkg/sla_scorecard_bg.wasm`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/wasm");
    assert.equal(res.headers.get("cache-control"), "no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d], "starts with the wasm magic number");
    assert.equal((await fetch(`${server.url}.git/HEAD`)).status, 404, "dot-files are not served");
    assert.equal((await fetch(`${server.url}www/../../etc/passwd`)).status, 404);
  } finally {
    await server.close();
  }
});
