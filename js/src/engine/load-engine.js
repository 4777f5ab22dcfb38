// Loads the wasm engine (js/dist/shoal-engine.{mjs,wasm}) in whatever runtime this is. The
// Emscripten build is web/worker-only and never fetches its own wasm: every runtime obtains a
// compiled WebAssembly.Module its own way and hands it in through `instantiateWasm`.
//
//   explicit `wasmModule`  workerd (`import wasm from "shoaldb/dist/shoal-engine.wasm"`), tests
//   Node (file: URLs)      read the file from disk and compile (Node 20's fetch has no file: URLs)
//   Deno (file: URLs)      Deno.readFile and compile (needs --allow-read)
//   browsers and workers   WebAssembly.compileStreaming(fetch(url))
//
// The package's runtime entries (src/index.<runtime>.js, chosen by the exports map) configure this
// module with configureEngineLoader() before any database opens. This file itself imports nothing
// that is not available everywhere, so that browser bundles pull in no Node built-in.
//
// Compiled modules are cached per process (per URL), so opening more databases is cheap; each
// database still gets its own engine instance and memory.

// A static import (not import()): bundles stay one chunk, so a dedicated worker bundled by Vite
// (whose default worker format, iife, cannot split code) needs no configuration.
import createShoalEngine from "../../dist/shoal-engine.mjs";

const compiled = new Map(); // url string -> Promise<WebAssembly.Module>

const loader = {
  /** Runtime name for messages. */
  runtime: undefined,
  /** (url: URL) => Promise<WebAssembly.Module> for file: URLs; null: decided at first use. */
  compileFile: null,
  /** Set where wasm cannot be compiled from bytes (workerd): the message for a missing wasmModule. */
  moduleRequired: null,
};

/**
 * Called by the runtime entries: how this runtime turns a file: URL into a compiled module, or
 * that it can only take a ready module (workerd).
 * @param {{ runtime?: string, compileFile?: (url: URL) => Promise<WebAssembly.Module>, moduleRequired?: string }} options
 */
export function configureEngineLoader(options) {
  Object.assign(loader, options);
}

/**
 * A new instance of the Emscripten engine module.
 * @param {{ wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>, wasmUrl?: string | URL }} [options]
 */
export async function instantiateEngine(options = {}) {
  const wasmModule = await compiledWasm(options);
  let instantiationFailed;
  const failure = new Promise((_, reject) => {
    instantiationFailed = reject;
  });
  const ready = createShoalEngine({
    // Never consulted for the wasm (instantiateWasm below supplies it); set so the module does not
    // derive paths from import.meta.url, which workerd leaves undefined.
    locateFile: (path) => path,
    instantiateWasm(imports, receiveInstance) {
      // A wasm that is not the engine may instantiate and then fail inside receiveInstance.
      WebAssembly.instantiate(wasmModule, imports)
        .then((instance) => receiveInstance(instance))
        .catch(instantiationFailed);
      return {};
    },
  });
  return Promise.race([ready, failure]);
}

/** The compiled engine wasm for these options (cached unless an explicit module is passed). */
export function compiledWasm({ wasmModule, wasmUrl } = {}) {
  if (wasmModule !== undefined) return checkModule(wasmModule);
  if (loader.moduleRequired) return Promise.reject(new Error(loader.moduleRequired));
  let url;
  try {
    url = wasmUrl !== undefined ? new URL(wasmUrl, defaultBase()) : defaultWasmUrl();
  } catch (error) {
    return Promise.reject(error);
  }
  const key = url.href;
  let promise = compiled.get(key);
  if (!promise) {
    promise = compileFromUrl(url);
    compiled.set(key, promise);
    promise.catch(() => compiled.delete(key)); // let a later open retry
  }
  return promise;
}

async function checkModule(wasmModule) {
  const module = await wasmModule;
  if (!(module instanceof WebAssembly.Module)) {
    throw new TypeError("ShoalDB: the wasmModule option must be a WebAssembly.Module");
  }
  return module;
}

function defaultWasmUrl() {
  if (typeof import.meta.url !== "string") {
    throw new Error(
      "ShoalDB: this runtime gives modules no URL, so the engine's wasm cannot be located; " +
        'pass { wasmModule } (for example `import wasmModule from "shoaldb/dist/shoal-engine.wasm"`)',
    );
  }
  // Written out in full (a literal path next to import.meta.url) so that bundlers (Vite, webpack,
  // Parcel, esbuild with a file loader) see the asset, copy it into the build and rewrite the URL.
  return new URL("../../dist/shoal-engine.wasm", import.meta.url);
}

function defaultBase() {
  if (typeof import.meta.url === "string") return import.meta.url;
  return globalThis.location?.href;
}

async function compileFromUrl(url) {
  if (url.protocol === "file:") {
    const compileFile = loader.compileFile ?? (await fallbackFileCompiler());
    if (compileFile) return compileFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`ShoalDB: could not load the engine wasm from ${url} (HTTP ${response.status})`);
  if (typeof WebAssembly.compileStreaming === "function" && isWasmContentType(response)) {
    return WebAssembly.compileStreaming(response);
  }
  // Servers that do not send application/wasm: compileStreaming would reject them.
  return WebAssembly.compile(await response.arrayBuffer());
}

// The source files loaded without a runtime entry (the package's own server and tests import
// src/database.js directly): under Node, load the file reader on demand. The specifier is a
// variable so that no bundler follows it into node: built-ins.
const NODE_FILE_COMPILER = "./wasm-file.node.js";

async function fallbackFileCompiler() {
  if (typeof process !== "object" || typeof process.versions?.node !== "string") return null;
  const { compileWasmFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_FILE_COMPILER);
  return compileWasmFile;
}

function isWasmContentType(response) {
  return (response.headers.get("content-type") ?? "").split(";", 1)[0].trim() === "application/wasm";
}
