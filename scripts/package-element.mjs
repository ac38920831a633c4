// The package step after `wasm-pack build`: puts the <sla-scorecard> element
// into pkg/ beside the module, minified, so that pkg/ is what a portal ships.
//
//   node scripts/package-element.mjs      (run by scripts/package.sh)
//
// pkg/ afterwards:
//   sla_scorecard_bg.wasm, sla_scorecard.js   the module and its JS glue (minified here)
//   sla-scorecard.js                          the element: import it to define <sla-scorecard>
//   worker.js                                 the element's Web Worker (the `worker` attribute)
//   sla-scorecard-<hash>.js                   code the element and its worker share
//   styles.css                                the element's stylesheet (fetched by the element)
//
// The element's sources stay in www/sla-scorecard/ (the demo runs them as
// they are); esbuild only bundles and minifies, it changes no behaviour. The
// element's import of the glue stays an import of ./sla_scorecard.js, so the
// JS API and the element share one copy of the glue and of the module.

import { build } from "esbuild";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "pkg");
const source = join(root, "www/sla-scorecard");

/** The files this step adds to pkg/ (besides the shared chunk, named by its hash). */
const ELEMENT_FILES = ["sla-scorecard.js", "worker.js", "sla-scorecard-*.js", "styles.css"];

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

// The stylesheet, fetched by the element as new URL("./styles.css", import.meta.url).
await build({
  entryPoints: [join(source, "styles.css")],
  outfile: join(pkg, "styles.css"),
  minify: true,
  logLevel: "warning",
});

// wasm-pack's glue, minified in place (its exports keep their names; the
// .d.ts beside it still describes it).
await build({
  entryPoints: [join(pkg, "sla_scorecard.js")],
  outfile: join(pkg, "sla_scorecard.js"),
  allowOverwrite: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});

// pkg/package.json (written by wasm-pack): publish the element's files too,
// and mark the element as having side effects (it defines a custom element).
const manifestPath = join(pkg, "package.json");
const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
manifest.files = [...new Set([...(manifest.files ?? []), ...ELEMENT_FILES])];
manifest.sideEffects = [...new Set([...(manifest.sideEffects ?? []), "./sla-scorecard.js", "./worker.js"])];
await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
