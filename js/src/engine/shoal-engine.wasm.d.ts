// `import wasmModule from "shoaldb/dist/shoal-engine.wasm"`: where the runtime or bundler imports
// wasm files as compiled modules (workerd and wrangler, Deno's `import source`-style loaders), this
// is the engine to pass as ShoalDB.open({ wasmModule }).
declare const wasmModule: WebAssembly.Module;
export default wasmModule;
