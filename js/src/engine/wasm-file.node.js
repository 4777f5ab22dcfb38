// Node (and Node-compatible runtimes): compile the engine wasm from a file: URL. Imported by
// src/index.node.js, or loaded by load-engine.js after it has checked it runs under Node.
import { readFile } from "node:fs/promises";

export async function compileWasmFile(url) {
  let bytes;
  try {
    bytes = await readFile(url);
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new Error(`ShoalDB: the engine wasm is missing at ${url.pathname}; build it with \`npm run build\``, {
        cause: error,
      });
    }
    throw error;
  }
  return WebAssembly.compile(bytes);
}
