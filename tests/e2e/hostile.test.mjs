// Hostile ticket text through the rendered scorecard: markup, SVG, script
// URLs, CSV formulas, Unicode controls and bidi overrides, and a very long
// string, in ids, titles and dimension values. Nothing may execute, nothing
// may become markup, nothing may reach the network, and the layout must stay
// within the page's width.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { foreignRequests, launchBrowser, openPage, serveRepo } from "./browser.mjs";

const HOSTILE = [
  "<img src=x onerror=window.__pwned=1>",
  "<svg onload=window.__pwned=2><script>window.__pwned=3</script></svg>",
  "javascript:window.__pwned=4",
  '"><iframe src="javascript:window.__pwned=5"></iframe>',
  "=HYPERLINK(\"http://evil.example\",\"x\")",
  "@SUM(1+1)",
  "\u202Egnp.exe\u202C \u2066isolate\u2069 \u0007bell",
  "x".repeat(10_000),
];

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

const quoted = (s) => `"${s.replaceAll('"', '""')}"`;

test("hostile ticket text renders as text, runs nothing, fetches nothing and keeps the layout", async (t) => {
  const { page, context, errors, requests } = await openPage(browser, { viewport: { width: 1200, height: 900 } });
  t.after(() => context.close());
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    d.dismiss();
  });
  await page.goto(`${server.url}www/`);
  await page.waitForFunction(() => { const el = document.querySelector("sla-scorecard"); return el?.report && !el.hasAttribute("aria-busy"); }, null, { timeout: 20_000 });

  // Every ticket is a P1 (5 h target) resolved after 9 h: all breached, so each
  // id appears in the breach list; titles and categories carry the text too.
  const header = "number,short_description,opened_at,resolved_at,closed_at,reopen_count,made_sla,priority,incident_state,category";
  const rows = HOSTILE.map((s, i) => [quoted(`${s}#${i}`), quoted(s), "2026-03-02 08:00:00", "2026-03-02 17:00:00", "2026-03-03 09:00:00", "0", "false", "1", "7", quoted(s)].join(","));
  await page.selectOption("#preset", "servicenow-incidents");
  const rendered = page.evaluate(() => new Promise((ok) => document.getElementById("card").addEventListener("sla-scorecard:render", ok, { once: true })));
  await page.setInputFiles("#file", { name: "hostile.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\n")) });
  await rendered;
  assert.match(await page.locator("#source").textContent(), new RegExp(`${HOSTILE.length} tickets from ${HOSTILE.length} rows \\(0 rejected\\)`));

  const card = page.locator("sla-scorecard");
  // The breach list shows every id exactly as written (controls and bidi included).
  const ids = await card.evaluate((el) => [...el.shadowRoot.querySelectorAll("tr[data-select=ticket] th")].map((th) => th.textContent));
  assert.deepEqual([...ids].sort(), HOSTILE.map((s, i) => `${s}#${i}`).sort());
  // Open each drill-down: the title is text.
  for (let i = 0; i < HOSTILE.length; i++) {
    await card.evaluate((el, id) => el.showTicket(id), `${HOSTILE[i]}#${i}`);
    assert.equal(await card.evaluate((el) => el.shadowRoot.querySelector("#drill .title")?.textContent), HOSTILE[i]);
  }
  await page.waitForTimeout(300);
  // Nothing became markup, nothing ran.
  const injected = await card.evaluate((el) =>
    el.shadowRoot.querySelectorAll('img, script, iframe, object, embed, [onload], [onerror], a[href^="javascript"]').length,
  );
  assert.equal(injected, 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(dialogs, 0);
  // The 10,000-character id wraps or scrolls inside the element: the page does not grow sideways.
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  assert.ok(widths.page <= widths.viewport, `page is ${widths.page}px wide in a ${widths.viewport}px viewport`);
  assert.deepEqual(foreignRequests(requests), []);
  assert.deepEqual(errors, []);
});
