// ShoalDB.open({ worker: true }): the engine (and its storage: OPFS sync access handles exist only
// in dedicated workers) runs in a dedicated worker, and this thread keeps the same API. Calls
// made in one turn of this thread travel as one message, and the answers come back batched the
// same way, so a burst of requests costs two messages, not two per request. Document conversion
// (marshalling) stays on this thread: only operation names and wire JSON strings cross.
import { internalError } from "./local-backend.js";

export class WorkerBackend {
  #worker;
  #pending = new Map(); // call id -> { resolve, reject }
  #nextId = 1;
  #outbox = [];
  #failure = null; // set when the worker died: every later call fails with it
  #storage = null;
  #closed = false;
  /** Called with the watched tables' new stream records (a JSON array string). */
  onFeed = null;

  /** @param {import("../index.js").OpenOptions} options */
  static async open(options) {
    const { worker, marshallOptions, unmarshallOptions, ...engineOptions } = options;
    if (typeof engineOptions.storage === "object" && engineOptions.storage !== null) {
      throw new TypeError("ShoalDB.open: a storage adapter object cannot move into a worker; name a storage kind instead");
    }
    if (engineOptions.clock !== undefined) throw new TypeError("ShoalDB.open: a clock function cannot move into a worker");
    let instance;
    if (typeof Worker !== "undefined" && worker instanceof Worker) {
      instance = worker; // a worker the app started from shoaldb/worker-host
    } else if (worker === true) {
      if (typeof Worker === "undefined") {
        throw new TypeError("ShoalDB.open: worker: true needs Web Workers (browsers, Deno); this runtime has none");
      }
      instance = new Worker(new URL("./worker-host.js", import.meta.url), { type: "module", name: "shoaldb" });
    } else {
      throw new TypeError("ShoalDB.open: the worker option must be true or a Worker running shoaldb's worker host");
    }
    const backend = new WorkerBackend(instance);
    try {
      backend.#storage = await backend.#call("open", [engineOptions]);
    } catch (error) {
      instance.terminate();
      throw error;
    }
    return backend;
  }

  constructor(worker) {
    this.#worker = worker;
    worker.onmessage = (event) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.#fail(new Error(`ShoalDB worker failed: ${event.message ?? "unknown error"}`));
    };
    worker.onmessageerror = () => this.#fail(new Error("ShoalDB worker: a message could not be read"));
  }

  get closed() {
    return this.#closed;
  }

  get storage() {
    return this.#storage;
  }

  async executeRaw(operation, requestJson) {
    if (typeof operation !== "string") throw new TypeError("ShoalDB: the operation must be a string");
    if (typeof requestJson !== "string") throw new TypeError("ShoalDB: the request must be a JSON string");
    this.#checkOpen();
    try {
      return await this.#call("executeRaw", [operation, requestJson]);
    } catch (error) {
      return internalError(error.message);
    }
  }

  watch(table, on) {
    if (!this.#closed && !this.#failure) this.#call("watch", [table, on]).catch(() => {});
  }

  flush() {
    this.#checkOpen();
    return this.#call("flush", []);
  }

  setEndpointAddress(address) {
    this.#checkOpen();
    return this.#call("setEndpointAddress", [address]);
  }

  checkpoint() {
    this.#checkOpen();
    return this.#call("checkpoint", []);
  }

  async close() {
    if (this.#closed) return;
    this.#closed = true;
    this.onFeed = null;
    try {
      if (!this.#failure) await this.#call("close", []);
    } finally {
      this.#worker.terminate();
    }
  }

  #checkOpen() {
    if (this.#closed) throw new Error("ShoalDB: the database is closed");
  }

  #call(method, args) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const settled = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    if (this.#outbox.length === 0) queueMicrotask(() => this.#send());
    this.#outbox.push([id, method, args]);
    return settled;
  }

  #send() {
    const calls = this.#outbox;
    this.#outbox = [];
    try {
      this.#worker.postMessage({ type: "calls", calls });
    } catch (error) {
      for (const [id] of calls) this.#settle(id, false, { name: error.name, message: error.message });
    }
  }

  // Stream records first, then answers: a subscriber hears of a change before the request that
  // made it settles, as with a database in this thread.
  #receive(message) {
    if (message?.type !== "results") return;
    if (this.onFeed !== null) for (const feed of message.feed) this.onFeed(feed);
    for (const [id, ok, value] of message.results) this.#settle(id, ok, value);
  }

  #settle(id, ok, value) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (ok) pending.resolve(value);
    else pending.reject(Object.assign(new Error(value.message), { name: value.name }));
  }

  #fail(error) {
    this.#failure ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
