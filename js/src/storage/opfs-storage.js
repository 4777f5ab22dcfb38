// Storage in the Origin Private File System (browsers): one folder per database,
// shoaldb/<name>/, in the files that opfs-layout.js describes. Two ways to write, one layout, so a
// database written from a page opens in a worker and the other way round:
//
// - "sync" (dedicated workers, the default there): FileSystemSyncAccessHandle. The log is one open
//   piece written in place: an append is write() + flush(), O(appended bytes), and flush() is
//   the browser's fsync. Slots and cut pieces are written whole through a sync handle too.
// - "async" (the main thread, where only the async API exists): a sync handle cannot be had, and a
//   writable stream rewrites the whole file on close when it keeps existing data, so every append
//   is a new closed piece file of its own (O(appended bytes)). Every FANOUT closed pieces of one
//   level at the log's end are merged into one piece of the next level, so a log of n appends
//   has O(FANOUT log n) files and each byte is copied O(log n) times. How soon a closed writable
//   reaches the disk is the browser's business (there is no flush in this API); a tab crash never
//   loses it.
//
// Why load() can never see a record twice, or a record that was not appended: the log is read as
// a chain from offset 0, each offset from exactly one piece (opfs-layout.js chainPieces), and a
// closed piece counts only when its CRC-32 matches, so a file cut short by a crash is ignored.
// Every change is ordered so that a crash between any two steps leaves a chain that is the log
// before the call or after it:
//   append (async)  the new piece is off the chain until it is whole
//   merge           the merged piece is ignored until whole, then wins over the pieces it
//                   replaces (it reaches further from the same offset); those are deleted after
//   truncateLog     the cut piece [start, n) loses to the piece it cuts until that is deleted;
//                   pieces are deleted from the log's end backwards, so a crash leaves a prefix of
//                   the old log at least n long (recovery finds the same damage and cuts again)
//   load            deletes what is off the chain before anything is appended, so a later append
//                   can never make a stale piece reachable
//
// Why checkpoints are two slots with a generation and a checksum, not write-then-move: the file
// system spec does not promise that move() or a writable's close() is atomic across a crash, or
// ever durable; a sync handle writes in place. So generation g + 1 is written into the slot that
// does not hold g; load() takes the newest slot whose CRC matches. Log pieces carry the generation
// of the snapshot they follow and a checkpoint deletes the old generation's pieces only after the
// new slot is written: a crash leaves the old snapshot with its whole log, or the new snapshot
// with an empty log (the old pieces are then stale and deleted at load).
//
// One writer at a time: the database's Web Lock (web-lock.js) is held from load() to close(), in
// every tab and worker of the origin.
import { concat } from "./bytes.js";
import {
  SLOT_NAMES,
  chainPieces,
  closedPiece,
  decodeClosedPiece,
  decodeSlot,
  encodeClosedPiece,
  encodeSlot,
  openPiece,
  parsePieceName,
  slotName,
} from "./opfs-layout.js";
import { StorageFailedError } from "./storage-errors.js";
import { acquireDatabaseLock } from "./web-lock.js";

const ROOT_FOLDER = "shoaldb";
const FANOUT = 8; // closed pieces of one level merged into one of the next (async access)

/** True when this runtime has the Origin Private File System. */
export function opfsAvailable() {
  return typeof globalThis.navigator?.storage?.getDirectory === "function";
}

/** True where FileSystemSyncAccessHandle exists (dedicated workers). */
export function opfsSyncAccessAvailable() {
  return typeof globalThis.FileSystemSyncAccessHandle === "function";
}

export class OpfsStorage {
  #name;
  #lockTimeoutMs;
  #sync;
  #beforeChange;
  #release = null;
  #dir = null;
  #generation = 0; // of the current snapshot; the log's pieces carry it
  #chain = []; // the log's pieces in order (see opfs-layout.js)
  #length = 0; // log bytes
  #target = null; // sync access: { piece, handle } of the open piece appends go to

  /**
   * @param {string} [name] the database's name: its folder is shoaldb/<name> in the origin's OPFS
   * @param {object} [options]
   * @param {number} [options.lockTimeoutMs] give up waiting for another tab's or worker's lock
   * @param {"sync" | "async"} [options.access] sync access handles (dedicated workers only; the
   *   default there) or the async API (the default elsewhere)
   * @param {(change: string) => void} [options.beforeChange] for tests: called before each change
   *   to the stored files; an exception thrown from it stops the call there, like a crash would
   */
  constructor(name = "default", { lockTimeoutMs, access, beforeChange } = {}) {
    if (typeof name !== "string" || name === "") {
      throw new TypeError('ShoalDB.open: storage "opfs" needs a non-empty name');
    }
    if (!opfsAvailable()) {
      throw new StorageFailedError("ShoalDB.open: OPFS (navigator.storage.getDirectory) is not available here");
    }
    if (access !== undefined && access !== "sync" && access !== "async") {
      throw new TypeError(`OpfsStorage: access must be "sync" or "async", not ${JSON.stringify(access)}`);
    }
    if (access === "sync" && !opfsSyncAccessAvailable()) {
      throw new StorageFailedError("OpfsStorage: sync access handles exist only in dedicated workers");
    }
    this.#name = name;
    this.#lockTimeoutMs = lockTimeoutMs;
    this.#sync = access ? access === "sync" : opfsSyncAccessAvailable();
    this.#beforeChange = beforeChange ?? null;
  }

  /** "sync" or "async": how this adapter writes. */
  get access() {
    return this.#sync ? "sync" : "async";
  }

  async load() {
    this.#release = await acquireDatabaseLock(`opfs:${this.#name}`, { timeoutMs: this.#lockTimeoutMs });
    try {
      this.#dir = await databaseFolder(this.#name, { create: true });
      return await this.#read();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async #read() {
    const names = [];
    for await (const name of this.#dir.keys()) names.push(name);

    // Files are read concurrently: each read is a round trip to the browser's storage process.
    let newest = null;
    const slots = await Promise.all(SLOT_NAMES.filter((name) => names.includes(name)).map((name) => this.#readFile(name)));
    for (const slot of slots.map(decodeSlot)) {
      if (slot && (!newest || slot.generation > newest.generation)) newest = slot;
    }
    this.#generation = newest?.generation ?? 0;

    const unwanted = []; // other generations' pieces, torn pieces
    const mine = [];
    for (const piece of names.map(parsePieceName).filter(Boolean)) {
      (piece.generation === this.#generation ? mine : unwanted).push(piece);
    }
    const files = await Promise.all(mine.map((piece) => this.#readFile(piece.name)));
    const readable = [];
    const bytesOf = new Map();
    mine.forEach((piece, i) => {
      const bytes = piece.open ? files[i] : decodeClosedPiece(piece, files[i]);
      if (bytes === null) {
        unwanted.push(piece);
        return;
      }
      if (piece.open) piece.end = piece.start + bytes.length;
      bytesOf.set(piece, bytes);
      readable.push(piece);
    });
    // Off the chain: leftovers of an interrupted merge, cut or checkpoint. They go before anything
    // is appended: an append could end where a stale piece starts and make it reachable.
    const { chain, orphans, length } = chainPieces(readable);
    for (const piece of [...unwanted, ...orphans]) await this.#remove(piece.name, "delete an unused piece");
    this.#chain = chain;
    this.#length = length;
    return {
      snapshots: newest ? [newest.snapshot.slice()] : [],
      log: concat(chain.map((piece) => bytesOf.get(piece))),
    };
  }

  async append(bytes) {
    if (bytes.length === 0) return;
    if (this.#sync) await this.#appendInPlace(bytes);
    else await this.#appendPiece(bytes);
    this.#length += bytes.length;
  }

  async #appendInPlace(bytes) {
    if (this.#target === null) {
      const last = this.#chain.at(-1);
      let piece = last?.open ? last : null;
      if (piece === null) {
        piece = openPiece(this.#generation, this.#length);
        this.#change(`create ${piece.name}`);
      }
      const file = await this.#dir.getFileHandle(piece.name, { create: true });
      const handle = await file.createSyncAccessHandle();
      if (piece !== last) {
        handle.truncate(0);
        this.#chain.push(piece);
      }
      this.#target = { piece, handle };
    }
    const { piece, handle } = this.#target;
    const at = piece.end - piece.start;
    this.#change(`append to ${piece.name}`);
    try {
      checkWritten(handle.write(bytes, { at }), bytes);
      this.#change(`flush ${piece.name}`);
      handle.flush();
    } catch (error) {
      try {
        handle.truncate(at); // leave no half append behind when the process goes on
      } catch {
        // recovery treats a torn tail as one anyway
      }
      throw error;
    }
    piece.end += bytes.length;
  }

  async #appendPiece(bytes) {
    const start = this.#length;
    const piece = closedPiece(this.#generation, start, start + bytes.length, 0);
    await this.#writeWhole(piece.name, encodeClosedPiece(bytes));
    this.#chain.push(piece);
    await this.#mergeTail();
  }

  // While the log ends with FANOUT closed pieces of one level, merges them into one of the next.
  async #mergeTail() {
    for (;;) {
      const tail = this.#chain.slice(-FANOUT);
      if (tail.length < FANOUT || tail.some((piece) => piece.open || piece.level !== tail[0].level)) return;
      const bytes = concat(await Promise.all(tail.map((piece) => this.#pieceBytes(piece))));
      const merged = closedPiece(this.#generation, tail[0].start, tail.at(-1).end, tail[0].level + 1);
      await this.#writeWhole(merged.name, encodeClosedPiece(bytes));
      for (const piece of tail) await this.#remove(piece.name, "delete a merged piece");
      this.#chain.splice(-FANOUT, FANOUT, merged);
    }
  }

  async checkpoint(snapshot) {
    const generation = this.#generation + 1;
    await this.#writeWhole(slotName(generation), encodeSlot(generation, snapshot));
    await this.#closeTarget();
    // Oldest first: once the first piece is gone, the old generation's chain is empty.
    for (const piece of this.#chain) await this.#remove(piece.name, "delete the old log");
    this.#generation = generation;
    this.#chain = [];
    this.#length = 0;
  }

  async truncateLog(length) {
    if (length >= this.#length) return;
    const first = this.#chain.findIndex((piece) => piece.end > length);
    const cutFrom = this.#chain[first];
    let cut = null;
    if (cutFrom.start < length) {
      const bytes = (await this.#pieceBytes(cutFrom)).subarray(0, length - cutFrom.start);
      const level = cutFrom.open ? 0 : cutFrom.level;
      cut = closedPiece(this.#generation, cutFrom.start, length, level);
      await this.#writeWhole(cut.name, encodeClosedPiece(bytes));
    }
    await this.#closeTarget();
    for (let i = this.#chain.length - 1; i >= first; i -= 1) await this.#remove(this.#chain[i].name, "truncate");
    this.#chain.splice(first, this.#chain.length - first, ...(cut ? [cut] : []));
    this.#length = length;
  }

  async keepDamagedLog(bytes) {
    await this.#writeWhole(`damaged-${new Date().toISOString().replace(/[:.]/g, "-")}.log`, bytes);
  }

  async close() {
    try {
      await this.#closeTarget();
    } finally {
      this.#dir = null;
      this.#release?.();
      this.#release = null;
    }
  }

  async #closeTarget() {
    const target = this.#target;
    this.#target = null;
    target?.handle.close();
  }

  // A piece's log bytes, read back (merges and cuts).
  async #pieceBytes(piece) {
    if (this.#target?.piece === piece) {
      const bytes = new Uint8Array(piece.end - piece.start);
      this.#target.handle.read(bytes, { at: 0 });
      return bytes;
    }
    const file = await this.#readFile(piece.name);
    if (piece.open) return file.subarray(0, piece.end - piece.start);
    const bytes = decodeClosedPiece(piece, file);
    if (bytes === null) throw new StorageFailedError(`OPFS: the log piece ${piece.name} of "${this.#name}" is damaged`);
    return bytes;
  }

  async #readFile(name) {
    const file = await (await this.#dir.getFileHandle(name)).getFile();
    return new Uint8Array(await file.arrayBuffer());
  }

  // Writes a file whole. A crash part way leaves a file whose checksum fails (or, with a writable
  // stream, the file as it was): callers never depend on the write being atomic.
  async #writeWhole(name, bytes) {
    this.#change(`write ${name}`);
    const file = await this.#dir.getFileHandle(name, { create: true });
    if (this.#sync) {
      const handle = await file.createSyncAccessHandle();
      try {
        checkWritten(handle.write(bytes, { at: 0 }), bytes);
        handle.truncate(bytes.length);
        handle.flush();
      } finally {
        handle.close();
      }
    } else {
      const writable = await file.createWritable();
      try {
        await writable.write(bytes);
      } catch (error) {
        await writable.abort().catch(() => {});
        throw error;
      }
      await writable.close();
    }
  }

  async #remove(name, why) {
    this.#change(`${why}: ${name}`);
    try {
      await this.#dir.removeEntry(name);
    } catch (error) {
      if (error?.name !== "NotFoundError") throw error;
    }
  }

  #change(what) {
    this.#beforeChange?.(what);
  }
}

/** Deletes a database's OPFS folder (it must not be open). */
export async function deleteOpfsStorage(name = "default") {
  const root = await globalThis.navigator.storage.getDirectory();
  let folder;
  try {
    folder = await root.getDirectoryHandle(ROOT_FOLDER);
  } catch (error) {
    if (error?.name === "NotFoundError") return;
    throw error;
  }
  try {
    await folder.removeEntry(folderName(name), { recursive: true });
  } catch (error) {
    if (error?.name !== "NotFoundError") throw error;
  }
}

function checkWritten(written, bytes) {
  if (written !== bytes.length) {
    throw new StorageFailedError(`OPFS wrote ${written} of ${bytes.length} bytes (out of quota?)`);
  }
}

async function databaseFolder(name, { create }) {
  const root = await globalThis.navigator.storage.getDirectory();
  const folder = await root.getDirectoryHandle(ROOT_FOLDER, { create });
  return folder.getDirectoryHandle(folderName(name), { create });
}

// Any database name as a valid, distinct file name ("/" and the names "." and ".." are not).
function folderName(name) {
  return encodeURIComponent(name).replace(/\./g, "%2E");
}
