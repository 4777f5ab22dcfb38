// The page side of the storage tests: runs a scenario of storage-scenarios.js in this page or in a
// dedicated worker (storage-worker.js, one per page, kept so that a held database stays open).
// The Node side calls window.runScenario(where, name, args), or startScenario + scenarioState to
// watch a call that is expected to wait (for another tab's lock).
import * as scenarios from "/storage-scenarios.js";

let worker = null;
let nextCall = 0;
const calls = new Map(); // call id -> { resolve, reject }
const started = new Map(); // key -> { state: "pending" | "done" | "failed", value, error }

function inWorker(name, args) {
  if (!worker) {
    worker = new Worker("/storage-worker.js", { type: "module" });
    worker.onmessage = ({ data }) => {
      const call = calls.get(data.id);
      calls.delete(data.id);
      if (data.ok) call.resolve(data.value);
      else call.reject(new Error(data.error));
    };
    worker.onerror = (event) => {
      for (const call of calls.values()) call.reject(new Error(`worker error: ${event.message}`));
      calls.clear();
    };
  }
  const id = (nextCall += 1);
  return new Promise((resolve, reject) => {
    calls.set(id, { resolve, reject });
    worker.postMessage({ id, name, args });
  });
}

window.runScenario = async (where, name, args = {}) => {
  if (where === "worker") return inWorker(name, args);
  if (typeof scenarios[name] !== "function") throw new Error(`no scenario ${name}`);
  return scenarios[name](args);
};

window.startScenario = (key, where, name, args) => {
  const entry = { state: "pending" };
  started.set(key, entry);
  window.runScenario(where, name, args).then(
    (value) => Object.assign(entry, { state: "done", value }),
    (error) => Object.assign(entry, { state: "failed", error: String(error?.message ?? error) }),
  );
};

window.scenarioState = (key) => started.get(key) ?? null;
window.storagePageReady = true;
