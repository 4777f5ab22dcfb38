// Loads the wasm engine (js/dist/shoal-engine.{mjs,wasm}) in whatever runtime this is. The
// Emscripten build is web/worker-only and never fetches its own wasm: every runtime obtains a
// compiled WebAssembly.Module its own way and hands it in through `instantiateWasm`.
//
//   explicit `wasmModule`  workerd (`import wasm from "shoaldb/dist/shoal-engine.wasm"`), Deno, tests
//   Node (file: URLs)      read the file from disk and compile (Node 20's fetch has no file: URLs)
//   browsers and workers   WebAssembly.compileStreaming(fetch(url))
//
// Compiled modules are cached per process (per URL), so opening more databases is cheap; each
// database still gets its own engine instance and memory.

const DEFAULT_WASM_PATH = "../../dist/shoal-engine.wasm";
const compiled = new Map(); // url string -> Promise<WebAssembly.Module>

/**
 * A new instance of the Emscripten engine module.
 * @param {{ wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>, wasmUrl?: string | URL }} [options]
 */
export async function instantiateEngine(options = {}) {
  const [wasmModule, { default: createShoalEngine }] = await Promise.all([
    compiledWasm(options),
    importEngineGlue(),
  ]);
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

async function importEngineGlue() {
  try {
    return await import("../../dist/shoal-engine.mjs");
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND") {
      throw new Error("ShoalDB: the engine (dist/shoal-engine.mjs) is not built; run `npm run build`", { cause: error });
    }
    throw error;
  }
}

/** The compiled engine wasm for these options (cached unless an explicit module is passed). */
export function compiledWasm({ wasmModule, wasmUrl } = {}) {
  if (wasmModule !== undefined) return checkModule(wasmModule);
  const url = wasmUrl !== undefined ? new URL(wasmUrl, defaultBase()) : defaultWasmUrl();
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
  return new URL(DEFAULT_WASM_PATH, import.meta.url);
}

function defaultBase() {
  if (typeof import.meta.url === "string") return import.meta.url;
  return globalThis.location?.href;
}

async function compileFromUrl(url) {
  if (url.protocol === "file:" && isNode()) {
    // A separate file so that browser code paths never load node: built-ins.
    const { compileWasmFile } = await import("./wasm-file.node.js");
    return compileWasmFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`ShoalDB: could not load the engine wasm from ${url} (HTTP ${response.status})`);
  if (typeof WebAssembly.compileStreaming === "function" && isWasmContentType(response)) {
    return WebAssembly.compileStreaming(response);
  }
  // Servers that do not send application/wasm: compileStreaming would reject them.
  return WebAssembly.compile(await response.arrayBuffer());
}

function isWasmContentType(response) {
  return (response.headers.get("content-type") ?? "").split(";", 1)[0].trim() === "application/wasm";
}

function isNode() {
  return typeof process === "object" && typeof process.versions?.node === "string";
}
