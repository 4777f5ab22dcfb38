// Bounded concurrency and memory for the endpoint. A request holds a permit from before its body is
// read until its response is written, weighted by the bytes it may buffer (its Content-Length, or
// the request size limit when the length is not declared). Permits are granted first come, first
// served while both the request count and the buffered bytes stay within bounds; later requests
// wait in a bounded queue (their bodies stay in the kernel's socket buffers meanwhile, so a
// waiting request costs no body memory), and past the queue they are refused at once. So the
// memory that request bodies can take is bounded by maxBytes, whatever the clients do.

export class Admission {
  #maxActive;
  #maxBytes;
  #maxQueued;
  #active = 0;
  #bytes = 0;
  #queue = []; // { weight, grant } in arrival order; grant === null once cancelled

  /** @param {{ maxActive: number, maxBytes: number, maxQueued: number }} bounds */
  constructor({ maxActive, maxBytes, maxQueued }) {
    for (const [name, value] of Object.entries({ maxActive, maxBytes, maxQueued })) {
      if (!Number.isInteger(value) || value < (name === "maxQueued" ? 0 : 1)) {
        throw new RangeError(`startServer: ${name} must be a positive integer, got ${value}`);
      }
    }
    this.#maxActive = maxActive;
    this.#maxBytes = maxBytes;
    this.#maxQueued = maxQueued;
  }

  /** Requests holding a permit. */
  get active() {
    return this.#active;
  }

  /** Requests waiting for one. */
  get queued() {
    return this.#queue.filter((entry) => entry.grant !== null).length;
  }

  /** Bytes the active requests may buffer. */
  get bytes() {
    return this.#bytes;
  }

  /**
   * Asks for a permit of `weight` bytes. Returns null when the queue is full, else
   * `{ granted, cancel }`: `granted` resolves to a release function (call it once the request is
   * done; calling it twice is harmless), and `cancel()` gives up a place in the queue (or releases
   * the permit if it was already granted).
   */
  acquire(weight) {
    // A request larger than the whole budget may still run, alone.
    const entry = { weight: Math.min(Math.max(0, weight), this.#maxBytes), grant: null, release: null };
    const granted = new Promise((resolve) => {
      entry.grant = resolve;
    });
    if (this.#queue.length === 0 && this.#fits(entry.weight)) {
      this.#start(entry);
    } else {
      if (this.queued >= this.#maxQueued) return null;
      this.#queue.push(entry);
    }
    return {
      granted,
      cancel: () => {
        if (entry.release) entry.release();
        else entry.grant = null;
        this.#drain();
      },
    };
  }

  #fits(weight) {
    return this.#active < this.#maxActive && (this.#active === 0 || this.#bytes + weight <= this.#maxBytes);
  }

  #start(entry) {
    this.#active += 1;
    this.#bytes += entry.weight;
    let released = false;
    entry.release = () => {
      if (released) return;
      released = true;
      this.#active -= 1;
      this.#bytes -= entry.weight;
      this.#drain();
    };
    const grant = entry.grant;
    entry.grant = null;
    grant(entry.release);
  }

  #drain() {
    while (this.#queue.length > 0) {
      const head = this.#queue[0];
      if (head.grant === null) {
        this.#queue.shift(); // cancelled while waiting
        continue;
      }
      if (!this.#fits(head.weight)) return;
      this.#queue.shift();
      this.#start(head);
    }
  }
}
