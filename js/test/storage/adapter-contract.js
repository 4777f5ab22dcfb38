// The storage adapter contract (js/src/storage/storage-adapter.js) as test cases that run anywhere:
// Node's test runner (memory, fs), a page and a dedicated worker (IndexedDB, OPFS). A plain module
// with no test-framework import: a case throws when the adapter breaks the contract.
//
//   import { adapterContractCases } from "./storage/adapter-contract.js";
//   const cases = adapterContractCases({ open: (id) => new FileStorage(join(dir, id)), ShoalDB });
//   for (const { name, run } of cases) test(name, run);
//
// `open(id)` returns a new adapter on the storage called `id` (nothing stored under a new id; the
// same id again after close() sees the same bytes). Each case uses ids of its own, made from
// `prefix`, so cases can share a browser profile or a folder. With `ShoalDB`, the last cases also
// check what recovery makes of damaged and torn logs through the real engine.

/**
 * @param {object} target
 * @param {(id: string) => import("../../src/storage/storage-adapter.js").StorageAdapter | Promise<any>} target.open
 * @param {(id: string) => Promise<void>} [target.remove] deletes what a case stored, after it
 * @param {any} [target.ShoalDB] the ShoalDB class of this runtime's entry (recovery cases)
 * @param {string} [target.prefix] put in front of every id (default: a random one)
 * @returns {Array<{ name: string, run: () => Promise<void> }>}
 */
export function adapterContractCases({ open, remove, ShoalDB, prefix = `contract-${randomTag()}` }) {
  let ids = 0;
  // Runs `body(session)` where session(fn) opens an adapter, loads it, runs fn(adapter, loaded) and
  // closes it, whatever happens: a case reads like a sequence of process lifetimes.
  const withStorage = (body) => async () => {
    const id = `${prefix}-${(ids += 1)}`;
    const session = async (fn) => {
      const adapter = await open(id);
      try {
        const loaded = await adapter.load();
        checkLoaded(loaded);
        return await fn(adapter, loaded);
      } finally {
        await adapter.close();
      }
    };
    try {
      await body(session, id);
    } finally {
      await remove?.(id);
    }
  };

  const cases = [
    [
      "a new storage loads no snapshot and an empty log",
      withStorage(async (session) => {
        await session(async (_, loaded) => {
          equal(loaded.snapshots.length, 0, "snapshots of a new storage");
          equal(loaded.log.length, 0, "log bytes of a new storage");
        });
      }),
    ],
    [
      "appends come back whole and in order after a reopen, and later sessions append after them",
      withStorage(async (session) => {
        const chunks = [1, 7, 300, 65_539, 2, 4096].map((n, i) => pattern(n, i));
        await session(async (adapter) => {
          for (const chunk of chunks) {
            const bytes = chunk.slice();
            await adapter.append(bytes);
            bytes.fill(0); // the caller may reuse its buffer once append resolved
          }
        });
        await session(async (adapter, loaded) => {
          equalBytes(loaded.log, concat(chunks), "the log after one session");
          await adapter.append(pattern(33, 99));
        });
        await session(async (_, loaded) => {
          equalBytes(loaded.log, concat([...chunks, pattern(33, 99)]), "the log after two sessions");
          equal(loaded.snapshots.length, 0, "snapshots (none was stored)");
        });
      }),
    ],
    [
      "hundreds of small appends across several sessions read back exactly",
      withStorage(async (session) => {
        const chunks = [];
        for (let round = 0; round < 4; round += 1) {
          await session(async (adapter, loaded) => {
            equalBytes(loaded.log, concat(chunks), `the log at the start of session ${round + 1}`);
            for (let i = 0; i < 70; i += 1) {
              const chunk = pattern(5 + ((i * 37 + round) % 60), chunks.length);
              chunks.push(chunk);
              await adapter.append(chunk);
            }
          });
        }
        await session(async (_, loaded) => equalBytes(loaded.log, concat(chunks), "the log after 280 appends"));
      }),
    ],
    [
      "checkpoint stores the snapshot and empties the log; only the newest snapshot is loaded",
      withStorage(async (session) => {
        const s1 = pattern(1000, 1);
        await session(async (adapter) => {
          await adapter.append(pattern(50, 2));
          await adapter.checkpoint(s1.slice());
          await adapter.append(pattern(20, 3)); // the log after a checkpoint starts from empty
        });
        await session(async (adapter, loaded) => {
          equalSnapshots(loaded, [s1], "after one checkpoint");
          equalBytes(loaded.log, pattern(20, 3), "the log written after the checkpoint");
          await adapter.checkpoint(pattern(200_000, 4));
        });
        await session(async (_, loaded) => {
          equalSnapshots(loaded, [pattern(200_000, 4)], "after a second checkpoint");
          equal(loaded.log.length, 0, "log bytes after the second checkpoint");
        });
        // Checkpoints in a row, of different sizes, in one session and across sessions.
        let last = null;
        await session(async (adapter) => {
          for (let i = 0; i < 5; i += 1) {
            await adapter.append(pattern(10 + i, 10 + i));
            last = pattern(i % 2 === 0 ? 3000 : 17, 20 + i);
            await adapter.checkpoint(last);
          }
        });
        for (let i = 0; i < 3; i += 1) {
          await session(async (adapter, loaded) => {
            equalSnapshots(loaded, [last], `after checkpoint ${i + 6}`);
            equal(loaded.log.length, 0, "log bytes after a checkpoint");
            last = pattern(100 + i, 30 + i);
            await adapter.checkpoint(last);
          });
        }
        await session(async (_, loaded) => equalSnapshots(loaded, [last], "after checkpoints across sessions"));
      }),
    ],
    [
      "truncateLog keeps the log's first bytes, and appends continue right after them",
      withStorage(async (session) => {
        const [a, b, c, d] = [pattern(100, 1), pattern(100, 2), pattern(100, 3), pattern(40, 4)];
        await session(async (adapter) => {
          for (const chunk of [a, b, c]) await adapter.append(chunk);
          await adapter.truncateLog(300); // the whole log: nothing changes
          await adapter.truncateLog(150); // inside b
          await adapter.append(d);
        });
        await session(async (adapter, loaded) => {
          equalBytes(loaded.log, concat([a, b.subarray(0, 50), d]), "the log after a cut inside an append");
          await adapter.truncateLog(100); // at an append's boundary
          await adapter.append(d);
        });
        await session(async (adapter, loaded) => {
          equalBytes(loaded.log, concat([a, d]), "the log after a cut at a boundary");
          await adapter.truncateLog(0);
        });
        await session(async (adapter, loaded) => {
          equal(loaded.log.length, 0, "log bytes after truncateLog(0)");
          await adapter.append(c);
        });
        await session(async (_, loaded) => equalBytes(loaded.log, c, "the log of an append after truncateLog(0)"));
      }),
    ],
    [
      "truncateLog across many appends, after a reopen, keeps the snapshot",
      withStorage(async (session) => {
        const chunks = Array.from({ length: 30 }, (_, i) => pattern(10, i));
        const snapshot = pattern(500, 77);
        await session(async (adapter) => {
          await adapter.checkpoint(snapshot);
          for (const chunk of chunks) await adapter.append(chunk);
        });
        await session(async (adapter) => adapter.truncateLog(123));
        await session(async (adapter, loaded) => {
          equalSnapshots(loaded, [snapshot], "the snapshot after truncateLog");
          equalBytes(loaded.log, concat(chunks).subarray(0, 123), "the log after truncateLog(123)");
          await adapter.truncateLog(7);
          await adapter.truncateLog(7);
          await adapter.append(pattern(3, 100));
        });
        await session(async (_, loaded) => {
          equalBytes(loaded.log, concat([chunks[0].subarray(0, 7), pattern(3, 100)]), "the log after truncateLog(7)");
        });
      }),
    ],
    [
      "the log is bytes, not records: garbage and torn tails come back exactly as appended",
      withStorage(async (session) => {
        const garbage = [
          new Uint8Array(64), // zeros, like a tail the file system extended but never wrote
          new Uint8Array(33).fill(0xff),
          Uint8Array.of(0x10, 0, 0, 0, 0xde, 0xad), // a record header promising more than follows
          pattern(999, 5),
        ];
        await session(async (adapter) => {
          for (const chunk of garbage) await adapter.append(chunk);
        });
        await session(async (_, loaded) => equalBytes(loaded.log, concat(garbage), "garbage in the log"));
      }),
    ],
    [
      "keepDamagedLog (where an adapter has it) changes neither the log nor the snapshot",
      withStorage(async (session) => {
        const snapshot = pattern(64, 8);
        await session(async (adapter) => {
          await adapter.checkpoint(snapshot);
          await adapter.append(pattern(90, 9));
          if (adapter.keepDamagedLog) await adapter.keepDamagedLog(pattern(30, 10));
        });
        await session(async (_, loaded) => {
          equalSnapshots(loaded, [snapshot], "the snapshot after keepDamagedLog");
          equalBytes(loaded.log, pattern(90, 9), "the log after keepDamagedLog");
        });
      }),
    ],
    [
      "an empty append stores nothing",
      withStorage(async (session) => {
        await session(async (adapter) => {
          await adapter.append(pattern(5, 1));
          await adapter.append(new Uint8Array(0));
          await adapter.append(pattern(5, 2));
        });
        await session(async (_, loaded) => {
          equalBytes(loaded.log, concat([pattern(5, 1), pattern(5, 2)]), "the log");
        });
      }),
    ],
  ];

  if (ShoalDB) cases.push(...recoveryCases(withStorage, open, ShoalDB));
  return cases.map(([name, run]) => ({ name, run }));
}

// Recovery through the real engine and DurableStore on this adapter. The database is written
// through a wrapper that skips checkpoints after the first (the snapshot of a new database), so
// what stays stored is a snapshot and the log of every write: the state a crash leaves.
function recoveryCases(withStorage, open, ShoalDB) {
  const TABLE = {
    TableName: "things",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  };
  const ids = async (db) => (await db.scan({ TableName: "things" })).Items.map((item) => item.id).sort();
  const names = (from, to) => Array.from({ length: to - from }, (_, i) => `item-${String(from + i).padStart(3, "0")}`);

  // Creates the table and puts `count` items, one strict write (one append) each; returns the
  // appends made after the table existed, one per put.
  async function writeWithoutCheckpoints(id, count) {
    const appends = [];
    let checkpoints = 0;
    const watched = wrap(await open(id), (adapter) => ({
      async append(bytes) {
        appends.push(bytes.slice());
        await adapter.append(bytes);
      },
      async checkpoint(snapshot) {
        checkpoints += 1;
        if (checkpoints === 1) await adapter.checkpoint(snapshot);
      },
    }));
    const db = await ShoalDB.open({ storage: watched, durability: "strict" });
    await db.createTable(TABLE);
    const start = appends.length;
    for (const item of names(0, count)) await db.put({ TableName: "things", Item: { id: item, payload: item.repeat(4) } });
    await db.close();
    return appends.slice(start);
  }

  async function rawSession(id, fn) {
    const adapter = await open(id);
    try {
      return await fn(adapter, await adapter.load());
    } finally {
      await adapter.close();
    }
  }

  return [
    [
      "recovery through ShoalDB: a torn last record is cut off and every earlier write is kept",
      withStorage(async (_, id) => {
        const appends = await writeWithoutCheckpoints(id, 12);
        equal(appends.length, 12, "one append per strict put");
        const torn = appends[5].subarray(0, Math.floor(appends[5].length / 2));
        const logLength = await rawSession(id, async (adapter, loaded) => {
          await adapter.append(torn); // a crash in the middle of an append
          return loaded.log.length;
        });
        const db = await ShoalDB.open({ storage: await open(id) });
        try {
          equal(db.storage.recovery.stop, "torn", "recovery's stop");
          equal(db.storage.recovery.logBytesDropped, torn.length, "bytes dropped");
          deepEqual(await ids(db), names(0, 12), "items after recovery");
          await db.put({ TableName: "things", Item: { id: "after" } });
          await db.flush();
        } finally {
          await db.close();
        }
        const reopened = await ShoalDB.open({ storage: await open(id) });
        try {
          deepEqual(await ids(reopened), ["after", ...names(0, 12)], "items after the next reopen");
        } finally {
          await reopened.close();
        }
        ok(logLength > 0, "the writes were in the log");
      }),
    ],
    [
      "recovery through ShoalDB: damage in the middle of the log keeps the writes before it",
      withStorage(async (_, id) => {
        const appends = await writeWithoutCheckpoints(id, 10);
        let kept = null;
        await rawSession(id, async (adapter, loaded) => {
          const offset = loaded.log.length - concat(appends.slice(6)).length + 10; // in the 7th put's record
          const damaged = loaded.log.slice();
          damaged[offset] ^= 0x5a;
          await adapter.truncateLog(0);
          await adapter.append(damaged);
        });
        const watched = wrap(await open(id), (adapter) => ({
          async keepDamagedLog(bytes) {
            kept = bytes.slice();
            await adapter.keepDamagedLog?.(bytes);
          },
        }));
        const db = await ShoalDB.open({ storage: watched });
        try {
          const { stop, logBytesDropped } = db.storage.recovery;
          ok(stop !== "end" && stop !== "torn", `damage is reported as damage, not as ${stop}`);
          equal(logBytesDropped, concat(appends.slice(6)).length, "bytes dropped: from the damaged record on");
          const dropped = concat(appends.slice(6)).map((byte, i) => (i === 10 ? byte ^ 0x5a : byte));
          equalBytes(kept, dropped, "damaged bytes kept aside");
          deepEqual(await ids(db), names(0, 6), "items before the damage");
          await db.put({ TableName: "things", Item: { id: "after" } });
        } finally {
          await db.close();
        }
        const reopened = await ShoalDB.open({ storage: await open(id) });
        try {
          equal(reopened.storage.recovery.stop, "end", "the next open finds a clean log");
          deepEqual(await ids(reopened), ["after", ...names(0, 6)], "items after the next reopen");
        } finally {
          await reopened.close();
        }
      }),
    ],
  ];
}

// An adapter object that forwards to `adapter`, except for the methods `overrides` returns.
function wrap(adapter, overrides) {
  const forward = {};
  for (const method of ["load", "append", "checkpoint", "truncateLog", "keepDamagedLog", "close"]) {
    if (typeof adapter[method] === "function") forward[method] = (...args) => adapter[method](...args);
  }
  return { ...forward, ...overrides(adapter) };
}

function checkLoaded(loaded) {
  ok(loaded && Array.isArray(loaded.snapshots), "load() returns { snapshots: Uint8Array[] }");
  ok(loaded.log instanceof Uint8Array, "load() returns { log: Uint8Array }");
  for (const snapshot of loaded.snapshots) ok(snapshot instanceof Uint8Array, "every snapshot is a Uint8Array");
}

// Distinct bytes for chunk `seed`, so that a chunk read from the wrong place or twice shows.
function pattern(length, seed) {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function randomTag() {
  return Math.random().toString(36).slice(2, 10);
}

function fail(message) {
  throw new Error(message);
}

function ok(value, what) {
  if (!value) fail(`expected: ${what}`);
}

function equal(actual, expected, what) {
  if (actual !== expected) fail(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

function deepEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    fail(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

function equalBytes(actual, expected, what) {
  ok(actual instanceof Uint8Array, `${what}: a Uint8Array`);
  if (actual.length !== expected.length) fail(`${what}: ${actual.length} bytes, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i += 1) {
    if (actual[i] !== expected[i]) fail(`${what}: byte ${i} is ${actual[i]}, expected ${expected[i]}`);
  }
}

function equalSnapshots(loaded, expected, what) {
  equal(loaded.snapshots.length, expected.length, `${what}: number of snapshots`);
  expected.forEach((snapshot, i) => equalBytes(loaded.snapshots[i], snapshot, `${what}: snapshot ${i}`));
}
