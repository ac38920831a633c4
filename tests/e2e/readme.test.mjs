// The README's JavaScript examples run as written in Chromium, and print
// what their `// → value` comments say (the automerge habit: documentation
// that cannot rot).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launchBrowser, openPage, serveRepo } from "./browser.mjs";

const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
const examples = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

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

test("the README has JavaScript examples", () => {
  assert.ok(examples.length >= 1);
});

examples.forEach((code, i) => {
  test(`README example ${i + 1} prints what its comments say`, async (t) => {
    const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trim());
    const { page, context, errors } = await openPage(browser);
    t.after(() => context.close());
    const printed = [];
    page.on("console", (msg) => {
      if (msg.type() === "log") printed.push(msg.text());
    });
    // A page of the repository's origin; the examples' "./…" paths are read from the repository root.
    await page.goto(`${server.url}tests/e2e/blank.html`); // same origin as pkg/, and idle (the demo page loads the sample itself)
    const source = code.replaceAll('"./', '"/') + '\nconsole.log("__done__");\n';
    await page.addScriptTag({ type: "module", content: source });
    for (let n = 0; n < 100 && !printed.includes("__done__") && errors.length === 0; n++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(printed.filter((p) => p !== "__done__"), expected);
  });
});
