// The pump of `Dataset.fromStream` (src/wasm/dataset.rs): reads a
// ReadableStream chunk by chunk into a DatasetLoader, reports progress and
// honours an AbortSignal. Plain JS rather than a wasm-bindgen `async fn`
// over web-sys's stream types: awaiting `reader.read()` from Rust needs
// wasm-bindgen-futures and web-sys in the module, for a loop of a dozen
// lines whose every step is a JS call anyway; the bytes still go straight
// from each chunk into WASM memory (`loader.push`).

/**
 * Reads `readable` into `loader` and resolves with `loader.finish()`, the
 * Dataset. On an error, a bad chunk or an abort, cancels the stream, frees
 * the loader and rejects (with the signal's reason for an abort).
 */
export async function pump(readable, loader, hooks) {
  const { onProgress, signal } = hooks ?? {};
  const started = performance.now();
  let reader;
  let onAbort;
  let finished = false;
  try {
    if (typeof readable?.getReader !== "function") {
      const got = readable === null ? "null" : typeof readable === "object" ? readable.constructor?.name ?? "Object" : `a ${typeof readable}`;
      throw Object.assign(new Error(`Dataset.fromStream: readable: expected a ReadableStream of Uint8Array chunks, got ${got}`), {
        name: "SlaScorecardError",
        path: "readable",
      });
    }
    signal?.throwIfAborted();
    reader = readable.getReader();
    if (signal) {
      onAbort = () => reader.cancel(signal.reason).catch(() => {});
      signal.addEventListener("abort", onAbort, { once: true });
    }
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      loader.push(value);
      onProgress?.({ bytes: loader.bytes, rows: loader.rows, elapsedMs: performance.now() - started });
    }
    finished = true;
    return loader.finish();
  } catch (error) {
    if (!finished) {
      loader.free();
      reader?.cancel(error).catch(() => {});
    }
    throw error;
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
    try {
      reader?.releaseLock();
    } catch {
      // A pending read still holds the lock; cancelling has settled it.
    }
  }
}
