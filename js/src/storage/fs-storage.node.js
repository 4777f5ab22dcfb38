// Storage in a folder of the file system (Node). Files:
//   log          the log, appended to and flushed with fdatasync before an append resolves
//   snapshot     the current snapshot, replaced atomically: written to snapshot.tmp, fsynced,
//                renamed over, and the folder fsynced so the rename itself survives a power cut
//   LOCK         the process id of the process that has the folder open
//   damaged-*.log log bytes that recovery cut off because they were damaged (not just torn)
// One process at a time: a second open fails while the LOCK's process is alive.
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { StorageFailedError } from "./storage-errors.js";

const openHere = new Set(); // resolved folders this process has open

export class FileStorage {
  #dir;
  #log = null; // FileHandle, opened for appending

  /** @param {string} dir the folder; created if missing */
  constructor(dir) {
    if (typeof dir !== "string" || dir === "") throw new TypeError('ShoalDB.open: storage "fs" needs a path (a folder)');
    this.#dir = resolve(dir);
  }

  get path() {
    return this.#dir;
  }

  async load() {
    await mkdir(this.#dir, { recursive: true });
    await this.#lock();
    try {
      await rm(join(this.#dir, "snapshot.tmp"), { force: true }); // a checkpoint that did not finish
      const snapshot = await readIfExists(join(this.#dir, "snapshot"));
      this.#log = await open(join(this.#dir, "log"), "a+");
      const log = await this.#log.readFile();
      return { snapshots: snapshot ? [snapshot] : [], log };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async append(bytes) {
    await this.#log.write(bytes);
    await this.#log.datasync();
  }

  async checkpoint(snapshot) {
    const tmp = join(this.#dir, "snapshot.tmp");
    const file = await open(tmp, "w");
    try {
      await file.write(snapshot);
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(tmp, join(this.#dir, "snapshot"));
    await syncFolder(this.#dir);
    await this.truncateLog(0);
  }

  async truncateLog(length) {
    await this.#log.truncate(length);
    await this.#log.datasync();
  }

  async keepDamagedLog(bytes) {
    const name = `damaged-${new Date().toISOString().replace(/[:.]/g, "-")}.log`;
    await writeFile(join(this.#dir, name), bytes, { flush: true });
  }

  async close() {
    const log = this.#log;
    this.#log = null;
    try {
      await log?.close();
    } finally {
      if (openHere.delete(this.#dir)) await rm(join(this.#dir, "LOCK"), { force: true });
    }
  }

  // The LOCK file names the process holding the folder. A LOCK whose process is gone (it crashed)
  // is taken over; one whose process lives is refused.
  async #lock() {
    if (openHere.has(this.#dir)) throw new StorageFailedError(`ShoalDB.open: ${this.#dir} is already open in this process`);
    const lockPath = join(this.#dir, "LOCK");
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await writeFile(lockPath, `${process.pid}\n`, { flag: "wx" });
        openHere.add(this.#dir);
        return;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
      const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new StorageFailedError(
          `ShoalDB.open: ${this.#dir} is in use by process ${holder}; one process at a time may open a database folder`,
        );
      }
      await rm(lockPath, { force: true }); // stale: its process is gone (or it is this pid, reused)
    }
    throw new StorageFailedError(`ShoalDB.open: could not lock ${this.#dir}`);
  }
}

async function readIfExists(path) {
  try {
    return await readFile(path);
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}

function processIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM"; // alive, owned by someone else
  }
}

// A rename is durable only once the folder entry is: fsync the folder (Linux, macOS; Windows
// cannot open a folder and does not need it).
async function syncFolder(dir) {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    if (!["EISDIR", "EPERM", "EACCES", "EINVAL"].includes(error.code)) throw error;
  } finally {
    await handle?.close();
  }
}
