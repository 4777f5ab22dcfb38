// A database taking part in sync: its engine's side of the protocol, the links to other peers
// (one per peer per transport, see link.js), conflict events and status. Every engine call runs
// on one queue, so messages apply in the order they arrived and never interleave with the
// durable store's flush of what they wrote: a Hello that acknowledges a batch is sent only once
// the batch is applied (and, with strict durability, flushed).
import { unmarshall } from "../document/marshall.js";

export class SyncPeer {
  #backend;
  #engine = null;
  #links = new Set();
  #transports = new Set();
  #queue = Promise.resolve();
  #conflictHandlers = new Set();
  #errorHandlers = new Set();
  #lastConflictId = 0;
  #pumpScheduled = false;
  #closed = false;
  #unmarshallOptions;

  /** @param {{ runSync(fn: (engine: any, now: number) => any): Promise<any>, onAfterRequest: any }} backend */
  constructor(backend, { unmarshallOptions = {} } = {}) {
    this.#backend = backend;
    this.#unmarshallOptions = unmarshallOptions;
  }

  /** Turns sync on in the engine (once per database, remembered in its storage). */
  async start() {
    await this.#run((engine) => {
      this.#engine = engine;
      const status = JSON.parse(engine.syncStatus());
      // A memory database has site 1 until told otherwise; peers must differ.
      if (!status.Enabled && status.Site === 1) engine.setSiteId(randomSiteId());
      engine.syncEnable();
      this.#lastConflictId = JSON.parse(engine.syncStatus()).LastConflictId;
    });
    // Local writes: offer them to every link soon after (writes of one turn go as one batch).
    this.#backend.onAfterRequest = () => this.schedulePump();
  }

  /** @internal the engine, for links: call only inside enqueue() tasks. */
  get engine() {
    return this.#engine;
  }

  get site() {
    return JSON.parse(this.#engine.syncStatus()).Site;
  }

  /** What sync holds: site, vector, retained units, tombstones, peers' vectors (engine JSON). */
  status() {
    return JSON.parse(this.#engine.syncStatus());
  }

  /** Links and their counters (diagnostics). */
  get links() {
    return [...this.#links];
  }

  // --- Engine calls, all on the queue.
  enqueue(task) {
    return this.#run(() => task());
  }

  hello() {
    return this.#run((engine) => engine.syncHello());
  }

  receive(bytes, writable) {
    return this.#run((engine, now) => {
      const result = engine.syncReceive(bytes, now, writable ?? null);
      if (result.type === "changes" || result.type === "state") {
        if (result.applied > 0) this.schedulePump(); // relay to the other links
        if (result.conflicts > 0) queueMicrotask(() => this.#emitConflicts());
      }
      return result;
    });
  }

  #run(fn) {
    const next = this.#queue.then(() => {
      if (this.#closed && this.#engine === null) throw new Error("ShoalDB sync: closed");
      return this.#backend.runSync(fn);
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  // --- Links and transports.
  addLink(link) {
    this.#links.add(link);
  }

  removeLink(link) {
    this.#links.delete(link);
  }

  addTransport(transport) {
    this.#transports.add(transport);
    return transport;
  }

  schedulePump() {
    if (this.#pumpScheduled || this.#closed) return;
    this.#pumpScheduled = true;
    setTimeout(() => {
      this.#pumpScheduled = false;
      for (const link of this.#links) link.pump();
    }, 0);
  }

  /** Resolves when every link has nothing in flight and nothing to send (tests, shutdown). */
  async idle() {
    await this.#queue;
  }

  // --- Conflicts.
  /**
   * Conflicts the merge rules resolved, oldest first: `{ id, table, key, attribute, winner,
   * loser }`, each side `{ value, deleted, hlc, site }` (value in document form; absent when that
   * side deleted the item or removed the attribute). `afterId` pages through them.
   */
  conflicts({ afterId = 0, limit = 1000, wire = false } = {}) {
    const list = JSON.parse(this.#engine.syncConflicts(afterId, limit));
    return wire ? list : list.map((c) => documentConflict(c, this.#unmarshallOptions));
  }

  /** Calls `handler(conflict)` for each conflict merged from now on; returns an unsubscribe function. */
  onConflict(handler) {
    if (typeof handler !== "function") throw new TypeError("onConflict: the handler must be a function");
    const entry = { handler };
    this.#conflictHandlers.add(entry);
    return () => this.#conflictHandlers.delete(entry);
  }

  #emitConflicts() {
    if (this.#engine === null) return;
    const fresh = this.conflicts({ afterId: this.#lastConflictId });
    if (fresh.length === 0) return;
    this.#lastConflictId = fresh[fresh.length - 1].id;
    for (const conflict of fresh) for (const { handler } of [...this.#conflictHandlers]) safely(handler, conflict);
  }

  // --- Errors: refused messages, voided units, transport failures.
  /** Calls `handler(error)` for sync errors (they never reject a write); returns an unsubscribe function. */
  onError(handler) {
    const entry = { handler };
    this.#errorHandlers.add(entry);
    return () => this.#errorHandlers.delete(entry);
  }

  reportError(error) {
    if (this.#errorHandlers.size === 0) return;
    for (const { handler } of [...this.#errorHandlers]) safely(handler, error);
  }

  reportRefusals(link, result) {
    const why = result.errors.join("; ");
    const error = new Error(`ShoalDB sync: peer ${link.remoteSite} sent writes this peer did not apply: ${why}`);
    error.refused = result.refused;
    error.voided = result.voided;
    this.reportError(error);
  }

  /** Forgets a peer that will not return, so the units kept for it can be collected. */
  forgetPeer(site) {
    return this.#run((engine) => engine.syncForgetPeer(site));
  }

  /** Closes every transport and link; the database stays open (and keeps its sync state). */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#backend.onAfterRequest = null;
    for (const transport of [...this.#transports]) await transport.close();
    for (const link of [...this.#links]) link.close();
    await this.#queue;
  }
}

function documentConflict(c, unmarshallOptions) {
  const side = (s) => {
    const out = { deleted: s.Deleted, hlc: s.Hlc, site: s.Site };
    if (s.Value !== undefined) out.value = unmarshall({ v: s.Value }, unmarshallOptions).v;
    return out;
  };
  return {
    id: c.Id,
    table: c.TableName,
    key: unmarshall(c.Key, unmarshallOptions),
    attribute: c.Attribute,
    winner: side(c.Winner),
    loser: side(c.Loser),
  };
}

function safely(handler, value) {
  try {
    handler(value);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

// 52 bits: crosses into the engine exactly as a JavaScript number (same rule as new databases).
export function randomSiteId() {
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2));
  return (high & 0xfffff) * 2 ** 32 + low || 2;
}
