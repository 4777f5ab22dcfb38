// The storage adapter contract (test/storage/adapter-contract.js, the same cases the browser runs
// against IndexedDB and OPFS) against the adapters Node has: memory and a folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ShoalDB } from "../src/index.node.js";
import { FileStorage } from "../src/storage/fs-storage.node.js";
import { MemoryStorage } from "../src/storage/memory-storage.js";
import { adapterContractCases } from "./storage/adapter-contract.js";

describe("MemoryStorage keeps the adapter contract", () => {
  const stores = new Map(); // id -> the MemoryStorage that holds its bytes across "sessions"
  const open = (id) => {
    if (!stores.has(id)) stores.set(id, new MemoryStorage());
    return stores.get(id);
  };
  for (const { name, run } of adapterContractCases({ open, remove: async (id) => stores.delete(id), ShoalDB })) {
    test(name, run);
  }
});

describe("FileStorage keeps the adapter contract", () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "shoaldb-contract-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const open = (id) => new FileStorage(join(dir, id));
  const remove = (id) => rm(join(dir, id), { recursive: true, force: true });
  for (const { name, run } of adapterContractCases({ open: (id) => open(id), remove, ShoalDB })) {
    test(name, run);
  }
});
