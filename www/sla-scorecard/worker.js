// Module worker of the <sla-scorecard worker> element: runs an Engine off
// the main thread and answers { id, method, args } with { id, result } or
// { id, error: { name, message, path, row, column, restarted } }; a load also sends
// { id, progress: { bytes, rows } } and stops on { cancel: id }.

import { Engine } from "./engine.js";

const engine = new Engine();
const METHODS = new Set(["load", "setPolicies", "defaultScorecard", "report", "causes", "breaches", "ticket", "outcomesCsv"]);

const loads = new Map(); // id → AbortController of a load under way

self.onmessage = async ({ data: { id, method, args, cancel } }) => {
  if (cancel !== undefined) return loads.get(cancel)?.abort();
  try {
    if (!METHODS.has(method)) throw new Error(`unknown engine method ${method}`);
    if (method === "load") {
      // A load reports progress ({ id, progress }) and can be cancelled ({ cancel: id }).
      const controller = new AbortController();
      loads.set(id, controller);
      args = [args[0], args[1], { signal: controller.signal, onProgress: (progress) => self.postMessage({ id, progress }) }];
    }
    self.postMessage({ id, result: await engine[method](...args) });
  } catch (e) {
    self.postMessage({ id, error: { name: e?.name ?? "Error", message: e?.message ?? String(e), path: e?.path, row: e?.row, column: e?.column, restarted: e?.restarted } });
  } finally {
    loads.delete(id);
  }
};
