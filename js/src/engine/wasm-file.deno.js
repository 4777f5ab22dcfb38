// Deno: compile the engine wasm from a file: URL. Only imported by src/index.deno.js.
/* global Deno */

export async function compileWasmFileDeno(url) {
  let bytes;
  try {
    bytes = await Deno.readFile(url);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`ShoalDB: the engine wasm is missing at ${url.pathname}; build it with \`npm run build\``, { cause: error });
    }
    if (isPermissionError(error)) {
      throw new Error(`ShoalDB: Deno may not read the engine wasm at ${url.pathname}; run with --allow-read`, { cause: error });
    }
    throw error;
  }
  return WebAssembly.compile(bytes);
}

function isPermissionError(error) {
  return [Deno.errors.NotCapable, Deno.errors.PermissionDenied].some((type) => type && error instanceof type);
}
