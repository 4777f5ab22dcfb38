// The page: the round trip here, then the same in a dedicated worker (bundled by Vite from the
// `new Worker(new URL(...), ...)` below). window.testResult is what the test reads.
import { roundTrip } from "./round-trip.js";

function inWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.ok) resolve(data.value);
      else reject(new Error(`worker: ${data.error}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`worker failed to load: ${event.message ?? "error event"}`));
    };
  });
}

window.testResult = (async () => {
  try {
    const page = await roundTrip();
    const worker = await inWorker();
    return { ok: true, value: { page, worker } };
  } catch (error) {
    return { ok: false, error: String(error?.stack ?? error) };
  }
})();

window.testResult.then((result) => {
  document.getElementById("out").textContent = JSON.stringify(result, null, 2);
});
