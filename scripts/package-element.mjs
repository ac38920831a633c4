// The package step after `wasm-pack build`: puts the <sla-scorecard> element
// into pkg/ beside the module, minified, so that pkg/ is what a portal ships.
//
//   node scripts/package-element.mjs [dir]   (run by scripts/package.sh; dir: pkg/ by default,
//                                             target/pkg-test-panic/ for scripts/package-test.sh)
//
// pkg/ afterwards:
//   sla_scorecard_bg.wasm, sla_scorecard.js   the module and its JS glue (guarded by
//                                             src/wasm/glue-guard.js and minified here)
//   sla-scorecard.js                          the element: import it to define <sla-scorecard>
//   sla-scorecard.d.ts                        the element's types (www/sla-scorecard/sla-scorecard.d.ts)
//   worker.js                                 the element's Web Worker (the `worker` attribute)
//   sla-scorecard-<hash>.js                   code the element and its worker share
//   styles.css                                the element's stylesheet (fetched by the element)
//
// The element's sources stay in www/sla-scorecard/ (the demo runs them as
// they are); esbuild only bundles and minifies, it changes no behaviour. The
// element's import of the glue stays an import of ./sla_scorecard.js, so the
// JS API and the element share one copy of the glue and of the module.

import { build } from "esbuild";
import { minify } from "terser";
import { copyFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = resolve(root, process.argv[2] ?? "pkg");
const source = join(root, "www/sla-scorecard");

/** The files this step adds to pkg/ (besides the shared chunk, named by its hash). */
const ELEMENT_FILES = ["sla-scorecard.js", "sla-scorecard.d.ts", "worker.js", "sla-scorecard-*.js", "styles.css"];

/**
 * pkg/package.json's `exports`: what a portal imports by name. The JS API
 * (with the glue's types), the element (with its hand-written types), the
 * worker and the stylesheet (which the element loads itself; exported for
 * bundlers and for preloading), and the .wasm, which Node reads from disk:
 * `readFileSync(fileURLToPath(import.meta.resolve("sla-scorecard/sla_scorecard_bg.wasm")))`.
 */
const EXPORTS = {
  ".": { types: "./sla_scorecard.d.ts", default: "./sla_scorecard.js" },
  "./element": { types: "./sla-scorecard.d.ts", default: "./sla-scorecard.js" },
  "./worker": "./worker.js",
  "./styles.css": "./styles.css",
  "./sla_scorecard_bg.wasm": "./sla_scorecard_bg.wasm",
  "./package.json": "./package.json",
};

// The element and its worker, with their shared code in one chunk. The
// worker's name must stay worker.js: engine.js starts it as
// new URL("./worker.js", import.meta.url), and the chunk sits beside it.
const keepGlueExternal = {
  name: "glue",
  setup(b) {
    b.onResolve({ filter: /\/pkg\/sla_scorecard\.js$/ }, () => ({ path: "./sla_scorecard.js", external: true }));
  },
};
// A shared chunk of an earlier run has another hash: remove it, or pkg/ ships
// (and scripts/check-size.sh counts) a stale copy.
for (const name of await readdir(pkg)) {
  if (/^sla-scorecard-[A-Z0-9]+\.js$/.test(name)) await rm(join(pkg, name));
}
await build({
  absWorkingDir: root,
  entryPoints: { "sla-scorecard": join(source, "element.js"), worker: join(source, "worker.js") },
  outdir: pkg,
  chunkNames: "sla-scorecard-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  plugins: [keepGlueExternal],
  logLevel: "warning",
});

// The element's types, beside the glue's (which they import).
await copyFile(join(source, "sla-scorecard.d.ts"), join(pkg, "sla-scorecard.d.ts"));

// The stylesheet, fetched by the element as new URL("./styles.css", import.meta.url).
await build({
  entryPoints: [join(source, "styles.css")],
  outfile: join(pkg, "styles.css"),
  minify: true,
  logLevel: "warning",
});

// wasm-pack's glue with the guard appended (src/wasm/glue-guard.js: errors that
// name the call on misuse, a fresh instance after a trap), then the line that
// hands the guard the glue's classes and functions.
const gluePath = join(pkg, "sla_scorecard.js");
const glue = await readFile(gluePath, "utf8");
for (const [name, pattern] of [
  ["wasm", /^let wasmModule, wasmInstance, wasm;$/m],
  ["__wbg_finalize_init", /^function __wbg_finalize_init\(instance, module\)/m],
  ["__wbg_get_imports", /^function __wbg_get_imports\(\)/m],
  ["_assertClass", /^function _assertClass\(instance, klass\)/m],
  ["FinalizationRegistry", /= \(typeof FinalizationRegistry === 'undefined'\)/],
]) {
  if (!pattern.test(glue)) {
    throw new Error(`${gluePath}: no ${name} as src/wasm/glue-guard.js expects it (not wasm-pack's output, or another wasm-bindgen version)`);
  }
}
const names = [...glue.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]).join(", ");
const guard = await readFile(join(root, "src/wasm/glue-guard.js"), "utf8");
await writeFile(gluePath, `${glue}\n${guard}\n({ ${names} } = slaGuard({ ${names} }));\n`);

// wasm-pack's glue and the JS snippets it imports (src/wasm/stream.js, copied
// as written, comments and all), minified in place (their exports keep their
// names; the .d.ts beside the glue still describes it).
const snippets = (await readdir(join(pkg, "snippets"), { recursive: true }).catch(() => []))
  .filter((name) => name.endsWith(".js"))
  .map((name) => join(pkg, "snippets", name));
for (const file of [gluePath, ...snippets]) {
  await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
}

// Then terser over every script of the package: esbuild bundles and minifies
// fast, terser's compressor takes 520 B more off the gzip of the element,
// its chunk, the worker and the glue (19,919 → 19,399 B, measured on
// 2026-12-03). Module mode: exports keep their names.
for (const file of [join(pkg, "sla-scorecard.js"), join(pkg, "worker.js"), gluePath, ...snippets, ...(await readdir(pkg))
  .filter((name) => /^sla-scorecard-[A-Z0-9]+\.js$/.test(name))
  .map((name) => join(pkg, name))]) {
  const { code } = await minify(await readFile(file, "utf8"), { module: true, ecma: 2022, compress: { passes: 2 }, mangle: true });
  await writeFile(file, code);
}

// pkg/package.json (written by wasm-pack): publish the element's files too,
// name the entry points, and mark the element as having side effects (it
// defines a custom element).
const manifestPath = join(pkg, "package.json");
const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
manifest.files = [...new Set([...(manifest.files ?? []), ...ELEMENT_FILES])];
manifest.exports = EXPORTS;
manifest.sideEffects = [...new Set([...(manifest.sideEffects ?? []), "./sla-scorecard.js", "./worker.js"])];
await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
