// Durability for one open database: recovery at open, group commit of log records, checkpoints.
// The engine decides every byte (core/storage/FORMAT.md); this file decides *when* bytes move, and
// a storage adapter (memory, fs, IndexedDB, OPFS: see storage-adapter.js) only stores them.
//
// Every adapter call runs on one queue, one at a time, so adapters never see concurrent calls.
//
// Strict durability: a write's promise settles once the log records it produced are stored and
// flushed. Writes that arrive while a flush runs wait for the next one and share it (group
// commit): one append per batch of writes, never one per write when writes overlap.
// Relaxed durability: a write settles at once; its records are flushed within `flushIntervalMs`.
// A crash can lose the writes of that last interval, never corrupt the database.
import { isEncryptedSnapshot } from "./encryption.js";
import { StorageFailedError } from "./storage-errors.js";

const DEFAULT_FLUSH_INTERVAL_MS = 5;
// A checkpoint (snapshot + empty log) when the log holds this much more than the last snapshot's
// size, so that opening replays at most about as much log as there is data, and at least
// CHECKPOINT_MIN_BYTES so that small databases do not snapshot on every few writes.
const CHECKPOINT_MIN_BYTES = 4 * 1024 * 1024;

export class DurableStore {
  #engine;
  #adapter;
  #cipher; // null, or { encryptLog, decryptLog, encryptSnapshot, decryptSnapshot } (encryption.js)
  #strict;
  #flushIntervalMs;
  #queue = Promise.resolve(); // the adapter's one lane
  #nextFlush = null; // the flush that has not taken its records yet: later writes join it
  #timer = null; // relaxed mode's pending flush
  #failure = null; // the first storage error: after it nothing is acknowledged as durable
  #logBytes = 0; // bytes in the stored log since the last snapshot
  #snapshotBytes = 0;
  #checkpointMinBytes;
  /** What opening found; see open(). */
  recovery;

  constructor(engine, adapter, { durability = "strict", flushIntervalMs, cipher = null, checkpointMinBytes } = {}) {
    this.#engine = engine;
    this.#adapter = adapter;
    this.#cipher = cipher;
    this.#strict = durability === "strict";
    this.#flushIntervalMs = flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.#checkpointMinBytes = checkpointMinBytes ?? CHECKPOINT_MIN_BYTES;
  }

  get durability() {
    return this.#strict ? "strict" : "relaxed";
  }

  /**
   * Loads what the adapter holds into the engine. A new database gets a random site id and a first
   * snapshot at once, so its identity and clock are stored before any write. Throws (changing
   * nothing on disk) when the stored data cannot be opened.
   */
  async open({ newSiteId }) {
    const stored = await this.#adapter.load();
    const snapshots = await this.#readableSnapshots(stored.snapshots.filter((s) => s && s.length > 0));
    let log = stored.log;
    let frames = null; // encrypted log: where each stored frame's plaintext ends, to map offsets back
    if (this.#cipher && log.length > 0) {
      // The key is checked on a snapshot; without one, a log that does not decrypt would look
      // torn and be cut off. Every encrypted database has a snapshot from its first moment.
      if (snapshots.length === 0) throw new StorageFailedError("ShoalDB.open: the encrypted database has no snapshot");
      ({ plaintext: log, frames } = await this.#cipher.decryptLog(log));
    }

    if (snapshots.length === 0 && log.length === 0) {
      this.#engine.setSiteId(newSiteId());
      this.#engine.enableLog();
      this.recovery = { created: true, recordsApplied: 0, logBytesDropped: 0, stop: "end" };
      await this.#run(() => this.#checkpointNow());
      return this.recovery;
    }

    const result = this.#engine.open(snapshots.length > 0 ? snapshots : null, log);
    if (!result.ok) {
      throw new StorageFailedError(`ShoalDB.open: the stored database cannot be opened: ${result.error}`);
    }
    this.recovery = { created: false, ...result };
    let validStoredBytes = stored.log.length;
    if (frames) {
      validStoredBytes = frames.storedBytesBefore(result.logBytesValid);
    } else if (result.logBytesDropped > 0) {
      validStoredBytes = result.logBytesValid;
    }
    if (validStoredBytes < stored.log.length) {
      // New records after garbage would be unreachable: cut it off first. Damage (as opposed to a
      // torn tail from a crash mid-append) is kept aside for a person to look at.
      const damaged = result.stop !== "end" && result.stop !== "torn";
      await this.#run(async () => {
        if (damaged) await this.#adapter.keepDamagedLog?.(stored.log.subarray(validStoredBytes));
        await this.#adapter.truncateLog(validStoredBytes);
      });
    }
    this.#logBytes = validStoredBytes;
    this.#snapshotBytes = stored.snapshots.reduce((n, s) => Math.max(n, s?.length ?? 0), 0);
    return this.recovery;
  }

  // The stored snapshots as the engine reads them: decrypted when a cipher is in use. Encrypted
  // bytes without a key, or a key that opens no slot, stop the open before anything is written.
  async #readableSnapshots(stored) {
    if (!this.#cipher) {
      if (stored.some(isEncryptedSnapshot)) {
        throw new StorageFailedError("ShoalDB.open: the database is encrypted: pass its encryptionKey");
      }
      return stored;
    }
    const out = [];
    let firstError = null;
    for (const bytes of stored) {
      try {
        out.push(await this.#cipher.decryptSnapshot(bytes));
      } catch (error) {
        firstError ??= error;
      }
    }
    if (out.length === 0 && firstError) throw firstError;
    return out;
  }

  /**
   * Called after every request. Strict: resolves once the request's log records (if it made any)
   * are durable. Relaxed: schedules a flush and resolves at once. Rejects with StorageFailedError
   * after a storage failure.
   */
  afterRequest() {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#engine.pendingLogBytes() === 0) return null;
    if (this.#strict) return this.#flushSoon();
    if (this.#timer === null) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#flushSoon().catch(() => {}); // recorded in #failure; the next request reports it
      }, this.#flushIntervalMs);
    }
    return null;
  }

  /** Makes every write so far durable (both modes). */
  flush() {
    if (this.#failure) return Promise.reject(this.#failure);
    return this.#flushSoon();
  }

  /** Writes a snapshot and empties the log: the next open replays nothing. */
  checkpoint() {
    if (this.#failure) return Promise.reject(this.#failure);
    return this.#run(() => this.#checkpointNow());
  }

  /** Flushes, checkpoints when the log has grown, and closes the adapter. */
  async close() {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    try {
      if (!this.#failure) {
        await this.#flushSoon();
        if (this.#logBytes > 0) await this.#run(() => this.#checkpointNow());
      }
    } finally {
      await this.#queue.catch(() => {});
      await this.#adapter.close();
    }
  }

  /** Closes the adapter without writing anything more (the engine can no longer be trusted). */
  async abandon() {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#failure ??= new StorageFailedError("ShoalDB: the database was abandoned after an engine fault");
    await this.#queue.catch(() => {});
    await this.#adapter.close();
  }

  // Joins the flush that has not started taking records yet, or queues a new one. The records are
  // taken when the flush starts, so a write made before that is in it, and one made after is not
  // and waits for the next.
  #flushSoon() {
    if (this.#nextFlush === null) {
      const flush = this.#run(() => {
        if (this.#nextFlush === flush) this.#nextFlush = null;
        return this.#appendPending();
      });
      this.#nextFlush = flush;
    }
    return this.#nextFlush;
  }

  async #appendPending() {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#engine.pendingLogBytes() === 0) return;
    const records = this.#engine.takeLogRecords();
    const bytes = this.#cipher ? await this.#cipher.encryptLog(records) : records;
    await this.#adapter.append(bytes);
    this.#logBytes += bytes.length;
    if (this.#logBytes > Math.max(this.#checkpointMinBytes, 2 * this.#snapshotBytes)) await this.#checkpointNow();
  }

  // In one synchronous turn: the records not yet appended, then a snapshot that includes them.
  // The tail is appended before the snapshot is stored, so a crash at any point leaves either the
  // old snapshot with the complete log, or the new snapshot (the log's records it holds are skipped
  // on replay); the adapter empties the log only after the snapshot is stored.
  async #checkpointNow() {
    const tail = this.#engine.pendingLogBytes() > 0 ? this.#engine.takeLogRecords() : null;
    const plainSnapshot = this.#engine.snapshot();
    if (tail) await this.#adapter.append(this.#cipher ? await this.#cipher.encryptLog(tail) : tail);
    const snapshot = this.#cipher ? await this.#cipher.encryptSnapshot(plainSnapshot) : plainSnapshot;
    await this.#adapter.checkpoint(snapshot);
    this.#logBytes = 0;
    this.#snapshotBytes = snapshot.length;
  }

  // Runs `task` on the adapter's lane. The first failure is kept: from then on nothing more is
  // written or acknowledged (the stored log could have a hole), and every request reports it.
  #run(task) {
    const run = this.#queue.then(() => {
      if (this.#failure) throw this.#failure;
      return task();
    });
    this.#queue = run.then(
      () => {},
      (error) => {
        this.#failure ??= error instanceof StorageFailedError ? error : new StorageFailedError(describe(error), error);
      },
    );
    return run.catch((error) => {
      throw this.#failure ?? error;
    });
  }
}

function describe(error) {
  return `ShoalDB storage failed; writes since the last flush may not be durable: ${error?.message ?? error}`;
}
