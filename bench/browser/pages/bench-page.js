// The benchmark page: runs the workload for one system on one storage in a new dedicated worker
// that ends with it, so every run starts from a fresh context (the system's code is loaded and its
// wasm compiled before the timed part, in warm()).
window.runSystem = async (system, storage, name, debug = false) => {
  const worker = new Worker("/bench/bench-worker.js", { type: "module" });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.ok ? resolve(data.value) : reject(new Error(data.error)));
      worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
      worker.postMessage({ system, storage, name, debug });
    });
  } finally {
    worker.terminate();
  }
};
window.benchReady = true;
