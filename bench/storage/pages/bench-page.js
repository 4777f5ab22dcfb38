// The benchmark page: runs one task of an engine module (engine-*.js: build, open, writes) in this
// page or in a new dedicated worker that ends with the task, so every open starts from a fresh
// context with the engine's code already loaded (warm() runs before the timed part).
window.benchTask = async (where, engine, op, args) => {
  if (where === "page") {
    const module = await import(`/bench/engine-${engine}.js`);
    await module.warm();
    return module[op](args);
  }
  const worker = new Worker("/bench/bench-worker.js", { type: "module" });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.ok ? resolve(data.value) : reject(new Error(data.error)));
      worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
      worker.postMessage({ engine, op, args });
    });
  } finally {
    worker.terminate();
  }
};

/** What the origin stores, by kind (Chromium's usageDetails: indexedDB, fileSystem). */
window.storageUsage = async () => (await navigator.storage.estimate()).usageDetails ?? {};
window.benchReady = true;
