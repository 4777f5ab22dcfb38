// Runs the workload (workload.js) for one system (system-<name>.js) on one storage, then removes
// what it stored, and posts each phase's time in ms.
import { runWorkload } from "./workload.js";

self.onmessage = async ({ data: { system, storage, name, debug } }) => {
  globalThis.benchDebug = debug;
  try {
    const module = await import(`/bench/system-${system}.js`);
    await module.warm();
    const adapter = await module.openFresh(storage, name);
    const ms = await runWorkload(adapter, { durable: storage !== "memory" });
    await module.remove(storage, name); // after a failure, the profile is thrown away with the browser
    self.postMessage({ ok: true, value: ms });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.stack ?? error) });
  }
};
