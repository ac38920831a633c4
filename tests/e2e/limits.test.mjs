// The load limits in the browser (docs/ingest.md, "Limits"): a 1 GiB
// stream over maxInputBytes, a 1 GiB JSON stream over the default for JSON,
// a JS array longer than maxRows and rows whose JSON text is over
// maxInputBytes each fail with a SlaScorecardError naming the limit, the
// value reached and how to raise it; the stream is cancelled as soon as
// the limit is reached (the rest is never made), a data set added to keeps
// its records, and the same module instance then loads and reports as
// before.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openPage, serveRepo } from "./browser.mjs";

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

test("inputs over the limits fail cleanly and leave the module usable", async (t) => {
  const { page, context } = await openPage(browser);
  t.after(() => context.close());
  await page.goto(`${server.url}README.md`);
  const result = await page.evaluate(async () => {
    const mod = await import("/pkg/sla_scorecard.js");
    await mod.default();
    const csv = "id,opened,resolved,priority\nA,2026-03-02T09:00:00Z,2026-03-02T12:00:00Z,P1\nB,2026-03-03T09:00:00Z,,P2\n";
    const options = { mapping: { id: "id", opened: "opened", resolved: "resolved", dimensions: { priority: "priority" } } };
    const run = () => {
      const ds = mod.Dataset.fromCsv(csv, options);
      const r = mod.report(ds, null, { groupBy: "priority" });
      ds.free();
      return JSON.stringify(r);
    };
    const before = run();
    const kept = mod.Dataset.fromCsv(csv, options);

    // A pull stream of `head`, then `total` bytes of `fill` in chunks of
    // 65,536 bytes (made only when pulled), then `tail`.
    const CHUNK = 65536;
    const generated = (head, fill, total, tail) => {
      const counts = { pulled: 0 };
      const unit = new Uint8Array(CHUNK).fill(fill.charCodeAt(0));
      let sent = -1;
      const stream = new ReadableStream(
        {
          pull(controller) {
            counts.pulled += 1;
            if (sent < 0) {
              controller.enqueue(new TextEncoder().encode(head));
              sent = 0;
            } else if (sent < total) {
              controller.enqueue(unit.slice());
              sent += CHUNK;
            } else {
              controller.enqueue(new TextEncoder().encode(tail));
              controller.close();
            }
          },
        },
        { highWaterMark: 0 },
      );
      return { stream, counts };
    };
    const GIB = 2 ** 30;
    const failure = async (call) => {
      try {
        await call();
        return "did not throw";
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };

    // 1 GiB of one CSV field, with maxInputBytes at 16 MiB: the head chunk
    // (13 bytes) and 256 chunks of 65,536 make 16,777,229 bytes, over
    // 2^24 = 16,777,216, so the 257th pull (the 256th of fill) fails.
    const csvStream = generated("id,opened\nX,\"", "x", GIB, "\"\n");
    const overBytes = await failure(() =>
      mod.Dataset.fromStream(csvStream.stream, { mapping: { id: "id", opened: "opened" }, maxInputBytes: 16777216 }),
    );
    // A JSON array of 1 GiB of white space, default limits: JSON is held
    // whole, up to 128 MiB = 134,217,728 bytes; "[" and 2,048 chunks make
    // 134,217,729.
    const jsonStream = generated("[", " ", GIB, "]");
    const overJson = await failure(() => mod.Dataset.fromStream(jsonStream.stream, options));
    // A JS array of 3,000,000 rows: over the default maxRows (2,000,000)
    // before anything is converted.
    const row = { id: "A", opened: "2026-03-02T09:00:00Z" };
    const hugeArray = new Array(3000000).fill(row);
    const overRows = await failure(() => mod.Dataset.fromObjects(hugeArray, options));
    const ticketsBefore = kept.ticketCount;
    const overRowsAdded = await failure(() => kept.addObjects(hugeArray, options));
    // One row whose JSON text is 2,000,055 characters, over 1,000,000:
    // `[{"id":"A","opened":"2026-03-02T09:00:00Z","title":"` is
    // 1+1+4+1+3+1+8+1+22+1+7+1+1 = 52, then 2,000,000 x's and `"}]`, 3.
    const longText = await failure(() =>
      mod.Dataset.fromObjects([{ ...row, title: "x".repeat(2000000) }], { ...options, maxInputBytes: 1000000 }),
    );
    const keptAfter = { tickets: kept.ticketCount, report: JSON.stringify(mod.report(kept, null, { groupBy: "priority" })) };
    kept.free();
    return {
      before,
      after: run(),
      overBytes,
      csvPulled: csvStream.counts.pulled,
      overJson,
      jsonPulled: jsonStream.counts.pulled,
      overRows,
      overRowsAdded,
      ticketsBefore,
      keptAfter,
      longText,
    };
  });
  t.diagnostic(JSON.stringify({ ...result, before: undefined, after: undefined, keptAfter: undefined }));
  assert.equal(
    result.overBytes,
    "SlaScorecardError: maxInputBytes: the input reached 16777229 bytes, over the limit of 16777216 bytes; raise maxInputBytes to load it",
  );
  // The stream was cancelled at the limit: the head and 256 chunks of
  // fill were pulled of the 16,386 pulls 1 GiB would take.
  assert.ok(result.csvPulled <= 259, `pulled ${result.csvPulled} chunks`);
  assert.equal(
    result.overJson,
    "SlaScorecardError: maxInputBytes: the input reached 134217729 bytes, over the limit of 134217728 bytes for JSON, which is held whole until read; raise maxInputBytes to load it",
  );
  assert.ok(result.jsonPulled <= 2051, `pulled ${result.jsonPulled} chunks`);
  const rowsMessage = "SlaScorecardError: maxRows: the array has 3000000 items, over the limit of 2000000 rows; raise maxRows to load it";
  assert.equal(result.overRows, rowsMessage);
  assert.match(result.overRowsAdded, /maxRows: the array has 3000000 items, over the limit of 2000000 rows; raise maxRows to load it$/);
  assert.equal(
    result.longText,
    "SlaScorecardError: maxInputBytes: the input reached 2000055 bytes, over the limit of 1000000 bytes; raise maxInputBytes to load it",
  );
  // The data set added to is as it was; the module works as before.
  assert.equal(result.ticketsBefore, 2);
  assert.equal(result.keptAfter.tickets, 2);
  assert.equal(result.keptAfter.report, result.before);
  assert.equal(result.after, result.before);
});
