// Dataset.fromStream in headless Chromium, from pkg/ (scripts/package.sh):
// a ReadableStream of hand-cut chunks (boundaries inside the byte order
// mark, a CRLF pair, a quoted field and multi-byte characters) and the
// gzipped sample piped through DecompressionStream give the summary and
// report of Dataset.fromCsv on the same text; onProgress reports growing
// bytes and rows ending at the totals; an AbortSignal rejects with an
// AbortError and cancels the stream; a bad row rejects with its row and
// column and cancels the stream; the module stays usable after each.

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

/** Runs `body` (a function of the module, stringified) in a fresh page with pkg/ loaded. */
async function inPage(t, body) {
  const { page, context, errors, requests } = await openPage(browser);
  t.after(() => context.close());
  await page.goto(`${server.url}tests/e2e/blank.html`);
  const result = await page.evaluate(async (source) => {
    const mod = await import("/pkg/sla_scorecard.js");
    await mod.default();
    return (0, eval)(`(${source})`)(mod);
  }, body.toString());
  assert.deepEqual(foreignRequests(requests), []);
  return { result, errors };
}

test("fromStream: hand-cut chunks give what fromCsv gives", async (t) => {
  const { result, errors } = await inPage(t, async (mod) => {
    const text = '\uFEFFid,opened,title\r\nA,2026-03-02T09:00:00Z,"Zürich, ""4""\r\n😀"\r\nB,2026-03-02T10:00:00Z,漢字\r\nC,never,x\r\n';
    const bytes = new TextEncoder().encode(text);
    // Cuts: inside the BOM (1), between CR and LF of the header (17), inside
    // "ü" (the byte after its first), inside the quoted field, inside "😀".
    const u = bytes.indexOf(0xc3);
    const emoji = bytes.indexOf(0xf0);
    const cuts = [1, 17, u + 1, u + 5, emoji + 2, emoji + 3, bytes.length - 1];
    const stream = new ReadableStream({
      start(controller) {
        let from = 0;
        for (const cut of [...cuts, bytes.length]) {
          controller.enqueue(bytes.slice(from, cut));
          from = cut;
        }
        controller.close();
      },
    });
    const options = { mapping: { id: "id", opened: "opened", title: "title" }, mode: "lenient" };
    const progress = [];
    const streamed = await mod.Dataset.fromStream(stream, options, { onProgress: (p) => progress.push(p) });
    const whole = mod.Dataset.fromCsv(text, options);
    // The same text as a Blob's stream told its length (as a portal passes file.size).
    const sized = await mod.Dataset.fromStream(new Blob([bytes]).stream(), options, { totalBytes: bytes.length });
    const out = {
      sized: JSON.stringify([sized.summary, mod.report(sized, undefined, { period: "month" })]),
      streamed: JSON.stringify([streamed.summary, mod.report(streamed, undefined, { period: "month" })]),
      whole: JSON.stringify([whole.summary, mod.report(whole, undefined, { period: "month" })]),
      tickets: streamed.ticketCount,
      progress,
      total: bytes.length,
      chunks: cuts.length + 1,
    };
    streamed.free();
    whole.free();
    sized.free();
    return out;
  });
  assert.deepEqual(errors, []);
  assert.equal(result.streamed, result.whole);
  assert.equal(result.sized, result.whole);
  assert.equal(result.tickets, 2);
  assert.match(result.streamed, /^\[\{"rowsRead":3,"loaded":2,"rejected":1,/);
  assert.equal(result.progress.length, result.chunks);
  for (let i = 1; i < result.progress.length; i++) {
    assert.ok(result.progress[i].bytes > result.progress[i - 1].bytes);
    assert.ok(result.progress[i].rows >= result.progress[i - 1].rows);
    assert.ok(result.progress[i].elapsedMs >= result.progress[i - 1].elapsedMs);
  }
  assert.equal(result.progress.at(-1).bytes, result.total);
  // The last record's line end only arrives with the last chunk.
  assert.equal(result.progress.at(-1).rows, 3);
});

test("fromStream: the gzipped sample through DecompressionStream", async (t) => {
  const { result, errors } = await inPage(t, async (mod) => {
    const gz = await fetch("/data/servicenow-incident-event-log.csv.gz");
    // Read the body whole first (see the README's example).
    const blob = await gz.blob();
    const text = await new Response(blob.stream().pipeThrough(new DecompressionStream("gzip"))).text();
    const options = { preset: "servicenow-event-log" };
    const progress = [];
    const streamed = await mod.Dataset.fromStream(blob.stream().pipeThrough(new DecompressionStream("gzip")), options, {
      onProgress: (p) => progress.push(p),
    });
    const whole = mod.Dataset.fromCsv(text, options);
    const policies = await (await fetch("/policies/servicenow-sample.json")).json();
    const out = {
      streamed: JSON.stringify([streamed.summary, mod.report(streamed, undefined, { period: "month" }, policies)]),
      whole: JSON.stringify([whole.summary, mod.report(whole, undefined, { period: "month" }, policies)]),
      tickets: streamed.ticketCount,
      rowsRead: streamed.summary.rowsRead,
      last: progress.at(-1),
      calls: progress.length,
      total: new TextEncoder().encode(text).length,
    };
    streamed.free();
    whole.free();
    return out;
  });
  assert.deepEqual(errors, []);
  assert.equal(result.streamed, result.whole);
  // The sample's figures, as in the README: 890 tickets from 5,998 event rows.
  assert.equal(result.tickets, 890);
  assert.equal(result.rowsRead, 5998);
  assert.ok(result.calls >= 1);
  assert.equal(result.last.bytes, result.total);
  assert.equal(result.last.rows, 5998);
});

test("fromStream: abort rejects with an AbortError and cancels the stream", async (t) => {
  const { result, errors } = await inPage(t, async (mod) => {
    const options = { mapping: { id: "id", opened: "opened" } };
    const controller = new AbortController();
    let cancelled = null;
    // One chunk, then a stream that never delivers more.
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("id,opened\nA,2026-03-02T09:00:00Z\n"));
      },
      cancel(reason) {
        cancelled = reason?.name ?? String(reason);
      },
    });
    const pending = mod.Dataset.fromStream(stream, options, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const outcome = await pending.then(
      () => "resolved",
      (e) => e.name,
    );
    // Already aborted: rejects at once, the stream is not read.
    const early = await mod.Dataset.fromStream(new ReadableStream(), options, { signal: AbortSignal.abort() }).then(
      () => "resolved",
      (e) => e.name,
    );
    const after = mod.Dataset.fromCsv("id,opened\nB,2026-03-02T09:00:00Z\n", options);
    const count = after.ticketCount;
    after.free();
    return { outcome, cancelled, early, count };
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(result, { outcome: "AbortError", cancelled: "AbortError", early: "AbortError", count: 1 });
});

test("fromStream: a bad row or a bad chunk rejects and cancels the stream", async (t) => {
  const { result, errors } = await inPage(t, async (mod) => {
    const options = { mapping: { id: "id", opened: "opened" } };
    const encoder = new TextEncoder();
    const run = async (chunks) => {
      let cancelled = false;
      const stream = new ReadableStream({
        start(c) {
          for (const chunk of chunks) c.enqueue(chunk);
        },
        cancel() {
          cancelled = true;
        },
      });
      const error = await mod.Dataset.fromStream(stream, options).then(
        () => null,
        (e) => ({ name: e.name, row: e.row, column: e.column, path: e.path, message: e.message }),
      );
      return { error, cancelled };
    };
    return {
      badRow: await run([encoder.encode("id,opened\nA,2026-03-02T09:00:00Z\nB,ne"), encoder.encode("ver\n")]),
      badChunk: await run([encoder.encode("id,opened\n"), "A,2026-03-02T09:00:00Z\n"]),
      notAStream: await mod.Dataset.fromStream("id,opened\n", options).then(
        () => null,
        (e) => ({ name: e.name, path: e.path, message: e.message }),
      ),
      badLength: await mod.Dataset.fromStream(new Blob(["id,opened\n"]).stream(), options, { totalBytes: -3 }).then(
        () => null,
        (e) => ({ name: e.name, path: e.path }),
      ),
      notAStreamObject: await mod.Dataset.fromStream(new Blob(["id,opened\n"]), options).then(
        () => null,
        (e) => e.message,
      ),
    };
  });
  assert.deepEqual(errors, []);
  assert.equal(result.badRow.error.row, 2);
  assert.equal(result.badRow.error.column, "opened");
  assert.equal(result.badRow.cancelled, true);
  assert.equal(result.badChunk.error.path, "chunk");
  assert.equal(result.badChunk.cancelled, true);
  // A length that is not a number of bytes: refused before anything is read.
  assert.deepEqual(result.badLength, { name: "SlaScorecardError", path: "hooks.totalBytes" });
  // A string or a Blob is not a stream (a Blob's stream() is): a SlaScorecardError naming what it got.
  assert.deepEqual(result.notAStream, {
    name: "SlaScorecardError",
    path: "readable",
    message: "Dataset.fromStream: readable: expected a ReadableStream of Uint8Array chunks, got a string",
  });
  assert.equal(result.notAStreamObject, "Dataset.fromStream: readable: expected a ReadableStream of Uint8Array chunks, got Blob");
});
