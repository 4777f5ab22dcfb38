// The engine in this thread: one wasm instance, plus its durable store when the data lives in
// storage. ShoalDB (database.js) talks to a backend; this one, or worker-backend.js, which runs
// this one in a dedicated worker.
import { instantiateEngine } from "../engine/load-engine.js";
import { chooseStorage } from "../storage/choose-storage.js";
import { DurableStore } from "../storage/durable-store.js";
import { createCipher } from "../storage/encryption.js";

const DURABILITY_MODES = ["strict", "relaxed"];

export class LocalBackend {
  #engine;
  #store; // DurableStore, or null for memory
  #kind;
  #crashed = null; // the error of a wasm trap: the engine's state can no longer be trusted
  #clock; // engine time of each request: Date.now, or OpenOptions.clock (tests)
  /** Called with the watched tables' new stream records (a JSON array string) after each request. */
  onFeed = null;
  /** Called after each request (js/src/sync offers new local writes to other peers). */
  onAfterRequest = null;

  /** @param {import("../index.js").OpenOptions} options */
  static async open(options) {
    const durability = options.durability ?? "strict";
    if (!DURABILITY_MODES.includes(durability)) {
      throw new TypeError(`ShoalDB.open: durability must be "strict" or "relaxed", not ${JSON.stringify(durability)}`);
    }
    const { kind, adapter } = chooseStorage(options);
    if (adapter === null && options.encryptionKey !== undefined) {
      throw new TypeError("ShoalDB.open: encryptionKey needs durable storage; a memory database stores nothing to encrypt");
    }
    const cipher = options.encryptionKey === undefined ? null : await createCipher(options.encryptionKey);
    const module = await instantiateEngine({ wasmModule: options.wasmModule, wasmUrl: options.wasmUrl });
    if (options.throughputEmulation !== undefined && typeof options.throughputEmulation !== "boolean") {
      throw new TypeError("ShoalDB.open: throughputEmulation must be true or false");
    }
    const clock = checkClock(options.clock);
    const engine = new module.Engine();
    try {
      if (options.throughputEmulation !== undefined) engine.setThroughputEmulation(options.throughputEmulation);
      if (options.pointInTimeRecovery !== undefined) applyPointInTimeRecovery(engine, options.pointInTimeRecovery);
    } catch (error) {
      // A rejected option must not leave a wasm Engine behind (Embind objects are freed by hand).
      engine.delete();
      throw error;
    }
    let store = null;
    if (adapter !== null) {
      store = new DurableStore(engine, adapter, {
        durability,
        cipher,
        flushIntervalMs: options.flushIntervalMs,
        checkpointMinBytes: options.checkpointMinBytes,
      });
      try {
        await store.open({ newSiteId: randomSiteId });
      } catch (error) {
        await adapter.close().catch(() => {});
        engine.delete();
        throw error;
      }
    }
    return new LocalBackend(engine, store, kind, clock);
  }

  constructor(engine, store, kind, clock = Date.now) {
    this.#engine = engine;
    this.#store = store;
    this.#kind = kind;
    this.#clock = clock;
  }

  get closed() {
    return this.#engine === null;
  }

  get storage() {
    return {
      kind: this.#kind,
      durability: this.#store?.durability ?? null,
      recovery: this.#store?.recovery ?? null,
    };
  }

  /** `{ status, body }`; with strict durability, settles once the request's writes are flushed. */
  async executeRaw(operation, requestJson) {
    const response = this.#run(operation, requestJson);
    if (this.#store !== null && this.#engine !== null && !this.#crashed) {
      try {
        await this.#store.afterRequest();
      } catch (error) {
        return internalError(error.message);
      }
    }
    return response;
  }

  #run(operation, requestJson) {
    this.#checkOpen();
    if (typeof operation !== "string") throw new TypeError("ShoalDB: the operation must be a string");
    if (typeof requestJson !== "string") throw new TypeError("ShoalDB: the request must be a JSON string");
    if (this.#crashed) return internalError(`The engine stopped after an internal fault: ${this.#crashed.message}`);
    try {
      const { status, body } = this.#engine.execute(operation, requestJson, this.#clock());
      // Any request may have written to a watched table (a failed one too: execute may sweep
      // expired items first), so the feed is polled after each: one call, one JSON string.
      if (this.onFeed !== null) {
        const feed = this.#engine.takeWatchedRecords();
        if (feed !== "[]") this.onFeed(feed);
      }
      if (this.onAfterRequest !== null) this.onAfterRequest();
      return { status, body };
    } catch (error) {
      // The binding catches every C++ exception, so reaching here means the wasm trapped (out of
      // memory, a bug): fail every later call rather than run on a half-updated heap.
      this.#crashed = error instanceof Error ? error : new Error(String(error));
      return internalError(`Internal engine fault: ${this.#crashed.message}`);
    }
  }

  /**
   * Runs `fn(engine, now)` for js/src/sync, which merges other peers' writes outside execute():
   * watched tables' records and the durable store follow as after a request, so what it merged
   * is flushed (with strict durability) before this settles.
   */
  async runSync(fn) {
    this.#checkOpen();
    if (this.#crashed) throw new Error(`The engine stopped after an internal fault: ${this.#crashed.message}`);
    let result;
    try {
      result = fn(this.#engine, this.#clock());
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) this.#crashed = error; // a trap, as in #run
      throw error;
    }
    if (this.onFeed !== null) {
      const feed = this.#engine.takeWatchedRecords();
      if (feed !== "[]") this.onFeed(feed);
    }
    if (this.#store !== null) await this.#store.afterRequest();
    return result;
  }

  /** What DescribeEndpoints answers as the Address (the HTTP server sets the one it listens on). */
  setEndpointAddress(address) {
    this.#checkOpen();
    this.#engine.setEndpointAddress(address);
  }

  /** Starts or stops collecting a table's stream records for onFeed. */
  watch(table, on) {
    if (this.#engine !== null && !this.#crashed) this.#engine.watchTable(table, on);
  }

  async flush() {
    this.#checkOpen();
    await this.#store?.flush();
  }

  async checkpoint() {
    this.#checkOpen();
    await this.#store?.checkpoint();
  }

  async close() {
    if (this.#engine === null) return;
    const engine = this.#engine;
    const store = this.#store;
    this.#engine = null;
    this.onFeed = null;
    try {
      if (store !== null && !this.#crashed) await store.close();
      else if (store !== null) await store.abandon();
    } finally {
      try {
        engine.delete();
      } catch (error) {
        if (!this.#crashed) throw error; // after a trap the heap is suspect; freeing may fail too
      }
    }
  }

  #checkOpen() {
    if (this.#engine === null) throw new Error("ShoalDB: the database is closed");
  }
}

// A random site id for a new database: 52 bits, so that it crosses into the engine exactly as a
// JavaScript number.
function randomSiteId() {
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (high & 0xfffff) * 2 ** 32 + low || 1;
}

export function internalError(message) {
  return {
    status: 500,
    body: JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message }),
  };
}

function checkClock(clock) {
  if (clock === undefined) return Date.now;
  if (typeof clock !== "function") {
    throw new TypeError("ShoalDB.open: clock must be a function returning epoch milliseconds");
  }
  return () => {
    const now = clock();
    if (!Number.isFinite(now)) throw new TypeError(`ShoalDB: clock() returned ${now}, not epoch milliseconds`);
    return now;
  };
}

// OpenOptions.pointInTimeRecovery: bounds of what point-in-time recovery keeps, set before the
// store opens so that replaying the log trims histories as the live engine did.
function applyPointInTimeRecovery(engine, { retentionDays = 35, maxRetainedBytes = 64 * 1024 * 1024 } = {}) {
  if (!(retentionDays > 0 && retentionDays <= 35)) {
    throw new RangeError("ShoalDB.open: pointInTimeRecovery.retentionDays must be more than 0 and at most 35");
  }
  if (!(Number.isSafeInteger(maxRetainedBytes) && maxRetainedBytes >= 0)) {
    throw new RangeError("ShoalDB.open: pointInTimeRecovery.maxRetainedBytes must be a non-negative integer");
  }
  engine.setPointInTimeRecoveryLimits(Math.round(retentionDays * 86_400_000), maxRetainedBytes);
}
