// One conversation with one other peer, over any transport that carries byte messages in order
// (a BroadcastChannel addressed by site, a WebSocket). The protocol is the engine's
// (core/sync/protocol.h); this file only decides when to say what:
//   - say Hello when the link opens, and again after applying what the other sent, as the ack of
//     that message (each batch carries a sequence number, each ack the number it acknowledges,
//     so a late or duplicated ack never releases a later batch);
//   - on a Hello, send the next batch of what the other lacks (Changes, or State pages when it
//     is behind the collection point), one batch in flight at a time; its ack releases the
//     next. A batch with no ack within `ackTimeoutMs` is sent again from the last known vector,
//     so a lost message or a dropped connection only costs a resend (applying is idempotent).
export class SyncLink {
  #peer;
  #send; // (bytes: Uint8Array, meta: { seq: number, ack: number }) => void
  #readable;
  #writable;
  #maxBatchBytes;
  #ackTimeoutMs;
  #theirs = null; // the other's version vector (opaque bytes), from its last Hello
  #inflight = null; // the timer of the batch awaiting its ack
  #inflightSeq = 0; // its sequence number
  #nextSeq = 1;
  #lastAcked = null; // the vector of the last ack
  #stalled = null; // { vector, until }: the last batch made no progress from this vector
  #cursor; // undefined: no state transfer; null: the first page is next; bytes: the next page
  #afterPage; // the page in flight's next cursor: #cursor moves on to it only once it is acknowledged
  #closed = false;
  #inbox = Promise.resolve(); // messages are handled one after the other
  remoteSite = null;
  /** Called with the engine's result when the other sent writes this peer did not apply. */
  onRefused = null;
  /** Counters for tests and diagnostics. */
  stats = { unitsSent: 0, batchesSent: 0, statePagesSent: 0, batchesReceived: 0, statePagesReceived: 0, bytesSent: 0 };

  /**
   * @param {import("./sync-peer.js").SyncPeer} peer
   * @param {(bytes: Uint8Array, meta: { seq: number, ack: number }) => void} send  `seq`: this
   *   batch's number (0 for a Hello); `ack`: the number of the batch a Hello acknowledges (0: none)
   * @param {{ readable?: string[] | null, writable?: string[] | null, maxBatchBytes?: number,
   *   ackTimeoutMs?: number }} [options]
   */
  constructor(peer, send, options = {}) {
    const { readable = null, writable = null, maxBatchBytes = 256 * 1024, ackTimeoutMs = 10_000 } = options;
    this.#peer = peer;
    this.#send = send;
    this.#readable = readable;
    this.#writable = writable;
    this.#maxBatchBytes = maxBatchBytes;
    this.#ackTimeoutMs = ackTimeoutMs;
    peer.addLink(this);
  }

  get closed() {
    return this.#closed;
  }

  /** Says Hello: the other answers with what this peer lacks, and learns what it can send. */
  async open() {
    await this.#hello(0);
  }

  /**
   * A message from the other peer, with the `seq` and `ack` it was sent with. Messages are handled
   * one at a time, in arrival order, so what the link knows of the other never goes back.
   */
  receive(bytes, { seq = 0, ack = 0 } = {}) {
    const handled = this.#inbox.then(() => this.#handle(bytes, seq, ack));
    this.#inbox = handled.catch(() => {});
    return handled;
  }

  async #handle(bytes, seq, ack) {
    if (this.#closed) return;
    const result = await this.#peer.receive(bytes, this.#writable);
    if (this.#closed) return;
    if (result.error) {
      const from = this.remoteSite ?? "?";
      this.#peer.reportError(new Error(`ShoalDB sync: a message from peer ${from} was refused: ${result.error}`));
      return;
    }
    this.remoteSite ??= result.site;
    if (result.type === "hello") {
      this.#theirs = result.vector;
      if (ack !== 0 && ack === this.#inflightSeq) this.#release(result.vector);
      this.pump();
      return;
    }
    if (result.type === "state") this.stats.statePagesReceived++;
    else this.stats.batchesReceived++;
    // What the other just sent, it has: never send it back (a Hello it sent earlier may not show it).
    if (this.#theirs !== null) {
      const theirs = this.#theirs;
      this.#theirs = await this.#peer.enqueue(() => this.#peer.engine.syncVectorAfter(theirs, bytes));
    }
    if (result.voided > 0 || result.refused > 0) {
      this.onRefused?.(result);
      this.#peer.reportRefusals(this, result);
    }
    await this.#hello(seq);
  }

  /** Sends the next batch the other lacks, unless one is in flight (called after local writes too). */
  pump() {
    if (this.#closed || this.#inflight !== null || this.#theirs === null) return;
    this.#peer.enqueue(() => this.#sendNext());
  }

  close() {
    this.#closed = true;
    clearTimeout(this.#inflight);
    this.#inflight = null;
    this.#peer.removeLink(this);
  }

  async #sendNext() {
    if (this.#closed || this.#inflight !== null || this.#theirs === null) return;
    const engine = this.#peer.engine;
    if (this.#cursor === undefined) {
      const batch = engine.syncChanges(this.#theirs, this.#maxBatchBytes, this.#readable);
      if (batch.behind) {
        this.#cursor = null;
      } else {
        if (batch.message === null) return;
        const stalled = this.#stalled;
        // No progress last time from this same vector (see #release): wait.
        if (stalled !== null && Date.now() < stalled.until && sameBytes(stalled.vector, this.#theirs)) return;
        this.stats.unitsSent += batch.units;
        this.stats.batchesSent++;
        this.#transmit(batch.message);
        return;
      }
    }
    const page = engine.syncState(this.#cursor ?? null, this.#maxBatchBytes, this.#readable);
    this.#afterPage = page.cursor ?? undefined; // undefined after the last page
    this.stats.statePagesSent++;
    this.#transmit(page.message);
  }

  #transmit(message) {
    const seq = this.#nextSeq++;
    this.#inflightSeq = seq;
    this.#inflight = setTimeout(() => {
      this.#inflight = null;
      this.pump();
    }, this.#ackTimeoutMs);
    this.#inflight.unref?.();
    this.#sendSafely(message, { seq, ack: 0 });
  }

  // An ack: the next batch may go. When the other's vector did not move (every unit refused,
  // e.g. by an index it defines differently), sending the same batch again would loop: wait for
  // a Hello with another vector, or for the ack timeout.
  #release(vector) {
    if (this.#inflight === null) return;
    clearTimeout(this.#inflight);
    this.#inflight = null;
    if (this.#cursor !== undefined) {
      // A state page was applied: the next one may go (a page whose ack was lost is sent again).
      this.#cursor = this.#afterPage;
      this.#lastAcked = vector;
      return;
    }
    const noProgress = this.#lastAcked !== null && sameBytes(this.#lastAcked, vector);
    this.#stalled = noProgress ? { vector, until: Date.now() + this.#ackTimeoutMs } : null;
    this.#lastAcked = vector;
  }

  async #hello(ack) {
    const hello = await this.#peer.hello();
    if (!this.#closed) this.#sendSafely(hello, { seq: 0, ack });
  }

  #sendSafely(bytes, meta) {
    this.stats.bytesSent += bytes.length;
    try {
      this.#send(bytes, meta);
    } catch (error) {
      this.#peer.reportError(error);
    }
  }
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
