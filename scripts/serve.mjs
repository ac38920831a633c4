// A small static file server for the demo and the end-to-end tests, with no
// dependencies. It serves the repository root on 127.0.0.1 only, with the
// right MIME types (`application/wasm` included, so streaming instantiation
// works), no caching, and optionally a strict Content-Security-Policy.
//
//   node scripts/serve.mjs [--csp] [--port N] [--root DIR]
//
// The port comes from --port, else the PORT environment variable, else 8080;
// if it is taken, a free port is used instead. Port 0 means "any free port".
// Tests import `serve()` instead of starting a process.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (the parent of this script's folder). */
export const REPO_ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The policy the strict mode sends: what a locked-down portal allows. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  // Compressed sample data is fetched as bytes and decompressed by the page:
  // no Content-Encoding, so the browser hands over the gzip stream unchanged.
  ".gz": "application/gzip",
};

/**
 * Starts serving `root`. Resolves to `{ server, port, url, close }` once
 * listening; `url` ends with "/". When `port` is taken, falls back to a free
 * port (unless `strictPort`).
 */
export async function serve({ root = REPO_ROOT, port = 0, csp = false, strictPort = false } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    handle(base, csp, req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${err.message}\n`, csp);
      else res.destroy();
    });
  });
  const listen = (p) =>
    new Promise((ok, fail) => {
      const onError = (err) => {
        server.off("listening", onListening);
        fail(err);
      };
      const onListening = () => {
        server.off("error", onError);
        ok();
      };
      server.once("error", onError);
      server.once("listening", onListening);
      server.listen(p, "127.0.0.1");
    });
  try {
    await listen(port);
  } catch (err) {
    if (err.code !== "EADDRINUSE" || strictPort) throw err;
    await listen(0);
  }
  const actual = server.address().port;
  return {
    server,
    port: actual,
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

function headers(csp, extra = {}) {
  const h = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...extra,
  };
  if (csp) h["Content-Security-Policy"] = STRICT_CSP;
  return h;
}

function send(res, status, text, csp, extra = {}) {
  res.writeHead(status, headers(csp, { "Content-Type": "text/plain; charset=utf-8", ...extra }));
  res.end(res.req.method === "HEAD" ? undefined : text);
}

async function handle(base, csp, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "Method not allowed\n", csp, { Allow: "GET, HEAD" });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
  } catch {
    return send(res, 400, "Bad request\n", csp);
  }
  // No dot-files or dot-folders (.git, .ci) and nothing outside the root.
  if (pathname.includes("\0") || pathname.split("/").some((part) => part.startsWith("."))) {
    return send(res, 404, "Not found\n", csp);
  }
  let file = normalize(join(base, pathname));
  if (file !== base && !file.startsWith(base + sep)) return send(res, 404, "Not found\n", csp);

  let info = await stat(file).catch(() => null);
  if (info && info.isDirectory()) {
    if (!pathname.endsWith("/")) {
      return send(res, 301, "Moved\n", csp, { Location: `${pathname}/` });
    }
    file = join(file, "index.html");
    info = await stat(file).catch(() => null);
  }
  if (!info || !info.isFile()) return send(res, 404, "Not found\n", csp);

  res.writeHead(200, headers(csp, {
    "Content-Type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": info.size,
  }));
  if (req.method === "HEAD") return res.end();
  createReadStream(file).on("error", () => res.destroy()).pipe(res);
}

function parseArgs(argv) {
  const opts = { csp: false, port: 8080, root: REPO_ROOT };
  let port = process.env.PORT || "8080";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--csp") opts.csp = true;
    else if (a === "--port") port = argv[++i] ?? "";
    else if (a === "--root") opts.root = resolve(argv[++i] ?? "");
    else throw new Error(`unknown option ${a} (expected --csp, --port N, --root DIR)`);
  }
  opts.port = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  if (!(opts.port <= 65535)) throw new Error(`port: ${JSON.stringify(port)} is not a port number (0-65535)`);
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve.mjs: ${err.message}`);
    process.exit(2);
  }
  const { url, port, close } = await serve(opts);
  if (opts.port !== 0 && port !== opts.port) {
    console.log(`Port ${opts.port} is taken; using ${port} instead.`);
  }
  console.log(`Serving ${opts.root} at ${url}${opts.csp ? " (strict CSP)" : ""}`);
  console.log(`Demo page: ${url}www/`);
  console.log("Press Ctrl+C to stop.");
  const stop = () => close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
