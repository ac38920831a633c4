// Shared helpers for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download), the repository served by
// scripts/serve.mjs on a free port, and a page wrapper that records console
// errors and every request so tests can assert that nothing leaves 127.0.0.1.

import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

/** Chromium flags for a headless run as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** Launches headless Chromium (`CHROMIUM` overrides the path). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Serves the repository root on a free 127.0.0.1 port; `csp` adds the strict policy. */
export function serveRepo({ csp = false } = {}) {
  return serve({ port: 0, csp });
}

/**
 * Opens a new page in its own context and records, from the start:
 * `errors` (console errors, uncaught exceptions, failed requests, HTTP >= 400)
 * and `requests` (every URL the page asked for).
 */
export async function openPage(browser, { viewport = { width: 1000, height: 640 }, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`exception: ${err.message}`));
  page.on("request", (req) => requests.push(req.url()));
  page.on("requestfailed", async (req) => {
    // Chromium reports a fetch whose body the page read to the end as
    // net::ERR_ABORTED when the reader lets go of it before the network
    // layer's completion arrives (seen on the element's `src` fetches on a
    // busy machine: every byte read, the scorecard right). A response that
    // arrived with a success status was served; a load cut short shows in
    // the tests' own counts. Anything else is an error.
    const response = req.failure()?.errorText === "net::ERR_ABORTED" ? await req.response().catch(() => null) : null;
    if (response && response.status() < 400) return;
    errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, context, errors, requests };
}

/** The requests that went anywhere but 127.0.0.1 (data: and blob: URLs are local). */
export function foreignRequests(requests) {
  return requests.filter((url) => {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:") return false;
    return u.hostname !== "127.0.0.1";
  });
}
