// The worker side of the storage tests: runs the scenario a page posts and posts back its result.
// A dedicated worker is where OPFS sync access handles exist.
import * as scenarios from "/storage-scenarios.js";

self.onmessage = async ({ data: { id, name, args } }) => {
  try {
    if (typeof scenarios[name] !== "function") throw new Error(`no scenario ${name}`);
    self.postMessage({ id, ok: true, value: await scenarios[name](args) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(error?.stack ?? error) });
  }
};
