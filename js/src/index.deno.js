// The shoaldb package under Deno: the engine's wasm is read with Deno.readFile (run with
// --allow-read for the package's folder; --allow-net is only needed to serve).
import { configureEngineLoader } from "./engine/load-engine.js";
import { compileWasmFileDeno } from "./engine/wasm-file.deno.js";

configureEngineLoader({ runtime: "deno", compileFile: compileWasmFileDeno });

export * from "./index.js";
