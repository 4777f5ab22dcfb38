// The interface every storage adapter implements (memory, fs, IndexedDB, OPFS). Adapters store
// bytes and nothing else: what the bytes are, when to write them and how to recover from them is
// decided by the engine (core/storage/FORMAT.md) and by durable-store.js. Calls never overlap:
// durable-store.js issues one at a time and waits for it.
//
// A database is a log (a byte string only ever appended to, truncated or emptied) and a snapshot
// (replaced whole). An adapter may keep two snapshot slots and return both from load(): the engine
// uses the newest one that is valid.
//
// @typedef {object} StorageAdapter
// @property {() => Promise<{ snapshots: Uint8Array[], log: Uint8Array }>} load
//   Everything stored: the snapshot(s) (none for a new database) and the whole log, concatenated.
// @property {(bytes: Uint8Array) => Promise<void>} append
//   Appends to the log. Resolves once the bytes would survive a crash of the process (and, where
//   the platform offers it, of the machine: fsync, IndexedDB's strict durability).
// @property {(snapshot: Uint8Array) => Promise<void>} checkpoint
//   Stores a new snapshot, then empties the log. After a crash at any moment load() returns the
//   old snapshot with the whole log, the new snapshot with the whole log, or the new snapshot with
//   an empty log; never a mix of two snapshots (keep two slots where there is no atomic replace).
// @property {(length: number) => Promise<void>} truncateLog
//   Keeps the log's first `length` bytes (recovery found damage or a torn record after them).
// @property {(bytes: Uint8Array) => Promise<void>} [keepDamagedLog]
//   Optional: keeps a copy of damaged log bytes about to be cut off, for a person to look at.
// @property {() => Promise<void>} close
//   Releases files, handles and locks. The adapter is not used again.
export {};
