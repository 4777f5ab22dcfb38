// Runs one benchmark task in a dedicated worker (see bench-page.js).
self.onmessage = async ({ data: { engine, op, args } }) => {
  try {
    const module = await import(`/bench/engine-${engine}.js`);
    await module.warm();
    self.postMessage({ ok: true, value: await module[op](args) });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
};
