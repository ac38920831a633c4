// The JS API's guard: appended to wasm-bindgen's glue (pkg/sla_scorecard.js)
// by scripts/package-element.mjs, followed by a generated line that hands it
// the glue's classes and functions. It runs in the glue's module scope and
// uses the glue's own names (wasm, wasmModule, __wbg_finalize_init,
// __wbg_get_imports, _assertClass, FinalizationRegistry; wasm-bindgen is
// pinned in Cargo.toml and the package step fails if one is missing).
//
// - Misuse: a call before init(), an object of the wrong type, a freed object
//   throw a SlaScorecardError naming the call, what it got and what it
//   expected (the glue alone says "Cannot read properties of undefined",
//   "expected instance of u", "null pointer passed to rust").
// - Recovery: an exception escaping a WebAssembly export (a panic, thrown by
//   the hook of src/wasm/mod.rs, or a RuntimeError) leaves the instance
//   untrustworthy (panic = "abort": nothing was unwound, borrows stay taken).
//   That call throws a SlaScorecardError with `restarted: true`; the next call
//   instantiates the compiled module afresh, and every object made before the
//   trap throws one too. free() of such an object does nothing.
// docs/reliability.md describes both.

/** The instance's generation: one more at each restart; objects carry theirs. */
let slaGeneration = 0;
/** Set when an exception escaped a WebAssembly export: the next call restarts. */
let slaDead = false;
/** The call under way, as errors name it ("Dataset.addCsv", "new Policies"). */
let slaCall = "";
/** Property holding the generation an object was made in. */
const SLA_GENERATION = Symbol();
/** Each class's public name (the minified glue's class names are one letter). */
const slaNames = new Map();
const SLA_RESTARTED = "the engine was restarted after an internal error; load the data again";

/** A SlaScorecardError about the call under way; `restarted` marks the ones that mean "load the data again". */
const slaError = (message, restarted) =>
  Object.assign(new Error(`${slaCall}: ${message}`), { name: "SlaScorecardError", restarted });

/** Starts an API call: the module must be initialised, and a dead instance is replaced first. */
function slaEnter(call) {
  slaCall = call;
  if (!wasm) throw slaError("called before init()");
  if (slaDead) {
    __wbg_finalize_init(new WebAssembly.Instance(wasmModule, __wbg_get_imports()), wasmModule);
    slaGeneration++;
    slaDead = false;
  }
}

/** Throws unless `value` is a `klass` object of this instance, not freed (replaces the glue's `_assertClass`). */
function slaCheck(value, klass) {
  const stale = value instanceof klass && value[SLA_GENERATION] !== slaGeneration;
  const got = !(value instanceof klass)
    ? `${slaNames.get(value?.constructor) ?? value?.constructor?.name ?? (value === null ? value : typeof value)}`
    : stale
      ? `an old one: ${SLA_RESTARTED}`
      : value.__wbg_ptr
        ? ""
        : "a freed one";
  if (got) throw slaError(`expected a ${slaNames.get(klass)}, got ${got}`, stale || undefined);
}
_assertClass = slaCheck;

/**
 * The glue's finalization registries (this declaration shadows the global):
 * each object made is stamped with its generation, and a collected object's
 * memory is freed only in the instance that made it.
 */
function FinalizationRegistry(free) {
  const registry = new globalThis.FinalizationRegistry(([ptr, generation]) => generation === slaGeneration && !slaDead && free(ptr));
  return {
    register(object, ptr, token) {
      object[SLA_GENERATION] = slaGeneration;
      registry.register(object, [ptr, slaGeneration], token);
    },
    unregister: (token) => registry.unregister(token),
  };
}

// Every export of an instance runs through a catch: an exception out of
// WebAssembly marks the instance dead.
const slaFinalizeInit = __wbg_finalize_init;
__wbg_finalize_init = (instance, module) => {
  wasm = { ...slaFinalizeInit(instance, module) };
  for (const key in wasm) {
    const fn = wasm[key];
    if (typeof fn == "function") {
      wasm[key] = (...args) => {
        try {
          return fn(...args);
        } catch (e) {
          slaDead = true;
          throw e?.restarted ? e : slaError(`${e}; ${SLA_RESTARTED}`, true);
        }
      };
    }
  }
  return wasm;
};

/**
 * The glue's classes and functions, guarded: each function, method, getter
 * and constructor enters through `slaEnter`, and methods check their object.
 */
function slaGuard(exports) {
  for (const name in exports) {
    const klass = exports[name];
    if (!klass.prototype?.free) {
      exports[name] = (...args) => (slaEnter(name), klass(...args));
      continue;
    }
    slaNames.set(klass, name);
    for (const owner of [klass, klass.prototype]) {
      for (const key of Reflect.ownKeys(owner)) {
        const d = Object.getOwnPropertyDescriptor(owner, key);
        const fn = d.get ?? d.value;
        if (typeof fn != "function" || key[0] == "_" || key == "constructor") continue;
        d[d.get ? "get" : "value"] =
          fn.name == "free" // free(), and [Symbol.dispose]() which is the same function
            ? // Freeing twice, or an object of a dead instance, does nothing.
              function () {
                !slaDead && this[SLA_GENERATION] === slaGeneration && this.__wbg_ptr ? fn.call(this) : (this.__wbg_ptr = 0);
              }
            : function (...args) {
                slaEnter(`${name}.${key}`);
                if (owner != klass) slaCheck(this, klass);
                return fn.apply(this, args);
              };
        Object.defineProperty(owner, key, d);
      }
    }
    slaNames.set((exports[name] = new Proxy(klass, { construct: (...a) => (slaEnter(`new ${name}`), Reflect.construct(...a)) })), name);
  }
  return exports;
}
