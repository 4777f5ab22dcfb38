// The database of one console tab. It is either the durable database (this tab holds its Web
// Lock) or a memory database that syncs with the tab that holds it. A memory tab also waits for
// the lock in the background: when the holder closes, this tab opens the durable database, lets
// it catch up with everything the memory one has (both are peers on the same channel, in this
// page), and from then on works on it. So the last tab open keeps what every tab wrote.
const CATCH_UP_MS = 15_000;
const CATCH_UP_POLL_MS = 50;

export class TabDatabase {
  #db;
  #inflight = new Set();
  #gate = null; // a promise while the database is being switched: new requests wait for it
  #switchHandlers = new Set();
  #closed = false;

  /**
   * @param {import("/js/src/index.js").ShoalDB} db an open database that syncs (`sync` option)
   * @param {{ storage: string, heldBy?: string | null, takeOver?: () => Promise<any> }} options
   *   `storage`: "OPFS", "IndexedDB" or "memory"; `heldBy`: the durable storage another tab holds;
   *   `takeOver`: opens that durable database, waiting for its lock
   */
  constructor(db, { storage, heldBy = null, takeOver } = {}) {
    this.#db = db;
    this.storage = storage;
    this.heldBy = heldBy;
    if (takeOver) this.#waitToTakeOver(takeOver);
  }

  get db() {
    return this.#db;
  }

  async execute(operation, input) {
    while (this.#gate) await this.#gate;
    const request = this.#db.execute(operation, input);
    const done = () => this.#inflight.delete(request);
    this.#inflight.add(request);
    request.then(done, done);
    return request;
  }

  /** Calls `handler()` after the tab moved to another database; returns an unsubscribe function. */
  onSwitch(handler) {
    this.#switchHandlers.add(handler);
    return () => this.#switchHandlers.delete(handler);
  }

  async close() {
    this.#closed = true;
    while (this.#gate) await this.#gate;
    await this.#db.close();
  }

  async #waitToTakeOver(open) {
    while (!this.#closed) {
      let durable;
      try {
        durable = await open();
      } catch {
        return; // the durable storage failed to open: stay in memory, still synced
      }
      if (this.#closed) {
        await durable.close();
        return;
      }
      if (await this.#switchTo(durable)) return;
      await durable.close(); // it did not catch up: let it go and wait for the lock again
    }
  }

  async #switchTo(durable) {
    let release;
    this.#gate = new Promise((resolve) => {
      release = resolve;
    });
    try {
      await Promise.allSettled([...this.#inflight]);
      if (!(await caughtUp(durable, this.#db))) return false;
      const memory = this.#db;
      this.#db = durable;
      this.storage = this.heldBy;
      this.heldBy = null;
      for (const handler of [...this.#switchHandlers]) handler();
      const memorySite = memory.sync.site;
      await memory.close();
      // The memory copy will not come back: units need not be kept for it.
      await durable.sync.forgetPeer(memorySite).catch(() => {});
      return true;
    } finally {
      this.#gate = null;
      release();
    }
  }
}

/** Waits until `durable` has applied every unit `memory` holds (their version vectors). */
async function caughtUp(durable, memory) {
  const deadline = Date.now() + CATCH_UP_MS;
  while (Date.now() < deadline) {
    if (covers(durable.sync.status().Vector, memory.sync.status().Vector)) return true;
    await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS));
  }
  return false;
}

/** Whether version vector `a` (site -> hlc as decimal text) has everything `b` has. */
export function covers(a, b) {
  return Object.entries(b).every(([site, hlc]) => a[site] !== undefined && BigInt(a[site]) >= BigInt(hlc));
}
