// ShoalDB: one database, one engine instance. Requests cross into the engine once per call as an
// operation name and wire JSON; the response comes back as wire JSON or a DynamoDB error.
import { convertErrorFields, fromWireResponse, toWireRequest } from "./document/conversion.js";
import { unmarshall } from "./document/marshall.js";
import { instantiateEngine } from "./engine/load-engine.js";
import { errorFromResponse, ShoalDBError } from "./errors.js";
import { createRequestHandler } from "./sdk/request-handler.js";
import { chooseStorage } from "./storage/choose-storage.js";
import { DurableStore } from "./storage/durable-store.js";
import { createCipher } from "./storage/encryption.js";

// Options that DESIGN.md promises and later releases implement: refused rather than ignored.
const NOT_YET_SUPPORTED = ["sync", "worker"];
const DURABILITY_MODES = ["strict", "relaxed"];
const OPEN = Symbol("ShoalDB.open");

export class ShoalDB {
  #engine;
  #store; // DurableStore, or null for memory
  #storageKind;
  #marshallOptions;
  #unmarshallOptions;
  #crashed = null; // the error of a wasm trap: the engine's state can no longer be trusted
  #subscribers = new Map(); // table name -> Set of { handler } (subscribe)

  /**
   * Opens a database: in memory, or durable in a folder (Node), OPFS or IndexedDB (browsers).
   * @param {import("./index.js").OpenOptions} [options]
   */
  static async open(options = {}) {
    const { wasmModule, wasmUrl, marshallOptions = {}, unmarshallOptions = {} } = options;
    for (const name of NOT_YET_SUPPORTED) {
      if (options[name] !== undefined) {
        throw new Error(`ShoalDB.open: the "${name}" option is not supported yet`);
      }
    }
    const durability = options.durability ?? "strict";
    if (!DURABILITY_MODES.includes(durability)) {
      throw new TypeError(`ShoalDB.open: durability must be "strict" or "relaxed", not ${JSON.stringify(durability)}`);
    }
    const { kind, adapter } = chooseStorage(options);
    if (adapter === null && options.encryptionKey !== undefined) {
      throw new TypeError("ShoalDB.open: encryptionKey needs durable storage; a memory database stores nothing to encrypt");
    }
    const cipher = options.encryptionKey === undefined ? null : await createCipher(options.encryptionKey);
    const module = await instantiateEngine({ wasmModule, wasmUrl });
    const engine = new module.Engine();
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
    return new ShoalDB(OPEN, engine, { store, kind, marshallOptions, unmarshallOptions });
  }

  /** @private use ShoalDB.open() */
  constructor(token, engine, options) {
    if (token !== OPEN) throw new TypeError("Use ShoalDB.open() to open a database");
    this.#engine = engine;
    this.#store = options.store;
    this.#storageKind = options.kind;
    this.#marshallOptions = { ...options.marshallOptions };
    this.#unmarshallOptions = { ...options.unmarshallOptions };
  }

  get closed() {
    return this.#engine === null;
  }

  /**
   * Where the data lives and how opening went: `{ kind, durability, recovery }`. `recovery` (durable
   * storage only) says whether the database was created, how many log records were replayed, and
   * whether a damaged or torn log tail was dropped (`stop`, `logBytesDropped`).
   */
  get storage() {
    return {
      kind: this.#storageKind,
      durability: this.#store?.durability ?? null,
      recovery: this.#store?.recovery ?? null,
    };
  }

  /** Resolves once every write so far is durable (a no-op for memory). */
  async flush() {
    this.#checkOpen();
    await this.#store?.flush();
  }

  /** Writes a snapshot and empties the log, so that the next open replays nothing. */
  async checkpoint() {
    this.#checkOpen();
    await this.#store?.checkpoint();
  }

  /**
   * Runs one DynamoDB operation on wire JSON (e.g. `{ TableName, Item: { id: { S: "a" } } }`) and
   * returns the wire JSON response; a DynamoDB error is thrown as a ShoalDBError.
   */
  async execute(operation, input = {}) {
    const { status, body } = await this.executeRaw(operation, JSON.stringify(input));
    const parsed = JSON.parse(body);
    if (status === 200) return parsed;
    throw errorFromResponse(status, parsed);
  }

  /**
   * The string-level entry point behind execute(), for transports that already hold the request
   * JSON text (the AWS SDK handler, the HTTP server): `{ status, body }` with the HTTP status and
   * the response JSON text. With strict durability it settles once the request's writes are
   * flushed to storage.
   */
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

  #checkOpen() {
    if (this.#engine === null) throw new Error("ShoalDB: the database is closed");
  }

  #run(operation, requestJson) {
    this.#checkOpen();
    if (typeof operation !== "string") throw new TypeError("ShoalDB: the operation must be a string");
    if (typeof requestJson !== "string") throw new TypeError("ShoalDB: the request must be a JSON string");
    if (this.#crashed) return internalError(`The engine stopped after an internal fault: ${this.#crashed.message}`);
    try {
      const { status, body } = this.#engine.execute(operation, requestJson, Date.now());
      // Any request may have written to a watched table (a failed one too: execute may sweep
      // expired items first), so the feed is polled after each: one call, one JSON string.
      if (this.#subscribers.size > 0) this.#deliver(this.#engine.takeWatchedRecords());
      return { status, body };
    } catch (error) {
      // The binding catches every C++ exception, so reaching here means the wasm trapped (out of
      // memory, a bug): fail every later call rather than run on a half-updated heap.
      this.#crashed = error instanceof Error ? error : new Error(String(error));
      return internalError(`Internal engine fault: ${this.#crashed.message}`);
    }
  }

  // The document API: @aws-sdk/lib-dynamodb's command inputs and outputs, on plain JS values.
  put(input) { return this.#document("PutItem", input); }
  get(input) { return this.#document("GetItem", input); }
  delete(input) { return this.#document("DeleteItem", input); }
  update(input) { return this.#document("UpdateItem", input); }
  query(input) { return this.#document("Query", input); }
  scan(input) { return this.#document("Scan", input); }
  batchGet(input) { return this.#document("BatchGetItem", input); }
  batchWrite(input) { return this.#document("BatchWriteItem", input); }
  transactGet(input) { return this.#document("TransactGetItems", input); }
  transactWrite(input) { return this.#document("TransactWriteItems", input); }

  // Table operations carry no attribute values: the wire shapes as they are.
  createTable(input) { return this.execute("CreateTable", input); }
  describeTable(input) { return this.execute("DescribeTable", input); }
  listTables(input = {}) { return this.execute("ListTables", input); }
  deleteTable(input) { return this.execute("DeleteTable", input); }

  async #document(operation, input) {
    const request = toWireRequest(operation, input, this.#marshallOptions);
    let response;
    try {
      response = await this.execute(operation, request);
    } catch (error) {
      if (error instanceof ShoalDBError) convertErrorFields(error, this.#unmarshallOptions);
      throw error;
    }
    return fromWireResponse(operation, response, this.#unmarshallOptions);
  }

  /**
   * Calls `handler(change, record)` for every change to `table` made through this database (the
   * document API, execute(), the AWS SDK handler, the HTTP server, and the engine's deletion of
   * expired items), right after the request that made it and before that request's promise
   * settles. `record` is the stream record as DynamoDB Streams' GetRecords returns it (wire
   * JSON, NEW_AND_OLD_IMAGES whatever the table's StreamSpecification; no stream needs to be
   * enabled); `change` is the same in document form. A handler that throws does not affect the
   * write or the other handlers: its error is rethrown asynchronously. Returns a function that
   * unsubscribes.
   */
  subscribe(table, handler) {
    if (typeof table !== "string" || table === "") throw new TypeError("ShoalDB.subscribe: the table must be a non-empty string");
    if (typeof handler !== "function") throw new TypeError("ShoalDB.subscribe: the handler must be a function");
    if (this.#engine === null) throw new Error("ShoalDB: the database is closed");
    let handlers = this.#subscribers.get(table);
    if (!handlers) {
      handlers = new Set();
      this.#subscribers.set(table, handlers);
      this.#engine.watchTable(table, true);
    }
    const entry = { handler }; // one entry per call: the same function may subscribe twice
    handlers.add(entry);
    return () => {
      if (!handlers.delete(entry) || handlers.size > 0 || this.#subscribers.get(table) !== handlers) return;
      this.#subscribers.delete(table);
      if (this.#engine !== null && !this.#crashed) this.#engine.watchTable(table, false);
    };
  }

  #deliver(feedJson) {
    if (feedJson === "[]") return;
    for (const { TableName: table, Record: record } of JSON.parse(feedJson)) {
      const handlers = this.#subscribers.get(table);
      if (!handlers) continue;
      const change = documentChange(table, record, this.#unmarshallOptions);
      for (const entry of [...handlers]) {
        if (!handlers.has(entry)) continue; // unsubscribed by an earlier handler
        try {
          entry.handler(change, record);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  }

  /** An AWS SDK v3 HttpHandler that answers DynamoDB requests from this database, in process. */
  requestHandler() {
    return createRequestHandler(this);
  }

  /**
   * Flushes pending writes, checkpoints a grown log, releases the storage (files, locks) and frees
   * the engine. Later calls throw.
   */
  async close() {
    if (this.#engine === null) return;
    const engine = this.#engine;
    const store = this.#store;
    this.#engine = null;
    this.#subscribers.clear();
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
}

// A random site id for a new database: 52 bits, so that it crosses into the engine exactly as a
// JavaScript number.
function randomSiteId() {
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (high & 0xfffff) * 2 ** 32 + low || 1;
}

// A stream record in document form: what db.subscribe handlers receive first.
function documentChange(table, record, unmarshallOptions) {
  const d = record.dynamodb;
  const change = {
    table,
    eventName: record.eventName,
    keys: unmarshall(d.Keys, unmarshallOptions),
    sequenceNumber: d.SequenceNumber,
    approximateCreationDateTime: new Date(d.ApproximateCreationDateTime * 1000),
  };
  if (d.NewImage) change.newImage = unmarshall(d.NewImage, unmarshallOptions);
  if (d.OldImage) change.oldImage = unmarshall(d.OldImage, unmarshallOptions);
  if (record.userIdentity) change.userIdentity = { ...record.userIdentity };
  return change;
}

function internalError(message) {
  return {
    status: 500,
    body: JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message }),
  };
}
