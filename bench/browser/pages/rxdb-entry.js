// What the RxDB column imports, bundled by run.mjs with esbuild into one browser module (RxDB's
// npm files import bare package names, which a browser cannot resolve without a bundler).
export { createRxDatabase } from "rxdb";
export { getRxStorageMemory } from "rxdb/plugins/storage-memory";
