// Storage that keeps its bytes in this process: nothing survives the process. ShoalDB.open with
// storage "memory" does not use an adapter at all (no log is written); this one exists for the
// adapter test suite and for tests of durable-store.js that inspect or damage the stored bytes.
import { concat } from "./bytes.js";

export class MemoryStorage {
  /** The bytes as stored; tests may read and replace them between opens. */
  snapshot = null;
  #chunks = [];
  closed = false;

  get log() {
    return concat(this.#chunks);
  }

  set log(bytes) {
    this.#chunks = [bytes.slice()];
  }

  async load() {
    this.closed = false;
    return { snapshots: this.snapshot ? [this.snapshot.slice()] : [], log: this.log };
  }

  async append(bytes) {
    this.#chunks.push(bytes.slice());
  }

  async checkpoint(snapshot) {
    this.snapshot = snapshot.slice();
    this.#chunks = [];
  }

  async truncateLog(length) {
    this.log = this.log.slice(0, length);
  }

  async close() {
    this.closed = true;
  }
}
