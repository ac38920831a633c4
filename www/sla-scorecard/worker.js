// Module worker of the <sla-scorecard worker> element: runs an Engine off
// the main thread and answers { id, method, args } with { id, result } or
// { id, error: { message, path, row, column } }.

import { Engine } from "./engine.js";

const engine = new Engine();
const METHODS = new Set(["load", "setPolicies", "defaultScorecard", "report", "breaches", "ticket", "outcomesCsv"]);

self.onmessage = async ({ data: { id, method, args } }) => {
  try {
    if (!METHODS.has(method)) throw new Error(`unknown engine method ${method}`);
    self.postMessage({ id, result: await engine[method](...args) });
  } catch (e) {
    self.postMessage({ id, error: { message: e?.message ?? String(e), path: e?.path, row: e?.row, column: e?.column } });
  }
};
