// The element's access to the WebAssembly engine. `Engine` keeps the parsed
// data set and policies alive in WASM memory so a what-if only re-runs the
// report; `WorkerEngine` runs the same Engine in a Web Worker (worker.js)
// with the same async methods, for loads too long for the main thread.
// Every figure comes from the engine; nothing here computes.

import init, * as wasm from "../../pkg/sla_scorecard.js";

let ready;
/** Instantiates the WASM module once per realm. */
export const loadWasm = () => (ready ??= init());

export class Engine {
  #data = null;
  #policies = null;
  #asOf = null;
  #breaches = null;
  /** The one SLA evaluation (`SlaOutcomes`) of the current data, policies and instant. */
  #evaluation = null;
  /** [periods and zone, causes document] of the evaluation. */
  #causes = null;
  /** The last report's periods and zone. */
  #periods = null;

  /**
   * Starts instantiating the module at once (streaming compilation: `init()`
   * fetches the .wasm by URL and uses `WebAssembly.instantiateStreaming`), so
   * it overlaps the fetch of the data; a failure surfaces at the first call.
   */
  constructor() {
    loadWasm().catch(() => {});
  }

  /**
   * Parses CSV text, JSON text or an array of objects, or reads a Blob (a
   * File), a ReadableStream of bytes or `{ url }` (fetched here: in the
   * worker with `worker`) chunk by chunk (`readBytes`), with `hooks`
   * { onProgress({ bytes, total, rows }), signal }. The previous data set
   * stays until the new one is complete (a cancelled or failed load leaves
   * it as it was). Returns the load summary.
   */
  async load(data, loadOptions = {}, hooks = {}) {
    await loadWasm();
    if (typeof data === "string" && /^\s*\[/.test(data)) data = JSON.parse(data);
    let total = data instanceof Blob ? data.size : 0;
    if (typeof data?.url === "string") {
      const res = await fetch(data.url, { signal: hooks.signal });
      if (!res.ok) throw new Error(`src: ${data.url} answered HTTP ${res.status}`);
      // Content-Length counts the bytes on the wire: the body's only when not Content-Encoded.
      if (!res.headers.has("content-encoding")) total = Number(res.headers.get("content-length")) || 0;
      data = res.body;
    }
    const next =
      data instanceof Blob || data instanceof ReadableStream
        ? await readBytes(data instanceof Blob ? data.stream() : data, loadOptions, hooks, total)
        : Array.isArray(data)
          ? wasm.Dataset.fromObjects(data, loadOptions)
          : wasm.Dataset.fromCsv(String(data), loadOptions);
    this.#data?.free();
    this.#data = next;
    this.#dropEvaluation();
    return { ...next.summary, dimensions: next.dimensions, version: wasm.version() };
  }

  /** Validates a policy document (object or JSON text); `null` removes the policies. Returns the names. */
  async setPolicies(doc) {
    await loadWasm();
    const next = doc == null ? null : new wasm.Policies(typeof doc === "string" ? JSON.parse(doc) : doc);
    this.#policies?.free();
    this.#policies = next;
    this.#dropEvaluation();
    return next ? next.names : [];
  }

  /** The built-in scorecard configuration. */
  async defaultScorecard() {
    await loadWasm();
    return wasm.defaultScorecard();
  }

  /**
   * The report document, plus (when policies are set) the SLA table by
   * `dimension` over all periods (`sla`), by `dimension` × the report's
   * periods (`heat`, empty without a dimension) and by `service` × the
   * report's periods (`services`, empty without one).
   */
  async report(config, options = {}, dimension = null, service = null) {
    const ds = this.#need();
    const report = this.#policies
      ? wasm.reportWithPolicies(ds, this.#policies, config ?? null, options)
      : wasm.report(ds, config ?? null, options);
    if (report.asOf !== this.#asOf) this.#dropEvaluation();
    this.#asOf = report.asOf;
    const sla = this.#policies ? this.#outcomes().compliance({ period: "all", ...(dimension ? { dimension } : {}) }) : [];
    const periods = (this.#periods = { period: report.granularity, zone: report.timezone });
    const by = (d) => (this.#policies && d ? this.#outcomes().compliance({ ...periods, dimension: d }) : []);
    const heat = by(dimension);
    return { report, sla, heat, services: service === dimension ? heat : by(service) };
  }

  /**
   * Where working time went per policy × period of the last report
   * (`outcomes.causes()`: a second pass over every clock, so the element
   * asks for it after its first paint), kept while a what-if only changes
   * targets.
   */
  async causes() {
    if (!this.#policies || !this.#asOf) return { causes: [], topBreaches: [] };
    const key = `${this.#periods.period} ${this.#periods.zone}`;
    if (this.#causes?.[0] !== key) this.#causes = [key, this.#outcomes().causes(this.#periods)];
    return this.#causes[1];
  }

  /** The breach list as of the last report's instant (kept until the data, policies or instant change). */
  async breaches() {
    if (!this.#policies || !this.#asOf) return [];
    return (this.#breaches ??= this.#outcomes().breaches());
  }

  /** One ticket with its outcomes and clock timelines, or null. */
  async ticket(id) {
    if (!this.#policies || !this.#asOf) return null;
    return this.#outcomes().ticket(String(id));
  }

  /** Every per-ticket outcome as CSV (formula cells neutralised by the engine). */
  async outcomesCsv() {
    if (!this.#policies || !this.#asOf) return "";
    return this.#outcomes().toCsv();
  }

  /**
   * The SLA evaluation of the current (data, policies, instant), made once:
   * the compliance table, the breach list, the drill-down and the CSV all
   * read it (no re-evaluation per call).
   */
  #outcomes() {
    return (this.#evaluation ??= wasm.evaluateSla(this.#need(), this.#policies, this.#asOf).outcomes);
  }

  /** Forgets the evaluation (data, policies or instant changed). */
  #dropEvaluation() {
    this.#evaluation?.free();
    this.#evaluation = this.#breaches = this.#causes = null;
  }

  /** Frees the WASM objects. */
  async free() {
    this.#dropEvaluation();
    this.#data?.free();
    this.#policies?.free();
    this.#data = this.#policies = this.#asOf = this.#breaches = null;
  }

  #need() {
    if (!this.#data) throw new Error("no data loaded");
    return this.#data;
  }
}

/**
 * `Dataset.fromStream` over a byte stream, gunzipped on the way in when its
 * first bytes are gzip's magic number (1f 8b) whatever the file is called;
 * `onProgress` gets the bytes read from `stream` itself (compressed ones for
 * a .gz, so they compare with the file's size) and the rows parsed.
 */
async function readBytes(stream, loadOptions, { onProgress, signal } = {}, total = 0) {
  const reader = stream.getReader();
  const stop = () => reader.cancel(signal.reason).catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  let bytes = 0;
  try {
    signal?.throwIfAborted();
    let first = await reader.read();
    signal?.throwIfAborted();
    const gzip = first.value?.[0] === 0x1f && first.value?.[1] === 0x8b;
    const raw = new ReadableStream(
      {
        async pull(controller) {
          const { done, value } = first ?? (await reader.read());
          first = null;
          if (done) return controller.close();
          bytes += value.byteLength;
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return await wasm.Dataset.fromStream(gzip ? raw.pipeThrough(new DecompressionStream("gzip")) : raw, loadOptions, {
      signal,
      // The file's size sizes the data set ahead (not a gzip's: it is not the text's).
      totalBytes: gzip || !total ? undefined : total,
      onProgress: onProgress && (({ rows }) => onProgress({ bytes, total, rows })),
    });
  } catch (e) {
    reader.cancel(e).catch(() => {});
    throw e;
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}

/** The Engine's methods, run in a module worker; errors come back as Errors with their message. */
export class WorkerEngine {
  #worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  #calls = new Map();
  #next = 0;

  constructor() {
    this.#worker.onmessage = ({ data: { id, result, error, progress } }) => {
      const call = this.#calls.get(id);
      if (progress) return call?.onProgress?.(progress);
      this.#calls.delete(id);
      if (error) call?.reject(Object.assign(new Error(error.message), error));
      else call?.resolve(result);
    };
    for (const name of ["setPolicies", "defaultScorecard", "report", "causes", "breaches", "ticket", "outcomesCsv"]) {
      this[name] = (...args) =>
        new Promise((resolve, reject) => {
          const id = this.#next++;
          this.#calls.set(id, { resolve, reject });
          this.#worker.postMessage({ id, method: name, args });
        });
    }
  }

  /**
   * Engine.load in the worker. A Blob (a File) is posted as it is: cloning
   * a Blob shares its bytes, in every browser, and the worker reads
   * `blob.stream()` itself, so the main thread does no work per chunk. A
   * ReadableStream is transferred (transferable streams: Chromium,
   * Firefox); posting its chunks one by one would copy each and lose the
   * stream's back-pressure. A `{ url }` is fetched by the worker itself. Progress comes back as messages; an
   * abort of `signal` is posted to the worker, which aborts the load there.
   */
  load(data, loadOptions = {}, { onProgress, signal } = {}) {
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const id = this.#next++;
      this.#calls.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, method: "load", args: [data, loadOptions] }, data instanceof ReadableStream ? [data] : []);
      signal?.addEventListener("abort", () => this.#worker.postMessage({ cancel: id }), { once: true });
    });
  }

  /** Stops the worker, which frees its WASM memory. */
  async free() {
    this.#worker.terminate();
    for (const call of this.#calls.values()) call.reject(new Error("engine stopped"));
    this.#calls.clear();
  }
}
