// Demo page entry: loads the WebAssembly engine and reports that it is ready.
// Plain ES module with no inline code, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval').

import init, { version } from "../pkg/sla_scorecard.js";

const status = document.getElementById("status");

try {
  await init();
  status.textContent = `Engine ready — version ${version()}`;
  status.dataset.ready = "true";
} catch (err) {
  status.textContent = `The engine failed to load: ${err instanceof Error ? err.message : String(err)}`;
  status.dataset.ready = "error";
  throw err;
}
