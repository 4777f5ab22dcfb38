// The shoaldb package in Cloudflare workerd (Workers, wrangler, Miniflare). workerd compiles wasm
// only from modules declared with the worker, never from fetched bytes, and gives modules no
// import.meta.url: the engine must be handed in as a module.
//
//   import { ShoalDB } from "shoaldb";
//   import wasmModule from "shoaldb/dist/shoal-engine.wasm"; // a CompiledWasm module
//   const db = await ShoalDB.open({ wasmModule });
import { configureEngineLoader } from "./engine/load-engine.js";

configureEngineLoader({
  runtime: "workerd",
  moduleRequired:
    "ShoalDB in workerd: pass { wasmModule }, the engine imported as a wasm module " +
    '(`import wasmModule from "shoaldb/dist/shoal-engine.wasm"`); workerd cannot compile wasm from a URL or bytes',
});

export * from "./index.js";
