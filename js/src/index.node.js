// The shoaldb package under Node (and Bun): the engine's wasm is read from disk next to the package,
// and databases can live in a folder (storage "fs").
import { configureEngineLoader } from "./engine/load-engine.js";
import { compileWasmFile } from "./engine/wasm-file.node.js";
import { registerStorage } from "./storage/choose-storage.js";
import { FileStorage } from "./storage/fs-storage.node.js";

configureEngineLoader({ runtime: "node", compileFile: compileWasmFile });
registerStorage("fs", (options) => new FileStorage(options.path ?? "shoaldb-data"));

export * from "./index.js";
