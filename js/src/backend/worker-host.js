// The dedicated worker behind ShoalDB.open({ worker: true }): one LocalBackend, driven by batched
// calls from worker-backend.js. Calls run in the order they arrive (the engine is synchronous, so
// a call's request is executed the moment it is read); answers go back batched per turn.
import { LocalBackend } from "./local-backend.js";

let backend = null;
let results = [];
let feed = [];

function reply(id, ok, value) {
  if (results.length === 0 && feed.length === 0) queueMicrotask(send);
  results.push([id, ok, value]);
}

function send() {
  const message = { type: "results", feed, results };
  results = [];
  feed = [];
  self.postMessage(message);
}

function describe(error) {
  return { name: error?.name ?? "Error", message: error?.message ?? String(error) };
}

async function open(options) {
  backend = await LocalBackend.open(options);
  backend.onFeed = (records) => {
    if (results.length === 0 && feed.length === 0) queueMicrotask(send);
    feed.push(records);
  };
  return backend.storage;
}

const methods = {
  open,
  executeRaw: (operation, requestJson) => backend.executeRaw(operation, requestJson),
  watch: (table, on) => backend.watch(table, on),
  flush: () => backend.flush(),
  setEndpointAddress: (address) => backend.setEndpointAddress(address),
  checkpoint: () => backend.checkpoint(),
  close: () => backend?.close(),
};

self.onmessage = ({ data }) => {
  if (data?.type !== "calls") return;
  for (const [id, method, args] of data.calls) {
    let result;
    try {
      if (method !== "open" && backend === null) throw new Error("ShoalDB worker: the database is not open");
      result = methods[method](...args);
    } catch (error) {
      reply(id, false, describe(error));
      continue;
    }
    Promise.resolve(result).then(
      (value) => reply(id, true, value ?? null),
      (error) => reply(id, false, describe(error)),
    );
  }
};
