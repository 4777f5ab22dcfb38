// The shoaldb package under Node (and Bun): the engine's wasm is read from disk next to the package.
import { configureEngineLoader } from "./engine/load-engine.js";
import { compileWasmFile } from "./engine/wasm-file.node.js";

configureEngineLoader({ runtime: "node", compileFile: compileWasmFile });

export * from "./index.js";
