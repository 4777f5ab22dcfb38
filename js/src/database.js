// ShoalDB: one database, one engine instance. Requests cross into the engine once per call as an
// operation name and wire JSON; the response comes back as wire JSON or a DynamoDB error. The
// engine runs in this thread (backend/local-backend.js) or, with `worker: true`, in a dedicated
// worker (backend/worker-backend.js); everything here works the same on both.
import { LocalBackend } from "./backend/local-backend.js";
import { exportTable } from "./backup/export-table.js";
import { importTable } from "./backup/import-table.js";
import { WorkerBackend } from "./backend/worker-backend.js";
import { convertErrorFields, fromWireResponse, toWireRequest } from "./document/conversion.js";
import { unmarshall } from "./document/marshall.js";
import { errorFromResponse, ShoalDBError } from "./errors.js";
import { createRequestHandler } from "./sdk/request-handler.js";
import { attachSync, detachSync, syncOf } from "./sync/attach.js";

// Options that DESIGN.md promises and later releases implement: refused rather than ignored.
const NOT_YET_SUPPORTED = [];
const OPEN = Symbol("ShoalDB.open");
const backends = new WeakMap(); // ShoalDB -> its backend, for js/src/sync (not public API)

/** @internal The backend of a database (js/src/sync/attach.js runs the sync protocol on it). */
export function backendOf(db) {
  return backends.get(db);
}

export class ShoalDB {
  #backend;
  #marshallOptions;
  #unmarshallOptions;
  #subscribers = new Map(); // table name -> Set of { handler } (subscribe)

  /**
   * Opens a database: in memory, or durable in a folder (Node), OPFS or IndexedDB (browsers); in
   * this thread, or in a dedicated worker with `worker: true`.
   * @param {import("./index.js").OpenOptions} [options]
   */
  static async open(options = {}) {
    const { marshallOptions = {}, unmarshallOptions = {} } = options;
    for (const name of NOT_YET_SUPPORTED) {
      if (options[name] !== undefined) {
        throw new Error(`ShoalDB.open: the "${name}" option is not supported yet`);
      }
    }
    const inWorker = options.worker !== undefined && options.worker !== false;
    if (inWorker && options.sync !== undefined && options.sync !== false) {
      // Refused before a worker starts: the links would have to run in the worker (not yet).
      throw new TypeError('ShoalDB.open: the "sync" option does not work with worker: true yet');
    }
    const backend = inWorker ? await WorkerBackend.open(options) : await LocalBackend.open(options);
    const db = new ShoalDB(OPEN, backend, { marshallOptions, unmarshallOptions });
    if (options.sync !== undefined && options.sync !== false) {
      try {
        await attachSync(db, options.sync === true ? {} : { unmarshallOptions, ...options.sync });
      } catch (error) {
        await db.close();
        throw error;
      }
    }
    return db;
  }

  /** @private use ShoalDB.open() */
  constructor(token, backend, options) {
    if (token !== OPEN) throw new TypeError("Use ShoalDB.open() to open a database");
    this.#backend = backend;
    backends.set(this, backend);
    this.#marshallOptions = { ...options.marshallOptions };
    this.#unmarshallOptions = { ...options.unmarshallOptions };
  }

  get closed() {
    return this.#backend.closed;
  }

  /**
   * This database's part in multi-master sync (js/src/sync/sync-peer.js), or null when it does not
   * sync: `conflicts()`, `onConflict(handler)`, `onError(handler)`, `status()`.
   */
  get sync() {
    return syncOf(this);
  }

  /**
   * Where the data lives and how opening went: `{ kind, durability, recovery }`. `recovery` (durable
   * storage only) says whether the database was created, how many log records were replayed, and
   * whether a damaged or torn log tail was dropped (`stop`, `logBytesDropped`).
   */
  get storage() {
    return this.#backend.storage;
  }

  /**
   * Sets the Address that DescribeEndpoints answers (default "localhost:8000"); the HTTP server
   * sets the host:port it listens on.
   */
  async setEndpointAddress(address) {
    if (typeof address !== "string" || address === "") throw new TypeError("ShoalDB: the endpoint address must be a string");
    await this.#backend.setEndpointAddress(address);
  }

  /** Resolves once every write so far is durable (a no-op for memory). */
  async flush() {
    await this.#backend.flush();
  }

  /** Writes a snapshot and empties the log, so that the next open replays nothing. */
  async checkpoint() {
    await this.#backend.checkpoint();
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
    return this.#backend.executeRaw(operation, requestJson);
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
    if (this.closed) throw new Error("ShoalDB: the database is closed");
    let handlers = this.#subscribers.get(table);
    if (!handlers) {
      handlers = new Set();
      this.#subscribers.set(table, handlers);
      this.#backend.onFeed ??= (feed) => this.#deliver(feed);
      this.#backend.watch(table, true);
    }
    const entry = { handler }; // one entry per call: the same function may subscribe twice
    handlers.add(entry);
    return () => {
      if (!handlers.delete(entry) || handlers.size > 0 || this.#subscribers.get(table) !== handlers) return;
      this.#subscribers.delete(table);
      if (!this.closed) this.#backend.watch(table, false);
    };
  }

  #deliver(feedJson) {
    for (const { TableName: table, OriginSite: originSite, Record: record } of JSON.parse(feedJson)) {
      const handlers = this.#subscribers.get(table);
      if (!handlers) continue;
      const change = documentChange(table, record, this.#unmarshallOptions);
      if (originSite !== undefined) change.originSite = originSite; // the peer whose write it was
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
   * Every item of `table` in DynamoDB's export format (DynamoDB JSON lines): an async iterable of
   * `{"Item":{...}}\n` strings, from consistent Scan pages (src/backup/export-table.js).
   */
  exportTable(table, options) {
    return exportTable(this, table, options);
  }

  /**
   * Imports DynamoDB JSON lines (a string, bytes, or an iterable of chunks such as a stream or
   * exportTable's lines) into an existing table with BatchWriteItem; resolves to `{ lines, items }`.
   */
  importTable(table, source, options) {
    return importTable(this, table, source, options);
  }

  /**
   * Flushes pending writes, checkpoints a grown log, releases the storage (files, locks) and frees
   * the engine (and its worker). Later calls throw.
   */
  async close() {
    await detachSync(this);
    this.#subscribers.clear();
    await this.#backend.close();
  }
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
