// One writer per browser database: an exclusive Web Lock (navigator.locks) held from open to close,
// across every tab and worker of the origin. A second open of the same database waits until the
// first closes (its tab closes, or db.close()), or fails after `timeoutMs` when one is given.
// Where Web Locks do not exist (old browsers), the database opens unlocked.
import { StorageFailedError } from "./storage-errors.js";

/**
 * Resolves with a function that releases the lock.
 * @param {string} name
 * @param {{ timeoutMs?: number }} [options]
 */
export async function acquireDatabaseLock(name, { timeoutMs } = {}) {
  const locks = globalThis.navigator?.locks;
  if (!locks) return () => {};
  const lockName = `shoaldb:${name}`;
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const controller = timeoutMs === undefined ? null : new AbortController();
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
  await new Promise((acquired, failed) => {
    locks
      .request(lockName, { mode: "exclusive", signal: controller?.signal }, () => {
        acquired();
        return held; // the lock is kept until release() settles this
      })
      .catch((error) => {
        if (error?.name === "AbortError") {
          failed(
            new StorageFailedError(
              `ShoalDB.open: database "${name}" is open in another tab or worker (waited ${timeoutMs} ms for it to close)`,
            ),
          );
        } else {
          failed(error);
        }
      });
  }).finally(() => clearTimeout(timer));
  return () => release();
}
